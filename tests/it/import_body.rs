//! The JATS importer's mapping of text, body and back matter (`src/import/jats/inline.rs`,
//! `body.rs`, `back.rs`): the kitchen sink's model → galley's JATS → the importer → the
//! same model values, piece by piece; and hand-written JATS of what galley never writes
//! (a `mixed-citation` without tags, a `p` holding a `fig`, NLM's `italic` inside
//! `xref`, a table with row spans, no-break and hair spaces), each with the model value
//! expected.

use std::path::Path;

use galley::emit::Format;
use galley::import::jats::back::{Back, back};
use galley::import::jats::body::blocks;
use galley::import::jats::ctx::{Ctx, YamlStep};
use galley::import::jats::inline::write_tree;
use galley::inline::Inline;
use galley::model::{
    Align, Article, Block, Cell, CellSpec, Figure, Formula, Paragraphs, Quote, Reference,
    ReferenceName, ReferenceType, Section, Table, Text,
};
use galley_dev::xml::parse;

use crate::support::{load, utf8};

/// A text as the importer writes it: the same markup, with only the escapes galley's
/// parser needs (the fixture escapes more than it must: `\]\]>`). The markup read is the
/// same; only the escaping may differ.
///
/// Inline formulas have no id in galley's JATS (`inline-formula` is written without one),
/// so the importer numbers them: `f1`, … in order; the fixture's one is `f-c2`.
fn canon(t: &Text) -> Text {
    let mut nodes = t.parse().expect("the fixture's markup parses").to_vec();
    for n in &mut nodes {
        if let Inline::Formula { id, .. } = n {
            *id = formula_id(id);
        }
    }
    Text::new(write_tree(&nodes).expect("the fixture's markup can be written back"))
}

/// The id the importer gives the kitchen sink's inline formula.
fn formula_id(id: &str) -> String {
    match id {
        "f-c2" => "f1".to_string(),
        other => other.to_string(),
    }
}

/// MathML as galley's JATS carries it: white space between elements is not written
/// (`crate::math::write`), so the fixture's indented MathML comes back without it.
fn canon_math(s: &str) -> String {
    s.lines().map(str::trim).collect()
}

fn canon_opt(t: &mut Option<Text>) {
    if let Some(x) = t {
        *x = canon(x);
    }
}

fn canon_paras(p: &mut Option<Paragraphs>) {
    match p {
        Some(Paragraphs::One(t)) => *t = canon(t),
        Some(Paragraphs::Many(v)) => v.iter_mut().for_each(|t| *t = canon(t)),
        None => {}
    }
}

fn canon_cell(c: &mut Cell) {
    match c {
        Cell::Text(t) => *t = canon(t),
        // `{}` and `""` are the same empty cell; JATS writes both as an empty `td`.
        Cell::Full(s) if *s == CellSpec::default() => *c = Cell::Text(Text::new("")),
        Cell::Full(s) => {
            canon_opt(&mut s.text);
            s.lines.iter_mut().for_each(|t| *t = canon(t));
        }
    }
}

fn canon_blocks(blocks: &mut [Block]) {
    for b in blocks {
        match b {
            Block::P(t) => *t = canon(t),
            Block::Section(s) => {
                canon_opt(&mut s.title);
                canon_blocks(&mut s.content);
            }
            Block::Quote(q) => {
                q.paragraphs.iter_mut().for_each(|t| *t = canon(t));
                canon_opt(&mut q.attribution);
            }
            Block::List(l) => l.items.iter_mut().for_each(|t| *t = canon(t)),
            Block::Figure(f) => {
                canon_opt(&mut f.title);
                canon_paras(&mut f.caption);
                canon_opt(&mut f.credit);
            }
            Block::Table(t) => {
                canon_opt(&mut t.title);
                canon_paras(&mut t.caption);
                t.head.iter_mut().flatten().for_each(canon_cell);
                t.rows.iter_mut().flatten().for_each(canon_cell);
                t.notes.iter_mut().for_each(|n| n.text = canon(&n.text));
                canon_opt(&mut t.foot);
            }
            Block::Formula(f) => f.mathml = canon_math(&f.mathml),
        }
    }
}

/// What the importer gives for the kitchen sink's JATS: the body's blocks, the back
/// matter, the inline formulas and footnotes met in text, and the losses.
struct Imported {
    body: Vec<Block>,
    back: Back,
    formulas: Vec<galley::model::InlineFormula>,
    losses: Vec<String>,
}

