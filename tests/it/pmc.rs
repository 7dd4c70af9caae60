//! `galley deposit pmc`: the kitchen sink's PubMed Central zip holds its JATS and exactly
//! the files that JATS names (read back), under PMC's names, with the input's bytes; the
//! JATS inside passes the official check; two deposits give the same bytes; a missing
//! volume is reported at its place and makes no zip (and removes an old one); two
//! articles on one page get sequence letters; `input/` deposits with warnings.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use galley_dev::epub::Epub;

use crate::support::{all_diagnostics, copy_dir, galley, json, official_check, root};

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

fn sink() -> PathBuf {
    root().join("tests/fixtures/valid/kitchen-sink")
}

/// The zips in a deposit folder, by name.
fn zips(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".zip"))
        .collect();
    v.sort();
    v
}

/// The `xlink:href` of every element of a JATS document that names a file of the
/// article (`graphic`, `inline-graphic`, `media`, `supplementary-material`), leaving out
/// addresses on the web.
fn file_hrefs(jats: &str) -> BTreeSet<String> {
    let doc = galley_dev::xml::parse(jats).unwrap();
    doc.descendants()
        .filter(|n| {
            [
                "graphic",
                "inline-graphic",
                "media",
                "supplementary-material",
            ]
            .iter()
            .any(|t| n.has_tag_name(*t))
        })
        .filter_map(|n| n.attribute(("http://www.w3.org/1999/xlink", "href")))
        .filter(|h| !h.contains("://"))
        .map(str::to_string)
        .collect()
}

