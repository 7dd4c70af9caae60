//! Accessibility of the EPUBs, read back from their XHTML and stylesheet: every
//! `epub:type` galley writes carries the ARIA role DPUB-ARIA 1.1 maps it to (or is one
//! that has none), every content document has one `main` landmark, and the stylesheet
//! keeps CJK text upright in italic blocks, emphasis inside an italic block visible and
//! footnote text shrunk once.

use std::path::{Path, PathBuf};

use galley_dev::epub::Epub;
use galley_dev::xml::parse;
use roxmltree::Node;

use crate::support::{KITCHEN_SINK, build_fresh, official_check, official_rejection};

/// The structural semantics vocabulary's namespace (`epub:type`).
const OPS_NS: &str = "http://www.idpf.org/2007/ops";

/// `epub:type` → the DPUB-ARIA 1.1 role it maps to (W3C, "Digital Publishing WAI-ARIA
/// Module 1.1", and the EPUB Type to ARIA Role Authoring Guide), for the types galley
/// writes.
const ROLES: &[(&str, &str)] = &[
    ("abstract", "doc-abstract"),
    ("acknowledgments", "doc-acknowledgments"),
    ("appendix", "doc-appendix"),
    ("bibliography", "doc-bibliography"),
    ("cover", "doc-cover"),
    ("footnote", "doc-footnote"),
    ("noteref", "doc-noteref"),
    ("toc", "doc-toc"),
];

/// The types galley writes that no DPUB-ARIA role corresponds to.
const NO_ROLE: &[&str] = &[
    "titlepage",
    "footnotes",
    "landmarks",
    "bodymatter",
    "backmatter",
];

/// Every `.epub` below a folder.
fn epubs_in(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "epub") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The EPUBs of the kitchen sink and of `input/` (articles and issues).
fn built_epubs() -> Vec<(tempfile::TempDir, Vec<PathBuf>)> {
    [KITCHEN_SINK.0, "input"]
        .into_iter()
        .map(|dir| {
            let (out, _) = build_fresh(dir, &[]);
            let found = epubs_in(out.path());
            assert!(found.len() >= 2, "{dir}: an article and an issue EPUB");
            (out, found)
        })
        .collect()
}

/// Whether `n` is inside the landmarks `nav` (whose links name their targets' types).
fn in_landmarks(n: Node<'_, '_>) -> bool {
    n.ancestors().any(|a| {
        a.has_tag_name("nav")
            && a.attribute((OPS_NS, "type"))
                .is_some_and(|t| t.split_whitespace().any(|x| x == "landmarks"))
    })
}

/// Each problem of one XHTML document: a type without its role, a type not classified,
/// a content document without exactly one `main`.
fn problems(name: &str, text: &str) -> Vec<String> {
    let doc = parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut out = Vec::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        let Some(types) = n.attribute((OPS_NS, "type")) else {
            continue;
        };
        let roles: Vec<&str> = n
            .attribute("role")
            .unwrap_or("")
            .split_whitespace()
            .collect();
        for t in types.split_whitespace() {
            match ROLES.iter().find(|(ty, _)| *ty == t) {
                Some((_, role)) if !in_landmarks(n) && !roles.contains(role) => out.push(format!(
                    "{name}: <{} epub:type=\"{t}\"> has no role=\"{role}\"",
                    n.tag_name().name()
                )),
                Some(_) => {}
                None if NO_ROLE.contains(&t) => {}
                None => out.push(format!("{name}: epub:type=\"{t}\" is not classified here")),
            }
        }
    }
    let is_nav = doc
        .descendants()
        .any(|n| n.has_tag_name("nav") && n.attribute((OPS_NS, "type")) == Some("toc"));
    let mains = doc.descendants().filter(|n| n.has_tag_name("main")).count();
    if !is_nav && mains != 1 {
        out.push(format!("{name}: {mains} main elements, not 1"));
    }
    out
}