fn import(jats: &str) -> Imported {
    let doc = parse(jats).expect("galley's JATS parses");
    let mut ctx = Ctx::new(Path::new("kitchen-sink.jats.xml"), &doc);
    let article = doc.root_element();
    let body_el = article
        .children()
        .find(|c| c.has_tag_name("body"))
        .expect("a body");
    let back_el = article
        .children()
        .find(|c| c.has_tag_name("back"))
        .expect("a back");
    // Within `body`, as the importer maps it: where an inline formula may stand depends
    // on the YAML path.
    let body = ctx.within(YamlStep::Key("body".into()), |ctx| blocks(ctx, body_el));
    let back = back(&mut ctx, back_el);
    Imported {
        body,
        back,
        formulas: ctx.formulas.clone(),
        losses: ctx
            .losses
            .iter()
            .map(|l| format!("{}:{} {}: {}", l.line, l.column, l.xml_path, l.what))
            .collect(),
    }
}

fn kitchen_sink() -> (Article, Imported) {
    let issue = load("tests/fixtures/valid/kitchen-sink");
    let jats = issue.emit_slug(Format::Jats, "kitchen-sink");
    let imported = import(utf8(&jats));
    (issue.article("kitchen-sink").clone(), imported)
}

#[test]
fn kitchen_sink_body_comes_back_block_by_block() {
    let (art, got) = kitchen_sink();
    let mut want = art.body.clone();
    canon_blocks(&mut want);
    // Section by section, then block by block, so that a failure names its place.
    assert_eq!(got.body.len(), want.len(), "body blocks: {:#?}", got.body);
    for (i, (g, w)) in got.body.iter().zip(&want).enumerate() {
        match (g, w) {
            (Block::Section(gs), Block::Section(ws)) => {
                assert_eq!(
                    (&gs.id, &gs.sec_type, &gs.label, &gs.title),
                    (&ws.id, &ws.sec_type, &ws.label, &ws.title),
                    "body/{i}: the section's heading"
                );
                assert_eq!(
                    gs.content.len(),
                    ws.content.len(),
                    "body/{i}: {:#?}",
                    gs.content
                );
                for (j, (gb, wb)) in gs.content.iter().zip(&ws.content).enumerate() {
                    assert_eq!(gb, wb, "body/{i}/section/content/{j}");
                }
            }
            _ => assert_eq!(g, w, "body/{i}"),
        }
    }
    assert!(
        got.losses.is_empty(),
        "galley's own JATS maps without loss: {:#?}",
        got.losses
    );
}

#[test]
fn kitchen_sink_formulas_footnotes_and_acknowledgements_come_back() {
    let (art, got) = kitchen_sink();
    let want_formulas: Vec<_> = art
        .formulas
        .iter()
        .map(|f| galley::model::InlineFormula {
            id: galley::model::Id(formula_id(f.id.as_str())),
            mathml: canon_math(&f.mathml),
            ..f.clone()
        })
        .collect();
    assert_eq!(got.formulas, want_formulas, "inline formulas");
    let want_notes: Vec<_> = art
        .footnotes
        .iter()
        .map(|f| galley::model::Footnote {
            id: f.id.clone(),
            text: canon(&f.text),
        })
        .collect();
    assert_eq!(got.back.footnotes, want_notes, "footnotes");
    let ack: Vec<Text> = art.acknowledgements.iter().map(canon).collect();
    assert_eq!(got.back.acknowledgements, ack, "acknowledgements");
    let end: Vec<Text> = art.end_notes.iter().map(canon).collect();
    assert_eq!(got.back.end_notes, end, "end notes");
    // The headings `back` gives: the article's, else the issue's (galley writes the
    // one that applies).
    assert_eq!(got.back.titles.notes.as_deref(), Some("Notes to the Text"));
    assert_eq!(got.back.titles.references.as_deref(), Some("Works Cited"));
    assert_eq!(
        got.back.titles.acknowledgements.as_deref(),
        Some("With Thanks")
    );
    assert_eq!(
        got.back.titles.supplementary.as_deref(),
        Some("Supporting Information")
    );
    let s = &art.statements;
    let b = &got.back.statements;
    for (what, g, w) in [
        (
            "data availability",
            &b.data_availability,
            &s.data_availability,
        ),
        ("ethics", &b.ethics, &s.ethics),
        ("ai use", &b.ai_use, &s.ai_use),
        ("publisher's note", &b.publishers_note, &s.publishers_note),
    ] {
        assert_eq!(g, &w.as_ref().map(canon), "{what}");
    }
}

#[test]
fn kitchen_sink_references_come_back_one_by_one() {
    let (art, got) = kitchen_sink();
    assert_eq!(got.back.references.len(), art.references.len());
    for (g, w) in got.back.references.iter().zip(&art.references) {
        let mut w = w.clone();
        canon_opt(&mut w.title);
        canon_opt(&mut w.container_title);
        canon_opt(&mut w.collection_title);
        canon_opt(&mut w.note);
        canon_opt(&mut w.printed);
        // JATS has one `publication-type` for manuscripts and other documents: `other`.
        if w.kind == ReferenceType::Manuscript {
            w.kind = ReferenceType::Document;
        }
        assert_eq!(g, &w, "reference {}", w.id);
    }
}

