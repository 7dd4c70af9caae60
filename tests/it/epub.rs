//! Tests of the EPUB packages, built by the `galley` binary as a user runs it: unzip and
//! inspect (OCF container, manifest, spine, navigation, every internal link), golden
//! package documents, the facts of the first article, the issue-level EPUB with its
//! "About the Authors", accessibility metadata derived from the content, losses,
//! byte-identical rebuilds under another clock and time zone, and EPUBCheck over the
//! issue EPUBs and an article with a figure lacking alt text (every article's EPUB goes
//! through EPUBCheck in `invariants.rs`).
//!
//! Golden package documents live in `tests/golden/epub/`. After an intended change,
//! rewrite them with
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --test it epub::
//! ```
//!
//! and review the diff before committing it.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Cursor;
use std::path::{Component, Path, PathBuf};

use galley::model::Block;
use galley_dev::epub::Epub;
use galley_dev::xml::{XML_NS, parse, text_of, text_without};
use roxmltree::Node;

use crate::support::{
    FIRST, KITCHEN_SINK, all_diagnostics, body_paragraphs, build_fresh, build_ok, copy_dir,
    golden_diff, issue_folders, load, official_check, official_rejection, plain, root,
};

/// The first article's slug.
const SLUG: &str = FIRST.1;

/// Every `.epub` below a folder, sorted.
fn epubs_in(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "epub") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The name of an issue folder's issue EPUB, without `.epub` (from its `issue.yaml`).
fn issue_name(dir: &str) -> String {
    galley::issue::issue_epub_name(Path::new(dir))
}

// ---------- reading an EPUB ----------

/// The body's paragraphs in an XHTML document (an EPUB content document or the HTML
/// preview), in order: the `p`s without a class directly in `main`, `article` or a
/// `section` without a class (not the title page's, the abstract's, the notes'…), their
/// text without what the emitter generates at a reference (note numbers, citation labels,
/// "Figure 1"); what a citation adds around its labels (brackets, locators) remains.
pub(crate) fn xhtml_paragraphs(xhtml: &[u8]) -> Vec<String> {
    body_ps(xhtml, true)
}

/// The body's paragraphs in an XHTML document as [`xhtml_paragraphs`] finds them, with
/// their whole text (the source's and what galley generates at references).
pub(crate) fn xhtml_full_paragraphs(xhtml: &[u8]) -> Vec<String> {
    body_ps(xhtml, false)
}

/// The body's paragraphs of every content document of an EPUB, in spine order, with
/// their whole text.
pub(crate) fn full_paragraphs(epub: &[u8]) -> Vec<String> {
    spine_paragraphs(epub, xhtml_full_paragraphs)
}

fn body_ps(xhtml: &[u8], strip_generated: bool) -> Vec<String> {
    let text = std::str::from_utf8(xhtml).expect("UTF-8");
    let doc = parse(text).expect("well-formed XHTML");
    let generated = |n: Node<'_, '_>| {
        let reference = |a: Node<'_, '_>| {
            a.has_tag_name("a")
                && (matches!(a.attribute("role"), Some("doc-noteref" | "doc-biblioref"))
                    || a.attribute("href").is_some_and(|h| h.starts_with('#')))
        };
        // Formulas are read back in `formulas.rs`.
        n.tag_name().name() == "math"
            || strip_generated && reference(n)
            || strip_generated
                && (n.has_tag_name("sup")
                    && n.children().filter(|c| c.is_element()).all(reference)
                    && n.children().any(|c| c.is_element()))
    };
    doc.descendants()
        .filter(|p| p.has_tag_name("p") && p.attribute("class").is_none())
        .filter(|p| {
            p.parent_element().is_some_and(|parent| {
                parent.has_tag_name("main")
                    || parent.has_tag_name("article")
                    || (parent.has_tag_name("section")
                        && matches!(parent.attribute("class"), None | Some("appendix")))
            })
        })
        .map(|p| text_without(p, generated))
        .collect()
}

/// The body's paragraphs in an EPUB: those of its content documents, in spine order.
fn spine_paragraphs(epub: &[u8], of: fn(&[u8]) -> Vec<String>) -> Vec<String> {
    let epub = Epub::read(epub.to_vec()).expect("an EPUB");
    let (manifest, spine) = manifest_and_spine(&epub.opf());
    spine
        .iter()
        .flat_map(|(idref, _)| {
            let (_, href, _, _) = manifest
                .iter()
                .find(|m| &m.0 == idref)
                .expect("in the manifest");
            of(&epub.files[&format!("EPUB/{href}")])
        })
        .collect()
}
const OPF_NS: &str = "http://www.idpf.org/2007/opf";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// `(id, href, media-type, properties)` of the manifest, and the spine's idrefs with
/// their `linear` attribute.
type Manifest = Vec<(String, String, String, Option<String>)>;

fn manifest_and_spine(opf: &str) -> (Manifest, Vec<(String, Option<String>)>) {
    let doc = parse(opf).expect("OPF parses");
    let manifest = doc
        .descendants()
        .filter(|n| n.has_tag_name((OPF_NS, "item")))
        .map(|n| {
            (
                n.attribute("id").unwrap().to_string(),
                n.attribute("href").unwrap().to_string(),
                n.attribute("media-type").unwrap().to_string(),
                n.attribute("properties").map(String::from),
            )
        })
        .collect();
    let spine = doc
        .descendants()
        .filter(|n| n.has_tag_name((OPF_NS, "itemref")))
        .map(|n| {
            (
                n.attribute("idref").unwrap().to_string(),
                n.attribute("linear").map(String::from),
            )
        })
        .collect();
    (manifest, spine)
}

/// The values of a `meta` property, and the refinements of an element id.
fn metas(opf: &str, property: &str) -> Vec<String> {
    let doc = parse(opf).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((OPF_NS, "meta")) && n.attribute("property") == Some(property))
        .filter(|n| n.attribute("refines").is_none())
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

