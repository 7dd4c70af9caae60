//! Supplementary material reaches every output: each item of the kitchen sink is read
//! back from the JATS (`supplementary-material`), the TEI (`div` with `media` and
//! `idno`) and the EPUB and preview (a back-matter section), with its file, media type,
//! DOI, label and caption; what the EPUB cannot carry is reported.

use galley::emit::Format;
use galley::model::Supplementary;
use galley_dev::epub::Epub;
use galley_dev::xml::{named, one_line, parse, text_of};
use roxmltree::Node;

use crate::support::{
    KITCHEN_SINK, all_diagnostics, build, build_fresh, copy_dir, json, load, plain, root, utf8,
};

const XLINK: &str = "http://www.w3.org/1999/xlink";

fn items() -> Vec<Supplementary> {
    load(KITCHEN_SINK.0)
        .article(KITCHEN_SINK.1)
        .supplementary
        .clone()
}

/// The words of an item's label and caption, in order.
fn caption_words(s: &Supplementary) -> String {
    let mut parts: Vec<String> = s.label.iter().cloned().collect();
    parts.extend(s.title.iter().map(plain));
    let caption = s.caption.as_ref().map(|c| c.as_slice()).unwrap_or_default();
    parts.extend(caption.iter().map(plain));
    one_line(&parts.join(" "))
}

#[test]
fn the_kitchen_sink_lists_files_dois_and_media_types() {
    let items = items();
    assert!(items.iter().any(|s| s.file.is_some() && s.doi.is_none()));
    assert!(items.iter().any(|s| s.file.is_none() && s.doi.is_some()));
    assert!(items.iter().any(|s| s.media_type.is_some()));
    assert!(
        items
            .iter()
            .any(|s| s.caption.is_some() && s.label.is_some())
    );
}

#[test]
fn jats_carries_each_item_in_a_supplementary_material_section() {
    let issue = load(KITCHEN_SINK.0);
    let e = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed");
    let sec = named(doc.root_element(), "sec")
        .find(|s| s.attribute("sec-type") == Some("supplementary-material"))
        .expect("sec sec-type=supplementary-material");
    let title = named(sec, "title").next().map(text_of);
    assert_eq!(title.as_deref(), Some("Supporting Information"));
    let found: Vec<Node> = named(sec, "supplementary-material").collect();
    let items = items();
    assert_eq!(found.len(), items.len());
    for (n, s) in found.iter().zip(&items) {
        assert_eq!(n.attribute("id"), Some(s.id.as_str()));
        let href = s.file.as_deref().map(galley::emit::file_href).or_else(|| {
            s.doi
                .as_ref()
                .map(|d| format!("https://doi.org/{}", d.as_str()))
        });
        assert_eq!(n.attribute((XLINK, "href")), href.as_deref());
        let media = s.media_type();
        let (main, sub) = media.as_deref().and_then(|m| m.split_once('/')).unzip();
        assert_eq!(n.attribute("mimetype"), main);
        assert_eq!(n.attribute("mime-subtype"), sub);
        let doi = named(*n, "object-id").next().map(text_of);
        assert_eq!(doi.as_deref(), s.doi.as_ref().map(|d| d.as_str()));
        let words: Vec<String> = n
            .children()
            .filter(|c| c.has_tag_name("label") || c.has_tag_name("caption"))
            .map(text_of)
            .collect();
        assert_eq!(one_line(&words.join(" ")), caption_words(s));
    }
    // The csv's media type comes from its name; the .dat's as given.
    assert_eq!(found[0].attribute("mime-subtype"), Some("csv"));
    assert_eq!(found[2].attribute("mime-subtype"), Some("plain"));
    // `[#supp-survey]` prints the label and is typed.
    let x = named(doc.root_element(), "xref")
        .find(|x| x.attribute("rid") == Some("supp-survey"))
        .expect("an xref to the dataset");
    assert_eq!(x.attribute("ref-type"), Some("supplementary-material"));
    assert_eq!(text_of(x), "S1 Dataset");
}

