//! Text: the characters XML 1.0 cannot carry and text not in Unicode Normalization
//! Form C, in every string and key of a file; and inline markup, parsed to report its
//! errors where they start and to gather what it refers to.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::document::escape;
use crate::diag::{Diagnostic, Span};
use crate::inline::{self, Inline};
use crate::model::Text;
use crate::xml::xml_char_ok;
use crate::yaml::Document;

/// Reports every character XML 1.0 cannot carry, in every string and key; and warns
/// about text that is not in Unicode Normalization Form C.
///
/// Normalisation policy: galley writes text exactly as written, without normalising it,
/// so that outputs are faithful to the source byte for byte (NFC would, for instance,
/// replace CJK compatibility ideographs with their unified forms). Because archives and
/// search expect NFC (W3C Character Model), text that is not NFC gets a `text.not-nfc`
/// warning pointing at the first character that differs, with the fix as a hint.
pub(super) fn check_characters(
    doc: &Document,
    v: &Value,
    pointer: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let bad_in = |s: &str| s.chars().enumerate().find(|(_, c)| !xml_char_ok(*c));
    match v {
        Value::String(s) => {
            if let Some((i, c)) = bad_in(s) {
                diags.push(
                    Diagnostic::error(
                        "text.forbidden-char",
                        format!("the character U+{:04X} cannot appear in XML", c as u32),
                    )
                    .in_file(&doc.path)
                    .pointer(pointer.to_string())
                    .at(doc.string_char_span(pointer, i, 1))
                    .hint("remove it: control characters other than tab and line breaks, and U+FFFE/U+FFFF, are not allowed"),
                );
            } else if !unicode_normalization::is_nfc(s) {
                // The first character from which the NFC form differs.
                let nfc: String =
                    unicode_normalization::UnicodeNormalization::nfc(s.as_str()).collect();
                let i = s
                    .chars()
                    .zip(nfc.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                diags.push(
                    Diagnostic::warning(
                        "text.not-nfc",
                        "text is not in Unicode Normalization Form C (a base letter followed by a separate combining mark, say)",
                    )
                    .in_file(&doc.path)
                    .pointer(pointer.to_string())
                    .at(doc.string_char_span(pointer, i, 2))
                    .hint("galley keeps text as written; convert the file to NFC (e.g. `uconv -x NFC`) so that archives and search match it"),
                );
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_characters(doc, item, &format!("{pointer}/{i}"), diags);
            }
        }
        Value::Object(m) => {
            for (k, item) in m {
                let p = format!("{pointer}/{}", escape(k));
                if bad_in(k).is_some() {
                    diags.push(
                        Diagnostic::error(
                            "text.forbidden-char",
                            "a key holds a character that cannot appear in XML",
                        )
                        .in_file(&doc.path)
                        .pointer(p.clone())
                        .at(doc.locate(&p).and_then(|l| l.key)),
                    );
                }
                check_characters(doc, item, &p, diags);
            }
        }
        _ => {}
    }
}

/// What an article's text refers to and defines, gathered while checking it.
#[derive(Default)]
pub(super) struct Refs {
    /// Footnote references: id → where it is first referred to.
    pub(super) footnotes: BTreeMap<String, Site>,
    /// Citations: id → where it is first cited.
    pub(super) cites: BTreeMap<String, Site>,
    /// Cross-references: (id, where).
    pub(super) xrefs: Vec<(String, Site)>,
    /// Ranges of printed citations `@a..@b`: first id, last id, where the last is.
    pub(super) ranges: Vec<(String, String, Site)>,
    /// Where narrative citations (`@id` in running text) are: (pointer, offset).
    pub(super) narrative: BTreeSet<(String, usize)>,
}

/// Where a reference is written: the string's pointer and the byte offset of the id in
/// it, as the inline parser found it.
#[derive(Debug, Clone)]
pub(super) struct Site {
    pub(super) pointer: String,
    offset: usize,
}

impl Site {
    /// Whether this site is a narrative citation's (`@id` in running text).
    pub(super) fn is_narrative(&self, refs: &Refs) -> bool {
        refs.narrative
            .contains(&(self.pointer.clone(), self.offset))
    }

    /// The position of the id (`len` bytes) in the file; the string's, should the id not
    /// map onto its source.
    pub(super) fn span(&self, doc: &Document, len: usize) -> Option<Span> {
        doc.string_byte_span(&self.pointer, self.offset, len)
            .or_else(|| doc.span_or_parent(&self.pointer))
    }
}

/// What a reference refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefKind {
    Footnote,
    Citation,
    CrossReference,
    Formula,
}

