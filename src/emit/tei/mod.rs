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
//! │  │                      particDesc/listPerson (full entries of the people named)
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
//!   type="ORCID"`, and notes: `contact` (the postal `address` and `email`, which
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

use std::collections::{BTreeSet, HashMap};

use super::{Context, EmitError, Emitted, InputFile, Loss};
use crate::inline::{self, Inline};
use crate::model::walk_blocks;
use crate::model::{
    Affiliation, Article, ArticleContributor, Block, Contributor, Figure, License, List, NameOrder,
    PersonName, Quote, Reference, ReferenceName, ReferenceType, Role, Section, Table, Text,
};
use crate::xml::XmlWriter;

/// The TEI namespace.
const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// Emits the article as a TEI P5 document.
pub fn emit(article: &Article, ctx: &Context<'_>) -> Result<Emitted, EmitError> {
    let mut e = Emitter::new(article, *ctx)?;
    e.document()?;
    Ok(Emitted {
        bytes: e.w.finish().into_bytes(),
        losses: Vec::new(),
        missing: e.missing,
    })
}

/// The state of one emit: the writer, the inputs and what has been found missing.
struct Emitter<'a> {
    w: XmlWriter,
    art: &'a Article,
    ctx: Context<'a>,
    /// Everyone in `listPerson`, in order: the article's contributors in byline order,
    /// then funding recipients who are not contributors.
    people: Vec<&'a Contributor>,
    /// Contributor id → the `xml:id` of their `person`.
    person_ids: HashMap<&'a str, String>,
    /// Footnote id → its number (its position in `footnotes`, from 1).
    footnote_numbers: HashMap<&'a str, String>,
    /// Facts TEI requires that the source lacks.
    missing: Vec<Loss>,
}

/// Whether an element is written on its own line (a block) or inside running text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Block,
    Inline,
}

