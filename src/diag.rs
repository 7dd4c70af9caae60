//! Diagnostics as data: severity, a stable code, a message, where (file, JSON pointer,
//! line:column) and a hint. Every stage collects them instead of stopping at the first;
//! the CLI renders them at the end, for people (rustc-style snippets) or as JSON.
//!
//! Codes are stable and documented in the README: tests and CI scripts match on them.
//! A code in the `io.` or `internal.` family is a failure of the tool or its
//! environment (exit status 2); any other error is a content problem (exit status 1).

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
            && (self.code.starts_with("io.") || self.code.starts_with("internal."))
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
    files: BTreeMap<PathBuf, Arc<str>>,
}

impl Sources {
    /// Remembers a file's text.
    pub fn insert(&mut self, path: &Path, text: Arc<str>) {
        self.files.insert(path.to_path_buf(), text);
    }

    /// A file's text, if remembered.
    pub fn get(&self, path: &Path) -> Option<&str> {
        self.files.get(path).map(|s| &**s)
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
    let title = match d.severity {
        Severity::Loss => format!("loss: {}", d.message),
        _ => d.message.clone(),
    };
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let path_text = d.location();
    let source = d.file.as_deref().and_then(|f| sources.get(f));
    let mut groups: Vec<Group> = Vec::new();
    match (source, d.span) {
        (Some(text), Some(span)) => {
            // Found by line and column, which survive a trip through JSON (a manifest).
            let line_text = text
                .split('\n')
                .nth(span.line.saturating_sub(1))
                .map(|l| l.strip_suffix('\r').unwrap_or(l))
                .unwrap_or("");
            let start = line_text
                .char_indices()
                .nth(span.column.saturating_sub(1))
                .map_or(line_text.len(), |(b, _)| b);
            let end = (start + span.len.max(1)).min(line_text.len().max(start));
            let file = d
                .file
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_default();
            groups.push(
                level.primary_title(&title).id(&d.code).element(
                    Snippet::source(line_text)
                        .line_start(span.line)
                        .path(file)
                        .annotation(AnnotationKind::Primary.span(start..end)),
                ),
            );
        }
        _ => {
            groups.push(Group::with_title(level.primary_title(&title).id(&d.code)));
        }
    }
    let mut out = renderer.render(&groups).to_string();
    if source.is_none() || d.span.is_none() {
        let _ = write!(out, "\n  --> {path_text}");
    }
    if let Some(hint) = &d.hint {
        let _ = write!(out, "\n  = help: {hint}");
    }
    if let Some(p) = d.pointer.as_deref().filter(|p| !p.is_empty()) {
        let _ = write!(out, "\n  = at: {p}");
    }
    out.push('\n');
    out
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
