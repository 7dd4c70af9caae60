//! What an editor running yaml-language-server reads from the schemas: unwrapped
//! Markdown hovers, a sentence for every pattern, a description for every enumeration
//! value, no examples that are facts, and the per-issue schema of `galley schema --issue`.

use serde_json::Value;

use crate::support::{KITCHEN_SINK, copy_dir, galley, root};

const FILES: [&str; 4] = [
    "article.schema.json",
    "contributors.schema.json",
    "issue.schema.json",
    "galley-toml.schema.json",
];

fn schema(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join("schemas").join(name)).expect("a schema");
    serde_json::from_str(&text).expect("JSON")
}

/// Every object of `v` with its JSON pointer.
fn objects<'a>(
    v: &'a Value,
    at: String,
    out: &mut Vec<(String, &'a serde_json::Map<String, Value>)>,
) {
    match v {
        Value::Object(o) => {
            out.push((at.clone(), o));
            for (k, c) in o {
                objects(c, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                objects(c, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn all_objects(v: &Value) -> Vec<(String, &serde_json::Map<String, Value>)> {
    let mut out = Vec::new();
    objects(v, String::new(), &mut out);
    out
}

/// A line break inside a paragraph that is not a list item, indented code or a fence.
fn hard_wrap(md: &str) -> Option<String> {
    for par in md.split("\n\n") {
        if par.contains("```") {
            continue;
        }
        for line in par.lines().skip(1) {
            let t = line.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            let listed = t.starts_with("- ")
                || t.starts_with("* ")
                || (digits > 0 && t[digits..].starts_with(". "))
                || line.starts_with("    ");
            if !listed {
                return Some(format!("{par:?}"));
            }
        }
    }
    None
}

#[test]
fn every_description_has_an_unwrapped_markdown_description() {
    for name in FILES {
        let s = schema(name);
        for (at, o) in all_objects(&s) {
            if at.ends_with("/properties") || at.contains("/defaultSnippets") {
                continue;
            }
            let Some(Value::String(d)) = o.get("description") else {
                continue;
            };
            let md = o.get("markdownDescription").and_then(Value::as_str);
            let md = md.unwrap_or_else(|| panic!("{name} {at}: no markdownDescription"));
            assert_eq!(
                md.split("\n\n").count(),
                d.split("\n\n").count(),
                "{name} {at}"
            );
            assert_eq!(
                hard_wrap(md),
                None,
                "{name} {at}: a line broken inside a paragraph"
            );
            let enum_md = o.get("markdownEnumDescriptions").and_then(Value::as_array);
            for m in enum_md.into_iter().flatten() {
                assert_eq!(hard_wrap(m.as_str().expect("text")), None, "{name} {at}");
            }
        }
    }
}

#[test]
fn every_pattern_has_a_sentence_not_a_regular_expression() {
    let mut seen = 0;
    for name in FILES {
        let s = schema(name);
        for (at, o) in all_objects(&s) {
            let Some(Value::String(p)) = o.get("pattern") else {
                continue;
            };
            seen += 1;
            let msg = o.get("patternErrorMessage").and_then(Value::as_str);
            let msg = msg.unwrap_or_else(|| panic!("{name} {at}: no patternErrorMessage for {p}"));
            assert!(
                !msg.contains(p.as_str()) && !msg.contains("[0-9]") && !msg.contains('^'),
                "{name} {at}: {msg}"
            );
            assert!(msg.ends_with('.') && msg.len() > 20, "{name} {at}: {msg}");
        }
    }
    assert!(seen >= 10, "{seen} patterns");
    let date = schema("article.schema.json")["$defs"]["PartialDate"]["patternErrorMessage"].clone();
    let date = date.as_str().expect("a message");
    for form in ["`1996`", "`1996-06`", "`1996-06-15`"] {
        assert!(date.contains(form), "{date}");
    }
}

/// An example that an editor would offer as a value and that is a fact of a real work or
/// person: a DOI, an ORCID iD, a licence or resolver URL, a PubMed id.
fn looks_like_a_fact(v: &Value) -> bool {
    let Some(s) = v.as_str() else {
        return false;
    };
    let doi = s.starts_with("10.") && s.contains('/');
    let urls = [
        "orcid.org",
        "doi.org",
        "creativecommons",
        "licenses",
        "ror.org",
    ];
    doi || urls.iter().any(|u| s.contains(u)) || s.starts_with("PMC") || s == "niu-jun"
}

#[test]
fn no_example_offers_a_doi_an_orcid_or_a_licence_url() {
    for name in FILES {
        let s = schema(name);
        for (at, o) in all_objects(&s) {
            for e in o
                .get("examples")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                assert!(!looks_like_a_fact(e), "{name} {at}: example {e}");
            }
        }
    }
    let a = schema("article.schema.json");
    let reference = &a["$defs"]["Reference"]["properties"];
    for key in ["DOI", "URL", "PMID", "PMCID", "title"] {
        assert!(reference[key].get("examples").is_none(), "Reference.{key}");
    }
    let snippet = &a["$defs"]["ArticleContributor"]["defaultSnippets"][0]["body"];
    assert_eq!(snippet["contributor"], "$1", "{snippet}");
}

#[test]
fn every_credit_role_and_contributor_role_has_its_own_description() {
    let a = schema("article.schema.json");
    for (def, count) in [("CreditRole", 14), ("Role", 5), ("ArticleType", 30)] {
        let d = &a["$defs"][def];
        let values = d["enum"].as_array().expect("enum");
        let descs = d["markdownEnumDescriptions"]
            .as_array()
            .expect("descriptions");
        assert!(values.len() >= count, "{def}");
        assert_eq!(values.len(), descs.len(), "{def}");
        let mut distinct: Vec<&str> = descs.iter().filter_map(Value::as_str).collect();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), values.len(), "{def}: shared descriptions");
        assert!(d.get("oneOf").is_none(), "{def}");
    }
    // The key's own description is what a hover on `role:` shows first.
    let role = &a["$defs"]["ArticleContributor"]["properties"]["role"];
    let own = role["markdownDescription"]
        .as_str()
        .expect("role's description");
    assert!(!own.starts_with("Wrote the article"), "{own}");
}

#[test]
fn the_issue_schema_lists_the_contributor_ids_of_the_issue() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join(KITCHEN_SINK.0), tmp.path());
    let yaml =
        std::fs::read_to_string(tmp.path().join("contributors.yaml")).expect("contributors.yaml");
    galley()
        .args(["schema", "--issue"])
        .arg(tmp.path())
        .assert()
        .success();
    let text = std::fs::read_to_string(tmp.path().join(".galley/article.schema.json"))
        .expect("the issue's schema");
    let s: Value = serde_json::from_str(&text).expect("JSON");
    let contributor = &s["$defs"]["ArticleContributor"]["properties"]["contributor"];
    let ids: Vec<&str> = contributor["enum"]
        .as_array()
        .expect("an enum")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let expected: Vec<&str> = yaml
        .lines()
        .filter_map(|l| l.strip_prefix("  - id: "))
        .map(str::trim)
        .collect();
    assert_eq!(ids, expected);
    let names = contributor["markdownEnumDescriptions"]
        .as_array()
        .expect("names");
    assert_eq!(names.len(), ids.len());

    // The kitchen sink's article is valid against it; an unknown id is not.
    let validator = jsonschema::draft202012::new(&s).expect("a schema");
    let article = root()
        .join(KITCHEN_SINK.0)
        .join(KITCHEN_SINK.1)
        .join("article.yaml");
    let limits = galley::yaml::Limits::default();
    let mut doc = galley::yaml::load_file(&article, &limits)
        .expect("the article")
        .to_json();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    doc["contributors"][0]["contributor"] = Value::String("no-such-person".into());
    assert!(!validator.is_valid(&doc));

    // galley does not take the generated `.galley/` for an article folder.
    galley().arg("validate").arg(tmp.path()).assert().success();
}

#[test]
fn the_issue_schema_needs_a_readable_contributors_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = galley()
        .args(["schema", "--issue"])
        .arg(tmp.path())
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("contributors.yaml"), "{err}");
}
