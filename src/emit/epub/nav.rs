//! The navigation document (table of contents, landmarks) and the issue's title page.

use super::{Body, Book, Item, Kind, written, xhtml};
use crate::emit::EmitError;
use crate::inline::Inline;
use crate::l10n::{self, Said, Term};
use crate::model::Role;
use crate::xml::XmlWriter;
use xhtml::{Target, TocEntry};

impl Book<'_> {
    /// The issue's title page with its contents.
    pub(super) fn issue_page(&self, lang: &str) -> Result<Item<'static>, EmitError> {
        let j = &self.issue.journal;
        let i = &self.issue.issue;
        let mut w = XmlWriter::new();
        xhtml::open_document(&mut w, Target::Epub, lang, &self.issue_title(), "style.css");
        w.open_block("body", &[]);
        w.open_block("main", &[]);
        w.open_block(
            "section",
            &[
                ("class", "title-page"),
                ("epub:type", "titlepage"),
                ("aria-labelledby", "_title"),
            ],
        );
        w.leaf("h1", &[("class", "title"), ("id", "_title")], &j.title);
        let mut line: Vec<(Option<Said>, String)> = Vec::new();
        if let Some(v) = &i.volume {
            line.push((Some(self.term(Term::VolumeLong)), v.clone()));
        }
        if let Some(n) = &i.number {
            line.push((Some(self.term(Term::NumberLong)), n.clone()));
        }
        if let Some(d) = &i.date {
            line.push((None, l10n::date(lang, &d.to_string())));
        }
        if !line.is_empty() {
            w.open_mixed("p", &[("class", "subtitle")]);
            for (k, (said, value)) in line.iter().enumerate() {
                if k > 0 {
                    w.text(", ");
                }
                said_with(&mut w, *said, value);
            }
            w.end("p");
        }
        if let Some(t) = &i.title {
            w.leaf("p", &[("class", "subtitle")], t);
        }
        self.journal_facts(&mut w);
        w.open_block("section", &[("aria-labelledby", "_contents")]);
        w.open_mixed("h2", &[("id", "_contents")]);
        said_with(&mut w, Some(self.term(Term::Contents)), "");
        w.end("h2");
        w.open_block("ol", &[("class", "contents")]);
        for p in self.parts {
            w.open_block("li", &[]);
            w.open_mixed("p", &[]);
            let href = format!("{}/title.xhtml", p.dir);
            w.open_inline("a", &[("href", &href)]);
            xhtml::write_nodes(&mut w, &p.r.article.title.inlines(), Target::Epub, false);
            w.end("a");
            let authors: Vec<String> =
                p.r.with_role(Role::Author)
                    .map(|c| c.name.display())
                    .collect();
            if !authors.is_empty() {
                w.text(" — ");
                w.text(&xhtml::join_and(p.r.article.lang.as_str(), &authors));
            }
            w.end("p");
            w.end("li");
        }
        w.open_block("li", &[]);
        w.open_mixed("p", &[]);
        w.open_inline("a", &[("href", "about.xhtml")]);
        let (h, h_lang) = self.about_heading();
        xhtml::write_generated(&mut w, Target::Epub, h, h_lang);
        w.end("a");
        w.end("p");
        w.end("li");
        w.end("ol");
        w.end("section");
        w.end("section");
        w.end("main");
        w.end("body");
        w.end("html");
        Ok(Item {
            id: "issue".into(),
            href: "issue.xhtml".into(),
            media_type: "application/xhtml+xml",
            properties: None,
            body: Body::Bytes(written(w)?.into_bytes()),
            in_spine: true,
        })
    }

    /// The publisher, the ISSNs (their medium in the issue's language) and the DOI.
    fn journal_facts(&self, w: &mut XmlWriter) {
        let j = &self.issue.journal;
        let i = &self.issue.issue;
        let mut facts: Vec<(Option<Said>, String)> = Vec::new();
        if let Some(p) = &j.publisher {
            facts.push((
                None,
                match &p.location {
                    Some(l) => format!("{l}: {}.", p.name),
                    None => format!("{}.", p.name),
                },
            ));
        }
        for issn in &j.issn {
            let medium = match issn.format {
                crate::model::PublicationFormat::Print => Term::Print,
                crate::model::PublicationFormat::Electronic => Term::Online,
            };
            facts.push((None, format!("ISSN {} (", issn.value)));
            facts.push((Some(self.term(medium)), String::new()));
            facts.push((None, ").".into()));
        }
        if let Some(d) = &i.doi {
            facts.push((None, format!("https://doi.org/{d}")));
        }
        if !facts.is_empty() {
            w.open_mixed("p", &[("class", "journal")]);
            for (k, (said, value)) in facts.iter().enumerate() {
                if k > 0 && said.is_none() && !value.starts_with(')') {
                    w.text(" ");
                }
                said_with(w, *said, value);
            }
            w.end("p");
        }
    }

    /// The navigation document: the table of contents (articles, their sections and
    /// back matter, "About the Authors") and landmarks.
    pub(super) fn nav(
        &self,
        lang: &str,
        tocs: &[(String, Vec<Inline>, Vec<TocEntry>)],
    ) -> Result<String, EmitError> {
        let mut w = XmlWriter::new();
        let contents = self.term(Term::Contents);
        xhtml::open_document_titled(
            &mut w,
            Target::Epub,
            lang,
            (contents.text, contents.lang),
            "style.css",
        );
        w.open_block("body", &[]);
        self.toc_nav(&mut w, tocs);
        self.landmarks_nav(&mut w, tocs);
        w.end("body");
        w.end("html");
        written(w)
    }

    /// The table of contents: the issue's title page, each article with its sections,
    /// then "About the Authors".
    fn toc_nav(&self, w: &mut XmlWriter, tocs: &[(String, Vec<Inline>, Vec<TocEntry>)]) {
        w.open_block(
            "nav",
            &[
                ("epub:type", "toc"),
                ("id", "toc"),
                ("role", "doc-toc"),
                ("aria-labelledby", "toc-h"),
            ],
        );
        w.open_mixed("h1", &[("id", "toc-h")]);
        said_with(w, Some(self.term(Term::Contents)), "");
        w.end("h1");
        w.open_block("ol", &[]);
        if self.kind == Kind::Issue {
            w.open_mixed("li", &[]);
            w.open_inline("a", &[("href", "issue.xhtml")]);
            w.text(&self.issue_title());
            w.end("a");
            w.end("li");
        }
        for (dir, title, toc) in tocs {
            // The link, then (inside the same mixed content) the article's sections.
            w.open_mixed("li", &[]);
            let href = format!("{dir}/title.xhtml");
            w.open_inline("a", &[("href", &href)]);
            xhtml::write_nodes(w, title, Target::Epub, false);
            w.end("a");
            if !toc.is_empty() {
                toc_entries(w, dir, toc);
            }
            w.end("li");
        }
        w.open_mixed("li", &[]);
        w.open_inline("a", &[("href", "about.xhtml")]);
        let (h, h_lang) = self.about_heading();
        xhtml::write_generated(w, Target::Epub, h, h_lang);
        w.end("a");
        w.end("li");
        w.end("ol");
        w.end("nav");
    }

    /// The landmarks: contents, title page, start of content and each bibliography.
    fn landmarks_nav(&self, w: &mut XmlWriter, tocs: &[(String, Vec<Inline>, Vec<TocEntry>)]) {
        w.open_block(
            "nav",
            &[
                ("epub:type", "landmarks"),
                ("id", "landmarks"),
                ("hidden", "hidden"),
                ("aria-labelledby", "landmarks-h"),
            ],
        );
        w.open_mixed("h2", &[("id", "landmarks-h")]);
        said_with(w, Some(self.term(Term::Landmarks)), "");
        w.end("h2");
        w.open_block("ol", &[]);
        landmark(w, "toc", "nav.xhtml#toc", self.term(Term::Contents), "");
        let first = tocs.first().map(|t| t.0.as_str()).unwrap_or("a1");
        let title_page = self.term(Term::TitlePage);
        match self.kind {
            Kind::Issue => landmark(w, "titlepage", "issue.xhtml", title_page, ""),
            Kind::Article => landmark(
                w,
                "titlepage",
                &format!("{first}/title.xhtml"),
                title_page,
                "",
            ),
        }
        landmark(
            w,
            "bodymatter",
            &format!("{first}/article.xhtml"),
            self.term(Term::StartOfContent),
            "",
        );
        for (p, (dir, _, _)) in self.parts.iter().zip(tocs) {
            if !p.r.article.references.is_empty() {
                let href = format!("{dir}/article.xhtml#_refs");
                if self.kind == Kind::Issue {
                    // The title with its markup, so a `[…]{lang=…}` span keeps its language.
                    let said = self.term(Term::ReferencesOf);
                    let (a, b) = said.split();
                    w.open_mixed("li", &[]);
                    w.open_inline("a", &[("epub:type", "bibliography"), ("href", &href)]);
                    xhtml::write_generated(w, Target::Epub, a, said.lang);
                    xhtml::write_text(w, &p.r.article.title, Target::Epub, false);
                    xhtml::write_generated(w, Target::Epub, b, said.lang);
                    w.end("a");
                    w.end("li");
                } else {
                    let (text, lang) = l10n::heading(
                        p.r.article.lang.as_str(),
                        crate::model::TitleKey::References,
                        Term::References,
                        &[&p.r.article.titles, &self.issue.titles],
                    );
                    w.open_mixed("li", &[]);
                    w.open_inline("a", &[("epub:type", "bibliography"), ("href", &href)]);
                    xhtml::write_generated(w, Target::Epub, text, lang);
                    w.end("a");
                    w.end("li");
                }
            }
        }
        w.end("ol");
        w.end("nav");
    }
}

