//! The text of generated citations and cross-references, and the targets of printed
//! ones: decided here once, so that JATS, TEI and XHTML print the same words.
//!
//! Styles are galley's own two (`author-date`, `numeric`, chosen by the journal's
//! `citation_style`) and any named CSL style hayagriva 0.10.1 carries in its archive
//! (`{csl: apa}`; [`super::csl`] renders them once per article, in the CSL locale of the
//! article's language). In a CSL style each reference's text is the style's own: one
//! citation request per cited reference, in document order (so numbers follow first
//! citation and "2001a" disambiguates across the article), with the citation layout's
//! prefix, delimiter and suffix as the [`CitePiece::Text`] around and between them, and
//! galley's locator piece as written. Narrative `@id` maps onto hayagriva's prose form,
//! suppress-author `[-@id]` onto its year form (a numeric style's number), bare `[!@id]`
//! onto the normal form without the layout's affixes.
//!
//! What cannot be mapped: the style's sorting of a group and its collapsing of numbers
//! into ranges (each reference keeps its own link, in the source's order); the style's
//! locator form (galley prints the source's locator after ", "); the layout's formatting
//! (superscript numbers print as text); position-dependent forms (ibid, subsequent) (a
//! reference's text is that of its first citation); the source's "et al." (CSL-JSON has
//! no field for it). Note styles are refused by validation (`citation-style.note`). A
//! style that changes the case of names (ABNT's capitals in the reference list) is kept
//! as the journal's explicit choice. A date given only as printed (`19--`) is dropped by
//! hayagriva, which prints "n.d." (validation warns: `citation-style.literal-date`).
//! hayagriva 0.10.1's `vancouver` prints no names.

use crate::inline::{Citation, CiteMode, Inline, LinkTarget};
use crate::l10n::{Term, term};
use crate::model::{CitationStyle, Reference, ReferenceName};

use super::csl::{Csl, Form};
use super::{Resolved, TargetKind};

/// One piece of a generated citation group, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CitePiece {
    /// Brackets and separators the style prints outside the links: `(`, `; `, `)`.
    Text(String),
    /// The reference's own citation text, linked to it: `Shen 1995`, `1`, `Shen (1995)`.
    Ref {
        /// The reference's id.
        id: String,
        /// The text.
        text: String,
    },
    /// A locator as written in the source (`p. 12`), after `, `.
    Locator {
        /// The id of the reference it locates in.
        id: String,
        /// The locator.
        text: String,
    },
}

/// A reference's names for a citation: one author, two joined by "and", or the first
/// with "et al." (also when the source's list ends in "et al."); the editors when there
/// are no authors; else the title, else the id. The words are in the article's language
/// `lang` ([`crate::l10n::label_words`]); Chinese joins them without spaces.
pub(crate) fn authors(r: &Reference, lang: &str) -> String {
    let (and, et_al) = crate::l10n::label_words(lang);
    let names = if r.author.is_empty() {
        &r.editor
    } else {
        &r.author
    };
    let name = |n: &ReferenceName| -> String {
        n.literal
            .clone()
            .or_else(|| n.family.clone())
            .or_else(|| n.given.clone())
            .unwrap_or_default()
    };
    let cjk = and == "和";
    let with_et_al = |a: &ReferenceName| {
        if cjk {
            format!("{}{et_al}", name(a))
        } else {
            format!("{} {et_al}", name(a))
        }
    };
    let cut = r.et_al && !r.author.is_empty();
    match names.as_slice() {
        [] => r
            .title
            .as_ref()
            .map(|t| t.plain())
            .unwrap_or_else(|| r.id.to_string()),
        [a] | [a, _] if cut => with_et_al(a),
        [a] => name(a),
        [a, b] if cjk => format!("{}{and}{}", name(a), name(b)),
        [a, b] => format!("{} {and} {}", name(a), name(b)),
        [a, ..] => with_et_al(a),
    }
}

/// The year of issue, else the date as printed (`19--`), else "n.d." in `lang`.
pub(crate) fn year<'r>(r: &'r Reference, lang: &str) -> &'r str {
    match (&r.issued, &r.issued_text) {
        (Some(d), _) => d.as_str().get(..4).unwrap_or(d.as_str()),
        (None, Some(t)) => t,
        (None, None) => crate::l10n::no_date(lang),
    }
}

