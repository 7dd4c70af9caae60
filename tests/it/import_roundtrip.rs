//! The import round trip (issue 17): for each article of the corpus of real JATS articles
//! (`tests/corpus/`, fetched by `make deps`) and for each JATS galley itself writes for
//! the valid fixtures, `galley import jats` → `galley validate` (no error) → `galley build
//! --to jats` → the NISO JATS 1.3 DTD (`official_check`) → the facts of the original
//! against the facts of galley's JATS ([`support::facts`]): every difference must be
//! covered by an import loss the importer reported (its JSON report names each loss's
//! element path), else the test fails naming the article and the difference.
//!
//! The per-article table (facts kept, lost with a report, differing without one) is
//! written to `target/test-output/import-corpus.md`, for `tests/README.md`.
//!
//! The facts' own tests (a file against itself, a copy changed by hand) are here too.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::support::facts::{self, Difference, Fact, Facts, Kind};
use crate::support::{self, galley, official_check, root};

// ---------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------

/// A non-empty environment variable.
fn env(var: &str) -> Option<std::ffi::OsString> {
    std::env::var_os(var).filter(|v| !v.is_empty())
}

/// Where `tests/corpus/fetch.sh` puts the articles: `$GALLEY_CORPUS_DIR/articles`, by
/// default `${XDG_CACHE_HOME:-$HOME/.cache}/galley-corpus/articles`.
fn corpus_dir() -> PathBuf {
    let dir = env("GALLEY_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            env("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(env("HOME").expect("HOME is set")).join(".cache"))
                .join("galley-corpus")
        });
    dir.join("articles")
}

/// The corpus's articles (`tests/corpus/articles.tsv`), each present with its SHA-256;
/// one that is missing or differs fails the test, naming `make deps`.
fn corpus() -> Vec<PathBuf> {
    let manifest = std::fs::read_to_string(root().join("tests/corpus/articles.tsv"))
        .expect("tests/corpus/articles.tsv");
    let dir = corpus_dir();
    let mut out = Vec::new();
    for line in manifest.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            4,
            "tests/corpus/articles.tsv: a line of 4 columns: {line}"
        );
        let (file, sum) = (cols[0], cols[3]);
        let path = dir.join(file);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "the corpus article {} is missing ({e}): run `make deps` \
                 (tests/corpus/fetch.sh); a missing article is a failure, not a skip",
                path.display()
            )
        });
        let got = hex(&Sha256::digest(&bytes));
        assert_eq!(
            got,
            sum,
            "{} differs from its SHA-256 in tests/corpus/articles.tsv: run `make deps`",
            path.display()
        );
        out.push(path);
    }
    assert!(out.len() >= 20, "the corpus has at least 20 articles");
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

// ---------------------------------------------------------------------------------------
// The importer's losses
// ---------------------------------------------------------------------------------------

/// An import loss as the JSON report gives it: the element path (`/article/body/p[2]`, or
/// `…/@attr`) and the message.
#[derive(Debug, Clone)]
struct Loss {
    path: String,
    message: String,
}

/// Every loss of an `import` JSON report: each diagnostic whose code is in the `import.`
/// family and whose message names an element path in parentheses (`not imported: …
/// (/article/…)`), wherever the report puts it.
fn losses(report: &serde_json::Value) -> Vec<Loss> {
    let mut out = Vec::new();
    walk(report, &mut |d| {
        let code = d.get("code").and_then(|c| c.as_str()).unwrap_or("");
        let message = d.get("message").and_then(|m| m.as_str()).unwrap_or("");
        if !code.starts_with("import.") {
            return;
        }
        if let Some(path) = element_path_in(message) {
            out.push(Loss {
                path,
                message: message.to_string(),
            });
        }
    });
    out
}

fn walk(v: &serde_json::Value, f: &mut impl FnMut(&serde_json::Map<String, serde_json::Value>)) {
    match v {
        serde_json::Value::Object(m) => {
            f(m);
            m.values().for_each(|x| walk(x, f));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, f)),
        _ => {}
    }
}

/// The last `(/…)` of a message: the element path of a loss.
fn element_path_in(message: &str) -> Option<String> {
    let start = message.rfind("(/")? + 1;
    let len = message[start..].find(')')?;
    Some(message[start..start + len].to_string())
}

