//! One article (`input/<slug>/article.yaml`): its own metadata, the roles of its
//! contributors, its translation provenance, body, notes and references.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{Doi, Id, Lang, PartialDate, Text, Url};
use super::formula::{Formula, InlineFormula};
use super::front::{ExtraAbstract, KeywordGroup, TitleTranslation};
use super::ids::{ArticleId, SubjectGroup};

/// The contents of `article.yaml`.
///
/// JATS: `article` (`front/article-meta`, `body`, `back`); TEI: `TEI` (`teiHeader`,
/// `text`); EPUB: one package with a title page and the article's content document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "galley article")]
pub struct Article {
    /// The kind of article (JATS `@article-type`; TEI `text/@type`; EPUB `dc:type`).
    #[serde(rename = "type")]
    pub article_type: ArticleType,
    /// The article's language: `en`.
    pub lang: Lang,
    /// The section of the issue the article appears under (JATS `subj-group`
    /// `heading`; TEI `textClass/keywords`; EPUB `dc:subject`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// Further subject headings, by scheme (JATS `subj-group`; TEI `keywords scheme`;
    /// EPUB `dc:subject`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<SubjectGroup>,
    /// The title, with inline markup.
    ///
    /// JATS: `article-title`; TEI: `title type="main"`; EPUB: `dc:title` and the title page.
    #[schemars(example = &"The Origin of the Sino-Soviet Alliance")]
    pub title: Text,
    /// A subtitle (JATS `subtitle`; TEI `title type="sub"`; EPUB title refinement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<Text>,
    /// The title in other languages, as the source prints them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub title_translations: Vec<TitleTranslation>,
    /// A short title for running heads (JATS `alt-title alt-title-type="running-head"`;
    /// TEI `title type="short"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// The article's contributors, by id from `contributors.yaml`, each with a role, in
    /// byline order.
    pub contributors: Vec<ArticleContributor>,
    /// Affiliations the front matter lists that no contributor of the byline carries: an
    /// institution credited for the work, the affiliation of someone who is no author.
    /// Same shape as a contributor's affiliation ([`crate::model::Affiliation`]), without
    /// `positions` (they belong to a person).
    ///
    /// JATS: `aff` (or `aff-alternatives`) in `article-meta` after the `contrib-group`,
    /// linked to nobody; TEI: `org` in `profileDesc/particDesc/listOrg`, its `p` holding
    /// the affiliation as in a person's `affiliation`; EPUB: a line under the byline on
    /// the title page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<super::contributor::Affiliation>,
    /// Where the article was first published, when it is a translation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<Translation>,
    /// The article's DOI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<Doi>,
    /// The article's landing page, where the publisher presents it online (what a DOI
    /// resolves to; Crossref registers it with the DOI): JATS `self-uri`; TEI `ptr` in
    /// the source description's `analytic`; EPUB and preview a link after the DOI on
    /// the title page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"https://journal.example.org/articles/42")]
    pub url: Option<Url>,
    /// The article's other identifiers: PMID, PMCID, the publisher's, …
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<ArticleId>,
    /// The article's pages in the printed issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<Pages>,
    /// An electronic location id, for journals without page numbers (JATS `elocation-id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elocation: Option<String>,
    /// The article's history dates.
    #[serde(default, skip_serializing_if = "Dates::is_empty")]
    pub dates: Dates,
    /// The licence the article is published under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<License>,
    /// The abstract, one string per paragraph (JATS `abstract`; TEI
    /// `profileDesc/abstract`; EPUB `dc:description` and the title page).
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "abstract")]
    pub abstract_: Vec<Text>,
    /// Further abstracts: translations of the abstract, abstracts of other kinds,
    /// structured abstracts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abstracts: Vec<ExtraAbstract>,
    /// Keywords (JATS `kwd-group/kwd`; TEI `textClass/keywords/term`; EPUB `dc:subject`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Keywords in other languages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keyword_groups: Vec<KeywordGroup>,
    /// Funding (JATS `funding-group/award-group`; TEI `funder` in `titleStmt`; EPUB
    /// the back matter).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funding: Vec<Funding>,
    /// Acknowledgements, one string per paragraph (JATS `back/ack`; TEI
    /// `back/div type="acknowledgements"`; EPUB a back-matter section).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledgements: Vec<Text>,
    /// The body: sections and blocks, in reading order.
    #[schemars(length(min = 1))]
    pub body: Vec<Block>,
    /// A note printed at the end of the article, such as the translation note
    /// ("—Translated by … Revised by …"), kept as printed (JATS `back/notes`; TEI
    /// `back/note`; EPUB the end of the article).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub end_notes: Vec<Text>,
    /// Footnotes, referred to from text as `[^id]` (JATS `fn-group/fn`; TEI `note
    /// place="foot"`; EPUB linked notes with back-links).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Footnote>,
    /// Works cited, referred to from text as `[@id]` (JATS `ref-list/ref/element-citation`;
    /// TEI `listBibl/biblStruct`; EPUB a references section).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
    /// Headings for the parts galley titles itself, overriding the issue's `titles` and
    /// galley's own heading in the article's language: `titles: {references: Referências}`.
    #[serde(default, skip_serializing_if = "super::Titles::is_empty")]
    pub titles: super::Titles,
    /// The article's statements: competing interests, funding statement, data
    /// availability, ethics, author contributions, use of AI, publisher's note.
    #[serde(default, skip_serializing_if = "super::Statements::is_empty")]
    pub statements: super::Statements,
    /// Inline formulas, placed in text with `[$id]` (in the body's paragraphs, lists,
    /// quotes, captions and cells, and in footnotes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formulas: Vec<InlineFormula>,
    /// Appendices, after the references: `appendices: [{id: app-a, label: Appendix A,
    /// title: …, content: [{p: …}]}]` (JATS `back/app-group`; TEI `back/div
    /// type="appendix"`; EPUB back-matter sections).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<super::Appendix>,
    /// Supplementary material: files published with the article, each with its label
    /// and caption: `supplementary: [{id: s1, label: S1 Dataset, file:
    /// supplementary/survey.csv}]` (JATS `supplementary-material` in `back/sec
    /// sec-type="supplementary-material"`; TEI `back/div type="supplementary"`; EPUB a
    /// back-matter section listing them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supplementary: Vec<super::Supplementary>,
    /// Articles inside the article, after its back matter: a translation published
    /// alongside it, a decision letter and the authors' reply (JATS `sub-article`; TEI
    /// `back/div`; EPUB a content document each). See [`super::SubArticle`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_articles: Vec<super::SubArticle>,
}

