//! Front matter in several languages reaches every output: each translated title, each
//! further abstract (structured ones with their parts) and each keyword group of the
//! kitchen sink is read back from the JATS, the TEI and the EPUB, with its language.

use galley::emit::Format;
use galley_dev::epub::Epub;
use galley_dev::xml::{language, named, one_line, parse, text_of};
use roxmltree::Node;

use crate::support::{KITCHEN_SINK, load, plain, utf8};

/// The text an abstract must read: its heading, paragraphs, a graphical abstract's
/// caption (and its alternative text, in formats that write it as text), and parts, in
/// order.
fn abstract_words(x: &galley::model::ExtraAbstract, alt_as_text: bool) -> String {
    let mut parts: Vec<String> = x.title.iter().map(plain).collect();
    parts.extend(x.paragraphs.iter().map(plain));
    if let Some(f) = &x.figure {
        parts.extend(f.title.iter().map(plain));
        let caption = f.caption.as_ref().map(|c| c.as_slice()).unwrap_or_default();
        parts.extend(caption.iter().map(plain));
        if alt_as_text {
            parts.extend(f.alt.clone());
        }
        parts.extend(f.credit.iter().map(plain));
    }
    for s in &x.sections {
        parts.push(plain(&s.title));
        parts.extend(s.paragraphs.iter().map(plain));
    }
    one_line(&parts.join(" "))
}

#[test]
fn kitchen_sink_uses_every_front_matter_field() {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    assert!(art.title_translations.iter().any(|t| t.subtitle.is_some()));
    assert!(
        art.abstracts
            .iter()
            .any(|x| x.kind.is_some() && x.lang.is_none())
    );
    assert!(
        art.abstracts
            .iter()
            .any(|x| x.lang.is_some() && !x.sections.is_empty())
    );
    assert!(art.abstracts.iter().any(|x| x.title.is_some()));
    assert!(art.abstracts.iter().any(|x| x.figure.is_some()));
    assert!(art.keyword_groups.iter().any(|g| g.title.is_some()));
    assert!(art.keyword_groups.iter().any(|g| g.title.is_none()));
}

#[test]
fn jats_carries_translated_titles_abstracts_and_keywords() {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed");
    let groups: Vec<Node> = named(doc.root_element(), "trans-title-group").collect();
    assert_eq!(groups.len(), art.title_translations.len());
    for (g, t) in groups.iter().zip(&art.title_translations) {
        assert_eq!(language(*g), Some(t.lang.as_str()));
        let title = named(*g, "trans-title").next().expect("trans-title");
        assert_eq!(text_of(title), plain(&t.title));
        let sub = named(*g, "trans-subtitle").next().map(text_of);
        assert_eq!(sub, t.subtitle.as_ref().map(plain));
    }
    // Every further abstract: `abstract` (after the article's own) in the article's
    // language, `trans-abstract` in another, with its type and its words in order.
    // (In `article-meta`: a sub-article's abstract is in its own `front-stub`.)
    let meta = named(doc.root_element(), "article-meta")
        .next()
        .expect("article-meta");
    let own: Vec<Node> = named(meta, "abstract").skip(1).collect();
    let trans: Vec<Node> = named(meta, "trans-abstract").collect();
    let (mut oi, mut ti) = (own.iter(), trans.iter());
    for x in &art.abstracts {
        let n = match &x.lang {
            Some(l) if l.as_str() != art.lang.as_str() => {
                let n = *ti.next().expect("a trans-abstract");
                assert_eq!(language(n), Some(l.as_str()));
                n
            }
            _ => *oi.next().expect("an abstract"),
        };
        assert_eq!(n.attribute("abstract-type"), x.kind.map(|k| k.as_str()));
        assert_eq!(one_line(&text_of(n)), abstract_words(x, true));
        assert_eq!(named(n, "sec").count(), x.sections.len());
    }
    assert!(
        oi.next().is_none() && ti.next().is_none(),
        "no abstract more"
    );
    let kwd: Vec<Node> = named(doc.root_element(), "kwd-group")
        .filter(|g| language(*g).is_some())
        .collect();
    assert_eq!(kwd.len(), art.keyword_groups.len());
    for (n, g) in kwd.iter().zip(&art.keyword_groups) {
        assert_eq!(language(*n), Some(g.lang.as_str()));
        let words: Vec<String> = named(*n, "kwd").map(text_of).collect();
        assert_eq!(words, g.keywords);
        assert_eq!(named(*n, "title").next().map(text_of), g.title.clone());
    }
}

