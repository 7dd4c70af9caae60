//! Front matter in several languages: one title translation per language, none in the
//! article's own language, and abstracts that say something.

use std::collections::BTreeMap;

use super::{Checked, at};
use crate::diag::{Diagnostic, Severity};
use crate::model::Article;

/// Checks translated titles and further abstracts.
pub(super) fn check_front(a: &Checked<Article>, diags: &mut Vec<Diagnostic>) {
    let (doc, art) = (&a.doc, &a.value);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, t) in art.title_translations.iter().enumerate() {
        let p = format!("/title_translations/{i}/lang");
        let lang = t.lang.as_str().to_ascii_lowercase();
        if lang == art.lang.as_str().to_ascii_lowercase() {
            diags.push(at(
                doc,
                Severity::Error,
                "title-translation.same-lang",
                &p,
                format!(
                    "a translation of the title is in `{}`, the article's own language",
                    t.lang.as_str()
                ),
                "give the translation's language, or put the title in `title`",
            ));
        } else if let Some(first) = seen.insert(lang, i) {
            diags.push(at(
                doc,
                Severity::Error,
                "title-translation.duplicate",
                &p,
                format!(
                    "the title is translated into `{}` twice (also at /title_translations/{first})",
                    t.lang.as_str()
                ),
                "keep one translation per language",
            ));
        }
    }
    for (i, x) in art.abstracts.iter().enumerate() {
        let p = format!("/abstracts/{i}");
        if x.paragraphs.is_empty() && x.sections.is_empty() && !a.touched(&p) {
            diags.push(at(
                doc,
                Severity::Error,
                "abstract.empty",
                &p,
                "an abstract needs `paragraphs` or `sections`".into(),
                "give its text, or remove it",
            ));
        }
    }
}
