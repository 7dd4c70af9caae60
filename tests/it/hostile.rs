//! Hostile input (YAML, text, paths, references): each case is one named test that runs
//! `galley build` on an issue whose only article is the hostile file, and checks the exit
//! status, the exact diagnostic codes, and that nothing was written for a failing article.
//! The cases are listed with their expected behaviour in `tests/README.md`.

use std::path::{Path, PathBuf};
use std::process::Command;

use galley_dev::epub::Epub;
use galley_dev::synth::tiny_png;
use galley_dev::xml::{parse, text_of};

use crate::support::{KITCHEN_SINK, all_diagnostics, copy_dir, galley, json, root};

/// The outcome of building an issue whose one article is `article`.
struct Outcome {
    status: i32,
    /// Codes of errors and warnings (not losses), sorted.
    codes: Vec<String>,
    /// The same from `galley validate` on the same issue, with its exit status.
    validate: (i32, Vec<String>),
    /// (code, line, column) of errors.
    errors: Vec<(String, u64, u64)>,
    /// Whether any file exists under the article's output folder.
    wrote_output: bool,
    /// The article's output folder.
    out: PathBuf,
    _tmp: tempfile::TempDir,
}

fn build_article(article: &[u8]) -> Outcome {
    build_article_with(article, |_| {})
}

/// Runs galley with `args`, then `paths`, under a watchdog: galley killed after two minutes is a hang,
/// reported as such, not a test suite that never ends (every case here takes well under
/// a second in a release build).
fn galley_watched(args: &[&str], paths: &[&Path]) -> std::process::Output {
    let output = galley()
        .args(args)
        .args(paths)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some(),
        "galley did not finish (killed by the watchdog or a signal): {:?}",
        output.status
    );
    output
}

/// Writes an issue folder whose only article, `hostile`, is `article`.
fn write_issue(issue: &Path, article: &[u8]) {
    std::fs::create_dir_all(issue.join("hostile")).unwrap();
    let ks = root().join(KITCHEN_SINK.0);
    let issue_yaml = std::fs::read_to_string(ks.join("issue.yaml")).unwrap();
    let cut = issue_yaml.find("  articles:").unwrap();
    std::fs::write(issue.join("issue.yaml"), &issue_yaml[..cut]).unwrap();
    std::fs::copy(
        ks.join("contributors.yaml"),
        issue.join("contributors.yaml"),
    )
    .unwrap();
    std::fs::write(issue.join("hostile/article.yaml"), article).unwrap();
}

/// [`build_article`], with `setup` called on the article's folder first (to add files).
fn build_article_with(article: &[u8], setup: impl FnOnce(&Path)) -> Outcome {
    let tmp = tempfile::tempdir().unwrap();
    let issue = tmp.path().join("issue");
    write_issue(&issue, article);
    setup(&issue.join("hostile"));
    let out = tmp.path().join("out");
    let output = galley_watched(&["build", "--format", "json", "-o"], &[&out, &issue]);
    let diags = all_diagnostics(&json(&output));
    let codes = codes_of(&diags);
    let checked = galley_watched(&["validate", "--format", "json"], &[&issue]);
    let validate = (
        checked.status.code().unwrap_or(-1),
        codes_of(&all_diagnostics(&json(&checked))),
    );
    let errors = diags
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let wrote_output = dir_has_files(&out.join("hostile"));
    Outcome {
        status: output.status.code().unwrap_or(-1),
        codes,
        validate,
        errors,
        wrote_output,
        out: out.join("hostile"),
        _tmp: tmp,
    }
}

/// The codes of errors and warnings (not losses), sorted. Facts a format asks for and
/// the hostile article does not state (`missing.*`: its heading, pages, licence) are
/// left out: they are not what these cases are about (`jats.rs` checks them).
fn codes_of(diags: &[serde_json::Value]) -> Vec<String> {
    let mut codes: Vec<String> = diags
        .iter()
        .filter(|d| d["severity"] != "loss")
        .filter(|d| !d["code"].as_str().unwrap_or("").starts_with("missing."))
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    codes.sort();
    codes
}

fn dir_has_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some())
}

/// A valid article with `extra` lines appended at the top level.
fn article_with(extra: &str) -> String {
    format!(
        "type: research-article\nlang: en\ntitle: A Title\ncontributors:\n  - contributor: li-hua\n    role: author\nbody:\n  - p: One paragraph.\n{extra}"
    )
}

