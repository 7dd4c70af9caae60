//! `back/app-group`: the appendices, each an `app` with its `label`, `title` and blocks
//! (JATS4R: appendices are `app` elements grouped in one `app-group` in `back`). An
//! `app` needs a label or a title; one with neither is titled with the word "Appendix"
//! in the article's language, the heading the EPUB shows.

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
            match (&a.label, &a.title) {
                (_, Some(t)) => self.text_element("title", &[], t),
                (Some(_), None) => {}
                // `app` needs a label or a title: the heading readers see, in the
                // article's language (a fallback marked with its language).
                (None, None) => self.appendix_word(),
            }
            self.blocks_at(&a.content, &format!("/appendices/{i}/content"));
            self.w.end("app");
        }
        self.w.end("app-group");
    }

    /// `title` with the word "Appendix" in the article's language.
    fn appendix_word(&mut self) {
        let said = crate::l10n::term(self.art.lang.as_str(), crate::l10n::Term::Appendix);
        self.w.open_mixed("title", &[]);
        match said.lang {
            Some(l) => self.w.leaf(
                "named-content",
                &[("content-type", "lang"), ("xml:lang", l)],
                said.text,
            ),
            None => self.w.text(said.text),
        }
        self.w.end("title");
    }
}
