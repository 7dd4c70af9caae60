//! The sub-articles: in `back`, after the appendices, one `div` each whose `type` is the
//! sub-article's kind in TEI's camel case (`translation`, `decisionLetter`, `reply`, …),
//! with its `xml:id` and `xml:lang`. TEI has no element for an article inside an
//! article's back matter (`floatingText` interrupts the text where it stands), and a
//! `div` of the back is where journals' TEI puts material printed after the article:
//! so its title is the `div`'s `head` (the subtitle a `head type="sub"`), its people a
//! `byline` (`docAuthor` for authors, `persName` with `@role` for the others) with its
//! DOI as `idno type="DOI"`, its abstract a `div type="abstract"`, and its blocks a
//! `div type="body"` (TEI admits no paragraph after a `div` in one parent).

use super::{Emitter, Mode};
use crate::model::{Role, SubArticle};

impl<'a> Emitter<'a> {
    /// One `div` per sub-article.
    pub(super) fn sub_articles(&mut self) {
        let art = self.art;
        for s in &art.sub_articles {
            let kind = s.kind.tei();
            self.w.open_block(
                "div",
                &[
                    ("type", kind.as_str()),
                    ("xml:id", s.id.as_str()),
                    ("xml:lang", s.lang_or(&art.lang)),
                ],
            );
            self.head(Some(&s.title), None);
            if let Some(t) = &s.subtitle {
                self.w.open_mixed("head", &[("type", "sub")]);
                self.words(t);
                self.w.end("head");
            }
            self.sub_byline(s);
            if !s.abstract_.is_empty() {
                self.w.open_block("div", &[("type", "abstract")]);
                for p in &s.abstract_ {
                    self.w.open_mixed("p", &[]);
                    self.words(p);
                    self.w.end("p");
                }
                self.w.end("div");
            }
            self.w.open_block("div", &[("type", "body")]);
            self.blocks(&s.body);
            self.w.end("div");
            self.w.end("div");
        }
    }

    /// `byline`: each person (pointing at their `person` when the header lists them),
    /// then the DOI; nothing when the sub-article states neither.
    fn sub_byline(&mut self, s: &SubArticle) {
        let people: Vec<_> = s
            .contributors
            .iter()
            .filter_map(|ac| self.r.contributor(&ac.contributor).map(|c| (ac.role, c)))
            .collect();
        if people.is_empty() && s.doi.is_none() {
            return;
        }
        self.w.open_mixed("byline", &[]);
        for (i, (role, c)) in people.into_iter().enumerate() {
            if i > 0 {
                self.w.text(", ");
            }
            let listed = self.r.people.iter().any(|p| p.id == c.id);
            let r = self.person_ref(c);
            let mut attrs = Vec::new();
            if listed {
                attrs.push(("ref", r.as_str()));
            }
            if role == Role::Author {
                self.w.open_inline("docAuthor", &attrs);
                self.pers_name(Mode::Inline, &c.name, &[], &[]);
                self.w.end("docAuthor");
            } else {
                attrs.push(("role", role.as_str()));
                self.pers_name(Mode::Inline, &c.name, &attrs, &[]);
            }
        }
        if let Some(doi) = &s.doi {
            self.w.text(" ");
            self.w.open_inline("idno", &[("type", "DOI")]);
            self.w.text(doi.as_str());
            self.w.end("idno");
        }
        self.w.end("byline");
    }
}