fn refinements(opf: &str, id: &str, property: &str) -> Vec<(String, Option<String>)> {
    let doc = parse(opf).unwrap();
    let target = format!("#{id}");
    doc.descendants()
        .filter(|n| {
            n.has_tag_name((OPF_NS, "meta"))
                && n.attribute("refines") == Some(target.as_str())
                && n.attribute("property") == Some(property)
        })
        .map(|n| {
            (
                n.text().unwrap_or("").to_string(),
                n.attribute((XML_NS, "lang")).map(String::from),
            )
        })
        .collect()
}

/// `(element name, id, text)` of the Dublin Core elements.
fn dc(opf: &str, name: &str) -> Vec<(Option<String>, String)> {
    let doc = parse(opf).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((DC_NS, name)))
        .map(|n| {
            (
                n.attribute("id").map(String::from),
                n.text().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Resolves `href` against the folder of `base` (both relative to the container root).
fn resolve(base: &str, href: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for c in Path::new(href).components() {
        match c {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(s) => parts.push(s.to_str().unwrap()),
            _ => {}
        }
    }
    parts.join("/")
}

fn external(href: &str) -> bool {
    href.contains("://") || href.starts_with("mailto:") || href.starts_with("data:")
}

// ---------- the container ----------

/// Checks one EPUB's container, manifest, spine, navigation and links; returns it.
fn inspect(path: &Path) -> Epub {
    let epub = Epub::open(path);
    let name = path.display();

    // mimetype: first, stored, no extra field, exact content (OCF 3.3).
    assert_eq!(epub.names[0], "mimetype", "{name}: mimetype is not first");
    assert_eq!(&epub.raw[0..4], b"PK\x03\x04", "{name}: local header");
    assert_eq!(
        u16::from_le_bytes([epub.raw[8], epub.raw[9]]),
        0,
        "{name}: mimetype is compressed"
    );
    assert_eq!(
        u16::from_le_bytes([epub.raw[26], epub.raw[27]]),
        8,
        "{name}: name length"
    );
    assert_eq!(
        u16::from_le_bytes([epub.raw[28], epub.raw[29]]),
        0,
        "{name}: mimetype has an extra field"
    );
    assert_eq!(&epub.raw[30..38], b"mimetype");
    assert_eq!(&epub.raw[38..58], b"application/epub+zip");

    // container.xml names the package document.
    let container = epub.text("META-INF/container.xml");
    let c = parse(&container).expect("container parses");
    let rootfiles: Vec<_> = c
        .descendants()
        .filter(|n| n.has_tag_name("rootfile"))
        .map(|n| {
            (
                n.attribute("full-path").unwrap().to_string(),
                n.attribute("media-type").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rootfiles,
        [(
            "EPUB/package.opf".to_string(),
            "application/oebps-package+xml".to_string()
        )],
        "{name}"
    );

    // Manifest complete both ways.
    let opf = epub.opf();
    let (manifest, spine) = manifest_and_spine(&opf);
    let listed: BTreeSet<String> = manifest
        .iter()
        .map(|(_, href, _, _)| format!("EPUB/{href}"))
        .collect();
    let in_zip: BTreeSet<String> = epub
        .names
        .iter()
        .filter(|n| *n != "mimetype" && !n.starts_with("META-INF/") && *n != "EPUB/package.opf")
        .cloned()
        .collect();
    assert_eq!(listed, in_zip, "{name}: manifest and zip entries differ");
    let ids: BTreeSet<&str> = manifest.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(ids.len(), manifest.len(), "{name}: duplicate manifest ids");
    let nav: Vec<_> = manifest
        .iter()
        .filter(|m| m.3.as_deref() == Some("nav"))
        .collect();
    assert_eq!(nav.len(), 1, "{name}: one navigation document");

    // Spine: every itemref is a manifest item; content documents only.
    for (idref, _) in &spine {
        let item = manifest
            .iter()
            .find(|m| &m.0 == idref)
            .unwrap_or_else(|| panic!("{name}: spine refers to unknown {idref}"));
        assert_eq!(
            item.2, "application/xhtml+xml",
            "{name}: {idref} in the spine"
        );
    }

    // Every internal href/src of every content document resolves to a manifest item,
    // and every fragment to an id in it.
    let mut ids_by_doc: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, href, mt, _) in &manifest {
        if mt == "application/xhtml+xml" {
            let path = format!("EPUB/{href}");
            let text = epub.text(&path);
            let doc =
                parse(&text).unwrap_or_else(|e| panic!("{name}: {path} is not well-formed: {e}"));
            let ids = doc
                .descendants()
                .filter_map(|n| n.attribute("id"))
                .map(String::from)
                .collect::<BTreeSet<_>>();
            ids_by_doc.insert(path, ids);
        }
    }
    let mut links = 0;
    for (path, _) in ids_by_doc.clone() {
        let text = epub.text(&path);
        let doc = parse(&text).unwrap();
        for n in doc.descendants().filter(|n| n.is_element()) {
            for attr in ["href", "src"] {
                let Some(v) = n.attribute(attr) else { continue };
                if external(v) {
                    continue;
                }
                links += 1;
                let (file, frag) = match v.split_once('#') {
                    Some((f, fr)) => (f, Some(fr)),
                    None => (v, None),
                };
                let target = if file.is_empty() {
                    path.clone()
                } else {
                    resolve(&path, file)
                };
                assert!(
                    listed.contains(&target),
                    "{name}: {path} links to {v}, which is not in the manifest"
                );
                if let Some(fr) = frag {
                    let ids = ids_by_doc
                        .get(&target)
                        .unwrap_or_else(|| panic!("{name}: {v} is not a content document"));
                    assert!(
                        ids.contains(fr),
                        "{name}: {path} links to {v}, but {target} has no id `{fr}`"
                    );
                }
            }
        }
    }
    assert!(links > 0, "{name}: no internal links at all");
    epub
}

/// The navigation document's table of contents: `(href, label, depth)`.
fn toc(epub: &Epub) -> Vec<(String, String, usize)> {
    let text = epub.text("EPUB/nav.xhtml");
    let doc = parse(&text).unwrap();
    let nav = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("nav")
                && n.attribute(("http://www.idpf.org/2007/ops", "type")) == Some("toc")
        })
        .expect("a toc nav");
    nav.descendants()
        .filter(|n| n.has_tag_name("a"))
        .map(|a| {
            let depth = a.ancestors().filter(|x| x.has_tag_name("ol")).count();
            (a.attribute("href").unwrap().to_string(), text_of(a), depth)
        })
        .collect()
}

// ---------- tests ----------

#[test]
fn every_epub_is_a_well_formed_container_with_a_complete_manifest_and_working_links() {
    for dir in issue_folders() {
        let (out, _) = build_fresh(&dir, &[]);
        let articles = load(&dir).articles;
        let found = epubs_in(out.path());
        assert_eq!(
            found.len(),
            articles.len() + 1,
            "{dir}: one EPUB per article and one for the issue: {found:?}"
        );
        for (slug, article) in &articles {
            let epub = inspect(&out.path().join(slug).join(format!("{slug}.epub")));
            let (_, spine) = manifest_and_spine(&epub.opf());
            let order: Vec<String> = spine.iter().map(|s| s.0.clone()).collect();
            // The title page, the body, each sub-article's document, the contributors.
            let mut expected = vec!["a1-title".to_string(), "a1-body".to_string()];
            expected.extend((1..=article.sub_articles.len()).map(|i| format!("a1-sub{i}")));
            expected.extend(["about".to_string(), "nav".to_string()]);
            assert_eq!(order, expected, "{dir} {slug}");
            let nav = spine.last().expect("nav in the spine");
            assert_eq!(nav.1.as_deref(), Some("no"), "nav is not linear");
            // The table of contents: the article, its sections, "About".
            let entries = toc(&epub);
            assert_eq!(entries[0].0, "a1/title.xhtml");
            assert_eq!(entries[0].1, plain(&article.title));
            assert_eq!(entries.last().unwrap().0, "about.xhtml");
            let sections = count_sections(&article.body);
            let body_entries = entries
                .iter()
                .filter(|e| e.0.starts_with("a1/article.xhtml#"))
                .count();
            assert!(
                body_entries >= sections,
                "{dir}: {body_entries} toc entries for {sections} sections"
            );
        }
        inspect(&out.path().join(format!("{}.epub", issue_name(&dir))));
    }
}

fn count_sections(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Section(s) => 1 + count_sections(&s.content),
            _ => 0,
        })
        .sum()
}

