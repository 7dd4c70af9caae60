//! `text` and `body`: divisions, paragraphs, quotations, lists, figures and tables.

use super::Emitter;
use crate::emit::EmitError;
use crate::model::{
    Align, Block, Cell, Figure, Grid, List, Paragraphs, Part, Quote, Section, Table, Text,
};

impl<'a> Emitter<'a> {
    pub(super) fn text(&mut self) -> Result<(), EmitError> {
        let art = self.art;
        self.w
            .open_block("text", &[("type", art.article_type.as_str())]);
        self.w.open_block("body", &[]);
        if art.body.iter().all(|b| matches!(b, Block::Figure(_))) {
            if art.body.is_empty() {
                return Err(EmitError::Unwritable(
                    "TEI needs a body, and the article's `body` is empty".into(),
                ));
            }
            // Figures alone do not make a TEI body: they go into an untitled division.
            self.w.open_block("div", &[]);
            self.blocks(&art.body);
            self.w.end("div");
        } else {
            self.blocks(&art.body);
        }
        self.w.end("body");
        self.back();
        self.w.end("text");
        Ok(())
    }

    /// Writes blocks in order. Runs of non-section blocks that follow a section go into
    /// an untitled `div`, since TEI admits no paragraph after a `div` in one parent.
    pub(super) fn blocks(&mut self, blocks: &[Block]) {
        let mut after_section = false;
        let mut i = 0;
        while i < blocks.len() {
            if let Block::Section(s) = &blocks[i] {
                self.section(s);
                after_section = true;
                i += 1;
            } else if after_section {
                let end = blocks[i..]
                    .iter()
                    .position(|b| matches!(b, Block::Section(_)))
                    .map_or(blocks.len(), |k| i + k);
                self.w.open_block("div", &[]);
                for b in &blocks[i..end] {
                    self.block(b);
                }
                self.w.end("div");
                i = end;
            } else {
                self.block(&blocks[i]);
                i += 1;
            }
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::P(t) => {
                self.w.open_mixed("p", &[]);
                self.words(t);
                self.w.end("p");
            }
            Block::Section(s) => self.section(s),
            Block::Quote(q) => self.quote(q),
            Block::List(l) => self.list(l),
            Block::Figure(f) => self.figure(f),
            Block::Table(t) => self.table(t),
            Block::Formula(f) => self.display_formula(f),
        }
    }

    /// A heading from a title, else from the label (as printed).
    pub(super) fn head(&mut self, title: Option<&Text>, label: Option<&str>) {
        match (title, label) {
            (Some(t), _) => {
                self.w.open_mixed("head", &[]);
                self.words(t);
                self.w.end("head");
            }
            (None, Some(l)) => self.w.leaf("head", &[], l),
            (None, None) => {}
        }
    }

    fn section(&mut self, s: &Section) {
        let mut attrs = Vec::new();
        if let Some(id) = &s.id {
            attrs.push(("xml:id", id.as_str()));
        }
        if let Some(t) = &s.sec_type {
            attrs.push(("type", t.as_str()));
        }
        if let Some(l) = &s.label {
            attrs.push(("n", l.as_str()));
        }
        self.w.open_block("div", &attrs);
        self.head(s.title.as_ref(), s.label.as_deref());
        self.blocks(&s.content);
        self.w.end("div");
    }

    /// `<quote>` of paragraphs; with an attribution, `<cit>` pairs it with a `<bibl>`.
    fn quote(&mut self, q: &Quote) {
        if q.attribution.is_some() {
            self.w.open_block("cit", &[]);
        }
        self.w.open_block("quote", &[]);
        for p in &q.paragraphs {
            self.w.open_mixed("p", &[]);
            self.words(p);
            self.w.end("p");
        }
        self.w.end("quote");
        if let Some(a) = &q.attribution {
            self.w.open_mixed("bibl", &[]);
            self.words(a);
            self.w.end("bibl");
            self.w.end("cit");
        }
    }

    fn list(&mut self, l: &List) {
        let rend = if l.ordered { "numbered" } else { "bulleted" };
        self.w.open_block("list", &[("rend", rend)]);
        for item in &l.items {
            self.w.open_mixed("item", &[]);
            self.words(item);
            self.w.end("item");
        }
        self.w.end("list");
    }

