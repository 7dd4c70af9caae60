//! Sub-articles: an article published inside the article — its translation published
//! alongside the original (SciELO), or the peer review material published with it (a
//! decision letter and the authors' reply, as eLife does).
//!
//! JATS 1.3 models them as `sub-article`, the last child of `article`, with a
//! `front-stub` (the sub-article's own ids, titles, contributors and abstract) and its
//! own `body`. A sub-article shares the article's references, footnotes and inline
//! formulas: its citations point at the main article's reference list.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::article::{ArticleContributor, Block};
use super::common::{Doi, Id, Lang, Text};

/// An article inside the article: `sub_articles: [{id: s1, type: translation, lang: en,
/// title: …, body: [{p: …}]}]`.
///
/// JATS: `sub-article` after `back` with `@article-type`, `@id` and `@xml:lang`, its
/// `front-stub` holding `article-id pub-id-type="doi"`, `title-group`, `contrib-group`
/// and `abstract`, then `body`. TEI: a `div` of the `back` (`type` the kind in TEI's
/// camel case: `translation`, `decisionLetter`, …) with `xml:id` and `xml:lang`, a
/// `head`, a `byline` of `docAuthor`s and other names, an `idno type="DOI"`, a `div
/// type="abstract"` and its blocks. EPUB: a content document of its own
/// (`sub1.xhtml`, `sub2.xhtml`, … in order) after the article's, in the spine and the table of contents, in
/// the sub-article's language (galley's own headings too); the HTML preview: an
/// `article` after the main one, marked with its language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubArticle {
    /// Its id (JATS `sub-article/@id`; TEI `div/@xml:id`; EPUB the `article`'s id).
    /// Unique among all the article's ids.
    #[schemars(example = &"sa1")]
    pub id: Id,
    /// What it is (JATS `@article-type`; TEI `div/@type`; EPUB the document's class).
    #[serde(rename = "type")]
    pub kind: SubArticleType,
    /// Its language; the article's when left out (JATS `@xml:lang`; TEI `@xml:lang`;
    /// EPUB the document's `lang` and `xml:lang`). A translation must be in another
    /// language than the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// Its own DOI (JATS `front-stub/article-id pub-id-type="doi"`; TEI `idno
    /// type="DOI"`; EPUB a link under the title).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<Doi>,
    /// Its title, as printed: `Decision letter`, or the translated article title (JATS
    /// `title-group/article-title`; TEI `head`; EPUB the document's heading and title).
    #[schemars(example = &"Decision letter")]
    pub title: Text,
    /// Its subtitle (JATS `subtitle`; TEI a second `head type="sub"`; EPUB a line under
    /// the heading).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<Text>,
    /// Who wrote it, by id from `contributors.yaml`, each with a role, as the article's
    /// `contributors` (JATS `front-stub/contrib-group/contrib`; TEI `byline` with
    /// `docAuthor` for authors and `name role="…"` for the others; EPUB the byline under
    /// its heading).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contributors: Vec<ArticleContributor>,
    /// Its abstract, one string per paragraph (JATS `front-stub/abstract`; TEI `div
    /// type="abstract"`; EPUB a section headed "Abstract" in the sub-article's language).
    #[serde(default, skip_serializing_if = "Vec::is_empty", rename = "abstract")]
    pub abstract_: Vec<Text>,
    /// Its body: the same blocks as the article's (sections, paragraphs, quotations,
    /// lists, figures, tables, formulas). Citations `[@id]` point at the article's
    /// references, footnotes `[^id]` at the article's footnotes; figures are packaged as
    /// the article's.
    #[schemars(length(min = 1))]
    pub body: Vec<Block>,
}

impl SubArticle {
    /// The sub-article's language: its own, else the article's `lang`.
    pub fn lang_or<'a>(&'a self, article: &'a Lang) -> &'a str {
        self.lang.as_ref().unwrap_or(article).as_str()
    }
}

/// What a sub-article is: the JATS `sub-article/@article-type` values used for
/// translations and for peer review material (JATS4R's peer review recommendation;
/// eLife's `decision-letter` and `reply`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SubArticleType {
    /// The article translated into another language, published alongside it (SciELO).
    Translation,
    /// The editor's decision letter, with the reviewers' points (eLife).
    DecisionLetter,
    /// The authors' response to the decision letter or to the reviews.
    Reply,
    /// An editor's report or evaluation (JATS4R).
    EditorReport,
    /// A reviewer's report (JATS4R).
    RefereeReport,
    /// The authors' comment in the review process (JATS4R).
    AuthorComment,
    /// A comment from a reader or the community (JATS4R).
    CommunityComment,
    /// Several review documents published as one (JATS4R).
    AggregatedReviewDocuments,
    /// A commentary on the article.
    ArticleCommentary,
    /// Anything else.
    Other,
}

impl SubArticleType {
    /// The JATS `article-type` value (also the YAML's).
    pub fn as_str(self) -> &'static str {
        match self {
            SubArticleType::Translation => "translation",
            SubArticleType::DecisionLetter => "decision-letter",
            SubArticleType::Reply => "reply",
            SubArticleType::EditorReport => "editor-report",
            SubArticleType::RefereeReport => "referee-report",
            SubArticleType::AuthorComment => "author-comment",
            SubArticleType::CommunityComment => "community-comment",
            SubArticleType::AggregatedReviewDocuments => "aggregated-review-documents",
            SubArticleType::ArticleCommentary => "article-commentary",
            SubArticleType::Other => "other",
        }
    }

    /// The TEI `div/@type` value: the JATS name in camel case (`decisionLetter`), as TEI
    /// writes its own type values (`div type="appendix"`, `note type="…"`).
    pub fn tei(self) -> String {
        let mut out = String::new();
        let mut up = false;
        for c in self.as_str().chars() {
            if c == '-' {
                up = true;
            } else if up {
                out.extend(c.to_uppercase());
                up = false;
            } else {
                out.push(c);
            }
        }
        out
    }
}
