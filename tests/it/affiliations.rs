//! Affiliations as printed beside their structured parts (the kitchen sink's
//! `contributors.yaml`), read back from the JATS, the TEI and the EPUB: the printed text
//! word for word, each part tagged where it stands, or both forms side by side when the
//! printed text does not hold the parts, and the losses EPUB reports.

use galley::emit::Format;
use galley_dev::epub::Epub;
use galley_dev::xml::{parse, text_of};
use roxmltree::{Document, Node};

use crate::support::{KITCHEN_SINK, load, utf8};

const ONLY_PRINTED: &str = "Centro de Estudos Asiáticos, USP – São Paulo (Brasil)";
const IN_PLACE: &str =
    "Fujian Normal University, School of Social Development; Fuzhou, Fujian, China";
const ALTERNATIVE: &str = "北京大学经济学院";

/// The text of a node without the text of its `label` and `institution-id` children.
fn printed_text(n: Node<'_, '_>) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .filter(|d| {
            !d.ancestors()
                .any(|a| a.has_tag_name("label") || a.has_tag_name("institution-id"))
        })
        .filter_map(|d| d.text())
        .collect()
}

/// The element named `name` whose printed text is `text`.
fn with_text<'a, 'i>(doc: &'a Document<'i>, name: &str, text: &str) -> Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.has_tag_name(name) && printed_text(*n) == text)
        .unwrap_or_else(|| panic!("no <{name}> reading “{text}”"))
}