#[test]
fn tei_carries_translated_titles_abstracts_and_keywords() {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed");
    let stmt = named(doc.root_element(), "titleStmt")
        .next()
        .expect("titleStmt");
    for t in &art.title_translations {
        let of = |kind: &str| -> Vec<String> {
            stmt.children()
                .filter(|c| c.has_tag_name("title") && c.attribute("type") == Some(kind))
                .filter(|c| language(*c) == Some(t.lang.as_str()))
                .map(text_of)
                .collect()
        };
        assert_eq!(of("main"), vec![plain(&t.title)]);
        assert_eq!(of("sub"), t.subtitle.iter().map(plain).collect::<Vec<_>>());
    }
    let abstracts: Vec<Node> = named(doc.root_element(), "abstract").skip(1).collect();
    assert_eq!(abstracts.len(), art.abstracts.len());
    for (n, x) in abstracts.iter().zip(&art.abstracts) {
        assert_eq!(language(*n), x.lang.as_ref().map(|l| l.as_str()));
        assert_eq!(n.attribute("n"), x.kind.map(|k| k.as_str()));
        assert_eq!(one_line(&text_of(*n)), abstract_words(x, true));
    }
    for g in &art.keyword_groups {
        let n = named(doc.root_element(), "keywords")
            .find(|k| language(*k) == Some(g.lang.as_str()))
            .expect("a keywords element in the group's language");
        let words: Vec<String> = named(n, "term").map(text_of).collect();
        assert_eq!(words, g.keywords);
        assert_eq!(n.attribute("n"), g.title.as_deref());
    }
}

#[test]
fn epub_title_page_carries_them_in_their_languages() {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Epub, KITCHEN_SINK.1);
    let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
    let mut found = (0usize, 0usize, 0usize);
    for (name, bytes) in epub.xhtml() {
        // A sub-article's document has its own abstract (`sub_articles.rs`).
        if name
            .rsplit('/')
            .next()
            .is_some_and(|f| f.starts_with("sub"))
        {
            continue;
        }
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let doc = parse(text).expect("well-formed");
        for n in doc.descendants().filter(|n| n.is_element()) {
            let class = n.attribute("class").unwrap_or("");
            if class == "trans-title" {
                let t = &art.title_translations[found.0];
                assert_eq!(language(n), Some(t.lang.as_str()));
                assert_eq!(text_of(n), plain(&t.title));
                found.0 += 1;
            } else if class == "abstract" && n.has_tag_name("section") {
                // The article's own abstract first (no language of its own), then the others.
                if let Some(x) = found.1.checked_sub(1).map(|i| &art.abstracts[i]) {
                    let l = x.lang.as_ref().unwrap_or(&art.lang);
                    assert_eq!(language(n), Some(l.as_str()));
                    let words = one_line(&text_of(n));
                    assert!(words.contains(&abstract_words(x, false)), "{words}");
                }
                found.1 += 1;
            } else if class == "keywords" && language(n).is_some() {
                let g = &art.keyword_groups[found.2];
                assert_eq!(language(n), Some(g.lang.as_str()));
                assert!(one_line(&text_of(n)).ends_with(&g.keywords.join("; ")));
                found.2 += 1;
            }
        }
    }
    assert_eq!(
        found,
        (
            art.title_translations.len(),
            art.abstracts.len() + 1,
            art.keyword_groups.len()
        )
    );
    let opf = epub.opf();
    for t in &art.title_translations {
        assert!(
            opf.contains(&format!(
                "xml:lang=\"{}\">{}",
                t.lang.as_str(),
                plain(&t.title)
            )),
            "{opf}"
        );
    }
}