#[test]
fn kitchen_sink_appendices_and_supplementary_material_come_back() {
    let (art, got) = kitchen_sink();
    let mut want = art.appendices.clone();
    for a in &mut want {
        canon_opt(&mut a.title);
        canon_blocks(&mut a.content);
    }
    assert_eq!(got.back.appendices.len(), want.len());
    for (g, w) in got.back.appendices.iter().zip(&want) {
        assert_eq!(g, w, "appendix {:?}", w.id);
    }
    let mut want = art.supplementary.clone();
    for s in &mut want {
        canon_opt(&mut s.title);
        canon_paras(&mut s.caption);
    }
    assert_eq!(got.back.supplementary, want, "supplementary material");
}

// ---------------------------------------------------------------------------------------
// What galley never writes

/// The body and back of a hand-written article (`body` and `back` inner XML).
fn snippet(body: &str, back_xml: &str) -> Imported {
    let xml = format!(
        "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:mml=\"http://www.w3.org/1998/Math/MathML\" xml:lang=\"en\"><body>{body}</body><back>{back_xml}</back></article>"
    );
    import(&xml)
}

#[test]
fn a_mixed_citation_without_tags_is_its_printed_form() {
    let got = snippet(
        "<p>x</p>",
        "<ref-list><ref id=\"r1\"><label>1</label><mixed-citation>Shen Z. <italic>Mao, Stalin</italic> [in Chinese]. Guangzhou, 1995.</mixed-citation></ref></ref-list>",
    );
    let r = &got.back.references[0];
    assert_eq!(
        r.printed.as_ref().map(Text::as_str),
        Some("Shen Z. *Mao, Stalin* [in Chinese]. Guangzhou, 1995.")
    );
    assert_eq!(r.label.as_deref(), Some("1"));
    assert!(!r.fields_state_something(), "{r:#?}");
    assert_eq!(r.kind, ReferenceType::Document);
}

#[test]
fn a_mixed_citation_with_tags_gives_fields_and_its_printed_form() {
    let got = snippet(
        "<p>x</p>",
        "<ref-list><ref id=\"r1\"><mixed-citation publication-type=\"journal\"><person-group person-group-type=\"author\"><name><surname>Papp</surname> <given-names>A</given-names></name>, <etal/></person-group> (<year>2006</year>). <article-title>A study</article-title>. <source>J Ex</source> <volume>4</volume>:<fpage>12</fpage>–<lpage>19</lpage>. doi:<pub-id pub-id-type=\"doi\">10.1234/abc.5</pub-id></mixed-citation></ref></ref-list>",
    );
    let r = &got.back.references[0];
    assert_eq!(
        r.printed.as_ref().map(Text::as_str),
        Some("Papp A,  (2006). A study. J Ex 4:12–19. doi:10.1234/abc.5")
    );
    assert_eq!(r.kind, ReferenceType::ArticleJournal);
    assert_eq!(
        r.author,
        vec![ReferenceName {
            family: Some("Papp".into()),
            given: Some("A".into()),
            literal: None
        }]
    );
    assert!(r.et_al);
    assert_eq!(r.issued.as_ref().map(|d| d.as_str()), Some("2006"));
    assert_eq!(r.title.as_ref().map(Text::as_str), Some("A study"));
    assert_eq!(r.container_title.as_ref().map(Text::as_str), Some("J Ex"));
    assert_eq!(r.volume.as_deref(), Some("4"));
    assert_eq!(r.page.as_deref(), Some("12-19"));
    assert_eq!(r.doi.as_ref().map(|d| d.as_str()), Some("10.1234/abc.5"));
    assert!(got.losses.is_empty(), "{:#?}", got.losses);
}

#[test]
fn a_p_holding_a_fig_is_split_in_order() {
    let got = snippet(
        "<p>Before the figure <fig id=\"f1\"><label>Figure 1</label><caption><p>A map.</p></caption><graphic xlink:href=\"map.png\"/></fig> and after it.</p>",
        "",
    );
    assert_eq!(
        got.body,
        vec![
            Block::P(Text::new("Before the figure")),
            Block::Figure(Figure {
                id: galley::model::Id("f1".into()),
                label: Some("Figure 1".into()),
                title: None,
                caption: Some(Paragraphs::One(Text::new("A map."))),
                image: "map.png".into(),
                alt: None,
                decorative: false,
                credit: None,
            }),
            Block::P(Text::new("and after it.")),
        ]
    );
}

#[test]
fn nlm_italic_inside_an_xref_is_kept_in_the_printed_citation() {
    let got = snippet(
        "<p>As <xref ref-type=\"bibr\" rid=\"r1\"><italic>Papp et al.</italic> (2006)</xref> showed, see <xref ref-type=\"fig\" rid=\"f1\">Fig. 1<italic>A</italic></xref>.</p><fig id=\"f1\"><label>Figure 1</label><graphic xlink:href=\"a.png\"/></fig>",
        "<ref-list><ref id=\"r1\"><element-citation publication-type=\"journal\"><person-group person-group-type=\"author\"><name><surname>Papp</surname></name></person-group><year>2006</year></element-citation></ref></ref-list>",
    );
    assert_eq!(
        got.body[0],
        Block::P(Text::new(
            "As [*Papp et al.* (2006)](@r1) showed, see [Fig. 1*A*](#f1)."
        ))
    );
}