fn codes(o: &Output) -> Vec<String> {
    all_diagnostics(&json(o))
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// A copy of the kitchen sink's issue in a temporary folder, its issue file edited.
fn sink_copy(edit_issue: impl Fn(&str) -> String) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let issue = tmp.path().join("kitchen-sink");
    copy_dir(&sink(), &issue);
    let file = issue.join("issue.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = edit_issue(&text);
    std::fs::write(&file, edited).unwrap();
    (tmp, issue)
}

#[test]
fn the_kitchen_sinks_pmc_zip_holds_its_jats_and_exactly_the_files_it_names() {
    let out = tempfile::tempdir().unwrap();
    let o = deposit("pmc", &[sink()], out.path(), &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // jour from the journal's publisher id, volume 17, issue 2, first page 45.
    assert_eq!(zips(out.path()), ["jgt-17-2-45.zip"]);
    let zip = Epub::open(&out.path().join("jgt-17-2-45.zip"));
    assert_eq!(zip.names[0], "jgt-17-45.xml");
    let jats = zip.text("jgt-17-45.xml");
    let hrefs = file_hrefs(&jats);
    let mut expected: BTreeSet<String> = hrefs.clone();
    expected.insert("jgt-17-45.xml".to_string());
    let held: BTreeSet<String> = zip.names.iter().cloned().collect();
    assert_eq!(
        held, expected,
        "the zip holds exactly the XML and its files"
    );
    assert_eq!(held.len(), zip.names.len(), "no name twice");
    // PMC's names: no spaces or special characters, lowercase extensions, figures -g,
    // supplementary files -s, each with the bytes of the file the YAML names.
    let input = sink().join("kitchen-sink");
    for (name, source) in [
        ("jgt-17-45-g001.png", "images/graphical.png"),
        ("jgt-17-45-g002.png", "images/map.png"),
        ("jgt-17-45-g003.png", "images/chart.png"),
        ("jgt-17-45-s001.csv", "supplementary/survey.csv"),
        ("jgt-17-45-s002.dat", "supplementary/field notes.dat"),
    ] {
        assert!(
            hrefs.contains(name),
            "{name} not named by the JATS: {hrefs:?}"
        );
        assert!(
            zip.files[name] == std::fs::read(input.join(source)).unwrap(),
            "{name} is not {source}"
        );
    }
    assert_eq!(hrefs.len(), 5, "{hrefs:?}");
    for name in &held {
        assert!(
            !name.contains([' ', '?', '%', '#', '/', ':']),
            "{name} is no PMC name"
        );
        let ext = name.rsplit('.').next().unwrap();
        assert_eq!(ext, ext.to_ascii_lowercase());
    }
    // The JATS inside passes the official check; the build's JATS keeps the YAML's paths.
    let file = out.path().join("jgt-17-45.xml");
    std::fs::write(&file, &jats).unwrap();
    official_check(&[("--jats", file.as_path())]);
    let built = std::fs::read_to_string(
        out.path()
            .join(".galley-build/kitchen-sink/kitchen-sink.jats.xml"),
    )
    .unwrap();
    assert!(built.contains("xlink:href=\"images/map.png\""));
    assert!(built.contains("xlink:href=\"supplementary/field%20notes.dat\""));
    // Everything else of the JATS is the same document.
    let mut renamed = built.clone();
    for (from, to) in [
        ("images/graphical.png", "jgt-17-45-g001.png"),
        ("images/map.png", "jgt-17-45-g002.png"),
        ("images/chart.png", "jgt-17-45-g003.png"),
        ("supplementary/survey.csv", "jgt-17-45-s001.csv"),
        ("supplementary/field%20notes.dat", "jgt-17-45-s002.dat"),
    ] {
        renamed = renamed.replace(&format!("\"{from}\""), &format!("\"{to}\""));
    }
    assert_eq!(renamed, jats);
}

#[test]
fn two_pmc_deposits_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let o = deposit("pmc", &[sink()], &a, &[("TZ", "UTC")]);
    assert_eq!(o.status.code(), Some(0));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let o = deposit("pmc", &[sink()], &b, &[("TZ", "Asia/Shanghai")]);
    assert_eq!(o.status.code(), Some(0));
    let name = "jgt-17-2-45.zip";
    let first = std::fs::read(a.join(name)).unwrap();
    assert_eq!(first, std::fs::read(b.join(name)).unwrap());
    // Again into the same folder: the same bytes, and nothing else beside them.
    let o = deposit("pmc", &[sink()], &a, &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(first, std::fs::read(a.join(name)).unwrap());
    assert_eq!(zips(&a), [name]);
}

#[test]
fn a_missing_volume_is_reported_at_its_place_and_makes_no_zip() {
    let (tmp, issue) = sink_copy(|t| t.replace("  volume: \"17\"\n", ""));
    let out = tmp.path().join("out");
    // A zip made while the volume was stated is removed, not left stale.
    let (_with, with_volume) = sink_copy(str::to_string);
    let o = deposit("pmc", &[with_volume], &out, &[]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(zips(&out), ["jgt-17-2-45.zip"]);
    let o = deposit("pmc", std::slice::from_ref(&issue), &out, &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(zips(&out).is_empty(), "{:?}", zips(&out));
    let d = all_diagnostics(&json(&o));
    let volume = d
        .iter()
        .find(|d| d["code"] == "missing.pmc.volume")
        .expect("missing.pmc.volume");
    assert_eq!(volume["severity"], "warning");
    assert!(volume["file"].as_str().unwrap().ends_with("issue.yaml"));
    assert_eq!(volume["pointer"], "/issue/volume");
    // The issue mapping, where the key belongs: `number:` is now its first line.
    let text = std::fs::read_to_string(issue.join("issue.yaml")).unwrap();
    let line = text.lines().position(|l| l == "  number: \"2\"").unwrap() + 1;
    assert_eq!(
        (volume["line"].as_u64(), volume["column"].as_u64()),
        (Some(line as u64), Some(3))
    );
    assert!(volume["hint"].as_str().unwrap().contains("volume: \"17\""));
    assert!(codes(&o).iter().any(|c| c == "build.removed-stale"));
}

#[test]
fn articles_starting_on_one_page_take_sequence_letters() {
    let (_tmp, issue) = sink_copy(|t| {
        t.replace(
            "    - kitchen-sink\n",
            "    - kitchen-sink\n    - kitchen-sink-twin\n",
        )
    });
    copy_dir(
        &issue.join("kitchen-sink"),
        &issue.join("kitchen-sink-twin"),
    );
    let out = issue.parent().unwrap().join("out");
    let o = deposit("pmc", std::slice::from_ref(&issue), &out, &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(zips(&out), ["jgt-17-2-45-a.zip", "jgt-17-2-45-b.zip"]);
    let mut names = BTreeSet::new();
    for (zip, base) in [
        ("jgt-17-2-45-a.zip", "jgt-17-45-a"),
        ("jgt-17-2-45-b.zip", "jgt-17-45-b"),
    ] {
        let z = Epub::open(&out.join(zip));
        assert_eq!(z.names[0], format!("{base}.xml"));
        assert!(file_hrefs(&z.text(&z.names[0])).contains(&format!("{base}-g001.png")));
        for n in &z.names {
            assert!(names.insert(n.clone()), "{n} in both zips");
        }
    }
}

#[test]
fn a_name_another_issue_of_the_volume_has_is_refused_and_the_refusal_is_stable() {
    // Two issues of volume 17, each paginated from its own start: both articles begin on
    // page 45, and PMC's names are unique within a volume.
    let (tmp, first) = sink_copy(str::to_string);
    let second = tmp.path().join("kitchen-sink-3");
    copy_dir(&first, &second);
    // Its article under another folder name: outputs are named by it.
    std::fs::rename(second.join("kitchen-sink"), second.join("sink-in-3")).unwrap();
    let file = second.join("issue.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text
        .replace("  number: \"2\"\n", "  number: \"3\"\n")
        .replace("    - kitchen-sink\n", "    - sink-in-3\n")
        .replace("epub_name: jgt-1996-2", "epub_name: jgt-1996-3");
    std::fs::write(&file, edited).unwrap();
    let out = tmp.path().join("out");
    let mut seen = Vec::new();
    for _ in 0..2 {
        let o = deposit("pmc", &[first.clone(), second.clone()], &out, &[]);
        assert_eq!(o.status.code(), Some(0));
        let taken: Vec<String> = all_diagnostics(&json(&o))
            .into_iter()
            .filter(|d| d["code"] == "pmc.name-taken")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(taken.len(), 1, "{taken:?}");
        assert!(taken[0].contains("jgt-17-45.xml"), "{}", taken[0]);
        let held = zips(&out);
        assert_eq!(held.len(), 1, "{held:?}");
        seen.push(held);
    }
    assert_eq!(
        seen[0], seen[1],
        "the name stays with the article that has it"
    );
}

#[test]
fn input_deposits_in_every_format_with_what_pmc_lacks_reported() {
    let out = tempfile::tempdir().unwrap();
    let o = deposit(
        "bagit,pmc,crossref,meca",
        &[root().join("input")],
        out.path(),
        &[],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let found = codes(&o);
    for code in [
        "missing.pmc.journal",
        "missing.pmc.volume",
        "missing.pmc.page",
    ] {
        assert!(found.iter().any(|c| c == code), "{code} not in {found:?}");
    }
    assert_eq!(zips(out.path()), ["origin-sino-soviet-alliance-meca.zip"]);
}
