//! Formulas read back from every format: each display formula of the kitchen sink (its
//! id, label, MathML element by element, TeX, alt text) and each inline formula where the
//! text places it, the cross-references to formulas, the EPUB's `mathml` manifest
//! property and accessibility feature, and TEI's reported losses. The expectations are
//! computed from the YAML, so a change to the fixture or an emitter that drops a fact
//! fails here.

use galley::emit::{Emitted, Format};
use galley::math::MATHML_NS;
use galley::model::{Article, Block, Formula};
use galley_dev::epub::Epub;
use galley_dev::xml::{XML_NS, parse, text_of};
use roxmltree::{Document, Node};

use crate::support::{KITCHEN_SINK, load};

/// The kitchen sink's display formulas, in reading order (the body's, then the
/// appendices').
fn display_formulas(article: &Article) -> Vec<&Formula> {
    let mut out = Vec::new();
    galley::model::walk_article_blocks(article, &mut |_, b| {
        if let Block::Formula(f) = b {
            out.push(f);
        }
    });
    out
}

/// A MathML tree as a list of (element name, text of the token) in document order,
/// whitespace-only text left out: what any faithful copy of it shows.
fn shape(math: Node<'_, '_>) -> Vec<(String, String)> {
    math.descendants()
        .filter(|n| n.is_element() && n.tag_name().namespace() == Some(MATHML_NS))
        .filter(|n| !matches!(n.tag_name().name(), "semantics" | "annotation"))
        .map(|n| {
            let own: String = n
                .children()
                .filter(|c| c.is_text())
                .filter_map(|c| c.text())
                .map(str::trim)
                .collect();
            (n.tag_name().name().to_string(), own)
        })
        .collect()
}

/// The shape of the source's MathML, the `mrow` galley adds around the content when it
/// carries TeX as an annotation accounted for by `added_mrow`.
fn source_shape(mathml: &str, added_mrow: bool) -> Vec<(String, String)> {
    let doc = Document::parse(mathml).expect("the fixture's MathML parses");
    let mut s = shape(doc.root_element());
    if added_mrow {
        s.insert(1, ("mrow".into(), String::new()));
    }
    s
}

fn emit(format: Format) -> (Emitted, crate::support::Issue) {
    let issue = load(KITCHEN_SINK.0);
    (issue.emit_slug(format, KITCHEN_SINK.1), issue)
}

fn elements<'a, 'i>(doc: &'a Document<'i>, ns: Option<&str>, name: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .filter(|n| ns.is_none() || n.tag_name().namespace() == ns)
        .collect()
}

#[test]
fn the_kitchen_sink_has_every_kind_of_formula() {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    let f = display_formulas(art);
    assert!(
        f.iter()
            .any(|f| f.label.is_some() && f.tex.is_some() && f.alt.is_some())
    );
    assert!(f.iter().any(|f| f.label.is_none()));
    assert!(
        art.formulas
            .iter()
            .any(|f| f.tex.is_some() && f.alt.is_some())
    );
}