#[test]
fn generated_citations_and_cross_references_are_recognised_only_when_exact() {
    let got = snippet(
        "<p>Known (<xref ref-type=\"bibr\" rid=\"r1\">Papp 2006</xref>), narrative <xref ref-type=\"bibr\" rid=\"r1\">Papp (2006)</xref>, other <xref ref-type=\"bibr\" rid=\"r1\">Papp, 2006</xref>; <xref ref-type=\"fig\" rid=\"f1\">Figure 1</xref> and <xref ref-type=\"fig\" rid=\"f1\">Fig. 1</xref>.</p><fig id=\"f1\"><label>Figure 1</label><graphic xlink:href=\"a.png\"/></fig>",
        "<ref-list><ref id=\"r1\"><element-citation publication-type=\"journal\"><person-group person-group-type=\"author\"><name><surname>Papp</surname></name></person-group><year>2006</year></element-citation></ref></ref-list>",
    );
    assert_eq!(
        got.body[0],
        Block::P(Text::new(
            "Known [@r1], narrative @r1, other [Papp, 2006](@r1); [#f1] and [Fig. 1](#f1)."
        ))
    );
}

#[test]
fn a_table_with_row_and_column_spans_keeps_them() {
    let got = snippet(
        "<table-wrap id=\"t1\"><label>Table 1</label><table><thead><tr><th rowspan=\"2\">Region</th><th colspan=\"2\">Members</th></tr><tr><th>Urban</th><th>Rural</th></tr></thead><tbody><tr><td>North</td><td>1</td><td>2<xref ref-type=\"table-fn\" rid=\"tn1\"><sup>a</sup></xref></td></tr><tr><td rowspan=\"2\">South</td><td>3</td><td>4</td></tr><tr><td>5</td><td>6<break/>7</td></tr></tbody></table><table-wrap-foot><fn id=\"tn1\"><label>a</label><p>Estimated.</p></fn></table-wrap-foot></table-wrap>",
        "",
    );
    let Block::Table(t) = &got.body[0] else {
        panic!("a table: {:#?}", got.body);
    };
    let full = |text: &str, colspan: Option<u16>, rowspan: Option<u16>| {
        Cell::Full(CellSpec {
            text: Some(Text::new(text)),
            colspan,
            rowspan,
            ..CellSpec::default()
        })
    };
    let want = Table {
        id: galley::model::Id("t1".into()),
        label: Some("Table 1".into()),
        title: None,
        caption: None,
        align: vec![],
        head: vec![
            vec![
                full("Region", None, Some(2)),
                full("Members", Some(2), None),
            ],
            vec!["Urban".into(), "Rural".into()],
        ],
        rows: vec![
            vec![
                "North".into(),
                "1".into(),
                Cell::Full(CellSpec {
                    text: Some(Text::new("2")),
                    notes: vec![galley::model::Id("tn1".into())],
                    ..CellSpec::default()
                }),
            ],
            vec![full("South", None, Some(2)), "3".into(), "4".into()],
            vec![
                "5".into(),
                Cell::Full(CellSpec {
                    lines: vec![Text::new("6"), Text::new("7")],
                    ..CellSpec::default()
                }),
            ],
        ],
        notes: vec![galley::model::TableNote {
            id: galley::model::Id("tn1".into()),
            label: "a".into(),
            text: Text::new("Estimated."),
        }],
        foot: None,
    };
    assert_eq!(t, &want);
    assert!(galley::model::Grid::of(t).problems.is_empty());
}

#[test]
fn no_break_and_hair_spaces_and_combining_marks_are_kept() {
    // U+00A0 no-break space, U+200A hair space, U+0301 combining acute accent; the
    // line break and indentation of the file are one space.
    let got = snippet(
        "<p>\n    10\u{a0}km\u{200a}—\u{200a}Sa\u{301}o *Paulo*\n    [sic] a@b.org @home\n  </p>",
        "",
    );
    assert_eq!(
        got.body,
        vec![Block::P(Text::new(
            "10\u{a0}km\u{200a}—\u{200a}Sa\u{301}o \\*Paulo\\* [sic] a@b.org \\@home"
        ))]
    );
    let Block::P(t) = &got.body[0] else {
        unreachable!()
    };
    assert_eq!(
        t.plain(),
        "10\u{a0}km\u{200a}—\u{200a}Sa\u{301}o *Paulo* [sic] a@b.org @home"
    );
}

