//! Marked-up text: spans as their JATS elements, links, and the generated text of
//! footnote references, citations and cross-references, inside their `xref`s.

use super::Jats;
use crate::inline::{Citation, Inline};
use crate::model::Text;
use crate::resolve::TargetKind;

impl<'a> Jats<'a> {
    /// A block element holding marked-up text.
    pub(super) fn text_element(&mut self, name: &str, attrs: &[(&str, &str)], t: &Text) {
        self.w.open_mixed(name, attrs);
        self.inline_text(t);
        self.w.end(name);
    }

    /// Writes marked-up text into the open element, from the markup the model parsed
    /// (once, and cached). Text that does not parse never reaches an emitter: validation
    /// and the resolve stage refuse it.
    pub(super) fn inline_text(&mut self, t: &Text) {
        self.inlines(&t.inlines());
    }

    /// Writes inline nodes: each span as its JATS element, text untouched.
    fn inlines(&mut self, nodes: &[Inline]) {
        for n in nodes {
            match n {
                Inline::Text(t) => self.w.text(t),
                Inline::Italic(c) => self.span("italic", &[], c),
                Inline::Bold(c) => self.span("bold", &[], c),
                Inline::Sup(c) => self.span("sup", &[], c),
                Inline::Sub(c) => self.span("sub", &[], c),
                Inline::SmallCaps(c) => self.span("sc", &[], c),
                // A language span: `named-content` is JATS's element for a phrase that is
                // named rather than styled, and one of the few inline elements that take
                // `xml:lang` in every context text appears in; its required
                // `content-type` says why it is there.
                Inline::Lang { lang, content } => self.span(
                    "named-content",
                    &[("content-type", "lang"), ("xml:lang", lang)],
                    content,
                ),
                Inline::Link { content, .. } if !self.links_allowed => self.inlines(content),
                Inline::Link { url, content } => self.span(
                    "ext-link",
                    &[("ext-link-type", "uri"), ("xlink:href", url)],
                    content,
                ),
                Inline::FootnoteRef { id, .. } => self.footnote_ref(id),
                Inline::Cite(cites) => self.citations(cites),
                Inline::XRef { id, .. } => self.cross_ref(id),
            }
        }
    }

    fn span(&mut self, name: &str, attrs: &[(&str, &str)], content: &[Inline]) {
        self.w.open_inline(name, attrs);
        self.inlines(content);
        self.w.end(name);
    }

    /// `[^id]` → `<xref ref-type="fn" rid="id"><sup>n</sup></xref>`, `n` being the
    /// footnote's number (its place in `footnotes`), as in its `fn/label`.
    fn footnote_ref(&mut self, id: &str) {
        let Some(n) = self.r.footnote_number(id) else {
            return;
        };
        self.w
            .open_inline("xref", &[("ref-type", "fn"), ("rid", id)]);
        self.w.open_inline("sup", &[]);
        self.w.text(&n.to_string());
        self.w.end("sup");
        self.w.end("xref");
    }

    /// `[@a, p. 12; @b]` → one `xref ref-type="bibr"` per citation, reading
    /// "(Shen 1995, p. 12; Zhang 2001)". The parentheses and separators are written
    /// inside the links, so that all text outside `xref` is the source's own.
    fn citations(&mut self, cites: &[Citation]) {
        let last = cites.len().saturating_sub(1);
        for (i, c) in cites.iter().enumerate() {
            let Some((_, label)) = self.r.reference(c.id.as_str()) else {
                continue;
            };
            let mut text = String::new();
            if i == 0 {
                text.push('(');
            }
            text.push_str(label);
            if let Some(loc) = &c.locator {
                text.push_str(", ");
                text.push_str(loc);
            }
            text.push_str(if i == last { ")" } else { "; " });
            self.w
                .open_inline("xref", &[("ref-type", "bibr"), ("rid", &c.id)]);
            self.w.text(&text);
            self.w.end("xref");
        }
    }

    /// `[#id]` → `xref` with the target's kind (`fig`, `table`, `sec`) and its label.
    /// A target that JATS cannot hold (a section without label or title) has no id to
    /// point at; the reference is left out (its plain text is empty anyway) and the loss
    /// was reported with the section.
    fn cross_ref(&mut self, id: &str) {
        if let Some(t) = self.r.target(id) {
            let (ref_type, text) = match t.kind {
                TargetKind::Section => (
                    "sec",
                    match (t.label, t.title) {
                        (Some(l), _) => format!("Section {l}"),
                        (None, Some(title)) => title.plain(),
                        (None, None) => String::new(),
                    },
                ),
                TargetKind::Figure => ("fig", t.label.unwrap_or("figure").to_string()),
                TargetKind::Table => ("table", t.label.unwrap_or("table").to_string()),
            };
            self.w
                .open_inline("xref", &[("ref-type", ref_type), ("rid", id)]);
            self.w.text(&text);
            self.w.end("xref");
        }
    }
}