fn assert_refused(o: &Outcome, code: &str) {
    assert_eq!(o.status, 1, "exit status; codes {:?}", o.codes);
    assert_eq!(o.codes, vec![code.to_string()], "diagnostics");
    assert!(!o.wrote_output, "no output for a failing article");
    // One verdict: `validate` finds what `build` found, with the same exit status.
    assert_eq!(o.validate, (o.status, o.codes.clone()), "galley validate");
}

fn assert_accepted(o: &Outcome) {
    assert_eq!(o.status, 0, "exit status; codes {:?}", o.codes);
    assert!(o.codes.is_empty(), "no diagnostics: {:?}", o.codes);
}

#[test]
fn alias_bomb() {
    let mut s = article_with("x: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = 'a';
    for c in 'b'..='j' {
        s.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        prev = c;
    }
    assert_refused(&build_article(s.as_bytes()), "yaml.too-many-nodes");
}

#[test]
fn nesting_100000_deep_in_flow_style() {
    let s = format!(
        "{}{}{}\n",
        article_with("x: "),
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_refused(&build_article(s.as_bytes()), "yaml.too-deep");
}

#[test]
fn nesting_deep_in_block_style() {
    let mut s = article_with("x:\n");
    for depth in 1..200 {
        s.push_str(&format!("{}k:\n", "  ".repeat(depth)));
    }
    assert_refused(&build_article(s.as_bytes()), "yaml.too-deep");
}

#[test]
fn a_50_mb_file() {
    let mut s = article_with("");
    let filler = "# filler comment line to make the file large\n";
    while s.len() < 50 * 1024 * 1024 {
        s.push_str(filler);
    }
    assert_refused(&build_article(s.as_bytes()), "yaml.too-large");
}

#[test]
fn a_10_mb_single_string_is_accepted() {
    let word = "lorem ";
    let long = word.repeat(10 * 1024 * 1024 / word.len());
    let s = format!(
        "type: research-article\nlang: en\ntitle: A Title\ncontributors:\n  - contributor: li-hua\n    role: author\nbody:\n  - p: \"{}\"\n",
        long.trim_end()
    );
    assert_accepted(&build_article(s.as_bytes()));
}

#[test]
fn invalid_utf8() {
    let mut bytes = article_with("").into_bytes();
    bytes.extend_from_slice(b"x: \"caf\xe9\"\n");
    let o = build_article(&bytes);
    assert_refused(&o, "yaml.encoding");
    assert_eq!(o.errors[0].1, 9, "the line of the bad byte");
}

#[test]
fn utf16_is_refused_with_a_hint() {
    let text = article_with("");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    assert_refused(&build_article(&bytes), "yaml.encoding");
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(article_with("").as_bytes());
    assert_accepted(&build_article(&bytes));
}

#[test]
fn crlf_line_ends_are_accepted_and_positions_stay_right() {
    assert_accepted(&build_article(
        article_with("").replace('\n', "\r\n").as_bytes(),
    ));
    let o = build_article(
        article_with("colour: red\n")
            .replace('\n', "\r\n")
            .as_bytes(),
    );
    assert_refused(&o, "schema.unknown-key");
    assert_eq!(o.errors[0], ("schema.unknown-key".into(), 9, 1));
}

#[test]
fn tab_indentation() {
    // At the tab itself, also when it indents a line that continues a value above (the
    // parser stops at the start of that value).
    let s = article_with("translation:\n\toriginal_lang: zh\n");
    assert_refused_at(&build_article(s.as_bytes()), "yaml.syntax", 10, 1);
    let s = article_with("abstract:\n  - p: One.\n  \t- p: Two.\n");
    assert_refused_at(&build_article(s.as_bytes()), "yaml.syntax", 11, 3);
}

#[test]
fn duplicate_keys() {
    let o = build_article(article_with("lang: zh\n").as_bytes());
    assert_refused(&o, "yaml.duplicate-key");
    assert_eq!(o.errors[0], ("yaml.duplicate-key".into(), 9, 1));
}

#[test]
fn several_documents_in_one_file() {
    let s = format!("{}---\n{}", article_with(""), article_with(""));
    assert_refused(&build_article(s.as_bytes()), "yaml.multiple-documents");
}

#[test]
fn an_empty_file() {
    assert_refused(&build_article(b""), "yaml.empty");
    assert_refused(&build_article(b"# only a comment\n"), "yaml.empty");
}

#[test]
fn a_root_that_is_not_a_mapping() {
    assert_refused(&build_article(b"- a\n- b\n"), "schema.type");
    assert_refused(&build_article(b"just a string\n"), "schema.type");
}

#[test]
fn merge_keys() {
    let s = article_with("dates: &d\n  received: 1996-01-01\nx:\n  <<: *d\n");
    assert_refused(&build_article(s.as_bytes()), "yaml.merge-key");
}

/// A list or mapping written where a key must be: as a flow collection and after `?`.
#[test]
fn a_list_or_mapping_as_a_key() {
    for (extra, column) in [
        ("[a, b]: 1\n", 1),
        ("{a: 1}: 2\n", 1),
        ("? - a\n  - b\n: 3\n", 3),
    ] {
        let s = article_with(extra);
        let line = s.lines().position(|l| l.starts_with(&extra[..1])).unwrap() as u64 + 1;
        assert_refused_at(
            &build_article(s.as_bytes()),
            "yaml.complex-key",
            line,
            column,
        );
    }
}

/// Found by the `load_validate` smoke run in CI: an alias to a mapping used as a key
/// reached an `unreachable!` and panicked (fuzz/regressions/load_validate/crash-2db7…).
#[test]
fn an_alias_to_a_mapping_as_a_key() {
    let s = article_with("base: &b\n  lates: 1\n*b : 2\n");
    let line = s.lines().position(|l| l.starts_with("*b")).unwrap() as u64 + 1;
    assert_refused_at(&build_article(s.as_bytes()), "yaml.complex-key", line, 1);
}

#[test]
fn binary_and_custom_tags() {
    assert_refused(
        &build_article(article_with("doi: !!binary aGVsbG8=\n").as_bytes()),
        "yaml.tag",
    );
    assert_refused(
        &build_article(article_with("doi: !shout 10.1/x\n").as_bytes()),
        "yaml.tag",
    );
}

/// The text of every `name` element in a built article's JATS, in document order.
fn jats_texts(o: &Outcome, name: &str) -> Vec<String> {
    let jats = std::fs::read_to_string(o.out.join("hostile.jats.xml")).unwrap();
    let doc = parse(&jats).expect("well-formed JATS");
    doc.descendants()
        .filter(|n| n.has_tag_name(name))
        .map(text_of)
        .collect()
}

#[test]
fn values_yaml_1_1_would_coerce_stay_text() {
    // `NO` as a title is the text "NO"; 0x10 as an e-location is text; an ISSN keeps its zero.
    let s =
        article_with("elocation: 0x10\nshort_title: NO\n").replace("title: A Title", "title: NO");
    let o = build_article(s.as_bytes());
    assert_accepted(&o);
    assert_eq!(jats_texts(&o, "article-title"), ["NO"]);
    assert_eq!(jats_texts(&o, "elocation-id"), ["0x10"]);
    // The issue file's unquoted `value: 0252-9203` keeps its leading zero.
    assert!(jats_texts(&o, "issn").contains(&"0252-9203".to_string()));
    // …and where a number is wanted, `1e3` is not one.
    let s =
        article_with("translation:\n  original_lang: zh\n  source:\n    title: X\n    year: 1e3\n")
            .replace(
                "    role: author\n",
                "    role: author\n  - contributor: wang-fang\n    role: translator\n",
            );
    assert_refused(&build_article(s.as_bytes()), "schema.type");
    let s = article_with("keywords: [yes, NO, on, off]\n");
    let o = build_article(s.as_bytes());
    assert_accepted(&o);
    assert_eq!(jats_texts(&o, "kwd"), ["yes", "NO", "on", "off"]);
}

#[test]
fn unknown_keys() {
    assert_refused(
        &build_article(article_with("abstact: [x]\n").as_bytes()),
        "schema.unknown-key",
    );
}

#[test]
fn unclosed_quotes_and_brackets() {
    // At the opening quote, bracket or brace, not where the parser gave up.
    let o = build_article(article_with("short_title: \"open\n").as_bytes());
    assert_refused_at(&o, "yaml.syntax", 9, 14);
    let o = build_article(article_with("keywords: [a, b\nshort_title: x\n").as_bytes());
    assert_refused_at(&o, "yaml.syntax", 9, 11);
    let o = build_article(article_with("dates: {received: 1996\n").as_bytes());
    assert_refused_at(&o, "yaml.syntax", 9, 8);
}

#[test]
fn c0_control_characters() {
    let o = build_article(article_with("short_title: \"bell \\a here\"\n").as_bytes());
    assert_refused_at(&o, "text.forbidden-char", 9, 20);
    let o = build_article(article_with("short_title: \"nul \\0\"\n").as_bytes());
    assert_refused(&o, "text.forbidden-char");
}

#[test]
fn non_characters_fffe_and_ffff() {
    assert_refused(
        &build_article(article_with("short_title: \"a \\uFFFE\"\n").as_bytes()),
        "text.forbidden-char",
    );
    assert_refused(
        &build_article(article_with("short_title: \"a \u{FFFF}\"\n").as_bytes()),
        "text.forbidden-char",
    );
}

#[test]
fn escaped_lone_surrogates() {
    assert_refused(
        &build_article(article_with("short_title: \"a \\uD800 b\"\n").as_bytes()),
        "text.forbidden-char",
    );
}

#[test]
fn right_to_left_and_combining_characters_survive_as_written() {
    // Arabic and Hebrew text, and a precomposed é: accepted as they are.
    let s = article_with("keywords: [\"العربية\", \"עברית\", \"café\"]\n");
    assert_accepted(&build_article(s.as_bytes()));
    // A decomposed é (e + U+0301) is kept but warned about (see the NFC policy).
    let o = build_article(article_with("keywords: [\"cafe\u{301}\"]\n").as_bytes());
    assert_eq!(o.status, 0);
    assert_eq!(o.codes, vec!["text.not-nfc".to_string()]);
    // In a paragraph, both scripts, both forms of é and a right-to-left mark come out of
    // JATS, TEI and the EPUB's XHTML byte for byte: nothing normalised, reordered or lost.
    let p = "Arabic العربية and Hebrew עברית \u{200f}(١٩٩٦), café and cafe\u{301}.";
    let o = build_article(paragraph_article(p, "").as_bytes());
    assert_eq!(o.status, 0);
    assert_eq!(o.codes, vec!["text.not-nfc".to_string()]);
    for (file, what) in [("hostile.jats.xml", "JATS"), ("hostile.tei.xml", "TEI")] {
        let (text, _, _) = xml_text_and_attributes(&std::fs::read(o.out.join(file)).unwrap());
        assert!(
            text.contains(p),
            "{what}: the paragraph is not there as written"
        );
    }
    let (text, _, _) = epub_xhtml_text_and_attributes(&o);
    assert!(
        text.contains(p),
        "EPUB: the paragraph is not there as written"
    );
}

#[test]
fn very_long_words_and_lines() {
    let word = "x".repeat(200_000);
    let s = article_with(&format!(
        "keywords: [{word}]\nshort_title: \"{}\"\n",
        "word ".repeat(100_000).trim_end()
    ));
    assert_accepted(&build_article(s.as_bytes()));
}

fn figure_article(image: &str) -> String {
    format!(
        "type: research-article\nlang: en\ntitle: A Title\ncontributors:\n  - contributor: li-hua\n    role: author\nbody:\n  - p: One paragraph.\n  - figure:\n      id: f1\n      alt: A picture.\n      image: {image}\n"
    )
}

#[test]
fn asset_paths_leaving_the_folder_are_refused_without_reading() {
    assert_refused(
        &build_article(figure_article("../../../etc/passwd").as_bytes()),
        "asset.outside",
    );
    assert_refused(
        &build_article(figure_article("/etc/passwd").as_bytes()),
        "asset.outside",
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_leading_outside_the_folder_is_refused() {
    let o = build_article_with(figure_article("images/evil.png").as_bytes(), |dir| {
        std::fs::create_dir_all(dir.join("images")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.join("images/evil.png")).unwrap();
    });
    assert_refused(&o, "asset.outside");
    // A symlinked folder on the way out counts too.
    let o = build_article_with(figure_article("up/passwd").as_bytes(), |dir| {
        std::os::unix::fs::symlink("/etc", dir.join("up")).unwrap();
    });
    assert_refused(&o, "asset.outside");
}

/// A 1×1 PNG.
#[cfg(unix)]
const TINY_PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\x0bIDATx\x9cc`\0\x02\0\0\x05\0\x01z^\xab?\0\0\0\0IEND\xaeB`\x82";

#[cfg(unix)]
#[test]
fn a_symlink_staying_inside_the_folder_is_followed_and_a_linked_folder_with_a_slash_is_not() {
    // A link to an image beside it, and a link to a folder of the article's own.
    for image in ["images/alias.png", "linked/real.png"] {
        let o = build_article_with(figure_article(image).as_bytes(), |dir| {
            std::fs::create_dir_all(dir.join("images")).unwrap();
            std::fs::write(dir.join("images/real.png"), TINY_PNG).unwrap();
            std::os::unix::fs::symlink("real.png", dir.join("images/alias.png")).unwrap();
            std::os::unix::fs::symlink("images", dir.join("linked")).unwrap();
        });
        assert_accepted(&o);
        assert!(o.wrote_output, "{image}: outputs written");
    }
    // A trailing slash makes a link to a folder outside be followed: still outside.
    let o = build_article_with(figure_article("up/").as_bytes(), |dir| {
        std::os::unix::fs::symlink("/etc", dir.join("up")).unwrap();
    });
    assert_refused(&o, "asset.outside");
}

#[test]
fn a_missing_image_and_a_folder_for_an_image() {
    assert_refused(
        &build_article(figure_article("images/none.png").as_bytes()),
        "asset.missing",
    );
    let o = build_article_with(figure_article("images").as_bytes(), |dir| {
        std::fs::create_dir_all(dir.join("images")).unwrap();
    });
    assert_refused(&o, "asset.not-file");
}

/// Makes a named pipe at `path` (opening one to read waits until a writer comes: a hang).
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_device_for_an_image_is_refused_without_opening_it() {
    let o = build_article_with(figure_article("pipe.png").as_bytes(), |dir| {
        mkfifo(&dir.join("pipe.png"));
    });
    assert_refused(&o, "asset.not-file");
    let o = build_article_with(figure_article("zero.png").as_bytes(), |dir| {
        link_to_dev_zero(&dir.join("zero.png"));
    });
    assert_refused(&o, "asset.outside");
    // A link to a named pipe outside the folder: were it opened, galley would wait for ever.
    let o = build_article_with(figure_article("link.png").as_bytes(), |dir| {
        let outside = dir.parent().unwrap().parent().unwrap().join("outside.png");
        mkfifo(&outside);
        std::os::unix::fs::symlink(&outside, dir.join("link.png")).unwrap();
    });
    assert_refused(&o, "asset.outside");
}

/// Something other than a regular file, made at a path.
#[cfg(unix)]
type Make = fn(&Path);

#[cfg(unix)]
fn link_to_dev_zero(path: &Path) {
    std::os::unix::fs::symlink("/dev/zero", path).unwrap();
}

/// Builds with the file `name` (relative to the article's folder) replaced by what `make`
/// makes, and asserts `io.read` alone, exit 2 (an environment failure), nothing written.
#[cfg(unix)]
fn assert_not_a_regular_file_refused(name: &str, make: Make) {
    let o = build_article_with(article_with("").as_bytes(), |dir| {
        let path = dir.join(name);
        std::fs::remove_file(&path).unwrap();
        make(&path);
    });
    assert_eq!(o.status, 2, "{name}: exit status; codes {:?}", o.codes);
    assert_eq!(o.codes, ["io.read"], "{name}");
    assert!(!o.wrote_output, "{name}: no output");
}

/// `article.yaml` as a named pipe, a device or a folder: the article fails with `io.read`,
/// neither hanging, reading for ever, nor being skipped.
#[cfg(unix)]
#[test]
fn an_article_yaml_that_is_not_a_regular_file() {
    assert_not_a_regular_file_refused("article.yaml", mkfifo);
    assert_not_a_regular_file_refused("article.yaml", link_to_dev_zero);
    assert_not_a_regular_file_refused("article.yaml", |p| std::fs::create_dir(p).unwrap());
}

/// `issue.yaml` or `contributors.yaml` as a named pipe or a device. Found while writing the
/// case above: the build's input hash read the shared files without these checks, so a
/// named pipe made it wait for ever.
#[cfg(unix)]
#[test]
fn a_shared_file_that_is_not_a_regular_file() {
    assert_not_a_regular_file_refused("../contributors.yaml", mkfifo);
    assert_not_a_regular_file_refused("../issue.yaml", link_to_dev_zero);
}

#[test]
fn a_huge_image_is_refused() {
    let o = build_article_with(figure_article("huge.png").as_bytes(), |dir| {
        // A sparse 40 MiB file: large to galley, cheap to make.
        let f = std::fs::File::create(dir.join("huge.png")).unwrap();
        f.set_len(40 * 1024 * 1024).unwrap();
    });
    assert_refused(&o, "asset.too-large");
}

#[test]
fn an_image_inside_the_folder_is_accepted() {
    let o = build_article_with(figure_article("images/ok.png").as_bytes(), |dir| {
        std::fs::create_dir_all(dir.join("images")).unwrap();
        std::fs::write(dir.join("images/ok.png"), tiny_png()).unwrap();
    });
    assert_accepted(&o);
    assert!(o.wrote_output);
}

#[test]
fn unclosed_brackets_and_deep_emphasis_in_text_are_quick() {
    // Found by fuzzing: a run of unclosed `[` took exponential time.
    let s = article_with(&format!("abstract:\n  - \"{}\"\n", "[a ".repeat(400)));
    assert_accepted(&build_article(s.as_bytes()));
    let s = article_with(&format!("abstract:\n  - \"{}\"\n", "[".repeat(200)));
    assert_accepted(&build_article(s.as_bytes()));
    let s = article_with(&format!("abstract:\n  - \"{}x]\"\n", "[".repeat(200)));
    assert_refused(&build_article(s.as_bytes()), "markup.too-deep");
    let s = article_with(&format!("abstract:\n  - \"{}\"\n", "* ** ".repeat(100)));
    assert_refused(&build_article(s.as_bytes()), "markup.too-deep");
}

// ---------------------------------------------------------------------------------------
// Markup-like text: whatever looks like XML in the YAML must come out as text, escaped, in
// every format, never as elements, comments, processing instructions or CDATA.

/// Text that an emitter concatenating strings into XML would turn into markup.
const MARKUP_LIKE: &str = r#"<b>not bold</b> & &amp; &#65; ]]> "double" 'single' <!-- no comment --> <?pi no?> <![CDATA[ no ]]> </p><p>"#;

/// Every text node of an XML document, concatenated, and the attribute values.
fn xml_text_and_attributes(bytes: &[u8]) -> (String, Vec<String>, Vec<String>) {
    let text = std::str::from_utf8(bytes).expect("UTF-8 output");
    let doc = parse(text).expect("well-formed output");
    let mut all = String::new();
    let mut attrs = Vec::new();
    let mut names = Vec::new();
    for n in doc.descendants() {
        if n.is_text() {
            all.push_str(n.text().unwrap_or(""));
        }
        if n.is_element() {
            names.push(n.tag_name().name().to_string());
            attrs.extend(n.attributes().map(|a| a.value().to_string()));
        }
        assert!(
            !n.is_comment() && !n.is_pi(),
            "text became a comment or a processing instruction: {n:?}"
        );
    }
    (all, attrs, names)
}

/// [`xml_text_and_attributes`] over every XHTML file of a built article's EPUB, together.
fn epub_xhtml_text_and_attributes(o: &Outcome) -> (String, Vec<String>, Vec<String>) {
    let epub = Epub::open(&o.out.join("hostile.epub"));
    let (mut text, mut attrs, mut names) = (String::new(), Vec::new(), Vec::new());
    for (_, bytes) in epub.xhtml() {
        let (t, a, n) = xml_text_and_attributes(bytes);
        text.push_str(&t);
        attrs.extend(a);
        names.extend(n);
    }
    (text, attrs, names)
}

#[test]
fn markup_like_text_comes_out_as_text_in_all_three_formats() {
    // In the title, a paragraph and a figure's alternative text (an attribute in XHTML).
    let yaml = format!(
        "type: research-article\nlang: en\ntitle: >-\n      {t}\ncontributors:\n  - contributor: li-hua\n    role: author\nbody:\n  - p: >-\n      {t}\n  - figure:\n      id: f1\n      alt: >-\n        {t}\n      image: ok.png\n",
        t = MARKUP_LIKE
    );
    let o = build_article_with(yaml.as_bytes(), |dir| {
        std::fs::write(dir.join("ok.png"), tiny_png()).unwrap();
    });
    assert_accepted(&o);
    for (file, what) in [("hostile.jats.xml", "JATS"), ("hostile.tei.xml", "TEI")] {
        let bytes = std::fs::read(o.out.join(file)).unwrap();
        let (text, _, names) = xml_text_and_attributes(&bytes);
        // Title, paragraph and alternative text are all text nodes in JATS and TEI.
        assert!(
            text.matches(MARKUP_LIKE).count() >= 3,
            "{what}: the markup-like text is not there three times, whole, as text"
        );
        assert!(
            !names.iter().any(|n| n == "b"),
            "{what}: <b> became an element"
        );
    }
    let (text, attrs, names) = epub_xhtml_text_and_attributes(&o);
    assert!(
        !names.iter().any(|n| n == "b"),
        "EPUB: <b> became an element"
    );
    assert!(
        text.contains(MARKUP_LIKE),
        "EPUB: the text is not there, whole, as text"
    );
    assert!(
        attrs.iter().any(|a| a == MARKUP_LIKE),
        "EPUB: the alternative text is not an attribute value, whole"
    );
}

// ---------------------------------------------------------------------------------------
// References: every id an article refers to must exist, once.

fn assert_refused_at(o: &Outcome, code: &str, line: u64, column: u64) {
    assert_refused(o, code);
    assert_eq!(o.errors, vec![(code.to_string(), line, column)], "position");
}

/// An article whose one paragraph (line 8, text from column 8) is `p`.
fn paragraph_article(p: &str, rest: &str) -> String {
    format!(
        "type: research-article\nlang: en\ntitle: A Title\ncontributors:\n  - contributor: li-hua\n    role: author\nbody:\n  - p: {p}\n{rest}"
    )
}

#[test]
fn a_dangling_contributor_id() {
    let s = "type: research-article\nlang: en\ntitle: A Title\ncontributors:\n  - contributor: nobody\n    role: author\nbody:\n  - p: One.\n";
    assert_refused_at(
        &build_article(s.as_bytes()),
        "contributor.unknown-id",
        5,
        18,
    );
}

#[test]
fn a_dangling_footnote_id() {
    let s = paragraph_article("A note[^fn9] here.", "");
    assert_refused_at(&build_article(s.as_bytes()), "footnote.unknown", 8, 16);
}

#[test]
fn a_dangling_figure_id() {
    let s = paragraph_article("See [#fig-none].", "");
    assert_refused_at(&build_article(s.as_bytes()), "xref.unknown", 8, 14);
}

#[test]
fn a_dangling_citation_id() {
    let s = paragraph_article("As argued [@nobody, p. 3].", "");
    assert_refused_at(&build_article(s.as_bytes()), "citation.unknown", 8, 20);
}

#[test]
fn duplicate_ids() {
    // Two footnotes with one id.
    let s = paragraph_article(
        "A note[^fn1].",
        "footnotes:\n  - id: fn1\n    text: One.\n  - id: fn1\n    text: Two.\n",
    );
    assert_refused_at(&build_article(s.as_bytes()), "id.duplicate", 12, 9);
    // A figure and a footnote with one id: ids share one namespace (they become XML ids).
    let s = paragraph_article(
        "A note[^x].",
        "  - figure:\n      id: x\n      alt: A picture.\n      image: ok.png\nfootnotes:\n  - id: x\n    text: One.\n",
    );
    let o = build_article_with(s.as_bytes(), |dir| {
        std::fs::write(dir.join("ok.png"), tiny_png()).unwrap();
    });
    assert_refused_at(&o, "id.duplicate", 14, 9);
}

/// Runs `galley validate` on `issue` in each report format; each must end with exit
/// status 1 (never a panic) and name `code`. Returns the human report.
fn validate_in_every_format(issue: &Path, code: &str) -> String {
    let mut human = String::new();
    for format in ["human", "json", "github"] {
        let output = galley_watched(&["validate", "--format", format], &[issue]);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(1), "{format}: {all}");
        assert!(all.contains(code), "{format}: {all}");
        assert!(!all.contains("panicked"), "{format}: {all}");
        if format == "human" {
            human = all;
        }
    }
    human
}

#[test]
fn bytes_that_are_not_utf8_in_the_middle_of_a_line_are_reported_in_every_format() {
    // Found from outside: the snippet renderer panicked ("byte index … is not a char
    // boundary") on a bad byte after the start of a line, in either file.
    for file in ["hostile/article.yaml", "contributors.yaml"] {
        let tmp = tempfile::tempdir().unwrap();
        let issue = tmp.path().join("issue");
        copy_dir(&root().join(KITCHEN_SINK.0), &issue);
        let ks_article = std::fs::read_dir(&issue)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.join("article.yaml").is_file())
            .unwrap();
        let target = if file == "contributors.yaml" {
            issue.join(file)
        } else {
            ks_article.join("article.yaml")
        };
        let mut bytes = std::fs::read(&target).unwrap();
        // Replace the first "title: " value's third character with a lone lead byte and a
        // truncated three-byte sequence (two bad spots on one line).
        let at = bytes
            .windows(7)
            .position(|w| w == b"family:")
            .or_else(|| bytes.windows(6).position(|w| w == b"title:"))
            .unwrap();
        let value = at + bytes[at..].iter().position(|&b| b == b':').unwrap() + 4;
        bytes.splice(value..value, b"\xc3x\xe2\x82".iter().copied());
        std::fs::write(&target, &bytes).unwrap();
        let human = validate_in_every_format(&issue, "yaml.encoding");
        assert!(human.contains('\u{fffd}'), "the line is shown: {human}");
    }
}

/// Builds an article whose one figure is `images/<name>` holding `bytes`.
fn build_with_image(name: &str, bytes: &[u8]) -> Outcome {
    let path = format!("images/{name}");
    build_article_with(figure_article(&path).as_bytes(), |dir| {
        std::fs::create_dir_all(dir.join("images")).unwrap();
        std::fs::write(dir.join(&path), bytes).unwrap();
    })
}

/// An SVG document around `inner`.
fn svg(inner: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">\n{inner}\n</svg>\n"
    )
    .into_bytes()
}

#[test]
fn an_image_in_a_format_readers_do_not_take_is_refused_by_validate_too() {
    // Found from outside: a BMP passed `validate` and then failed `build` with an
    // emit error that had no position.
    let mut bmp = b"BM".to_vec();
    bmp.extend([0u8; 60]);
    let o = build_with_image("photo.bmp", &bmp);
    assert_refused(&o, "asset.format");
    assert_eq!(o.errors[0].1, 12, "at the figure's image: {:?}", o.errors);
    // The name does not decide: a PNG named .jpg is fine, a text file named .png is not.
    assert_accepted(&build_with_image(
        "photo.jpg",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    ));
    assert_refused(
        &build_with_image("chart.png", b"not an image\n"),
        "asset.format",
    );
}

#[test]
fn scripted_svg_figures_are_refused() {
    // Found from outside: an SVG with a script was shipped in the EPUB, which EPUBCheck
    // then failed (OPF-014) while galley reported a clean build.
    for inner in [
        "<script>alert(1)</script>",
        "<rect width=\"5\" height=\"5\" onclick=\"alert(1)\"/>",
        "<a xlink:href=\"javascript:alert(1)\"><rect width=\"5\" height=\"5\"/></a>",
    ] {
        let o = build_with_image("map.svg", &svg(inner));
        assert_refused(&o, "asset.svg-script");
        assert_eq!(o.errors[0].1, 12, "at the figure's image: {:?}", o.errors);
    }
}

#[test]
fn svg_figures_referring_to_other_files_are_refused() {
    for inner in [
        "<image href=\"photo.png\" width=\"5\" height=\"5\"/>",
        "<image xlink:href=\"https://example.org/x.png\" width=\"5\" height=\"5\"/>",
        "<style>@import url(https://example.org/x.css);</style>",
    ] {
        assert_refused(
            &build_with_image("map.svg", &svg(inner)),
            "asset.svg-external",
        );
    }
}

#[test]
fn an_svg_that_is_not_well_formed_is_refused() {
    assert_refused(
        &build_with_image(
            "map.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>",
        ),
        "asset.svg-invalid",
    );
}

#[test]
fn a_plain_svg_figure_is_built() {
    let o = build_with_image(
        "map.svg",
        &svg(
            "<defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\" width=\"5\" height=\"5\"/><use xlink:href=\"#g\"/>",
        ),
    );
    assert_accepted(&o);
    assert!(o.out.join("hostile.epub").is_file());
}

#[test]
fn many_diagnostics_in_a_long_file_finish() {
    // Each diagnostic's line was found by counting lines from the start of the file, in
    // the loader and again in the renderer: 40,000 warnings in a 1 MB article took a
    // minute, a 16 MiB one would take hours. The watchdog fails a run that hangs.
    let paragraphs: String = (0..60_000)
        .map(|i| format!("  - p: Cafe\u{301} number {i}.\n"))
        .collect();
    let article = format!(
        "type: research-article\nlang: en\ntitle: A Title\ncontributors:\n  - contributor: li-hua\n    role: author\nbody:\n{paragraphs}"
    );
    let tmp = tempfile::tempdir().unwrap();
    let issue = tmp.path().join("issue");
    write_issue(&issue, article.as_bytes());
    let output = galley_watched(&["validate", "--format", "human"], &[&issue]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "finished, with warnings only"
    );
    let report = String::from_utf8_lossy(&output.stderr);
    assert_eq!(report.matches("warning[text.not-nfc]").count(), 60_000);
    assert!(report.contains("59999 | "), "the last line's snippet");
}
