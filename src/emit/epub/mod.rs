//! The EPUB emitter: an article (or a whole issue) → the bytes of an EPUB 3.3 package
//! with EPUB Accessibility 1.1 metadata, identical on every build.
//!
//! # Layout of the container
//! ```text
//! mimetype                      stored, first
//! META-INF/container.xml
//! EPUB/package.opf              package document
//! EPUB/nav.xhtml                table of contents and landmarks
//! EPUB/style.css                one stylesheet (xhtml::CSS), no embedded fonts
//! EPUB/issue.xhtml              the issue's title page and contents (issue EPUB only)
//! EPUB/a1/title.xhtml           article 1: title page
//! EPUB/a1/article.xhtml         article 1: body, end notes, footnotes, references
//! EPUB/a1/sub<n>.xhtml          article 1: each sub-article (translation, review, reply)
//! EPUB/a1/images/<fig-id>.png   article 1: figure images
//! EPUB/about.xhtml              "About the Authors" (the article's own contributors in an
//!                               article EPUB; everyone in contributors.yaml in the issue EPUB)
//! ```
//! The content documents come from the shared renderer [`super::xhtml`], which also
//! makes the HTML preview.
//!
//! # Determinism
//! Nothing is read from the clock, the environment or a random source:
//! - `dc:identifier` is `urn:doi:<DOI>` when the article (issue) has a DOI, else a
//!   name-based UUID (v5, URL namespace) of `urn:galley:article:` + journal title, volume,
//!   issue number, issue date, article folder name and title ([`article_identifier`]).
//! - `dcterms:modified` is the latest date of the article (`dates`), else the issue's
//!   date, else `SOURCE_DATE_EPOCH` (from [`super::EmitOptions`]), else the fixed
//!   [`FALLBACK_MODIFIED`] (1980-01-01T00:00:00Z, the earliest zip timestamp), which is
//!   reported in [`Emitted::missing`].
//! - Zip entries are written in a fixed order, each with the `dcterms:modified` time as
//!   its timestamp (clamped to the zip range 1980–2107), Unix permissions 0644, no extra
//!   fields; text is deflated at level 6, images are stored.
//!
//! # Roles
//! Authors are `dc:creator` (MARC relator `aut`), translators `dc:contributor` (`trl`),
//! editors `edt`. Revisers are `edt` too: MARC has no "reviser", and its definition of
//! Editor ("contributing to a resource by revising or elucidating the content") is the
//! one that covers revising a translation; `rev` is "Reviewer" (a critic), not a reviser.
//!
//! # Accessibility
//! The `schema:` metadata is derived from the content ([`A11y::derive`]): `visual` access
//! mode only with images; `alternativeText` and a textual-only sufficient mode only when
//! every image has alt text; hazards `none` unless an image may animate; the conformance
//! claim "EPUB Accessibility 1.1 - WCAG 2.1 Level AA" only when every image has alt text,
//! with `a11y:certifiedBy` naming the publisher (else the journal) as the self-evaluating
//! party, which the summary says in words.
//!
//! # Files
//! `package.rs` assembles the items and zips them (`zip.rs`); `opf.rs` writes the package
//! document, `nav.rs` the navigation document and the issue's title page; `a11y.rs`
//! derives the accessibility metadata, `losses.rs` says what EPUB cannot carry, and
//! `stamp.rs` turns dates into `dcterms:modified` and zip timestamps.

use super::xhtml::{self, AboutEntry, Appearance};
use super::{Context, EmitError, EmitOptions, Emitted, EpubCompression, InputFile, plain};
use crate::l10n::Term;
use crate::model::TitleKey;
use crate::model::{Article, ContributorsFile, IssueFile, PartialDate, Role};
use crate::resolve::Resolved;
use crate::xml::XmlWriter;

mod a11y;
mod losses;
mod nav;
mod opf;
mod package;
mod stamp;
mod sub_article;
mod zip;

