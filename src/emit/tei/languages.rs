//! Front matter in other languages and further abstracts: translated titles in the
//! `titleStmt`, `abstract xml:lang`, `keywords xml:lang`.
//!
//! TEI's `abstract` holds only paragraphs and lists (no `head`, no `div`, no `@type`,
//! no `figure`: a graphical abstract's figure is inside a `p`):
//! a further abstract's kind is its `@n` (the JATS `abstract-type` value), and its
//! printed heading and the labels of a structured abstract's parts are paragraphs with
//! `rend="heading"`, in reading order. A keyword group's printed label is its `@n`.

use super::Emitter;
use crate::model::{ExtraAbstract, Text};

impl<'a> Emitter<'a> {
    /// `title type="main" xml:lang` (and `type="sub"`) for each translated title.
    pub(super) fn trans_titles(&mut self) {
        for t in &self.art.title_translations {
            let lang = t.lang.as_str();
            self.titled("title", &[("type", "main"), ("xml:lang", lang)], &t.title);
            if let Some(s) = &t.subtitle {
                self.titled("title", &[("type", "sub"), ("xml:lang", lang)], s);
            }
        }
    }

    fn titled(&mut self, name: &str, attrs: &[(&str, &str)], t: &Text) {
        self.w.open_mixed(name, attrs);
        self.words(t);
        self.w.end(name);
    }

    /// Each further abstract as an `abstract` with its language and kind.
    pub(super) fn extra_abstracts(&mut self) {
        for x in &self.art.abstracts {
            self.one_abstract(x);
        }
    }

    fn one_abstract(&mut self, x: &ExtraAbstract) {
        let mut attrs = Vec::new();
        if let Some(l) = &x.lang {
            attrs.push(("xml:lang", l.as_str()));
        }
        if let Some(k) = x.kind {
            attrs.push(("n", k.as_str()));
        }
        self.w.open_block("abstract", &attrs);
        if let Some(t) = &x.title {
            self.titled("p", &[("rend", "heading")], t);
        }
        for p in &x.paragraphs {
            self.titled("p", &[], p);
        }
        if let Some(f) = &x.figure {
            // An abstract holds no `figure` of its own; a paragraph does.
            self.w.open_block("p", &[]);
            self.figure(f);
            self.w.end("p");
        }
        for s in &x.sections {
            self.titled("p", &[("rend", "heading")], &s.title);
            for p in &s.paragraphs {
                self.titled("p", &[], p);
            }
        }
        self.w.end("abstract");
    }

    /// Whether there are keyword groups to write in `textClass`.
    pub(super) fn has_keyword_groups(&self) -> bool {
        !self.art.keyword_groups.is_empty()
    }

    /// `keywords xml:lang` (with the printed label as `@n`) for each keyword group.
    pub(super) fn keyword_groups(&mut self) {
        for g in &self.art.keyword_groups {
            let mut attrs = vec![("xml:lang", g.lang.as_str())];
            if let Some(t) = &g.title {
                attrs.push(("n", t.as_str()));
            }
            self.w.open_block("keywords", &attrs);
            for k in &g.keywords {
                self.w.leaf("term", &[], k);
            }
            self.w.end("keywords");
        }
    }
}
