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

use std::collections::BTreeMap;
use std::io::Write;

use super::xhtml::{self, AboutEntry, Appearance, ImageRef, Places, Renderer, Target, TocEntry};
use super::{Context, EmitError, EmitOptions, Emitted, EpubCompression, InputFile, Loss, plain};
use crate::inline::Inline;
use crate::model::{Article, Block, Contributor, ContributorsFile, IssueFile, PartialDate, Role};
use crate::xml::XmlWriter;

/// `dcterms:modified` when neither the input nor `SOURCE_DATE_EPOCH` gives a date: the
/// earliest time a zip entry can carry.
pub const FALLBACK_MODIFIED: &str = "1980-01-01T00:00:00Z";

/// The EPUB Accessibility 1.1 conformance identifier (`dcterms:conformsTo`), exactly as the
/// specification's pattern "EPUB Accessibility 1.1 - WCAG 2.X Level (A|AA|AAA)" requires.
pub const CONFORMANCE: &str = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA";

/// Emits the EPUB of one article.
pub fn emit(article: &Article, ctx: &Context<'_>) -> Result<Emitted, EmitError> {
    let parts = [Part {
        article,
        ctx: *ctx,
        dir: "a1".to_string(),
    }];
    let entries: Vec<AboutEntry<'_>> = xhtml::article_contributors(article, ctx)
        .into_iter()
        .map(|c| AboutEntry {
            contributor: c,
            appearances: Vec::new(),
        })
        .collect();
    let mut losses = Vec::new();
    article_losses(article, ctx, true, &mut losses);
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
        about_heading: "About the Contributors",
        identifier: article_identifier(article, ctx),
        modified,
        compression: ctx.options.epub_compression,
    };
    let bytes = book.package(&mut missing)?;
    Ok(Emitted {
        bytes,
        losses,
        missing,
    })
}

/// One article of an issue, for [`emit_issue`].
#[derive(Debug, Clone, Copy)]
pub struct IssueArticle<'a> {
    /// The article's folder name.
    pub slug: &'a str,
    /// The article.
    pub article: &'a Article,
    /// Its images by relative path.
    pub assets: &'a BTreeMap<String, Vec<u8>>,
}

