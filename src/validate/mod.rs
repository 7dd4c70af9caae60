//! Stage 2, validate: a loaded [`Document`] → JSON Schema check → typed model →
//! semantic checks (ids, cross-references, assets, characters XML forbids). Every
//! problem found becomes a [`Diagnostic`] with its position; nothing stops at the first.
//!
//! One file a concern:
//! - `document`: loading a file, the schema check and the best-effort reading of a file
//!   with errors ([`load_checked`], [`check_document`]);
//! - `schema_errors`: running the JSON Schema and turning each of its errors into a
//!   diagnostic at the right line and column, with a hint;
//! - `text`: characters XML forbids, text not in NFC, and inline markup (with what it
//!   refers to);
//! - `contributors`: the contributor list ([`check_contributors`]);
//! - `article`: an article against its issue ([`check_article`]);
//! - `assets`: the files figures name ([`MAX_ASSET_BYTES`]);
//! - `issue`: the issue file ([`check_issue`]).

mod affiliations;
mod article;
mod assets;
mod cites;
mod contributors;
mod document;
mod empty;
mod front;
mod issue;
mod math;
mod schema_errors;
mod sub_article;
mod supplementary;
mod text;
mod titles;

pub use article::{check_article, check_article_read};
pub use assets::{FolderFiles, MAX_ASSET_BYTES};
pub use cites::{check_citation_brackets, check_csl_literal_dates};
pub use contributors::check_contributors;
pub use document::{check_document, load_checked, load_checked_bytes};
pub use issue::check_issue;
pub(crate) use math::formula_may_stand;

use crate::diag::{Diagnostic, Severity};
use crate::yaml::Document;

/// A loaded file: its document (for positions) and its typed value.
#[derive(Debug, Clone)]
pub struct Checked<T> {
    /// The YAML as loaded, with positions.
    pub doc: Document,
    /// The typed value. When the file has schema errors this is a best-effort reading
    /// (the values with errors left out, required ones given neutral stand-ins) so that
    /// the semantic checks still run and every problem is reported in one go; such a
    /// value is never converted.
    pub value: T,
    /// Whether the file had no errors at all.
    pub clean: bool,
    /// Pointers of the values a best-effort reading left out or replaced.
    pub pruned: Vec<String>,
}

impl<T> Checked<T> {
    /// Whether the best-effort reading changed anything at or under `pointer` (or one
    /// of its parents): checks for something *missing* there would be unsound.
    pub fn touched(&self, pointer: &str) -> bool {
        self.pruned.iter().any(|p| {
            let within = |a: &str, b: &str| a == b || a.starts_with(&format!("{b}/"));
            within(p, pointer) || within(pointer, p)
        })
    }
}

/// A diagnostic for the value at `pointer` of `doc`.
fn at(
    doc: &Document,
    severity: Severity,
    code: &str,
    pointer: &str,
    message: String,
    hint: &str,
) -> Diagnostic {
    let mut d = Diagnostic::new(severity, code, message)
        .in_file(&doc.path)
        .pointer(pointer.to_string())
        .at(doc.span_or_parent(pointer));
    if !hint.is_empty() {
        d = d.hint(hint);
    }
    d
}
