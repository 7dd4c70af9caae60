//! `back`: acknowledgements, end notes, footnotes, the bibliography and the appendices, each work cited
//! made into a bibliographic description.

use super::Emitter;
use super::bibl::{Agent, Bib, Part, Words};
use crate::model::{Reference, ReferenceType, Text, TitleKey};

impl<'a> Emitter<'a> {
    /// The `head` of a part, when the YAML gives one (`titles`).
    pub(super) fn given_head(&mut self, key: TitleKey) {
        if let Some((t, _, _)) = crate::emit::given_title(self.art, self.ctx.issue, key) {
            self.w.leaf("head", &[], t);
        }
    }

    pub(super) fn back(&mut self) {
        let art = self.art;
        if art.acknowledgements.is_empty()
            && art.end_notes.is_empty()
            && art.footnotes.is_empty()
            && art.references.is_empty()
            && art.statements.is_empty()
            && art.appendices.is_empty()
            && art.supplementary.is_empty()
            && art.sub_articles.is_empty()
        {
            return;
        }
        self.w.open_block("back", &[]);
        if !art.acknowledgements.is_empty() {
            self.w.open_block("div", &[("type", "acknowledgements")]);
            self.given_head(TitleKey::Acknowledgements);
            for p in &art.acknowledgements {
                self.w.open_mixed("p", &[]);
                self.words(p);
                self.w.end("p");
            }
            self.w.end("div");
        }
        // The statements, each a `div` of its own type (TEI has no dedicated elements).
        for (kind, t) in art.statements.made() {
            self.w.open_block("div", &[("type", kind.slug())]);
            self.w.open_mixed("p", &[]);
            self.words(t);
            self.w.end("p");
            self.w.end("div");
        }
        if !art.end_notes.is_empty() {
            self.w.open_block("div", &[("type", "notes")]);
            for n in &art.end_notes {
                self.w.open_mixed("note", &[("place", "end")]);
                self.words(n);
                self.w.end("note");
            }
            self.w.end("div");
        }
        if !art.footnotes.is_empty() {
            self.w.open_block("div", &[("type", "footnotes")]);
            self.given_head(TitleKey::Notes);
            for (i, f) in art.footnotes.iter().enumerate() {
                let n = (i + 1).to_string();
                self.w.open_mixed(
                    "note",
                    &[("xml:id", f.id.as_str()), ("n", &n), ("place", "foot")],
                );
                self.words(&f.text);
                self.w.end("note");
            }
            self.w.end("div");
        }
        if !art.references.is_empty() {
            self.w.open_block("div", &[("type", "bibliography")]);
            self.given_head(TitleKey::References);
            self.w.open_block("listBibl", &[]);
            for r in &art.references {
                if let Some(printed) = r.printed.as_ref().filter(|_| !r.fields_state_something()) {
                    self.printed_only(r, printed);
                    continue;
                }
                let mut bib = reference(r);
                bib.n = self
                    .r
                    .reference_list_label(r.id.as_str())
                    .map(str::to_string);
                self.bib(&bib);
            }
            self.w.end("listBibl");
            self.w.end("div");
        }
        self.appendices();
        self.supplementary();
        self.sub_articles();
        self.w.end("back");
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
    cited_work(&mut b, r);
    cited_publication(&mut b, r);
    b
}

/// The work's own parts: its authors, title, translators, DOI, URL and language, in the
/// `analytic` when it has a container (which becomes the `monogr`'s title), else in the
/// `monogr`.
fn cited_work<'a>(b: &mut Bib<'a>, r: &'a Reference) {
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
    let pubmed = [("PMID", &r.pmid), ("PMCID", &r.pmcid)];
    let pubmed = pubmed.into_iter().filter_map(|(kind, id)| {
        id.as_deref().map(|value| Part::Idno {
            kind,
            subtype: None,
            value,
        })
    });
    let url = r.url.as_ref().map(|u| Part::Ptr(u.as_str()));
    let lang = r.language.as_ref().map(|l| Part::TextLang(l.as_str()));
    let authors = r
        .author
        .iter()
        .map(|n| Part::Author(Agent::Cited(n)))
        .chain(r.et_al.then_some(Part::EtAl));
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
            b.analytic.extend(pubmed);
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
            b.ids.extend(pubmed);
            b.ids.extend(url);
            b.rest.extend(lang);
            b.rest.extend(translators);
        }
    }
}

/// The parts of the publication: ISBN, editors, edition, imprint (place, publisher,
/// dates), scopes (volume, issue, pages), series, and a note after the `monogr`.
fn cited_publication<'a>(b: &mut Bib<'a>, r: &'a Reference) {
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
    if let Some(t) = &r.issued_text {
        b.imprint.push(Part::DateText(t));
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
            b.scopes.push(Part::scope(unit, v));
        }
    }
    b.series = r.collection_title.as_ref();
    b.tail.extend(r.note.as_ref().map(Part::Note));
    b.tail.extend(r.printed.as_ref().map(Part::Printed));
}

impl Emitter<'_> {
    /// A reference known only as printed: a `bibl` holding the printed text.
    fn printed_only(&mut self, r: &Reference, printed: &Text) {
        let mut attrs = vec![("xml:id", r.id.as_str()), ("type", csl_type(r.kind))];
        let n = self
            .r
            .reference_list_label(r.id.as_str())
            .map(str::to_string);
        if let Some(n) = &n {
            attrs.push(("n", n.as_str()));
        }
        self.w.open_mixed("bibl", &attrs);
        self.words(printed);
        self.w.end("bibl");
    }
}