/// Emits the issue-level EPUB: the issue's title page and contents, every article in the
/// order given, and the full "About the Authors" list of `contributors.yaml` (in its
/// order), with each byline linking to its entry and each entry back to the articles.
///
/// `name` names the issue (its folder); it enters the identifier when the issue has no
/// DOI. Losses reported here are those of the issue and contributor files; an article's
/// own losses are the same as in its article EPUB and are reported there.
pub fn emit_issue(
    issue: &IssueFile,
    contributors: &ContributorsFile,
    name: &str,
    articles: &[IssueArticle<'_>],
    options: &EmitOptions,
) -> Result<Emitted, EmitError> {
    let parts: Vec<Part<'_>> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| Part {
            article: a.article,
            ctx: Context {
                issue,
                contributors,
                slug: a.slug,
                assets: a.assets,
                options,
            },
            dir: format!("a{}", i + 1),
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
                    let roles: Vec<Role> = p
                        .article
                        .contributors
                        .iter()
                        .filter(|ac| ac.contributor == c.id)
                        .map(|ac| ac.role)
                        .collect();
                    (!roles.is_empty()).then(|| Appearance {
                        title: xhtml::parse(&p.article.title),
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
        .flat_map(|p| article_dates(p.article))
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
        about_heading: "About the Authors",
        identifier: issue_identifier(issue, name, articles),
        modified,
        compression: options.epub_compression,
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
    let slugs: Vec<&str> = articles.iter().map(|a| a.slug).collect();
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

fn article_dates(a: &Article) -> Vec<&PartialDate> {
    let d = &a.dates;
    [&d.received, &d.revised, &d.accepted, &d.published]
        .into_iter()
        .flatten()
        .collect()
}

fn modified_missing(file: InputFile, pointer: &str) -> Loss {
    Loss {
        file,
        pointer: pointer.to_string(),
        code: "missing.epub.modified".into(),
        message: format!(
            "no date in the article or issue and SOURCE_DATE_EPOCH is not set: the EPUB's dcterms:modified (and zip timestamps) use the fixed {FALLBACK_MODIFIED}"
        ),
    }
}

/// Where `dcterms:modified` came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateSource {
    Input,
    SourceDateEpoch,
    Fallback,
}

/// A UTC date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Stamp {
    y: i64,
    mo: u8,
    d: u8,
    h: u8,
    mi: u8,
    s: u8,
}

impl Stamp {
    fn from_partial(p: &PartialDate) -> Option<Stamp> {
        let mut it = p.as_str().split('-');
        let y = it.next()?.parse().ok()?;
        let mo = it.next().map_or(Some(1), |m| m.parse().ok())?;
        let d = it.next().map_or(Some(1), |d| d.parse().ok())?;
        Some(Stamp {
            y,
            mo,
            d,
            h: 0,
            mi: 0,
            s: 0,
        })
    }

    /// Seconds since 1970 (UTC) → a date, by Howard Hinnant's `civil_from_days`.
    fn from_epoch(secs: i64) -> Stamp {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let mo = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let y = yoe + era * 400 + i64::from(mo <= 2);
        Stamp {
            y,
            mo,
            d,
            h: (rem / 3600) as u8,
            mi: (rem % 3600 / 60) as u8,
            s: (rem % 60) as u8,
        }
    }

    fn iso(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            self.y, self.mo, self.d, self.h, self.mi, self.s
        )
    }

    /// The zip (DOS) timestamp: the same wall-clock values, clamped to 1980–2107.
    fn zip(&self) -> zip::DateTime {
        let clamped = if self.y < 1980 {
            None
        } else if self.y > 2107 {
            zip::DateTime::from_date_and_time(2107, 12, 31, 23, 59, 58).ok()
        } else {
            zip::DateTime::from_date_and_time(
                self.y as u16,
                self.mo,
                self.d,
                self.h,
                self.mi,
                self.s,
            )
            .ok()
        };
        clamped.unwrap_or(zip::DateTime::DEFAULT)
    }
}

/// The `dcterms:modified` time: the latest input date, else the issue date, else
/// `SOURCE_DATE_EPOCH`, else [`FALLBACK_MODIFIED`].
fn modified(
    dates: &[&PartialDate],
    issue_date: Option<&PartialDate>,
    options: &EmitOptions,
) -> (Stamp, DateSource) {
    let latest = dates.iter().filter_map(|d| Stamp::from_partial(d)).max();
    if let Some(s) = latest.or_else(|| issue_date.and_then(Stamp::from_partial)) {
        return (s, DateSource::Input);
    }
    if let Some(e) = options.source_date_epoch {
        return (Stamp::from_epoch(e), DateSource::SourceDateEpoch);
    }
    (Stamp::from_epoch(315_532_800), DateSource::Fallback)
}

fn loss(file: InputFile, pointer: String, field: &str, message: String) -> Loss {
    Loss {
        file,
        pointer,
        code: format!("loss.epub.{field}"),
        message,
    }
}

/// What the EPUB cannot carry of a contributor (index `i` in contributors.yaml).
fn contributor_losses(c: &Contributor, i: usize, out: &mut Vec<Loss>) {
    let base = format!("/contributors/{i}");
    let who = c.name.display();
    if c.orcid.is_some() {
        out.push(loss(
            InputFile::Contributors,
            format!("{base}/orcid"),
            "orcid",
            format!("the ORCID iD of {who} is not carried by EPUB"),
        ));
    }
    if c.email.is_some() {
        out.push(loss(
            InputFile::Contributors,
            format!("{base}/email"),
            "email",
            format!("the e-mail address of {who} is not carried by EPUB"),
        ));
    }
    if c.original_name.as_ref().is_some_and(|o| o.lang.is_none()) {
        out.push(loss(
            InputFile::Contributors,
            format!("{base}/original_name/lang"),
            "alternate-script",
            format!("the original-script name of {who} has no language, so the package cannot give it as an alternate-script (it is shown in the text)"),
        ));
    }
    if c.address
        .as_ref()
        .is_some_and(|a| a.country.is_some() && a.country_code.is_some())
    {
        out.push(loss(
            InputFile::Contributors,
            format!("{base}/address/country_code"),
            "country-code",
            format!(
                "the country code of {who}'s address is not carried by EPUB (the country name is)"
            ),
        ));
    }
    for (j, a) in c.affiliations.iter().enumerate() {
        if a.ror.is_some() {
            out.push(loss(
                InputFile::Contributors,
                format!("{base}/affiliations/{j}/ror"),
                "ror",
                format!("the ROR id of an affiliation of {who} is not carried by EPUB"),
            ));
        }
        if a.address
            .as_ref()
            .is_some_and(|a| a.country.is_some() && a.country_code.is_some())
        {
            out.push(loss(
                InputFile::Contributors,
                format!("{base}/affiliations/{j}/address/country_code"),
                "country-code",
                format!("the country code of an affiliation address of {who} is not carried by EPUB (the country name is)"),
            ));
        }
    }
}

/// What the EPUB cannot carry of the journal and issue. The issue's DOI is carried by
/// the issue EPUB (its identifier) but not by an article's.
fn issue_losses(issue: &IssueFile, article_epub: bool, out: &mut Vec<Loss>) {
    if issue.journal.publisher_id.is_some() {
        out.push(loss(
            InputFile::Issue,
            "/journal/publisher_id".into(),
            "publisher-id",
            "the publisher's journal id is not carried by EPUB".into(),
        ));
    }
    if issue.journal.abbrev_title.is_some() {
        out.push(loss(
            InputFile::Issue,
            "/journal/abbrev_title".into(),
            "abbrev-title",
            "the journal's abbreviated title is not carried by EPUB".into(),
        ));
    }
    if article_epub && issue.issue.doi.is_some() {
        out.push(loss(
            InputFile::Issue,
            "/issue/doi".into(),
            "issue-doi",
            "the issue's DOI is not carried by an article's EPUB (it identifies the issue EPUB)"
                .into(),
        ));
    }
}

/// The losses of an article EPUB: its contributors', its own and (with `with_issue`) the
/// issue's.
fn article_losses(article: &Article, ctx: &Context<'_>, with_issue: bool, out: &mut Vec<Loss>) {
    for c in xhtml::article_contributors(article, ctx) {
        if let Some(i) = ctx.contributor_index(&c.id) {
            contributor_losses(c, i, out);
        }
    }
    for (i, ac) in article.contributors.iter().enumerate() {
        if !ac.credit.is_empty() {
            out.push(loss(
                InputFile::Article,
                format!("/contributors/{i}/credit"),
                "credit",
                format!(
                    "the CRediT roles of `{}` are not carried by EPUB",
                    ac.contributor
                ),
            ));
        }
    }
    for (i, r) in article.references.iter().enumerate() {
        if r.language.is_some() {
            out.push(loss(
                InputFile::Article,
                format!("/references/{i}/language"),
                "reference-language",
                format!(
                    "the language of reference `{}` is not carried by EPUB",
                    r.id
                ),
            ));
        }
    }
    if with_issue {
        issue_losses(ctx.issue, true, out);
    }
}

/// One article inside the package, under `EPUB/<dir>/`.
struct Part<'a> {
    article: &'a Article,
    ctx: Context<'a>,
    dir: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Article,
    Issue,
}