#[test]
fn ids_subjects_and_funder_ids_reach_jats_and_tei() {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed");
    let root = doc.root_element();
    let meta = named(root, "article-meta").next().expect("article-meta");
    let ids: Vec<(Option<&str>, Option<&str>, String)> = meta
        .children()
        .filter(|c| c.has_tag_name("article-id") && c.attribute("pub-id-type") != Some("doi"))
        .map(|c| {
            (
                c.attribute("pub-id-type"),
                c.attribute("assigning-authority"),
                text_of(c),
            )
        })
        .collect();
    let stated: Vec<(Option<&str>, Option<&str>, String)> = art
        .ids
        .iter()
        .map(|i| {
            (
                Some(i.kind.as_str()),
                i.authority.as_deref(),
                i.value.clone(),
            )
        })
        .collect();
    assert!(stated.len() >= 2);
    assert_eq!(ids, stated);
    let groups: Vec<(Option<&str>, Vec<String>)> = named(meta, "subj-group")
        .filter(|g| g.attribute("subj-group-type") != Some("heading"))
        .map(|g| {
            (
                g.attribute("subj-group-type"),
                named(g, "subject").map(text_of).collect(),
            )
        })
        .collect();
    let stated: Vec<(Option<&str>, Vec<String>)> = art
        .subjects
        .iter()
        .map(|g| (g.kind.as_deref(), g.subjects.clone()))
        .collect();
    assert_eq!(groups, stated);
    // Funders: the name in `institution`, the id in `institution-id` (a Funder Registry
    // DOI bare, with the registry as its vocabulary; a ROR id as its URL).
    let sources: Vec<Node> = named(meta, "funding-source").collect();
    assert_eq!(sources.len(), art.funding.len());
    for (n, f) in sources.iter().zip(&art.funding) {
        let inst = named(*n, "institution").next().map(text_of);
        assert_eq!(inst.as_deref(), Some(f.funder.as_str()));
        let id = named(*n, "institution-id").next();
        match f.funder_id.as_ref().map(|u| u.as_str()) {
            Some(u) if u.starts_with("https://doi.org/") => {
                let id = id.expect("an institution-id");
                assert_eq!(id.attribute("institution-id-type"), Some("doi"));
                assert_eq!(id.attribute("vocab"), Some("open-funder-registry"));
                assert_eq!(
                    Some(text_of(id).as_str()),
                    u.strip_prefix("https://doi.org/")
                );
            }
            Some(u) => {
                let id = id.expect("an institution-id");
                assert_eq!(id.attribute("institution-id-type"), Some("ror"));
                assert_eq!(text_of(id), u);
            }
            None => assert!(id.is_none()),
        }
    }

    let e = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed");
    let analytic = named(doc.root_element(), "analytic")
        .next()
        .expect("analytic");
    let idnos: Vec<(Option<&str>, String)> = named(analytic, "idno")
        .filter(|i| i.attribute("type") != Some("DOI"))
        .map(|i| (i.attribute("type"), text_of(i)))
        .collect();
    let stated: Vec<(Option<&str>, String)> = art
        .ids
        .iter()
        .map(|i| {
            (
                Some(i.kind.name().unwrap_or(i.kind.as_str())),
                i.value.clone(),
            )
        })
        .collect();
    assert_eq!(idnos, stated);
    // Who assigned an id has no place in TEI: reported for each id that says it.
    for (i, id) in art.ids.iter().enumerate() {
        let p = format!("/ids/{i}/authority");
        let lost = e
            .losses
            .iter()
            .any(|l| l.code == "loss.tei.id-authority" && l.pointer == p);
        assert_eq!(lost, id.authority.is_some(), "{p}");
    }
    for g in &art.subjects {
        let kind = g.kind.as_deref().unwrap_or("subject");
        let terms: Vec<String> = named(doc.root_element(), "term")
            .filter(|t| t.attribute("type") == Some(kind))
            .map(text_of)
            .collect();
        assert_eq!(terms, g.subjects);
    }
    let refs: Vec<Option<&str>> = named(doc.root_element(), "funder")
        .map(|f| f.attribute("ref"))
        .collect();
    let stated: Vec<Option<&str>> = art
        .funding
        .iter()
        .map(|f| f.funder_id.as_ref().map(|u| u.as_str()))
        .collect();
    assert_eq!(refs, stated);
}

