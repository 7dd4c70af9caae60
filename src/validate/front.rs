//! Front matter: one title translation per language, none in the article's own
//! language, abstracts that say something, funder ids in a registry's form.

use std::collections::BTreeMap;

use super::{Checked, at};
use crate::diag::{Diagnostic, Severity};
use crate::model::{AbstractType, Article, Block, ExtraAbstract, FunderId, walk_article_blocks};

/// Checks translated titles and further abstracts.
pub(super) fn check_front(a: &Checked<Article>, diags: &mut Vec<Diagnostic>) {
    let (doc, art) = (&a.doc, &a.value);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, t) in art.title_translations.iter().enumerate() {
        let p = format!("/title_translations/{i}/lang");
        let lang = t.lang.as_str().to_ascii_lowercase();
        if lang == art.lang.as_str().to_ascii_lowercase() {
            diags.push(at(
                doc,
                Severity::Error,
                "title-translation.same-lang",
                &p,
                format!(
                    "a translation of the title is in `{}`, the article's own language",
                    t.lang.as_str()
                ),
                "give the translation's language, or put the title in `title`",
            ));
        } else if let Some(first) = seen.insert(lang, i) {
            diags.push(at(
                doc,
                Severity::Error,
                "title-translation.duplicate",
                &p,
                format!(
                    "the title is translated into `{}` twice (also at /title_translations/{first})",
                    t.lang.as_str()
                ),
                "keep one translation per language",
            ));
        }
    }
    for (i, f) in art.funding.iter().enumerate() {
        if let Some(id) = &f.funder_id
            && FunderId::parse(id).is_none()
        {
            diags.push(at(
                doc,
                Severity::Error,
                "funding.funder-id",
                &format!("/funding/{i}/funder_id"),
                format!("`{}` is neither a Crossref Funder Registry DOI nor a ROR id", id.as_str()),
                "write `https://doi.org/10.13039/…` (search.crossref.org/funding) or `https://ror.org/…`",
            ));
        }
    }
    walk_article_blocks(art, &mut |p, b| {
        if let Block::Section(s) = b
            && let Some(t) = &s.sec_type
            && (t.is_empty() || t.chars().any(|c| c.is_whitespace()))
        {
            diags.push(at(
                doc,
                Severity::Error,
                "section.type",
                &format!("{p}/section/type"),
                format!("`{t}` is not a section type (one word, no spaces)"),
                "write a JATS sec-type such as `methods` or `materials|methods`",
            ));
        }
    });
    for (i, x) in art.abstracts.iter().enumerate() {
        check_abstract(a, i, x, diags);
    }
}

/// A further abstract says something; a graphical one has its figure, and only a
/// graphical one has one.
fn check_abstract(a: &Checked<Article>, i: usize, x: &ExtraAbstract, diags: &mut Vec<Diagnostic>) {
    let doc = &a.doc;
    let p = format!("/abstracts/{i}");
    let graphical = x.kind == Some(AbstractType::Graphical);
    match (graphical, &x.figure) {
        (true, None) if !a.touched(&p) => diags.push(at(
            doc,
            Severity::Error,
            "abstract.graphical-no-figure",
            &p,
            "a graphical abstract needs its `figure`".into(),
            "give `figure:` with the image's `id`, `image` and `alt`",
        )),
        (false, Some(_)) => diags.push(at(
            doc,
            Severity::Error,
            "abstract.figure-not-graphical",
            &format!("{p}/figure"),
            "only a graphical abstract (`type: graphical`) has a `figure`".into(),
            "add `type: graphical`, or move the figure into the body",
        )),
        (false, None) if x.paragraphs.is_empty() && x.sections.is_empty() && !a.touched(&p) => {
            diags.push(at(
                doc,
                Severity::Error,
                "abstract.empty",
                &p,
                "an abstract needs `paragraphs` or `sections`".into(),
                "give its text, or remove it",
            ));
        }
        _ => {}
    }
}
