//! The issue file (`issue.yaml`): the articles it lists exist, once each, and none is
//! left out.

use std::collections::BTreeSet;

use super::{Checked, at};
use crate::diag::{Diagnostic, Severity, did_you_mean};
use crate::model::IssueFile;

/// Semantic checks on the issue file: the listed articles exist, once each.
pub fn check_issue(i: &Checked<IssueFile>, found: &[String], diags: &mut Vec<Diagnostic>) {
    let doc = &i.doc;
    super::titles::check_titles(doc, &i.value.titles, None, diags);
    check_csl_style(i, diags);
    let mut seen = BTreeSet::new();
    for (k, slug) in i.value.issue.articles.iter().enumerate() {
        let p = format!("/issue/articles/{k}");
        if !seen.insert(slug.as_str()) {
            diags.push(at(
                doc,
                Severity::Error,
                "issue.duplicate-article",
                &p,
                format!("`{slug}` is listed twice"),
                "list each article once",
            ));
        } else if !found.iter().any(|f| f == slug) {
            let hint = match did_you_mean(slug, found.iter().map(String::as_str)) {
                Some(m) => format!("did you mean `{m}`?"),
                None => "each entry names a folder beside issue.yaml that holds an article.yaml"
                    .to_string(),
            };
            diags.push(at(
                doc,
                Severity::Error,
                "issue.unknown-article",
                &p,
                format!("no article folder `{slug}`"),
                &hint,
            ));
        }
    }
    if !i.value.issue.articles.is_empty() {
        for slug in found {
            if !seen.contains(slug.as_str()) {
                diags.push(at(
                    doc,
                    Severity::Warning,
                    "issue.unlisted-article",
                    "/issue/articles",
                    format!("article folder `{slug}` is not listed in `issue.articles`"),
                    "add it to the list in its place in the issue (it is put last until then)",
                ));
            }
        }
    }
}

/// A named CSL style (`citation_style: {csl: NAME}`) is one hayagriva's archive carries,
/// and writes its citations in the text (a note style's would be footnotes, which galley
/// does not make of citations).
fn check_csl_style(i: &Checked<IssueFile>, diags: &mut Vec<Diagnostic>) {
    let Some(name) = i.value.journal.citation_style.csl_name() else {
        return;
    };
    let p = "/journal/citation_style/csl";
    match crate::resolve::csl::archived_style(name) {
        None => {
            let hint = match did_you_mean(name, crate::resolve::csl::archived_names()) {
                Some(m) => format!("did you mean `{m}`?"),
                None => "name a CSL style hayagriva carries: `apa`, `vancouver`, `ieee`, `chicago-author-date`, `modern-language-association`…".to_string(),
            };
            diags.push(at(
                &i.doc,
                Severity::Error,
                "citation-style.unknown",
                p,
                format!("no CSL style named `{name}`"),
                &hint,
            ));
        }
        Some(style) if crate::resolve::csl::is_note_style(&style) => diags.push(at(
            &i.doc,
            Severity::Error,
            "citation-style.note",
            p,
            format!("the CSL style `{name}` writes its citations as footnotes"),
            "galley writes generated citations in the text: choose an author–date or numeric style (`chicago-author-date` rather than a note style)",
        )),
        Some(_) => {}
    }
}