#[test]
fn first_article_names_its_contributors_source_and_paragraphs() {
    let (out, _) = build_fresh(FIRST.0, &[]);
    let epub = inspect(&out.path().join(SLUG).join(format!("{SLUG}.epub")));
    let opf = epub.opf();

    let creators = dc(&opf, "creator");
    assert_eq!(
        creators.len(),
        1,
        "only the author is a creator: {creators:?}"
    );
    let (Some(niu), name) = &creators[0] else {
        panic!("dc:creator without id")
    };
    assert_eq!(name, "Niu Jun");
    assert_eq!(refinements(&opf, niu, "role"), [("aut".to_string(), None)]);
    assert_eq!(
        refinements(&opf, niu, "file-as"),
        [("Niu, Jun".to_string(), None)]
    );
    assert_eq!(
        refinements(&opf, niu, "alternate-script"),
        [("牛军".to_string(), Some("zh-Hans".to_string()))]
    );

    let contributors = dc(&opf, "contributor");
    let find = |who: &str| {
        contributors
            .iter()
            .find(|c| c.1 == who)
            .and_then(|c| c.0.clone())
            .unwrap_or_else(|| panic!("{who} is not a dc:contributor: {contributors:?}"))
    };
    let huang = find("Huang Jue");
    assert_eq!(
        refinements(&opf, &huang, "role"),
        [("trl".to_string(), None)]
    );
    let su = find("Su Xuetao");
    assert_eq!(refinements(&opf, &su, "role"), [("edt".to_string(), None)]);

    let sources = dc(&opf, "source");
    assert_eq!(sources.len(), 1);
    assert!(
        sources[0].1.contains("Zhongguo shehui kexue") && sources[0].1.contains("1996"),
        "{sources:?}"
    );
    let src_id = sources[0].0.clone().unwrap();
    assert_eq!(
        refinements(&opf, &src_id, "dcterms:language"),
        [("zh".to_string(), None)]
    );
    assert_eq!(dc(&opf, "language"), [(None, "en".to_string())]);
    let ident = dc(&opf, "identifier");
    assert!(ident[0].1.starts_with("urn:uuid:"), "{ident:?}");
    assert_eq!(metas(&opf, "dcterms:modified"), ["1980-01-01T00:00:00Z"]);

    // The 23 paragraphs of the body, in order, word for word.
    let expected = body_paragraphs(load(FIRST.0).article(SLUG));
    assert_eq!(expected.len(), 23);
    let got = xhtml_paragraphs(&epub.files["EPUB/a1/article.xhtml"]);
    assert_eq!(got, expected);

    // The five sections in the table of contents, and the title page's byline.
    let labels: Vec<String> = toc(&epub)
        .into_iter()
        .filter(|e| e.2 == 2)
        .map(|e| e.1)
        .collect();
    assert_eq!(labels, ["I", "II", "III", "IV", "V"]);
    let title = epub.text("EPUB/a1/title.xhtml");
    assert!(title.contains("<a href=\"../about.xhtml#_c-niu-jun\">Niu Jun</a> (<span lang=\"zh-Hans\" xml:lang=\"zh-Hans\">牛军</span>)"), "{title}");
    assert!(title.contains("Translated by <a href=\"../about.xhtml#_c-huang-jue\">Huang Jue</a>"));
    assert!(title.contains("<cite>Zhongguo shehui kexue</cite>, 1996, no. 2"));
}

