//! The batch driver as CI runs it: many articles, a broken one among them, rebuilds,
//! interruptions and unwritable outputs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::support::{
    FIRST, KITCHEN_SINK, SVG_FIGURE, all_diagnostics, build, copy_dir, galley, galley_std, json,
    root,
};

const SLUG: &str = FIRST.1;

/// An issue with `copies` copies of the first article (`copy-01`, …) and, if asked, one
/// broken article; the issue file lists no order, so folders are taken by name.
pub(crate) fn journal_issue(dir: &Path, copies: usize, broken: bool) {
    std::fs::create_dir_all(dir).unwrap();
    let issue = std::fs::read_to_string(root().join("input/issue.yaml")).unwrap();
    let cut = issue.find("issue:").unwrap();
    std::fs::write(dir.join("issue.yaml"), &issue[..cut]).unwrap();
    std::fs::copy(
        root().join("input/contributors.yaml"),
        dir.join("contributors.yaml"),
    )
    .unwrap();
    let article =
        std::fs::read_to_string(root().join("input").join(SLUG).join("article.yaml")).unwrap();
    for i in 1..=copies {
        let d = dir.join(format!("copy-{i:02}"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("article.yaml"), &article).unwrap();
    }
    if broken {
        let d = dir.join("broken");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join("article.yaml"),
            article.replacen("title:", "titel:", 1),
        )
        .unwrap();
    }
}

fn output_names(slug: &str) -> Vec<String> {
    let mut v = vec![
        format!("{slug}.epub"),
        format!("{slug}.jats.xml"),
        format!("{slug}.tei.xml"),
        "index.html".to_string(),
    ];
    v.sort();
    v
}

/// Visible files of a folder (dot-files left out), sorted.
fn visible(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Modification times of every file under `dir`.
fn mtimes(dir: &Path) -> BTreeMap<PathBuf, SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.path().to_path_buf(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

/// Every article folder present is a complete, consistent set: the manifest lists
/// exactly the visible files, and each has the recorded SHA-256.
fn assert_consistent(out: &Path) {
    for slug in visible(out) {
        let dir = out.join(&slug);
        if !dir.is_dir() {
            continue;
        }
        let manifest: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.join(".galley-manifest.json")).expect("manifest beside outputs"),
        )
        .unwrap();
        let listed: Vec<String> = manifest["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                Path::new(o["path"].as_str().unwrap())
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(visible(&dir), sorted, "{slug}: files and manifest agree");
        for o in manifest["outputs"].as_array().unwrap() {
            let name = Path::new(o["path"].as_str().unwrap()).file_name().unwrap();
            let bytes = std::fs::read(dir.join(name)).unwrap();
            let sha: String = Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(
                sha,
                o["sha256"].as_str().unwrap(),
                "{slug}/{name:?} is complete and of this set"
            );
        }
    }
}

#[test]
fn forty_copies_and_a_broken_article() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    journal_issue(&issue, 40, true);
    let o = build(&issue, &out, &[]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report = json(&o);
    for i in 1..=40 {
        let slug = format!("copy-{i:02}");
        assert_eq!(visible(&out.join(&slug)), output_names(&slug), "{slug}");
    }
    assert!(
        !out.join("broken").exists(),
        "no output for the broken article"
    );
    let broken: Vec<&serde_json::Value> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["status"] == "failed")
        .collect();
    assert_eq!(
        broken.len(),
        2,
        "the broken article, and the issue EPUB it holds back"
    );
    assert_eq!(broken[0]["name"], "broken");
    assert!(
        broken[0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "schema.unknown-key")
    );
    assert_eq!(report["summary"]["built"], 40);
    assert_eq!(report["summary"]["failed"], 1);
    // Each output is reported with its hash and size.
    let built = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["status"] == "built")
        .unwrap();
    let first = &built["outputs"][0];
    let bytes = std::fs::read(first["path"].as_str().unwrap()).unwrap();
    assert_eq!(first["size"], bytes.len());
    assert_eq!(first["sha256"].as_str().unwrap().len(), 64);
    // Copies are different articles: their EPUBs carry different identifiers.
    let a = std::fs::read(out.join("copy-01/copy-01.epub")).unwrap();
    let b = std::fs::read(out.join("copy-02/copy-02.epub")).unwrap();
    assert_ne!(a, b);
    assert_consistent(&out);
}

