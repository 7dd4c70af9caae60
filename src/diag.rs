//! Diagnostics as data: severity, a stable code, a message, where (file, JSON pointer,
//! line:column) and a hint. Every stage collects them instead of stopping at the first;
//! the CLI renders them at the end, for people (rustc-style snippets) or as JSON.
//!
//! Codes are stable and documented in the README: tests and CI scripts match on them.
//! A code in the `io.`, `internal.` or `emit.` family is a failure of the tool or its
//! environment (exit status 2; an emitter refusing checked input is galley's fault); any
//! other error is a content problem (exit status 1).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input is wrong or the tool failed; no output is written for the article.
    Error,
    /// Probably a mistake, but the output is still valid.
    Warning,
    /// A fact in the model that an output format cannot carry.
    Loss,
}

/// A place in a source file. Lines and columns count from 1; columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// Byte offset of the start in the file.
    #[serde(skip)]
    pub offset: usize,
    /// Length in bytes (0 for a point).
    #[serde(skip)]
    pub len: usize,
    /// Line of the end (of the character after the last one the span covers), from 1,
    /// where known; in the JSON report as `end_line`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<usize>,
    /// Column of the end, in characters from 1 (exclusive: the column after the last
    /// character), where known; in the JSON report as `end_column`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_column: Option<usize>,
}

impl Span {
    /// A span of `len` bytes at byte `offset`, starting at `line`:`column`, its end not
    /// known.
    pub fn point(line: usize, column: usize, offset: usize, len: usize) -> Span {
        Span {
            line,
            column,
            offset,
            len,
            end_line: None,
            end_column: None,
        }
    }
}

/// One problem found in the input, or by the tool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// A stable code such as `schema.unknown-key` or `contributor.unknown-id`.
    pub code: String,
    /// What is wrong, in a sentence.
    pub message: String,
    /// The file it is in, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    /// Where in the file.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The JSON pointer of the value in the document (`/body/0/section/content/2/p`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A new error with a code and message.
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A new warning with a code and message.
    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    /// A new diagnostic.
    pub fn new(severity: Severity, code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code: code.into(),
            message: message.into(),
            file: None,
            span: None,
            pointer: None,
            hint: None,
        }
    }

    /// Sets the file.
    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Sets the position.
    pub fn at(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    /// Sets the JSON pointer.
    pub fn pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Sets the hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is a failure of the tool or its environment rather than of the input.
    pub fn is_tool_failure(&self) -> bool {
        self.severity == Severity::Error
            && ["io.", "internal.", "emit."]
                .iter()
                .any(|family| self.code.starts_with(family))
    }

    /// `file:line:column`, as far as known.
    pub fn location(&self) -> String {
        let mut s = self
            .file
            .as_ref()
            .map(|f| f.display().to_string())
            .unwrap_or_else(|| "galley".to_string());
        if let Some(span) = self.span {
            let _ = write!(s, ":{}:{}", span.line, span.column);
        }
        s
    }
}

/// The texts of the files diagnostics point into, for rendering snippets.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: BTreeMap<PathBuf, Source>,
}

/// A file's text and where each of its lines starts, so that finding a diagnostic's line
/// costs the same in a long file as in a short one (splitting the text once per
/// diagnostic made a file with many diagnostics take time quadratic in its length).
#[derive(Debug, Clone)]
struct Source {
    text: Arc<str>,
    line_starts: Vec<usize>,
}

impl Sources {
    /// Remembers a file's text.
    pub fn insert(&mut self, path: &Path, text: Arc<str>) {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        self.files
            .insert(path.to_path_buf(), Source { text, line_starts });
    }

    /// Remembers a file's text from its bytes as read: a UTF-8 byte-order mark is
    /// dropped and bytes that are not UTF-8 become U+FFFD, so any file can be shown.
    pub fn insert_bytes(&mut self, path: &Path, bytes: &[u8]) {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        self.insert(path, String::from_utf8_lossy(bytes).into());
    }

    /// A file's text, if remembered.
    pub fn get(&self, path: &Path) -> Option<&str> {
        self.files.get(path).map(|s| &*s.text)
    }

