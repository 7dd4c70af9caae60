//! Supplementary material: `back/div type="supplementary"`, a `div` per item.

use super::Emitter;
use crate::model::{Supplementary, TitleKey};

impl<'a> Emitter<'a> {
    /// `div type="supplementary"` (with the heading the YAML gives, as the other parts
    /// of `back`), holding a `div` per item.
    pub(super) fn supplementary(&mut self) {
        if self.art.supplementary.is_empty() {
            return;
        }
        self.w.open_block("div", &[("type", "supplementary")]);
        self.given_head(TitleKey::Supplementary);
        for s in &self.art.supplementary {
            self.supplementary_item(s);
        }
        self.w.end("div");
    }

    /// An item's `div`: `xml:id`, `@n` the label, `head` (the caption's title, else its
    /// first paragraph, else the label), the other caption paragraphs, then a `p` with
    /// the file as `media` (`url`, `mimeType`) and the DOI as `idno type="DOI"`.
    fn supplementary_item(&mut self, s: &Supplementary) {
        let mut attrs = vec![("xml:id", s.id.as_str())];
        if let Some(l) = &s.label {
            attrs.push(("n", l.as_str()));
        }
        self.w.open_block("div", &attrs);
        let rest = self.caption_head(s.label.as_deref(), s.title.as_ref(), s.caption.as_ref());
        for p in rest {
            self.w.open_mixed("p", &[]);
            self.words(p);
            self.w.end("p");
        }
        let media = s.media_type();
        self.w.open_block("p", &[]);
        if let (Some(file), Some(m)) = (&s.file, &media) {
            let url = crate::emit::file_href(file);
            self.w
                .empty("media", &[("mimeType", m.as_str()), ("url", &url)]);
        }
        if let Some(d) = &s.doi {
            self.w.leaf("idno", &[("type", "DOI")], d.as_str());
        }
        self.w.end("p");
        self.w.end("div");
    }
}