/// The printed number of each reference: its `label`, else its place in the list.
pub(super) fn reference_numbers(refs: &[Reference]) -> Vec<String> {
    refs.iter()
        .enumerate()
        .map(|(i, r)| r.label.clone().unwrap_or_else(|| (i + 1).to_string()))
        .collect()
}

impl Resolved<'_> {
    /// The journal's citation style.
    pub fn citation_style(&self) -> &CitationStyle {
        &self.ctx.issue.journal.citation_style
    }

    /// The number a numeric style prints for a reference (its `label` or its place).
    pub fn reference_number(&self, id: &str) -> Option<&str> {
        let i = *self.references.get(id)?;
        self.reference_numbers.get(i).map(String::as_str)
    }

    /// The label the reference list prints before a reference: its number in a numeric
    /// style, else its own `label` when the source gives one.
    pub fn reference_list_label(&self, id: &str) -> Option<&str> {
        match (self.citation_style(), &self.csl) {
            (_, Some(csl)) => csl
                .label(id)
                .or_else(|| self.reference(id)?.label.as_deref()),
            (CitationStyle::Numeric, None) => self.reference_number(id),
            _ => self.reference(id)?.label.as_deref(),
        }
    }

    /// The pieces of a generated citation group in the journal's style: brackets and
    /// separators as [`CitePiece::Text`], each reference's text as [`CitePiece::Ref`],
    /// locators as [`CitePiece::Locator`]. References not in the list are left out
    /// (validation refuses them).
    pub fn cite_pieces(&self, mode: CiteMode, items: &[Citation]) -> Vec<CitePiece> {
        if let Some(csl) = &self.csl {
            return self.csl_pieces(csl, mode, items);
        }
        let numeric = *self.citation_style() == CitationStyle::Numeric;
        let lang = self.article.lang.as_str();
        let found: Vec<(&Citation, &Reference)> = items
            .iter()
            .filter_map(|c| self.reference(&c.id).map(|r| (c, r)))
            .collect();
        let any_locator = found.iter().any(|(c, _)| c.locator.is_some());
        let sep = if numeric && !any_locator { ", " } else { "; " };
        let (open, close) = match (mode, numeric) {
            (CiteMode::Bracketed, false) => ("(", ")"),
            (CiteMode::Bracketed, true) => ("[", "]"),
            _ => ("", ""),
        };
        let mut out = Vec::new();
        if !open.is_empty() {
            out.push(CitePiece::Text(open.into()));
        }
        for (i, (c, r)) in found.iter().enumerate() {
            if i > 0 {
                out.push(CitePiece::Text(sep.into()));
            }
            let number = self.reference_number(&c.id).unwrap_or_default();
            let text = match (mode, numeric, c.suppress_author) {
                (CiteMode::Narrative, false, _) => {
                    format!("{} ({})", authors(r, lang), year(r, lang))
                }
                (CiteMode::Narrative, true, _) => format!("{} [{number}]", authors(r, lang)),
                (_, true, _) => number.to_string(),
                (_, false, true) => year(r, lang).to_string(),
                (_, false, false) => format!("{} {}", authors(r, lang), year(r, lang)),
            };
            out.push(CitePiece::Ref {
                id: c.id.clone(),
                text,
            });
            if let Some(loc) = &c.locator {
                out.push(CitePiece::Text(", ".into()));
                out.push(CitePiece::Locator {
                    id: c.id.clone(),
                    text: loc.clone(),
                });
            }
        }
        if !close.is_empty() {
            out.push(CitePiece::Text(close.into()));
        }
        out
    }

    /// [`Self::cite_pieces`] in a named CSL style: each reference's text as the style
    /// generated it, the layout's prefix, delimiter and suffix around and between them (a
    /// bracketed group only), locators as written after `, `.
    fn csl_pieces(&self, csl: &Csl, mode: CiteMode, items: &[Citation]) -> Vec<CitePiece> {
        let bracketed = mode == CiteMode::Bracketed;
        let mut out = Vec::new();
        if bracketed && !csl.prefix.is_empty() {
            out.push(CitePiece::Text(csl.prefix.clone()));
        }
        let found = items.iter().filter(|c| self.reference(&c.id).is_some());
        for (i, c) in found.enumerate() {
            if i > 0 {
                // Narrative citations have no delimiter of the layout's: they are joined
                // as galley's own styles join them.
                let sep = match mode {
                    CiteMode::Narrative => "; ",
                    _ => csl.delimiter.as_str(),
                };
                out.push(CitePiece::Text(sep.into()));
            }
            let text = csl
                .text(&c.id, Form::of(mode, c.suppress_author))
                .unwrap_or(&c.id);
            out.push(CitePiece::Ref {
                id: c.id.clone(),
                text: text.to_string(),
            });
            if let Some(loc) = &c.locator {
                out.push(CitePiece::Text(", ".into()));
                out.push(CitePiece::Locator {
                    id: c.id.clone(),
                    text: loc.clone(),
                });
            }
        }
        if bracketed && !csl.suffix.is_empty() {
            out.push(CitePiece::Text(csl.suffix.clone()));
        }
        out
    }

    /// The ids a printed citation or cross-reference links to, ranges expanded: `@a..@c`
    /// is every reference from `a` to `c` in reference-list order. A range whose ends are
    /// unknown or out of order (validation refuses both) stands for its two ends.
    pub fn link_ids(&self, targets: &[LinkTarget]) -> Vec<String> {
        let mut out = Vec::new();
        for t in targets {
            let Some((to, _)) = &t.range_to else {
                out.push(t.id.clone());
                continue;
            };
            match (
                self.references.get(t.id.as_str()),
                self.references.get(to.as_str()),
            ) {
                (Some(&a), Some(&b)) if a <= b => out.extend(
                    self.article.references[a..=b]
                        .iter()
                        .map(|r| r.id.to_string()),
                ),
                _ => out.extend([t.id.clone(), to.clone()]),
            }
        }
        out
    }

    /// The text a plain cross-reference `[#id]` prints: a figure's, table's or formula's label (or
    /// "figure", "table" without one), a section's label after the word "Section" in the
    /// article's language, or its title. `None` for an id that is no target.
    pub fn xref_text(&self, id: &str) -> Option<Vec<Inline>> {
        let t = self.target(id)?;
        Some(match (t.kind, t.label, t.title) {
            (TargetKind::Section, Some(l), _) => {
                let said = term(self.article.lang.as_str(), Term::Section);
                let word = Inline::Text(said.text.to_string());
                let word = match said.lang {
                    Some(lang) => Inline::Lang {
                        lang: lang.to_string(),
                        content: vec![word],
                    },
                    None => word,
                };
                vec![word, Inline::Text(format!(" {l}"))]
            }
            (TargetKind::Section, None, Some(title)) => title.inlines().to_vec(),
            (TargetKind::Section, None, None) => vec![],
            (TargetKind::Figure, l, _) => vec![Inline::Text(l.unwrap_or("figure").into())],
            (TargetKind::Table, l, _) => vec![Inline::Text(l.unwrap_or("table").into())],
            // An unnumbered formula has nothing to print: validation refuses `[#id]` to
            // one (`xref.no-label`), asking for the reference's own text.
            // An appendix prints its label as written ("Appendix A"), else its title,
            // else the word "Appendix" in the article's language.
            // A supplementary item prints its label, else its title (validation refuses
            // `[#id]` to one with neither: `xref.no-label`).
            (TargetKind::Supplementary, Some(l), _) => vec![Inline::Text(l.into())],
            (TargetKind::Supplementary, None, title) => {
                title.map(|t| t.inlines().to_vec()).unwrap_or_default()
            }
            (TargetKind::Appendix, Some(l), _) => vec![Inline::Text(l.into())],
            (TargetKind::Appendix, None, Some(title)) => title.inlines().to_vec(),
            (TargetKind::Appendix, None, None) => {
                let said = term(self.article.lang.as_str(), Term::Appendix);
                let word = Inline::Text(said.text.to_string());
                match said.lang {
                    Some(lang) => vec![Inline::Lang {
                        lang: lang.to_string(),
                        content: vec![word],
                    }],
                    None => vec![word],
                }
            }
            (TargetKind::Formula, l, _) => {
                l.map(|l| vec![Inline::Text(l.into())]).unwrap_or_default()
            }
        })
    }

    /// The kind shared by every target of a cross-reference, `None` when they differ.
    pub fn common_kind(&self, ids: &[String]) -> Option<TargetKind> {
        let mut kinds = ids.iter().map(|id| self.target(id).map(|t| t.kind));
        let first = kinds.next()??;
        kinds.all(|k| k == Some(first)).then_some(first)
    }
}
