//! Reader text galley generates, read back from the outputs: in the article's language
//! (Portuguese, Chinese), in English marked `lang="en"` for a language galley has no
//! text for (Russian), and the headings the YAML's `titles` give, article over issue.

use galley::emit::{Emitted, Format};
use galley_dev::epub::Epub;
use galley_dev::xml::{XML_NS, parse, text_of, text_without};
use roxmltree::Node;

use crate::support::{KITCHEN_SINK, load, utf8};

/// The languages fixture: an issue in Portuguese with articles in pt-BR, ru and zh-CN.
const LANGUAGES: &str = "tests/fixtures/valid/languages";

/// Every XHTML document of an EPUB, as text.
fn epub_documents(e: &Emitted) -> Vec<(String, String)> {
    let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
    epub.xhtml()
        .map(|(n, b)| (n.to_string(), String::from_utf8(b.to_vec()).expect("UTF-8")))
        .collect()
}

/// The texts of the elements of `xml` with no element children (headings, labels,
/// spans), whitespace trimmed.
fn leaf_texts(xml: &str) -> Vec<String> {
    let doc = parse(xml).expect("well-formed");
    doc.descendants()
        .filter(|n| n.is_element() && !n.children().any(|c| c.is_element()))
        .map(|n| text_of(n).trim().to_string())
        .collect()
}

