//! Tests of the JATS emitter through the library API: golden files, facts read back
//! from the output, the other texts word for word, losses and structures the DTD
//! forbids, and that the NISO JATS 1.3 DTD (xmllint, offline; see
//! `support/validators.rs`) rejects what it must. Determinism, the body's paragraphs
//! word for word and the DTD's verdict on every output are in `invariants.rs`.
//!
//! Golden files live in `tests/golden/jats/`. After an intended change to the output,
//! rewrite them with
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --test it jats::
//! ```
//!
//! and review the diff before committing it.

use galley::emit::{Emitted, Format, InputFile};
use galley::model::{Article, Block, Section, Text};
use galley_dev::xml::{XML_NS, named, parse, text_of, text_without};
use roxmltree::Node;

use crate::support::{
    FIRST, Issue, KITCHEN_SINK, golden, load, official_check_outputs, official_rejection, plain,
    rendered_texts, utf8,
};

fn first_issue() -> Issue {
    load(FIRST.0)
}

fn kitchen_sink() -> Issue {
    load(KITCHEN_SINK.0)
}

/// The JATS of an issue's article as it is.
fn emit_slug(issue: &Issue, slug: &str) -> Emitted {
    issue.emit_slug(Format::Jats, slug)
}

fn lang<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    n.attribute((XML_NS, "lang"))
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name(name))
}

fn children<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |c| c.has_tag_name(name))
}

/// The text of an element without the text of its `xref`s, which is generated
/// (footnote numbers, citation labels) rather than the source's.
fn source_text(n: Node<'_, '_>) -> String {
    text_without(n, |c| c.has_tag_name("xref"))
}

// ---------------------------------------------------------------------------------------
// (1) Golden files
// ---------------------------------------------------------------------------------------

#[test]
fn golden_first_article() {
    let issue = first_issue();
    golden(
        "jats/origin-sino-soviet-alliance.jats.xml",
        &emit_slug(&issue, FIRST.1).bytes,
    );
}

#[test]
fn golden_kitchen_sink() {
    let issue = kitchen_sink();
    golden(
        "jats/kitchen-sink.jats.xml",
        &emit_slug(&issue, KITCHEN_SINK.1).bytes,
    );
}

// ---------------------------------------------------------------------------------------
// (2) Key facts, read back
// ---------------------------------------------------------------------------------------

/// The `contrib` of the given type whose (first) surname is `surname`.
fn contrib<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    contrib_type: &str,
    surname: &str,
) -> Node<'a, 'i> {
    named(doc.root_element(), "contrib")
        .find(|c| {
            c.attribute("contrib-type") == Some(contrib_type)
                && named(*c, "surname").next().and_then(|s| s.text()) == Some(surname)
        })
        .unwrap_or_else(|| panic!("no contrib-type=\"{contrib_type}\" with surname {surname}"))
}

