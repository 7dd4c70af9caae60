//! `galley new issue DIR` and `galley new article SLUG --issue DIR`: skeletons that
//! validate and build at once, the article registered in `issue.yaml` with the user's
//! comments and layout kept, nothing overwritten.

use predicates::str::contains;

use crate::support::{galley, official_check, root};

#[test]
fn a_new_issue_and_article_validate_and_build_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    galley().arg("new").arg("issue").arg(&d).assert().code(0);
    galley()
        .args(["new", "article", "x", "--issue"])
        .arg(&d)
        .assert()
        .code(0);
    // The modelines point at a schemas/ folder beside the issue folder, as input/'s do.
    let issue = std::fs::read_to_string(d.join("issue.yaml")).unwrap();
    let article = std::fs::read_to_string(d.join("x/article.yaml")).unwrap();
    assert!(issue.starts_with("# yaml-language-server: $schema=../schemas/issue.schema.json\n"));
    assert!(
        article.starts_with("# yaml-language-server: $schema=../../schemas/article.schema.json\n")
    );
    assert!(issue.contains("  articles: [x]"), "{issue}");
    // Placeholders are bracketed, never a plausible fact.
    assert!(article.contains("title: \"[Title of the article]\""));
    galley().arg("validate").arg(&d).assert().code(0);
    let out = tmp.path().join("out");
    galley()
        .arg("build")
        .arg(&d)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let epub = out.join("journal-title-d.epub");
    let report = official_check(&[
        ("--jats", &out.join("x/x.jats.xml")),
        ("--tei", &out.join("x/x.tei.xml")),
        ("--epub", &out.join("x/x.epub")),
        ("--epub", &epub),
    ]);
    assert!(report.contains("PASS  EPUBCheck"), "{report}");
}

#[test]
fn new_refuses_to_overwrite_and_to_make_a_bad_slug() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("d");
    galley().arg("new").arg("issue").arg(&d).assert().code(0);
    let before = std::fs::read(d.join("issue.yaml")).unwrap();
    galley()
        .arg("new")
        .arg("issue")
        .arg(&d)
        .assert()
        .code(1)
        .stderr(contains("error[new.exists]"));
    assert_eq!(std::fs::read(d.join("issue.yaml")).unwrap(), before);
    galley()
        .args(["new", "article", "x", "--issue"])
        .arg(&d)
        .assert()
        .code(0);
    let article = std::fs::read(d.join("x/article.yaml")).unwrap();
    galley()
        .args(["new", "article", "x", "--issue"])
        .arg(&d)
        .assert()
        .code(1)
        .stderr(contains("error[new.exists]"));
    assert_eq!(std::fs::read(d.join("x/article.yaml")).unwrap(), article);
    galley()
        .args(["new", "article", "../y", "--issue"])
        .arg(&d)
        .assert()
        .code(1)
        .stderr(contains("error[new.slug]"));
    galley()
        .args(["new", "article", "y", "--issue"])
        .arg(tmp.path().join("nowhere"))
        .assert()
        .code(1)
        .stderr(contains("error[new.no-issue]"));
}

#[test]
fn a_new_article_is_one_line_added_to_the_issue_list() {
    // input/issue.yaml lists its article as a block list: one line is added after it,
    // every other line kept.
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("input");
    crate::support::copy_dir(&root().join("input"), &d);
    let path = d.join("issue.yaml");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text = text.replace("issue:\n", "issue:   # the issue\n  # a comment kept\n");
    text.push_str("# the end\n");
    std::fs::write(&path, &text).unwrap();
    galley()
        .args(["new", "article", "tea-roads", "--issue"])
        .arg(&d)
        .assert()
        .code(0);
    let edited = std::fs::read_to_string(&path).unwrap();
    let want = text.replace(
        "    - origin-sino-soviet-alliance\n",
        "    - origin-sino-soviet-alliance\n    - tea-roads\n",
    );
    assert_eq!(edited, want);
    // The new article's modeline finds the repository's schemas two levels up.
    let article = std::fs::read_to_string(d.join("tea-roads/article.yaml")).unwrap();
    assert!(
        article.starts_with("# yaml-language-server: $schema=../../schemas/article.schema.json\n")
    );
    galley().arg("validate").arg(&d).assert().code(0);
}