/// The entries of a table of contents, nested as the sections are: an `ol` of block
/// content, written inside the mixed content of its parent `li` (after the parent's link).
fn toc_entries(w: &mut XmlWriter, dir: &str, list: &[TocEntry]) {
    w.open_block("ol", &[]);
    for e in list {
        w.open_mixed("li", &[]);
        let href = match e.id.split_once('#') {
            Some((doc, frag)) => format!("{dir}/{doc}#{frag}"),
            None => format!("{dir}/article.xhtml#{}", e.id),
        };
        w.open_inline("a", &[("href", &href)]);
        xhtml::write_nodes(w, &e.label, Target::Epub, false);
        w.end("a");
        if !e.children.is_empty() {
            toc_entries(w, dir, &e.children);
        }
        w.end("li");
    }
    w.end("ol");
}

/// One landmark: the term `said`, with `value` in place of its `{}`.
fn landmark(w: &mut XmlWriter, ty: &str, href: &str, said: Said, value: &str) {
    w.open_mixed("li", &[]);
    w.open_inline("a", &[("epub:type", ty), ("href", href)]);
    said_with(w, Some(said), value);
    w.end("a");
    w.end("li");
}

/// Writes the term `said` (if any) with `value` in place of its `{}` (or after it, for a
/// term without one); a fallback term is marked with its language.
fn said_with(w: &mut XmlWriter, said: Option<Said>, value: &str) {
    match said {
        Some(s) => {
            let (a, b) = s.split();
            xhtml::write_generated(w, Target::Epub, a, s.lang);
            w.text(value);
            xhtml::write_generated(w, Target::Epub, b, s.lang);
        }
        None => w.text(value),
    }
}
