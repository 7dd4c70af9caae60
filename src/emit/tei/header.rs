//! The `teiHeader`: `titleStmt`, `publicationStmt`, `profileDesc` (languages, abstract,
//! keywords, the people named) and `revisionDesc`; the `sourceDesc` is in `source.rs`.

use std::collections::BTreeSet;

use super::{Emitter, Mode};
use crate::emit::{InputFile, Loss};
use crate::inline::{self, Inline};
use crate::model::{License, Role, Text};

impl<'a> Emitter<'a> {
    pub(super) fn header(&mut self) {
        self.w.open_block("teiHeader", &[]);
        self.w.open_block("fileDesc", &[]);
        self.title_stmt();
        self.publication_stmt();
        self.source_desc();
        self.w.end("fileDesc");
        self.profile_desc();
        self.revision_desc();
        self.w.end("teiHeader");
    }

    fn title_stmt(&mut self) {
        let art = self.art;
        self.w.open_block("titleStmt", &[]);
        self.w.open_mixed("title", &[("type", "main")]);
        self.words(&art.title);
        self.w.end("title");
        if let Some(sub) = &art.subtitle {
            self.w.open_mixed("title", &[("type", "sub")]);
            self.words(sub);
            self.w.end("title");
        }
        self.trans_titles();
        if let Some(short) = &art.short_title {
            self.w.leaf("title", &[("type", "short")], short);
        }
        for b in &self.r.byline {
            let (ac, c) = (b.entry, b.person);
            let corresp = ac.corresponding.then_some(("role", "corresponding"));
            match ac.role {
                Role::Author => self.agent_element("author", c, corresp),
                Role::Editor => self.agent_element("editor", c, corresp),
                Role::Translator => self.resp_stmt(&[("translated by", None)], c, corresp),
                Role::Reviser => self.resp_stmt(&[("revised by", None)], c, corresp),
                Role::Reviewer => self.resp_stmt(&[("reviewed by", None)], c, corresp),
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
            match &f.funder_id {
                Some(id) => self.w.open_mixed("funder", &[("ref", id.as_str())]),
                None => self.w.open_mixed("funder", &[]),
            }
            self.w.text(&f.funder);
            if let Some(award) = &f.award_id {
                self.w.text(", ");
                self.leaf(Mode::Inline, "idno", &[("type", "grant")], award);
            }
            for id in &f.recipients {
                let Some(c) = self.r.contributor(id) else {
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
            self.w.end("funder");
        }
        self.w.end("titleStmt");
    }

    /// Whether the publication statement names a publisher; otherwise it is prose and
    /// the article's DOI, date and licence go into the source description.
    pub(super) fn has_publisher(&self) -> bool {
        self.ctx.issue.journal.publisher.is_some()
    }

    fn publication_stmt(&mut self) {
        let journal = &self.ctx.issue.journal;
        self.w.open_block("publicationStmt", &[]);
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
                    let mut attrs = vec![("when", d.as_str())];
                    if let Some(f) = self.ctx.issue.journal.publication_format {
                        attrs.extend([("type", "published"), ("subtype", f.as_str())]);
                    }
                    self.w.leaf("date", &attrs, d.as_str());
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
                // publisher is not among it; galley's sentence, in English (marked so
                // in a document of another language).
                self.w.open_mixed("p", &[("xml:lang", "en")]);
                self.w.text("Published in ");
                self.leaf(Mode::Inline, "title", &[("level", "j")], &journal.title);
                self.w.text("; the source does not name the publisher.");
                self.w.end("p");
                self.missing.push(Loss {
                    file: InputFile::Issue,
                    pointer: "/journal/publisher".into(),
                    code: "missing.tei.publisher".into(),
                    message: "TEI's publicationStmt names a publisher, which issue.yaml does not give; a prose statement is written instead".into(),
                });
            }
        }
        self.w.end("publicationStmt");
    }

    pub(super) fn availability(&mut self, l: &License) {
        self.w.open_block("availability", &[]);
        if l.url.is_some() || l.text.is_some() {
            let attrs: Vec<(&str, &str)> = l.url.iter().map(|u| ("target", u.as_str())).collect();
            self.w.open_mixed("licence", &attrs);
            if let Some(t) = &l.text {
                self.words(t);
            }
            self.w.end("licence");
        }
        if let Some(c) = &l.copyright {
            self.w.leaf("p", &[], c);
        }
        self.w.end("availability");
    }

    fn profile_desc(&mut self) {
        let art = self.art;
        self.w.open_block("profileDesc", &[]);
        let langs = self.languages();
        self.w.open_block("langUsage", &[]);
        for l in &langs {
            self.w.empty("language", &[("ident", l)]);
        }
        self.w.end("langUsage");
        if !art.abstract_.is_empty() {
            self.w.open_block("abstract", &[]);
            for p in &art.abstract_ {
                self.w.open_mixed("p", &[]);
                self.words(p);
                self.w.end("p");
            }
            self.w.end("abstract");
        }
        self.extra_abstracts();
        let terms = art.heading.is_some() || !art.keywords.is_empty() || !art.subjects.is_empty();
        if terms || self.has_keyword_groups() {
            self.w.open_block("textClass", &[]);
            if terms {
                self.w.open_block("keywords", &[]);
                if let Some(h) = &art.heading {
                    self.w.leaf("term", &[("type", "heading")], h);
                }
                for g in &art.subjects {
                    let kind = g.kind.as_deref().unwrap_or("subject");
                    for s in &g.subjects {
                        self.w.leaf("term", &[("type", kind)], s);
                    }
                }
                for k in &art.keywords {
                    self.w.leaf("term", &[], k);
                }
                self.w.end("keywords");
            }
            self.keyword_groups();
            self.w.end("textClass");
        }
        if !self.people().is_empty() || !art.affiliations.is_empty() {
            self.w.open_block("particDesc", &[]);
            if !self.people().is_empty() {
                self.w.open_block("listPerson", &[]);
                for c in self.people() {
                    self.person(c);
                }
                self.w.end("listPerson");
            }
            self.unlinked_orgs();
            self.w.end("particDesc");
        }
        self.w.end("profileDesc");
    }

    /// Every language the document uses: the article's first, then the others sorted
    /// (language spans, names, the original's language, front matter in other languages,
    /// sub-articles, references, the journal).
    fn languages(&self) -> Vec<String> {
        let art = self.art;
        let mut set: BTreeSet<String> = BTreeSet::new();
        crate::model::for_each_text(art, &mut |_, t| span_languages(t, &mut set));
        let mut texts: Vec<&Text> = Vec::new();
        for c in self.people() {
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
        let front = art.title_translations.iter().map(|t| &t.lang);
        let front = front
            .chain(art.abstracts.iter().filter_map(|a| a.lang.as_ref()))
            .chain(art.keyword_groups.iter().map(|g| &g.lang))
            .chain(art.sub_articles.iter().filter_map(|s| s.lang.as_ref()));
        set.extend(front.map(|l| l.as_str().to_string()));
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

    fn revision_desc(&mut self) {
        let d = &self.art.dates;
        let lang = self.art.lang.as_str();
        let said = |t| crate::l10n::term(lang, t);
        let changes = [
            (
                "received",
                &d.received,
                said(crate::l10n::Term::TeiReceived),
            ),
            ("revised", &d.revised, said(crate::l10n::Term::TeiRevised)),
            (
                "accepted",
                &d.accepted,
                said(crate::l10n::Term::TeiAccepted),
            ),
        ];
        if changes.iter().all(|(_, date, _)| date.is_none()) {
            return;
        }
        self.w.open_block("revisionDesc", &[]);
        for (kind, date, what) in changes {
            if let Some(date) = date {
                // The words in the article's language; a fallback is marked as such.
                let mut attrs = vec![("type", kind), ("when", date.as_str())];
                if let Some(l) = what.lang {
                    attrs.push(("xml:lang", l));
                }
                self.w.leaf("change", &attrs, what.text);
            }
        }
        self.w.end("revisionDesc");
    }
}

/// Adds the languages of the language spans in a text to `set`.
fn span_languages(t: &Text, set: &mut BTreeSet<String>) {
    // Only a string that mentions `lang=` can hold a language span: most need no walk.
    if t.as_str().contains("lang=") {
        inline::visit(&t.inlines(), &mut |n| {
            if let Inline::Lang { lang, .. } = n {
                set.insert(lang.clone());
            }
        });
    }
}
