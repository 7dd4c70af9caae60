//! The command line, run as a user runs it.

mod common;
use common::{all_diagnostics, copy_dir};

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::str::contains;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn galley() -> Command {
    let mut cmd = Command::cargo_bin("galley").unwrap();
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

const SLUG: &str = "origin-sino-soviet-alliance";

/// A copy of `input/` whose article's text is `edit` of the original.
fn input_with_article(edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("input"), tmp.path());
    let article = tmp.path().join(SLUG).join("article.yaml");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, edit(text)).unwrap();
    tmp
}

#[test]
fn validate_input_passes() {
    galley()
        .args(["validate", "input"])
        .assert()
        .code(0)
        .stderr(contains(
            "galley validate: 1 article(s): 1 valid, 0 failed; no problems",
        ));
    // With no path, `input` is the default.
    galley().arg("validate").assert().code(0);
}

#[test]
fn an_unknown_key_is_reported_at_its_line_and_column() {
    // Insert `colour: red` as the third line, indented by nothing: line 3, column 1.
    let tmp = input_with_article(|text| {
        let mut lines: Vec<&str> = text.lines().collect();
        lines.insert(2, "colour: red");
        lines.join("\n") + "\n"
    });

    let out = galley()
        .args(["validate", "--format", "json"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("--format json parses");
    let diags = &all_diagnostics(&json);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert_eq!(diags[0]["code"], "schema.unknown-key");
    assert_eq!(diags[0]["line"], 3);
    assert_eq!(diags[0]["column"], 1);
    assert_eq!(diags[0]["pointer"], "/colour");
    assert_eq!(json["errors"], 1);

    // The human form names file:line:column and shows the line.
    galley()
        .arg("validate")
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(contains(format!("{SLUG}/article.yaml:3:1")))
        .stderr(contains("error[schema.unknown-key]: unknown key `colour`"))
        .stderr(contains("3 | colour: red"));
}

#[test]
fn four_problems_in_one_file_are_reported_in_one_run() {
    // Same case as tests/fixtures/invalid/article/four-at-once.yaml, run through the CLI.
    let tmp = input_with_article(|_| {
        std::fs::read_to_string(root().join("tests/fixtures/invalid/article/four-at-once.yaml"))
            .unwrap()
    });
    let out = galley()
        .args(["validate", "--format", "json"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut got: Vec<(String, u64, u64)> = all_diagnostics(&json)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("contributor.unknown-id".to_string(), 13, 18),
            ("schema.type".to_string(), 17, 11),
            ("schema.unknown-key".to_string(), 10, 1),
            ("yaml.duplicate-key".to_string(), 11, 1),
        ]
    );
}

#[test]
fn a_yaml_syntax_error_names_its_fault_where_it_is() {
    // The fixtures tests/fixtures/invalid/article/yaml-*.yaml, each as the article of
    // `input/`: the error is at the fixture's declared position, and its hint is the one
    // for that fault, not the generic one.
    let cases = [
        ("yaml-tab.yaml", "indent with spaces"),
        ("yaml-missing-colon.yaml", "write `lang: en`"),
        (
            "yaml-indentation.yaml",
            "line it up with the keys of its mapping",
        ),
        ("yaml-unclosed-quote.yaml", "end the value with `\"`"),
        ("yaml-quote-in-quotes.yaml", "write a quotation mark inside"),
        ("yaml-unclosed-bracket.yaml", "close the list with `]`"),
        ("yaml-unclosed-brace.yaml", "close the mapping with `}`"),
    ];
    for (name, hint) in cases {
        let fixture =
            std::fs::read_to_string(root().join("tests/fixtures/invalid/article").join(name))
                .unwrap();
        let (line, column) = fixture
            .lines()
            .find_map(|l| l.strip_prefix("# expect: yaml.syntax @ "))
            .and_then(|p| p.split_once(':'))
            .map(|(l, c)| (l.parse::<u64>().unwrap(), c.parse::<u64>().unwrap()))
            .unwrap_or_else(|| panic!("{name} declares a yaml.syntax position"));
        let tmp = input_with_article(|_| fixture.clone());
        let out = galley()
            .args(["validate", "--format", "json"])
            .arg(tmp.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let diags = all_diagnostics(&json);
        assert_eq!(diags.len(), 1, "{name}: {diags:#?}");
        let d = &diags[0];
        assert_eq!(d["code"], "yaml.syntax", "{name}");
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(line), Some(column)),
            "{name}"
        );
        let got = d["hint"].as_str().unwrap_or("");
        assert!(got.contains(hint), "{name}: hint {got:?} lacks {hint:?}");
        assert!(
            !got.contains("check the YAML syntax"),
            "{name}: generic hint {got:?}"
        );
    }
}

#[test]
fn schema_regenerates_the_committed_schemas_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    galley().arg("schema").arg(tmp.path()).assert().code(0);
    let mut names: Vec<String> = std::fs::read_dir(root().join("schemas"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "article.schema.json",
            "contributors.schema.json",
            "issue.schema.json"
        ]
    );
    for name in names {
        let committed = std::fs::read(root().join("schemas").join(&name)).unwrap();
        let generated = std::fs::read(tmp.path().join(&name)).unwrap();
        assert!(
            committed == generated,
            "schemas/{name} is stale: run `make schemas`"
        );
    }
    galley().args(["schema", "--check"]).assert().code(0);
    galley()
        .args(["schema", "--check"])
        .arg(tmp.path().join("nowhere"))
        .assert()
        .code(1);
}

