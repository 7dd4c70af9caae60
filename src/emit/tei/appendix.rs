//! The appendices: in `back`, one `div type="appendix"` each, with the label as `@n`
//! and a `head` (TEI P5 4.7: appendices are divisions of the back matter).

use super::Emitter;

impl<'a> Emitter<'a> {
    /// `div type="appendix"` for each appendix: `xml:id`, `n` (the label), a `head` (the
    /// title, else the label as printed), then its blocks as a section's.
    pub(super) fn appendices(&mut self) {
        let art = self.art;
        for a in &art.appendices {
            let mut attrs = vec![("type", "appendix")];
            if let Some(id) = &a.id {
                attrs.push(("xml:id", id.as_str()));
            }
            if let Some(l) = &a.label {
                attrs.push(("n", l.as_str()));
            }
            self.w.open_block("div", &attrs);
            self.head(a.title.as_ref(), a.label.as_deref());
            self.blocks(&a.content);
            self.w.end("div");
        }
    }
}
