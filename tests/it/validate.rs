//! Fixture-driven validation tests.
//!
//! - `tests/fixtures/valid/*/` are whole issue folders that must validate with no
//!   diagnostics at all.
//! - `tests/fixtures/invalid/{article,contributors,issue}/*.yaml` are single files, each
//!   declaring in `# expect: CODE @ LINE:COLUMN` comments the diagnostics (errors and
//!   warnings) it must produce. The test places the file into a copy of the kitchen-sink
//!   issue (as the article, the contributor list or the issue file) and checks that the
//!   diagnostics are exactly those, no more and no fewer.

use std::path::{Path, PathBuf};

use galley::diag::{Diagnostic, Severity};
use galley::issue::{discover, load_issue};
use galley::yaml::Limits;

use crate::support::{KITCHEN_SINK, copy_dir, root};

fn kitchen_sink() -> PathBuf {
    root().join(KITCHEN_SINK.0)
}

fn diagnostics(path: &Path) -> Vec<Diagnostic> {
    let sels = discover(&[path.to_path_buf()]).expect("paths resolve");
    sels.iter()
        .flat_map(|s| {
            let issue = load_issue(s, &Limits::default());
            issue.all_diagnostics().cloned().collect::<Vec<_>>()
        })
        .collect()
}

/// The `# expect:` lines of a fixture, as (code, line, column).
fn expectations(text: &str) -> Vec<(String, usize, usize)> {
    let mut out: Vec<(String, usize, usize)> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(|e| {
            let (code, pos) = e.split_once(" @ ").expect("`# expect: CODE @ L:C`");
            let (l, c) = pos.trim().split_once(':').expect("L:C");
            (
                code.trim().to_string(),
                l.parse().unwrap(),
                c.parse().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn found(diags: &[Diagnostic], file: &Path) -> Vec<(String, usize, usize)> {
    let mut out: Vec<(String, usize, usize)> = diags
        .iter()
        .filter(|d| d.severity != Severity::Loss)
        .map(|d| {
            assert_eq!(
                d.file.as_deref(),
                Some(file),
                "diagnostic in an unexpected file: {d:?}"
            );
            let span = d
                .span
                .unwrap_or_else(|| panic!("diagnostic without a position: {d:?}"));
            (d.code.clone(), span.line, span.column)
        })
        .collect();
    out.sort();
    out
}

fn cases(kind: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/invalid").join(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no {kind} fixtures");
    v
}

fn check_case(
    case: &Path,
    issue_dir: &Path,
    placed: &Path,
    validate_path: &Path,
    failures: &mut Vec<String>,
) {
    let text = std::fs::read_to_string(case).unwrap();
    let expected = expectations(&text);
    assert!(
        !expected.is_empty(),
        "{} declares no `# expect:` line",
        case.display()
    );
    std::fs::write(placed, &text).unwrap();
    let got = found(&diagnostics(validate_path), placed);
    if got != expected {
        failures.push(format!(
            "{}:\n  expected {expected:?}\n  got      {got:?}",
            case.display()
        ));
    }
    let _ = issue_dir;
}

#[test]
fn valid_fixtures_have_no_diagnostics() {
    for dir in [root().join("input"), kitchen_sink()] {
        let d = diagnostics(&dir);
        assert!(d.is_empty(), "{}: {d:#?}", dir.display());
    }
}

#[test]
fn invalid_article_fixtures_give_exactly_their_diagnostics() {
    let mut failures = Vec::new();
    for case in cases("article") {
        let tmp = tempfile::tempdir().unwrap();
        let issue = tmp.path();
        copy_dir(&kitchen_sink(), issue);
        std::fs::remove_dir_all(issue.join("kitchen-sink")).unwrap();
        // The issue lists no articles, so any folder name is fine.
        let issue_yaml = std::fs::read_to_string(issue.join("issue.yaml")).unwrap();
        let cut = issue_yaml.find("  articles:").unwrap();
        std::fs::write(issue.join("issue.yaml"), &issue_yaml[..cut]).unwrap();
        let article_dir = issue.join("case");
        copy_dir(
            &kitchen_sink().join("kitchen-sink/images"),
            &article_dir.join("images"),
        );
        check_case(
            &case,
            issue,
            &article_dir.join("article.yaml"),
            &article_dir,
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_contributor_fixtures_give_exactly_their_diagnostics() {
    let mut failures = Vec::new();
    for case in cases("contributors") {
        let tmp = tempfile::tempdir().unwrap();
        let issue = tmp.path();
        let issue_yaml = std::fs::read_to_string(kitchen_sink().join("issue.yaml")).unwrap();
        let cut = issue_yaml.find("  articles:").unwrap();
        std::fs::write(issue.join("issue.yaml"), &issue_yaml[..cut]).unwrap();
        check_case(
            &case,
            issue,
            &issue.join("contributors.yaml"),
            issue,
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_issue_fixtures_give_exactly_their_diagnostics() {
    let mut failures = Vec::new();
    for case in cases("issue") {
        let tmp = tempfile::tempdir().unwrap();
        let issue = tmp.path();
        copy_dir(&kitchen_sink(), issue);
        check_case(
            &case,
            issue,
            &issue.join("issue.yaml"),
            issue,
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_error_in_one_contributor_entry_does_not_make_articles_report_it_unknown() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&kitchen_sink(), tmp.path());
    let path = tmp.path().join("contributors.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("birth_year: 1960", "birth_year: nineteen-sixty", 1),
    )
    .unwrap();
    let got: Vec<String> = diagnostics(tmp.path())
        .into_iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(got, vec!["schema.type".to_string()]);
}
