//! Stage 3, emit: a validated [`Article`] and its issue → bytes of one output format,
//! plus the facts that format could not carry (losses).
//!
//! Emitters are pure: everything they read comes in through [`Context`] (the issue, the
//! contributor list, the article's image bytes, the build options) and they return
//! bytes. Only the build driver ([`crate::build`]) touches the filesystem, so every
//! emitter can be tested in memory and two runs with the same input give the same bytes.

use std::collections::BTreeMap;

use crate::resolve::Resolved;

use crate::model::{Article, ContributorsFile, IssueFile, Text, TitleKey};

pub mod epub;
pub mod jats;
pub mod tei;
pub mod xhtml;

/// Options that influence the bytes of an output. Nothing is read from the clock or the
/// environment inside an emitter: the driver resolves such inputs into these options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmitOptions {
    /// `SOURCE_DATE_EPOCH`, when set: the modification time of packages whose article
    /// and issue carry no date.
    pub source_date_epoch: Option<i64>,
    /// How the EPUB's entries other than `mimetype` are written. The default, deflate,
    /// is what galley ships; [`EpubCompression::Store`] exists for the `emit_all` fuzz
    /// target, where deflating and re-inflating every package took about 40% of each
    /// execution and exercised zlib rather than galley. Both give a valid EPUB (OCF 3.3
    /// allows stored and deflated entries alike).
    pub epub_compression: EpubCompression,
}

/// How an EPUB's compressible entries are written (`mimetype` is always stored, and
/// raster images are stored either way, as they are already compressed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpubCompression {
    /// Deflate at this level, 1–9 (galley ships [`EpubCompression::DEFAULT_LEVEL`]).
    Deflate(u8),
    /// No compression.
    Store,
}

impl EpubCompression {
    /// The deflate level galley ships; `galley build --epub-deflate-level` (hidden) lets
    /// `make bench` measure the others. Chosen by measurement (bench/RESULTS.md, "EPUB
    /// deflate level", 1,000 articles): level 4 gives EPUBs 0.7% larger than level 6 for
    /// 9% less CPU; level 2 is 4.3% larger for 12% less, level 1 22% larger, and levels
    /// above 6 gain nothing measurable.
    pub const DEFAULT_LEVEL: u8 = 4;
}

impl Default for EpubCompression {
    fn default() -> Self {
        EpubCompression::Deflate(Self::DEFAULT_LEVEL)
    }
}

/// Everything an emitter may read besides the article itself.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The journal and issue.
    pub issue: &'a IssueFile,
    /// Everyone in the issue.
    pub contributors: &'a ContributorsFile,
    /// The article's slug (folder name): names the outputs.
    pub slug: &'a str,
    /// The article's assets by relative path (as written in the YAML), read by the driver.
    pub assets: &'a BTreeMap<String, Vec<u8>>,
    /// Build options.
    pub options: &'a EmitOptions,
}

/// Which input file a loss points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputFile {
    /// The article's `article.yaml`.
    Article,
    /// The issue's `contributors.yaml`.
    Contributors,
    /// The issue's `issue.yaml`.
    Issue,
}

/// A fact in the model that an output format cannot carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// The file holding the fact.
    pub file: InputFile,
    /// JSON pointer of the fact in that file.
    pub pointer: String,
    /// A stable code: `loss.<format>.<field>`, e.g. `loss.epub.orcid`.
    pub code: String,
    /// What is lost, in a sentence.
    pub message: String,
}

/// The result of one emitter.
#[derive(Debug, Clone, Default)]
pub struct Emitted {
    /// The output file's bytes.
    pub bytes: Vec<u8>,
    /// What the format could not carry.
    pub losses: Vec<Loss>,
    /// Facts a format requires that the input lacks, written in the format's own
    /// "not available" form (or left out); reported as warnings.
    pub missing: Vec<Loss>,
}

/// Why an emitter produced nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmitError {
    /// The output cannot be written; the message says why. Either the article holds (or
    /// lacks) something the format cannot be written without, which validation should
    /// have rejected (inline markup that does not parse, a contributor missing from the
    /// list, an image not read or not an image), or galley itself failed: an emitter
    /// misused the XML writer (a bug in galley; the message is the
    /// [`crate::xml::XmlFault`]) or the EPUB's zip could not be written. The build
    /// reports it as a diagnostic with an `emit.*` code, which counts as a failure of the
    /// tool (exit status 2), not as a problem in the input.
    Unwritable(String),
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// JATS 1.3 Journal Publishing XML.
    Jats,
    /// TEI P5 XML.
    Tei,
    /// EPUB 3.3 package.
    Epub,
    /// The HTML preview (`<slug>/index.html`) for proofreading in a browser.
    Html,
}

impl Format {
    /// Every format, in the order outputs are written.
    pub const ALL: [Format; 4] = [Format::Jats, Format::Tei, Format::Epub, Format::Html];

