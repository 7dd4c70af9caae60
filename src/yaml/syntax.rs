//! Where a YAML syntax error really is, and what to say about it.
//!
//! saphyr-parser stops where it can no longer go on, and that is often not where the
//! fault is: a key without its colon is only found wanting at the next line, a tab that
//! indents a line is reported at the start of the value the line continues, an unclosed
//! `[` at the next key's colon. All the parser gives back is a message and that one
//! mark; its scanner state (the pending keys, the indentation stack) is private, and
//! the events it has sent do not help either, since it reads ahead of them (an unclosed
//! `{` in a list item fails before the mapping's start is sent). So the fault is found
//! here by hand, from the source text around the mark: the parser's message says which
//! checks apply (its wording is saphyr-parser 0.3's; were it to change, an error would
//! only lose its specific place and hint, never be missed), each check looks for one
//! kind of fault and says where it is, and what is left keeps the parser's position
//! and a generic hint.
//!
//! Everything here works on whole lines split at `\n` (a `\r` before it is dropped) and
//! looks only at ASCII characters (spaces, tabs, quotes, brackets, `:`, `-`, `#`), so
//! every offset it computes is a character boundary; each check is one pass over at
//! most the lines before or after the mark.

/// A syntax fault, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Finding {
    /// Byte offset of the fault in the text.
    pub offset: usize,
    /// Its length in bytes.
    pub len: usize,
    /// What is wrong.
    pub fault: Fault,
}

/// The kinds of syntax fault galley tells apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Fault {
    /// A tab in a line's indentation.
    Tab,
    /// A line in a block mapping with no `key:`; the corrected line, when it is
    /// plainly a key and a value.
    MissingColon(Option<String>),
    /// A line indented to no column of the blocks above it, or to one where its kind of
    /// line cannot stand; its indentation and the indentations above.
    Indentation { found: usize, above: Vec<usize> },
    /// A list item (`- `) indented like the keys of the mapping above it, where a key
    /// is expected; the indentations of the list items above.
    MisplacedItem(Vec<usize>),
    /// A quoted value that is never closed.
    UnclosedQuote(char),
    /// A backslash in a double-quoted value that starts no escape; the text of it.
    Escape(String),
    /// Text after a quoted value's closing quote, on the same line.
    AfterQuote(char),
    /// A flow sequence or mapping that is never closed.
    UnclosedFlow(char),
    /// `: ` inside an unquoted value.
    ColonInValue,
    /// Text after a block scalar's `|` or `>` on its line; the indicator.
    BlockScalarHeader(char),
    /// A character that cannot start an unquoted value.
    Reserved(char),
    /// Anything else: the parser's own message and position.
    Other,
}