    /// Line `line` (from 1) of a remembered file, without its line end.
    pub fn line(&self, path: &Path, line: usize) -> Option<&str> {
        let source = self.files.get(path)?;
        let start = *source.line_starts.get(line.checked_sub(1)?)?;
        let end = source
            .line_starts
            .get(line)
            .map_or(source.text.len(), |next| next - 1);
        let text = &source.text[start..end];
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// Reads the files that `diags` point into, once each. Only regular files within the
    /// YAML size limit are read (never a named pipe or a device, which could block); a
    /// file that cannot be read is shown without a snippet.
    pub fn read_for<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Sources {
        let mut sources = Sources::default();
        let mut tried = std::collections::BTreeSet::new();
        for d in diags {
            let (Some(file), Some(_)) = (&d.file, d.span) else {
                continue;
            };
            if !tried.insert(file.clone()) {
                continue;
            }
            let max = crate::yaml::Limits::default().max_bytes;
            if let Ok(bytes) = crate::yaml::read_file(file, max) {
                sources.insert_bytes(file, &bytes);
            }
        }
        sources
    }
}

/// Longest stretch of a source line shown in a snippet, in characters; a longer line is
/// cut around the annotated place and the cut marked with `…`.
const SNIPPET_MAX_CHARS: usize = 160;

/// The part of one source line that a snippet shows, made safe to print: the line
/// around `[col, col + len_chars)` (in characters), with control characters replaced by
/// visible stand-ins, and the annotated range as byte offsets into the result.
///
/// By hand because the renderer slices the line at the byte offsets it is given (a range
/// that ends inside a character panics) and prints the line as it is (an escape sequence
/// in the YAML would reach the terminal).
fn snippet_line(line: &str, col: usize, len_chars: usize) -> (String, std::ops::Range<usize>) {
    let chars: Vec<char> = line.chars().collect();
    let n = chars.len();
    let start = col.min(n);
    let end = (start + len_chars.max(1)).min(n);
    // A long line is shown from a third of the window before the annotated place.
    let (from, to) = if n <= SNIPPET_MAX_CHARS {
        (0, n)
    } else {
        let to = (start.saturating_sub(SNIPPET_MAX_CHARS / 3) + SNIPPET_MAX_CHARS).min(n);
        (to - SNIPPET_MAX_CHARS, to)
    };
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let (mut range_start, mut range_end) = (None, None);
    for (i, &c) in chars.iter().enumerate().take(to).skip(from) {
        if i == start {
            range_start = Some(out.len());
        }
        if i == end {
            range_end = Some(out.len());
        }
        out.push(printable(c));
    }
    let range_start = range_start.unwrap_or(out.len());
    let range_end = range_end.unwrap_or(out.len()).max(range_start);
    if to < n {
        out.push('…');
    }
    (out, range_start..range_end)
}

/// A character as a snippet shows it: control characters (C0, DEL, C1) and the
/// bidirectional controls that could reorder the line on screen become visible stand-ins;
/// a tab stays a tab (the renderer expands it).
fn printable(c: char) -> char {
    match c {
        '\t' => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{fffd}',
        _ => c,
    }
}

/// Renders one diagnostic for people: a rustc-style report with the YAML line and a
/// caret under the place, then the hint and the JSON pointer.
pub fn render_human(d: &Diagnostic, sources: &Sources, color: bool) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Loss => Level::NOTE,
    };
    // The level's own label says "note"; a loss's code (`loss.…`) says what it is, so the
    // message is not prefixed again (it read "loss: loss: …" in some renderers).
    let title = printable_text(&d.message);
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let path_text = printable_text(&d.location());
    let mut groups: Vec<Group> = Vec::new();
    let shown = match (d.file.as_deref(), d.span) {
        (Some(file), Some(span)) => sources.line(file, span.line).map(|l| (l, span)),
        _ => None,
    };
    let snippet_text;
    match shown {
        Some((line_text, span)) => {
            // Found by line and column, which survive a trip through JSON (a manifest).
            let col = span.column.saturating_sub(1);
            // The length is in bytes of the original: count the characters it covers.
            let len_chars = line_text.char_indices().nth(col).map_or(0, |(first, _)| {
                line_text[first..]
                    .char_indices()
                    .take_while(|(b, _)| *b < span.len.max(1))
                    .count()
            });
            let (text, range) = snippet_line(line_text, col, len_chars);
            snippet_text = text;
            let file = printable_text(
                &d.file
                    .as_ref()
                    .map(|f| f.display().to_string())
                    .unwrap_or_default(),
            );
            groups.push(
                level.primary_title(&title).id(&d.code).element(
                    Snippet::source(&snippet_text)
                        .line_start(span.line)
                        .path(file)
                        .annotation(AnnotationKind::Primary.span(range)),
                ),
            );
        }
        None => {
            groups.push(Group::with_title(level.primary_title(&title).id(&d.code)));
        }
    }
    let mut out = renderer.render(&groups).to_string();
    if shown.is_none() {
        let _ = write!(out, "\n  --> {path_text}");
    }
    if let Some(hint) = &d.hint {
        let _ = write!(out, "\n  = help: {}", printable_text(hint));
    }
    if let Some(p) = d.pointer.as_deref().filter(|p| !p.is_empty()) {
        let _ = write!(out, "\n  = at: {}", printable_text(p));
    }
    out.push('\n');
    out
}

