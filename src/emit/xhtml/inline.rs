//! Inline content: marked-up text, links, footnote references, citations and
//! cross-references, language spans, DOI links and original-script names.

use std::collections::{HashMap, HashSet};

use super::{Places, Renderer, Target};
use crate::inline::{Citation, CiteMode, Inline, LinkTarget};
use crate::model::Text;
use crate::resolve::{CitePiece, Resolved};
use crate::xml::XmlWriter;

/// How footnote references, citations and cross-references are written. Text outside an
/// article (contributor entries) cannot hold them: [`NoRefs`] writes nothing.
trait Refs {
    fn footnote(&mut self, w: &mut XmlWriter, id: &str);
    fn cite(&mut self, w: &mut XmlWriter, mode: CiteMode, items: &[Citation], links: bool);
    fn xref(&mut self, w: &mut XmlWriter, id: &str, links: bool);
    /// A citation or cross-reference with the source's printed text.
    fn linked(&mut self, w: &mut XmlWriter, link: Linked<'_>, target: Target, links: bool);
    /// An inline formula (`[$id]`), its MathML.
    fn formula(&mut self, _: &mut XmlWriter, _: &str) {}
}

/// A printed citation (`cite`) or cross-reference, its targets and its text.
struct Linked<'n> {
    cite: bool,
    targets: &'n [LinkTarget],
    content: &'n [Inline],
}

struct NoRefs;

impl Refs for NoRefs {
    fn footnote(&mut self, _: &mut XmlWriter, _: &str) {}
    fn cite(&mut self, _: &mut XmlWriter, _: CiteMode, _: &[Citation], _: bool) {}
    fn xref(&mut self, _: &mut XmlWriter, _: &str, _: bool) {}
    /// The printed text is the source's: written, without a link.
    fn linked(&mut self, w: &mut XmlWriter, link: Linked<'_>, target: Target, _: bool) {
        write_inline(w, link.content, target, false, self);
    }
}

/// Writes a language attribute pair for the target.
pub(super) fn lang_attrs(target: Target, lang: &str) -> Vec<(&'static str, String)> {
    match target {
        Target::Epub => vec![("lang", lang.to_string()), ("xml:lang", lang.to_string())],
        Target::Html => vec![("lang", lang.to_string())],
    }
}

pub(super) fn as_refs<'v>(v: &'v [(&'static str, String)]) -> Vec<(&'static str, &'v str)> {
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
            Inline::Cite { mode, items } => refs.cite(w, *mode, items, links),
            Inline::XRef { id, .. } => refs.xref(w, id, links),
            Inline::Formula { id, .. } => refs.formula(w, id),
            Inline::CiteText { content, targets } | Inline::XRefText { content, targets } => {
                let cite = matches!(n, Inline::CiteText { .. });
                let link = Linked {
                    cite,
                    targets,
                    content,
                };
                refs.linked(w, link, target, links);
            }
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
    w.end(name);
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
pub(super) struct ArticleRefs<'a> {
    /// The resolved article: footnote numbers, reference labels, cross-reference targets.
    pub(super) r: &'a Resolved<'a>,
    pub(super) target: Target,
    pub(super) places: Places,
    pub(super) current: String,
    /// Footnote id → how many references were written so far.
    pub(super) seen: HashMap<String, usize>,
    /// Footnote id → (document, id) of its first reference, for the back-link.
    pub(super) first: HashMap<String, (String, String)>,
    /// Ids of sections written without a heading (a cross-reference to one reads
    /// "section").
    pub(super) sections: HashSet<String>,
    /// Id → the document it stands in, for ids that are not in the body document (a
    /// sub-article's and its blocks').
    pub(super) homes: HashMap<String, String>,
}

impl ArticleRefs<'_> {
    /// What a cross-reference shows: the resolve stage's text ("Figure 1", "Section
    /// 2", a section's title); for a section written without a heading, "section".
    fn xref_label(&self, id: &str) -> Vec<Inline> {
        self.r.xref_text(id).unwrap_or_else(|| {
            let shown = if self.sections.contains(id) {
                "section"
            } else {
                id
            };
            vec![Inline::Text(shown.to_string())]
        })
    }

    /// The document holding the cross-reference target `id`.
    fn home(&self, id: &str) -> String {
        self.homes
            .get(id)
            .cloned()
            .unwrap_or_else(|| self.places.body.clone())
    }

    pub(super) fn href(&self, doc: &str, frag: &str) -> String {
        if doc == self.current {
            format!("#{frag}")
        } else {
            format!("{doc}#{frag}")
        }
    }
}

