//! The shared XHTML renderer: an [`Article`] (and the issue's contributor list) → the
//! markup of a title page, a body with its back matter, and an "About the Authors" list.
//!
//! Two outputs use it, so what a proofreader sees in the browser is what the ebook holds:
//! - the EPUB content documents ([`super::epub`]), as XHTML with `epub:type` semantics;
//! - the HTML preview `<slug>/index.html` ([`emit_preview`]): one self-contained HTML page
//!   (stylesheet inline, images as `data:` URIs) with the same markup minus `epub:type`.
//!
//! Everything is written through [`XmlWriter`], so text is escaped and mixed content is
//! never re-indented. Input text never becomes markup: inline markup is parsed by
//! [`crate::inline`] and each node is written as an element of a fixed set.
//!
//! Ids: ids written in the YAML (sections, figures, tables) are used as they are; ids the
//! renderer makes up start with `_` (`_fn-fn1`, `_ref-shen1995`, `_c-niu-jun`, `_s2.1`),
//! which no YAML id can, so the two never collide.

use std::collections::{BTreeMap, HashMap};

use super::{Context, EmitError, Emitted, plain, reference_label};
use crate::inline::{Citation, Inline};
use crate::model::{
    Address, Article, Block, Contributor, Figure, Reference, ReferenceName, ReferenceType, Role,
    Section, Table, Text,
};
use crate::xml::XmlWriter;

/// The XHTML namespace.
pub const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
/// The EPUB structural semantics namespace (`epub:type`).
pub const EPUB_NS: &str = "http://www.idpf.org/2007/ops";