#[test]
fn epub_prints_ids_and_subjects_and_reports_what_it_cannot_carry() {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Epub, KITCHEN_SINK.1);
    let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
    let all: String = epub
        .xhtml()
        .map(|(_, b)| {
            one_line(&text_of(
                parse(std::str::from_utf8(b).unwrap())
                    .unwrap()
                    .root_element(),
            ))
        })
        .collect::<Vec<_>>()
        .join(" ");
    let pmid = art
        .ids
        .iter()
        .find(|i| i.kind.as_str() == "pmid")
        .expect("a PMID");
    assert!(all.contains(&format!("PMID {}.", pmid.value)), "{all}");
    for i in art.ids.iter().filter(|i| i.authority.is_some()) {
        assert!(all.contains(&format!("{} {}.", i.authority.as_deref().unwrap(), i.value)));
    }
    let subjects: Vec<&str> = art
        .subjects
        .iter()
        .flat_map(|g| g.subjects.iter().map(String::as_str))
        .collect();
    assert!(all.contains(&subjects.join("; ")), "{all}");
    let codes: Vec<(&str, &str)> = e
        .losses
        .iter()
        .map(|l| (l.code.as_str(), l.pointer.as_str()))
        .collect();
    for (i, f) in art.funding.iter().enumerate() {
        let p = format!("/funding/{i}/funder_id");
        assert_eq!(
            f.funder_id.is_some(),
            codes.contains(&("loss.epub.funder-id", p.as_str()))
        );
    }
    for i in 0..issue.issue.journal.ids.len() {
        let p = format!("/journal/ids/{i}");
        assert!(
            codes.contains(&("loss.epub.journal-id", p.as_str())),
            "{codes:?}"
        );
    }
}

/// Every article type the schema offers is written under its own JATS name.
#[test]
fn every_article_type_is_written_as_named() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::support::root().join("schemas/article.schema.json"))
            .expect("the schema"),
    )
    .expect("JSON");
    let names: Vec<String> = schema["$defs"]["ArticleType"]["enum"]
        .as_array()
        .expect("ArticleType's variants")
        .iter()
        .map(|v| v.as_str().expect("a name").to_string())
        .collect();
    assert!(names.len() >= 30, "{names:?}");
    for name in names {
        let t: galley::model::ArticleType =
            serde_json::from_value(serde_json::Value::String(name.clone())).expect("a type");
        assert_eq!(t.as_str(), name);
    }
}

/// Section types reach JATS `sec-type`, TEI `div/@type` and the EPUB section's
/// `data-sec-type`.
#[test]
fn section_types_reach_every_output() {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    let mut stated = Vec::new();
    galley::model::walk_blocks(&art.body, "", &mut |_, b| {
        if let galley::model::Block::Section(s) = b
            && let Some(t) = &s.sec_type
        {
            stated.push(t.clone());
        }
    });
    assert!(stated.len() >= 2);
    let read = |format: Format, element: &'static str, attr: &'static str| -> Vec<String> {
        let e = issue.emit_slug(format, KITCHEN_SINK.1);
        let docs: Vec<String> = match format {
            Format::Epub => Epub::read(e.bytes.clone())
                .expect("an EPUB")
                .xhtml()
                .map(|(_, b)| String::from_utf8(b.to_vec()).expect("UTF-8"))
                .collect(),
            _ => vec![utf8(&e).to_string()],
        };
        docs.iter()
            .flat_map(|d| {
                let doc = parse(d).expect("well-formed");
                named(doc.root_element(), element)
                    .filter_map(|n| n.attribute(attr).map(str::to_string))
                    .collect::<Vec<_>>()
            })
            .filter(|v| stated.contains(v))
            .collect()
    };
    assert_eq!(read(Format::Jats, "sec", "sec-type"), stated);
    assert_eq!(read(Format::Tei, "div", "type"), stated);
    assert_eq!(read(Format::Epub, "section", "data-sec-type"), stated);
}

