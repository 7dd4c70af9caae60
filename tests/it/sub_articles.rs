//! Sub-articles read back from JATS, TEI, the EPUB and the preview: each sub-article of
//! the kitchen sink (a Portuguese translation, a decision letter, the authors' reply) —
//! its kind, id, language, DOI, title, subtitle, people with their roles, abstract and
//! the ids of its blocks — where each format places it (JATS `sub-article` after
//! `back`, TEI `back/div`, the EPUB's own content document in the spine and the
//! contents, the preview's `article` after the main one), its citations and
//! cross-references into the main article, and galley's heading of its abstract in its
//! own language. The expectations come from the YAML, so a change to the fixture or an
//! emitter that drops a fact fails.

use galley::emit::Format;
use galley::l10n::{Term, term};
use galley::model::{Article, Block, Role, SubArticle, SubArticleType};
use galley_dev::epub::Epub;
use galley_dev::xml::{XML_NS, language, parse, text_of};
use roxmltree::Node;

use crate::support::{Issue, KITCHEN_SINK, load, plain};

fn kitchen_sink() -> Issue {
    load(KITCHEN_SINK.0)
}

/// The kitchen sink's sub-articles, checked to be the kinds the tests need.
fn subs(art: &Article) -> &[SubArticle] {
    let s = &art.sub_articles;
    let kinds: Vec<SubArticleType> = s.iter().map(|s| s.kind).collect();
    for k in [
        SubArticleType::Translation,
        SubArticleType::DecisionLetter,
        SubArticleType::Reply,
    ] {
        assert!(kinds.contains(&k), "the kitchen sink has a {}", k.as_str());
    }
    assert!(
        s.iter()
            .any(|s| s.lang.as_ref().is_some_and(|l| *l != art.lang))
    );
    assert!(
        s.iter()
            .any(|s| !s.abstract_.is_empty() && s.subtitle.is_some())
    );
    s
}

