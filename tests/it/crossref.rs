//! `galley deposit crossref`: the kitchen sink's deposit passes the Crossref 5.3.1 XSD,
//! names its translator as `translator` and carries its original-language title; two
//! deposits are byte-identical whatever the clock or time zone; articles that cannot be
//! registered (no DOI, no landing page) and an issue without a depositor are reported,
//! never made up; a deposit the XSD refuses fails the check.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{all_diagnostics, copy_dir, crossref_check, galley, json, root};

/// `galley deposit crossref --format json -o OUT INPUTS…` with `env`; whatever the status.
fn deposit(inputs: &[PathBuf], out: &Path, env: &[(&str, &str)]) -> Output {
    galley()
        .args(["deposit", "crossref", "--format", "json", "-o"])
        .arg(out)
        .args(inputs)
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .output()
        .expect("run galley")
}

fn sink() -> PathBuf {
    root().join("tests/fixtures/valid/kitchen-sink")
}

/// The codes of every diagnostic of a JSON report.
fn codes(o: &Output) -> Vec<String> {
    all_diagnostics(&json(o))
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Deposits a copy of the kitchen sink whose article and issue files are changed by
/// `edit_article` and `edit_issue`.
fn edited(
    edit_article: impl Fn(&str) -> String,
    edit_issue: impl Fn(&str) -> String,
) -> (tempfile::TempDir, Output) {
    let tmp = tempfile::tempdir().unwrap();
    let issue = tmp.path().join("kitchen-sink");
    copy_dir(&sink(), &issue);
    for (file, edit) in [
        (
            "kitchen-sink/article.yaml",
            &edit_article as &dyn Fn(&str) -> String,
        ),
        ("issue.yaml", &edit_issue),
    ] {
        let path = issue.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, edit(&text)).unwrap();
    }
    let o = deposit(&[issue], &tmp.path().join("out"), &[]);
    (tmp, o)
}