/// The elements inside `n` as (name, first attribute value, text with white space
/// runs made one space).
fn tagged(n: Node<'_, '_>) -> Vec<(String, String, String)> {
    n.descendants()
        .skip(1)
        .filter(|c| c.is_element())
        .map(|c| {
            let attr = c.attributes().map(|a| a.value().to_string()).next();
            (
                c.tag_name().name().to_string(),
                attr.unwrap_or_default(),
                text_of(c).split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect()
}

fn owned(v: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    v.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn jats_holds_the_printed_form_with_the_parts_tagged_in_place() {
    let issue = load(KITCHEN_SINK.0);
    let jats = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(utf8(&jats)).expect("JATS");

    let only = with_text(&doc, "aff", ONLY_PRINTED);
    assert_eq!(
        tagged(only),
        owned(&[
            ("label", "", "3"),
            ("institution-wrap", "", "https://ror.org/036rp1748"),
            ("institution-id", "ror", "https://ror.org/036rp1748"),
        ])
    );

    let in_place = with_text(&doc, "aff", IN_PLACE);
    assert_eq!(
        tagged(in_place),
        owned(&[
            ("label", "", "4"),
            ("institution", "", "Fujian Normal University"),
            ("institution", "dept", "School of Social Development"),
            ("city", "", "Fuzhou"),
            ("state", "", "Fujian"),
            ("country", "CN", "China"),
        ])
    );

    // Parts the printed form does not hold: both forms, one id.
    let printed = with_text(&doc, "aff", ALTERNATIVE);
    assert_eq!(printed.attribute("content-type"), Some("printed"));
    let alts = printed.parent().expect("a parent");
    assert!(alts.has_tag_name("aff-alternatives"));
    let id = alts.attribute("id").expect("an id");
    let structured = alts
        .children()
        .find(|c| c.has_tag_name("aff") && c.attribute("content-type").is_none())
        .expect("the structured aff");
    assert_eq!(
        tagged(structured),
        owned(&[
            ("label", "", "5"),
            (
                "institution-wrap",
                "",
                "School of Economics Peking University"
            ),
            ("institution", "dept", "School of Economics"),
            ("institution", "", "Peking University"),
        ])
    );
    // Wang Fang's contrib points at both of hers.
    let wang = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("contrib")
                && n.descendants()
                    .any(|s| s.has_tag_name("surname") && s.text() == Some("Wang"))
        })
        .expect("Wang Fang's contrib");
    let rids: Vec<&str> = wang
        .children()
        .filter(|c| c.has_tag_name("xref"))
        .filter_map(|c| c.attribute("rid"))
        .collect();
    assert_eq!(rids, [in_place.attribute("id").unwrap(), id]);
}

#[test]
fn tei_holds_the_printed_form_with_the_parts_tagged_in_place() {
    let issue = load(KITCHEN_SINK.0);
    let tei = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(utf8(&tei)).expect("TEI");

    let only = with_text(&doc, "affiliation", ONLY_PRINTED);
    assert_eq!(only.attribute("ref"), Some("https://ror.org/036rp1748"));
    assert!(tagged(only).is_empty());

    let in_place = with_text(&doc, "affiliation", IN_PLACE);
    assert_eq!(
        tagged(in_place),
        owned(&[
            ("orgName", "institution", "Fujian Normal University"),
            ("orgName", "department", "School of Social Development"),
            ("settlement", "", "Fuzhou"),
            ("region", "", "Fujian"),
            ("country", "CN", "China"),
        ])
    );

    let orig = doc
        .descendants()
        .find(|n| n.has_tag_name("orig") && text_of(*n) == ALTERNATIVE)
        .expect("the printed form as orig");
    let choice = orig.parent().expect("choice");
    assert!(choice.has_tag_name("choice"));
    assert!(
        choice
            .parent()
            .is_some_and(|p| p.has_tag_name("affiliation"))
    );
    let reg = choice
        .children()
        .find(|c| c.has_tag_name("reg"))
        .expect("reg");
    assert_eq!(
        tagged(reg),
        owned(&[
            ("orgName", "department", "School of Economics"),
            ("orgName", "institution", "Peking University"),
        ])
    );
}

#[test]
fn the_epub_prints_the_printed_form_as_it_is_and_reports_what_it_lacks() {
    let issue = load(KITCHEN_SINK.0);
    let e = issue.emit_slug(Format::Epub, KITCHEN_SINK.1);
    let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
    let all: String = epub
        .xhtml()
        .map(|(_, b)| {
            let doc = parse(std::str::from_utf8(b).expect("UTF-8")).expect("XHTML");
            text_of(doc.root_element())
        })
        .collect();
    for printed in [ONLY_PRINTED, IN_PLACE, ALTERNATIVE] {
        assert!(all.contains(printed), "no “{printed}” in the EPUB");
    }
    // Never rewritten into galley's own order.
    assert!(!all.contains("School of Social Development, Fujian Normal University"));
    assert!(!all.contains("School of Economics"));
    let mut lost: Vec<(&str, &str)> = e
        .losses
        .iter()
        .filter(|l| l.code == "loss.epub.affiliation-part")
        .map(|l| (l.pointer.as_str(), l.code.as_str()))
        .collect();
    lost.sort();
    let wang = issue
        .contributors
        .contributors
        .iter()
        .position(|c| c.id.as_str() == "wang-fang")
        .expect("wang-fang");
    let department = format!("/contributors/{wang}/affiliations/1/department");
    let institution = format!("/contributors/{wang}/affiliations/1/institution");
    assert_eq!(
        lost,
        [
            (department.as_str(), "loss.epub.affiliation-part"),
            (institution.as_str(), "loss.epub.affiliation-part"),
        ]
    );
}

const CREDITED: &str =
    "With the support of the Archives of the Ministry of Foreign Affairs, Beijing";

#[test]
fn the_articles_own_affiliations_are_in_jats_linked_to_nobody() {
    let issue = load(KITCHEN_SINK.0);
    let jats = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(utf8(&jats)).expect("JATS");
    let credited = with_text(&doc, "aff", CREDITED);
    let after_label: String = credited
        .descendants()
        .filter(|d| d.is_text())
        .filter(|d| !d.ancestors().any(|a| a.has_tag_name("label")))
        .filter_map(|d| d.text())
        .collect();
    assert_eq!(after_label, format!("https://ror.org/0example1{CREDITED}"));
    let parts = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("aff")
                && n.children().any(|c| {
                    c.has_tag_name("institution-wrap") && text_of(c).contains("East China")
                })
        })
        .expect("the structured aff");
    for aff in [credited, parts] {
        assert!(
            aff.parent().is_some_and(|p| p.has_tag_name("article-meta")),
            "not in article-meta"
        );
        assert_eq!(aff.attribute("id"), None);
        assert!(!aff.children().any(|c| c.has_tag_name("label")));
    }
    assert_eq!(
        tagged(credited),
        owned(&[
            ("institution-wrap", "", "https://ror.org/0example1"),
            ("institution-id", "ror", "https://ror.org/0example1"),
            (
                "institution",
                "",
                "Archives of the Ministry of Foreign Affairs"
            ),
            ("city", "", "Beijing"),
        ])
    );
    assert_eq!(
        tagged(parts),
        owned(&[
            (
                "institution-wrap",
                "",
                "Centre for Cold War Studies East China Normal University"
            ),
            ("institution", "dept", "Centre for Cold War Studies"),
            ("institution", "", "East China Normal University"),
            ("city", "", "Shanghai"),
            ("country", "", "China"),
        ])
    );
    // After the contrib-group, and no xref points at them.
    let meta: Vec<&str> = credited
        .parent()
        .expect("article-meta")
        .children()
        .filter(|c| c.is_element())
        .map(|c| c.tag_name().name())
        .collect();
    let group = meta
        .iter()
        .position(|n| *n == "contrib-group")
        .expect("contrib-group");
    assert_eq!(&meta[group + 1..group + 3], ["aff", "aff"]);
}

