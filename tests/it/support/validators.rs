//! The official validators, run by the tests themselves: xmllint (NISO JATS 1.3 Journal
//! Publishing DTD, offline through an XML catalog), Jing (`tei_all.rng`, TEI P5 4.12.0),
//! EPUBCheck 5.3.0 (warnings count as failures) and, on every EPUB, DAISY Ace 1.4.6 (any
//! accessibility violation counts as a failure). `tests/validators/install.sh` (`make deps`)
//! installs them; a validator or schema that is missing fails the test, it never skips it.
//!
//! Where they are looked for, each path overridable by an environment variable:
//!
//! | what | variable | default |
//! |---|---|---|
//! | the installer's folder | `GALLEY_VALIDATORS_DIR` | `${XDG_CACHE_HOME:-$HOME/.cache}/galley-validators` |
//! | the JATS catalog | `GALLEY_JATS_CATALOG` | `<folder>/jats/catalog.xml` |
//! | the EPUBCheck jar | `GALLEY_EPUBCHECK_JAR` | `<folder>/venv/lib/python3*/site-packages/epubcheck/epubcheck.jar` |
//! | the Jing jar | `GALLEY_JING_JAR` | `/usr/share/java/jing.jar` (Debian's `jing`) |
//! | the TEI schema | `GALLEY_TEI_RNG` | `tests/validators/tei/tei_all.rng` (in the repository) |
//! | the MECA catalog (manifest and transfer DTDs 1.0 beside it) | `GALLEY_MECA_CATALOG` | `<folder>/meca/catalog.xml` |
//! | the Python with the BagIt validator (PyPI `bagit` 1.8.1) | `GALLEY_BAGIT_PYTHON` | `<folder>/venv/bin/python` |
//! | DAISY Ace 1.4.6 (npm `@daisy/ace-cli`) | `GALLEY_ACE_CLI` | `<folder>/ace/node_modules/.bin/ace-cli` |
//! | yaml-language-server 1.19.2 (npm) | `GALLEY_YAML_LANGUAGE_SERVER` | `<folder>/yamlls/node_modules/.bin/yaml-language-server` |
//! | the Chromium Ace drives | `GALLEY_CHROMIUM` | `/usr/bin/chromium` (Debian's `chromium`) |
//! | the Crossref deposit schema 5.3.1 | — | `tests/validators/crossref/crossref5.3.1.xsd` (in the repository) |
//!
//! `xmllint` and `java` are found on `PATH`.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// The DOCTYPE public identifier every JATS file must carry: JATS 1.3 Journal Publishing.
pub const JATS_PUBLIC_ID: &str =
    "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN";

const MAKE_DEPS: &str = "run `make deps` (tests/validators/install.sh) to install it; \
     a missing validator is a test failure, not a skip";

/// A non-empty environment variable.
fn env(var: &str) -> Option<OsString> {
    std::env::var_os(var).filter(|v| !v.is_empty())
}

/// The folder `tests/validators/install.sh` installs into.
pub fn validators_dir() -> PathBuf {
    if let Some(dir) = env("GALLEY_VALIDATORS_DIR") {
        return dir.into();
    }
    let cache = env("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env("HOME").expect("HOME is set")).join(".cache"));
    cache.join("galley-validators")
}

/// `$var` if set, else `default`; the file must exist.
fn located(what: &str, var: &str, default: impl FnOnce() -> PathBuf) -> PathBuf {
    let path = env(var).map_or_else(default, PathBuf::from);
    assert!(
        path.is_file(),
        "{what} is missing: no file at {} (${var} overrides); {MAKE_DEPS}",
        path.display()
    );
    path
}

fn jats_catalog() -> PathBuf {
    located("the JATS 1.3 XML catalog", "GALLEY_JATS_CATALOG", || {
        validators_dir().join("jats/catalog.xml")
    })
}

fn tei_rng() -> PathBuf {
    located("the TEI schema tei_all.rng", "GALLEY_TEI_RNG", || {
        Path::new(super::ROOT).join("tests/validators/tei/tei_all.rng")
    })
}

fn jing_jar() -> PathBuf {
    located("Jing (Debian package jing)", "GALLEY_JING_JAR", || {
        "/usr/share/java/jing.jar".into()
    })
}

fn epubcheck_jar() -> PathBuf {
    located("EPUBCheck 5.3.0", "GALLEY_EPUBCHECK_JAR", || {
        let lib = validators_dir().join("venv/lib");
        let jar = |python: &Path| python.join("site-packages/epubcheck/epubcheck.jar");
        std::fs::read_dir(&lib)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("python3"))
            .map(|e| jar(&e.path()))
            .find(|p| p.is_file())
            .unwrap_or_else(|| jar(&lib.join("python3*")))
    })
}