#[test]
fn first_article_key_facts() {
    let issue = first_issue();
    let e = emit_slug(&issue, FIRST.1);
    let text = utf8(&e);
    assert!(text.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN\" \"JATS-journalpublishing1-3.dtd\">\n"
    ));
    let doc = parse(text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "article");
    assert_eq!(root.attribute("dtd-version"), Some("1.3"));
    assert_eq!(root.attribute("article-type"), Some("research-article"));
    assert_eq!(lang(root), Some("en"));

    // Niu Jun: the author, family name first, with 牛军 (family 牛, given 军) in his contrib.
    let niu = contrib(&doc, "author", "Niu");
    let names: Vec<_> = named(niu, "name").collect();
    assert_eq!(names.len(), 2, "Latin and original-script names");
    let latin = names[0];
    assert_eq!(latin.attribute("name-style"), Some("eastern"));
    assert_eq!(
        child(latin, "given-names").and_then(|n| n.text()),
        Some("Jun")
    );
    let han = names[1];
    assert_eq!(lang(han), Some("zh-Hans"));
    assert_eq!(han.attribute("name-style"), Some("eastern"));
    assert_eq!(child(han, "surname").and_then(|n| n.text()), Some("牛"));
    assert_eq!(child(han, "given-names").and_then(|n| n.text()), Some("军"));
    assert_eq!(
        names[0].parent().map(|p| p.tag_name().name()),
        Some("name-alternatives")
    );
    // His birth year and position are in his bio; his affiliation is linked.
    let bio = child(niu, "bio").expect("bio");
    assert!(text_of(bio).contains("1954"));
    assert!(text_of(bio).contains("Research Fellow"));
    let aff_id = child(niu, "xref")
        .filter(|x| x.attribute("ref-type") == Some("aff"))
        .and_then(|x| x.attribute("rid"))
        .expect("xref to aff");
    let aff = named(root, "aff")
        .find(|a| a.attribute("id") == Some(aff_id))
        .expect("aff");
    let institutions: Vec<String> = named(aff, "institution").map(text_of).collect();
    assert_eq!(institutions, ["Institute of American Studies", "CASS"]);
    let address = child(niu, "address").expect("address");
    assert_eq!(
        child(address, "city").map(text_of).as_deref(),
        Some("Beijing")
    );
    assert_eq!(
        child(address, "postal-code").map(text_of).as_deref(),
        Some("100005")
    );

    // Huang Jue translated it; Su Xuetao revised it, in a role of his own.
    let huang = contrib(&doc, "translator", "Huang");
    assert_eq!(
        named(huang, "given-names").next().and_then(|n| n.text()),
        Some("Jue")
    );
    let su = contrib(&doc, "reviser", "Su");
    assert_ne!(
        su.attribute("contrib-type"),
        huang.attribute("contrib-type")
    );
    assert_ne!(su.attribute("contrib-type"), niu.attribute("contrib-type"));
    let types: Vec<_> = named(root, "contrib")
        .map(|c| c.attribute("contrib-type").unwrap_or(""))
        .collect();
    assert_eq!(types, ["author", "translator", "reviser"]);

    // Provenance: Zhongguo shehui kexue, 1996, no. 2, structured in article-meta.
    let meta = named(root, "article-meta").next().expect("article-meta");
    let related = child(meta, "related-article").expect("related-article");
    assert_eq!(
        related.attribute("related-article-type"),
        Some("translated-from")
    );
    assert_eq!(lang(related), Some("zh"));
    assert_eq!(
        child(related, "source").map(text_of).as_deref(),
        Some("Zhongguo shehui kexue")
    );
    assert_eq!(child(related, "year").map(text_of).as_deref(), Some("1996"));
    assert_eq!(child(related, "issue").map(text_of).as_deref(), Some("2"));

    // Five sections headed I–V, with 4, 3, 4, 6 and 6 paragraphs: the numeral the
    // source prints is each section's title (JATS4R: every `sec` has a `title`), not
    // also a label.
    let body = child(root, "body").expect("body");
    let secs: Vec<_> = children(body, "sec").collect();
    let titles: Vec<String> = secs
        .iter()
        .map(|s| child(*s, "title").map(text_of).unwrap_or_default())
        .collect();
    assert_eq!(titles, ["I", "II", "III", "IV", "V"]);
    assert!(secs.iter().all(|s| child(*s, "label").is_none()));
    let counts: Vec<usize> = secs.iter().map(|s| children(*s, "p").count()).collect();
    assert_eq!(counts, [4, 3, 4, 6, 6]);

    // Required metadata the source lacks: JATS's own forms, never empty placeholders.
    let journal_meta = named(root, "journal-meta").next().expect("journal-meta");
    assert_eq!(
        child(journal_meta, "journal-id").map(text_of).as_deref(),
        Some("Social Sciences in China")
    );
    assert_eq!(
        child(journal_meta, "issn").map(text_of).as_deref(),
        Some("not available")
    );
    assert!(child(meta, "pub-date-not-available").is_some());
    for n in root.descendants().filter(|n| n.is_element()) {
        let empty = n.first_child().is_none();
        assert!(
            !empty || n.has_tag_name("pub-date-not-available"),
            "empty element <{}>",
            n.tag_name().name()
        );
    }

    // The end notes, as printed.
    let notes = named(root, "notes").next().expect("notes");
    let ps: Vec<String> = children(notes, "p").map(text_of).collect();
    assert_eq!(
        ps,
        [
            "—Translated by Huang Jue from Zhongguo shehui kexue, 1996, no. 2",
            "Revised by Su Xuetao"
        ]
    );
}

