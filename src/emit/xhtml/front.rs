//! The title page: section heading, title, subtitle, byline, the other contributors with
//! their roles, the translation note, the journal line, dates, licence, abstract and
//! keywords.

use super::document::open_heading;
use super::inline::{as_refs, doi_link, lang_attrs, write_original_name};
use super::{Renderer, contributor_anchor, join_and};
use crate::l10n::{self, Term};
use crate::model::{Contributor, License, Role, TitleKey, Translation};
use crate::xml::XmlWriter;

impl<'a> Renderer<'a> {
    /// Writes a contributor's name (Latin script, then the original script in a language
    /// span), linked to the "About the Authors" entry when `link` is set.
    pub(super) fn person(&mut self, w: &mut XmlWriter, c: &Contributor, link: bool) {
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
        // The separators of l10n::join_and, written around linked names.
        let names: Vec<String> = (0..people.len())
            .map(|i| format!("\u{0}{i}\u{0}"))
            .collect();
        let joined = join_and(self.lang(), &names);
        for (i, piece) in joined.split('\u{0}').enumerate() {
            if i % 2 == 0 {
                w.text(piece);
            } else if let Some(c) = piece.parse::<usize>().ok().and_then(|n| people.get(n)) {
                self.person(w, c, true);
            }
        }
    }