fn bagit_python() -> PathBuf {
    located(
        "the Python of the BagIt validator (PyPI bagit 1.8.1)",
        "GALLEY_BAGIT_PYTHON",
        || validators_dir().join("venv/bin/python"),
    )
}

/// A MECA `manifest.xml` (or `transfer.xml`, by its own public identifier): xmllint finds
/// it valid against the MECA DTD its DOCTYPE names, resolved through the installed
/// catalog and never the network; a DOCTYPE the catalog does not know cannot pass.
/// `Err` with xmllint's output when not valid; a missing catalog panics.
pub fn meca_check(file: &Path) -> Result<String, String> {
    let catalog = located(
        "the MECA DTDs' XML catalog (npm meca 1.1.1)",
        "GALLEY_MECA_CATALOG",
        || validators_dir().join("meca/catalog.xml"),
    );
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let mut report = String::new();
    let known = [
        "-//MECA//DTD Manifest v1.0//en",
        "-//MECA//DTD Transfer v1.0//en",
    ];
    if !doctype_public_id(&text).is_some_and(|id| known.contains(&id)) {
        return Err(format!("{}: no MECA DOCTYPE", file.display()));
    }
    let ok = run(
        &mut report,
        Command::new("xmllint")
            .args(["--nonet", "--noout", "--valid"])
            .arg(file)
            .env("XML_CATALOG_FILES", &catalog),
    );
    if ok && report.trim().is_empty() {
        Ok(report)
    } else {
        Err(report)
    }
}

/// The Library of Congress BagIt validator (`bagit.py --validate`, every checksum of
/// every manifest and tag manifest checked) on the bag `dir`: `Ok` with its output when
/// it finds the bag valid, `Err` with its output when not. A validator that is missing,
/// or cannot import `bagit`, panics: a failure, never a skip.
pub fn bagit_validate(dir: &Path) -> Result<String, String> {
    let python = bagit_python();
    let mut report = String::new();
    let ok = run(
        &mut report,
        Command::new(&python)
            .args(["-m", "bagit", "--validate"])
            .arg(dir),
    );
    assert!(
        !report.contains("No module named bagit"),
        "the BagIt validator is not installed in {}; {MAKE_DEPS}",
        python.display()
    );
    if ok { Ok(report) } else { Err(report) }
}

/// xmllint against the Crossref deposit schema 5.3.1 kept in the repository
/// (`tests/validators/crossref/`), offline: `Ok` with its output when the file is valid,
/// `Err` with it when not.
pub fn crossref_check(file: &Path) -> Result<String, String> {
    let xsd = super::root().join("tests/validators/crossref/crossref5.3.1.xsd");
    assert!(xsd.is_file(), "{} is missing", xsd.display());
    let mut report = String::new();
    let ok = run(
        &mut report,
        Command::new("xmllint")
            .args(["--nonet", "--noout", "--schema"])
            .arg(&xsd)
            .arg(file),
    );
    if ok && report.contains(" validates") {
        Ok(report)
    } else {
        Err(report)
    }
}

/// The public identifier of the file's DOCTYPE, if it has one with a PUBLIC identifier.
fn doctype_public_id(xml: &str) -> Option<&str> {
    let rest = &xml[xml.find("<!DOCTYPE")? + "<!DOCTYPE".len()..];
    let rest = rest[..rest.find(['[', '>'])?].trim_start();
    let rest = rest.split_once(char::is_whitespace)?.1.trim_start();
    let rest = rest.strip_prefix("PUBLIC")?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    Some(&rest[..rest.find(quote)?])
}

/// Runs a validator; its output goes into the report. Whether it passed is its exit status.
fn run(report: &mut String, cmd: &mut Command) -> bool {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program} ({e}); {MAKE_DEPS}"));
    report.push_str(&String::from_utf8_lossy(&out.stdout));
    report.push_str(&String::from_utf8_lossy(&out.stderr));
    out.status.success()
}

