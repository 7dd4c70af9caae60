//! Front matter in other languages and further abstracts: `trans-title-group`,
//! `abstract`/`trans-abstract` (structured ones with `sec`), `kwd-group xml:lang`.

use super::Jats;
use crate::model::{ExtraAbstract, KeywordGroup};

impl<'a> Jats<'a> {
    /// `trans-title-group xml:lang` for each translated title, inside `title-group`
    /// (after `subtitle`, before `alt-title`, as the DTD orders them).
    pub(super) fn trans_titles(&mut self) {
        for t in &self.art.title_translations {
            self.w
                .open_block("trans-title-group", &[("xml:lang", t.lang.as_str())]);
            self.text_element("trans-title", &[], &t.title);
            if let Some(s) = &t.subtitle {
                self.text_element("trans-subtitle", &[], s);
            }
            self.w.end("trans-title-group");
        }
    }

    /// The further abstracts: in the article's language each is an `abstract` (with its
    /// `abstract-type`); in another, a `trans-abstract xml:lang`. The DTD puts every
    /// `abstract` before every `trans-abstract`, so they are written in two passes, each
    /// in the YAML's order.
    pub(super) fn extra_abstracts(&mut self) {
        let own = self.art.lang.as_str().to_ascii_lowercase();
        let is_own = |x: &ExtraAbstract| {
            x.lang
                .as_ref()
                .is_none_or(|l| l.as_str().to_ascii_lowercase() == own)
        };
        for x in self.art.abstracts.iter().filter(|x| is_own(x)) {
            self.one_abstract("abstract", x);
        }
        for x in self.art.abstracts.iter().filter(|x| !is_own(x)) {
            self.one_abstract("trans-abstract", x);
        }
    }

    fn one_abstract(&mut self, element: &str, x: &ExtraAbstract) {
        let mut attrs = Vec::new();
        if let Some(k) = x.kind {
            attrs.push(("abstract-type", k.as_str()));
        }
        if element == "trans-abstract"
            && let Some(l) = &x.lang
        {
            attrs.push(("xml:lang", l.as_str()));
        }
        self.w.open_block(element, &attrs);
        if let Some(t) = &x.title {
            self.text_element("title", &[], t);
        }
        for p in &x.paragraphs {
            self.para(p);
        }
        if let Some(f) = &x.figure {
            // An abstract holds paragraphs and sections only; a paragraph holds a `fig`.
            self.w.open_block("p", &[]);
            self.figure(f);
            self.w.end("p");
        }
        for s in &x.sections {
            self.w.open_block("sec", &[]);
            self.text_element("title", &[], &s.title);
            for p in &s.paragraphs {
                self.para(p);
            }
            self.w.end("sec");
        }
        self.w.end(element);
    }

    /// `kwd-group xml:lang` for each further keyword group, with its printed label as
    /// the group's `title`.
    pub(super) fn keyword_groups(&mut self) {
        for g in &self.art.keyword_groups {
            self.keyword_group(g);
        }
    }

    fn keyword_group(&mut self, g: &KeywordGroup) {
        self.w
            .open_block("kwd-group", &[("xml:lang", g.lang.as_str())]);
        if let Some(t) = &g.title {
            self.w.leaf("title", &[], t);
        }
        for k in &g.keywords {
            self.w.leaf("kwd", &[], k);
        }
        self.w.end("kwd-group");
    }
}
