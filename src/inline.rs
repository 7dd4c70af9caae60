//! Inline markup inside text strings: a small, strict syntax parsed into an [`Inline`]
//! tree that every emitter walks.
//!
//! | markup | meaning | JATS | TEI | XHTML |
//! |---|---|---|---|---|
//! | `*text*` | italic | `italic` | `hi rend="italic"` | `i`/`em` |
//! | `**text**` | bold | `bold` | `hi rend="bold"` | `b` |
//! | `^text^` | superscript | `sup` | `hi rend="sup"` | `sup` |
//! | `~text~` | subscript | `sub` | `hi rend="sub"` | `sub` |
//! | `[text]{.sc}` | small caps | `sc` | `hi rend="smallcaps"` | `span` |
//! | `[牛军]{lang=zh-Hans}` | a language span | `named-content` + `xml:lang` | `foreign xml:lang` | `span lang` |
//! | `[text](https://…)` | a link | `ext-link` | `ref target` | `a href` |
//! | `[^fn1]` | footnote reference | `xref ref-type="fn"` | `ptr`/`note` | `a` (noteref) |
//! | `[@ref1, p. 12; @ref2]` | citations, text generated in the journal's style | `xref ref-type="bibr"` per reference, brackets outside | `bibl` holding `ref target` and `citedRange` | `a` per reference |
//! | `[-@ref1]` | the same, author suppressed: "(1995)" | as above | as above | as above |
//! | `[!@ref1; @ref2]` | the same, without brackets | as above | as above | as above |
//! | `@ref1` (at the start, or after a character that is not a letter or digit) | narrative citation: "Shen (1995)" | `xref` | `bibl`/`ref` | `a` |
//! | `[Shen (1995)](@ref1)`, `[x](@a; @b)` | citation printed as written | `xref rid="a b"` | `ref target="#a #b"` | `a` (first target; `data-targets`) |
//! | `[[26]–[28]](@r26..@r28)` | printed citation of a range | `xref` listing every reference of the range | `ref` likewise | `a` likewise |
//! | `[#fig1]` | cross-reference, the target's label | `xref` | `ref target` with the label | `a` |
//! | `[Figure 2C–F](#fig2)`, `[x](#a; #b)` | cross-reference printed as written | `xref rid="a b"` | `ref target="#a #b"` | `a` (first target; `data-targets`) |
//! | `[$f1]` | an inline formula of the article's `formulas` list (only `[$` + an id + `]`; any other `[$…]` is text) | `inline-formula` (`mml:math`, `tex-math`) | `formula notation="tex"` | MathML `math` |
//!
//! A backslash before any ASCII punctuation character makes it literal (`\*`, `\[`, `\@`); a
//! backslash before anything else is itself literal. Every other character, quotation
//! marks included, is text and is kept exactly. Brackets that form none of the constructs
//! above are text, as scholarly text needs them (`[sic]`, `[…]`, a lone `]`). An emphasis
//! delimiter that is never closed (`*`, `**`, `^`, `~`), a malformed footnote, citation,
//! link or span is an error rather than a guess, with the character offset where it starts.

/// One piece of inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    /// Plain text, exactly as written (escapes resolved).
    Text(String),
    /// Italic.
    Italic(Vec<Inline>),
    /// Bold.
    Bold(Vec<Inline>),
    /// Superscript.
    Sup(Vec<Inline>),
    /// Subscript.
    Sub(Vec<Inline>),
    /// Small capitals.
    SmallCaps(Vec<Inline>),
    /// Text in another language, such as Chinese characters in English text.
    Lang {
        /// BCP 47 tag.
        lang: String,
        /// The content.
        content: Vec<Inline>,
    },
    /// An external link.
    Link {
        /// The target URL.
        url: String,
        /// The link text.
        content: Vec<Inline>,
    },
    /// A reference to a footnote by id.
    FootnoteRef {
        /// The footnote's id.
        id: String,
        /// Byte offset of the id in the parsed string, for diagnostics.
        offset: usize,
    },
    /// Citations whose text the journal's citation style generates (`[@a; @b, p. 12]`,
    /// `[-@a]`, `[!@a]`, a narrative `@a`).
    Cite {
        /// How the group is printed: in brackets, bare, or narrative.
        mode: CiteMode,
        /// The citations, in order.
        items: Vec<Citation>,
    },
    /// A cross-reference to a figure, table or section by id, printing its label.
    XRef {
        /// The target's id.
        id: String,
        /// Byte offset of the id in the parsed string, for diagnostics.
        offset: usize,
    },
    /// An inline formula of the article's `formulas` list (`[$f1]`).
    Formula {
        /// The formula's id.
        id: String,
        /// Byte offset of the id in the parsed string, for diagnostics.
        offset: usize,
    },
    /// A citation printed as the source prints it (`[Papp and Müller (2006)](@r2)`,
    /// `[[26]–[28]](@r26..@r28)`): the text, linked to one or several references.
    CiteText {
        /// The printed text, exactly as written.
        content: Vec<Inline>,
        /// The references, in order; a range stands for every reference between its
        /// ends in reference-list order (expanded by the resolve stage).
        targets: Vec<LinkTarget>,
    },
    /// A cross-reference with its own text (`[Figure 2C–F](#fig2)`,
    /// `[Figures 1 and 2](#f1; #f2)`), to one or several targets.
    XRefText {
        /// The printed text, exactly as written.
        content: Vec<Inline>,
        /// The targets, in order (no ranges).
        targets: Vec<LinkTarget>,
    },
}

