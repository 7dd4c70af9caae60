//! JATS `body` (and any element holding blocks: `sec`, `app`, `boxed-text`) → galley
//! blocks.
//!
//! What the model has is mapped: `sec` (id, `sec-type`, label, title, nesting), `p` (a
//! `p` holding blocks is split into paragraphs and blocks, in order), `list`,
//! `disp-quote`, `fig`, `table-wrap` (spans, header cells, alignment, notes, foot),
//! `disp-formula`, a `graphic` alone (a figure without caption). What it has not is
//! reported, its text kept where there is text: `boxed-text` and `fig-group` are
//! unwrapped, `preformat`, `code` and `def-list` become paragraphs.

use roxmltree::Node;

use super::ctx::{Ctx, YamlStep};
use super::inline::{self, element_id, label_text, text, text_of};
use crate::model::{
    Align, Block, Cell, CellSpec, Figure, Formula, Grid, List, Paragraphs, Part, Quote, Section,
    Table, TableNote, Text,
};

/// Elements that are blocks when they stand inside a `p`.
const BLOCK_IN_P: &[&str] = &[
    "fig",
    "fig-group",
    "table-wrap",
    "table-wrap-group",
    "disp-formula",
    "disp-formula-group",
    "list",
    "disp-quote",
    "boxed-text",
    "preformat",
    "code",
    "def-list",
    "graphic",
    "media",
    "supplementary-material",
    "array",
    "chem-struct-wrap",
    "statement",
    "speech",
    "verse-group",
    "alternatives",
];

