//! Bibliographic descriptions: the parts a description is made of, sorted into the
//! places `biblStruct` has for them, and written as `biblStruct` or `bibl`.

use super::{Emitter, Mode};
use crate::model::{Contributor, License, ReferenceName, Text};

impl<'a> Emitter<'a> {
    /// Writes a description as `biblStruct` when TEI's structure can hold it (a
    /// `monogr` needs an `imprint`), else as a `bibl` with the same parts.
    pub(super) fn bib(&mut self, b: &Bib<'_>) {
        let mut attrs = Vec::new();
        if let Some(id) = b.id {
            attrs.push(("xml:id", id));
        }
        if let Some(k) = b.kind {
            attrs.push(("type", k));
        }
        if let Some(n) = &b.n {
            attrs.push(("n", n.as_str()));
        }
        if !b.structurable() {
            self.w.open_block("bibl", &attrs);
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
            self.w.end("bibl");
            return;
        }
        self.w.open_block("biblStruct", &attrs);
        if !b.analytic.is_empty() {
            self.w.open_block("analytic", &[]);
            for p in &b.analytic {
                self.part(p);
            }
            self.w.end("analytic");
        }
        self.w.open_block("monogr", &[]);
        for p in b.monogr_parts() {
            self.part(p);
        }
        if let Some(e) = b.edition {
            self.w.leaf("edition", &[], e);
        }
        self.w.open_block("imprint", &[]);
        for p in &b.imprint {
            self.part(p);
        }
        if b.imprint.is_empty() {
            // biblScope is an imprint part too: an imprint of scopes alone is valid.
            for p in &b.scopes {
                self.part(p);
            }
        }
        self.w.end("imprint");
        if !b.imprint.is_empty() {
            for p in &b.scopes {
                self.part(p);
            }
        }
        self.w.end("monogr");
        if let Some(s) = b.series {
            self.series(s);
        }
        for p in &b.tail {
            self.part(p);
        }
        self.w.end("biblStruct");
    }

    fn series(&mut self, s: &Text) {
        self.w.open_block("series", &[]);
        self.w.open_mixed("title", &[("level", "s")]);
        self.words(s);
        self.w.end("title");
        self.w.end("series");
    }

    fn part(&mut self, p: &Part<'_>) {
        match p {
            Part::Author(a) => self.agent("author", a),
            Part::Editor(a) => self.agent("editor", a),
            Part::Resp(resp, a) => self.resp(resp, a),
            Part::Title {
                level,
                kind,
                lang,
                text,
            } => self.title(level, *kind, *lang, text),
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
            Part::Pages(first, last) => self.pages(first, *last),
            Part::Availability(l) => self.availability(l),
            Part::Note(t) => {
                self.w.open_mixed("note", &[]);
                self.words(t);
                self.w.end("note");
            }
            Part::Printed(t) => {
                self.w.open_mixed("note", &[("type", "printed")]);
                self.words(t);
                self.w.end("note");
            }
            Part::EtAl => self.w.leaf("author", &[], "et al."),
            Part::DateText(t) => self.w.leaf("date", &[], t),
            Part::Related(kind, bib) => {
                self.w.open_block("relatedItem", &[("type", kind)]);
                self.bib(bib);
                self.w.end("relatedItem");
            }
        }
    }

    /// `<respStmt>`: the responsibility, then the person by reference or the cited name.
    fn resp(&mut self, resp: &str, a: &Agent<'_>) {
        self.w.open_block("respStmt", &[]);
        self.w.leaf("resp", &[], resp);
        match a {
            Agent::Person(c) => {
                let r = self.person_ref(c);
                self.pers_name(Mode::Block, &c.name, &[("ref", &r)], &[]);
            }
            Agent::Cited(n) => self.cited_name(Mode::Block, n),
        }
        self.w.end("respStmt");
    }

    /// `<title level>`, with its type and language when given.
    fn title(&mut self, level: &str, kind: Option<&str>, lang: Option<&str>, text: &Words<'_>) {
        let mut attrs = vec![("level", level)];
        if let Some(k) = kind {
            attrs.push(("type", k));
        }
        if let Some(l) = lang {
            attrs.push(("xml:lang", l));
        }
        self.w.open_mixed("title", &attrs);
        match text {
            Words::Marked(t) => self.words(t),
            Words::Plain(s) => self.w.text(s),
        }
        self.w.end("title");
    }

    /// A page range as `<biblScope unit="page" from to>`: "first–last", or the first
    /// page alone.
    fn pages(&mut self, first: &str, last: Option<&str>) {
        match last {
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
        }
    }

    /// `<author>`/`<editor>`: a contributor by reference, or a cited name.
    fn agent(&mut self, element: &str, a: &Agent<'_>) {
        match a {
            Agent::Person(c) => self.agent_element(element, c, None),
            Agent::Cited(n) => {
                self.w.open_mixed(element, &[]);
                self.cited_name(Mode::Inline, n);
                self.w.end(element);
            }
        }
    }
}

/// Who a bibliographic description names.
pub(super) enum Agent<'a> {
    /// A contributor of the issue, pointed at by `@ref`.
    Person(&'a Contributor),
    /// A name from a reference's data.
    Cited(&'a ReferenceName),
}

/// Text of a title: with inline markup, or plain.
pub(super) enum Words<'a> {
    Marked(&'a Text),
    Plain(&'a str),
}

/// One element of a bibliographic description.
pub(super) enum Part<'a> {
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
        kind: &'a str,
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
    /// The reference as the source prints it: `note type="printed"`.
    Printed(&'a Text),
    /// The end of an author list that the source cuts short: `author` reading "et al.".
    EtAl,
    /// A date as printed that is no calendar date: `date` without `@when`.
    DateText(&'a str),
    /// `relatedItem` of this type holding another description.
    Related(&'static str, Box<Bib<'a>>),
}

impl<'a> Part<'a> {
    /// A `biblScope` of this unit holding this text, with no `@from` or `@to`.
    pub(super) fn scope(unit: &'static str, text: &'a str) -> Self {
        Part::Scope {
            unit,
            text,
            from: None,
            to: None,
        }
    }
}

/// A bibliographic description, sorted into the places `biblStruct` has for each part.
#[derive(Default)]
pub(super) struct Bib<'a> {
    pub(super) id: Option<&'a str>,
    pub(super) kind: Option<&'a str>,
    /// The number a numeric citation style prints for the work (`@n`).
    pub(super) n: Option<String>,
    /// The part (article, chapter): written in order.
    pub(super) analytic: Vec<Part<'a>>,
    /// The whole's authors.
    pub(super) agents: Vec<Part<'a>>,
    /// The whole's titles.
    pub(super) heads: Vec<Part<'a>>,
    /// The whole's identifiers and pointers.
    pub(super) ids: Vec<Part<'a>>,
    /// The whole's language, editors and other responsibilities.
    pub(super) rest: Vec<Part<'a>>,
    pub(super) edition: Option<&'a str>,
    /// Place, publisher, dates.
    pub(super) imprint: Vec<Part<'a>>,
    /// Volume, issue, pages.
    pub(super) scopes: Vec<Part<'a>>,
    pub(super) series: Option<&'a Text>,
    /// Notes and related items, after the `monogr`.
    pub(super) tail: Vec<Part<'a>>,
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
