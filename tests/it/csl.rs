//! Named CSL styles through hayagriva (`citation_style: {csl: NAME}`), read back from the
//! JATS, the TEI, the EPUB's XHTML and the preview: `tests/fixtures/valid/csl-apa/` (APA,
//! author–date) and `tests/fixtures/valid/csl-ieee/` (IEEE, numbered by first citation).
//! The expected strings are what each style's CSL rules make of the fixture's references
//! (APA: "&" between two authors, "et al." from three, "n.d." without a date, groups
//! delimited by "; "; IEEE: "[n]" in order of first citation, initials before family
//! names), with galley's own locator piece (", p. 12") after the reference's text. The
//! official validators' verdict on both fixtures is in `invariants.rs`.

use galley::emit::Format;
use galley_dev::xml::{parse, text_of};

use crate::cites::{FORMATS, documents, links, paragraphs};
use crate::support::{load, utf8};

const APA: (&str, &str) = ("tests/fixtures/valid/csl-apa", "csl-apa");
const IEEE: (&str, &str) = ("tests/fixtures/valid/csl-ieee", "csl-ieee");

/// A fixture: its issue folder and its article's slug.
type Fixture = (&'static str, &'static str);
/// A citation link: its text and the one reference it points at.
type Link = (&'static str, &'static str);

fn assert_paragraph(dir: &str, slug: &str, expected: &str) {
    for format in FORMATS {
        let ps = paragraphs(&documents(dir, slug, format));
        assert!(
            ps.iter().any(|p| p == expected),
            "{format:?}: no paragraph reads\n  {expected}\nparagraphs:\n  {}",
            ps.join("\n  ")
        );
    }
}

#[test]
fn apa_citations_are_the_styles_word_for_word() {
    assert_paragraph(
        APA.0,
        APA.1,
        "Generated: (Papp & Müller, 2006), (Müller, 2010, p. 12; Silva, 2013), (2014); as \
         Papp & Müller (2006) showed (see Silva, 2013; Costa, 2014); a group (Lopes et al., \
         n.d.; World Health Organization, 2019).",
    );
    // The source's printed citation keeps its own words.
    assert_paragraph(
        APA.0,
        APA.1,
        "Printed: Papp and Müller (2006) observed it first.",
    );
}

#[test]
fn ieee_citations_are_numbered_by_first_citation() {
    assert_paragraph(
        IEEE.0,
        IEEE.1,
        "Generated: [1], [2], p. 12, [1], [3]; as G. Papp and A. Müller [2] showed (see [3]).",
    );
}

#[test]
fn each_reference_is_its_own_link_in_every_format() {
    let cases: [(&Fixture, &[Link]); 2] = [
        (
            &APA,
            &[
                ("Papp & Müller, 2006", "papp2006"),
                ("Müller, 2010", "muller2010"),
                ("Silva, 2013", "silva2013"),
                ("2014", "costa2014"),
                ("Papp & Müller (2006)", "papp2006"),
                ("Lopes et al., n.d.", "lopes2001"),
                ("World Health Organization, 2019", "zhang2019"),
            ],
        ),
        (
            &IEEE,
            &[
                ("[1]", "silva2013"),
                ("[2]", "papp2006"),
                ("[3]", "costa2014"),
                ("G. Papp and A. Müller [2]", "papp2006"),
            ],
        ),
    ];
    for ((dir, slug), want) in cases {
        for format in FORMATS {
            let got = links(&documents(dir, slug, format), format);
            for (text, id) in want {
                assert!(
                    got.iter()
                        .any(|(t, ids)| t == text && ids.as_slice() == [id.to_string()]),
                    "{slug} {format:?}: no link “{text}” to {id} alone; links: {got:?}"
                );
            }
            // No link holds two references or a bracket of the group.
            for (t, ids) in &got {
                assert_eq!(ids.len(), 1, "{slug} {format:?}: {t} links {ids:?}");
                assert!(!t.starts_with('(') && !t.ends_with(';'), "{format:?}: {t}");
            }
        }
    }
}

#[test]
fn apa_outputs_hold_no_galley_author_date_citation() {
    for format in FORMATS {
        for d in documents(APA.0, APA.1, format) {
            for own in [
                "Papp and Müller 2006",
                "Müller 2010",
                "(Silva 2013",
                "Lopes et al. n.d.",
            ] {
                assert!(!d.contains(own), "{format:?} prints galley's own “{own}”");
            }
        }
    }
}

/// The reference list items of an XHTML document: (id, label, text, italic runs).
fn reference_list(doc: &str) -> Vec<(String, String, String, Vec<String>)> {
    let doc = parse(doc).expect("well-formed");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "li")
        .filter_map(|li| {
            let id = li.attribute("id")?.strip_prefix("_ref-")?.to_string();
            let label = li
                .children()
                .find(|c| c.attribute("class") == Some("ref-label"))
                .map(text_of)
                .unwrap_or_default();
            let italics = li
                .descendants()
                .filter(|n| n.tag_name().name() == "i")
                .map(text_of)
                .collect();
            let text = text_of(li).split_whitespace().collect::<Vec<_>>().join(" ");
            Some((id, label, text, italics))
        })
        .collect()
}