impl<'a> Emitter<'a> {
    fn new(art: &'a Article, ctx: Context<'a>) -> Result<Self, EmitError> {
        let mut people: Vec<&'a Contributor> = Vec::new();
        let ids = art
            .contributors
            .iter()
            .map(|c| &c.contributor)
            .chain(art.funding.iter().flat_map(|f| f.recipients.iter()));
        for id in ids {
            let person = ctx.contributor(id).ok_or_else(|| {
                EmitError::Unwritable(format!("no contributor with id `{id}` in the list"))
            })?;
            if !people.iter().any(|p| p.id == person.id) {
                people.push(person);
            }
        }
        // Person ids share the document's id space with the article's own ids; a
        // clash (not checked by validation, which sees one file at a time) gets a prefix.
        let mut article_ids: BTreeSet<&str> = BTreeSet::new();
        walk_blocks(&art.body, "", &mut |_, b| match b {
            Block::Section(s) => {
                if let Some(id) = &s.id {
                    article_ids.insert(id.as_str());
                }
            }
            Block::Figure(f) => {
                article_ids.insert(f.id.as_str());
            }
            Block::Table(t) => {
                article_ids.insert(t.id.as_str());
            }
            _ => {}
        });
        article_ids.extend(art.footnotes.iter().map(|f| f.id.as_str()));
        article_ids.extend(art.references.iter().map(|r| r.id.as_str()));
        let person_ids = people
            .iter()
            .map(|p| {
                let id = p.id.as_str();
                let xml_id = if article_ids.contains(id) {
                    format!("person.{id}")
                } else {
                    id.to_string()
                };
                (id, xml_id)
            })
            .collect();
        let footnote_numbers = art
            .footnotes
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.as_str(), (i + 1).to_string()))
            .collect();
        Ok(Emitter {
            w: XmlWriter::new(),
            art,
            ctx,
            people,
            person_ids,
            footnote_numbers,
            missing: Vec::new(),
        })
    }

    /// `#xml-id` of a contributor's `person`.
    fn person_ref(&self, c: &Contributor) -> String {
        let id = self
            .person_ids
            .get(c.id.as_str())
            .map_or(c.id.as_str(), String::as_str);
        format!("#{id}")
    }

    fn contributor(&self, ac: &ArticleContributor) -> Result<&'a Contributor, EmitError> {
        self.ctx.contributor(&ac.contributor).ok_or_else(|| {
            EmitError::Unwritable(format!(
                "no contributor with id `{}` in the list",
                ac.contributor
            ))
        })
    }

    fn open(&mut self, mode: Mode, name: &str, attrs: &[(&str, &str)]) {
        match mode {
            Mode::Block => self.w.open(name, attrs),
            Mode::Inline => self.w.open_inline(name, attrs),
        }
    }

    /// An element holding only text, in the given mode.
    fn leaf(&mut self, mode: Mode, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(mode, name, attrs);
        self.w.text(text);
        self.w.close();
    }

    // ----- the document -----

    fn document(&mut self) -> Result<(), EmitError> {
        self.w.declaration();
        let lang = self.art.lang.as_str();
        self.w.open("TEI", &[("xmlns", TEI_NS), ("xml:lang", lang)]);
        self.header()?;
        self.text()?;
        self.w.close();
        Ok(())
    }

    fn header(&mut self) -> Result<(), EmitError> {
        self.w.open("teiHeader", &[]);
        self.w.open("fileDesc", &[]);
        self.title_stmt()?;
        self.publication_stmt();
        self.source_desc();
        self.w.close();
        self.profile_desc();
        self.revision_desc();
        self.w.close();
        Ok(())
    }

    // ----- titleStmt -----

    fn title_stmt(&mut self) -> Result<(), EmitError> {
        let art = self.art;
        self.w.open("titleStmt", &[]);
        self.w.open("title", &[("type", "main")]);
        self.words(&art.title);
        self.w.close();
        if let Some(sub) = &art.subtitle {
            self.w.open("title", &[("type", "sub")]);
            self.words(sub);
            self.w.close();
        }
        if let Some(short) = &art.short_title {
            self.w.leaf("title", &[("type", "short")], short);
        }
        for ac in &art.contributors {
            let c = self.contributor(ac)?;
            let corresp = ac.corresponding.then_some(("role", "corresponding"));
            match ac.role {
                Role::Author => self.agent_element("author", c, corresp),
                Role::Editor => self.agent_element("editor", c, corresp),
                Role::Translator => self.resp_stmt(&[("translated by", None)], c, corresp),
                Role::Reviser => self.resp_stmt(&[("revised by", None)], c, corresp),
            }
            if !ac.credit.is_empty() {
                let urls: Vec<String> = ac.credit.iter().map(|r| r.url()).collect();
                let resps: Vec<(&str, Option<&str>)> = ac
                    .credit
                    .iter()
                    .zip(&urls)
                    .map(|(r, u)| (r.term(), Some(u.as_str())))
                    .collect();
                self.resp_stmt(&resps, c, None);
            }
        }
        for f in &art.funding {
            // The funder's name, then the grant and the people it was awarded to.
            self.w.open("funder", &[]);
            self.w.text(&f.funder);
            if let Some(award) = &f.award_id {
                self.w.text(", ");
                self.leaf(Mode::Inline, "idno", &[("type", "grant")], award);
            }
            for id in &f.recipients {
                let Some(c) = self.ctx.contributor(id) else {
                    continue;
                };
                self.w.text(", ");
                let r = self.person_ref(c);
                self.pers_name(
                    Mode::Inline,
                    &c.name,
                    &[("ref", &r), ("role", "recipient")],
                    &[],
                );
            }
            self.w.close();
        }
        self.w.close();
        Ok(())
    }

    /// `<author ref="#id"><persName>…</persName></author>` (or `editor`).
    fn agent_element(&mut self, name: &str, c: &Contributor, extra: Option<(&str, &str)>) {
        let r = self.person_ref(c);
        let mut attrs = vec![("ref", r.as_str())];
        attrs.extend(extra);
        self.w.open(name, &attrs);
        self.pers_name(Mode::Inline, &c.name, &[], &[]);
        self.w.close();
    }

    /// `<respStmt><resp>…</resp>…<persName ref="#id">…</persName></respStmt>`; each resp
    /// may point at a vocabulary term.
    fn resp_stmt(
        &mut self,
        resps: &[(&str, Option<&str>)],
        c: &Contributor,
        extra: Option<(&str, &str)>,
    ) {
        self.w.open("respStmt", &[]);
        for (resp, target) in resps {
            match target {
                Some(t) => self.w.leaf("resp", &[("ref", t)], resp),
                None => self.w.leaf("resp", &[], resp),
            }
        }
        let r = self.person_ref(c);
        let mut attrs = vec![("ref", r.as_str())];
        attrs.extend(extra);
        self.pers_name(Mode::Block, &c.name, &attrs, &[]);
        self.w.close();
    }

    /// A `persName` with its parts in written order: `<surname>Niu</surname>
    /// <forename>Jun</forename>`, solid for CJK scripts, then `genName` for a suffix and
    /// `roleName type="degree"` for each degree.
    fn pers_name(
        &mut self,
        mode: Mode,
        name: &PersonName,
        attrs: &[(&str, &str)],
        degrees: &[String],
    ) {
        let mut attrs = attrs.to_vec();
        if let Some(lang) = &name.lang {
            attrs.push(("xml:lang", lang.as_str()));
        }
        self.open(mode, "persName", &attrs);
        let family = name.family.as_deref().map(|f| ("surname", f));
        let given = name.given.as_deref().map(|g| ("forename", g));
        let parts = match name.order {
            NameOrder::FamilyFirst => [family, given],
            NameOrder::GivenFirst => [given, family],
        };
        let sep = if written_solid(name) { "" } else { " " };
        let mut first = true;
        for (element, value) in parts.into_iter().flatten() {
            if !first {
                self.w.text(sep);
            }
            first = false;
            self.leaf(Mode::Inline, element, &[], value);
        }
        if let Some(suffix) = &name.suffix {
            self.w.text(", ");
            self.leaf(Mode::Inline, "genName", &[], suffix);
        }
        for d in degrees {
            self.w.text(", ");
            self.leaf(Mode::Inline, "roleName", &[("type", "degree")], d);
        }
        self.w.close();
    }

    // ----- publicationStmt -----

    /// Whether the publication statement names a publisher; otherwise it is prose and
    /// the article's DOI, date and licence go into the source description.
    fn has_publisher(&self) -> bool {
        self.ctx.issue.journal.publisher.is_some()
    }

    fn publication_stmt(&mut self) {
        let journal = &self.ctx.issue.journal;
        self.w.open("publicationStmt", &[]);
        match &journal.publisher {
            Some(p) => {
                self.w.leaf("publisher", &[], &p.name);
                if let Some(place) = &p.location {
                    self.w.leaf("pubPlace", &[], place);
                }
                let date = self
                    .art
                    .dates
                    .published
                    .as_ref()
                    .or(self.ctx.issue.issue.date.as_ref());
                if let Some(d) = date {
                    self.w.leaf("date", &[("when", d.as_str())], d.as_str());
                }
                if let Some(doi) = &self.art.doi {
                    self.w.leaf("idno", &[("type", "DOI")], doi.as_str());
                }
                if let Some(l) = &self.art.license {
                    self.availability(l);
                }
            }
            None => {
                // TEI's prose form: only what the source states, and that the
                // publisher is not among it.
                self.w.open("p", &[]);
                self.w.text("Published in ");
                self.leaf(Mode::Inline, "title", &[("level", "j")], &journal.title);
                self.w.text("; the source does not name the publisher.");
                self.w.close();
                self.missing.push(Loss {
                    file: InputFile::Issue,
                    pointer: "/journal/publisher".into(),
                    code: "missing.tei.publisher".into(),
                    message: "TEI's publicationStmt names a publisher, which issue.yaml does not give; a prose statement is written instead".into(),
                });
            }
        }
        self.w.close();
    }

    fn availability(&mut self, l: &License) {
        self.w.open("availability", &[]);
        if l.url.is_some() || l.text.is_some() {
            let attrs: Vec<(&str, &str)> = l.url.iter().map(|u| ("target", u.as_str())).collect();
            self.w.open("licence", &attrs);
            if let Some(t) = &l.text {
                self.words(t);
            }
            self.w.close();
        }
        if let Some(c) = &l.copyright {
            self.w.leaf("p", &[], c);
        }
        self.w.close();
    }

    // ----- sourceDesc -----

    fn source_desc(&mut self) {
        let bib = self.printed_article();
        self.w.open("sourceDesc", &[]);
        self.bib(&bib);
        self.w.close();
    }

    /// The article as printed in the journal, with the original it translates.
    fn printed_article(&self) -> Bib<'a> {
        let art = self.art;
        let issue = &self.ctx.issue.issue;
        let journal = &self.ctx.issue.journal;
        let mut b = Bib::default();

        // analytic: the article
        let a = &mut b.analytic;
        for ac in &art.contributors {
            if let Some(c) = self.ctx.contributor(&ac.contributor) {
                a.push(match ac.role {
                    Role::Author => Part::Author(Agent::Person(c)),
                    Role::Editor => Part::Editor(Agent::Person(c)),
                    Role::Translator => Part::Resp("translated by", Agent::Person(c)),
                    Role::Reviser => Part::Resp("revised by", Agent::Person(c)),
                });
            }
        }
        a.push(Part::Title {
            level: "a",
            kind: Some("main"),
            lang: None,
            text: Words::Marked(&art.title),
        });
        if let Some(sub) = &art.subtitle {
            a.push(Part::Title {
                level: "a",
                kind: Some("sub"),
                lang: None,
                text: Words::Marked(sub),
            });
        }
        // The article's own date, when the issue's date goes into the imprint.
        if let (Some(_), Some(d)) = (&issue.date, &art.dates.published) {
            a.push(Part::Date {
                kind: None,
                when: d.as_str(),
            });
        }
        if let Some(doi) = &art.doi {
            a.push(Part::Idno {
                kind: "DOI",
                subtype: None,
                value: doi.as_str(),
            });
        }
        // Without a publisher the publication statement is prose: the licence is here.
        if let Some(l) = art.license.as_ref().filter(|_| !self.has_publisher()) {
            a.push(Part::Availability(l));
        }

        // monogr: the journal issue
        b.heads.push(Part::Title {
            level: "j",
            kind: None,
            lang: journal.lang.as_ref().map(|l| l.as_str()),
            text: Words::Plain(&journal.title),
        });
        if let Some(abbrev) = &journal.abbrev_title {
            b.heads.push(Part::Title {
                level: "j",
                kind: Some("abbrev"),
                lang: None,
                text: Words::Plain(abbrev),
            });
        }
        if let Some(t) = &issue.title {
            b.heads.push(Part::Title {
                level: "j",
                kind: Some("issue"),
                lang: None,
                text: Words::Plain(t),
            });
        }
        for issn in &journal.issn {
            let subtype = match issn.format {
                crate::model::PublicationFormat::Print => "print",
                crate::model::PublicationFormat::Electronic => "electronic",
            };
            b.ids.push(Part::Idno {
                kind: "ISSN",
                subtype: Some(subtype),
                value: issn.value.as_str(),
            });
        }
        if let Some(id) = &journal.publisher_id {
            b.ids.push(Part::Idno {
                kind: "publisher-id",
                subtype: None,
                value: id,
            });
        }
        if let Some(doi) = &issue.doi {
            b.ids.push(Part::Idno {
                kind: "DOI",
                subtype: None,
                value: doi.as_str(),
            });
        }
        if let Some(url) = &journal.url {
            b.ids.push(Part::Ptr(url.as_str()));
        }
        if let Some(p) = &journal.publisher {
            if let Some(place) = &p.location {
                b.imprint.push(Part::PubPlace(place));
            }
            b.imprint.push(Part::Publisher(&p.name));
        }
        match (&issue.date, &art.dates.published) {
            (Some(d), _) | (None, Some(d)) => b.imprint.push(Part::Date {
                kind: None,
                when: d.as_str(),
            }),
            (None, None) => {}
        }
        if let Some(v) = &issue.volume {
            b.scopes.push(Part::Scope {
                unit: "volume",
                text: v,
                from: None,
                to: None,
            });
        }
        if let Some(n) = &issue.number {
            b.scopes.push(Part::Scope {
                unit: "issue",
                text: n,
                from: None,
                to: None,
            });
        }
        if let Some(p) = &art.pages {
            b.scopes.push(Part::Pages(&p.first, p.last.as_deref()));
        }
        if let Some(e) = &art.elocation {
            b.scopes.push(Part::Scope {
                unit: "elocation-id",
                text: e,
                from: None,
                to: None,
            });
        }

        if let Some(tr) = &art.translation {
            let src = &tr.source;
            let mut o = Bib::default();
            for ac in art.contributors.iter().filter(|c| c.role == Role::Author) {
                if let Some(c) = self.ctx.contributor(&ac.contributor) {
                    o.analytic.push(Part::Author(Agent::Person(c)));
                }
            }
            if let Some(t) = &tr.original_title {
                o.analytic.push(Part::Title {
                    level: "a",
                    kind: None,
                    lang: None,
                    text: Words::Marked(t),
                });
            }
            if let Some(doi) = &src.doi {
                o.analytic.push(Part::Idno {
                    kind: "DOI",
                    subtype: None,
                    value: doi.as_str(),
                });
            }
            o.analytic.push(Part::TextLang(tr.original_lang.as_str()));
            o.heads.push(Part::Title {
                level: "j",
                kind: None,
                lang: None,
                text: Words::Plain(&src.title),
            });
            if let Some(t) = &src.title_original {
                o.heads.push(Part::Title {
                    level: "j",
                    kind: None,
                    lang: Some(tr.original_lang.as_str()),
                    text: Words::Plain(t),
                });
            }
            if let Some(y) = src.year {
                o.imprint.push(Part::Year(y));
            }
            if let Some(v) = &src.volume {
                o.scopes.push(Part::Scope {
                    unit: "volume",
                    text: v,
                    from: None,
                    to: None,
                });
            }
            if let Some(n) = &src.issue {
                o.scopes.push(Part::Scope {
                    unit: "issue",
                    text: n,
                    from: None,
                    to: None,
                });
            }
            if let Some(p) = &src.pages {
                o.scopes.push(Part::Scope {
                    unit: "page",
                    text: p,
                    from: None,
                    to: None,
                });
            }
            b.tail.push(Part::Related("original", Box::new(o)));
        }
        b
    }

    // ----- profileDesc -----

    fn profile_desc(&mut self) {
        let art = self.art;
        self.w.open("profileDesc", &[]);
        let langs = self.languages();
        self.w.open("langUsage", &[]);
        for l in &langs {
            self.w.empty("language", &[("ident", l)]);
        }
        self.w.close();
        if !art.abstract_.is_empty() {
            self.w.open("abstract", &[]);
            for p in &art.abstract_ {
                self.w.open("p", &[]);
                self.words(p);
                self.w.close();
            }
            self.w.close();
        }
        if art.heading.is_some() || !art.keywords.is_empty() {
            self.w.open("textClass", &[]);
            self.w.open("keywords", &[]);
            if let Some(h) = &art.heading {
                self.w.leaf("term", &[("type", "heading")], h);
            }
            for k in &art.keywords {
                self.w.leaf("term", &[], k);
            }
            self.w.close();
            self.w.close();
        }
        if !self.people.is_empty() {
            self.w.open("particDesc", &[]);
            self.w.open("listPerson", &[]);
            for c in self.people.clone() {
                self.person(c);
            }
            self.w.close();
            self.w.close();
        }
        self.w.close();
    }

    /// Every language the document uses: the article's first, then the others sorted
    /// (language spans, names, the original's language, references, the journal).
    fn languages(&self) -> Vec<String> {
        let art = self.art;
        let mut set: BTreeSet<String> = BTreeSet::new();
        crate::model::for_each_text(art, &mut |_, t| span_languages(t, &mut set));
        let mut texts: Vec<&Text> = Vec::new();
        for c in &self.people {
            texts.extend(&c.positions);
            for a in &c.affiliations {
                texts.extend(&a.positions);
            }
            texts.extend(&c.bio);
            for n in std::iter::once(&c.name).chain(&c.original_name) {
                if let Some(l) = &n.lang {
                    set.insert(l.as_str().to_string());
                }
            }
        }
        for t in texts {
            span_languages(t, &mut set);
        }
        if let Some(tr) = &art.translation {
            set.insert(tr.original_lang.as_str().to_string());
        }
        for r in &art.references {
            if let Some(l) = &r.language {
                set.insert(l.as_str().to_string());
            }
        }
        if let Some(l) = &self.ctx.issue.journal.lang {
            set.insert(l.as_str().to_string());
        }
        let main = art.lang.as_str();
        set.remove(main);
        let mut out = vec![main.to_string()];
        out.extend(set);
        out
    }

    /// A contributor's full entry.
    fn person(&mut self, c: &Contributor) {
        let id = self.person_ref(c);
        self.w.open("person", &[("xml:id", &id[1..])]);
        self.pers_name(Mode::Block, &c.name, &[], &c.degrees);
        if let Some(orig) = &c.original_name {
            self.pers_name(Mode::Block, orig, &[], &[]);
        }
        if let Some(y) = c.birth_year {
            self.w.empty("birth", &[("when", &format!("{y:04}"))]);
        }
        for p in &c.positions {
            self.w.open("occupation", &[]);
            self.words(p);
            self.w.close();
        }
        for a in &c.affiliations {
            self.affiliation(a);
        }
        if let Some(orcid) = &c.orcid {
            self.w.leaf("idno", &[("type", "ORCID")], orcid.as_str());
        }
        let address = c.address.as_ref().filter(|a| !a.is_empty());
        if address.is_some() || c.email.is_some() {
            // `person` admits no address or e-mail of its own: a contact note holds them.
            self.w.open("note", &[("type", "contact")]);
            if let Some(a) = address {
                self.address(Mode::Block, a);
            }
            if let Some(e) = &c.email {
                self.w.leaf("email", &[], e.as_str());
            }
            self.w.close();
        }
        if let Some(bio) = &c.bio {
            self.w.open("note", &[("type", "bio")]);
            self.words(bio);
            self.w.close();
        }
        if let Some(inc) = &c.incomplete {
            self.w.leaf("note", &[("type", "incomplete")], &inc.note);
        }
        self.w.close();
    }

    /// `<affiliation>` with the positions held there (`roleName`) and the organisation's
    /// parts (`orgName` department, institution, parent), as printed, comma-separated.
    fn affiliation(&mut self, a: &Affiliation) {
        let ror_on_affiliation = a.institution.is_none();
        let attrs: Vec<(&str, &str)> = a
            .ror
            .iter()
            .filter(|_| ror_on_affiliation)
            .map(|r| ("ref", r.as_str()))
            .collect();
        self.w.open("affiliation", &attrs);
        let mut first = true;
        let mut sep = |w: &mut XmlWriter| {
            if !first {
                w.text(", ");
            }
            first = false;
        };
        for p in &a.positions {
            sep(&mut self.w);
            self.w.open_inline("roleName", &[("type", "position")]);
            self.words(p);
            self.w.close();
        }
        if let Some(d) = &a.department {
            sep(&mut self.w);
            self.leaf(Mode::Inline, "orgName", &[("type", "department")], d);
        }
        if let Some(i) = &a.institution {
            sep(&mut self.w);
            let mut attrs = vec![("type", "institution")];
            if let Some(r) = &a.ror {
                attrs.push(("ref", r.as_str()));
            }
            self.leaf(Mode::Inline, "orgName", &attrs, i);
        }
        if let Some(p) = &a.parent {
            sep(&mut self.w);
            self.leaf(Mode::Inline, "orgName", &[("type", "parent")], p);
        }
        if let Some(addr) = a.address.as_ref().filter(|a| !a.is_empty()) {
            sep(&mut self.w);
            self.address(Mode::Inline, addr);
        }
        self.w.close();
    }

    /// `<address>` with its parts in postal order; inside running text (an
    /// affiliation) its parts are written inline too.
    fn address(&mut self, mode: Mode, a: &crate::model::Address) {
        self.open(mode, "address", &[]);
        let parts = [
            ("street", &a.street),
            ("district", &a.district),
            ("settlement", &a.city),
            ("region", &a.region),
            ("postCode", &a.postal_code),
        ];
        for (element, value) in parts {
            if let Some(v) = value {
                self.leaf(mode, element, &[], v);
            }
        }
        match (&a.country, &a.country_code) {
            (Some(name), Some(code)) => self.leaf(mode, "country", &[("key", code)], name),
            (Some(name), None) => self.leaf(mode, "country", &[], name),
            (None, Some(code)) => self.leaf(mode, "country", &[("key", code)], code),
            (None, None) => {}
        }
        self.w.close();
    }

    // ----- revisionDesc -----

    fn revision_desc(&mut self) {
        let d = &self.art.dates;
        let changes = [
            ("received", &d.received, "Received by the journal."),
            ("revised", &d.revised, "Revised version received."),
            ("accepted", &d.accepted, "Accepted for publication."),
        ];
        if changes.iter().all(|(_, date, _)| date.is_none()) {
            return;
        }
        self.w.open("revisionDesc", &[]);
        for (kind, date, what) in changes {
            if let Some(date) = date {
                self.w
                    .leaf("change", &[("type", kind), ("when", date.as_str())], what);
            }
        }
        self.w.close();
    }

    // ----- text -----

    fn text(&mut self) -> Result<(), EmitError> {
        let art = self.art;
        self.w.open("text", &[("type", art.article_type.as_str())]);
        self.w.open("body", &[]);
        if art.body.iter().all(|b| matches!(b, Block::Figure(_))) {
            if art.body.is_empty() {
                return Err(EmitError::Unwritable(
                    "TEI needs a body, and the article's `body` is empty".into(),
                ));
            }
            // Figures alone do not make a TEI body: they go into an untitled division.
            self.w.open("div", &[]);
            self.blocks(&art.body);
            self.w.close();
        } else {
            self.blocks(&art.body);
        }
        self.w.close();
        self.back();
        self.w.close();
        Ok(())
    }

    /// Writes blocks in order. Runs of non-section blocks that follow a section go into
    /// an untitled `div`, since TEI admits no paragraph after a `div` in one parent.
    fn blocks(&mut self, blocks: &[Block]) {
        let mut after_section = false;
        let mut i = 0;
        while i < blocks.len() {
            if let Block::Section(s) = &blocks[i] {
                self.section(s);
                after_section = true;
                i += 1;
            } else if after_section {
                let end = blocks[i..]
                    .iter()
                    .position(|b| matches!(b, Block::Section(_)))
                    .map_or(blocks.len(), |k| i + k);
                self.w.open("div", &[]);
                for b in &blocks[i..end] {
                    self.block(b);
                }
                self.w.close();
                i = end;
            } else {
                self.block(&blocks[i]);
                i += 1;
            }
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::P(t) => {
                self.w.open("p", &[]);
                self.words(t);
                self.w.close();
            }
            Block::Section(s) => self.section(s),
            Block::Quote(q) => self.quote(q),
            Block::List(l) => self.list(l),
            Block::Figure(f) => self.figure(f),
            Block::Table(t) => self.table(t),
        }
    }

    /// A heading from a title, else from the label (as printed).
    fn head(&mut self, title: Option<&Text>, label: Option<&str>) {
        match (title, label) {
            (Some(t), _) => {
                self.w.open("head", &[]);
                self.words(t);
                self.w.close();
            }
            (None, Some(l)) => self.w.leaf("head", &[], l),
            (None, None) => {}
        }
    }

    fn section(&mut self, s: &Section) {
        let mut attrs = Vec::new();
        if let Some(id) = &s.id {
            attrs.push(("xml:id", id.as_str()));
        }
        if let Some(l) = &s.label {
            attrs.push(("n", l.as_str()));
        }
        self.w.open("div", &attrs);
        self.head(s.title.as_ref(), s.label.as_deref());
        self.blocks(&s.content);
        self.w.close();
    }

    /// `<quote>` of paragraphs; with an attribution, `<cit>` pairs it with a `<bibl>`.
    fn quote(&mut self, q: &Quote) {
        if q.attribution.is_some() {
            self.w.open("cit", &[]);
        }
        self.w.open("quote", &[]);
        for p in &q.paragraphs {
            self.w.open("p", &[]);
            self.words(p);
            self.w.close();
        }
        self.w.close();
        if let Some(a) = &q.attribution {
            self.w.open("bibl", &[]);
            self.words(a);
            self.w.close();
            self.w.close();
        }
    }

    fn list(&mut self, l: &List) {
        let rend = if l.ordered { "numbered" } else { "bulleted" };
        self.w.open("list", &[("rend", rend)]);
        for item in &l.items {
            self.w.open("item", &[]);
            self.words(item);
            self.w.close();
        }
        self.w.close();
    }

    fn figure(&mut self, f: &Figure) {
        let mut attrs = vec![("xml:id", f.id.as_str())];
        if let Some(l) = &f.label {
            attrs.push(("n", l.as_str()));
        }
        self.w.open("figure", &attrs);
        self.head(f.caption.as_ref(), f.label.as_deref());
        self.w.empty("graphic", &[("url", &f.image)]);
        if let Some(alt) = &f.alt {
            self.w.leaf("figDesc", &[], alt);
        }
        if let Some(c) = &f.credit {
            self.w.open("note", &[("type", "credit")]);
            self.words(c);
            self.w.close();
        }
        self.w.close();
    }

    /// `<table>`: header rows are `row role="label"`; the foot is a `trailer`.
    fn table(&mut self, t: &Table) {
        let mut attrs = vec![("xml:id", t.id.as_str())];
        if let Some(l) = &t.label {
            attrs.push(("n", l.as_str()));
        }
        self.w.open("table", &attrs);
        self.head(t.caption.as_ref(), t.label.as_deref());
        for (rows, role) in [(&t.head, Some("label")), (&t.rows, None)] {
            for row in rows {
                let attrs: Vec<(&str, &str)> = role.iter().map(|r| ("role", *r)).collect();
                self.w.open("row", &attrs);
                for cell in row {
                    self.w.open("cell", &[]);
                    self.words(cell);
                    self.w.close();
                }
                self.w.close();
            }
        }
        if let Some(foot) = &t.foot {
            self.w.open("trailer", &[]);
            self.words(foot);
            self.w.close();
        }
        self.w.close();
    }

    // ----- back -----

    fn back(&mut self) {
        let art = self.art;
        if art.acknowledgements.is_empty()
            && art.end_notes.is_empty()
            && art.footnotes.is_empty()
            && art.references.is_empty()
        {
            return;
        }
        self.w.open("back", &[]);
        if !art.acknowledgements.is_empty() {
            self.w.open("div", &[("type", "acknowledgements")]);
            for p in &art.acknowledgements {
                self.w.open("p", &[]);
                self.words(p);
                self.w.close();
            }
            self.w.close();
        }
        if !art.end_notes.is_empty() {
            self.w.open("div", &[("type", "notes")]);
            for n in &art.end_notes {
                self.w.open("note", &[("place", "end")]);
                self.words(n);
                self.w.close();
            }
            self.w.close();
        }
        if !art.footnotes.is_empty() {
            self.w.open("div", &[("type", "footnotes")]);
            for (i, f) in art.footnotes.iter().enumerate() {
                let n = (i + 1).to_string();
                self.w.open(
                    "note",
                    &[("xml:id", f.id.as_str()), ("n", &n), ("place", "foot")],
                );
                self.words(&f.text);
                self.w.close();
            }
            self.w.close();
        }
        if !art.references.is_empty() {
            self.w.open("div", &[("type", "bibliography")]);
            self.w.open("listBibl", &[]);
            for r in &art.references {
                let bib = reference(r);
                self.bib(&bib);
            }
            self.w.close();
            self.w.close();
        }
        self.w.close();
    }

    // ----- inline content -----

    /// Writes marked-up text as TEI phrase content.
    fn words(&mut self, t: &Text) {
        self.inline(&t.inlines());
    }

    fn inline(&mut self, nodes: &[Inline]) {
        for n in nodes {
            match n {
                Inline::Text(s) => self.w.text(s),
                Inline::Italic(c) => self.hi("italic", c),
                Inline::Bold(c) => self.hi("bold", c),
                Inline::Sup(c) => self.hi("sup", c),
                Inline::Sub(c) => self.hi("sub", c),
                Inline::SmallCaps(c) => self.hi("smallcaps", c),
                Inline::Lang { lang, content } => {
                    self.w.open_inline("foreign", &[("xml:lang", lang)]);
                    self.inline(content);
                    self.w.close();
                }
                Inline::Link { url, content } => {
                    self.w.open_inline("ref", &[("target", url)]);
                    self.inline(content);
                    self.w.close();
                }
                Inline::FootnoteRef { id, .. } => {
                    let target = format!("#{id}");
                    match self.footnote_numbers.get(id.as_str()) {
                        Some(n) => self.w.empty_inline("ptr", &[("target", &target), ("n", n)]),
                        None => self.w.empty_inline("ptr", &[("target", &target)]),
                    }
                }
                Inline::Cite(cites) => {
                    self.w.open_inline("bibl", &[]);
                    for c in cites {
                        let target = format!("#{}", c.id);
                        self.w.empty_inline("ptr", &[("target", &target)]);
                        if let Some(loc) = &c.locator {
                            self.leaf(Mode::Inline, "citedRange", &[("target", &target)], loc);
                        }
                    }
                    self.w.close();
                }
                Inline::XRef { id, .. } => {
                    let target = format!("#{id}");
                    self.w.empty_inline("ptr", &[("target", &target)]);
                }
            }
        }
    }

    fn hi(&mut self, rend: &str, content: &[Inline]) {
        self.w.open_inline("hi", &[("rend", rend)]);
        self.inline(content);
        self.w.close();
    }

    // ----- bibliographic descriptions -----

    /// Writes a description as `biblStruct` when TEI's structure can hold it (a
    /// `monogr` needs an `imprint`), else as a `bibl` with the same parts.
    fn bib(&mut self, b: &Bib<'_>) {
        let mut attrs = Vec::new();
        if let Some(id) = b.id {
            attrs.push(("xml:id", id));
        }
        if let Some(k) = b.kind {
            attrs.push(("type", k));
        }
        if !b.structurable() {
            self.w.open("bibl", &attrs);
            let leading = b.analytic.iter().chain(&b.agents).chain(&b.heads);
            for p in leading.chain(&b.ids).chain(&b.rest) {
                self.part(p);
            }
            if let Some(e) = b.edition {
                self.w.leaf("edition", &[], e);
            }
            for p in b.imprint.iter().chain(&b.scopes) {
                self.part(p);
            }
            if let Some(s) = b.series {
                self.series(s);
            }
            for p in &b.tail {
                self.part(p);
            }
            self.w.close();
            return;
        }
        self.w.open("biblStruct", &attrs);
        if !b.analytic.is_empty() {
            self.w.open("analytic", &[]);
            for p in &b.analytic {
                self.part(p);
            }
            self.w.close();
        }
        self.w.open("monogr", &[]);
        for p in b.monogr_parts() {
            self.part(p);
        }
        if let Some(e) = b.edition {
            self.w.leaf("edition", &[], e);
        }
        self.w.open("imprint", &[]);
        for p in &b.imprint {
            self.part(p);
        }
        if b.imprint.is_empty() {
            // biblScope is an imprint part too: an imprint of scopes alone is valid.
            for p in &b.scopes {
                self.part(p);
            }
        }
        self.w.close();
        if !b.imprint.is_empty() {
            for p in &b.scopes {
                self.part(p);
            }
        }
        self.w.close();
        if let Some(s) = b.series {
            self.series(s);
        }
        for p in &b.tail {
            self.part(p);
        }
        self.w.close();
    }

    fn series(&mut self, s: &Text) {
        self.w.open("series", &[]);
        self.w.open("title", &[("level", "s")]);
        self.words(s);
        self.w.close();
        self.w.close();
    }

    fn part(&mut self, p: &Part<'_>) {
        match p {
            Part::Author(a) => self.agent("author", a),
            Part::Editor(a) => self.agent("editor", a),
            Part::Resp(resp, a) => {
                self.w.open("respStmt", &[]);
                self.w.leaf("resp", &[], resp);
                match a {
                    Agent::Person(c) => {
                        let r = self.person_ref(c);
                        self.pers_name(Mode::Block, &c.name, &[("ref", &r)], &[]);
                    }
                    Agent::Cited(n) => self.cited_name(Mode::Block, n),
                }
                self.w.close();
            }
            Part::Title {
                level,
                kind,
                lang,
                text,
            } => {
                let mut attrs = vec![("level", *level)];
                if let Some(k) = kind {
                    attrs.push(("type", k));
                }
                if let Some(l) = lang {
                    attrs.push(("xml:lang", l));
                }
                self.w.open("title", &attrs);
                match text {
                    Words::Marked(t) => self.words(t),
                    Words::Plain(s) => self.w.text(s),
                }
                self.w.close();
            }
            Part::Idno {
                kind,
                subtype,
                value,
            } => {
                let mut attrs = vec![("type", *kind)];
                if let Some(s) = subtype {
                    attrs.push(("subtype", s));
                }
                self.w.leaf("idno", &attrs, value);
            }
            Part::Ptr(url) => self.w.empty("ptr", &[("target", url)]),
            Part::TextLang(l) => self.w.empty("textLang", &[("mainLang", l)]),
            Part::Date { kind, when } => {
                let mut attrs = Vec::new();
                if let Some(k) = kind {
                    attrs.push(("type", *k));
                }
                attrs.push(("when", when));
                self.w.leaf("date", &attrs, when);
            }
            Part::Year(y) => {
                let y = format!("{y:04}");
                self.w.leaf("date", &[("when", &y)], &y);
            }
            Part::Publisher(s) => self.w.leaf("publisher", &[], s),
            Part::PubPlace(s) => self.w.leaf("pubPlace", &[], s),
            Part::Scope {
                unit,
                text,
                from,
                to,
            } => {
                let mut attrs = vec![("unit", *unit)];
                if let Some(f) = from {
                    attrs.push(("from", f));
                }
                if let Some(t) = to {
                    attrs.push(("to", t));
                }
                self.w.leaf("biblScope", &attrs, text);
            }
            Part::Pages(first, last) => match last {
                Some(last) => {
                    let text = format!("{first}–{last}");
                    self.w.leaf(
                        "biblScope",
                        &[("unit", "page"), ("from", first), ("to", last)],
                        &text,
                    );
                }
                None => self
                    .w
                    .leaf("biblScope", &[("unit", "page"), ("from", first)], first),
            },
            Part::Availability(l) => self.availability(l),
            Part::Note(t) => {
                self.w.open("note", &[]);
                self.words(t);
                self.w.close();
            }
            Part::Related(kind, bib) => {
                self.w.open("relatedItem", &[("type", kind)]);
                self.bib(bib);
                self.w.close();
            }
        }
    }

    /// `<author>`/`<editor>`: a contributor by reference, or a cited name.
    fn agent(&mut self, element: &str, a: &Agent<'_>) {
        match a {
            Agent::Person(c) => self.agent_element(element, c, None),
            Agent::Cited(n) => {
                self.w.open(element, &[]);
                self.cited_name(Mode::Inline, n);
                self.w.close();
            }
        }
    }

    /// A name from a reference: `persName` with `surname`, `forename` in sorting form,
    /// and/or `name` for a literal (an organisation or an unsplittable name).
    fn cited_name(&mut self, mode: Mode, n: &ReferenceName) {
        if n.family.is_some() || n.given.is_some() {
            self.open(mode, "persName", &[]);
            if let Some(f) = &n.family {
                self.leaf(Mode::Inline, "surname", &[], f);
            }
            if let Some(g) = &n.given {
                if n.family.is_some() {
                    self.w.text(", ");
                }
                self.leaf(Mode::Inline, "forename", &[], g);
            }
            self.w.close();
        }
        if let Some(l) = &n.literal {
            self.leaf(mode, "name", &[], l);
        }
    }
}

