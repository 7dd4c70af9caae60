//! One article (`input/<slug>/article.yaml`): its own metadata, the roles of its
//! contributors, its translation provenance, body, notes and references.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{Doi, Id, Lang, PartialDate, Text, Url};

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
    /// The title, with inline markup.
    ///
    /// JATS: `article-title`; TEI: `title type="main"`; EPUB: `dc:title` and the title page.
    #[schemars(example = &"The Origin of the Sino-Soviet Alliance")]
    pub title: Text,
    /// A subtitle (JATS `subtitle`; TEI `title type="sub"`; EPUB title refinement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<Text>,
    /// A short title for running heads (JATS `alt-title alt-title-type="running-head"`;
    /// TEI `title type="short"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// The article's contributors, by id from `contributors.yaml`, each with a role, in
    /// byline order.
    pub contributors: Vec<ArticleContributor>,
    /// Where the article was first published, when it is a translation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<Translation>,
    /// The article's DOI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<Doi>,
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
    /// Keywords (JATS `kwd-group/kwd`; TEI `textClass/keywords/term`; EPUB `dc:subject`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
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
}

/// The kind of article, from the JATS `article-type` vocabulary.
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
}

impl Role {
    /// The role's name in the YAML and in JATS `contrib-type`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Translator => "translator",
            Role::Reviser => "reviser",
            Role::Editor => "editor",
        }
    }
}

/// A role from the CRediT taxonomy (ANSI/NISO Z39.104-2022).
///
/// JATS: `role vocab="credit"` with `vocab-term` and `vocab-term-identifier`; TEI: `roleName`
/// in the `respStmt`; EPUB: not carried (a loss).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum CreditRole {
    Conceptualization,
    DataCuration,
    FormalAnalysis,
    FundingAcquisition,
    Investigation,
    Methodology,
    ProjectAdministration,
    Resources,
    Software,
    Supervision,
    Validation,
    Visualization,
    WritingOriginalDraft,
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
    /// The grant number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub award_id: Option<String>,
    /// Ids of the contributors funded (JATS `principal-award-recipient`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<Id>,
}

/// A block of the body. Write one key: `p`, `section`, `quote`, `list`, `figure` or `table`.
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

/// A figure: an image in the article's folder, a caption and alternative text.
///
/// JATS: `fig` with `label`, `caption` and `graphic` (`alt-text`); TEI: `figure` with
/// `head`, `graphic` and `figDesc`; EPUB: `figure` with `img alt` and `figcaption`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// An id, for cross-references (`[#id]`).
    pub id: Id,
    /// The label as printed: `Figure 1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Text>,
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

/// A table: an optional header row and body rows of cells with inline markup.
///
/// JATS: `table-wrap` with `label`, `caption` and an XHTML `table`; TEI: `table` with
/// `row`/`cell`; EPUB: `table`. Merged cells are not supported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// An id, for cross-references (`[#id]`).
    pub id: Id,
    /// The label as printed: `Table 1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Text>,
    /// Header rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(length(min = 1)))]
    pub head: Vec<Vec<Text>>,
    /// Body rows; every row has as many cells as the first.
    #[schemars(length(min = 1), inner(length(min = 1)))]
    pub rows: Vec<Vec<Text>>,
    /// A note under the table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foot: Option<Text>,
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
    /// Authors.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<ReferenceName>,
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
    /// Date the URL was accessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<PartialDate>,
    /// The work's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    /// A note (JATS `comment`; TEI `note`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
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