#[test]
fn what_the_model_cannot_hold_is_reported_with_its_place() {
    let got = snippet(
        "<sec id=\"s1\"><title>One</title><p>A <underline>marked</underline> word.</p><boxed-text><p>In a box.</p></boxed-text></sec>",
        "",
    );
    assert_eq!(
        got.body,
        vec![Block::Section(Section {
            id: Some(galley::model::Id("s1".into())),
            sec_type: None,
            label: None,
            title: Some(Text::new("One")),
            content: vec![
                Block::P(Text::new("A marked word.")),
                Block::P(Text::new("In a box.")),
            ],
        })]
    );
    assert_eq!(got.losses.len(), 2, "{:#?}", got.losses);
    assert!(
        got.losses[0].starts_with("1:") && got.losses[0].contains("/article/body/sec/p/underline"),
        "{:#?}",
        got.losses
    );
    assert!(
        got.losses[1].contains("/article/body/sec/boxed-text"),
        "{:#?}",
        got.losses
    );
}

#[test]
fn invalid_ids_are_mapped_the_same_at_the_target_and_in_references() {
    let got = snippet(
        "<p>See <xref ref-type=\"fig\" rid=\"_1fig\">this</xref>.</p><fig id=\"_1fig\"><graphic xlink:href=\"a.png\"/></fig><disp-quote><p>Q</p><attrib>A</attrib></disp-quote><disp-formula><mml:math><mml:mi>x</mml:mi></mml:math><tex-math>x</tex-math></disp-formula>",
        "",
    );
    assert_eq!(got.body[0], Block::P(Text::new("See [this](#x_1fig).")));
    let Block::Figure(f) = &got.body[1] else {
        panic!("{:#?}", got.body)
    };
    assert_eq!(f.id.as_str(), "x_1fig");
    assert_eq!(
        got.body[2],
        Block::Quote(Quote {
            paragraphs: vec![Text::new("Q")],
            attribution: Some(Text::new("A"))
        })
    );
    assert_eq!(
        got.body[3],
        Block::Formula(Formula {
            id: None,
            label: None,
            mathml: "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>".into(),
            tex: Some("x".into()),
            alt: None,
        })
    );
}

#[test]
fn a_reference_list_is_the_reference_model() {
    let got = snippet(
        "<p>x</p>",
        "<ref-list><ref id=\"b\"><element-citation publication-type=\"book\"><person-group person-group-type=\"editor\"><name><surname>Li</surname><given-names>D</given-names></name></person-group><chapter-title>A chapter</chapter-title><source>A book</source><year>1999</year><month>Mar</month><fpage>4</fpage><lpage>20</lpage><publisher-name>P</publisher-name><ext-link xlink:href=\"https://doi.org/10.1234/xyz\">x</ext-link></element-citation></ref></ref-list>",
    );
    let r: &Reference = &got.back.references[0];
    assert_eq!(r.kind, ReferenceType::Chapter);
    assert_eq!(r.editor.len(), 1);
    assert_eq!(r.title.as_ref().map(Text::as_str), Some("A chapter"));
    assert_eq!(r.container_title.as_ref().map(Text::as_str), Some("A book"));
    assert_eq!(r.issued.as_ref().map(|d| d.as_str()), Some("1999-03"));
    assert_eq!(r.page.as_deref(), Some("4-20"));
    assert_eq!(r.publisher.as_deref(), Some("P"));
    assert_eq!(r.doi.as_ref().map(|d| d.as_str()), Some("10.1234/xyz"));
}