impl Fault {
    /// The message (given the parser's own words) and the hint.
    pub(super) fn describe(&self, info: &str) -> (String, String) {
        let (message, hint): (String, String) = match self {
            Fault::Tab => (
                "a tab in the indentation".into(),
                "indent with spaces; YAML does not allow tabs for indentation".into(),
            ),
            Fault::MissingColon(fix) => (
                "this line has no `:` after its key".into(),
                match fix {
                    Some(fix) => format!(
                        "write `{fix}`; or, if this line continues the text above it, indent it more than that text's key"
                    ),
                    None => "write `key: value`, with `:` and a space after the key; or, if this line continues the text above it, indent it more than that text's key".into(),
                },
            ),
            Fault::Indentation { found, above } => (
                "this line is not indented like the lines around it".into(),
                format!(
                    "line it up with the keys of its mapping or the `-` of its list: it is indented {found} {}; the lines above it are indented {}",
                    if *found == 1 { "space" } else { "spaces" },
                    or_list(above)
                ),
            ),
            Fault::MisplacedItem(items) => (
                "a list item where the mapping above expects a key".into(),
                if items.is_empty() {
                    "put the list under a key with no value (`key:`, then the items below it indented more)".into()
                } else {
                    format!(
                        "line its `-` up with the other items of its list (indented {}), or put the list under a key with no value",
                        or_list(items)
                    )
                },
            ),
            Fault::UnclosedQuote(q) => (
                format!("the quote `{q}` opened here is never closed"),
                format!(
                    "end the value with `{q}` on this line{}",
                    match q {
                        '"' => r#"; inside "…" write a quotation mark as \""#,
                        _ => "; inside '…' write an apostrophe as ''",
                    }
                ),
            ),
            Fault::Escape(e) => (
                format!("`{e}` is not an escape sequence"),
                r#"in "…" a backslash starts an escape (\n, \", \\, \x41, \u00E9): write a backslash itself as \\, or quote the value with '…'"#.into(),
            ),
            Fault::AfterQuote(q) => (
                format!("text follows the closing `{q}` of a quoted value"),
                match q {
                    '"' => r#"a quoted value ends at its closing quote: write a quotation mark inside "…" as \", or quote the whole value"#.into(),
                    _ => "a quoted value ends at its closing quote: write an apostrophe inside '…' as '' (`'it''s'`), or quote the whole value with \"…\"".into(),
                },
            ),
            Fault::UnclosedFlow(b) => {
                let (close, what) = if *b == '[' {
                    (']', "list")
                } else {
                    ('}', "mapping")
                };
                (
                    format!("the `{b}` opened here is never closed"),
                    format!(
                        "close the {what} with `{close}` before what follows it; to write `{b}` as text, quote the value"
                    ),
                )
            }
            Fault::ColonInValue => (
                "`: ` inside a value that is not quoted".into(),
                "quote the value (\"…\"): a colon followed by a space would start a key".into(),
            ),
            Fault::BlockScalarHeader(c) => (
                format!("text after `{c}` on its line"),
                format!(
                    "a `{c}` value starts on the next line, indented; to begin a text with `{c}`, quote it (\"…\")"
                ),
            ),
            Fault::Reserved(c) => (
                format!("`{c}` cannot start a value that is not quoted"),
                "quote the value (\"…\")".into(),
            ),
            Fault::Other => (
                info.to_string(),
                "check the YAML syntax at this point; quote text that starts with a special character".into(),
            ),
        };
        (format!("YAML syntax error: {message}"), hint)
    }
}

/// `0`, `0 or 2`, `0, 2 or 4` (spaces).
fn or_list(v: &[usize]) -> String {
    let words: Vec<String> = v.iter().map(usize::to_string).collect();
    match words.split_last() {
        None => "nothing".into(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The source as lines.
struct Src<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    starts: &'a [usize],
}

impl Src<'_> {
    /// The index of the line holding byte `b`.
    fn line_of(&self, b: usize) -> usize {
        self.starts.partition_point(|&s| s <= b).saturating_sub(1)
    }

    /// Line `i` without its line break.
    fn line(&self, i: usize) -> &str {
        let start = self.starts.get(i).copied().unwrap_or(self.text.len());
        let end = self
            .starts
            .get(i + 1)
            .map_or(self.text.len(), |&s| s.saturating_sub(1))
            .max(start);
        let l = self.text.get(start..end).unwrap_or("");
        l.strip_suffix('\r').unwrap_or(l)
    }
}

/// The number of spaces that indent a line.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// The column (in bytes, all ASCII) where a line's content starts after its list
/// indicators (`- `, `- - `), and that content.
fn after_dashes(line: &str) -> (usize, &str) {
    let mut col = indent(line);
    let mut rest = &line[col..];
    while let Some(r) = rest.strip_prefix('-') {
        if !(r.is_empty() || r.starts_with([' ', '\t'])) {
            break;
        }
        let r2 = r.trim_start_matches([' ', '\t']);
        col += rest.len() - r2.len();
        rest = r2;
    }
    (col, rest)
}

/// Whether a line starts a list item.
fn is_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ") || content.starts_with("-\t")
}

