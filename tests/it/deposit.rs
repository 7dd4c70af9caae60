//! `galley deposit`: BagIt bags of every article and issue, checked by the Library of
//! Congress validator (every checksum); a tampered payload byte fails it; two deposits
//! give the same bytes whatever the clock or time zone; bag-info from the YAML; a failing
//! article loses its bag; exit statuses as `build`'s.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use galley_dev::epub::Epub;

use crate::support::{
    bagit_validate, copy_dir, galley, issue_folders, json, meca_check, official_check,
    official_rejection, root,
};

/// `galley deposit FORMATS --format json -o OUT INPUTS…` with `env`; whatever the status.
fn deposit(formats: &str, inputs: &[PathBuf], out: &Path, env: &[(&str, &str)]) -> Output {
    galley()
        .args(["deposit", formats, "--format", "json", "-o"])
        .arg(out)
        .args(inputs)
        .envs(env.iter().copied())
        .output()
        .expect("run galley")
}

/// The bags in a deposit folder, by name.
fn bags(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "bagit"))
        .collect();
    v.sort();
    v
}

/// Every file under `dir` (relative path → bytes).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut map = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                map.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    map
}

fn all_inputs() -> Vec<PathBuf> {
    issue_folders().iter().map(|d| root().join(d)).collect()
}

/// The MECA packages in a deposit folder, by name.
fn mecas(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with("-meca.zip"))
        .collect();
    v.sort();
    v
}

/// The `(item-type, media-type, href)` of every item of a MECA manifest.
fn manifest_items(manifest: &str) -> Vec<(String, String, String)> {
    let doc = galley_dev::xml::parse(manifest).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|item| {
            let instance = item
                .children()
                .find(|c| c.has_tag_name("instance"))
                .unwrap();
            let href = instance
                .attribute(("http://www.w3.org/1999/xlink", "href"))
                .unwrap();
            (
                item.attribute("item-type").unwrap_or_default().to_string(),
                instance
                    .attribute("media-type")
                    .unwrap_or_default()
                    .to_string(),
                href.to_string(),
            )
        })
        .collect()
}

fn bag_info(bag: &Path) -> String {
    std::fs::read_to_string(bag.join("bag-info.txt")).unwrap()
}