#[test]
fn an_unchanged_rebuild_writes_no_file_and_force_rebuilds() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    journal_issue(&issue, 3, false);
    assert_eq!(build(&issue, &out, &[]).status.code(), Some(0));
    assert!(out.join("social-sciences-in-china-issue.epub").is_file());
    let before = mtimes(&out);
    std::thread::sleep(Duration::from_millis(20));
    let o = build(&issue, &out, &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["summary"]["unchanged"], 3);
    assert_eq!(mtimes(&out), before, "nothing touched");
    // Warnings of an unchanged article are still reported.
    assert!(json(&o)["warnings"].as_u64().unwrap() > 0);

    let o = build(&issue, &out, &["--force"]);
    assert_eq!(json(&o)["summary"]["built"], 3);
    assert_ne!(mtimes(&out), before);
}

#[test]
fn a_change_rebuilds_that_article_and_the_issue_epub_only() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    journal_issue(&issue, 3, false);
    build(&issue, &out, &[]);
    let before = mtimes(&out);
    let path = issue.join("copy-02/article.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("The Origin", "The Origins", 1)).unwrap();
    let status = statuses(&build(&issue, &out, &[]));
    assert_eq!(status["copy-01"], "unchanged");
    assert_eq!(status["copy-02"], "built");
    assert_eq!(status["copy-03"], "unchanged");
    assert_eq!(status["social-sciences-in-china-issue.epub"], "built");
    let after = mtimes(&out);
    assert_eq!(
        after[&out.join("copy-01/copy-01.jats.xml")],
        before[&out.join("copy-01/copy-01.jats.xml")]
    );
    assert!(
        std::fs::read_to_string(out.join("copy-02/copy-02.jats.xml"))
            .unwrap()
            .contains("The Origins")
    );
    // A changed image counts as a change too.
    std::fs::write(issue.join("copy-03/notes.txt"), "x").unwrap();
    let report = json(&build(&issue, &out, &[]));
    assert_eq!(report["summary"]["built"], 1);
}

#[test]
fn an_article_that_breaks_loses_its_old_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    journal_issue(&issue, 2, false);
    build(&issue, &out, &[]);
    assert!(
        out.join("copy-02").is_dir() && out.join("social-sciences-in-china-issue.epub").is_file()
    );
    let path = issue.join("copy-02/article.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("lang: en", "lang: english!", 1)).unwrap();
    let o = build(&issue, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.join("copy-02").exists(), "stale outputs removed");
    assert!(
        !out.join("social-sciences-in-china-issue.epub").exists(),
        "the issue EPUB no longer holds every article"
    );
    assert_eq!(visible(&out.join("copy-01")), output_names("copy-01"));
}

#[test]
fn github_annotations_point_at_file_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    journal_issue(&issue, 1, true);
    let o = galley()
        .args(["build", "--format", "github", "-o"])
        .arg(&out)
        .arg(&issue)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stdout = String::from_utf8(o.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|l| l.starts_with("::error ") && l.contains("unknown-key"))
        .expect("an error annotation");
    let file = issue.join("broken/article.yaml");
    assert!(
        line.starts_with(&format!(
            "::error file={},line=4,col=1,title=schema.unknown-key::unknown key `titel`",
            file.display()
        )),
        "{line}"
    );
    assert!(stdout.lines().any(|l| l.starts_with("::warning ")));
}