/// The blocks of `node`'s children, in document order. For a `body`, the figures and
/// tables its article (or sub-article) keeps apart in `floats-group` follow, in their
/// order: galley's body has no separate place for floats.
pub fn blocks(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Vec<Block> {
    let mut out = Vec::new();
    let floats = node
        .has_tag_name("body")
        .then(|| node.parent_element())
        .flatten()
        .into_iter()
        .flat_map(|a| a.children().filter(|c| c.has_tag_name("floats-group")));
    let children = node.children().filter(Node::is_element);
    let float_children = floats.flat_map(|f| f.children().filter(Node::is_element));
    for c in children.chain(float_children) {
        let at = out.len();
        ctx.within(YamlStep::Index(at), |ctx| block(ctx, c, &mut out));
    }
    out
}

/// One element of a block level → blocks appended to `out`.
fn block(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Vec<Block>) {
    let name = n.tag_name().name();
    match name {
        // The heading of the element holding the level: read by its mapping.
        "label" | "title" | "sec-meta" if is_headed(n.parent()) => {}
        "p" => paragraph(ctx, n, out),
        "sec" => section(ctx, n, out),
        "list" => list(ctx, n, out),
        "disp-quote" => quote(ctx, n, out),
        "fig" => figure(ctx, n, out),
        "graphic" => figure(ctx, n, out),
        "table-wrap" => table(ctx, n, out),
        "disp-formula" => formula(ctx, n, out),
        "fig-group" | "table-wrap-group" | "disp-formula-group" | "boxed-text" => {
            ctx.lose(
                n,
                None,
                format!("{name} (a group or box: its content is kept as blocks of its own, its label and caption as paragraphs)"),
            );
            heading_as_paragraphs(ctx, n, out);
            out.extend(blocks(ctx, n));
        }
        "preformat" | "code" => {
            ctx.lose(
                n,
                None,
                format!("{name} (preformatted text: kept as a paragraph, its line breaks and spacing are not)"),
            );
            push_text(ctx, n, out);
        }
        "def-list" => def_list(ctx, n, out),
        "alternatives" => {
            // A block given in several forms: the first the model takes.
            let first = n.children().find(|c| {
                c.is_element()
                    && matches!(
                        c.tag_name().name(),
                        "fig" | "table-wrap" | "graphic" | "disp-formula"
                    )
            });
            for c in n.children().filter(|c| c.is_element() && Some(*c) != first) {
                ctx.lose(
                    c,
                    None,
                    format!("{} (another form of the same block)", c.tag_name().name()),
                );
            }
            if let Some(f) = first {
                block(ctx, f, out);
            }
        }
        _ => {
            ctx.lose(n, None, format!("{name} (its text is kept as a paragraph)"));
            if n.children().any(|c| c.is_element() && c.has_tag_name("p")) {
                out.extend(blocks(ctx, n));
            } else {
                push_text(ctx, n, out);
            }
        }
    }
}

/// Whether the element heads its content with `label` and `title` (read by its own
/// mapping, not as blocks).
fn is_headed(parent: Option<Node<'_, '_>>) -> bool {
    parent.is_some_and(|p| {
        matches!(
            p.tag_name().name(),
            "sec"
                | "app"
                | "boxed-text"
                | "ack"
                | "glossary"
                | "notes"
                | "fig-group"
                | "table-wrap-group"
                | "disp-formula-group"
                | "def-list"
                | "list"
        )
    })
}

/// The label and title of a group or box, as paragraphs (their text kept).
fn heading_as_paragraphs(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Vec<Block>) {
    for c in n
        .children()
        .filter(|c| c.has_tag_name("label") || c.has_tag_name("title") || c.has_tag_name("caption"))
    {
        if c.has_tag_name("caption") {
            out.extend(blocks(ctx, c));
        } else {
            push_text(ctx, c, out);
        }
    }
}

/// An element's text as a paragraph, when it has any.
fn push_text(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Vec<Block>) {
    let t = text(ctx, n);
    if !t.as_str().is_empty() {
        out.push(Block::P(t));
    }
}

/// `p`: its text; a `p` holding blocks is split at each block, in order.
fn paragraph(ctx: &mut Ctx<'_, '_>, p: Node<'_, '_>, out: &mut Vec<Block>) {
    let mut run: Vec<Node<'_, '_>> = Vec::new();
    let flush = |ctx: &mut Ctx<'_, '_>, run: &mut Vec<Node<'_, '_>>, out: &mut Vec<Block>| {
        if inline::has_content(run) {
            let t = text_of(ctx, run);
            if !t.as_str().is_empty() {
                out.push(Block::P(t));
            }
        }
        run.clear();
    };
    for c in p.children() {
        if c.is_element() && BLOCK_IN_P.contains(&c.tag_name().name()) {
            flush(ctx, &mut run, out);
            block(ctx, c, out);
        } else {
            run.push(c);
        }
    }
    flush(ctx, &mut run, out);
}

/// The label and title of a `sec` or `app`: the `label` as printed, the `title` with its
/// markup. A section headed by its number alone (a `title` that is only `I`, `2.1`,
/// `A`) and no `label` is that number as its label: galley writes a label-only section
/// that way.
pub fn heading(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>) -> (Option<String>, Option<Text>) {
    let label = n
        .children()
        .find(|c| c.has_tag_name("label"))
        .map(label_text)
        .filter(|l| !l.is_empty());
    let title = n
        .children()
        .find(|c| c.has_tag_name("title"))
        .map(|t| ctx.within(YamlStep::Key("title".into()), |ctx| text(ctx, t)))
        .filter(|t| !t.as_str().is_empty());
    if n.has_tag_name("sec")
        && label.is_none()
        && let Some(t) = &title
        && is_number(t.as_str())
    {
        return (Some(t.as_str().to_string()), None);
    }
    (label, title)
}

/// Whether a heading is a section number only: `I`, `IV.`, `2`, `2.1`, `A`, `A.1`.
fn is_number(s: &str) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.is_empty() {
        return false;
    }
    let roman = s.chars().all(|c| "IVXLCDM".contains(c));
    let dotted = s.split('.').enumerate().all(|(i, part)| {
        !part.is_empty()
            && (part.chars().all(|c| c.is_ascii_digit())
                || (i == 0 && part.len() == 1 && part.chars().all(|c| c.is_ascii_uppercase())))
    });
    roman || dotted
}