#[test]
fn every_bag_of_every_issue_passes_the_library_of_congress_validator() {
    let out = tempfile::tempdir().unwrap();
    let o = deposit("bagit", &all_inputs(), out.path(), &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report = json(&o);
    let bags = bags(out.path());
    let articles = report["articles"].as_array().unwrap();
    // One bag per article and one per issue, each named in the report.
    assert_eq!(bags.len(), articles.len(), "{bags:?}");
    for a in articles {
        assert_eq!(a["packages"].as_array().map(Vec::len), Some(1), "{a}");
    }
    for bag in &bags {
        if let Err(e) = bagit_validate(bag) {
            panic!("{} is not a valid bag:\n{e}", bag.display());
        }
    }
    // The kitchen sink's bag holds its outputs and its figures at the paths its JATS uses.
    let sink = out.path().join("kitchen-sink.bagit");
    let held = files(&sink);
    let jats = String::from_utf8(held["data/kitchen-sink.jats.xml"].clone()).unwrap();
    for image in ["images/map.png", "images/chart.png"] {
        assert!(jats.contains(&format!("xlink:href=\"{image}\"")));
        let input = root()
            .join("tests/fixtures/valid/kitchen-sink/kitchen-sink")
            .join(image);
        assert_eq!(
            held[&format!("data/{image}")],
            std::fs::read(input).unwrap()
        );
    }
    for name in [
        "data/kitchen-sink.tei.xml",
        "data/kitchen-sink.epub",
        "tagmanifest-sha512.txt",
    ] {
        assert!(held.contains_key(name), "{name} missing from the bag");
    }
    assert!(
        !held.contains_key("data/index.html"),
        "the preview is no deposit"
    );
    // The issue's bag: its EPUB and every article's outputs.
    let issue = files(&out.path().join("jgt-1996-2.issue.bagit"));
    assert!(
        issue.contains_key("data/jgt-1996-2.epub"),
        "{:?}",
        issue.keys()
    );
    assert!(issue.contains_key("data/kitchen-sink/images/map.png"));
}

#[test]
fn bag_info_says_what_the_yaml_states_and_nothing_else() {
    let out = tempfile::tempdir().unwrap();
    let inputs = [
        root().join("tests/fixtures/valid/kitchen-sink"),
        root().join("input"),
    ];
    let o = deposit("bagit", &inputs, out.path(), &[]);
    assert_eq!(o.status.code(), Some(0));
    let sink = bag_info(&out.path().join("kitchen-sink.bagit"));
    let held = files(&out.path().join("kitchen-sink.bagit"));
    let data: Vec<&Vec<u8>> = held
        .iter()
        .filter(|(n, _)| n.starts_with("data/"))
        .map(|(_, b)| b)
        .collect();
    let payload: u64 = data.iter().map(|b| b.len() as u64).sum();
    let count = data.len();
    assert_eq!(
        sink,
        format!(
            "Source-Organization: Galley Test Press\nExternal-Identifier: 10.99999/jgt.1996.2.5\n\
             Bagging-Date: 1996-06-15\nPayload-Oxum: {payload}.{count}\nBag-Group-Identifier: jgt-1996-2\n\
             Bag-Software-Agent: galley {}\n",
            env!("CARGO_PKG_VERSION")
        )
    );
    let issue = bag_info(&out.path().join("jgt-1996-2.issue.bagit"));
    assert!(
        issue.contains("External-Identifier: 10.99999/jgt.1996.2\n"),
        "{issue}"
    );
    // input/ states no publisher, DOI or full date: none is written, and the missing date
    // is reported, never taken from the clock.
    let first = bag_info(&out.path().join("origin-sino-soviet-alliance.bagit"));
    assert!(first.starts_with("Payload-Oxum: "), "{first}");
    assert!(!first.contains("Bagging-Date") && !first.contains("Source-Organization"));
    let codes: Vec<String> = crate::support::all_diagnostics(&json(&o))
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        codes.iter().any(|c| c == "missing.bagit.bagging-date"),
        "{codes:?}"
    );
    // SOURCE_DATE_EPOCH gives the date instead (2001-09-09).
    let out2 = tempfile::tempdir().unwrap();
    let o = deposit(
        "bagit",
        &inputs[1..],
        out2.path(),
        &[("SOURCE_DATE_EPOCH", "1000000000")],
    );
    assert_eq!(o.status.code(), Some(0));
    let first = bag_info(&out2.path().join("origin-sino-soviet-alliance.bagit"));
    assert!(first.contains("Bagging-Date: 2001-09-09\n"), "{first}");
}

#[test]
fn tampering_with_one_payload_byte_makes_the_validator_fail() {
    let out = tempfile::tempdir().unwrap();
    let inputs = [root().join("tests/fixtures/valid/kitchen-sink")];
    assert_eq!(
        deposit("bagit", &inputs, out.path(), &[]).status.code(),
        Some(0)
    );
    let bag = out.path().join("kitchen-sink.bagit");
    bagit_validate(&bag).expect("valid before tampering");
    let file = bag.join("data/images/map.png");
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&file, bytes).unwrap();
    let err = bagit_validate(&bag).expect_err("a tampered bag must fail");
    assert!(err.contains("map.png"), "{err}");
}

