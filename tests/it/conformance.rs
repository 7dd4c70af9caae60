//! JATS4R and PMC conformance: the rules of `support::rules` (run over every JATS the
//! tests build, through `official_check`) accept galley's outputs and reject, one rule
//! at a time, a JATS changed by hand to break it; the facts a rule needs and the YAML
//! lacks are reported as `missing.jats.*`.

use crate::support::rules::{RULES, findings};
use crate::support::{FIRST, KITCHEN_SINK, root};

/// The kitchen sink's golden JATS.
fn sink() -> String {
    std::fs::read_to_string(root().join("tests/golden/jats/kitchen-sink.jats.xml"))
        .expect("the kitchen sink's golden JATS")
}

#[test]
fn goldens_pass_every_rule() {
    for slug in [KITCHEN_SINK.1, FIRST.1] {
        let path = root().join(format!("tests/golden/jats/{slug}.jats.xml"));
        let xml = std::fs::read_to_string(&path).expect("golden");
        assert_eq!(findings(&xml), Vec::<String>::new(), "{}", path.display());
    }
}

/// `xml` with `from` replaced once by `to` (which must be there).
fn mutated(xml: &str, from: &str, to: &str) -> String {
    assert!(xml.contains(from), "the golden has no {from:?}");
    xml.replacen(from, to, 1)
}

/// Each rule, and a hand-made change of the kitchen sink's JATS it must reject.
const MUTATIONS: &[(&str, &str, &str)] = &[
    ("jats4r.sec-title", "<title>II</title>", "<label>II</label>"),
    (
        "jats4r.permissions",
        "<ali:license_ref>https://creativecommons.org/licenses/by/4.0/</ali:license_ref>",
        "",
    ),
    (
        "jats4r.funding",
        "<principal-award-recipient>\n            <contrib-id contrib-id-type=\"orcid\">https://orcid.org/0000-0002-1825-0097</contrib-id>\n            <name name-style=\"eastern\">",
        "<principal-award-recipient>\n            <contrib-id contrib-id-type=\"orcid\">https://orcid.org/0000-0002-1825-0097</contrib-id>\n            <string-name>Li Hua</string-name>\n            <name name-style=\"eastern\">",
    ),
    (
        "jats4r.credit",
        "vocab-term-identifier=\"https://credit.niso.org/contributor-roles/conceptualization/\"",
        "vocab-term-identifier=\"https://credit.niso.org/contributor-roles/concept/\"",
    ),
    (
        "jats4r.authors-affiliations",
        "<xref ref-type=\"aff\" rid=\"aff2\">2</xref>",
        "<xref ref-type=\"aff\" rid=\"aff9\">2</xref>",
    ),
    (
        "jats4r.data-availability",
        "<back>",
        "<back><ack><sec sec-type=\"data-availability\"><title>Data</title><p>Here.</p></sec></ack>",
    ),
    (
        "pmc.pub-date",
        "<pub-date date-type=\"pub\" publication-format=\"electronic\" iso-8601-date=\"1996-06-15\">",
        "<pub-date publication-format=\"electronic\" iso-8601-date=\"1996-06-15\">",
    ),
    (
        "pmc.issn",
        "<issn publication-format=\"print\">0252-9203</issn>",
        "<issn>0252-9203</issn>",
    ),
    (
        "pmc.related-article",
        " id=\"translated-from\" xml:lang=\"zh\"",
        " xml:lang=\"zh\"",
    ),
    (
        "pmc.abstract-sec",
        "<sec>\n          <title>Objetivo</title>",
        "<sec sec-type=\"intro\">\n          <title>Objetivo</title>",
    ),
    (
        "pmc.trans-lang",
        "<trans-title-group xml:lang=\"es\">",
        "<trans-title-group>",
    ),
    (
        "pmc.article-type",
        " article-type=\"research-article\" xml:lang=\"en\">\n  <front>",
        " xml:lang=\"en\">\n  <front>",
    ),
    (
        "elife.graphic-mimetype",
        "<graphic mimetype=\"image\" mime-subtype=\"png\" xlink:href=\"images/graphical.png\">",
        "<graphic xlink:href=\"images/graphical.png\">",
    ),
];

#[test]
fn every_rule_rejects_its_mutation() {
    let xml = sink();
    for rule in RULES {
        let (_, from, to) = MUTATIONS
            .iter()
            .find(|(name, _, _)| *name == rule.name)
            .unwrap_or_else(|| panic!("no mutation for {}", rule.name));
        let found = findings(&mutated(&xml, from, to));
        assert!(
            found
                .iter()
                .any(|f| f.starts_with(&format!("{}: ", rule.name))),
            "{} accepts its mutation; findings: {found:#?}",
            rule.name
        );
    }
}