/// A file of the package (under `EPUB/`).
struct Item {
    id: String,
    href: String,
    media_type: &'static str,
    properties: Option<&'static str>,
    bytes: Vec<u8>,
    in_spine: bool,
}

struct Book<'a> {
    kind: Kind,
    issue: &'a IssueFile,
    parts: &'a [Part<'a>],
    about: Vec<AboutEntry<'a>>,
    about_heading: &'static str,
    identifier: String,
    modified: Stamp,
    compression: EpubCompression,
}

/// A person in the package metadata, with every role they have in it.
struct Person<'a> {
    c: &'a Contributor,
    roles: Vec<Role>,
}

impl Person<'_> {
    fn is_creator(&self) -> bool {
        self.roles.contains(&Role::Author)
    }
}

/// The MARC relator code of a role.
pub fn relator(r: Role) -> &'static str {
    match r {
        Role::Author => "aut",
        Role::Translator => "trl",
        Role::Reviser | Role::Editor => "edt",
    }
}

/// Accessibility metadata, derived from the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct A11y {
    /// `schema:accessMode` values.
    pub modes: Vec<&'static str>,
    /// `schema:accessModeSufficient` values.
    pub sufficient: Vec<&'static str>,
    /// `schema:accessibilityFeature` values.
    pub features: Vec<&'static str>,
    /// `schema:accessibilityHazard` values.
    pub hazards: Vec<&'static str>,
    /// `schema:accessibilitySummary`.
    pub summary: String,
    /// Whether the publication claims [`CONFORMANCE`].
    pub conforms: bool,
}

/// Counts of what the content holds, from which [`A11y`] is derived.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Inventory {
    /// Articles.
    pub articles: usize,
    /// Images.
    pub images: usize,
    /// Images with non-empty alt text.
    pub images_with_alt: usize,
    /// Images that may animate (GIF, APNG, animated WebP).
    pub animated: usize,
    /// Tables.
    pub tables: usize,
    /// Tables with a header row.
    pub tables_with_head: usize,
    /// Footnotes.
    pub footnotes: usize,
    /// Language spans and original-script names.
    pub foreign: usize,
}

impl A11y {
    /// Derives the metadata; `certifier` is the party that declares conformance.
    pub fn derive(inv: &Inventory, certifier: &str) -> A11y {
        let all_alt = inv.images_with_alt == inv.images;
        let mut modes = vec!["textual"];
        let mut sufficient = Vec::new();
        if inv.images > 0 {
            modes.push("visual");
            sufficient.push("textual,visual");
        }
        if all_alt {
            sufficient.insert(0, "textual");
        }
        let mut features = vec!["structuralNavigation", "tableOfContents", "readingOrder"];
        if inv.images > 0 && all_alt {
            features.push("alternativeText");
        }
        features.push("displayTransformability");
        let hazards = if inv.animated > 0 {
            vec![
                "unknownFlashingHazard",
                "unknownMotionSimulationHazard",
                "noSoundHazard",
            ]
        } else {
            vec!["none"]
        };
        let mut s = format!(
            "This publication holds the text of {} with headings that follow its structure, a navigable table of contents and a logical reading order; the text reflows and its fonts can be changed.",
            if inv.articles == 1 {
                "one article".to_string()
            } else {
                format!("{} articles", inv.articles)
            }
        );
        if inv.footnotes > 0 {
            s.push_str(" Footnotes are linked from the text and link back to it.");
        }
        match (inv.images, inv.images_with_alt) {
            (0, _) => s.push_str(" It contains no images."),
            (n, a) if a == n => s.push_str(&format!(
                " It contains {n} image{}, each with a text alternative.",
                if n == 1 { "" } else { "s" }
            )),
            (n, a) => s.push_str(&format!(
                " It contains {n} images, {} without a text alternative, so it makes no WCAG conformance claim.",
                n - a
            )),
        }
        if inv.animated > 0 {
            s.push_str(" Some images are in formats that can animate and have not been checked for flashing.");
        }
        if inv.tables > 0 {
            if inv.tables_with_head == inv.tables {
                s.push_str(" Tables have header cells.");
            } else {
                s.push_str(&format!(
                    " {} of {} tables have no header row.",
                    inv.tables - inv.tables_with_head,
                    inv.tables
                ));
            }
        }
        if inv.foreign > 0 {
            s.push_str(" Names and words in other languages and scripts, such as Chinese characters, are marked with their language.");
        }
        if all_alt {
            s.push_str(&format!(
                " Conformance to EPUB Accessibility 1.1 and WCAG 2.1 Level AA is self-declared by {certifier} on the basis of automated checks of the generated markup, not a third-party audit."
            ));
        }
        A11y {
            modes,
            sufficient,
            features,
            hazards,
            summary: s,
            conforms: all_alt,
        }
    }
}

