//! `back`: acknowledgements, footnotes, the reference list (`ref` with
//! `element-citation`) and end notes.

use super::{InputFile, Jats, date_parts, opt_attrs, plain};
use crate::inline::{self, Inline};
use crate::model::{Reference, ReferenceName, ReferenceType, StatementKind, Text, TitleKey};

impl<'a> Jats<'a> {
    /// `back`: `ack`, `fn-group`, `ref-list`, the appendices' `app-group`, and the end
    /// notes as `notes`.
    pub(super) fn back(&mut self) {
        let art = self.art;
        if art.acknowledgements.is_empty()
            && art.footnotes.is_empty()
            && art.references.is_empty()
            && art.end_notes.is_empty()
            && art.appendices.is_empty()
            && art.supplementary.is_empty()
            && !self.has_back_statements()
        {
            return;
        }
        self.w.open_block("back", &[]);
        if !art.acknowledgements.is_empty() {
            self.w.open_block("ack", &[]);
            self.given_title(TitleKey::Acknowledgements);
            for p in &art.acknowledgements {
                self.para(p);
            }
            self.w.end("ack");
        }
        if !art.footnotes.is_empty() {
            self.w.open_block("fn-group", &[]);
            self.given_title(TitleKey::Notes);
            for (i, f) in art.footnotes.iter().enumerate() {
                self.w.open_block("fn", &[("id", f.id.as_str())]);
                self.w.leaf("label", &[], &(i + 1).to_string());
                self.para(&f.text);
                self.w.end("fn");
            }
            self.w.end("fn-group");
        }
        if !art.references.is_empty() {
            self.w.open_block("ref-list", &[]);
            self.given_title(TitleKey::References);
            for (i, r) in art.references.iter().enumerate() {
                self.reference(i, r);
            }
            self.w.end("ref-list");
        }
        self.appendices();
        if !art.end_notes.is_empty() {
            self.w.open_block("notes", &[]);
            for p in &art.end_notes {
                self.para(p);
            }
            self.w.end("notes");
        }
        self.back_statements();
        self.supplementary();
        self.w.end("back");
    }

    /// The statements that JATS4R places in `back`: data availability, ethics and the
    /// use of AI as `sec` with a `sec-type` and a `title` (which `sec` requires: the
    /// heading in the article's language, a fallback marked with its language), the
    /// publisher's note as `notes`.
    const BACK_STATEMENTS: [(StatementKind, &'static str, &'static str); 4] = [
        (StatementKind::DataAvailability, "sec", "data-availability"),
        (StatementKind::Ethics, "sec", "ethics-statement"),
        (StatementKind::AiUse, "sec", "ai-use"),
        (StatementKind::PublishersNote, "notes", "publisher-note"),
    ];

    fn has_back_statements(&self) -> bool {
        Self::BACK_STATEMENTS
            .iter()
            .any(|(k, _, _)| self.art.statements.get(*k).is_some())
    }

    /// The `title` of a statement's `sec`: its heading in the article's language.
    fn statement_title(&mut self, kind: StatementKind) {
        let heading = crate::l10n::term(self.art.lang.as_str(), crate::l10n::statement_term(kind));
        self.generated_title(heading.text, heading.lang);
    }

    /// A `title` galley writes: `text`, marked with its language `lang` when it is a
    /// fallback in another language than the article's.
    pub(super) fn generated_title(&mut self, text: &str, lang: Option<&str>) {
        self.w.open_mixed("title", &[]);
        match lang {
            Some(l) => self.w.leaf(
                "named-content",
                &[("content-type", "lang"), ("xml:lang", l)],
                text,
            ),
            None => self.w.text(text),
        }
        self.w.end("title");
    }

    fn back_statements(&mut self) {
        for (kind, element, ty) in Self::BACK_STATEMENTS {
            if let Some(t) = self.art.statements.get(kind) {
                let attr = if element == "sec" {
                    "sec-type"
                } else {
                    "notes-type"
                };
                self.w.open_block(element, &[(attr, ty)]);
                if element == "sec" {
                    self.statement_title(kind);
                }
                self.para(t);
                self.w.end(element);
            }
        }
    }

    /// One `ref`: an `element-citation` built from the CSL fields; with the reference as
    /// printed, a `mixed-citation` holding it beside them (in `citation-alternatives`),
    /// or alone when the fields are not known.
    ///
    /// With a container (`container_title`), the title is the part's title
    /// (`chapter-title` for a chapter, `data-title` for a dataset, `article-title`
    /// otherwise) and the container the `source`; without one, the title is the
    /// `source`. The work's language is the `xml:lang` of its own title; a work with a
    /// language and no title has nowhere to say it, which is reported as a loss.
    ///
    /// A reference's `label` is its number in a numeric journal (its own `label`, else
    /// its place in the list), else the `label` the source gives, if any.
    fn reference(&mut self, index: usize, r: &Reference) {
        self.w.open_block("ref", &[("id", r.id.as_str())]);
        if let Some(n) = self.r.reference_list_label(r.id.as_str()) {
            self.w.leaf("label", &[], n);
        }
        let kind = publication_type(r.kind);
        match &r.printed {
            Some(p) if r.fields_state_something() => {
                self.w.open_block("citation-alternatives", &[]);
                self.element_citation(index, r);
                self.text_element("mixed-citation", &[("publication-type", kind)], p);
                self.w.end("citation-alternatives");
            }
            Some(p) => self.text_element("mixed-citation", &[("publication-type", kind)], p),
            None => self.element_citation(index, r),
        }
        self.w.end("ref");
        if let Some(lang) = r.language.as_ref().filter(|_| r.title.is_none()) {
            self.loss(
                InputFile::Article,
                format!("/references/{index}/language"),
                "reference-language",
                format!("the cited work has no title to carry its language in JATS (`xml:lang` on the title): `{lang}` is not written"),
            );
        }
    }

