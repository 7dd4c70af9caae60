//! The shared XHTML renderer: an [`Article`] (and the issue's contributor list) → the
//! markup of a title page, a body with its back matter, and an "About the Authors" list.
//!
//! Two outputs use it, so what a proofreader sees in the browser is what the ebook holds:
//! - the EPUB content documents ([`super::epub`]), as XHTML with `epub:type` semantics;
//! - the HTML preview `<slug>/index.html` ([`emit_preview`]): one self-contained HTML page
//!   (stylesheet inline, images as `data:` URIs) with the same markup minus `epub:type`.
//!
//! Everything is written through [`XmlWriter`], so text is escaped and mixed content is
//! never re-indented. Input text never becomes markup: inline markup is parsed by
//! [`crate::inline`] and each node is written as an element of a fixed set.
//!
//! Ids: ids written in the YAML (sections, figures, tables) are used as they are; ids the
//! renderer makes up start with `_` (`_fn-fn1`, `_ref-shen1995`, `_c-niu-jun`, `_s2.1`),
//! which no YAML id can, so the two never collide.
//!
//! The renderer is split by element family:
//! - `document.rs`: the document shell (`<html>`, `<head>`), the stylesheet, headings;
//! - `front.rs`: the title page (byline, contributor roles, translation note, journal
//!   line, dates, licence, abstract, keywords);
//! - `body.rs`: sections and blocks, figures, tables, the table of contents;
//! - `back.rs`: acknowledgements, funding, footnotes, references;
//! - `inline.rs`: inline nodes, links, footnote references, citations, cross-references;
//! - `about.rs`: the "About the Authors" list;
//! - `preview.rs`: the single-file HTML preview emitter ([`emit_preview`]).

use std::collections::{BTreeMap, HashMap};

use super::Context;
use crate::inline::Inline;
use crate::l10n::{self, Said, Term};
use crate::model::{Article, Text, TitleKey};
use crate::resolve::Resolved;
use crate::xml::XmlWriter;

mod about;
mod affiliations;
mod appendix;
mod back;
mod body;
mod document;
mod front;
mod ids;
mod inline;
mod languages;
mod math;
mod preview;
mod sub_article;
mod supplementary;

pub use about::{AboutEntry, Appearance, about_list, address_text};
pub use document::{CSS, EPUB_NS, XHTML_NS, open_document, open_document_titled};
pub use inline::{doi_href, write_nodes, write_text};
pub use math::has_math;
pub use preview::emit_preview;
pub use sub_article::{sub_article_doc, sub_article_has_math};

use body::headless_sections;
use inline::ArticleRefs;

/// Which flavour of markup to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// XHTML content documents of an EPUB: `xml:lang` beside `lang`, `epub:type` semantics.
    Epub,
    /// An HTML page for browsers: no `epub:type`, no `xml:lang`.
    Html,
}

/// Where an article's parts live, as hrefs relative to the article's own documents.
/// The preview puts everything in one page, so all three are the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// The title page.
    pub title: String,
    /// The body and its back matter (notes, references).
    pub body: String,
    /// The "About the Authors" list.
    pub about: String,
}

/// The id of a contributor's entry in the "About the Authors" list.
pub fn contributor_anchor(id: &str) -> String {
    format!("_c-{id}")
}

/// An entry of a table of contents: a section (or back-matter part) of the body.
#[derive(Debug, Clone, PartialEq)]
pub struct TocEntry {
    /// The fragment id in the body document; `doc#id` for an entry in another document
    /// of the article (a sub-article's).
    pub id: String,
    /// The heading's content.
    pub label: Vec<Inline>,
    /// Nested sections.
    pub children: Vec<TocEntry>,
}

/// What a figure's image becomes: the `src` to write and the media type of the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The `src` attribute.
    pub src: String,
    /// The media type, from the file's first bytes.
    pub media_type: &'static str,
}

/// The name of a language for English readers: `zh` → "Chinese". Unknown tags are given
/// as they are. For readers of another language, [`crate::l10n::language_name`].
pub fn language_name(tag: &str) -> String {
    l10n::language_name("en", tag)
}

/// "A", "A and B", "A, B and C" in the language `lang` ([`crate::l10n::join_and`]).
pub fn join_and(lang: &str, items: &[String]) -> String {
    l10n::join_and(lang, items)
}