/// The journal's `publication_format` is on every `pub-date` of the kitchen sink (and a
/// medium other than PMC's two is refused); the Portuguese fixture's journal does not
/// state it, so its dates go without one and `missing.jats.publication-format` says which
/// key to add.
#[test]
fn pub_dates_carry_the_journal_s_publication_format() {
    let xml = sink();
    let dates: Vec<&str> = xml
        .match_indices("<pub-date ")
        .map(|(i, _)| &xml[i..])
        .collect();
    assert!(
        dates.len() >= 2,
        "the kitchen sink has its own and its issue's date"
    );
    for d in &dates {
        let tag = &d[..d.find('>').unwrap_or(d.len())];
        assert!(tag.contains("publication-format=\"electronic\""), "{tag}");
    }
    let online = mutated(
        &xml,
        "publication-format=\"electronic\" iso-8601-date",
        "publication-format=\"online\" iso-8601-date",
    );
    assert!(
        findings(&online)
            .iter()
            .any(|f| f.starts_with("pmc.pub-date: ")),
        "a pub-date in `online` format is accepted"
    );
    let out = crate::support::galley()
        .args([
            "validate",
            "tests/fixtures/valid/pt-article",
            "--format",
            "json",
        ])
        .output()
        .expect("galley runs");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("missing.jats.publication-format"),
        "no missing.jats.publication-format for the Portuguese article: {report}"
    );
}

/// The languages fixture's Chinese article, whose title is also given romanised
/// (`lang: zh-Latn-pinyin`).
const LUNWEN: (&str, &str) = ("tests/fixtures/valid/languages", "lunwen");

#[test]
fn a_romanised_title_keeps_its_script_subtag_in_every_output() {
    use galley::emit::Format;
    use galley_dev::xml::{XML_NS, language, parse, text_of};
    let issue = crate::support::load(LUNWEN.0);
    let tag = "zh-Latn-pinyin";
    let romanised = |xml: &str, attr_ns: bool| -> Vec<String> {
        let doc = parse(xml).expect("well-formed");
        doc.descendants()
            .filter(|n| {
                let lang = if attr_ns {
                    n.attribute((XML_NS, "lang"))
                } else {
                    language(*n)
                };
                lang == Some(tag)
            })
            .map(|n| text_of(n).trim().to_string())
            .collect()
    };
    let jats = issue.emit_slug(Format::Jats, LUNWEN.1);
    let jats = crate::support::utf8(&jats);
    assert!(
        jats.contains("<trans-title-group xml:lang=\"zh-Latn-pinyin\">"),
        "{jats}"
    );
    assert_eq!(romanised(jats, true), ["Ceshi lunwen"]);
    let tei = issue.emit_slug(Format::Tei, LUNWEN.1);
    assert_eq!(
        romanised(crate::support::utf8(&tei), true),
        ["Ceshi lunwen"]
    );
    let epub = issue.emit_slug(Format::Epub, LUNWEN.1);
    let epub = galley_dev::epub::Epub::read(epub.bytes.clone()).expect("an EPUB");
    let mut in_xhtml = Vec::new();
    for (_, bytes) in epub.xhtml() {
        let xml = std::str::from_utf8(bytes).expect("UTF-8");
        let doc = parse(xml).expect("well-formed");
        for n in doc
            .descendants()
            .filter(|n| n.attribute("lang") == Some(tag))
        {
            assert_eq!(
                n.attribute((XML_NS, "lang")),
                Some(tag),
                "lang and xml:lang"
            );
            in_xhtml.push(text_of(n).trim().to_string());
        }
    }
    assert!(in_xhtml.iter().any(|t| t == "Ceshi lunwen"), "{in_xhtml:?}");
    let opf = epub.opf();
    assert!(opf.contains("xml:lang=\"zh-Latn-pinyin\""), "{opf}");
}

#[test]
fn the_stylesheet_draws_romanised_cjk_languages_as_latin() {
    let css = galley::emit::xhtml::CSS;
    for lang in ["zh", "ja", "ko"] {
        let plain = format!(":lang({lang})");
        let guarded = format!(":lang({lang}):not(:lang({lang}-Latn))");
        // Every CJK selector leaves out the language written in Latin script ...
        assert_eq!(
            css.matches(&plain).count(),
            css.matches(&guarded).count(),
            "a :lang({lang}) selector also matches {lang}-Latn"
        );
        // ... and the Latin-script tag gets the Latin faces back inside CJK text.
        let rule = format!(":lang({lang}-Latn)");
        assert!(css.contains(&rule), "no rule for {lang}-Latn");
    }
    let latin = css
        .split(":lang(zh-Latn), :lang(ja-Latn), :lang(ko-Latn) {")
        .nth(1)
        .and_then(|r| r.split('}').next())
        .expect("the Latin-script rule");
    assert!(latin.contains("font-family: \"Noto Serif\""), "{latin}");
    assert!(!latin.contains("CJK"), "{latin}");
}
