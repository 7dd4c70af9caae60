//! A Portuguese article as a SciELO journal prints it (`tests/fixtures/valid/pt-article`):
//! each of its facts read back from the JATS, the TEI and the EPUB — the translated
//! title and abstract, the numbered citations given with their printed text, a
//! narrative citation (printed, and generated in the journal's numeric style), the
//! cross-reference written "quadro 2", the table's merged and empty cells and the
//! numbered display formula in MathML. No author–date citation appears in any of them.

use galley::emit::Format;
use galley_dev::epub::Epub;
use galley_dev::xml::{XML_NS, language, named, one_line, parse, text_of};
use roxmltree::{Document, Node};

use crate::support::{Issue, load, utf8};

const DIR: &str = "tests/fixtures/valid/pt-article";
const SLUG: &str = "pt-article";

/// The outputs' documents: the JATS, the TEI, and the EPUB's XHTML joined in one list.
struct Outputs {
    jats: String,
    tei: String,
    xhtml: Vec<String>,
}

fn outputs() -> (Issue, Outputs) {
    let issue = load(DIR);
    let jats = utf8(&issue.emit_slug(Format::Jats, SLUG)).to_string();
    let tei = utf8(&issue.emit_slug(Format::Tei, SLUG)).to_string();
    let epub = Epub::read(issue.emit_slug(Format::Epub, SLUG).bytes).expect("an EPUB");
    let xhtml = epub
        .xhtml()
        .map(|(_, b)| String::from_utf8(b.to_vec()).expect("UTF-8"))
        .collect();
    (issue, Outputs { jats, tei, xhtml })
}

/// Each link in `doc` named `element`, as (its targets, its text).
fn links(
    doc: &Document,
    element: &'static str,
    targets: &dyn Fn(Node) -> Option<String>,
) -> Vec<(String, String)> {
    named(doc.root_element(), element)
        .filter_map(|n| Some((targets(n)?, one_line(&text_of(n)))))
        .collect()
}

#[test]
fn translated_title_and_abstract_reach_every_output() {
    let (issue, out) = outputs();
    let art = issue.article(SLUG);
    assert_eq!(art.lang.as_str(), "pt");
    let tt = &art.title_translations[0];
    let en_abstract = one_line(art.abstracts[0].paragraphs[0].as_str());

    let jats = parse(&out.jats).expect("JATS");
    let g = named(jats.root_element(), "trans-title-group")
        .next()
        .expect("trans-title-group");
    assert_eq!(language(g), Some("en"));
    assert_eq!(text_of(g).trim(), tt.title.as_str());
    let ta = named(jats.root_element(), "trans-abstract")
        .next()
        .expect("trans-abstract");
    assert_eq!(language(ta), Some("en"));
    assert!(one_line(&text_of(ta)).contains(&en_abstract));

    let tei = parse(&out.tei).expect("TEI");
    assert!(
        named(tei.root_element(), "title")
            .any(|t| language(t) == Some("en") && text_of(t) == tt.title.as_str())
    );
    assert!(
        named(tei.root_element(), "abstract")
            .any(|a| language(a) == Some("en") && one_line(&text_of(a)).contains(&en_abstract))
    );

    let (mut title, mut abs) = (false, false);
    for x in &out.xhtml {
        let doc = parse(x).expect("XHTML");
        for n in doc.descendants().filter(|n| n.is_element()) {
            if n.attribute("class") == Some("trans-title") && language(n) == Some("en") {
                title |= text_of(n) == tt.title.as_str();
            }
            if n.has_tag_name("section")
                && n.attribute("class") == Some("abstract")
                && language(n) == Some("en")
            {
                abs |= one_line(&text_of(n)).contains(&en_abstract);
            }
        }
    }
    assert!(
        title && abs,
        "EPUB: translated title {title}, abstract {abs}"
    );
}