#[test]
fn one_and_two_threads_give_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let issue = tmp.path().join("issue");
    journal_issue(&issue, 6, false);
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&issue, &a, &["-j", "1"]);
    build(&issue, &b, &["-j", "2"]);
    for i in 1..=6 {
        let slug = format!("copy-{i:02}");
        for name in output_names(&slug) {
            assert_eq!(
                std::fs::read(a.join(&slug).join(&name)).unwrap(),
                std::fs::read(b.join(&slug).join(&name)).unwrap()
            );
        }
    }
    assert_eq!(
        std::fs::read(a.join("social-sciences-in-china-issue.epub")).unwrap(),
        std::fs::read(b.join("social-sciences-in-china-issue.epub")).unwrap()
    );
}

/// Starts a build of `copies` articles, kills it with `signal` after `delay`, and returns
/// its exit status (None if killed by the signal).
fn interrupted_build(
    issue: &Path,
    out: &Path,
    signal: &str,
    delay: Duration,
    epoch: u32,
) -> Option<i32> {
    let mut child = galley_std()
        .args(["build", "-j", "2", "--format", "json", "-o"])
        .arg(out)
        .arg(issue)
        .env("SOURCE_DATE_EPOCH", epoch.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status();
    child.wait().unwrap().code()
}

#[test]
fn sigkill_at_any_moment_leaves_no_truncated_or_mixed_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    journal_issue(&issue, 30, false);
    // Each round changes SOURCE_DATE_EPOCH, so every EPUB's bytes change: an article
    // folder mixing two rounds would fail the manifest check.
    for (round, ms) in [5u64, 40, 120, 250, 400, 700, 1000].into_iter().enumerate() {
        interrupted_build(
            &issue,
            &out,
            "-KILL",
            Duration::from_millis(ms),
            1_000_000 + round as u32,
        );
        assert_consistent(&out);
    }
    // The next run completes, and clears what the killed ones left in staging.
    let o = build(&issue, &out, &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_consistent(&out);
    let hidden: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".galley-staging"))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
    assert_eq!(visible(&out).len(), 31, "30 articles and the issue EPUB");
}

#[test]
fn sigint_stops_the_batch_cleanly_with_status_2() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    journal_issue(&issue, 40, false);
    let code = interrupted_build(&issue, &out, "-INT", Duration::from_millis(300), 7);
    // Interrupted: status 2 (or 0 if the machine finished all 40 before the signal).
    assert!(matches!(code, Some(2) | Some(0)), "{code:?}");
    assert_consistent(&out);
    let staging = std::fs::read_dir(&out)
        .map(|d| {
            d.filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".galley-staging")
            })
            .count()
        })
        .unwrap_or(0);
    assert_eq!(
        staging, 0,
        "workers finish the article in hand and leave no staging folder"
    );
}

#[test]
fn an_output_path_that_is_a_file_or_cannot_be_created_is_a_tool_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let issue = tmp.path().join("issue");
    journal_issue(&issue, 1, false);
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = build(&issue, &file, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        all_diagnostics(&json(&o))
            .iter()
            .any(|d| d["code"] == "io.write")
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        b"x",
        "the file is left alone"
    );
    // A folder that cannot be created (not even by root): under /proc.
    let o = build(&issue, Path::new("/proc/galley-cannot-write-here"), &[]);
    assert_eq!(o.status.code(), Some(2));
}

/// Every file below `dir` (hidden ones included) with its bytes, by relative path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_path_buf();
                files.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    files
}

