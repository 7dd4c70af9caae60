//! Complete article outputs: every file a JATS, TEI or preview output refers to is in
//! the output folder at the path the XML uses, with the bytes of the input file; a file
//! no longer referred to leaves the folder; a missing one is written again.

use std::path::{Path, PathBuf};

use galley_dev::xml::parse;

use crate::support::{KITCHEN_SINK, build, build_fresh, copy_dir, issue_folders, json, root};

/// Whether `value` is a reference to a file beside the output: no scheme (`https:`,
/// `data:`, `mailto:`…), not a fragment of the same document.
fn is_local(value: &str) -> bool {
    let scheme = value.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    !(value.is_empty() || value.starts_with('#') || scheme)
}

/// Every local `xlink:href`, `url` and `src` of the XML or HTML file `path`.
fn local_references(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    doc.descendants()
        // A JATS link typed as an identifier (`ext-link-type="doi"` on `related-article`,
        // say) names no file.
        .filter(|n| n.attribute("ext-link-type").is_none_or(|t| t == "uri"))
        .flat_map(|n| n.attributes().collect::<Vec<_>>())
        .filter(|a| matches!(a.name(), "href" | "url" | "src"))
        .map(|a| a.value().to_string())
        .filter(|v| is_local(v))
        .map(|v| percent_decoded(&v))
        .collect()
}

/// A relative URL's path as the file's name: `%XX` escapes decoded (galley encodes what a
/// URL path cannot hold, such as spaces).
fn percent_decoded(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("UTF-8 after decoding")
}

/// The article output folders of an output folder.
fn article_dirs(out: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Checks every reference of every XML and HTML output of `out` (built from the issue
/// folder `issue`): it names a file in the article's output folder with the input file's
/// bytes. Returns how many were checked.
fn check_references(issue: &Path, out: &Path) -> usize {
    let mut checked = 0;
    for dir in article_dirs(out) {
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !(name.ends_with(".xml") || name.ends_with(".html")) {
                continue;
            }
            for r in local_references(&entry.path()) {
                let written = dir.join(&r);
                assert!(
                    written.is_file(),
                    "{slug}/{name} refers to `{r}`, which is not in {}",
                    dir.display()
                );
                let canon = std::fs::canonicalize(&written).unwrap();
                assert!(canon.starts_with(std::fs::canonicalize(&dir).unwrap()));
                assert_eq!(
                    std::fs::read(&written).unwrap(),
                    std::fs::read(issue.join(&slug).join(&r)).unwrap(),
                    "{slug}/{r} is not the input's file"
                );
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn every_reference_of_every_output_resolves_in_the_output_folder() {
    let mut total = 0;
    for dir in issue_folders() {
        let (out, _) = build_fresh(&dir, &[]);
        total += check_references(&root().join(&dir), out.path());
    }
    // The kitchen sink's two figures, from both the JATS and the TEI at least.
    assert!(total >= 4, "only {total} references checked");
    let (out, _) = build_fresh(KITCHEN_SINK.0, &[]);
    let sink = out.path().join(KITCHEN_SINK.1);
    for image in ["images/map.png", "images/chart.png"] {
        assert!(sink.join(image).is_file(), "{image} not written");
        let jats = std::fs::read_to_string(sink.join("kitchen-sink.jats.xml")).unwrap();
        let tei = std::fs::read_to_string(sink.join("kitchen-sink.tei.xml")).unwrap();
        assert!(
            jats.contains(&format!("xlink:href=\"{image}\"")),
            "{image} in JATS"
        );
        assert!(tei.contains(&format!("url=\"{image}\"")), "{image} in TEI");
    }
}

#[test]
fn an_image_no_longer_referred_to_leaves_the_output_folder_and_a_missing_one_returns() {
    let tmp = tempfile::tempdir().unwrap();
    let (issue, out) = (tmp.path().join("issue"), tmp.path().join("out"));
    copy_dir(&root().join(KITCHEN_SINK.0), &issue);
    let sink = issue.join(KITCHEN_SINK.1);
    assert_eq!(build(&issue, &out, &[]).status.code(), Some(0));
    let written = out.join(KITCHEN_SINK.1);
    assert!(written.join("images/map.png").is_file());

    // Unchanged: nothing rebuilt. A written image removed by hand: rebuilt.
    assert_eq!(json(&build(&issue, &out, &[]))["summary"]["unchanged"], 1);
    std::fs::remove_file(written.join("images/map.png")).unwrap();
    assert_eq!(json(&build(&issue, &out, &[]))["summary"]["built"], 1);
    assert!(written.join("images/map.png").is_file());

    // The figure now shows another file, in another folder: the old one is gone.
    std::fs::create_dir(sink.join("figs")).unwrap();
    std::fs::rename(sink.join("images/map.png"), sink.join("figs/map-2.png")).unwrap();
    let yaml = std::fs::read_to_string(sink.join("article.yaml")).unwrap();
    assert!(yaml.contains("images/map.png"));
    std::fs::write(
        sink.join("article.yaml"),
        yaml.replace("images/map.png", "figs/map-2.png"),
    )
    .unwrap();
    assert_eq!(json(&build(&issue, &out, &[]))["summary"]["built"], 1);
    assert!(!written.join("images/map.png").exists(), "stale image left");
    assert!(written.join("figs/map-2.png").is_file());
    assert!(written.join("images/chart.png").is_file());
    assert!(check_references(&issue, &out) >= 4);
}