/// Whether `n` is a supplementary section of the body (a `sec` right under `body` with
/// `sec-type="supplementary-material"`, as BMC writes it, or holding only a heading and
/// `supplementary-material`, as PLOS's "Supporting Information" does) that the back
/// matter's mapping takes as the article's supplementary material: only when the
/// article has a `back`, which the importer always maps.
pub fn supplementary_in_body(n: Node<'_, '_>) -> bool {
    let only_items = || {
        n.children()
            .any(|c| c.has_tag_name("supplementary-material"))
            && n.children().filter(Node::is_element).all(|c| {
                matches!(
                    c.tag_name().name(),
                    "title" | "label" | "supplementary-material"
                )
            })
    };
    n.has_tag_name("sec")
        && (n.attribute("sec-type") == Some("supplementary-material") || only_items())
        && n.parent_element().is_some_and(|b| {
            b.has_tag_name("body")
                && b.parent_element()
                    .is_some_and(|a| a.children().any(|c| c.has_tag_name("back")))
        })
}

/// `sec` → a section.
fn section(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Vec<Block>) {
    if supplementary_in_body(n) {
        // Mapped with the back matter (`back::back`).
        return;
    }
    let id = n.attribute("id").map(|i| ctx.id(i));
    let (label, title) = ctx.within(YamlStep::Key("section".into()), |ctx| heading(ctx, n));
    let content = ctx.within(YamlStep::Key("section".into()), |ctx| {
        ctx.within(YamlStep::Key("content".into()), |ctx| blocks(ctx, n))
    });
    if content.is_empty() {
        ctx.lose(
            n,
            None,
            "a section without content (its heading is kept as a paragraph)",
        );
        let heading: Vec<String> = label
            .into_iter()
            .chain(title.map(|t| t.as_str().to_string()))
            .collect();
        if !heading.is_empty() {
            out.push(Block::P(Text::new(heading.join(" "))));
        }
        return;
    }
    out.push(Block::Section(Section {
        id,
        sec_type: n.attribute("sec-type").map(str::to_string),
        label,
        title,
        content,
    }));
}

/// `list` → a list: ordered for `order`, `alpha-*`, `roman-*` (the kind of numbering
/// reported); each `list-item` one item. Nested lists' items follow their parent's item.
fn list(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Vec<Block>) {
    let kind = n.attribute("list-type").unwrap_or("bullet");
    let ordered = match kind {
        "order" => true,
        "bullet" => false,
        "simple" => {
            ctx.lose(
                n,
                Some("list-type"),
                "a list without marks (`simple`): galley writes bullets",
            );
            false
        }
        k if k.starts_with("alpha") || k.starts_with("roman") => {
            ctx.lose(
                n,
                Some("list-type"),
                format!("the list's numbering style `{k}` (galley numbers with digits)"),
            );
            true
        }
        k => {
            ctx.lose(n, Some("list-type"), format!("the list type `{k}`"));
            false
        }
    };
    let mut items = Vec::new();
    list_items(ctx, n, &mut items);
    if let Some(t) = n.children().find(|c| c.has_tag_name("title")) {
        ctx.lose(t, None, "a list's title (kept as a paragraph before it)");
        push_text(ctx, t, out);
    }
    if !items.is_empty() {
        out.push(Block::List(List { ordered, items }));
    }
}

fn list_items(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, items: &mut Vec<Text>) {
    for item in n.children().filter(|c| c.has_tag_name("list-item")) {
        if let Some(l) = item.children().find(|c| c.has_tag_name("label")) {
            ctx.lose(
                l,
                None,
                "a list item's own label (galley numbers or bullets items)",
            );
        }
        let mut texts: Vec<String> = Vec::new();
        let mut nested = Vec::new();
        for c in item.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "p" => {
                    let t = text(ctx, c);
                    if !t.as_str().is_empty() {
                        texts.push(t.as_str().to_string());
                    }
                }
                "label" => {}
                "list" => {
                    ctx.lose(
                        c,
                        None,
                        "a list inside a list item (its items follow the item's)",
                    );
                    nested.push(c);
                }
                other => {
                    ctx.lose(
                        c,
                        None,
                        format!("{other} in a list item (its text is kept)"),
                    );
                    let t = text(ctx, c);
                    if !t.as_str().is_empty() {
                        texts.push(t.as_str().to_string());
                    }
                }
            }
        }
        if !item
            .children()
            .any(|c| c.is_element() && !c.has_tag_name("label"))
        {
            let t = text(ctx, item);
            if !t.as_str().is_empty() {
                texts.push(t.as_str().to_string());
            }
        }
        if texts.len() > 1 {
            ctx.lose(
                item,
                None,
                "a list item of several paragraphs (joined with a space)",
            );
        }
        if !texts.is_empty() {
            items.push(Text::new(texts.join(" ")));
        }
        for l in nested {
            list_items(ctx, l, items);
        }
    }
}