    /// The `element-citation` built from a reference's fields.
    fn element_citation(&mut self, index: usize, r: &Reference) {
        self.w.open_block(
            "element-citation",
            &[("publication-type", publication_type(r.kind))],
        );
        self.person_group("author", &r.author, r.et_al);
        self.person_group("editor", &r.editor, false);
        self.person_group("translator", &r.translator, false);
        self.citation_titles(index, r);
        self.citation_publication(r);
        self.citation_identifiers(r);
        if let Some(n) = &r.note {
            self.text_element("comment", &[], n);
        }
        self.w.end("element-citation");
    }

    /// The titles of a cited work: its own title (`data-title`, `chapter-title`,
    /// `article-title`, or `source` when it has no container), the container as
    /// `source`, and the collection as `series`.
    fn citation_titles(&mut self, index: usize, r: &Reference) {
        if let Some(title) = &r.title {
            let element = match (r.kind, r.container_title.is_some()) {
                (ReferenceType::Dataset, _) => "data-title",
                (ReferenceType::Chapter, _) => "chapter-title",
                (_, true) => "article-title",
                (_, false) => "source",
            };
            // The work's language is said on its own title (JATS has no place for it
            // on the citation as a whole that would not claim the citation's text is in
            // that language).
            match &r.language {
                Some(l) => self.text_element(element, &[("xml:lang", l.as_str())], title),
                None => self.text_element(element, &[], title),
            }
        }
        if let Some(c) = &r.container_title {
            self.text_element("source", &[], c);
        }
        if let Some(s) = &r.collection_title {
            self.series(index, s);
        }
    }

    /// `series`, which takes no `ext-link`: a link in a series title keeps its text, and
    /// its address is reported lost.
    fn series(&mut self, index: usize, s: &Text) {
        let mut has_link = false;
        inline::visit(&s.inlines(), &mut |n| {
            has_link |= matches!(n, Inline::Link { .. })
        });
        if has_link {
            self.loss(
                InputFile::Article,
                format!("/references/{index}/collection_title"),
                "series-link",
                "a link in a series title: JATS `series` cannot hold `ext-link`; its text is kept"
                    .into(),
            );
        }
        self.links_allowed = false;
        self.text_element("series", &[], s);
        self.links_allowed = true;
    }

    /// Where and when a cited work appeared: `edition`, the date of issue (`year`,
    /// `month`, `day`), `volume`, `issue`, pages, `publisher-loc` and `publisher-name`.
    fn citation_publication(&mut self, r: &Reference) {
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
        if let Some(t) = &r.issued_text {
            self.w.leaf("string-date", &[], t);
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
    }

    /// How to find a cited work: `isbn`, the DOI as `pub-id`, the URL as `ext-link`, and
    /// the date it was accessed as `date-in-citation`.
    fn citation_identifiers(&mut self, r: &Reference) {
        if let Some(isbn) = &r.isbn {
            self.w.leaf("isbn", &[], isbn);
        }
        if let Some(doi) = &r.doi {
            self.w
                .leaf("pub-id", &[("pub-id-type", "doi")], doi.as_str());
        }
        for (kind, id) in [("pmid", &r.pmid), ("pmcid", &r.pmcid)] {
            if let Some(id) = id {
                self.w.leaf("pub-id", &[("pub-id-type", kind)], id);
            }
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
    }

    /// `person-group person-group-type=…` of `name`s, with organisations and names that
    /// cannot be split (`literal`) as `collab`. CSL names do not say in which order
    /// they are written, so no `name-style` is claimed (beyond `given-only`).
    fn person_group(&mut self, kind: &str, names: &[ReferenceName], et_al: bool) {
        if names.is_empty() && !et_al {
            return;
        }
        self.w
            .open_block("person-group", &[("person-group-type", kind)]);
        for n in names {
            if let Some(l) = &n.literal {
                self.w.leaf("collab", &[], l);
                continue;
            }
            let style = n.family.is_none().then_some("given-only");
            if n.family.is_none() && n.given.is_none() {
                continue;
            }
            self.w
                .open_block("name", &opt_attrs(&[("name-style", style)]));
            if let Some(f) = &n.family {
                self.w.leaf("surname", &[], f);
            }
            if let Some(g) = &n.given {
                self.w.leaf("given-names", &[], g);
            }
            self.w.end("name");
        }
        if et_al {
            self.w.empty("etal", &[]);
        }
        self.w.end("person-group");
    }

    /// Pages as printed: `fpage` and `lpage` for a simple range (`4-20`, `4–20`) or one
    /// page, `page-range` for anything else (`4-8, 12`).
    pub(super) fn page_range(&mut self, p: &str) {
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
