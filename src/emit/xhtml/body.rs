//! The body: sections and their blocks (paragraphs, quotations, lists, figures, tables),
//! the generated section ids and headings, cross-reference labels, the table of contents,
//! and the figures' images.

use std::collections::HashSet;

use super::document::open_heading;
use super::{Renderer, TocEntry};
use crate::inline::Inline;
use crate::l10n::Term;
use crate::model::{Article, Block, Figure, Section, Table};
use crate::xml::XmlWriter;

/// The generated id of a section without one: `_s` and its position, `_s2.1`.
pub(super) fn section_id(s: &Section, path: &[usize]) -> String {
    match &s.id {
        Some(id) => id.to_string(),
        None => {
            let p: Vec<String> = path.iter().map(|i| i.to_string()).collect();
            format!("_s{}", p.join("."))
        }
    }
}

/// A section's heading content: label, a space, title.
fn section_heading(s: &Section) -> Vec<Inline> {
    let mut out = Vec::new();
    if let Some(l) = &s.label {
        out.push(Inline::Text(l.clone()));
    }
    if let Some(t) = &s.title {
        if !out.is_empty() {
            out.push(Inline::Text(" ".into()));
        }
        out.extend(t.inlines().iter().cloned());
    }
    out
}

/// The ids of sections that have neither label nor title (no cross-reference target of
/// their own in the resolved article; a reference to one reads "section").
pub(super) fn headless_sections(article: &Article) -> HashSet<String> {
    let mut out = HashSet::new();
    crate::model::walk_blocks(&article.body, "", &mut |_, b| {
        if let Block::Section(s) = b
            && let (Some(id), None, None) = (&s.id, &s.label, &s.title)
        {
            out.insert(id.to_string());
        }
    });
    out
}

