//! Citations against the journal's citation style: a generated author–date citation in
//! brackets written inside the source's own parentheses would print doubled ones.

use super::Checked;
use crate::diag::{Diagnostic, Severity};
use crate::inline::{CiteMode, Inline};
use crate::model::{Article, CitationStyle, for_each_text};

/// Warns at each `[@…]` that stands right inside parentheses of the text, `([@a])`,
/// when the journal's style is author–date: it would print "((Shen 1995))". The bare
/// form `[!@a]` prints the citation without the style's own parentheses.
pub fn check_citation_brackets(
    a: &Checked<Article>,
    style: &CitationStyle,
    diags: &mut Vec<Diagnostic>,
) {
    if *style != CitationStyle::AuthorDate {
        return;
    }
    for_each_text(&a.value, &mut |pointer, t| {
        if !t.as_str().contains("([@") && !t.as_str().contains("( [@") {
            return;
        }
        let mut offsets = Vec::new();
        doubled(&t.inlines(), &mut offsets);
        for (offset, len) in offsets {
            let mut d = Diagnostic::new(
                Severity::Warning,
                "citation.doubled-brackets",
                "this citation stands inside parentheses of the text, and the journal's author–date style adds its own: it would print \"((…))\"",
            )
            .in_file(&a.doc.path)
            .pointer(pointer.to_string())
            .hint("write it without the style's brackets, `[!@id]`, or drop the text's parentheses");
            d = d.at(a
                .doc
                .string_byte_span(pointer, offset, len)
                .or_else(|| a.doc.span_or_parent(pointer)));
            diags.push(d);
        }
    });
}

/// Each bracketed citation group between a text ending in `(` and one starting with
/// `)`: the byte offset and length of its first id.
fn doubled(nodes: &[Inline], out: &mut Vec<(usize, usize)>) {
    for (i, n) in nodes.iter().enumerate() {
        match n {
            Inline::Cite {
                mode: CiteMode::Bracketed,
                items,
            } => {
                let before = i
                    .checked_sub(1)
                    .and_then(|j| text(&nodes[j]))
                    .is_some_and(|t| t.trim_end().ends_with('('));
                let after = nodes
                    .get(i + 1)
                    .and_then(text)
                    .is_some_and(|t| t.trim_start().starts_with(')'));
                if let (true, true, Some(first)) = (before, after, items.first()) {
                    out.push((first.offset, first.id.len()));
                }
            }
            Inline::Italic(c)
            | Inline::Bold(c)
            | Inline::Sup(c)
            | Inline::Sub(c)
            | Inline::SmallCaps(c)
            | Inline::Lang { content: c, .. } => doubled(c, out),
            _ => {}
        }
    }
}

fn text(n: &Inline) -> Option<&str> {
    match n {
        Inline::Text(t) => Some(t),
        _ => None,
    }
}

/// Warns at each reference dated only as printed (`issued_text: 19--`) when the journal's
/// style is a named CSL one: hayagriva does not print a literal date, so the style would
/// print its "no date" term ("n.d.") instead of the source's words.
pub fn check_csl_literal_dates(
    a: &Checked<Article>,
    style: &CitationStyle,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(name) = style.csl_name() else {
        return;
    };
    // A style that is refused (unknown, or a note style) is reported in the issue file.
    match crate::resolve::csl::archived_style(name) {
        Some(s) if !crate::resolve::csl::is_note_style(&s) => {}
        _ => return,
    }
    for (i, r) in a.value.references.iter().enumerate() {
        if r.issued.is_some() || r.issued_text.is_none() {
            continue;
        }
        let pointer = format!("/references/{i}/issued_text");
        let d = Diagnostic::new(
            Severity::Warning,
            "citation-style.literal-date",
            format!(
                "the CSL style `{name}` cannot print this date as written: hayagriva drops a date that is not a calendar date, and the style would print its \"no date\" term"
            ),
        )
        .in_file(&a.doc.path)
        .pointer(pointer.clone())
        .hint("write this reference's citations with their own text, `[Shen (19--)](@id)`, and give the reference as `printed` so that its entry prints as written")
        .at(a.doc.span_or_parent(&pointer));
        diags.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::doubled;
    use crate::inline::parse;

    fn found(s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        doubled(&parse(s).expect("markup"), &mut out);
        out
    }

    #[test]
    fn only_a_bracketed_group_right_inside_parentheses() {
        assert_eq!(found("As argued ([@shen1995])."), [(13, 8)]);
        assert_eq!(found("*In italics ( [@ab, p. 3] ).*"), [(16, 2)]);
        assert!(found("Bare (see [!@shen1995]).").is_empty());
        assert!(found("Not closing ([@shen1995] and more).").is_empty());
        assert!(found("Narrative (@shen1995).").is_empty());
        assert!(found("Printed ([Shen 1995](@shen1995)).").is_empty());
    }
}
