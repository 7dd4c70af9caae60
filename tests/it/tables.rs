//! Tables and captions read back from every format: each cell of the kitchen sink's
//! tables (header or not, its text, column and row spans, alignment, line breaks, the
//! notes its markers link to) as the model says it should be, the table notes, and the
//! caption titles and paragraphs of tables and figures. The expectations are computed
//! from the YAML, so a change to the fixture or an emitter that drops a fact fails here.

use galley::emit::Format;
use galley::model::{Article, Block, Cell, Figure, Grid, Part, Table};
use galley_dev::epub::Epub;
use galley_dev::xml::{XML_NS, parse, text_of};
use roxmltree::Node;

use crate::support::{KITCHEN_SINK, for_each_block, load, plain};

/// One cell as an output shows it, or as the model says it must.
#[derive(Debug, PartialEq, Eq)]
struct CellFacts {
    header: bool,
    text: String,
    colspan: usize,
    rowspan: usize,
    align: Option<String>,
    breaks: usize,
    notes: Vec<String>,
}

fn tables(article: &Article) -> Vec<&Table> {
    let mut out = Vec::new();
    for_each_block(&article.body, &mut |b| {
        if let Block::Table(t) = b {
            out.push(t);
        }
    });
    out
}

fn figures(article: &Article) -> Vec<&Figure> {
    let mut out = Vec::new();
    for_each_block(&article.body, &mut |b| {
        if let Block::Figure(f) = b {
            out.push(f);
        }
    });
    out
}

/// What the model says each row's cells are, head rows first.
fn expected(t: &Table) -> Vec<Vec<CellFacts>> {
    let grid = Grid::of(t);
    assert!(grid.problems.is_empty(), "{:?}", grid.problems);
    let mut out = Vec::new();
    for (part, rows) in [(Part::Head, &t.head), (Part::Body, &t.rows)] {
        for (r, row) in rows.iter().enumerate() {
            let cells = row.iter().enumerate().map(|(c, cell): (usize, &Cell)| {
                let v = cell.view();
                let column = t.align.get(grid.column(part, r, c)).copied();
                let mut text: String = v.lines.iter().map(plain).collect();
                for id in v.notes {
                    let note = t.notes.iter().find(|n| n.id == *id).expect("note");
                    text.push_str(&note.label);
                }
                CellFacts {
                    header: part == Part::Head || v.header,
                    text,
                    colspan: v.colspan,
                    rowspan: v.rowspan,
                    align: v.align.or(column).map(|a| a.as_str().to_string()),
                    breaks: v.lines.len().saturating_sub(1),
                    notes: v.notes.iter().map(|i| i.to_string()).collect(),
                }
            });
            out.push(cells.collect());
        }
    }
    out
}

fn elements<'a, 'i>(n: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.descendants()
        .filter(move |d| d.is_element() && d.tag_name().name() == name)
}

fn count(n: Node<'_, '_>, name: &str) -> usize {
    elements(n, name).count()
}

fn number(n: Node<'_, '_>, attr: &str) -> usize {
    n.attribute(attr)
        .map_or(1, |v| v.parse().expect("a number"))
}

/// The cells of an XHTML table (JATS or EPUB/preview): `tr` of `th`/`td`.
fn xhtml_cells(table: Node<'_, '_>, jats: bool) -> Vec<Vec<CellFacts>> {
    elements(table, "tr")
        .map(|tr| {
            tr.children()
                .filter(|c| c.is_element())
                .map(|c| CellFacts {
                    header: c.tag_name().name() == "th",
                    text: text_of(c),
                    colspan: number(c, "colspan"),
                    rowspan: number(c, "rowspan"),
                    align: if jats {
                        c.attribute("align").map(str::to_string)
                    } else {
                        c.attribute("class")
                            .and_then(|k| k.strip_prefix("align-"))
                            .map(str::to_string)
                    },
                    breaks: count(c, if jats { "break" } else { "br" }),
                    notes: if jats {
                        elements(c, "xref")
                            .map(|x| {
                                assert_eq!(x.attribute("ref-type"), Some("table-fn"));
                                x.attribute("rid").unwrap_or("").to_string()
                            })
                            .collect()
                    } else {
                        elements(c, "a")
                            .map(|a| {
                                a.attribute("href")
                                    .unwrap_or("")
                                    .trim_start_matches('#')
                                    .to_string()
                            })
                            .collect()
                    },
                })
                .collect()
        })
        .collect()
}

