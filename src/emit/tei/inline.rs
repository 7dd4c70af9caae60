//! Phrase content: marked-up text as `hi`, `foreign`, `ref` and `ptr`; citations as
//! `bibl` holding a `ptr` and `citedRange` per work.

use super::{Emitter, Mode};
use crate::inline::Inline;
use crate::model::Text;

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
                Inline::Cite(cites) => {
                    self.w.open_inline("bibl", &[]);
                    for c in cites {
                        let target = format!("#{}", c.id);
                        self.w.empty_inline("ptr", &[("target", &target)]);
                        if let Some(loc) = &c.locator {
                            self.leaf(Mode::Inline, "citedRange", &[("target", &target)], loc);
                        }
                    }
                    self.w.end("bibl");
                }
                Inline::XRef { id, .. } => {
                    let target = format!("#{id}");
                    self.w.empty_inline("ptr", &[("target", &target)]);
                }
            }
        }
    }

    fn hi(&mut self, rend: &str, content: &[Inline]) {
        self.w.open_inline("hi", &[("rend", rend)]);
        self.inline(content);
        self.w.end("hi");
    }
}