#[test]
fn a_cross_reference_to_what_galley_cannot_name_keeps_its_text() {
    // A supplementary file inside the body (not the back's supplementary section), a
    // list item and an id that names nothing: the printed text stays, the link is
    // reported. A figure in `floats-group` is a target like one in the body.
    let got = snippet(
        "<p>See file <xref ref-type=\"supplementary-material\" rid=\"S1\">S1</xref>, item <xref ref-type=\"list\" rid=\"li2\">2</xref>, <xref rid=\"nowhere\">here</xref> and <xref ref-type=\"fig\" rid=\"F1\">Figure 1</xref>.</p><supplementary-material id=\"S1\"><label>Additional file 1</label></supplementary-material><p>Also <xref ref-type=\"supplementary-material\" rid=\"S2\">file 2</xref>.</p><p>Not <xref ref-type=\"supplementary-material\" rid=\"S3\">file 3</xref>.</p><sec sec-type=\"supplementary-material\"><title>Files</title><supplementary-material id=\"S2\"><label>Additional file 2</label><media xlink:href=\"s2.csv\" mimetype=\"text\" mime-subtype=\"csv\"><caption><p>Click here.</p></caption></media></supplementary-material><supplementary-material id=\"S3\"><label>Additional file 3</label></supplementary-material></sec><list><list-item id=\"li2\"><p>x</p></list-item></list>",
        "",
    );
    assert_eq!(
        got.body[0],
        Block::P(Text::new("See file S1, item 2, here and Figure 1."))
    );
    let xref_losses: Vec<&String> = got
        .losses
        .iter()
        .filter(|l| l.contains("/article/body/p[1]/xref"))
        .collect();
    assert_eq!(xref_losses.len(), 4, "{:#?}", got.losses);
    // BMC Microbiology 11:174 and PLOS have their supplementary section in the body:
    // it is the article's supplementary material, a target like the back's.
    assert_eq!(got.body[2], Block::P(Text::new("Also [file 2](#S2).")));
    // An item with neither file nor DOI is left out: a reference to it keeps its text.
    assert_eq!(got.body[3], Block::P(Text::new("Not file 3.")));
    assert_eq!(got.body.len(), 5, "{:#?}", got.body);
    assert_eq!(got.back.supplementary.len(), 1);
    assert_eq!(got.back.supplementary[0].id.as_str(), "S2");
    // The file of PMC's, PLOS's and BMC's items is their `media`'s.
    assert_eq!(got.back.supplementary[0].file.as_deref(), Some("s2.csv"));
    assert_eq!(got.back.supplementary[0].media_type, None);
    assert!(
        got.losses
            .iter()
            .any(|l| l.contains("media/caption") && l.contains("of a supplementary item's file")),
        "{:#?}",
        got.losses
    );
    assert_eq!(got.back.titles.supplementary.as_deref(), Some("Files"));
    assert!(
        xref_losses[0].contains("cross-reference to S1"),
        "{xref_losses:#?}"
    );

    let xml = "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\" xml:lang=\"en\"><body><p>As <xref ref-type=\"fig\" rid=\"F1\">Figure 1</xref> shows.</p></body><back/><floats-group><fig id=\"F1\"><label>Figure 1</label><graphic xlink:href=\"f1.png\"/></fig></floats-group></article>";
    let got = import(xml);
    assert_eq!(got.body[0], Block::P(Text::new("As [#F1] shows.")));
    // The floats follow the body's blocks (EHP 116:1694 keeps its figures there).
    assert!(
        matches!(&got.body[..], [_, Block::Figure(f)] if f.id.as_str() == "F1" && f.image == "f1.png"),
        "{:#?}",
        got.body
    );
}

#[test]
fn an_inline_formula_where_galley_places_none_is_its_tex() {
    // An appendix's text, and a section title: galley places inline formulas only in the
    // body's text (not headings) and footnotes.
    let got = snippet(
        "<sec id=\"s1\"><title>Energy <inline-formula><tex-math>E=mc^2</tex-math><mml:math><mml:mi>E</mml:mi></mml:math></inline-formula></title><p>With <inline-formula><mml:math><mml:mi>x</mml:mi></mml:math></inline-formula> here.</p></sec>",
        "<app-group><app id=\"app1\"><title>A</title><p>Then <inline-formula><tex-math>a_1</tex-math><mml:math><mml:msub><mml:mi>a</mml:mi><mml:mn>1</mml:mn></mml:msub></mml:math></inline-formula> holds.</p></app></app-group>",
    );
    let Block::Section(s) = &got.body[0] else {
        panic!("{:#?}", got.body)
    };
    assert_eq!(s.title, Some(Text::new("Energy E=mc\\^2")));
    assert_eq!(s.content, vec![Block::P(Text::new("With [$f1] here."))]);
    assert_eq!(got.formulas.len(), 1, "{:#?}", got.formulas);
    assert_eq!(
        got.back.appendices[0].content,
        vec![Block::P(Text::new("Then a_1 holds."))]
    );
    let placed: Vec<&String> = got
        .losses
        .iter()
        .filter(|l| l.contains("where galley places none"))
        .collect();
    assert_eq!(placed.len(), 2, "{:#?}", got.losses);
}

#[test]
fn mathml_beyond_mathml_2_is_left_out_and_reported() {
    // MathML 3's `indentalign` is left out of the MathML kept; content MathML (`apply`)
    // cannot be carried at all: the formula is its TeX, and a cross-reference to it keeps
    // its printed text.
    let got = snippet(
        "<disp-formula id=\"e1\"><label>(1)</label><mml:math><mml:mo indentalign=\"id\" stretchy=\"false\">=</mml:mo></mml:math></disp-formula><disp-formula id=\"e2\"><label>(2)</label><alternatives><tex-math>a+b</tex-math><mml:math><mml:apply><mml:plus/><mml:ci>a</mml:ci><mml:ci>b</mml:ci></mml:apply></mml:math></alternatives></disp-formula><p>By <xref ref-type=\"disp-formula\" rid=\"e2\">(2)</xref> and <xref ref-type=\"disp-formula\" rid=\"e1\">(1)</xref>.</p>",
        "",
    );
    assert_eq!(
        got.body,
        vec![
            Block::Formula(Formula {
                id: Some(galley::model::Id("e1".into())),
                label: Some("(1)".into()),
                mathml: "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mo stretchy=\"false\">=</mo></math>".into(),
                tex: None,
                alt: None,
            }),
            Block::P(Text::new("a+b")),
            Block::P(Text::new("By (2) and [#e1].")),
        ]
    );
    for what in [
        "`indentalign` (not MathML 2)",
        "MathML galley cannot carry",
        "cross-reference to e2",
    ] {
        assert!(
            got.losses.iter().any(|l| l.contains(what)),
            "{what}: {:#?}",
            got.losses
        );
    }
}

