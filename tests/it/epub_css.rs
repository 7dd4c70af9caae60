//! The EPUB stylesheet as readers see it: every XHTML document of the EPUBs built from
//! `input/`, the kitchen sink and the languages fixture (its title pages, article bodies,
//! notes, references, sub-articles, navigation, cover and "About the Authors"), unzipped
//! and rendered by headless Chromium at a phone's width (360 px) and a tablet's (800 px).
//!
//! A script added to a copy of each document ([`SCRIPT`], `epub_css_measure.js`), framed
//! at each width, reads the computed styles and the layout once the page and its fonts
//! are loaded and posts them to the framing page, whose DOM `--dump-dom` prints; the test
//! then checks what a broken stylesheet would break: footnote and reference text at 0.9
//! of the body's size (a nested rule once made it 0.81), no element wider than the page,
//! images that load and fit their column, a cover seen whole on the screen, captions
//! that wrap only at their column's width, shaded boxes (abstracts) with as much room
//! above their content as below, nested lists (the contents) that leave their text most
//! of a phone's column, CJK text in a CJK font family where the stylesheet says so and
//! upright, romanised CJK text (`zh-Latn`) in a Latin family, headings bold and larger
//! than the text, text no smaller than 0.75 of the body's outside superscripts,
//! subscripts and MathML's scripts, and every text's contrast with its background at
//! least WCAG AA's 4.5:1.
//!
//! The screenshots go to `target/test-output/epub/<EPUB>/<document>-800.png` (the whole
//! page) and `…-360.png` (the first screen) for people to look at; each is decoded and
//! must show text (rows of text-coloured pixels), not a blank page.
//!
//! Chromium is required (see `preview.rs`); a missing browser fails the test.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use galley_dev::epub::Epub;
use serde::Deserialize;

use crate::preview::run_chromium;
use crate::support::{FIRST, KITCHEN_SINK, build_fresh};

/// The measuring script, added at the end of a copy of each document's body.
const SCRIPT: &str = include_str!("epub_css_measure.js");

/// The fixture whose articles are Portuguese, Russian and Chinese (whole documents in
/// `zh-CN`, and a romanised `zh-Latn-pinyin` title).
const LANGUAGES: &str = "tests/fixtures/valid/languages";

/// A phone's width and a tablet's, in CSS pixels.
const NARROW: u32 = 360;
const WIDE: u32 = 800;

/// The tallest screenshot taken, in pixels (longer pages are cut there).
const MAX_HEIGHT: u32 = 12_000;

/// What the script measured (see `epub_css_measure.js`); sizes in CSS pixels.
#[derive(Debug, Deserialize)]
struct Measure {
    client_width: f64,
    viewport_height: f64,
    scroll_width: f64,
    height: f64,
    body: f64,
    wide: Vec<Box_>,
    footnotes: Vec<Sized>,
    references: Vec<Sized>,
    headings: Vec<Heading>,
    images: Vec<Image>,
    captions: Vec<Caption>,
    boxes: Vec<Shaded>,
    items: Vec<Item>,
    langs: Vec<Lang>,
    texts: Vec<Text>,
}

#[derive(Debug, Deserialize)]
struct Box_ {
    el: String,
    left: f64,
    right: f64,
}

#[derive(Debug, Deserialize)]
struct Sized {
    el: String,
    size: f64,
}

#[derive(Debug, Deserialize)]
struct Heading {
    el: String,
    text: String,
    level: String,
    size: f64,
    weight: u32,
}

#[derive(Debug, Deserialize)]
struct Image {
    src: String,
    loaded: bool,
    width: f64,
    left: f64,
    right: f64,
    bottom: f64,
    column: f64,
    cover: bool,
}

/// A box with a background: the space inside it above its first child and below its last.
#[derive(Debug, Deserialize)]
struct Shaded {
    el: String,
    above: f64,
    below: f64,
}

/// A list item: how far in from the body's content edge it starts, and that column's
/// width.
#[derive(Debug, Deserialize)]
struct Item {
    el: String,
    text: String,
    indent: f64,
    column: f64,
}

#[derive(Debug, Deserialize)]
struct Caption {
    el: String,
    text: String,
    width: f64,
    column: f64,
    lines: u32,
}

#[derive(Debug, Deserialize)]
struct Lang {
    el: String,
    lang: String,
    family: String,
    style: String,
}