    /// The title page: the section heading of the issue, title, subtitle, byline, the
    /// article's own affiliations, the other contributors with their roles, the translation note, the journal, dates,
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
        self.unlinked_affiliations(w);
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
            let correspondence = self.article.statements.correspondence.as_ref();
            if let Some(t) = correspondence {
                // The correspondence as printed, in place of the names.
                w.open_mixed("p", &[("class", "contributor-roles")]);
                self.say(w, Term::CorrespondingAuthor);
                self.inline(w, t);
                w.end("p");
            } else if !corresponding.is_empty() {
                w.open_mixed("p", &[("class", "contributor-roles")]);
                self.say(w, Term::CorrespondingAuthor);
                let names: Vec<String> = corresponding.iter().map(|c| c.name.display()).collect();
                w.text(&join_and(self.lang(), &names));
                self.say(w, Term::FullStop);
                w.end("p");
            }
            self.author_notes(w);
        }
    }

    /// The notes on the byline's people: who contributed equally, who has died, and
    /// present addresses, each a sentence in the article's language.
    fn author_notes(&mut self, w: &mut XmlWriter) {
        let entries: Vec<(&crate::model::ArticleContributor, &Contributor)> =
            self.r.byline.iter().map(|b| (b.entry, b.person)).collect();
        let names = |f: &dyn Fn(&crate::model::ArticleContributor) -> bool| -> Vec<String> {
            entries
                .iter()
                .filter(|(e, _)| f(e))
                .map(|(_, c)| c.name.display())
                .collect()
        };
        let equal = names(&|e| e.equal_contribution);
        let deceased = names(&|e| e.deceased);
        let addresses: Vec<(String, &crate::model::Text)> = entries
            .iter()
            .filter_map(|(e, c)| e.present_address.as_ref().map(|t| (c.name.display(), t)))
            .collect();
        if equal.is_empty() && deceased.is_empty() && addresses.is_empty() {
            return;
        }
        w.open_mixed("p", &[("class", "author-notes")]);
        let mut first = true;
        let mut gap = |w: &mut XmlWriter| {
            if !std::mem::replace(&mut first, false) {
                w.text(" ");
            }
        };
        for (t, people) in [
            (Term::EqualContribution, &equal),
            (Term::Deceased, &deceased),
        ] {
            if !people.is_empty() {
                gap(w);
                self.say_with(w, t, &join_and(self.lang(), people));
            }
        }
        for (name, t) in addresses {
            gap(w);
            self.say_with(w, Term::PresentAddressOf, &name);
            self.inline(w, t);
        }
        w.end("p");
    }

    /// The translators, revisers and editors, each group with its role.
    fn contributor_roles(&mut self, w: &mut XmlWriter) {
        let roles = [
            (Role::Translator, Term::TranslatedBy),
            (Role::Reviser, Term::RevisedBy),
            (Role::Editor, Term::EditedBy),
            (Role::Reviewer, Term::ReviewedBy),
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
                let said = self.term(*text);
                let (before, after) = said.split();
                super::write_generated(w, self.target, before, said.lang);
                self.people(w, people);
                super::write_generated(w, self.target, after, said.lang);
                self.say(w, Term::FullStop);
            }
            w.end("p");
        }
    }

    /// "Translated from the … original, published in …": the source of a translation.
    fn translation_note(&mut self, w: &mut XmlWriter, tr: &Translation) {
        w.open_mixed("p", &[("class", "translation-note")]);
        let name = l10n::language_name(self.lang(), tr.original_lang.as_str());
        self.say_with(w, Term::TranslatedFrom, &name);
        if let Some(t) = &tr.original_title {
            w.text(", “");
            let la = lang_attrs(self.target, tr.original_lang.as_str());
            w.open_inline("span", &as_refs(&la));
            self.inline(w, t);
            w.end("span");
            w.text("”,");
        }
        let src = &tr.source;
        let said = self.term(Term::PublishedInClause);
        let (before, after) = said.split();
        super::write_generated(w, self.target, before, said.lang);
        w.open_inline("cite", &[]);
        w.text(&src.title);
        w.end("cite");
        super::write_generated(w, self.target, after, said.lang);
        if let Some(o) = &src.title_original {
            w.text(" (");
            let la = lang_attrs(self.target, tr.original_lang.as_str());
            w.open_inline("span", &as_refs(&la));
            w.text(o);
            w.end("span");
            w.text(")");
        }
        let mut parts: Vec<(Term, String)> = Vec::new();
        if let Some(y) = src.year {
            w.text(", ");
            w.text(&y.to_string());
        }
        if let Some(v) = &src.volume {
            parts.push((Term::Volume, v.clone()));
        }
        if let Some(i) = &src.issue {
            parts.push((Term::Number, i.clone()));
        }
        if let Some(p) = &src.pages {
            parts.push((Term::Pages, p.replace('-', "–")));
        }
        for (t, v) in &parts {
            w.text(", ");
            self.say_with(w, *t, v);
        }
        if let Some(doi) = &src.doi {
            w.text(". ");
            doi_link(w, doi.as_str());
        }
        self.say(w, Term::FullStop);
        w.end("p");
    }

    /// The received, revised, accepted and published dates in one sentence, each date in
    /// the article's language ("Received 12 March 1996; accepted 3 May 1996.").
    fn dates_line(&self, w: &mut XmlWriter) {
        let d = &self.article.dates;
        let lang = self.lang();
        let dates: Vec<(Term, String)> = [
            (Term::Received, &d.received),
            (Term::Revised, &d.revised),
            (Term::Accepted, &d.accepted),
            (Term::Published, &d.published),
        ]
        .iter()
        .filter_map(|(t, v)| v.as_ref().map(|v| (*t, l10n::date(lang, v.as_str()))))
        .collect();
        if dates.is_empty() {
            return;
        }
        w.open_mixed("p", &[("class", "dates")]);
        for (i, (t, v)) in dates.iter().enumerate() {
            if i > 0 {
                self.say(w, Term::DateSeparator);
            }
            let said = self.term(*t);
            let (before, after) = said.split();
            let before = if i == 0 {
                l10n::capitalise(before)
            } else {
                before.to_string()
            };
            super::write_generated(w, self.target, &before, said.lang);
            w.text(v);
            super::write_generated(w, self.target, after, said.lang);
        }
        self.say(w, Term::FullStop);
        w.end("p");
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
        let h = self.open_abstract_section(w, level, "_abstract", None);
        self.write_part_heading(w, TitleKey::Abstract, Term::Abstract);
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
            let label = self.part_heading(TitleKey::Keywords, Term::Keywords);
            self.keywords_paragraph(w, art.lang.as_str(), &[], label, &art.keywords);
        }
    }

    /// A keywords line in the language `lang`: a paragraph (with `attrs`) holding the
    /// label as given (else galley's, its fallback language marked), a space unless the
    /// label ends with a full-width colon, and the keywords joined as `lang` joins a
    /// list ("; ", "；").
    pub(super) fn keywords_paragraph(
        &self,
        w: &mut XmlWriter,
        lang: &str,
        attrs: &[(&str, &str)],
        (label, fallback): (&str, Option<&str>),
        keywords: &[String],
    ) {
        let sep = match crate::l10n::term(lang, Term::DateSeparator) {
            s if s.lang.is_none() => s.text,
            _ => "; ",
        };
        let mut a = vec![("class", "keywords")];
        a.extend_from_slice(attrs);
        w.open_mixed("p", &a);
        w.open_inline("span", &[("class", "label")]);
        super::write_generated(w, self.target, label, fallback);
        w.end("span");
        if !label.ends_with('：') {
            w.text(" ");
        }
        w.text(&keywords.join(sep));
        w.end("p");
    }

    /// The journal, issue, pages, identifiers and publisher of the article.
    fn journal_line(&mut self, w: &mut XmlWriter) {
        let j = &self.ctx.issue.journal;
        let iss = &self.ctx.issue.issue;
        let art = self.article;
        w.open_mixed("p", &[("class", "journal")]);
        let published_in = self.term(Term::PublishedIn);
        let (before, after) = published_in.split();
        super::write_generated(w, self.target, before, published_in.lang);
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
        super::write_generated(w, self.target, after, published_in.lang);
        let mut parts: Vec<(Option<Term>, String)> = Vec::new();
        if let Some(v) = &iss.volume {
            parts.push((Some(Term::Volume), v.clone()));
        }
        if let Some(n) = &iss.number {
            parts.push((Some(Term::Number), n.clone()));
        }
        if let Some(d) = &iss.date {
            parts.push((None, l10n::date(self.lang(), &d.to_string())));
        }
        if let Some(t) = &iss.title {
            parts.push((None, format!("“{t}”")));
        }
        if let Some(p) = &art.pages {
            parts.push(match &p.last {
                Some(l) => (Some(Term::Pages), format!("{}–{l}", p.first)),
                None => (Some(Term::Page), p.first.to_string()),
            });
        }
        if let Some(e) = &art.elocation {
            parts.push((None, e.clone()));
        }
        for (t, p) in &parts {
            w.text(", ");
            match t {
                Some(t) => self.say_with(w, *t, p),
                None => w.text(p),
            }
        }
        w.text(".");
        if !j.issn.is_empty() {
            let issns: Vec<(String, crate::l10n::Said)> = j
                .issn
                .iter()
                .map(|i| {
                    let medium = match i.format {
                        crate::model::PublicationFormat::Print => Term::Print,
                        crate::model::PublicationFormat::Electronic => Term::Online,
                    };
                    (i.value.to_string(), self.term(medium))
                })
                .collect();
            w.text(" ISSN ");
            for (i, (value, medium)) in issns.iter().enumerate() {
                if i > 0 {
                    w.text(", ");
                }
                w.text(&format!("{value} ("));
                super::write_generated(w, self.target, medium.text, medium.lang);
                w.text(")");
            }
            w.text(".");
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
        if let Some(u) = &art.url {
            w.text(" ");
            w.open_inline("a", &[("href", u.as_str())]);
            w.text(u.as_str());
            w.end("a");
            w.text(".");
        }
        self.article_ids(w);
        w.end("p");
    }
}
