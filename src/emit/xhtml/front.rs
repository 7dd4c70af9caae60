//! The title page: section heading, title, subtitle, byline, the other contributors with
//! their roles, the translation note, the journal line, dates, licence, abstract and
//! keywords.

use super::document::open_heading;
use super::inline::{as_refs, doi_link, lang_attrs, write_original_name};
use super::{Renderer, contributor_anchor, join_and, language_name};
use crate::model::{Contributor, License, Role, Translation};
use crate::xml::XmlWriter;

impl<'a> Renderer<'a> {
    /// Writes a contributor's name (Latin script, then the original script in a language
    /// span), linked to the "About the Authors" entry when `link` is set.
    fn person(&mut self, w: &mut XmlWriter, c: &Contributor, link: bool) {
        if link {
            let href = self.refs.href(
                &self.places.about.clone(),
                &contributor_anchor(c.id.as_str()),
            );
            w.open_inline("a", &[("href", &href)]);
            w.text(&c.name.display());
            w.end("a");
        } else {
            w.text(&c.name.display());
        }
        if let Some(o) = &c.original_name {
            w.text(" (");
            write_original_name(w, o, self.target);
            w.text(")");
        }
    }

    /// The article's contributors with `role`, in byline order.
    fn with_role(&self, role: Role) -> Vec<&'a Contributor> {
        self.r.with_role(role).collect()
    }

    pub(super) fn people(&mut self, w: &mut XmlWriter, people: &[&Contributor]) {
        for (i, c) in people.iter().enumerate() {
            if i > 0 {
                w.text(if i + 1 == people.len() { " and " } else { ", " });
            }
            self.person(w, c, true);
        }
    }

    /// The title page: the section heading of the issue, title, subtitle, byline, the
    /// other contributors with their roles, the translation note, the journal, dates,
    /// licence, abstract and keywords. The title is a heading of `level`.
    pub fn title_page(&mut self, w: &mut XmlWriter, level: usize) {
        let art = self.article;
        let mut attrs = vec![("class", "title-page")];
        self.epub_type(&mut attrs, "titlepage");
        attrs.push(("aria-labelledby", "_title"));
        w.open_block("section", &attrs);
        if let Some(h) = &art.heading {
            w.leaf("p", &[("class", "section-heading")], h);
        }
        self.subjects_line(w);
        let h = open_heading(w, level, &[("class", "title"), ("id", "_title")]);
        self.inline(w, &art.title);
        w.end(h);
        if let Some(s) = &art.subtitle {
            self.para(w, Some("subtitle"), s);
        }
        self.trans_titles(w);
        self.byline(w);
        self.contributor_roles(w);
        if let Some(tr) = &art.translation {
            self.translation_note(w, tr);
        }
        self.journal_line(w);
        self.dates_line(w);
        if let Some(l) = &art.license {
            self.license_line(w, l);
        }
        if !art.abstract_.is_empty() {
            self.abstract_section(w, level);
        }
        self.extra_abstracts(w, level);
        self.keywords_line(w);
        self.keyword_groups(w);
        w.end("section");
    }

    /// The authors (linked to their entries), then the corresponding authors by name.
    fn byline(&mut self, w: &mut XmlWriter) {
        let authors = self.with_role(Role::Author);
        if !authors.is_empty() {
            w.open_mixed("p", &[("class", "byline")]);
            self.people(w, &authors);
            let corresponding: Vec<&Contributor> = self
                .r
                .byline
                .iter()
                .filter(|b| b.entry.corresponding)
                .map(|b| b.person)
                .collect();
            w.end("p");
            if !corresponding.is_empty() {
                w.open_mixed("p", &[("class", "contributor-roles")]);
                w.text("Corresponding author: ");
                let names: Vec<String> = corresponding.iter().map(|c| c.name.display()).collect();
                w.text(&join_and(&names));
                w.text(".");
                w.end("p");
            }
        }
    }

    /// The translators, revisers and editors, each group with its role.
    fn contributor_roles(&mut self, w: &mut XmlWriter) {
        let roles = [
            (Role::Translator, "Translated by "),
            (Role::Reviser, "Revised by "),
            (Role::Editor, "Edited by "),
        ];
        let present: Vec<_> = roles
            .iter()
            .map(|(r, text)| (self.with_role(*r), *text))
            .filter(|(p, _)| !p.is_empty())
            .collect();
        if !present.is_empty() {
            w.open_mixed("p", &[("class", "contributor-roles")]);
            for (i, (people, text)) in present.iter().enumerate() {
                if i > 0 {
                    w.text(" ");
                }
                w.text(text);
                self.people(w, people);
                w.text(".");
            }
            w.end("p");
        }
    }

    /// "Translated from the … original, published in …": the source of a translation.
    fn translation_note(&mut self, w: &mut XmlWriter, tr: &Translation) {
        w.open_mixed("p", &[("class", "translation-note")]);
        w.text(&format!(
            "Translated from the {} original",
            language_name(tr.original_lang.as_str())
        ));
        if let Some(t) = &tr.original_title {
            w.text(", “");
            let la = lang_attrs(self.target, tr.original_lang.as_str());
            w.open_inline("span", &as_refs(&la));
            self.inline(w, t);
            w.end("span");
            w.text("”,");
        }
        w.text(" published in ");
        let src = &tr.source;
        w.open_inline("cite", &[]);
        w.text(&src.title);
        w.end("cite");
        if let Some(o) = &src.title_original {
            w.text(" (");
            let la = lang_attrs(self.target, tr.original_lang.as_str());
            w.open_inline("span", &as_refs(&la));
            w.text(o);
            w.end("span");
            w.text(")");
        }
        let mut parts = Vec::new();
        if let Some(y) = src.year {
            parts.push(y.to_string());
        }
        if let Some(v) = &src.volume {
            parts.push(format!("vol. {v}"));
        }
        if let Some(i) = &src.issue {
            parts.push(format!("no. {i}"));
        }
        if let Some(p) = &src.pages {
            parts.push(format!("pp. {}", p.replace('-', "–")));
        }
        for p in &parts {
            w.text(", ");
            w.text(p);
        }
        if let Some(doi) = &src.doi {
            w.text(". ");
            doi_link(w, doi.as_str());
        }
        w.text(".");
        w.end("p");
    }

    /// The received, revised, accepted and published dates in one sentence.
    fn dates_line(&self, w: &mut XmlWriter) {
        let art = self.article;
        let d = &art.dates;
        let dates: Vec<String> = [
            ("Received", &d.received),
            ("revised", &d.revised),
            ("accepted", &d.accepted),
            ("published", &d.published),
        ]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {v}")))
        .collect();
        if !dates.is_empty() {
            let mut s = dates.join("; ");
            if let Some(first) = s.get(..1) {
                s = first.to_uppercase() + &s[1..];
            }
            s.push('.');
            w.leaf("p", &[("class", "dates")], &s);
        }
    }

    /// The copyright line, the licence text and the licence's URL.
    fn license_line(&mut self, w: &mut XmlWriter, l: &License) {
        w.open_mixed("p", &[("class", "license")]);
        let mut first = true;
        if let Some(c) = &l.copyright {
            w.text(c);
            w.text(".");
            first = false;
        }
        if let Some(t) = &l.text {
            if !first {
                w.text(" ");
            }
            self.inline(w, t);
            first = false;
        }
        if let Some(u) = &l.url {
            if !first {
                w.text(" ");
            }
            w.open_inline("a", &[("href", u.as_str())]);
            w.text(u.as_str());
            w.end("a");
        }
        w.end("p");
    }

    /// The abstract: a section whose heading is one level below the title's.
    fn abstract_section(&mut self, w: &mut XmlWriter, level: usize) {
        let art = self.article;
        let mut a = vec![("class", "abstract")];
        self.epub_type(&mut a, "abstract");
        a.extend([("role", "doc-abstract"), ("aria-labelledby", "_abstract")]);
        w.open_block("section", &a);
        let h = open_heading(w, level + 1, &[("id", "_abstract")]);
        w.text("Abstract");
        w.end(h);
        for p in &art.abstract_ {
            self.para(w, None, p);
        }
        w.end("section");
    }

    /// The keywords, after a "Keywords:" label.
    fn keywords_line(&self, w: &mut XmlWriter) {
        let art = self.article;
        if !art.keywords.is_empty() {
            w.open_mixed("p", &[("class", "keywords")]);
            w.open_inline("span", &[("class", "label")]);
            w.text("Keywords:");
            w.end("span");
            w.text(" ");
            w.text(&art.keywords.join("; "));
            w.end("p");
        }
    }

    /// The journal, issue, pages, identifiers and publisher of the article.
    fn journal_line(&mut self, w: &mut XmlWriter) {
        let j = &self.ctx.issue.journal;
        let iss = &self.ctx.issue.issue;
        let art = self.article;
        w.open_mixed("p", &[("class", "journal")]);
        w.text("Published in ");
        let la = j
            .lang
            .as_ref()
            .map(|l| lang_attrs(self.target, l.as_str()))
            .unwrap_or_default();
        let mut cite_attrs = as_refs(&la);
        cite_attrs.insert(0, ("class", "journal-title"));
        w.open_inline("cite", &cite_attrs);
        match &j.url {
            Some(u) => {
                w.open_inline("a", &[("href", u.as_str())]);
                w.text(&j.title);
                w.end("a");
            }
            None => w.text(&j.title),
        }
        w.end("cite");
        let mut parts = Vec::new();
        if let Some(v) = &iss.volume {
            parts.push(format!("vol. {v}"));
        }
        if let Some(n) = &iss.number {
            parts.push(format!("no. {n}"));
        }
        if let Some(d) = &iss.date {
            parts.push(d.to_string());
        }
        if let Some(t) = &iss.title {
            parts.push(format!("“{t}”"));
        }
        if let Some(p) = &art.pages {
            parts.push(match &p.last {
                Some(l) => format!("pp. {}–{l}", p.first),
                None => format!("p. {}", p.first),
            });
        }
        if let Some(e) = &art.elocation {
            parts.push(e.clone());
        }
        for p in &parts {
            w.text(", ");
            w.text(p);
        }
        w.text(".");
        if !j.issn.is_empty() {
            let issns: Vec<String> = j
                .issn
                .iter()
                .map(|i| {
                    let medium = match i.format {
                        crate::model::PublicationFormat::Print => "print",
                        crate::model::PublicationFormat::Electronic => "online",
                    };
                    format!("{} ({medium})", i.value)
                })
                .collect();
            w.text(&format!(" ISSN {}.", issns.join(", ")));
        }
        if let Some(p) = &j.publisher {
            w.text(" ");
            match &p.location {
                Some(l) => w.text(&format!("{l}: {}.", p.name)),
                None => w.text(&format!("{}.", p.name)),
            }
        }
        if let Some(doi) = &art.doi {
            w.text(" ");
            doi_link(w, doi.as_str());
            w.text(".");
        }
        self.article_ids(w);
        w.end("p");
    }
}
