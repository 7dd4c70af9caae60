//! The body: sections and their blocks (paragraphs, quotations, lists, figures, tables),
//! the generated section ids and headings, cross-reference labels, the table of contents,
//! and the figures' images.

use std::collections::HashSet;

use super::document::open_heading;
use super::{Renderer, TocEntry};
use crate::inline::Inline;
use crate::l10n::Term;
use crate::model::{
    Align, Article, Block, Cell, Figure, Grid, Paragraphs, Part, Section, Table, Text,
};
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
    crate::model::walk_article_blocks(article, &mut |_, b| {
        if let Block::Section(s) = b
            && let (Some(id), None, None) = (&s.id, &s.label, &s.title)
        {
            out.insert(id.to_string());
        }
    });
    out
}

/// The table of contents' entries of sections, depth first; a section without a
/// heading gives its children to its parent.
pub(super) fn toc_walk(blocks: &[Block], path: &mut Vec<usize>, out: &mut Vec<TocEntry>) {
    let mut n = 0;
    for b in blocks {
        if let Block::Section(s) = b {
            n += 1;
            path.push(n);
            let mut children = Vec::new();
            toc_walk(&s.content, path, &mut children);
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

/// The table of contents' entry of a back-matter part: its id and heading (marked with
/// its language when it is a fallback).
pub(super) fn part_entry(id: &str, (text, lang): (&str, Option<&str>)) -> TocEntry {
    let text = Inline::Text(text.to_string());
    let label = match lang {
        Some(l) => Inline::Lang {
            lang: l.to_string(),
            content: vec![text],
        },
        None => text,
    };
    TocEntry {
        id: id.to_string(),
        label: vec![label],
        children: Vec::new(),
    }
}

impl Renderer<'_> {
    /// The body's table of contents: sections, then back-matter parts with headings.
    pub fn toc(&self) -> Vec<TocEntry> {
        let mut out = Vec::new();
        toc_walk(&self.article.body, &mut Vec::new(), &mut out);
        for (id, heading, present) in self.back_parts() {
            if present {
                out.push(part_entry(id, heading));
            }
        }
        self.appendix_toc(&mut out);
        self.supplementary_toc(&mut out);
        out
    }

    /// The body: its blocks, the end notes as printed, acknowledgements, funding,
    /// footnotes (with back-links to their first reference) and references.
    pub fn body(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        self.blocks(w, &art.body, 0, &mut Vec::new());
        self.back_matter(w);
    }

    pub(super) fn blocks(
        &mut self,
        w: &mut XmlWriter,
        blocks: &[Block],
        depth: usize,
        path: &mut Vec<usize>,
    ) {
        let mut n = 0;
        for b in blocks {
            match b {
                Block::P(t) => self.para(w, None, t),
                Block::Section(s) => {
                    n += 1;
                    path.push(n);
                    let id = section_id(s, path);
                    let heading = section_heading(s);
                    let mut attrs = vec![("id", id.as_str())];
                    // The section's type, for style sheets and scripts (`class` is left to
                    // what the reader's style sheet gives parts of the page).
                    if let Some(t) = &s.sec_type {
                        attrs.push(("data-sec-type", t.as_str()));
                    }
                    let hid = format!("{id}-h");
                    if heading.is_empty() {
                        w.open_block("section", &attrs);
                    } else {
                        attrs.push(("aria-labelledby", hid.as_str()));
                        w.open_block("section", &attrs);
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
                Block::Formula(f) => self.display_formula(w, f),
            }
        }
    }

    pub(super) fn figure(&mut self, w: &mut XmlWriter, f: &Figure) {
        w.open_block("figure", &[("id", f.id.as_str())]);
        let src = self
            .images
            .get(&f.image)
            .map(|i| i.src.clone())
            .unwrap_or_else(|| f.image.clone());
        let paragraphs = f
            .caption
            .as_ref()
            .map(Paragraphs::as_slice)
            .unwrap_or_default();
        let captioned =
            f.label.is_some() || f.title.is_some() || !paragraphs.is_empty() || f.credit.is_some();
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
        let caption = Caption {
            label: f.label.as_deref(),
            title: f.title.as_ref(),
            paragraphs,
            credit: f.credit.as_ref(),
        };
        self.caption(w, "figcaption", &caption);
        w.end("figure");
    }

    /// A `figcaption` or table `caption`: the label, the title, the paragraphs and the
    /// credit, one after another with a space between; with several paragraphs, each in a
    /// `p` (the label and title in the first, the credit in the last).
    pub(super) fn caption(&mut self, w: &mut XmlWriter, element: &str, c: &Caption<'_>) {
        if c.label.is_none() && c.title.is_none() && c.paragraphs.is_empty() && c.credit.is_none() {
            return;
        }
        let many = c.paragraphs.len() > 1;
        if many {
            w.open_block(element, &[]);
            w.open_mixed("p", &[]);
        } else {
            w.open_mixed(element, &[]);
        }
        let mut first = true;
        let sep = |w: &mut XmlWriter, first: &mut bool| {
            if !*first {
                w.text(" ");
            }
            *first = false;
        };
        if let Some(l) = c.label {
            sep(w, &mut first);
            w.open_inline("span", &[("class", "label")]);
            w.text(l);
            w.end("span");
        }
        if let Some(t) = c.title {
            sep(w, &mut first);
            w.open_inline("span", &[("class", "caption-title")]);
            self.inline(w, t);
            w.end("span");
        }
        for (i, p) in c.paragraphs.iter().enumerate() {
            if i > 0 {
                w.end("p");
                w.open_mixed("p", &[]);
                first = true;
            }
            sep(w, &mut first);
            self.inline(w, p);
        }
        if let Some(credit) = c.credit {
            sep(w, &mut first);
            w.open_inline("span", &[("class", "credit")]);
            self.inline(w, credit);
            w.end("span");
        }
        if many {
            w.end("p");
        }
        w.end(element);
    }

    /// `table` with its `caption`, `thead` (a `tr` per header row, `th scope="col"`)
    /// and `tbody`, then the table notes and the foot under it.
    fn table(&mut self, w: &mut XmlWriter, t: &Table) {
        w.open_block("div", &[("class", "table-wrap")]);
        w.open_block("table", &[("id", t.id.as_str())]);
        let paragraphs = t
            .caption
            .as_ref()
            .map(Paragraphs::as_slice)
            .unwrap_or_default();
        let caption = Caption {
            label: t.label.as_deref(),
            title: t.title.as_ref(),
            paragraphs,
            credit: None,
        };
        self.caption(w, "caption", &caption);
        let grid = Grid::of(t);
        for (part, section, rows) in [
            (Part::Head, "thead", &t.head),
            (Part::Body, "tbody", &t.rows),
        ] {
            if rows.is_empty() {
                continue;
            }
            w.open_block(section, &[]);
            for (r, row) in rows.iter().enumerate() {
                w.open_block("tr", &[]);
                for (c, cell) in row.iter().enumerate() {
                    let column = t.align.get(grid.column(part, r, c)).copied();
                    self.cell(w, t, part, cell, column);
                }
                w.end("tr");
            }
            w.end(section);
        }
        w.end("table");
        if !t.notes.is_empty() {
            w.open_block("div", &[("class", "table-notes")]);
            for n in &t.notes {
                w.open_mixed("p", &[("id", n.id.as_str())]);
                w.open_inline("sup", &[("class", "label")]);
                w.text(&n.label);
                w.end("sup");
                w.text(" ");
                self.inline(w, &n.text);
                w.end("p");
            }
            w.end("div");
        }
        if let Some(f) = &t.foot {
            self.para(w, Some("table-foot"), f);
        }
        w.end("div");
    }

    /// One `th` (`scope="col"` in header rows, `scope="row"` for a row's header) or
    /// `td` (also for an empty header cell), with `colspan`, `rowspan`, an `align-…` class, `br` between its lines and
    /// its note markers linked to the notes.
    fn cell(
        &mut self,
        w: &mut XmlWriter,
        t: &Table,
        part: Part,
        cell: &Cell,
        column: Option<Align>,
    ) {
        let v = cell.view();
        let (colspan, rowspan) = (v.colspan.to_string(), v.rowspan.to_string());
        let class = v.align.or(column).map(|a| format!("align-{}", a.as_str()));
        // A header cell with nothing in it (a corner cell) is written as `td`: a header
        // with no text names nothing (axe-core's `empty-table-header`).
        let empty = v.notes.is_empty()
            && v.lines
                .iter()
                .all(|l| crate::emit::plain(l).trim().is_empty());
        let (name, scope) = match (part, v.header) {
            _ if empty => ("td", None),
            (Part::Head, _) => ("th", Some("col")),
            (Part::Body, true) => ("th", Some("row")),
            (Part::Body, false) => ("td", None),
        };
        let mut attrs: Vec<(&str, &str)> = scope.iter().map(|s| ("scope", *s)).collect();
        if v.colspan > 1 {
            attrs.push(("colspan", &colspan));
        }
        if v.rowspan > 1 {
            attrs.push(("rowspan", &rowspan));
        }
        if let Some(c) = &class {
            attrs.push(("class", c));
        }
        w.open_mixed(name, &attrs);
        for (i, line) in v.lines.iter().enumerate() {
            if i > 0 {
                w.empty_inline("br", &[]);
            }
            self.inline(w, line);
        }
        for id in v.notes {
            if let Some(n) = t.notes.iter().find(|n| n.id == *id) {
                let href = format!("#{id}");
                w.open_inline("sup", &[]);
                w.open_inline("a", &[("href", &href), ("class", "table-note-ref")]);
                w.text(&n.label);
                w.end("a");
                w.end("sup");
            }
        }
        w.end(name);
    }
}

/// What a caption shows, in order.
pub(super) struct Caption<'t> {
    pub(super) label: Option<&'t str>,
    pub(super) title: Option<&'t Text>,
    pub(super) paragraphs: &'t [Text],
    pub(super) credit: Option<&'t Text>,
}
