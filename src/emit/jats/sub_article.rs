//! `sub-article`: each sub-article after `back`, the last children of `article` (JATS
//! 1.3: `article` ends with `(floats-group?, (sub-article* | response*))`). A
//! `front-stub` gives its DOI (`article-id`), `title-group`, `contrib-group` and
//! `abstract` in the DTD's order; its blocks go in its own `body`. Its citations and
//! cross-references are `xref`s to the article's ids, which are one namespace with its
//! own (validation keeps them unique).

use super::Jats;
use crate::l10n::Term;
use crate::model::{Role, SubArticle};

impl<'a> Jats<'a> {
    /// One `sub-article` per sub-article of the article, in order.
    pub(super) fn sub_articles(&mut self) {
        let art = self.art;
        for (i, s) in art.sub_articles.iter().enumerate() {
            let lang = s.lang_or(&art.lang);
            self.w.open_block(
                "sub-article",
                &[
                    ("article-type", s.kind.as_str()),
                    ("id", s.id.as_str()),
                    ("xml:lang", lang),
                ],
            );
            self.front_stub(s, lang);
            self.w.open_block("body", &[]);
            self.blocks_at(&s.body, &format!("/sub_articles/{i}/body"));
            self.w.end("body");
            self.w.end("sub-article");
        }
    }

    /// `front-stub`: `article-id`, `title-group`, `contrib-group`, `abstract`.
    fn front_stub(&mut self, s: &'a SubArticle, lang: &str) {
        self.w.open_block("front-stub", &[]);
        if let Some(doi) = &s.doi {
            self.w
                .leaf("article-id", &[("pub-id-type", "doi")], doi.as_str());
        }
        self.w.open_block("title-group", &[]);
        self.text_element("article-title", &[], &s.title);
        if let Some(t) = &s.subtitle {
            self.text_element("subtitle", &[], t);
        }
        self.w.end("title-group");
        self.sub_contribs(s, lang);
        if !s.abstract_.is_empty() {
            self.w.open_block("abstract", &[]);
            for p in &s.abstract_ {
                self.para(p);
            }
            self.w.end("abstract");
        }
        self.w.end("front-stub");
    }

    /// `contrib-group` of the sub-article's people: `contrib-type` the role, the ORCID
    /// and names, and for people who are not authors the role's word in the
    /// sub-article's language (as the article's `contrib`s do).
    fn sub_contribs(&mut self, s: &SubArticle, lang: &str) {
        let people: Vec<_> = s
            .contributors
            .iter()
            .filter_map(|ac| self.r.contributor(&ac.contributor).map(|c| (ac, c)))
            .collect();
        if people.is_empty() {
            return;
        }
        self.w.open_block("contrib-group", &[]);
        for (ac, c) in people {
            self.w
                .open_block("contrib", &[("contrib-type", ac.role.as_str())]);
            self.orcid_and_names(c);
            if let Some(t) = role_title(ac.role) {
                let word = crate::l10n::term(lang, t);
                let mut attrs = vec![("content-type", ac.role.as_str())];
                if let Some(l) = word.lang {
                    attrs.push(("xml:lang", l));
                }
                self.w.leaf("role", &attrs, word.text);
            }
            self.w.end("contrib");
        }
        self.w.end("contrib-group");
    }
}

/// The word for a role other than author, as the article's `contrib`s have it.
pub(super) fn role_title(role: Role) -> Option<Term> {
    match role {
        Role::Author => None,
        Role::Translator => Some(Term::RoleTranslatorTitle),
        Role::Reviser => Some(Term::RoleReviserTitle),
        Role::Editor => Some(Term::RoleEditorTitle),
        Role::Reviewer => Some(Term::RoleReviewerTitle),
    }
}