/// The kind of article, from the JATS `article-type` suggested values (JATS 1.3 Tag
/// Library, `@article-type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum ArticleType {
    /// A research article.
    ResearchArticle,
    /// A review of the literature.
    ReviewArticle,
    /// A review of a book.
    BookReview,
    /// A commentary on another article.
    ArticleCommentary,
    /// A short report.
    BriefReport,
    /// An editorial.
    Editorial,
    /// A letter.
    Letter,
    /// A correction.
    Correction,
    /// An obituary.
    Obituary,
    /// A news item.
    News,
    /// An abstract published on its own.
    Abstract,
    /// An addendum to an earlier article.
    Addendum,
    /// An announcement.
    Announcement,
    /// A list of books received.
    BooksReceived,
    /// A calendar of events.
    Calendar,
    /// A case report.
    CaseReport,
    /// A collection of articles.
    Collection,
    /// A discussion of an article.
    Discussion,
    /// A dissertation or thesis.
    Dissertation,
    /// A short summary of an article in the issue.
    InBrief,
    /// An introduction to an issue or a collection.
    Introduction,
    /// A report of a meeting or conference.
    MeetingReport,
    /// An oration or lecture.
    Oration,
    /// A partial retraction.
    PartialRetraction,
    /// A review of a product.
    ProductReview,
    /// A rapid communication.
    RapidCommunication,
    /// A reply to a letter or commentary.
    Reply,
    /// A reprint of an earlier article.
    Reprint,
    /// A retraction.
    Retraction,
    /// A translation of an earlier work.
    Translation,
    /// Anything else.
    Other,
}

