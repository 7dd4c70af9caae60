//! The back matter of the body: end notes, acknowledgements, funding, footnotes (with
//! back-links to their first reference) and the references, author–date style.

use super::document::open_heading;
use super::inline::doi_link;
use super::{Renderer, join_and, write_generated};
use crate::l10n::{self, Term};
use crate::model::{
    Contributor, Reference, ReferenceName, ReferenceType, StatementKind, Text, TitleKey,
};
use crate::resolve::csl::CslEntry;
use crate::xml::XmlWriter;

/// A heading and, when it is a fallback in another language, that language.
pub(super) type Heading<'a> = (&'a str, Option<&'static str>);

fn full_name(n: &ReferenceName) -> String {
    match (&n.literal, &n.family, &n.given) {
        (Some(l), _, _) => l.clone(),
        (None, Some(f), Some(g)) => format!("{f}, {g}"),
        (None, Some(f), None) => f.clone(),
        (None, None, Some(g)) => g.clone(),
        (None, None, None) => String::new(),
    }
}

fn names_list(lang: &str, names: &[ReferenceName]) -> String {
    join_and(lang, &names.iter().map(full_name).collect::<Vec<_>>())
}

/// The sentences of a reference, each after the first preceded by a space.
struct Sentences {
    first: bool,
}

impl Sentences {
    /// Starts the next sentence: a space unless it is the first.
    fn start(&mut self, w: &mut XmlWriter) {
        if !std::mem::replace(&mut self.first, false) {
            w.text(" ");
        }
    }
}

