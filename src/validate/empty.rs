//! Values that are present but state nothing an output could print: a reference with
//! only its id and type.

use super::{Checked, at};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Article, Reference};

/// Whether a reference states anything beyond its id, type and language: a name, a
/// title, a place in a container, an identifier, a publisher or a note. One that does
/// not would be an empty entry in every output (and an invalid JATS `element-citation`).
pub fn reference_states_something(r: &Reference) -> bool {
    let names = !(r.author.is_empty() && r.editor.is_empty() && r.translator.is_empty());
    let texts = [&r.title, &r.container_title, &r.collection_title, &r.note]
        .iter()
        .any(|t| t.as_ref().is_some_and(|t| !t.as_str().trim().is_empty()));
    let strings = [
        &r.volume,
        &r.issue,
        &r.page,
        &r.edition,
        &r.publisher,
        &r.publisher_place,
        &r.isbn,
    ]
    .iter()
    .any(|s| s.as_ref().is_some_and(|s| !s.trim().is_empty()));
    names || texts || strings || r.issued.is_some() || r.doi.is_some() || r.url.is_some()
}

/// Every reference states something.
pub(super) fn check_references_state_something(a: &Checked<Article>, diags: &mut Vec<Diagnostic>) {
    for (i, r) in a.value.references.iter().enumerate() {
        let p = format!("/references/{i}");
        if !reference_states_something(r) && !a.touched(&p) {
            diags.push(at(
                &a.doc,
                Severity::Error,
                "reference.empty",
                &p,
                format!("reference `{}` states nothing but its type", r.id),
                "give the work's author, title, container or identifier, or remove the reference",
            ));
        }
    }
}
