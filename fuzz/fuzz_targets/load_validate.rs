//! Fuzz target (a): arbitrary bytes → load + validate, as an article, a contributor list
//! and an issue file, then every diagnostic rendered in the three report formats (human,
//! with the input's snippet; JSON; GitHub). Nothing may panic or hang; every failure must
//! be a diagnostic.
#![no_main]

use std::collections::BTreeSet;
use std::path::Path;

use galley::diag::Diagnostic;
use galley::model::{Article, ContributorsFile, IssueFile};
use galley::schema::FileKind;
use galley::validate::{check_article, check_contributors, check_issue, load_checked_bytes};
use galley::yaml::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let known: BTreeSet<String> = ["li-hua", "niu-jun"].iter().map(|s| s.to_string()).collect();
    // The article's folder does not exist: figures are reported missing, never read.
    let dir = Path::new("/nonexistent/galley-fuzz");
    if let Some(a) = load_checked_bytes::<Article>(Path::new("article.yaml"), data, FileKind::Article, &limits, &mut diags) {
        check_article(&a, Some(&known), dir, &mut diags);
    }
    if let Some(c) = load_checked_bytes::<ContributorsFile>(Path::new("contributors.yaml"), data, FileKind::Contributors, &limits, &mut diags) {
        check_contributors(&c, &mut diags);
    }
    if let Some(i) = load_checked_bytes::<IssueFile>(Path::new("issue.yaml"), data, FileKind::Issue, &limits, &mut diags) {
        check_issue(&i, &["a".to_string()], &mut diags);
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = galley::inline::parse(s);
    }
    // Every diagnostic renders in each report format without panicking, the human one
    // with the snippet of the file as read (the input's bytes under each name).
    let mut sources = galley::diag::Sources::default();
    for name in ["article.yaml", "contributors.yaml", "issue.yaml"] {
        sources.insert_bytes(Path::new(name), data);
    }
    for d in &diags {
        let _ = galley::diag::render_human(d, &sources, false);
        let _ = galley::diag::render_github(d);
    }
    let _ = galley::diag::render_json(&diags);
});
