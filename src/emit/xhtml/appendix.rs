//! The appendices: back-matter sections after the references (where journals print
//! them, and where JATS4R's `back` lists `app-group` after `ref-list`), each with a
//! heading (label and title; the word "Appendix" in the article's language when it has
//! neither), `epub:type="appendix"` and `role="doc-appendix"`, in the table of contents.

use super::document::open_heading;
use super::{Renderer, TocEntry, body, write_generated};
use crate::inline::Inline;
use crate::l10n::Term;
use crate::model::Appendix;
use crate::xml::XmlWriter;

/// An appendix's id: its own, else `_app` and its place (`_app1`).
fn appendix_id(a: &Appendix, i: usize) -> String {
    a.id.as_ref()
        .map_or_else(|| format!("_app{}", i + 1), |id| id.to_string())
}

/// The generated path of an appendix's sections: `0` (no body section has it), then the
/// appendix's place, so their ids (`_s0.1.1`) differ from the body's.
fn appendix_path(i: usize) -> Vec<usize> {
    vec![0, i + 1]
}

impl Renderer<'_> {
    /// An appendix's heading: its label, a space, its title; the word "Appendix" (marked
    /// with its language when a fallback) when it has neither.
    fn appendix_heading(&self, a: &Appendix) -> Vec<Inline> {
        let mut out = Vec::new();
        if let Some(l) = &a.label {
            out.push(Inline::Text(l.clone()));
        }
        if let Some(t) = &a.title {
            if !out.is_empty() {
                out.push(Inline::Text(" ".into()));
            }
            out.extend(t.inlines().iter().cloned());
        }
        if out.is_empty() {
            let said = self.term(Term::Appendix);
            let word = Inline::Text(said.text.to_string());
            out.push(match said.lang {
                Some(lang) => Inline::Lang {
                    lang: lang.to_string(),
                    content: vec![word],
                },
                None => word,
            });
        }
        out
    }

    /// The appendices' entries of the table of contents, with their sections.
    pub(super) fn appendix_toc(&self, out: &mut Vec<TocEntry>) {
        for (i, a) in self.article.appendices.iter().enumerate() {
            let mut children = Vec::new();
            body::toc_walk(&a.content, &mut appendix_path(i), &mut children);
            out.push(TocEntry {
                id: appendix_id(a, i),
                label: self.appendix_heading(a),
                children,
            });
        }
    }

    /// Each appendix, a `section` with its heading and its blocks.
    pub(super) fn appendices(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        for (i, a) in art.appendices.iter().enumerate() {
            let id = appendix_id(a, i);
            let hid = format!("{id}-h");
            let mut attrs = vec![("class", "appendix"), ("id", id.as_str())];
            self.epub_type(&mut attrs, "appendix");
            attrs.extend([("role", "doc-appendix"), ("aria-labelledby", hid.as_str())]);
            w.open_block("section", &attrs);
            let h = open_heading(w, self.level, &[("id", &hid)]);
            if let Some(l) = &a.label {
                w.open_inline("span", &[("class", "label")]);
                w.text(l);
                w.end("span");
            }
            if let Some(t) = &a.title {
                if a.label.is_some() {
                    w.text(" ");
                }
                self.inline(w, t);
            }
            if a.label.is_none() && a.title.is_none() {
                let said = self.term(Term::Appendix);
                write_generated(w, self.target, said.text, said.lang);
            }
            w.end(h);
            self.blocks(w, &a.content, 1, &mut appendix_path(i));
            w.end("section");
        }
    }
}