/// The `p` of an `org`.
fn p<'a, 'i>(o: Node<'a, 'i>) -> Node<'a, 'i> {
    o.children().find(|c| c.has_tag_name("p")).expect("p")
}

#[test]
fn the_articles_own_affiliations_are_organisations_in_tei() {
    let issue = load(KITCHEN_SINK.0);
    let tei = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(utf8(&tei)).expect("TEI");
    let list = doc
        .descendants()
        .find(|n| n.has_tag_name("listOrg"))
        .expect("listOrg");
    assert!(list.parent().is_some_and(|p| p.has_tag_name("particDesc")));
    let orgs: Vec<Node> = list.children().filter(|c| c.has_tag_name("org")).collect();
    assert_eq!(orgs.len(), 2);
    assert_eq!(text_of(p(orgs[0])), CREDITED);
    assert_eq!(
        tagged(p(orgs[0])),
        owned(&[
            (
                "orgName",
                "institution",
                "Archives of the Ministry of Foreign Affairs"
            ),
            ("settlement", "", "Beijing"),
        ])
    );
    let inst = p(orgs[0])
        .children()
        .find(|c| c.has_tag_name("orgName"))
        .expect("orgName");
    assert_eq!(inst.attribute("ref"), Some("https://ror.org/0example1"));
    assert_eq!(
        tagged(p(orgs[1])),
        owned(&[
            ("orgName", "department", "Centre for Cold War Studies"),
            ("orgName", "institution", "East China Normal University"),
            ("address", "", "ShanghaiChina"),
            ("settlement", "", "Shanghai"),
            ("country", "", "China"),
        ])
    );
}

#[test]
fn the_articles_own_affiliations_are_on_the_epub_title_page() {
    let issue = load(KITCHEN_SINK.0);
    let e = issue.emit_slug(Format::Epub, KITCHEN_SINK.1);
    let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
    let line = epub
        .xhtml()
        .find_map(|(_, b)| {
            let doc = parse(std::str::from_utf8(b).expect("UTF-8")).expect("XHTML");
            doc.descendants()
                .find(|n| n.has_tag_name("p") && n.attribute("class") == Some("affiliations"))
                .map(|n| {
                    assert!(
                        n.ancestors()
                            .any(|a| a.attribute("class") == Some("title-page"))
                    );
                    text_of(n)
                })
        })
        .expect("the affiliations line");
    assert_eq!(
        line,
        format!(
            "{CREDITED}; Centre for Cold War Studies, East China Normal University (Shanghai, China)"
        )
    );
    let lost: Vec<&str> = e
        .losses
        .iter()
        .filter(|l| l.pointer.starts_with("/affiliations/"))
        .map(|l| l.pointer.as_str())
        .collect();
    assert_eq!(lost, ["/affiliations/0/ror"]);
}
