//! The title page's subject headings and the article's identifiers besides its DOI.

use super::Renderer;
use crate::xml::XmlWriter;

impl<'a> Renderer<'a> {
    /// The subject headings, after the issue section's heading: one line, "; " between.
    pub(super) fn subjects_line(&self, w: &mut XmlWriter) {
        let subjects: Vec<&str> = self
            .article
            .subjects
            .iter()
            .flat_map(|g| g.subjects.iter().map(String::as_str))
            .collect();
        if !subjects.is_empty() {
            w.leaf("p", &[("class", "subjects")], &subjects.join("; "));
        }
    }

    /// The further identifiers, each after its conventional name (`PMID 31138704.`) or,
    /// for the publisher's and other ids, after who assigned it.
    pub(super) fn article_ids(&self, w: &mut XmlWriter) {
        for id in &self.article.ids {
            let name = id.kind.name().or(id.authority.as_deref());
            w.text(" ");
            match name {
                Some(n) => w.text(&format!("{n} {}.", id.value)),
                None => w.text(&format!("{}.", id.value)),
            }
        }
    }
}
