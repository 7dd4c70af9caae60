//! `body`: sections and the paragraph-level blocks (paragraphs, quotes, lists, figures,
//! tables), in the order JATS allows.

use super::{InputFile, Jats, has_heading, opt_attrs};
use crate::model::{
    Align, Block, Cell, Figure, Grid, List, Paragraphs, Part, Quote, Section, Table, Text,
};

/// One block of a section level, with its JSON pointer (for losses).
struct Item<'a> {
    pointer: String,
    block: &'a Block,
}

impl<'a> Jats<'a> {
    /// `body`, unless the article has no body blocks.
    pub(super) fn body(&mut self) {
        let art = self.art;
        let items = self.flatten(&art.body, "/body");
        if items.is_empty() {
            return;
        }
        self.w.open_block("body", &[]);
        self.level(items);
        self.w.end("body");
    }

    /// One level of blocks outside the body (an appendix's content), as the body's.
    pub(super) fn blocks_at(&mut self, blocks: &'a [Block], base: &str) {
        let items = self.flatten(blocks, base);
        self.level(items);
    }

    /// The blocks of one level, with sections that have neither label nor title
    /// replaced by their content: Journal Publishing requires a `sec` to have a `label`
    /// or a `title`, and neither may be invented. The lost grouping is reported.
    fn flatten(&mut self, blocks: &'a [Block], base: &str) -> Vec<Item<'a>> {
        let mut items = Vec::with_capacity(blocks.len());
        for (i, block) in blocks.iter().enumerate() {
            let pointer = format!("{base}/{i}");
            match block {
                Block::Section(s) if !has_heading(s) => {
                    let msg = if s.id.is_some() {
                        "a JATS section needs a label or a title and this one has neither: its blocks are written without the section, and cross-references to it are left out"
                    } else {
                        "a JATS section needs a label or a title and this one has neither: its blocks are written without the section"
                    };
                    self.loss(InputFile::Article, pointer.clone(), "section", msg.into());
                    let inner = self.flatten(&s.content, &format!("{pointer}/section/content"));
                    items.extend(inner);
                }
                _ => items.push(Item { pointer, block }),
            }
        }
        items
    }

    /// Writes one level of blocks. JATS puts all paragraph-level blocks of a level
    /// before its sections (`(para-level)*, (sec-level)*`), so a block that follows a
    /// section at the same level is written at the end of that section, and reported.
    fn level(&mut self, items: Vec<Item<'a>>) {
        let is_section = |i: &Item<'a>| matches!(i.block, Block::Section(_));
        let mut iter = items.into_iter().peekable();
        while let Some(item) = iter.next_if(|i| !is_section(i)) {
            self.block(&item);
        }
        while let Some(item) = iter.next() {
            let mut extras = Vec::new();
            while let Some(next) = iter.next_if(|i| !is_section(i)) {
                self.loss(
                    InputFile::Article,
                    next.pointer.clone(),
                    "block-order",
                    "JATS allows no paragraph-level block after a section at the same level: this block is written at the end of the preceding section".into(),
                );
                extras.push(next);
            }
            match item.block {
                Block::Section(s) => self.section(s, &item.pointer, extras),
                // Unreachable: the first loop stops at a section, this one only takes
                // sections. Written out rather than asserted, so nothing can panic.
                _ => {
                    self.block(&item);
                    for e in &extras {
                        self.block(e);
                    }
                }
            }
        }
    }

    /// `sec` with `id`, `label` and `title`, then its content.
    ///
    /// A section the source heads with its number alone ("I", "II") has that number
    /// written as its `title` rather than as a `label`: JATS4R asks every `sec` for a
    /// `title`, the numeral is the heading the source prints (no word is added), and
    /// writing it as both `label` and `title` would print it twice.
    fn section(&mut self, s: &'a Section, pointer: &str, extras: Vec<Item<'a>>) {
        let id = s.id.as_ref().map(|i| i.as_str());
        let sec_type = s.sec_type.as_deref();
        self.w
            .open_block("sec", &opt_attrs(&[("id", id), ("sec-type", sec_type)]));
        match (&s.label, &s.title) {
            (Some(l), None) => self.w.leaf("title", &[], l),
            (l, t) => {
                if let Some(l) = l {
                    self.w.leaf("label", &[], l);
                }
                if let Some(t) = t {
                    self.text_element("title", &[], t);
                }
            }
        }
        let mut items = self.flatten(&s.content, &format!("{pointer}/section/content"));
        items.extend(extras);
        self.level(items);
        self.w.end("sec");
    }

    /// One paragraph-level block.
    fn block(&mut self, item: &Item<'a>) {
        match item.block {
            Block::P(t) => self.para(t),
            Block::Quote(q) => self.quote(q),
            Block::List(l) => self.list(l),
            Block::Figure(f) => self.figure(f),
            Block::Table(t) => self.table(t),
            Block::Formula(f) => self.display_formula(f),
            Block::Section(s) => self.section(s, &item.pointer, Vec::new()),
        }
    }

    /// `p` with inline markup.
    pub(super) fn para(&mut self, t: &Text) {
        self.text_element("p", &[], t);
    }

    /// `disp-quote`: its paragraphs, then the attribution as `attrib`.
    fn quote(&mut self, q: &Quote) {
        self.w.open_block("disp-quote", &[]);
        for p in &q.paragraphs {
            self.para(p);
        }
        if let Some(a) = &q.attribution {
            self.text_element("attrib", &[], a);
        }
        self.w.end("disp-quote");
    }

    /// `list list-type="order|bullet"` of `list-item/p`.
    fn list(&mut self, l: &List) {
        let kind = if l.ordered { "order" } else { "bullet" };
        self.w.open_block("list", &[("list-type", kind)]);
        for item in &l.items {
            self.w.open_block("list-item", &[]);
            self.para(item);
            self.w.end("list-item");
        }
        self.w.end("list");
    }

    /// The `label` and `caption` (`title`, then a `p` per paragraph) that figures and
    /// tables open with.
    pub(super) fn label_and_caption(
        &mut self,
        label: Option<&str>,
        title: Option<&Text>,
        caption: Option<&Paragraphs>,
    ) {
        if let Some(l) = label {
            self.w.leaf("label", &[], l);
        }
        if title.is_none() && caption.is_none() {
            return;
        }
        self.w.open_block("caption", &[]);
        if let Some(t) = title {
            self.text_element("title", &[], t);
        }
        for p in caption.map(Paragraphs::as_slice).unwrap_or_default() {
            self.para(p);
        }
        self.w.end("caption");
    }

    /// `fig`: `label`, `caption` (`title`, `p`), `graphic` with `alt-text`, and the credit as
    /// `attrib`. A decorative figure (`decorative: true`) gets JATS4R's form for it,
    /// `<alt-text>null</alt-text>`; a figure with no text alternative available gets no
    /// `alt-text` (the DTD allows a `graphic` without one), never the decorative form.
    /// The `graphic` names its image's media type, sniffed from its bytes, as `mimetype`
    /// and `mime-subtype` (PMC's tagging guidelines and eLife's house rules ask for them).
    pub(super) fn figure(&mut self, f: &Figure) {
        self.w.open_block("fig", &[("id", f.id.as_str())]);
        self.label_and_caption(f.label.as_deref(), f.title.as_ref(), f.caption.as_ref());
        let href = self.r.file_href(&f.image);
        let media = self.r.image(&f.image).map(|i| i.media_type);
        let mut attrs = Vec::new();
        if let Some((main, sub)) = media.and_then(|m| m.split_once('/')) {
            attrs.extend([("mimetype", main), ("mime-subtype", sub)]);
        }
        attrs.push(("xlink:href", &href));
        self.w.open_block("graphic", &attrs);
        match (f.alt_text(), f.decorative) {
            (Some(alt), _) => self.w.leaf("alt-text", &[], alt),
            (None, true) => self.w.leaf("alt-text", &[], "null"),
            (None, false) => {}
        }
        self.w.end("graphic");
        if let Some(c) = &f.credit {
            self.text_element("attrib", &[], c);
        }
        self.w.end("fig");
    }

    /// `table-wrap`: `label`, `caption`, an XHTML `table` (`thead` with a `tr` per
    /// header row, `tbody`; `th`/`td` with `colspan`, `rowspan` and `align`), and
    /// `table-wrap-foot` with the table notes as `fn` (`label`, `p`) and the foot as `p`.
    fn table(&mut self, t: &Table) {
        self.w.open_block("table-wrap", &[("id", t.id.as_str())]);
        self.label_and_caption(t.label.as_deref(), t.title.as_ref(), t.caption.as_ref());
        let grid = Grid::of(t);
        self.w.open_block("table", &[]);
        for (part, section, rows) in [
            (Part::Head, "thead", &t.head),
            (Part::Body, "tbody", &t.rows),
        ] {
            if rows.is_empty() {
                continue;
            }
            self.w.open_block(section, &[]);
            for (r, row) in rows.iter().enumerate() {
                self.w.open_block("tr", &[]);
                for (c, cell) in row.iter().enumerate() {
                    let column = t.align.get(grid.column(part, r, c)).copied();
                    self.cell(t, part, cell, column);
                }
                self.w.end("tr");
            }
            self.w.end(section);
        }
        self.w.end("table");
        if !t.notes.is_empty() || t.foot.is_some() {
            self.w.open_block("table-wrap-foot", &[]);
            for n in &t.notes {
                self.w.open_block("fn", &[("id", n.id.as_str())]);
                self.w.leaf("label", &[], &n.label);
                self.para(&n.text);
                self.w.end("fn");
            }
            if let Some(foot) = &t.foot {
                self.para(foot);
            }
            self.w.end("table-wrap-foot");
        }
        self.w.end("table-wrap");
    }

    /// One `th` or `td`: its lines with `break` between them, then its note markers as
    /// `xref ref-type="table-fn"`.
    fn cell(&mut self, t: &Table, part: Part, cell: &Cell, column: Option<Align>) {
        let v = cell.view();
        let (colspan, rowspan) = (v.colspan.to_string(), v.rowspan.to_string());
        let mut attrs: Vec<(&str, &str)> = Vec::new();
        let name = match (part, v.header) {
            (Part::Head, _) => "th",
            (Part::Body, true) => {
                attrs.push(("scope", "row"));
                "th"
            }
            (Part::Body, false) => "td",
        };
        if let Some(a) = v.align.or(column) {
            attrs.push(("align", a.as_str()));
        }
        if v.colspan > 1 {
            attrs.push(("colspan", &colspan));
        }
        if v.rowspan > 1 {
            attrs.push(("rowspan", &rowspan));
        }
        self.w.open_mixed(name, &attrs);
        for (i, line) in v.lines.iter().enumerate() {
            if i > 0 {
                self.w.empty_inline("break", &[]);
            }
            self.inline_text(line);
        }
        for id in v.notes {
            if let Some(n) = t.notes.iter().find(|n| n.id == *id) {
                self.w
                    .open_inline("xref", &[("ref-type", "table-fn"), ("rid", id.as_str())]);
                self.w.open_inline("sup", &[]);
                self.w.text(&n.label);
                self.w.end("sup");
                self.w.end("xref");
            }
        }
        self.w.end(name);
    }
}
