//! Helpers shared by the integration tests (each test file includes what it uses).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use galley::issue::{discover, load_issue};
use galley::model::{Article, ContributorsFile, IssueFile};
use galley::yaml::Limits;

mod validators;
#[allow(unused_imports)] // not every test file runs the validators
pub use validators::{official_check, official_rejection};

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
