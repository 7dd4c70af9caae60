//! The sub-articles: each an `article` (`class="sub-article"` and its kind) with its
//! own heading (the title), subtitle, byline, DOI, abstract and blocks. The EPUB gives
//! each its own content document, `sub<n>.xhtml` (its place in the list), in the sub-article's language; the
//! preview writes them after the main article on its one page, each marked with its
//! language. Galley's own words in a sub-article (the abstract's heading, "and", the
//! role sentences) are in the sub-article's language.

use std::collections::HashMap;

use super::document::open_heading;
use super::inline::{as_refs, lang_attrs};
use super::{Places, Renderer, Target, TocEntry, body, write_generated};
use crate::inline::Inline;
use crate::l10n::{self, Term};
use crate::model::{Article, Block, Contributor, Role, SubArticle, for_each_text, walk_blocks};
use crate::xml::XmlWriter;

/// The document sub-article `index` stands in: `sub<n>.xhtml` (`sub1.xhtml` for the
/// first) beside the body document, or the one page when every part is on one page (the
/// preview's empty [`Places`]). Named by place, not by id: ids that differ only in case
/// would make file names a case-insensitive file system cannot tell apart.
pub fn sub_article_doc(places: &Places, index: usize) -> String {
    if places.body.is_empty() {
        String::new()
    } else {
        format!("sub{}.xhtml", index + 1)
    }
}

/// Whether the sub-article `index` of `article` holds MathML: a display formula among
/// its blocks, or an inline formula in its texts (the EPUB's `mathml` property of its
/// document).
pub fn sub_article_has_math(article: &Article, index: usize) -> bool {
    let Some(s) = article.sub_articles.get(index) else {
        return false;
    };
    let mut found = false;
    walk_blocks(&s.body, "", &mut |_, b| {
        found |= matches!(b, Block::Formula(_));
    });
    let base = format!("/sub_articles/{index}/");
    for_each_text(article, &mut |p, t| {
        if p.starts_with(&base) {
            crate::inline::visit(&t.inlines(), &mut |n| {
                found |= matches!(n, Inline::Formula { .. });
            });
        }
    });
    found
}

/// Id → document of every id a sub-article defines (its own and its blocks'), where
/// they are not in the body document.
pub(super) fn homes(article: &Article, places: &Places) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for (i, s) in article.sub_articles.iter().enumerate() {
        let doc = sub_article_doc(places, i);
        out.insert(s.id.to_string(), doc.clone());
        walk_blocks(&s.body, "", &mut |_, b| {
            let id = match b {
                Block::Section(s) => s.id.as_ref(),
                Block::Figure(f) => Some(&f.id),
                Block::Table(t) => Some(&t.id),
                Block::Formula(f) => f.id.as_ref(),
                _ => None,
            };
            if let Some(id) = id {
                out.insert(id.to_string(), doc.clone());
            }
        });
    }
    out
}

/// The generated path of a sub-article's sections: `0, 0` (no body section or appendix
/// has it), then the sub-article's place, so their ids (`_s0.0.1.1`) are the page's own.
fn sub_path(i: usize) -> Vec<usize> {
    vec![0, 0, i + 1]
}

