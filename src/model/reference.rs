//! What a reference states.

use super::article::Reference;

impl Reference {
    /// Whether the reference states anything beyond its id, type and language: its
    /// printed form or any of its fields. One that does not would be an empty entry in
    /// every output (and an invalid JATS `element-citation`); validation refuses it.
    pub fn states_something(&self) -> bool {
        self.printed
            .as_ref()
            .is_some_and(|t| !t.as_str().trim().is_empty())
            || self.fields_state_something()
    }

    /// Whether the reference's fields (its printed form aside) state anything: a name,
    /// "et al.", a title, a place in a container, a date, an identifier, a publisher or
    /// a note.
    pub fn fields_state_something(&self) -> bool {
        let names =
            !(self.author.is_empty() && self.editor.is_empty() && self.translator.is_empty());
        let texts = [
            &self.title,
            &self.container_title,
            &self.collection_title,
            &self.note,
        ]
        .iter()
        .any(|t| t.as_ref().is_some_and(|t| !t.as_str().trim().is_empty()));
        let strings = [
            &self.volume,
            &self.issue,
            &self.page,
            &self.edition,
            &self.publisher,
            &self.publisher_place,
            &self.isbn,
            &self.pmid,
            &self.pmcid,
            &self.issued_text,
        ]
        .iter()
        .any(|s| s.as_ref().is_some_and(|s| !s.trim().is_empty()));
        names
            || self.et_al
            || texts
            || strings
            || self.issued.is_some()
            || self.doi.is_some()
            || self.url.is_some()
    }
}