#[test]
fn two_deposits_are_byte_identical_whatever_the_clock_or_time_zone() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let inputs = all_inputs();
    assert_eq!(
        deposit("bagit", &inputs, a.path(), &[("TZ", "UTC")])
            .status
            .code(),
        Some(0)
    );
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let o = deposit("bagit", &inputs, b.path(), &[("TZ", "Pacific/Kiritimati")]);
    assert_eq!(o.status.code(), Some(0));
    let (fa, fb) = (bags(a.path()), bags(b.path()));
    assert_eq!(fa.len(), fb.len());
    for (x, y) in fa.iter().zip(&fb) {
        assert_eq!(files(x), files(y), "{} differs", x.display());
    }
    // A second deposit into the same folder (its build unchanged) gives them again.
    let before: Vec<_> = fa.iter().map(|p| files(p)).collect();
    assert_eq!(
        deposit("bagit", &inputs, a.path(), &[]).status.code(),
        Some(0)
    );
    let after: Vec<_> = bags(a.path()).iter().map(|p| files(p)).collect();
    assert_eq!(before, after);
}

#[test]
fn an_article_that_fails_loses_its_packages_and_the_issue_its_bag() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("deposit"));
    copy_dir(&root().join("input"), &issue);
    assert_eq!(
        deposit("bagit,meca", std::slice::from_ref(&issue), &out, &[])
            .status
            .code(),
        Some(0)
    );
    let article = out.join("origin-sino-soviet-alliance.bagit");
    // Named as the issue EPUB is, from the journal's title and the folder.
    let issue_bag = out.join("social-sciences-in-china-issue.issue.bagit");
    assert!(article.is_dir() && issue_bag.is_dir());
    let path = issue.join("origin-sino-soviet-alliance/article.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("lang: en", "lang: english!", 1)).unwrap();
    assert!(out.join("origin-sino-soviet-alliance-meca.zip").is_file());
    let o = deposit("bagit,meca", std::slice::from_ref(&issue), &out, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!article.exists(), "stale bag left");
    assert!(
        !out.join("origin-sino-soviet-alliance-meca.zip").exists(),
        "stale MECA left"
    );
    assert!(!issue_bag.exists(), "stale issue bag left");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".galley-staging-")),
        "{names:?}"
    );
}