/// `disp-quote` → a quotation: its paragraphs and its `attrib`.
fn quote(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Vec<Block>) {
    let mut paragraphs = Vec::new();
    let mut attribution = None;
    let mut after = Vec::new();
    for c in n.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "p" => {
                let t = text(ctx, c);
                if !t.as_str().is_empty() {
                    paragraphs.push(t);
                }
            }
            "attrib" => {
                let t = ctx.within(YamlStep::Key("quote".into()), |ctx| {
                    ctx.within(YamlStep::Key("attribution".into()), |ctx| text(ctx, c))
                });
                attribution = Some(t).filter(|t| !t.as_str().is_empty());
            }
            other => {
                ctx.lose(
                    c,
                    None,
                    format!("{other} in a quotation (written after it)"),
                );
                block(ctx, c, &mut after);
            }
        }
    }
    if paragraphs.is_empty() && !n.children().any(|c| c.is_element() && c.has_tag_name("p")) {
        let loose: Vec<Node<'_, '_>> = n
            .children()
            .filter(|c| !c.is_element() || !c.has_tag_name("attrib"))
            .collect();
        if inline::has_content(&loose) {
            let t = text_of(ctx, &loose);
            if !t.as_str().is_empty() {
                paragraphs.push(t);
            }
        }
    }
    if paragraphs.is_empty() {
        if let Some(a) = attribution {
            out.push(Block::P(a));
        }
    } else {
        out.push(Block::Quote(Quote {
            paragraphs,
            attribution,
        }));
    }
    out.extend(after);
}

/// A `caption`'s title and paragraphs.
pub fn caption(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>) -> (Option<Text>, Option<Paragraphs>) {
    let Some(cap) = n.children().find(|c| c.has_tag_name("caption")) else {
        return (None, None);
    };
    let mut title = None;
    let mut paras = Vec::new();
    for c in cap.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "title" => title = Some(text(ctx, c)).filter(|t| !t.as_str().is_empty()),
            "p" => {
                let t = text(ctx, c);
                if !t.as_str().is_empty() {
                    paras.push(t);
                }
            }
            other => {
                ctx.lose(
                    c,
                    None,
                    format!("{other} in a caption (its text is kept as a paragraph)"),
                );
                let t = text(ctx, c);
                if !t.as_str().is_empty() {
                    paras.push(t);
                }
            }
        }
    }
    let caption = match paras.len() {
        0 => None,
        1 => paras.pop().map(Paragraphs::One),
        _ => Some(Paragraphs::Many(paras)),
    };
    (title, caption)
}

/// The label of an element (its `label` child), as printed.
pub fn label(n: Node<'_, '_>) -> Option<String> {
    n.children()
        .find(|c| c.has_tag_name("label"))
        .map(label_text)
        .filter(|l| !l.is_empty())
}

/// A local file's path from an `xlink:href`: percent-escapes decoded (galley writes a
/// space in a file name as `%20`); an absolute URL stays as it is.
pub fn href_path(href: &str) -> String {
    if href.contains("://") {
        return href.to_string();
    }
    // By hand: three lines that no crate of the project's does for a relative path.
    let bytes = href.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(h) = href.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(h, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| href.to_string())
}

