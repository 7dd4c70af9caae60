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

// ---------------------------------------------------------------------------------------
// yaml-language-server over stdio: what an editor shows
// ---------------------------------------------------------------------------------------

/// A yaml-language-server process spoken to over stdio (LSP base protocol: a
/// `Content-Length` header, a blank line, a JSON-RPC message).
struct Lsp {
    child: std::process::Child,
    stdin: std::process::ChildStdin,
    inbox: std::sync::mpsc::Receiver<Value>,
    next_id: i64,
}

impl Lsp {
    fn start() -> Lsp {
        use std::io::{BufRead, Read};
        let server = crate::support::yaml_language_server();
        let mut child = std::process::Command::new(&server)
            .arg("--stdio")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {} ({e})", server.display()));
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, inbox) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut r = std::io::BufReader::new(stdout);
            loop {
                let mut len = 0;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        len = n.parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; len];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(msg) = serde_json::from_slice(&body) else {
                    return;
                };
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        Lsp {
            child,
            stdin,
            inbox,
            next_id: 0,
        }
    }

    fn send(&mut self, msg: &Value) {
        use std::io::Write;
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&serde_json::json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its result, answering the server's own requests
    /// (its settings, capability registrations) on the way.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(
            &serde_json::json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}),
        );
        loop {
            let msg = self
                .inbox
                .recv_timeout(std::time::Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("yaml-language-server did not answer {method}"));
            if let (Some(m), Some(their)) = (msg.get("method"), msg.get("id")) {
                let result = if m == "workspace/configuration" {
                    let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![
                        serde_json::json!({"validate": true, "hover": true, "completion": true});
                        n
                    ])
                } else {
                    Value::Null
                };
                let reply = serde_json::json!({"jsonrpc": "2.0", "id": their, "result": result});
                self.send(&reply);
            } else if msg.get("id") == Some(&Value::from(id)) {
                return msg.get("result").cloned().unwrap_or(Value::Null);
            }
        }
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The labels and documentation of a completion result.
fn completions(result: &Value) -> Vec<(String, String)> {
    let items = result.get("items").unwrap_or(result);
    items
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| {
            let doc = &i["documentation"];
            let doc = doc.get("value").unwrap_or(doc).as_str().unwrap_or("");
            (
                i["label"].as_str().unwrap_or("").to_string(),
                doc.to_string(),
            )
        })
        .collect()
}

#[test]
fn yaml_language_server_completes_roles_and_the_issues_contributor_ids() {
    let tmp = tempfile::tempdir().expect("tmp");
    copy_dir(&root().join(KITCHEN_SINK.0), tmp.path());
    galley()
        .args(["schema", "--issue"])
        .arg(tmp.path())
        .assert()
        .success();
    let root_uri = format!("file://{}", tmp.path().display());
    let mut lsp = Lsp::start();
    let caps = serde_json::json!({
        "textDocument": {
            "completion": {"completionItem": {"snippetSupport": true, "documentationFormat": ["markdown"]}},
            "hover": {"contentFormat": ["markdown"]}
        },
        "workspace": {"configuration": true}
    });
    lsp.request(
        "initialize",
        serde_json::json!({"processId": null, "rootUri": root_uri, "capabilities": caps}),
    );
    lsp.notify("initialized", serde_json::json!({}));
    let text = "# yaml-language-server: $schema=../.galley/article.schema.json\n\
                contributors:\n  - contributor: \n    role: author\n    credit: [software]\n";
    let uri = format!("{root_uri}/draft/article.yaml");
    let doc = serde_json::json!({"uri": uri, "languageId": "yaml", "version": 1, "text": text});
    lsp.notify(
        "textDocument/didOpen",
        serde_json::json!({"textDocument": doc}),
    );
    let at = |line: u32, character: u32| serde_json::json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});

    // `contributor:` offers the issue's ids, each with the person's name, and nothing else.
    let ids = completions(&lsp.request("textDocument/completion", at(2, 17)));
    let labels: Vec<&str> = ids.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        ["li-hua", "jane-doe", "wang-fang", "zhao-lei", "ed-smith"],
        "{ids:?}"
    );
    assert_eq!(ids[0].1, "Li Hua");

    // `role:` offers the five roles, each with its own description.
    let roles = completions(&lsp.request("textDocument/completion", at(3, 10)));
    let labels: Vec<&str> = roles.iter().map(|(l, _)| l.as_str()).collect();
    for role in ["author", "translator", "reviser", "editor", "reviewer"] {
        assert!(labels.contains(&role), "{roles:?}");
    }
    let mut docs: Vec<&str> = roles.iter().map(|(_, d)| d.as_str()).collect();
    docs.sort_unstable();
    docs.dedup();
    assert_eq!(docs.len(), roles.len(), "{roles:?}");

    // A hover on `role` says what the key is, then the values, no sentence broken.
    let hover = lsp.request("textDocument/hover", at(3, 6));
    let shown = hover["contents"]["value"]
        .as_str()
        .expect("a hover")
        .to_string();
    let own = shown
        .find("What the person did for this article.")
        .expect(&shown);
    let author = shown.find("Wrote the article").expect(&shown);
    assert!(own < author, "{shown}");
    assert_eq!(hard_wrap(&shown.replace("\n* ", "\n- ")), None, "{shown}");

    // A hover on a CRediT role shows that role's own description.
    let hover = lsp.request("textDocument/hover", at(4, 14));
    let shown = hover["contents"]["value"].as_str().expect("a hover");
    assert!(shown.contains("`software`: Software: wrote"), "{shown}");
}