impl Inline {
    /// The content a span holds (italic, bold, a language span, a link, a citation or
    /// cross-reference with its printed text); `None` for text and generated pieces.
    pub fn content(&self) -> Option<&[Inline]> {
        match self {
            Inline::Italic(c)
            | Inline::Bold(c)
            | Inline::Sup(c)
            | Inline::Sub(c)
            | Inline::SmallCaps(c)
            | Inline::Lang { content: c, .. }
            | Inline::Link { content: c, .. }
            | Inline::CiteText { content: c, .. }
            | Inline::XRefText { content: c, .. } => Some(c),
            Inline::Text(_)
            | Inline::FootnoteRef { .. }
            | Inline::Cite { .. }
            | Inline::XRef { .. }
            | Inline::Formula { .. } => None,
        }
    }
}

/// How a group of generated citations is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiteMode {
    /// `[@a; @b]`: enclosed in the style's brackets, "(Shen 1995; Zhang 2001)" or "[1, 2]".
    Bracketed,
    /// `[!@a]`: without brackets, for a citation the source already writes inside
    /// parentheses: "(see Shen 1995)" from `(see [!@shen1995])`.
    Bare,
    /// `@a` in running text: the author as part of the sentence, "Shen (1995)".
    Narrative,
}

/// One target of a citation or cross-reference that carries its own text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    /// The id (the first reference of a range).
    pub id: String,
    /// Byte offset of the id in the parsed string, for diagnostics.
    pub offset: usize,
    /// The last reference of a range `@a..@b`, with its byte offset.
    pub range_to: Option<(String, usize)>,
}

/// One citation inside `[@…]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The reference's id.
    pub id: String,
    /// A locator such as `p. 12`.
    pub locator: Option<String>,
    /// Byte offset of the id in the parsed string, for diagnostics.
    pub offset: usize,
    /// `[-@a]`: the author is named in the sentence already; only the year (or number)
    /// is generated.
    pub suppress_author: bool,
}

/// A markup error: where it starts (in characters from the start of the string), how
/// long it is, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    /// Offset in characters.
    pub offset: usize,
    /// Length in characters.
    pub len: usize,
    /// Stable diagnostic code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Offset in bytes, for the parser's own use.
    pub(crate) byte: usize,
}

/// Parses a marked-up string.
pub fn parse(s: &str) -> Result<Vec<Inline>, MarkupError> {
    let mut p = P {
        s,
        b: s.as_bytes(),
        i: 0,
        depth: 0,
        unclosed: std::collections::HashSet::new(),
        last_close: s.bytes().rposition(|b| b == b']'),
    };
    let out = p.seq(None)?;
    Ok(out)
}

/// The plain text of inline content: what a reader reads, markup and references removed.
pub fn plain_text(nodes: &[Inline]) -> String {
    let mut s = String::new();
    fn walk(nodes: &[Inline], s: &mut String) {
        for n in nodes {
            match n {
                Inline::Text(t) => s.push_str(t),
                // Spans give their content; references and formulas print nothing here.
                other => {
                    if let Some(c) = other.content() {
                        walk(c, s);
                    }
                }
            }
        }
    }
    walk(nodes, &mut s);
    s
}