/// Whether a loss at `loss` (an element path, or `element/@attr`) explains a difference in
/// the fact read from `fact`: the same element, an element inside it (a part of it lost),
/// or an element around it (the whole lost). An attribute explains its element and what
/// is inside it, except the root's, which explains only the root's own facts.
fn covers(loss: &str, fact: &str) -> bool {
    let inside = |outer: &str, inner: &str| inner.starts_with(&format!("{outer}/"));
    match loss.split_once("/@") {
        Some((element, _)) if element == "/article" => fact == element,
        Some((element, _)) => fact == element || inside(element, fact),
        None => fact == loss || inside(loss, fact) || inside(fact, loss),
    }
}

fn covered(fact: &Fact, losses: &[Loss]) -> bool {
    fact.paths()
        .iter()
        .all(|p| losses.iter().any(|l| covers(&l.path, p)))
}

/// Whether a difference is covered by a reported loss: a value of the original (changed
/// or missing in galley's) whose element a loss explains; for a count, as many of the
/// original's counted elements explained by losses as galley's count falls short. A value
/// only galley's file has is never covered.
fn difference_covered(d: &Difference, losses: &[Loss]) -> bool {
    match d.kind {
        Kind::FormulaCount | Kind::ReferenceCount => {
            let (Some(a), Some(b)) = (&d.original, &d.galley) else {
                return false;
            };
            let short = a.counted.len().saturating_sub(b.counted.len());
            let explained = a
                .counted
                .iter()
                .filter(|p| losses.iter().any(|l| covers(&l.path, p)))
                .count();
            b.counted.len() <= a.counted.len() && explained >= short
        }
        _ => d.original.as_ref().is_some_and(|f| covered(f, losses)),
    }
}

/// Whether a value only galley's file has is words of an element whose loss the importer
/// reported: a box, a group's caption or an item of supplementary material outside the
/// back matter, which the importer keeps as paragraphs of their own (the words the same,
/// the element not). `lost_texts` are those elements' whole texts, labels included,
/// their whitespace collapsed.
fn moved_from_a_loss(d: &Difference, lost_texts: &[String]) -> bool {
    let (None, Some(g)) = (&d.original, &d.galley) else {
        return false;
    };
    if !matches!(d.kind, Kind::Paragraph | Kind::SectionTitle) {
        return false;
    }
    // Whitespace aside: a label and a caption may be joined with or without a space.
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let words = squeeze(&g.value);
    !words.is_empty() && lost_texts.iter().any(|t| squeeze(t).contains(&words))
}

// ---------------------------------------------------------------------------------------
// The round trip
// ---------------------------------------------------------------------------------------

/// What one article's round trip gave.
struct Outcome {
    name: String,
    /// The facts of the original, by kind.
    facts: Option<Facts>,
    /// Differences covered by a reported loss.
    lost: Vec<Difference>,
    /// Differences no reported loss covers.
    unreported: Vec<Difference>,
    /// How many losses the importer reported.
    losses: usize,
    /// How many stand-ins the test put for figures and files the package lacks.
    stand_ins: usize,
    /// The first step that failed, with why.
    failure: Option<String>,
    /// What the table says beside a pass (a finding of the official check that a
    /// reported diagnostic explains).
    note: Option<String>,
}

fn stdout_stderr(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    )
}