impl ArticleType {
    /// The JATS `article-type` value.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleType::ResearchArticle => "research-article",
            ArticleType::ReviewArticle => "review-article",
            ArticleType::BookReview => "book-review",
            ArticleType::ArticleCommentary => "article-commentary",
            ArticleType::BriefReport => "brief-report",
            ArticleType::Editorial => "editorial",
            ArticleType::Letter => "letter",
            ArticleType::Correction => "correction",
            ArticleType::Obituary => "obituary",
            ArticleType::News => "news",
            ArticleType::Abstract => "abstract",
            ArticleType::Addendum => "addendum",
            ArticleType::Announcement => "announcement",
            ArticleType::BooksReceived => "books-received",
            ArticleType::Calendar => "calendar",
            ArticleType::CaseReport => "case-report",
            ArticleType::Collection => "collection",
            ArticleType::Discussion => "discussion",
            ArticleType::Dissertation => "dissertation",
            ArticleType::InBrief => "in-brief",
            ArticleType::Introduction => "introduction",
            ArticleType::MeetingReport => "meeting-report",
            ArticleType::Oration => "oration",
            ArticleType::PartialRetraction => "partial-retraction",
            ArticleType::ProductReview => "product-review",
            ArticleType::RapidCommunication => "rapid-communication",
            ArticleType::Reply => "reply",
            ArticleType::Reprint => "reprint",
            ArticleType::Retraction => "retraction",
            ArticleType::Translation => "translation",
            ArticleType::Other => "other",
        }
    }
}

/// A contributor of this article: an id from `contributors.yaml` and a role.
///
/// JATS: a `contrib` with `contrib-type` (and `role` for CRediT); TEI: `author`, or a
/// `respStmt` for translators, revisers and editors; EPUB: `dc:creator` (authors) or
/// `dc:contributor`, with a MARC relator `role` refinement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleContributor {
    /// The contributor's id in `contributors.yaml`.
    #[schemars(example = &"niu-jun")]
    pub contributor: Id,
    /// What the person did for this article.
    pub role: Role,
    /// CRediT contributor roles, where known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credit: Vec<CreditRole>,
    /// The corresponding author (JATS `@corresp="yes"`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub corresponding: bool,
    /// Contributed equally with the others so marked (JATS `contrib
    /// equal-contrib="yes"`; TEI `person/note type="equal-contribution"`; EPUB an author
    /// note under the byline).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub equal_contribution: bool,
    /// Died before publication (JATS `contrib deceased="yes"`; TEI `person/death`; EPUB
    /// an author note under the byline). No date is implied.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deceased: bool,
    /// Where the person is now, when it differs from the affiliation given for the work
    /// (JATS `author-notes/fn fn-type="present-address"`, pointed to from the `contrib`;
    /// TEI `person/note type="present-address"`; EPUB an author note under the byline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present_address: Option<Text>,
}

/// A contributor's role in an article.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Wrote the article (JATS `contrib-type="author"`; TEI `author`; EPUB `dc:creator`, MARC `aut`).
    Author,
    /// Translated it (JATS `contrib-type="translator"`; TEI `respStmt` "translated by";
    /// EPUB `dc:contributor`, MARC `trl`).
    Translator,
    /// Revised the translation (JATS `contrib-type="reviser"`; TEI `respStmt` "revised
    /// by"; EPUB `dc:contributor`, MARC `edt`, the closest relator MARC has).
    Reviser,
    /// Edited it (JATS `contrib-type="editor"`; TEI `editor`; EPUB `dc:contributor`, MARC `edt`).
    Editor,
    /// Reviewed it for the journal: a peer reviewer, named on a review's sub-article
    /// (JATS `contrib-type="reviewer"`, as eLife writes it; TEI `respStmt` "reviewed by",
    /// `persName role="reviewer"` in a sub-article's `byline`; EPUB `dc:contributor`,
    /// MARC `rev`, and "Reviewed by …").
    Reviewer,
}

impl Role {
    /// The role's name in the YAML and in JATS `contrib-type`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Translator => "translator",
            Role::Reviser => "reviser",
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
        }
    }
}

