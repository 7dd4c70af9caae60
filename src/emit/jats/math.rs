//! Formulas: `disp-formula` (id, `label`) and `inline-formula`, each holding the MathML as
//! `mml:math` (which declares the `mml` prefix itself, as the MathML 2 DTD that JATS
//! loads allows), or `alternatives` with
//! `mml:math` and `tex-math` when the source gives TeX too.

use super::Jats;
use crate::math::{self, WriteAs};
use crate::model::{Formula, MathView};

impl Jats<'_> {
    /// A display formula → `<disp-formula id="eq1"><label>(1)</label>…</disp-formula>`.
    pub(super) fn display_formula(&mut self, f: &Formula) {
        let mut attrs = Vec::new();
        if let Some(id) = &f.id {
            attrs.push(("id", id.as_str()));
        }
        self.w.open_mixed("disp-formula", &attrs);
        if let Some(l) = &f.label {
            self.w.open_inline("label", &[]);
            self.w.text(l);
            self.w.end("label");
        }
        self.math(f.view(), true);
        self.w.end("disp-formula");
    }

    /// `[$id]` → `<inline-formula>…</inline-formula>`; an id that names no formula
    /// (validation refuses it) writes nothing.
    pub(super) fn inline_formula(&mut self, id: &str) {
        let Some(f) = self.r.formula(id) else { return };
        self.w.open_inline("inline-formula", &[]);
        self.math(f.view(), false);
        self.w.end("inline-formula");
    }

    /// The MathML, in `alternatives` with the TeX as `tex-math` when TeX is given.
    fn math(&mut self, v: MathView<'_>, display: bool) {
        let mut extra = vec![("xmlns:mml", crate::math::MATHML_NS)];
        if display {
            extra.push(("display", "block"));
        }
        if let Some(alt) = v.alt {
            extra.push(("alttext", alt));
        }
        if v.tex.is_some() {
            self.w.open_inline("alternatives", &[]);
        }
        math::write(
            &mut self.w,
            v.mathml,
            WriteAs {
                prefix: "mml:",
                extra: &extra,
                tex_annotation: None,
            },
        );
        if let Some(tex) = v.tex {
            self.w.open_inline("tex-math", &[]);
            self.w.text(tex);
            self.w.end("tex-math");
            self.w.end("alternatives");
        }
    }
}
