//! An article's statements (`statements:` in `article.yaml`): competing interests,
//! funding, data availability, ethics, author contributions, use of AI, the publisher's
//! note. Each is marked-up text, printed as written; citations in it (a dataset in the
//! references, say) are citations like any other.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::Text;

/// The statements an article makes, mapped to the JATS4R recommendations where there is
/// one. EPUB and the preview print each in the back matter under a heading in the
/// article's language; TEI writes each as a `back/div` with that `type`.
///
/// ```yaml
/// statements:
///   competing_interests: The authors declare no competing interests.
///   data_availability: The survey data are deposited [@survey2020].
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statements {
    /// Whom to write to, as printed: "Correspondence to Li Hua, …" (JATS
    /// `author-notes/corresp`; TEI `div type="correspondence"`; EPUB the corresponding
    /// author line, in place of the names).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correspondence: Option<Text>,
    /// Competing interests (JATS `author-notes/fn fn-type="coi-statement"`; TEI
    /// `div type="competing-interests"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub competing_interests: Option<Text>,
    /// The funding statement as printed, beside the structured `funding` (JATS
    /// `funding-group/funding-statement`; TEI `div type="funding"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Text>,
    /// Where the data can be found; cite datasets from the references (JATS `back/sec
    /// sec-type="data-availability"`; TEI `div type="data-availability"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_availability: Option<Text>,
    /// Ethics approval and consent (JATS `back/sec sec-type="ethics-statement"`; TEI
    /// `div type="ethics"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethics: Option<Text>,
    /// Who did what, in free text beside the contributors' CRediT roles (JATS
    /// `author-notes/fn fn-type="con"`; TEI `div type="author-contributions"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_contributions: Option<Text>,
    /// Whether and how generative AI was used (JATS `back/sec sec-type="ai-use"`; TEI
    /// `div type="ai-use"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ai_use: Option<Text>,
    /// The publisher's note, such as a statement of neutrality on jurisdictional claims
    /// (JATS `back/notes notes-type="publisher-note"`; TEI `div type="publisher-note"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publishers_note: Option<Text>,
}

/// Which statement of [`Statements`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    /// `correspondence`.
    Correspondence,
    /// `competing_interests`.
    CompetingInterests,
    /// `funding`.
    Funding,
    /// `data_availability`.
    DataAvailability,
    /// `ethics`.
    Ethics,
    /// `author_contributions`.
    AuthorContributions,
    /// `ai_use`.
    AiUse,
    /// `publishers_note`.
    PublishersNote,
}

impl StatementKind {
    /// Every kind, in the order the back matter prints them.
    pub const ALL: [StatementKind; 8] = [
        StatementKind::Correspondence,
        StatementKind::Funding,
        StatementKind::CompetingInterests,
        StatementKind::AuthorContributions,
        StatementKind::DataAvailability,
        StatementKind::Ethics,
        StatementKind::AiUse,
        StatementKind::PublishersNote,
    ];

    /// The key as written in the YAML.
    pub fn key(self) -> &'static str {
        match self {
            StatementKind::Correspondence => "correspondence",
            StatementKind::CompetingInterests => "competing_interests",
            StatementKind::Funding => "funding",
            StatementKind::DataAvailability => "data_availability",
            StatementKind::Ethics => "ethics",
            StatementKind::AuthorContributions => "author_contributions",
            StatementKind::AiUse => "ai_use",
            StatementKind::PublishersNote => "publishers_note",
        }
    }

    /// The `type` of the TEI `div` and the id stem in the XHTML.
    pub fn slug(self) -> &'static str {
        match self {
            StatementKind::Correspondence => "correspondence",
            StatementKind::CompetingInterests => "competing-interests",
            StatementKind::Funding => "funding-statement",
            StatementKind::DataAvailability => "data-availability",
            StatementKind::Ethics => "ethics",
            StatementKind::AuthorContributions => "author-contributions",
            StatementKind::AiUse => "ai-use",
            StatementKind::PublishersNote => "publisher-note",
        }
    }
}

impl Statements {
    /// The statement of `kind`, if the article makes it.
    pub fn get(&self, kind: StatementKind) -> Option<&Text> {
        match kind {
            StatementKind::Correspondence => &self.correspondence,
            StatementKind::CompetingInterests => &self.competing_interests,
            StatementKind::Funding => &self.funding,
            StatementKind::DataAvailability => &self.data_availability,
            StatementKind::Ethics => &self.ethics,
            StatementKind::AuthorContributions => &self.author_contributions,
            StatementKind::AiUse => &self.ai_use,
            StatementKind::PublishersNote => &self.publishers_note,
        }
        .as_ref()
    }

    /// The statements made, in [`StatementKind::ALL`] order.
    pub fn made(&self) -> impl Iterator<Item = (StatementKind, &Text)> {
        StatementKind::ALL
            .into_iter()
            .filter_map(|k| self.get(k).map(|t| (k, t)))
    }

    /// Whether no statement is made.
    pub fn is_empty(&self) -> bool {
        self.made().next().is_none()
    }
}