/// Adds the languages of the language spans in a text to `set`.
fn span_languages(t: &Text, set: &mut BTreeSet<String>) {
    // Only a string that mentions `lang=` can hold a language span: most are not parsed.
    if t.as_str().contains("lang=") {
        inline::visit(&t.inlines(), &mut |n| {
            if let Inline::Lang { lang, .. } = n {
                set.insert(lang.clone());
            }
        });
    }
}

/// Whether a name is written without spaces between its parts (CJK scripts).
fn written_solid(name: &PersonName) -> bool {
    name.lang.as_ref().is_some_and(|l| {
        let l = l.as_str().as_bytes();
        l.len() >= 2
            && matches!(
                [l[0].to_ascii_lowercase(), l[1].to_ascii_lowercase()],
                [b'z', b'h'] | [b'j', b'a'] | [b'k', b'o']
            )
    })
}

/// Who a bibliographic description names.
enum Agent<'a> {
    /// A contributor of the issue, pointed at by `@ref`.
    Person(&'a Contributor),
    /// A name from a reference's data.
    Cited(&'a ReferenceName),
}

/// Text of a title: with inline markup, or plain.
enum Words<'a> {
    Marked(&'a Text),
    Plain(&'a str),
}

/// One element of a bibliographic description.
enum Part<'a> {
    Author(Agent<'a>),
    Editor(Agent<'a>),
    /// `respStmt` with this `resp`.
    Resp(&'static str, Agent<'a>),
    Title {
        level: &'static str,
        kind: Option<&'static str>,
        lang: Option<&'a str>,
        text: Words<'a>,
    },
    Idno {
        kind: &'static str,
        subtype: Option<&'static str>,
        value: &'a str,
    },
    Ptr(&'a str),
    TextLang(&'a str),
    Date {
        kind: Option<&'static str>,
        when: &'a str,
    },
    Year(u16),
    Publisher(&'a str),
    PubPlace(&'a str),
    Scope {
        unit: &'static str,
        text: &'a str,
        from: Option<&'a str>,
        to: Option<&'a str>,
    },
    /// A page range from first and last page.
    Pages(&'a str, Option<&'a str>),
    Availability(&'a License),
    Note(&'a Text),
    /// `relatedItem` of this type holding another description.
    Related(&'static str, Box<Bib<'a>>),
}

/// A bibliographic description, sorted into the places `biblStruct` has for each part.
#[derive(Default)]
struct Bib<'a> {
    id: Option<&'a str>,
    kind: Option<&'a str>,
    /// The part (article, chapter): written in order.
    analytic: Vec<Part<'a>>,
    /// The whole's authors.
    agents: Vec<Part<'a>>,
    /// The whole's titles.
    heads: Vec<Part<'a>>,
    /// The whole's identifiers and pointers.
    ids: Vec<Part<'a>>,
    /// The whole's language, editors and other responsibilities.
    rest: Vec<Part<'a>>,
    edition: Option<&'a str>,
    /// Place, publisher, dates.
    imprint: Vec<Part<'a>>,
    /// Volume, issue, pages.
    scopes: Vec<Part<'a>>,
    series: Option<&'a Text>,
    /// Notes and related items, after the `monogr`.
    tail: Vec<Part<'a>>,
}

impl<'a> Bib<'a> {
    /// Whether `biblStruct` can hold the description: the `imprint` needs at least one
    /// part, and a `monogr` naming people needs a title or identifier beside them.
    fn structurable(&self) -> bool {
        let has_imprint = !self.imprint.is_empty() || !self.scopes.is_empty();
        let monogr_ok = !self.heads.is_empty()
            || !self.ids.is_empty()
            || (self.agents.is_empty() && self.rest.is_empty());
        has_imprint && monogr_ok
    }

    /// The `monogr`'s leading parts in an order its content model accepts: authors,
    /// titles, identifiers, the rest when there is a title; identifiers first otherwise.
    fn monogr_parts(&self) -> impl Iterator<Item = &Part<'a>> {
        let (first, second): (&[Part<'a>], &[Part<'a>]) = if self.heads.is_empty() {
            (&[], &self.agents)
        } else {
            (&self.agents, &[])
        };
        first
            .iter()
            .chain(&self.heads)
            .chain(&self.ids)
            .chain(second)
            .chain(&self.rest)
    }
}

/// The CSL name of a reference type, kept as the `biblStruct`'s `@type`.
fn csl_type(t: ReferenceType) -> &'static str {
    match t {
        ReferenceType::ArticleJournal => "article-journal",
        ReferenceType::ArticleMagazine => "article-magazine",
        ReferenceType::ArticleNewspaper => "article-newspaper",
        ReferenceType::Book => "book",
        ReferenceType::Chapter => "chapter",
        ReferenceType::PaperConference => "paper-conference",
        ReferenceType::Report => "report",
        ReferenceType::Thesis => "thesis",
        ReferenceType::Webpage => "webpage",
        ReferenceType::Dataset => "dataset",
        ReferenceType::Manuscript => "manuscript",
        ReferenceType::Document => "document",
    }
}

/// A work cited, in `biblStruct` terms. With a container (journal, book, proceedings,
/// site) the work is the `analytic` part: its authors, translators, title (level `a`),
/// DOI, URL and language; the container is the `monogr` (level `j` for periodicals, `m`
/// otherwise) with editors, ISBN, edition and imprint. Without one the work is the
/// `monogr` itself (level `m`, or `u` for theses and manuscripts).
fn reference(r: &Reference) -> Bib<'_> {
    let mut b = Bib {
        id: Some(r.id.as_str()),
        kind: Some(csl_type(r.kind)),
        ..Bib::default()
    };
    let periodical = matches!(
        r.kind,
        ReferenceType::ArticleJournal
            | ReferenceType::ArticleMagazine
            | ReferenceType::ArticleNewspaper
    );
    let unpublished = matches!(r.kind, ReferenceType::Thesis | ReferenceType::Manuscript);
    let title = |level, t| Part::Title {
        level,
        kind: None,
        lang: None,
        text: Words::Marked(t),
    };
    let doi = r.doi.as_ref().map(|d| Part::Idno {
        kind: "DOI",
        subtype: None,
        value: d.as_str(),
    });
    let url = r.url.as_ref().map(|u| Part::Ptr(u.as_str()));
    let lang = r.language.as_ref().map(|l| Part::TextLang(l.as_str()));
    let authors = r.author.iter().map(|n| Part::Author(Agent::Cited(n)));
    let translators = r
        .translator
        .iter()
        .map(|n| Part::Resp("translated by", Agent::Cited(n)));
    match &r.container_title {
        Some(container) => {
            b.analytic.extend(authors);
            b.analytic.extend(r.title.as_ref().map(|t| title("a", t)));
            b.analytic.extend(translators);
            b.analytic.extend(doi);
            b.analytic.extend(url);
            b.analytic.extend(lang);
            b.heads
                .push(title(if periodical { "j" } else { "m" }, container));
        }
        None => {
            b.agents.extend(authors);
            let level = if unpublished { "u" } else { "m" };
            b.heads.extend(r.title.as_ref().map(|t| title(level, t)));
            b.ids.extend(doi);
            b.ids.extend(url);
            b.rest.extend(lang);
            b.rest.extend(translators);
        }
    }
    if let Some(isbn) = &r.isbn {
        b.ids.push(Part::Idno {
            kind: "ISBN",
            subtype: None,
            value: isbn,
        });
    }
    b.rest
        .extend(r.editor.iter().map(|n| Part::Editor(Agent::Cited(n))));
    b.edition = r.edition.as_deref();
    if let Some(place) = &r.publisher_place {
        b.imprint.push(Part::PubPlace(place));
    }
    if let Some(p) = &r.publisher {
        b.imprint.push(Part::Publisher(p));
    }
    if let Some(d) = &r.issued {
        b.imprint.push(Part::Date {
            kind: None,
            when: d.as_str(),
        });
    }
    if let Some(d) = &r.accessed {
        b.imprint.push(Part::Date {
            kind: Some("accessed"),
            when: d.as_str(),
        });
    }
    for (unit, value) in [
        ("volume", &r.volume),
        ("issue", &r.issue),
        ("page", &r.page),
    ] {
        if let Some(v) = value {
            b.scopes.push(Part::Scope {
                unit,
                text: v,
                from: None,
                to: None,
            });
        }
    }
    b.series = r.collection_title.as_ref();
    b.tail.extend(r.note.as_ref().map(Part::Note));
    b
}
