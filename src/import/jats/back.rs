//! JATS `back` (and footnotes wherever they are) → the article's footnotes, references,
//! acknowledgements, appendices, end notes and supplementary material.

use roxmltree::Node;

use super::ctx::Ctx;
use crate::model::{Appendix, Footnote, Reference, Supplementary, Text};

/// What `back` holds, in the model's terms.
#[derive(Debug, Default)]
pub struct Back {
    /// `fn-group/fn`.
    pub footnotes: Vec<Footnote>,
    /// `ref-list/ref`.
    pub references: Vec<Reference>,
    /// `ack` paragraphs.
    pub acknowledgements: Vec<Text>,
    /// `app-group/app`.
    pub appendices: Vec<Appendix>,
    /// `notes`.
    pub end_notes: Vec<Text>,
    /// `sec[@sec-type="supplementary-material"]/supplementary-material`.
    pub supplementary: Vec<Supplementary>,
}

/// Maps `back` (the element itself).
pub fn back(ctx: &mut Ctx<'_, '_>, back: Node<'_, '_>) -> Back {
    let _ = (ctx, back);
    Back::default()
}