/// The stored entries (compressed bytes, CRC, method) of a zip under `prefix`, by the
/// rest of their name.
fn raw_entries(zip: &[u8], prefix: &str) -> BTreeMap<String, (Vec<u8>, u32, String)> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(Cursor::new(zip)).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index_raw(i).expect("entry");
        let name = f.name().expect("name").to_string();
        let Some(rest) = name.strip_prefix(prefix) else {
            continue;
        };
        let (crc, method) = (f.crc32(), format!("{:?}", f.compression()));
        let mut raw = Vec::new();
        f.read_to_end(&mut raw).expect("raw bytes");
        out.insert(rest.to_string(), (raw, crc, method));
    }
    out
}

/// An issue EPUB is assembled from the article pass: each article's documents and images
/// are its own EPUB's entries, copied as stored (same compressed bytes, same CRC), not
/// rendered and deflated a second time.
#[test]
fn issue_epub_copies_each_article_epubs_entries_as_stored() {
    for dir in issue_folders() {
        let (out, _) = build_fresh(&dir, &[]);
        let issue = load(&dir);
        let path = out.path().join(format!("{}.epub", issue_name(&dir)));
        let whole = std::fs::read(&path).expect("issue EPUB");
        for (i, (slug, _)) in issue.articles.iter().enumerate() {
            let own = std::fs::read(out.path().join(slug).join(format!("{slug}.epub")))
                .expect("article EPUB");
            let theirs = raw_entries(&own, "EPUB/a1/");
            let copied = raw_entries(&whole, &format!("EPUB/a{}/", i + 1));
            assert!(theirs.contains_key("title.xhtml") && theirs.contains_key("article.xhtml"));
            let names = |m: &BTreeMap<String, (Vec<u8>, u32, String)>| -> Vec<String> {
                m.keys().cloned().collect()
            };
            assert_eq!(names(&copied), names(&theirs), "{dir} {slug}");
            for (name, entry) in &theirs {
                assert!(copied[name] == *entry, "{dir} {slug}: {name} differs");
            }
        }
    }
}

/// `emit_issue` takes the articles' documents from the EPUB bytes it is given: article
/// EPUBs written with stored entries give stored entries in an issue EPUB whose own files
/// are deflated.
#[test]
fn emit_issue_copies_from_the_article_epubs_it_is_given() {
    use galley::emit::epub::{IssueArticle, emit_issue};
    use galley::emit::{Context, EmitOptions, EpubCompression, Format};
    let issue = load(KITCHEN_SINK.0);
    let (slug, article) = (KITCHEN_SINK.1, issue.article(KITCHEN_SINK.1));
    let assets = issue.assets(slug, article);
    let stored = EmitOptions {
        epub_compression: EpubCompression::Store,
        ..EmitOptions::default()
    };
    let ctx = Context {
        issue: &issue.issue,
        contributors: &issue.contributors,
        slug,
        assets: &assets,
        options: &stored,
    };
    let resolved = galley::resolve::resolve(article, &ctx).expect("resolves");
    let own = Format::Epub
        .emit_resolved(&resolved)
        .expect("article EPUB")
        .bytes;
    let parts = [IssueArticle {
        resolved: &resolved,
        epub: &own,
    }];
    let deflated = EmitOptions::default();
    let whole = emit_issue(
        &issue.issue,
        &issue.contributors,
        "sink",
        &parts,
        None,
        &deflated,
    )
    .expect("issue EPUB")
    .bytes;
    galley_dev::epub::check_epub(&whole).expect("a well-formed package");
    let copied = raw_entries(&whole, "EPUB/a1/");
    assert!(copied.contains_key("article.xhtml"), "{:?}", copied.keys());
    for (name, (_, _, method)) in &copied {
        assert_eq!(method, "Stored", "{name}");
    }
    let own_files = raw_entries(&whole, "EPUB/");
    assert_eq!(own_files["about.xhtml"].2, "Deflated");
    assert_eq!(own_files["package.opf"].2, "Deflated");
}

#[test]
fn issue_epub_holds_every_article_and_every_contributor_linked_from_the_bylines() {
    for dir in issue_folders() {
        let (out, _) = build_fresh(&dir, &[]);
        let issue = load(&dir);
        let (articles, contributors) = (&issue.articles, &issue.contributors);
        let epub = inspect(&out.path().join(format!("{}.epub", issue_name(&dir))));
        let (manifest, spine) = manifest_and_spine(&epub.opf());
        let mut expected = Vec::new();
        if issue.issue.issue.cover.is_some() {
            expected.push("cover".to_string());
        }
        expected.push("issue".to_string());
        for (i, (_, article)) in articles.iter().enumerate() {
            let i = i + 1;
            expected.push(format!("a{i}-title"));
            expected.push(format!("a{i}-body"));
            for k in 1..=article.sub_articles.len() {
                expected.push(format!("a{i}-sub{k}"));
            }
        }
        expected.extend(["about".to_string(), "nav".to_string()]);
        let order: Vec<String> = spine.iter().map(|s| s.0.clone()).collect();
        assert_eq!(order, expected, "{dir}");
        assert!(manifest.iter().any(|m| m.1 == "issue.xhtml"));

        // Each article's title page, in issue order.
        for (i, (slug, article)) in articles.iter().enumerate() {
            let page = epub.text(&format!("EPUB/a{}/title.xhtml", i + 1));
            let doc = parse(&page).unwrap();
            let h1 = doc.descendants().find(|n| n.has_tag_name("h1")).unwrap();
            assert_eq!(
                text_of(h1),
                plain(&article.title),
                "{dir}: article {} is {slug}",
                i + 1
            );
            // Every contributor of the byline links to their entry.
            for ac in &article.contributors {
                let link = format!("../about.xhtml#_c-{}", ac.contributor);
                assert!(page.contains(&link), "{dir} {slug}: no link {link}");
            }
        }

        // "About the Authors": everyone in contributors.yaml, once each (grouped by role,
        // in the list's order within each group: see the next test).
        let about = epub.text("EPUB/about.xhtml");
        let doc = parse(&about).unwrap();
        let mut entries: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("li"))
            .filter_map(|n| n.attribute("id"))
            .collect();
        entries.sort_unstable();
        let mut want: Vec<String> = contributors
            .contributors
            .iter()
            .map(|c| format!("_c-{}", c.id))
            .collect();
        want.sort_unstable();
        assert_eq!(entries, want, "{dir}");
    }
    // input/: the 21 people of the printed list, the translator and the reviser.
    assert_eq!(load(FIRST.0).contributors.contributors.len(), 23);
    let (out, _) = build_fresh(FIRST.0, &[]);
    let about = Epub::open(&out.path().join("social-sciences-in-china-input.epub"))
        .text("EPUB/about.xhtml");
    for (name, original) in [
        ("Niu Jun", "牛军"),
        ("Cai Shangsi", "蔡尚思"),
        ("Wu Yifeng", "吴易风"),
    ] {
        assert!(about.contains(name) && about.contains(original), "{name}");
    }
    assert!(about.contains("(entry incomplete in the source)"));
    assert!(about.contains("In this issue: <a href=\"a1/title.xhtml\">The Origin of the Sino-Soviet Alliance</a> (author)."));
}