#[test]
fn tei_carries_each_item_with_its_file_and_doi() {
    let issue = load(KITCHEN_SINK.0);
    let e = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed");
    let div = named(doc.root_element(), "div")
        .find(|s| s.attribute("type") == Some("supplementary"))
        .expect("div type=supplementary");
    for s in items() {
        let item = div
            .children()
            .find(|c| {
                c.attribute(("http://www.w3.org/XML/1998/namespace", "id")) == Some(s.id.as_str())
            })
            .unwrap_or_else(|| panic!("no div for {}", s.id));
        assert_eq!(item.attribute("n"), s.label.as_deref());
        let media = named(item, "media").next();
        let url = s.file.as_deref().map(galley::emit::file_href);
        assert_eq!(media.and_then(|m| m.attribute("url")), url.as_deref());
        assert_eq!(
            media.and_then(|m| m.attribute("mimeType")),
            s.file.as_ref().and(s.media_type()).as_deref()
        );
        let idno = named(item, "idno").next().map(text_of);
        assert_eq!(idno.as_deref(), s.doi.as_ref().map(|d| d.as_str()));
        // The caption's title and paragraphs, in order; the label (in `@n`) is the
        // `head` only when there is no caption.
        let mut expected: Vec<String> = s.title.iter().map(plain).collect();
        let caption = s.caption.as_ref().map(|c| c.as_slice()).unwrap_or_default();
        expected.extend(caption.iter().map(plain));
        if expected.is_empty() {
            expected.extend(s.label.clone());
        }
        let words = one_line(&text_of(item));
        assert!(words.starts_with(&one_line(&expected.join(" "))), "{words}");
    }
}

#[test]
fn epub_lists_each_item_and_reports_a_file_it_cannot_carry() {
    let (out, o) = build_fresh(KITCHEN_SINK.0, &[]);
    let epub = Epub::open(&out.path().join("kitchen-sink/kitchen-sink.epub"));
    let body = epub.text("EPUB/a1/article.xhtml");
    let doc = parse(&body).expect("XHTML");
    let items = items();
    for s in &items {
        let div = named(doc.root_element(), "div")
            .find(|d| d.attribute("id") == Some(s.id.as_str()))
            .unwrap_or_else(|| panic!("no item {}", s.id));
        let text = one_line(&text_of(div));
        assert!(text.starts_with(&caption_words(s)), "{text}");
        if let Some(name) = s.file_name() {
            assert!(text.contains(name), "{text}");
        }
        let links: Vec<&str> = named(div, "a")
            .filter_map(|a| a.attribute("href"))
            .collect();
        let doi_link = s
            .doi
            .as_ref()
            .map(|d| format!("https://doi.org/{}", d.as_str()));
        assert_eq!(links, doi_link.as_deref().into_iter().collect::<Vec<_>>());
    }
    // No supplementary file is in the package; the one without a DOI is reported lost.
    assert!(!epub.names.iter().any(|n| n.contains("supplementary")));
    let report = json(&o);
    let lost: Vec<String> = all_diagnostics(&report)
        .iter()
        .filter(|d| d["code"] == "loss.epub.supplementary-file")
        .map(|d| d["pointer"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(lost, ["/supplementary/0/file", "/supplementary/2/file"]);
    // The table of contents names the section.
    assert!(
        epub.text("EPUB/nav.xhtml")
            .contains("#_supplementary\">Supporting Information")
    );
    // The preview links the file, which stands beside it in the output folder.
    let preview = std::fs::read_to_string(out.path().join("kitchen-sink/index.html")).unwrap();
    assert!(
        preview.contains("<a href=\"supplementary/survey.csv\" type=\"text/csv\">survey.csv</a>")
    );
}

#[test]
fn a_changed_supplementary_file_rebuilds_its_article() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    copy_dir(&root().join(KITCHEN_SINK.0), &issue);
    assert_eq!(build(&issue, &out, &[]).status.code(), Some(0));
    let built = |o: &std::process::Output| json(o)["summary"]["built"].clone();
    assert_eq!(built(&build(&issue, &out, &[])), 0);
    let csv = issue.join(KITCHEN_SINK.1).join("supplementary/survey.csv");
    std::fs::write(&csv, "respondent,year,answer\n1,1950,maybe\n").unwrap();
    assert_eq!(built(&build(&issue, &out, &[])), 1);
    // Removed, it is an error at its line, and the article is not built.
    std::fs::remove_file(&csv).unwrap();
    let o = build(&issue, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    let missing: Vec<_> = all_diagnostics(&json(&o))
        .into_iter()
        .filter(|d| d["code"] == "asset.missing")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0]["pointer"], "/supplementary/0/file");
}
