//! Formulas: display formulas (a block of the body) and inline formulas (defined in the
//! article's `formulas` list and placed in text with `[$id]`).
//!
//! **MathML is required; TeX is an alternative carried beside it, never converted.**
//! MathML is what JATS archives, EPUB reading systems and the HTML preview render and
//! what assistive technology reads; a TeX → MathML converter would put galley's guess of
//! the layout in place of the source's (and the crates that do it, `latex2mathml` and
//! `pulldown-latex`, each cover a different subset of LaTeX and write MathML 3 that the
//! JATS DTD's MathML 2 refuses). So the source states the MathML it prints, and may add
//! the TeX it was typeset from. The MathML must be well-formed XML whose root is `math` in
//! the MathML namespace and hold only MathML 2 presentation elements (the JATS 1.3 DTD
//! loads MathML 2.0; every MathML 2 presentation element is also MathML 3).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::Id;

/// A display formula, set on its own line: `- formula: {id: eq1, label: "(1)", mathml:
/// "<math xmlns=…>…</math>", tex: "E = mc^2"}`.
///
/// JATS: `disp-formula` with `id`, `label` and the MathML as `mml:math` (with `tex-math`
/// beside it in `alternatives` when TeX is given); TEI: `formula` with `xml:id`, `@n` (the
/// label) and the TeX (`notation="tex"`), in an `ab type="formula"`; TEI cannot hold
/// MathML, so without TeX the formula is written as its alt text or the MathML's
/// characters, and the MathML is reported lost (`loss.tei.mathml`); EPUB and the preview:
/// a `div class="formula"` holding the MathML (`display="block"`, `alttext` from `alt` or
/// else the TeX, the TeX as an `annotation` in `semantics`) and the label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Formula {
    /// An id, for cross-references (`[#eq1]`, `[equation 1](#eq1)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// The number as printed, for a numbered formula: `(1)`. Leave it out for an
    /// unnumbered one. `[#eq1]` prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"(1)")]
    pub label: Option<String>,
    /// The formula in MathML 2 presentation markup: a `math` element in the namespace
    /// `http://www.w3.org/1998/Math/MathML` (a block scalar `|` keeps it readable).
    #[schemars(
        example = &"<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math>"
    )]
    pub mathml: String,
    /// The same formula in TeX, as the source was typeset: `E = mc^2` (JATS `tex-math`
    /// in `alternatives`; TEI `formula notation="tex"`; EPUB the `alttext` when no `alt`
    /// is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"E = mc^2")]
    pub tex: Option<String>,
    /// A text alternative read aloud in place of the formula: `E equals m c squared`
    /// (MathML `alttext` in the EPUB and the preview; JATS keeps it on `mml:math`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}

/// An inline formula, placed in running text with `[$id]`: `{id: f1, mathml: "<math
/// xmlns=…><mi>x</mi></math>", tex: x}`.
///
/// JATS: `inline-formula` holding `mml:math` (and `tex-math` in `alternatives` when TeX
/// is given); TEI: `formula notation="tex"` (without TeX, the alt text or the MathML's
/// characters; the MathML reported as `loss.tei.mathml`); EPUB and the preview: the
/// MathML inline, with `alttext` (and the TeX as an `annotation`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InlineFormula {
    /// The id written in text as `[$id]`.
    pub id: Id,
    /// The formula in MathML 2 presentation markup (see the display formula's `mathml`).
    #[schemars(
        example = &"<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><msup><mi>x</mi><mn>2</mn></msup></math>"
    )]
    pub mathml: String,
    /// The same formula in TeX: `x^2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tex: Option<String>,
    /// A text alternative read aloud in place of the formula.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}

/// What display and inline formulas share, for the emitters.
#[derive(Debug, Clone, Copy)]
pub struct MathView<'a> {
    /// The MathML as written.
    pub mathml: &'a str,
    /// The TeX, if given.
    pub tex: Option<&'a str>,
    /// The text alternative, if given.
    pub alt: Option<&'a str>,
}

impl MathView<'_> {
    /// The text that stands for the formula where MathML cannot: the `alt`, else the TeX.
    pub fn alt_text(&self) -> Option<&str> {
        self.alt.or(self.tex)
    }
}

impl Formula {
    /// The formula's MathML, TeX and alt text.
    pub fn view(&self) -> MathView<'_> {
        MathView {
            mathml: &self.mathml,
            tex: self.tex.as_deref(),
            alt: self.alt.as_deref(),
        }
    }
}

impl InlineFormula {
    /// The formula's MathML, TeX and alt text.
    pub fn view(&self) -> MathView<'_> {
        MathView {
            mathml: &self.mathml,
            tex: self.tex.as_deref(),
            alt: self.alt.as_deref(),
        }
    }
}