#[test]
fn first_article_reports_what_the_source_lacks() {
    let issue = first_issue();
    let e = emit_slug(&issue, FIRST.1);
    assert!(e.losses.is_empty(), "no losses expected: {:#?}", e.losses);
    let mut codes: Vec<(&str, InputFile)> = e
        .missing
        .iter()
        .map(|m| (m.code.as_str(), m.file))
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            ("missing.jats.issn", InputFile::Issue),
            ("missing.jats.journal-id", InputFile::Issue),
            ("missing.jats.license", InputFile::Article),
            ("missing.jats.pages", InputFile::Article),
            ("missing.jats.pub-date", InputFile::Article),
            ("missing.jats.subject", InputFile::Article),
        ]
    );
    for m in &e.missing {
        if m.file == InputFile::Issue {
            assert_eq!(m.pointer, "/journal");
        }
    }
}

#[test]
fn kitchen_sink_key_facts() {
    let issue = kitchen_sink();
    let e = emit_slug(&issue, KITCHEN_SINK.1);
    assert!(e.missing.is_empty(), "nothing missing: {:#?}", e.missing);
    let mut losses: Vec<(&str, &str)> = e
        .losses
        .iter()
        .map(|l| (l.code.as_str(), l.pointer.as_str()))
        .collect();
    losses.sort();
    assert_eq!(
        losses,
        [
            ("loss.jats.elocation", "/elocation"),
            // Headings given in `titles` for parts JATS gives no title.
            ("loss.jats.title", "/titles/contributors"),
            ("loss.jats.title", "/titles/funding"),
        ]
    );

    let doc = parse(utf8(&e)).expect("well-formed XML");
    let root = doc.root_element();
    let meta = named(root, "article-meta").next().expect("article-meta");

    // Journal metadata as stated.
    let jm = named(root, "journal-meta").next().expect("journal-meta");
    let ids: Vec<(String, String)> = children(jm, "journal-id")
        .map(|i| {
            (
                i.attribute("journal-id-type").unwrap_or("").to_string(),
                text_of(i),
            )
        })
        .collect();
    let j = &issue.issue.journal;
    let stated: Vec<(String, String)> = j
        .ids
        .iter()
        .map(|i| (i.kind.as_str().to_string(), i.value.clone()))
        .chain(
            j.publisher_id
                .iter()
                .map(|p| ("publisher-id".to_string(), p.clone())),
        )
        .collect();
    assert!(
        stated.len() >= 3,
        "the kitchen sink states registry ids and the publisher's"
    );
    assert_eq!(ids, stated);
    let issns: Vec<_> = children(jm, "issn")
        .map(|i| (i.attribute("publication-format").unwrap_or(""), text_of(i)))
        .collect();
    assert_eq!(
        issns,
        [
            ("print", "0252-9203".to_string()),
            ("electronic", "1234-567X".to_string())
        ]
    );

    // Contributors: roles, CRediT, ORCID, e-mail, corresponding author, address parts.
    let li = contrib(&doc, "author", "Li");
    assert_eq!(li.attribute("corresp"), Some("yes"));
    let orcid = child(li, "contrib-id").expect("contrib-id");
    assert_eq!(orcid.attribute("contrib-id-type"), Some("orcid"));
    assert_eq!(
        child(li, "email").map(text_of).as_deref(),
        Some("li.hua@example.org")
    );
    let credit: Vec<_> = children(li, "role")
        .filter(|r| r.attribute("vocab") == Some("credit"))
        .map(|r| {
            assert_eq!(
                r.attribute("vocab-identifier"),
                Some("https://credit.niso.org/")
            );
            r.attribute("vocab-term-identifier")
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(
        credit,
        [
            "https://credit.niso.org/contributor-roles/conceptualization/",
            "https://credit.niso.org/contributor-roles/writing-original-draft/"
        ]
    );
    let country = named(li, "country").next().expect("country");
    assert_eq!(country.attribute("country"), Some("CN"));
    assert_eq!(
        contrib(&doc, "author", "Doe")
            .descendants()
            .find(|n| n.has_tag_name("suffix"))
            .map(text_of)
            .as_deref(),
        Some("Jr.")
    );
    contrib(&doc, "translator", "Wang");
    let zhao = contrib(&doc, "reviser", "Zhao");
    assert!(text_of(child(zhao, "bio").expect("bio")).contains("breaks off"));
    contrib(&doc, "editor", "Smith");
    let aff = named(meta, "aff").next().expect("aff");
    let dept = named(aff, "institution")
        .find(|i| i.attribute("content-type") == Some("dept"))
        .expect("department");
    assert_eq!(text_of(dept), "Department of Modern History");
    assert!(named(aff, "institution-id").next().is_some());

    // Licence, provenance, dates.
    let licence = named(meta, "license").next().expect("license");
    let license_ref = licence
        .children()
        .find(|c| c.tag_name().name() == "license_ref")
        .expect("ali:license_ref");
    assert_eq!(
        license_ref.tag_name().namespace(),
        Some("http://www.niso.org/schemas/ali/1.0/")
    );
    let related = child(meta, "related-article").expect("related-article");
    let sources: Vec<_> = children(related, "source").map(text_of).collect();
    assert_eq!(sources, ["Zhongguo shehui kexue", "中国社会科学"]);
    let date_types: Vec<_> = children(meta, "pub-date")
        .map(|d| d.attribute("date-type").unwrap_or(""))
        .collect();
    assert_eq!(date_types, ["pub", "collection"]);

    // Inline markup in the body.
    let body = child(root, "body").expect("body");
    let first_p = child(body, "p").expect("first paragraph");
    for name in [
        "bold",
        "italic",
        "sup",
        "sub",
        "sc",
        "ext-link",
        "named-content",
    ] {
        assert!(
            named(first_p, name).next().is_some(),
            "<{name}> in the first paragraph"
        );
    }
    let span = named(first_p, "named-content").next().expect("lang span");
    assert_eq!(lang(span), Some("zh-Hans"));
    assert_eq!(text_of(span), "牛军");
    let ref_types: Vec<_> = named(first_p, "xref")
        .map(|x| x.attribute("ref-type").unwrap_or(""))
        .collect();
    assert_eq!(
        ref_types,
        [
            "fn",
            "bibr",
            "bibr",
            "fig",
            "table",
            "fig",
            "supplementary-material"
        ]
    );
    // Every xref points at an element with that id.
    for x in named(root, "xref") {
        // IDREFS: a citation or cross-reference may point at several.
        for rid in x.attribute("rid").expect("rid").split_whitespace() {
            assert!(
                root.descendants().any(|n| n.attribute("id") == Some(rid)),
                "dangling xref to {rid}"
            );
        }
    }
    let fig = named(body, "fig").next().expect("fig");
    assert!(named(fig, "alt-text").next().is_some());
    assert_eq!(named(body, "table-wrap").count(), 2, "two table-wraps");
    let refs = named(root, "ref").count();
    assert_eq!(refs, issue.article(KITCHEN_SINK.1).references.len());
}

// ---------------------------------------------------------------------------------------
// (3) Fidelity: the body text, word for word
// ---------------------------------------------------------------------------------------

/// The body's paragraphs in a JATS document: `p` elements directly in `body` or a
/// `sec`, in order, their whole text (the source's and what galley generates at
/// references, in `xref`s and around them: `invariants.rs` compares it with the resolve
/// stage's).
pub(crate) fn paragraphs(jats: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(jats).expect("UTF-8");
    let doc = parse(text).expect("well-formed XML");
    let body = child(doc.root_element(), "body").expect("body");
    // The body's, then the appendices' (`back/app-group/app`), then the sub-articles'
    // (`sub-article/body`).
    let apps = named(doc.root_element(), "app");
    let subs = named(doc.root_element(), "sub-article").filter_map(|s| child(s, "body"));
    std::iter::once(body)
        .chain(apps)
        .chain(subs)
        .flat_map(|root| named(root, "p").collect::<Vec<_>>())
        .filter(|p| {
            p.parent().is_some_and(|par| {
                par.has_tag_name("body") || par.has_tag_name("sec") || par.has_tag_name("app")
            })
        })
        // Formulas are read back in `formulas.rs`.
        .map(|p| text_without(p, |c| c.has_tag_name("inline-formula")))
        .collect()
}

/// The texts other than the body's paragraphs (those are in `invariants.rs`), each
/// compared with the element it becomes.
#[test]
fn kitchen_sink_every_text_word_for_word() {
    let issue = kitchen_sink();
    let art = issue.article(KITCHEN_SINK.1);
    let e = emit_slug(&issue, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed XML");
    let root = doc.root_element();
    let by_path = |path: &[&'static str]| -> Vec<String> {
        let mut nodes = vec![root];
        for name in path {
            nodes = nodes
                .iter()
                .flat_map(|n| named(*n, name).collect::<Vec<_>>())
                .collect();
        }
        nodes.into_iter().map(source_text).collect()
    };
    let plains = |ts: &[Text]| ts.iter().map(plain).collect::<Vec<_>>();
    assert_eq!(
        by_path(&["article-meta", "article-title"])[0],
        plain(&art.title)
    );
    // The article's own abstract is the first `abstract`; the further ones are read
    // back in `front.rs`.
    let first_abstract = named(root, "abstract").next().expect("an abstract");
    let abstract_paras: Vec<String> = named(first_abstract, "p").map(source_text).collect();
    assert_eq!(abstract_paras, plains(&art.abstract_));
    assert_eq!(by_path(&["ack", "p"]), plains(&art.acknowledgements));
    // The end notes are the `notes` without a type (the publisher's note has one).
    let end_notes: Vec<String> = named(root, "notes")
        .filter(|n| n.attribute("notes-type").is_none())
        .flat_map(|n| named(n, "p").collect::<Vec<_>>())
        .map(source_text)
        .collect();
    assert_eq!(end_notes, plains(&art.end_notes));
    // Table notes (`table-wrap-foot/fn`, in the body) come before the footnotes; notes
    // hold citations, so their text is the source's and the generated citation's. The
    // author notes (`author-notes/fn`) are read in `statements.rs`.
    let mut notes: Vec<Text> = Vec::new();
    galley::model::walk_article_blocks(art, &mut |_, b| {
        if let Block::Table(t) = b {
            notes.extend(t.notes.iter().map(|n| n.text.clone()));
        }
    });
    notes.extend(art.footnotes.iter().map(|f| f.text.clone()));
    let fn_ps: Vec<String> = named(root, "fn")
        .filter(|f| !f.ancestors().any(|a| a.has_tag_name("author-notes")))
        .flat_map(|f| named(f, "p").map(text_of).collect::<Vec<_>>())
        .collect();
    assert_eq!(fn_ps, rendered_texts(&issue, KITCHEN_SINK.1, &notes, true));
    let mut quotes = Vec::new();
    let mut items = Vec::new();
    let mut yaml_cells: Vec<String> = Vec::new();
    // The body's blocks, then the appendices' (in `back`, after the body).
    galley::model::walk_article_blocks(art, &mut |_, b| match b {
        Block::Quote(q) => quotes.extend(q.paragraphs.iter().map(plain)),
        Block::List(l) => items.extend(l.items.iter().map(plain)),
        Block::Table(t) => {
            for row in t.head.iter().chain(&t.rows) {
                // A cell's lines, with nothing between them (`break` has no text).
                let text = |c: &galley::model::Cell| c.view().lines.iter().map(plain).collect();
                yaml_cells.extend(row.iter().map(text));
            }
        }
        _ => {}
    });
    assert_eq!(by_path(&["disp-quote", "p"]), quotes);
    assert_eq!(by_path(&["list-item", "p"]), items);
    let th_td: Vec<String> = root
        .descendants()
        .filter(|n| n.has_tag_name("th") || n.has_tag_name("td"))
        .map(source_text)
        .collect();
    assert_eq!(th_td, yaml_cells);
}

// ---------------------------------------------------------------------------------------
// Structures the DTD forbids in the source's shape
// ---------------------------------------------------------------------------------------

/// A section with neither label nor title, and a paragraph after a section: JATS
/// Journal Publishing allows neither, so the text is kept, moved and reported.
fn awkward_article(issue: &Issue) -> Article {
    let mut art = issue.article(FIRST.1).clone();
    art.body.insert(
        0,
        Block::Section(Section {
            sec_type: None,
            id: None,
            label: None,
            title: None,
            content: vec![Block::P(Text::new("An untitled, unlabelled section."))],
        }),
    );
    art.body
        .push(Block::P(Text::new("A paragraph after the last section.")));
    art.translation = None;
    art
}

#[test]
fn structures_jats_cannot_hold_are_kept_and_reported() {
    let issue = first_issue();
    let art = awkward_article(&issue);
    let e = issue.emit(Format::Jats, FIRST.1, &art).expect("JATS emits");
    let codes: Vec<(&str, &str)> = e
        .losses
        .iter()
        .map(|l| (l.code.as_str(), l.pointer.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("loss.jats.section", "/body/0"),
            ("loss.jats.block-order", "/body/6"),
        ]
    );
    let jats = paragraphs(&e.bytes);
    assert_eq!(jats.len(), 25);
    assert_eq!(jats[0], "An untitled, unlabelled section.");
    assert_eq!(jats[24], "A paragraph after the last section.");
    // No translation: no related-article.
    let doc = parse(utf8(&e)).expect("well-formed XML");
    assert!(
        named(doc.root_element(), "related-article")
            .next()
            .is_none()
    );
    // What was moved is valid JATS (every unchanged article is checked in
    // `invariants.rs`).
    let report = official_check_outputs(&[("--jats", "awkward.jats.xml".into(), &e.bytes)]);
    assert!(report.contains("PASS  JATS DTD"), "{report}");
}

// ---------------------------------------------------------------------------------------
// (5) The official validator rejects what it must
// ---------------------------------------------------------------------------------------

/// The first article's JATS with `from` replaced by `to`, through the validators, which
/// must reject it; returns their report.
fn rejected_when_edited(from: &str, to: &str) -> String {
    let a = emit_slug(&first_issue(), FIRST.1);
    let xml = utf8(&a);
    assert!(xml.contains(from), "{from}");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("edited.jats.xml");
    std::fs::write(&path, xml.replacen(from, to, 1)).expect("write");
    official_rejection(&[("--jats", path.as_path())])
}

#[test]
fn official_validator_rejects_an_element_the_dtd_does_not_declare() {
    let report = rejected_when_edited("<front>", "<front><bogus/>");
    assert!(report.contains("FAIL  JATS DTD"), "{report}");
    assert!(report.contains("bogus"), "{report}");
}

#[test]
fn official_validator_rejects_a_doctype_other_than_journal_publishing_1_3() {
    let report = rejected_when_edited(
        "Journal Publishing DTD v1.3",
        "Journal Archiving and Interchange DTD v1.3",
    );
    assert!(report.contains("FAIL  JATS DTD"), "{report}");
    assert!(report.contains("DOCTYPE public id"), "{report}");
}

/// Every `graphic` names the media type of its image's bytes (`mimetype`,
/// `mime-subtype`), as PMC's tagging guidelines ask: PNG figures and an SVG one.
#[test]
fn graphics_name_their_media_type() {
    let mut seen = std::collections::BTreeSet::new();
    for (dir, slug) in [KITCHEN_SINK, crate::support::SVG_FIGURE] {
        let issue = load(dir);
        let e = issue.emit_slug(Format::Jats, slug);
        let doc = parse(utf8(&e)).expect("JATS");
        let graphics: Vec<Node> = doc
            .descendants()
            .filter(|n| n.has_tag_name("graphic"))
            .collect();
        assert!(!graphics.is_empty(), "{slug} has figures");
        for g in graphics {
            let href = g
                .attribute(("http://www.w3.org/1999/xlink", "href"))
                .expect("xlink:href");
            let bytes = std::fs::read(crate::support::root().join(dir).join(slug).join(href))
                .unwrap_or_else(|e| panic!("{href}: {e}"));
            let sniffed = galley::asset::sniff_image(&bytes).expect("an image");
            let written = format!(
                "{}/{}",
                g.attribute("mimetype").expect("mimetype"),
                g.attribute("mime-subtype").expect("mime-subtype")
            );
            assert_eq!(written, sniffed, "{href}");
            seen.insert(written);
        }
    }
    assert!(
        seen.contains("image/png") && seen.contains("image/svg+xml"),
        "{seen:?}"
    );
}
