//! Appendices read back from JATS, TEI, the EPUB and the preview: each appendix of the
//! kitchen sink (its id, label, title and blocks: a table, a nested section with a
//! formula, a figure), where each format places them (JATS `back/app-group/app` after
//! the reference list, TEI `back/div type="appendix"`, the EPUB's back-matter sections
//! after the references, in the table of contents and the navigation document), the
//! cross-references to them and to their blocks, and the localised word "Appendix" for
//! an appendix with neither label nor title, in English and Portuguese. The expectations
//! come from the YAML, so a change to the fixture or an emitter that drops a fact fails.

use galley::emit::Format;
use galley::model::{Appendix, Article, Block};
use galley_dev::epub::Epub;
use galley_dev::xml::{XML_NS, parse, text_of};
use roxmltree::Node;

use crate::support::{Issue, KITCHEN_SINK, load, plain};

fn kitchen_sink() -> Issue {
    load(KITCHEN_SINK.0)
}

/// The ids of an appendix's figures, tables, formulas and sections, depth first.
fn block_ids(a: &Appendix) -> Vec<String> {
    let mut out = Vec::new();
    galley::model::walk_blocks(&a.content, "", &mut |_, b| {
        let id = match b {
            Block::Figure(f) => Some(&f.id),
            Block::Table(t) => Some(&t.id),
            Block::Formula(f) => f.id.as_ref(),
            Block::Section(s) => s.id.as_ref(),
            _ => None,
        };
        out.extend(id.map(|i| i.to_string()));
    });
    out
}

/// The `id`s (plain or `xml:id`) of the elements under `n`, in document order, among
/// `ids`.
fn ids_under(n: Node<'_, '_>, ids: &[String]) -> Vec<String> {
    n.descendants()
        .filter_map(|d| d.attribute("id").or(d.attribute((XML_NS, "id"))))
        .filter(|i| ids.iter().any(|w| w == i))
        .map(str::to_string)
        .collect()
}

/// The article's appendices, checked to be the kinds the tests need.
fn appendices(art: &Article) -> &[Appendix] {
    let apps = &art.appendices;
    assert!(apps.len() >= 2, "the kitchen sink has two appendices");
    assert!(apps.iter().any(|a| a.label.is_some() && a.title.is_some()));
    assert!(apps.iter().any(|a| a.label.is_none() && a.title.is_none()));
    apps
}

fn element<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    n.descendants()
        .filter(|d| d.is_element() && d.tag_name().name() == name)
        .collect()
}

fn child_text(n: Node<'_, '_>, name: &str) -> Option<String> {
    n.children()
        .find(|c| c.has_tag_name(name))
        .map(|c| text_of(c).trim().to_string())
}

#[test]
fn jats_app_group_after_the_reference_list() {
    let issue = kitchen_sink();
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(std::str::from_utf8(&e.bytes).unwrap()).expect("JATS");
    let back = element(doc.root_element(), "back")[0];
    let kids: Vec<&str> = back
        .children()
        .filter(|c| c.is_element())
        .map(|c| c.tag_name().name())
        .collect();
    let refs = kids
        .iter()
        .position(|k| *k == "ref-list")
        .expect("ref-list");
    let group = kids
        .iter()
        .position(|k| *k == "app-group")
        .expect("app-group");
    assert!(refs < group, "{kids:?}");
    let apps = element(back, "app");
    let want = appendices(art);
    assert_eq!(apps.len(), want.len());
    for (app, a) in apps.iter().zip(want) {
        assert_eq!(app.attribute("id"), a.id.as_ref().map(|i| i.as_str()));
        assert_eq!(child_text(*app, "label"), a.label.clone());
        let title = child_text(*app, "title");
        match (&a.label, &a.title) {
            (_, Some(t)) => assert_eq!(title, Some(plain(t))),
            (Some(_), None) => assert_eq!(title, None),
            (None, None) => assert_eq!(title.as_deref(), Some("Appendix")),
        }
        let ids = block_ids(a);
        assert!(!ids.is_empty());
        assert_eq!(ids_under(*app, &ids), ids);
    }
    // Cross-references: `ref-type="app"` with the label, or the word without one.
    let xrefs: Vec<(String, String)> = element(doc.root_element(), "xref")
        .into_iter()
        .filter(|x| x.attribute("ref-type") == Some("app"))
        .map(|x| (x.attribute("rid").unwrap().to_string(), text_of(x)))
        .collect();
    assert!(
        xrefs.contains(&("app-a".into(), "Appendix A".into())),
        "{xrefs:?}"
    );
    assert!(
        xrefs.contains(&("app-b".into(), "Appendix".into())),
        "{xrefs:?}"
    );
    let to_table = element(doc.root_element(), "xref")
        .into_iter()
        .find(|x| x.attribute("rid") == Some("tab-app-prices"))
        .expect("a cross-reference to the appendix's table");
    assert_eq!(to_table.attribute("ref-type"), Some("table"));
    assert_eq!(text_of(to_table), "Table A1");
}

