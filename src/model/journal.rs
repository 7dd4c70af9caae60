//! The journal and issue file (`input/issue.yaml`): what every article of the issue
//! shares, stated once.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{Doi, Email, FileStem, Issn, Lang, PartialDate, Url};
use super::ids::JournalId;

/// The contents of `issue.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "galley journal issue")]
pub struct IssueFile {
    /// The journal.
    pub journal: Journal,
    /// This issue of it.
    #[serde(default)]
    pub issue: Issue,
    /// Headings for the parts galley titles itself, for every article of the issue
    /// (an article's own `titles` override them): `titles: {references: Referências}`.
    #[serde(default, skip_serializing_if = "super::Titles::is_empty")]
    pub titles: super::Titles,
}

/// A journal, with only what the sources state about it.
///
/// JATS: `journal-meta`; TEI: `publicationStmt` and the `monogr` of the article's
/// `biblStruct`; EPUB: `dc:publisher` and the issue EPUB's title page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Journal {
    /// The journal's title: `Social Sciences in China`.
    ///
    /// JATS: `journal-title`; TEI: `title level="j"`; EPUB: the issue EPUB's `dc:title`.
    #[schemars(example = &"Social Sciences in China")]
    pub title: String,
    /// The journal's abbreviated title, if it has one.
    ///
    /// JATS: `abbrev-journal-title`; TEI: `title level="j" type="abbrev"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbrev_title: Option<String>,
    /// The publisher's own id for the journal (JATS `journal-id journal-id-type="publisher-id"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher_id: Option<String>,
    /// The journal's ids in registries: the NLM title abbreviation, the ISO abbreviation,
    /// PMC's id, CODEN (JATS `journal-id`; TEI `idno`; EPUB: not carried).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<JournalId>,
    /// The journal's ISSNs. Leave out what the source does not state; never invent one.
    ///
    /// JATS: `issn` with `publication-format`; TEI: `idno type="ISSN"`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issn: Vec<IssnEntry>,
    /// Which edition the publication dates are those of (an article's `dates.published`
    /// and the issue's `date`): `print` or `electronic`. Leave it out when the source does
    /// not say; galley never guesses it.
    ///
    /// JATS: `publication-format` on each `pub-date` (PMC counts a date as a publication
    /// date only with it; without it, `missing.jats.publication-format`); TEI: the
    /// publication statement's `date type="published" subtype="print|electronic"`;
    /// Crossref deposit: `media_type` of `publication_date` (`print`, `online`); EPUB: not
    /// carried (`dc:date` has no medium, and the EPUB is itself an electronic edition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication_format: Option<PublicationFormat>,
    /// The publisher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
    /// The journal's language (for its title): `en`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// The journal's home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Url>,
    /// How the text of generated citations (`[@id]`, `[-@id]`, `[!@id]`, `@id`) and the
    /// reference list are written: `author-date` (the default: "(Shen 1995, p. 12)",
    /// "Shen (1995)") or `numeric` ("[1, p. 12]", "Shen [1]"; references numbered in list
    /// order or by their `label`). Citations written with their own text
    /// (`[Shen (1995)](@shen1995)`) print that text in every style.
    ///
    /// A named CSL style: `citation_style: {csl: apa}`.
    ///
    /// JATS: the text inside and around `xref ref-type="bibr"`, and `ref/label` when
    /// numeric; TEI: the text of `ref`, and `bibl/@n` when numeric; EPUB: the citation
    /// links' text and the numbered reference list.
    #[serde(default, skip_serializing_if = "CitationStyle::is_default")]
    pub citation_style: CitationStyle,
    /// Who deposits the journal's DOIs with Crossref, for `galley deposit crossref`:
    /// `crossref: {depositor: {name: Galley Test Press, email: doi@example.org},
    /// registrant: Galley Test Press}`.
    ///
    /// Crossref deposit XML: the `head`'s `depositor` (`depositor_name`,
    /// `email_address`) and `registrant`. JATS, TEI, EPUB: not carried (it says who
    /// registers DOIs, not anything about the articles). Without it no Crossref deposit
    /// is written (`missing.crossref.depositor`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crossref: Option<CrossrefAccount>,
}

/// The journal's Crossref account: who sends deposits and for whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrossrefAccount {
    /// The person or organisation that sends the deposit, and the address Crossref
    /// writes to about it (Crossref `depositor`).
    pub depositor: CrossrefDepositor,
    /// The organisation that owns the DOIs (Crossref `registrant`, 1 to 255 characters):
    /// usually the publisher.
    #[schemars(example = &"Galley Test Press", length(min = 1, max = 255))]
    pub registrant: String,
}

/// A Crossref depositor (Crossref `depositor` with `depositor_name` and `email_address`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CrossrefDepositor {
    /// The depositor's name (Crossref `depositor_name`, 1 to 130 characters).
    #[schemars(example = &"Galley Test Press", length(min = 1, max = 130))]
    pub name: String,
    /// The e-mail address Crossref sends the deposit's results to (Crossref
    /// `email_address`).
    pub email: Email,
}