#[derive(Debug, Deserialize)]
struct Text {
    el: String,
    text: String,
    size: f64,
    contrast: f64,
    color: String,
    background: String,
    in_script: bool,
}

/// One XHTML document to render: a name for reports and screenshots, and its path in the
/// unzipped EPUB.
struct Page {
    label: String,
    path: PathBuf,
}

/// Where screenshots go: `target/test-output/epub/`.
fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target folder")
        .join("test-output/epub")
}

/// Every EPUB in a build's output folder: the issue EPUB and each article's.
fn epubs(out: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.expect("walk the output").into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "epub"))
        .collect();
    found.sort();
    found
}

/// Writes every entry of `epub` under `dir`, at its path.
fn unzip(epub: &Epub, dir: &Path) {
    for (name, bytes) in &epub.files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
}

/// Whether a language tag says CJK text in a CJK script: `zh`, `ja` or `ko`, not written
/// in Latin script (`zh-Latn-pinyin`), as the stylesheet's `:lang()` rules select.
fn cjk_tag(tag: &str) -> Option<bool> {
    let lower = tag.to_ascii_lowercase();
    let mut subtags = lower.split('-');
    let primary = subtags.next()?;
    if !["zh", "ja", "ko"].contains(&primary) {
        return None;
    }
    Some(!subtags.any(|s| s == "latn"))
}

/// Whether a font family name is one of the CJK faces the stylesheet names.
fn cjk_family(family: &str) -> bool {
    let f = family.trim().trim_matches('"');
    [
        "CJK", "Han ", "Songti", "STSong", "SimSun", "PingFang", "Hiragino", "YaHei",
    ]
    .iter()
    .any(|k| f.contains(k))
}

/// A copy of `page` with the measuring script at the end of its body, beside it (so its
/// links, images and stylesheet resolve as the original's).
fn with_script(page: &Path) -> PathBuf {
    let xhtml = std::fs::read_to_string(page).unwrap();
    let at = xhtml
        .rfind("</body>")
        .unwrap_or_else(|| panic!("{}: no </body>", page.display()));
    assert!(!SCRIPT.contains("]]>"));
    let copy = page.with_file_name(format!(
        "{}.galley-measure.xhtml",
        page.file_stem().unwrap().to_string_lossy()
    ));
    std::fs::write(
        &copy,
        format!(
            "{}<script><![CDATA[\n{SCRIPT}\n]]></script>\n{}",
            &xhtml[..at],
            &xhtml[at..]
        ),
    )
    .unwrap();
    copy
}

/// Renders `page` in frames of each `(width, height)` and gives what the script measured
/// in each, in that order.
///
/// Headless Chromium lays a page out at least 500 px wide whatever `--window-size` says
/// (its screenshots are cut to the size asked for), so the page is measured inside an
/// `iframe` of the exact size, set side by side in a window wide enough for all of them;
/// the frame posts what it measured to the framing page, which `--dump-dom` prints.
fn measure(page: &Path, frames: &[(u32, u32)]) -> Vec<Measure> {
    let copy = with_script(page);
    let name = copy.file_name().unwrap().to_string_lossy().into_owned();
    let mut html = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>frames</title></head>\n\
         <body style=\"margin:0;display:flex;align-items:flex-start\">\n",
    );
    for (i, (w, h)) in frames.iter().enumerate() {
        html.push_str(&format!(
            "<iframe id=\"f{i}\" src=\"{name}\" width=\"{w}\" height=\"{h}\" \
             style=\"border:0;flex:none\"></iframe>\n"
        ));
    }
    html.push_str(
        "<script>\nwindow.addEventListener('message', function (e) {\n\
         var frames = document.querySelectorAll('iframe');\n\
         for (var i = 0; i !== frames.length; i++) {\n\
         if (frames[i].contentWindow === e.source) {\n\
         var pre = document.createElement('pre');\n\
         pre.setAttribute('data-frame', String(i));\n\
         pre.textContent = e.data;\n\
         document.body.appendChild(pre);\n\
         }\n}\n});\n</script>\n</body></html>\n",
    );
    let framing = page.with_file_name(format!(
        "{}.galley-frames.html",
        page.file_stem().unwrap().to_string_lossy()
    ));
    std::fs::write(&framing, html).unwrap();
    let width: u32 = frames.iter().map(|f| f.0).sum::<u32>() + 40;
    let height = frames.iter().map(|f| f.1).max().unwrap_or(600) + 200;
    let dom = run_chromium(
        &framing,
        &[
            format!("--window-size={width},{height}"),
            "--virtual-time-budget=10000".to_string(),
            "--dump-dom".to_string(),
        ],
    );
    (0..frames.len())
        .map(|i| {
            let tag = format!("<pre data-frame=\"{i}\">");
            let start = dom.find(&tag).map(|s| s + tag.len()).unwrap_or_else(|| {
                panic!(
                    "{}: the measuring script posted nothing from frame {i} (did it fail?):\n{}",
                    page.display(),
                    &dom[..dom.len().min(2000)]
                )
            });
            let end = start + dom[start..].find("</pre>").expect("</pre>");
            let m: Measure = serde_json::from_str(&dom[start..end])
                .unwrap_or_else(|e| panic!("{}: {e}: {}", page.display(), &dom[start..end]));
            assert!(
                (m.client_width - f64::from(frames[i].0)).abs() < 0.5,
                "{}: measured at {} px, not {}",
                page.display(),
                m.client_width,
                frames[i].0
            );
            m
        })
        .collect()
}

