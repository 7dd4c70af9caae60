//! The JATS emitter: an [`Article`] and its issue → one JATS 1.3 document in the
//! Journal Publishing tag set (NISO Z39.96-2021), valid under the NISO DTD.
//!
//! The document is written front to back in one pass over the model with the shared
//! [`XmlWriter`]; one method per JATS structure (`journal_meta`, `contrib`, `aff`,
//! `related_article`, `section`, `reference`, …), each saying in its documentation what
//! it writes and why. Inline markup is parsed with [`crate::inline`] and written by
//! [`Jats::inlines`]: text nodes go through untouched, so quotation marks and the
//! whitespace next to markup come out exactly as written in the YAML.
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

use std::collections::{BTreeMap, BTreeSet};

use super::{Context, EmitError, Emitted, InputFile, Loss, plain};
use crate::inline::{self, Citation, Inline};
use crate::model::{
    Address, Affiliation, Article, ArticleContributor, Block, Contributor, Figure, IssnEntry,
    Journal, List, NameOrder, PartialDate, PersonName, PublicationFormat, Quote, Reference,
    ReferenceName, ReferenceType, Role, Section, Table, Text, Translation,
};
use crate::xml::XmlWriter;

/// The public identifier of the JATS 1.3 Journal Publishing DTD, as the NISO catalog
/// (and the tests' catalog, `tests/validators/jats/catalog.xml`) knows it.
pub const PUBLIC_ID: &str = "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN";
/// The system identifier: the DTD's file name, as its "typical invocation" comment gives it.
pub const SYSTEM_ID: &str = "JATS-journalpublishing1-3.dtd";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const ALI_NS: &str = "http://www.niso.org/schemas/ali/1.0/";
/// The CRediT vocabulary identifier JATS4R requires on `role vocab="credit"`.
const CREDIT_VOCAB: &str = "https://credit.niso.org/";

/// Emits the JATS 1.3 (Journal Publishing) document for one article.
///
/// Fails only if a marked-up text does not parse, which validation rules out.
pub fn emit(article: &Article, ctx: &Context<'_>) -> Result<Emitted, EmitError> {
    let mut jats = Jats::new(article, *ctx);
    jats.document();
    if let Some(err) = jats.error {
        return Err(EmitError::Unwritable(err));
    }
    Ok(Emitted {
        bytes: jats.w.finish().into_bytes(),
        losses: jats.losses,
        missing: jats.missing,
    })
}

/// What an in-text cross-reference (`[#id]`) points at.
#[derive(Debug, Clone)]
struct Target {
    /// The `xref/@ref-type`.
    ref_type: &'static str,
    /// The text of the link.
    text: String,
}

/// An affiliation as written once in the contrib group, shared by everyone who has it.
#[derive(Debug)]
struct AffEntry<'a> {
    aff: &'a Affiliation,
    id: String,
    label: String,
}

/// One block of a section level, with its JSON pointer (for losses).
struct Item<'a> {
    pointer: String,
    block: &'a Block,
}

/// The emitter's state while it writes one document.
struct Jats<'a> {
    w: XmlWriter,
    art: &'a Article,
    ctx: Context<'a>,
    losses: Vec<Loss>,
    missing: Vec<Loss>,
    /// The first markup error met (validation makes this unreachable).
    error: Option<String>,
    /// Every XML id in the document, so generated ids never collide with the article's.
    ids: BTreeSet<String>,
    /// Cross-reference targets by id.
    targets: BTreeMap<&'a str, Target>,
    /// Footnote numbers by id (their order in `footnotes`, from 1).
    footnotes: BTreeMap<&'a str, usize>,
    /// References by id.
    references: BTreeMap<&'a str, &'a Reference>,
    /// Affiliations, deduplicated, in order of first appearance.
    affs: Vec<AffEntry<'a>>,
    /// Whether the element being written may hold `ext-link` (`series` may not).
    links_allowed: bool,
}

impl<'a> Jats<'a> {
    fn new(art: &'a Article, ctx: Context<'a>) -> Self {
        let mut jats = Jats {
            w: XmlWriter::new(),
            art,
            ctx,
            losses: Vec::new(),
            missing: Vec::new(),
            error: None,
            ids: BTreeSet::new(),
            targets: BTreeMap::new(),
            footnotes: BTreeMap::new(),
            references: BTreeMap::new(),
            affs: Vec::new(),
            links_allowed: true,
        };
        jats.index();
        jats
    }

    /// Collects the ids the article defines and what in-text references point at.
    fn index(&mut self) {
        let art = self.art;
        for (i, f) in art.footnotes.iter().enumerate() {
            self.footnotes.insert(f.id.as_str(), i + 1);
            self.ids.insert(f.id.to_string());
        }
        for r in &art.references {
            self.references.insert(r.id.as_str(), r);
            self.ids.insert(r.id.to_string());
        }
        self.index_blocks(&art.body);
    }