/// All the text of `xml` (the stylesheet left out), whitespace runs made one space.
fn all_text(xml: &str) -> String {
    let doc = parse(xml).expect("well-formed");
    text_without(doc.root_element(), |n| n.has_tag_name("style"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The language in force at `n`: its own or its nearest ancestor's `lang` (and, in an
/// EPUB's XHTML, the same `xml:lang`).
fn lang_at(n: Node<'_, '_>, xml_lang_too: bool) -> Option<String> {
    let a = n.ancestors().find(|a| a.attribute("lang").is_some())?;
    let lang = a.attribute("lang")?.to_string();
    if xml_lang_too {
        assert_eq!(
            a.attribute((XML_NS, "lang")),
            Some(lang.as_str()),
            "lang and xml:lang differ on <{}>",
            a.tag_name().name()
        );
    }
    Some(lang)
}

#[test]
fn a_portuguese_article_reads_in_portuguese() {
    let issue = load(LANGUAGES);
    let epub = issue.emit_slug(Format::Epub, "artigo");
    let html = issue.emit_slug(Format::Html, "artigo");
    let mut texts: Vec<String> = epub_documents(&epub)
        .iter()
        .map(|(_, x)| all_text(x))
        .collect();
    texts.push(all_text(utf8(&html)));
    let joined = texts.join("\n");
    for expected in [
        "Resumo",
        "Palavras-chave:",
        "Agradecimentos",
        "Financiamento",
        "Notas",
        // The article's `titles.references` replaces galley's "Referências".
        "Referências bibliográficas",
        "Sobre os colaboradores",
        "Autor correspondente: Ana Silva.",
        "Traduzido por João Souza.",
        "Traduzido do original em espanhol",
        "Recebido em 12 de março de 2023; aceito em novembro de 2023.",
        "Publicado em Revista de Testes, v. 3, n. 1, 1 de março de 2024.",
        "(impresso)",
        "Fundação de Teste, processo 2023/0001.",
        "Costa e Lima 2019",
        "Lima s.d.",
        "Sumário",
        "Folha de rosto",
    ] {
        assert!(joined.contains(expected), "no “{expected}” in:\n{joined}");
    }
    for english in [
        "Abstract",
        "Keywords",
        "References",
        "Received",
        "Notes",
        "Contents",
        "Corresponding",
        "Translated",
        "n.d.",
        " and ",
    ] {
        assert!(
            !joined.contains(english),
            "English “{english}” in:\n{joined}"
        );
    }
}

#[test]
fn a_chinese_article_reads_in_chinese() {
    let issue = load(LANGUAGES);
    let html = all_text(utf8(&issue.emit_slug(Format::Html, "lunwen")));
    for expected in [
        "摘要",
        "关键词：",
        "参考文献",
        "作者简介",
        "收稿日期：1996年3月12日。",
        "王等 1990",
    ] {
        assert!(html.contains(expected), "no “{expected}” in:\n{html}");
    }
}

#[test]
fn a_language_without_entry_gets_english_marked_as_such() {
    let issue = load(LANGUAGES);
    let epub = issue.emit_slug(Format::Epub, "statya");
    let html = issue.emit_slug(Format::Html, "statya");
    let mut documents = epub_documents(&epub);
    documents.push(("index.html".into(), utf8(&html).to_string()));
    let english = [
        "Abstract",
        "References",
        "About the Contributors",
        "Contents",
        "Received",
        "Title page",
    ];
    let mut seen = Vec::new();
    for (name, xml) in &documents {
        let doc = parse(xml).expect("well-formed");
        assert_eq!(doc.root_element().attribute("lang"), Some("ru"), "{name}");
        let is_epub = name.ends_with(".xhtml");
        for n in doc.descendants().filter(|n| n.is_element()) {
            if n.children().any(|c| c.is_element()) {
                continue;
            }
            let text = text_of(n);
            let text = text.trim();
            if let Some(word) = english.iter().find(|w| text == **w) {
                assert_eq!(
                    lang_at(n, is_epub).as_deref(),
                    Some("en"),
                    "{name}: “{text}” is not marked as English"
                );
                seen.push(*word);
            }
        }
    }
    for w in english {
        assert!(seen.contains(&w), "“{w}” not found in the outputs");
    }
    // Dates stay as written (ISO 8601) rather than English; the label's "n.d." is Latin.
    let text = all_text(utf8(&html));
    assert!(text.contains("Received 2023-03-12."), "{text}");
    // TEI: the revision's words are English, marked.
    let tei = issue.emit_slug(Format::Tei, "statya");
    let doc = parse(utf8(&tei)).expect("TEI");
    let change = doc
        .descendants()
        .find(|n| n.has_tag_name("change"))
        .expect("a change");
    assert_eq!(change.attribute((XML_NS, "lang")), Some("en"));
}

#[test]
fn titles_given_in_the_yaml_are_the_headings_article_over_issue() {
    let issue = load(KITCHEN_SINK.0);
    let slug = KITCHEN_SINK.1;
    let jats = issue.emit_slug(Format::Jats, slug);
    let doc = parse(utf8(&jats)).expect("JATS");
    let title_of = |parent: &str| -> Option<String> {
        doc.descendants()
            .find(|n| n.has_tag_name(parent))
            .and_then(|n| n.children().find(|c| c.has_tag_name("title")))
            .map(text_of)
    };
    assert_eq!(title_of("abstract").as_deref(), Some("Summary"));
    assert_eq!(title_of("kwd-group").as_deref(), Some("Index terms:"));
    assert_eq!(title_of("ack").as_deref(), Some("With Thanks"));
    assert_eq!(title_of("fn-group").as_deref(), Some("Notes to the Text"));
    assert_eq!(title_of("ref-list").as_deref(), Some("Works Cited"));
    let lost: Vec<&str> = jats.losses.iter().map(|l| l.pointer.as_str()).collect();
    assert!(lost.contains(&"/titles/funding") && lost.contains(&"/titles/contributors"));

    let tei = issue.emit_slug(Format::Tei, slug);
    let heads = leaf_texts(utf8(&tei));
    for h in ["With Thanks", "Notes to the Text", "Works Cited"] {
        assert!(heads.iter().any(|t| t == h), "no head “{h}” in the TEI");
    }
    let lost: Vec<&str> = tei.losses.iter().map(|l| l.pointer.as_str()).collect();
    assert!(lost.contains(&"/titles/abstract") && lost.contains(&"/titles/keywords"));

    let epub = issue.emit_slug(Format::Epub, slug);
    let texts: Vec<String> = epub_documents(&epub)
        .iter()
        .flat_map(|(_, x)| leaf_texts(x))
        .collect();
    for h in [
        "Summary",
        "Index terms:",
        "With Thanks",
        "Grants & <Support>",
        "Notes to the Text",
        "Works Cited",
        "Notes on Contributors",
    ] {
        assert!(texts.iter().any(|t| t == h), "no heading “{h}” in the EPUB");
    }

    // The article's heading wins over the issue's.
    let mut issue = issue;
    issue.issue.titles.references = Some("Bibliography of the Issue".into());
    issue.issue.titles.notes = None;
    let mut article = issue.article(slug).clone();
    article.titles.notes = None;
    let html = issue.emit(Format::Html, slug, &article).expect("preview");
    let texts = leaf_texts(utf8(&html));
    assert!(texts.iter().any(|t| t == "Works Cited"));
    assert!(!texts.iter().any(|t| t == "Bibliography of the Issue"));
    // Neither gives one for the notes: galley's own heading, in the article's language.
    assert!(texts.iter().any(|t| t == "Notes"));
}