#[test]
fn tei_divisions_of_type_appendix_in_back() {
    let issue = kitchen_sink();
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(std::str::from_utf8(&e.bytes).unwrap()).expect("TEI");
    let back = element(doc.root_element(), "back")[0];
    let divs: Vec<Node<'_, '_>> = back
        .children()
        .filter(|c| c.has_tag_name("div") && c.attribute("type") == Some("appendix"))
        .collect();
    let want = appendices(art);
    assert_eq!(divs.len(), want.len());
    // After the bibliography, as in the other formats.
    let kinds: Vec<Option<&str>> = back
        .children()
        .filter(|c| c.is_element())
        .map(|c| c.attribute("type"))
        .collect();
    let bibl = kinds
        .iter()
        .position(|k| *k == Some("bibliography"))
        .unwrap();
    let first = kinds.iter().position(|k| *k == Some("appendix")).unwrap();
    assert!(bibl < first, "{kinds:?}");
    for (div, a) in divs.iter().zip(want) {
        let id = div.attribute((XML_NS, "id"));
        assert_eq!(id, a.id.as_ref().map(|i| i.as_str()));
        assert_eq!(div.attribute("n"), a.label.as_deref());
        let head = child_text(*div, "head");
        let want_head = a.title.as_ref().map(plain).or(a.label.clone());
        assert_eq!(head, want_head);
        let ids = block_ids(a);
        assert_eq!(ids_under(*div, &ids), ids);
    }
    let targets: Vec<&str> = element(doc.root_element(), "ref")
        .into_iter()
        .filter_map(|r| r.attribute("target"))
        .collect();
    assert!(targets.contains(&"#app-a") && targets.contains(&"#app-b"));
}

/// An appendix's section in XHTML: id, heading text, `epub:type`, `role`.
type XhtmlAppendix = (String, String, Option<String>, String);

/// The appendices' sections of an XHTML document, and whether they come after the
/// references.
fn xhtml_appendices(xhtml: &str) -> (Vec<XhtmlAppendix>, bool) {
    let doc = parse(xhtml).expect("XHTML");
    let sections: Vec<Node<'_, '_>> = element(doc.root_element(), "section");
    let refs = sections
        .iter()
        .position(|s| s.attribute("id") == Some("_refs"))
        .expect("references");
    let apps: Vec<(usize, Node<'_, '_>)> = sections
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, s)| s.attribute("class") == Some("appendix"))
        .collect();
    let after = apps.iter().all(|(i, _)| *i > refs);
    let out = apps
        .into_iter()
        .map(|(_, s)| {
            let h = s
                .children()
                .find(|c| c.is_element() && c.tag_name().name().starts_with('h'))
                .expect("a heading");
            let epub_type = s
                .attributes()
                .find(|a| a.name() == "type" && a.namespace().is_some())
                .map(|a| a.value().to_string());
            (
                s.attribute("id").unwrap_or("").to_string(),
                text_of(h).trim().to_string(),
                epub_type,
                s.attribute("role").unwrap_or("").to_string(),
            )
        })
        .collect();
    (out, after)
}

