//! The TEI P5 emitter: a validated [`Article`] and its issue → one TEI document, valid
//! against `tei_all` 4.12.0.
//!
//! # Layout of the document
//!
//! ```text
//! TEI xml:lang
//! ├─ teiHeader
//! │  ├─ fileDesc
//! │  │  ├─ titleStmt        titles; author / editor (each @ref="#person");
//! │  │  │                   respStmt "translated by" / "revised by"; CRediT respStmts;
//! │  │  │                   funder
//! │  │  ├─ publicationStmt  publisher, pubPlace, date, idno DOI, availability/licence
//! │  │  │                   — or a <p> statement when the source names no publisher
//! │  │  └─ sourceDesc       the printed English article (biblStruct, or bibl when no
//! │  │                      imprint fact is known) with, for a translation,
//! │  │                      relatedItem type="original" → biblStruct of the original
//! │  ├─ profileDesc         langUsage, abstract, textClass/keywords,
//! │  │                      particDesc/listPerson (full entries of the people named),
//! │  │                      particDesc/listOrg (the article's own affiliations)
//! │  └─ revisionDesc        received / revised / accepted dates, when given
//! └─ text @type
//!    ├─ body                div (@n = label, head), p, quote/cit, list, figure, table
//!    └─ back                div type="acknowledgements" | "notes" (end notes) |
//!                           "footnotes" | "bibliography" (listBibl/biblStruct)
//! ```
//!
//! # Choices, and why
//!
//! - **People** live once, in `profileDesc/particDesc/listPerson`: since P5 2.x
//!   `particDesc` holds "persons named or otherwise referred to in a text, edition, or
//!   metadata", which is what the contributor entries are. `author`, `editor` and the
//!   `persName` of each `respStmt` point at their `person` with `@ref="#id"`.
//! - **A person entry** has a `persName` per script (`xml:lang` from the name, parts in
//!   written order, solid for CJK; a suffix as `genName`, degrees as `roleName
//!   type="degree"`), `birth/@when`, `occupation` for positions held at no named body,
//!   `affiliation` (positions as `roleName`, then `orgName` department / institution —
//!   with the ROR id as `@ref` — / parent, then the organisation's `address`), `idno
//!   type="ORCID"`; an affiliation with a printed form holds that text, its parts tagged
//!   where they stand or, when it does not hold them, `choice` with `orig` and `reg`
//!   (`affiliations.rs`); and notes: `contact` (the postal `address` and `email`, which
//!   `person` admits only inside another element), `bio` and `incomplete`.
//! - **Translator and reviser** are `respStmt`s (`resp` "translated by" / "revised
//!   by"), never `author`s; editors are `editor`. CRediT roles are further `respStmt`s
//!   whose `resp/@ref` is the term's CRediT URL. The corresponding author has
//!   `@role="corresponding"`. A `funder` gives the funder's name, then the grant as
//!   `idno type="grant"` and the recipients as `persName ref role="recipient"`.
//! - **Footnotes** are written once each, in `back/div[@type="footnotes"]` as
//!   `note place="foot" n xml:id`, and every reference to one is a
//!   `ptr target="#id" n` at its point in the text. A note can then be referred to
//!   more than once, from the header as well as the body, and from another note,
//!   without duplicate ids or nesting loops. Citations are a `bibl` per `[@…]` group,
//!   holding a `ptr` to each work and its locator as `citedRange`; cross-references
//!   are `ptr`s. Pointers carry no text, so the text of every paragraph is exactly the
//!   text of its YAML paragraph.
//! - **Headings**: a section's label is its `@n`. Its `head` is its title; a section
//!   with a label and no title gets the label as `head`, because the printed article
//!   shows "I", "II" as headings. Figures and tables follow the same rule.
//! - **publicationStmt** states only what the source states. Without a publisher TEI
//!   accepts only prose, so the statement becomes a `<p>` naming the journal and saying
//!   that no publisher is given; this is reported as `missing.tei.publisher`. The
//!   article's DOI, date and licence are then carried by the source description.
//! - **Bibliographic descriptions** are `biblStruct`s. A `biblStruct` needs an
//!   `imprint`, which needs a date, publisher, place or scope; when the source gives
//!   none of these (as for the first article's English printing) the description is a
//!   `bibl`, TEI's loosely structured citation, with the same tagged parts, rather than
//!   an empty `imprint`.
//! - **Structure TEI requires**: TEI lets no paragraph follow a `div` inside the same
//!   parent, so blocks that follow a nested section in the YAML go into an untitled
//!   `div` of their own.
//!
//! # Where each part is written
//!
//! This file holds the entry point, the emitter's state and its small helpers; the
//! `impl` of `Emitter` continues by element family in `header.rs` (`teiHeader` but
//! for `sourceDesc`), `source.rs` (`sourceDesc`: the printed article and its original),
//! `people.rs` (`persName`, `person`, affiliations, addresses), `body.rs` (`text`,
//! `body` and its blocks), `back.rs` (`back`, and each work cited as a description),
//! `bibl.rs` (bibliographic descriptions and their writing) and `inline.rs` (phrase
//! content).