#[test]
fn jats_disp_formula_inline_formula_and_xref() {
    let (e, issue) = emit(Format::Jats);
    let art = issue.article(KITCHEN_SINK.1);
    let text = std::str::from_utf8(&e.bytes).expect("UTF-8");
    let doc = parse(text).expect("well-formed");
    let disp = elements(&doc, None, "disp-formula");
    let want = display_formulas(art);
    assert_eq!(disp.len(), want.len());
    for (d, f) in disp.iter().zip(&want) {
        assert_eq!(d.attribute("id"), f.id.as_ref().map(|i| i.as_str()));
        let label = d.children().find(|c| c.has_tag_name("label"));
        assert_eq!(label.map(text_of), f.label.clone());
        let math = d
            .descendants()
            .find(|n| n.has_tag_name((MATHML_NS, "math")))
            .expect("mml:math");
        assert_eq!(shape(math), source_shape(&f.mathml, false));
        assert_eq!(math.attribute("display"), Some("block"));
        assert_eq!(math.attribute("alttext"), f.alt.as_deref());
        let tex = d.descendants().find(|n| n.has_tag_name("tex-math"));
        assert_eq!(tex.map(text_of), f.tex.clone());
        if f.tex.is_some() {
            let alternatives = math.parent_element().expect("a parent");
            assert!(alternatives.has_tag_name("alternatives"));
        }
    }
    // The `mml` prefix is written, and declared on each `mml:math`.
    assert_eq!(
        text.matches("<mml:math ").count(),
        text.matches("<mml:math xmlns:mml=\"http://www.w3.org/1998/Math/MathML\"")
            .count()
    );
    assert!(text.contains("<mml:math"));
    let inline = elements(&doc, None, "inline-formula");
    assert_eq!(inline.len(), 1);
    let f = &art.formulas[0];
    let math = inline[0]
        .descendants()
        .find(|n| n.has_tag_name((MATHML_NS, "math")))
        .expect("mml:math");
    assert_eq!(shape(math), source_shape(&f.mathml, false));
    assert_eq!(math.attribute("display"), None);
    assert_eq!(math.attribute("alttext"), f.alt.as_deref());
    let tex = inline[0].descendants().find(|n| n.has_tag_name("tex-math"));
    assert_eq!(tex.map(text_of), f.tex.clone());
    assert!(inline[0].parent().is_some_and(|p| p.has_tag_name("p")));
    let xrefs: Vec<(String, String)> = elements(&doc, None, "xref")
        .into_iter()
        .filter(|x| x.attribute("ref-type") == Some("disp-formula"))
        .map(|x| (x.attribute("rid").unwrap_or("").to_string(), text_of(x)))
        .collect();
    assert_eq!(
        xrefs,
        [
            ("eq-energy".to_string(), "(1)".to_string()),
            ("eq-identity".to_string(), "the identity below".to_string()),
            ("eq-app".to_string(), "(A1)".to_string())
        ]
    );
}

#[test]
fn tei_formula_with_tex_and_the_mathml_reported_lost() {
    let (e, issue) = emit(Format::Tei);
    let art = issue.article(KITCHEN_SINK.1);
    let doc = parse(std::str::from_utf8(&e.bytes).expect("UTF-8")).expect("well-formed");
    let all = elements(&doc, None, "formula");
    let display: Vec<_> = all
        .iter()
        .filter(|n| n.parent().is_some_and(|p| p.has_tag_name("ab")))
        .collect();
    let want = display_formulas(art);
    assert_eq!(display.len(), want.len());
    for (d, f) in display.iter().zip(&want) {
        assert_eq!(
            d.attribute((XML_NS, "id")),
            f.id.as_ref().map(|i| i.as_str())
        );
        assert_eq!(d.attribute("n"), f.label.as_deref());
        let expected = match (&f.tex, &f.alt) {
            (Some(t), _) => t.clone(),
            (None, Some(a)) => a.clone(),
            (None, None) => galley::math::characters(&f.mathml),
        };
        assert_eq!(text_of(**d), expected);
        assert_eq!(
            d.attribute("notation"),
            f.tex.as_ref().map(|_| "tex"),
            "notation"
        );
    }
    let inline: Vec<_> = all
        .iter()
        .filter(|n| n.parent().is_some_and(|p| p.has_tag_name("p")))
        .collect();
    assert_eq!(inline.len(), 1);
    assert_eq!(Some(text_of(*inline[0])), art.formulas[0].tex.clone());
    let lost: Vec<&str> = e
        .losses
        .iter()
        .filter(|l| l.code == "loss.tei.mathml")
        .map(|l| l.pointer.as_str())
        .collect();
    assert_eq!(lost.len(), want.len() + art.formulas.len(), "{lost:?}");
    assert!(lost.contains(&"/formulas/0"));
    let refs: Vec<String> = elements(&doc, None, "ref")
        .into_iter()
        .filter(|r| r.attribute("target") == Some("#eq-energy"))
        .map(text_of)
        .collect();
    assert_eq!(refs, ["(1)"]);
}

