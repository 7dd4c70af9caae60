//! References as the source prints them: the printed form beside the fields (JATS
//! `citation-alternatives`, TEI `note type="printed"`, printed as it is in the EPUB), a
//! reference known only as printed, "et al." in an author list, and a date that is no
//! calendar date (`19--`) — each read back from the kitchen sink's outputs.

use galley::emit::Format;
use galley::model::Reference;
use galley_dev::epub::Epub;
use galley_dev::xml::{named, one_line, parse, text_of};

use crate::support::{Issue, KITCHEN_SINK, load, plain, utf8};

fn find(issue: &Issue, f: impl Fn(&Reference) -> bool) -> &Reference {
    issue
        .article(KITCHEN_SINK.1)
        .references
        .iter()
        .find(|r| f(r))
        .expect("the kitchen sink has such a reference")
}

#[test]
fn jats_keeps_the_printed_form_et_al_and_the_printed_date() {
    let issue = load(KITCHEN_SINK.0);
    let both = find(&issue, |r| {
        r.printed.is_some() && r.fields_state_something()
    });
    let only = find(&issue, |r| {
        r.printed.is_some() && !r.fields_state_something()
    });
    let etal = find(&issue, |r| r.et_al);
    let e = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed");
    let reference = |id: &str| {
        named(doc.root_element(), "ref")
            .find(|n| n.attribute("id") == Some(id))
            .expect("the ref")
    };
    let b = reference(both.id.as_str());
    let alt = named(b, "citation-alternatives")
        .next()
        .expect("citation-alternatives");
    assert_eq!(named(alt, "element-citation").count(), 1);
    let mixed = named(alt, "mixed-citation").next().expect("mixed-citation");
    assert_eq!(
        one_line(&text_of(mixed)),
        plain(both.printed.as_ref().unwrap())
    );
    let date = named(b, "string-date").next().map(text_of);
    assert_eq!(date.as_deref(), both.issued_text.as_deref());
    let o = reference(only.id.as_str());
    assert_eq!(named(o, "element-citation").count(), 0);
    let mixed = named(o, "mixed-citation").next().expect("mixed-citation");
    assert_eq!(
        one_line(&text_of(mixed)),
        plain(only.printed.as_ref().unwrap())
    );
    let group = named(reference(etal.id.as_str()), "person-group")
        .next()
        .expect("authors");
    assert!(
        group
            .children()
            .rfind(|c| c.is_element())
            .is_some_and(|c| c.has_tag_name("etal"))
    );
}

#[test]
fn tei_keeps_the_printed_form_et_al_and_the_printed_date() {
    let issue = load(KITCHEN_SINK.0);
    let both = find(&issue, |r| {
        r.printed.is_some() && r.fields_state_something()
    });
    let only = find(&issue, |r| {
        r.printed.is_some() && !r.fields_state_something()
    });
    let etal = find(&issue, |r| r.et_al);
    let e = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed");
    let by_id = |id: &str| {
        doc.descendants()
            .find(|n| n.attribute(("http://www.w3.org/XML/1998/namespace", "id")) == Some(id))
            .expect("the entry")
    };
    let b = by_id(both.id.as_str());
    assert!(b.has_tag_name("biblStruct"));
    let note = named(b, "note")
        .find(|n| n.attribute("type") == Some("printed"))
        .expect("the printed form");
    assert_eq!(
        one_line(&text_of(note)),
        plain(both.printed.as_ref().unwrap())
    );
    let date = named(b, "date")
        .find(|d| d.attribute("when").is_none())
        .map(text_of);
    assert_eq!(date.as_deref(), both.issued_text.as_deref());
    let o = by_id(only.id.as_str());
    assert!(o.has_tag_name("bibl"));
    assert_eq!(one_line(&text_of(o)), plain(only.printed.as_ref().unwrap()));
    let authors: Vec<String> = named(by_id(etal.id.as_str()), "author")
        .map(|a| one_line(&text_of(a)))
        .collect();
    assert_eq!(authors.last().map(String::as_str), Some("et al."));
}

#[test]
fn epub_prints_the_printed_form_as_it_is() {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Epub, KITCHEN_SINK.1);
    let epub = Epub::read(e.bytes).expect("an EPUB");
    let mut entries = Vec::new();
    for (_, b) in epub.xhtml() {
        let doc = parse(std::str::from_utf8(b).unwrap()).expect("XHTML");
        for li in named(doc.root_element(), "li") {
            if let Some(id) = li.attribute("id").and_then(|i| i.strip_prefix("_ref-")) {
                entries.push((id.to_string(), one_line(&text_of(li))));
            }
        }
    }
    let mut printed = 0;
    for r in &art.references {
        let (_, text) = entries
            .iter()
            .find(|(id, _)| id == r.id.as_str())
            .expect("listed");
        if let Some(p) = &r.printed {
            assert!(text.ends_with(&plain(p)), "{text}");
            printed += 1;
        }
        if r.et_al {
            assert!(text.contains("et al."), "{text}");
        }
        if let (Some(t), None) = (&r.issued_text, &r.printed) {
            assert!(text.contains(t.as_str()), "{text}");
        }
    }
    assert!(printed >= 2);
}

/// A reference's PubMed and PubMed Central ids: JATS `pub-id`, TEI `idno`, the EPUB's
/// entry.
#[test]
fn pubmed_ids_reach_every_output() {
    let issue = load(KITCHEN_SINK.0);
    let r = find(&issue, |r| r.pmid.is_some() && r.pmcid.is_some());
    let (pmid, pmcid) = (r.pmid.as_deref().unwrap(), r.pmcid.as_deref().unwrap());
    let e = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed");
    let reference = named(doc.root_element(), "ref")
        .find(|n| n.attribute("id") == Some(r.id.as_str()))
        .expect("the ref");
    let ids: Vec<(Option<&str>, String)> = named(reference, "pub-id")
        .map(|p| (p.attribute("pub-id-type"), text_of(p)))
        .filter(|(t, _)| *t != Some("doi"))
        .collect();
    assert_eq!(
        ids,
        [
            (Some("pmid"), pmid.to_string()),
            (Some("pmcid"), pmcid.to_string())
        ]
    );

    let e = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed");
    let entry = doc
        .descendants()
        .find(|n| {
            n.attribute(("http://www.w3.org/XML/1998/namespace", "id")) == Some(r.id.as_str())
        })
        .expect("the entry");
    let ids: Vec<(Option<&str>, String)> = named(entry, "idno")
        .map(|p| (p.attribute("type"), text_of(p)))
        .filter(|(t, _)| *t != Some("DOI"))
        .collect();
    assert_eq!(
        ids,
        [
            (Some("PMID"), pmid.to_string()),
            (Some("PMCID"), pmcid.to_string())
        ]
    );

    let e = issue.emit_slug(Format::Epub, KITCHEN_SINK.1);
    let epub = Epub::read(e.bytes).expect("an EPUB");
    let listed = epub.xhtml().any(|(_, b)| {
        let doc = parse(std::str::from_utf8(b).unwrap()).expect("XHTML");
        let id = format!("_ref-{}", r.id);
        named(doc.root_element(), "li")
            .filter(|li| li.attribute("id") == Some(id.as_str()))
            .any(|li| {
                let t = one_line(&text_of(li));
                t.contains(&format!("PMID {pmid}.")) && t.contains(&format!("PMCID {pmcid}."))
            })
    });
    assert!(listed);
}
