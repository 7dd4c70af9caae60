//! Headings of the parts galley titles itself (`titles:` in `article.yaml` and in
//! `issue.yaml`), for a journal whose wording differs from galley's own
//! ([`crate::l10n`]).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The headings of the parts galley titles itself, each replacing galley's heading in the
/// article's language. In `issue.yaml` they apply to every article of the issue; an
/// article's own `titles` override the issue's, heading by heading.
///
/// ```yaml
/// titles: {references: "Referências bibliográficas", acknowledgements: "Agradecimentos"}
/// ```
///
/// JATS: `abstract/title`, `ack/title`, `fn-group/title`, `ref-list/title`, the
/// supplementary material's `sec/title` (keywords and
/// funding have no title element: `kwd-group/title`, `funding-group` none, so funding is
/// reported as lost); TEI: `head` of the abstract, acknowledgements, notes and
/// bibliography; EPUB and preview: the headings (and the landmarks and table of
/// contents entries that name them).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    /// The abstract's heading: `Resumo`.
    #[serde(default, rename = "abstract", skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub abstract_: Option<String>,
    /// The label before the keywords, with its punctuation: `Palavras-chave:`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub keywords: Option<String>,
    /// The acknowledgements' heading: `Agradecimentos`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub acknowledgements: Option<String>,
    /// The funding's heading: `Financiamento`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub funding: Option<String>,
    /// The footnotes' heading: `Notas`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub notes: Option<String>,
    /// The reference list's heading: `Referências`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub references: Option<String>,
    /// The heading of the list of contributors with their biographies: `Sobre os autores`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub contributors: Option<String>,
    /// The supplementary material's heading: `Supporting information`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub supplementary: Option<String>,
}

/// Which heading of [`Titles`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKey {
    /// `abstract`.
    Abstract,
    /// `keywords`.
    Keywords,
    /// `acknowledgements`.
    Acknowledgements,
    /// `funding`.
    Funding,
    /// `notes`.
    Notes,
    /// `references`.
    References,
    /// `contributors`.
    Contributors,
    /// `supplementary`.
    Supplementary,
}

impl TitleKey {
    /// Every key, in the order of [`Titles`].
    pub const ALL: [TitleKey; 8] = [
        TitleKey::Abstract,
        TitleKey::Keywords,
        TitleKey::Acknowledgements,
        TitleKey::Funding,
        TitleKey::Notes,
        TitleKey::References,
        TitleKey::Contributors,
        TitleKey::Supplementary,
    ];

    /// The key as written in the YAML.
    pub fn key(self) -> &'static str {
        match self {
            TitleKey::Abstract => "abstract",
            TitleKey::Keywords => "keywords",
            TitleKey::Acknowledgements => "acknowledgements",
            TitleKey::Funding => "funding",
            TitleKey::Notes => "notes",
            TitleKey::References => "references",
            TitleKey::Contributors => "contributors",
            TitleKey::Supplementary => "supplementary",
        }
    }
}

impl Titles {
    /// The heading given for `key`, if any.
    pub fn get(&self, key: TitleKey) -> Option<&str> {
        match key {
            TitleKey::Abstract => &self.abstract_,
            TitleKey::Keywords => &self.keywords,
            TitleKey::Acknowledgements => &self.acknowledgements,
            TitleKey::Funding => &self.funding,
            TitleKey::Notes => &self.notes,
            TitleKey::References => &self.references,
            TitleKey::Contributors => &self.contributors,
            TitleKey::Supplementary => &self.supplementary,
        }
        .as_deref()
    }

    /// Whether no heading is given.
    pub fn is_empty(&self) -> bool {
        *self == Titles::default()
    }
}