    /// A caption: the title as `head`, else the first caption paragraph, else the
    /// label; returns the caption paragraphs the `head` did not take.
    pub(super) fn caption_head<'c>(
        &mut self,
        label: Option<&str>,
        title: Option<&Text>,
        caption: Option<&'c Paragraphs>,
    ) -> &'c [Text] {
        let paragraphs = caption.map(Paragraphs::as_slice).unwrap_or_default();
        match (title, paragraphs.split_first()) {
            (Some(t), _) => {
                self.head(Some(t), label);
                paragraphs
            }
            (None, Some((first, rest))) => {
                self.head(Some(first), label);
                rest
            }
            (None, None) => {
                self.head(None, label);
                &[]
            }
        }
    }

    /// `<figure>`: `head` (the caption's title, else its first paragraph, else the
    /// label), the other caption paragraphs as `p`, `graphic`, `figDesc`, the credit.
    pub(super) fn figure(&mut self, f: &Figure) {
        let mut attrs = vec![("xml:id", f.id.as_str())];
        if let Some(l) = &f.label {
            attrs.push(("n", l.as_str()));
        }
        // A decorative image says so; one without a text alternative has no `figDesc`.
        if f.decorative {
            attrs.push(("type", "decorative"));
        }
        self.w.open_block("figure", &attrs);
        let rest = self.caption_head(f.label.as_deref(), f.title.as_ref(), f.caption.as_ref());
        for p in rest {
            self.w.open_mixed("p", &[]);
            self.words(p);
            self.w.end("p");
        }
        self.w
            .empty("graphic", &[("url", &crate::emit::file_href(&f.image))]);
        if let Some(alt) = f.alt_text() {
            self.w.leaf("figDesc", &[], alt);
        }
        if let Some(c) = &f.credit {
            self.w.open_mixed("note", &[("type", "credit")]);
            self.words(c);
            self.w.end("note");
        }
        self.w.end("figure");
    }

    /// `<table rows cols>`: `head` as for figures, the other caption paragraphs as
    /// `note type="caption"` (a TEI table holds no `p`), header rows as `row
    /// role="label"`, the table notes as `note type="table"`, the foot as `trailer`.
    fn table(&mut self, t: &Table) {
        let grid = Grid::of(t);
        let (rows, cols) = (
            (t.head.len() + t.rows.len()).to_string(),
            grid.width.to_string(),
        );
        let mut attrs = vec![("xml:id", t.id.as_str()), ("rows", &rows), ("cols", &cols)];
        if let Some(l) = &t.label {
            attrs.push(("n", l.as_str()));
        }
        self.w.open_block("table", &attrs);
        let rest = self.caption_head(t.label.as_deref(), t.title.as_ref(), t.caption.as_ref());
        for p in rest {
            self.w.open_mixed("note", &[("type", "caption")]);
            self.words(p);
            self.w.end("note");
        }
        for (part, rows) in [(Part::Head, &t.head), (Part::Body, &t.rows)] {
            for (r, row) in rows.iter().enumerate() {
                let attrs: &[(&str, &str)] = match part {
                    Part::Head => &[("role", "label")],
                    Part::Body => &[],
                };
                self.w.open_block("row", attrs);
                for (c, cell) in row.iter().enumerate() {
                    let column = t.align.get(grid.column(part, r, c)).copied();
                    self.cell(t, part, cell, column);
                }
                self.w.end("row");
            }
        }
        for n in &t.notes {
            let attrs = [
                ("type", "table"),
                ("xml:id", n.id.as_str()),
                ("n", &n.label),
            ];
            self.w.open_mixed("note", &attrs);
            self.words(&n.text);
            self.w.end("note");
        }
        if let Some(foot) = &t.foot {
            self.w.open_mixed("trailer", &[]);
            self.words(foot);
            self.w.end("trailer");
        }
        self.w.end("table");
    }

    /// One `cell` (`@cols`, `@rows`, `@role="label"` for a row's header, `@style` for
    /// its alignment): its lines with `lb` between them, then its note markers as `ref`.
    fn cell(&mut self, t: &Table, part: Part, cell: &Cell, column: Option<Align>) {
        let v = cell.view();
        let (cols, rows) = (v.colspan.to_string(), v.rowspan.to_string());
        let style = v
            .align
            .or(column)
            .map(|a| format!("text-align: {}", a.as_str()));
        let mut attrs: Vec<(&str, &str)> = Vec::new();
        if part == Part::Body && v.header {
            attrs.push(("role", "label"));
        }
        if v.colspan > 1 {
            attrs.push(("cols", &cols));
        }
        if v.rowspan > 1 {
            attrs.push(("rows", &rows));
        }
        if let Some(s) = &style {
            attrs.push(("style", s));
        }
        self.w.open_mixed("cell", &attrs);
        for (i, line) in v.lines.iter().enumerate() {
            if i > 0 {
                self.w.empty_inline("lb", &[]);
            }
            self.words(line);
        }
        for id in v.notes {
            if let Some(n) = t.notes.iter().find(|n| n.id == *id) {
                let target = format!("#{id}");
                self.w
                    .open_inline("ref", &[("type", "table-note"), ("target", &target)]);
                self.w.text(&n.label);
                self.w.end("ref");
            }
        }
        self.w.end("cell");
    }
}