#[test]
fn golden_package_documents() {
    let mut failures = Vec::new();
    for dir in issue_folders() {
        let (out, _) = build_fresh(&dir, &[]);
        let mut cases: Vec<(String, PathBuf)> = load(&dir)
            .articles
            .iter()
            .map(|(slug, _)| {
                (
                    slug.clone(),
                    out.path().join(slug).join(format!("{slug}.epub")),
                )
            })
            .collect();
        // Named by the issue's folder, whatever the EPUB's name.
        let folder = Path::new(&dir).file_name().unwrap().to_string_lossy();
        cases.push((
            format!("{folder}.issue"),
            out.path().join(format!("{}.epub", issue_name(&dir))),
        ));
        for (case, path) in cases {
            let opf = Epub::open(&path).opf();
            if let Err(e) = golden_diff(&format!("epub/{case}.opf"), opf.as_bytes()) {
                failures.push(e);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rebuilds_are_byte_identical_across_clock_time_zone_and_locale() {
    for dir in [FIRST.0, KITCHEN_SINK.0] {
        let (a, _) = build_fresh(dir, &[("TZ", "UTC"), ("LC_ALL", "C")]);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let (b, _) = build_fresh(
            dir,
            &[
                ("TZ", "Asia/Shanghai"),
                ("LC_ALL", "zh_CN.UTF-8"),
                ("LANG", "zh_CN.UTF-8"),
            ],
        );
        let first = epubs_in(a.path());
        assert!(!first.is_empty());
        for p in &first {
            let rel = p.strip_prefix(a.path()).unwrap();
            let x = std::fs::read(p).unwrap();
            let y = std::fs::read(b.path().join(rel)).unwrap();
            assert!(x == y, "{dir}: {} differs between builds", rel.display());
        }
        for (slug, _) in load(dir).articles {
            let rel = Path::new(&slug).join("index.html");
            assert_eq!(
                std::fs::read(a.path().join(&rel)).unwrap(),
                std::fs::read(b.path().join(&rel)).unwrap(),
                "{dir}: the preview differs"
            );
        }
    }
}

#[test]
fn modified_date_comes_from_the_input_or_source_date_epoch_never_the_clock() {
    // input/ states no date: SOURCE_DATE_EPOCH, else the documented fallback (reported).
    let (out, output) = build_fresh(FIRST.0, &[]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("missing.epub.modified"), "{report}");
    let epub = Epub::open(&out.path().join(SLUG).join(format!("{SLUG}.epub")));
    assert_eq!(
        metas(&epub.opf(), "dcterms:modified"),
        ["1980-01-01T00:00:00Z"]
    );

    let (out, output) = build_fresh(FIRST.0, &[("SOURCE_DATE_EPOCH", "820454400")]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(!report.contains("missing.epub.modified"), "{report}");
    for p in epubs_in(out.path()) {
        let epub = Epub::open(&p);
        assert_eq!(
            metas(&epub.opf(), "dcterms:modified"),
            ["1996-01-01T00:00:00Z"]
        );
        let mut zip = zip::ZipArchive::new(Cursor::new(epub.raw.clone())).unwrap();
        for i in 0..zip.len() {
            let f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let t = f.last_modified().unwrap();
            assert_eq!((t.year(), t.month(), t.day()), (1996, 1, 1), "{name}");
            assert_eq!(f.unix_mode().map(|m| m & 0o777), Some(0o644), "{name}");
        }
    }

    // The kitchen sink's latest article date wins over SOURCE_DATE_EPOCH.
    let (out, _) = build_fresh(KITCHEN_SINK.0, &[("SOURCE_DATE_EPOCH", "820454400")]);
    let epub = Epub::open(&out.path().join("kitchen-sink/kitchen-sink.epub"));
    assert_eq!(
        metas(&epub.opf(), "dcterms:modified"),
        ["1996-06-15T00:00:00Z"]
    );
}

#[test]
fn accessibility_metadata_is_derived_from_the_content() {
    // A text-only article: textual, no alternativeText claim.
    let (out, _) = build_fresh(FIRST.0, &[]);
    let opf = Epub::open(&out.path().join(SLUG).join(format!("{SLUG}.epub"))).opf();
    assert_eq!(metas(&opf, "schema:accessMode"), ["textual"]);
    assert_eq!(metas(&opf, "schema:accessModeSufficient"), ["textual"]);
    let features = metas(&opf, "schema:accessibilityFeature");
    assert!(!features.contains(&"alternativeText".to_string()));
    assert!(features.contains(&"tableOfContents".to_string()));
    assert_eq!(metas(&opf, "schema:accessibilityHazard"), ["none"]);
    assert!(metas(&opf, "schema:accessibilitySummary")[0].contains("no images"));
    // galley's English summary is marked as English (the package is in the article's
    // language).
    let doc = parse(&opf).unwrap();
    let summary = doc
        .descendants()
        .find(|n| n.attribute("property") == Some("schema:accessibilitySummary"))
        .expect("a summary");
    assert_eq!(
        summary.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("en")
    );
    assert_eq!(
        metas(&opf, "dcterms:conformsTo"),
        ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
    );
    assert_eq!(
        refinements(&opf, "conformance", "a11y:certifiedBy"),
        [("Social Sciences in China".to_string(), None)]
    );

    // Images, all with alt text.
    let (out, _) = build_fresh(KITCHEN_SINK.0, &[]);
    let opf = Epub::open(&out.path().join("kitchen-sink/kitchen-sink.epub")).opf();
    assert_eq!(metas(&opf, "schema:accessMode"), ["textual", "visual"]);
    assert_eq!(
        metas(&opf, "schema:accessModeSufficient"),
        ["textual", "textual,visual"]
    );
    assert!(metas(&opf, "schema:accessibilityFeature").contains(&"alternativeText".to_string()));
    assert_eq!(metas(&opf, "dcterms:conformsTo").len(), 1);

    // Two images without alt text: no alternativeText, no textual-only mode, no claim.
    let copy = no_alt_copy();
    let out = tempfile::tempdir().unwrap();
    let output = build_ok(copy.path(), out.path(), &[]);
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("missing.epub.conformance"), "{report}");
    let opf = Epub::open(&out.path().join("kitchen-sink/kitchen-sink.epub")).opf();
    assert_eq!(metas(&opf, "schema:accessMode"), ["textual", "visual"]);
    assert_eq!(
        metas(&opf, "schema:accessModeSufficient"),
        ["textual,visual"]
    );
    assert!(!metas(&opf, "schema:accessibilityFeature").contains(&"alternativeText".to_string()));
    assert!(metas(&opf, "dcterms:conformsTo").is_empty());
    assert!(metas(&opf, "schema:accessibilitySummary")[0].contains("2 without a text alternative"));
}

/// A figure's image says which it has: its alt text, decorative (only when the YAML says
/// `decorative: true`: `alt=""`), or no text alternative available (no `alt` in a
/// figure with a caption, galley's sentence in one without). JATS and TEI likewise.
#[test]
fn figures_say_whether_they_have_alt_text_are_decorative_or_have_none() {
    let copy = no_alt_copy();
    let out = tempfile::tempdir().unwrap();
    build_ok(copy.path(), out.path(), &[]);
    let epub = Epub::open(&out.path().join("kitchen-sink/kitchen-sink.epub"));
    let body = epub.text("EPUB/a1/article.xhtml");
    let doc = parse(&body).expect("XHTML");
    let img = |fig: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("figure") && n.attribute("id") == Some(fig))
            .and_then(|f| f.descendants().find(|n| n.has_tag_name("img")))
            .unwrap_or_else(|| panic!("no img in {fig}"))
    };
    // A caption, no alt given: no alt attribute (HTML allows it in a captioned figure).
    assert_eq!(img("fig-map").attribute("alt"), None);
    // No caption, no alt given: galley says none is available, never alt="".
    assert_eq!(
        img("fig-chart").attribute("alt"),
        Some("No text alternative is available for this image.")
    );
    // Decorative, as the YAML says.
    assert_eq!(img("fig-ornament").attribute("alt"), Some(""));

    let jats =
        std::fs::read_to_string(out.path().join("kitchen-sink/kitchen-sink.jats.xml")).unwrap();
    let doc = parse(&jats).expect("JATS");
    let alt_texts: Vec<(String, Option<String>)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("fig"))
        .map(|f| {
            let alt = f
                .descendants()
                .find(|n| n.has_tag_name("alt-text"))
                .map(text_of);
            (f.attribute("id").unwrap_or("").to_string(), alt)
        })
        .collect();
    assert_eq!(
        alt_texts,
        [
            // The graphical abstract's figure, in the front matter, keeps its alt text.
            (
                "graphical-abstract".to_string(),
                Some(
                    "A grid of colours summing the article up, from red at the left to green at the bottom."
                        .to_string()
                )
            ),
            ("fig-map".to_string(), None),
            ("fig-chart".to_string(), None),
            ("fig-ornament".to_string(), Some("null".to_string())),
            // The appendix's figure keeps its alt text.
            (
                "fig-app".to_string(),
                Some("The same colour gradient, again.".to_string())
            ),
            // So does the translation's.
            (
                "fig-sa-pt".to_string(),
                Some("Um mapa pequeno.".to_string())
            ),
        ]
    );
    let tei =
        std::fs::read_to_string(out.path().join("kitchen-sink/kitchen-sink.tei.xml")).unwrap();
    let doc = parse(&tei).expect("TEI");
    let figures: Vec<(Option<&str>, bool)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("figure"))
        .map(|f| {
            (
                f.attribute("type"),
                f.children().any(|c| c.has_tag_name("figDesc")),
            )
        })
        .collect();
    assert_eq!(
        figures,
        [
            (None, true),
            (None, false),
            (None, false),
            (Some("decorative"), false),
            (None, true),
            // The translation's figure.
            (None, true)
        ]
    );
}