/// A cited work's language is the `xml:lang` of its title in JATS (not reported lost).
#[test]
fn a_cited_works_language_is_on_its_jats_title() {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(utf8(&e)).expect("well-formed");
    let mut checked = 0;
    for r in art
        .references
        .iter()
        .filter(|r| r.language.is_some() && r.title.is_some())
    {
        let reference = named(doc.root_element(), "ref")
            .find(|n| n.attribute("id") == Some(r.id.as_str()))
            .expect("the ref");
        let title = plain(r.title.as_ref().expect("a title"));
        let carried = reference.descendants().any(|n| {
            n.is_element()
                && text_of(n) == title
                && language(n) == r.language.as_ref().map(|l| l.as_str())
        });
        assert!(carried, "{}: the title carries the language", r.id);
        checked += 1;
    }
    assert!(checked >= 1);
    assert!(
        !e.losses
            .iter()
            .any(|l| l.code == "loss.jats.reference-language")
    );
}

/// The kitchen sink's graphical abstract: its figure and the bytes of its image file.
fn graphical_abstract() -> (galley::model::Figure, Vec<u8>) {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    let f = art
        .abstracts
        .iter()
        .find_map(|x| x.figure.clone())
        .expect("the kitchen sink has a graphical abstract");
    let path = std::path::Path::new(KITCHEN_SINK.0)
        .join(KITCHEN_SINK.1)
        .join(&f.image);
    let bytes = std::fs::read(crate::support::root().join(&path)).expect("the image");
    (f, bytes)
}

#[test]
fn a_graphical_abstract_reaches_every_output_with_its_image_and_alt_text() {
    let (f, image) = graphical_abstract();
    let issue = load(KITCHEN_SINK.0);
    let jats = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(utf8(&jats)).expect("well-formed");
    let abs = named(doc.root_element(), "abstract")
        .find(|n| n.attribute("abstract-type") == Some("graphical"))
        .expect("abstract abstract-type=graphical");
    let fig = named(abs, "fig").next().expect("its fig");
    assert_eq!(fig.attribute("id"), Some(f.id.as_str()));
    let g = named(fig, "graphic").next().expect("graphic");
    assert_eq!(
        g.attribute(("http://www.w3.org/1999/xlink", "href")),
        Some(f.image.as_str())
    );
    let alt = named(g, "alt-text").next().map(text_of);
    assert_eq!(alt.as_deref(), f.alt.as_deref());

    let tei = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(utf8(&tei)).expect("well-formed");
    let abs = named(doc.root_element(), "abstract")
        .find(|n| n.attribute("n") == Some("graphical"))
        .expect("abstract n=graphical");
    let fig = named(abs, "figure").next().expect("its figure");
    let g = named(fig, "graphic").next().expect("graphic");
    assert_eq!(g.attribute("url"), Some(f.image.as_str()));
    assert_eq!(
        named(fig, "figDesc").next().map(text_of).as_deref(),
        f.alt.as_deref()
    );

    // The EPUB shows the image (the file's very bytes, in the package) on the title page,
    // under the localised heading, with its alt text.
    let e = issue.emit_slug(Format::Epub, KITCHEN_SINK.1);
    let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
    let title = epub.text("EPUB/a1/title.xhtml");
    let doc = parse(&title).expect("well-formed");
    let fig = named(doc.root_element(), "figure")
        .find(|n| n.attribute("id") == Some(f.id.as_str()))
        .expect("the graphical abstract's figure on the title page");
    let section = fig.parent_element().expect("its section");
    assert!(one_line(&text_of(section)).starts_with("Graphical abstract"));
    let img = named(fig, "img").next().expect("img");
    assert_eq!(img.attribute("alt"), f.alt.as_deref());
    let src = img.attribute("src").expect("src");
    assert_eq!(epub.files.get(&format!("EPUB/a1/{src}")), Some(&image));
    assert!(epub.opf().contains(&format!("href=\"a1/{src}\"")));
    // A cross-reference to it from the body leads to the title page.
    let body = epub.text("EPUB/a1/article.xhtml");
    assert!(body.contains(&format!("href=\"title.xhtml#{}\"", f.id)));
}