#[test]
fn the_kitchen_sinks_crossref_deposit_passes_the_xsd_and_says_what_the_yaml_states() {
    let out = tempfile::tempdir().unwrap();
    let o = deposit(&[sink()], out.path(), &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let file = out.path().join("jgt-1996-2.crossref.xml");
    if let Err(e) = crossref_check(&file) {
        panic!("{} fails the Crossref 5.3.1 XSD:\n{e}", file.display());
    }
    let issue = json(&o)["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["packages"].as_array().is_some_and(|p| !p.is_empty()))
        .cloned()
        .unwrap();
    assert!(
        issue["packages"][0]
            .as_str()
            .unwrap()
            .ends_with("jgt-1996-2.crossref.xml")
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let doc = galley_dev::xml::parse(&text).unwrap();
    let ns = "http://www.crossref.org/schema/5.3.1";
    let el = |name: &str| {
        doc.descendants()
            .filter(|n| n.tag_name().name() == name && n.tag_name().namespace() == Some(ns))
            .collect::<Vec<_>>()
    };
    let txt = |name: &str| -> Vec<String> {
        el(name)
            .iter()
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect()
    };
    // The head, from journal.crossref and the inputs.
    assert_eq!(txt("depositor_name"), ["Galley Test Press DOI Desk"]);
    assert_eq!(txt("email_address"), ["doi@journal.example.org"]);
    assert_eq!(txt("registrant"), ["Galley Test Press"]);
    assert_eq!(txt("timestamp"), ["19960615000000"]);
    assert!(txt("doi_batch_id")[0].starts_with("galley-"));
    // The publication dates in the journal's stated medium (`electronic`: Crossref's
    // `online`); the acceptance date has none.
    let media: Vec<Option<&str>> = el("publication_date")
        .iter()
        .map(|d| d.attribute("media_type"))
        .collect();
    assert!(media.len() >= 2, "{media:?}");
    assert!(media.iter().all(|m| *m == Some("online")), "{media:?}");
    assert!(
        el("acceptance_date")
            .iter()
            .all(|d| d.attribute("media_type").is_none())
    );
    // The translator is a translator, never an author; the reviser has no Crossref role.
    let people: Vec<(String, String, String)> = el("person_name")
        .iter()
        .map(|p| {
            let surname = p
                .children()
                .find(|c| c.has_tag_name((ns, "surname")))
                .and_then(|c| c.text())
                .unwrap_or_default();
            (
                surname.to_string(),
                p.attribute("contributor_role").unwrap_or_default().into(),
                p.attribute("sequence").unwrap_or_default().into(),
            )
        })
        .collect();
    let wang = people
        .iter()
        .find(|p| p.0 == "Wang")
        .expect("the translator");
    assert_eq!((wang.1.as_str(), wang.2.as_str()), ("translator", "first"));
    assert!(people.iter().any(|p| p.1 == "author" && p.2 == "first"));
    assert!(codes(&o).iter().any(|c| c == "loss.crossref.reviser"));
    // The original-language title of the translation, and the name in its other script.
    let original = el("original_language_title");
    assert_eq!(original.len(), 1);
    let words: String = original[0]
        .descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap_or_default())
        .collect();
    assert_eq!(words, "Zhong-Su guanxi de qiyuan");
    // Its italics as Crossref's face markup.
    assert!(text.contains("Zhong-Su guanxi de <i>qiyuan</i></original_language_title>"));
    assert_eq!(original[0].attribute("language"), Some("zh"));
    assert!(text.contains("<surname>王</surname>"), "{text}");
    // Registration facts.
    assert_eq!(txt("doi")[0], "10.99999/jgt.1996.2.5");
    assert_eq!(
        txt("resource"),
        ["https://journal.example.org/articles/kitchen-sink?lang=en&v=2"]
    );
    assert_eq!(txt("ORCID"), ["https://orcid.org/0000-0002-1825-0097"]);
    assert!(txt("institution_id").contains(&"https://ror.org/05xjqgd36".to_string()));
    assert_eq!(txt("item_number"), ["e1996025"]);
    assert!(text.contains("<jats:abstract>"));
    assert!(text.contains("<fr:assertion name=\"award_number\">96BZS012</fr:assertion>"));
    assert!(text.contains(
        "<ai:license_ref applies_to=\"vor\">https://creativecommons.org/licenses/by/4.0/</ai:license_ref>"
    ));
    let keys: Vec<&str> = el("citation")
        .iter()
        .filter_map(|c| c.attribute("key"))
        .collect();
    assert!(
        keys.contains(&"zhang2001") && keys.contains(&"archive-note"),
        "{keys:?}"
    );
    assert!(txt("unstructured_citation")[0].starts_with("Letter from the embassy"));
    // The issue's DOI cannot be registered without a landing page: reported.
    assert!(codes(&o).iter().any(|c| c == "missing.crossref.issue-url"));
}

#[test]
fn two_crossref_deposits_are_byte_identical_whatever_the_clock_or_time_zone() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let o = deposit(&[sink()], a.path(), &[("TZ", "UTC")]);
    assert_eq!(o.status.code(), Some(0));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let o = deposit(&[sink()], b.path(), &[("TZ", "Pacific/Kiritimati")]);
    assert_eq!(o.status.code(), Some(0));
    let name = "jgt-1996-2.crossref.xml";
    let first = std::fs::read(a.path().join(name)).unwrap();
    assert_eq!(first, std::fs::read(b.path().join(name)).unwrap());
    // SOURCE_DATE_EPOCH sets the timestamp (2001-09-09 01:46:40 UTC), nothing else.
    let c = tempfile::tempdir().unwrap();
    let o = deposit(&[sink()], c.path(), &[("SOURCE_DATE_EPOCH", "1000000000")]);
    assert_eq!(o.status.code(), Some(0));
    let third = String::from_utf8(std::fs::read(c.path().join(name)).unwrap()).unwrap();
    assert!(
        third.contains("<timestamp>20010909014640</timestamp>"),
        "{third}"
    );
    let first = String::from_utf8(first).unwrap();
    assert_eq!(
        first.replace("<timestamp>19960615000000</timestamp>", ""),
        third.replace("<timestamp>20010909014640</timestamp>", "")
    );
}

#[test]
fn articles_that_cannot_be_registered_are_reported_and_left_out() {
    // input/ has no DOI and no depositor: both reported, no deposit written, exit 0
    // (warnings), and an error with --strict.
    let out = tempfile::tempdir().unwrap();
    let o = deposit(&[root().join("input")], out.path(), &[]);
    assert_eq!(o.status.code(), Some(0));
    let found = codes(&o);
    for code in ["missing.crossref.doi", "missing.crossref.depositor"] {
        assert!(found.iter().any(|c| c == code), "{code} not in {found:?}");
    }
    let name = galley::issue::issue_epub_name(&root().join("input"));
    assert!(!out.path().join(format!("{name}.crossref.xml")).exists());
    // A DOI without a landing page: reported, the article left out, the issue deposited.
    let (tmp, o) = edited(
        |a| {
            a.replace(
                "url: https://journal.example.org/articles/kitchen-sink?lang=en&v=2\n",
                "",
            )
        },
        str::to_string,
    );
    assert_eq!(o.status.code(), Some(0));
    let d = all_diagnostics(&json(&o));
    let url = d
        .iter()
        .find(|d| d["code"] == "missing.crossref.url")
        .expect("missing.crossref.url");
    assert!(
        url["file"]
            .as_str()
            .unwrap()
            .ends_with("kitchen-sink/article.yaml")
    );
    let file = tmp.path().join("out/jgt-1996-2.crossref.xml");
    crossref_check(&file).expect("valid without the article");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("journal_article") && text.contains("<journal_issue>"));
    // Without a depositor, no deposit, and an old one is removed rather than left stale.
    let out = tmp.path().join("out");
    let issue = tmp.path().join("kitchen-sink/issue.yaml");
    let t = std::fs::read_to_string(&issue).unwrap();
    let without = t.replace(
        "  crossref:\n    depositor: {name: Galley Test Press DOI Desk, email: doi@journal.example.org}\n    registrant: Galley Test Press\n",
        "",
    );
    assert_ne!(t, without);
    std::fs::write(&issue, without).unwrap();
    let o = deposit(&[tmp.path().join("kitchen-sink")], &out, &[]);
    assert!(codes(&o).iter().any(|c| c == "missing.crossref.depositor"));
    assert!(!file.exists(), "stale Crossref deposit left");
}