/// A copy of the kitchen-sink issue whose first two figures (one with a caption, one
/// without) have no alt text.
fn no_alt_copy() -> tempfile::TempDir {
    let dst = tempfile::tempdir().unwrap();
    copy_dir(&root().join(KITCHEN_SINK.0), dst.path());
    let article = dst.path().join("kitchen-sink/article.yaml");
    let mut text = std::fs::read_to_string(&article).unwrap();
    for line in [
        "            alt: A small square colour gradient.\n",
        // The chart keeps no caption: a figure with neither alt text nor caption.
        "            title: A Gradient\n            caption:\n              - The first paragraph of the caption.\n              - The second paragraph of the caption.\n",
        "                  alt: A colour gradient standing in for a map of Northeast China.\n",
    ] {
        assert!(
            text.contains(line),
            "the fixture changed: update no_alt_copy"
        );
        text = text.replace(line, "");
    }
    std::fs::write(&article, text).unwrap();
    dst
}

#[test]
fn losses_point_into_the_right_file() {
    let (_, output) = build_fresh(KITCHEN_SINK.0, &[]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    let diags = &all_diagnostics(&json);
    let find = |code: &str, pointer: &str| {
        diags
            .iter()
            .find(|d| d["code"] == code && d["pointer"] == pointer)
            .unwrap_or_else(|| panic!("no {code} at {pointer}"))
    };
    for (code, pointer, file) in [
        (
            "loss.epub.email",
            "/contributors/1/email",
            "contributors.yaml",
        ),
        (
            "loss.epub.ror",
            "/contributors/0/affiliations/0/ror",
            "contributors.yaml",
        ),
        (
            "loss.epub.credit",
            "/contributors/0/credit",
            "kitchen-sink/article.yaml",
        ),
        (
            "loss.epub.credit",
            "/contributors/1/credit",
            "kitchen-sink/article.yaml",
        ),
        (
            "loss.epub.publisher-id",
            "/journal/publisher_id",
            "issue.yaml",
        ),
    ] {
        let d = find(code, pointer);
        assert_eq!(d["severity"], "loss");
        assert!(
            d["file"].as_str().unwrap().ends_with(file),
            "{code}: {}",
            d["file"]
        );
        assert!(d["line"].as_u64().is_some(), "{code} has a position");
    }
    // Each fact is reported once, though both EPUBs lose it.
    let email = diags
        .iter()
        .filter(|d| d["code"] == "loss.epub.email")
        .count();
    assert_eq!(email, 1);
    // The ORCID iD is carried (a link in "About the Authors"): no loss.
    assert!(!diags.iter().any(|d| d["code"] == "loss.epub.orcid"));
}

/// EPUBCheck, warnings counted as failures, and DAISY Ace over what `invariants.rs` does
/// not check: each issue's EPUB; and the EPUB of an article with a figure lacking alt
/// text, which EPUBCheck accepts and Ace rejects for that figure alone.
#[test]
fn epubcheck_passes_the_issue_epubs_and_a_figure_without_alt_text() {
    let out = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, dir) in issue_folders().iter().enumerate() {
        let o = out.path().join(i.to_string());
        build_ok(&root().join(dir), &o, &[]);
        files.push(o.join(format!("{}.epub", issue_name(dir))));
    }
    assert!(files.len() >= 3, "{files:?}");
    let files: Vec<(&str, &Path)> = files.iter().map(|f| ("--epub", f.as_path())).collect();
    let report = official_check(&files);
    assert!(report.contains("PASS  EPUBCheck"), "{report}");
    // A figure whose source gives no alt text: EPUBCheck accepts it, DAISY Ace finds
    // exactly that (axe-core's `image-alt`) and nothing else.
    let no_alt = no_alt_copy();
    let o = out.path().join("no-alt");
    build_ok(no_alt.path(), &o, &[]);
    let file = o.join("kitchen-sink/kitchen-sink.epub");
    let report = official_rejection(&[("--epub", file.as_path())]);
    assert!(report.contains("PASS  EPUBCheck"), "{report}");
    assert!(report.contains("FAIL  DAISY Ace"), "{report}");
    let rules: Vec<&str> = report
        .lines()
        .filter_map(|l| l.strip_prefix("   ")?.split_once(".xhtml: "))
        .map(|(_, rest)| rest.split(' ').next().unwrap_or(""))
        .collect();
    assert!(
        !rules.is_empty() && rules.iter().all(|r| *r == "image-alt"),
        "{rules:?}\n{report}"
    );
}