#[test]
fn the_shards_of_a_build_make_the_full_build_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let journal = tmp.path().join("journal");
    // Twelve articles in one issue, and the first article and the fixtures as issues.
    journal_issue(&journal.join("2024-1"), 12, false);
    copy_dir(&root().join(FIRST.0), &journal.join("2024-2"));
    for (dir, slug) in [KITCHEN_SINK, SVG_FIGURE] {
        copy_dir(&root().join(dir), &journal.join(slug));
    }
    let full = tmp.path().join("full");
    assert_eq!(build(&journal, &full, &[]).status.code(), Some(0));
    let want = tree(&full);
    let n = 3;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let merged = tmp.path().join("merged");
    for k in 1..=n {
        // Each shard into its own folder, as on its own machine; then merged.
        let part = tmp.path().join(format!("part-{k}"));
        let o = build(&journal, &part, &["--shard", &format!("{k}/{n}")]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        for a in json(&o)["articles"].as_array().unwrap() {
            *seen
                .entry(a["name"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
        copy_dir(&part, &merged);
    }
    // Each article and issue EPUB in exactly one shard.
    assert_eq!(seen.len(), 12 + 3 + 4, "{seen:?}");
    assert!(seen.values().all(|&c| c == 1), "{seen:?}");
    // Byte for byte, manifests included (their paths are relative to the output folder).
    let got = tree(&merged);
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &want {
        assert!(got[path] == *bytes, "{} differs", path.display());
    }
    // The merged folder is current: a full build there writes nothing.
    let o = build(&journal, &merged, &[]);
    let summary = &json(&o)["summary"];
    assert_eq!(summary["unchanged"], 15, "{summary}");
    assert_eq!(summary["built"], 0, "{summary}");
    // Bad shards are usage errors.
    for bad in ["0/3", "4/3", "1/0", "x/2", "2"] {
        let o = build(&journal, &tmp.path().join("bad"), &["--shard", bad]);
        assert_eq!(o.status.code(), Some(2), "--shard {bad}");
        assert!(!tmp.path().join("bad").exists());
    }
}

// ---------------------------------------------------------------------------------------
// Change detection by stat data: a manifest records its inputs' size, modification time
// and inode, and an article whose inputs all match (and are older than the manifest) is
// not read again.

/// A modification time in the past, long before any test runs: 2001-09-09.
const PAST: u64 = 1_000_000_000;
/// A modification time in the future, long after any test runs: 2100-01-01.
const FUTURE: u64 = 4_102_444_800;

/// Sets the modification time of `path` to `secs` after the epoch (the clock is not read).
fn set_mtime(path: &Path, secs: u64) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
        .unwrap();
}

/// Each article's and issue EPUB's status, by name.
fn statuses(o: &std::process::Output) -> BTreeMap<String, String> {
    json(o)["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_string(),
                a["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Modification times of the files (not folders) under `dir`, but `except`.
fn file_mtimes(dir: &Path, except: &Path) -> BTreeMap<PathBuf, SystemTime> {
    mtimes(dir)
        .into_iter()
        .filter(|(p, _)| p.is_file() && p != except)
        .collect()
}

#[test]
fn a_touched_input_is_read_again_and_only_its_manifest_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    journal_issue(&issue, 3, false);
    assert_eq!(build(&issue, &out, &[]).status.code(), Some(0));
    let manifest = out.join("copy-02/.galley-manifest.json");
    let before = file_mtimes(&out, &manifest);
    let recorded = std::fs::read(&manifest).unwrap();
    // `touch`: the same bytes, another modification time.
    let path = issue.join("copy-02/article.yaml");
    set_mtime(&path, PAST);
    let o = build(&issue, &out, &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        json(&o)["summary"]["unchanged"],
        3,
        "{}",
        json(&o)["summary"]
    );
    assert_eq!(
        statuses(&o)["social-sciences-in-china-issue.epub"],
        "unchanged"
    );
    assert_eq!(file_mtimes(&out, &manifest), before, "no output written");
    // The manifest keeps its outputs, hash and diagnostics, with the new stat data.
    let (old, new): (serde_json::Value, serde_json::Value) = (
        serde_json::from_slice(&recorded).unwrap(),
        serde_json::from_slice(&std::fs::read(&manifest).unwrap()).unwrap(),
    );
    for field in ["input_hash", "outputs", "diagnostics"] {
        assert_eq!(old[field], new[field], "{field}");
    }
    let mtime_of = |m: &serde_json::Value| {
        m["stat"]["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == "article.yaml")
            .map(|f| f["mtime_ns"].clone())
            .unwrap()
    };
    assert_ne!(mtime_of(&old), mtime_of(&new));
    assert_eq!(mtime_of(&new), serde_json::json!(PAST * 1_000_000_000));
    let leftovers: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Now current by stat data: the next run writes nothing at all.
    let before = mtimes(&out);
    let o = build(&issue, &out, &[]);
    assert_eq!(json(&o)["summary"]["unchanged"], 3);
    assert_eq!(mtimes(&out), before);
}

#[test]
fn a_forged_mtime_is_caught_when_not_older_than_the_manifest() {
    // The same edit, of the same size, in place (the inode kept), its modification time
    // then set back to the one recorded: stat data that match exactly. Recorded in the
    // future, the time is not older than the manifest, so the file is read again and the
    // edit found. Recorded in the past, the stat data are trusted: the one change stat
    // data cannot see (documented), which `--force` rebuilds.
    for (when, caught) in [(FUTURE, true), (PAST, false)] {
        let tmp = tempfile::tempdir().unwrap();
        let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
        journal_issue(&issue, 2, false);
        let path = issue.join("copy-01/article.yaml");
        set_mtime(&path, when);
        assert_eq!(build(&issue, &out, &[]).status.code(), Some(0));
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = text.replacen("The Origin", "The Orixin", 1);
        assert_eq!(edited.len(), text.len());
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
        std::fs::write(&path, &edited).unwrap();
        set_mtime(&path, when);
        #[cfg(unix)]
        assert_eq!(
            std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap()),
            inode
        );
        let jats = out.join("copy-01/copy-01.jats.xml");
        let o = build(&issue, &out, &[]);
        assert_eq!(o.status.code(), Some(0));
        let rebuilt = std::fs::read_to_string(&jats).unwrap().contains("Orixin");
        if caught {
            assert_eq!(statuses(&o)["copy-01"], "built", "mtime {when}");
            assert_eq!(statuses(&o)["copy-02"], "unchanged");
            assert_eq!(statuses(&o)["social-sciences-in-china-issue.epub"], "built");
            assert!(rebuilt);
        } else {
            assert_eq!(statuses(&o)["copy-01"], "unchanged", "mtime {when}");
            assert!(!rebuilt);
            let o = build(&issue, &out, &["--force"]);
            assert_eq!(statuses(&o)["copy-01"], "built");
            assert!(std::fs::read_to_string(&jats).unwrap().contains("Orixin"));
        }
    }
}

#[test]
fn a_file_added_or_removed_in_an_article_folder_rebuilds_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    copy_dir(&root().join(SVG_FIGURE.0), &issue);
    let slug = SVG_FIGURE.1;
    assert_eq!(build(&issue, &out, &[]).status.code(), Some(0));
    let built = |o: &std::process::Output| json(o)["summary"]["built"].clone();
    // A file added, deep or not, and removed again: each a rebuild.
    let notes = issue.join(slug).join("images/notes.txt");
    std::fs::write(&notes, "x").unwrap();
    assert_eq!(built(&build(&issue, &out, &[])), 1);
    assert_eq!(built(&build(&issue, &out, &[])), 0);
    std::fs::remove_file(&notes).unwrap();
    assert_eq!(built(&build(&issue, &out, &[])), 1);
    std::fs::create_dir(issue.join(slug).join("more")).unwrap();
    assert_eq!(built(&build(&issue, &out, &[])), 1);
    // The image removed: the article fails and loses its outputs.
    std::fs::remove_file(issue.join(slug).join("images/drawing.svg")).unwrap();
    let o = build(&issue, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(statuses(&o)[slug], "failed");
    assert!(!out.join(slug).exists());
}

#[test]
fn a_change_to_the_issue_alone_is_seen_when_every_article_is_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    journal_issue(&issue, 4, false);
    // The issue's order, not the folders': copy-03, copy-01, copy-02, then copy-04, which
    // is not listed (a warning about issue.yaml).
    let listed = "issue:\n  articles:\n    - copy-03\n    - copy-01\n    - copy-02\n";
    let shared = std::fs::read_to_string(issue.join("issue.yaml")).unwrap() + listed;
    std::fs::write(issue.join("issue.yaml"), &shared).unwrap();
    let first = build(&issue, &out, &[]);
    assert_eq!(first.status.code(), Some(0));
    let names = |o: &std::process::Output| -> Vec<String> {
        json(o)["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["name"].as_str().unwrap().to_string())
            .collect()
    };
    let codes = |o: &std::process::Output| -> Vec<String> {
        all_diagnostics(&json(o))
            .iter()
            .map(|d| format!("{} {}", d["code"], d["file"]))
            .collect()
    };
    assert_eq!(
        names(&first),
        [
            "copy-03",
            "copy-01",
            "copy-02",
            "copy-04",
            "social-sciences-in-china-issue.epub"
        ]
    );
    // Unchanged: the same order, the same diagnostics, the shared files' too.
    let again = build(&issue, &out, &[]);
    assert_eq!(json(&again)["summary"]["unchanged"], 4);
    assert_eq!(names(&again), names(&first));
    assert_eq!(codes(&again), codes(&first));
    assert!(!json(&again)["shared"].as_array().unwrap().is_empty());
    // A listed article's folder removed: an error in issue.yaml, though the others are
    // unchanged.
    std::fs::rename(issue.join("copy-02"), tmp.path().join("away")).unwrap();
    let o = build(&issue, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        codes(&o)
            .iter()
            .any(|c| c.contains("issue.unknown-article"))
    );
    std::fs::rename(tmp.path().join("away"), issue.join("copy-02")).unwrap();
    assert_eq!(build(&issue, &out, &[]).status.code(), Some(0));
    // A broken contributor list: every article fails.
    let contributors = issue.join("contributors.yaml");
    let text = std::fs::read_to_string(&contributors).unwrap();
    std::fs::write(
        &contributors,
        text.replacen("contributors:", "contributers:", 1),
    )
    .unwrap();
    let o = build(&issue, &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["summary"]["unchanged"], 0);
    assert!(!out.join("copy-01").exists());
}

#[test]
fn an_issue_whose_articles_are_all_unchanged_is_not_loaded_again() {
    // The shared files are loaded and checked only when an article of the issue, or its
    // EPUB, must be made. Shown with the one edit stat data cannot see, in
    // contributors.yaml: an unchanged rebuild does not notice it; `--force` does.
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    journal_issue(&issue, 2, false);
    let contributors = issue.join("contributors.yaml");
    set_mtime(&contributors, PAST);
    let first = build(&issue, &out, &[]);
    assert_eq!(first.status.code(), Some(0));
    let text = std::fs::read_to_string(&contributors).unwrap();
    let broken = text.replacen("contributors:", "contributers:", 1);
    assert_eq!(broken.len(), text.len());
    std::fs::write(&contributors, broken).unwrap();
    set_mtime(&contributors, PAST);
    let o = build(&issue, &out, &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(json(&o)["summary"]["unchanged"], 2);
    assert_eq!(
        statuses(&o)["social-sciences-in-china-issue.epub"],
        "unchanged"
    );
    assert_eq!(json(&o)["shared"], json(&first)["shared"]);
    let o = build(&issue, &out, &["--force"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["summary"]["failed"], 2);
}

#[test]
fn a_new_cover_image_rebuilds_the_issue_epub_alone() {
    // The cover is no article's input: a new image (same name, same issue.yaml) makes
    // the issue EPUB again, with the new bytes, and leaves the article unchanged.
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("ks"), tmp.path().join("out"));
    copy_dir(&root().join(KITCHEN_SINK.0), &issue);
    let first = build(&issue, &out, &[]);
    assert_eq!(first.status.code(), Some(0));
    let name = format!("{}.epub", galley::issue::issue_epub_name(&issue));
    assert_eq!(statuses(&first)[&name], "built");
    let again = build(&issue, &out, &[]);
    assert_eq!(statuses(&again)[&name], "unchanged");
    let other = std::fs::read(issue.join("kitchen-sink/images/map.png")).unwrap();
    std::fs::write(issue.join("cover.png"), &other).unwrap();
    let o = build(&issue, &out, &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(statuses(&o)[&name], "built");
    assert_eq!(statuses(&o)[KITCHEN_SINK.1], "unchanged");
    let epub = galley_dev::epub::Epub::open(&out.join(&name));
    assert_eq!(epub.files["EPUB/cover.png"], other);
}

#[test]
fn a_renamed_issue_epub_leaves_no_stale_file_under_its_old_name() {
    // Found at a stop: a new `epub_name` (or journal, volume, number) wrote the new EPUB
    // beside the old one, which stayed in the output folder with the last build's text.
    let tmp = tempfile::tempdir().unwrap();
    let (issue, tour, out) = (
        tmp.path().join("issue"),
        tmp.path().join("tour"),
        tmp.path().join("out"),
    );
    copy_dir(&root().join(FIRST.0), &issue);
    copy_dir(&root().join("tests/fixtures/valid/tour"), &tour);
    let epubs = || -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".epub") || n.ends_with(".epub.galley-manifest.json"))
            .collect();
        v.sort();
        v
    };
    let with_manifest = |names: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = names
            .iter()
            .flat_map(|n| {
                [
                    format!("{n}.epub"),
                    format!(".{n}.epub.galley-manifest.json"),
                ]
            })
            .collect();
        v.sort();
        v
    };
    let name = |dir: &Path| galley::issue::issue_epub_name(dir);
    let both = |args: &[&str]| {
        let o = galley()
            .args(["build", "--format", "json", "-o"])
            .arg(&out)
            .args(args)
            .arg(&issue)
            .arg(&tour)
            .output()
            .unwrap();
        o.status.code()
    };
    assert_eq!(both(&[]), Some(0));
    let (first, tour_name) = (name(&issue), name(&tour));
    assert_eq!(epubs(), with_manifest(&[&first, &tour_name]));
    let tour_epub = std::fs::read(out.join(format!("{tour_name}.epub"))).unwrap();

    // A name stated in issue.yaml: the EPUB under the old name goes, the other issue's
    // stays as it was.
    let yaml = issue.join("issue.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replacen("issue:\n", "issue:\n  epub_name: renamed-issue\n", 1),
    )
    .unwrap();
    assert_eq!(name(&issue), "renamed-issue");
    assert_eq!(both(&[]), Some(0));
    assert_eq!(epubs(), with_manifest(&["renamed-issue", &tour_name]));
    assert_eq!(
        std::fs::read(out.join(format!("{tour_name}.epub"))).unwrap(),
        tour_epub
    );

    // The name from the journal and the issue: a volume stated, the name changes again;
    // the issue built alone (and the other issue's EPUB, not of this issue, is kept).
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        text.replacen("  epub_name: renamed-issue\n", "  volume: \"17\"\n", 1),
    )
    .unwrap();
    let third = name(&issue);
    assert!(third.contains("17") && third != first, "{third}");
    assert_eq!(build(&issue, &out, &[]).status.code(), Some(0));
    assert_eq!(epubs(), with_manifest(&[&third, &tour_name]));
    let epub = galley_dev::epub::Epub::open(&out.join(format!("{third}.epub")));
    assert!(!epub.files.is_empty());

    // Renamed while an article fails: no issue EPUB under either name.
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, text.replacen("volume: \"17\"", "volume: \"18\"", 1)).unwrap();
    let article = issue.join(SLUG).join("article.yaml");
    let a = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, a.replacen("title:", "titel:", 1)).unwrap();
    assert_eq!(build(&issue, &out, &[]).status.code(), Some(1));
    assert_eq!(epubs(), with_manifest(&[&tour_name]));
}