/// The ids of a sub-article's figures, tables, formulas and sections, depth first.
fn block_ids(s: &SubArticle) -> Vec<String> {
    let mut out = Vec::new();
    galley::model::walk_blocks(&s.body, "", &mut |_, b| {
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

/// The `id`s (plain or `xml:id`) of the elements under `n` that are among `ids`.
fn ids_under(n: Node<'_, '_>, ids: &[String]) -> Vec<String> {
    n.descendants()
        .filter_map(|d| d.attribute("id").or(d.attribute((XML_NS, "id"))))
        .filter(|i| ids.iter().any(|w| w == i))
        .map(str::to_string)
        .collect()
}

fn children<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    n.children()
        .filter(|c| c.is_element() && c.tag_name().name() == name)
        .collect()
}

fn descendants<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    n.descendants()
        .filter(|c| c.is_element() && c.tag_name().name() == name)
        .collect()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The family names of a sub-article's people with `role`, in order.
fn family_names(issue: &Issue, s: &SubArticle, role: Role) -> Vec<String> {
    s.contributors
        .iter()
        .filter(|c| c.role == role)
        .map(|c| {
            let person = issue
                .contributors
                .contributors
                .iter()
                .find(|p| p.id == c.contributor)
                .expect("a known contributor");
            person.name.family.clone().unwrap_or_default()
        })
        .collect()
}

#[test]
fn jats_sub_articles_after_back_with_front_stub_and_body() {
    let issue = kitchen_sink();
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Jats, KITCHEN_SINK.1);
    let doc = parse(std::str::from_utf8(&e.bytes).unwrap()).expect("JATS");
    let root = doc.root_element();
    let kids: Vec<&str> = root
        .children()
        .filter(|c| c.is_element())
        .map(|c| c.tag_name().name())
        .collect();
    let n = art.sub_articles.len();
    assert_eq!(kids[..kids.len() - n].last(), Some(&"back"), "{kids:?}");
    let found = children(root, "sub-article");
    assert_eq!(found.len(), subs(art).len());
    for (s, x) in art.sub_articles.iter().zip(found) {
        assert_eq!(x.attribute("article-type"), Some(s.kind.as_str()));
        assert_eq!(x.attribute("id"), Some(s.id.as_str()));
        assert_eq!(language(x), Some(s.lang_or(&art.lang)));
        let stub = children(x, "front-stub")[0];
        let doi = children(stub, "article-id")
            .into_iter()
            .find(|i| i.attribute("pub-id-type") == Some("doi"))
            .map(text_of);
        assert_eq!(doi.as_deref(), s.doi.as_ref().map(|d| d.as_str()));
        let tg = children(stub, "title-group")[0];
        assert_eq!(text_of(children(tg, "article-title")[0]), plain(&s.title));
        let sub = children(tg, "subtitle").first().map(|t| text_of(*t));
        assert_eq!(sub, s.subtitle.as_ref().map(plain));
        let contribs = descendants(stub, "contrib");
        let types: Vec<&str> = contribs
            .iter()
            .filter_map(|c| c.attribute("contrib-type"))
            .collect();
        let roles: Vec<&str> = s.contributors.iter().map(|c| c.role.as_str()).collect();
        assert_eq!(types, roles, "{}", s.id);
        for role in [Role::Author, Role::Editor, Role::Reviewer, Role::Translator] {
            let got: Vec<String> = contribs
                .iter()
                .filter(|c| c.attribute("contrib-type") == Some(role.as_str()))
                .filter_map(|c| descendants(*c, "surname").first().map(|n| text_of(*n)))
                .collect();
            assert_eq!(got, family_names(&issue, s, role), "{}", s.id);
        }
        let abs: Vec<String> = descendants(stub, "abstract")
            .iter()
            .flat_map(|a| children(*a, "p"))
            .map(|p| squeeze(&text_of(p)))
            .collect();
        let want: Vec<String> = s.abstract_.iter().map(|t| squeeze(&plain(t))).collect();
        assert_eq!(abs, want);
        let body = children(x, "body")[0];
        assert_eq!(ids_under(body, &block_ids(s)), block_ids(s));
    }
    // The translation's citation and cross-references point into the main article.
    let pt = children(root, "sub-article")[0];
    let rids: Vec<(&str, &str)> = descendants(pt, "xref")
        .iter()
        .filter_map(|x| Some((x.attribute("ref-type")?, x.attribute("rid")?)))
        .collect();
    assert!(rids.contains(&("bibr", "shen1995")), "{rids:?}");
    assert!(rids.contains(&("sec", "sec-origins")), "{rids:?}");
    assert!(rids.contains(&("fig", "fig-sa-pt")), "{rids:?}");
    // The translator's role word is in the translation's language.
    let role = descendants(pt, "role")[0];
    assert_eq!(
        text_of(role),
        term("pt", Term::RoleTranslatorTitle).text,
        "Portuguese role word"
    );
}

#[test]
fn tei_sub_articles_are_divisions_of_the_back() {
    let issue = kitchen_sink();
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Tei, KITCHEN_SINK.1);
    let doc = parse(std::str::from_utf8(&e.bytes).unwrap()).expect("TEI");
    let back = descendants(doc.root_element(), "back")[0];
    let divs: Vec<Node> = children(back, "div")
        .into_iter()
        .filter(|d| {
            let id = d.attribute((XML_NS, "id"));
            art.sub_articles.iter().any(|s| Some(s.id.as_str()) == id)
        })
        .collect();
    assert_eq!(divs.len(), subs(art).len());
    // After the appendices: the back's last divisions.
    let last: Vec<Node> = children(back, "div")
        .into_iter()
        .rev()
        .take(divs.len())
        .collect();
    assert!(last.iter().all(|d| divs.contains(d)));
    let expected_types = ["translation", "decisionLetter", "reply"];
    for (s, d) in art.sub_articles.iter().zip(&divs) {
        assert!(expected_types.contains(&s.kind.tei().as_str()));
        assert_eq!(d.attribute("type"), Some(s.kind.tei().as_str()));
        assert_eq!(d.attribute((XML_NS, "lang")), Some(s.lang_or(&art.lang)));
        let heads = children(*d, "head");
        assert_eq!(text_of(heads[0]), plain(&s.title));
        let sub = heads
            .iter()
            .find(|h| h.attribute("type") == Some("sub"))
            .map(|h| text_of(*h));
        assert_eq!(sub, s.subtitle.as_ref().map(plain));
        let byline = children(*d, "byline");
        let authors: Vec<String> = byline
            .iter()
            .flat_map(|b| children(*b, "docAuthor"))
            .filter_map(|a| descendants(a, "surname").first().map(|n| text_of(*n)))
            .collect();
        assert_eq!(authors, family_names(&issue, s, Role::Author));
        for role in [Role::Editor, Role::Reviewer, Role::Translator] {
            let got: Vec<String> = byline
                .iter()
                .flat_map(|b| children(*b, "persName"))
                .filter(|p| p.attribute("role") == Some(role.as_str()))
                .filter_map(|p| descendants(p, "surname").first().map(|n| text_of(*n)))
                .collect();
            assert_eq!(got, family_names(&issue, s, role), "{}", s.id);
        }
        let doi = byline
            .iter()
            .flat_map(|b| children(*b, "idno"))
            .find(|i| i.attribute("type") == Some("DOI"))
            .map(text_of);
        assert_eq!(doi.as_deref(), s.doi.as_ref().map(|d| d.as_str()));
        let part = |t: &str| {
            children(*d, "div")
                .into_iter()
                .find(|x| x.attribute("type") == Some(t))
        };
        let abs: Vec<String> = part("abstract")
            .map(|a| {
                children(a, "p")
                    .into_iter()
                    .map(|p| squeeze(&text_of(p)))
                    .collect()
            })
            .unwrap_or_default();
        let want: Vec<String> = s.abstract_.iter().map(|t| squeeze(&plain(t))).collect();
        assert_eq!(abs, want);
        let body = part("body").expect("div type=body");
        assert_eq!(ids_under(body, &block_ids(s)), block_ids(s));
    }
    // The header lists each sub-article's language.
    let used: Vec<&str> = descendants(doc.root_element(), "langUsage")
        .iter()
        .flat_map(|u| children(*u, "language"))
        .filter_map(|l| l.attribute("ident"))
        .collect();
    for s in &art.sub_articles {
        assert!(used.contains(&s.lang_or(&art.lang)), "{used:?}");
    }
    // A citation in the translation points at the article's bibliography.
    let targets: Vec<&str> = descendants(divs[0], "ref")
        .iter()
        .filter_map(|r| r.attribute("target"))
        .collect();
    assert!(targets.contains(&"#shen1995") && targets.contains(&"#sec-origins"));
}