impl Renderer<'_> {
    /// The sub-articles' entries of the table of contents: each its document, with its
    /// sections (`TocEntry::id` naming the document, `sub1.xhtml#sa1`).
    pub fn sub_article_toc(&self) -> Vec<TocEntry> {
        let mut out = Vec::new();
        for (i, s) in self.article.sub_articles.iter().enumerate() {
            let doc = sub_article_doc(&self.places, i);
            let mut children = Vec::new();
            body::toc_walk(&s.body, &mut sub_path(i), &mut children);
            for c in &mut children {
                in_document(c, &doc);
            }
            out.push(TocEntry {
                id: format!("{doc}#{}", s.id),
                label: s.title.inlines().into_owned(),
                children,
            });
        }
        out
    }

    /// Sub-article `i` as an `article`: heading, subtitle, byline, DOI, abstract, blocks.
    /// The preview marks it with its language (the EPUB document carries it).
    pub fn sub_article(&mut self, w: &mut XmlWriter, i: usize) {
        let Some(s) = self.article.sub_articles.get(i) else {
            return;
        };
        let doc = sub_article_doc(&self.places, i);
        self.set_current(&doc);
        let lang = s.lang_or(&self.article.lang);
        let hid = format!("{}-h", s.id);
        let class = format!("sub-article {}", s.kind.as_str());
        let la = lang_attrs(self.target, lang);
        let mut attrs = vec![
            ("id", s.id.as_str()),
            ("class", class.as_str()),
            ("aria-labelledby", hid.as_str()),
        ];
        if self.target == Target::Html {
            attrs.extend(as_refs(&la));
        }
        w.open_block("article", &attrs);
        let h = open_heading(w, self.level, &[("id", &hid)]);
        self.inline(w, &s.title);
        w.end(h);
        if let Some(t) = &s.subtitle {
            self.para(w, Some("subtitle"), t);
        }
        self.sub_byline(w, s, lang);
        if let Some(doi) = &s.doi {
            w.open_mixed("p", &[("class", "doi")]);
            super::inline::doi_link(w, doi.as_str());
            w.end("p");
        }
        if !s.abstract_.is_empty() {
            let id = format!("{}-abstract", s.id);
            let h = self.open_abstract_section(w, self.level, &id, None);
            let said = l10n::term(lang, Term::Abstract);
            write_generated(w, self.target, said.text, said.lang);
            w.end(h);
            for p in &s.abstract_ {
                self.para(w, None, p);
            }
            w.end("section");
        }
        self.blocks(w, &s.body, 1, &mut sub_path(i));
        w.end("article");
    }

    /// The authors' names, then a sentence for each other role ("Translated by …"), in
    /// the sub-article's language; a name links to its "About" entry when it has one.
    fn sub_byline(&mut self, w: &mut XmlWriter, s: &SubArticle, lang: &str) {
        let of_role = |role: Role| -> Vec<&Contributor> {
            s.contributors
                .iter()
                .filter(|ac| ac.role == role)
                .filter_map(|ac| self.r.contributor(&ac.contributor))
                .collect()
        };
        let authors = of_role(Role::Author);
        if !authors.is_empty() {
            w.open_mixed("p", &[("class", "byline")]);
            self.names_in(w, &authors, lang);
            w.end("p");
        }
        let roles = [
            (Role::Translator, Term::TranslatedBy),
            (Role::Reviser, Term::RevisedBy),
            (Role::Editor, Term::EditedBy),
            (Role::Reviewer, Term::ReviewedBy),
        ];
        for (role, t) in roles {
            let people = of_role(role);
            if people.is_empty() {
                continue;
            }
            w.open_mixed("p", &[("class", "contributor-roles")]);
            let said = l10n::term(lang, t);
            let (before, after) = said.split();
            write_generated(w, self.target, before, said.lang);
            self.names_in(w, &people, lang);
            write_generated(w, self.target, after, said.lang);
            let stop = l10n::term(lang, Term::FullStop);
            write_generated(w, self.target, stop.text, stop.lang);
            w.end("p");
        }
    }

    /// Names joined as `lang` joins them ("A, B e C").
    fn names_in(&mut self, w: &mut XmlWriter, people: &[&Contributor], lang: &str) {
        let marks: Vec<String> = (0..people.len())
            .map(|i| format!("\u{0}{i}\u{0}"))
            .collect();
        let joined = l10n::join_and(lang, &marks);
        let about = self.r.byline_people();
        for (i, piece) in joined.split('\u{0}').enumerate() {
            if i % 2 == 0 {
                w.text(piece);
            } else if let Some(c) = piece.parse::<usize>().ok().and_then(|n| people.get(n)) {
                let linked = about.iter().any(|p| p.id == c.id);
                self.person(w, c, linked);
            }
        }
    }
}

/// Makes a table-of-contents entry (and its children) point into `doc`.
fn in_document(e: &mut TocEntry, doc: &str) {
    e.id = format!("{doc}#{}", e.id);
    for c in &mut e.children {
        in_document(c, doc);
    }
}
