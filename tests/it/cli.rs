//! The command line, run as a user runs it.

use predicates::str::contains;

use crate::support::{FIRST, KITCHEN_SINK, all_diagnostics, copy_dir, galley, root};

const SLUG: &str = FIRST.1;

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
        .stderr(contains("galley validate: 1 article, 1 valid; 9 warnings"));
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
    // The end of the span too: the key `colour`.
    assert_eq!(diags[0]["end_line"], 3);
    assert_eq!(diags[0]["end_column"], 7);
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
            "galley-toml.schema.json",
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
    // The first article states no ISSN, publisher or date, which JATS requires: the
    // missing.* warnings of the build, found by validate too.
    let diags = all_diagnostics(&json);
    assert_eq!(json["warnings"], diags.len());
    assert!(
        diags.iter().all(|d| d["code"]
            .as_str()
            .is_some_and(|c| c.starts_with("missing."))),
        "{diags:#?}"
    );
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
    let summary = err.find("galley build: 1 article").expect("the summary");
    assert!(snippet < named && named < summary, "order:\n{err}");
}

/// Runs `galley validate` (or `build` into `out`) with `--format json` on `issue`, with
/// or without `--strict`: the exit status, every diagnostic as a comparable line, and the
/// counts of the summary (valid or built, failed).
fn verdict(
    issue: &std::path::Path,
    out: Option<&std::path::Path>,
    strict: bool,
) -> (i32, Vec<String>, (u64, u64)) {
    let mut cmd = galley();
    match out {
        Some(o) => cmd.args(["build", "--force", "-o"]).arg(o),
        None => cmd.arg("validate"),
    };
    cmd.args(["--format", "json"]).arg(issue);
    if strict {
        cmd.arg("--strict");
    }
    let output = cmd.output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut diags: Vec<String> = all_diagnostics(&report)
        .iter()
        .map(|d| {
            format!(
                "{} {} {}:{}:{} {}",
                d["severity"], d["code"], d["file"], d["line"], d["column"], d["message"]
            )
        })
        .collect();
    diags.sort();
    let s = &report["summary"];
    let ok = s["valid"].as_u64().unwrap() + s["built"].as_u64().unwrap();
    (
        output.status.code().unwrap(),
        diags,
        (ok, s["failed"].as_u64().unwrap()),
    )
}

