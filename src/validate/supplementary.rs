//! Supplementary material: each item has its file in the article's folder or a DOI, a
//! media type galley can state, and something for `[#id]` to print.

use std::collections::BTreeSet;
use std::path::Path;

use super::assets::check_supplementary_file;
use super::{Checked, at};
use crate::diag::{Diagnostic, Severity};
use crate::inline::{self, Inline};
use crate::model::{Article, for_each_text};

/// Checks the article's supplementary material and the references to it.
pub(super) fn check_supplementary(
    a: &Checked<Article>,
    article_dir: &Path,
    diags: &mut Vec<Diagnostic>,
) {
    let (doc, art) = (&a.doc, &a.value);
    for (i, s) in art.supplementary.iter().enumerate() {
        let p = format!("/supplementary/{i}");
        match &s.file {
            Some(file) => {
                check_supplementary_file(doc, article_dir, &format!("{p}/file"), file, diags);
                if s.media_type().is_none() {
                    diags.push(at(
                        doc,
                        Severity::Error,
                        "supplementary.media-type",
                        &format!("{p}/file"),
                        format!("the name `{file}` does not tell what kind of file it is"),
                        "give its `media_type` (`application/zip`, `text/csv`, …): JATS and TEI state it",
                    ));
                }
            }
            None if s.doi.is_none() && !a.touched(&p) => diags.push(at(
                doc,
                Severity::Error,
                "supplementary.no-file",
                &p,
                format!(
                    "supplementary item `{}` has neither a `file` nor a `doi`",
                    s.id
                ),
                "give the file's path in the article's folder, or the DOI where it is kept",
            )),
            None => {}
        }
    }
    let unlabelled: BTreeSet<&str> = art
        .supplementary
        .iter()
        .filter(|s| s.label.is_none() && s.title.is_none())
        .map(|s| s.id.as_str())
        .collect();
    if unlabelled.is_empty() {
        return;
    }
    for_each_text(art, &mut |p, t| {
        let Ok(nodes) = t.parse() else { return };
        inline::visit(nodes, &mut |n| {
            if let Inline::XRef { id, offset } = n
                && unlabelled.contains(id.as_str())
            {
                diags.push(
                    Diagnostic::error(
                        "xref.no-label",
                        format!("the supplementary item `{id}` has no label or title for `[#{id}]` to print"),
                    )
                    .in_file(&doc.path)
                    .pointer(p.to_string())
                    .at(doc
                        .string_byte_span(p, *offset, id.len())
                        .or_else(|| doc.span_or_parent(p)))
                    .hint(format!("give the item a `label`, or write the reference's text: `[the survey data](#{id})`")),
                );
            }
        });
    });
}