impl Refs for ArticleRefs<'_> {
    fn footnote(&mut self, w: &mut XmlWriter, id: &str) {
        let Some(n) = self.r.footnote_number(id) else {
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
        let label = crate::l10n::term(self.r.article.lang.as_str(), crate::l10n::Term::NoteLabel)
            .fill(&n.to_string());
        let num = n.to_string();
        w.open_inline("sup", &[]);
        let mut attrs = vec![("id", ref_id.as_str()), ("href", href.as_str())];
        if self.target == Target::Epub {
            attrs.push(("epub:type", "noteref"));
        }
        attrs.extend([("role", "doc-noteref"), ("aria-label", label.as_str())]);
        w.open_inline("a", &attrs);
        w.text(&num);
        w.end("a");
        w.end("sup");
    }

    /// The style's pieces: brackets, separators and locators as text, each
    /// reference's text a link to its entry in the reference list.
    fn cite(&mut self, w: &mut XmlWriter, mode: CiteMode, items: &[Citation], links: bool) {
        for piece in self.r.cite_pieces(mode, items) {
            match piece {
                CitePiece::Text(t) | CitePiece::Locator { text: t, .. } => w.text(&t),
                CitePiece::Ref { id, text } if links => {
                    let href = self.href(&self.places.body.clone(), &format!("_ref-{id}"));
                    w.open_inline("a", &[("href", &href), ("role", "doc-biblioref")]);
                    w.text(&text);
                    w.end("a");
                }
                CitePiece::Ref { text, .. } => w.text(&text),
            }
        }
    }

    /// The printed text as one `a`. HTML links to one place: the link goes to the first
    /// target (a range's first reference), and `data-targets` lists every target's
    /// fragment (a range expanded), so that nothing the JATS and TEI say is lost to a
    /// script or a converter; a reader follows the first.
    fn linked(&mut self, w: &mut XmlWriter, link: Linked<'_>, target: Target, links: bool) {
        let ids = self.r.link_ids(link.targets);
        let frag = |id: &str| {
            if link.cite {
                format!("_ref-{id}")
            } else {
                id.to_string()
            }
        };
        let Some(first) = ids.first().filter(|_| links) else {
            write_inline(w, link.content, target, false, &mut NoRefs);
            return;
        };
        let doc = if link.cite {
            self.places.body.clone()
        } else {
            self.home(first)
        };
        let href = self.href(&doc, &frag(first));
        let mut attrs = vec![("href", href)];
        if link.cite {
            attrs.push(("role", "doc-biblioref".into()));
        }
        if ids.len() > 1 {
            let all: Vec<String> = ids.iter().map(|id| frag(id)).collect();
            attrs.push(("data-targets", all.join(" ")));
        }
        w.open_inline("a", &as_refs(&attrs));
        write_inline(w, link.content, target, false, &mut NoRefs);
        w.end("a");
    }

    fn formula(&mut self, w: &mut XmlWriter, id: &str) {
        if let Some(f) = self.r.formula(id) {
            super::math::write_math(w, f.view(), false);
        }
    }

    fn xref(&mut self, w: &mut XmlWriter, id: &str, links: bool) {
        let label = self.xref_label(id);
        if links {
            let href = self.href(&self.home(id), id);
            w.open_inline("a", &[("href", &href)]);
            write_inline(w, &label, self.target, false, &mut NoRefs);
            w.end("a");
        } else {
            write_inline(w, &label, self.target, false, &mut NoRefs);
        }
    }
}

impl Renderer<'_> {
    pub(super) fn inline(&mut self, w: &mut XmlWriter, t: &Text) {
        write_inline(w, &t.inlines(), self.target, true, &mut self.refs);
    }

    /// Writes inline content galley made (a CSL style's reference entry).
    pub(super) fn inline_nodes(&mut self, w: &mut XmlWriter, nodes: &[Inline]) {
        write_inline(w, nodes, self.target, true, &mut self.refs);
    }
}

pub(super) fn doi_link(w: &mut XmlWriter, doi: &str) {
    let url = format!("https://doi.org/{doi}");
    w.open_inline("a", &[("href", &doi_href(doi))]);
    w.text(&url);
    w.end("a");
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

pub(super) fn write_original_name(w: &mut XmlWriter, o: &crate::model::PersonName, target: Target) {
    match &o.lang {
        Some(l) => {
            let la = lang_attrs(target, l.as_str());
            w.open_inline("span", &as_refs(&la));
            w.text(&o.display());
            w.end("span");
        }
        None => w.text(&o.display()),
    }
}