#[test]
fn validate_and_build_give_one_verdict_over_every_fixture() {
    // Found from outside: on input/, `validate --strict` passed while `build --strict`
    // failed on 6 warnings (the emitters' missing.* warnings); with one bad ORCID,
    // `validate` counted every article valid while `build` failed them all.
    let fixtures = root().join("tests/fixtures");
    let mut issues: Vec<(String, tempfile::TempDir)> = Vec::new();
    let mut whole = vec![root().join("input")];
    for e in std::fs::read_dir(fixtures.join("valid")).unwrap() {
        whole.push(e.unwrap().path());
    }
    for dir in whole {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(&dir, &tmp.path().join("issue"));
        issues.push((dir.display().to_string(), tmp));
    }
    // Each invalid fixture, in place of the kitchen sink's article, contributor list or
    // issue file.
    for (kind, target) in [
        ("article", "kitchen-sink/article.yaml"),
        ("contributors", "contributors.yaml"),
        ("issue", "issue.yaml"),
    ] {
        for e in std::fs::read_dir(fixtures.join("invalid").join(kind)).unwrap() {
            let case = e.unwrap().path();
            let tmp = tempfile::tempdir().unwrap();
            let issue = tmp.path().join("issue");
            copy_dir(&fixtures.join("valid/kitchen-sink"), &issue);
            std::fs::copy(&case, issue.join(target)).unwrap();
            issues.push((case.display().to_string(), tmp));
        }
    }
    assert!(issues.len() > 20, "{} cases", issues.len());
    let mut differ = Vec::new();
    for (name, tmp) in &issues {
        let issue = tmp.path().join("issue");
        let out = tmp.path().join("out");
        for strict in [false, true] {
            let v = verdict(&issue, None, strict);
            let mut b = verdict(&issue, Some(&out), strict);
            // What only writing can raise is not the input's verdict.
            b.1.retain(|d| !d.contains("\"build.") && !d.contains("\"io.write\""));
            if v != b {
                differ.push(format!(
                    "{name} (strict: {strict}):\n  validate {v:?}\n  build    {b:?}"
                ));
            }
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

#[test]
fn a_failed_issue_epub_is_named_by_its_output_path() {
    // Found from outside: it was named `input/input.epub`, a path that never exists.
    let tmp = tempfile::tempdir().unwrap();
    let issue = tmp.path().join("ks");
    copy_dir(&root().join(KITCHEN_SINK.0), &issue);
    let contributors = issue.join("contributors.yaml");
    let text = std::fs::read_to_string(&contributors).unwrap();
    let bad = text.replace("0000-0002-1825-0097", "0000-0002-1825-0098");
    assert_ne!(bad, text);
    std::fs::write(&contributors, bad).unwrap();
    let out = tmp.path().join("out");
    let run = galley()
        .args(["build", "-o"])
        .arg(&out)
        .arg(&issue)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    let epub = format!("FAILED  {}\n", out.join("jgt-1996-2.epub").display());
    assert!(stderr.contains(&epub), "{stderr}");
    assert!(
        !stderr.contains(&format!("{}", issue.join("jgt-1996-2.epub").display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("galley build: 1 article, 1 failed;"),
        "{stderr}"
    );
    galley()
        .arg("validate")
        .arg(&issue)
        .assert()
        .code(1)
        .stderr(contains("1 article, 1 failed; 1 error"));
}

#[test]
fn articles_of_two_issues_with_one_name_are_refused_before_anything_is_written() {
    // Found from outside: `1996-2/tea-roads/` and `1997-1/tea-roads/` in one journal
    // folder; `build` said 4 built, and the second issue's article replaced the first's.
    let tmp = tempfile::tempdir().unwrap();
    let journal = tmp.path().join("journal");
    for issue in ["1996-2", "1997-1"] {
        copy_dir(&root().join("input"), &journal.join(issue));
    }
    let out = tmp.path().join("out");
    for cmd in ["validate", "build"] {
        let mut c = galley();
        c.arg(cmd).arg(&journal);
        if cmd == "build" {
            c.arg("-o").arg(&out);
        }
        let run = c.output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{cmd}: {stderr}");
        let both = format!(
            "{} and {} would both be written to `{SLUG}`",
            journal.join("1996-2").join(SLUG).display(),
            journal.join("1997-1").join(SLUG).display()
        );
        assert!(stderr.contains("error[output.collision]"), "{stderr}");
        assert!(stderr.contains(&both), "{stderr}");
    }
    assert!(!out.exists(), "nothing written");
    // Two issues of one journal that state the same volume and nothing else, in
    // folders of one name in two places: their issue EPUBs would collide.
    let (a, b) = (tmp.path().join("a/2020"), tmp.path().join("b/2020"));
    for dir in [&a, &b] {
        copy_dir(&root().join("input"), dir);
        let yaml = std::fs::read_to_string(dir.join("issue.yaml")).unwrap();
        let yaml = yaml.replacen("issue:\n", "issue:\n  volume: \"17\"\n", 1);
        std::fs::write(dir.join("issue.yaml"), yaml).unwrap();
    }
    let run = galley()
        .arg("build")
        .arg(&a)
        .arg(&b)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the issue EPUB of {} and the issue EPUB of {} would both be written to `social-sciences-in-china-17-2020.epub`",
            a.display(),
            b.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("issue.epub_name"), "{stderr}");
    assert!(!out.exists(), "nothing written");
    // One issue given twice, in two forms, is one issue, not a collision.
    galley()
        .arg("validate")
        .arg(&a)
        .arg(a.join("."))
        .arg(a.join(SLUG))
        .assert()
        .code(0)
        .stderr(contains("1 article, 1 valid;"));
}

#[test]
fn a_path_means_the_same_in_every_form() {
    // Found from outside: inside an issue folder, `galley validate d1` looked for
    // `../contributors.yaml` and `../d1/article.yaml`; `./d1` worked.
    let tmp = input_with_article(|t| t);
    let issue = tmp.path();
    let article = issue.join(SLUG);
    let absolute = article.join("article.yaml").display().to_string();
    let forms: [(&std::path::Path, &str); 7] = [
        (issue, SLUG),
        (issue, &format!("./{SLUG}")),
        (issue, &format!("{SLUG}/")),
        (issue, &format!("{SLUG}/article.yaml")),
        (issue, &absolute),
        (&article, "."),
        (&article, "article.yaml"),
    ];
    for (cwd, arg) in forms {
        galley()
            .current_dir(cwd)
            .args(["validate", arg])
            .assert()
            .code(0)
            .stderr(contains("1 article, 1 valid;"));
        let out = tempfile::tempdir().unwrap();
        galley()
            .current_dir(cwd)
            .args(["build", arg, "-o"])
            .arg(out.path())
            .assert()
            .code(0)
            .stderr(contains("1 built"));
        assert!(
            out.path()
                .join(SLUG)
                .join(format!("{SLUG}.jats.xml"))
                .is_file(),
            "{arg} in {}",
            cwd.display()
        );
    }
    // The issue folder as `.` from inside it, and as `..` from an article folder.
    for (cwd, arg) in [(issue, "."), (&article, "..")] {
        galley()
            .current_dir(cwd)
            .args(["validate", arg])
            .assert()
            .code(0)
            .stderr(contains("1 article, 1 valid;"));
    }
}

/// `--epub-deflate-level` (hidden, for `make bench`) changes how hard the EPUBs are
/// deflated and nothing else: not in `--help`, 1–9 accepted, anything else a usage error.
#[test]
fn the_hidden_epub_deflate_level_changes_only_the_epubs() {
    let help = galley().args(["build", "--help"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&help.stdout).contains("deflate"));
    let tmp = tempfile::tempdir().unwrap();
    for bad in ["0", "10", "six"] {
        galley()
            .args(["build", "input", "--epub-deflate-level", bad, "-o"])
            .arg(tmp.path().join("bad"))
            .assert()
            .code(2);
    }
    let build = |level: &str| {
        let out = tmp.path().join(format!("level-{level}"));
        galley()
            .args(["build", "input", "--epub-deflate-level", level, "-o"])
            .arg(&out)
            .assert()
            .code(0);
        let read = |ext: &str| std::fs::read(out.join(SLUG).join(format!("{SLUG}.{ext}"))).unwrap();
        let epub = read("epub");
        zip::ZipArchive::new(std::io::Cursor::new(&epub)).expect("a zip");
        (epub.len(), read("jats.xml"), read("tei.xml"))
    };
    let (fast, jats1, tei1) = build("1");
    let (small, jats9, tei9) = build("9");
    assert!(
        small < fast,
        "level 9 ({small} bytes) is smaller than level 1 ({fast} bytes)"
    );
    assert_eq!((jats1, tei1), (jats9, tei9));
}

/// An issue folder of `copies` copies of the first article of `input/` (its `issue.yaml`
/// without the list of articles, so that every folder is one), and `input/`'s
/// contributors: the shared files give the same warnings to every article.
fn corpus(dir: &std::path::Path, copies: usize) {
    crate::batch::journal_issue(dir, copies, false);
}

/// The summary lines at the end of a human report: from the line that starts with
/// `galley build:` (or `validate:`) to the end.
fn summary_of(stderr: &str) -> Vec<&str> {
    let lines: Vec<&str> = stderr.lines().collect();
    let start = lines
        .iter()
        .rposition(|l| l.starts_with("galley build:") || l.starts_with("galley validate:"))
        .expect("a summary");
    lines[start..].to_vec()
}

#[test]
fn a_shared_file_problem_is_reported_once_per_run_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    corpus(&issue, 30);
    let issue_yaml = issue.join("issue.yaml");
    // JSON: once, under `shared`, and in no article's list.
    let o = galley()
        .args(["build", "--format", "json", "-o"])
        .arg(&out)
        .arg(&issue)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let about_issue = |d: &&serde_json::Value| d["file"] == issue_yaml.display().to_string();
    let all = all_diagnostics(&report);
    let shared: Vec<&serde_json::Value> = all.iter().filter(about_issue).collect();
    assert!(!shared.is_empty(), "{report:#}");
    for d in &shared {
        let same = shared.iter().filter(|e| *e == d).count();
        assert_eq!(same, 1, "reported once: {d}");
    }
    let in_articles = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["diagnostics"].as_array().unwrap())
        .filter(about_issue)
        .count();
    assert_eq!(in_articles, 0);
    // The counts are those of the lines reported: 30 articles, each with its own
    // warnings, and the shared ones once.
    let per_article = all.len() - shared.len();
    assert_eq!(per_article % 30, 0);
    assert_eq!(report["warnings"], all.len());
    // GitHub: one annotation per problem, then the summary; the same counts.
    let o = galley()
        .args(["build", "--force", "--format", "github", "-o"])
        .arg(&out)
        .arg(&issue)
        .output()
        .unwrap();
    let stdout = String::from_utf8(o.stdout).unwrap();
    let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), all.len(), "{stdout}");
    let mut unique = annotations.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), annotations.len(), "no line twice:\n{stdout}");
    let issue_lines = annotations
        .iter()
        .filter(|l| l.contains(&format!("file={},", issue_yaml.display())))
        .count();
    assert_eq!(issue_lines, shared.len());
    // Human: each shared warning's header once; the summary within 80 columns.
    let o = galley()
        .args(["build", "-o"])
        .arg(&out)
        .arg(&issue)
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    let at_issue = format!("--> {}:", issue_yaml.display());
    assert_eq!(stderr.matches(&at_issue).count(), shared.len(), "{stderr}");
    for line in summary_of(&stderr) {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
    assert!(
        stderr.contains("galley build: 30 articles, 30 unchanged; 1 issue EPUB;"),
        "{stderr}"
    );
}

