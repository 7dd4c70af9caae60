//! Marked-up text: spans as their JATS elements, links, footnote references, citations
//! and cross-references as `xref`s holding the source's printed text or the text the
//! resolve stage generated.

use super::Jats;
use crate::inline::{Citation, CiteMode, Inline, LinkTarget};
use crate::model::Text;
use crate::resolve::{CitePiece, TargetKind};

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
                Inline::Cite { mode, items } => self.citations(*mode, items),
                Inline::XRef { id, .. } => self.cross_ref(id),
                Inline::Formula { id, .. } => self.inline_formula(id),
                Inline::CiteText { content, targets } => self.linked_text(true, targets, content),
                Inline::XRefText { content, targets } => self.linked_text(false, targets, content),
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

    /// A generated citation group → the style's pieces: brackets, separators and
    /// locators as text, each reference's own text in its `xref ref-type="bibr"`
    /// (JATS4R and eLife practice): "(<xref>Shen 1995</xref>, p. 12; <xref>Zhang
    /// 2001</xref>)", "[<xref>1</xref>, <xref>2</xref>]", "<xref>Shen (1995)</xref>".
    fn citations(&mut self, mode: CiteMode, items: &[Citation]) {
        for piece in self.r.cite_pieces(mode, items) {
            match piece {
                CitePiece::Text(t) | CitePiece::Locator { text: t, .. } => self.w.text(&t),
                CitePiece::Ref { id, text } => {
                    self.w
                        .open_inline("xref", &[("ref-type", "bibr"), ("rid", &id)]);
                    self.w.text(&text);
                    self.w.end("xref");
                }
            }
        }
    }

    /// A printed citation or cross-reference → one `xref` holding the source's text,
    /// `rid` listing every target (a range expanded): `<xref ref-type="bibr" rid="r26
    /// r27 r28">[26]–[28]</xref>`. A cross-reference's `ref-type` is its targets' kind
    /// when they agree, and left out when they do not.
    fn linked_text(&mut self, cite: bool, targets: &[LinkTarget], content: &[Inline]) {
        let ids = self.r.link_ids(targets).join(" ");
        let ref_type = if cite {
            Some("bibr")
        } else {
            self.r
                .common_kind(&self.r.link_ids(targets))
                .map(kind_ref_type)
        };
        let mut attrs = Vec::new();
        if let Some(t) = ref_type {
            attrs.push(("ref-type", t));
        }
        attrs.push(("rid", ids.as_str()));
        self.span("xref", &attrs, content);
    }

    /// `[#id]` → `xref` with the target's kind (`fig`, `table`, `sec`) and its label.
    /// A target that JATS cannot hold (a section without label or title) has no id to
    /// point at; the reference is left out (its plain text is empty anyway) and the loss
    /// was reported with the section.
    fn cross_ref(&mut self, id: &str) {
        let (Some(t), Some(text)) = (self.r.target(id), self.r.xref_text(id)) else {
            return;
        };
        self.span(
            "xref",
            &[("ref-type", kind_ref_type(t.kind)), ("rid", id)],
            &text,
        );
    }
}

/// The JATS `ref-type` of a cross-reference target.
fn kind_ref_type(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::Section => "sec",
        TargetKind::Figure => "fig",
        TargetKind::Table => "table",
        TargetKind::Formula => "disp-formula",
        TargetKind::Appendix => "app",
        TargetKind::Supplementary => "supplementary-material",
    }
}