/// Writes a screenshot of `page` in a window `width` × `height` to `png`.
fn screenshot(page: &Path, width: u32, height: u32, png: &Path) {
    run_chromium(
        page,
        &[
            format!("--window-size={width},{height}"),
            "--virtual-time-budget=10000".to_string(),
            format!("--screenshot={}", png.display()),
        ],
    );
}

/// A screenshot decoded: width, height and 8-bit RGB(A) or grey pixels.
struct Shot {
    width: usize,
    height: usize,
    channels: usize,
    pixels: Vec<u8>,
    color: png::ColorType,
}

fn decode(path: &Path) -> Shot {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("no screenshot {}: {e}", path.display()));
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits { bytes: 512 << 20 },
    );
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder
        .read_info()
        .unwrap_or_else(|e| panic!("{} is not a PNG: {e}", path.display()));
    let mut pixels = vec![0; reader.output_buffer_size().expect("buffer size")];
    let info = reader.next_frame(&mut pixels).expect("decode the PNG");
    pixels.truncate(info.buffer_size());
    Shot {
        width: info.width as usize,
        height: info.height as usize,
        channels: info.color_type.samples(),
        pixels,
        color: info.color_type,
    }
}

impl Shot {
    /// How many pixel rows hold a text-coloured pixel: dark, as the body's text is
    /// (`#1a1a1a`), on the light page.
    fn text_rows(&self) -> usize {
        let row = self.width * self.channels;
        self.pixels
            .chunks(row)
            .filter(|r| {
                r.chunks(self.channels).any(|px| {
                    if self.channels >= 3 {
                        px[..3].iter().all(|&c| c < 100)
                    } else {
                        px[0] < 100
                    }
                })
            })
            .count()
    }

    /// Keeps the first `height` rows, and writes the image to `path`.
    fn crop_to(&self, height: usize, path: &Path) {
        let height = height.clamp(1, self.height);
        let file = std::fs::File::create(path).unwrap();
        let mut enc = png::Encoder::new(
            std::io::BufWriter::new(file),
            self.width as u32,
            height as u32,
        );
        enc.set_color(self.color);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        w.write_image_data(&self.pixels[..height * self.width * self.channels])
            .unwrap();
    }
}