/// Imports `jats`, validates and builds the issue, checks galley's JATS against the DTD,
/// and compares the facts.
fn round_trip(name: &str, jats: &Path) -> Outcome {
    let mut out = Outcome {
        name: name.to_string(),
        facts: None,
        lost: Vec::new(),
        unreported: Vec::new(),
        losses: 0,
        stand_ins: 0,
        failure: None,
        note: None,
    };
    let original_text = std::fs::read_to_string(jats).expect("read the JATS file");
    let original = match facts::extract(&original_text) {
        Ok(f) => f,
        Err(e) => {
            out.failure = Some(format!("the facts of the original cannot be read: {e}"));
            return out;
        }
    };
    out.facts = Some(original.clone());
    let work = tempfile::tempdir().expect("temp dir");
    let issue = work.path().join("issue");

    // 1. import
    let o = galley()
        .args(["import", "jats", "--format", "json", "-o"])
        .arg(&issue)
        .arg(jats)
        .output()
        .expect("run galley import");
    if o.status.code() != Some(0) {
        out.failure = Some(format!(
            "`galley import jats` exited with {:?}:\n{}",
            o.status.code(),
            stdout_stderr(&o)
        ));
        return out;
    }
    let report: serde_json::Value = match serde_json::from_slice(&o.stdout) {
        Ok(v) => v,
        Err(e) => {
            out.failure = Some(format!(
                "`galley import jats --format json` printed no JSON report ({e}):\n{}",
                stdout_stderr(&o)
            ));
            return out;
        }
    };
    let losses = losses(&report);
    out.losses = losses.len();

    // 2. validate. The registry packages carry the articles' XML but not their figures or
    // supplementary files: the importer reports each as not found (`import.asset-missing`),
    // and for those only the test puts a stand-in (a 1×1 PNG) where the imported YAML
    // points, so that validate and build check everything else. A missing file the
    // importer did not report stays an error.
    let missing = reported_missing_assets(&report);
    let mut errors = validate_errors(&issue);
    let mut stand_ins = 0;
    for e in &errors {
        if e["code"] != "asset.missing" {
            continue;
        }
        let (Some(rel), Some(file)) = (e["message"].as_str().and_then(quoted), e["file"].as_str())
        else {
            continue;
        };
        let name = Path::new(&rel)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("");
        if !missing.iter().any(|m| m == &rel || m == name) {
            continue;
        }
        let article_dir = Path::new(file).parent().expect("article.yaml has a folder");
        let to = article_dir.join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).expect("create the stand-in's folder");
        std::fs::write(&to, galley_dev::synth::tiny_png()).expect("write a stand-in");
        stand_ins += 1;
    }
    out.stand_ins = stand_ins;
    if stand_ins > 0 {
        errors = validate_errors(&issue);
    }
    if !errors.is_empty() {
        let mut codes: std::collections::BTreeMap<String, usize> = Default::default();
        for e in &errors {
            *codes
                .entry(e["code"].as_str().unwrap_or("?").to_string())
                .or_default() += 1;
        }
        let codes: Vec<String> = codes.iter().map(|(c, n)| format!("{c} ×{n}")).collect();
        let first: Vec<String> = errors
            .iter()
            .take(5)
            .map(|e| {
                format!(
                    "    {} {} ({}:{})",
                    e["code"].as_str().unwrap_or("?"),
                    e["message"].as_str().unwrap_or("?"),
                    e["pointer"].as_str().unwrap_or(""),
                    e["line"]
                )
            })
            .collect();
        out.failure = Some(format!(
            "`galley validate` of the imported issue: {} error(s): {}\n{}",
            errors.len(),
            codes.join(", "),
            first.join("\n")
        ));
        return out;
    }

    // 3. build
    let built = work.path().join("out");
    let o = support::build(&issue, &built, &["--to", "jats"]);
    if !o.status.success() {
        out.failure = Some(format!(
            "`galley build --to jats` of the imported issue failed:\n{}",
            stdout_stderr(&o)
        ));
        return out;
    }
    let outputs = jats_files(&built);
    if outputs.len() != 1 {
        out.failure = Some(format!(
            "the build wrote {} JATS files, not 1: {outputs:?}",
            outputs.len()
        ));
        return out;
    }
    let galleys = &outputs[0];
    let build_reported_no_licence_url = stdout_stderr(&o).contains("\"missing.jats.license\"");

    // 4. the NISO JATS 1.3 DTD (and the JATS4R and PMC rules official_check adds)
    let checked = std::panic::catch_unwind(|| official_check(&[("--jats", galleys.as_path())]));
    if let Err(e) = checked {
        let why = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        if build_reported_no_licence_url
            && !source_states_a_licence_url(&original_text)
            && only_the_licence_ref_is_missing(&why)
        {
            // The source states its licence in words only; the importer keeps the words
            // and invents no URL, and galley's build reports the URL missing
            // (`missing.jats.license`): JATS4R's `ali:license_ref` is the one finding, and
            // the table says so.
            out.note = Some(
                "JATS4R: no licence URL in the source, reported as missing.jats.license".into(),
            );
        } else {
            // The first finding on the verdict's line, the whole report below it.
            let first = why
                .lines()
                .map(str::trim)
                .find(|l| l.contains("error") || (l.contains(": ") && !l.starts_with("==")))
                .unwrap_or("");
            out.failure = Some(format!(
                "galley's JATS fails the official check: {first}\n{why}"
            ));
            return out;
        }
    }

    // 5. the facts
    let theirs = std::fs::read_to_string(galleys).expect("read galley's JATS");
    let theirs = match facts::extract(&theirs) {
        Ok(f) => f,
        Err(e) => {
            out.failure = Some(format!("the facts of galley's JATS cannot be read: {e}"));
            return out;
        }
    };
    let lost_texts = facts::texts_at(&original_text, losses.iter().map(|l| l.path.as_str()));
    for d in facts::compare(&original, &theirs) {
        if difference_covered(&d, &losses) || moved_from_a_loss(&d, &lost_texts) {
            out.lost.push(d);
        } else {
            out.unreported.push(d);
        }
    }
    out
}

