//! EPUB Accessibility 1.1 metadata, derived from what the content holds.

use super::Part;
use crate::inline::Inline;
use crate::model::Block;

/// Accessibility metadata, derived from the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct A11y {
    /// `schema:accessMode` values.
    pub modes: Vec<&'static str>,
    /// `schema:accessModeSufficient` values.
    pub sufficient: Vec<&'static str>,
    /// `schema:accessibilityFeature` values.
    pub features: Vec<&'static str>,
    /// `schema:accessibilityHazard` values.
    pub hazards: Vec<&'static str>,
    /// `schema:accessibilitySummary`.
    pub summary: String,
    /// Whether the publication claims [`CONFORMANCE`](super::CONFORMANCE).
    pub conforms: bool,
}

/// Counts of what the content holds, from which [`A11y`] is derived.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Inventory {
    /// Articles.
    pub articles: usize,
    /// Images.
    pub images: usize,
    /// Images with non-empty alt text.
    pub images_with_alt: usize,
    /// Images the YAML marks decorative (`decorative: true`), which need none.
    pub decorative: usize,
    /// Images that may animate (GIF, APNG, animated WebP).
    pub animated: usize,
    /// Tables.
    pub tables: usize,
    /// Tables with a header row.
    pub tables_with_head: usize,
    /// Footnotes.
    pub footnotes: usize,
    /// Language spans and original-script names.
    pub foreign: usize,
    /// Formulas (display and inline), written in MathML.
    pub formulas: usize,
}

impl A11y {
    /// Derives the metadata; `certifier` is the party that declares conformance.
    pub fn derive(inv: &Inventory, certifier: &str) -> A11y {
        // Every image has a text alternative or is declared decorative by the YAML; an
        // image with no alt given is never counted as decorative.
        let all_alt = inv.images_with_alt + inv.decorative == inv.images;
        let mut modes = vec!["textual"];
        let mut sufficient = Vec::new();
        if inv.images > 0 {
            modes.push("visual");
            sufficient.push("textual,visual");
        }
        if all_alt {
            sufficient.insert(0, "textual");
        }
        let mut features = vec!["structuralNavigation", "tableOfContents", "readingOrder"];
        if inv.images_with_alt > 0 && all_alt {
            features.push("alternativeText");
        }
        features.push("displayTransformability");
        if inv.formulas > 0 {
            features.push("MathML");
        }
        let hazards = if inv.animated > 0 {
            vec![
                "unknownFlashingHazard",
                "unknownMotionSimulationHazard",
                "noSoundHazard",
            ]
        } else {
            vec!["none"]
        };
        let mut s = format!(
            "This publication holds the text of {} with headings that follow its structure, a navigable table of contents and a logical reading order; the text reflows and its fonts can be changed.",
            if inv.articles == 1 {
                "one article".to_string()
            } else {
                format!("{} articles", inv.articles)
            }
        );
        if inv.footnotes > 0 {
            s.push_str(" Footnotes are linked from the text and link back to it.");
        }
        match (inv.images, inv.images_with_alt, inv.decorative) {
            (0, _, _) => s.push_str(" It contains no images."),
            (n, a, 0) if a == n => s.push_str(&format!(
                " It contains {n} image{}, each with a text alternative.",
                if n == 1 { "" } else { "s" }
            )),
            (n, a, d) if a + d == n => s.push_str(&format!(
                " It contains {n} image{}: {a} with a text alternative and {d} marked decorative.",
                if n == 1 { "" } else { "s" }
            )),
            (n, a, d) => s.push_str(&format!(
                " It contains {n} image{}, {} without a text alternative, so it makes no WCAG conformance claim.",
                if n == 1 { "" } else { "s" },
                n - a - d
            )),
        }
        if inv.animated > 0 {
            s.push_str(" Some images are in formats that can animate and have not been checked for flashing.");
        }
        if inv.tables > 0 {
            if inv.tables_with_head == inv.tables {
                s.push_str(" Tables have header cells.");
            } else {
                s.push_str(&format!(
                    " {} of {} tables have no header row.",
                    inv.tables - inv.tables_with_head,
                    inv.tables
                ));
            }
        }
        if inv.formulas > 0 {
            s.push_str(" Formulas are written in MathML, each with a text alternative where the source gives one.");
        }
        if inv.foreign > 0 {
            s.push_str(" Names and words in other languages and scripts, such as Chinese characters, are marked with their language.");
        }
        if all_alt {
            s.push_str(&format!(
                " Conformance to EPUB Accessibility 1.1 and WCAG 2.1 Level AA is self-declared by {certifier} on the basis of automated checks of the generated markup, not a third-party audit."
            ));
        }
        A11y {
            modes,
            sufficient,
            features,
            hazards,
            summary: s,
            conforms: all_alt,
        }
    }
}