    /// The output file's name for an article slug.
    pub fn file_name(self, slug: &str) -> String {
        match self {
            Format::Jats => format!("{slug}.jats.xml"),
            Format::Tei => format!("{slug}.tei.xml"),
            Format::Epub => format!("{slug}.epub"),
            Format::Html => "index.html".to_string(),
        }
    }

    /// The format's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jats => "JATS",
            Format::Tei => "TEI",
            Format::Epub => "EPUB",
            Format::Html => "HTML preview",
        }
    }

    /// Resolves the article ([`crate::resolve`]) and runs this format's emitter. To write
    /// several formats of one article, resolve once and call [`Format::emit_resolved`].
    pub fn emit(self, article: &Article, ctx: &Context<'_>) -> Result<Emitted, EmitError> {
        self.emit_resolved(&crate::resolve::resolve(article, ctx)?)
    }

    /// Runs this format's emitter on a resolved article.
    pub fn emit_resolved(self, r: &Resolved<'_>) -> Result<Emitted, EmitError> {
        match self {
            Format::Jats => jats::emit(r),
            Format::Tei => tei::emit(r),
            Format::Epub => epub::emit(r),
            Format::Html => xhtml::emit_preview(r),
        }
    }
}

/// A file's path in the article's folder as the relative URL the outputs point to it
/// with: ASCII characters a URL path cannot hold (space, `#`, `?`, `%`, `<`, `"`, …) are
/// percent-encoded (RFC 3986), everything else is kept, so `data/a b.csv` is
/// `data/a%20b.csv` and the file still sits under its own name beside the output.
/// By hand: the rule is one line of RFC 3986's path grammar, and the crates that encode
/// URLs want an absolute URL or encode every non-ASCII character.
pub fn file_href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        let keep = !c.is_ascii() || c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/".contains(c);
        if keep {
            out.push(c);
        } else {
            out.push_str(&format!("%{:02X}", c as u32));
        }
    }
    out
}

/// The plain text of marked-up text, for places that take no markup (titles in
/// metadata, labels).
pub fn plain(t: &Text) -> String {
    t.plain()
}

/// A heading the YAML gives for a part galley titles itself (`titles`: the article's,
/// then the issue's), with the file and JSON pointer it comes from. JATS and TEI write a
/// part's title only when one is given (their readers supply their own otherwise); the
/// EPUB and the preview fall back to [`crate::l10n`].
pub fn given_title<'a>(
    article: &'a Article,
    issue: &'a IssueFile,
    key: TitleKey,
) -> Option<(&'a str, InputFile, String)> {
    let pointer = format!("/titles/{}", key.key());
    match (article.titles.get(key), issue.titles.get(key)) {
        (Some(t), _) => Some((t, InputFile::Article, pointer)),
        (None, Some(t)) => Some((t, InputFile::Issue, pointer)),
        (None, None) => None,
    }
}

/// Whether the article has the part `key` titles (so that its heading is printed).
pub fn has_part(article: &Article, key: TitleKey) -> bool {
    match key {
        TitleKey::Abstract => !article.abstract_.is_empty(),
        TitleKey::Keywords => !article.keywords.is_empty(),
        TitleKey::Acknowledgements => !article.acknowledgements.is_empty(),
        TitleKey::Funding => !article.funding.is_empty(),
        TitleKey::Notes => !article.footnotes.is_empty(),
        TitleKey::References => !article.references.is_empty(),
        TitleKey::Contributors => !article.contributors.is_empty(),
        TitleKey::Supplementary => !article.supplementary.is_empty(),
    }
}

/// `loss.<format>.title` for each heading in `lost` that the YAML gives for a part the
/// article has, which `format` has no place for.
pub fn title_losses(
    article: &Article,
    issue: &IssueFile,
    format: Format,
    lost: &[TitleKey],
) -> Vec<Loss> {
    let code = format.name().to_ascii_lowercase();
    lost.iter()
        .filter(|k| has_part(article, **k))
        .filter_map(|k| given_title(article, issue, *k).map(|g| (*k, g)))
        .map(|(k, (_, file, pointer))| Loss {
            file,
            pointer,
            code: format!("loss.{code}.title"),
            message: format!(
                "the heading given for `{}`: {} has no title for that part",
                k.key(),
                format.name()
            ),
        })
        .collect()
}

#[cfg(test)]
mod file_href_tests {
    #[test]
    fn only_what_a_url_path_cannot_hold_is_encoded() {
        assert_eq!(super::file_href("images/map.png"), "images/map.png");
        assert_eq!(
            super::file_href("data/a b#1?%<2>.csv"),
            "data/a%20b%231%3F%25%3C2%3E.csv"
        );
        assert_eq!(super::file_href("图/地图 1.png"), "图/地图%201.png");
    }
}