/// The stylesheet shared by the EPUB and the preview: a readable serif text face with a
/// CJK-safe fallback chain (system fonts only; nothing is embedded).
///
/// It holds no `<`, `>` or `&`, so it can sit verbatim inside an HTML `<style>`.
pub const CSS: &str = r#"/* galley: one stylesheet for the EPUB and the HTML preview. */
html { font-size: 100%; }
body {
  font-family: "Noto Serif", "Source Serif 4", "Source Serif Pro", Georgia, Cambria,
    "Times New Roman", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong,
    SimSun, serif;
  line-height: 1.6;
  color: #1a1a1a;
  background-color: #ffffff;
  margin: 0 4%;
  hyphens: auto;
  -webkit-hyphens: auto;
}
:lang(zh), :lang(ja), :lang(ko) {
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong, SimSun,
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", serif;
  hyphens: none;
  -webkit-hyphens: none;
}
h1, h2, h3, h4, h5, h6, .heading-deep {
  font-family: "Noto Sans", "Source Sans 3", "Helvetica Neue", Arial, "Noto Sans CJK SC",
    "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  line-height: 1.25;
  font-weight: bold;
  hyphens: none;
  -webkit-hyphens: none;
  page-break-after: avoid;
  break-after: avoid;
}
h1 { font-size: 1.6em; margin: 1.2em 0 0.6em; }
h2 { font-size: 1.3em; margin: 1.4em 0 0.5em; }
h3 { font-size: 1.15em; margin: 1.2em 0 0.4em; }
h4, h5, h6, .heading-deep { font-size: 1em; margin: 1em 0 0.3em; }
p { margin: 0 0 0.8em; text-align: left; }
a { color: #0b4f9c; text-decoration: underline; }
.sc { font-variant: small-caps; }
.title-page { margin-bottom: 2em; }
.title-page .section-heading { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.85em; color: #444444; }
.title-page .title { font-size: 1.8em; margin-top: 0.5em; }
.subtitle { font-size: 1.2em; font-style: italic; margin-top: -0.3em; }
.byline { font-size: 1.1em; font-weight: bold; }
.contributor-roles, .translation-note, .journal, .dates, .license, .keywords { font-size: 0.95em; }
.translation-note { font-style: italic; }
.abstract { margin: 1.5em 0; padding: 0.8em 1em; border-left: 0.25em solid #8a8a8a; background-color: #f5f5f5; }
.label { font-weight: bold; }
blockquote { margin: 1em 2em; }
figure { margin: 1.5em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; margin-top: 0.4em; text-align: left; }
figure.quote { text-align: left; }
i i, cite i, i cite, .translation-note cite { font-style: normal; }
figure.quote figcaption { text-align: right; font-style: italic; }
.credit { color: #444444; }
.table-wrap { margin: 1.5em 0; overflow-x: auto; }
table { border-collapse: collapse; margin: 0 auto; }
caption { caption-side: top; font-size: 0.9em; margin-bottom: 0.4em; text-align: left; }
th, td { border: 1px solid #8a8a8a; padding: 0.2em 0.6em; vertical-align: top; }
th { background-color: #eeeeee; }
.table-foot { font-size: 0.85em; }
.end-notes { margin-top: 2em; font-style: italic; }
.footnotes, .references, .acknowledgements, .funding { margin-top: 2em; border-top: 1px solid #8a8a8a; }
.footnotes aside, .footnotes p, .references li { font-size: 0.9em; }
.references ul { list-style: none; padding-left: 0; }
.references li { padding-left: 2em; text-indent: -2em; margin-bottom: 0.5em; }
.about ul { list-style: none; padding-left: 0; }
.about li { margin-bottom: 1em; }
.about .name { font-weight: bold; }
.incomplete, .note { font-style: italic; color: #444444; }
.contents li { margin-bottom: 0.6em; }
nav ol { list-style: none; }
"#;

/// Extra rules for the browser preview only: a centred column of comfortable width.
const PREVIEW_CSS: &str = r#"
body { max-width: 42em; margin: 2em auto; padding: 0 1.5em; }
.document-part { border-top: 2px solid #cccccc; margin-top: 3em; padding-top: 1em; }
"#;

/// Which flavour of markup to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// XHTML content documents of an EPUB: `xml:lang` beside `lang`, `epub:type` semantics.
    Epub,
    /// An HTML page for browsers: no `epub:type`, no `xml:lang`.
    Html,
}

/// Where an article's parts live, as hrefs relative to the article's own documents.
/// The preview puts everything in one page, so all three are the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// The title page.
    pub title: String,
    /// The body and its back matter (notes, references).
    pub body: String,
    /// The "About the Authors" list.
    pub about: String,
}

/// The id of a contributor's entry in the "About the Authors" list.
pub fn contributor_anchor(id: &str) -> String {
    format!("_c-{id}")
}

/// An entry of a table of contents: a section (or back-matter part) of the body.
#[derive(Debug, Clone, PartialEq)]
pub struct TocEntry {
    /// The fragment id in the body document.
    pub id: String,
    /// The heading's content.
    pub label: Vec<Inline>,
    /// Nested sections.
    pub children: Vec<TocEntry>,
}

/// What a figure's image becomes: the `src` to write and the media type of the bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The `src` attribute.
    pub src: String,
    /// The media type, from the file's first bytes.
    pub media_type: &'static str,
}

/// Every figure of an article, in reading order.
pub fn figures(article: &Article) -> Vec<&Figure> {
    let mut out = Vec::new();
    crate::model::walk_blocks(&article.body, "", &mut |_, b| {
        if let Block::Figure(f) = b {
            out.push(f);
        }
    });
    out
}

/// The parsed markup of a text, owned (the parse itself is cached in the text).
pub fn parse(t: &Text) -> Vec<Inline> {
    t.inlines().into_owned()
}

/// The name of a language for readers: `zh` → "Chinese". Unknown tags are given as they are.
pub fn language_name(tag: &str) -> String {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    let name = match primary.as_str() {
        "zh" => "Chinese",
        "en" => "English",
        "ru" => "Russian",
        "ja" => "Japanese",
        "ko" => "Korean",
        "fr" => "French",
        "de" => "German",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "vi" => "Vietnamese",
        "mn" => "Mongolian",
        "bo" => "Tibetan",
        "ar" => "Arabic",
        _ => return tag.to_string(),
    };
    name.to_string()
}

/// "A", "A and B", "A, B and C".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Opens a heading of `level`; levels past 6 become `p role="heading" aria-level`.
fn open_heading(w: &mut XmlWriter, level: usize, attrs: &[(&str, &str)]) {
    if level <= 6 {
        w.open(&format!("h{}", level.max(1)), attrs);
    } else {
        let lvl = level.to_string();
        let mut a: Vec<(&str, &str)> = attrs.to_vec();
        a.extend([
            ("class", "heading-deep"),
            ("role", "heading"),
            ("aria-level", lvl.as_str()),
        ]);
        w.open("p", &a);
    }
}

/// How footnote references, citations and cross-references are written. Text outside an
/// article (contributor entries) cannot hold them: [`NoRefs`] writes nothing.
trait Refs {
    fn footnote(&mut self, w: &mut XmlWriter, id: &str);
    fn cite(&mut self, w: &mut XmlWriter, cites: &[Citation], links: bool);
    fn xref(&mut self, w: &mut XmlWriter, id: &str, links: bool);
}

struct NoRefs;

impl Refs for NoRefs {
    fn footnote(&mut self, _: &mut XmlWriter, _: &str) {}
    fn cite(&mut self, _: &mut XmlWriter, _: &[Citation], _: bool) {}
    fn xref(&mut self, _: &mut XmlWriter, _: &str, _: bool) {}
}

/// Writes a language attribute pair for the target.
fn lang_attrs(target: Target, lang: &str) -> Vec<(&'static str, String)> {
    match target {
        Target::Epub => vec![("lang", lang.to_string()), ("xml:lang", lang.to_string())],
        Target::Html => vec![("lang", lang.to_string())],
    }
}

fn as_refs<'v>(v: &'v [(&'static str, String)]) -> Vec<(&'static str, &'v str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// Writes inline content. With `links` false (inside a link, a table of contents entry),
/// links become plain text and footnote references are left out.
fn write_inline(
    w: &mut XmlWriter,
    nodes: &[Inline],
    target: Target,
    links: bool,
    refs: &mut dyn Refs,
) {
    for n in nodes {
        match n {
            Inline::Text(t) => w.text(t),
            Inline::Italic(c) => wrap(w, "i", &[], c, target, links, refs),
            Inline::Bold(c) => wrap(w, "b", &[], c, target, links, refs),
            Inline::Sup(c) => wrap(w, "sup", &[], c, target, links, refs),
            Inline::Sub(c) => wrap(w, "sub", &[], c, target, links, refs),
            Inline::SmallCaps(c) => wrap(w, "span", &[("class", "sc")], c, target, links, refs),
            Inline::Lang { lang, content } => {
                let a = lang_attrs(target, lang);
                wrap(w, "span", &as_refs(&a), content, target, links, refs);
            }
            Inline::Link { url, content } => {
                if links {
                    wrap(w, "a", &[("href", url)], content, target, false, refs);
                } else {
                    write_inline(w, content, target, false, refs);
                }
            }
            Inline::FootnoteRef { id, .. } => {
                if links {
                    refs.footnote(w, id);
                }
            }
            Inline::Cite(cs) => refs.cite(w, cs, links),
            Inline::XRef { id, .. } => refs.xref(w, id, links),
        }
    }
}

fn wrap(
    w: &mut XmlWriter,
    name: &str,
    attrs: &[(&str, &str)],
    content: &[Inline],
    target: Target,
    links: bool,
    refs: &mut dyn Refs,
) {
    w.open_inline(name, attrs);
    write_inline(w, content, target, links, refs);
    w.close();
}

/// Writes marked-up text that cannot hold references (contributor entries, journal data).
pub fn write_text(w: &mut XmlWriter, t: &Text, target: Target, links: bool) {
    write_inline(w, &t.inlines(), target, links, &mut NoRefs);
}

/// Writes inline nodes that hold no references (labels already resolved), e.g. in a
/// table of contents.
pub fn write_nodes(w: &mut XmlWriter, nodes: &[Inline], target: Target, links: bool) {
    write_inline(w, nodes, target, links, &mut NoRefs);
}

/// The state of footnote references, citations and cross-references of one article.
struct ArticleRefs {
    target: Target,
    places: Places,
    current: String,
    /// Footnote id → its number (order of the footnote list).
    numbers: HashMap<String, usize>,
    /// Footnote id → how many references were written so far.
    seen: HashMap<String, usize>,
    /// Footnote id → (document, id) of its first reference, for the back-link.
    first: HashMap<String, (String, String)>,
    /// Reference id → its author–date label.
    labels: HashMap<String, String>,
    /// Cross-reference target id → the text a cross-reference shows.
    xrefs: HashMap<String, Vec<Inline>>,
}

impl ArticleRefs {
    fn href(&self, doc: &str, frag: &str) -> String {
        if doc == self.current {
            format!("#{frag}")
        } else {
            format!("{doc}#{frag}")
        }
    }
}

impl Refs for ArticleRefs {
    fn footnote(&mut self, w: &mut XmlWriter, id: &str) {
        let Some(&n) = self.numbers.get(id) else {
            return;
        };
        let count = self.seen.entry(id.to_string()).or_insert(0);
        *count += 1;
        let ref_id = if *count == 1 {
            format!("_fnref-{id}")
        } else {
            format!("_fnref-{id}-{count}")
        };
        if *count == 1 {
            self.first
                .insert(id.to_string(), (self.current.clone(), ref_id.clone()));
        }
        let href = self.href(&self.places.body.clone(), &format!("_fn-{id}"));
        let label = format!("Note {n}");
        let num = n.to_string();
        w.open_inline("sup", &[]);
        let mut attrs = vec![("id", ref_id.as_str()), ("href", href.as_str())];
        if self.target == Target::Epub {
            attrs.push(("epub:type", "noteref"));
        }
        attrs.extend([("role", "doc-noteref"), ("aria-label", label.as_str())]);
        w.open_inline("a", &attrs);
        w.text(&num);
        w.close();
        w.close();
    }

    fn cite(&mut self, w: &mut XmlWriter, cites: &[Citation], links: bool) {
        w.text("(");
        for (i, c) in cites.iter().enumerate() {
            if i > 0 {
                w.text("; ");
            }
            let label = self
                .labels
                .get(&c.id)
                .cloned()
                .unwrap_or_else(|| c.id.clone());
            if links {
                let href = self.href(&self.places.body.clone(), &format!("_ref-{}", c.id));
                w.open_inline("a", &[("href", &href), ("role", "doc-biblioref")]);
                w.text(&label);
                w.close();
            } else {
                w.text(&label);
            }
            if let Some(loc) = &c.locator {
                w.text(", ");
                w.text(loc);
            }
        }
        w.text(")");
    }

    fn xref(&mut self, w: &mut XmlWriter, id: &str, links: bool) {
        let label = self
            .xrefs
            .get(id)
            .cloned()
            .unwrap_or_else(|| vec![Inline::Text(id.to_string())]);
        if links {
            let href = self.href(&self.places.body.clone(), id);
            w.open_inline("a", &[("href", &href)]);
            write_inline(w, &label, self.target, false, &mut NoRefs);
            w.close();
        } else {
            write_inline(w, &label, self.target, false, &mut NoRefs);
        }
    }
}

fn full_name(n: &ReferenceName) -> String {
    match (&n.literal, &n.family, &n.given) {
        (Some(l), _, _) => l.clone(),
        (None, Some(f), Some(g)) => format!("{f}, {g}"),
        (None, Some(f), None) => f.clone(),
        (None, None, Some(g)) => g.clone(),
        (None, None, None) => String::new(),
    }
}

fn names_list(names: &[ReferenceName]) -> String {
    join_and(&names.iter().map(full_name).collect::<Vec<_>>())
}

/// The generated id of a section without one: `_s` and its position, `_s2.1`.
fn section_id(s: &Section, path: &[usize]) -> String {
    match &s.id {
        Some(id) => id.to_string(),
        None => {
            let p: Vec<String> = path.iter().map(|i| i.to_string()).collect();
            format!("_s{}", p.join("."))
        }
    }
}

/// A section's heading content: label, a space, title.
fn section_heading(s: &Section) -> Vec<Inline> {
    let mut out = Vec::new();
    if let Some(l) = &s.label {
        out.push(Inline::Text(l.clone()));
    }
    if let Some(t) = &s.title {
        if !out.is_empty() {
            out.push(Inline::Text(" ".into()));
        }
        out.extend(parse(t));
    }
    out
}

/// Renders one article. Create one per output document set; footnote back-links depend on
/// the order in which parts are rendered (title page, then body).
pub struct Renderer<'a> {
    article: &'a Article,
    ctx: Context<'a>,
    target: Target,
    places: Places,
    /// Heading level of the body's top sections.
    level: usize,
    images: BTreeMap<String, ImageRef>,
    refs: ArticleRefs,
}

impl<'a> Renderer<'a> {
    /// A renderer for `target`, with the article's parts at `places`, top-level body
    /// sections at heading `level`, and figure images written with the `src` of `images`
    /// (keyed by the image path of the YAML).
    pub fn new(
        article: &'a Article,
        ctx: &Context<'a>,
        target: Target,
        places: Places,
        level: usize,
        images: BTreeMap<String, ImageRef>,
    ) -> Self {
        let numbers = article
            .footnotes
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.to_string(), i + 1))
            .collect();
        let labels = article
            .references
            .iter()
            .map(|r| (r.id.to_string(), reference_label(r)))
            .collect();
        let mut xrefs = HashMap::new();
        collect_xrefs(&article.body, &mut Vec::new(), &mut xrefs);
        Renderer {
            article,
            ctx: *ctx,
            target,
            refs: ArticleRefs {
                target,
                current: places.title.clone(),
                places: places.clone(),
                numbers,
                seen: HashMap::new(),
                first: HashMap::new(),
                labels,
                xrefs,
            },
            places,
            level,
            images,
        }
    }

    /// Sets the document being written (one of the [`Places`]), for relative links.
    pub fn set_current(&mut self, doc: &str) {
        self.refs.current = doc.to_string();
    }

    fn inline(&mut self, w: &mut XmlWriter, t: &Text) {
        let nodes = parse(t);
        write_inline(w, &nodes, self.target, true, &mut self.refs);
    }

    fn epub_type<'s>(&self, attrs: &mut Vec<(&'s str, &'s str)>, value: &'s str) {
        if self.target == Target::Epub {
            attrs.push(("epub:type", value));
        }
    }

    fn para(&mut self, w: &mut XmlWriter, class: Option<&str>, t: &Text) {
        match class {
            Some(c) => w.open("p", &[("class", c)]),
            None => w.open("p", &[]),
        }
        self.inline(w, t);
        w.close();
    }

    /// Writes a contributor's name (Latin script, then the original script in a language
    /// span), linked to the "About the Authors" entry when `link` is set.
    fn person(&mut self, w: &mut XmlWriter, c: &Contributor, link: bool) {
        if link {
            let href = self.refs.href(
                &self.places.about.clone(),
                &contributor_anchor(c.id.as_str()),
            );
            w.open_inline("a", &[("href", &href)]);
            w.text(&c.name.display());
            w.close();
        } else {
            w.text(&c.name.display());
        }
        if let Some(o) = &c.original_name {
            w.text(" (");
            write_original_name(w, o, self.target);
            w.text(")");
        }
    }

    /// The article's contributors with `role`, in byline order.
    fn with_role(&self, role: Role) -> Vec<&'a Contributor> {
        self.article
            .contributors
            .iter()
            .filter(|c| c.role == role)
            .filter_map(|c| self.ctx.contributor(&c.contributor))
            .collect()
    }

    fn people(&mut self, w: &mut XmlWriter, people: &[&Contributor]) {
        for (i, c) in people.iter().enumerate() {
            if i > 0 {
                w.text(if i + 1 == people.len() { " and " } else { ", " });
            }
            self.person(w, c, true);
        }
    }

    /// The title page: the section heading of the issue, title, subtitle, byline, the
    /// other contributors with their roles, the translation note, the journal, dates,
    /// licence, abstract and keywords. The title is a heading of `level`.
    pub fn title_page(&mut self, w: &mut XmlWriter, level: usize) {
        let art = self.article;
        let mut attrs = vec![("class", "title-page")];
        self.epub_type(&mut attrs, "titlepage");
        attrs.push(("aria-labelledby", "_title"));
        w.open("section", &attrs);
        if let Some(h) = &art.heading {
            w.leaf("p", &[("class", "section-heading")], h);
        }
        open_heading(w, level, &[("class", "title"), ("id", "_title")]);
        self.inline(w, &art.title);
        w.close();
        if let Some(s) = &art.subtitle {
            self.para(w, Some("subtitle"), s);
        }
        let authors = self.with_role(Role::Author);
        if !authors.is_empty() {
            w.open("p", &[("class", "byline")]);
            self.people(w, &authors);
            let corresponding: Vec<&Contributor> = art
                .contributors
                .iter()
                .filter(|c| c.corresponding)
                .filter_map(|c| self.ctx.contributor(&c.contributor))
                .collect();
            w.close();
            if !corresponding.is_empty() {
                w.open("p", &[("class", "contributor-roles")]);
                w.text("Corresponding author: ");
                let names: Vec<String> = corresponding.iter().map(|c| c.name.display()).collect();
                w.text(&join_and(&names));
                w.text(".");
                w.close();
            }
        }
        let roles = [
            (Role::Translator, "Translated by "),
            (Role::Reviser, "Revised by "),
            (Role::Editor, "Edited by "),
        ];
        let present: Vec<_> = roles
            .iter()
            .map(|(r, text)| (self.with_role(*r), *text))
            .filter(|(p, _)| !p.is_empty())
            .collect();
        if !present.is_empty() {
            w.open("p", &[("class", "contributor-roles")]);
            for (i, (people, text)) in present.iter().enumerate() {
                if i > 0 {
                    w.text(" ");
                }
                w.text(text);
                self.people(w, people);
                w.text(".");
            }
            w.close();
        }
        if let Some(tr) = &art.translation {
            w.open("p", &[("class", "translation-note")]);
            w.text(&format!(
                "Translated from the {} original",
                language_name(tr.original_lang.as_str())
            ));
            if let Some(t) = &tr.original_title {
                w.text(", “");
                let la = lang_attrs(self.target, tr.original_lang.as_str());
                w.open_inline("span", &as_refs(&la));
                self.inline(w, t);
                w.close();
                w.text("”,");
            }
            w.text(" published in ");
            let src = &tr.source;
            w.open_inline("cite", &[]);
            w.text(&src.title);
            w.close();
            if let Some(o) = &src.title_original {
                w.text(" (");
                let la = lang_attrs(self.target, tr.original_lang.as_str());
                w.open_inline("span", &as_refs(&la));
                w.text(o);
                w.close();
                w.text(")");
            }
            let mut parts = Vec::new();
            if let Some(y) = src.year {
                parts.push(y.to_string());
            }
            if let Some(v) = &src.volume {
                parts.push(format!("vol. {v}"));
            }
            if let Some(i) = &src.issue {
                parts.push(format!("no. {i}"));
            }
            if let Some(p) = &src.pages {
                parts.push(format!("pp. {}", p.replace('-', "–")));
            }
            for p in &parts {
                w.text(", ");
                w.text(p);
            }
            if let Some(doi) = &src.doi {
                w.text(". ");
                doi_link(w, doi.as_str());
            }
            w.text(".");
            w.close();
        }
        self.journal_line(w);
        let d = &art.dates;
        let dates: Vec<String> = [
            ("Received", &d.received),
            ("revised", &d.revised),
            ("accepted", &d.accepted),
            ("published", &d.published),
        ]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} {v}")))
        .collect();
        if !dates.is_empty() {
            let mut s = dates.join("; ");
            if let Some(first) = s.get(..1) {
                s = first.to_uppercase() + &s[1..];
            }
            s.push('.');
            w.leaf("p", &[("class", "dates")], &s);
        }
        if let Some(l) = &art.license {
            w.open("p", &[("class", "license")]);
            let mut first = true;
            if let Some(c) = &l.copyright {
                w.text(c);
                w.text(".");
                first = false;
            }
            if let Some(t) = &l.text {
                if !first {
                    w.text(" ");
                }
                self.inline(w, t);
                first = false;
            }
            if let Some(u) = &l.url {
                if !first {
                    w.text(" ");
                }
                w.open_inline("a", &[("href", u.as_str())]);
                w.text(u.as_str());
                w.close();
            }
            w.close();
        }
        if !art.abstract_.is_empty() {
            let mut a = vec![("class", "abstract")];
            self.epub_type(&mut a, "abstract");
            a.extend([("role", "doc-abstract"), ("aria-labelledby", "_abstract")]);
            w.open("section", &a);
            open_heading(w, level + 1, &[("id", "_abstract")]);
            w.text("Abstract");
            w.close();
            for p in &art.abstract_ {
                self.para(w, None, p);
            }
            w.close();
        }
        if !art.keywords.is_empty() {
            w.open("p", &[("class", "keywords")]);
            w.open_inline("span", &[("class", "label")]);
            w.text("Keywords:");
            w.close();
            w.text(" ");
            w.text(&art.keywords.join("; "));
            w.close();
        }
        w.close();
    }

    /// The journal, issue, pages, identifiers and publisher of the article.
    fn journal_line(&mut self, w: &mut XmlWriter) {
        let j = &self.ctx.issue.journal;
        let iss = &self.ctx.issue.issue;
        let art = self.article;
        w.open("p", &[("class", "journal")]);
        w.text("Published in ");
        let la = j
            .lang
            .as_ref()
            .map(|l| lang_attrs(self.target, l.as_str()))
            .unwrap_or_default();
        let mut cite_attrs = as_refs(&la);
        cite_attrs.insert(0, ("class", "journal-title"));
        w.open_inline("cite", &cite_attrs);
        match &j.url {
            Some(u) => {
                w.open_inline("a", &[("href", u.as_str())]);
                w.text(&j.title);
                w.close();
            }
            None => w.text(&j.title),
        }
        w.close();
        let mut parts = Vec::new();
        if let Some(v) = &iss.volume {
            parts.push(format!("vol. {v}"));
        }
        if let Some(n) = &iss.number {
            parts.push(format!("no. {n}"));
        }
        if let Some(d) = &iss.date {
            parts.push(d.to_string());
        }
        if let Some(t) = &iss.title {
            parts.push(format!("“{t}”"));
        }
        if let Some(p) = &art.pages {
            parts.push(match &p.last {
                Some(l) => format!("pp. {}–{l}", p.first),
                None => format!("p. {}", p.first),
            });
        }
        if let Some(e) = &art.elocation {
            parts.push(e.clone());
        }
        for p in &parts {
            w.text(", ");
            w.text(p);
        }
        w.text(".");
        if !j.issn.is_empty() {
            let issns: Vec<String> = j
                .issn
                .iter()
                .map(|i| {
                    let medium = match i.format {
                        crate::model::PublicationFormat::Print => "print",
                        crate::model::PublicationFormat::Electronic => "online",
                    };
                    format!("{} ({medium})", i.value)
                })
                .collect();
            w.text(&format!(" ISSN {}.", issns.join(", ")));
        }
        if let Some(p) = &j.publisher {
            w.text(" ");
            match &p.location {
                Some(l) => w.text(&format!("{l}: {}.", p.name)),
                None => w.text(&format!("{}.", p.name)),
            }
        }
        if let Some(doi) = &art.doi {
            w.text(" ");
            doi_link(w, doi.as_str());
            w.text(".");
        }
        w.close();
    }

    /// The body's table of contents: sections, then back-matter parts with headings.
    pub fn toc(&self) -> Vec<TocEntry> {
        fn walk(blocks: &[Block], path: &mut Vec<usize>, out: &mut Vec<TocEntry>) {
            let mut n = 0;
            for b in blocks {
                if let Block::Section(s) = b {
                    n += 1;
                    path.push(n);
                    let mut children = Vec::new();
                    walk(&s.content, path, &mut children);
                    let label = section_heading(s);
                    if label.is_empty() {
                        out.extend(children);
                    } else {
                        out.push(TocEntry {
                            id: section_id(s, path),
                            label,
                            children,
                        });
                    }
                    path.pop();
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.article.body, &mut Vec::new(), &mut out);
        for (id, label, present) in self.back_parts() {
            if present {
                out.push(TocEntry {
                    id: id.to_string(),
                    label: vec![Inline::Text(label.to_string())],
                    children: Vec::new(),
                });
            }
        }
        out
    }

    fn back_parts(&self) -> [(&'static str, &'static str, bool); 4] {
        let a = self.article;
        [
            ("_ack", "Acknowledgements", !a.acknowledgements.is_empty()),
            ("_funding", "Funding", !a.funding.is_empty()),
            ("_notes", "Notes", !a.footnotes.is_empty()),
            ("_refs", "References", !a.references.is_empty()),
        ]
    }

    /// The body: its blocks, the end notes as printed, acknowledgements, funding,
    /// footnotes (with back-links to their first reference) and references.
    pub fn body(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        self.blocks(w, &art.body, 0, &mut Vec::new());
        if !art.end_notes.is_empty() {
            w.open("div", &[("class", "end-notes")]);
            for p in &art.end_notes {
                self.para(w, None, p);
            }
            w.close();
        }
        let level = self.level;
        if !art.acknowledgements.is_empty() {
            let mut a = vec![("class", "acknowledgements"), ("id", "_ack")];
            self.epub_type(&mut a, "acknowledgments");
            a.push(("aria-labelledby", "_ack-h"));
            w.open("section", &a);
            open_heading(w, level, &[("id", "_ack-h")]);
            w.text("Acknowledgements");
            w.close();
            for p in &art.acknowledgements {
                self.para(w, None, p);
            }
            w.close();
        }
        if !art.funding.is_empty() {
            w.open(
                "section",
                &[
                    ("class", "funding"),
                    ("id", "_funding"),
                    ("aria-labelledby", "_funding-h"),
                ],
            );
            open_heading(w, level, &[("id", "_funding-h")]);
            w.text("Funding");
            w.close();
            w.open("ul", &[]);
            for f in &art.funding {
                w.open("li", &[]);
                w.text(&f.funder);
                if let Some(a) = &f.award_id {
                    w.text(&format!(", grant {a}"));
                }
                let people: Vec<&Contributor> = f
                    .recipients
                    .iter()
                    .filter_map(|id| self.ctx.contributor(id))
                    .collect();
                if !people.is_empty() {
                    w.text(", awarded to ");
                    self.people(w, &people);
                }
                w.text(".");
                w.close();
            }
            w.close();
            w.close();
        }
        if !art.footnotes.is_empty() {
            let mut a = vec![("class", "footnotes"), ("id", "_notes")];
            self.epub_type(&mut a, "footnotes");
            a.push(("aria-labelledby", "_notes-h"));
            w.open("section", &a);
            open_heading(w, level, &[("id", "_notes-h")]);
            w.text("Notes");
            w.close();
            for (i, f) in art.footnotes.iter().enumerate() {
                let id = format!("_fn-{}", f.id);
                let mut a = vec![("id", id.as_str())];
                self.epub_type(&mut a, "footnote");
                a.push(("role", "doc-footnote"));
                w.open("aside", &a);
                w.open("p", &[]);
                let n = (i + 1).to_string();
                match self.refs.first.get(f.id.as_str()).cloned() {
                    Some((doc, rid)) => {
                        let href = self.refs.href(&doc, &rid);
                        let label = format!("Back to the reference of note {n}");
                        w.open_inline(
                            "a",
                            &[
                                ("href", &href),
                                ("role", "doc-backlink"),
                                ("aria-label", &label),
                            ],
                        );
                        w.text(&n);
                        w.close();
                    }
                    None => w.text(&n),
                }
                w.text(". ");
                self.inline(w, &f.text);
                w.close();
                w.close();
            }
            w.close();
        }
        if !art.references.is_empty() {
            let mut a = vec![("class", "references"), ("id", "_refs")];
            self.epub_type(&mut a, "bibliography");
            a.extend([("role", "doc-bibliography"), ("aria-labelledby", "_refs-h")]);
            w.open("section", &a);
            open_heading(w, level, &[("id", "_refs-h")]);
            w.text("References");
            w.close();
            w.open("ul", &[]);
            for r in &art.references {
                let id = format!("_ref-{}", r.id);
                w.open("li", &[("id", &id)]);
                self.reference(w, r);
                w.close();
            }
            w.close();
            w.close();
        }
    }

    fn blocks(&mut self, w: &mut XmlWriter, blocks: &[Block], depth: usize, path: &mut Vec<usize>) {
        let mut n = 0;
        for b in blocks {
            match b {
                Block::P(t) => self.para(w, None, t),
                Block::Section(s) => {
                    n += 1;
                    path.push(n);
                    let id = section_id(s, path);
                    let heading = section_heading(s);
                    if heading.is_empty() {
                        w.open("section", &[("id", &id)]);
                    } else {
                        let hid = format!("{id}-h");
                        w.open("section", &[("id", &id), ("aria-labelledby", &hid)]);
                        open_heading(w, self.level + depth, &[("id", &hid)]);
                        if let Some(l) = &s.label {
                            w.open_inline("span", &[("class", "label")]);
                            w.text(l);
                            w.close();
                        }
                        if let Some(t) = &s.title {
                            if s.label.is_some() {
                                w.text(" ");
                            }
                            self.inline(w, t);
                        }
                        w.close();
                    }
                    self.blocks(w, &s.content, depth + 1, path);
                    w.close();
                    path.pop();
                }
                Block::Quote(q) => {
                    if let Some(a) = &q.attribution {
                        w.open("figure", &[("class", "quote")]);
                        w.open("blockquote", &[]);
                        for p in &q.paragraphs {
                            self.para(w, None, p);
                        }
                        w.close();
                        w.open("figcaption", &[]);
                        w.text("— ");
                        self.inline(w, a);
                        w.close();
                        w.close();
                    } else {
                        w.open("blockquote", &[]);
                        for p in &q.paragraphs {
                            self.para(w, None, p);
                        }
                        w.close();
                    }
                }
                Block::List(l) => {
                    w.open(if l.ordered { "ol" } else { "ul" }, &[]);
                    for item in &l.items {
                        w.open("li", &[]);
                        self.inline(w, item);
                        w.close();
                    }
                    w.close();
                }
                Block::Figure(f) => self.figure(w, f),
                Block::Table(t) => self.table(w, t),
            }
        }
    }

    fn figure(&mut self, w: &mut XmlWriter, f: &Figure) {
        w.open("figure", &[("id", f.id.as_str())]);
        let src = self
            .images
            .get(&f.image)
            .map(|i| i.src.clone())
            .unwrap_or_else(|| f.image.clone());
        w.empty(
            "img",
            &[("src", &src), ("alt", f.alt.as_deref().unwrap_or(""))],
        );
        if f.label.is_some() || f.caption.is_some() || f.credit.is_some() {
            w.open("figcaption", &[]);
            let mut first = true;
            if let Some(l) = &f.label {
                w.open_inline("span", &[("class", "label")]);
                w.text(l);
                w.close();
                first = false;
            }
            if let Some(c) = &f.caption {
                if !first {
                    w.text(" ");
                }
                self.inline(w, c);
                first = false;
            }
            if let Some(c) = &f.credit {
                if !first {
                    w.text(" ");
                }
                w.open_inline("span", &[("class", "credit")]);
                self.inline(w, c);
                w.close();
            }
            w.close();
        }
        w.close();
    }

    fn table(&mut self, w: &mut XmlWriter, t: &Table) {
        w.open("div", &[("class", "table-wrap")]);
        w.open("table", &[("id", t.id.as_str())]);
        if t.label.is_some() || t.caption.is_some() {
            w.open("caption", &[]);
            if let Some(l) = &t.label {
                w.open_inline("span", &[("class", "label")]);
                w.text(l);
                w.close();
            }
            if let Some(c) = &t.caption {
                if t.label.is_some() {
                    w.text(" ");
                }
                self.inline(w, c);
            }
            w.close();
        }
        if !t.head.is_empty() {
            w.open("thead", &[]);
            for row in &t.head {
                w.open("tr", &[]);
                for cell in row {
                    w.open("th", &[("scope", "col")]);
                    self.inline(w, cell);
                    w.close();
                }
                w.close();
            }
            w.close();
        }
        w.open("tbody", &[]);
        for row in &t.rows {
            w.open("tr", &[]);
            for cell in row {
                w.open("td", &[]);
                self.inline(w, cell);
                w.close();
            }
            w.close();
        }
        w.close();
        w.close();
        if let Some(f) = &t.foot {
            self.para(w, Some("table-foot"), f);
        }
        w.close();
    }

    /// One reference, author–date style: each element is a sentence, separated by a
    /// space, none trailing.
    fn reference(&mut self, w: &mut XmlWriter, r: &Reference) {
        use ReferenceType as T;
        let part = matches!(
            r.kind,
            T::ArticleJournal
                | T::ArticleMagazine
                | T::ArticleNewspaper
                | T::Chapter
                | T::PaperConference
                | T::Webpage
                | T::Manuscript
        );
        let mut first = true;
        // Starts the next sentence: a space unless it is the first.
        let mut next = |w: &mut XmlWriter| {
            if !std::mem::replace(&mut first, false) {
                w.text(" ");
            }
        };
        let sentence = |s: &str| {
            if s.ends_with('.') {
                s.to_string()
            } else {
                format!("{s}.")
            }
        };
        let by_editors = r.author.is_empty() && !r.editor.is_empty();
        if !r.author.is_empty() || by_editors {
            let mut who = names_list(if by_editors { &r.editor } else { &r.author });
            if by_editors {
                who.push_str(if r.editor.len() > 1 { ", eds" } else { ", ed" });
            }
            next(w);
            w.text(&sentence(&who));
        }
        let year = r
            .issued
            .as_ref()
            .map(|d| d.as_str().get(..4).unwrap_or(d.as_str()).to_string())
            .unwrap_or_else(|| "n.d.".into());
        next(w);
        w.text(&sentence(&year));
        if let Some(t) = &r.title {
            next(w);
            if part {
                w.text("“");
                self.inline(w, t);
                w.text(".”");
            } else {
                w.open_inline("i", &[]);
                self.inline(w, t);
                w.close();
                w.text(".");
            }
        }
        if let Some(c) = &r.container_title {
            next(w);
            if matches!(r.kind, T::Chapter | T::PaperConference) {
                w.text("In ");
            }
            w.open_inline("i", &[]);
            self.inline(w, c);
            w.close();
            let mut vol = String::new();
            if let Some(v) = &r.volume {
                vol.push(' ');
                vol.push_str(v);
            }
            if let Some(i) = &r.issue {
                vol.push_str(&format!(" ({i})"));
            }
            w.text(&vol);
            if let Some(p) = &r.page {
                w.text(if vol.is_empty() { ", " } else { ": " });
                w.text(&p.replace('-', "–"));
            }
            w.text(".");
        } else {
            if let Some(v) = &r.volume {
                next(w);
                w.text(&format!("Vol. {v}."));
            }
            if let Some(p) = &r.page {
                next(w);
                w.text(&format!("Pp. {}.", p.replace('-', "–")));
            }
        }
        if !r.author.is_empty() && !r.editor.is_empty() {
            next(w);
            w.text(&sentence(&format!("Edited by {}", names_list(&r.editor))));
        }
        if !r.translator.is_empty() {
            next(w);
            w.text(&sentence(&format!(
                "Translated by {}",
                names_list(&r.translator)
            )));
        }
        if let Some(e) = &r.edition {
            next(w);
            w.text(&sentence(&format!("Edition {e}")));
        }
        if let Some(c) = &r.collection_title {
            next(w);
            self.inline(w, c);
            w.text(".");
        }
        let place = match (&r.publisher_place, &r.publisher) {
            (Some(pl), Some(p)) => Some(format!("{pl}: {p}")),
            (None, Some(p)) => Some(p.clone()),
            (Some(pl), None) => Some(pl.clone()),
            (None, None) => None,
        };
        if let Some(p) = place {
            next(w);
            w.text(&sentence(&p));
        }
        if let Some(i) = &r.isbn {
            next(w);
            w.text(&format!("ISBN {i}."));
        }
        if let Some(d) = &r.doi {
            next(w);
            doi_link(w, d.as_str());
            w.text(".");
        }
        if let Some(u) = &r.url {
            next(w);
            w.open_inline("a", &[("href", u.as_str())]);
            w.text(u.as_str());
            w.close();
            w.text(".");
        }
        if let Some(a) = &r.accessed {
            next(w);
            w.text(&format!("Accessed {a}."));
        }
        if let Some(n) = &r.note {
            next(w);
            self.inline(w, n);
        }
    }
}

fn doi_link(w: &mut XmlWriter, doi: &str) {
    let url = format!("https://doi.org/{doi}");
    w.open_inline("a", &[("href", &doi_href(doi))]);
    w.text(&url);
    w.close();
}

/// The resolver URL of a DOI, percent-encoded: DOIs may hold characters a URL cannot
/// (`<`, `>`, `#`, `?`, spaces in old SICIs), which the DOI Handbook says to encode.
pub fn doi_href(doi: &str) -> String {
    let mut url = String::from("https://doi.org/");
    for b in doi.bytes() {
        let keep = b.is_ascii_alphanumeric() || b"-._~/:;()=+!*'@&$,".contains(&b);
        if keep {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

fn write_original_name(w: &mut XmlWriter, o: &crate::model::PersonName, target: Target) {
    match &o.lang {
        Some(l) => {
            let la = lang_attrs(target, l.as_str());
            w.open_inline("span", &as_refs(&la));
            w.text(&o.display());
            w.close();
        }
        None => w.text(&o.display()),
    }
}

/// Collects what each cross-reference target shows: figure and table labels, section
/// labels or titles.
fn collect_xrefs(blocks: &[Block], path: &mut Vec<usize>, out: &mut HashMap<String, Vec<Inline>>) {
    let mut n = 0;
    for b in blocks {
        match b {
            Block::Section(s) => {
                n += 1;
                path.push(n);
                let label = match (&s.label, &s.title) {
                    (Some(l), _) => vec![Inline::Text(format!("section {l}"))],
                    (None, Some(t)) => {
                        let mut v = vec![Inline::Text("“".into())];
                        v.extend(parse(t));
                        v.push(Inline::Text("”".into()));
                        v
                    }
                    (None, None) => vec![Inline::Text("section".into())],
                };
                out.insert(section_id(s, path), label);
                collect_xrefs(&s.content, path, out);
                path.pop();
            }
            Block::Figure(f) => {
                let l = f.label.clone().unwrap_or_else(|| "figure".into());
                out.insert(f.id.to_string(), vec![Inline::Text(l)]);
            }
            Block::Table(t) => {
                let l = t.label.clone().unwrap_or_else(|| "table".into());
                out.insert(t.id.to_string(), vec![Inline::Text(l)]);
            }
            _ => {}
        }
    }
}

/// Where a contributor appears in the publication, for the "In this issue" line.
#[derive(Debug, Clone)]
pub struct Appearance {
    /// The article's title.
    pub title: Vec<Inline>,
    /// The href of its title page, relative to the "About the Authors" document.
    pub href: String,
    /// The person's roles in it.
    pub roles: Vec<Role>,
}

/// One entry of "About the Authors".
#[derive(Debug, Clone)]
pub struct AboutEntry<'a> {
    /// The person.
    pub contributor: &'a Contributor,
    /// The articles they appear in (left empty in a single article's own list).
    pub appearances: Vec<Appearance>,
}

fn role_noun(r: Role) -> &'static str {
    match r {
        Role::Author => "author",
        Role::Translator => "translator",
        Role::Reviser => "reviser",
        Role::Editor => "editor",
    }
}

/// Writes the "About the Authors" list: one entry per person with the name in both
/// scripts, birth year, degrees, positions, affiliations, address, biography, and a mark
/// on entries the source gives only in part.
pub fn about_list(
    w: &mut XmlWriter,
    target: Target,
    level: usize,
    heading: &str,
    entries: &[AboutEntry<'_>],
) {
    w.open(
        "section",
        &[
            ("class", "about"),
            ("id", "_about"),
            ("aria-labelledby", "_about-h"),
        ],
    );
    open_heading(w, level, &[("id", "_about-h")]);
    w.text(heading);
    w.close();
    w.open("ul", &[]);
    for e in entries {
        let c = e.contributor;
        let id = contributor_anchor(c.id.as_str());
        w.open("li", &[("id", &id)]);
        w.open("p", &[]);
        w.open_inline("span", &[("class", "name")]);
        w.text(&c.name.display());
        w.close();
        if let Some(o) = &c.original_name {
            w.text(" (");
            write_original_name(w, o, target);
            w.text(")");
        }
        // Pieces follow the name, separated by commas (semicolons between affiliations).
        let mut sep = ", ";
        let mut last = c.name.display();
        fn piece(w: &mut XmlWriter, sep: &mut &'static str, last: &mut String, text: &str) {
            w.text(sep);
            *sep = ", ";
            *last = text.to_string();
        }
        if let Some(y) = c.birth_year {
            let t = format!("b. {y}");
            piece(w, &mut sep, &mut last, &t);
            w.text(&t);
        }
        for d in &c.degrees {
            piece(w, &mut sep, &mut last, d);
            w.text(d);
        }
        for p in &c.positions {
            piece(w, &mut sep, &mut last, &plain(p));
            write_text(w, p, target, true);
        }
        for (i, a) in c.affiliations.iter().enumerate() {
            if i > 0 || !c.positions.is_empty() {
                sep = "; ";
            }
            for p in &a.positions {
                piece(w, &mut sep, &mut last, &plain(p));
                write_text(w, p, target, true);
            }
            for part in [&a.department, &a.institution, &a.parent]
                .into_iter()
                .flatten()
            {
                piece(w, &mut sep, &mut last, part);
                w.text(part);
            }
            if let Some(addr) = &a.address {
                let s = address_text(addr);
                if !s.is_empty() {
                    w.text(&format!(" ({s})"));
                    last = ")".into();
                }
            }
        }
        if c.incomplete.is_some() {
            w.text(" ");
            w.open_inline("span", &[("class", "incomplete")]);
            w.text("(entry incomplete in the source)");
            w.close();
        } else if !last.ends_with('.') {
            w.text(".");
        }
        if let Some(addr) = &c.address {
            let s = address_text(addr);
            if !s.is_empty() {
                w.text(&format!(" Address: {s}."));
            }
        }
        w.close();
        if let Some(b) = &c.bio {
            w.open("p", &[("class", "bio")]);
            write_text(w, b, target, true);
            w.close();
        }
        if let Some(inc) = &c.incomplete {
            w.leaf("p", &[("class", "note")], &inc.note);
        }
        if !e.appearances.is_empty() {
            w.open("p", &[("class", "appearances")]);
            w.text("In this issue: ");
            for (i, a) in e.appearances.iter().enumerate() {
                if i > 0 {
                    w.text("; ");
                }
                w.open_inline("a", &[("href", &a.href)]);
                write_nodes(w, &a.title, target, false);
                w.close();
                let roles: Vec<String> = a.roles.iter().map(|r| role_noun(*r).into()).collect();
                w.text(&format!(" ({})", join_and(&roles)));
            }
            w.text(".");
            w.close();
        }
        w.close();
    }
    w.close();
    w.close();
}

/// A postal address on one line: "#5 Jianguomennei Street, Beijing 100732, China".
pub fn address_text(a: &Address) -> String {
    let mut parts: Vec<String> = Vec::new();
    for p in [&a.street, &a.district].into_iter().flatten() {
        parts.push(p.clone());
    }
    match (&a.city, &a.postal_code) {
        (Some(c), Some(p)) => parts.push(format!("{c} {p}")),
        (Some(c), None) => parts.push(c.clone()),
        (None, Some(p)) => parts.push(p.clone()),
        (None, None) => {}
    }
    if let Some(r) = &a.region {
        parts.push(r.clone());
    }
    match (&a.country, &a.country_code) {
        (Some(c), _) => parts.push(c.clone()),
        (None, Some(cc)) => parts.push(cc.clone()),
        (None, None) => {}
    }
    parts.join(", ")
}

/// Opens an XHTML (EPUB) or HTML (preview) document up to the start of `<body>`;
/// the caller writes the body and calls [`XmlWriter::finish`].
pub fn open_document(
    w: &mut XmlWriter,
    target: Target,
    lang: &str,
    title: &str,
    stylesheet_href: &str,
) {
    match target {
        Target::Epub => {
            w.declaration();
            w.raw("<!DOCTYPE html>\n");
            w.open(
                "html",
                &[
                    ("xmlns", XHTML_NS),
                    ("xmlns:epub", EPUB_NS),
                    ("lang", lang),
                    ("xml:lang", lang),
                ],
            );
            w.open("head", &[]);
            w.empty("meta", &[("charset", "utf-8")]);
            w.leaf("title", &[], title);
            w.empty(
                "link",
                &[
                    ("rel", "stylesheet"),
                    ("type", "text/css"),
                    ("href", stylesheet_href),
                ],
            );
            w.close();
        }
        Target::Html => {
            w.raw("<!DOCTYPE html>\n");
            w.open("html", &[("lang", lang)]);
            w.open("head", &[]);
            w.empty("meta", &[("charset", "utf-8")]);
            w.empty(
                "meta",
                &[
                    ("name", "viewport"),
                    ("content", "width=device-width, initial-scale=1"),
                ],
            );
            w.leaf("title", &[], title);
            w.open("style", &[]);
            // A constant without `<`, `>` or `&` (see [`CSS`]): safe as raw text.
            w.raw(CSS);
            w.raw(PREVIEW_CSS);
            w.close();
            w.close();
        }
    }
}

/// Standard base64 (RFC 4648) with padding, for `data:` URIs.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// Checks every figure's image and gives its media type; an image that is not one of the
/// EPUB core image types cannot be written.
pub fn image_types(
    article: &Article,
    ctx: &Context<'_>,
) -> Result<BTreeMap<String, &'static str>, EmitError> {
    let mut out = BTreeMap::new();
    for f in figures(article) {
        let bytes = ctx.assets.get(&f.image).ok_or_else(|| {
            EmitError::Unwritable(format!("the image `{}` was not read", f.image))
        })?;
        let mt = crate::asset::sniff_image(bytes).ok_or_else(|| {
            EmitError::Unwritable(format!(
                "`{}` (figure `{}`) is not a PNG, JPEG, GIF, WebP or SVG image",
                f.image, f.id
            ))
        })?;
        out.insert(f.image.clone(), mt);
    }
    Ok(out)
}

/// The HTML preview `<slug>/index.html`: title page, body, notes, references and the
/// article's contributors on one self-contained page (stylesheet inline, images as
/// `data:` URIs), from the same renderer as the EPUB.
pub fn emit_preview(article: &Article, ctx: &Context<'_>) -> Result<Emitted, EmitError> {
    let types = image_types(article, ctx)?;
    let images = types
        .iter()
        .map(|(path, mt)| {
            let bytes = ctx.assets.get(path).map(Vec::as_slice).unwrap_or_default();
            let src = format!("data:{mt};base64,{}", base64(bytes));
            (
                path.clone(),
                ImageRef {
                    src,
                    media_type: mt,
                },
            )
        })
        .collect();
    let places = Places {
        title: String::new(),
        body: String::new(),
        about: String::new(),
    };
    let mut r = Renderer::new(article, ctx, Target::Html, places, 2, images);
    let mut w = XmlWriter::new();
    open_document(
        &mut w,
        Target::Html,
        article.lang.as_str(),
        &plain(&article.title),
        "",
    );
    w.open("body", &[]);
    w.open("main", &[]);
    w.open("article", &[("aria-labelledby", "_title")]);
    r.title_page(&mut w, 1);
    r.body(&mut w);
    w.close();
    w.close();
    let entries = article_contributors(article, ctx)
        .into_iter()
        .map(|c| AboutEntry {
            contributor: c,
            appearances: Vec::new(),
        })
        .collect::<Vec<_>>();
    w.open("footer", &[("class", "document-part")]);
    about_list(&mut w, Target::Html, 2, "About the Contributors", &entries);
    w.close();
    Ok(Emitted {
        bytes: w.finish().into_bytes(),
        losses: Vec::new(),
        missing: Vec::new(),
    })
}

/// The article's contributors, each once, in byline order.
pub fn article_contributors<'a>(article: &Article, ctx: &Context<'a>) -> Vec<&'a Contributor> {
    let mut out: Vec<&Contributor> = Vec::new();
    for ac in &article.contributors {
        if let Some(c) = ctx.contributor(&ac.contributor)
            && !out.iter().any(|o| o.id == c.id)
        {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn css_is_safe_as_raw_text() {
        for s in [CSS, PREVIEW_CSS] {
            assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        }
    }
}