#[test]
fn epub_gives_each_sub_article_its_own_document_in_its_language() {
    let issue = kitchen_sink();
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Epub, KITCHEN_SINK.1);
    let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
    let opf = epub.opf();
    let nav = epub.text("EPUB/nav.xhtml");
    for (i, s) in subs(art).iter().enumerate() {
        let href = format!("a1/sub{}.xhtml", i + 1);
        let item = format!("<item id=\"a1-sub{}\" href=\"{href}\"", i + 1);
        assert!(opf.contains(&item), "{item} in the manifest");
        assert!(opf.contains(&format!("<itemref idref=\"a1-sub{}\"/>", i + 1)));
        assert!(
            nav.contains(&format!("href=\"{href}#{}\"", s.id)),
            "{href} in nav"
        );
        for id in block_ids(s).iter().filter(|id| id.starts_with("sa-")) {
            assert!(
                nav.contains(&format!("href=\"{href}#{id}\"")),
                "{id} in nav"
            );
        }
        let text = epub.text(&format!("EPUB/{href}"));
        let doc = parse(&text).expect("XHTML");
        let lang = s.lang_or(&art.lang);
        assert_eq!(language(doc.root_element()), Some(lang));
        assert_eq!(doc.root_element().attribute("lang"), Some(lang));
        let article = descendants(doc.root_element(), "article")[0];
        assert_eq!(article.attribute("id"), Some(s.id.as_str()));
        let h1 = descendants(article, "h1")[0];
        assert_eq!(text_of(h1), plain(&s.title));
        assert_eq!(ids_under(article, &block_ids(s)), block_ids(s));
        let doi = descendants(article, "a")
            .into_iter()
            .filter_map(|a| a.attribute("href"))
            .find(|h| h.starts_with("https://doi.org/"));
        assert_eq!(
            doi.map(|h| h.trim_start_matches("https://doi.org/").to_string()),
            s.doi.as_ref().map(|d| d.to_string())
        );
        let byline = squeeze(&text_of(article));
        for role in [Role::Author, Role::Editor, Role::Reviewer, Role::Translator] {
            for name in family_names(&issue, s, role) {
                assert!(byline.contains(&name), "{name} in {}", s.id);
            }
        }
        let abs = descendants(article, "section")
            .into_iter()
            .find(|x| x.attribute("class") == Some("abstract"));
        assert_eq!(abs.is_some(), !s.abstract_.is_empty());
        if let Some(a) = abs {
            // galley's heading, in the sub-article's language.
            let h = descendants(a, "h2")[0];
            assert_eq!(text_of(h), term(lang, Term::Abstract).text);
            assert_ne!(
                lang, "en",
                "the heading test needs a language other than English"
            );
        }
    }
    // The translation's links go to the main article's document for its references and
    // sections, and stay in its own for its figure, whose image is in the package.
    let pt = epub.text("EPUB/a1/sub1.xhtml");
    assert!(pt.contains("href=\"article.xhtml#_ref-shen1995\""));
    assert!(pt.contains("href=\"article.xhtml#sec-origins\""));
    assert!(pt.contains("href=\"#fig-sa-pt\""));
    assert!(pt.contains(term("pt", Term::TranslatedBy).split().0));
    let doc = parse(&pt).unwrap();
    let src = descendants(doc.root_element(), "img")[0]
        .attribute("src")
        .unwrap()
        .to_string();
    assert!(epub.files.contains_key(&format!("EPUB/a1/{src}")), "{src}");
    // The reply's cross-reference to a figure of the article leaves its document.
    let reply = epub.text("EPUB/a1/sub3.xhtml");
    assert!(reply.contains("href=\"article.xhtml#fig-chart\""));
    // The decision letter names its editor and its reviewer, each with their role.
    let letter = epub.text("EPUB/a1/sub2.xhtml");
    for t in [Term::EditedBy, Term::ReviewedBy] {
        assert!(letter.contains(term("en", t).split().0), "{t:?}");
    }
}