/// Counts what an article holds.
pub(super) fn inventory(parts: &[Part<'_>]) -> Inventory {
    let mut inv = Inventory {
        articles: parts.len(),
        ..Inventory::default()
    };
    for p in parts {
        let a = p.r.article;
        inv.footnotes += a.footnotes.len();
        crate::model::for_each_figure(a, &mut |_, f| {
            inv.images += 1;
            if f.alt_text().is_some() {
                inv.images_with_alt += 1;
            } else if f.decorative {
                inv.decorative += 1;
            }
            if p.r
                .image(&f.image)
                .is_some_and(|i| crate::asset::may_animate(i.bytes))
            {
                inv.animated += 1;
            }
        });
        crate::model::walk_article_blocks(a, &mut |_, b| match b {
            Block::Formula(_) => inv.formulas += 1,
            Block::Table(t) => {
                inv.tables += 1;
                if !t.head.is_empty() {
                    inv.tables_with_head += 1;
                }
            }
            _ => {}
        });
        crate::model::for_each_text(a, &mut |_, t| {
            crate::inline::visit(&t.inlines(), &mut |n| match n {
                Inline::Lang { .. } => inv.foreign += 1,
                Inline::Formula { .. } => inv.formulas += 1,
                _ => {}
            });
        });
        for c in p.r.byline_people() {
            if c.original_name.is_some() {
                inv.foreign += 1;
            }
        }
    }
    inv
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessibility_follows_the_images() {
        let text = A11y::derive(
            &Inventory {
                articles: 1,
                ..Inventory::default()
            },
            "X",
        );
        assert_eq!(text.modes, ["textual"]);
        assert_eq!(text.sufficient, ["textual"]);
        assert!(!text.features.contains(&"alternativeText"));
        assert!(text.conforms);
        let some_alt = A11y::derive(
            &Inventory {
                articles: 1,
                images: 2,
                images_with_alt: 1,
                ..Inventory::default()
            },
            "X",
        );
        assert_eq!(some_alt.modes, ["textual", "visual"]);
        assert_eq!(some_alt.sufficient, ["textual,visual"]);
        assert!(!some_alt.features.contains(&"alternativeText"));
        assert!(!some_alt.conforms);
        let all_alt = A11y::derive(
            &Inventory {
                articles: 1,
                images: 2,
                images_with_alt: 2,
                animated: 1,
                ..Inventory::default()
            },
            "X",
        );
        assert_eq!(all_alt.sufficient, ["textual", "textual,visual"]);
        assert!(all_alt.features.contains(&"alternativeText"));
        assert!(all_alt.hazards.contains(&"unknownFlashingHazard"));
        // Decorative images need no alternative; an image with none is not decorative.
        let decorative = |with_alt, decorative| {
            A11y::derive(
                &Inventory {
                    articles: 1,
                    images: 2,
                    images_with_alt: with_alt,
                    decorative,
                    ..Inventory::default()
                },
                "X",
            )
        };
        let one_each = decorative(1, 1);
        assert!(one_each.conforms);
        assert!(one_each.features.contains(&"alternativeText"));
        assert!(one_each.summary.contains("1 marked decorative"));
        let only_decorative = decorative(0, 2);
        assert!(only_decorative.conforms);
        assert!(!only_decorative.features.contains(&"alternativeText"));
        let one_missing = decorative(0, 1);
        assert!(!one_missing.conforms);
        assert!(!one_missing.features.contains(&"alternativeText"));
        assert!(one_missing.summary.contains("1 without a text alternative"));
    }
}