/// EPUBCheck's warnings are failures: the first article's EPUB with one fault added that
/// EPUBCheck only warns about (OPF-053, a `dc:date` that is no date) fails the check.
#[test]
fn an_epubcheck_warning_alone_fails_the_official_check() {
    use std::io::Write;
    let (out, _) = build_fresh(FIRST.0, &[]);
    let epub = Epub::open(&out.path().join(SLUG).join(format!("{SLUG}.epub")));
    let path = out.path().join("warning.epub");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for name in &epub.names {
        let mut bytes = epub.files[name].clone();
        if name == "EPUB/package.opf" {
            let opf = epub.text(name);
            assert!(opf.contains("<dc:language>"), "{opf}");
            bytes = opf
                .replacen(
                    "<dc:language>",
                    "<dc:date>someday</dc:date><dc:language>",
                    1,
                )
                .into_bytes();
        }
        zip.start_file(name.as_str(), stored).expect("entry");
        zip.write_all(&bytes).expect("write entry");
    }
    zip.finish().expect("zip");
    let report = official_rejection(&[("--epub", path.as_path())]);
    assert!(report.contains("FAIL  EPUBCheck"), "{report}");
    assert!(report.contains("WARNING(OPF-053)"), "{report}");
    assert!(
        report.contains("0 fatals / 0 errors / 1 warning"),
        "{report}"
    );
}

#[test]
fn stored_epub_holds_the_same_entries_uncompressed_and_passes_epubcheck() {
    use galley::emit::{EmitOptions, EpubCompression, Format};
    let issue = load(KITCHEN_SINK.0);
    let package = |epub_compression| {
        let options = EmitOptions {
            epub_compression,
            ..EmitOptions::default()
        };
        issue
            .emit_with(
                Format::Epub,
                KITCHEN_SINK.1,
                issue.article(KITCHEN_SINK.1),
                &options,
            )
            .expect("EPUB emits")
            .bytes
    };
    let methods = |bytes: &[u8]| -> Vec<(String, zip::CompressionMethod)> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        (0..zip.len())
            .map(|i| {
                let f = zip.by_index(i).expect("entry");
                (f.name().expect("name").to_string(), f.compression())
            })
            .collect()
    };
    let out = tempfile::tempdir().unwrap();
    let deflated_path = out.path().join("deflated.epub");
    let stored_path = out.path().join("stored.epub");
    std::fs::write(&deflated_path, package(EpubCompression::default())).unwrap();
    std::fs::write(&stored_path, package(EpubCompression::Store)).unwrap();
    let deflated = Epub::open(&deflated_path);
    let stored = Epub::open(&stored_path);

    assert!(
        methods(&deflated.raw)
            .iter()
            .any(|(n, m)| n.ends_with(".xhtml") && *m == zip::CompressionMethod::Deflated),
        "the default deflates the XHTML"
    );
    for (name, m) in methods(&stored.raw) {
        assert_eq!(m, zip::CompressionMethod::Stored, "{name}");
    }
    assert_eq!(stored.names, deflated.names, "same entries, same order");
    assert_eq!(stored.files, deflated.files, "same contents");
    assert!(stored.raw.len() > deflated.raw.len());
    let report = official_check(&[("--epub", stored_path.as_path())]);
    assert!(report.contains("PASS  EPUBCheck"), "{report}");
}

