//! Tests of the HTML preview (`<slug>/index.html`) in a real browser: headless Chromium
//! (Debian package `chromium`) loads the page built by `galley build`; the test checks
//! what a reader sees (every paragraph of the body, the names in Chinese characters) in
//! the page's text, and writes a screenshot of each preview to
//! `target/test-output/preview/<slug>.png` for people to look at.
//!
//! Chromium is required: when it is missing the tests fail (they do not skip). Install it
//! with `apt-get install -y chromium` (`make deps` does); `fonts-noto-cjk` makes the
//! Chinese characters in the screenshots legible.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{FIRST, KITCHEN_SINK, body_paragraphs, build_fresh, load};

/// The Chromium executable on `PATH`, else Debian's `/usr/bin/chromium` (where `make deps`
/// installs it, found even when `PATH` lacks `/usr/bin`); a missing browser fails the test.
pub(crate) fn chromium() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path).chain([PathBuf::from("/usr/bin")]) {
        for name in ["chromium", "chromium-browser"] {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "Chromium is not installed, and the preview test needs it: run `apt-get install -y chromium` (or `make deps`)"
    );
}

/// Runs headless Chromium on a page with `extra` arguments; returns its standard output.
#[allow(
    clippy::disallowed_methods,
    reason = "the clock gives a hung browser a deadline; it decides nothing galley writes"
)]
pub(crate) fn run_chromium(page: &Path, extra: &[String]) -> String {
    let profile = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait for chromium") {
            break st;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within 120 s on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = out.join().unwrap();
    let err = err.join().unwrap();
    assert!(status.success(), "chromium failed ({status}): {err}");
    out
}

/// The text a reader sees in serialized HTML: tags (attribute values included) removed,
/// character references decoded.
fn visible_text(html: &str) -> String {
    let body = html.split_once("<body").map_or(html, |(_, b)| b);
    let mut text = String::new();
    let mut in_tag = false;
    let mut quote: Option<char> = None;
    for c in body.chars() {
        match (in_tag, quote, c) {
            (false, _, '<') => in_tag = true,
            (false, _, c) => text.push(c),
            (true, None, '"' | '\'') => quote = Some(c),
            (true, Some(q), c) if c == q => quote = None,
            (true, None, '>') => in_tag = false,
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// Where screenshots go: `target/test-output/preview/`.
fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target folder")
        .join("test-output/preview");
    std::fs::create_dir_all(&dir).expect("create test-output");
    dir
}

#[test]
fn the_preview_shows_every_paragraph_and_the_chinese_names_in_a_browser() {
    let (out, _) = build_fresh(FIRST.0, &[]);
    for (slug, article) in load(FIRST.0).articles {
        let page = out.path().join(&slug).join("index.html");
        let dom = run_chromium(&page, &["--dump-dom".to_string()]);
        assert!(dom.contains("<main>"), "no page rendered: {dom}");
        let text = visible_text(&dom);
        let expected = body_paragraphs(&article);
        if slug == FIRST.1 {
            assert_eq!(expected.len(), 23);
            for name in [
                "Niu Jun",
                "牛军",
                "Huang Jue",
                "Su Xuetao",
                "Zhongguo shehui kexue",
            ] {
                assert!(text.contains(name), "{name} is not on the page");
            }
        }
        let mut from = 0;
        for (i, p) in expected.iter().enumerate() {
            let at = text[from..].find(p.as_str()).unwrap_or_else(|| {
                panic!(
                    "{slug}: paragraph {} is not on the page (in order): {p}",
                    i + 1
                )
            });
            from += at + p.len();
        }
        // A browser page, not an EPUB content document.
        assert!(!dom.contains("epub:type"));
    }
}

#[test]
fn the_kitchen_sink_preview_renders_markup_images_and_names() {
    let (out, _) = build_fresh(KITCHEN_SINK.0, &[]);
    let page = out.path().join("kitchen-sink/index.html");
    let dom = run_chromium(&page, &["--dump-dom".to_string()]);
    let text = visible_text(&dom);
    for s in [
        "中苏关系",
        "李华",
        "王芳",
        "Origins of the Alliance",
        "hostile text: <b>not markup</b> & AT&T",
        "(Shen 1995, p. 12; Zhang and Central Committee of the CPC 2001)",
        // The issue's `titles.contributors`, in place of galley's heading.
        "Notes on Contributors",
        "(entry incomplete in the source)",
        // Dates as readers of the article's language write them.
        "Received 10 January 1996; revised March 1996; accepted 2 April 1996; published 15 June 1996.",
    ] {
        assert!(text.contains(s), "`{s}` is not on the page");
    }
    // Every figure (the body's, the appendices' and the graphical abstract's: with alt
    // text, and a decorative one)
    // is on the page, its image inlined.
    let issue = load(KITCHEN_SINK.0);
    let mut figures = 0;
    galley::model::for_each_figure(issue.article(KITCHEN_SINK.1), &mut |_, _| figures += 1);
    assert!(figures >= 4, "{figures}");
    assert_eq!(
        dom.matches("<img src=\"data:image/png;base64,").count(),
        figures
    );
    assert!(
        !dom.contains("<b>not markup</b>"),
        "input text became markup"
    );
}

#[test]
fn screenshots_of_every_preview_are_written_for_people_to_look_at() {
    let dir = screenshot_dir();
    for issue in [FIRST.0, KITCHEN_SINK.0] {
        let (out, _) = build_fresh(issue, &[]);
        for (slug, _) in load(issue).articles {
            let page = out.path().join(&slug).join("index.html");
            let shot = dir.join(format!("{slug}.png"));
            let _ = std::fs::remove_file(&shot);
            run_chromium(
                &page,
                &[
                    format!("--screenshot={}", shot.display()),
                    "--window-size=1200,2000".to_string(),
                ],
            );
            let png = std::fs::read(&shot)
                .unwrap_or_else(|e| panic!("no screenshot {}: {e}", shot.display()));
            assert!(
                png.starts_with(b"\x89PNG\r\n\x1a\n"),
                "{} is not a PNG",
                shot.display()
            );
            assert!(png.len() > 10_000, "{} is nearly empty", shot.display());
        }
    }
}