/// A role from the CRediT taxonomy (ANSI/NISO Z39.104-2022).
///
/// JATS: `role vocab="credit"` with `vocab-term` and `vocab-term-identifier`; TEI: `roleName`
/// in the `respStmt`; EPUB: not carried (a loss).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CreditRole {
    /// Conceptualization: shaped the ideas, aims and questions of the work.
    Conceptualization,
    /// Data curation: managed, annotated and kept the data for use and reuse.
    DataCuration,
    /// Formal analysis: applied statistical, mathematical or other formal methods to the data.
    FormalAnalysis,
    /// Funding acquisition: obtained the financial support for the work.
    FundingAcquisition,
    /// Investigation: carried out the research, the experiments or the gathering of evidence.
    Investigation,
    /// Methodology: designed the methods or models the work uses.
    Methodology,
    /// Project administration: managed and coordinated the planning and running of the work.
    ProjectAdministration,
    /// Resources: provided materials, instruments, samples, sources or other tools.
    Resources,
    /// Software: wrote, tested or put into use the programs the work relies on.
    Software,
    /// Supervision: oversaw and led the work, including mentoring.
    Supervision,
    /// Validation: checked that results and experiments can be reproduced.
    Validation,
    /// Visualization: prepared the figures and other visual presentation of the data.
    Visualization,
    /// Writing – original draft: wrote the first draft.
    WritingOriginalDraft,
    /// Writing – review & editing: reviewed, commented on or revised the text.
    WritingReviewEditing,
}

impl CreditRole {
    /// The CRediT term as published: "Writing – original draft".
    pub fn term(self) -> &'static str {
        match self {
            CreditRole::Conceptualization => "Conceptualization",
            CreditRole::DataCuration => "Data curation",
            CreditRole::FormalAnalysis => "Formal analysis",
            CreditRole::FundingAcquisition => "Funding acquisition",
            CreditRole::Investigation => "Investigation",
            CreditRole::Methodology => "Methodology",
            CreditRole::ProjectAdministration => "Project administration",
            CreditRole::Resources => "Resources",
            CreditRole::Software => "Software",
            CreditRole::Supervision => "Supervision",
            CreditRole::Validation => "Validation",
            CreditRole::Visualization => "Visualization",
            CreditRole::WritingOriginalDraft => "Writing – original draft",
            CreditRole::WritingReviewEditing => "Writing – review & editing",
        }
    }

    /// The slug of the term's URL at credit.niso.org.
    pub fn slug(self) -> &'static str {
        match self {
            CreditRole::Conceptualization => "conceptualization",
            CreditRole::DataCuration => "data-curation",
            CreditRole::FormalAnalysis => "formal-analysis",
            CreditRole::FundingAcquisition => "funding-acquisition",
            CreditRole::Investigation => "investigation",
            CreditRole::Methodology => "methodology",
            CreditRole::ProjectAdministration => "project-administration",
            CreditRole::Resources => "resources",
            CreditRole::Software => "software",
            CreditRole::Supervision => "supervision",
            CreditRole::Validation => "validation",
            CreditRole::Visualization => "visualization",
            CreditRole::WritingOriginalDraft => "writing-original-draft",
            CreditRole::WritingReviewEditing => "writing-review-editing",
        }
    }

    /// The term's identifier URL: `https://credit.niso.org/contributor-roles/<slug>/`.
    pub fn url(self) -> String {
        format!("https://credit.niso.org/contributor-roles/{}/", self.slug())
    }
}

/// Translation provenance: the article is a translation of an earlier publication.
///
/// The translator and reviser are contributors with the roles `translator` and
/// `reviser`. JATS: a `related-article related-article-type="translated-from"` in
/// `article-meta` and the `translator` contribs; TEI: `sourceDesc/biblStruct` of the
/// original and `respStmt`s; EPUB: `dc:source` and the title page's translation note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Translation {
    /// The language of the original: `zh`.
    pub original_lang: Lang,
    /// The original's title, only when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_title: Option<Text>,
    /// Where the original was published.
    pub source: SourcePublication,
}

/// The publication the original appeared in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourcePublication {
    /// The journal or book, as the source names it (romanised): `Zhongguo shehui kexue`.
    #[schemars(example = &"Zhongguo shehui kexue")]
    pub title: String,
    /// The title in its original script, only when the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_original: Option<String>,
    /// Year of publication: `1996`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000, max = 2100))]
    pub year: Option<u16>,
    /// Volume, as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// Issue number, as printed: `2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// Pages of the original, as printed: `4-20`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<String>,
    /// The original's DOI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<Doi>,
}

/// Page range in the printed issue (JATS `fpage`/`lpage`; TEI `biblScope unit="page"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pages {
    /// First page, as printed.
    pub first: String,
    /// Last page, as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
}