#[test]
fn preview_writes_each_sub_article_after_the_article() {
    let issue = kitchen_sink();
    let art = issue.article(KITCHEN_SINK.1);
    let e = issue.emit_slug(Format::Html, KITCHEN_SINK.1);
    let html = std::str::from_utf8(&e.bytes).unwrap();
    assert!(!html.contains("epub:type"));
    let doc = parse(html).expect("the preview parses as XML");
    let main = descendants(doc.root_element(), "main")[0];
    let articles = children(main, "article");
    assert_eq!(articles.len(), 1 + subs(art).len());
    for (s, a) in art.sub_articles.iter().zip(&articles[1..]) {
        assert_eq!(a.attribute("id"), Some(s.id.as_str()));
        assert_eq!(a.attribute("lang"), Some(s.lang_or(&art.lang)));
        let h = descendants(*a, "h2")[0];
        assert_eq!(text_of(h), plain(&s.title));
        assert_eq!(ids_under(*a, &block_ids(s)), block_ids(s));
    }
    // On one page every link is a fragment of the page.
    assert!(html.contains("href=\"#_ref-shen1995\""));
    assert!(!html.contains("sub1.xhtml"));
}

#[test]
fn an_unknown_contributor_of_a_sub_article_fails_every_format_alike() {
    let issue = kitchen_sink();
    let mut article = issue.article(KITCHEN_SINK.1).clone();
    let person = &mut article.sub_articles[1].contributors[0].contributor;
    *person = galley::model::Id("nobody-in-the-review".into());
    for f in Format::ALL {
        let galley::emit::EmitError::Unwritable(m) = issue
            .emit(f, KITCHEN_SINK.1, &article)
            .expect_err("refused");
        assert!(m.contains("nobody-in-the-review"), "{}: {m}", f.name());
    }
}

#[test]
fn a_sub_articles_own_language_is_declared_in_tei_and_its_epub_document() {
    let issue = kitchen_sink();
    let mut article = issue.article(KITCHEN_SINK.1).clone();
    // A language nothing else in the kitchen sink uses, with no reader text of galley's.
    article.sub_articles[0].lang = Some(galley::model::Lang("it".into()));
    let tei = issue
        .emit(Format::Tei, KITCHEN_SINK.1, &article)
        .expect("TEI");
    let text = std::str::from_utf8(&tei.bytes).unwrap();
    assert!(text.contains("<language ident=\"it\"/>"));
    let e = issue
        .emit(Format::Epub, KITCHEN_SINK.1, &article)
        .expect("EPUB");
    let epub = Epub::read(e.bytes).expect("an EPUB");
    let doc_text = epub.text("EPUB/a1/sub1.xhtml");
    let doc = parse(&doc_text).unwrap();
    assert_eq!(language(doc.root_element()), Some("it"));
    // Galley has no Italian: the abstract's heading is English, marked as such.
    let h = descendants(doc.root_element(), "h2")[0];
    let span = descendants(h, "span")[0];
    assert_eq!(language(span), Some("en"));
    assert_eq!(text_of(span), term("en", Term::Abstract).text);
}