/// The UTC calendar date (`YYYY-MM-DD`) of `secs` seconds since 1970, as the EPUB's
/// `dcterms:modified` takes it from `SOURCE_DATE_EPOCH`; for other packages' dates.
pub(crate) fn utc_date_of_epoch(secs: i64) -> String {
    stamp::Stamp::from_epoch(secs).date()
}

pub use a11y::{A11y, Inventory};
pub use opf::{relator, source_text};

use losses::{article_losses, contributor_losses, issue_losses};
use stamp::{DateSource, Stamp, article_dates, modified, modified_missing};

/// `dcterms:modified` when neither the input nor `SOURCE_DATE_EPOCH` gives a date: the
/// earliest time a zip entry can carry.
pub const FALLBACK_MODIFIED: &str = "1980-01-01T00:00:00Z";

/// The EPUB Accessibility 1.1 conformance identifier (`dcterms:conformsTo`), exactly as the
/// specification's pattern "EPUB Accessibility 1.1 - WCAG 2.X Level (A|AA|AAA)" requires.
pub const CONFORMANCE: &str = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA";

/// Emits the EPUB of one article.
pub fn emit(r: &Resolved<'_>) -> Result<Emitted, EmitError> {
    let (article, ctx) = (r.article, &r.ctx);
    let parts = [Part {
        r,
        dir: "a1".to_string(),
        epub: None,
    }];
    let entries: Vec<AboutEntry<'_>> = r
        .byline_people()
        .iter()
        .map(|&c| AboutEntry {
            contributor: c,
            appearances: Vec::new(),
        })
        .collect();
    let mut losses = Vec::new();
    article_losses(r, true, &mut losses);
    let mut missing = Vec::new();
    let dates: Vec<&PartialDate> = article_dates(article);
    let (modified, source) = modified(&dates, ctx.issue.issue.date.as_ref(), ctx.options);
    if source == DateSource::Fallback {
        missing.push(modified_missing(InputFile::Article, "/dates/published"));
    }
    let book = Book {
        kind: Kind::Article,
        issue: ctx.issue,
        parts: &parts,
        about: entries,
        identifier: article_identifier(article, ctx),
        modified,
        compression: ctx.options.epub_compression,
        cover: None,
    };
    let bytes = book.package(&mut missing)?;
    Ok(Emitted {
        bytes,
        losses,
        missing,
    })
}

/// The issue's cover, for [`emit_issue`]: the image's bytes, their media type and the
/// alt text (`issue.cover` of issue.yaml).
#[derive(Debug, Clone, Copy)]
pub struct CoverImage<'a> {
    /// The image file's bytes.
    pub bytes: &'a [u8],
    /// Its media type, as sniffed (`image/jpeg`, `image/png`, …).
    pub media_type: &'static str,
    /// What it shows, for readers who cannot see it.
    pub alt: &'a str,
}

/// One article of an issue, for [`emit_issue`]: the resolved article and the bytes of
/// its own EPUB, from the article pass of the same build.
#[derive(Debug, Clone, Copy)]
pub struct IssueArticle<'a> {
    /// The resolved article (its slug is `resolved.ctx.slug`).
    pub resolved: &'a Resolved<'a>,
    /// Its article EPUB, as [`emit`] made it with the same options.
    pub epub: &'a [u8],
}

