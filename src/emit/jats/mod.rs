//! The JATS emitter: an [`Article`] and its issue → one JATS 1.3 document in the
//! Journal Publishing tag set (NISO Z39.96-2021), valid under the NISO DTD.
//!
//! The document is written front to back in one pass over the model with the shared
//! [`XmlWriter`]; one method per JATS structure (`journal_meta`, `contrib`, `aff`,
//! `related_article`, `section`, `reference`, …), each saying in its documentation what
//! it writes and why. Inline markup comes parsed from the model
//! ([`Text::inlines`](crate::model::Text::inlines), parsed once and cached) and is
//! written by `Jats::inlines` (inline.rs): text nodes go through untouched, so quotation marks and
//! the whitespace next to markup come out exactly as written in the YAML.
//!
//! The methods are split by element family, one `impl Jats` per file: this file holds
//! the emitter's state, the index of ids and targets, losses and the document root;
//! `journal.rs` writes `journal-meta`, `front.rs` `article-meta` (titles, dates, issue,
//! permissions, provenance, abstract, keywords, funding), `contributors.rs` the
//! `contrib-group` (names, roles, affiliations, addresses, bios), `body.rs` the sections
//! and paragraph-level blocks, `back.rs` acknowledgements, footnotes, the reference list
//! and end notes, and `inline.rs` marked-up text (spans, links, footnote references,
//! citations, cross-references).
//!
//! Policies that need a word (each is explained again where it is implemented):
//!
//! - **Nothing is invented.** The Journal Publishing DTD requires a `journal-id`, an
//!   `issn` and a publication date. When the source does not state them, the emitter
//!   writes the most honest valid form (the journal's abbreviated title or title as its
//!   id, an `issn` that says "not available", `pub-date-not-available`) and reports each in
//!   [`Emitted::missing`].
//! - **Nothing is dropped silently.** A model fact with no place in JATS is reported in
//!   [`Emitted::losses`] as `loss.jats.<field>` with a pointer into its file.
//! - **No empty elements.** Every element written holds text or child elements, except
//!   `pub-date-not-available`, which JATS defines as empty and which is its "not
//!   available" form.
//! - **Generated text lives inside `xref`.** Footnote numbers and citation labels are
//!   generated; they are written inside the `xref` elements that link them, so all text
//!   outside `xref` in a paragraph is source text, character for character.
//! - **Deterministic.** No clock, no hash-map order: the same input gives the same bytes.

use std::collections::BTreeSet;

use super::{Context, EmitError, Emitted, InputFile, Loss, plain};
use crate::model::{Article, PartialDate, Section};
use crate::resolve::Resolved;
use crate::xml::XmlWriter;

use contributors::AffEntry;

mod affiliations;
mod appendix;
mod back;
mod body;
mod contributors;
mod front;
mod ids;
mod inline;
mod journal;
mod languages;
mod math;
mod sub_article;
mod supplementary;

/// The public identifier of the JATS 1.3 Journal Publishing DTD, as the NISO catalog
/// (and the tests' catalog, `tests/validators/jats/catalog.xml`) knows it.
pub const PUBLIC_ID: &str = "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN";
/// The system identifier: the DTD's file name, as its "typical invocation" comment gives it.
pub const SYSTEM_ID: &str = "JATS-journalpublishing1-3.dtd";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const ALI_NS: &str = "http://www.niso.org/schemas/ali/1.0/";

/// Emits the JATS 1.3 (Journal Publishing) document for one article.
///
/// Every article that reaches it can be written; it fails only on a misuse of the XML
/// writer (an emitter bug, reported as [`EmitError::Unwritable`] rather than written as
/// different XML). The `Result` is the shape all emitters share, [`super::Format::emit`].
pub fn emit(r: &Resolved<'_>) -> Result<Emitted, EmitError> {
    let mut jats = Jats::new(r);
    jats.document();
    // Funding and the contributors' list have no title element in JATS.
    jats.losses.extend(super::title_losses(
        r.article,
        r.ctx.issue,
        super::Format::Jats,
        &[
            crate::model::TitleKey::Funding,
            crate::model::TitleKey::Contributors,
        ],
    ));
    let xml = jats
        .w
        .finish()
        .map_err(|fault| EmitError::Unwritable(format!("{fault}")))?;
    Ok(Emitted {
        bytes: xml.into_bytes(),
        losses: jats.losses,
        missing: jats.missing,
    })
}