/// What the appendices' headings must read: label, a space, title; else the word.
fn headings(art: &Article, word: &str) -> Vec<String> {
    appendices(art)
        .iter()
        .map(|a| {
            let parts: Vec<String> = a
                .label
                .iter()
                .cloned()
                .chain(a.title.as_ref().map(plain))
                .collect();
            if parts.is_empty() {
                word.to_string()
            } else {
                parts.join(" ")
            }
        })
        .collect()
}

#[test]
fn epub_back_matter_sections_contents_and_nav() {
    let issue = kitchen_sink();
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Epub, KITCHEN_SINK.1);
    let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
    let body = epub.text("EPUB/a1/article.xhtml");
    let (apps, after) = xhtml_appendices(&body);
    assert!(after, "the appendices follow the references");
    let want_ids: Vec<String> = appendices(art)
        .iter()
        .enumerate()
        .map(|(i, a)| {
            a.id.as_ref()
                .map_or(format!("_app{}", i + 1), |id| id.to_string())
        })
        .collect();
    let got_ids: Vec<String> = apps.iter().map(|a| a.0.clone()).collect();
    assert_eq!(got_ids, want_ids);
    let got_heads: Vec<String> = apps.iter().map(|a| a.1.clone()).collect();
    assert_eq!(got_heads, headings(art, "Appendix"));
    for (_, _, epub_type, role) in &apps {
        assert_eq!(epub_type.as_deref(), Some("appendix"));
        assert_eq!(role, "doc-appendix");
    }
    // Their blocks are inside them.
    let doc = parse(&body).expect("XHTML");
    for (a, id) in appendices(art).iter().zip(&want_ids) {
        let sec = doc
            .descendants()
            .find(|n| n.has_tag_name("section") && n.attribute("id") == Some(id))
            .unwrap();
        let ids = block_ids(a);
        assert_eq!(ids_under(sec, &ids), ids);
    }
    // Every appendix is in the navigation document's table of contents.
    let nav = epub
        .xhtml()
        .map(|(_, x)| String::from_utf8(x.to_vec()).unwrap())
        .find(|x| x.contains("epub:type=\"toc\""))
        .expect("a navigation document");
    for id in &want_ids {
        assert!(
            nav.contains(&format!("a1/article.xhtml#{id}\"")),
            "{id} not in the nav"
        );
    }
}

#[test]
fn preview_has_the_appendices_without_epub_semantics() {
    let issue = kitchen_sink();
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Html, KITCHEN_SINK.1);
    let html = std::str::from_utf8(&e.bytes).unwrap();
    let (apps, after) = xhtml_appendices(html);
    assert!(after);
    let heads: Vec<String> = apps.iter().map(|a| a.1.clone()).collect();
    assert_eq!(heads, headings(art, "Appendix"));
    assert!(apps.iter().all(|a| a.2.is_none() && a.3 == "doc-appendix"));
}

#[test]
fn the_word_appendix_is_in_the_articles_language() {
    let issue = kitchen_sink();
    let mut art = issue.article(KITCHEN_SINK.1).clone();
    art.lang = galley::model::Lang("pt".into());
    let e = issue
        .emit(Format::Epub, KITCHEN_SINK.1, &art)
        .expect("EPUB");
    let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
    let (apps, _) = xhtml_appendices(&epub.text("EPUB/a1/article.xhtml"));
    let heads: Vec<String> = apps.iter().map(|a| a.1.clone()).collect();
    assert_eq!(heads, headings(&art, "Apêndice"));
    let jats = issue
        .emit(Format::Jats, KITCHEN_SINK.1, &art)
        .expect("JATS");
    let text = std::str::from_utf8(&jats.bytes).unwrap();
    assert!(text.contains("<title>Apêndice</title>"));
    assert!(text.contains("rid=\"app-b\">Apêndice</xref>"));
    for lang in ["en", "es", "pt", "fr", "de", "zh"] {
        let said = galley::l10n::term(lang, galley::l10n::Term::Appendix);
        assert_eq!(said.lang, None, "{lang} has its own word");
    }
}
