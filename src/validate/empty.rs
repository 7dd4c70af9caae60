//! Values that are present but state nothing an output could print: a reference with
//! only its id and type.

use super::{Checked, at};
use crate::diag::{Diagnostic, Severity};
use crate::model::Article;

/// Every reference states something.
pub(super) fn check_references_state_something(a: &Checked<Article>, diags: &mut Vec<Diagnostic>) {
    for (i, r) in a.value.references.iter().enumerate() {
        let p = format!("/references/{i}");
        if !r.states_something() && !a.touched(&p) {
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