/// A message, path or pointer made safe for a terminal (see [`printable`]); line breaks
/// and tabs become spaces, since each of these is printed on one line.
fn printable_text(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c => printable(c),
        })
        .collect()
}

/// One GitHub Actions workflow command for a diagnostic
/// (`::error file=…,line=…,col=…,title=CODE::message`).
pub fn render_github(d: &Diagnostic) -> String {
    // Escaping as the runner expects: data escapes %, CR, LF; properties also : and ,.
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Loss => "notice",
    };
    let mut props = Vec::new();
    if let Some(f) = &d.file {
        props.push(format!("file={}", prop(&f.display().to_string())));
    }
    if let Some(s) = d.span {
        props.push(format!("line={}", s.line));
        props.push(format!("col={}", s.column));
    }
    props.push(format!("title={}", prop(&d.code)));
    let mut msg = d.message.clone();
    if let Some(h) = &d.hint {
        msg.push_str(" (hint: ");
        msg.push_str(h);
        msg.push(')');
    }
    format!("::{level} {}::{}", props.join(","), data(&msg))
}

/// Renders diagnostics as one JSON document: `{"diagnostics": [...], "errors": n, ...}`.
pub fn render_json(diags: &[Diagnostic]) -> String {
    let count = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let doc = serde_json::json!({
        "diagnostics": diags,
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "losses": count(Severity::Loss),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| String::from("{}"))
}

/// What a run does with diagnostics by code (`--allow`, `--deny`, `galley.toml`): an
/// allowed warning or loss is not reported (only counted), a denied one is reported as an
/// error (exit status 1). Errors are never allowed away.
///
/// A pattern is a code or a glob in which `*` stands for any run of characters
/// (`loss.epub.*`, `*.orcid`). When several match, a pattern given on the command line beats
/// one from `galley.toml`; then the more specific (more characters besides `*`) wins; then
/// deny wins over allow.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    rules: Vec<Rule>,
}

#[derive(Debug, Clone)]
struct Rule {
    pattern: String,
    deny: bool,
    from_command_line: bool,
}

/// What [`Policy::apply`] made of a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Reported (a denied one now an error).
    Report(Diagnostic),
    /// Allowed: not reported, counted.
    Allowed,
}

impl Policy {
    /// Adds patterns to allow (`deny` false) or deny, from the command line or not.
    pub fn add(&mut self, patterns: &[String], deny: bool, from_command_line: bool) {
        self.rules.extend(patterns.iter().map(|p| Rule {
            pattern: p.trim().to_string(),
            deny,
            from_command_line,
        }));
    }

    /// Whether no pattern is given.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The first pattern that is not a code or glob (letters, digits, `.`, `-`, `_`, `*`).
    pub fn bad_pattern(&self) -> Option<&str> {
        self.rules.iter().map(|r| r.pattern.as_str()).find(|p| {
            p.is_empty()
                || !p
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '*'))
        })
    }

    /// The diagnostic as this policy reports it.
    pub fn apply(&self, mut d: Diagnostic) -> Verdict {
        if d.severity == Severity::Error {
            return Verdict::Report(d);
        }
        let best = self
            .rules
            .iter()
            .filter(|r| glob_matches(&r.pattern, &d.code))
            .max_by_key(|r| {
                let specific = r.pattern.chars().filter(|&c| c != '*').count();
                (r.from_command_line, specific, r.deny)
            });
        match best {
            Some(r) if r.deny => {
                d.severity = Severity::Error;
                Verdict::Report(d)
            }
            Some(_) => Verdict::Allowed,
            None => Verdict::Report(d),
        }
    }
}