#[test]
fn spans_past_the_tables_edge_are_cut_there() {
    // PLOS's Table 1 of journal.pone.0067227 has `colspan="2"` in the second column of a
    // two-column table; a rowspan may reach past the last row of its part.
    let got = snippet(
        "<table-wrap id=\"t1\"><label>Table 1</label><table><thead><tr><th>Variable</th><th>Value</th></tr></thead><tbody><tr><td>Age</td><td>73</td></tr><tr><td>Height</td><td colspan=\"2\" align=\"left\">170</td></tr><tr><td rowspan=\"3\">Weight</td><td>61</td></tr><tr><td>62</td></tr></tbody></table></table-wrap>",
        "",
    );
    let Block::Table(t) = &got.body[0] else {
        panic!("a table: {:#?}", got.body);
    };
    let full = |text: &str, rowspan: Option<u16>, align: Option<Align>| {
        Cell::Full(CellSpec {
            text: Some(Text::new(text)),
            rowspan,
            align,
            ..CellSpec::default()
        })
    };
    assert_eq!(
        t.rows,
        vec![
            vec!["Age".into(), "73".into()],
            vec!["Height".into(), full("170", None, Some(Align::Left))],
            vec![full("Weight", Some(2), None), "61".into()],
            vec!["62".into()],
        ]
    );
    assert!(
        galley::model::Grid::of(t).problems.is_empty(),
        "{:#?}",
        galley::model::Grid::of(t).problems
    );
    let cut: Vec<&String> = got
        .losses
        .iter()
        .filter(|l| l.contains("past the table's edge"))
        .collect();
    assert_eq!(cut.len(), 2, "{:#?}", got.losses);
    assert!(
        cut[0].contains("colspan 2 past the table's edge (row 2 of the body, cut to 1)"),
        "{cut:#?}"
    );
    assert!(
        cut[1].contains("rowspan 3") && cut[1].contains("cut to 2"),
        "{cut:#?}"
    );
}

#[test]
fn an_empty_comment_of_a_reference_is_no_note() {
    // BMC Oral Health 8:11, reference B27.
    let got = snippet(
        "<p>x</p>",
        "<ref-list><ref id=\"B27\"><citation citation-type=\"book\"><person-group person-group-type=\"author\"><name><surname>Ender</surname><given-names>PhB</given-names></name></person-group><source>Statistical Computing and Consulting</source><publisher-name>UCLA Academic Technology Services</publisher-name><comment></comment></citation></ref><ref id=\"B28\"><element-citation><source>S</source><comment> Available online. </comment></element-citation></ref></ref-list>",
    );
    assert_eq!(got.back.references[0].note, None);
    assert_eq!(
        got.back.references[0].publisher.as_deref(),
        Some("UCLA Academic Technology Services")
    );
    assert_eq!(
        got.back.references[1].note.as_ref().map(Text::as_str),
        Some("Available online.")
    );
}

#[test]
fn galley_import_takes_floats_group_without_reporting_it() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("a.xml");
    std::fs::write(
        &xml,
        "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\" article-type=\"research-article\" xml:lang=\"en\"><front><journal-meta><journal-title-group><journal-title>J</journal-title></journal-title-group></journal-meta><article-meta><title-group><article-title>Floats</article-title></title-group></article-meta></front><body><p>As <xref ref-type=\"fig\" rid=\"F1\">Figure 1</xref> shows.</p></body><floats-group><fig id=\"F1\"><label>Figure 1</label><caption><p>A map.</p></caption><graphic xlink:href=\"f1.png\"/></fig></floats-group></article>",
    )
    .unwrap();
    std::fs::write(dir.path().join("f1.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let out = dir.path().join("issue");
    let o = crate::support::galley()
        .args(["import", "jats"])
        .arg(&xml)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("floats-group"), "{stderr}");
    let yaml: String = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path().join("article.yaml")).ok())
        .collect();
    assert!(yaml.contains("As [#F1] shows."), "{yaml}");
    assert!(yaml.contains("id: F1") && yaml.contains("A map."), "{yaml}");
}