    fn index_blocks(&mut self, blocks: &'a [Block]) {
        for b in blocks {
            match b {
                Block::Section(s) => {
                    // A section with neither label nor title is written without its `sec`
                    // (see `flatten`), so it is no target.
                    if let (Some(id), true) = (&s.id, has_heading(s)) {
                        let text = match (&s.label, &s.title) {
                            (Some(l), _) => format!("Section {l}"),
                            (None, Some(t)) => plain(t),
                            (None, None) => String::new(),
                        };
                        self.targets.insert(
                            id.as_str(),
                            Target {
                                ref_type: "sec",
                                text,
                            },
                        );
                        self.ids.insert(id.to_string());
                    }
                    self.index_blocks(&s.content);
                }
                Block::Figure(f) => {
                    let text = f.label.clone().unwrap_or_else(|| "figure".into());
                    self.targets.insert(
                        f.id.as_str(),
                        Target {
                            ref_type: "fig",
                            text,
                        },
                    );
                    self.ids.insert(f.id.to_string());
                }
                Block::Table(t) => {
                    let text = t.label.clone().unwrap_or_else(|| "table".into());
                    self.targets.insert(
                        t.id.as_str(),
                        Target {
                            ref_type: "table",
                            text,
                        },
                    );
                    self.ids.insert(t.id.to_string());
                }
                Block::P(_) | Block::Quote(_) | Block::List(_) => {}
            }
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

    // ----------------------------------------------------------------------------------
    // Document
    // ----------------------------------------------------------------------------------

    /// The XML declaration, the DOCTYPE and `article` with its three parts.
    fn document(&mut self) {
        let art = self.art;
        self.w.declaration();
        self.w.raw(&format!(
            "<!DOCTYPE article PUBLIC \"{PUBLIC_ID}\" \"{SYSTEM_ID}\">\n"
        ));
        // No MathML is ever written, so no `mml` namespace is declared. `ali` is declared
        // even when no licence is given: harmless, and the root looks the same for every
        // article.
        self.w.open(
            "article",
            &[
                ("xmlns:xlink", XLINK_NS),
                ("xmlns:ali", ALI_NS),
                ("dtd-version", "1.3"),
                ("article-type", art.article_type.as_str()),
                ("xml:lang", art.lang.as_str()),
            ],
        );
        self.w.open("front", &[]);
        self.journal_meta();
        self.article_meta();
        self.w.close();
        self.body();
        self.back();
        self.w.close();
    }

    // ----------------------------------------------------------------------------------
    // journal-meta
    // ----------------------------------------------------------------------------------

    /// `journal-meta`, with only what `issue.yaml` states about the journal.
    fn journal_meta(&mut self) {
        let j = &self.ctx.issue.journal;
        self.w.open("journal-meta", &[]);
        self.journal_id(j);
        self.w.open("journal-title-group", &[]);
        let lang = j.lang.as_ref().map(|l| l.as_str());
        self.w
            .leaf("journal-title", &opt_attrs(&[("xml:lang", lang)]), &j.title);
        if let Some(abbrev) = &j.abbrev_title {
            self.w.leaf(
                "abbrev-journal-title",
                &[("abbrev-type", "publisher")],
                abbrev,
            );
        }
        self.w.close();
        self.issns(&j.issn);
        if let Some(p) = &j.publisher {
            self.w.open("publisher", &[]);
            self.w.leaf("publisher-name", &[], &p.name);
            if let Some(loc) = &p.location {
                self.w.leaf("publisher-loc", &[], loc);
            }
            self.w.close();
        }
        if let Some(url) = &j.url {
            // The link text names what the link leads to (JATS4R accessibility: a link
            // whose text is its own URL says nothing).
            self.w
                .leaf("self-uri", &[("xlink:href", url.as_str())], &j.title);
        }
        self.w.close();
    }

    /// `journal-id`, which Journal Publishing requires (`journal-id+`).
    ///
    /// The publisher's id when `issue.yaml` gives one. Otherwise no identifier is
    /// stated, and none is invented: the journal is identified by its abbreviated title
    /// (or its title), with a `journal-id-type` that says exactly that
    /// (`abbrev-journal-title`, `journal-title`) rather than claiming a registry
    /// (`nlm-ta`, `iso-abbrev`) it does not come from; the substitution is reported as
    /// `missing.jats.journal-id`.
    fn journal_id(&mut self, j: &Journal) {
        if let Some(id) = &j.publisher_id {
            self.w
                .leaf("journal-id", &[("journal-id-type", "publisher-id")], id);
            return;
        }
        let (kind, value) = match &j.abbrev_title {
            Some(a) => ("abbrev-journal-title", a.as_str()),
            None => ("journal-title", j.title.as_str()),
        };
        self.w
            .leaf("journal-id", &[("journal-id-type", kind)], value);
        self.missing(
            InputFile::Issue,
            "/journal",
            "journal-id",
            format!(
                "the journal states no identifier (`publisher_id`), which JATS Journal Publishing requires; wrote its {} as `journal-id journal-id-type=\"{kind}\"`",
                if kind == "journal-title" { "title" } else { "abbreviated title" }
            ),
        );
    }

    /// `issn`, which Journal Publishing requires (`issn+`).
    ///
    /// When `issue.yaml` states none: JATS has no "not available" form for an ISSN (it
    /// has one for the publication date only, `pub-date-not-available`), and JATS4R and
    /// the PMC tagging guidelines give none either; the placeholder some exporters use,
    /// `0000-0000`, is an invented ISSN that Crossref even associates with a journal. So
    /// the required element says in words that the ISSN is not available, and marks that
    /// for software with `content-type="not-available"` (modelled on
    /// `pub-date-not-available`); no `publication-format` is claimed. It is valid under
    /// the DTD, not an empty element, cannot be mistaken for a real ISSN (it does not
    /// match the ISSN pattern), and is reported as `missing.jats.issn`.
    fn issns(&mut self, issns: &[IssnEntry]) {
        for e in issns {
            let format = match e.format {
                PublicationFormat::Print => "print",
                PublicationFormat::Electronic => "electronic",
            };
            self.w
                .leaf("issn", &[("publication-format", format)], e.value.as_str());
        }
        if issns.is_empty() {
            self.w.leaf(
                "issn",
                &[("content-type", "not-available")],
                "not available",
            );
            self.missing(
                InputFile::Issue,
                "/journal",
                "issn",
                "the journal states no ISSN, which JATS Journal Publishing requires; wrote `<issn content-type=\"not-available\">not available</issn>`".into(),
            );
        }
    }

    // ----------------------------------------------------------------------------------
    // article-meta
    // ----------------------------------------------------------------------------------

    /// `article-meta`, its children in the order the Journal Publishing DTD demands.
    fn article_meta(&mut self) {
        let art = self.art;
        self.w.open("article-meta", &[]);
        if let Some(doi) = &art.doi {
            self.w
                .leaf("article-id", &[("pub-id-type", "doi")], doi.as_str());
        }
        if let Some(h) = &art.heading {
            self.w.open("article-categories", &[]);
            self.w.open("subj-group", &[("subj-group-type", "heading")]);
            self.w.leaf("subject", &[], h);
            self.w.close();
            self.w.close();
        }
        self.title_group();
        self.contrib_group();
        self.pub_dates();
        self.issue_meta();
        self.pages();
        self.history();
        self.permissions();
        if let Some(t) = &art.translation {
            self.related_article(t);
        }
        if !art.abstract_.is_empty() {
            self.w.open("abstract", &[]);
            for p in &art.abstract_ {
                self.para(p);
            }
            self.w.close();
        }
        if !art.keywords.is_empty() {
            self.w.open("kwd-group", &[]);
            for k in &art.keywords {
                self.w.leaf("kwd", &[], k);
            }
            self.w.close();
        }
        self.funding();
        self.w.close();
    }

    /// `title-group`: `article-title`, `subtitle` and the short title as
    /// `alt-title alt-title-type="running-head"`.
    fn title_group(&mut self) {
        let art = self.art;
        self.w.open("title-group", &[]);
        self.text_element("article-title", &[], &art.title);
        if let Some(s) = &art.subtitle {
            self.text_element("subtitle", &[], s);
        }
        if let Some(s) = &art.short_title {
            self.w
                .leaf("alt-title", &[("alt-title-type", "running-head")], s);
        }
        self.w.close();
    }

    /// One `contrib-group` with every contributor of the article in byline order, then
    /// the affiliations they point to.
    ///
    /// The role goes in `contrib-type` (`author`, `translator`, `reviser`, `editor`):
    /// the attribute JATS4R asks every `contrib` to carry, so a translator or reviser
    /// is never mistaken for an author. JATS 1.3 suggests no value for the reviser of a
    /// translation and the attribute is free text, so `reviser` says exactly what the
    /// source says ("Revised by"); it stays distinct from `translator` and `editor`.
    /// For people who are not authors a `role` element repeats the role in words, for
    /// displays that do not read attributes. CRediT roles follow as `role` elements
    /// with the vocabulary attributes of the JATS4R CRediT recommendation.
    fn contrib_group(&mut self) {
        let art = self.art;
        let people: Vec<(&'a ArticleContributor, &'a Contributor)> = art
            .contributors
            .iter()
            .filter_map(|ac| self.ctx.contributor(&ac.contributor).map(|c| (ac, c)))
            .collect();
        if people.is_empty() {
            return;
        }
        // Affiliations first, so that contribs can point at them.
        for (_, c) in &people {
            for a in &c.affiliations {
                self.aff_entry(a);
            }
        }
        self.w.open("contrib-group", &[]);
        for (ac, c) in people {
            self.contrib(ac, c);
        }
        for k in 0..self.affs.len() {
            self.aff(k);
        }
        self.w.close();
    }

    /// The shared entry for an affiliation (equal organisation and address = one `aff`).
    fn aff_entry(&mut self, a: &'a Affiliation) -> usize {
        let same = |b: &Affiliation| {
            a.department == b.department
                && a.institution == b.institution
                && a.parent == b.parent
                && a.address == b.address
                && a.ror == b.ror
        };
        if let Some(k) = self.affs.iter().position(|e| same(e.aff)) {
            return k;
        }
        let label = (self.affs.len() + 1).to_string();
        let id = self.fresh_id(&format!("aff{label}"));
        self.affs.push(AffEntry { aff: a, id, label });
        self.affs.len() - 1
    }

    /// One `contrib`: ids, names, degrees, roles, affiliations, address, e-mail, bio.
    fn contrib(&mut self, ac: &ArticleContributor, c: &'a Contributor) {
        let mut attrs = vec![("contrib-type", ac.role.as_str())];
        if ac.corresponding {
            attrs.push(("corresp", "yes"));
        }
        self.w.open("contrib", &attrs);
        if let Some(orcid) = &c.orcid {
            self.w.leaf(
                "contrib-id",
                &[("contrib-id-type", "orcid")],
                orcid.as_str(),
            );
        }
        self.names(c);
        for d in &c.degrees {
            self.w.leaf("degrees", &[], d);
        }
        let role_word = match ac.role {
            Role::Author => None,
            Role::Translator => Some("Translator"),
            Role::Reviser => Some("Reviser"),
            Role::Editor => Some("Editor"),
        };
        if let Some(word) = role_word {
            self.w
                .leaf("role", &[("content-type", ac.role.as_str())], word);
        }
        for r in &ac.credit {
            let url = r.url();
            self.w.leaf(
                "role",
                &[
                    ("vocab", "credit"),
                    ("vocab-identifier", CREDIT_VOCAB),
                    ("vocab-term", r.term()),
                    ("vocab-term-identifier", &url),
                ],
                r.term(),
            );
        }
        // JATS4R: with several people and several affiliations, link them by xref with
        // the `aff` label as its text (an empty xref would be an empty element).
        for a in &c.affiliations {
            let k = self.aff_entry(a);
            let (id, label) = (self.affs[k].id.clone(), self.affs[k].label.clone());
            self.w.open("xref", &[("ref-type", "aff"), ("rid", &id)]);
            self.w.text(&label);
            self.w.close();
        }
        if let Some(addr) = c.address.as_ref().filter(|a| !a.is_empty()) {
            self.w.open("address", &[]);
            self.address_parts(addr);
            self.w.close();
        }
        if let Some(e) = &c.email {
            self.w.leaf("email", &[], e.as_str());
        }
        self.bio(c);
        self.w.close();
    }

    /// The person's name: one `name`, or `name-alternatives` with the Latin-script name
    /// and the name in its original script (with `xml:lang`).
    fn names(&mut self, c: &Contributor) {
        match &c.original_name {
            Some(orig) => {
                self.w.open("name-alternatives", &[]);
                self.name(&c.name);
                self.name(orig);
                self.w.close();
            }
            None => self.name(&c.name),
        }
    }

    /// One `name`: `surname`, `given-names`, `suffix`, with `name-style` `eastern` for
    /// family-first names ("Niu Jun", 牛军), `western` for given-first ones, and
    /// `given-only` when there is no family name.
    fn name(&mut self, n: &PersonName) {
        let style = match (&n.family, n.order) {
            (None, _) => "given-only",
            (Some(_), NameOrder::FamilyFirst) => "eastern",
            (Some(_), NameOrder::GivenFirst) => "western",
        };
        let lang = n.lang.as_ref().map(|l| l.as_str());
        self.w.open(
            "name",
            &opt_attrs(&[("name-style", Some(style)), ("xml:lang", lang)]),
        );
        if let Some(f) = &n.family {
            self.w.leaf("surname", &[], f);
        }
        if let Some(g) = &n.given {
            self.w.leaf("given-names", &[], g);
        }
        if let Some(s) = &n.suffix {
            self.w.leaf("suffix", &[], s);
        }
        self.w.close();
    }

    /// `bio`: birth year ("b. 1954", as the contributor list prints it), positions
    /// (with the affiliation they are held at), the free biography, and the note on
    /// an entry the source gives only in part. Each kind of paragraph is named by its
    /// `content-type`.
    fn bio(&mut self, c: &'a Contributor) {
        let has_positions =
            !c.positions.is_empty() || c.affiliations.iter().any(|a| !a.positions.is_empty());
        if c.birth_year.is_none() && !has_positions && c.bio.is_none() && c.incomplete.is_none() {
            return;
        }
        self.w.open("bio", &[]);
        if let Some(y) = c.birth_year {
            self.w
                .leaf("p", &[("content-type", "birth-year")], &format!("b. {y}"));
        }
        for p in &c.positions {
            self.w.open("p", &[("content-type", "position")]);
            self.inline_text(p);
            self.w.close();
        }
        for a in &c.affiliations {
            if a.positions.is_empty() {
                continue;
            }
            let k = self.aff_entry(a);
            let id = self.affs[k].id.clone();
            self.w.open("p", &[("content-type", "position")]);
            for (i, p) in a.positions.iter().enumerate() {
                if i > 0 {
                    self.w.text(", ");
                }
                self.inline_text(p);
            }
            let org = org_name(a).unwrap_or_else(|| self.affs[k].label.clone());
            self.w.text(", ");
            self.w
                .open_inline("xref", &[("ref-type", "aff"), ("rid", &id)]);
            self.w.text(&org);
            self.w.close();
            self.w.close();
        }
        if let Some(b) = &c.bio {
            self.para(b);
        }
        if let Some(inc) = &c.incomplete {
            self.w
                .leaf("p", &[("content-type", "incomplete")], &inc.note);
        }
        self.w.close();
    }

    /// One `aff`: its label, the organisation in `institution-wrap` (ROR id, department
    /// as `institution content-type="dept"`, the institution, the parent body as
    /// `institution content-type="parent"`), then its address parts.
    fn aff(&mut self, k: usize) {
        let (a, id, label) = {
            let e = &self.affs[k];
            (e.aff, e.id.clone(), e.label.clone())
        };
        self.w.open("aff", &[("id", &id)]);
        self.w.leaf("label", &[], &label);
        let has_org = a.department.is_some()
            || a.institution.is_some()
            || a.parent.is_some()
            || a.ror.is_some();
        if has_org {
            self.w.open("institution-wrap", &[]);
            if let Some(ror) = &a.ror {
                self.w
                    .leaf("institution-id", &[("institution-id-type", "ror")], ror);
            }
            if let Some(d) = &a.department {
                self.w.leaf("institution", &[("content-type", "dept")], d);
            }
            if let Some(i) = &a.institution {
                self.w.leaf("institution", &[], i);
            }
            if let Some(p) = &a.parent {
                self.w.leaf("institution", &[("content-type", "parent")], p);
            }
            self.w.close();
        }
        if let Some(addr) = &a.address {
            self.address_parts(addr);
        }
        self.w.close();
    }

    /// Address parts, in `aff` or `address`: `addr-line` (street, district), `city`,
    /// `state`, `postal-code`, `country` (with `@country` from the ISO code).
    fn address_parts(&mut self, a: &Address) {
        if let Some(s) = &a.street {
            self.w.leaf("addr-line", &[("content-type", "street")], s);
        }
        if let Some(d) = &a.district {
            self.w.leaf("addr-line", &[("content-type", "district")], d);
        }
        if let Some(c) = &a.city {
            self.w.leaf("city", &[], c);
        }
        if let Some(r) = &a.region {
            self.w.leaf("state", &[], r);
        }
        if let Some(p) = &a.postal_code {
            self.w.leaf("postal-code", &[], p);
        }
        match (&a.country, &a.country_code) {
            (Some(c), code) => {
                let code = code.as_deref();
                self.w.leaf("country", &opt_attrs(&[("country", code)]), c);
            }
            // Only the code is given: it is also the most honest text for the element.
            (None, Some(code)) => self.w.leaf("country", &[("country", code)], code),
            (None, None) => {}
        }
    }

    /// Publication dates: the article's (`date-type="pub"`) and the issue's
    /// (`date-type="collection"`, the JATS4R term for an issue date). When neither is
    /// stated, JATS's own "not available" form, `pub-date-not-available`, is written and
    /// reported as `missing.jats.pub-date`. No `publication-format` is claimed: the
    /// source does not say whether a date is that of print or online publication.
    fn pub_dates(&mut self) {
        let published = self.art.dates.published.as_ref();
        let issue_date = self.ctx.issue.issue.date.as_ref();
        if let Some(d) = published {
            self.date("pub-date", "pub", d);
        }
        if let Some(d) = issue_date {
            self.date("pub-date", "collection", d);
        }
        if published.is_none() && issue_date.is_none() {
            self.w.empty("pub-date-not-available", &[]);
            self.missing(
                InputFile::Article,
                "/dates/published",
                "pub-date",
                "neither the article (`dates.published`) nor the issue (`issue.date` in issue.yaml) states a publication date, which JATS Journal Publishing requires; wrote `<pub-date-not-available/>`".into(),
            );
        }
    }

    /// A date element with `day`, `month`, `year` as precise as the source, and the
    /// same date in `iso-8601-date`.
    fn date(&mut self, element: &str, date_type: &str, d: &PartialDate) {
        self.w.open(
            element,
            &[("date-type", date_type), ("iso-8601-date", d.as_str())],
        );
        let (year, month, day) = date_parts(d);
        if let Some(day) = day {
            self.w.leaf("day", &[], day);
        }
        if let Some(m) = month {
            self.w.leaf("month", &[], m);
        }
        self.w.leaf("year", &[], year);
        self.w.close();
    }

    /// `volume`, `issue`, `issue-id` (the issue's DOI) and `issue-title`.
    fn issue_meta(&mut self) {
        let issue = &self.ctx.issue.issue;
        if let Some(v) = &issue.volume {
            self.w.leaf("volume", &[], v);
        }
        if let Some(n) = &issue.number {
            self.w.leaf("issue", &[], n);
        }
        if let Some(doi) = &issue.doi {
            self.w
                .leaf("issue-id", &[("pub-id-type", "doi")], doi.as_str());
        }
        if let Some(t) = &issue.title {
            self.w.leaf("issue-title", &[], t);
        }
    }

    /// `fpage`/`lpage`, or `elocation-id`. Journal Publishing allows one or the other,
    /// not both: when both are given, the pages are written and the e-location is
    /// reported as a loss.
    fn pages(&mut self) {
        let art = self.art;
        match (&art.pages, &art.elocation) {
            (Some(p), e) => {
                self.w.leaf("fpage", &[], &p.first);
                if let Some(l) = &p.last {
                    self.w.leaf("lpage", &[], l);
                }
                if let Some(e) = e {
                    self.loss(
                        InputFile::Article,
                        "/elocation",
                        "elocation",
                        format!("JATS Journal Publishing takes page numbers or an e-location, not both: the pages are written and the e-location `{e}` is not"),
                    );
                }
            }
            (None, Some(e)) => self.w.leaf("elocation-id", &[], e),
            (None, None) => {}
        }
    }

    /// `history`: received, revised (`rev-recd`) and accepted dates.
    fn history(&mut self) {
        let d = &self.art.dates;
        let dates = [
            ("received", d.received.as_ref()),
            ("rev-recd", d.revised.as_ref()),
            ("accepted", d.accepted.as_ref()),
        ];
        if dates.iter().all(|(_, d)| d.is_none()) {
            return;
        }
        self.w.open("history", &[]);
        for (kind, date) in dates {
            if let Some(date) = date {
                self.date("date", kind, date);
            }
        }
        self.w.close();
    }

    /// `permissions`: `copyright-statement` and `license` with `ali:license_ref` (and
    /// the same URL in `xlink:href`, as JATS4R allows when both match) and
    /// `license-p`.
    ///
    /// The model holds the copyright as one statement; `copyright-year` and
    /// `copyright-holder`, which JATS4R also asks for, are not split out of it by
    /// guesswork.
    fn permissions(&mut self) {
        let Some(l) = &self.art.license else { return };
        if l.url.is_none() && l.text.is_none() && l.copyright.is_none() {
            return;
        }
        self.w.open("permissions", &[]);
        if let Some(c) = &l.copyright {
            self.w.leaf("copyright-statement", &[], c);
        }
        if l.url.is_some() || l.text.is_some() {
            let url = l.url.as_ref().map(|u| u.as_str());
            self.w.open("license", &opt_attrs(&[("xlink:href", url)]));
            if let Some(u) = url {
                self.w.leaf("ali:license_ref", &[], u);
            }
            if let Some(t) = &l.text {
                self.text_element("license-p", &[], t);
            }
            self.w.close();
        }
        self.w.close();
    }

    /// The translation provenance, as
    /// `related-article related-article-type="translated-from"` with the original's
    /// language in `xml:lang`, its title, source (in both scripts), year, volume, issue,
    /// pages and DOI as child elements.
    ///
    /// Why this element: the original is a separately published journal article, and
    /// `related-article` is JATS's element for exactly that ("a journal article related
    /// to the content but published separately"); in `article-meta` it is metadata, and
    /// its content model takes the citation elements (`source`, `year`, `issue`, …), so
    /// the provenance is structured rather than a sentence. `related-object` is for
    /// non-article objects, and `sub-article article-type="translation"` for a
    /// translation carried inside the same document, so neither fits. JATS 1.3 suggests
    /// no `related-article-type` value for translations (the attribute is free text);
    /// `translated-from` states the direction (this article is the translation; the
    /// related one the original) and is what the project's other outputs call it.
    /// SciELO's `translated-article` was considered but reads both ways.
    /// Translator and reviser are `contrib`s (see [`Jats::contrib_group`]).
    fn related_article(&mut self, t: &Translation) {
        let s = &t.source;
        let id = self.fresh_id("translated-from");
        let mut attrs = vec![
            ("related-article-type", "translated-from"),
            ("id", id.as_str()),
            ("xml:lang", t.original_lang.as_str()),
        ];
        if let Some(doi) = &s.doi {
            attrs.push(("ext-link-type", "doi"));
            attrs.push(("xlink:href", doi.as_str()));
        }
        self.w.open("related-article", &attrs);
        if let Some(title) = &t.original_title {
            self.text_element("article-title", &[], title);
        }
        self.w.leaf("source", &[], &s.title);
        if let Some(orig) = &s.title_original {
            // The source's title in its original script: a second `source`, marked as
            // such, since `trans-source` is for a title in another language.
            self.w.leaf(
                "source",
                &[
                    ("content-type", "original-script"),
                    ("xml:lang", t.original_lang.as_str()),
                ],
                orig,
            );
        }
        if let Some(y) = s.year {
            self.w.leaf("year", &[], &y.to_string());
        }
        if let Some(v) = &s.volume {
            self.w.leaf("volume", &[], v);
        }
        if let Some(i) = &s.issue {
            self.w.leaf("issue", &[], i);
        }
        if let Some(p) = &s.pages {
            self.page_range(p);
        }
        if let Some(doi) = &s.doi {
            self.w
                .leaf("pub-id", &[("pub-id-type", "doi")], doi.as_str());
        }
        self.w.close();
    }

    /// `funding-group` with one `award-group` per funder: `funding-source`, `award-id`
    /// and each funded contributor as a `principal-award-recipient` (ORCID and name).
    fn funding(&mut self) {
        let art = self.art;
        if art.funding.is_empty() {
            return;
        }
        self.w.open("funding-group", &[]);
        for f in &art.funding {
            self.w.open("award-group", &[]);
            self.w.leaf("funding-source", &[], &f.funder);
            if let Some(id) = &f.award_id {
                self.w.leaf("award-id", &[], id);
            }
            for r in &f.recipients {
                if let Some(c) = self.ctx.contributor(r) {
                    self.w.open("principal-award-recipient", &[]);
                    if let Some(orcid) = &c.orcid {
                        self.w.leaf(
                            "contrib-id",
                            &[("contrib-id-type", "orcid")],
                            orcid.as_str(),
                        );
                    }
                    self.names(c);
                    self.w.close();
                }
            }
            self.w.close();
        }
        self.w.close();
    }

    // ----------------------------------------------------------------------------------
    // body
    // ----------------------------------------------------------------------------------

    /// `body`, unless the article has no body blocks.
    fn body(&mut self) {
        let art = self.art;
        let items = self.flatten(&art.body, "/body");
        if items.is_empty() {
            return;
        }
        self.w.open("body", &[]);
        self.level(items);
        self.w.close();
    }

    /// The blocks of one level, with sections that have neither label nor title
    /// replaced by their content: Journal Publishing requires a `sec` to have a `label`
    /// or a `title`, and neither may be invented. The lost grouping is reported.
    fn flatten(&mut self, blocks: &'a [Block], base: &str) -> Vec<Item<'a>> {
        let mut items = Vec::with_capacity(blocks.len());
        for (i, block) in blocks.iter().enumerate() {
            let pointer = format!("{base}/{i}");
            match block {
                Block::Section(s) if !has_heading(s) => {
                    let msg = if s.id.is_some() {
                        "a JATS section needs a label or a title and this one has neither: its blocks are written without the section, and cross-references to it are left out"
                    } else {
                        "a JATS section needs a label or a title and this one has neither: its blocks are written without the section"
                    };
                    self.loss(InputFile::Article, pointer.clone(), "section", msg.into());
                    let inner = self.flatten(&s.content, &format!("{pointer}/section/content"));
                    items.extend(inner);
                }
                _ => items.push(Item { pointer, block }),
            }
        }
        items
    }

    /// Writes one level of blocks. JATS puts all paragraph-level blocks of a level
    /// before its sections (`(para-level)*, (sec-level)*`), so a block that follows a
    /// section at the same level is written at the end of that section, and reported.
    fn level(&mut self, items: Vec<Item<'a>>) {
        let is_section = |i: &Item<'a>| matches!(i.block, Block::Section(_));
        let mut iter = items.into_iter().peekable();
        while let Some(item) = iter.next_if(|i| !is_section(i)) {
            self.block(&item);
        }
        while let Some(item) = iter.next() {
            let mut extras = Vec::new();
            while let Some(next) = iter.next_if(|i| !is_section(i)) {
                self.loss(
                    InputFile::Article,
                    next.pointer.clone(),
                    "block-order",
                    "JATS allows no paragraph-level block after a section at the same level: this block is written at the end of the preceding section".into(),
                );
                extras.push(next);
            }
            match item.block {
                Block::Section(s) => self.section(s, &item.pointer, extras),
                // Unreachable: the first loop stops at a section, this one only takes
                // sections. Written out rather than asserted, so nothing can panic.
                _ => {
                    self.block(&item);
                    for e in &extras {
                        self.block(e);
                    }
                }
            }
        }
    }

    /// `sec` with `id`, `label` and `title`, then its content.
    fn section(&mut self, s: &'a Section, pointer: &str, extras: Vec<Item<'a>>) {
        let id = s.id.as_ref().map(|i| i.as_str());
        self.w.open("sec", &opt_attrs(&[("id", id)]));
        if let Some(l) = &s.label {
            self.w.leaf("label", &[], l);
        }
        if let Some(t) = &s.title {
            self.text_element("title", &[], t);
        }
        let mut items = self.flatten(&s.content, &format!("{pointer}/section/content"));
        items.extend(extras);
        self.level(items);
        self.w.close();
    }

    /// One paragraph-level block.
    fn block(&mut self, item: &Item<'a>) {
        match item.block {
            Block::P(t) => self.para(t),
            Block::Quote(q) => self.quote(q),
            Block::List(l) => self.list(l),
            Block::Figure(f) => self.figure(f),
            Block::Table(t) => self.table(t),
            Block::Section(s) => self.section(s, &item.pointer, Vec::new()),
        }
    }

    /// `p` with inline markup.
    fn para(&mut self, t: &Text) {
        self.text_element("p", &[], t);
    }

    /// `disp-quote`: its paragraphs, then the attribution as `attrib`.
    fn quote(&mut self, q: &Quote) {
        self.w.open("disp-quote", &[]);
        for p in &q.paragraphs {
            self.para(p);
        }
        if let Some(a) = &q.attribution {
            self.text_element("attrib", &[], a);
        }
        self.w.close();
    }

    /// `list list-type="order|bullet"` of `list-item/p`.
    fn list(&mut self, l: &List) {
        let kind = if l.ordered { "order" } else { "bullet" };
        self.w.open("list", &[("list-type", kind)]);
        for item in &l.items {
            self.w.open("list-item", &[]);
            self.para(item);
            self.w.close();
        }
        self.w.close();
    }

    /// The `label` and `caption/p` that figures and tables open with.
    fn label_and_caption(&mut self, label: Option<&str>, caption: Option<&Text>) {
        if let Some(l) = label {
            self.w.leaf("label", &[], l);
        }
        if let Some(c) = caption {
            self.w.open("caption", &[]);
            self.para(c);
            self.w.close();
        }
    }

    /// `fig`: `label`, `caption/p`, `graphic` with `alt-text`, and the credit as
    /// `attrib`. A figure without alternative text is decorative (the model says so);
    /// JATS4R's form for that is `<alt-text>null</alt-text>`, since every `graphic` must
    /// have `alt-text`.
    fn figure(&mut self, f: &Figure) {
        self.w.open("fig", &[("id", f.id.as_str())]);
        self.label_and_caption(f.label.as_deref(), f.caption.as_ref());
        self.w.open("graphic", &[("xlink:href", &f.image)]);
        self.w
            .leaf("alt-text", &[], f.alt.as_deref().unwrap_or("null"));
        self.w.close();
        if let Some(c) = &f.credit {
            self.text_element("attrib", &[], c);
        }
        self.w.close();
    }

    /// `table-wrap`: `label`, `caption/p`, an XHTML `table` (`thead` of `th`, `tbody`
    /// of `td`), and the note under it as `table-wrap-foot/p`.
    fn table(&mut self, t: &Table) {
        self.w.open("table-wrap", &[("id", t.id.as_str())]);
        self.label_and_caption(t.label.as_deref(), t.caption.as_ref());
        self.w.open("table", &[]);
        for (section, cell, rows) in [("thead", "th", &t.head), ("tbody", "td", &t.rows)] {
            if rows.is_empty() {
                continue;
            }
            self.w.open(section, &[]);
            for row in rows {
                self.w.open("tr", &[]);
                for c in row {
                    self.text_element(cell, &[], c);
                }
                self.w.close();
            }
            self.w.close();
        }
        self.w.close();
        if let Some(foot) = &t.foot {
            self.w.open("table-wrap-foot", &[]);
            self.para(foot);
            self.w.close();
        }
        self.w.close();
    }

    // ----------------------------------------------------------------------------------
    // back
    // ----------------------------------------------------------------------------------

    /// `back`: `ack`, `fn-group`, `ref-list`, and the end notes as `notes`.
    fn back(&mut self) {
        let art = self.art;
        if art.acknowledgements.is_empty()
            && art.footnotes.is_empty()
            && art.references.is_empty()
            && art.end_notes.is_empty()
        {
            return;
        }
        self.w.open("back", &[]);
        if !art.acknowledgements.is_empty() {
            self.w.open("ack", &[]);
            for p in &art.acknowledgements {
                self.para(p);
            }
            self.w.close();
        }
        if !art.footnotes.is_empty() {
            self.w.open("fn-group", &[]);
            for (i, f) in art.footnotes.iter().enumerate() {
                self.w.open("fn", &[("id", f.id.as_str())]);
                self.w.leaf("label", &[], &(i + 1).to_string());
                self.para(&f.text);
                self.w.close();
            }
            self.w.close();
        }
        if !art.references.is_empty() {
            self.w.open("ref-list", &[]);
            for (i, r) in art.references.iter().enumerate() {
                self.reference(i, r);
            }
            self.w.close();
        }
        if !art.end_notes.is_empty() {
            self.w.open("notes", &[]);
            for p in &art.end_notes {
                self.para(p);
            }
            self.w.close();
        }
        self.w.close();
    }

    /// One `ref` with an `element-citation` built from the CSL fields.
    ///
    /// With a container (`container_title`), the title is the part's title
    /// (`chapter-title` for a chapter, `data-title` for a dataset, `article-title`
    /// otherwise) and the container the `source`; without one, the title is the
    /// `source`. The work's language has no element in `element-citation`; writing it
    /// as `xml:lang` would claim the citation's own text is in that language, which it
    /// often is not (titles are given translated), so it is reported as a loss.
    fn reference(&mut self, index: usize, r: &Reference) {
        self.w.open("ref", &[("id", r.id.as_str())]);
        self.w.open(
            "element-citation",
            &[("publication-type", publication_type(r.kind))],
        );
        self.person_group("author", &r.author);
        self.person_group("editor", &r.editor);
        self.person_group("translator", &r.translator);
        if let Some(title) = &r.title {
            let element = match (r.kind, r.container_title.is_some()) {
                (ReferenceType::Dataset, _) => "data-title",
                (ReferenceType::Chapter, _) => "chapter-title",
                (_, true) => "article-title",
                (_, false) => "source",
            };
            self.text_element(element, &[], title);
        }
        if let Some(c) = &r.container_title {
            self.text_element("source", &[], c);
        }
        if let Some(s) = &r.collection_title {
            // `series` takes no `ext-link`: a link in a series title keeps its text, and
            // its address is reported lost.
            let mut has_link = false;
            inline::visit(&s.inlines(), &mut |n| {
                has_link |= matches!(n, Inline::Link { .. })
            });
            if has_link {
                self.loss(
                    InputFile::Article,
                    format!("/references/{index}/collection_title"),
                    "series-link",
                    "a link in a series title: JATS `series` cannot hold `ext-link`; its text is kept".into(),
                );
            }
            self.links_allowed = false;
            self.text_element("series", &[], s);
            self.links_allowed = true;
        }
        if let Some(e) = &r.edition {
            self.w.leaf("edition", &[], e);
        }
        if let Some(d) = &r.issued {
            let (year, month, day) = date_parts(d);
            self.w.leaf("year", &[], year);
            if let Some(m) = month {
                self.w.leaf("month", &[], m);
            }
            if let Some(day) = day {
                self.w.leaf("day", &[], day);
            }
        }
        if let Some(v) = &r.volume {
            self.w.leaf("volume", &[], v);
        }
        if let Some(i) = &r.issue {
            self.w.leaf("issue", &[], i);
        }
        if let Some(p) = &r.page {
            self.page_range(p);
        }
        if let Some(p) = &r.publisher_place {
            self.w.leaf("publisher-loc", &[], p);
        }
        if let Some(p) = &r.publisher {
            self.w.leaf("publisher-name", &[], p);
        }
        if let Some(isbn) = &r.isbn {
            self.w.leaf("isbn", &[], isbn);
        }
        if let Some(doi) = &r.doi {
            self.w
                .leaf("pub-id", &[("pub-id-type", "doi")], doi.as_str());
        }
        if let Some(url) = &r.url {
            // JATS4R: a link whose text is its URL needs an `xlink:title` saying what it
            // leads to; the work's title does.
            let title = r.title.as_ref().map(plain);
            self.w.leaf(
                "ext-link",
                &opt_attrs(&[
                    ("ext-link-type", Some("uri")),
                    ("xlink:href", Some(url.as_str())),
                    ("xlink:title", title.as_deref()),
                ]),
                url.as_str(),
            );
        }
        if let Some(d) = &r.accessed {
            self.w.leaf(
                "date-in-citation",
                &[
                    ("content-type", "access-date"),
                    ("iso-8601-date", d.as_str()),
                ],
                d.as_str(),
            );
        }
        if let Some(n) = &r.note {
            self.text_element("comment", &[], n);
        }
        self.w.close();
        self.w.close();
        if let Some(lang) = &r.language {
            self.loss(
                InputFile::Article,
                format!("/references/{index}/language"),
                "reference-language",
                format!("JATS `element-citation` has no element for the language of a cited work: `{lang}` is not written"),
            );
        }
    }

    /// `person-group person-group-type=…` of `name`s, with organisations and names that
    /// cannot be split (`literal`) as `collab`. CSL names do not say in which order
    /// they are written, so no `name-style` is claimed (beyond `given-only`).
    fn person_group(&mut self, kind: &str, names: &[ReferenceName]) {
        if names.is_empty() {
            return;
        }
        self.w.open("person-group", &[("person-group-type", kind)]);
        for n in names {
            if let Some(l) = &n.literal {
                self.w.leaf("collab", &[], l);
                continue;
            }
            let style = n.family.is_none().then_some("given-only");
            if n.family.is_none() && n.given.is_none() {
                continue;
            }
            self.w.open("name", &opt_attrs(&[("name-style", style)]));
            if let Some(f) = &n.family {
                self.w.leaf("surname", &[], f);
            }
            if let Some(g) = &n.given {
                self.w.leaf("given-names", &[], g);
            }
            self.w.close();
        }
        self.w.close();
    }

    /// Pages as printed: `fpage` and `lpage` for a simple range (`4-20`, `4–20`) or one
    /// page, `page-range` for anything else (`4-8, 12`).
    fn page_range(&mut self, p: &str) {
        if p.contains(',') {
            self.w.leaf("page-range", &[], p);
            return;
        }
        match p.split_once(['-', '–']) {
            Some((first, last)) if !first.trim().is_empty() && !last.trim().is_empty() => {
                self.w.leaf("fpage", &[], first.trim());
                self.w.leaf("lpage", &[], last.trim());
            }
            _ => self.w.leaf("fpage", &[], p),
        }
    }

    // ----------------------------------------------------------------------------------
    // Inline markup
    // ----------------------------------------------------------------------------------

    /// A block element holding marked-up text.
    fn text_element(&mut self, name: &str, attrs: &[(&str, &str)], t: &Text) {
        self.w.open(name, attrs);
        self.inline_text(t);
        self.w.close();
    }

    /// Parses marked-up text and writes it into the open element.
    fn inline_text(&mut self, t: &Text) {
        match t.parse() {
            Ok(nodes) => self.inlines(nodes),
            Err(e) => {
                // Validation rejects unparsable markup before any emitter runs; should one
                // slip through, the text is still written (escaped) and the emit fails.
                self.w.text(t.as_str());
                self.error.get_or_insert_with(|| {
                    format!("cannot parse the markup of `{}`: {}", t.as_str(), e.message)
                });
            }
        }
    }

    /// Writes inline nodes: each span as its JATS element, text untouched.
    fn inlines(&mut self, nodes: &[Inline]) {
        for n in nodes {
            match n {
                Inline::Text(t) => self.w.text(t),
                Inline::Italic(c) => self.span("italic", &[], c),
                Inline::Bold(c) => self.span("bold", &[], c),
                Inline::Sup(c) => self.span("sup", &[], c),
                Inline::Sub(c) => self.span("sub", &[], c),
                Inline::SmallCaps(c) => self.span("sc", &[], c),
                // A language span: `named-content` is JATS's element for a phrase that is
                // named rather than styled, and one of the few inline elements that take
                // `xml:lang` in every context text appears in; its required
                // `content-type` says why it is there.
                Inline::Lang { lang, content } => self.span(
                    "named-content",
                    &[("content-type", "lang"), ("xml:lang", lang)],
                    content,
                ),
                Inline::Link { content, .. } if !self.links_allowed => self.inlines(content),
                Inline::Link { url, content } => self.span(
                    "ext-link",
                    &[("ext-link-type", "uri"), ("xlink:href", url)],
                    content,
                ),
                Inline::FootnoteRef { id, .. } => self.footnote_ref(id),
                Inline::Cite(cites) => self.citations(cites),
                Inline::XRef { id, .. } => self.cross_ref(id),
            }
        }
    }

    fn span(&mut self, name: &str, attrs: &[(&str, &str)], content: &[Inline]) {
        self.w.open_inline(name, attrs);
        self.inlines(content);
        self.w.close();
    }

    /// `[^id]` → `<xref ref-type="fn" rid="id"><sup>n</sup></xref>`, `n` being the
    /// footnote's number (its place in `footnotes`), as in its `fn/label`.
    fn footnote_ref(&mut self, id: &str) {
        let Some(&n) = self.footnotes.get(id) else {
            return;
        };
        self.w
            .open_inline("xref", &[("ref-type", "fn"), ("rid", id)]);
        self.w.open_inline("sup", &[]);
        self.w.text(&n.to_string());
        self.w.close();
        self.w.close();
    }

    /// `[@a, p. 12; @b]` → one `xref ref-type="bibr"` per citation, reading
    /// "(Shen 1995, p. 12; Zhang 2001)". The parentheses and separators are written
    /// inside the links, so that all text outside `xref` is the source's own.
    fn citations(&mut self, cites: &[Citation]) {
        let last = cites.len().saturating_sub(1);
        for (i, c) in cites.iter().enumerate() {
            let Some(r) = self.references.get(c.id.as_str()).copied() else {
                continue;
            };
            let mut text = String::new();
            if i == 0 {
                text.push('(');
            }
            text.push_str(&super::reference_label(r));
            if let Some(loc) = &c.locator {
                text.push_str(", ");
                text.push_str(loc);
            }
            text.push_str(if i == last { ")" } else { "; " });
            self.w
                .open_inline("xref", &[("ref-type", "bibr"), ("rid", &c.id)]);
            self.w.text(&text);
            self.w.close();
        }
    }

    /// `[#id]` → `xref` with the target's kind (`fig`, `table`, `sec`) and its label.
    /// A target that JATS cannot hold (a section without label or title) has no id to
    /// point at; the reference is left out (its plain text is empty anyway) and the loss
    /// was reported with the section.
    fn cross_ref(&mut self, id: &str) {
        if let Some(t) = self.targets.get(id) {
            let (ref_type, text) = (t.ref_type, t.text.clone());
            self.w
                .open_inline("xref", &[("ref-type", ref_type), ("rid", id)]);
            self.w.text(&text);
            self.w.close();
        }
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

/// The organisation of an affiliation as one phrase: "Institute of History, CASS".
fn org_name(a: &Affiliation) -> Option<String> {
    let parts: Vec<&str> = [&a.department, &a.institution, &a.parent]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The JATS `publication-type` of a CSL item type.
fn publication_type(kind: ReferenceType) -> &'static str {
    match kind {
        ReferenceType::ArticleJournal => "journal",
        ReferenceType::ArticleMagazine => "periodical",
        ReferenceType::ArticleNewspaper => "newspaper",
        ReferenceType::Book | ReferenceType::Chapter => "book",
        ReferenceType::PaperConference => "confproc",
        ReferenceType::Report => "report",
        ReferenceType::Thesis => "thesis",
        ReferenceType::Webpage => "webpage",
        ReferenceType::Dataset => "data",
        ReferenceType::Manuscript | ReferenceType::Document => "other",
    }
}