/// What the stylesheet got wrong on one page at one width, one line each.
fn faults(m: &Measure) -> Vec<String> {
    let mut f = Vec::new();
    let body = m.body;
    assert!(body > 0.0, "no body font size");
    if m.scroll_width > m.client_width + 0.5 {
        f.push(format!(
            "the page scrolls sideways: {} px of content in {} px",
            m.scroll_width, m.client_width
        ));
    }
    for b in &m.wide {
        f.push(format!(
            "{} stands outside the page: {:.1}–{:.1} px of {}",
            b.el, b.left, b.right, m.client_width
        ));
    }
    for n in m.footnotes.iter().chain(&m.references) {
        let ratio = n.size / body;
        if (ratio - 0.9).abs() > 0.005 {
            f.push(format!(
                "{}: text at {ratio:.3} of the body's size, not 0.9",
                n.el
            ));
        }
    }
    for h in &m.headings {
        let larger = ["h1", "h2", "h3"].contains(&h.level.as_str());
        if h.weight < 600 || h.size < body || (larger && h.size <= body) {
            f.push(format!(
                "heading {} `{}`: {} px, weight {} (the body's text: {body} px)",
                h.el, h.text, h.size, h.weight
            ));
        }
    }
    for i in &m.images {
        if !i.loaded {
            f.push(format!("image {} did not load", i.src));
        }
        if i.width > i.column + 0.5 || i.right > m.client_width + 0.5 || i.left < -0.5 {
            f.push(format!(
                "image {} is {:.1} px wide in a column of {:.1} ({:.1}–{:.1} of {})",
                i.src, i.width, i.column, i.left, i.right, m.client_width
            ));
        }
        // A cover is seen whole on the screen it opens on.
        if i.cover && i.bottom > m.viewport_height + 0.5 {
            f.push(format!(
                "cover {} reaches {:.1} px down a screen {} px high",
                i.src, i.bottom, m.viewport_height
            ));
        }
    }
    // A shaded box holds its content evenly: as much room above as below.
    for b in &m.boxes {
        if (b.above - b.below).abs() > 1.0 {
            f.push(format!(
                "shaded {}: {:.1} px above its content, {:.1} px below",
                b.el, b.above, b.below
            ));
        }
    }
    // Nested lists (the table of contents) leave their text most of the column.
    for i in &m.items {
        if i.indent > 0.3 * i.column {
            f.push(format!(
                "list item {} `{}` starts {:.1} px in, of a {:.1} px column",
                i.el, i.text, i.indent, i.column
            ));
        }
    }
    // A caption that wraps uses its column's width, not only its table's.
    for c in &m.captions {
        if c.lines > 1 && c.width < c.column - 1.0 {
            f.push(format!(
                "caption {} `{}` wraps to {} lines in {:.1} px of a {:.1} px column",
                c.el, c.text, c.lines, c.width, c.column
            ));
        }
    }
    for l in &m.langs {
        let first = l.family.split(',').next().unwrap_or_default();
        match cjk_tag(&l.lang) {
            Some(true) if !cjk_family(first) => f.push(format!(
                "{} (lang {}) is not in a CJK font: {}",
                l.el, l.lang, l.family
            )),
            Some(true) if l.style != "normal" => f.push(format!(
                "{} (lang {}) is slanted ({}): CJK has no italic",
                l.el, l.lang, l.style
            )),
            Some(false) if cjk_family(first) => f.push(format!(
                "{} (lang {}, Latin script) is in a CJK font: {}",
                l.el, l.lang, l.family
            )),
            _ => {}
        }
    }
    for t in &m.texts {
        if t.contrast < 4.5 {
            f.push(format!(
                "{} `{}`: contrast {:.2} ({} on {})",
                t.el, t.text, t.contrast, t.color, t.background
            ));
        }
        if !t.in_script && t.size < 0.75 * body {
            f.push(format!(
                "{} `{}`: {} px, under 0.75 of the body's {body} px",
                t.el, t.text, t.size
            ));
        }
    }
    f
}

/// Every XHTML document of the EPUBs built from `issues`, each once (an article's
/// documents stand in its own EPUB and, byte for byte, in the issue's), unzipped under
/// `unzipped`.
fn pages(issues: &[&str], unzipped: &Path, builds: &mut Vec<tempfile::TempDir>) -> Vec<Page> {
    let mut seen = BTreeSet::new();
    let mut pages = Vec::new();
    for issue in issues {
        let (out, _) = build_fresh(issue, &[]);
        for path in epubs(out.path()) {
            let epub = Epub::open(&path);
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let dir = unzipped.join(&stem);
            unzip(&epub, &dir);
            for (name, bytes) in epub.xhtml() {
                if !seen.insert(bytes.to_vec()) {
                    continue;
                }
                let doc = name
                    .trim_start_matches("EPUB/")
                    .trim_end_matches(".xhtml")
                    .replace('/', "-");
                pages.push(Page {
                    label: format!("{stem}/{doc}"),
                    path: dir.join(name),
                });
            }
        }
        builds.push(out);
    }
    pages
}