/// Whether `code` matches `pattern`, in which `*` stands for any run of characters.
pub fn glob_matches(pattern: &str, code: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = code.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty(); // no `*`: the whole code
    };
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// Suggests the candidate closest to `word` ("did you mean `given`?"), if one is close.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize, len: usize) -> Diagnostic {
        Diagnostic::error("yaml.syntax", "something wrong")
            .in_file("a.yaml")
            .at(Some(Span::point(line, column, 0, len)))
            .hint("a hint")
    }

    fn sources(bytes: &[u8]) -> Sources {
        let mut s = Sources::default();
        s.insert_bytes(Path::new("a.yaml"), bytes);
        s
    }

    #[test]
    fn a_span_ending_inside_a_replaced_byte_renders() {
        // The bad bytes become U+FFFD (three bytes each): a length of 1 from the column of
        // the first used to end inside it and panic the renderer.
        let src = sources(b"key: 1\ntitle: The Or\xc3igin \xe2\x82 x\n");
        for col in 1..=25 {
            for len in 0..4 {
                let out = render_human(&at(2, col, len), &src, false);
                assert!(out.contains("title: The Or\u{fffd}igin"), "{out}");
            }
        }
    }

    #[test]
    fn control_characters_are_shown_not_sent_to_the_terminal() {
        let src = sources(b"title: a\x1b[31mred\x07\xc2\x9b and \xe2\x80\xaebidi\n");
        let d = at(1, 10, 1).hint("line\nbreak \x1b[0m");
        let out = render_human(&d, &src, false);
        assert!(!out.contains('\x1b') && !out.contains('\x07'), "{out:?}");
        assert!(
            !out.contains('\u{9b}') && !out.contains('\u{202e}'),
            "{out:?}"
        );
        assert!(out.contains("a\u{241b}[31mred\u{2407}"), "{out}");
        assert!(out.contains("= help: line break \u{241b}[0m"), "{out}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_place() {
        let mut line = "x".repeat(1_000_000);
        line.replace_range(700_000..700_003, "BAD");
        let src = sources(line.as_bytes());
        let out = render_human(&at(1, 700_001, 3), &src, false);
        assert!(out.len() < 2_000, "{} bytes", out.len());
        let shown = out
            .lines()
            .find(|l| l.contains("BAD"))
            .expect("the place is shown");
        assert!(shown.contains('…'), "{shown}");
        let caret = out.lines().find(|l| l.contains("^^^")).expect("a caret");
        let column = |l: &str, i: usize| l[..i].chars().count();
        let bad = shown.find("BAD").unwrap();
        assert_eq!(
            column(caret, caret.find('^').unwrap()),
            column(shown, bad),
            "{out}"
        );
    }

    #[test]
    fn positions_past_the_line_or_the_file_render() {
        let src = sources("é\nab\r\n".as_bytes());
        for (line, col, len) in [(1, 1, 5), (1, 9, 1), (2, 3, 0), (2, 40, 2), (9, 1, 1)] {
            let out = render_human(&at(line, col, len), &src, false);
            assert!(out.contains("something wrong"), "{out}");
        }
    }

    #[test]
    fn globs_match_codes() {
        for (p, c, yes) in [
            ("loss.epub.*", "loss.epub.orcid", true),
            ("loss.epub.*", "loss.jats.orcid", false),
            ("*.orcid", "loss.epub.orcid", true),
            ("loss.*.orcid", "loss.tei.orcid", true),
            ("loss.*.orcid", "loss.tei.ror", false),
            ("figure.no-alt", "figure.no-alt", true),
            ("figure.no-alt", "figure.no-alt-x", false),
            ("*", "anything", true),
            ("a*a", "a", false),
        ] {
            assert_eq!(glob_matches(p, c), yes, "{p} {c}");
        }
    }

    #[test]
    fn the_most_specific_rule_wins_and_the_command_line_over_the_file() {
        let loss = Diagnostic::new(Severity::Loss, "loss.epub.orcid", "m");
        let mut p = Policy::default();
        p.add(&["loss.*".into()], false, false);
        assert_eq!(p.apply(loss.clone()), Verdict::Allowed);
        p.add(&["loss.epub.orcid".into()], true, false);
        let Verdict::Report(d) = p.apply(loss.clone()) else {
            panic!("denied")
        };
        assert_eq!(d.severity, Severity::Error);
        p.add(&["loss.epub.*".into()], false, true);
        assert_eq!(p.apply(loss), Verdict::Allowed);
        let error = Diagnostic::error("loss.epub.orcid", "m");
        assert_eq!(p.apply(error.clone()), Verdict::Report(error));
    }

    #[test]
    fn github_annotations_escape_data_and_properties() {
        let d = at(3, 4, 1).in_file("a,b:c%.yaml");
        let d = Diagnostic {
            message: "two\nlines 100%".into(),
            ..d
        };
        assert_eq!(
            render_github(&d),
            "::error file=a%2Cb%3Ac%25.yaml,line=3,col=4,title=yaml.syntax::two%0Alines 100%25 (hint: a hint)"
        );
    }
}
