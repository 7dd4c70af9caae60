//! The resolve stage: the facts every emitter reads, computed once, and one policy for
//! input that skipped validation.

use std::collections::BTreeSet;

use galley::emit::{EmitError, Format};
use galley::model::{Block, Id, Text};
use galley::resolve::TargetKind;

use crate::support::{FIRST, KITCHEN_SINK, for_each_block, load};

#[test]
fn facts_are_those_of_the_source() {
    for (dir, slug) in [FIRST, KITCHEN_SINK] {
        let issue = load(dir);
        let article = issue.article(slug);
        issue.with_resolved(slug, article, |r| {
            // The byline, in order, with each person found by id.
            assert_eq!(r.byline.len(), article.contributors.len());
            for (b, ac) in r.byline.iter().zip(&article.contributors) {
                assert_eq!(b.person.id, ac.contributor);
                assert_eq!(b.entry.role, ac.role);
                let index = r.contributor_index(&ac.contributor).expect("indexed");
                assert_eq!(issue.contributors.contributors[index].id, ac.contributor);
            }
            // People once each: the byline's, then funding recipients.
            let ids: Vec<&str> = r.people.iter().map(|c| c.id.as_str()).collect();
            let unique: BTreeSet<&str> = ids.iter().copied().collect();
            assert_eq!(ids.len(), unique.len(), "{ids:?}");
            let named = article
                .contributors
                .iter()
                .map(|c| &c.contributor)
                .chain(article.funding.iter().flat_map(|f| &f.recipients));
            for id in named {
                assert!(unique.contains(id.as_str()), "{id} missing from {ids:?}");
            }
            // Footnotes numbered in their order, references found, ids collected.
            for (i, f) in article.footnotes.iter().enumerate() {
                assert_eq!(r.footnote_number(f.id.as_str()), Some(i + 1));
                assert!(r.ids.contains(f.id.as_str()));
            }
            for re in &article.references {
                let found = r.reference(re.id.as_str()).expect("reference");
                assert_eq!(found.id, re.id);
                assert!(r.ids.contains(re.id.as_str()));
            }
            assert_eq!(r.footnote_number("no-such-note"), None);
            // Every figure (wherever it sits) and table is a target with its own label,
            // in reading order.
            let mut figures = Vec::new();
            galley::model::for_each_figure(article, &mut |_, f| {
                let t = r.target(f.id.as_str()).expect("figure target");
                assert_eq!(t.kind, TargetKind::Figure);
                assert_eq!(t.label, f.label.as_deref());
                figures.push(f.id.as_str());
            });
            galley::model::walk_article_blocks(article, &mut |_, b| match b {
                Block::Table(t) => {
                    let target = r.target(t.id.as_str()).expect("table target");
                    assert_eq!(target.kind, TargetKind::Table);
                    assert_eq!(target.label, t.label.as_deref());
                }
                Block::Section(s) => {
                    if let Some(id) = &s.id {
                        assert!(r.ids.contains(id.as_str()));
                        let heading = s.label.is_some() || s.title.is_some();
                        assert_eq!(r.target(id.as_str()).is_some(), heading, "{id}");
                    }
                }
                _ => {}
            });
            let resolved: Vec<&str> = r.figures.iter().map(|f| f.figure.id.as_str()).collect();
            assert_eq!(resolved, figures);
            for f in &r.figures {
                let sniffed = galley::asset::sniff_image(f.bytes);
                assert_eq!(Some(f.media_type), sniffed, "{}", f.figure.image);
                assert!(!f.bytes.is_empty());
            }
        });
    }
}

#[test]
fn the_kitchen_sink_has_what_the_facts_test_needs() {
    // Guards the test above against passing on an article with nothing in it.
    let issue = load(KITCHEN_SINK.0);
    let a = issue.article(KITCHEN_SINK.1);
    assert!(!a.footnotes.is_empty() && !a.references.is_empty() && !a.funding.is_empty());
    let mut figures = 0;
    for_each_block(&a.body, &mut |b| {
        figures += usize::from(matches!(b, Block::Figure(_)))
    });
    assert!(figures > 0);
}

/// Markup that does not parse (validation refuses it first) stops every format the same
/// way, naming where it is.
#[test]
fn unparsable_markup_fails_every_format_alike() {
    let issue = load(KITCHEN_SINK.0);
    let mut article = issue.article(KITCHEN_SINK.1).clone();
    article
        .acknowledgements
        .push(Text::new("An *unclosed emphasis."));
    let pointer = format!("/acknowledgements/{}", article.acknowledgements.len() - 1);
    let errors: Vec<EmitError> = Format::ALL
        .iter()
        .map(|f| {
            issue
                .emit(*f, KITCHEN_SINK.1, &article)
                .expect_err("refused")
        })
        .collect();
    let EmitError::Unwritable(first) = &errors[0];
    assert!(first.contains(&pointer), "{first}");
    assert!(errors.iter().all(|e| e == &errors[0]), "{errors:?}");
}

#[test]
fn an_unknown_contributor_fails_every_format_alike() {
    let issue = load(KITCHEN_SINK.0);
    let mut article = issue.article(KITCHEN_SINK.1).clone();
    article.contributors[0].contributor = Id("nobody-by-that-id".into());
    for f in Format::ALL {
        let EmitError::Unwritable(m) = issue
            .emit(f, KITCHEN_SINK.1, &article)
            .expect_err("refused");
        assert!(m.contains("nobody-by-that-id"), "{}: {m}", f.name());
    }
}