/// The article's history. State only dates the source gives.
///
/// JATS: `history/date` and `pub-date`; TEI: `publicationStmt/date` and `revisionDesc`;
/// EPUB: `dc:date` and the basis of `dcterms:modified`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// Received by the journal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<PartialDate>,
    /// Revised version received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<PartialDate>,
    /// Accepted for publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted: Option<PartialDate>,
    /// Published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
}

impl Dates {
    /// Whether no date is given.
    pub fn is_empty(&self) -> bool {
        *self == Dates::default()
    }
}

/// A licence (JATS `permissions/license` with `ali:license_ref`; TEI `availability/licence`;
/// EPUB `dc:rights`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct License {
    /// The licence's URL: `https://creativecommons.org/licenses/by/4.0/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// The licence statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    /// The copyright statement: `© 1996 Social Sciences in China Press`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
}

/// One source of funding (JATS `award-group` with `funding-source` and `award-id`;
/// TEI `funder` with `idno`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// The funder's name.
    pub funder: String,
    /// The funder's id: its Crossref Funder Registry DOI (`https://doi.org/10.13039/…`) or
    /// its ROR id (`https://ror.org/…`). JATS: `institution-id` in the `funding-source`'s
    /// `institution-wrap`; TEI: `funder/@ref`; EPUB: not carried (a loss).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"https://doi.org/10.13039/501100001809")]
    pub funder_id: Option<Url>,
    /// The grant number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award_id: Option<String>,
    /// Ids of the contributors funded (JATS `principal-award-recipient`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<Id>,
}

/// A block of the body. Write one key: `p`, `section`, `quote`, `list`, `figure`, `table`
/// or `formula`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph (JATS `p`; TEI `p`; EPUB `p`).
    P(Text),
    /// A section, which may nest.
    Section(Section),
    /// A block quotation.
    Quote(Quote),
    /// A list.
    List(List),
    /// A figure.
    Figure(Figure),
    /// A table.
    Table(Table),
    /// A display formula.
    Formula(Formula),
}

/// A section: a label (I, II, …) and/or a title, then its blocks.
///
/// JATS: `sec` with `label` and `title`; TEI: `div` with `@n` and `head`; EPUB: `section`
/// with a heading, and an entry in the table of contents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// An id, for cross-references (`[#id]`) and stable anchors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// What the section is, from the JATS `sec-type` suggested values: `intro`,
    /// `methods`, `materials|methods`, `results`, `discussion`, `conclusions`, `cases`,
    /// `supplementary-material`, `data-availability` (JATS `sec-type`; TEI `div/@type`;
    /// EPUB the section's `data-sec-type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"methods")]
    pub sec_type: Option<String>,
    /// The label as printed: `I`, `2.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"I")]
    pub label: Option<String>,
    /// The title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The section's blocks, nested sections included.
    #[schemars(length(min = 1))]
    pub content: Vec<Block>,
}

/// A block quotation (JATS `disp-quote`; TEI `quote`; EPUB `blockquote`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The quoted paragraphs.
    #[schemars(length(min = 1))]
    pub paragraphs: Vec<Text>,
    /// Who or what is quoted (JATS `attrib`; TEI `bibl`; EPUB `footer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Text>,
}

/// A list (JATS `list` with `list-type`; TEI `list` with `@rend`; EPUB `ol`/`ul`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct List {
    /// Numbered (`true`) or bulleted (`false`, the default).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ordered: bool,
    /// The items, one string each.
    #[schemars(length(min = 1))]
    pub items: Vec<Text>,
}

/// A caption's paragraphs: one string, or a list of strings, one per paragraph.
///
/// `caption: A map of the border.` is one paragraph, as it always was;
/// `caption: [First paragraph., Second paragraph.]` is two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Paragraphs {
    /// One paragraph.
    One(Text),
    /// Several paragraphs, in order.
    Many(#[schemars(length(min = 1))] Vec<Text>),
}

impl Paragraphs {
    /// The paragraphs, in order.
    pub fn as_slice(&self) -> &[Text] {
        match self {
            Paragraphs::One(t) => std::slice::from_ref(t),
            Paragraphs::Many(v) => v,
        }
    }

    /// The first paragraph, if any.
    pub fn first(&self) -> Option<&Text> {
        self.as_slice().first()
    }
}