/// `fig` (or a `graphic` alone) → a figure: id, label, caption, the image, its alt text
/// (`null` is JATS4R's mark of a decorative image), the credit (`attrib`).
fn figure(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Vec<Block>) {
    let alone = n.has_tag_name("graphic");
    let graphics: Vec<Node<'_, '_>> = if alone {
        vec![n]
    } else {
        n.descendants()
            .filter(|d| d.has_tag_name("graphic"))
            .collect()
    };
    let id = element_id(ctx, n, "fig");
    let label = if alone { None } else { label(n) };
    let (title, caption) = if alone { (None, None) } else { caption(ctx, n) };
    let Some(g) = graphics.first().copied() else {
        ctx.lose(
            n,
            None,
            "a figure without an image (its label and caption are kept as paragraphs)",
        );
        kept_as_paragraphs(out, label, title, caption);
        return;
    };
    for extra in graphics.iter().skip(1) {
        ctx.lose(*extra, None, "a figure's further image");
    }
    let image = g
        .attribute((inline::XLINK, "href"))
        .map(href_path)
        .unwrap_or_default();
    if image.is_empty() {
        ctx.lose(g, None, "a graphic without xlink:href");
    }
    let alt_node = g
        .children()
        .find(|c| c.has_tag_name("alt-text"))
        .or_else(|| n.children().find(|c| c.has_tag_name("alt-text")));
    let alt_raw = alt_node.map(label_text);
    let decorative = alt_raw.as_deref() == Some("null");
    let alt = alt_raw.filter(|a| a != "null" && !a.is_empty());
    let mut credit = None;
    for c in n.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "label" | "caption" | "graphic" | "alt-text" | "alternatives" => {}
            "attrib" => credit = Some(text(ctx, c)).filter(|t| !t.as_str().is_empty()),
            "long-desc" => ctx.lose(c, None, "a figure's long description"),
            other if !alone => ctx.lose(c, None, format!("{other} in a figure")),
            _ => {}
        }
    }
    for c in g
        .children()
        .filter(|c| c.is_element() && !c.has_tag_name("alt-text"))
    {
        ctx.lose(c, None, format!("{} in a graphic", c.tag_name().name()));
    }
    out.push(Block::Figure(Figure {
        id,
        label,
        title,
        caption,
        image,
        alt,
        decorative,
        credit,
    }));
}

/// `disp-formula` → a display formula (MathML required; TeX beside it).
fn formula(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Vec<Block>) {
    let id = n.attribute("id").map(|i| ctx.id(i));
    let label = label(n);
    match inline::math_of(ctx, n, true) {
        Some((mathml, tex, alt)) => out.push(Block::Formula(Formula {
            id,
            label,
            mathml,
            tex,
            alt,
        })),
        None => {
            ctx.lose(
                n,
                None,
                "a display formula without MathML (its TeX or text is kept as a paragraph)",
            );
            let tex = n
                .descendants()
                .find(|d| d.has_tag_name("tex-math"))
                .and_then(|t| t.text())
                .map(str::to_string);
            let t = match tex {
                Some(t) => Text::new(inline::markup(&[crate::inline::Inline::Text(t)], true)),
                None => text(ctx, n),
            };
            if !t.as_str().is_empty() {
                out.push(Block::P(t));
            }
        }
    }
}

/// `def-list` → a paragraph per term and per definition (reported).
fn def_list(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Vec<Block>) {
    ctx.lose(
        n,
        None,
        "def-list (a list of terms and definitions: each term and definition kept as a paragraph)",
    );
    heading_as_paragraphs(ctx, n, out);
    for item in n.children().filter(|c| c.has_tag_name("def-item")) {
        for c in item.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "term" => push_text(ctx, c, out),
                "def" => out.extend(blocks(ctx, c)),
                _ => block(ctx, c, out),
            }
        }
    }
}

/// What is left of a figure or table that cannot be one (no image, no table markup, no
/// rows): its label, title and caption as paragraphs, in that order.
fn kept_as_paragraphs(
    out: &mut Vec<Block>,
    label: Option<String>,
    title: Option<Text>,
    caption: Option<Paragraphs>,
) {
    out.extend(label.map(|l| {
        Block::P(Text::new(inline::markup(
            &[crate::inline::Inline::Text(l)],
            true,
        )))
    }));
    out.extend(title.map(Block::P));
    out.extend(
        caption
            .into_iter()
            .flat_map(|c| c.as_slice().to_vec())
            .map(Block::P),
    );
}