/// The references in inline content, in order: kind, id, byte offset of the id.
fn references(nodes: &[Inline]) -> Vec<(RefKind, &str, usize)> {
    let mut found = Vec::new();
    inline::visit(nodes, &mut |n| match n {
        Inline::FootnoteRef { id, offset } => found.push((RefKind::Footnote, id.as_str(), *offset)),
        Inline::XRef { id, offset } => found.push((RefKind::CrossReference, id.as_str(), *offset)),
        Inline::Formula { id, offset } => found.push((RefKind::Formula, id.as_str(), *offset)),
        Inline::Cite { items, .. } => {
            found.extend(
                items
                    .iter()
                    .map(|c| (RefKind::Citation, c.id.as_str(), c.offset)),
            );
        }
        Inline::CiteText { targets, .. } => {
            for t in targets {
                found.push((RefKind::Citation, t.id.as_str(), t.offset));
                if let Some((to, offset)) = &t.range_to {
                    found.push((RefKind::Citation, to.as_str(), *offset));
                }
            }
        }
        Inline::XRefText { targets, .. } => found.extend(
            targets
                .iter()
                .map(|t| (RefKind::CrossReference, t.id.as_str(), t.offset)),
        ),
        _ => {}
    });
    found
}

/// Records the ranges of printed citations and where narrative citations are.
fn ranges_and_narratives(nodes: &[Inline], pointer: &str, refs: &mut Refs) {
    inline::visit(nodes, &mut |n| match n {
        Inline::CiteText { targets, .. } => {
            for t in targets {
                if let Some((to, offset)) = &t.range_to {
                    let site = Site {
                        pointer: pointer.to_string(),
                        offset: *offset,
                    };
                    refs.ranges.push((t.id.clone(), to.clone(), site));
                }
            }
        }
        Inline::Cite {
            mode: inline::CiteMode::Narrative,
            items,
        } => {
            for c in items {
                refs.narrative.insert((pointer.to_string(), c.offset));
            }
        }
        _ => {}
    });
}

/// Parses a marked-up text; reports markup errors at the character where they start,
/// and records what it refers to.
pub(super) fn check_text(
    doc: &Document,
    pointer: &str,
    text: &Text,
    refs: Option<&mut Refs>,
    diags: &mut Vec<Diagnostic>,
) {
    match text.parse() {
        Ok(nodes) => {
            let found = references(nodes);
            let site = |offset| Site {
                pointer: pointer.to_string(),
                offset,
            };
            if let Some(refs) = refs {
                ranges_and_narratives(nodes, pointer, refs);
                for (kind, id, offset) in found {
                    match kind {
                        RefKind::Footnote => {
                            refs.footnotes
                                .entry(id.to_string())
                                .or_insert_with(|| site(offset));
                        }
                        RefKind::Citation => {
                            refs.cites
                                .entry(id.to_string())
                                .or_insert_with(|| site(offset));
                        }
                        RefKind::CrossReference => refs.xrefs.push((id.to_string(), site(offset))),
                        // Checked with the formulas (validate/math.rs).
                        RefKind::Formula => {}
                    }
                }
            } else if let Some(&(_, id, offset)) = found.first() {
                diags.push(
                    Diagnostic::error(
                        "markup.reference-here",
                        "footnote, citation and cross-reference markup can only be used in an article",
                    )
                    .in_file(&doc.path)
                    .pointer(pointer.to_string())
                    .at(site(offset).span(doc, id.len()))
                    .hint("remove the reference from this field; a literal `@` before a letter is written `\\@`"),
                );
            }
        }
        Err(e) => {
            diags.push(
                Diagnostic::error(e.code, e.message.clone())
                    .in_file(&doc.path)
                    .pointer(pointer.to_string())
                    .at(doc.string_char_span(pointer, e.offset, e.len))
                    .hint(e.hint.clone()),
            );
        }
    }
}