/// A figure: an image in the article's folder, a caption and alternative text.
///
/// JATS: `fig` with `label`, `caption` (`title`, then one `p` per caption paragraph) and
/// `graphic` (`alt-text`); TEI: `figure` with `head` (the title, else the label), a `p`
/// per caption paragraph, `graphic` and `figDesc`; EPUB: `figure` with `img alt` and
/// `figcaption` (label, title in bold, then the paragraphs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// An id, for cross-references (`[#id]`).
    pub id: Id,
    /// The label as printed: `Figure 1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The caption's title, as printed in bold after the label: `The border in 1950`
    /// (JATS `caption/title`; TEI `head`; EPUB a `span class="caption-title"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The caption's paragraphs: one string, or a list of strings (JATS `caption/p`;
    /// TEI the first is the `head` when there is no title, the others `p` inside
    /// `figure`; EPUB the `figcaption`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Paragraphs>,
    /// The image file, relative to the article's folder: `images/map.png`. It must lie
    /// inside the folder.
    #[schemars(example = &"images/map.png")]
    pub image: String,
    /// Alternative text for readers who cannot see the image. Without it (and without
    /// `decorative: true`) the image has no text alternative available, which galley says
    /// rather than calling it decorative: JATS writes no `alt-text`, TEI no `figDesc`,
    /// the XHTML no `alt` (allowed for an image in a `figure` with a `figcaption`; a
    /// figure without one gets the localised "No text alternative is available" as its
    /// `alt`), the EPUB claims no `alternativeText` feature and no WCAG conformance, and
    /// validation warns (`figure.no-alt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// `true` for an image that adds no information (an ornament): JATS
    /// `<alt-text>null</alt-text>` (JATS4R's form for decorative images), TEI
    /// `figure type="decorative"`, XHTML `alt=""` (ignored by assistive technology).
    /// Not with `alt`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub decorative: bool,
    /// A credit or source line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<Text>,
}

impl Figure {
    /// The alternative text, if one is given and not blank (a blank `alt` is no text
    /// alternative, and never a claim that the image is decorative).
    pub fn alt_text(&self) -> Option<&str> {
        self.alt.as_deref().filter(|a| !a.trim().is_empty())
    }
}

/// A table: a caption, header rows and body rows of cells, notes under it.
///
/// Every row must cover the same number of columns once spans are counted: a cell with
/// `colspan: 2` covers two columns of its row, and one with `rowspan: 2` also covers its
/// column in the next row (which then lists one cell fewer).
///
/// JATS: `table-wrap` with `label`, `caption` (`title`, `p`), an XHTML `table` (`thead`
/// with a `tr` per header row, `tbody`; `th`/`td` with `colspan`, `rowspan`, `align`;
/// `break` between a cell's lines) and `table-wrap-foot` (`fn` per note, then the foot as
/// `p`); TEI: `table` with `@rows`/`@cols`, `head`, `row`/`cell` (`@cols`, `@rows`,
/// `@role="label"` for header cells, `lb` between lines, `@style` for alignment) and the
/// notes as `note type="table"` before a `trailer`; EPUB: `table` with a `caption`,
/// `thead`/`tbody`, `th scope="col|row"`/`td` with `colspan`/`rowspan`, alignment by CSS
/// class, and the notes as a list of linked notes under the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// An id, for cross-references (`[#id]`).
    pub id: Id,
    /// The label as printed: `Table 1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The caption's title, as printed after the label: `Trade, 1949–1950` (JATS
    /// `caption/title`; TEI `head`; EPUB a `span class="caption-title"` in the `caption`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The caption's paragraphs: one string, or a list of strings (JATS `caption/p`; TEI
    /// the first is the `head` when there is no title, the others `note type="caption"`,
    /// since a TEI table holds no `p`; EPUB the `caption`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Paragraphs>,
    /// The alignment of each column, left to right: `[left, right, right]`. Give one
    /// per column, or leave it out; a cell's own `align` wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub align: Vec<Align>,
    /// Header rows (JATS and EPUB `thead`; TEI `row role="label"`), each a list of cells.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(length(min = 1)))]
    pub head: Vec<Vec<Cell>>,
    /// Body rows, each a list of cells.
    #[schemars(length(min = 1), inner(length(min = 1)))]
    pub rows: Vec<Vec<Cell>>,
    /// The table's own notes, each with the marker printed in the cells that refer to
    /// it (a cell's `notes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<TableNote>,
    /// A note under the table, after the table notes (JATS `table-wrap-foot/p`; TEI
    /// `trailer`; EPUB a paragraph under the table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foot: Option<Text>,
}