/// Counts what an article holds.
fn inventory(parts: &[Part<'_>]) -> Inventory {
    let mut inv = Inventory {
        articles: parts.len(),
        ..Inventory::default()
    };
    for p in parts {
        let a = p.article;
        inv.footnotes += a.footnotes.len();
        crate::model::walk_blocks(&a.body, "", &mut |_, b| match b {
            Block::Figure(f) => {
                inv.images += 1;
                if f.alt.as_deref().is_some_and(|s| !s.trim().is_empty()) {
                    inv.images_with_alt += 1;
                }
                if p.ctx
                    .assets
                    .get(&f.image)
                    .is_some_and(|b| crate::asset::may_animate(b))
                {
                    inv.animated += 1;
                }
            }
            Block::Table(t) => {
                inv.tables += 1;
                if !t.head.is_empty() {
                    inv.tables_with_head += 1;
                }
            }
            _ => {}
        });
        crate::model::for_each_text(a, &mut |_, t| {
            crate::inline::visit(&t.inlines(), &mut |n| {
                if matches!(n, Inline::Lang { .. }) {
                    inv.foreign += 1;
                }
            });
        });
        for c in xhtml::article_contributors(a, &p.ctx) {
            if c.original_name.is_some() {
                inv.foreign += 1;
            }
        }
    }
    inv
}

const CONTAINER_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n  <rootfiles>\n    <rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n  </rootfiles>\n</container>\n";

impl<'a> Book<'a> {
    fn lang(&self) -> &'a str {
        match self.parts.first() {
            Some(p) if self.kind == Kind::Article => p.article.lang.as_str(),
            _ => self
                .issue
                .journal
                .lang
                .as_ref()
                .map(|l| l.as_str())
                .or_else(|| self.parts.first().map(|p| p.article.lang.as_str()))
                .unwrap_or("en"),
        }
    }

    /// The issue designation: "Social Sciences in China, vol. 17, no. 2 (1996-06-15)".
    fn issue_title(&self) -> String {
        let j = &self.issue.journal;
        let i = &self.issue.issue;
        let mut s = j.title.clone();
        if let Some(v) = &i.volume {
            s.push_str(&format!(", vol. {v}"));
        }
        if let Some(n) = &i.number {
            s.push_str(&format!(", no. {n}"));
        }
        if let Some(d) = &i.date {
            s.push_str(&format!(" ({d})"));
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

    /// Builds every file and zips them.
    fn package(&self, missing: &mut Vec<Loss>) -> Result<Vec<u8>, EmitError> {
        let lang = self.lang();
        let mut content: Vec<Item> = Vec::new();
        let mut images: Vec<Item> = Vec::new();
        let mut tocs: Vec<(String, Vec<Inline>, Vec<TocEntry>)> = Vec::new();
        if self.kind == Kind::Issue {
            content.push(self.issue_page(lang));
        }
        for p in self.parts {
            let types = xhtml::image_types(p.article, &p.ctx)?;
            let mut srcs = BTreeMap::new();
            for f in xhtml::figures(p.article) {
                if srcs.contains_key(&f.image) {
                    continue;
                }
                let mt = types[&f.image];
                let ext = match mt {
                    "image/png" => "png",
                    "image/jpeg" => "jpg",
                    "image/gif" => "gif",
                    "image/webp" => "webp",
                    _ => "svg",
                };
                let rel = format!("images/{}.{ext}", f.id);
                images.push(Item {
                    id: format!("{}-img-{}", p.dir, f.id),
                    href: format!("{}/{rel}", p.dir),
                    media_type: mt,
                    properties: None,
                    bytes: p.ctx.assets.get(&f.image).cloned().unwrap_or_default(),
                    in_spine: false,
                });
                srcs.insert(
                    f.image.clone(),
                    ImageRef {
                        src: rel,
                        media_type: mt,
                    },
                );
            }
            let places = Places {
                title: "title.xhtml".into(),
                body: "article.xhtml".into(),
                about: "../about.xhtml".into(),
            };
            let mut r = Renderer::new(p.article, &p.ctx, Target::Epub, places, 1, srcs);
            let title = plain(&p.article.title);
            let alang = p.article.lang.as_str();

            r.set_current("title.xhtml");
            let mut w = XmlWriter::new();
            xhtml::open_document(&mut w, Target::Epub, alang, &title, "../style.css");
            w.open("body", &[]);
            r.title_page(&mut w, 1);
            content.push(Item {
                id: format!("{}-title", p.dir),
                href: format!("{}/title.xhtml", p.dir),
                media_type: "application/xhtml+xml",
                properties: None,
                bytes: w.finish().into_bytes(),
                in_spine: true,
            });

            r.set_current("article.xhtml");
            let mut w = XmlWriter::new();
            xhtml::open_document(&mut w, Target::Epub, alang, &title, "../style.css");
            w.open("body", &[]);
            w.open(
                "main",
                &[("epub:type", "bodymatter"), ("aria-label", title.as_str())],
            );
            r.body(&mut w);
            content.push(Item {
                id: format!("{}-body", p.dir),
                href: format!("{}/article.xhtml", p.dir),
                media_type: "application/xhtml+xml",
                properties: None,
                bytes: w.finish().into_bytes(),
                in_spine: true,
            });
            tocs.push((p.dir.clone(), xhtml::parse(&p.article.title), r.toc()));
        }
        let mut w = XmlWriter::new();
        xhtml::open_document(&mut w, Target::Epub, lang, self.about_heading, "style.css");
        w.open("body", &[("epub:type", "backmatter")]);
        xhtml::about_list(&mut w, Target::Epub, 1, self.about_heading, &self.about);
        content.push(Item {
            id: "about".into(),
            href: "about.xhtml".into(),
            media_type: "application/xhtml+xml",
            properties: None,
            bytes: w.finish().into_bytes(),
            in_spine: true,
        });

        let nav = Item {
            id: "nav".into(),
            href: "nav.xhtml".into(),
            media_type: "application/xhtml+xml",
            properties: Some("nav"),
            bytes: self.nav(lang, &tocs).into_bytes(),
            in_spine: false,
        };
        let css = Item {
            id: "css".into(),
            href: "style.css".into(),
            media_type: "text/css",
            properties: None,
            bytes: xhtml::CSS.as_bytes().to_vec(),
            in_spine: false,
        };
        let mut items = vec![nav, css];
        items.extend(content);
        items.extend(images);
        let a11y = A11y::derive(&inventory(self.parts), &self.certifier());
        if !a11y.conforms {
            for p in self.parts {
                crate::model::walk_blocks(&p.article.body, "/body", &mut |ptr, b| {
                    if let Block::Figure(f) = b
                        && f.alt.as_deref().is_none_or(|s| s.trim().is_empty())
                    {
                        missing.push(Loss {
                                file: InputFile::Article,
                                pointer: format!("{ptr}/figure/alt"),
                                code: "missing.epub.conformance".into(),
                                message: format!("figure `{}` has no alt text, so the EPUB makes no accessibility conformance claim", f.id),
                            });
                    }
                });
            }
        }
        let opf = self.opf(lang, &items, &a11y);
        let level = match self.compression {
            EpubCompression::Deflate(level) => Some(level),
            EpubCompression::Store => None,
        };
        let deflate = level.is_some();
        let mut entries: Vec<(String, &[u8], bool)> = vec![
            ("mimetype".into(), b"application/epub+zip", false),
            (
                "META-INF/container.xml".into(),
                CONTAINER_XML.as_bytes(),
                deflate,
            ),
            ("EPUB/package.opf".into(), opf.as_bytes(), deflate),
        ];
        for it in &items {
            let compress = deflate
                && (!it.media_type.starts_with("image/") || it.media_type == "image/svg+xml");
            entries.push((format!("EPUB/{}", it.href), &it.bytes, compress));
        }
        zip_entries(&entries, self.modified.zip(), level.unwrap_or(0))
    }

    /// The package document.
    fn opf(&self, lang: &str, items: &[Item], a11y: &A11y) -> String {
        let mut w = XmlWriter::new();
        w.declaration();
        w.open(
            "package",
            &[
                ("xmlns", "http://www.idpf.org/2007/opf"),
                ("version", "3.0"),
                ("unique-identifier", "pub-id"),
                ("xml:lang", lang),
            ],
        );
        w.open(
            "metadata",
            &[("xmlns:dc", "http://purl.org/dc/elements/1.1/")],
        );
        w.leaf("dc:identifier", &[("id", "pub-id")], &self.identifier);
        let refine = |w: &mut XmlWriter, id: &str, prop: &str, value: &str| {
            w.leaf(
                "meta",
                &[("refines", &format!("#{id}")), ("property", prop)],
                value,
            );
        };
        match self.kind {
            Kind::Article => {
                let a = self.parts[0].article;
                w.leaf("dc:title", &[("id", "title")], &plain(&a.title));
                refine(&mut w, "title", "title-type", "main");
                if let Some(s) = &a.subtitle {
                    w.leaf("dc:title", &[("id", "subtitle")], &plain(s));
                    refine(&mut w, "subtitle", "title-type", "subtitle");
                }
                if let Some(s) = &a.short_title {
                    w.leaf("dc:title", &[("id", "short-title")], s);
                    refine(&mut w, "short-title", "title-type", "short");
                }
            }
            Kind::Issue => {
                w.leaf("dc:title", &[("id", "title")], &self.issue_title());
                refine(&mut w, "title", "title-type", "main");
            }
        }
        // Creators and contributors: each person once, with all their roles.
        let mut people: Vec<Person<'_>> = Vec::new();
        for p in self.parts {
            for ac in &p.article.contributors {
                let Some(c) = p.ctx.contributor(&ac.contributor) else {
                    continue;
                };
                match people.iter_mut().find(|x| x.c.id == c.id) {
                    Some(x) => {
                        if !x.roles.contains(&ac.role) {
                            x.roles.push(ac.role);
                        }
                    }
                    None => people.push(Person {
                        c,
                        roles: vec![ac.role],
                    }),
                }
            }
        }
        people.sort_by_key(|p| !p.is_creator());
        for (i, p) in people.iter().enumerate() {
            let id = format!(
                "{}{}",
                if p.is_creator() { "creator" } else { "contrib" },
                i + 1
            );
            let el = if p.is_creator() {
                "dc:creator"
            } else {
                "dc:contributor"
            };
            w.leaf(el, &[("id", &id)], &p.c.name.display());
            let mut codes: Vec<&str> = Vec::new();
            for r in &p.roles {
                let code = relator(*r);
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            for code in codes {
                w.leaf(
                    "meta",
                    &[
                        ("refines", &format!("#{id}")),
                        ("property", "role"),
                        ("scheme", "marc:relators"),
                    ],
                    code,
                );
            }
            let file_as = p.c.name.sort_form();
            if !file_as.is_empty() {
                refine(&mut w, &id, "file-as", &file_as);
            }
            if let Some(o) = &p.c.original_name
                && let Some(l) = &o.lang
            {
                w.leaf(
                    "meta",
                    &[
                        ("refines", &format!("#{id}")),
                        ("property", "alternate-script"),
                        ("xml:lang", l.as_str()),
                    ],
                    &o.display(),
                );
            }
        }
        w.leaf("dc:language", &[], lang);
        for (i, p) in self.parts.iter().enumerate() {
            if let Some(tr) = &p.article.translation {
                let id = format!("source{}", i + 1);
                w.leaf("dc:source", &[("id", &id)], &source_text(tr));
                refine(&mut w, &id, "dcterms:language", tr.original_lang.as_str());
                if let Some(t) = &tr.original_title {
                    refine(&mut w, &id, "dcterms:title", &plain(t));
                }
                if let Some(d) = &tr.source.doi {
                    refine(&mut w, &id, "dcterms:identifier", &format!("urn:doi:{d}"));
                }
                let with_role = |role: Role| -> Vec<String> {
                    p.article
                        .contributors
                        .iter()
                        .filter(|c| c.role == role)
                        .filter_map(|c| p.ctx.contributor(&c.contributor))
                        .map(|c| c.name.display())
                        .collect()
                };
                let mut note = format!(
                    "Translated from the {} original",
                    xhtml::language_name(tr.original_lang.as_str())
                );
                let translators = with_role(Role::Translator);
                if !translators.is_empty() {
                    note.push_str(&format!(" by {}", xhtml::join_and(&translators)));
                }
                let revisers = with_role(Role::Reviser);
                if !revisers.is_empty() {
                    note.push_str(&format!(", revised by {}", xhtml::join_and(&revisers)));
                }
                note.push('.');
                refine(&mut w, &id, "dcterms:description", &note);
            }
        }
        if let Some(p) = &self.issue.journal.publisher {
            w.leaf("dc:publisher", &[], &p.name);
        }
        let date = match self.kind {
            Kind::Article => self.parts[0].article.dates.published.as_ref().or(self
                .issue
                .issue
                .date
                .as_ref()),
            Kind::Issue => self.issue.issue.date.as_ref(),
        };
        if let Some(d) = date {
            w.leaf("dc:date", &[], d.as_str());
        }
        if self.kind == Kind::Article {
            let a = self.parts[0].article;
            w.leaf("dc:type", &[], a.article_type.as_str());
            if let Some(h) = &a.heading {
                w.leaf("dc:subject", &[], h);
            }
            for k in &a.keywords {
                w.leaf("dc:subject", &[], k);
            }
            if !a.abstract_.is_empty() {
                let text: Vec<String> = a.abstract_.iter().map(plain).collect();
                w.leaf("dc:description", &[], &text.join("\n\n"));
            }
            if let Some(l) = &a.license {
                let mut parts = Vec::new();
                if let Some(c) = &l.copyright {
                    parts.push(if c.ends_with('.') {
                        c.clone()
                    } else {
                        format!("{c}.")
                    });
                }
                if let Some(t) = &l.text {
                    parts.push(plain(t));
                }
                if let Some(u) = &l.url {
                    parts.push(u.to_string());
                }
                w.leaf("dc:rights", &[], &parts.join(" "));
            }
        }
        w.leaf(
            "meta",
            &[("property", "dcterms:modified")],
            &self.modified.iso(),
        );
        for m in &a11y.modes {
            w.leaf("meta", &[("property", "schema:accessMode")], m);
        }
        for m in &a11y.sufficient {
            w.leaf("meta", &[("property", "schema:accessModeSufficient")], m);
        }
        for f in &a11y.features {
            w.leaf("meta", &[("property", "schema:accessibilityFeature")], f);
        }
        for h in &a11y.hazards {
            w.leaf("meta", &[("property", "schema:accessibilityHazard")], h);
        }
        w.leaf(
            "meta",
            &[("property", "schema:accessibilitySummary")],
            &a11y.summary,
        );
        if a11y.conforms {
            w.leaf(
                "meta",
                &[("property", "dcterms:conformsTo"), ("id", "conformance")],
                CONFORMANCE,
            );
            refine(&mut w, "conformance", "a11y:certifiedBy", &self.certifier());
        }
        w.close();
        w.open("manifest", &[]);
        for it in items {
            let mut attrs = vec![
                ("id", it.id.as_str()),
                ("href", it.href.as_str()),
                ("media-type", it.media_type),
            ];
            if let Some(p) = it.properties {
                attrs.push(("properties", p));
            }
            w.empty("item", &attrs);
        }
        w.close();
        w.open("spine", &[]);
        for it in items.iter().filter(|i| i.in_spine) {
            w.empty("itemref", &[("idref", &it.id)]);
        }
        // The navigation document is reachable from the landmarks, outside the reading order.
        w.empty("itemref", &[("idref", "nav"), ("linear", "no")]);
        w.close();
        w.finish()
    }

    /// The issue's title page with its contents.
    fn issue_page(&self, lang: &str) -> Item {
        let j = &self.issue.journal;
        let i = &self.issue.issue;
        let mut w = XmlWriter::new();
        xhtml::open_document(&mut w, Target::Epub, lang, &self.issue_title(), "style.css");
        w.open("body", &[]);
        w.open(
            "section",
            &[
                ("class", "title-page"),
                ("epub:type", "titlepage"),
                ("aria-labelledby", "_title"),
            ],
        );
        w.leaf("h1", &[("class", "title"), ("id", "_title")], &j.title);
        let mut line = Vec::new();
        if let Some(v) = &i.volume {
            line.push(format!("Volume {v}"));
        }
        if let Some(n) = &i.number {
            line.push(format!("Number {n}"));
        }
        if let Some(d) = &i.date {
            line.push(d.to_string());
        }
        if !line.is_empty() {
            w.leaf("p", &[("class", "subtitle")], &line.join(", "));
        }
        if let Some(t) = &i.title {
            w.leaf("p", &[("class", "subtitle")], t);
        }
        let mut facts = Vec::new();
        if let Some(p) = &j.publisher {
            facts.push(match &p.location {
                Some(l) => format!("{l}: {}.", p.name),
                None => format!("{}.", p.name),
            });
        }
        for issn in &j.issn {
            let medium = match issn.format {
                crate::model::PublicationFormat::Print => "print",
                crate::model::PublicationFormat::Electronic => "online",
            };
            facts.push(format!("ISSN {} ({medium}).", issn.value));
        }
        if let Some(d) = &i.doi {
            facts.push(format!("https://doi.org/{d}"));
        }
        if !facts.is_empty() {
            w.leaf("p", &[("class", "journal")], &facts.join(" "));
        }
        w.open("section", &[("aria-labelledby", "_contents")]);
        w.leaf("h2", &[("id", "_contents")], "Contents");
        w.open("ol", &[("class", "contents")]);
        for p in self.parts {
            w.open("li", &[]);
            w.open("p", &[]);
            let href = format!("{}/title.xhtml", p.dir);
            w.open_inline("a", &[("href", &href)]);
            xhtml::write_nodes(&mut w, &xhtml::parse(&p.article.title), Target::Epub, false);
            w.close();
            let authors: Vec<String> = p
                .article
                .contributors
                .iter()
                .filter(|c| c.role == Role::Author)
                .filter_map(|c| p.ctx.contributor(&c.contributor))
                .map(|c| c.name.display())
                .collect();
            if !authors.is_empty() {
                w.text(" — ");
                w.text(&xhtml::join_and(&authors));
            }
            w.close();
            w.close();
        }
        w.open("li", &[]);
        w.open("p", &[]);
        w.open_inline("a", &[("href", "about.xhtml")]);
        w.text(self.about_heading);
        w.close();
        w.close();
        w.close();
        w.close();
        w.close();
        Item {
            id: "issue".into(),
            href: "issue.xhtml".into(),
            media_type: "application/xhtml+xml",
            properties: None,
            bytes: w.finish().into_bytes(),
            in_spine: true,
        }
    }

    /// The navigation document: the table of contents (articles, their sections and
    /// back matter, "About the Authors") and landmarks.
    fn nav(&self, lang: &str, tocs: &[(String, Vec<Inline>, Vec<TocEntry>)]) -> String {
        fn entries(w: &mut XmlWriter, dir: &str, list: &[TocEntry]) {
            w.open("ol", &[]);
            for e in list {
                w.open("li", &[]);
                let href = format!("{dir}/article.xhtml#{}", e.id);
                w.open_inline("a", &[("href", &href)]);
                xhtml::write_nodes(w, &e.label, Target::Epub, false);
                w.close();
                if !e.children.is_empty() {
                    entries(w, dir, &e.children);
                }
                w.close();
            }
            w.close();
        }
        let mut w = XmlWriter::new();
        xhtml::open_document(&mut w, Target::Epub, lang, "Contents", "style.css");
        w.open("body", &[]);
        w.open(
            "nav",
            &[
                ("epub:type", "toc"),
                ("id", "toc"),
                ("role", "doc-toc"),
                ("aria-labelledby", "toc-h"),
            ],
        );
        w.leaf("h1", &[("id", "toc-h")], "Contents");
        w.open("ol", &[]);
        if self.kind == Kind::Issue {
            w.open("li", &[]);
            w.open_inline("a", &[("href", "issue.xhtml")]);
            w.text(&self.issue_title());
            w.close();
            w.close();
        }
        for (dir, title, toc) in tocs {
            w.open("li", &[]);
            let href = format!("{dir}/title.xhtml");
            w.open_inline("a", &[("href", &href)]);
            xhtml::write_nodes(&mut w, title, Target::Epub, false);
            w.close();
            if !toc.is_empty() {
                entries(&mut w, dir, toc);
            }
            w.close();
        }
        w.open("li", &[]);
        w.open_inline("a", &[("href", "about.xhtml")]);
        w.text(self.about_heading);
        w.close();
        w.close();
        w.close();
        w.close();
        w.open(
            "nav",
            &[
                ("epub:type", "landmarks"),
                ("id", "landmarks"),
                ("hidden", "hidden"),
                ("aria-labelledby", "landmarks-h"),
            ],
        );
        w.leaf("h2", &[("id", "landmarks-h")], "Landmarks");
        w.open("ol", &[]);
        let mark = |w: &mut XmlWriter, ty: &str, href: &str, text: &str| {
            w.open("li", &[]);
            w.open_inline("a", &[("epub:type", ty), ("href", href)]);
            w.text(text);
            w.close();
            w.close();
        };
        mark(&mut w, "toc", "nav.xhtml#toc", "Contents");
        let first = tocs.first().map(|t| t.0.as_str()).unwrap_or("a1");
        match self.kind {
            Kind::Issue => mark(&mut w, "titlepage", "issue.xhtml", "Title page"),
            Kind::Article => mark(
                &mut w,
                "titlepage",
                &format!("{first}/title.xhtml"),
                "Title page",
            ),
        }
        mark(
            &mut w,
            "bodymatter",
            &format!("{first}/article.xhtml"),
            "Start of content",
        );
        for (p, (dir, _, _)) in self.parts.iter().zip(tocs) {
            if !p.article.references.is_empty() {
                let text = if self.kind == Kind::Issue {
                    format!("References: {}", plain(&p.article.title))
                } else {
                    "References".to_string()
                };
                mark(
                    &mut w,
                    "bibliography",
                    &format!("{dir}/article.xhtml#_refs"),
                    &text,
                );
            }
        }
        w.close();
        w.close();
        w.finish()
    }
}

/// The source of a translation in one line: "Zhongguo shehui kexue, 1996, no. 2".
pub fn source_text(tr: &crate::model::Translation) -> String {
    let s = &tr.source;
    let mut out = s.title.clone();
    if let Some(o) = &s.title_original {
        out.push_str(&format!(" ({o})"));
    }
    if let Some(y) = s.year {
        out.push_str(&format!(", {y}"));
    }
    if let Some(v) = &s.volume {
        out.push_str(&format!(", vol. {v}"));
    }
    if let Some(i) = &s.issue {
        out.push_str(&format!(", no. {i}"));
    }
    if let Some(p) = &s.pages {
        out.push_str(&format!(", pp. {p}"));
    }
    out
}

/// Writes the zip: entries in the given order, `mimetype` first and stored, every entry
/// with the same timestamp, Unix permissions 0644 and no extra fields.
fn zip_entries(
    entries: &[(String, &[u8], bool)],
    time: zip::DateTime,
    level: u8,
) -> Result<Vec<u8>, EmitError> {
    use zip::write::SimpleFileOptions;
    let err = |e: &dyn std::fmt::Display| {
        EmitError::Unwritable(format!("cannot write the EPUB zip: {e}"))
    };
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(time)
        .unix_permissions(0o644)
        .system(zip::System::Unix);
    for (name, bytes, compress) in entries {
        let opts = if *compress {
            base.compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(level.into()))
        } else {
            base.compression_method(zip::CompressionMethod::Stored)
        };
        z.start_file(name.as_str(), opts).map_err(|e| err(&e))?;
        z.write_all(bytes).map_err(|e| err(&e))?;
    }
    let cursor = z.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_to_date() {
        assert_eq!(Stamp::from_epoch(0).iso(), "1970-01-01T00:00:00Z");
        assert_eq!(Stamp::from_epoch(315_532_800).iso(), FALLBACK_MODIFIED);
        assert_eq!(Stamp::from_epoch(951_782_400).iso(), "2000-02-29T00:00:00Z");
        assert_eq!(
            Stamp::from_epoch(1_700_000_000).iso(),
            "2023-11-14T22:13:20Z"
        );
    }

    #[test]
    fn partial_dates_start_their_period() {
        let d = PartialDate("1996".into());
        assert_eq!(
            Stamp::from_partial(&d).unwrap().iso(),
            "1996-01-01T00:00:00Z"
        );
        let d = PartialDate("1996-03".into());
        assert_eq!(
            Stamp::from_partial(&d).unwrap().iso(),
            "1996-03-01T00:00:00Z"
        );
    }

    #[test]
    fn accessibility_follows_the_images() {
        let text = A11y::derive(
            &Inventory {
                articles: 1,
                ..Inventory::default()
            },
            "X",
        );
        assert_eq!(text.modes, ["textual"]);
        assert_eq!(text.sufficient, ["textual"]);
        assert!(!text.features.contains(&"alternativeText"));
        assert!(text.conforms);
        let some_alt = A11y::derive(
            &Inventory {
                articles: 1,
                images: 2,
                images_with_alt: 1,
                ..Inventory::default()
            },
            "X",
        );
        assert_eq!(some_alt.modes, ["textual", "visual"]);
        assert_eq!(some_alt.sufficient, ["textual,visual"]);
        assert!(!some_alt.features.contains(&"alternativeText"));
        assert!(!some_alt.conforms);
        let all_alt = A11y::derive(
            &Inventory {
                articles: 1,
                images: 2,
                images_with_alt: 2,
                animated: 1,
                ..Inventory::default()
            },
            "X",
        );
        assert_eq!(all_alt.sufficient, ["textual", "textual,visual"]);
        assert!(all_alt.features.contains(&"alternativeText"));
        assert!(all_alt.hazards.contains(&"unknownFlashingHazard"));
    }
}