/// The citations and the cross-reference, as each output links them: printed text kept,
/// ranges citing every reference in them, the narrative citation generated in the
/// numeric style.
#[test]
fn printed_citations_narrative_citation_and_quadro_2() {
    let (_, out) = outputs();
    let want = [
        ("r1", "[1]"),
        ("r2 r3 r4", "[2]–[4]"),
        ("r5", "Oliveira e Santos [5]"),
        ("r6", "Barbosa [6]"),
        ("q2", "quadro 2"),
        ("eq1", "equação 1"),
    ];
    let jats = parse(&out.jats).expect("JATS");
    let got = links(&jats, "xref", &|n| {
        let t = n.attribute("ref-type")?;
        matches!(t, "bibr" | "table" | "disp-formula")
            .then(|| n.attribute("rid").unwrap_or("").to_string())
    });
    let want_v: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want_v, "JATS");
    assert!(
        named(jats.root_element(), "xref")
            .any(|x| x.attribute("rid") == Some("q2") && x.attribute("ref-type") == Some("table"))
    );

    let tei = parse(&out.tei).expect("TEI");
    let got = links(&tei, "ref", &|n| {
        let t = n.attribute("target")?;
        t.starts_with('#').then(|| {
            t.split(' ')
                .map(|s| s.trim_start_matches('#'))
                .collect::<Vec<_>>()
                .join(" ")
        })
    });
    assert_eq!(got, want_v, "TEI");

    // EPUB: one link per citation, to the first target, every target listed.
    let mut got = Vec::new();
    for x in &out.xhtml {
        let doc = parse(x).expect("XHTML");
        got.extend(links(&doc, "a", &|n| {
            let href = n.attribute("href")?;
            let all = n
                .attribute("data-targets")
                .unwrap_or(href.rsplit('#').next()?);
            let ids: Vec<&str> = all
                .split(' ')
                .map(|t| {
                    t.rsplit('#')
                        .next()
                        .unwrap_or(t)
                        .trim_start_matches("_ref-")
                })
                .collect();
            ids.iter()
                .all(|i| want.iter().any(|(w, _)| w.split(' ').any(|x| x == *i)))
                .then(|| ids.join(" "))
        }));
    }
    assert_eq!(got, want_v, "EPUB");
}

