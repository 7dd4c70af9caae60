//! The article's statements and its contributors' notes, read back from each output:
//! JATS as JATS4R recommends, TEI, and the EPUB's sections under headings in the
//! article's language.

use galley::emit::Format;
use galley_dev::xml::{one_line, parse, text_of};
use roxmltree::{Document, Node};

use crate::support::{KITCHEN_SINK, load, utf8};

/// The first element named `name` whose attribute `attr` is `value`.
fn find<'a, 'i>(doc: &'a Document<'i>, name: &str, attr: &str, value: &str) -> Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.has_tag_name(name) && n.attribute(attr) == Some(value))
        .unwrap_or_else(|| panic!("no <{name} {attr}=\"{value}\">"))
}

#[test]
fn jats_writes_the_statements_as_jats4r_recommends() {
    let issue = load(KITCHEN_SINK.0);
    let jats = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(utf8(&jats)).expect("JATS");
    let text = |n: Node<'_, '_>| one_line(&text_of(n));
    let notes = doc
        .descendants()
        .find(|n| n.has_tag_name("author-notes"))
        .expect("author-notes");
    assert!(notes.ancestors().any(|a| a.has_tag_name("article-meta")));
    let corresp = notes
        .children()
        .find(|n| n.has_tag_name("corresp"))
        .expect("corresp");
    assert_eq!(text(corresp), "Li Hua, Institute of History, CASS, Beijing");
    assert_eq!(
        text(find(&doc, "fn", "fn-type", "coi-statement")),
        "The authors declare no competing interests."
    );
    assert_eq!(
        text(find(&doc, "fn", "fn-type", "con")),
        "Li Hua wrote the first draft; Jane Doe revised it."
    );
    let statement = doc
        .descendants()
        .find(|n| n.has_tag_name("funding-statement"))
        .expect("funding-statement");
    assert_eq!(
        statement.parent().map(|p| p.tag_name().name()),
        Some("funding-group")
    );
    for (element, attr, ty, starts) in [
        (
            "sec",
            "sec-type",
            "data-availability",
            "The treaty text is in",
        ),
        (
            "sec",
            "sec-type",
            "ethics-statement",
            "No human participants",
        ),
        ("sec", "sec-type", "ai-use", "No generative AI"),
        (
            "notes",
            "notes-type",
            "publisher-note",
            "Galley Test Press remains",
        ),
    ] {
        let n = find(&doc, element, attr, ty);
        assert_eq!(n.parent().map(|p| p.tag_name().name()), Some("back"));
        let p = n.children().find(|c| c.has_tag_name("p")).expect("a p");
        assert!(text(p).starts_with(starts), "{ty}: {}", text(p));
    }
    // A `sec` requires a title: the heading in the article's language.
    let title = find(&doc, "sec", "sec-type", "data-availability")
        .children()
        .find(|c| c.has_tag_name("title"))
        .map(text);
    assert_eq!(title.as_deref(), Some("Data availability"));
    // The dataset is cited through the references.
    let data = find(&doc, "sec", "sec-type", "data-availability");
    assert!(
        data.descendants()
            .any(|n| n.has_tag_name("xref") && n.attribute("rid") == Some("web2020"))
    );

    // The contributors' notes: equal contribution and death as attributes, the present
    // address as an author note the contrib points to.
    let contribs: Vec<Node<'_, '_>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("contrib") && n.attribute("contrib-type") == Some("author"))
        .collect();
    let li = contribs[0];
    let jane = contribs[1];
    assert_eq!(li.attribute("equal-contrib"), Some("yes"));
    assert_eq!(li.attribute("deceased"), None);
    assert_eq!(jane.attribute("equal-contrib"), Some("yes"));
    assert_eq!(jane.attribute("deceased"), Some("yes"));
    let rid = li
        .children()
        .find(|n| n.has_tag_name("xref") && n.attribute("ref-type") == Some("fn"))
        .and_then(|x| x.attribute("rid"))
        .expect("an xref to the present address");
    let address = find(&doc, "fn", "id", rid);
    assert_eq!(address.attribute("fn-type"), Some("present-address"));
    assert_eq!(
        text(address),
        "Department of History, University of Examples, Shanghai"
    );
}