/// JATS: the DOCTYPE must name JATS 1.3 Journal Publishing, and xmllint must find the file
/// valid against that DTD, resolved through the catalog and never the network.
fn check_jats(report: &mut String, file: &Path) -> bool {
    let catalog = jats_catalog();
    let text = std::fs::read_to_string(file).unwrap_or_default();
    match doctype_public_id(&text) {
        Some(JATS_PUBLIC_ID) => {}
        other => {
            report.push_str(&format!(
                "   DOCTYPE public id {other:?}, not {JATS_PUBLIC_ID:?}\n"
            ));
            return false;
        }
    }
    run(
        report,
        Command::new("xmllint")
            .args(["--nonet", "--noout", "--valid"])
            .arg(file)
            .env("XML_CATALOG_FILES", &catalog),
    )
}

/// TEI: Jing against `tei_all.rng`.
fn check_tei(report: &mut String, file: &Path) -> bool {
    let (jing, rng) = (jing_jar(), tei_rng());
    run(
        report,
        Command::new("java")
            .arg("-jar")
            .arg(jing)
            .arg(rng)
            .arg(file),
    )
}

/// EPUB: EPUBCheck 5.3.0, warnings counted as failures.
fn check_epub(report: &mut String, file: &Path) -> bool {
    let jar = epubcheck_jar();
    run(
        report,
        Command::new("java")
            .arg("-jar")
            .arg(jar)
            .arg("--failonwarnings")
            .arg(file),
    )
}

fn ace_cli() -> PathBuf {
    located(
        "DAISY Ace 1.4.6 (npm @daisy/ace-cli)",
        "GALLEY_ACE_CLI",
        || validators_dir().join("ace/node_modules/.bin/ace-cli"),
    )
}

fn chromium() -> PathBuf {
    located(
        "Chromium (Debian package chromium)",
        "GALLEY_CHROMIUM",
        || "/usr/bin/chromium".into(),
    )
}

/// Each violation of Ace's `report.json`: document, rule, impact and what it found.
fn ace_violations(report_json: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(report_json).unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let mut out = Vec::new();
    for doc in v["assertions"].as_array().into_iter().flatten() {
        let url = doc["earl:testSubject"]["url"].as_str().unwrap_or("?");
        for a in doc["assertions"].as_array().into_iter().flatten() {
            let test = &a["earl:test"];
            out.push(format!(
                "   {url}: {} ({}): {} {}",
                test["dct:title"].as_str().unwrap_or("?"),
                test["earl:impact"].as_str().unwrap_or("?"),
                a["earl:result"]["dct:description"].as_str().unwrap_or(""),
                a["earl:result"]["html"].as_str().unwrap_or(""),
            ));
        }
    }
    out
}

/// EPUB: DAISY Ace 1.4.6 (axe-core in Debian's Chromium), any violation a failure. Ace
/// that cannot run (exit status other than 0, or 2 with its report) is a failure too.
fn check_ace(report: &mut String, file: &Path) -> bool {
    let (ace, chromium) = (ace_cli(), chromium());
    let out = tempfile::tempdir().expect("tempdir");
    let status = Command::new(&ace)
        .args(["--silent", "--force", "--exiterror2", "--outdir"])
        .arg(out.path())
        .arg(file)
        .env("PUPPETEER_EXECUTABLE_PATH", &chromium)
        .env("PUPPETEER_SKIP_DOWNLOAD", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} ({e}); {MAKE_DEPS}", ace.display()));
    let violations = ace_violations(&out.path().join("report.json"));
    match status.status.code() {
        Some(0) if violations.is_empty() => true,
        Some(2) if !violations.is_empty() => {
            report.push_str("   DAISY Ace violations:\n");
            for line in violations {
                report.push_str(&line);
                report.push('\n');
            }
            false
        }
        code => {
            report.push_str(&format!(
                "   DAISY Ace did not run to the end (exit {code:?}):\n"
            ));
            report.push_str(&String::from_utf8_lossy(&status.stdout));
            report.push_str(&String::from_utf8_lossy(&status.stderr));
            false
        }
    }
}