/// A table cell: a string (its text, `""` for an empty cell), or a mapping for a cell
/// that spans, aligns, breaks lines, is a row header or carries note markers:
/// `{text: Total, colspan: 2, align: right}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    /// Just the text, with inline markup; `""` is an empty cell.
    Text(#[schemars(schema_with = "cell_text_schema")] Text),
    /// A cell with its properties.
    Full(CellSpec),
}

/// A cell's text: text with inline markup, which may be empty (`""`, an empty cell).
fn cell_text_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let mut schema = Text::json_schema(generator);
    schema.remove("minLength");
    schema.insert(
        "title".into(),
        "Cell text with inline markup (\"\" for an empty cell)".into(),
    );
    schema
}

/// A cell written as a mapping. Every key may be left out: `{}` is an empty cell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CellSpec {
    /// The cell's text, with inline markup.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    /// The cell's text as lines, for a cell printed on several lines (instead of `text`):
    /// `[Soviet, Union]` (JATS `break`; TEI `lb`; EPUB `br`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<Text>,
    /// How many columns the cell covers (JATS, EPUB `colspan`; TEI `@cols`); 1 if left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 1000))]
    pub colspan: Option<u16>,
    /// How many rows the cell covers, its own included (JATS, EPUB `rowspan`; TEI
    /// `@rows`); 1 if left out. A header cell spans header rows only, a body cell body rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 10000))]
    pub rowspan: Option<u16>,
    /// The cell's alignment, over its column's (JATS `@align`; TEI `@style`; EPUB a CSS
    /// class).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub align: Option<Align>,
    /// A body cell that heads its row (JATS `th`; TEI `@role="label"`; EPUB `th
    /// scope="row"`). Cells of header rows are headers already.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header: bool,
    /// Ids of the table's `notes` this cell refers to, in order; each one's marker is
    /// printed after the text, linked to the note (JATS `xref ref-type="table-fn"`; TEI
    /// `ref`; EPUB a link).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Id>,
}

/// A cell seen the same way whichever way it was written.
#[derive(Debug, Clone, Copy)]
pub struct CellView<'a> {
    /// The lines of text: none for an empty cell, one for most.
    pub lines: &'a [Text],
    /// Columns covered, at least 1.
    pub colspan: usize,
    /// Rows covered, at least 1.
    pub rowspan: usize,
    /// The cell's own alignment.
    pub align: Option<Align>,
    /// A body cell that heads its row.
    pub header: bool,
    /// The table notes the cell refers to.
    pub notes: &'a [Id],
}

impl Cell {
    /// The cell's facts, defaults filled in.
    pub fn view(&self) -> CellView<'_> {
        match self {
            Cell::Text(t) => CellView {
                lines: std::slice::from_ref(t),
                colspan: 1,
                rowspan: 1,
                align: None,
                header: false,
                notes: &[],
            },
            Cell::Full(c) => CellView {
                lines: match &c.text {
                    Some(t) => std::slice::from_ref(t),
                    None => &c.lines,
                },
                colspan: usize::from(c.colspan.unwrap_or(1).max(1)),
                rowspan: usize::from(c.rowspan.unwrap_or(1).max(1)),
                align: c.align,
                header: c.header,
                notes: &c.notes,
            },
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(Text::new(s))
    }
}

/// Horizontal alignment of a table column or cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right (figures).
    Right,
    /// Justified.
    Justify,
}

impl Align {
    /// The value as written, and as JATS `@align` and CSS `text-align` write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Justify => "justify",
        }
    }
}

/// A note of a table, printed under it with its marker and referred to from cells.
///
/// JATS: `table-wrap-foot/fn` with `label` and `p`, linked by `xref ref-type="table-fn"`;
/// TEI: `note type="table"` with `@n`, linked by `ref`; EPUB: a list item under the table,
/// linked from the marker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableNote {
    /// An id, named in a cell's `notes`.
    pub id: Id,
    /// The marker as printed: `a`, `*`, `†`.
    #[schemars(example = &"a")]
    pub label: String,
    /// The note's text.
    pub text: Text,
}