/// Whether a JATS file states a licence URL: a `license` with an `ali:license_ref` or an
/// `xlink:href`, or whose statement links one URL (as the importer reads it).
fn source_states_a_licence_url(xml: &str) -> bool {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let Ok(doc) = roxmltree::Document::parse_with_options(xml, opts) else {
        return true;
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("license"))
        .any(|l| {
            let xlink = "http://www.w3.org/1999/xlink";
            let links = l
                .descendants()
                .filter(|d| {
                    (d.has_tag_name("ext-link") || d.has_tag_name("uri"))
                        && d.attribute((xlink, "href")).is_some()
                })
                .count();
            l.attribute((xlink, "href")).is_some()
                || l.children().any(|c| c.tag_name().name() == "license_ref")
                || links == 1
        })
}

/// Whether an official check's report (what [`official_check`] panics with) passes the
/// DTD and finds nothing but `license`s without an `ali:license_ref`.
fn only_the_licence_ref_is_missing(report: &str) -> bool {
    let findings: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("   ") && !l.trim().is_empty())
        .map(str::trim)
        .collect();
    report.lines().any(|l| l.starts_with("PASS  JATS DTD"))
        && !report.lines().any(|l| l.starts_with("FAIL  JATS DTD"))
        && !findings.is_empty()
        && findings.iter().all(|f| {
            f.starts_with("jats4r.permissions: <license> at ")
                && f.ends_with(" has not exactly one ali:license_ref")
        })
}

/// The errors of `galley validate --format json` of an issue (its own failure to run or
/// to print a report is one error).
fn validate_errors(issue: &Path) -> Vec<serde_json::Value> {
    let o = galley()
        .args(["validate", "--format", "json"])
        .arg(issue)
        .output()
        .expect("run galley validate");
    let errors: Vec<serde_json::Value> =
        match serde_json::from_slice::<serde_json::Value>(&o.stdout) {
            Ok(v) => support::all_diagnostics(&v)
                .into_iter()
                .chain(v["diagnostics"].as_array().cloned().unwrap_or_default())
                .filter(|d| d["severity"] == "error")
                .collect(),
            Err(e) => vec![serde_json::json!({
                "code": "test.no-report",
                "message": format!("no JSON report ({e}): {}", stdout_stderr(&o)),
            })],
        };
    if errors.is_empty() && !o.status.success() {
        return vec![serde_json::json!({
            "code": "test.exit",
            "message": format!("exit {:?} without an error: {}", o.status.code(), stdout_stderr(&o)),
        })];
    }
    errors
}

/// The files the importer reported as not found beside the XML (`import.asset-missing`:
/// "… points at `NAME`, which is not beside the XML …").
fn reported_missing_assets(report: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(report, &mut |d| {
        if d.get("code").and_then(|c| c.as_str()) == Some("import.asset-missing")
            && let Some(name) = d
                .get("message")
                .and_then(|m| m.as_str())
                .and_then(|m| m.split_once("points at "))
                .and_then(|(_, rest)| quoted(rest))
        {
            out.push(name.rsplit('/').next().unwrap_or(&name).to_string());
        }
    });
    out
}

/// The first `` `quoted` `` part of a message.
fn quoted(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

/// The `*.jats.xml` files under a build's output folder, sorted.
fn jats_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().ends_with(".jats.xml") {
                found.push(p);
            }
        }
    }
    found.sort();
    found
}