#[test]
fn the_epub_stylesheet_lays_out_every_document_as_it_says_at_phone_and_tablet_widths() {
    let unzipped = tempfile::tempdir().unwrap();
    let mut builds = Vec::new();
    let pages = pages(
        &[FIRST.0, KITCHEN_SINK.0, LANGUAGES],
        unzipped.path(),
        &mut builds,
    );
    let labels: Vec<&str> = pages.iter().map(|p| p.label.as_str()).collect();
    // The kinds of document the stylesheet must serve are all here.
    for doc in [
        "cover",
        "issue",
        "nav",
        "about",
        "a1-title",
        "a1-article",
        "a1-sub1",
    ] {
        assert!(
            labels.iter().any(|l| l.ends_with(&format!("/{doc}"))),
            "no {doc} among {labels:?}"
        );
    }
    let shots = screenshot_dir();
    let _ = std::fs::remove_dir_all(&shots);
    let failures = Mutex::new(Vec::new());
    let measured = Mutex::new(Vec::new());
    let next = AtomicUsize::new(0);
    // Two browsers at a time: the machine's cores are shared.
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(page) = pages.get(i) else { break };
                    let dir = shots.join(page.label.split('/').next().unwrap());
                    std::fs::create_dir_all(&dir).unwrap();
                    let doc = page.label.split('/').nth(1).unwrap();
                    let narrow_png = dir.join(format!("{doc}-{NARROW}.png"));
                    let wide_png = dir.join(format!("{doc}-{WIDE}.png"));
                    let mut both = measure(&page.path, &[(NARROW, 900), (WIDE, 900)]);
                    let wide = both.pop().unwrap();
                    let narrow = both.pop().unwrap();
                    screenshot(&page.path, NARROW, 900, &narrow_png);
                    let tall = (wide.height as u32).clamp(600, MAX_HEIGHT);
                    screenshot(&page.path, WIDE, tall, &wide_png);
                    let full = decode(&wide_png);
                    full.crop_to(wide.height as usize, &wide_png);
                    let mut found = Vec::new();
                    for (width, m) in [(NARROW, &narrow), (WIDE, &wide)] {
                        found.extend(
                            faults(m)
                                .into_iter()
                                .map(|f| format!("{} at {width} px: {f}", page.label)),
                        );
                    }
                    for png in [&narrow_png, &wide_png] {
                        let shot = decode(png);
                        let rows = shot.text_rows();
                        if rows < 10 {
                            found.push(format!(
                                "{}: {} shows almost no text ({rows} rows of text-coloured pixels)",
                                page.label,
                                png.display()
                            ));
                        }
                    }
                    failures.lock().unwrap().extend(found);
                    measured
                        .lock()
                        .unwrap()
                        .push((page.label.clone(), narrow, wide));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} faults (screenshots in {}):\n{}",
        failures.len(),
        shots.display(),
        failures.join("\n")
    );
    // The checks had something to check: notes, references, headings, images and CJK
    // text were found and measured.
    let measured = measured.into_inner().unwrap();
    assert_eq!(measured.len(), pages.len());
    let count =
        |f: &dyn Fn(&Measure) -> usize| measured.iter().map(|(_, _, m)| f(m)).sum::<usize>();
    assert!(count(&|m| m.footnotes.len()) >= 2, "no footnote measured");
    assert!(count(&|m| m.references.len()) >= 6, "no reference measured");
    assert!(count(&|m| m.headings.len()) >= 20, "too few headings");
    assert!(count(&|m| m.images.len()) >= 4, "too few images");
    assert!(count(&|m| m.captions.len()) >= 6, "too few captions");
    assert!(count(&|m| m.boxes.len()) >= 8, "too few shaded boxes");
    assert!(
        count(&|m| m
            .langs
            .iter()
            .filter(|l| cjk_tag(&l.lang) == Some(true))
            .count())
            >= 3,
        "too little CJK text"
    );
    assert!(
        count(&|m| m
            .langs
            .iter()
            .filter(|l| cjk_tag(&l.lang) == Some(false))
            .count())
            >= 1,
        "no romanised CJK text"
    );
}