/// Calls `f` on every node, depth first.
pub fn visit<'a>(nodes: &'a [Inline], f: &mut impl FnMut(&'a Inline)) {
    for n in nodes {
        f(n);
        if let Some(c) = n.content() {
            visit(c, f);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Close {
    Italic,
    Bold,
    Sup,
    Sub,
    Bracket,
}

impl Close {
    fn token(self) -> &'static str {
        match self {
            Close::Italic => "*",
            Close::Bold => "**",
            Close::Sup => "^",
            Close::Sub => "~",
            Close::Bracket => "]",
        }
    }
}

/// The parser. It walks the string by byte: every markup character is ASCII, so byte
/// positions of markup are character boundaries, and runs of text between markup are
/// copied as slices. Error positions are turned into character offsets at the end.
struct P<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
    /// How many spans are open around the current position.
    depth: usize,
    /// Byte positions of `[`s already found never to close: they are text from then
    /// on, so no bracket is tried twice (unclosed brackets would otherwise cost
    /// exponential time).
    unclosed: std::collections::HashSet<usize>,
    /// Byte position of the last `]` in the string, if any.
    last_close: Option<usize>,
}

/// Spans nest at most this deep; deeper is an error, not a stack overflow.
pub const MAX_DEPTH: usize = 32;

/// Whether a byte can start or end markup.
fn is_special(b: u8) -> bool {
    matches!(b, b'*' | b'^' | b'~' | b'[' | b']' | b'\\' | b'@')
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
}

fn valid_id(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && s.chars().all(is_id_char)
}

impl P<'_> {
    /// The byte `k` ahead, as a char (non-ASCII bytes never equal a markup character).
    fn peek(&self, k: usize) -> Option<char> {
        self.b.get(self.i + k).map(|&b| b as char)
    }

    /// An error at byte `offset`, `len` bytes long, reported in characters.
    fn err(
        &self,
        offset: usize,
        len: usize,
        code: &'static str,
        message: String,
        hint: &str,
    ) -> MarkupError {
        let floor = |mut b: usize| {
            b = b.min(self.s.len());
            while !self.s.is_char_boundary(b) {
                b -= 1;
            }
            b
        };
        let start = floor(offset);
        let end = floor(offset + len).max(start);
        MarkupError {
            byte: start,
            offset: self.s[..start].chars().count(),
            len: self.s[start..end].chars().count(),
            code,
            message,
            hint: hint.to_string(),
        }
    }

    /// Parses until `close` (consumed) or the end of the string.
    fn seq(&mut self, close: Option<(Close, usize)>) -> Result<Vec<Inline>, MarkupError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.err(
                self.i,
                1,
                "markup.too-deep",
                format!("markup nested more than {MAX_DEPTH} spans deep"),
                "no text needs this much nesting; check for stray `*`, `[` or `^`",
            ));
        }
        self.depth += 1;
        let result = self.seq_inner(close);
        self.depth -= 1;
        result
    }

    fn seq_inner(&mut self, close: Option<(Close, usize)>) -> Result<Vec<Inline>, MarkupError> {
        let mut out: Vec<Inline> = Vec::new();
        let mut text = String::new();
        macro_rules! flush {
            () => {
                if !text.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut text)));
                }
            };
        }
        while let Some(ch) = self.peek(0) {
            let start = self.i;
            // Closing delimiter of the enclosing span?
            if let Some((cl, _)) = close
                && self.closes(cl, ch)
            {
                self.i += cl.token().chars().count();
                flush!();
                return Ok(out);
            }
            match ch {
                '\\' => match self.peek(1) {
                    Some(n) if n.is_ascii_punctuation() => {
                        text.push(n);
                        self.i += 2;
                    }
                    _ => {
                        text.push('\\');
                        self.i += 1;
                    }
                },
                '*' | '^' | '~' => {
                    flush!();
                    out.push(self.emphasis(ch, start)?);
                }
                '@' => match self.narrative_citation() {
                    Some(cite) => {
                        flush!();
                        out.push(cite);
                    }
                    None => {
                        text.push('@');
                        self.i += 1;
                    }
                },
                '[' => {
                    flush!();
                    for node in self.bracket()? {
                        match (node, out.last_mut()) {
                            (Inline::Text(t), Some(Inline::Text(prev))) => prev.push_str(&t),
                            (node, _) => out.push(node),
                        }
                    }
                    if let Some(Inline::Text(prev)) = out.last() {
                        text = prev.clone();
                        out.pop();
                    }
                }
                _ => {
                    // A run of text up to the next markup character, copied whole.
                    let end = self.b[self.i..]
                        .iter()
                        .position(|&b| is_special(b))
                        .map_or(self.b.len(), |n| self.i + n);
                    let end = end.max(self.i + 1);
                    text.push_str(&self.s[self.i..end]);
                    self.i = end;
                }
            }
        }
        if let Some((cl, open)) = close {
            return Err(self.err(
                open,
                1,
                "markup.unclosed",
                format!("`{}` is opened here but never closed", open_token(cl)),
                &format!(
                    "close it with `{}`, or write a literal `{}` as `\\{}`",
                    cl.token(),
                    open_token(cl),
                    open_token(cl).chars().next().unwrap_or('*')
                ),
            ));
        }
        flush!();
        Ok(out)
    }

    /// Whether `ch` at self.i closes a span opened with `cl`.
    fn closes(&self, cl: Close, ch: char) -> bool {
        match cl {
            Close::Bold => ch == '*' && self.peek(1) == Some('*'),
            // `***` after italic text closes the italic first: `**a *b***`.
            Close::Italic => ch == '*' && (self.peek(1) != Some('*') || self.peek(2) == Some('*')),
            Close::Sup => ch == '^',
            Close::Sub => ch == '~',
            Close::Bracket => ch == ']',
        }
    }

    /// An italic, bold, superscript or subscript span opening with `ch` at `start`.
    fn emphasis(&mut self, ch: char, start: usize) -> Result<Inline, MarkupError> {
        let (cl, width): (Close, usize) = match ch {
            '*' if self.peek(1) == Some('*') => (Close::Bold, 2),
            '*' => (Close::Italic, 1),
            '^' => (Close::Sup, 1),
            _ => (Close::Sub, 1),
        };
        self.i += width;
        let inner = self.span_content(cl, start)?;
        Ok(match cl {
            Close::Bold => Inline::Bold(inner),
            Close::Italic => Inline::Italic(inner),
            Close::Sup => Inline::Sup(inner),
            _ => Inline::Sub(inner),
        })
    }

    fn span_content(&mut self, cl: Close, open: usize) -> Result<Vec<Inline>, MarkupError> {
        let inner = self.seq(Some((cl, open)))?;
        if inner.is_empty() {
            return Err(self.err(
                open,
                self.i - open,
                "markup.empty",
                format!("empty `{}…{}` span", open_token(cl), cl.token()),
                &format!(
                    "put text inside, or escape the characters as `\\{}`",
                    open_token(cl).chars().next().unwrap_or('*')
                ),
            ));
        }
        Ok(inner)
    }

    /// `[` at self.i: a footnote, citation, cross-reference, link or attributed span;
    /// or, when none of these follows, the brackets as text with their content parsed
    /// (`[sic]`, `[…]`), and a `[` that is never closed is text too.
    fn bracket(&mut self) -> Result<Vec<Inline>, MarkupError> {
        let open = self.i;
        // A `[` with no `]` anywhere after it can only be text.
        let special = matches!(self.b.get(open + 1), Some(b'^' | b'@' | b'#'))
            || (matches!(self.b.get(open + 1), Some(b'-' | b'!'))
                && self.b.get(open + 2) == Some(&b'@'));
        if !special && (self.unclosed.contains(&open) || self.last_close.is_none_or(|c| c < open)) {
            self.i = open + 1;
            return Ok(vec![Inline::Text("[".into())]);
        }
        if let Some(formula) = self.formula_ref(open) {
            return Ok(vec![formula]);
        }
        match self.bracket_markup() {
            Err(e) if e.code == "markup.unclosed" && e.byte == open && !special => {
                self.unclosed.insert(open);
                self.i = open + 1;
                Ok(vec![Inline::Text("[".into())])
            }
            other => other,
        }
    }

    /// Whether an unescaped `^` comes before the first unescaped `]` from byte `from`.
    fn caret_before_close(&self, from: usize) -> bool {
        let mut i = from;
        while let Some(&b) = self.b.get(i) {
            match b {
                b'\\' => i += 2,
                b']' => return false,
                b'^' => return true,
                _ => i += 1,
            }
        }
        false
    }

    /// `[$id]` at `open`: an inline formula, only when `[$` is followed by an id and `]`
    /// (so `[$5]`, `[$ 12 million]` and every other `[$…]` stay text, as they were).
    fn formula_ref(&mut self, open: usize) -> Option<Inline> {
        let rest = self.s.get(open + 1..)?.strip_prefix('$')?;
        let end = rest.find(']')?;
        let id = &rest[..end];
        if !valid_id(id) {
            return None;
        }
        self.i = open + 2 + end + 1;
        Some(Inline::Formula {
            id: id.to_string(),
            offset: open + 2,
        })
    }

    fn bracket_markup(&mut self) -> Result<Vec<Inline>, MarkupError> {
        let open = self.i;
        match self.peek(1) {
            // `[^id]` is a footnote reference; but `[^2^ …]{.sc}` starts with a
            // superscript, which a second `^` before the `]` tells apart.
            Some('^') if !self.caret_before_close(open + 2) => {
                let id = self.until_bracket(open + 2)?;
                return self
                    .id_or_err(id, open, "footnote reference `[^id]`")
                    .map(|id| {
                        vec![Inline::FootnoteRef {
                            id,
                            offset: open + 2,
                        }]
                    });
            }
            Some('#') => {
                let id = self.until_bracket(open + 2)?;
                return self
                    .id_or_err(id, open, "cross-reference `[#id]`")
                    .map(|id| {
                        vec![Inline::XRef {
                            id,
                            offset: open + 2,
                        }]
                    });
            }
            Some('@') => return self.citations(open, 1, CiteMode::Bracketed, false),
            Some('-') if self.peek(2) == Some('@') => {
                return self.citations(open, 2, CiteMode::Bracketed, true);
            }
            Some('!') if self.peek(2) == Some('@') => {
                return self.citations(open, 2, CiteMode::Bare, false);
            }
            _ => {}
        }
        self.i += 1;
        let content = self.seq(Some((Close::Bracket, open)))?;
        match self.peek(0) {
            Some('(') if matches!(self.peek(1), Some('@' | '#')) => self.linked_text(open, content),
            Some('(') => self.link(open, content),
            Some('{') => self.attributed_span(open, content),
            // Plain brackets: text, with their content's markup kept.
            _ => {
                let mut v = vec![Inline::Text("[".into())];
                v.extend(content);
                v.push(Inline::Text("]".into()));
                Ok(v)
            }
        }
    }

    /// `[@a, p. 12; @b]` at `open` (also `[-@a]`, `[!@a]`, whose marker is `skip` − 1
    /// bytes long): citations, each with its id's byte offset.
    fn citations(
        &mut self,
        open: usize,
        skip: usize,
        mode: CiteMode,
        suppress_author: bool,
    ) -> Result<Vec<Inline>, MarkupError> {
        let body = self.until_bracket(open + skip)?;
        let mut cites = Vec::new();
        // Byte offset of the current item in the string.
        let mut at = open + skip;
        for raw in body.split(';') {
            let item_at = at;
            at += raw.len() + 1;
            let item = raw.trim();
            let Some(rest) = item.strip_prefix('@') else {
                return Err(self.err(
                    open,
                    self.i - open,
                    "markup.citation",
                    format!("citation item `{item}` does not start with `@`"),
                    "write citations as `[@id]`, `[@id, p. 12]` or `[@a; @b]`; a citation with its own text as `[Shen (1995)](@id)`",
                ));
            };
            let (id, locator) = match rest.split_once(',') {
                Some((id, loc)) => (id, Some(loc.trim().to_string())),
                None => (rest, None),
            };
            // After the item's leading space and its `@`, and the id's own.
            let offset = item_at
                + (raw.len() - raw.trim_start().len())
                + 1
                + (id.len() - id.trim_start().len());
            let id = self.id_or_err(id.trim().to_string(), open, "citation `[@id]`")?;
            cites.push(Citation {
                id,
                locator: locator.filter(|l| !l.is_empty()),
                offset,
                suppress_author,
            });
        }
        Ok(vec![Inline::Cite { mode, items: cites }])
    }

    /// `@id` in running text at self.i: a narrative citation, by pandoc's rule (the `@`
    /// starts the string or follows a character that is not a letter or digit, and a
    /// letter follows it). Trailing `.`, `-` and `_` end the sentence, not the id. `None`
    /// when the `@` is text (`a@b.org`, `@ 5`).
    fn narrative_citation(&mut self) -> Option<Inline> {
        let after_word = self.s[..self.i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if after_word || !self.peek(1).is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let from = self.i + 1;
        let len = self.b[from..]
            .iter()
            .position(|&b| !is_id_char(b as char))
            .unwrap_or(self.b.len() - from);
        let id = self.s[from..from + len].trim_end_matches(['.', '-', '_']);
        self.i = from + id.len();
        Some(Inline::Cite {
            mode: CiteMode::Narrative,
            items: vec![Citation {
                id: id.to_string(),
                locator: None,
                offset: from,
                suppress_author: false,
            }],
        })
    }

    /// `[text](@a; @b..@c)` or `[text](#a; #b)`: `(` at self.i, the text already parsed.
    /// A citation or cross-reference that prints the source's own text.
    fn linked_text(
        &mut self,
        open: usize,
        content: Vec<Inline>,
    ) -> Result<Vec<Inline>, MarkupError> {
        let list_start = self.i + 1;
        let Some(end) = self.b[list_start..].iter().position(|&c| c == b')') else {
            return Err(self.err(
                self.i,
                1,
                "markup.unclosed",
                "the target list `(` is never closed".into(),
                "write `[printed text](@id)` or `[printed text](#a; #b)`; in a YAML value without quotes ` #` starts a comment, so write `(#a;#b)` there or quote the value",
            ));
        };
        self.i = list_start + end + 1;
        if plain_text(&content).trim().is_empty() {
            return Err(self.err(
                open,
                self.i - open,
                "markup.empty",
                "a citation or cross-reference with empty printed text".into(),
                "write the text as printed inside the brackets, or use `[@id]` / `[#id]` to have it generated",
            ));
        }
        self.no_nested_reference(open, &content)?;
        let cite = self.b[list_start] == b'@';
        let mut targets = Vec::new();
        let mut at = list_start;
        for raw in self.s[list_start..list_start + end].split(';') {
            let item_at = at + (raw.len() - raw.trim_start().len());
            at += raw.len() + 1;
            targets.push(self.link_target(raw.trim(), item_at, cite)?);
        }
        let node = if cite {
            Inline::CiteText { content, targets }
        } else {
            Inline::XRefText { content, targets }
        };
        Ok(vec![node])
    }

    /// One item of a target list at byte `at`: `@id`, `@a..@b` (citations) or `#id`.
    fn link_target(&self, item: &str, at: usize, cite: bool) -> Result<LinkTarget, MarkupError> {
        let sigil = if cite { '@' } else { '#' };
        let hint = "a target list holds either references (`@a; @b`, `@a..@c`) or figures, tables and sections (`#a; #b`), not both";
        let one = |s: &str, at: usize| -> Result<(String, usize), MarkupError> {
            let Some(id) = s.strip_prefix(sigil) else {
                let code = if s.starts_with(['@', '#']) {
                    "markup.mixed-targets"
                } else {
                    "markup.target"
                };
                return Err(self.err(
                    at,
                    s.len().max(1),
                    code,
                    format!("`{s}` is not a `{sigil}id` target"),
                    hint,
                ));
            };
            if !valid_id(id) {
                return Err(self.err(
                    at,
                    s.len().max(1),
                    "markup.id",
                    format!("`{id}` is not a valid id"),
                    "ids start with a letter and use letters, digits, `-`, `_` and `.`",
                ));
            }
            Ok((id.to_string(), at + 1))
        };
        match item.split_once("..") {
            Some((a, b)) if cite => {
                let (id, offset) = one(a.trim_end(), at)?;
                let b_at = at + a.len() + 2 + (b.len() - b.trim_start().len());
                Ok(LinkTarget { id, offset, range_to: Some(one(b.trim(), b_at)?) })
            }
            Some(_) => Err(self.err(at, item.len().max(1), "markup.range", format!("`{item}`: a range of cross-reference targets"), "ranges are for citations (`@r1..@r3`); list cross-reference targets one by one: `#f1; #f2; #f3`")),
            None => {
                let (id, offset) = one(item, at)?;
                Ok(LinkTarget { id, offset, range_to: None })
            }
        }
    }

    /// An error when a link's or a printed reference's text holds a link or a reference.
    fn no_nested_reference(&self, open: usize, content: &[Inline]) -> Result<(), MarkupError> {
        let mut nested = false;
        visit(content, &mut |n| {
            nested |= matches!(
                n,
                Inline::Link { .. }
                    | Inline::FootnoteRef { .. }
                    | Inline::Cite { .. }
                    | Inline::XRef { .. }
                    | Inline::CiteText { .. }
                    | Inline::XRefText { .. }
            );
        });
        if nested {
            return Err(self.err(
                open,
                self.i - open,
                "markup.nested-link",
                "a link's text holds another link or a reference".into(),
                "put the footnote, citation or other link after the link: `[text](url)[^fn1]`",
            ));
        }
        Ok(())
    }

    /// `[text](url)`: `(` at self.i, the text already parsed.
    fn link(&mut self, open: usize, content: Vec<Inline>) -> Result<Vec<Inline>, MarkupError> {
        let url_start = self.i + 1;
        let Some(end) = self.b[url_start..].iter().position(|&c| c == b')') else {
            return Err(self.err(
                self.i,
                1,
                "markup.unclosed",
                "link target `(` is never closed".into(),
                "write links as `[text](https://…)`",
            ));
        };
        let url = self.s[url_start..url_start + end].to_string();
        let ok = (url.starts_with("https://")
            || url.starts_with("http://")
            || url.starts_with("mailto:"))
            && !url.chars().any(|c| {
                c.is_whitespace()
                    || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
            });
        if !ok {
            return Err(self.err(
                url_start,
                end.max(1),
                "markup.link",
                format!("`{url}` is not an absolute http(s) or mailto URL without spaces or < > \" {{ }} | \\ ^ `"),
                "write links as `[text](https://…)`",
            ));
        }
        self.i = url_start + end + 1;
        if content.is_empty() {
            return Err(self.err(
                open,
                self.i - open,
                "markup.empty",
                "link without text".into(),
                "write `[text](url)`",
            ));
        }
        self.no_nested_reference(open, &content)?;
        Ok(vec![Inline::Link { url, content }])
    }

    /// `[text]{.sc}` or `[text]{lang=…}`: `{` at self.i, the text already parsed.
    fn attributed_span(
        &mut self,
        open: usize,
        content: Vec<Inline>,
    ) -> Result<Vec<Inline>, MarkupError> {
        let attr_start = self.i + 1;
        let Some(end) = self.b[attr_start..].iter().position(|&c| c == b'}') else {
            return Err(self.err(
                self.i,
                1,
                "markup.unclosed",
                "attribute list `{` is never closed".into(),
                "write `[text]{.sc}` or `[text]{lang=zh-Hans}`",
            ));
        };
        let attrs = &self.s[attr_start..attr_start + end];
        self.i = attr_start + end + 1;
        if content.is_empty() {
            return Err(self.err(
                open,
                self.i - open,
                "markup.empty",
                "span without text".into(),
                "put text inside the brackets",
            ));
        }
        let attrs = attrs.trim();
        if attrs == ".sc" {
            Ok(vec![Inline::SmallCaps(content)])
        } else if let Some(lang) = attrs.strip_prefix("lang=") {
            let lang = lang.trim().trim_matches('"');
            let valid = {
                let mut parts = lang.split('-');
                let first = parts.next().unwrap_or("");
                (2..=3).contains(&first.len())
                    && first.chars().all(|c| c.is_ascii_alphabetic())
                    && parts.all(|p| {
                        (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
                    })
            };
            if !valid {
                return Err(self.err(
                    attr_start,
                    end.max(1),
                    "markup.lang",
                    format!("`{lang}` is not a BCP 47 language tag"),
                    "use a tag such as `zh-Hans`, `zh`, `ru`",
                ));
            }
            Ok(vec![Inline::Lang {
                lang: lang.to_string(),
                content,
            }])
        } else {
            Err(self.err(
                attr_start,
                end.max(1),
                "markup.attribute",
                format!("unknown span attribute `{{{attrs}}}`"),
                "galley knows `{.sc}` (small caps) and `{lang=…}` (a language span)",
            ))
        }
    }

    /// Reads from `from` to the next `]` (consumed); errors if there is none.
    fn until_bracket(&mut self, from: usize) -> Result<String, MarkupError> {
        match self.b[from.min(self.b.len())..]
            .iter()
            .position(|&c| c == b']')
        {
            Some(end) => {
                let s = self.s[from..from + end].to_string();
                self.i = from + end + 1;
                Ok(s)
            }
            None => Err(self.err(
                self.i,
                1,
                "markup.unclosed",
                "`[` is opened here but never closed".into(),
                "close it with `]`, or write a literal bracket as `\\[`",
            )),
        }
    }

    fn id_or_err(&self, id: String, open: usize, what: &str) -> Result<String, MarkupError> {
        if valid_id(&id) {
            Ok(id)
        } else {
            Err(self.err(
                open,
                self.i - open,
                "markup.id",
                format!("`{id}` is not a valid id in a {what}"),
                "ids start with a letter and use letters, digits, `-`, `_` and `.`",
            ))
        }
    }
}

fn open_token(cl: Close) -> &'static str {
    match cl {
        Close::Bracket => "[",
        other => other.token(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Inline::*;

    fn t(s: &str) -> Inline {
        Text(s.into())
    }

    #[test]
    fn basic_spans() {
        assert_eq!(
            parse("a *b* **c** ^2^ ~x~").unwrap(),
            vec![
                t("a "),
                Italic(vec![t("b")]),
                t(" "),
                Bold(vec![t("c")]),
                t(" "),
                Sup(vec![t("2")]),
                t(" "),
                Sub(vec![t("x")])
            ]
        );
    }

    #[test]
    fn nested_and_brackets() {
        assert_eq!(
            parse("**a *b***").unwrap(),
            vec![Bold(vec![t("a "), Italic(vec![t("b")])])]
        );
        assert_eq!(
            parse("[牛军]{lang=zh-Hans} [x]{.sc} [y](https://e.org/a)").unwrap(),
            vec![
                Lang {
                    lang: "zh-Hans".into(),
                    content: vec![t("牛军")]
                },
                t(" "),
                SmallCaps(vec![t("x")]),
                t(" "),
                Link {
                    url: "https://e.org/a".into(),
                    content: vec![t("y")]
                }
            ]
        );
        assert_eq!(
            parse("x[^fn1] [@a, p. 3; @b] [#fig1]").unwrap(),
            vec![
                t("x"),
                FootnoteRef {
                    id: "fn1".into(),
                    offset: 3
                },
                t(" "),
                Cite {
                    mode: CiteMode::Bracketed,
                    items: vec![
                        Citation {
                            id: "a".into(),
                            locator: Some("p. 3".into()),
                            offset: 10,
                            suppress_author: false,
                        },
                        Citation {
                            id: "b".into(),
                            locator: None,
                            offset: 20,
                            suppress_author: false,
                        }
                    ]
                },
                t(" "),
                XRef {
                    id: "fig1".into(),
                    offset: 25
                }
            ]
        );
    }

    #[test]
    fn references_carry_the_offset_of_their_id() {
        // The id also occurs earlier as text, after escapes and multi-byte characters,
        // and inside a citation's locator; spaces around citation items.
        let s = "fn1 中文 \\[\\^fn1\\] *[a](https://e.org/b)* [@ a , b p. 3;  @b] x[^fn1] [#fn1]";
        let mut found = Vec::new();
        visit(&parse(s).unwrap(), &mut |n| match n {
            FootnoteRef { id, offset } | XRef { id, offset } => found.push((id.clone(), *offset)),
            Cite { items, .. } => found.extend(items.iter().map(|c| (c.id.clone(), c.offset))),
            _ => {}
        });
        let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "fn1", "fn1"]);
        let mut expected_at = vec![
            s.find("@ a").unwrap() + 2,
            s.rfind("@b").unwrap() + 1,
            s.rfind("[^fn1]").unwrap() + 2,
            s.rfind("[#fn1]").unwrap() + 2,
        ];
        for ((id, offset), at) in found.iter().zip(expected_at.drain(..)) {
            assert_eq!((id.as_str(), *offset), (id.as_str(), at));
            assert_eq!(&s[*offset..*offset + id.len()], id);
        }
    }

    /// The ids of every citation and cross-reference with their offsets, checked to
    /// point at the id in `s`.
    fn ids_at(s: &str) -> Vec<String> {
        let mut found = Vec::new();
        visit(&parse(s).unwrap(), &mut |n| match n {
            Cite { items, .. } => found.extend(items.iter().map(|c| (c.id.clone(), c.offset))),
            CiteText { targets, .. } | XRefText { targets, .. } => {
                for t in targets {
                    found.push((t.id.clone(), t.offset));
                    found.extend(t.range_to.clone());
                }
            }
            _ => {}
        });
        for (id, at) in &found {
            assert_eq!(&s[*at..*at + id.len()], id, "{s}");
        }
        found.into_iter().map(|(id, _)| id).collect()
    }

    #[test]
    fn printed_citations_and_cross_references() {
        let s = "[Papp and *Müller* (2006)](@r2) saw [[26]–[28]](@r26..@r28) and [(Silva, 2013; Costa, 2014)](@r1; @r2), [Figures 1 and 2](#f1; #f2)";
        assert_eq!(ids_at(s), ["r2", "r26", "r28", "r1", "r2", "f1", "f2"]);
        let nodes = parse(s).unwrap();
        assert_eq!(
            plain_text(&nodes),
            "Papp and Müller (2006) saw [26]–[28] and (Silva, 2013; Costa, 2014), Figures 1 and 2"
        );
        let CiteText { targets, .. } = &nodes[2] else {
            panic!("{:?}", nodes[2]);
        };
        assert_eq!(
            targets[0].range_to.as_ref().map(|t| t.0.as_str()),
            Some("r28")
        );
        assert!(matches!(nodes[6], XRefText { .. }));
        // An ordinary link is still a link.
        assert!(matches!(
            parse("[a](https://e.org)").unwrap()[0],
            Link { .. }
        ));
    }

    #[test]
    fn generated_citation_forms() {
        let modes = |s: &str| -> Vec<(CiteMode, bool)> {
            let mut v = Vec::new();
            visit(&parse(s).unwrap(), &mut |n| {
                if let Cite { mode, items } = n {
                    v.push((*mode, items[0].suppress_author));
                }
            });
            v
        };
        assert_eq!(
            modes("@a said (see [!@b; @c]) [-@a] [@a]"),
            [
                (CiteMode::Narrative, false),
                (CiteMode::Bare, false),
                (CiteMode::Bracketed, true),
                (CiteMode::Bracketed, false)
            ]
        );
        assert_eq!(
            ids_at("As @shen1995. shows, (@zhang-2001_)"),
            ["shen1995", "zhang-2001"]
        );
        // `@` inside a word, before a non-letter, or escaped is text.
        for s in ["write to ed@example.org", "@ 5 and @2x", r"\@shen", "x@y"] {
            assert!(ids_at(s).is_empty(), "{s}");
            assert_eq!(plain_text(&parse(s).unwrap()), s.replace('\\', ""));
        }
    }

    #[test]
    fn printed_reference_errors() {
        let e = parse("[A and B](@a; #f1)").unwrap_err();
        assert_eq!((e.code, e.offset), ("markup.mixed-targets", 14));
        let e = parse("[Figs](#f1..#f2)").unwrap_err();
        assert_eq!(e.code, "markup.range");
        let e = parse("x [ ](@a)").unwrap_err();
        assert_eq!((e.code, e.offset), ("markup.empty", 2));
        let e = parse("[x](@a; b)").unwrap_err();
        assert_eq!(e.code, "markup.target");
        let e = parse("[x](@a").unwrap_err();
        assert_eq!(e.code, "markup.unclosed");
        let e = parse("[x [^fn1]](@a)").unwrap_err();
        assert_eq!(e.code, "markup.nested-link");
        let e = parse("[x](@1a)").unwrap_err();
        assert_eq!(e.code, "markup.id");
    }

    #[test]
    fn quotes_and_escapes_are_text() {
        assert_eq!(
            parse("“lean” \"x\" it’s \\*not\\* \\[sic\\] a\\b").unwrap(),
            vec![t("“lean” \"x\" it’s *not* [sic] a\\b")]
        );
    }

    #[test]
    fn a_bracket_may_open_with_a_superscript() {
        assert_eq!(
            parse("[^2^ x]{.sc}").unwrap(),
            vec![SmallCaps(vec![Sup(vec![t("2")]), t(" x")])]
        );
        assert_eq!(
            parse("a[^fn1]").unwrap(),
            vec![
                t("a"),
                FootnoteRef {
                    id: "fn1".into(),
                    offset: 3
                }
            ]
        );
        // Escaped brackets and carets do not count (found by the property test).
        assert_eq!(
            parse(r"[^\]\]>^ x]{.sc}").unwrap(),
            vec![SmallCaps(vec![Sup(vec![t("]]>")]), t(" x")])]
        );
        assert_eq!(parse(r"[^a\^b]").unwrap_err().code, "markup.id");
    }

    #[test]
    fn formula_references_and_dollars_that_stay_text() {
        assert_eq!(
            parse("so [$f1] holds").unwrap(),
            vec![
                t("so "),
                Formula {
                    id: "f1".into(),
                    offset: 5
                },
                t(" holds")
            ]
        );
        for (text, plain) in [
            ("[$5]", "[$5]"),
            ("[$ 12 million]", "[$ 12 million]"),
            ("$x$", "$x$"),
            ("[$]", "[$]"),
            ("[$a b]", "[$a b]"),
            ("cost $3", "cost $3"),
            (r"\[$f1]", "[$f1]"),
        ] {
            let nodes = parse(text).unwrap();
            assert_eq!(plain_text(&nodes), plain, "{text}");
            let mut any = false;
            visit(&nodes, &mut |n| any |= matches!(n, Formula { .. }));
            assert!(!any, "{text}");
        }
    }

    #[test]
    fn plain_brackets_are_text() {
        assert_eq!(
            parse("see [sic] here, x ] y, a [b").unwrap(),
            vec![t("see [sic] here, x ] y, a [b")]
        );
        assert_eq!(
            parse("“[…] *so* [it] went”").unwrap(),
            vec![t("“[…] "), Italic(vec![t("so")]), t(" [it] went”")]
        );
        assert_eq!(
            parse("[*a*]").unwrap(),
            vec![t("["), Italic(vec![t("a")]), t("]")]
        );
    }

    #[test]
    #[allow(
        clippy::disallowed_methods,
        reason = "times the parser; the clock decides nothing galley writes"
    )]
    fn pathological_nesting_is_refused_or_text_never_slow() {
        // Found by fuzzing: unclosed brackets cost exponential time before memoisation.
        let many = "[".repeat(5000) + "x";
        let t0 = std::time::Instant::now();
        let r = parse(&many);
        assert!(
            t0.elapsed() < std::time::Duration::from_secs(5),
            "took {:?}",
            t0.elapsed()
        );
        assert!(matches!(r, Err(ref e) if e.code == "markup.too-deep") || r.is_ok());
        let spaced = "[a ".repeat(20) + "x";
        assert_eq!(parse(&spaced).unwrap(), vec![t(&spaced)]);
        // Alternating emphasis nests; past the limit it is an error, not a stack overflow.
        let deep = "* ** ".repeat(50);
        assert_eq!(parse(&deep).unwrap_err().code, "markup.too-deep");
        // Non-ASCII before an unclosed bracket: still text.
        assert_eq!(parse("中文 [x").unwrap(), vec![t("中文 [x")]);
    }

    #[test]
    fn errors_point_inside() {
        let e = parse("abc *def").unwrap_err();
        assert_eq!((e.code, e.offset), ("markup.unclosed", 4));
        let e = parse("see [x](ftp://a) here").unwrap_err();
        assert_eq!((e.code, e.offset), ("markup.link", 8));
        let e = parse("x [a]{.bogus}").unwrap_err();
        assert_eq!((e.code, e.offset), ("markup.attribute", 6));
        let e = parse("[@a, p. 3; b]").unwrap_err();
        assert_eq!((e.code, e.offset), ("markup.citation", 0));
        let e = parse("a [^fn1 unclosed").unwrap_err();
        assert_eq!((e.code, e.offset), ("markup.unclosed", 2));
        let e = parse("a **** b").unwrap_err();
        assert_eq!(e.code, "markup.empty");
        let e = parse("[a [b](https://x.org)](https://y.org)").unwrap_err();
        assert_eq!((e.code, e.offset), ("markup.nested-link", 0));
        let e = parse("[a[^fn1]](https://y.org)").unwrap_err();
        assert_eq!(e.code, "markup.nested-link");
        let e = parse("[a](https://y.org/<b>)").unwrap_err();
        assert_eq!(e.code, "markup.link");
        let e = parse("[^1bad]").unwrap_err();
        assert_eq!(e.code, "markup.id");
    }
}