#[test]
fn exit_statuses_are_builds() {
    let tmp = tempfile::tempdir().unwrap();
    // An unknown format is a usage error.
    let o = deposit("bagit,zip", &[root().join("input")], tmp.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("`zip` is not a deposit format"));
    // For people: the build's summary, then the packages made.
    let out = tmp.path().join("human");
    let o = galley()
        .args(["deposit", "bagit,meca", "-o"])
        .arg(&out)
        .arg(root().join("input"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    assert_eq!(
        last,
        format!("galley deposit: 3 package(s) in {}", out.display())
    );
    // A deposit folder that cannot be made is a failure of the environment.
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = deposit("bagit", &[root().join("input")], &file, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(bags(tmp.path()).is_empty());
}

#[test]
fn every_meca_manifest_passes_the_meca_dtd_and_lists_exactly_its_zip() {
    let out = tempfile::tempdir().unwrap();
    let o = deposit("meca", &all_inputs(), out.path(), &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let articles = json(&o)["articles"].as_array().unwrap().clone();
    let zips = mecas(out.path());
    // One per article; none per issue.
    let count = articles.iter().filter(|a| a["packages"].is_array()).count();
    assert_eq!(zips.len(), count);
    assert!(bags(out.path()).is_empty());
    let tmp = tempfile::tempdir().unwrap();
    for zip in &zips {
        let meca = Epub::open(zip);
        assert_eq!(meca.names[0], "manifest.xml", "{}", zip.display());
        let manifest_file = tmp.path().join("manifest.xml");
        std::fs::write(&manifest_file, &meca.files["manifest.xml"]).unwrap();
        if let Err(e) = meca_check(&manifest_file) {
            panic!("{}: manifest.xml is not valid:\n{e}", zip.display());
        }
        let items = manifest_items(&meca.text("manifest.xml"));
        let mut listed: Vec<&str> = items.iter().map(|(_, _, h)| h.as_str()).collect();
        listed.sort_unstable();
        let mut held: Vec<&str> = meca.names[1..].iter().map(String::as_str).collect();
        held.sort_unstable();
        assert_eq!(listed, held, "{}: manifest and zip differ", zip.display());
        // The JATS is the article metadata, and valid.
        let jats: Vec<_> = items.iter().filter(|i| i.0 == "article-metadata").collect();
        assert_eq!(jats.len(), 1);
        let jats_file = tmp.path().join("article.jats.xml");
        std::fs::write(&jats_file, &meca.files[&jats[0].2]).unwrap();
        official_check(&[("--jats", jats_file.as_path())]);
    }
    // The kitchen sink's figures are in its MECA under the names its JATS uses.
    let sink = Epub::open(&out.path().join("kitchen-sink-meca.zip"));
    let jats = sink.text("kitchen-sink.jats.xml");
    let items = manifest_items(&sink.text("manifest.xml"));
    for image in ["images/map.png", "images/chart.png"] {
        assert!(jats.contains(&format!("xlink:href=\"{image}\"")));
        let input = root()
            .join("tests/fixtures/valid/kitchen-sink/kitchen-sink")
            .join(image);
        assert_eq!(sink.files[image], std::fs::read(input).unwrap());
        let item = items.iter().find(|i| i.2 == image).unwrap();
        assert_eq!(
            (item.0.as_str(), item.1.as_str()),
            ("article-supporting-file", "image/png")
        );
    }
    let types: Vec<(&str, &str)> = items.iter().map(|i| (i.0.as_str(), i.1.as_str())).collect();
    assert!(types.contains(&("manuscript", "application/epub+zip")));
    assert!(types.contains(&("article-supporting-file", "application/tei+xml")));
    // Supplementary files by the media type the article states (or their extension
    // names), listed by their names in the zip (the JATS percent-encodes its links).
    for (file, href, media) in [
        (
            "supplementary/survey.csv",
            "supplementary/survey.csv",
            "text/csv",
        ),
        (
            "supplementary/field notes.dat",
            "supplementary/field%20notes.dat",
            "text/plain",
        ),
    ] {
        let item = items.iter().find(|i| i.2 == file).unwrap();
        assert_eq!(
            (item.0.as_str(), item.1.as_str()),
            ("article-supporting-file", media)
        );
        assert!(jats.contains(&format!("xlink:href=\"{href}\"")));
        assert!(sink.files.contains_key(file));
    }
}

#[test]
fn the_meca_check_rejects_what_the_dtd_forbids() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("deposit");
    let o = deposit("meca", &[root().join("input")], &out, &[]);
    assert_eq!(o.status.code(), Some(0));
    let meca = Epub::open(&out.join("origin-sino-soviet-alliance-meca.zip"));
    let good = meca.text("manifest.xml");
    let file = tmp.path().join("manifest.xml");
    // An element the DTD does not declare; an item without its instance; another DOCTYPE.
    for bad in [
        good.replacen("<item ", "<bogus/><item ", 1),
        good.replacen(
            "<instance ",
            "<item-title>t</item-title><item-title>u</item-title><instance ",
            1,
        ),
        good.replace(
            "-//MECA//DTD Manifest v1.0//en",
            "-//Example//DTD Other//en",
        ),
    ] {
        std::fs::write(&file, &bad).unwrap();
        assert!(meca_check(&file).is_err(), "accepted:\n{bad}");
    }
    std::fs::write(&file, &good).unwrap();
    assert!(meca_check(&file).is_ok());
    // The JATS check the MECA test relies on rejects, too.
    let jats = tmp.path().join("bad.jats.xml");
    let text =
        String::from_utf8(meca.files["origin-sino-soviet-alliance.jats.xml"].clone()).unwrap();
    std::fs::write(&jats, text.replacen("<front>", "<front><bogus/>", 1)).unwrap();
    assert!(!official_rejection(&[("--jats", jats.as_path())]).is_empty());
}