/// A numeric journal's outputs print no author–date citation: no reference's family
/// name followed by its year, anywhere but in the reference list's own entries.
#[test]
fn no_author_date_text_in_a_numeric_journal() {
    let (issue, out) = outputs();
    let art = issue.article(SLUG);
    let body = |doc: &Document, element: &'static str| -> String {
        named(doc.root_element(), element)
            .map(|b| one_line(&text_of(b)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let jats = parse(&out.jats).expect("JATS");
    let tei = parse(&out.tei).expect("TEI");
    let mut texts = vec![body(&jats, "body"), body(&tei, "body")];
    for x in &out.xhtml {
        let doc = parse(x).expect("XHTML");
        texts.extend(named(doc.root_element(), "p").map(|p| one_line(&text_of(p))));
    }
    for r in &art.references {
        let family = r.author[0].family.as_deref().expect("a family name");
        let year = r.issued.as_ref().expect("a year").as_str();
        for t in &texts {
            assert!(
                !t.contains(&format!("{family} {year}")),
                "{family} {year} in {t}"
            );
            assert!(!t.contains(&format!("({family}")), "({family} in {t}");
        }
    }
}

/// The table: a header cell over two rows, another over two columns, an empty cell and
/// a total over two columns — in every output.
#[test]
fn merged_and_empty_cells_reach_every_output() {
    let (_, out) = outputs();
    let jats = parse(&out.jats).expect("JATS");
    let cells = |doc: &Document,
                 names: &[&str],
                 row: &str,
                 col: &str|
     -> Vec<(String, Option<String>, Option<String>)> {
        doc.descendants()
            .filter(|n| names.iter().any(|m| n.has_tag_name(*m)))
            .map(|n| {
                (
                    one_line(&text_of(n)),
                    n.attribute(row).map(str::to_string),
                    n.attribute(col).map(str::to_string),
                )
            })
            .collect()
    };
    let want = |a: &str, r: Option<&str>, c: Option<&str>| {
        (a.to_string(), r.map(str::to_string), c.map(str::to_string))
    };
    let expected = vec![
        want("Comunidade", Some("2"), None),
        want("Trocas", None, Some("2")),
        want("2021", None, None),
        want("2022", None, None),
        want("Lagoa Seca", None, None),
        want("14", None, None),
        want("19", None, None),
        want("Serra Branca", None, None),
        want("8", None, None),
        want("", None, None),
        want("Total", None, None),
        want("41", None, Some("2")),
    ];
    assert_eq!(
        cells(&jats, &["th", "td"], "rowspan", "colspan"),
        expected,
        "JATS"
    );
    let tei = parse(&out.tei).expect("TEI");
    assert_eq!(cells(&tei, &["cell"], "rows", "cols"), expected, "TEI");
    let mut epub = Vec::new();
    for x in &out.xhtml {
        let doc = parse(x).expect("XHTML");
        epub.extend(cells(&doc, &["th", "td"], "rowspan", "colspan"));
    }
    assert_eq!(epub, expected, "EPUB");
}

/// The display formula: its MathML (element by element), label and id in the JATS
/// (`disp-formula`, with the TeX beside it) and the EPUB (`math display="block"`); TEI,
/// which cannot hold MathML, carries the TeX and reports the MathML lost.
#[test]
fn the_mathml_display_formula_reaches_every_output() {
    let (issue, out) = outputs();
    let art = issue.article(SLUG);
    let mut formula = None;
    galley::model::walk_blocks(&art.body, "", &mut |_, b| {
        if let galley::model::Block::Formula(f) = b {
            formula = Some(f.clone());
        }
    });
    let f = formula.expect("the fixture has a display formula");
    const MML: &str = "http://www.w3.org/1998/Math/MathML";
    let source = parse(&f.mathml).expect("the MathML parses");
    let names = |n: Node| -> Vec<String> {
        n.descendants()
            .filter(|d| d.is_element() && d.tag_name().namespace() == Some(MML))
            // The EPUB wraps the source's MathML in `semantics` (its first child an
            // `mrow` holding it) to carry the TeX as an `annotation`.
            .filter(|d| !matches!(d.tag_name().name(), "semantics" | "annotation"))
            .filter(|d| {
                !(d.has_tag_name((MML, "mrow"))
                    && d.parent_element()
                        .is_some_and(|p| p.has_tag_name((MML, "semantics"))))
            })
            .map(|d| {
                // Token elements with their text; the others by name (the whitespace
                // between elements is layout, not content).
                let leaf = !d.children().any(|c| c.is_element());
                let text = if leaf {
                    one_line(&text_of(d))
                } else {
                    String::new()
                };
                format!("{}:{text}", d.tag_name().name())
            })
            .collect()
    };
    let want = names(source.root_element());
    assert!(want.iter().any(|n| n == "mfrac:"));

    let jats = parse(&out.jats).expect("JATS");
    let d = named(jats.root_element(), "disp-formula")
        .next()
        .expect("disp-formula");
    assert_eq!(d.attribute("id"), Some("eq1"));
    assert_eq!(
        named(d, "label").next().map(text_of).as_deref(),
        f.label.as_deref()
    );
    let math = d
        .descendants()
        .find(|n| n.has_tag_name((MML, "math")))
        .expect("mml:math");
    assert_eq!(names(math), want, "JATS");
    assert_eq!(
        named(d, "tex-math").next().map(text_of).as_deref(),
        f.tex.as_deref()
    );

    let tei = parse(&out.tei).expect("TEI");
    let tf = named(tei.root_element(), "formula")
        .find(|n| n.attribute((XML_NS, "id")) == Some("eq1"))
        .expect("TEI formula");
    assert_eq!(Some(text_of(tf).trim()), f.tex.as_deref());
    let tei_losses = issue.emit_slug(Format::Tei, SLUG).losses;
    assert!(tei_losses.iter().any(|l| l.code == "loss.tei.mathml"));

    let mut found = 0;
    for x in &out.xhtml {
        let doc = parse(x).expect("XHTML");
        for m in doc.descendants().filter(|n| n.has_tag_name((MML, "math"))) {
            if m.attribute("display") == Some("block") {
                assert_eq!(names(m), want, "EPUB");
                found += 1;
            }
        }
    }
    assert_eq!(found, 1);
}