/// `table-wrap` → a table.
fn table(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Vec<Block>) {
    let id = element_id(ctx, n, "tab");
    let label_of = label;
    let label = label_of(n);
    let (title, caption) = caption(ctx, n);
    let Some(tab) = n.descendants().find(|d| d.has_tag_name("table")) else {
        ctx.lose(n, None, "a table without table markup (an image of a table?): its label and caption are kept as paragraphs");
        kept_as_paragraphs(out, label, title, caption);
        return;
    };
    for g in n.descendants().filter(|d| d.has_tag_name("graphic")) {
        ctx.lose(g, None, "an image of the table beside its markup");
    }
    // Rows with the cells' own alignment, decided per column below.
    let mut head: Vec<Vec<(Cell, Option<Align>)>> = Vec::new();
    let mut rows: Vec<Vec<(Cell, Option<Align>)>> = Vec::new();
    for part in tab.children().filter(Node::is_element) {
        match part.tag_name().name() {
            "thead" => {
                for tr in part.children().filter(|c| c.has_tag_name("tr")) {
                    head.push(row(ctx, tr, Part::Head));
                }
            }
            "tbody" => {
                for tr in part.children().filter(|c| c.has_tag_name("tr")) {
                    rows.push(row(ctx, tr, Part::Body));
                }
            }
            "tr" => rows.push(row(ctx, part, Part::Body)),
            "tfoot" => {
                ctx.lose(part, None, "a table's footer rows (kept as body rows)");
                for tr in part.children().filter(|c| c.has_tag_name("tr")) {
                    rows.push(row(ctx, tr, Part::Body));
                }
            }
            "col" | "colgroup" => {}
            other => ctx.lose(part, None, format!("{other} in a table")),
        }
    }
    let mut notes = Vec::new();
    let mut foot: Vec<String> = Vec::new();
    if let Some(f) = n.children().find(|c| c.has_tag_name("table-wrap-foot")) {
        for c in f.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "fn" => {
                    let nid = element_id(ctx, c, "tn");
                    let paras: Vec<Node<'_, '_>> =
                        c.children().filter(|x| x.has_tag_name("p")).collect();
                    let text = inline::paragraphs_joined(ctx, c, &paras);
                    match label_of(c) {
                        Some(l) => notes.push(TableNote {
                            id: nid,
                            label: l,
                            text,
                        }),
                        None => {
                            // A note with no mark: nothing in a cell points to it; its
                            // text is the foot's.
                            foot.push(text.as_str().to_string());
                        }
                    }
                }
                "fn-group" => {
                    for fnode in c.children().filter(|x| x.has_tag_name("fn")) {
                        let nid = element_id(ctx, fnode, "tn");
                        let paras: Vec<Node<'_, '_>> =
                            fnode.children().filter(|x| x.has_tag_name("p")).collect();
                        let text = inline::paragraphs_joined(ctx, fnode, &paras);
                        match label_of(fnode) {
                            Some(l) => notes.push(TableNote {
                                id: nid,
                                label: l,
                                text,
                            }),
                            None => foot.push(text.as_str().to_string()),
                        }
                    }
                }
                "p" => {
                    let t = text(ctx, c);
                    if !t.as_str().is_empty() {
                        foot.push(t.as_str().to_string());
                    }
                }
                other => {
                    ctx.lose(
                        c,
                        None,
                        format!("{other} under a table (its text is kept in the foot)"),
                    );
                    let t = text(ctx, c);
                    if !t.as_str().is_empty() {
                        foot.push(t.as_str().to_string());
                    }
                }
            }
        }
        if foot.len() > 1 {
            ctx.lose(
                f,
                None,
                "several paragraphs under a table (joined with a space)",
            );
        }
    }
    if rows.is_empty() {
        // A table of header rows only: they are its rows.
        rows = std::mem::take(&mut head);
    }
    if rows.is_empty() {
        ctx.lose(
            n,
            None,
            "a table without rows (its caption is kept as paragraphs)",
        );
        kept_as_paragraphs(out, None, title, caption);
        return;
    }
    let mut t = Table {
        id,
        label,
        title,
        caption,
        align: Vec::new(),
        head: head
            .iter()
            .map(|r| r.iter().map(|(c, _)| c.clone()).collect())
            .collect(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|(c, _)| c.clone()).collect())
            .collect(),
        notes,
        foot: (!foot.is_empty()).then(|| Text::new(foot.join(" "))),
    };
    fit_spans(ctx, n, &mut t);
    alignment(&mut t, &head, &rows);
    out.push(Block::Table(t));
}