#[test]
fn a_reference_citing_several_works_prints_them_all() {
    // APS (Phys. Rev. D 91, 023521): `ref c1` holds three `mixed-citation`s.
    let got = snippet(
        "<p>x</p>",
        "<ref-list><ref id=\"c1\"><label>[1]</label>\n<mixed-citation id=\"c1a\" publication-type=\"journal\"><person-group person-group-type=\"author\"><string-name>L. P. Grishchuk</string-name></person-group>, <source>Zh. Eksp. Teor. Fiz.</source> <volume>67</volume>, <page-range>825</page-range> (<year>1974</year>)</mixed-citation>\n<mixed-citation id=\"c1b\" publication-type=\"journal\">[<source>Sov. Phys. JETP</source> <volume>40</volume>, <page-range>409</page-range> (<year>1975</year>)].</mixed-citation></ref></ref-list>",
    );
    let r = &got.back.references[0];
    assert_eq!(
        r.printed.as_ref().map(Text::as_str),
        Some(
            "L. P. Grishchuk, Zh. Eksp. Teor. Fiz. 67, 825 (1974) [Sov. Phys. JETP 40, 409 (1975)]."
        )
    );
    assert_eq!(r.volume.as_deref(), Some("67"));
    // A journal article cited without its title: the source is the journal.
    assert_eq!(r.title, None);
    assert_eq!(
        r.container_title.as_ref().map(Text::as_str),
        Some("Zh. Eksp. Teor. Fiz.")
    );
    assert!(
        got.losses
            .iter()
            .any(|l| l.contains("mixed-citation[2]") && l.contains("a further work cited")),
        "{:#?}",
        got.losses
    );
}

#[test]
fn plain_cells_of_a_header_row_are_reported_once_per_row() {
    let got = snippet(
        "<table-wrap id=\"t1\"><table><thead><tr><td>A</td><td>B</td><td>C</td></tr><tr><th>D</th><td>E</td><td>F</td></tr></thead><tbody><tr><td>1</td><td>2</td><td>3</td></tr></tbody></table></table-wrap>",
        "",
    );
    let Block::Table(t) = &got.body[0] else {
        panic!("a table: {:#?}", got.body);
    };
    assert_eq!(t.head.len(), 2);
    let plain: Vec<&String> = got
        .losses
        .iter()
        .filter(|l| l.contains("plain cells in a header row"))
        .collect();
    assert_eq!(plain.len(), 2, "{:#?}", got.losses);
    assert!(plain[0].contains("thead/tr[1]/td[1]"), "{plain:#?}");
    assert!(plain[1].contains("thead/tr[2]/td[1]"), "{plain:#?}");
}

#[test]
fn an_empty_link_prints_its_address() {
    // BMC Oral Health 8:11, "Pre-publication history".
    let got = snippet(
        "<p><ext-link ext-link-type=\"uri\" xlink:href=\"http://www.biomedcentral.com/1472-6831/8/11/prepub\"/></p><p>See <ext-link ext-link-type=\"uri\" xlink:href=\"https://example.org/a\"> </ext-link>.</p>",
        "",
    );
    assert_eq!(
        got.body,
        vec![
            Block::P(Text::new(
                "[http://www.biomedcentral.com/1472-6831/8/11/prepub](http://www.biomedcentral.com/1472-6831/8/11/prepub)"
            )),
            // A link of white space keeps it.
            Block::P(Text::new("See [ ](https://example.org/a).")),
        ]
    );
    // The address printed is text the source does not print: reported, once.
    assert_eq!(got.losses.len(), 1, "{:#?}", got.losses);
    assert!(got.losses[0].contains("empty link"), "{:#?}", got.losses);
}

#[test]
fn plos_supporting_information_is_the_articles_supplementary_material() {
    // PLOS Genetics 9:e1003316: a body section of items only, files named by DOI. The
    // printed "Figure S1" is the item's label, what galley prints for `[#id]`.
    let got = snippet(
        "<sec id=\"s1\"><title>Results</title><p>See <xref ref-type=\"supplementary-material\" rid=\"pgen.1003316.s001\">Figure S1</xref>.</p></sec><sec id=\"s4\"><title>Supporting Information</title><supplementary-material id=\"pgen.1003316.s001\" mimetype=\"image/tiff\" xlink:href=\"info:doi/10.1371/journal.pgen.1003316.s001\" position=\"float\"><label>Figure S1</label><caption><p>A figure.</p><p>(TIF)</p></caption></supplementary-material></sec>",
        "",
    );
    assert_eq!(got.body.len(), 1, "{:#?}", got.body);
    let Block::Section(s) = &got.body[0] else {
        panic!("{:#?}", got.body)
    };
    assert_eq!(
        s.content,
        vec![Block::P(Text::new("See [#pgen.1003316.s001]."))]
    );
    let item = &got.back.supplementary[0];
    assert_eq!(item.id.as_str(), "pgen.1003316.s001");
    assert_eq!(item.file, None);
    assert_eq!(
        item.doi.as_ref().map(|d| d.as_str()),
        Some("10.1371/journal.pgen.1003316.s001")
    );
    assert_eq!(
        got.back.titles.supplementary.as_deref(),
        Some("Supporting Information")
    );
}