#[test]
fn quiet_prints_errors_and_the_summary_only() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    // A clean build (warnings only): the summary alone.
    let o = galley()
        .args(["build", "-q", "-o"])
        .arg(&out)
        .arg(root().join("input"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(
        stderr,
        "galley build: 1 article, 1 built; 1 issue EPUB; 9 warnings\n"
    );
    assert!(o.stdout.is_empty());
    let o = galley()
        .args(["build", "--quiet", "--format", "github", "-o"])
        .arg(&out)
        .arg(root().join("input"))
        .output()
        .unwrap();
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(!stdout.contains("::warning"), "{stdout}");
    assert!(
        stdout.starts_with("galley build: 1 article, 1 unchanged;"),
        "{stdout}"
    );
    // An error is still shown.
    let broken = input_with_article(|text| text.replacen("\ntitle:", "\ntitel:", 1));
    let o = galley()
        .args(["validate", "-q"])
        .arg(broken.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(stderr.contains("error[schema.unknown-key]"), "{stderr}");
    assert!(!stderr.contains("warning["), "{stderr}");
}

#[test]
fn allow_hides_and_counts_deny_makes_an_error() {
    let run = |args: &[&str]| {
        let o = galley()
            .args(["validate", "--format", "json"])
            .args(args)
            .arg(root().join("input"))
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (o.status.code(), report)
    };
    let (code, plain) = run(&[]);
    assert_eq!(code, Some(0));
    let warnings = plain["warnings"].as_u64().unwrap();
    assert!(warnings > 1);
    // A glob allows every `missing.` warning: none reported, all counted as allowed.
    let (code, allowed) = run(&["--allow", "missing.*"]);
    assert_eq!(code, Some(0));
    assert_eq!(allowed["warnings"], 0);
    assert_eq!(allowed["summary"]["allowed"], warnings);
    assert!(all_diagnostics(&allowed).is_empty());
    // One code denied: that warning is an error, exit status 1.
    let (code, denied) = run(&["--deny", "missing.jats.issn"]);
    assert_eq!(code, Some(1));
    assert_eq!(denied["errors"], 1);
    let errors: Vec<serde_json::Value> = all_diagnostics(&denied)
        .into_iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["code"], "missing.jats.issn");
    // The more specific pattern wins: all `missing.` allowed but this one denied.
    let (code, both) = run(&["--allow", "missing.*", "--deny", "missing.jats.issn"]);
    assert_eq!(code, Some(1));
    assert_eq!(both["errors"], 1);
    assert_eq!(both["summary"]["allowed"], warnings - 1);
    // In the human report too, and as usage errors for what is not a code.
    galley()
        .args(["validate", "--deny", "missing.jats.issn", "input"])
        .assert()
        .code(1)
        .stderr(contains("error[missing.jats.issn]"));
    galley()
        .args(["validate", "--allow", "not a code", "input"])
        .assert()
        .code(2);
}

#[test]
fn galley_toml_is_found_up_to_the_git_root_and_checked() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let issue = tmp.path().join("journal").join("1996-2");
    copy_dir(&root().join("input"), &issue);
    let config = tmp.path().join("galley.toml");
    std::fs::write(
        &config,
        "# the journal's defaults\noutput = \"built\"\nformats = [\"jats\"]\nallow = [\"missing.*\"]\n",
    )
    .unwrap();
    let o = galley().arg("build").arg(&issue).output().unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stderr, "galley build: 1 article, 1 built; 6 allowed\n",
        "allowed by galley.toml: what the JATS misses (the other formats are not made)"
    );
    let built = tmp.path().join("built").join(SLUG);
    let mut names: Vec<String> = std::fs::read_dir(&built)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [format!("{SLUG}.jats.xml")],
        "only JATS, in `output`"
    );
    // The command line wins over it.
    galley()
        .args(["validate", "--deny", "missing.jats.issn"])
        .arg(&issue)
        .assert()
        .code(1);
    // A misspelt key: an error at its line and column, with a suggestion; exit 2.
    std::fs::write(&config, "output = \"built\"\n\noutptu = \"x\"\n").unwrap();
    let o = galley().arg("build").arg(&issue).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(stderr.contains("error[config.unknown-key]"), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:3:1", config.display())),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `output`?"), "{stderr}");
    // A configuration beyond the git root is not read.
    std::fs::remove_file(&config).unwrap();
    std::fs::create_dir(tmp.path().join("journal").join(".git")).unwrap();
    std::fs::write(&config, "formats = [\"pdf\"]\n").unwrap();
    galley().arg("validate").arg(&issue).assert().code(0);
}

