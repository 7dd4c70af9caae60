//! The package document (`package.opf`): Dublin Core and accessibility metadata, the
//! manifest and the spine.

use super::a11y::A11y;
use super::{Book, CONFORMANCE, Item, Kind, written, xhtml};
use crate::emit::{EmitError, plain};
use crate::l10n::Term;
use crate::model::{Contributor, Role};
use crate::xml::XmlWriter;

/// A person in the package metadata, with every role they have in it.
struct Person<'a> {
    c: &'a Contributor,
    roles: Vec<Role>,
}

impl Person<'_> {
    fn is_creator(&self) -> bool {
        self.roles.contains(&Role::Author)
    }
}

/// The MARC relator code of a role.
pub fn relator(r: Role) -> &'static str {
    match r {
        Role::Author => "aut",
        Role::Translator => "trl",
        Role::Reviser | Role::Editor => "edt",
        // MARC "Reviewer": one who reviews a work.
        Role::Reviewer => "rev",
    }
}

/// A `meta` refining the element with `id`.
fn refine(w: &mut XmlWriter, id: &str, prop: &str, value: &str) {
    w.leaf(
        "meta",
        &[("refines", &format!("#{id}")), ("property", prop)],
        value,
    );
}

impl<'a> Book<'a> {
    /// The package document.
    pub(super) fn opf(&self, lang: &str, items: &[Item], a11y: &A11y) -> Result<String, EmitError> {
        let mut w = XmlWriter::new();
        w.declaration();
        w.open_block(
            "package",
            &[
                ("xmlns", "http://www.idpf.org/2007/opf"),
                ("version", "3.0"),
                ("unique-identifier", "pub-id"),
                ("xml:lang", lang),
            ],
        );
        w.open_block(
            "metadata",
            &[("xmlns:dc", "http://purl.org/dc/elements/1.1/")],
        );
        w.leaf("dc:identifier", &[("id", "pub-id")], &self.identifier);
        self.titles(&mut w);
        self.creators(&mut w);
        w.leaf("dc:language", &[], lang);
        // A translation's source, and the note on who translated it, belong to that
        // article: in an issue they are on the article's title page, not the package.
        if self.kind == Kind::Article {
            self.sources(&mut w);
        }
        self.publisher_and_date(&mut w);
        if self.kind == Kind::Article {
            self.article_metadata(&mut w);
        }
        w.leaf(
            "meta",
            &[("property", "dcterms:modified")],
            &self.modified.iso(),
        );
        self.accessibility(&mut w, a11y);
        w.end("metadata");
        manifest(&mut w, items);
        spine(&mut w, items);
        w.end("package");
        written(w)
    }

    /// The title (with subtitle and short title in an article's package).
    fn titles(&self, w: &mut XmlWriter) {
        match self.kind {
            Kind::Article => {
                let a = self.parts[0].r.article;
                w.leaf("dc:title", &[("id", "title")], &plain(&a.title));
                refine(w, "title", "title-type", "main");
                if let Some(s) = &a.subtitle {
                    w.leaf("dc:title", &[("id", "subtitle")], &plain(s));
                    refine(w, "subtitle", "title-type", "subtitle");
                }
                if let Some(s) = &a.short_title {
                    w.leaf("dc:title", &[("id", "short-title")], s);
                    refine(w, "short-title", "title-type", "short");
                }
                // A translated title is a further `dc:title` in its language; it has no
                // `title-type` (EPUB's vocabulary has none for a translation).
                for (i, t) in a.title_translations.iter().enumerate() {
                    let id = format!("title-trans-{}", i + 1);
                    let attrs = [("id", id.as_str()), ("xml:lang", t.lang.as_str())];
                    w.leaf("dc:title", &attrs, &plain(&t.title));
                }
            }
            Kind::Issue => {
                w.leaf("dc:title", &[("id", "title")], &self.issue_title());
                refine(w, "title", "title-type", "main");
            }
        }
    }

