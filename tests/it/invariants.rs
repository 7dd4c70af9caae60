//! What every output format keeps, one table over `Format::ALL`, for every article of
//! `input/` and of the valid fixtures: two emits give the same bytes (from one load and
//! from a fresh one); every body paragraph comes out word for word; the format's official
//! validator accepts the output. A new format fails to compile here until it has a row.

use galley::emit::Format;

use crate::support::{
    FIRST, Issue, body_paragraphs, issue_folders, load, official_check_outputs, rendered_paragraphs,
};

/// How a format keeps the invariants.
struct Row {
    /// The flag of its official validator for `official_check` (`--jats`, `--tei`,
    /// `--epub`); none for the HTML preview, which no validator checks (its test renders
    /// it in a browser, `preview.rs`).
    validator: Option<&'static str>,
    /// The body's paragraphs in an output, in order (JATS and TEI: their whole text,
    /// footnotes left out in TEI, where they are notes).
    paragraphs: fn(&[u8]) -> Vec<String>,
}

fn row(format: Format) -> Row {
    match format {
        Format::Jats => Row {
            validator: Some("--jats"),
            paragraphs: crate::jats::paragraphs,
        },
        Format::Tei => Row {
            validator: Some("--tei"),
            paragraphs: crate::tei::paragraphs,
        },
        Format::Epub => Row {
            validator: Some("--epub"),
            paragraphs: crate::epub::full_paragraphs,
        },
        Format::Html => Row {
            validator: None,
            paragraphs: crate::epub::xhtml_full_paragraphs,
        },
    }
}

/// Every issue folder, loaded, with the slugs of its articles.
fn cases() -> Vec<(String, Issue)> {
    let cases: Vec<(String, Issue)> = issue_folders()
        .into_iter()
        .map(|dir| {
            let issue = load(&dir);
            (dir, issue)
        })
        .collect();
    assert!(cases.len() >= 3, "input/ and the valid fixtures");
    cases
}

#[test]
fn two_emits_give_identical_bytes() {
    for (dir, issue) in cases() {
        let again = load(&dir);
        for (slug, _) in &issue.articles {
            for format in Format::ALL {
                let a = issue.emit_slug(format, slug);
                let b = issue.emit_slug(format, slug);
                assert!(
                    a.bytes == b.bytes,
                    "{} of {slug}: two emits differ",
                    format.name()
                );
                assert!(
                    again.emit_slug(format, slug).bytes == a.bytes,
                    "{} of {slug}: a fresh load gives other bytes",
                    format.name()
                );
            }
        }
    }
}

#[test]
fn every_paragraph_word_for_word() {
    let mut checked = 0;
    for (_, issue) in cases() {
        for (slug, article) in &issue.articles {
            let expected = body_paragraphs(article);
            if slug == FIRST.1 {
                assert_eq!(expected.len(), 23);
                // Both kinds of quotation marks are in the text compared.
                let all = expected.join("\n");
                assert!(all.contains("“lean to one side.”"));
                assert!(all.contains("\"proletarian internationalism\""));
            }
            for format in Format::ALL {
                let row = row(format);
                let name = format.name();
                let got = (row.paragraphs)(&issue.emit_slug(format, slug).bytes);
                assert_eq!(got.len(), expected.len(), "{name} of {slug}: paragraphs");
                // JATS and XHTML print footnote numbers in the text, TEI points at its notes.
                let rendered = rendered_paragraphs(&issue, slug, format != Format::Tei);
                for (i, (want, got)) in rendered.iter().zip(&got).enumerate() {
                    let n = i + 1;
                    let (w, g): (Vec<&str>, Vec<&str>) = (
                        want.split_whitespace().collect(),
                        got.split_whitespace().collect(),
                    );
                    assert_eq!(w, g, "{name} of {slug}: paragraph {n}, word for word");
                    // Not only the words: the characters, whitespace included.
                    assert_eq!(want, got, "{name} of {slug}: paragraph {n}");
                }
                checked += expected.len();
            }
        }
    }
    assert!(checked > 100, "{checked} paragraphs compared");
}

#[test]
fn official_validators_accept_every_output() {
    let mut outputs = Vec::new();
    for (_, issue) in cases() {
        for (slug, _) in &issue.articles {
            for format in Format::ALL {
                if let Some(flag) = row(format).validator {
                    let bytes = issue.emit_slug(format, slug).bytes;
                    outputs.push((flag, format.file_name(slug), bytes));
                }
            }
        }
    }
    let outputs: Vec<(&str, String, &[u8])> = outputs
        .iter()
        .map(|(flag, name, bytes)| (*flag, name.clone(), bytes.as_slice()))
        .collect();
    let report = official_check_outputs(&outputs);
    for pass in ["PASS  JATS DTD", "PASS  TEI RNG", "PASS  EPUBCheck"] {
        assert!(report.contains(pass), "{report}");
    }
}