/// The JATS galley writes for every valid fixture (`--to jats`), built into `dir/<fixture>`
/// and read there, beside the images and files the build copies: each named after its
/// fixture and slug.
fn fixture_jats(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for folder in support::issue_folders() {
        if folder == "input" {
            continue;
        }
        let fixture = folder.rsplit('/').next().unwrap_or(&folder).to_string();
        let built = dir.join(&fixture);
        let o = support::build(&root().join(&folder), &built, &["--to", "jats"]);
        assert!(
            o.status.success(),
            "galley build --to jats {folder} failed:\n{}",
            stdout_stderr(&o)
        );
        for f in jats_files(&built) {
            let slug = f
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".jats.xml"))
                .unwrap_or("article")
                .to_string();
            out.push((format!("{fixture}/{slug}"), f));
        }
    }
    out
}

/// The per-article table (Markdown), as `tests/README.md` shows it.
fn table(outcomes: &[Outcome]) -> String {
    let mut s = String::from(
        "| article | facts | kept | lost (reported) | differing (not reported) | losses reported | stand-ins | round trip |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for o in outcomes {
        let total = o.facts.as_ref().map_or(0, |f| f.facts.len());
        let changed = |ds: &[Difference]| ds.iter().filter(|d| d.original.is_some()).count();
        let (lost, unreported) = (changed(&o.lost), changed(&o.unreported));
        let kept = total.saturating_sub(lost + unreported);
        let verdict = match (&o.failure, o.unreported.is_empty()) {
            (Some(f), _) => format!("fails: {}", f.lines().next().unwrap_or("")),
            (None, true) => match &o.note {
                Some(n) => format!("passes ({n})"),
                None => "passes".to_string(),
            },
            (None, false) => format!("fails: {} unreported differences", o.unreported.len()),
        };
        let _ = writeln!(
            s,
            "| `{}` | {total} | {kept} | {lost} | {unreported} | {} | {} | {} |",
            o.name,
            o.losses,
            o.stand_ins,
            verdict
                .replace('|', "\\|")
                .replace('`', "'")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        );
    }
    s
}

/// Writes the table to `target/test-output/<name>` and returns the failures' report.
fn publish(name: &str, outcomes: &[Outcome]) -> String {
    let dir = root().join("target/test-output");
    std::fs::create_dir_all(&dir).expect("create target/test-output");
    std::fs::write(dir.join(name), table(outcomes)).expect("write the table");
    let mut failures = String::new();
    for o in outcomes {
        if let Some(f) = &o.failure {
            let _ = writeln!(failures, "{}: {f}", o.name);
        } else if !o.unreported.is_empty() {
            let _ = writeln!(
                failures,
                "{}: {} difference(s) no reported import loss covers:\n{}",
                o.name,
                o.unreported.len(),
                facts::report(&o.unreported)
            );
        }
    }
    failures
}

#[test]
fn corpus_and_fixtures_round_trip() {
    let mut outcomes = Vec::new();
    for path in corpus() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        outcomes.push(round_trip(&name, &path));
    }
    let fixtures = tempfile::tempdir().expect("temp dir");
    let own = fixture_jats(fixtures.path());
    assert!(
        own.iter().any(|(n, _)| n == "kitchen-sink/kitchen-sink"),
        "the kitchen sink's JATS is among galley's own: {:?}",
        own.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    for (name, path) in &own {
        outcomes.push(round_trip(name, path));
    }
    let failures = publish("import-corpus.md", &outcomes);
    assert!(
        failures.is_empty(),
        "the import round trip fails for {} of {} articles (table in \
         target/test-output/import-corpus.md):\n{failures}",
        failures.lines().filter(|l| !l.starts_with(' ')).count(),
        outcomes.len()
    );
}

// ---------------------------------------------------------------------------------------
// The facts' own tests
// ---------------------------------------------------------------------------------------

const KITCHEN_SINK_JATS: &str = "tests/golden/jats/kitchen-sink.jats.xml";

fn kitchen_sink_jats() -> String {
    std::fs::read_to_string(root().join(KITCHEN_SINK_JATS)).expect("the kitchen sink's JATS")
}

fn values(f: &Facts, kind: Kind) -> Vec<String> {
    f.of(kind).map(|f| f.value.clone()).collect()
}