/// The emitter's state while it writes one document.
struct Jats<'a> {
    w: XmlWriter,
    r: &'a Resolved<'a>,
    art: &'a Article,
    ctx: Context<'a>,
    losses: Vec<Loss>,
    missing: Vec<Loss>,
    /// Every XML id in the document, so generated ids never collide with the article's.
    ids: BTreeSet<String>,
    /// Affiliations, deduplicated, in order of first appearance.
    affs: Vec<AffEntry<'a>>,
    /// Whether the element being written may hold `ext-link` (`series` may not).
    links_allowed: bool,
    /// The present addresses of contributors: the id of their author note, the text.
    present_addresses: Vec<(String, crate::model::Text)>,
}

impl<'a> Jats<'a> {
    fn new(r: &'a Resolved<'a>) -> Self {
        Jats {
            w: XmlWriter::new(),
            r,
            art: r.article,
            ctx: r.ctx,
            losses: Vec::new(),
            missing: Vec::new(),
            ids: r.ids.iter().map(|id| id.to_string()).collect(),
            affs: Vec::new(),
            links_allowed: true,
            present_addresses: Vec::new(),
        }
    }

    /// A new document id starting with `base`, unused by the article's own ids.
    fn fresh_id(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }

    /// The `title` of a part, when the YAML gives one (`titles`).
    fn given_title(&mut self, key: crate::model::TitleKey) {
        if let Some((t, _, _)) = super::given_title(self.art, self.ctx.issue, key) {
            self.w.leaf("title", &[], t);
        }
    }

    fn loss(&mut self, file: InputFile, pointer: impl Into<String>, field: &str, message: String) {
        self.losses.push(Loss {
            file,
            pointer: pointer.into(),
            code: format!("loss.jats.{field}"),
            message,
        });
    }

    fn missing(&mut self, file: InputFile, pointer: &str, what: &str, message: String) {
        self.missing.push(Loss {
            file,
            pointer: pointer.to_string(),
            code: format!("missing.jats.{what}"),
            message,
        });
    }

    /// The XML declaration, the DOCTYPE and `article` with its three parts.
    fn document(&mut self) {
        let art = self.art;
        self.w.declaration();
        self.w.raw(&format!(
            "<!DOCTYPE article PUBLIC \"{PUBLIC_ID}\" \"{SYSTEM_ID}\">\n"
        ));
        // The `mml` namespace (MathML) is declared on each `mml:math` (math.rs), so an
        // article without formulas looks as it always did. `ali` is declared
        // even when no licence is given: harmless, and the root looks the same for every
        // article.
        self.w.open_block(
            "article",
            &[
                ("xmlns:xlink", XLINK_NS),
                ("xmlns:ali", ALI_NS),
                ("dtd-version", "1.3"),
                ("article-type", art.article_type.as_str()),
                ("xml:lang", art.lang.as_str()),
            ],
        );
        self.w.open_block("front", &[]);
        self.journal_meta();
        self.article_meta();
        self.w.end("front");
        self.body();
        self.back();
        self.sub_articles();
        self.w.end("article");
    }
}

/// Whether a section has a label or a title (JATS requires one).
fn has_heading(s: &Section) -> bool {
    s.label.is_some() || s.title.is_some()
}

/// Attributes with optional values: those without one are left out.
fn opt_attrs<'s>(attrs: &[(&'s str, Option<&'s str>)]) -> Vec<(&'s str, &'s str)> {
    attrs
        .iter()
        .filter_map(|&(k, v)| v.map(|v| (k, v)))
        .collect()
}

/// Year, month and day of a partial date (validated as `YYYY[-MM[-DD]]`).
fn date_parts(d: &PartialDate) -> (&str, Option<&str>, Option<&str>) {
    let mut parts = d.as_str().splitn(3, '-');
    let year = parts.next().unwrap_or_default();
    (year, parts.next(), parts.next())
}