    /// Each person once, with all their roles; the authors (creators) first.
    fn people(&self) -> Vec<Person<'a>> {
        let mut people: Vec<Person<'_>> = Vec::new();
        for p in self.parts {
            for ac in &p.r.article.contributors {
                let Some(c) = p.r.contributor(&ac.contributor) else {
                    continue;
                };
                match people.iter_mut().find(|x| x.c.id == c.id) {
                    Some(x) => {
                        if !x.roles.contains(&ac.role) {
                            x.roles.push(ac.role);
                        }
                    }
                    None => people.push(Person {
                        c,
                        roles: vec![ac.role],
                    }),
                }
            }
        }
        people.sort_by_key(|p| !p.is_creator());
        people
    }

    /// Creators and contributors: each person once, with all their roles (MARC
    /// relators), the sort form of the name and the name in its original script.
    fn creators(&self, w: &mut XmlWriter) {
        let people = self.people();
        for (i, p) in people.iter().enumerate() {
            let id = format!(
                "{}{}",
                if p.is_creator() { "creator" } else { "contrib" },
                i + 1
            );
            let el = if p.is_creator() {
                "dc:creator"
            } else {
                "dc:contributor"
            };
            w.leaf(el, &[("id", &id)], &p.c.name.display());
            let mut codes: Vec<&str> = Vec::new();
            for r in &p.roles {
                let code = relator(*r);
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            for code in codes {
                w.leaf(
                    "meta",
                    &[
                        ("refines", &format!("#{id}")),
                        ("property", "role"),
                        ("scheme", "marc:relators"),
                    ],
                    code,
                );
            }
            let file_as = p.c.name.sort_form();
            if !file_as.is_empty() {
                refine(w, &id, "file-as", &file_as);
            }
            if let Some(o) = &p.c.original_name
                && let Some(l) = &o.lang
            {
                w.leaf(
                    "meta",
                    &[
                        ("refines", &format!("#{id}")),
                        ("property", "alternate-script"),
                        ("xml:lang", l.as_str()),
                    ],
                    &o.display(),
                );
            }
        }
    }

    /// The sources of translations, with their language, title, DOI and a note on who
    /// translated and revised them.
    fn sources(&self, w: &mut XmlWriter) {
        for (i, p) in self.parts.iter().enumerate() {
            if let Some(tr) = &p.r.article.translation {
                let id = format!("source{}", i + 1);
                w.leaf("dc:source", &[("id", &id)], &source_text(tr));
                refine(w, &id, "dcterms:language", tr.original_lang.as_str());
                if let Some(t) = &tr.original_title {
                    refine(w, &id, "dcterms:title", &plain(t));
                }
                if let Some(d) = &tr.source.doi {
                    refine(w, &id, "dcterms:identifier", &format!("urn:doi:{d}"));
                }
                let with_role = |role: Role| -> Vec<String> {
                    p.r.article
                        .contributors
                        .iter()
                        .filter(|c| c.role == role)
                        .filter_map(|c| p.r.contributor(&c.contributor))
                        .map(|c| c.name.display())
                        .collect()
                };
                let lang = p.r.article.lang.as_str();
                let name = crate::l10n::language_name(lang, tr.original_lang.as_str());
                let mut said = vec![(Term::TranslatedFrom, name)];
                for (role, t) in [
                    (Role::Translator, Term::TranslatedBy),
                    (Role::Reviser, Term::RevisedBy),
                ] {
                    let people = with_role(role);
                    if !people.is_empty() {
                        said.push((t, xhtml::join_and(lang, &people)));
                    }
                }
                // One sentence: "Translated from the Chinese original; translated by …;
                // revised by …."
                let clauses: Vec<String> = said
                    .iter()
                    .enumerate()
                    .map(|(i, (t, v))| {
                        let clause = crate::l10n::term(lang, *t).fill(v);
                        if i == 0 {
                            clause
                        } else {
                            crate::l10n::decapitalise(&clause)
                        }
                    })
                    .collect();
                let sep = crate::l10n::term(lang, Term::DateSeparator).text;
                let note = clauses.join(sep) + crate::l10n::term(lang, Term::FullStop).text;
                // A fallback (English) note is marked as such.
                match crate::l10n::term(lang, Term::TranslatedFrom).lang {
                    Some(l) => w.leaf(
                        "meta",
                        &[
                            ("refines", &format!("#{id}")),
                            ("property", "dcterms:description"),
                            ("xml:lang", l),
                        ],
                        &note,
                    ),
                    None => refine(w, &id, "dcterms:description", &note),
                }
            }
        }
    }

    /// The publisher and the date of publication.
    fn publisher_and_date(&self, w: &mut XmlWriter) {
        if let Some(p) = &self.issue.journal.publisher {
            w.leaf("dc:publisher", &[], &p.name);
        }
        let date = match self.kind {
            Kind::Article => self.parts[0].r.article.dates.published.as_ref().or(self
                .issue
                .issue
                .date
                .as_ref()),
            Kind::Issue => self.issue.issue.date.as_ref(),
        };
        if let Some(d) = date {
            w.leaf("dc:date", &[], d.as_str());
        }
    }

    /// An article's type, subjects (section heading, keywords), abstract and rights.
    fn article_metadata(&self, w: &mut XmlWriter) {
        let a = self.parts[0].r.article;
        w.leaf("dc:type", &[], a.article_type.as_str());
        if let Some(h) = &a.heading {
            w.leaf("dc:subject", &[], h);
        }
        for s in a.subjects.iter().flat_map(|g| &g.subjects) {
            w.leaf("dc:subject", &[], s);
        }
        for k in &a.keywords {
            w.leaf("dc:subject", &[], k);
        }
        for g in &a.keyword_groups {
            for k in &g.keywords {
                w.leaf("dc:subject", &[("xml:lang", g.lang.as_str())], k);
            }
        }
        if !a.abstract_.is_empty() {
            let text: Vec<String> = a.abstract_.iter().map(plain).collect();
            w.leaf("dc:description", &[], &text.join("\n\n"));
        }
        if let Some(l) = &a.license {
            let mut parts = Vec::new();
            if let Some(c) = &l.copyright {
                parts.push(if c.ends_with('.') {
                    c.clone()
                } else {
                    format!("{c}.")
                });
            }
            if let Some(t) = &l.text {
                parts.push(plain(t));
            }
            if let Some(u) = &l.url {
                parts.push(u.to_string());
            }
            w.leaf("dc:rights", &[], &parts.join(" "));
        }
    }

    /// The `schema:` accessibility metadata and, when every image has alt text, the
    /// conformance claim with its certifier.
    fn accessibility(&self, w: &mut XmlWriter, a11y: &A11y) {
        for m in &a11y.modes {
            w.leaf("meta", &[("property", "schema:accessMode")], m);
        }
        for m in &a11y.sufficient {
            w.leaf("meta", &[("property", "schema:accessModeSufficient")], m);
        }
        for f in &a11y.features {
            w.leaf("meta", &[("property", "schema:accessibilityFeature")], f);
        }
        for h in &a11y.hazards {
            w.leaf("meta", &[("property", "schema:accessibilityHazard")], h);
        }
        // The summary is galley's English prose (counts and claims in sentences not yet
        // written in the other languages): marked as English inside a package in another.
        w.leaf(
            "meta",
            &[
                ("property", "schema:accessibilitySummary"),
                ("xml:lang", "en"),
            ],
            &a11y.summary,
        );
        if a11y.conforms {
            w.leaf(
                "meta",
                &[("property", "dcterms:conformsTo"), ("id", "conformance")],
                CONFORMANCE,
            );
            refine(w, "conformance", "a11y:certifiedBy", &self.certifier());
        }
    }
}