#[test]
fn facts_of_the_kitchen_sink_are_what_its_jats_says() {
    let f = facts::extract(&kitchen_sink_jats()).expect("facts");
    let titles = values(&f, Kind::Title);
    assert!(
        titles.contains(&"[en] The Kitchen Sink of 中苏关系 & <Other> Matters".to_string()),
        "{titles:#?}"
    );
    assert!(
        values(&f, Kind::TransTitle)
            .contains(&"[pt] A pia da cozinha das relações sino-soviéticas".to_string())
    );
    let people = values(&f, Kind::Contributor);
    assert!(
        people.contains(&"author: Li Hua = 李 华 [orcid 0000-0002-1825-0097]".to_string()),
        "{people:#?}"
    );
    assert!(
        people.contains(&"author: Jane Doe Jr.".to_string()),
        "{people:#?}"
    );
    assert!(
        people
            .iter()
            .any(|p| p.starts_with("translator: Wang Fang"))
    );
    assert!(
        values(&f, Kind::Affiliation).contains(
            &"Fujian Normal University, School of Social Development; Fuzhou, Fujian, China"
                .to_string()
        ),
        "{:#?}",
        values(&f, Kind::Affiliation)
    );
    assert!(values(&f, Kind::ArticleId).contains(&"doi 10.99999/jgt.1996.2.5".to_string()));
    let dates = values(&f, Kind::Date);
    for d in [
        "pub 1996-06-15",
        "received 1996-01-10",
        "rev-recd 1996-03",
        "accepted 1996-04-02",
    ] {
        assert!(dates.contains(&d.to_string()), "{d} in {dates:#?}");
    }
    assert!(values(&f, Kind::Keyword).contains(&"[pt] tradução".to_string()));
    let abstracts = values(&f, Kind::Abstract);
    assert!(
        abstracts.contains(
            &"[en] Summary The first paragraph of the abstract, with italic text and a \
              quotation: “lean to one side.” The second paragraph of the abstract."
                .to_string()
        ),
        "{abstracts:#?}"
    );
    let cells = values(&f, Kind::TableCell);
    // A line break in a cell is a space; a table note's marker is the cell's text.
    assert!(cells.contains(&"Change per year".to_string()), "{cells:#?}");
    assert!(cells.contains(&"15a".to_string()), "{cells:#?}");
    assert!(f.of(Kind::Paragraph).count() > 10);
    assert!(f.of(Kind::SectionTitle).count() > 2);
    let count = |k| f.of(k).next().map(|x: &Fact| x.value.clone()).unwrap();
    assert_ne!(count(Kind::FormulaCount), "0");
    assert_ne!(count(Kind::ReferenceCount), "0");
    assert!(
        values(&f, Kind::ReferenceId)
            .iter()
            .any(|v| v.starts_with("doi 10.")),
        "{:#?}",
        values(&f, Kind::ReferenceId)
    );
    // Every fact names the element it was read from.
    for fact in &f.facts {
        assert!(fact.path.starts_with("/article"), "{fact:?}");
    }
}

#[test]
fn facts_of_a_file_against_itself_do_not_differ() {
    let ks = facts::extract(&kitchen_sink_jats()).expect("facts");
    let diffs = facts::compare(&ks, &ks);
    assert!(diffs.is_empty(), "{}", facts::report(&diffs));
    for path in corpus() {
        let text = std::fs::read_to_string(&path).expect("read");
        let f = facts::extract(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            f.of(Kind::Paragraph).count() > 0 && f.of(Kind::Title).count() > 0,
            "{}: no paragraph or no title read",
            path.display()
        );
        let diffs = facts::compare(&f, &f);
        assert!(
            diffs.is_empty(),
            "{}: {}",
            path.display(),
            facts::report(&diffs)
        );
    }
}