#[test]
fn the_checks_see_what_a_broken_stylesheet_breaks() {
    // The same measurements over a stylesheet broken on purpose: footnote text shrunk
    // twice (the old 0.81), a figure wider than the page, grey text on grey, CJK text in
    // a Latin face, headings at the body's size, tables (and so their captions) only as
    // wide as their cells, an abstract's heading pushed down inside its shaded box and
    // the contents indented 40 px a level. Each fault must be reported.
    let unzipped = tempfile::tempdir().unwrap();
    let mut builds = Vec::new();
    let pages = pages(&[KITCHEN_SINK.0], unzipped.path(), &mut builds);
    let article = pages
        .iter()
        .find(|p| p.label.ends_with("/a1-article"))
        .expect("the article's body");
    let css = article
        .path
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("style.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str(
        "\n.footnotes aside p { font-size: 0.9em; }\nfigure img { width: 2000px; max-width: none; }\n\
         p { color: #eeeeee; background-color: #ffffff; }\n\
         :lang(zh) { font-family: Georgia, serif !important; }\nh1, h2 { font-size: 1em; }\n\
         .table-wrap table { width: auto; }\n.abstract > h2:first-child { margin-top: 2em; }\n\
         nav ol, nav ol ol { padding-left: 40px; }\n",
    );
    std::fs::write(&css, text).unwrap();
    let title = pages
        .iter()
        .find(|p| p.label.ends_with("/a1-title"))
        .expect("the article's title page, with its abstracts");
    let nav = pages
        .iter()
        .find(|p| p.label.ends_with("/nav"))
        .expect("the contents");
    let mut found = faults(&measure(&article.path, &[(WIDE, 900)]).remove(0));
    found.extend(faults(&measure(&title.path, &[(WIDE, 900)]).remove(0)));
    found.extend(faults(&measure(&nav.path, &[(NARROW, 900)]).remove(0)));
    let found = found.join("\n");
    for expected in [
        "text at 0.810 of the body's size",
        "stands outside the page",
        "is 2000.0 px wide",
        "contrast 1.1",
        "is not in a CJK font",
        "heading h1",
        "wraps to",
        "shaded section.abstract",
        "list item li `I.1 A Nested Section` starts 120.0 px in",
    ] {
        assert!(
            found.contains(expected),
            "`{expected}` not reported:\n{found}"
        );
    }
}

/// Writes an opaque RGB PNG of `width` × `height` pixels, a dark gradient.
fn write_png(path: &Path, width: u32, height: u32) {
    let file = std::fs::File::create(path).unwrap();
    let mut enc = png::Encoder::new(std::io::BufWriter::new(file), width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().unwrap();
    let mut pixels = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        for x in 0..width {
            pixels.extend([(x * 200 / width) as u8, 40, (y * 200 / height) as u8]);
        }
    }
    w.write_image_data(&pixels).unwrap();
}

#[test]
fn a_cover_as_large_as_a_printed_one_is_seen_whole_on_a_phone_and_a_tablet() {
    // The kitchen sink's cover is a small picture; a real one is a scan of thousands of
    // pixels. The same cover page with a 1200 × 1800 image must show it whole, within
    // the page's width and the screen's height, and the check must see a cover drawn at
    // its own size.
    let unzipped = tempfile::tempdir().unwrap();
    let mut builds = Vec::new();
    let pages = pages(&[KITCHEN_SINK.0], unzipped.path(), &mut builds);
    let cover = pages
        .iter()
        .find(|p| p.label.ends_with("/cover"))
        .expect("the cover page");
    let dir = cover.path.parent().unwrap();
    let image = dir.join("cover.png");
    assert!(image.exists(), "no {}", image.display());
    write_png(&image, 1200, 1800);
    let sizes = [(NARROW, 640), (WIDE, 600)];
    for (m, (width, _)) in measure(&cover.path, &sizes).into_iter().zip(sizes) {
        let covers: Vec<&Image> = m.images.iter().filter(|i| i.cover).collect();
        assert_eq!(covers.len(), 1, "{m:?}");
        assert!(covers[0].loaded, "{m:?}");
        let found = faults(&m);
        assert!(found.is_empty(), "at {width} px:\n{}", found.join("\n"));
    }
    let css = dir.join("style.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\nimg, .cover img { max-width: none; max-height: none; }\n");
    std::fs::write(&css, text).unwrap();
    let m = measure(&cover.path, &[(NARROW, 640)]).remove(0);
    let found = faults(&m).join("\n");
    for expected in ["is 1200.0 px wide", "cover cover.png reaches"] {
        assert!(
            found.contains(expected),
            "`{expected}` not reported:\n{found}"
        );
    }
}