/// A keyword group's line prints its label as the source does (no punctuation added) and
/// joins the keywords as its language joins a list: Chinese with "；" and no space after
/// a full-width colon; without a label, "Keywords:" in the group's language.
#[test]
fn keyword_groups_print_their_label_as_written_and_join_as_their_language_does() {
    let issue = load(KITCHEN_SINK.0);
    let mut art = issue.article(KITCHEN_SINK.1).clone();
    art.keyword_groups = vec![
        galley::model::KeywordGroup {
            lang: galley::model::Lang("zh-Hans".into()),
            title: Some("关键词：".into()),
            keywords: vec!["中苏关系".into(), "同盟".into()],
        },
        galley::model::KeywordGroup {
            lang: galley::model::Lang("pt".into()),
            title: Some("Palavras-chave".into()),
            keywords: vec!["a".into(), "b".into()],
        },
        galley::model::KeywordGroup {
            lang: galley::model::Lang("de".into()),
            title: None,
            keywords: vec!["x".into(), "y".into()],
        },
    ];
    let e = issue
        .emit(Format::Epub, KITCHEN_SINK.1, &art)
        .expect("emits");
    let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
    let title = epub.text("EPUB/a1/title.xhtml");
    let doc = parse(&title).expect("well-formed");
    let lines: Vec<String> = named(doc.root_element(), "p")
        .filter(|p| p.attribute("class") == Some("keywords") && language(*p).is_some())
        .map(|p| text_of(p))
        .collect();
    assert_eq!(
        lines,
        [
            "关键词：中苏关系；同盟",
            "Palavras-chave a; b",
            "Schlüsselwörter: x; y"
        ]
    );
}

/// The article's landing page reaches every output: JATS `self-uri` (after
/// `permissions`), TEI `ptr` in the source description's `analytic`, a link after the DOI
/// on the EPUB's title page.
#[test]
fn the_landing_page_reaches_every_output() {
    let issue = load(KITCHEN_SINK.0);
    let art = issue.article(KITCHEN_SINK.1);
    let url = art
        .url
        .as_ref()
        .expect("the kitchen sink has a url")
        .as_str();
    let jats = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(utf8(&jats)).expect("JATS");
    let meta = named(doc.root_element(), "article-meta")
        .next()
        .expect("meta");
    let selfs: Vec<Node> = meta
        .children()
        .filter(|c| c.has_tag_name("self-uri"))
        .collect();
    assert_eq!(selfs.len(), 1);
    assert_eq!(
        selfs[0].attribute(("http://www.w3.org/1999/xlink", "href")),
        Some(url)
    );
    let prev = selfs[0].prev_sibling_element().expect("before it");
    assert_eq!(prev.tag_name().name(), "permissions");
    let tei = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(utf8(&tei)).expect("TEI");
    let analytic = named(doc.root_element(), "analytic")
        .next()
        .expect("analytic");
    assert!(named(analytic, "ptr").any(|p| p.attribute("target") == Some(url)));
    let e = issue.emit_slug(Format::Epub, KITCHEN_SINK.1);
    let title = Epub::read(e.bytes.clone())
        .expect("EPUB")
        .text("EPUB/a1/title.xhtml");
    let doc = parse(&title).expect("XHTML");
    let link = named(doc.root_element(), "a")
        .find(|a| a.attribute("href") == Some(url))
        .expect("a link to the landing page");
    assert_eq!(text_of(link), url);
}