#[test]
fn to_builds_only_the_formats_named_and_leaves_the_others_as_they_were() {
    let tmp = tempfile::tempdir().unwrap();
    let input = input_with_article(|text| text);
    let out = tmp.path().join("out");
    let visible = |dir: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .filter(|n| !n.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };
    let build = |args: &[&str]| {
        let o = galley()
            .args(["build", "--format", "json", "-o"])
            .arg(&out)
            .args(args)
            .arg(input.path())
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap()
    };
    let report = build(&["--to", "jats"]);
    assert_eq!(visible(&out.join(SLUG)), [format!("{SLUG}.jats.xml")]);
    assert_eq!(visible(&out), [SLUG], "no issue EPUB");
    assert_eq!(report["summary"]["built"], 1);
    // A full build, then an edit and a JATS-only build: the TEI, EPUB and preview are
    // left as they were (not removed as stale), and not listed as this build's outputs.
    build(&[]);
    let tei = out.join(SLUG).join(format!("{SLUG}.tei.xml"));
    let tei_before = std::fs::read(&tei).unwrap();
    let article = input.path().join(SLUG).join("article.yaml");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen("Alliance", "Alliance (revised)", 1)).unwrap();
    let report = build(&["--to", "jats"]);
    assert_eq!(report["summary"]["built"], 1);
    let outputs: Vec<String> = report["articles"][0]["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(outputs.len(), 1, "{outputs:?}");
    assert!(outputs[0].ends_with(".jats.xml"));
    let jats = std::fs::read_to_string(out.join(SLUG).join(format!("{SLUG}.jats.xml"))).unwrap();
    assert!(jats.contains("Alliance (revised)"));
    assert_eq!(std::fs::read(&tei).unwrap(), tei_before, "TEI untouched");
    let issue_epub = out.join(format!(
        "{}.epub",
        galley::issue::issue_epub_name(input.path())
    ));
    assert!(
        issue_epub.is_file(),
        "the issue EPUB of the full build left too"
    );
    // A build of every format does not take them for current: it rebuilds.
    let report = build(&[]);
    assert_eq!(report["summary"]["built"], 1);
    let tei_now = std::fs::read_to_string(&tei).unwrap();
    assert!(tei_now.contains("Alliance (revised)"));
    // `--format` with a format's name: a usage error that points to `--to`.
    galley()
        .args(["build", "--format", "tei"])
        .arg(input.path())
        .assert()
        .code(2)
        .stderr(contains("use `--to tei`"));
}