/// `s` as a sentence: with a full stop unless it ends with one.
fn sentence(s: &str) -> String {
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

impl<'a> Renderer<'a> {
    /// The back-matter parts with a heading: id, heading (and the language of a
    /// fallback heading), and whether the article has the part.
    pub(super) fn back_parts(&self) -> [(&'static str, Heading<'a>, bool); 4] {
        let a = self.article;
        [
            (
                "_ack",
                self.part_heading(TitleKey::Acknowledgements, Term::Acknowledgements),
                !a.acknowledgements.is_empty(),
            ),
            (
                "_funding",
                self.part_heading(TitleKey::Funding, Term::Funding),
                !a.funding.is_empty(),
            ),
            (
                "_notes",
                self.part_heading(TitleKey::Notes, Term::Notes),
                !a.footnotes.is_empty(),
            ),
            (
                "_refs",
                self.part_heading(TitleKey::References, Term::References),
                !a.references.is_empty(),
            ),
        ]
    }

    /// The back matter after the body's blocks: the end notes as printed,
    /// acknowledgements, funding, footnotes, references and appendices, each when the
    /// article has it.
    pub(super) fn back_matter(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        if !art.end_notes.is_empty() {
            self.end_notes(w);
        }
        if !art.acknowledgements.is_empty() {
            self.acknowledgements(w);
        }
        if !art.funding.is_empty() {
            self.funding(w);
        }
        // The correspondence is on the title page, with the corresponding authors.
        for (kind, t) in art.statements.made() {
            if kind != StatementKind::Correspondence {
                self.statement(w, kind, t);
            }
        }
        if !art.footnotes.is_empty() {
            self.footnotes(w);
        }
        if !art.references.is_empty() {
            self.references(w);
        }
        self.appendices(w);
        self.supplementary(w);
    }

    /// The end notes, as printed.
    fn end_notes(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        w.open_block("div", &[("class", "end-notes")]);
        for p in &art.end_notes {
            self.para(w, None, p);
        }
        w.end("div");
    }

    /// The acknowledgements, a section with a heading.
    fn acknowledgements(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        let level = self.level;
        let mut a = vec![("class", "acknowledgements"), ("id", "_ack")];
        self.epub_type(&mut a, "acknowledgments");
        // DPUB-ARIA 1.1: the role that `epub:type="acknowledgments"` maps to.
        a.extend([
            ("role", "doc-acknowledgments"),
            ("aria-labelledby", "_ack-h"),
        ]);
        w.open_block("section", &a);
        let h = open_heading(w, level, &[("id", "_ack-h")]);
        self.write_part_heading(w, TitleKey::Acknowledgements, Term::Acknowledgements);
        w.end(h);
        for p in &art.acknowledgements {
            self.para(w, None, p);
        }
        w.end("section");
    }

    /// The funders, grants and recipients, a section with a heading.
    fn funding(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        let level = self.level;
        w.open_block(
            "section",
            &[
                ("class", "funding"),
                ("id", "_funding"),
                ("aria-labelledby", "_funding-h"),
            ],
        );
        let h = open_heading(w, level, &[("id", "_funding-h")]);
        self.write_part_heading(w, TitleKey::Funding, Term::Funding);
        w.end(h);
        w.open_block("ul", &[]);
        for f in &art.funding {
            w.open_mixed("li", &[]);
            w.text(&f.funder);
            if let Some(a) = &f.award_id {
                self.say_with(w, Term::Grant, a);
            }
            let people: Vec<&Contributor> = f
                .recipients
                .iter()
                .filter_map(|id| self.r.contributor(id))
                .collect();
            if !people.is_empty() {
                let said = self.term(Term::AwardedTo);
                let (before, after) = said.split();
                write_generated(w, self.target, before, said.lang);
                self.people(w, &people);
                write_generated(w, self.target, after, said.lang);
            }
            self.say(w, Term::FullStop);
            w.end("li");
        }
        w.end("ul");
        w.end("section");
    }

    /// A statement (competing interests, data availability…): a section with a heading
    /// in the article's language.
    fn statement(&mut self, w: &mut XmlWriter, kind: StatementKind, t: &Text) {
        let level = self.level;
        let id = format!("_st-{}", kind.slug());
        let hid = format!("{id}-h");
        w.open_block(
            "section",
            &[
                ("class", "statement"),
                ("id", &id),
                ("aria-labelledby", &hid),
            ],
        );
        let h = open_heading(w, level, &[("id", &hid)]);
        self.say(w, l10n::statement_term(kind));
        w.end(h);
        self.para(w, None, t);
        w.end("section");
    }

    /// The footnotes, each with a back-link to its first reference.
    fn footnotes(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        let level = self.level;
        let mut a = vec![("class", "footnotes"), ("id", "_notes")];
        self.epub_type(&mut a, "footnotes");
        a.push(("aria-labelledby", "_notes-h"));
        w.open_block("section", &a);
        let h = open_heading(w, level, &[("id", "_notes-h")]);
        self.write_part_heading(w, TitleKey::Notes, Term::Notes);
        w.end(h);
        for (i, f) in art.footnotes.iter().enumerate() {
            let id = format!("_fn-{}", f.id);
            let mut a = vec![("id", id.as_str())];
            self.epub_type(&mut a, "footnote");
            a.push(("role", "doc-footnote"));
            w.open_block("aside", &a);
            w.open_mixed("p", &[]);
            let n = (i + 1).to_string();
            match self.refs.first.get(f.id.as_str()).cloned() {
                Some((doc, rid)) => {
                    let href = self.refs.href(&doc, &rid);
                    let label = self.term(Term::BackToNote).fill(&n);
                    w.open_inline(
                        "a",
                        &[
                            ("href", &href),
                            ("role", "doc-backlink"),
                            ("aria-label", &label),
                        ],
                    );
                    w.text(&n);
                    w.end("a");
                }
                None => w.text(&n),
            }
            w.text(". ");
            self.inline(w, &f.text);
            w.end("p");
            w.end("aside");
        }
        w.end("section");
    }

    /// The references, a list in the article's order.
    fn references(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        let level = self.level;
        let mut a = vec![("class", "references"), ("id", "_refs")];
        self.epub_type(&mut a, "bibliography");
        a.extend([("role", "doc-bibliography"), ("aria-labelledby", "_refs-h")]);
        w.open_block("section", &a);
        let h = open_heading(w, level, &[("id", "_refs-h")]);
        self.write_part_heading(w, TitleKey::References, Term::References);
        w.end(h);
        if let Some(csl) = &self.r.csl {
            self.csl_references(w, &csl.bibliography);
            w.end("section");
            return;
        }
        w.open_block("ul", &[]);
        for r in &art.references {
            let id = format!("_ref-{}", r.id);
            w.open_mixed("li", &[("id", &id)]);
            if let Some(n) = self.r.reference_list_label(r.id.as_str()) {
                w.open_inline("span", &[("class", "ref-label")]);
                w.text(&format!("[{n}]"));
                w.end("span");
                w.text(" ");
            }
            self.reference(w, r);
            w.end("li");
        }
        w.end("ul");
        w.end("section");
    }

    /// The reference list as a named CSL style writes it, in the style's order, each
    /// entry with the label the style sets apart ("1.", "[1]"). A reference the source
    /// gives as printed is printed as it is.
    fn csl_references(&mut self, w: &mut XmlWriter, entries: &[CslEntry]) {
        w.open_block("ul", &[]);
        for e in entries {
            let id = format!("_ref-{}", e.id);
            w.open_mixed("li", &[("id", &id)]);
            if let Some(n) = &e.label {
                w.open_inline("span", &[("class", "ref-label")]);
                w.text(n);
                w.end("span");
                w.text(" ");
            }
            match self.r.reference(&e.id).and_then(|r| r.printed.as_ref()) {
                Some(p) => self.inline(w, p),
                None => self.inline_nodes(w, &e.content),
            }
            w.end("li");
        }
        // A reference the style left out of its list (hayagriva lists every reference it
        // was given) is still listed, in galley's own form, so that its links lead somewhere.
        let art = self.article;
        for r in &art.references {
            if !entries.iter().any(|e| e.id == r.id.as_str()) {
                let id = format!("_ref-{}", r.id);
                w.open_mixed("li", &[("id", &id)]);
                self.reference(w, r);
                w.end("li");
            }
        }
        w.end("ul");
    }

    /// One reference, author–date style: each element is a sentence, separated by a
    /// space, none trailing.
    ///
    /// A reference the source gives as printed is printed as it is, its words never
    /// rewritten into this style.
    fn reference(&mut self, w: &mut XmlWriter, r: &Reference) {
        if let Some(p) = &r.printed {
            self.inline(w, p);
            return;
        }
        let mut next = Sentences { first: true };
        self.reference_author_year_title(w, r, &mut next);
        self.reference_container(w, r, &mut next);
        self.reference_editions(w, r, &mut next);
        self.reference_publication(w, r, &mut next);
    }

    /// The authors (else the editors), the year ("n.d." without one) and the title,
    /// quoted for a part of a larger work and in italics otherwise.
    fn reference_author_year_title(
        &mut self,
        w: &mut XmlWriter,
        r: &Reference,
        next: &mut Sentences,
    ) {
        use ReferenceType as T;
        let part = matches!(
            r.kind,
            T::ArticleJournal
                | T::ArticleMagazine
                | T::ArticleNewspaper
                | T::Chapter
                | T::PaperConference
                | T::Webpage
                | T::Manuscript
        );
        let by_editors = r.author.is_empty() && !r.editor.is_empty();
        if !r.author.is_empty() || by_editors {
            let mut who = names_list(self.lang(), if by_editors { &r.editor } else { &r.author });
            if r.et_al && !by_editors {
                let names: Vec<String> = r.author.iter().map(full_name).collect();
                let (_, et_al) = l10n::label_words(self.lang());
                who = format!("{} {}", names.join(", "), et_al.trim_end_matches('.'));
            }
            next.start(w);
            if by_editors {
                let t = if r.editor.len() > 1 {
                    Term::EditorsSuffix
                } else {
                    Term::EditorSuffix
                };
                let said = self.term(t);
                let (before, after) = said.split();
                write_generated(w, self.target, before, said.lang);
                w.text(&who);
                write_generated(w, self.target, after, said.lang);
                w.text(".");
            } else {
                w.text(&sentence(&who));
            }
        }
        // The date as printed when the source gives it so, else the year.
        let year = r.issued_text.clone().unwrap_or_else(|| {
            r.issued
                .as_ref()
                .map(|d| d.as_str().get(..4).unwrap_or(d.as_str()).to_string())
                .unwrap_or_else(|| l10n::no_date(self.lang()).into())
        });
        next.start(w);
        w.text(&sentence(&year));
        if let Some(t) = &r.title {
            next.start(w);
            if part {
                w.text("“");
                self.inline(w, t);
                w.text(".”");
            } else {
                w.open_inline("i", &[]);
                self.inline(w, t);
                w.end("i");
                w.text(".");
            }
        }
    }

    /// The container (journal, book, proceedings) with volume, issue and pages, or the
    /// volume and pages of a work without one.
    fn reference_container(&mut self, w: &mut XmlWriter, r: &Reference, next: &mut Sentences) {
        use ReferenceType as T;
        if let Some(c) = &r.container_title {
            next.start(w);
            let in_ =
                matches!(r.kind, T::Chapter | T::PaperConference).then(|| self.term(Term::In));
            let (before, after) = in_.map_or(("", ""), |s| s.split());
            let in_lang = in_.and_then(|s| s.lang);
            write_generated(w, self.target, before, in_lang);
            w.open_inline("i", &[]);
            self.inline(w, c);
            w.end("i");
            write_generated(w, self.target, after, in_lang);
            let mut vol = String::new();
            if let Some(v) = &r.volume {
                vol.push(' ');
                vol.push_str(v);
            }
            if let Some(i) = &r.issue {
                vol.push_str(&format!(" ({i})"));
            }
            w.text(&vol);
            if let Some(p) = &r.page {
                w.text(if vol.is_empty() { ", " } else { ": " });
                w.text(&p.replace('-', "–"));
            }
            w.text(".");
        } else {
            if let Some(v) = &r.volume {
                next.start(w);
                self.say_with(w, Term::VolumeSentence, v);
            }
            if let Some(p) = &r.page {
                next.start(w);
                self.say_with(w, Term::PagesSentence, &p.replace('-', "–"));
            }
        }
    }

    /// The editors (beside authors), translators, edition and series.
    fn reference_editions(&mut self, w: &mut XmlWriter, r: &Reference, next: &mut Sentences) {
        if !r.author.is_empty() && !r.editor.is_empty() {
            next.start(w);
            self.say_with(w, Term::EditedBy, &names_list(self.lang(), &r.editor));
            w.text(".");
        }
        if !r.translator.is_empty() {
            next.start(w);
            self.say_with(
                w,
                Term::TranslatedBy,
                &names_list(self.lang(), &r.translator),
            );
            w.text(".");
        }
        if let Some(e) = &r.edition {
            next.start(w);
            let e = e.strip_suffix('.').unwrap_or(e);
            self.say_with(w, Term::Edition, e);
            w.text(".");
        }
        if let Some(c) = &r.collection_title {
            next.start(w);
            self.inline(w, c);
            w.text(".");
        }
    }

    /// The place and publisher, ISBN, DOI, URL, date of access and note.
    fn reference_publication(&mut self, w: &mut XmlWriter, r: &Reference, next: &mut Sentences) {
        let place = match (&r.publisher_place, &r.publisher) {
            (Some(pl), Some(p)) => Some(format!("{pl}: {p}")),
            (None, Some(p)) => Some(p.clone()),
            (Some(pl), None) => Some(pl.clone()),
            (None, None) => None,
        };
        if let Some(p) = place {
            next.start(w);
            w.text(&sentence(&p));
        }
        if let Some(i) = &r.isbn {
            next.start(w);
            w.text(&format!("ISBN {i}."));
        }
        if let Some(d) = &r.doi {
            next.start(w);
            doi_link(w, d.as_str());
            w.text(".");
        }
        for (name, id) in [("PMID", &r.pmid), ("PMCID", &r.pmcid)] {
            if let Some(id) = id {
                next.start(w);
                w.text(&format!("{name} {id}."));
            }
        }
        if let Some(u) = &r.url {
            next.start(w);
            w.open_inline("a", &[("href", u.as_str())]);
            w.text(u.as_str());
            w.end("a");
            w.text(".");
        }
        if let Some(a) = &r.accessed {
            next.start(w);
            self.say_with(w, Term::Accessed, &l10n::date(self.lang(), a.as_str()));
        }
        if let Some(n) = &r.note {
            next.start(w);
            self.inline(w, n);
        }
    }
}
