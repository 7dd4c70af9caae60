//! Formulas: each one's MathML (well-formed, a `math` root in the MathML namespace,
//! MathML 2 presentation markup only), every `[$id]` naming an inline formula and
//! standing where the EPUB's body document holds it, every `[#id]` to a formula having
//! a label to print.

use std::collections::BTreeSet;

use super::{Checked, at};
use crate::diag::{Diagnostic, Severity, did_you_mean};
use crate::inline::{self, Inline};
use crate::model::{Article, Block, for_each_text, walk_article_blocks};
use crate::yaml::Document;

/// Checks an article's formulas and the references to them.
pub(super) fn check_formulas(a: &Checked<Article>, diags: &mut Vec<Diagnostic>) {
    let (doc, art) = (&a.doc, &a.value);
    let mut unlabelled = BTreeSet::new();
    walk_article_blocks(art, &mut |p, b| {
        if let Block::Formula(f) = b {
            check_mathml(doc, &format!("{p}/formula/mathml"), &f.mathml, diags);
            if let (Some(id), None) = (&f.id, &f.label) {
                unlabelled.insert(id.as_str());
            }
        }
    });
    for (i, f) in art.formulas.iter().enumerate() {
        check_mathml(doc, &format!("/formulas/{i}/mathml"), &f.mathml, diags);
    }
    let known: Vec<&str> = art.formulas.iter().map(|f| f.id.as_str()).collect();
    let mut used = BTreeSet::new();
    for_each_text(art, &mut |p, t| {
        let Ok(nodes) = t.parse() else { return };
        inline::visit(nodes, &mut |n| match n {
            Inline::Formula { id, offset } => {
                used.insert(id.clone());
                let span = doc
                    .string_byte_span(p, *offset, id.len())
                    .or_else(|| doc.span_or_parent(p));
                if !known.contains(&id.as_str()) {
                    let hint = match did_you_mean(id, known.iter().copied()) {
                        Some(m) => format!("did you mean `{m}`?"),
                        None => format!(
                            "define it in the article's `formulas` list (`- {{id: {id}, mathml: …}}`), or write a literal `[$` as `\\[$`"
                        ),
                    };
                    diags.push(
                        Diagnostic::error(
                            "formula.unknown",
                            format!("`{id}` does not name an inline formula of this article"),
                        )
                        .in_file(&doc.path)
                        .pointer(p.to_string())
                        .at(span)
                        .hint(hint),
                    );
                } else if !formula_may_stand(p) {
                    diags.push(
                        Diagnostic::error(
                            "formula.here",
                            format!("the inline formula `{id}` cannot stand in this field"),
                        )
                        .in_file(&doc.path)
                        .pointer(p.to_string())
                        .at(span)
                        .hint("inline formulas stand in the body's (and a sub-article's body's) paragraphs, lists, quotations, captions and cells and in footnotes, not in titles, headings, attributions, abstracts or references"),
                    );
                }
            }
            Inline::XRef { id, offset } if unlabelled.contains(id.as_str()) => {
                diags.push(
                    Diagnostic::error(
                        "xref.no-label",
                        format!("the formula `{id}` has no label for `[#{id}]` to print"),
                    )
                    .in_file(&doc.path)
                    .pointer(p.to_string())
                    .at(doc
                        .string_byte_span(p, *offset, id.len())
                        .or_else(|| doc.span_or_parent(p)))
                    .hint(format!("give the formula a `label`, or write the reference's text: `[the equation above](#{id})`")),
                );
            }
            _ => {}
        });
    });
    // Only on a clean reading: a best-effort one has dropped the parts that had errors.
    if !a.clean {
        return;
    }
    for (i, f) in art.formulas.iter().enumerate() {
        if !used.contains(f.id.as_str()) {
            diags.push(at(
                doc,
                Severity::Warning,
                "formula.unused",
                &format!("/formulas/{i}/id"),
                format!("inline formula `{}` is never placed in the text", f.id),
                &format!("put `[${}]` where the formula stands, or remove it", f.id),
            ));
        }
    }
}

/// Whether an inline formula may stand in the text at `pointer`: the body's text other
/// than section titles (which the table of contents repeats) and quotations'
/// attributions (a TEI `bibl`, which holds no `formula`), a sub-article's body text
/// likewise, and footnotes.
pub(crate) fn formula_may_stand(pointer: &str) -> bool {
    let sub_body = pointer
        .strip_prefix("/sub_articles/")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(_, rest)| rest.starts_with("body/"));
    ((pointer.starts_with("/body/") || sub_body)
        && !pointer.ends_with("/section/title")
        && !pointer.ends_with("/quote/attribution"))
        || pointer.starts_with("/footnotes/")
}

/// A formula's MathML, with the fault's position in the file.
fn check_mathml(doc: &Document, pointer: &str, mathml: &str, diags: &mut Vec<Diagnostic>) {
    let Err(e) = crate::math::check(mathml) else {
        return;
    };
    let len = e.len.min(mathml.len().saturating_sub(e.offset)).max(1);
    let span = doc
        .string_byte_span(pointer, e.offset, len)
        .or_else(|| doc.span_or_parent(pointer));
    let d = at(
        doc,
        Severity::Error,
        "formula.mathml",
        pointer,
        e.message,
        &e.hint,
    );
    diags.push(d.at(span));
}