#[test]
fn tei_writes_the_statements_and_the_contributors_notes() {
    let issue = load(KITCHEN_SINK.0);
    let tei = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(utf8(&tei)).expect("TEI");
    let back = doc
        .descendants()
        .find(|n| n.has_tag_name("back"))
        .expect("back");
    let types: Vec<&str> = back
        .children()
        .filter(|n| n.has_tag_name("div"))
        .filter_map(|n| n.attribute("type"))
        .collect();
    for t in [
        "correspondence",
        "funding-statement",
        "competing-interests",
        "author-contributions",
        "data-availability",
        "ethics",
        "ai-use",
        "publisher-note",
    ] {
        assert!(types.contains(&t), "no div type={t} in {types:?}");
    }
    let person = |id: &str| {
        doc.descendants()
            .find(|n| {
                n.has_tag_name("person")
                    && n.attribute(("http://www.w3.org/XML/1998/namespace", "id")) == Some(id)
            })
            .unwrap_or_else(|| panic!("no person {id}"))
    };
    let jane = person("jane-doe");
    assert!(jane.children().any(|n| n.has_tag_name("death")));
    let li = person("li-hua");
    assert!(!li.children().any(|n| n.has_tag_name("death")));
    let note = |p: Node<'_, '_>, ty: &str| {
        p.children()
            .find(|n| n.has_tag_name("note") && n.attribute("type") == Some(ty))
            .map(|n| one_line(&text_of(n)))
    };
    assert_eq!(
        note(li, "present-address").as_deref(),
        Some("Department of History, University of Examples, Shanghai")
    );
    assert_eq!(
        note(jane, "equal-contribution").as_deref(),
        Some("Contributed equally to this work.")
    );
}

#[test]
fn the_epub_and_preview_print_the_statements_under_localised_headings() {
    let issue = load(KITCHEN_SINK.0);
    let html = issue.emit_slug(Format::Html, KITCHEN_SINK.1);
    let doc = parse(utf8(&html)).expect("preview");
    let section = |id: &str| {
        let s = find(&doc, "section", "id", id);
        let heading = s
            .children()
            .find(|n| n.is_element())
            .map(|h| one_line(&text_of(h)))
            .unwrap_or_default();
        (heading, one_line(&text_of(s)))
    };
    for (id, heading, starts) in [
        (
            "_st-competing-interests",
            "Competing interests",
            "The authors declare",
        ),
        (
            "_st-funding-statement",
            "Funding statement",
            "This work was funded",
        ),
        (
            "_st-data-availability",
            "Data availability",
            "The treaty text",
        ),
        ("_st-ethics", "Ethics statement", "No human participants"),
        (
            "_st-author-contributions",
            "Author contributions",
            "Li Hua wrote",
        ),
        ("_st-ai-use", "Use of generative AI", "No generative AI"),
        (
            "_st-publisher-note",
            "Publisher’s note",
            "Galley Test Press",
        ),
    ] {
        let (h, text) = section(id);
        assert_eq!(h, heading, "{id}");
        assert!(text.contains(starts), "{id}: {text}");
    }
    let page = one_line(&text_of(doc.root_element()));
    for s in [
        "Corresponding author: Li Hua, Institute of History, CASS, Beijing",
        "Equal contribution: Li Hua and Jane Doe, Jr. Deceased: Jane Doe, Jr. Present",
        "Present address of Li Hua: Department of History, University of Examples, Shanghai",
    ] {
        assert!(page.contains(s), "no “{s}” in {page}");
    }

    // In Portuguese.
    let issue = load("tests/fixtures/valid/languages");
    let html = issue.emit_slug(Format::Html, "artigo");
    let page = one_line(&text_of(
        parse(utf8(&html)).expect("preview").root_element(),
    ));
    for s in [
        "Conflito de interesses Os autores declaram",
        "Disponibilidade de dados Os dados estão em",
    ] {
        assert!(page.contains(s), "no “{s}” in {page}");
    }
}