/// Whether a table-note mark prints what galley prints for it: its notes' labels (or
/// nothing). A mark that prints something else (PLOS's "c" pointing at a note labelled
/// "a,b,c,d") is text of the cell, kept by the text mapping.
fn prints_its_notes_labels(ctx: &Ctx<'_, '_>, xref: Node<'_, '_>) -> bool {
    let printed = label_text(xref);
    if printed.trim().is_empty() {
        return true;
    }
    let labels: Vec<String> = xref
        .attribute("rid")
        .unwrap_or("")
        .split_whitespace()
        .map(|r| {
            ctx.by_id(r)
                .and_then(|n| n.children().find(|c| c.has_tag_name("label")))
                .map(label_text)
                .unwrap_or_default()
        })
        .collect();
    labels.join(",").trim() == printed.trim() || labels.join(", ").trim() == printed.trim()
}

/// Spans past the table's edge (a `colspan` reaching beyond the columns the first row
/// makes, a `rowspan` beyond the last row of its part), which browsers cut at the edge:
/// cut there too, and reported. Other faults of shape are left for `galley validate`.
fn fit_spans(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, t: &mut Table) {
    let grid = Grid::of(t);
    for p in &grid.problems {
        let Some((c, Some(key))) = p.cell else {
            continue;
        };
        if p.code != "table.span" {
            continue;
        }
        let rows_left = match p.part {
            Part::Head => t.head.len() - p.row,
            Part::Body => t.rows.len() - p.row,
        };
        let start = grid.column(p.part, p.row, c);
        let row = match p.part {
            Part::Head => &mut t.head[p.row],
            Part::Body => &mut t.rows[p.row],
        };
        let Some(Cell::Full(spec)) = row.get_mut(c) else {
            continue;
        };
        let (was, now) = if key == "colspan" {
            let now = grid.width.saturating_sub(start).max(1);
            (spec.colspan.take(), now)
        } else {
            (spec.rowspan.take(), rows_left.max(1))
        };
        let now_u16 = u16::try_from(now).ok().filter(|&v| v > 1);
        if key == "colspan" {
            spec.colspan = now_u16;
        } else {
            spec.rowspan = now_u16;
        }
        ctx.lose(
            n,
            None,
            format!(
                "a cell's {key} {} past the table's edge (row {} of the {}, cut to {now})",
                was.unwrap_or(1),
                p.row + 1,
                if p.part == Part::Head { "head" } else { "body" },
            ),
        );
    }
}

/// The table's column alignment and each cell's own: when every cell has an `align`, each
/// column takes the one most of the cells starting in it have, and a cell keeps its own
/// only where it differs; otherwise cells keep their own.
fn alignment(
    t: &mut Table,
    head: &[Vec<(Cell, Option<Align>)>],
    rows: &[Vec<(Cell, Option<Align>)>],
) {
    let grid = Grid::of(t);
    let all_aligned = head.iter().chain(rows).flatten().all(|(_, a)| a.is_some());
    let mut columns: Vec<Vec<Align>> = Vec::new();
    if all_aligned {
        for (part, part_rows) in [(Part::Head, head), (Part::Body, rows)] {
            for (r, row) in part_rows.iter().enumerate() {
                for (c, (_, a)) in row.iter().enumerate() {
                    let col = grid.column(part, r, c);
                    if columns.len() <= col {
                        columns.resize(col + 1, Vec::new());
                    }
                    columns[col].extend(*a);
                }
            }
        }
    }
    let column_align: Vec<Option<Align>> = columns
        .iter()
        .map(|v| {
            let mut best: Option<(Align, usize)> = None;
            for a in v {
                let n = v.iter().filter(|x| *x == a).count();
                if best.is_none_or(|(_, m)| n > m) {
                    best = Some((*a, n));
                }
            }
            best.map(|(a, _)| a)
        })
        .collect();
    let uniform =
        all_aligned && !column_align.is_empty() && column_align.iter().all(Option::is_some);
    if uniform {
        t.align = column_align.iter().flatten().copied().collect();
    }
    for (part, part_rows, cells) in [
        (Part::Head, head, &mut t.head),
        (Part::Body, rows, &mut t.rows),
    ] {
        for (r, row) in part_rows.iter().enumerate() {
            for (c, (_, own)) in row.iter().enumerate() {
                let col = if uniform {
                    t.align.get(grid.column(part, r, c)).copied()
                } else {
                    None
                };
                let keep = if own.is_some() && *own != col {
                    *own
                } else {
                    None
                };
                if let Some(a) = keep {
                    let cell = &mut cells[r][c];
                    let mut spec = match cell {
                        Cell::Text(t) => CellSpec {
                            text: Some(t.clone()),
                            ..CellSpec::default()
                        },
                        Cell::Full(s) => s.clone(),
                    };
                    spec.align = Some(a);
                    *cell = Cell::Full(spec);
                }
            }
        }
    }
}

