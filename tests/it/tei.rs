//! Tests of the TEI emitter through the library API: golden files, facts read back
//! from the output, what is reported missing, edge shapes of the model through the
//! official `tei_all` 4.12.0 schema (Jing; see `support/validators.rs`), and that the
//! schema rejects what it must. Determinism, the body's paragraphs word for word and the
//! schema's verdict on every output are in `invariants.rs`.
//!
//! Golden files live in `tests/golden/tei/`. After an intended change to the output,
//! rewrite them with
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --test it tei::
//! ```
//!
//! and review the diff before committing it.

use std::collections::{BTreeMap, BTreeSet};

use galley::emit::{EmitError, Emitted, Format, InputFile};
use galley::model::{Article, Block, Figure, Footnote, Id, Section, Text};
use galley_dev::xml::{XML_NS, parse, text_of, text_without};
use roxmltree::Node;

use crate::support::{
    FIRST, Issue, KITCHEN_SINK as SINK, golden, load, official_check_outputs, official_rejection,
    utf8,
};

const TEI_NS: &str = "http://www.tei-c.org/ns/1.0";

/// Emits an article of a loaded issue, possibly changed first.
fn emit_article(issue: &Issue, slug: &str, article: &Article) -> Result<Emitted, EmitError> {
    issue.emit(Format::Tei, slug, article)
}

/// Loads `(dir, slug)` and emits its TEI; returns the issue, the article and the output.
fn emit((dir, slug): (&str, &str)) -> (Issue, Article, Emitted) {
    let issue = load(dir);
    let article = issue.article(slug).clone();
    let out = emit_article(&issue, slug, &article).expect("TEI emitted");
    (issue, article, out)
}

