//! Formulas in the EPUB and the preview: the source's MathML inline in the document
//! (`math` in the MathML namespace), with `alttext` (the `alt`, else the TeX) as the text
//! fallback and the TeX, when given, as an `annotation` in `semantics`; a display formula in a `div class="formula"` with its label after it.

use super::Renderer;
use crate::inline::Inline;
use crate::math::{self, WriteAs};
use crate::model::{Article, Block, Formula, MathView, for_each_text, walk_article_blocks};
use crate::xml::XmlWriter;

/// Writes a formula's MathML; `display` for a formula set on its own line.
pub(super) fn write_math(w: &mut XmlWriter, v: MathView<'_>, display: bool) {
    let mut extra = Vec::new();
    if display {
        extra.push(("display", "block"));
    }
    if let Some(alt) = v.alt_text() {
        extra.push(("alttext", alt));
    }
    math::write(
        w,
        v.mathml,
        WriteAs {
            prefix: "",
            extra: &extra,
            tex_annotation: v.tex,
        },
    );
}

impl Renderer<'_> {
    /// `<div class="formula" id="eq1"><math display="block" …>…</math> <span
    /// class="label">(1)</span></div>`.
    pub(super) fn display_formula(&mut self, w: &mut XmlWriter, f: &Formula) {
        let mut attrs = vec![("class", "formula")];
        if let Some(id) = &f.id {
            attrs.push(("id", id.as_str()));
        }
        w.open_mixed("div", &attrs);
        write_math(w, f.view(), true);
        if let Some(l) = &f.label {
            w.text(" ");
            w.open_inline("span", &[("class", "label")]);
            w.text(l);
            w.end("span");
        }
        w.end("div");
    }
}

/// Whether the article's body document holds MathML: a display formula, or an inline
/// formula in any text (validation allows them only in text the body document holds).
pub fn has_math(article: &Article) -> bool {
    let mut found = false;
    // A sub-article's formulas are in its own document (`sub_article_has_math`).
    let own = |p: &str| !p.starts_with("/sub_articles/");
    walk_article_blocks(article, &mut |p, b| {
        found |= own(p) && matches!(b, Block::Formula(_));
    });
    for_each_text(article, &mut |p, t| {
        if !own(p) {
            return;
        }
        crate::inline::visit(&t.inlines(), &mut |n| {
            found |= matches!(n, Inline::Formula { .. });
        });
    });
    found
}
