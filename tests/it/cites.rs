//! Citations and cross-references in every form, read back from the JATS, the TEI, the
//! EPUB's XHTML and the preview: printed text kept exactly, every target linked (ranges
//! expanded), generated text in the journal's style and nothing else. The fixtures:
//! `tests/fixtures/valid/numeric-citations/` (a numeric journal) and the kitchen sink
//! (author–date). The official validators' verdict on both is in `invariants.rs`.

use galley::emit::Format;
use galley_dev::epub::Epub;
use galley_dev::xml::{parse, text_of};

use crate::support::{KITCHEN_SINK, load, utf8};

const NUMERIC: (&str, &str) = (
    "tests/fixtures/valid/numeric-citations",
    "numeric-citations",
);

/// Every XML document of an article's output in `format` (the EPUB's XHTML files).
pub(crate) fn documents(dir: &str, slug: &str, format: Format) -> Vec<String> {
    let issue = load(dir);
    let e = issue.emit_slug(format, slug);
    match format {
        Format::Epub => Epub::read(e.bytes.clone())
            .expect("EPUB")
            .xhtml()
            .map(|(_, b)| String::from_utf8(b.to_vec()).expect("UTF-8"))
            .collect(),
        _ => vec![utf8(&e).to_string()],
    }
}

/// The text of every `p` in the documents, whitespace runs made one space.
pub(crate) fn paragraphs(docs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for d in docs {
        let doc = parse(d).expect("well-formed");
        for p in doc.descendants().filter(|n| n.tag_name().name() == "p") {
            out.push(text_of(p).split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    out
}

/// Every citation and cross-reference link: its text and the ids it points at, as each
/// format writes them (JATS `xref/@rid`, TEI `ref/@target`, XHTML `a/@href` and
/// `@data-targets`), footnote references left out.
pub(crate) fn links(docs: &[String], format: Format) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for d in docs {
        let doc = parse(d).expect("well-formed");
        for n in doc.descendants().filter(|n| n.is_element()) {
            let ids: Option<String> = match (format, n.tag_name().name()) {
                (Format::Jats, "xref") if n.attribute("ref-type") != Some("fn") => {
                    n.attribute("rid").map(str::to_string)
                }
                (Format::Tei, "ref") => n
                    .attribute("target")
                    .filter(|t| t.starts_with('#'))
                    .map(|t| t.replace('#', "")),
                (Format::Epub | Format::Html, "a")
                    if n.attribute("role") != Some("doc-noteref") =>
                {
                    n.attribute("data-targets")
                        .or_else(|| n.attribute("href").and_then(|h| h.split('#').nth(1)))
                        .filter(|_| n.attribute("href").is_some_and(|h| !h.contains("_fn")))
                        .map(|t| t.replace("_ref-", ""))
                }
                _ => None,
            };
            if let Some(ids) = ids {
                let ids = ids.split_whitespace().map(str::to_string).collect();
                out.push((text_of(n), ids));
            }
        }
    }
    out
}

pub(crate) const FORMATS: [Format; 4] = [Format::Jats, Format::Tei, Format::Epub, Format::Html];

#[test]
fn numeric_paragraphs_are_the_source_and_the_style_word_for_word() {
    let expected = [
        "Generated: [1], [2, p. 12; 27], [5]; as Papp and Müller [1] showed (see 27, 5).",
        "Printed: Papp and Müller (2006) observed it first, as did [26]–[28] and (Silva, 2013; Costa, 2014).",
        "See Figure 1, Table 1 and Section 1; Figure 1C–F, quadro 1 and Figure 1 and Table 1.",
    ];
    for format in FORMATS {
        let ps = paragraphs(&documents(NUMERIC.0, NUMERIC.1, format));
        for e in expected {
            assert!(
                ps.iter().any(|p| p == e),
                "{format:?}: no paragraph reads\n  {e}\nparagraphs:\n  {}",
                ps.join("\n  ")
            );
        }
    }
}

#[test]
fn numeric_outputs_hold_no_author_date_citation() {
    // What an author–date style would have generated for these references.
    let author_date = [
        "Papp and Müller 2006",
        "Müller 2010",
        "Silva 2013",
        "Costa 2014",
        "Meio 2012",
        "(2012)",
        "(2010)",
        "(2013)",
        "(2014)",
    ];
    for format in FORMATS {
        let docs = documents(NUMERIC.0, NUMERIC.1, format);
        for d in &docs {
            for a in author_date {
                assert!(!d.contains(a), "{format:?} prints “{a}”");
            }
        }
        // "(2006)" only where the source prints it itself.
        let n: usize = docs.iter().map(|d| d.matches("(2006)").count()).sum();
        assert_eq!(n, 1, "{format:?}");
    }
}

#[test]
fn every_form_links_its_targets_in_every_format() {
    let want: &[(&str, &[&str])] = &[
        ("1", &["papp2006"]),
        ("27", &["silva2013"]),
        ("Papp and Müller [1]", &["papp2006"]),
        ("Papp and Müller (2006)", &["papp2006"]),
        (
            "[26]–[28]",
            &["muller2010", "mid2012", "silva2013", "costa2014"],
        ),
        ("(Silva, 2013; Costa, 2014)", &["silva2013", "costa2014"]),
        ("Figure 1", &["fig-a"]),
        ("Section 1", &["sec-intro"]),
        ("Figure 1C–F", &["fig-a"]),
        ("quadro 1", &["tab-a"]),
        ("Figure 1 and Table 1", &["fig-a", "tab-a"]),
    ];
    for format in FORMATS {
        let found = links(&documents(NUMERIC.0, NUMERIC.1, format), format);
        for (text, ids) in want {
            assert!(
                found
                    .iter()
                    .any(|(t, i)| t == text && i.iter().map(String::as_str).eq(ids.iter().copied())),
                "{format:?}: no link “{text}” to {ids:?}; found {found:?}"
            );
        }
    }
}

#[test]
fn jats_keeps_brackets_outside_and_types_agreeing_targets() {
    let jats = &documents(NUMERIC.0, NUMERIC.1, Format::Jats)[0];
    assert!(jats.contains(r#"[<xref ref-type="bibr" rid="muller2010">2</xref>, p. 12; "#));
    assert!(jats.contains(r#"<xref ref-type="table" rid="tab-a">quadro 1</xref>"#));
    assert!(jats.contains(r#"<xref rid="fig-a tab-a">Figure 1 and Table 1</xref>"#));
    assert!(
        jats.contains("<label>27</label>"),
        "a reference's own label"
    );
    assert!(jats.contains("<label>3</label>"), "numbered by place");
    assert!(jats.contains("<label>5</label>"), "numbered by place");
}

#[test]
fn tei_citations_and_cross_references_carry_their_text() {
    for (dir, slug) in [NUMERIC, KITCHEN_SINK] {
        let tei = &documents(dir, slug, Format::Tei)[0];
        let doc = parse(tei).expect("well-formed");
        for n in doc.descendants().filter(|n| n.has_tag_name("ptr")) {
            let t = n.attribute("target").unwrap_or("");
            assert!(
                t.starts_with("#fn") || t.starts_with("http"),
                "empty pointer {t}"
            );
        }
        for n in doc.descendants().filter(|n| n.has_tag_name("ref")) {
            assert!(!text_of(n).trim().is_empty(), "a ref without text");
        }
    }
}

#[test]
fn author_date_kitchen_sink_every_form_word_for_word() {
    let expected = "Every other form of citation: as Shen (1995) argued, and Zhang and Li (2001) \
        confirmed (2001, p. 3), the reports (see Wilson Center Digital Archive 2020; Chen et al. 2000, \
        ch. 2) agree; (Shen, 1995; Zhang, 2001) and [1]–[3] are printed as the source prints \
        them. Cross-references with their own text: Figure 1, left, quadro 1, the map and the \
        table and the first section. Not citations: editor@example.org, @everyone, @ 5.";
    for format in FORMATS {
        let docs = documents(KITCHEN_SINK.0, KITCHEN_SINK.1, format);
        let ps = paragraphs(&docs);
        assert!(ps.iter().any(|p| p == expected), "{format:?}");
        let found = links(&docs, format);
        let range = ["shen1995", "zhang2001", "web2020"];
        assert!(
            found
                .iter()
                .any(|(t, i)| t == "[1]–[3]" && i.iter().map(String::as_str).eq(range)),
            "{format:?}: {found:?}"
        );
    }
}
