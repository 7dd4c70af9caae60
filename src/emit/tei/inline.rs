//! Phrase content: marked-up text as `hi`, `foreign`, `ref` and `ptr` (footnotes);
//! generated citations as `bibl` holding a `ref` with the reference's text and a
//! `citedRange` per locator; printed citations and every cross-reference as `ref` with
//! their text and a `target` listing every target.

use super::{Emitter, Mode};
use crate::inline::{Citation, CiteMode, Inline};
use crate::model::Text;
use crate::resolve::CitePiece;

impl<'a> Emitter<'a> {
    /// Writes marked-up text as TEI phrase content.
    pub(super) fn words(&mut self, t: &Text) {
        self.inline(&t.inlines());
    }

    fn inline(&mut self, nodes: &[Inline]) {
        for n in nodes {
            match n {
                Inline::Text(s) => self.w.text(s),
                Inline::Italic(c) => self.hi("italic", c),
                Inline::Bold(c) => self.hi("bold", c),
                Inline::Sup(c) => self.hi("sup", c),
                Inline::Sub(c) => self.hi("sub", c),
                Inline::SmallCaps(c) => self.hi("smallcaps", c),
                Inline::Lang { lang, content } => {
                    self.w.open_inline("foreign", &[("xml:lang", lang)]);
                    self.inline(content);
                    self.w.end("foreign");
                }
                Inline::Link { url, content } => {
                    self.w.open_inline("ref", &[("target", url)]);
                    self.inline(content);
                    self.w.end("ref");
                }
                Inline::FootnoteRef { id, .. } => {
                    let target = format!("#{id}");
                    match self.r.footnote_number(id) {
                        Some(n) => {
                            let n = n.to_string();
                            self.w
                                .empty_inline("ptr", &[("target", &target), ("n", &n)]);
                        }
                        None => self.w.empty_inline("ptr", &[("target", &target)]),
                    }
                }
                Inline::Cite { mode, items } => self.citations(*mode, items),
                Inline::XRef { id, .. } => self.cross_ref(id),
                Inline::Formula { id, .. } => self.inline_formula(id),
                Inline::CiteText { content, targets } | Inline::XRefText { content, targets } => {
                    let ids = self.r.link_ids(targets);
                    let target = pointers(ids.iter().map(String::as_str));
                    self.w.open_inline("ref", &[("target", &target)]);
                    self.inline(content);
                    self.w.end("ref");
                }
            }
        }
    }

    /// A generated citation group → a `bibl` holding the style's brackets and
    /// separators as text, each reference's text in a `ref` pointing at its `bibl`, and
    /// each locator as `citedRange`: `<bibl>(<ref target="#shen1995">Shen 1995</ref>,
    /// <citedRange target="#shen1995">p. 12</citedRange>)</bibl>`.
    fn citations(&mut self, mode: CiteMode, items: &[Citation]) {
        self.w.open_inline("bibl", &[]);
        for piece in self.r.cite_pieces(mode, items) {
            match piece {
                CitePiece::Text(t) => self.w.text(&t),
                CitePiece::Ref { id, text } => {
                    let target = format!("#{id}");
                    self.leaf(Mode::Inline, "ref", &[("target", &target)], &text);
                }
                CitePiece::Locator { id, text } => {
                    let target = format!("#{id}");
                    self.leaf(Mode::Inline, "citedRange", &[("target", &target)], &text);
                }
            }
        }
        self.w.end("bibl");
    }

    /// `[#id]` → `<ref target="#id">` holding the generated label ("Figure 1", "Section
    /// 2"); nothing for an id that is no target (validation refuses it).
    fn cross_ref(&mut self, id: &str) {
        let Some(text) = self.r.xref_text(id) else {
            return;
        };
        let target = format!("#{id}");
        self.w.open_inline("ref", &[("target", &target)]);
        self.inline(&text);
        self.w.end("ref");
    }

    fn hi(&mut self, rend: &str, content: &[Inline]) {
        self.w.open_inline("hi", &[("rend", rend)]);
        self.inline(content);
        self.w.end("hi");
    }
}

/// A TEI pointer list: `#a #b`.
fn pointers<'s>(ids: impl Iterator<Item = &'s str>) -> String {
    ids.map(|id| format!("#{id}")).collect::<Vec<_>>().join(" ")
}