/// The cells of a TEI table: `row` of `cell`.
fn tei_cells(table: Node<'_, '_>) -> Vec<Vec<CellFacts>> {
    elements(table, "row")
        .map(|row| {
            let head = row.attribute("role") == Some("label");
            elements(row, "cell")
                .map(|c| CellFacts {
                    header: head || c.attribute("role") == Some("label"),
                    text: text_of(c),
                    colspan: number(c, "cols"),
                    rowspan: number(c, "rows"),
                    align: c
                        .attribute("style")
                        .and_then(|s| s.strip_prefix("text-align: "))
                        .map(str::to_string),
                    breaks: count(c, "lb"),
                    notes: elements(c, "ref")
                        .map(|r| {
                            r.attribute("target")
                                .unwrap_or("")
                                .trim_start_matches('#')
                                .to_string()
                        })
                        .collect(),
                })
                .collect()
        })
        .collect()
}

fn by_id<'a, 'i>(doc: &'a roxmltree::Document<'i>, id: &str) -> Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.attribute("id") == Some(id) || n.attribute((XML_NS, "id")) == Some(id))
        .unwrap_or_else(|| panic!("no element with id {id}"))
}

/// The kitchen sink's article and its outputs: JATS, TEI, the EPUB's article document
/// and the preview, as text.
fn outputs() -> (Article, Vec<(Format, String)>) {
    let issue = load(KITCHEN_SINK.0);
    let slug = KITCHEN_SINK.1;
    let article = issue.article(slug).clone();
    let mut out = Vec::new();
    for format in Format::ALL {
        let e = issue.emit_slug(format, slug);
        let text = if format == Format::Epub {
            let epub = Epub::read(e.bytes).expect("EPUB");
            let (_, doc) = epub
                .xhtml()
                .find(|(_, b)| String::from_utf8_lossy(b).contains("id=\"tab-members\""))
                .expect("the article document");
            String::from_utf8(doc.to_vec()).expect("UTF-8")
        } else {
            String::from_utf8(e.bytes).expect("UTF-8")
        };
        out.push((format, text));
    }
    (article, out)
}

#[test]
fn every_cell_is_in_every_format_with_its_spans_alignment_lines_and_notes() {
    let (article, outputs) = outputs();
    let tables = tables(&article);
    assert!(
        tables.len() >= 2,
        "the kitchen sink has a simple and a rich table"
    );
    assert!(
        tables
            .iter()
            .any(|t| t.head.len() > 1 && !t.notes.is_empty() && !t.align.is_empty()),
        "the kitchen sink's rich table has header rows, notes and alignments"
    );
    for (format, text) in &outputs {
        let doc = parse(text).expect("well-formed");
        for t in &tables {
            let node = by_id(&doc, t.id.as_str());
            let cells = match format {
                Format::Jats => xhtml_cells(node, true),
                Format::Tei => tei_cells(node),
                Format::Epub | Format::Html => xhtml_cells(node, false),
            };
            let mut want = expected(t);
            if matches!(format, Format::Epub | Format::Html) {
                // An empty header cell is a `td` in XHTML (a header that names nothing).
                for c in want.iter_mut().flatten() {
                    c.header &= !(c.text.trim().is_empty() && c.notes.is_empty());
                }
            }
            assert_eq!(cells, want, "{} table {}", format.name(), t.id);
        }
    }
}

