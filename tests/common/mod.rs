//! Helpers shared by the integration tests (each test file includes what it uses).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use galley::issue::{discover, load_issue};
use galley::model::{Article, ContributorsFile, IssueFile};
use galley::yaml::Limits;

/// The repository root.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// An issue loaded through the library, with its articles by slug.
pub struct Issue {
    pub issue: IssueFile,
    pub contributors: ContributorsFile,
    pub articles: BTreeMap<String, Article>,
}

/// Loads an issue folder (relative to the repository root); fails on any error.
pub fn load(dir: &str) -> Issue {
    let sels = discover(&[Path::new(ROOT).join(dir)]).expect("discover");
    assert_eq!(sels.len(), 1, "{dir} is one issue");
    let loaded = load_issue(&sels[0], &Limits::default());
    let errors: Vec<String> = loaded
        .all_diagnostics()
        .filter(|d| d.severity == galley::diag::Severity::Error)
        .map(|d| format!("{d:?}"))
        .collect();
    assert!(
        errors.is_empty(),
        "{dir} does not load cleanly: {errors:#?}"
    );
    let articles = loaded
        .articles
        .iter()
        .map(|a| {
            let art = a.article.as_ref().expect("article loaded");
            (a.slug.clone(), art.value.clone())
        })
        .collect();
    Issue {
        issue: loaded.issue.expect("issue.yaml").value,
        contributors: loaded.contributors.expect("contributors.yaml").value,
        articles,
    }
}

/// Every diagnostic of a JSON report: the shared files' and each article's.
pub fn all_diagnostics(report: &serde_json::Value) -> Vec<serde_json::Value> {
    let mut v: Vec<serde_json::Value> = report["shared"].as_array().cloned().unwrap_or_default();
    for a in report["articles"].as_array().cloned().unwrap_or_default() {
        v.extend(a["diagnostics"].as_array().cloned().unwrap_or_default());
    }
    v
}

/// `../shared/validators/check.sh`, the official validators.
pub const CHECK_SH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/validators/check.sh");

/// Runs the official validators on `files`, each with its `check.sh` flag (`--jats`,
/// `--tei`, `--epub`; EPUBCheck warnings count as failures) and returns the report. Fails
/// unless every file has a `PASS` line and none a `FAIL` line; a validator that is missing
/// (exit status 2) is a failure, never a skip.
pub fn official_check(files: &[(&str, &Path)]) -> String {
    assert!(!files.is_empty(), "nothing to validate");
    let mut cmd = std::process::Command::new("bash");
    cmd.arg(CHECK_SH).env("EPUBCHECK_FAIL_ON_WARNINGS", "1");
    for (flag, path) in files {
        cmd.arg(flag).arg(path);
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {CHECK_SH}: {e}"));
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    match out.status.code() {
        Some(0) => {}
        Some(2) => panic!(
            "a validator is missing or misconfigured (check.sh exit 2); run ../shared/validators/install.sh. This is a failure, not a skip.\n{report}"
        ),
        other => panic!("the official validators reject the output (exit {other:?}):\n{report}"),
    }
    assert!(!report.contains("FAIL"), "{report}");
    for (_, path) in files {
        let path = path.display().to_string();
        assert!(
            report
                .lines()
                .any(|l| l.starts_with("PASS") && l.ends_with(&path)),
            "no PASS line for {path}:\n{report}"
        );
    }
    report
}