#[test]
fn every_epub_type_has_its_aria_role_and_every_document_one_main() {
    let mut seen_ack = false;
    let mut all = Vec::new();
    for (_dir, epubs) in built_epubs() {
        for path in epubs {
            let epub = Epub::open(&path);
            for (name, bytes) in epub.xhtml() {
                let text = String::from_utf8_lossy(bytes);
                seen_ack |= text.contains("epub:type=\"acknowledgments\"");
                let file = format!("{}!{name}", path.file_name().unwrap().to_string_lossy());
                all.extend(problems(&file, &text));
            }
        }
    }
    assert!(seen_ack, "the kitchen sink has acknowledgements");
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn the_role_check_catches_a_missing_role_and_a_missing_main() {
    let text = r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><section epub:type="acknowledgments"><p>x</p></section></body></html>"#;
    let found = problems("t.xhtml", text);
    assert_eq!(found.len(), 2, "{found:?}");
}

/// The stylesheet's rules: (selectors, declarations), comments removed.
fn rules(css: &str) -> Vec<(Vec<String>, String)> {
    let mut s = css.to_string();
    while let Some(a) = s.find("/*") {
        let b = s[a..].find("*/").map_or(s.len(), |b| a + b + 2);
        s.replace_range(a..b, "");
    }
    s.split('}')
        .filter_map(|r| r.split_once('{'))
        .map(|(sel, decl)| {
            let sels = sel
                .split(',')
                .map(|x| x.split_whitespace().collect::<Vec<_>>().join(" "));
            (
                sels.filter(|x| !x.is_empty()).collect(),
                decl.trim().to_string(),
            )
        })
        .collect()
}

/// Whether some rule has `selector` among its selectors and `decl` among its declarations.
fn has(rules: &[(Vec<String>, String)], selector: &str, decl: &str) -> bool {
    rules.iter().any(|(sels, d)| {
        sels.iter().any(|s| s == selector) && d.split(';').any(|x| x.trim() == decl)
    })
}

/// The stylesheet's selector of a CJK language written in its own script: `zh`, but not
/// `zh-Latn` (romanised text, drawn as Latin).
fn cjk(lang: &str) -> String {
    format!(":lang({lang}):not(:lang({lang}-Latn))")
}

#[test]
fn the_stylesheet_keeps_cjk_upright_emphasis_visible_and_footnotes_shrunk_once() {
    let css = galley::emit::xhtml::CSS;
    let rules = rules(css);
    for lang in ["zh", "ja", "ko"] {
        assert!(has(&rules, &cjk(lang), "font-synthesis: none"), "{lang}");
    }
    // Every italic block: emphasis inside it upright, CJK text inside it upright.
    let italic: Vec<&String> = rules
        .iter()
        .filter(|(_, d)| d.split(';').any(|x| x.trim() == "font-style: italic"))
        .flat_map(|(s, _)| s)
        .collect();
    assert!(
        italic.iter().any(|s| *s == ".translation-note"),
        "{italic:?}"
    );
    for block in italic {
        assert!(
            has(&rules, &format!("{block} i"), "font-style: normal"),
            "{block} i"
        );
        for lang in ["zh", "ja", "ko"] {
            let sel = format!("{block} {}", cjk(lang));
            assert!(has(&rules, &sel, "font-style: normal"), "{sel}");
        }
    }
    // Footnote text is a `p` in an `aside` in `.footnotes`: one smaller size, not two.
    let sizes = [
        ".footnotes",
        ".footnotes aside",
        ".footnotes p",
        ".footnotes aside p",
        "aside p",
    ]
    .iter()
    .filter(|s| {
        rules
            .iter()
            .any(|(sels, d)| sels.iter().any(|x| x == *s) && d.contains("font-size"))
    })
    .count();
    assert_eq!(sizes, 1, "footnote text is sized by one rule");
}

/// The kitchen sink's article EPUB with `edit` applied to its body document, written
/// beside it as `name`.
fn edited_kitchen_sink(out: &Path, name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    use std::io::Write;
    let slug = KITCHEN_SINK.1;
    let epub = Epub::open(&out.join(slug).join(format!("{slug}.epub")));
    let path = out.join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for n in &epub.names {
        let mut bytes = epub.files[n].clone();
        if n == "EPUB/a1/article.xhtml" {
            bytes = edit(epub.text(n)).into_bytes();
        }
        zip.start_file(n.as_str(), stored).expect("entry");
        zip.write_all(&bytes).expect("write entry");
    }
    zip.finish().expect("zip");
    path
}

#[test]
fn daisy_ace_fails_an_epub_type_without_its_role_that_epubcheck_accepts() {
    let (out, _) = build_fresh(KITCHEN_SINK.0, &[]);
    let path = edited_kitchen_sink(out.path(), "no-role.epub", |x| {
        assert!(x.contains(r#" role="doc-acknowledgments""#), "{x}");
        x.replace(r#" role="doc-acknowledgments""#, "")
    });
    let report = official_rejection(&[("--epub", path.as_path())]);
    assert!(report.contains("PASS  EPUBCheck"), "{report}");
    assert!(report.contains("FAIL  DAISY Ace"), "{report}");
    assert!(report.contains("epub-type-has-matching-role"), "{report}");
}

#[test]
fn daisy_ace_passes_the_kitchen_sink_and_input_epubs() {
    for (_dir, epubs) in built_epubs() {
        let files: Vec<(&str, &Path)> = epubs.iter().map(|p| ("--epub", p.as_path())).collect();
        let report = official_check(&files);
        assert_eq!(
            report.matches("PASS  DAISY Ace").count(),
            epubs.len(),
            "{report}"
        );
    }
}

#[test]
fn the_issue_landmarks_keep_the_language_of_a_title_span() {
    let (out, _) = build_fresh(KITCHEN_SINK.0, &[]);
    let name = galley::issue::issue_epub_name(&crate::support::root().join(KITCHEN_SINK.0));
    let epub = Epub::open(&out.path().join(format!("{name}.epub")));
    let nav = epub.text("EPUB/nav.xhtml");
    let doc = parse(&nav).expect("well-formed");
    let link = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("a")
                && n.attribute((OPS_NS, "type")) == Some("bibliography")
                && in_landmarks(*n)
        })
        .expect("the landmarks link to the references");
    let span = link
        .descendants()
        .find(|n| n.has_tag_name("span") && n.text() == Some("中苏关系"))
        .unwrap_or_else(|| panic!("no span for 中苏关系 in {nav}"));
    assert_eq!(span.attribute("lang"), Some("zh-Hans"), "{nav}");
}