/// A footnote, referred to from text as `[^id]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    /// The id used in `[^id]`.
    pub id: Id,
    /// The note's text.
    pub text: Text,
}

/// A work cited, with CSL-JSON fields (`container-title` is written `container_title`).
///
/// JATS: `ref` with `element-citation publication-type=…`; TEI: `biblStruct`; EPUB: an entry
/// in the references section, formatted author–date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The id used in `[@id]`.
    pub id: Id,
    /// The CSL item type.
    #[serde(rename = "type")]
    pub kind: ReferenceType,
    /// The reference as the source prints it in its list, with inline markup, kept
    /// beside its fields (or instead of them, when they are not known): the EPUB and the
    /// preview print it as it is; JATS: `mixed-citation` (beside the `element-citation`
    /// in `citation-alternatives`); TEI: `note type="printed"` in the `biblStruct`, or a
    /// `bibl` holding it when it is all there is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"SILVA, J. *Título do livro*. São Paulo: Editora, 2013.")]
    pub printed: Option<Text>,
    /// Authors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<ReferenceName>,
    /// The source's author list ends in "et al.": more authors than it names (JATS
    /// `etal`; TEI an `author` reading "et al."; EPUB "et al." after the names).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub et_al: bool,
    /// Editors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editor: Vec<ReferenceName>,
    /// Translators.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translator: Vec<ReferenceName>,
    /// The work's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The journal, book or site the work is part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_title: Option<Text>,
    /// A series title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_title: Option<Text>,
    /// Date of issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<PartialDate>,
    /// The date of issue as printed, when it is not a calendar date or only a vague
    /// one: `19--`, `s.d.`, `1995-1996`, `Spring 2001`. Never turned into a date (JATS
    /// `string-date`; TEI `date` without `@when`; EPUB printed in the year's place).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"19--")]
    pub issued_text: Option<String>,
    /// Volume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// Issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// Page or page range: `45-67`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// Edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// Publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Publisher's place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_place: Option<String>,
    /// DOI.
    #[serde(rename = "DOI", default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<Doi>,
    /// URL.
    #[serde(rename = "URL", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// ISBN.
    #[serde(rename = "ISBN", default, skip_serializing_if = "Option::is_none")]
    pub isbn: Option<String>,
    /// PubMed id (JATS `pub-id pub-id-type="pmid"`; TEI `idno type="PMID"`; EPUB
    /// "PMID 31138704.").
    #[serde(rename = "PMID", default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"31138704")]
    pub pmid: Option<String>,
    /// PubMed Central id (JATS `pub-id pub-id-type="pmcid"`; TEI `idno type="PMCID"`;
    /// EPUB "PMCID PMC6542340.").
    #[serde(rename = "PMCID", default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"PMC6542340")]
    pub pmcid: Option<String>,
    /// Date the URL was accessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<PartialDate>,
    /// The work's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    /// A note (JATS `comment`; TEI `note`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// The reference's number or mark as the source's reference list prints it (`12`,
    /// `12a`). In a journal with `citation_style: numeric` it is also what generated
    /// citations print (`[12]`); a reference without one is numbered by its place in
    /// `references`.
    ///
    /// JATS: `ref/label`; TEI: the `biblStruct`'s `@n`; EPUB: `[12]` before the entry in
    /// the reference list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"12")]
    pub label: Option<String>,
}

/// The CSL item types galley writes (a subset of CSL 1.0.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReferenceType {
    /// Journal article (JATS `publication-type="journal"`).
    ArticleJournal,
    /// Magazine article (`periodical`).
    ArticleMagazine,
    /// Newspaper article (`newspaper`).
    ArticleNewspaper,
    /// Book (`book`).
    Book,
    /// Chapter of a book (`book`, with `chapter-title`).
    Chapter,
    /// Conference paper (`confproc`).
    PaperConference,
    /// Report (`report`).
    Report,
    /// Thesis (`thesis`).
    Thesis,
    /// Web page (`webpage`).
    Webpage,
    /// Dataset (`data`).
    Dataset,
    /// Archival document or manuscript (`other`).
    Manuscript,
    /// Anything else (`other`).
    Document,
}

/// A name in a reference: family and given, or a literal name for organisations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferenceName {
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// Given name(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// An organisation or a name that cannot be split: `Central Committee of the CPC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}