/// The manifest: every item with its media type and properties.
fn manifest(w: &mut XmlWriter, items: &[Item]) {
    w.open_block("manifest", &[]);
    for it in items {
        let mut attrs = vec![
            ("id", it.id.as_str()),
            ("href", it.href.as_str()),
            ("media-type", it.media_type),
        ];
        if let Some(p) = it.properties {
            attrs.push(("properties", p));
        }
        w.empty("item", &attrs);
    }
    w.end("manifest");
}

/// The spine: the reading order, then the navigation document as non-linear.
fn spine(w: &mut XmlWriter, items: &[Item]) {
    w.open_block("spine", &[]);
    for it in items.iter().filter(|i| i.in_spine) {
        w.empty("itemref", &[("idref", &it.id)]);
    }
    // The navigation document is reachable from the landmarks, outside the reading order.
    w.empty("itemref", &[("idref", "nav"), ("linear", "no")]);
    w.end("spine");
}

/// The source of a translation in one line: "Zhongguo shehui kexue, 1996, no. 2".
pub fn source_text(tr: &crate::model::Translation) -> String {
    let s = &tr.source;
    let mut out = s.title.clone();
    if let Some(o) = &s.title_original {
        out.push_str(&format!(" ({o})"));
    }
    if let Some(y) = s.year {
        out.push_str(&format!(", {y}"));
    }
    if let Some(v) = &s.volume {
        out.push_str(&format!(", vol. {v}"));
    }
    if let Some(i) = &s.issue {
        out.push_str(&format!(", no. {i}"));
    }
    if let Some(p) = &s.pages {
        out.push_str(&format!(", pp. {p}"));
    }
    out
}