/// The issue EPUB as readers get it, read back: its file name from the journal and the
/// issue (or `issue.epub_name`), its `dc:title` with volume, number and date in the
/// issue's language, no article's translation source on the package, and "About the
/// Authors" grouped by role with each ORCID iD linked, and its cover.
#[test]
fn the_issue_epub_is_named_titled_and_grouped_from_the_issue() {
    // The kitchen sink names its EPUB; input/ states no volume, number or date, so the
    // folder's name follows the journal's.
    let (out, _) = build_fresh(KITCHEN_SINK.0, &[]);
    let epub = Epub::open(&out.path().join("jgt-1996-2.epub"));
    let opf = epub.opf();
    let titles = dc(&opf, "title");
    assert_eq!(
        titles,
        [(
            Some("title".to_string()),
            "Journal of Galley Testing, vol. 17, no. 2 (15 June 1996): Translation and Its Discontents"
                .to_string()
        )]
    );
    assert!(dc(&opf, "source").is_empty(), "{opf}");
    // The cover: the `cover-image` item with the issue folder's bytes, and a cover page
    // first in the spine, showing it with its alt text.
    let pkg = parse(&opf).unwrap();
    let item = |id: &str| {
        pkg.descendants()
            .find(|n| n.has_tag_name((OPF_NS, "item")) && n.attribute("id") == Some(id))
            .unwrap_or_else(|| panic!("no item {id}"))
    };
    let cover = item("cover-image");
    assert_eq!(cover.attribute("properties"), Some("cover-image"));
    assert_eq!(cover.attribute("media-type"), Some("image/png"));
    assert_eq!(cover.attribute("href"), Some("cover.png"));
    assert_eq!(
        epub.files["EPUB/cover.png"],
        std::fs::read(root().join(KITCHEN_SINK.0).join("cover.png")).unwrap()
    );
    let first = pkg
        .descendants()
        .find(|n| n.has_tag_name((OPF_NS, "itemref")))
        .and_then(|n| n.attribute("idref"));
    assert_eq!(first, Some("cover"));
    assert_eq!(item("cover").attribute("href"), Some("cover.xhtml"));
    let page = epub.text("EPUB/cover.xhtml");
    let page = parse(&page).unwrap();
    let img = page
        .descendants()
        .find(|n| n.has_tag_name((XHTML_NS, "img")))
        .expect("the cover image");
    assert_eq!(img.attribute("src"), Some("cover.png"));
    assert_eq!(
        img.attribute("alt"),
        Some("A blue and violet gradient standing in for the cover of the issue.")
    );
    assert_eq!(img.attribute("role"), Some("doc-cover"));
    let about_text = epub.text("EPUB/about.xhtml");
    let doc = parse(&about_text).unwrap();
    // Each group: its heading and the ids of its entries, in order.
    let groups: Vec<(String, Vec<String>)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("about-group"))
        .map(|g| {
            let heading = g
                .children()
                .find(|c| c.is_element() && c.tag_name().name().starts_with('h'))
                .map(text_of)
                .unwrap_or_default();
            let ids = g
                .descendants()
                .filter(|n| n.has_tag_name((XHTML_NS, "li")))
                .filter_map(|n| n.attribute("id").map(String::from))
                .collect();
            (heading, ids)
        })
        .collect();
    let ids = |v: &[&str]| v.iter().map(|s| format!("_c-{s}")).collect::<Vec<_>>();
    assert_eq!(
        groups,
        [
            ("Authors".to_string(), ids(&["li-hua", "jane-doe"])),
            ("Translators".to_string(), ids(&["wang-fang"])),
            ("Revisers".to_string(), ids(&["zhao-lei"])),
            ("Editors".to_string(), ids(&["ed-smith"])),
        ]
    );
    let orcid = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("_c-li-hua"))
        .and_then(|li| {
            li.descendants().find(|n| {
                n.has_tag_name((XHTML_NS, "a"))
                    && n.attribute("class").is_none()
                    && n.attribute("href")
                        .is_some_and(|h| h.starts_with("https://orcid.org/"))
            })
        })
        .expect("li-hua's ORCID link");
    assert_eq!(
        orcid.attribute("href"),
        Some("https://orcid.org/0000-0002-1825-0097")
    );
    assert_eq!(text_of(orcid), "https://orcid.org/0000-0002-1825-0097");
    // An e-mail address is shown only where `publish_email` says so (Li Hua's, not
    // Jane Doe's).
    let mailto: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .filter(|h| h.starts_with("mailto:"))
        .collect();
    assert_eq!(mailto, ["mailto:li.hua@example.org"]);
    assert!(!about_text.contains("jane.doe@example.org"));
    // The article keeps its translation source in its own package.
    let own = Epub::open(&out.path().join("kitchen-sink/kitchen-sink.epub")).opf();
    assert_eq!(dc(&own, "source").len(), 1);

    let (out, _) = build_fresh(FIRST.0, &[]);
    let epub = Epub::open(&out.path().join("social-sciences-in-china-input.epub"));
    assert_eq!(dc(&epub.opf(), "title")[0].1, "Social Sciences in China");
    let about = epub.text("EPUB/about.xhtml");
    for heading in ["Authors", "Translators", "Revisers", "Other Contributors"] {
        assert!(
            about.contains(&format!(">{heading}</h2>")),
            "{heading}: {about}"
        );
    }
}
