//! Fuzz target (c): arbitrary bytes → the JATS importer (`galley::import::jats::import`,
//! as `galley import jats` calls it on each file). Nothing may panic or hang; a refusal
//! is a diagnostic. An article imported is written as YAML with its loss comments, and
//! that YAML must read back through galley's loader as the same values; every
//! diagnostic renders in the three report formats.
#![no_main]

use std::path::Path;

use galley::import::{jats, loss_comment, loss_diagnostic, write};
use galley::yaml::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("fuzzed.xml");
    let mut sources = galley::diag::Sources::default();
    sources.insert_bytes(file, data);
    let mut diags = Vec::new();
    match jats::import(file, data) {
        Err(d) => diags.push(d),
        Ok(imp) => {
            let text = String::from_utf8_lossy(data).into_owned();
            let read = [(file.to_path_buf(), text)];
            let mut article_comments = Vec::new();
            let mut issue_comments = Vec::new();
            for loss in &imp.losses {
                diags.push(loss_diagnostic(loss, "fuzzed", &read));
                match loss_comment(loss) {
                    (true, c) => issue_comments.push(c),
                    (false, c) => article_comments.push(c),
                }
            }
            round_trip(&imp.article, &article_comments);
            round_trip(&imp.issue, &issue_comments);
            round_trip(&imp.people, &[]);
        }
    }
    for d in &diags {
        let _ = galley::diag::render_human(d, &sources, false);
        let _ = galley::diag::render_github(d);
    }
    let _ = galley::diag::render_json(&diags);
});

/// `value` written as YAML (with `comments`) and loaded back by galley's loader gives the
/// same JSON as `value` itself.
fn round_trip<T: serde::Serialize>(value: &T, comments: &[write::Comment]) {
    let yaml = match write::to_yaml(value, &["# fuzzed".to_string()], comments) {
        Ok(y) => y,
        Err(e) => panic!("the writer refused an imported value: {e}"),
    };
    let doc = match galley::yaml::load_bytes(Path::new("w.yaml"), yaml.as_bytes(), &Limits::default()) {
        Ok(d) => d,
        Err(e) => panic!("the written YAML does not load: {e:?}\n{yaml}"),
    };
    let want = serde_json::to_value(value).expect("the model serializes");
    assert_eq!(doc.to_json(), want, "the written YAML reads back otherwise:\n{yaml}");
}