#[test]
fn the_epub_and_preview_list_the_references_as_the_style_writes_them() {
    for format in [Format::Epub, Format::Html] {
        let docs = documents(APA.0, APA.1, format);
        let list: Vec<_> = docs.iter().flat_map(|d| reference_list(d)).collect();
        let ids: Vec<&str> = list.iter().map(|(id, ..)| id.as_str()).collect();
        // APA orders by author: Costa, Lopes, Müller, Papp, Silva, World Health Organization.
        assert_eq!(
            ids,
            [
                "costa2014",
                "lopes2001",
                "muller2010",
                "papp2006",
                "silva2013",
                "zhang2019"
            ],
            "{format:?}"
        );
        let papp = list.iter().find(|(id, ..)| id == "papp2006").unwrap();
        assert_eq!(
            papp.2,
            "Papp, G., & Müller, A. (2006). A first observation. Journal of Observations, 12(3), 45–67.",
            "{format:?}"
        );
        // The journal's title and volume in italics, as galley's markup (XHTML `i`).
        assert_eq!(papp.3, ["Journal of Observations", "12"], "{format:?}");
        let lopes = list.iter().find(|(id, ..)| id == "lopes2001").unwrap();
        assert_eq!(
            lopes.2,
            "Lopes, R., Rocha, D., & Neves, C. (n.d.). Three authors. Editora."
        );

        let docs = documents(IEEE.0, IEEE.1, format);
        let list: Vec<_> = docs.iter().flat_map(|d| reference_list(d)).collect();
        let got: Vec<(&str, &str)> = list
            .iter()
            .map(|(id, label, ..)| (id.as_str(), label.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("silva2013", "[1]"),
                ("papp2006", "[2]"),
                ("costa2014", "[3]")
            ],
            "{format:?}"
        );
        let silva = &list[0];
        assert_eq!(
            silva.2, "[1] J. Silva, Um livro. Lisboa: Editora, 2013.",
            "{format:?}"
        );
        assert_eq!(silva.3, ["Um livro"], "{format:?}");
    }
}

#[test]
fn jats_and_tei_keep_structured_references_labelled_by_the_style() {
    let issue = load(IEEE.0);
    let jats = issue.emit_slug(Format::Jats, IEEE.1);
    let doc = parse(utf8(&jats)).unwrap();
    let labels: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "ref")
        .map(|r| {
            let label = r
                .children()
                .find(|c| c.tag_name().name() == "label")
                .map(text_of)
                .unwrap_or_default();
            (r.attribute("id").unwrap_or_default().to_string(), label)
        })
        .collect();
    assert_eq!(
        labels,
        [
            ("papp2006".to_string(), "[2]".to_string()),
            ("silva2013".to_string(), "[1]".to_string()),
            ("costa2014".to_string(), "[3]".to_string())
        ]
    );
    assert!(
        utf8(&jats).contains("<element-citation"),
        "structured fields kept"
    );
    let tei = issue.emit_slug(Format::Tei, IEEE.1);
    let doc = parse(utf8(&tei)).unwrap();
    let n: Vec<&str> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "biblStruct" && n.attribute("type").is_some())
        .filter_map(|n| n.attribute("n"))
        .collect();
    assert_eq!(n, ["[2]", "[1]", "[3]"]);
}

#[test]
fn the_articles_language_chooses_the_csl_locale() {
    let mut issue = load(APA.0);
    issue.articles[0].1.lang = serde_json::from_value(serde_json::json!("pt")).unwrap();
    let html = issue.emit_slug(Format::Html, APA.1);
    let text = utf8(&html);
    // CSL's Portuguese locale: "s.d." for a reference without a date.
    assert!(text.contains("Lopes et al., s.d."), "{text}");
    assert!(!text.contains("n.d."));
}

#[test]
fn a_date_as_printed_is_a_warning_in_a_csl_style() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&crate::support::root().join(APA.0), dir.path());
    let article = dir.path().join("csl-apa/article.yaml");
    let text = std::fs::read_to_string(&article).unwrap();
    // lopes2001 has no date; give it one as printed.
    let text = text.replace(
        "    title: Three authors\n",
        "    title: Three authors\n    issued_text: 19--\n",
    );
    std::fs::write(&article, text).unwrap();
    let sels = galley::issue::discover(&[dir.path().to_path_buf()]).unwrap();
    let loaded = galley::issue::load_issue(&sels[0], &galley::yaml::Limits::default());
    let got: Vec<_> = loaded
        .all_diagnostics()
        .filter(|d| d.code == "citation-style.literal-date")
        .map(|d| (d.span.map(|s| (s.line, s.column)), d.message.clone()))
        .collect();
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].1.contains("`apa`"), "{got:?}");
    let (line, _) = got[0].0.expect("a position");
    let source = std::fs::read_to_string(&article).unwrap();
    let at = source.lines().nth(line - 1).unwrap_or_default();
    assert!(at.contains("issued_text: 19--"), "{at}");
}
