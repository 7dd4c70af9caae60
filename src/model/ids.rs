//! Identifiers and classification beyond the DOI: an article's other ids (PMID, PMCID,
//! the publisher's, …), a journal's ids by registry, and subject headings by scheme.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One of the article's identifiers other than its DOI (`doi`).
///
/// JATS: `article-id pub-id-type` (with `assigning-authority`); TEI: `idno type` in the
/// `analytic` of the article's source description; EPUB: the title page's journal line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleId {
    /// What kind of identifier it is.
    #[serde(rename = "type")]
    pub kind: ArticleIdType,
    /// The identifier as the registry writes it: `31138704`, `PMC6542340`.
    pub value: String,
    /// Who assigned it, for `publisher-id` and `other`: `SciELO`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
}

/// The kinds of article identifier, from the JATS `pub-id-type` suggested values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ArticleIdType {
    /// PubMed id.
    Pmid,
    /// PubMed Central id: `PMC6542340`.
    Pmcid,
    /// The publisher's own id for the article.
    PublisherId,
    /// Publisher Item Identifier.
    Pii,
    /// arXiv id: `2101.00001`.
    Arxiv,
    /// Handle: `10419/12345`.
    Handle,
    /// Archival Resource Key.
    Ark,
    /// Another identifier (say who assigned it in `authority`).
    Other,
}

impl ArticleIdType {
    /// The JATS `pub-id-type` value.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleIdType::Pmid => "pmid",
            ArticleIdType::Pmcid => "pmcid",
            ArticleIdType::PublisherId => "publisher-id",
            ArticleIdType::Pii => "pii",
            ArticleIdType::Arxiv => "arxiv",
            ArticleIdType::Handle => "handle",
            ArticleIdType::Ark => "ark",
            ArticleIdType::Other => "other",
        }
    }

    /// The identifier's conventional name, printed before it for readers (a name, not
    /// a word of any language): `PMID`; `None` for the publisher's and other ids, which
    /// are printed after their authority.
    pub fn name(self) -> Option<&'static str> {
        match self {
            ArticleIdType::Pmid => Some("PMID"),
            ArticleIdType::Pmcid => Some("PMCID"),
            ArticleIdType::Pii => Some("PII"),
            ArticleIdType::Arxiv => Some("arXiv"),
            ArticleIdType::Handle => Some("hdl"),
            ArticleIdType::Ark => Some("ARK"),
            ArticleIdType::PublisherId | ArticleIdType::Other => None,
        }
    }
}

/// One of the journal's identifiers in a registry.
///
/// JATS: `journal-id journal-id-type`; TEI: `idno type` in the journal's `monogr`; EPUB:
/// not carried (a loss).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JournalId {
    /// The registry.
    #[serde(rename = "type")]
    pub kind: JournalIdType,
    /// The id: `PLoS Biol` (NLM title abbreviation).
    pub value: String,
}

/// Registries of journal ids, from the JATS `journal-id-type` suggested values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum JournalIdType {
    /// The NLM title abbreviation (`nlm-ta`).
    NlmTa,
    /// The ISO abbreviation (`iso-abbrev`).
    IsoAbbrev,
    /// The id PubMed Central uses (`pmc`).
    Pmc,
    /// CODEN (`coden`).
    Coden,
    /// The journal's DOI (`doi`).
    Doi,
    /// Another registry's id (`other`).
    Other,
}

impl JournalIdType {
    /// The JATS `journal-id-type` value.
    pub fn as_str(self) -> &'static str {
        match self {
            JournalIdType::NlmTa => "nlm-ta",
            JournalIdType::IsoAbbrev => "iso-abbrev",
            JournalIdType::Pmc => "pmc",
            JournalIdType::Coden => "coden",
            JournalIdType::Doi => "doi",
            JournalIdType::Other => "other",
        }
    }
}

/// Subject headings from one scheme: the journal's subjects, a discipline list.
///
/// JATS: `article-categories/subj-group subj-group-type` with a `subject` each; TEI:
/// `textClass/keywords scheme` with `term`s; EPUB: `dc:subject` and the title page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectGroup {
    /// The scheme or kind of the headings: `subject`, `discipline`, `display-channel`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"subject")]
    pub kind: Option<String>,
    /// The headings, as printed.
    #[schemars(length(min = 1))]
    pub subjects: Vec<String>,
}

/// A funder's id, as [`crate::model::Funding::funder_id`] gives it: a Crossref Funder
/// Registry DOI or a ROR id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunderId<'a> {
    /// The DOI itself, `10.13039/501100001809`.
    Crossref(&'a str),
    /// The ROR id as a URL, `https://ror.org/05qbk4x57`.
    Ror(&'a str),
}

impl<'a> FunderId<'a> {
    /// Reads a funder id URL; `None` when it is neither form (validation refuses it).
    pub fn parse(url: &'a super::Url) -> Option<FunderId<'a>> {
        let u = url.as_str();
        if let Some(doi) = u.strip_prefix("https://doi.org/") {
            return (doi.starts_with("10.13039/") && doi.len() > "10.13039/".len())
                .then_some(FunderId::Crossref(doi));
        }
        let id = u.strip_prefix("https://ror.org/")?;
        (!id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric()))
            .then_some(FunderId::Ror(u))
    }
}