/// The diagnostics of `galley validate` (or `build` into `out`) with `--format json` and
/// `args` on `issue`, each as a comparable line (`build.*` notes left out), and the exit
/// status.
fn diagnostics_with(
    issue: &std::path::Path,
    out: Option<&std::path::Path>,
    args: &[&str],
) -> (i32, Vec<String>) {
    let mut cmd = galley();
    match out {
        Some(o) => cmd.args(["build", "--force", "-o"]).arg(o),
        None => cmd.arg("validate"),
    };
    let output = cmd
        .args(["--format", "json"])
        .args(args)
        .arg(issue)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut diags: Vec<String> = all_diagnostics(&report)
        .iter()
        .filter(|d| !d["code"].as_str().unwrap().starts_with("build."))
        .map(|d| {
            format!(
                "{} {}:{}:{} {}",
                d["code"].as_str().unwrap(),
                d["file"],
                d["line"],
                d["column"],
                d["message"]
            )
        })
        .collect();
    diags.sort();
    (output.status.code().unwrap(), diags)
}

#[test]
fn validate_to_checks_only_what_the_formats_named_need_as_build_to_does() {
    let tmp = tempfile::tempdir().unwrap();
    let issue = tmp.path().join("issue");
    copy_dir(&root().join(KITCHEN_SINK.0), &issue);
    let codes = |diags: &[String]| -> Vec<String> {
        diags
            .iter()
            .map(|d| d.split(' ').next().unwrap().to_string())
            .collect()
    };
    let of = |diags: &[String], format: &str| {
        codes(diags)
            .iter()
            .filter(|c| c.split('.').nth(1) == Some(format))
            .count()
    };
    // Every format: the kitchen sink loses something in each of them.
    let (_, all) = diagnostics_with(&issue, None, &[]);
    for format in ["jats", "tei", "epub"] {
        assert!(of(&all, format) > 0, "no *.{format}.* diagnostic: {all:?}");
    }
    for (to, kept, dropped) in [
        ("jats", "jats", ["tei", "epub"]),
        ("epub", "epub", ["jats", "tei"]),
        ("tei", "tei", ["jats", "epub"]),
    ] {
        let (status, only) = diagnostics_with(&issue, None, &["--to", to]);
        assert!(of(&only, kept) > 0, "--to {to}: {only:?}");
        assert_eq!(of(&only, kept), of(&all, kept), "--to {to}: {only:?}");
        for d in dropped {
            assert_eq!(of(&only, d), 0, "--to {to} reports {d}: {only:?}");
        }
        // What the input says, whatever the format, is still reported.
        let general = |diags: &[String]| -> Vec<String> {
            codes(diags)
                .into_iter()
                .filter(|c| {
                    !["jats", "tei", "epub", "html"].contains(&c.split('.').nth(1).unwrap_or(""))
                })
                .collect()
        };
        assert_eq!(general(&only), general(&all), "--to {to}");
        // One verdict with `build --to`.
        let out = tmp.path().join(format!("out-{to}"));
        let built = diagnostics_with(&issue, Some(&out), &["--to", to]);
        assert_eq!((status, only), built, "validate and build --to {to}");
    }
    // `galley.toml`'s `formats` is validate's default too; `--to` wins over it.
    std::fs::write(tmp.path().join("galley.toml"), "formats = [\"jats\"]\n").unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let (_, configured) = diagnostics_with(&issue, None, &[]);
    assert_eq!(of(&configured, "epub"), 0, "{configured:?}");
    assert!(of(&configured, "jats") > 0, "{configured:?}");
    let (_, to_epub) = diagnostics_with(&issue, None, &["--to", "epub"]);
    assert!(of(&to_epub, "epub") > 0, "{to_epub:?}");
}