/// A citation style: how galley writes the citations it generates.
///
/// `author-date` and `numeric` are galley's own; `{csl: NAME}` names a CSL style that
/// hayagriva carries (`apa`, `ieee`, `chicago-author-date`,
/// `associacao-brasileira-de-normas-tecnicas`…): see [`crate::resolve`]'s `cite` module
/// for what it can and cannot do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CitationStyle {
    /// Author and year: "(Shen 1995; Zhang 2001)", narrative "Shen (1995)".
    #[default]
    AuthorDate,
    /// Numbers in square brackets: "[1, 2]", narrative "Shen [1]"; the reference list
    /// numbered.
    Numeric,
    /// A named CSL style, by its name in hayagriva's archive: `{csl: apa}`. The style
    /// writes each generated citation's text and the EPUB's and preview's reference list;
    /// the style's case of names (ABNT's capitals) is kept as the journal's choice.
    ///
    /// JATS: the text inside and around `xref ref-type="bibr"` and `ref/label` (a numeric
    /// style's number); TEI: the text of `ref` and `bibl/@n`; EPUB: the citation links'
    /// text and the reference list as the style writes it, in the style's order.
    #[schemars(example = &"apa")]
    Csl(String),
}

impl CitationStyle {
    /// Whether this is the default style (left out when the model is written back).
    pub fn is_default(&self) -> bool {
        *self == CitationStyle::AuthorDate
    }

    /// The CSL style's name, for a named CSL style.
    pub fn csl_name(&self) -> Option<&str> {
        match self {
            CitationStyle::Csl(name) => Some(name),
            _ => None,
        }
    }
}

/// One ISSN with the medium it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssnEntry {
    /// The ISSN: `0252-9203`.
    pub value: Issn,
    /// The medium: `print` or `electronic`.
    pub format: PublicationFormat,
}

/// The medium an identifier or a date belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PublicationFormat {
    /// The printed journal (JATS `publication-format="print"`).
    Print,
    /// The online journal (JATS `publication-format="electronic"`).
    Electronic,
}

impl PublicationFormat {
    /// The word JATS and TEI use: `print` or `electronic`.
    pub fn as_str(self) -> &'static str {
        match self {
            PublicationFormat::Print => "print",
            PublicationFormat::Electronic => "electronic",
        }
    }
}

/// A publisher.
///
/// JATS: `publisher` with `publisher-name` and `publisher-loc`; TEI: `publisher` and
/// `pubPlace`; EPUB: `dc:publisher`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// The publisher's name.
    pub name: String,
    /// The publisher's place: `Beijing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// One issue of the journal. Every field is optional: state only what the source does.
///
/// JATS: `volume`, `issue`, `issue-title` and `pub-date` in each `article-meta`; TEI: the
/// `biblScope` and `date` of the article's `monogr`; EPUB: the issue EPUB's title page.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// Volume, as printed: `17`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// Issue number, as printed: `2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The issue's own title, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The issue's publication date, as precise as the source gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    /// A DOI for the whole issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<Doi>,
    /// The issue EPUB's file name, without `.epub`: `ssc-1996-2`. When left out, the
    /// name is made from what the issue states: the journal's title in lower case with
    /// every run of other characters made one `-`, then the year of `date`, the `volume`
    /// and the `number`, each when stated, then the issue folder's name unless it says
    /// just that (`social-sciences-in-china-1996-2.epub` for the folder `1996-2` of an
    /// issue stating the year 1996 and number 2, `social-sciences-in-china-input.epub`
    /// for `input/`), so that issues in folders of their own never share a name.
    ///
    /// JATS, TEI: not carried (a file name); EPUB: the issue EPUB's file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epub_name: Option<FileStem>,
    /// The issue's cover, for the issue EPUB: `cover: {image: cover.jpg, alt: The
    /// cover of the issue, a photograph of the Great Wall}`.
    ///
    /// EPUB: the issue EPUB's `cover-image` and a cover page first in the reading order;
    /// JATS, TEI and an article's own EPUB: not carried (the cover is the issue EPUB's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Cover>,
    /// The article folders of the issue, in the order they appear in it. When left
    /// out, articles are taken in the alphabetical order of their folder names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<String>,
}

/// An issue's cover image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// The image's path in the issue folder: `cover.jpg`. A JPEG, PNG, GIF, WebP or SVG
    /// file inside the folder, checked as a figure's image is (a regular file, no way out
    /// of the folder, at most 32 MiB, an SVG with nothing active or external).
    ///
    /// EPUB: the manifest item with the `cover-image` property, shown on the cover page.
    pub image: String,
    /// What the cover shows, for readers who cannot see it, as a figure's `alt`.
    ///
    /// EPUB: the cover image's `alt`.
    pub alt: String,
}