#[test]
fn every_input_yaml_starts_with_the_schema_modeline() {
    let mut files = vec![
        root().join("input/issue.yaml"),
        root().join("input/contributors.yaml"),
    ];
    for entry in std::fs::read_dir(root().join("input")).unwrap() {
        let p = entry.unwrap().path();
        if p.join("article.yaml").is_file() {
            files.push(p.join("article.yaml"));
        }
    }
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let first = text.lines().next().unwrap_or("");
        let schema = match f.file_name().unwrap().to_str().unwrap() {
            "issue.yaml" => "../schemas/issue.schema.json",
            "contributors.yaml" => "../schemas/contributors.schema.json",
            _ => "../../schemas/article.schema.json",
        };
        assert_eq!(
            first,
            format!("# yaml-language-server: $schema={schema}"),
            "{}",
            f.display()
        );
        // The modeline's relative path leads to the schema.
        assert!(
            f.parent().unwrap().join(schema).is_file(),
            "{}",
            f.display()
        );
    }
}

#[test]
fn usage_and_environment_failures_exit_2() {
    galley()
        .args(["validate", "no/such/folder"])
        .assert()
        .code(2)
        .stderr(contains("does not exist"));
    galley()
        .args(["validate", "--format", "xml"])
        .assert()
        .code(2);
    galley().args(["frobnicate"]).assert().code(2);
    galley()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(contains("Examples:"));
}

#[test]
fn json_output_of_a_clean_run_parses() {
    let out = galley()
        .args(["validate", "--format", "json", "input"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["errors"], 0);
    assert_eq!(all_diagnostics(&json).len(), 0);
}

/// In a log (standard error not a terminal), `--format human` gives the snippets, then
/// each failed article named once, then the summary.
#[test]
fn human_output_in_a_log_names_each_failed_article_once_after_its_snippets() {
    let tmp = input_with_article(|text| text.replacen("\ntitle:", "\ntitel:", 1));

    let out = galley()
        .args(["build", "-o"])
        .arg(tmp.path().join("out"))
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let failed = format!("FAILED  {}", tmp.path().join(SLUG).display());
    assert_eq!(err.matches(&failed).count(), 1, "named once:\n{err}");
    let snippet = err.find("error[schema.unknown-key]").expect("the snippet");
    let named = err.find(&failed).unwrap();
    let summary = err.find("galley build: 1 article(s)").expect("the summary");
    assert!(snippet < named && named < summary, "order:\n{err}");
}