#[test]
fn an_article_that_no_longer_builds_shows_its_error_before_the_removal() {
    let input = input_with_article(|text| text);
    let out = tempfile::tempdir().unwrap();
    galley()
        .args(["build", "-q", "-o"])
        .arg(out.path())
        .arg(input.path())
        .assert()
        .code(0);
    let article = input.path().join(SLUG).join("article.yaml");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen("\ntitle:", "\ntitel:", 1)).unwrap();
    let o = galley()
        .args(["build", "-o"])
        .arg(out.path())
        .arg(input.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8(o.stderr).unwrap();
    let cause = stderr.find("error[schema.unknown-key]").expect("the error");
    let effects: Vec<usize> = stderr
        .match_indices("warning[build.removed-stale]")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        effects.len(),
        2,
        "the article's folder and the issue EPUB:\n{stderr}"
    );
    assert!(effects.iter().all(|&e| cause < e), "{stderr}");
    assert!(
        stderr.contains("rebuilt from the previous commit"),
        "{stderr}"
    );
}

#[test]
fn completions_man_page_and_version() {
    let o = galley().args(["completions", "bash"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let script = String::from_utf8(o.stdout).unwrap();
    for sub in [
        "validate",
        "build",
        "deposit",
        "schema",
        "completions",
        "man",
    ] {
        assert!(script.contains(sub), "{sub}");
    }
    assert!(script.contains("--to") && script.contains("--allow"));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        galley().args(["completions", shell]).assert().code(0);
    }
    galley().args(["completions", "tcsh"]).assert().code(2);
    let o = galley().arg("man").output().unwrap();
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(
        page.starts_with(".ie") || page.contains(".TH galley"),
        "{page}"
    );
    assert!(page.contains("completions"));
    let pages = tempfile::tempdir().unwrap();
    galley().arg("man").arg(pages.path()).assert().code(0);
    for name in [
        "galley.1",
        "galley-build.1",
        "galley-validate.1",
        "galley-deposit.1",
    ] {
        assert!(pages.path().join(name).is_file(), "{name}");
    }
    let build = std::fs::read_to_string(pages.path().join("galley-build.1")).unwrap();
    assert!(
        build.contains("allow") && build.contains("quiet"),
        "{build}"
    );
    let o = galley().arg("--version").output().unwrap();
    let version = String::from_utf8(o.stdout).unwrap();
    assert!(
        version.starts_with(&format!("galley {}", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    // Built from a git checkout: the commit and its date.
    if root().join(".git").exists() {
        assert!(version.contains("(commit "), "{version}");
        let date = version.trim_end().trim_end_matches(')');
        let date = &date[date.len() - 10..];
        assert!(
            date.chars().enumerate().all(|(i, c)| if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }),
            "{version}"
        );
    }
}