#[test]
fn facts_find_a_word_changed_in_a_paragraph_and_a_doi() {
    let text = kitchen_sink_jats();
    let original = facts::extract(&text).expect("facts");
    // One word of one paragraph, one character of one reference's DOI.
    let para = original
        .of(Kind::Paragraph)
        .find(|p| p.value.contains(" the "))
        .expect("a paragraph with “the”")
        .clone();
    let doi = original
        .of(Kind::ReferenceId)
        .find(|d| d.value.starts_with("doi "))
        .expect("a reference DOI")
        .clone();
    let doi_value = doi.value.strip_prefix("doi ").unwrap();
    let changed_doi = format!("{doi_value}9");
    assert_eq!(
        text.matches(doi_value).count(),
        1,
        "the DOI {doi_value} once in the file"
    );
    let changed = text.replacen(&format!(">{doi_value}<"), &format!(">{changed_doi}<"), 1);
    assert_ne!(changed, text, "the DOI is an element's whole text");
    // The word: the first " the " inside that paragraph's element.
    let changed = replace_in_element(&changed, &para.path, " the ", " a ");
    let theirs = facts::extract(&changed).expect("facts of the changed copy");
    let diffs = facts::compare(&original, &theirs);
    assert_eq!(diffs.len(), 2, "{}", facts::report(&diffs));
    let p = diffs
        .iter()
        .find(|d| d.kind == Kind::Paragraph)
        .expect("the paragraph");
    assert_eq!(p.original.as_ref().unwrap().value, para.value);
    assert_eq!(p.original.as_ref().unwrap().path, para.path);
    assert_eq!(
        p.galley.as_ref().unwrap().value,
        para.value.replacen(" the ", " a ", 1)
    );
    let d = diffs
        .iter()
        .find(|d| d.kind == Kind::ReferenceId)
        .expect("the DOI");
    assert_eq!(d.original.as_ref().unwrap().value, doi.value);
    assert_eq!(
        d.galley.as_ref().unwrap().value,
        format!("doi {changed_doi}")
    );
    // A loss at the paragraph, or at an element in it, covers its difference; one
    // elsewhere does not; nothing covers the changed DOI but a loss at its reference.
    let at = |path: &str| Loss {
        path: path.to_string(),
        message: String::new(),
    };
    assert!(difference_covered(p, &[at(&para.path)]));
    assert!(difference_covered(
        p,
        &[at(&format!("{}/inline-graphic", para.path))]
    ));
    assert!(!difference_covered(
        p,
        &[at("/article/front/article-meta/title-group")]
    ));
    assert!(!difference_covered(p, &[at("/article/@dtd-version")]));
    assert!(!difference_covered(d, &[at(&para.path)]));
    assert!(!difference_covered(d, &[]));
    let reference = d
        .original
        .as_ref()
        .unwrap()
        .path
        .rsplit_once("/element-citation")
        .map_or(d.original.as_ref().unwrap().path.clone(), |(r, _)| {
            r.to_string()
        });
    assert!(difference_covered(d, &[at(&reference)]));
}

/// `text` with the first `from` after the start of the element at `path` (as
/// [`galley::import::jats::ctx::element_path`] writes it) replaced by `to`.
fn replace_in_element(text: &str, path: &str, from: &str, to: &str) -> String {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, opts).expect("parse");
    let node = doc
        .descendants()
        .find(|n| n.is_element() && galley::import::jats::ctx::element_path(*n) == path)
        .expect("the element");
    let range = node.range();
    let at = text[range.clone()]
        .find(from)
        .expect("the word in the element")
        + range.start;
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

#[test]
fn a_loss_path_is_read_from_the_import_report() {
    let report = serde_json::json!({
        "diagnostics": [
            {"severity": "warning", "code": "import.not-mapped",
             "message": "not imported: inline-graphic (an image in a line of text) (/article/body/sec[2]/p[3]/inline-graphic)"},
            {"severity": "warning", "code": "import.not-mapped",
             "message": "not imported: specific-use (/article/body/sec[2]/@specific-use)"},
            {"severity": "warning", "code": "schema.unknown-key", "message": "(/article/x)"},
        ]
    });
    let l = losses(&report);
    let paths: Vec<&str> = l.iter().map(|l| l.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/article/body/sec[2]/p[3]/inline-graphic",
            "/article/body/sec[2]/@specific-use"
        ]
    );
    assert!(l[0].message.starts_with("not imported"));
    assert!(covers(&l[0].path, "/article/body/sec[2]/p[3]"));
    assert!(covers(&l[1].path, "/article/body/sec[2]/title"));
    assert!(!covers(&l[1].path, "/article/body/sec[1]/title"));
    assert!(!covers("/article/body/sec[2]", "/article/body/sec[2]0"));
}

#[test]
fn normalising_touches_only_xml_indentation() {
    assert_eq!(
        facts::normalise("\n    a\n      b  c\u{a0}\u{200a}d\t"),
        "a b  c\u{a0}\u{200a}d"
    );
    assert_eq!(facts::normalise(" x "), "x");
}

