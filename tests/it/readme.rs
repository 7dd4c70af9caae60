//! The README teaches with real files and real output: its tour shows the files of the
//! `tour` fixture as they are (that fixture is built and validated with every other
//! valid fixture), and its sample error is what galley prints for that fixture with one
//! contributor id misspelt.

use crate::support::{copy_dir, galley_std, root};

const TOUR: &str = "tests/fixtures/valid/tour";

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

#[test]
fn the_readme_shows_the_tour_s_files_as_they_are() {
    let readme = readme();
    for file in [
        "issue.yaml",
        "contributors.yaml",
        "night-shift-sleep/article.yaml",
    ] {
        let text = std::fs::read_to_string(root().join(TOUR).join(file)).expect(file);
        let block = format!("```yaml\n{text}```\n");
        assert!(
            readme.contains(&block),
            "the README does not show {TOUR}/{file} as it is"
        );
    }
}

#[test]
fn the_readme_s_sample_error_is_what_galley_prints() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join(TOUR), &tmp.path().join("tour"));
    let article = tmp.path().join("tour/night-shift-sleep/article.yaml");
    let text = std::fs::read_to_string(&article).unwrap();
    assert!(text.contains("contributor: maria-lopez"));
    std::fs::write(
        &article,
        text.replacen("contributor: maria-lopez", "contributor: maria-lopes", 1),
    )
    .unwrap();
    let out = galley_std()
        .current_dir(tmp.path())
        .args(["validate", "tour"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let printed = String::from_utf8(out.stderr).unwrap();
    assert!(
        printed.contains("error[contributor.unknown-id]"),
        "{printed}"
    );
    let shown = readme();
    assert!(
        shown.contains(&printed),
        "the README's sample error is not what galley prints:\n{printed}"
    );
}
