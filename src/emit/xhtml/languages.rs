//! The title page's front matter in other languages and further abstracts: translated
//! titles, abstracts (structured ones with their labelled parts) and keyword groups,
//! each marked with its language.

use super::document::open_heading;
use super::inline::{as_refs, lang_attrs};
use super::{Renderer, write_generated};
use crate::l10n::{Term, term};
use crate::model::{AbstractType, ExtraAbstract, Text};
use crate::xml::XmlWriter;

impl<'a> Renderer<'a> {
    /// A paragraph of `class` in the language `lang`.
    fn para_in(&mut self, w: &mut XmlWriter, class: &str, lang: &str, t: &Text) {
        let l = lang_attrs(self.target, lang);
        let mut attrs = vec![("class", class)];
        attrs.extend(as_refs(&l));
        w.open_mixed("p", &attrs);
        self.inline(w, t);
        w.end("p");
    }

    /// Each translated title (and subtitle), after the subtitle.
    pub(super) fn trans_titles(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        for t in &art.title_translations {
            self.para_in(w, "trans-title", t.lang.as_str(), &t.title);
            if let Some(s) = &t.subtitle {
                self.para_in(w, "trans-subtitle", t.lang.as_str(), s);
            }
        }
    }

    /// Each further abstract: a section with its heading (the printed one, else the
    /// reader heading for its kind) one level below the title's, in its language.
    pub(super) fn extra_abstracts(&mut self, w: &mut XmlWriter, level: usize) {
        let art = self.article;
        for (i, x) in art.abstracts.iter().enumerate() {
            let lang = x.lang.as_ref().unwrap_or(&art.lang).as_str();
            let id = format!("_abstract-{}", i + 1);
            let h = self.open_abstract_section(w, level, &id, Some(lang));
            match &x.title {
                Some(t) => self.inline(w, t),
                None => {
                    let said = term(lang, abstract_term(x));
                    write_generated(w, self.target, said.text, said.lang);
                }
            }
            w.end(h);
            for p in &x.paragraphs {
                self.para(w, None, p);
            }
            if let Some(f) = &x.figure {
                self.figure(w, f);
            }
            for s in &x.sections {
                let h = open_heading(w, level + 2, &[]);
                self.inline(w, &s.title);
                w.end(h);
                for p in &s.paragraphs {
                    self.para(w, None, p);
                }
            }
            w.end("section");
        }
    }

    /// Opens an abstract's section (`doc-abstract`, labelled by its heading `id`, in the
    /// language `lang` when it has one of its own) and its heading one level below the
    /// title's; returns the heading's element name.
    pub(super) fn open_abstract_section(
        &self,
        w: &mut XmlWriter,
        level: usize,
        id: &str,
        lang: Option<&str>,
    ) -> &'static str {
        let l = lang.map(|l| lang_attrs(self.target, l)).unwrap_or_default();
        let mut a = vec![("class", "abstract")];
        self.epub_type(&mut a, "abstract");
        a.extend([("role", "doc-abstract"), ("aria-labelledby", id)]);
        a.extend(as_refs(&l));
        w.open_block("section", &a);
        open_heading(w, level + 1, &[("id", id)])
    }

    /// Each keyword group, after its printed label (else "Keywords:"), in its language.
    pub(super) fn keyword_groups(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        for g in &art.keyword_groups {
            let l = lang_attrs(self.target, g.lang.as_str());
            let mut attrs = vec![("class", "keywords")];
            attrs.extend(as_refs(&l));
            w.open_mixed("p", &attrs);
            w.open_inline("span", &[("class", "label")]);
            match &g.title {
                Some(t) => {
                    w.text(t);
                    if !t.ends_with(':') {
                        w.text(":");
                    }
                }
                None => {
                    let said = term(g.lang.as_str(), Term::Keywords);
                    write_generated(w, self.target, said.text, said.lang);
                }
            }
            w.end("span");
            w.text(" ");
            w.text(&g.keywords.join("; "));
            w.end("p");
        }
    }
}

/// The reader heading of an abstract the source gives no heading for.
fn abstract_term(x: &ExtraAbstract) -> Term {
    match x.kind {
        None => Term::Abstract,
        Some(AbstractType::AuthorSummary) => Term::AuthorSummary,
        Some(AbstractType::Digest) => Term::Digest,
        Some(AbstractType::Summary) => Term::Summary,
        Some(AbstractType::Teaser) => Term::Teaser,
        Some(AbstractType::ExecutiveSummary) => Term::ExecutiveSummary,
        Some(AbstractType::Graphical) => Term::GraphicalAbstract,
    }
}