impl Renderer<'_> {
    /// The body's table of contents: sections, then back-matter parts with headings.
    pub fn toc(&self) -> Vec<TocEntry> {
        fn walk(blocks: &[Block], path: &mut Vec<usize>, out: &mut Vec<TocEntry>) {
            let mut n = 0;
            for b in blocks {
                if let Block::Section(s) = b {
                    n += 1;
                    path.push(n);
                    let mut children = Vec::new();
                    walk(&s.content, path, &mut children);
                    let label = section_heading(s);
                    if label.is_empty() {
                        out.extend(children);
                    } else {
                        out.push(TocEntry {
                            id: section_id(s, path),
                            label,
                            children,
                        });
                    }
                    path.pop();
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.article.body, &mut Vec::new(), &mut out);
        for (id, (label, lang), present) in self.back_parts() {
            if present {
                let text = Inline::Text(label.to_string());
                let label = match lang {
                    Some(l) => Inline::Lang {
                        lang: l.to_string(),
                        content: vec![text],
                    },
                    None => text,
                };
                out.push(TocEntry {
                    id: id.to_string(),
                    label: vec![label],
                    children: Vec::new(),
                });
            }
        }
        out
    }

    /// The body: its blocks, the end notes as printed, acknowledgements, funding,
    /// footnotes (with back-links to their first reference) and references.
    pub fn body(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        self.blocks(w, &art.body, 0, &mut Vec::new());
        self.back_matter(w);
    }

    fn blocks(&mut self, w: &mut XmlWriter, blocks: &[Block], depth: usize, path: &mut Vec<usize>) {
        let mut n = 0;
        for b in blocks {
            match b {
                Block::P(t) => self.para(w, None, t),
                Block::Section(s) => {
                    n += 1;
                    path.push(n);
                    let id = section_id(s, path);
                    let heading = section_heading(s);
                    if heading.is_empty() {
                        w.open_block("section", &[("id", &id)]);
                    } else {
                        let hid = format!("{id}-h");
                        w.open_block("section", &[("id", &id), ("aria-labelledby", &hid)]);
                        let h = open_heading(w, self.level + depth, &[("id", &hid)]);
                        if let Some(l) = &s.label {
                            w.open_inline("span", &[("class", "label")]);
                            w.text(l);
                            w.end("span");
                        }
                        if let Some(t) = &s.title {
                            if s.label.is_some() {
                                w.text(" ");
                            }
                            self.inline(w, t);
                        }
                        w.end(h);
                    }
                    self.blocks(w, &s.content, depth + 1, path);
                    w.end("section");
                    path.pop();
                }
                Block::Quote(q) => {
                    if let Some(a) = &q.attribution {
                        w.open_block("figure", &[("class", "quote")]);
                        w.open_block("blockquote", &[]);
                        for p in &q.paragraphs {
                            self.para(w, None, p);
                        }
                        w.end("blockquote");
                        w.open_mixed("figcaption", &[]);
                        w.text("— ");
                        self.inline(w, a);
                        w.end("figcaption");
                        w.end("figure");
                    } else {
                        w.open_block("blockquote", &[]);
                        for p in &q.paragraphs {
                            self.para(w, None, p);
                        }
                        w.end("blockquote");
                    }
                }
                Block::List(l) => {
                    let list = if l.ordered { "ol" } else { "ul" };
                    w.open_block(list, &[]);
                    for item in &l.items {
                        w.open_mixed("li", &[]);
                        self.inline(w, item);
                        w.end("li");
                    }
                    w.end(list);
                }
                Block::Figure(f) => self.figure(w, f),
                Block::Table(t) => self.table(w, t),
            }
        }
    }

    fn figure(&mut self, w: &mut XmlWriter, f: &Figure) {
        w.open_block("figure", &[("id", f.id.as_str())]);
        let src = self
            .images
            .get(&f.image)
            .map(|i| i.src.clone())
            .unwrap_or_else(|| f.image.clone());
        let captioned = f.label.is_some() || f.caption.is_some() || f.credit.is_some();
        let no_alt = self.term(Term::NoTextAlternative);
        // alt="" only for a decorative image; with no text alternative available, no
        // `alt` inside a figure with a caption (HTML allows it there), else galley's
        // sentence saying so.
        let alt = match (f.alt_text(), f.decorative, captioned) {
            (Some(a), _, _) => Some(a),
            (None, true, _) => Some(""),
            (None, false, true) => None,
            (None, false, false) => Some(no_alt.text),
        };
        let mut attrs: Vec<(&str, &str)> = vec![("src", &src)];
        if let Some(a) = alt {
            attrs.push(("alt", a));
        }
        // galley's sentence in English inside another language is marked as such.
        let fallback = match (alt, no_alt.lang) {
            (Some(a), Some(l)) if a == no_alt.text && f.alt_text().is_none() => {
                super::inline::lang_attrs(self.target, l)
            }
            _ => Vec::new(),
        };
        attrs.extend(super::inline::as_refs(&fallback));
        w.empty("img", &attrs);
        if captioned {
            w.open_mixed("figcaption", &[]);
            let mut first = true;
            if let Some(l) = &f.label {
                w.open_inline("span", &[("class", "label")]);
                w.text(l);
                w.end("span");
                first = false;
            }
            if let Some(c) = &f.caption {
                if !first {
                    w.text(" ");
                }
                self.inline(w, c);
                first = false;
            }
            if let Some(c) = &f.credit {
                if !first {
                    w.text(" ");
                }
                w.open_inline("span", &[("class", "credit")]);
                self.inline(w, c);
                w.end("span");
            }
            w.end("figcaption");
        }
        w.end("figure");
    }

    fn table(&mut self, w: &mut XmlWriter, t: &Table) {
        w.open_block("div", &[("class", "table-wrap")]);
        w.open_block("table", &[("id", t.id.as_str())]);
        if t.label.is_some() || t.caption.is_some() {
            w.open_mixed("caption", &[]);
            if let Some(l) = &t.label {
                w.open_inline("span", &[("class", "label")]);
                w.text(l);
                w.end("span");
            }
            if let Some(c) = &t.caption {
                if t.label.is_some() {
                    w.text(" ");
                }
                self.inline(w, c);
            }
            w.end("caption");
        }
        if !t.head.is_empty() {
            w.open_block("thead", &[]);
            for row in &t.head {
                w.open_block("tr", &[]);
                for cell in row {
                    w.open_mixed("th", &[("scope", "col")]);
                    self.inline(w, cell);
                    w.end("th");
                }
                w.end("tr");
            }
            w.end("thead");
        }
        w.open_block("tbody", &[]);
        for row in &t.rows {
            w.open_block("tr", &[]);
            for cell in row {
                w.open_mixed("td", &[]);
                self.inline(w, cell);
                w.end("td");
            }
            w.end("tr");
        }
        w.end("tbody");
        w.end("table");
        if let Some(f) = &t.foot {
            self.para(w, Some("table-foot"), f);
        }
        w.end("div");
    }
}