/// One `tr`: each `th`/`td` with its own alignment.
fn row(ctx: &mut Ctx<'_, '_>, tr: Node<'_, '_>, part: Part) -> Vec<(Cell, Option<Align>)> {
    let mut out = Vec::new();
    for c in tr.children().filter(Node::is_element) {
        let name = c.tag_name().name();
        if name != "th" && name != "td" {
            ctx.lose(c, None, format!("{name} in a table row"));
            continue;
        }
        let align = match c.attribute("align") {
            Some("left") => Some(Align::Left),
            Some("center") => Some(Align::Center),
            Some("right") => Some(Align::Right),
            Some("justify") => Some(Align::Justify),
            Some(other) => {
                ctx.lose(c, Some("align"), format!("a cell's alignment `{other}`"));
                None
            }
            None => None,
        };
        let span = |a: &str| -> Option<u16> {
            c.attribute(a)
                .and_then(|v| v.trim().parse::<u16>().ok())
                .filter(|n| *n > 1)
        };
        for a in [
            "valign", "style", "char", "charoff", "abbr", "axis", "headers", "width", "height",
        ] {
            if c.attribute(a).is_some() {
                ctx.lose(c, Some(a), format!("a cell's `{a}`"));
            }
        }
        // The cell's lines (split at `break`) and its table-note marks at the end.
        let children: Vec<Node<'_, '_>> = c.children().collect();
        let mut end = children.len();
        let mut notes = Vec::new();
        while end > 0 {
            let last = children[end - 1];
            if last.is_text() && last.text().is_some_and(|t| t.trim().is_empty()) {
                end -= 1;
            } else if last.has_tag_name("xref")
                && last.attribute("ref-type") == Some("table-fn")
                && prints_its_notes_labels(ctx, last)
            {
                for r in last.attribute("rid").unwrap_or("").split_whitespace() {
                    notes.insert(0, ctx.id(r));
                }
                end -= 1;
            } else {
                break;
            }
        }
        let mut lines: Vec<Text> = Vec::new();
        for seg in children[..end].split(|n| n.has_tag_name("break")) {
            lines.push(text_of(ctx, seg));
        }
        let header = part == Part::Body && name == "th";
        // Reported once per row, at its first plain cell (PLOS writes whole header rows
        // of `td`).
        let first_td = || c.prev_siblings().skip(1).all(|p| !p.has_tag_name("td"));
        if part == Part::Head && name == "td" && first_td() {
            ctx.lose(
                c,
                None,
                "plain cells in a header row (galley writes header rows' cells as header cells)",
            );
        }
        let (colspan, rowspan) = (span("colspan"), span("rowspan"));
        let simple = lines.len() <= 1
            && colspan.is_none()
            && rowspan.is_none()
            && !header
            && notes.is_empty();
        let cell = if simple {
            Cell::Text(lines.pop().unwrap_or_default())
        } else {
            let (text, lines) = match lines.len() {
                0 => (None, Vec::new()),
                1 => (lines.pop().filter(|t| !t.as_str().is_empty()), Vec::new()),
                _ => (None, lines),
            };
            Cell::Full(CellSpec {
                text,
                lines,
                colspan,
                rowspan,
                align: None,
                header,
                notes,
            })
        };
        out.push((cell, align));
    }
    out
}