/// The MathML of an XHTML document: display formulas (with their `div`'s id and label)
/// and inline ones.
fn check_xhtml(xhtml: &str, art: &Article) {
    let doc = parse(xhtml).expect("well-formed");
    let maths = elements(&doc, Some(MATHML_NS), "math");
    let want = display_formulas(art);
    assert_eq!(maths.len(), want.len() + art.formulas.len());
    let display: Vec<_> = maths
        .iter()
        .filter(|m| m.attribute("display") == Some("block"))
        .collect();
    assert_eq!(display.len(), want.len());
    for (m, f) in display.iter().zip(&want) {
        let div = m.parent_element().expect("a div");
        assert_eq!(div.attribute("class"), Some("formula"));
        assert_eq!(div.attribute("id"), f.id.as_ref().map(|i| i.as_str()));
        let label = div
            .children()
            .find(|c| c.attribute("class") == Some("label"));
        assert_eq!(label.map(text_of), f.label.clone());
        assert_eq!(
            m.attribute("alttext"),
            f.alt.as_deref().or(f.tex.as_deref())
        );
        assert_eq!(shape(**m), source_shape(&f.mathml, f.tex.is_some()));
        let annotation = m
            .descendants()
            .find(|n| n.has_tag_name((MATHML_NS, "annotation")));
        assert_eq!(annotation.map(text_of), f.tex.clone());
    }
    let f = &art.formulas[0];
    let inline = maths
        .iter()
        .find(|m| m.attribute("display").is_none())
        .expect("the inline formula");
    assert!(inline.parent().is_some_and(|p| p.has_tag_name("p")));
    assert_eq!(
        inline.attribute("alttext"),
        f.alt.as_deref().or(f.tex.as_deref())
    );
    assert_eq!(shape(*inline), source_shape(&f.mathml, f.tex.is_some()));
    let link = doc
        .descendants()
        .find(|n| n.has_tag_name("a") && n.attribute("href") == Some("#eq-energy"))
        .expect("a link to the formula");
    assert_eq!(text_of(link), "(1)");
}

#[test]
fn epub_mathml_manifest_property_and_accessibility() {
    let (e, issue) = emit(Format::Epub);
    let art = issue.article(KITCHEN_SINK.1);
    let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
    check_xhtml(&epub.text("EPUB/a1/article.xhtml"), art);
    let opf = epub.opf();
    let doc = parse(&opf).expect("well-formed");
    let with_math: Vec<&str> = elements(&doc, None, "item")
        .into_iter()
        .filter(|i| {
            i.attribute("properties")
                .is_some_and(|p| p.split(' ').any(|p| p == "mathml"))
        })
        .filter_map(|i| i.attribute("href"))
        .collect();
    assert_eq!(with_math, ["a1/article.xhtml"]);
    // No other content document holds MathML.
    for (name, xhtml) in epub.xhtml() {
        if name != "EPUB/a1/article.xhtml" {
            let text = std::str::from_utf8(xhtml).expect("UTF-8");
            assert!(!text.contains(MATHML_NS), "{name} holds MathML");
        }
    }
    assert!(opf.contains("<meta property=\"schema:accessibilityFeature\">MathML</meta>"));
}

#[test]
fn preview_shows_the_mathml() {
    let (e, issue) = emit(Format::Html);
    let art = issue.article(KITCHEN_SINK.1);
    check_xhtml(std::str::from_utf8(&e.bytes).expect("UTF-8"), art);
}

#[test]
fn an_article_without_formulas_claims_no_mathml() {
    let issue = load(crate::support::FIRST.0);
    let e = issue.emit_slug(Format::Epub, crate::support::FIRST.1);
    let epub = Epub::read(e.bytes).expect("an EPUB");
    assert!(!epub.opf().contains("mathml"));
    assert!(!epub.opf().contains(">MathML<"));
}