fn is(node: Node<'_, '_>, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() == Some(TEI_NS)
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Node<'a, 'i> {
    node.children()
        .find(|c| is(*c, name))
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", node.tag_name().name()))
}

fn path<'a, 'i>(mut node: Node<'a, 'i>, names: &[&str]) -> Node<'a, 'i> {
    for n in names {
        node = child(node, n);
    }
    node
}

// ----- (1) golden files -----

/// Compares the output with its golden file; `UPDATE_GOLDEN=1` rewrites the file.
fn golden_tei(case: (&str, &str)) {
    let (_, _, out) = emit(case);
    golden(&format!("tei/{}.tei.xml", case.1), &out.bytes);
}

#[test]
fn golden_first_article() {
    golden_tei(FIRST);
}

#[test]
fn golden_kitchen_sink() {
    golden_tei(SINK);
}

// ----- (2) facts read back -----

#[test]
fn first_article_facts() {
    let (_, _, out) = emit(FIRST);
    let doc = parse(utf8(&out)).expect("well-formed XML");
    let tei = doc.root_element();
    assert!(is(tei, "TEI"));
    assert_eq!(tei.attribute((XML_NS, "lang")), Some("en"));

    let persons: BTreeMap<&str, Node> = tei
        .descendants()
        .filter(|n| is(*n, "person"))
        .map(|p| (p.attribute((XML_NS, "id")).unwrap(), p))
        .collect();
    let title_stmt = path(tei, &["teiHeader", "fileDesc", "titleStmt"]);

    // Niu Jun: an author, pointing at a person with his name in both scripts.
    let authors: Vec<_> = title_stmt.children().filter(|n| is(*n, "author")).collect();
    assert_eq!(authors.len(), 1, "one author");
    assert_eq!(text_of(authors[0]), "Niu Jun");
    let r = authors[0].attribute("ref").expect("author/@ref");
    let niu = persons[r.strip_prefix('#').unwrap()];
    let names: Vec<(Option<&str>, String)> = niu
        .children()
        .filter(|n| is(*n, "persName"))
        .map(|n| (n.attribute((XML_NS, "lang")), text_of(n)))
        .collect();
    assert_eq!(
        names,
        [
            (None, "Niu Jun".to_string()),
            (Some("zh-Hans"), "牛军".to_string())
        ]
    );
    let latin = niu.children().find(|n| is(*n, "persName")).unwrap();
    let parts: Vec<&str> = latin
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(parts, ["surname", "forename"], "family name first");
    assert_eq!(child(niu, "birth").attribute("when"), Some("1954"));
    let aff = text_of(child(niu, "affiliation"));
    assert_eq!(aff, "Research Fellow, Institute of American Studies, CASS");
    let address = niu
        .descendants()
        .find(|n| is(*n, "address"))
        .expect("address");
    assert_eq!(text_of(child(address, "street")), "#5 Jianguomennei Dajie");
    assert_eq!(text_of(child(address, "settlement")), "Beijing");
    assert_eq!(text_of(child(address, "postCode")), "100005");
    assert_eq!(text_of(child(address, "country")), "China");

    // Huang Jue translated and Su Xuetao revised: respStmts, not authors.
    let resps: Vec<(String, &str)> = title_stmt
        .children()
        .filter(|n| is(*n, "respStmt"))
        .map(|rs| {
            let name = child(rs, "persName");
            (text_of(child(rs, "resp")), name.attribute("ref").unwrap())
        })
        .collect();
    assert_eq!(
        resps,
        [
            ("translated by".to_string(), "#huang-jue"),
            ("revised by".to_string(), "#su-xuetao")
        ]
    );
    for id in ["huang-jue", "su-xuetao"] {
        assert!(persons.contains_key(id), "{id} has a person entry");
    }
    assert_eq!(
        persons.len(),
        3,
        "only the article's contributors are listed"
    );

    // The original publication, structured, in the source description.
    let source = path(tei, &["teiHeader", "fileDesc", "sourceDesc"]);
    let original = source
        .descendants()
        .find(|n| is(*n, "relatedItem") && n.attribute("type") == Some("original"))
        .map(|n| child(n, "biblStruct"))
        .expect("relatedItem type=original with a biblStruct");
    let monogr = child(original, "monogr");
    let journal = child(monogr, "title");
    assert_eq!(journal.attribute("level"), Some("j"));
    assert_eq!(text_of(journal), "Zhongguo shehui kexue");
    let date = path(monogr, &["imprint", "date"]);
    assert_eq!(date.attribute("when"), Some("1996"));
    let issue = monogr
        .children()
        .find(|n| is(*n, "biblScope") && n.attribute("unit") == Some("issue"))
        .expect("biblScope unit=issue");
    assert_eq!(text_of(issue), "2");
    let lang = path(original, &["analytic", "textLang"]);
    assert_eq!(lang.attribute("mainLang"), Some("zh"));
    let original_author = path(original, &["analytic", "author"]);
    assert_eq!(original_author.attribute("ref"), Some("#niu-jun"));
    // …and the English printing's place: the journal.
    let printed = source.first_element_child().unwrap();
    let printed_journal = printed
        .children()
        .find(|n| is(*n, "title") && n.attribute("level") == Some("j"))
        .expect("the printing's journal title");
    assert_eq!(text_of(printed_journal), "Social Sciences in China");

    // Languages used.
    let langs: Vec<&str> = path(tei, &["teiHeader", "profileDesc", "langUsage"])
        .children()
        .filter(|n| is(*n, "language"))
        .map(|n| n.attribute("ident").unwrap())
        .collect();
    assert_eq!(langs, ["en", "zh", "zh-Hans"]);

    // Five sections, I to V, with 4, 3, 4, 6 and 6 paragraphs.
    let body = path(tei, &["text", "body"]);
    let divs: Vec<_> = body.children().filter(|n| is(*n, "div")).collect();
    let labels: Vec<&str> = divs.iter().map(|d| d.attribute("n").unwrap()).collect();
    assert_eq!(labels, ["I", "II", "III", "IV", "V"]);
    for d in &divs {
        assert_eq!(text_of(child(*d, "head")), d.attribute("n").unwrap());
    }
    let counts: Vec<usize> = divs
        .iter()
        .map(|d| d.children().filter(|n| is(*n, "p")).count())
        .collect();
    assert_eq!(counts, [4, 3, 4, 6, 6]);

    // The translation note, kept as printed.
    let notes: Vec<String> = tei
        .descendants()
        .filter(|n| is(*n, "div") && n.attribute("type") == Some("notes"))
        .flat_map(|d| d.children().filter(|n| is(*n, "note")).map(text_of))
        .collect();
    assert_eq!(
        notes,
        [
            "—Translated by Huang Jue from Zhongguo shehui kexue, 1996, no. 2",
            "Revised by Su Xuetao"
        ]
    );
}

#[test]
fn kitchen_sink_facts() {
    let (_, article, out) = emit(SINK);
    let doc = parse(utf8(&out)).expect("well-formed XML");
    let tei = doc.root_element();
    let xml_id = (XML_NS, "id");

    // Every xml:id is unique and every local pointer resolves.
    let mut ids = BTreeSet::new();
    for n in tei.descendants().filter(|n| n.is_element()) {
        if let Some(id) = n.attribute(xml_id) {
            assert!(ids.insert(id), "duplicate xml:id {id}");
        }
    }
    for n in tei.descendants().filter(|n| n.is_element()) {
        for attr in ["ref", "target"] {
            // A pointer list: a citation or cross-reference may point at several.
            let pointers = n.attribute(attr).unwrap_or("").split_whitespace();
            for t in pointers.filter_map(|t| t.strip_prefix('#')) {
                assert!(ids.contains(t), "@{attr}=#{t} points nowhere");
            }
        }
    }

    // Footnotes: once each, numbered, pointed at from the text.
    let footnotes: Vec<_> = tei
        .descendants()
        .filter(|n| is(*n, "note") && n.attribute("place") == Some("foot"))
        .collect();
    assert_eq!(footnotes.len(), article.footnotes.len());
    for (i, (note, f)) in footnotes.iter().zip(&article.footnotes).enumerate() {
        assert_eq!(note.attribute(xml_id), Some(f.id.as_str()));
        assert_eq!(note.attribute("n"), Some((i + 1).to_string().as_str()));
        let target = format!("#{}", f.id);
        assert!(
            tei.descendants()
                .any(|n| is(n, "ptr") && n.attribute("target") == Some(target.as_str())),
            "no pointer to {target}"
        );
    }

    // Citations: a bibl per group holding the style's brackets and separators as text,
    // each reference's text in a ref pointing at it, the locator as citedRange.
    let first_p = path(tei, &["text", "body", "p"]);
    let cite = first_p
        .children()
        .find(|n| is(*n, "bibl"))
        .expect("citation");
    let parts: Vec<(&str, String)> = cite
        .children()
        .map(|n| {
            (
                n.tag_name().name(),
                n.attribute("target").unwrap_or("").to_string()
                    + &n.text()
                        .filter(|_| n.is_text())
                        .map_or_else(|| text_of(n), str::to_string),
            )
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        parts,
        [
            ("", s("(")),
            ("ref", s("#shen1995Shen 1995")),
            ("", s(", ")),
            ("citedRange", s("#shen1995p. 12")),
            ("", s("; ")),
            (
                "ref",
                s("#zhang2001Zhang and Central Committee of the CPC 2001")
            ),
            ("", s(")")),
        ]
    );

    // Every reference is a biblStruct with its CSL type; one known only as printed is a
    // `bibl` holding its printed form (`references.rs` reads it).
    let refs: Vec<(&str, &str)> = tei
        .descendants()
        .filter(|n| is(*n, "listBibl"))
        .flat_map(|l| l.children().filter(|n| n.is_element()))
        .map(|b| {
            assert!(is(b, "biblStruct") || is(b, "bibl"));
            (b.attribute(xml_id).unwrap(), b.attribute("type").unwrap())
        })
        .collect();
    assert_eq!(
        refs,
        [
            ("shen1995", "book"),
            ("zhang2001", "article-journal"),
            ("web2020", "webpage"),
            ("ch2000", "chapter"),
            ("liu19", "book"),
            ("archive-note", "manuscript")
        ]
    );

    // The corresponding author, CRediT roles, the editor, and the funder with its grant.
    let title_stmt = path(tei, &["teiHeader", "fileDesc", "titleStmt"]);
    let li = title_stmt.children().find(|n| is(*n, "author")).unwrap();
    assert_eq!(li.attribute("role"), Some("corresponding"));
    assert!(title_stmt.children().any(|n| is(n, "respStmt")
        && n.children().any(|r| is(r, "resp")
            && r.attribute("ref")
                == Some("https://credit.niso.org/contributor-roles/conceptualization/"))));
    assert_eq!(
        child(title_stmt, "editor").attribute("ref"),
        Some("#ed-smith")
    );
    let funder = child(title_stmt, "funder");
    assert_eq!(text_of(child(funder, "idno")), "96BZS012");

    // The licence, and the full contributor entry (ORCID, e-mail, ROR, bio, degree).
    let licence = tei.descendants().find(|n| is(*n, "licence")).unwrap();
    assert_eq!(
        licence.attribute("target"),
        Some("https://creativecommons.org/licenses/by/4.0/")
    );
    let person = tei
        .descendants()
        .find(|n| is(*n, "person") && n.attribute(xml_id) == Some("li-hua"))
        .unwrap();
    let text = text_of(person);
    for fact in [
        "https://orcid.org/0000-0002-1825-0097",
        "li.hua@example.org",
        "PhD",
        "Dongcheng District",
        "diplomacy & treaties <1945–1950>",
    ] {
        assert!(text.contains(fact), "{fact} missing from the person entry");
    }
    assert!(
        person
            .descendants()
            .any(|n| is(n, "orgName") && n.attribute("ref") == Some("https://ror.org/05xjqgd36"))
    );
    let zhao = tei
        .descendants()
        .find(|n| is(*n, "person") && n.attribute(xml_id) == Some("zhao-lei"))
        .unwrap();
    assert!(
        zhao.children()
            .any(|n| is(n, "note") && n.attribute("type") == Some("incomplete"))
    );

    // Hostile text stays text.
    assert!(text_of(first_p).contains("<b>not markup</b> & AT&T ]]>"));
}

// ----- (3) the body's paragraphs, for `invariants.rs` -----

/// The body's paragraphs in a TEI document: the `p`s of `body` and its `div`s, in
/// order, with notes left out (citations and cross-references in, with their text).
pub(crate) fn paragraphs(tei: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(tei).expect("UTF-8");
    let doc = parse(text).expect("well-formed XML");
    let body = path(doc.root_element(), &["text", "body"]);
    // The body's, then the appendices' (`back/div type="appendix"`).
    let apps = doc
        .root_element()
        .descendants()
        .filter(|n| is(*n, "div") && n.attribute("type") == Some("appendix"));
    // Then the sub-articles' blocks (`back/div/div type="body"`).
    let subs = doc
        .root_element()
        .descendants()
        .filter(|n| is(*n, "div") && n.attribute("type") == Some("body"));
    std::iter::once(body)
        .chain(apps)
        .chain(subs)
        .flat_map(|root| root.descendants())
        .filter(|n| is(*n, "p") && n.parent().is_some_and(|p| is(p, "div") || is(p, "body")))
        .map(|p| text_without(p, |c| is(c, "note") || is(c, "formula")))
        .collect()
}

// ----- what is reported -----

#[test]
fn missing_publisher_is_reported_and_little_is_lost() {
    let (_, _, first) = emit(FIRST);
    assert!(first.losses.is_empty(), "{:?}", first.losses);
    let codes: Vec<(&str, InputFile, &str)> = first
        .missing
        .iter()
        .map(|m| (m.code.as_str(), m.file, m.pointer.as_str()))
        .collect();
    assert_eq!(
        codes,
        [(
            "missing.tei.publisher",
            InputFile::Issue,
            "/journal/publisher"
        )]
    );
    // The prose statement written instead is galley's English, marked as such.
    let doc = parse(std::str::from_utf8(&first.bytes).unwrap()).unwrap();
    let stmt = doc
        .descendants()
        .find(|n| n.has_tag_name("publicationStmt"))
        .expect("publicationStmt");
    let p = stmt.children().find(|c| c.has_tag_name("p")).expect("a p");
    assert!(text_of(p).ends_with("the source does not name the publisher."));
    assert_eq!(p.attribute((XML_NS, "lang")), Some("en"));
    let (_, _, sink) = emit(SINK);
    // Who assigned the kitchen sink's publisher id (front.rs checks it), the headings
    // given in `titles` for parts TEI gives no head, and the MathML of its formulas
    // (formulas.rs checks it).
    let lost: Vec<(&str, &str)> = sink
        .losses
        .iter()
        .map(|l| (l.code.as_str(), l.pointer.as_str()))
        .filter(|(c, _)| *c != "loss.tei.mathml")
        .collect();
    assert_eq!(
        lost,
        [
            ("loss.tei.id-authority", "/ids/1/authority"),
            ("loss.tei.title", "/titles/abstract"),
            ("loss.tei.title", "/titles/keywords"),
            ("loss.tei.title", "/titles/funding"),
            ("loss.tei.title", "/titles/contributors"),
        ],
        "{:?}",
        sink.losses
    );
    assert!(sink.missing.is_empty(), "{:?}", sink.missing);
}

#[test]
fn an_empty_body_cannot_be_written() {
    let issue = load(SINK.0);
    let mut article = issue.article(SINK.1).clone();
    article.body.clear();
    assert!(matches!(
        emit_article(&issue, SINK.1, &article),
        Err(EmitError::Unwritable(_))
    ));
}

// ----- (5) the official schema -----

/// Runs `tei_all` on each document.
fn check_tei(docs: &[(&str, &[u8])]) {
    let outputs: Vec<(&str, String, &[u8])> = docs
        .iter()
        .map(|(name, bytes)| ("--tei", format!("{name}.tei.xml"), *bytes))
        .collect();
    let report = official_check_outputs(&outputs);
    assert!(report.contains("PASS  TEI RNG"), "{report}");
}

#[test]
fn official_validator_rejects_an_element_tei_all_does_not_allow() {
    let (_, _, first) = emit(FIRST);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.tei.xml");
    let tei = utf8(&first).replacen("<teiHeader>", "<teiHeader><bogus/>", 1);
    std::fs::write(&path, tei).unwrap();
    let report = official_rejection(&[("--tei", path.as_path())]);
    assert!(report.contains("FAIL  TEI RNG"), "{report}");
    assert!(report.contains("\"bogus\" not allowed"), "{report}");
}

/// Shapes the fixtures do not have but the model allows: blocks after a nested section,
/// a body of figures only, a person id equal to an article id, a description with no
/// imprint facts, and references without a container or with names only.
#[test]
fn edge_shapes_are_valid_tei_all() {
    let issue = load(SINK.0);
    let mut base = issue.article(SINK.1).clone();
    // The sub-articles' figures are not among this test's images.
    base.sub_articles.clear();
    let p = |s: &str| Block::P(Text::new(s));

    // A paragraph after the last section, and after a nested section.
    let mut trailing = base.clone();
    trailing.body.push(p("After the sections."));
    if let Some(Block::Section(s)) = trailing.body.get_mut(1) {
        s.content.push(p("After the nested section."));
    }
    // A section with neither label nor title, holding only a figure.
    let figure = base
        .body
        .iter()
        .flat_map(|b| match b {
            Block::Section(s) => s.content.clone(),
            _ => Vec::new(),
        })
        .find_map(|b| match b {
            Block::Figure(f) => Some(f),
            _ => None,
        })
        .expect("a figure in the kitchen sink");
    let figure = Block::Figure(Figure {
        id: Id("fig-copy".into()),
        ..figure
    });
    trailing.body.push(Block::Section(Section {
        sec_type: None,
        id: None,
        label: None,
        title: None,
        content: vec![figure.clone()],
    }));
    // A footnote whose id is a contributor's id.
    trailing.footnotes.push(Footnote {
        id: Id("li-hua".into()),
        text: Text::new("A note sharing an id with a person."),
    });
    trailing.body.push(p("A note[^li-hua]."));
    // References: one without imprint facts, one with only an editor.
    let mut bare = base.references[0].clone();
    bare.id = Id("bare".into());
    bare.issued = None;
    bare.publisher = None;
    bare.publisher_place = None;
    bare.edition = None;
    trailing.references.push(bare);
    let mut editor_only = base.references[0].clone();
    editor_only.id = Id("editor-only".into());
    editor_only.author.clear();
    editor_only.title = None;
    editor_only.isbn = None;
    trailing.references.push(editor_only);
    let trailing_out = emit_article(&issue, SINK.1, &trailing).expect("emitted");
    let xml = utf8(&trailing_out);
    assert!(
        xml.contains("<person xml:id=\"person.li-hua\">"),
        "clashing person id is prefixed"
    );
    assert!(xml.contains("<author ref=\"#person.li-hua\""));

    // A body of figures only, with no journal facts beyond the title.
    let mut figures = base.clone();
    figures.body = vec![figure];
    let mut thin_issue = load(SINK.0);
    thin_issue.issue.journal.publisher = None;
    thin_issue.issue.issue = Default::default();
    figures.dates = Default::default();
    figures.pages = None;
    figures.elocation = None;
    let figures_out = emit_article(&thin_issue, SINK.1, &figures).expect("emitted");
    assert_eq!(figures_out.missing.len(), 1);

    check_tei(&[
        ("trailing", &trailing_out.bytes),
        ("figures", &figures_out.bytes),
    ]);
}