/// The byte just past the quote that closes a quoted scalar starting at `s[0]`.
fn closing_quote(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let q = *b.first()?;
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'\\' if q == b'"' => i += 2,
            b'\'' if q == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 2,
            c if c == q => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// Where the value starts after a line's key, if its content (after its indentation
/// and list indicators) holds one: `key:` followed by a space or the end of the line,
/// before any comment, or a quoted key and its `:`. An explicit `?` key counts as a key
/// with no value on the line.
fn key_end(content: &str) -> Option<usize> {
    let trimmed = content.trim_start();
    let lead = content.len() - trimmed.len();
    if trimmed.starts_with('?') {
        return Some(content.len());
    }
    let skip = if trimmed.starts_with(['"', '\'']) {
        closing_quote(trimmed)?
    } else {
        0
    };
    let b = trimmed.as_bytes();
    for i in skip..b.len() {
        match b[i] {
            b'#' if i == 0 || matches!(b[i - 1], b' ' | b'\t') => return None,
            b':' if matches!(b.get(i + 1), None | Some(b' ' | b'\t')) => {
                let value = &trimmed[i + 1..];
                return Some(lead + trimmed.len() - value.trim_start().len());
            }
            _ => {}
        }
    }
    None
}

fn has_key(content: &str) -> bool {
    key_end(content).is_some()
}

/// The parser's messages that mean "this line does not fit the structure around it".
fn is_structure_error(info: &str) -> bool {
    [
        "simple key expect",
        "did not find expected key",
        "did not find expected '-' indicator",
        "mapping values are not allowed",
        "invalid indentation",
        "wrongly indented",
        "block sequence entries are not allowed",
    ]
    .iter()
    .any(|m| info.contains(m))
}

/// Finds the fault behind a parser error at byte `mark` with message `info`.
pub(super) fn locate(text: &str, starts: &[usize], mark: usize, info: &str) -> Finding {
    let src = Src { text, starts };
    let mut mark = mark.min(text.len());
    while !text.is_char_boundary(mark) {
        mark -= 1;
    }
    let at = |offset: usize, len: usize, fault: Fault| {
        let mut end = (offset + len).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Finding {
            offset,
            len: end.saturating_sub(offset),
            fault,
        }
    };
    let here = text[mark..].chars().next();
    if info.contains("tab")
        && let Some(t) = tab(&src, mark)
    {
        return at(t, 1, Fault::Tab);
    }
    // The parser reports these at the opening quote.
    if let Some(q) = here.filter(|c| matches!(c, '"' | '\'')) {
        if ["end of stream", "in quoted scalar", "document indicator"]
            .iter()
            .any(|m| info.contains(m))
        {
            return at(mark, 1, Fault::UnclosedQuote(q));
        }
        if (info.contains("escape character") || info.contains("hexadecimal number"))
            && let Some((b, e)) = bad_escape(&text[mark..])
        {
            return at(mark + b, e.len(), Fault::Escape(e));
        }
    }
    if let Some(b) = unclosed_flow(&src, mark).filter(|&b| flow_unclosed(&src, b, mark)) {
        let bracket = text[b..].chars().next().unwrap_or('[');
        return at(b, 1, Fault::UnclosedFlow(bracket));
    }
    if info.contains("trailing content after")
        && let Some(f) = after_quote(&src, mark)
    {
        return f;
    }
    if is_structure_error(info) {
        if let Some(t) = tab(&src, mark).filter(|&t| src.line_of(t) == src.line_of(mark)) {
            return at(t, 1, Fault::Tab);
        }
        if let Some(f) = missing_colon(&src, mark) {
            return f;
        }
        if info.contains("mapping values are not allowed") {
            let line_start = starts.get(src.line_of(mark)).copied().unwrap_or(0);
            let (_, before) = after_dashes(&text[line_start..mark]);
            if has_key(before) {
                return at(mark, 1, Fault::ColonInValue);
            }
        }
        if let Some(f) = indentation(&src, mark) {
            return f;
        }
    }
    // The parser reads a line with no `key:` at the top of the file as the whole
    // document, and stops at the first key after it.
    if info.contains("<document start>")
        && let Some(f) = missing_colon(&src, mark)
    {
        return f;
    }
    if info.contains("block scalar, did not find expected comment or line break")
        && let Some(c) = here.filter(|c| matches!(c, '|' | '>'))
    {
        return at(mark, 1, Fault::BlockScalarHeader(c));
    }
    if (info.contains("unexpected character") || info.contains("misplaced bracket"))
        && let Some(c) = here
    {
        return at(mark, c.len_utf8(), Fault::Reserved(c));
    }
    at(mark, 0, Fault::Other)
}

/// The tab that indents a line: at the mark, or in the leading white space of the
/// mark's line or of the first line after it that has content after a tab (the parser
/// reports a tab in a continuation line at the start of the value it continues; a line
/// of only white space may hold tabs).
fn tab(src: &Src, mark: usize) -> Option<usize> {
    if src.text[mark..].starts_with('\t') {
        return Some(mark);
    }
    let first = src.line_of(mark);
    (first..src.starts.len()).find_map(|i| {
        let line = src.line(i);
        let content = line.trim_start_matches([' ', '\t']);
        let lead = &line[..line.len() - content.len()];
        if content.is_empty() {
            return None;
        }
        lead.find('\t').map(|t| src.starts[i] + t)
    })
}

/// The first escape that is not one in the double-quoted value at the start of `s`:
/// its byte offset and text.
fn bad_escape(s: &str) -> Option<(usize, String)> {
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return None,
            '\\' => {
                let (_, e) = chars.next()?;
                let hex = match e {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    '0' | 'a' | 'b' | 't' | '\t' | 'n' | 'v' | 'f' | 'r' | 'e' | ' ' | '"'
                    | '/' | '\\' | 'N' | '_' | 'L' | 'P' | '\n' | '\r' => 0,
                    _ => return Some((i, format!("\\{e}"))),
                };
                let digits: String = s[i + 2..]
                    .chars()
                    .take(hex)
                    .take_while(char::is_ascii_hexdigit)
                    .collect();
                if digits.len() < hex {
                    return Some((i, format!("\\{e}{digits}")));
                }
                for _ in 0..hex {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    None
}

/// How many lines with a flow collection, going up from the mark, are tried for one
/// left open (each is followed to the mark: this bounds the work).
const FLOW_TRIES: usize = 8;

/// The innermost `[` or `{` still open at the mark, found in the text. The parser's
/// events cannot tell: it reads ahead for a possible key, so the error often comes
/// before it has reported the collection's start. Going up from the mark's line, each
/// line whose value (after `key:` or `- `, and any anchor) starts with a bracket is
/// followed to the mark; the first one left open there is the answer.
fn unclosed_flow(src: &Src, mark: usize) -> Option<usize> {
    let m = src.line_of(mark);
    let mut tries = 0;
    for i in (0..=m).rev() {
        let start = src.starts[i];
        let line = if i == m {
            &src.text[start..mark]
        } else {
            src.line(i)
        };
        let Some(open) = flow_opener(line) else {
            continue;
        };
        if let Some(&innermost) = flow_stack(src.text, start + open, mark).last() {
            return Some(innermost);
        }
        tries += 1;
        if tries == FLOW_TRIES {
            break;
        }
    }
    None
}

/// The byte in a line where a flow collection starts as its value, if it does.
fn flow_opener(line: &str) -> Option<usize> {
    if is_comment(line) {
        return None;
    }
    let (col, content) = after_dashes(line);
    let key = if content.starts_with(['[', '{', '&']) {
        None
    } else {
        key_end(content)
    };
    let mut at = col + key.unwrap_or(0);
    let mut rest = &line[at..];
    if let Some(anchored) = rest.strip_prefix('&') {
        let after = anchored
            .trim_start_matches(|c: char| !c.is_whitespace())
            .trim_start();
        at += rest.len() - after.len();
        rest = after;
    }
    rest.starts_with(['[', '{']).then_some(at)
}

/// The brackets still open at `mark` of the flow collection opened at byte `open`
/// (empty when it closes before the mark). Inside a flow collection, text that is not
/// quoted cannot hold `[`, `]`, `{`, `}` or `,`, so counting brackets is exact once
/// quoted text and comments are skipped; a quote starts quoted text only where a value
/// starts (after a bracket, `,` or `:`).
fn flow_stack(text: &str, open: usize, mark: usize) -> Vec<usize> {
    let b = text.as_bytes();
    let mut stack: Vec<usize> = Vec::new();
    let mut value_start = true;
    let mut i = open;
    while i < mark.min(b.len()) {
        match b[i] {
            b'[' | b'{' => {
                stack.push(i);
                value_start = true;
            }
            b']' | b'}' => {
                let opener = if b[i] == b']' { b'[' } else { b'{' };
                match stack.last() {
                    // The other kind of bracket: the innermost one was left open.
                    Some(&top) if b[top] != opener => return stack,
                    _ => {}
                }
                stack.pop();
                if stack.is_empty() {
                    return stack;
                }
                value_start = false;
            }
            b',' | b':' => value_start = true,
            b'#' if i > 0 && matches!(b[i - 1], b' ' | b'\t' | b'\n') => {
                i = text[i..].find('\n').map_or(b.len(), |n| i + n);
                continue;
            }
            b'"' | b'\'' if value_start => match closing_quote(&text[i..]) {
                Some(end) => {
                    i += end;
                    value_start = false;
                    continue;
                }
                None => return stack,
            },
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => value_start = false,
        }
        i += 1;
    }
    stack
}

/// Whether the flow collection opened at byte `open` was left open, rather than
/// holding an error of its own: the parser stopped at the end of the text, on a line
/// after the bracket's that is not indented more than that line's text (a flow
/// collection's lines continue indented), or at the other kind of closing bracket.
fn flow_unclosed(src: &Src, open: usize, mark: usize) -> bool {
    if src.text[mark..].trim().is_empty() {
        return true;
    }
    let bracket = src.text[open..].chars().next();
    let here = src.text[mark..].chars().next();
    if matches!(
        (bracket, here),
        (Some('['), Some('}')) | (Some('{'), Some(']'))
    ) {
        return true;
    }
    let (open_line, mark_line) = (src.line_of(open), src.line_of(mark));
    // The keys beside the one whose value the collection is start where its line's text
    // starts (after any list `-`).
    mark_line > open_line && indent(src.line(mark_line)) <= after_dashes(src.line(open_line)).0
}

/// Text after a quoted value: the parser stops at the text; the fault is the quote
/// before it that ended the value too early (an apostrophe in `'it's'`), or, when the
/// value runs on from an earlier line, the opening quote that was never closed on its
/// own line.
fn after_quote(src: &Src, mark: usize) -> Option<Finding> {
    let before = src.text[..mark].trim_end_matches([' ', '\t']);
    let q = before.chars().last().filter(|c| matches!(c, '"' | '\''))?;
    let close = before.len() - 1;
    // The quote that opened the value: the nearest earlier one that is not escaped.
    let b = src.text.as_bytes();
    let mut i = close;
    let open = loop {
        let j = src.text[..i].rfind(q)?;
        let escaped = if q == '"' {
            src.text[..j]
                .bytes()
                .rev()
                .take_while(|&c| c == b'\\')
                .count()
                % 2
                == 1
        } else {
            j > 0 && b[j - 1] == b'\''
        };
        if !escaped {
            break j;
        }
        i = if q == '\'' { j - 1 } else { j };
    };
    if src.line_of(open) < src.line_of(close) {
        Some(Finding {
            offset: open,
            len: 1,
            fault: Fault::UnclosedQuote(q),
        })
    } else {
        Some(Finding {
            offset: close,
            len: 1,
            fault: Fault::AfterQuote(q),
        })
    }
}

/// A key without its colon. The parser takes `lang en` for the start of a text value
/// that a `:` must follow, and says so only when the next line begins (or, in
/// `translation` followed by an indented `original_lang: zh`, at that colon). The
/// line at fault is found by walking up from the mark over the text the parser read as
/// one value: the text before the mark on its line, then the lines above it, each
/// starting (after any list `-`) no further right than the one below, with no `key:`
/// and no comment; the top one is the line that lacks its colon, if it is above the
/// mark's line.
fn missing_colon(src: &Src, mark: usize) -> Option<Finding> {
    let m = src.line_of(mark);
    let line_start = src.starts.get(m).copied().unwrap_or(0);
    let before = &src.text[line_start..mark];
    let mut top: Option<(usize, usize)> = None;
    let mut bound = usize::MAX;
    for i in (0..=m).rev() {
        let line = if i == m { before } else { src.line(i) };
        if is_blank(line) {
            // Blank lines may sit inside a value.
            continue;
        }
        if is_comment(line) {
            // A comment ends a value; the parser skips those between it and the mark.
            if top.is_some() {
                break;
            }
            continue;
        }
        // A list item's text starts after its `-`: `- contributor li-hua` lacks the
        // colon after `contributor`, and `- a` above `lang en` is a line of its own.
        let (col, content) = after_dashes(line);
        if col > bound
            || content.is_empty()
            || has_key(content)
            || (indent(line) == 0 && (content.starts_with("---") || content.starts_with("...")))
        {
            break;
        }
        top = Some((i, col));
        bound = col;
    }
    // The line at fault is above the mark's, unless the text ends on it.
    let at_end = src.text[mark..].trim().is_empty();
    let (i, ind) = top.filter(|&(i, _)| i < m || at_end)?;
    let content = src.line(i)[ind..].trim_end();
    // A line that starts with an indicator is not a key the colon was left off.
    if content.starts_with(['[', '{', '|', '>', '&', '*', '!', '%', '@', '`', '"', '\'']) {
        return None;
    }
    Some(Finding {
        offset: src.starts[i] + ind,
        len: content.len(),
        fault: Fault::MissingColon(colon_fix(content)),
    })
}

/// `lang en` → `lang: en`, when the first word is plainly a key.
fn colon_fix(content: &str) -> Option<String> {
    let (key, value) = content.split_once(' ')?;
    let is_key = key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let value = value.trim_start();
    (is_key && !value.is_empty() && !value.contains(": ")).then(|| format!("{key}: {value}"))
}

/// A line that does not fit the blocks above it: points at its first character and
/// lists the columns it could line up with (the indentation of each enclosing line,
/// and where the content after a list's `-` starts). A list item at the column of a
/// mapping's keys is told apart: its indentation is one the blocks above use, but not
/// for a list.
fn indentation(src: &Src, mark: usize) -> Option<Finding> {
    let m = src.line_of(mark);
    let line = src.line(m);
    if is_blank(line) {
        return None;
    }
    let found = indent(line);
    let mut above = Vec::new();
    let mut items = Vec::new();
    let mut min = usize::MAX;
    for i in (0..m).rev() {
        let l = src.line(i);
        if is_blank(l) || is_comment(l) {
            continue;
        }
        let ind = indent(l);
        if ind < min {
            let (col, _) = after_dashes(l);
            if col != ind {
                items.push(ind);
                if col < min {
                    above.push(col);
                }
            }
            above.push(ind);
            min = ind;
        }
        if min == 0 {
            break;
        }
    }
    above.reverse();
    items.reverse();
    let content = line[found..].trim_end();
    let fault = if is_item(content) && above.contains(&found) && !items.contains(&found) {
        Fault::MisplacedItem(items)
    } else {
        Fault::Indentation { found, above }
    };
    Some(Finding {
        offset: src.starts[m] + found,
        len: content.len(),
        fault,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Limits, load_bytes};

    /// The `yaml.syntax` error for a text, through the real parser: line, column,
    /// message and hint.
    fn error(text: &str) -> (usize, usize, String, String) {
        let e = load_bytes(
            std::path::Path::new("t.yaml"),
            text.as_bytes(),
            &Limits::default(),
        )
        .expect_err("a syntax error");
        assert_eq!(e[0].code, "yaml.syntax", "{e:?}");
        let span = e[0].span.expect("a position");
        (
            span.line,
            span.column,
            e[0].message.clone(),
            e[0].hint.clone().unwrap_or_default(),
        )
    }

    /// Asserts where the error is and that its message holds `what`.
    #[track_caller]
    fn at(text: &str, line: usize, column: usize, what: &str) {
        let (l, c, message, hint) = error(text);
        assert_eq!((l, c), (line, column), "{text:?}: {message} / {hint}");
        assert!(
            message.contains(what) || hint.contains(what),
            "{text:?}: `{what}` not in: {message} / {hint}"
        );
    }

    #[test]
    fn key_detection() {
        assert!(has_key("title: x"));
        assert!(has_key("title:"));
        assert!(has_key("\"a: b\": x"));
        assert!(has_key("'it''s': x"));
        assert!(!has_key("lang en"));
        assert!(!has_key("see http://x.org"));
        assert!(!has_key("lang en # a: b"));
        assert_eq!(after_dashes("  - - a: 1"), (6, "a: 1"));
        assert_eq!(after_dashes("  -x"), (2, "-x"));
        assert_eq!(or_list(&[0]), "0");
        assert_eq!(or_list(&[0, 2]), "0 or 2");
        assert_eq!(or_list(&[0, 2, 4]), "0, 2 or 4");
        assert_eq!(colon_fix("lang en"), Some("lang: en".into()));
        assert_eq!(colon_fix("Lang en"), None);
        assert_eq!(colon_fix("lang"), None);
    }

    #[test]
    fn missing_colon_is_the_line_that_lacks_it() {
        let no_colon = "has no `:` after its key";
        // The parser stops at the next line.
        at("type: x\nlang en\ntitle: T\n", 2, 1, "write `lang: en`");
        at("type: x\nlang en\n", 2, 1, no_colon);
        at("type: x\nlang en", 2, 1, no_colon);
        // A value over several lines, blank lines and a comment before the next key.
        at(
            "type: x\nlang en\n  more words\n\n# c\ntitle: T\n",
            2,
            1,
            no_colon,
        );
        // The parser stops at the colon of the indented line below.
        at(
            "type: x\ntranslation\n  original_lang: zh\n",
            2,
            1,
            no_colon,
        );
        // In a list item's mapping; with CRLF line ends.
        at(
            "a:\r\n  - b: 1\r\n    c d\r\n    e: 2\r\n",
            3,
            5,
            "write `c: d`",
        );
        // A list's items are not blamed.
        at("k:\n- a\n- b\nlang en\ntitle: T\n", 4, 1, no_colon);
        // A list item's first key; a value that goes on with a `- ` line.
        at(
            "k:\n- contributor li-hua\n  role: author\n",
            2,
            3,
            "write `contributor: li-hua`",
        );
        at("k:\n  doi: x\n  articles\n    - a\n", 3, 3, no_colon);
        // After a byte-order mark and multi-byte text.
        at("\u{feff}a: 中文\nb 中文\nc: 1\n", 2, 1, "write `b: 中文`");
    }

    #[test]
    fn tabs_are_found_where_they_are() {
        let tab = "tab in the indentation";
        // The parser reports the tab at the start of the value the line continues.
        at("a:\n  b: one\n\tc: two\n", 3, 1, tab);
        at("a:\n  - b: x\n    \tq: y\n", 3, 5, tab);
        at("a:\n\tx\n", 2, 1, tab);
        // A line of white space only may hold a tab; the one that matters is later.
        at("a: |\n\t\n\ty\n", 3, 1, tab);
        at("a:\n  b: 中文 x\n  \tc: 2\n", 3, 3, tab);
    }

    #[test]
    fn quotes() {
        at(
            "a: 1\nb: \"open\nc: 2\n",
            2,
            4,
            "`\"` opened here is never closed",
        );
        at("a: 1\nb: 'open", 2, 4, "`'` opened here is never closed");
        at("a:\n  - p: \"abc\n    q: \"x\"\n", 2, 8, "never closed");
        // An apostrophe that closes a single-quoted value early.
        at("a: 'It's here'\n", 1, 7, "''");
        at("a: \"x\" y\n", 1, 6, "text follows the closing");
        at("a: \"C:\\ \\x4 \\q\"\n", 1, 9, "`\\x4` is not an escape");
        at("a: \"é \\q\"\n", 1, 7, "`\\q` is not an escape");
    }

    #[test]
    fn brackets() {
        let never = "never closed";
        at("a: [x, y\nb: 1\n", 1, 4, "`[` opened here");
        at("a: {x: y\nb: 1\n", 1, 4, "`{` opened here");
        at("a: [x,\n  y", 1, 4, never);
        at("a: &k [x, y\nb: 1\n", 1, 7, never);
        at("a: [x, {y: z]\n", 1, 8, "`{` opened here");
        at("a: [x, [y, z]\nb: 1\n", 1, 4, never);
        at("a:\n  - b: [x, y\n    c: 1\n", 2, 8, never);
        at("a:\n  - {b: c, d: e\nf: 1\n", 2, 5, "`{` opened here");
        at("a: [{b: c,\n  d: e}\nf: 1\n", 1, 4, "`[` opened here");
        at("a: [\"x]\", 'y, z'\nb: 1\n", 1, 4, "`[` opened here");
        // An error inside a flow list that goes on, indented, is not an unclosed one.
        let (_, _, message, _) = error("a: [x,\n  y z: w: v]\n");
        assert!(!message.contains(never), "{message}");
    }

    #[test]
    fn indentation_and_colons_in_values() {
        let indent = "not indented like the lines around it";
        at(
            "a:\n  - p: x\n   q: y\n",
            3,
            4,
            "indented 3 spaces; the lines above it are indented 0, 2 or 4",
        );
        at("a:\n  - p: x\n q: y\n", 3, 2, indent);
        at(
            "title: T\n  body: x\n",
            2,
            3,
            "the lines above it are indented 0",
        );
        at("title:\n  T\n body: x\n", 3, 2, indent);
        at(
            "a:\n- p: x\n  - p: y\n",
            3,
            3,
            "other items of its list (indented 0)",
        );
        at("title: T: x\n", 1, 9, "`: ` inside a value");
        at("- a: 1\n  b: T: x\n", 2, 7, "`: ` inside a value");
        at("a: @x\n", 1, 4, "`@` cannot start");
        at("a: ]x\n", 1, 4, "`]` cannot start");
        at("a: |x\n", 1, 4, "text after `|`");
        at(
            "# c\nschema.json\ntype: x\n",
            2,
            1,
            "has no `:` after its key",
        );
    }

    #[test]
    fn never_out_of_bounds() {
        // Texts made of the characters the checks look at, multi-byte ones among them,
        // from a fixed pseudo-random sequence; every mark and every kind of message.
        let pieces = [
            "a", ":", " ", "\t", "\n", "\r\n", "-", "[", "]", "{", "}", "\"", "'", "\\", "#", "é",
            "中", "&", ",", "x: ", "  ",
        ];
        let infos = [
            "found a tab",
            "in quoted scalar",
            "unknown escape character",
            "trailing content after",
            "simple key expect ':'",
            "mapping values are not allowed",
            "did not find expected '-' indicator",
            "unexpected character",
            "other",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..3000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut r = seed;
            for _ in 0..(r % 16) {
                r = r.rotate_left(5) ^ 0x9e37_79b9;
                text.push_str(pieces[(r % pieces.len() as u64) as usize]);
            }
            let mut starts = vec![0];
            starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
            for mark in 0..=text.len() + 1 {
                for info in infos {
                    let f = locate(&text, &starts, mark, info);
                    assert!(text.is_char_boundary(f.offset), "{text:?} {mark} {info}");
                    assert!(text.get(f.offset..f.offset + f.len).is_some());
                }
            }
            // And through the parser.
            let _ = load_bytes(
                std::path::Path::new("t.yaml"),
                text.as_bytes(),
                &Limits::default(),
            );
        }
    }
}