use std::collections::HashMap;

use super::{Context, EmitError, Emitted, Loss};
use crate::model::{Article, Contributor};
use crate::resolve::Resolved;
use crate::xml::{Content, XmlWriter};

mod affiliations;
mod appendix;
mod back;
mod bibl;
mod body;
mod header;
mod inline;
mod languages;
mod math;
mod people;
mod source;
mod sub_article;
mod supplementary;

/// The TEI namespace.
const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// Emits the article as a TEI P5 document.
pub fn emit(r: &Resolved<'_>) -> Result<Emitted, EmitError> {
    let mut e = Emitter::new(r);
    e.document()?;
    // A writer fault is an emitter bug: it fails the emit rather than writing other XML.
    let xml =
        e.w.finish()
            .map_err(|fault| EmitError::Unwritable(format!("{fault}")))?;
    use crate::model::TitleKey as K;
    // TEI's abstract, keywords and funder take no heading; nor does the contributors'
    // list, which TEI does not have as a part.
    let losses = super::title_losses(
        r.article,
        r.ctx.issue,
        super::Format::Tei,
        &[K::Abstract, K::Keywords, K::Funding, K::Contributors],
    );
    Ok(Emitted {
        bytes: xml.into_bytes(),
        losses: e.losses.into_iter().chain(losses).collect(),
        missing: e.missing,
    })
}

/// The state of one emit: the writer, the inputs and what has been found missing.
struct Emitter<'a> {
    w: XmlWriter,
    r: &'a Resolved<'a>,
    art: &'a Article,
    ctx: Context<'a>,
    /// Contributor id → the `xml:id` of their `person`.
    person_ids: HashMap<&'a str, String>,
    /// Facts TEI requires that the source lacks.
    missing: Vec<Loss>,
    /// Facts of the source TEI cannot carry.
    losses: Vec<Loss>,
}

/// Whether an element is written on its own line (a block) or inside running text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Block,
    Inline,
}

impl<'a> Emitter<'a> {
    fn new(r: &'a Resolved<'a>) -> Self {
        // Person ids share the document's id space with the article's own ids; a
        // clash (not checked by validation, which sees one file at a time) gets a prefix.
        let person_ids = r
            .people
            .iter()
            .map(|p| {
                let id = p.id.as_str();
                let xml_id = if r.ids.contains(id) {
                    format!("person.{id}")
                } else {
                    id.to_string()
                };
                (id, xml_id)
            })
            .collect();
        Emitter {
            w: XmlWriter::new(),
            r,
            art: r.article,
            ctx: r.ctx,
            person_ids,
            missing: Vec::new(),
            losses: Vec::new(),
        }
    }

    /// Everyone in `listPerson`, in order: the article's contributors in byline order,
    /// then funding recipients who are not contributors.
    fn people(&self) -> &'a [&'a Contributor] {
        &self.r.people
    }

    /// `#xml-id` of a contributor's `person`.
    fn person_ref(&self, c: &Contributor) -> String {
        let id = self
            .person_ids
            .get(c.id.as_str())
            .map_or(c.id.as_str(), String::as_str);
        format!("#{id}")
    }

    /// Opens an element placed by `mode`, holding `content` when placed as a block; an
    /// element placed inline always holds mixed content (its `content` is not looked at).
    /// Closed with [`XmlWriter::end`].
    fn open(&mut self, mode: Mode, content: Content, name: &str, attrs: &[(&str, &str)]) {
        match (mode, content) {
            (Mode::Block, Content::Block) => self.w.open_block(name, attrs),
            (Mode::Block, Content::Mixed) => self.w.open_mixed(name, attrs),
            (Mode::Inline, _) => self.w.open_inline(name, attrs),
        }
    }

    /// An element holding only text, in the given mode.
    fn leaf(&mut self, mode: Mode, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(mode, Content::Mixed, name, attrs);
        self.w.text(text);
        self.w.end(name);
    }

    fn document(&mut self) -> Result<(), EmitError> {
        self.w.declaration();
        let lang = self.art.lang.as_str();
        self.w
            .open_block("TEI", &[("xmlns", TEI_NS), ("xml:lang", lang)]);
        self.header();
        self.text()?;
        self.w.end("TEI");
        self.id_losses();
        self.formula_losses();
        Ok(())
    }
}
