//! `text` and `body`: divisions, paragraphs, quotations, lists, figures and tables.

use super::Emitter;
use crate::emit::EmitError;
use crate::model::{Block, Figure, List, Quote, Section, Table, Text};

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
    fn blocks(&mut self, blocks: &[Block]) {
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
        }
    }

    /// A heading from a title, else from the label (as printed).
    fn head(&mut self, title: Option<&Text>, label: Option<&str>) {
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

    fn figure(&mut self, f: &Figure) {
        let mut attrs = vec![("xml:id", f.id.as_str())];
        if let Some(l) = &f.label {
            attrs.push(("n", l.as_str()));
        }
        // A decorative image says so; one without a text alternative has no `figDesc`.
        if f.decorative {
            attrs.push(("type", "decorative"));
        }
        self.w.open_block("figure", &attrs);
        self.head(f.caption.as_ref(), f.label.as_deref());
        self.w.empty("graphic", &[("url", &f.image)]);
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

    /// `<table>`: header rows are `row role="label"`; the foot is a `trailer`.
    fn table(&mut self, t: &Table) {
        let mut attrs = vec![("xml:id", t.id.as_str())];
        if let Some(l) = &t.label {
            attrs.push(("n", l.as_str()));
        }
        self.w.open_block("table", &attrs);
        self.head(t.caption.as_ref(), t.label.as_deref());
        for (rows, role) in [(&t.head, Some("label")), (&t.rows, None)] {
            for row in rows {
                let attrs: Vec<(&str, &str)> = role.iter().map(|r| ("role", *r)).collect();
                self.w.open_block("row", &attrs);
                for cell in row {
                    self.w.open_mixed("cell", &[]);
                    self.words(cell);
                    self.w.end("cell");
                }
                self.w.end("row");
            }
        }
        if let Some(foot) = &t.foot {
            self.w.open_mixed("trailer", &[]);
            self.words(foot);
            self.w.end("trailer");
        }
        self.w.end("table");
    }
}
