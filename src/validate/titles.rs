//! `titles`: the headings of the parts galley titles itself, in `article.yaml` and
//! `issue.yaml`. A heading is not blank; an article's heading for a part it does not
//! have is never printed, and said so.

use super::{Document, at};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Article, TitleKey, Titles};

/// Checks the headings of `titles` (at `/titles` of `doc`); with `article`, also that
/// the article has each part it gives a heading for.
pub fn check_titles(
    doc: &Document,
    titles: &Titles,
    article: Option<&Article>,
    diags: &mut Vec<Diagnostic>,
) {
    for key in TitleKey::ALL {
        let Some(t) = titles.get(key) else {
            continue;
        };
        let pointer = format!("/titles/{}", key.key());
        if t.trim().is_empty() {
            diags.push(at(
                doc,
                Severity::Error,
                "titles.empty",
                &pointer,
                format!("the heading for `{}` is blank", key.key()),
                "write the heading readers should see, or leave the key out to use galley's own in the article's language",
            ));
        } else if let Some(a) = article
            && !crate::emit::has_part(a, key)
        {
            diags.push(at(
                doc,
                Severity::Warning,
                "titles.unused",
                &pointer,
                format!(
                    "a heading for `{}`, which this article does not have: it is never printed",
                    key.key()
                ),
                "remove it, or give the article that part",
            ));
        }
    }
}
