//! Appendices: labelled and titled parts printed after the article's main text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::article::Block;
use super::common::{Id, Text};

/// An appendix: a label ("Appendix A") and/or a title, then blocks like a section's
/// (paragraphs, quotations, lists, figures, tables, formulas, nested sections).
///
/// JATS: `back/app-group/app` with `label`, `title` and the blocks (JATS4R); TEI:
/// `back/div type="appendix"` with `@n` for the label and `head`; EPUB and preview: a
/// back-matter `section` (`epub:type="appendix"`, `role="doc-appendix"`) after the
/// references, with a heading (the label and title; the localised word "Appendix" when
/// it has neither), in the table of contents and the navigation document.
/// Cross-references `[#id]` may point at an appendix and at its figures, tables and
/// formulas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// An id, for cross-references (`[#app-a]`) and stable anchors (JATS `app/@id`; TEI
    /// `div/@xml:id`; EPUB the section's `id`). Unique among the article's ids.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"app-a")]
    pub id: Option<Id>,
    /// The label as printed, which is also what a cross-reference to the appendix
    /// prints: `Appendix A` (JATS `label`; TEI `div/@n`; EPUB the heading's first part).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Appendix A")]
    pub label: Option<String>,
    /// The title (JATS `title`; TEI `head`; EPUB the heading after the label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The appendix's blocks, nested sections included.
    #[schemars(length(min = 1))]
    pub content: Vec<Block>,
}
