//! Front matter in more than one language and more than one abstract: translated
//! titles, abstracts by language and by kind (structured ones with labelled parts), and
//! keyword groups by language.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Figure;
use super::common::{Lang, Text};

/// The title (and subtitle) in another language, as the source prints it.
///
/// JATS: `title-group/trans-title-group xml:lang` with `trans-title` and `trans-subtitle`;
/// TEI: `title type="main" xml:lang` (and `type="sub"`) in `titleStmt`; EPUB: the title
/// page, marked with its language, and a further `dc:title` with `xml:lang`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitleTranslation {
    /// The translation's language: `en`.
    pub lang: Lang,
    /// The translated title.
    #[schemars(example = &"The Dispersal of the Pampean Population")]
    pub title: Text,
    /// The translated subtitle, when the source prints one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<Text>,
}

/// An abstract besides the article's `abstract`: in another language (a translated
/// abstract), of another kind (an author summary, a digest), or structured in labelled
/// parts (Background, Methods, …).
///
/// JATS: `abstract` (with `abstract-type`) in the article's language, else
/// `trans-abstract xml:lang`; a structured abstract's parts are `sec` with `title`; TEI:
/// `profileDesc/abstract` with `xml:lang` and `@n` for the kind, its parts `div` with
/// `head`; EPUB: a section of the title page with the abstract's heading, marked with its
/// language. A graphical abstract (`type: graphical`) holds a `figure`, written as the
/// article's figures are (JATS `fig` inside the `abstract`, TEI `figure`, EPUB `figure`
/// with its image in the package).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraAbstract {
    /// The abstract's language; the article's when left out: `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// The kind of abstract, when it is not the article's abstract in another language.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AbstractType>,
    /// The heading the source prints over it: `Resumo`, `eLife digest`. Without one, the
    /// outputs write the reader heading for its kind in its language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// Its paragraphs (before any labelled parts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Text>,
    /// The labelled parts of a structured abstract, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<AbstractSection>,
    /// The image of a graphical abstract (`type: graphical` only), with its alternative
    /// text, as a figure: `id`, `image`, `alt` (or `decorative: true`), and any label,
    /// caption or credit the source prints. Its image is checked, packaged and tracked
    /// like a figure's, and it can be cross-referenced by its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<Figure>,
}

/// The kind of an abstract, from the JATS `abstract-type` values JATS4R recommends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AbstractType {
    /// A plain-language summary for a general reader (PLOS "Author summary").
    AuthorSummary,
    /// A digest for non-specialists (eLife "eLife digest").
    Digest,
    /// A short summary.
    Summary,
    /// A one- or two-sentence teaser.
    Teaser,
    /// An executive summary.
    ExecutiveSummary,
    /// A graphical abstract: an image summing the article up, given as `figure`.
    Graphical,
}

impl AbstractType {
    /// The JATS `abstract-type` value.
    pub fn as_str(self) -> &'static str {
        match self {
            AbstractType::AuthorSummary => "author-summary",
            AbstractType::Digest => "digest",
            AbstractType::Summary => "summary",
            AbstractType::Teaser => "teaser",
            AbstractType::ExecutiveSummary => "executive-summary",
            AbstractType::Graphical => "graphical",
        }
    }
}

/// A labelled part of a structured abstract (JATS `sec` with `title`; TEI `div` with
/// `head`; EPUB a sub-section).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AbstractSection {
    /// The part's label as printed: `Background`, `Métodos`.
    pub title: Text,
    /// Its paragraphs.
    #[schemars(length(min = 1))]
    pub paragraphs: Vec<Text>,
}

/// Keywords in another language (or a second group in the article's).
///
/// JATS: `kwd-group xml:lang`; TEI: `textClass/keywords xml:lang`; EPUB: `dc:subject
/// xml:lang` and a keywords line on the title page, marked with its language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeywordGroup {
    /// The keywords' language: `en`.
    pub lang: Lang,
    /// The label the source prints before them: `Keywords`, `Palavras-chave`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The keywords.
    #[schemars(length(min = 1))]
    pub keywords: Vec<String>,
}
