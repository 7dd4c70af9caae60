//! One affiliation, wherever it is given (a contributor's, or the article's own list):
//! it names an organisation or prints one, and a printed form is not blank.

use super::text::check_text;
use super::{Checked, at};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Affiliation, Article};

/// Checks the affiliation at pointer `p` of `c`'s file: `affiliation.empty` when it has
/// neither an organisation part nor a printed form, `affiliation.printed-blank` when the
/// printed form is only white space; its positions as marked-up text.
pub(super) fn check_affiliation<T>(
    c: &Checked<T>,
    p: &str,
    aff: &Affiliation,
    diags: &mut Vec<Diagnostic>,
) {
    let has_org = aff.institution.is_some() || aff.department.is_some() || aff.parent.is_some();
    if !has_org && aff.printed.is_none() && !c.touched(p) {
        diags.push(at(
            &c.doc,
            Severity::Error,
            "affiliation.empty",
            p,
            "an affiliation needs an `institution`, `department`, `parent` or `printed`"
                .into(),
            "give the organisation's parts, or the affiliation as printed in `printed`; put positions held at no named organisation in the contributor's `positions`",
        ));
    }
    if let Some(printed) = &aff.printed
        && printed.trim().is_empty()
        && !c.touched(&format!("{p}/printed"))
    {
        diags.push(at(
            &c.doc,
            Severity::Error,
            "affiliation.printed-blank",
            &format!("{p}/printed"),
            "the printed form of an affiliation is blank".into(),
            "copy the affiliation as the source prints it, or remove `printed`",
        ));
    }
    for (k, pos) in aff.positions.iter().enumerate() {
        check_text(&c.doc, &format!("{p}/positions/{k}"), pos, None, diags);
    }
}

/// The article's own affiliations (linked to nobody): each as [`check_affiliation`],
/// and no `positions` (`affiliation.positions-unlinked`), which belong to a person.
pub(super) fn check_article_affiliations(a: &Checked<Article>, diags: &mut Vec<Diagnostic>) {
    for (j, aff) in a.value.affiliations.iter().enumerate() {
        let p = format!("/affiliations/{j}");
        check_affiliation(a, &p, aff, diags);
        if !aff.positions.is_empty() && !a.touched(&format!("{p}/positions")) {
            diags.push(at(
                &a.doc,
                Severity::Error,
                "affiliation.positions-unlinked",
                &format!("{p}/positions"),
                "an affiliation linked to nobody has no positions".into(),
                "positions belong to a person: give the affiliation to that person in contributors.yaml",
            ));
        }
    }
}