#[test]
fn a_paragraph_only_galley_has_is_covered_only_by_the_words_of_a_lost_element() {
    let xml = r#"<article><body><sec><title>Supporting Information</title>
        <supplementary-material id="s1"><label>S1 File</label>
          <caption><p>The   model's
            code.</p></caption></supplementary-material>
        <p>A paragraph.</p></sec></body></article>"#;
    let lost = facts::texts_at(
        xml,
        ["/article/body/sec/supplementary-material"].into_iter(),
    );
    assert_eq!(lost, ["S1 File The model's code."]);
    let galleys = |value: &str| Difference {
        kind: Kind::Paragraph,
        original: None,
        galley: Some(Fact {
            kind: Kind::Paragraph,
            value: value.to_string(),
            path: "/article/body/sec/p[1]".into(),
            counted: Vec::new(),
        }),
    };
    assert!(moved_from_a_loss(
        &galleys("S1 File  The model's code."),
        &lost
    ));
    assert!(moved_from_a_loss(&galleys("The model's code."), &lost));
    // Words the lost element does not have, or no loss at all: not covered.
    assert!(!moved_from_a_loss(&galleys("The model's data."), &lost));
    assert!(!moved_from_a_loss(
        &galleys("S1 File The model's code."),
        &[]
    ));
    // A value of the original that galley's file lacks is never covered this way.
    let mut changed = galleys("S1 File The model's code.");
    changed.original = changed.galley.clone();
    assert!(!moved_from_a_loss(&changed, &lost));
}

#[test]
fn a_paragraph_is_read_in_pieces_around_the_blocks_in_it() {
    let xml = r#"<article xmlns:mml="http://www.w3.org/1998/Math/MathML"><front><article-meta>
        <title-group><article-title>T</article-title></title-group></article-meta></front>
        <body><p>Let <inline-formula><mml:math><mml:mi>f</mml:mi></mml:math></inline-formula> be
        defined by <disp-formula id="e1"><mml:math><mml:mi>f</mml:mi></mml:math></disp-formula>
        in which x<break/>is   free.</p></body></article>"#;
    let f = facts::extract(xml).expect("facts");
    assert_eq!(
        values(&f, Kind::Paragraph),
        ["Let  be defined by", "in which x is   free."]
    );
    assert_eq!(values(&f, Kind::FormulaCount), ["2"]);
    assert_eq!(values(&f, Kind::Title), ["[en] T"]);
}

#[test]
fn a_licence_without_a_url_is_the_one_finding_it_may_explain() {
    let dtd_pass = "== --jats a.xml\nPASS  JATS DTD  a.xml\n";
    let licence = "   jats4r.permissions: <license> at 60:9 has not exactly one ali:license_ref\n";
    let other = "   jats4r.permissions: <license> at 60:9 has an xlink:href other than its ali:license_ref\n";
    let rules_fail = "FAIL  JATS4R+PMC a.xml\n";
    assert!(only_the_licence_ref_is_missing(&format!(
        "{dtd_pass}{licence}{rules_fail}"
    )));
    assert!(!only_the_licence_ref_is_missing(&format!(
        "{dtd_pass}{licence}{other}{rules_fail}"
    )));
    assert!(!only_the_licence_ref_is_missing(&format!(
        "{dtd_pass}{rules_fail}"
    )));
    let dtd_fail = "== --jats a.xml\na.xml:3: element x: validity error : No declaration\nFAIL  JATS DTD  a.xml\n";
    assert!(!only_the_licence_ref_is_missing(&format!(
        "{dtd_fail}{licence}{rules_fail}"
    )));

    let xlink = r#"xmlns:xlink="http://www.w3.org/1999/xlink""#;
    let words = format!(
        r#"<article {xlink}><front><permissions><license><license-p>The Creative Commons
        Attribution License.</license-p></license></permissions></front></article>"#
    );
    assert!(!source_states_a_licence_url(&words));
    for stated in [
        r#"<license xlink:href="https://creativecommons.org/licenses/by/4.0/"><license-p>CC BY</license-p></license>"#,
        r#"<license><ali:license_ref xmlns:ali="http://www.niso.org/schemas/ali/1.0/">https://creativecommons.org/licenses/by/4.0/</ali:license_ref></license>"#,
        r#"<license><license-p>The <ext-link xlink:href="https://creativecommons.org/licenses/by/4.0/">CC BY</ext-link>.</license-p></license>"#,
    ] {
        let xml = format!(
            r#"<article {xlink}><front><permissions>{stated}</permissions></front></article>"#
        );
        assert!(source_states_a_licence_url(&xml), "{stated}");
    }
}
