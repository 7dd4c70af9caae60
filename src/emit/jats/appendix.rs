//! `back/app-group`: the appendices, each an `app` with its `label`, `title` and blocks
//! (JATS4R: appendices are `app` elements grouped in one `app-group` in `back`).

use super::Jats;

impl<'a> Jats<'a> {
    /// `app-group` with one `app` per appendix, unless the article has none.
    pub(super) fn appendices(&mut self) {
        let art = self.art;
        if art.appendices.is_empty() {
            return;
        }
        self.w.open_block("app-group", &[]);
        for (i, a) in art.appendices.iter().enumerate() {
            let attrs: Vec<(&str, &str)> = a.id.iter().map(|id| ("id", id.as_str())).collect();
            self.w.open_block("app", &attrs);
            if let Some(l) = &a.label {
                self.w.leaf("label", &[], l);
            }
            if let Some(t) = &a.title {
                self.text_element("title", &[], t);
            }
            self.blocks_at(&a.content, &format!("/appendices/{i}/content"));
            self.w.end("app");
        }
        self.w.end("app-group");
    }
}