/// Writes text galley generates; a fallback in another language than the document's
/// (`lang` set) goes in a `span` marked with its language.
pub fn write_generated(w: &mut XmlWriter, target: Target, text: &str, lang: Option<&str>) {
    if text.is_empty() {
        return;
    }
    match lang {
        Some(l) => {
            let la = inline::lang_attrs(target, l);
            w.open_inline("span", &inline::as_refs(&la));
            w.text(text);
            w.end("span");
        }
        None => w.text(text),
    }
}

/// Renders one article. Create one per output document set; footnote back-links depend on
/// the order in which parts are rendered (title page, then body).
pub struct Renderer<'a> {
    r: &'a Resolved<'a>,
    article: &'a Article,
    ctx: Context<'a>,
    target: Target,
    places: Places,
    /// Heading level of the body's top sections.
    level: usize,
    images: BTreeMap<String, ImageRef>,
    refs: ArticleRefs<'a>,
}

/// Id → document of every cross-reference target that is not in the body's document:
/// the sub-articles' ids, and the graphical abstracts' figures on the title page.
fn homes(article: &Article, places: &Places) -> HashMap<String, String> {
    let mut out = sub_article::homes(article, places);
    for f in article.abstracts.iter().filter_map(|a| a.figure.as_ref()) {
        out.insert(f.id.to_string(), places.title.clone());
    }
    out
}

impl<'a> Renderer<'a> {
    /// A renderer of a resolved article for `target`, with the article's parts at
    /// `places`, top-level body sections at heading `level`, and figure images written
    /// with the `src` of `images` (keyed by the image path of the YAML).
    pub fn new(
        r: &'a Resolved<'a>,
        target: Target,
        places: Places,
        level: usize,
        images: BTreeMap<String, ImageRef>,
    ) -> Self {
        Renderer {
            r,
            article: r.article,
            ctx: r.ctx,
            target,
            refs: ArticleRefs {
                r,
                target,
                current: places.title.clone(),
                places: places.clone(),
                seen: HashMap::new(),
                first: HashMap::new(),
                sections: headless_sections(r.article),
                homes: homes(r.article, &places),
            },
            places,
            level,
            images,
        }
    }

    /// Sets the document being written (one of the [`Places`]), for relative links.
    pub fn set_current(&mut self, doc: &str) {
        self.refs.current = doc.to_string();
    }

    fn epub_type<'s>(&self, attrs: &mut Vec<(&'s str, &'s str)>, value: &'s str) {
        if self.target == Target::Epub {
            attrs.push(("epub:type", value));
        }
    }

    /// The article's language, in which galley writes its own text.
    fn lang(&self) -> &'a str {
        self.article.lang.as_str()
    }

    /// A term in the article's language.
    fn term(&self, t: Term) -> Said {
        l10n::term(self.lang(), t)
    }

    /// Writes a term (not a template) in the article's language, marked if a fallback.
    fn say(&self, w: &mut XmlWriter, t: Term) {
        let s = self.term(t);
        write_generated(w, self.target, s.text, s.lang);
    }

    /// Writes a template term with `value` (plain text) in place of its `{}`.
    fn say_with(&self, w: &mut XmlWriter, t: Term, value: &str) {
        let s = self.term(t);
        let (a, b) = s.split();
        // "Jane Doe, Jr." ends the sentence itself: no second full stop.
        let b = match b.strip_prefix('.') {
            Some(rest) if value.ends_with('.') => rest,
            _ => b,
        };
        write_generated(w, self.target, a, s.lang);
        w.text(value);
        write_generated(w, self.target, b, s.lang);
    }

    /// The heading of a part: the article's `titles`, the issue's, else galley's term.
    fn part_heading(&self, key: TitleKey, t: Term) -> (&'a str, Option<&'static str>) {
        l10n::heading(
            self.lang(),
            key,
            t,
            &[&self.article.titles, &self.ctx.issue.titles],
        )
    }

    /// Writes the heading of a part ([`Renderer::part_heading`]).
    fn write_part_heading(&self, w: &mut XmlWriter, key: TitleKey, t: Term) {
        let (text, lang) = self.part_heading(key, t);
        write_generated(w, self.target, text, lang);
    }

    fn para(&mut self, w: &mut XmlWriter, class: Option<&str>, t: &Text) {
        match class {
            Some(c) => w.open_mixed("p", &[("class", c)]),
            None => w.open_mixed("p", &[]),
        }
        self.inline(w, t);
        w.end("p");
    }
}