/// Emits the issue-level EPUB: the issue's title page and contents, every article in the
/// order given, and the full "About the Authors" list of `contributors.yaml` (in its
/// order), with each byline linking to its entry and each entry back to the articles.
///
/// `name` names the issue (its folder); it enters the identifier when the issue has no
/// DOI. A `cover` is the package's `cover-image` and a cover page first in the spine. Losses reported here are those of the issue and contributor files; an article's
/// own losses are the same as in its article EPUB and are reported there.
///
/// The articles' content documents and images are not rendered again: an article's
/// documents in the issue are byte for byte those of its own EPUB (every link in them is
/// relative to the article's folder), so their compressed entries are copied from the
/// article EPUB as they are, under `EPUB/a<n>/`. They keep the article package's entry
/// timestamp; the issue's own files carry the issue's.
pub fn emit_issue(
    issue: &IssueFile,
    contributors: &ContributorsFile,
    name: &str,
    articles: &[IssueArticle<'_>],
    cover: Option<CoverImage<'_>>,
    options: &EmitOptions,
) -> Result<Emitted, EmitError> {
    let parts: Vec<Part<'_>> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| Part {
            r: a.resolved,
            dir: format!("a{}", i + 1),
            epub: Some(a.epub),
        })
        .collect();
    let entries: Vec<AboutEntry<'_>> = contributors
        .contributors
        .iter()
        .map(|c| AboutEntry {
            contributor: c,
            appearances: parts
                .iter()
                .filter_map(|p| {
                    let roles: Vec<Role> =
                        p.r.article
                            .contributors
                            .iter()
                            .filter(|ac| ac.contributor == c.id)
                            .map(|ac| ac.role)
                            .collect();
                    (!roles.is_empty()).then(|| Appearance {
                        title: p.r.article.title.inlines().into_owned(),
                        href: format!("{}/title.xhtml", p.dir),
                        roles,
                    })
                })
                .collect(),
        })
        .collect();
    let mut losses = Vec::new();
    issue_losses(issue, false, &mut losses);
    for (i, c) in contributors.contributors.iter().enumerate() {
        contributor_losses(c, i, &mut losses);
    }
    let mut missing = Vec::new();
    let dates: Vec<&PartialDate> = parts
        .iter()
        .flat_map(|p| article_dates(p.r.article))
        .collect();
    let (modified, source) = modified(&dates, issue.issue.date.as_ref(), options);
    if source == DateSource::Fallback {
        missing.push(modified_missing(InputFile::Issue, "/issue/date"));
    }
    let book = Book {
        kind: Kind::Issue,
        issue,
        parts: &parts,
        about: entries,
        identifier: issue_identifier(issue, name, articles),
        modified,
        compression: options.epub_compression,
        cover,
    };
    let bytes = book.package(&mut missing)?;
    // What is missing from an article is reported by that article's own EPUB.
    missing.retain(|m| m.file != InputFile::Article);
    Ok(Emitted {
        bytes,
        losses,
        missing,
    })
}

/// `urn:doi:` and the article's DOI, else a name-based UUID of stable article data.
pub fn article_identifier(article: &Article, ctx: &Context<'_>) -> String {
    if let Some(doi) = &article.doi {
        return format!("urn:doi:{doi}");
    }
    let i = &ctx.issue.issue;
    let name = [
        "urn:galley:article",
        &ctx.issue.journal.title,
        i.volume.as_deref().unwrap_or(""),
        i.number.as_deref().unwrap_or(""),
        i.date.as_ref().map(|d| d.as_str()).unwrap_or(""),
        ctx.slug,
        &plain(&article.title),
    ]
    .join("\u{1F}");
    format!(
        "urn:uuid:{}",
        uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes())
    )
}

/// `urn:doi:` and the issue's DOI, else a name-based UUID of the journal, the issue and
/// its article folders.
pub fn issue_identifier(issue: &IssueFile, name: &str, articles: &[IssueArticle<'_>]) -> String {
    if let Some(doi) = &issue.issue.doi {
        return format!("urn:doi:{doi}");
    }
    let i = &issue.issue;
    let slugs: Vec<&str> = articles.iter().map(|a| a.resolved.ctx.slug).collect();
    let key = [
        "urn:galley:issue",
        &issue.journal.title,
        i.volume.as_deref().unwrap_or(""),
        i.number.as_deref().unwrap_or(""),
        i.date.as_ref().map(|d| d.as_str()).unwrap_or(""),
        i.title.as_deref().unwrap_or(""),
        name,
        &slugs.join("\u{1E}"),
    ]
    .join("\u{1F}");
    format!(
        "urn:uuid:{}",
        uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, key.as_bytes())
    )
}

