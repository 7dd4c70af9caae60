//! Formulas. TEI's `formula` holds text and phrase-level elements, not MathML (tei_all
//! 4.12), so a formula is written as its TeX (`formula notation="tex"`); without TeX, as
//! its alt text or else the MathML's characters; the MathML is reported lost
//! (`loss.tei.mathml`) for every formula. A display formula carries its id (`xml:id`) and label (`@n`).

use super::Emitter;
use crate::emit::{InputFile, Loss};
use crate::model::{Block, Formula, MathView, walk_article_blocks};

impl Emitter<'_> {
    /// A display formula → `<ab type="formula"><formula xml:id="eq1" n="(1)"
    /// notation="tex">…</formula></ab>`: TEI takes `formula` only inside a block such as
    /// `p` or `ab` (anonymous block), and the formula is no paragraph of the text.
    pub(super) fn display_formula(&mut self, f: &Formula) {
        let mut attrs = Vec::new();
        if let Some(id) = &f.id {
            attrs.push(("xml:id", id.as_str()));
        }
        if let Some(l) = &f.label {
            attrs.push(("n", l.as_str()));
        }
        self.w.open_mixed("ab", &[("type", "formula")]);
        self.formula(f.view(), &attrs);
        self.w.end("ab");
    }

    /// `[$id]` → `<formula notation="tex">…</formula>` in running text.
    pub(super) fn inline_formula(&mut self, id: &str) {
        if let Some(f) = self.r.formula(id) {
            self.formula(f.view(), &[]);
        }
    }

    fn formula(&mut self, v: MathView<'_>, attrs: &[(&str, &str)]) {
        let mut attrs = attrs.to_vec();
        let text = match v.tex {
            Some(tex) => {
                attrs.push(("notation", "tex"));
                tex.to_string()
            }
            None => v
                .alt
                .map_or_else(|| crate::math::characters(v.mathml), str::to_string),
        };
        self.w.open_inline("formula", &attrs);
        self.w.text(&text);
        self.w.end("formula");
    }

    /// Every formula: TEI carries its TeX, or its alt text or characters, never its
    /// MathML (nor its alt text beside the TeX).
    pub(super) fn formula_losses(&mut self) {
        let mut lost = Vec::new();
        walk_article_blocks(self.art, &mut |p, b| {
            if let Block::Formula(f) = b {
                lost.push((format!("{p}/formula"), f.tex.is_some()));
            }
        });
        for (i, f) in self.art.formulas.iter().enumerate() {
            lost.push((format!("/formulas/{i}"), f.tex.is_some()));
        }
        for (pointer, tex) in lost {
            let written = if tex {
                "its TeX (`notation=\"tex\"`)"
            } else {
                "its alt text, or else the MathML's characters"
            };
            self.losses.push(Loss {
                file: InputFile::Article,
                pointer,
                code: "loss.tei.mathml".into(),
                message: format!(
                    "TEI's `formula` cannot hold MathML: the formula is written as {written}"
                ),
            });
        }
    }
}