#[test]
fn table_notes_are_written_under_the_table_and_linked() {
    let (article, outputs) = outputs();
    let t = tables(&article)
        .into_iter()
        .find(|t| !t.notes.is_empty())
        .expect("a table with notes");
    for (format, text) in &outputs {
        let doc = parse(text).expect("well-formed");
        for n in &t.notes {
            let node = by_id(&doc, n.id.as_str());
            let what = format!("{} note {}", format.name(), n.id);
            match format {
                Format::Jats => {
                    assert_eq!(node.tag_name().name(), "fn", "{what}");
                    assert_eq!(
                        node.parent().map(|p| p.tag_name().name()),
                        Some("table-wrap-foot")
                    );
                    let label = elements(node, "label").next().expect("label");
                    assert_eq!(text_of(label), n.label, "{what}");
                    let p = elements(node, "p").next().expect("p");
                    assert_eq!(text_of(p), plain(&n.text), "{what}");
                }
                Format::Tei => {
                    assert_eq!(node.tag_name().name(), "note", "{what}");
                    assert_eq!(node.attribute("type"), Some("table"));
                    assert_eq!(node.attribute("n"), Some(n.label.as_str()), "{what}");
                    assert_eq!(text_of(node), plain(&n.text), "{what}");
                }
                Format::Epub | Format::Html => {
                    assert_eq!(
                        text_of(node),
                        format!("{} {}", n.label, plain(&n.text)),
                        "{what}"
                    );
                }
            }
        }
    }
}

#[test]
fn caption_titles_and_paragraphs_of_tables_and_figures() {
    let (article, outputs) = outputs();
    let mut captioned: Vec<(&str, Option<String>, Vec<String>)> = Vec::new();
    for t in tables(&article) {
        let paras = t
            .caption
            .iter()
            .flat_map(|c| c.as_slice())
            .map(plain)
            .collect();
        captioned.push((t.id.as_str(), t.title.as_ref().map(plain), paras));
    }
    for f in figures(&article) {
        let paras = f
            .caption
            .iter()
            .flat_map(|c| c.as_slice())
            .map(plain)
            .collect();
        captioned.push((f.id.as_str(), f.title.as_ref().map(plain), paras));
    }
    assert!(
        captioned
            .iter()
            .filter(|(_, t, p)| t.is_some() && p.len() > 1)
            .count()
            >= 2,
        "a table and a figure with a caption title and several paragraphs"
    );
    for (format, text) in &outputs {
        let doc = parse(text).expect("well-formed");
        for (id, title, paras) in &captioned {
            let node = by_id(&doc, id);
            let what = format!("{} caption of {id}", format.name());
            let (got_title, got_paras): (Option<String>, Vec<String>) = match format {
                Format::Jats => {
                    let Some(cap) = elements(node, "caption").next() else {
                        assert!(title.is_none() && paras.is_empty(), "{what}");
                        continue;
                    };
                    (
                        elements(cap, "title").next().map(text_of),
                        elements(cap, "p").map(text_of).collect(),
                    )
                }
                Format::Tei => {
                    let kids: Vec<Node> = node.children().filter(|c| c.is_element()).collect();
                    let head = kids
                        .iter()
                        .find(|c| c.tag_name().name() == "head")
                        .map(|h| text_of(*h));
                    let rest: Vec<String> = kids
                        .iter()
                        .filter(|c| {
                            c.tag_name().name() == "p" || c.attribute("type") == Some("caption")
                        })
                        .map(|c| text_of(*c))
                        .collect();
                    match (title, head) {
                        (Some(_), h) => (h, rest),
                        // Without a title, the first paragraph is the head.
                        (None, h) => (
                            None,
                            h.into_iter()
                                .filter(|_| !paras.is_empty())
                                .chain(rest)
                                .collect(),
                        ),
                    }
                }
                Format::Epub | Format::Html => {
                    let cap = node
                        .children()
                        .find(|c| matches!(c.tag_name().name(), "caption" | "figcaption"));
                    let Some(cap) = cap else {
                        assert!(title.is_none() && paras.is_empty(), "{what}");
                        continue;
                    };
                    let t = elements(cap, "span")
                        .find(|s| s.attribute("class") == Some("caption-title"))
                        .map(text_of);
                    let all = text_of(cap);
                    // Each paragraph is in the caption, in order, after the title.
                    let mut at = t
                        .as_ref()
                        .map_or(0, |t| all.find(t.as_str()).expect("title") + t.len());
                    for p in paras {
                        let i = all[at..]
                            .find(p.as_str())
                            .unwrap_or_else(|| panic!("{what}: {p}"));
                        at += i + p.len();
                    }
                    (t, paras.clone())
                }
            };
            assert_eq!(&got_title, title, "{what}");
            assert_eq!(&got_paras, paras, "{what}");
        }
    }
}