/// The document a writer holds. A writer fault is an emitter bug: it fails the emit
/// ([`EmitError::Unwritable`]) rather than writing other XML.
fn written(w: XmlWriter) -> Result<String, EmitError> {
    w.finish()
        .map_err(|fault| EmitError::Unwritable(format!("{fault}")))
}

/// One article inside the package, under `EPUB/<dir>/`.
struct Part<'a> {
    r: &'a Resolved<'a>,
    dir: String,
    /// The article's own EPUB, whose documents and images are copied (issue EPUBs).
    epub: Option<&'a [u8]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Article,
    Issue,
}

/// A file of the package (under `EPUB/`).
struct Item<'a> {
    id: String,
    href: String,
    media_type: &'static str,
    properties: Option<&'static str>,
    body: Body<'a>,
    in_spine: bool,
}

/// Where an item's bytes come from.
enum Body<'a> {
    /// Written here.
    Bytes(Vec<u8>),
    /// Copied, compressed as it is, from the entry `entry` of another EPUB.
    Copy { epub: &'a [u8], entry: String },
}

struct Book<'a> {
    kind: Kind,
    issue: &'a IssueFile,
    parts: &'a [Part<'a>],
    about: Vec<AboutEntry<'a>>,
    identifier: String,
    modified: Stamp,
    compression: EpubCompression,
    /// The issue's cover (issue EPUBs only).
    cover: Option<CoverImage<'a>>,
}

impl<'a> Book<'a> {
    /// The heading of the contributors' list: `titles.contributors` (the article's, then
    /// the issue's), else "About the Contributors" of an article, "About the Authors" of
    /// an issue, in the book's language.
    fn about_heading(&self) -> (&'a str, Option<&'static str>) {
        let (term, overrides): (Term, Vec<&'a crate::model::Titles>) =
            match (self.kind, self.parts.first()) {
                (Kind::Article, Some(p)) => (
                    Term::AboutContributors,
                    vec![&p.r.article.titles, &self.issue.titles],
                ),
                (Kind::Article, None) => (Term::AboutContributors, vec![&self.issue.titles]),
                (Kind::Issue, _) => (Term::AboutAuthors, vec![&self.issue.titles]),
            };
        crate::l10n::heading(self.lang(), TitleKey::Contributors, term, &overrides)
    }

    /// A term in the book's language.
    fn term(&self, t: Term) -> crate::l10n::Said {
        crate::l10n::term(self.lang(), t)
    }

    fn lang(&self) -> &'a str {
        match self.parts.first() {
            Some(p) if self.kind == Kind::Article => p.r.article.lang.as_str(),
            _ => self
                .issue
                .journal
                .lang
                .as_ref()
                .map(|l| l.as_str())
                .or_else(|| self.parts.first().map(|p| p.r.article.lang.as_str()))
                .unwrap_or("en"),
        }
    }

    /// The issue designation: "Social Sciences in China, vol. 17, no. 2 (15 June 1996)",
    /// the words and the date in the book's language.
    fn issue_title(&self) -> String {
        let j = &self.issue.journal;
        let i = &self.issue.issue;
        let mut s = j.title.clone();
        // "vol." and "no." in the book's language (English, unmarked, in a language
        // galley has no text for: this string also becomes the issue's `dc:title`).
        if let Some(v) = &i.volume {
            s.push_str(&format!(", {}", self.term(Term::Volume).fill(v)));
        }
        if let Some(n) = &i.number {
            s.push_str(&format!(", {}", self.term(Term::Number).fill(n)));
        }
        if let Some(d) = &i.date {
            let date = crate::l10n::date(self.lang(), d.as_str());
            s.push_str(&format!(" ({date})"));
        }
        if let Some(t) = &i.title {
            s.push_str(&format!(": {t}"));
        }
        s
    }

    fn certifier(&self) -> String {
        self.issue
            .journal
            .publisher
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_else(|| self.issue.journal.title.clone())
    }
}