#[test]
fn a_deposit_the_xsd_refuses_fails_the_check() {
    let out = tempfile::tempdir().unwrap();
    assert_eq!(deposit(&[sink()], out.path(), &[]).status.code(), Some(0));
    let file = out.path().join("jgt-1996-2.crossref.xml");
    crossref_check(&file).expect("valid before the change");
    let text = std::fs::read_to_string(&file).unwrap();
    // doi_data without its required resource.
    let start = text.find("<resource>").unwrap();
    let end = text.find("</resource>").unwrap() + "</resource>".len();
    let broken = format!("{}{}", &text[..start], &text[end..]);
    std::fs::write(&file, broken).unwrap();
    let err = crossref_check(&file).expect_err("a deposit without resource must fail");
    assert!(
        err.contains("resource") || err.contains("doi_data"),
        "{err}"
    );
}

#[test]
fn a_bad_crossref_account_is_refused_with_its_place() {
    let (_tmp, o) = edited(str::to_string, |i| {
        i.replace("email: doi@journal.example.org", "email: not-an-address")
            .replace("    registrant: Galley Test Press\n", "")
    });
    assert_eq!(o.status.code(), Some(1));
    let d = all_diagnostics(&json(&o));
    let places: Vec<String> = d
        .iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("issue.yaml"))
        })
        .map(|d| format!("{} {}", d["code"], d["pointer"]))
        .collect();
    assert!(
        places
            .iter()
            .any(|p| p.contains("/journal/crossref/depositor/email")),
        "{places:?}"
    );
    assert!(
        places.iter().any(|p| p.contains("/journal/crossref")),
        "{places:?}"
    );
}

#[test]
fn values_beyond_crossrefs_limits_are_reported_and_left_out() {
    let long = "e".repeat(33);
    let (tmp, o) = edited(
        |a| {
            a.replace("ISBN: 978-7-218-00000-0", "ISBN: ISBN 7-218 (pbk.)")
                .replace("elocation: e1996025", &format!("elocation: {long}"))
        },
        str::to_string,
    );
    assert_eq!(o.status.code(), Some(0));
    let d = all_diagnostics(&json(&o));
    let pointers: Vec<&str> = d
        .iter()
        .filter(|d| d["code"] == "loss.crossref.limit")
        .filter_map(|d| d["pointer"].as_str())
        .collect();
    assert!(pointers.contains(&"/elocation"), "{pointers:?}");
    assert!(
        pointers.iter().any(|p| p.ends_with("/ISBN")),
        "{pointers:?}"
    );
    let file = tmp.path().join("out/jgt-1996-2.crossref.xml");
    crossref_check(&file).expect("valid without the values it cannot take");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains(&long) && !text.contains("pbk."));
}

#[test]
fn the_deposits_of_a_sample_of_generated_issues_pass_the_xsd() {
    use galley::model::{CrossrefAccount, CrossrefDepositor, Doi, Email, Url};
    use galley_dev::arbitrary::Unstructured;
    let tmp = tempfile::tempdir().unwrap();
    let mut issues = Vec::new();
    for seed in 1..=8u64 {
        // The properties test's generator, with what a deposit needs made certain.
        let bytes: Vec<u8> = (0..300 + 500 * seed)
            .map(|i| (i.wrapping_mul(seed * 2 + 1) ^ (i >> 3)) as u8)
            .collect();
        let mut g = galley_dev::synth::generate(&mut Unstructured::new(&bytes)).unwrap();
        g.issue.journal.crossref = Some(CrossrefAccount {
            depositor: CrossrefDepositor {
                name: "Desk & <Co>".into(),
                email: Email("doi@example.org".into()),
            },
            registrant: "Press".into(),
        });
        g.article.doi.get_or_insert(Doi("10.1234/x<y>&z".into()));
        g.article
            .url
            .get_or_insert(Url("https://example.org/?a=1&b=2".into()));
        let dir = tmp.path().join(format!("seed{seed}"));
        crate::properties::write_issue(&g, &dir);
        issues.push(dir);
    }
    // One deposit each: every generated issue's article has the same folder name.
    for (seed, dir) in issues.iter().enumerate() {
        let out = tmp.path().join(format!("out{seed}"));
        let o = deposit(
            std::slice::from_ref(dir),
            &out,
            &[("SOURCE_DATE_EPOCH", "1000000000")],
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
        // Named as the issue EPUB is.
        let name = galley::issue::issue_epub_name(dir);
        let file = out.join(format!("{name}.crossref.xml"));
        if let Err(e) = crossref_check(&file) {
            panic!("{} fails the Crossref 5.3.1 XSD:\n{e}", file.display());
        }
    }
}