/// The (validator, SHA-256) of every file that passed a validator in this run of the tests.
/// galley's outputs are deterministic and many tests build the same fixture, so the same
/// bytes come back again and again; a validator's verdict on the same bytes is the same, so
/// they are checked once. Only passes are remembered: a failure is always run and reported.
static PASSED: Mutex<BTreeSet<(&'static str, [u8; 32])>> = Mutex::new(BTreeSet::new());

/// Runs `check` on `file` unless the same bytes already passed `validator` in this run (the
/// report says so).
fn remembered(
    validator: &'static str,
    file: &Path,
    report: &mut String,
    check: fn(&mut String, &Path) -> bool,
) -> bool {
    let digest: [u8; 32] = match std::fs::read(file) {
        Ok(bytes) => Sha256::digest(&bytes).into(),
        Err(_) => return check(report, file),
    };
    let key = (validator, digest);
    if PASSED.lock().is_ok_and(|passed| passed.contains(&key)) {
        report.push_str("   the same bytes passed this validator earlier in this run\n");
        return true;
    }
    let ok = check(report, file);
    if ok && let Ok(mut passed) = PASSED.lock() {
        passed.insert(key);
    }
    ok
}

/// JATS: the JATS4R and PMC rules of [`super::rules`], each finding a line of the
/// report naming the rule and the element.
fn check_rules(report: &mut String, file: &Path) -> bool {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let findings = super::rules::findings(&text);
    for f in &findings {
        report.push_str(&format!("   {f}\n"));
    }
    findings.is_empty()
}

/// Runs the official validators on `files`, each with its flag (`--jats`, `--tei`, `--epub`)
/// and returns the report: each validator's output, then a `PASS` or `FAIL` line per file
/// (`PASS  JATS DTD  <file>`, `PASS  TEI RNG   <file>`, `PASS  EPUBCheck <file>`; a JATS
/// file also goes through the JATS4R and PMC rules of [`super::rules`]: `PASS  JATS4R+PMC
/// <file>`, or a line per finding naming the rule and the element; an EPUB through DAISY
/// Ace: `PASS  DAISY Ace <file>`). Fails
/// unless every file passes; a validator or schema that is missing is a failure too.
pub fn official_check(files: &[(&str, &Path)]) -> String {
    assert!(!files.is_empty(), "nothing to validate");
    let mut report = String::new();
    let mut failed = false;
    for (flag, file) in files {
        let (label, check): (&'static str, fn(&mut String, &Path) -> bool) = match *flag {
            "--jats" => ("JATS DTD ", check_jats),
            "--tei" => ("TEI RNG  ", check_tei),
            "--epub" => ("EPUBCheck", check_epub),
            other => panic!("unknown validator flag {other} (--jats, --tei or --epub)"),
        };
        report.push_str(&format!("== {flag} {}\n", file.display()));
        let ok = if file.is_file() {
            remembered(label, file, &mut report, check)
        } else {
            report.push_str("   no such file\n");
            false
        };
        let verdict = if ok { "PASS" } else { "FAIL" };
        report.push_str(&format!("{verdict}  {label} {}\n", file.display()));
        failed |= !ok;
        if *flag == "--jats" && file.is_file() {
            let ok = check_rules(&mut report, file);
            let verdict = if ok { "PASS" } else { "FAIL" };
            report.push_str(&format!("{verdict}  JATS4R+PMC {}\n", file.display()));
            failed |= !ok;
        }
        if *flag == "--epub" && file.is_file() {
            let ok = remembered("DAISY Ace", file, &mut report, check_ace);
            let verdict = if ok { "PASS" } else { "FAIL" };
            report.push_str(&format!("{verdict}  DAISY Ace {}\n", file.display()));
            failed |= !ok;
        }
    }
    assert!(
        !failed,
        "the official validators reject the output:\n{report}"
    );
    report
}

/// Runs [`official_check`] on files that must fail it; returns the failure's message (the
/// report) for the caller to check why. Fails if the validators accept every file.
pub fn official_rejection(files: &[(&str, &Path)]) -> String {
    let err = std::panic::catch_unwind(|| official_check(files))
        .expect_err("the official validators accept a file they must reject");
    match err.downcast::<String>() {
        Ok(message) => *message,
        Err(err) => err.downcast_ref::<&str>().unwrap_or(&"").to_string(),
    }
}

/// yaml-language-server 1.19.2, the YAML language server editors run (npm).
pub fn yaml_language_server() -> PathBuf {
    located(
        "yaml-language-server 1.19.2 (npm)",
        "GALLEY_YAML_LANGUAGE_SERVER",
        || validators_dir().join("yamlls/node_modules/.bin/yaml-language-server"),
    )
}
