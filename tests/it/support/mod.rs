//! What the integration tests share, one copy of each: the repository's paths, the galley
//! command as a user runs it, issues loaded and emitted through the library, the text of
//! the model, golden files, and the official validators ([`validators`]). Reading the
//! outputs back (XML, EPUB) is in the `galley-dev` crate, which the fuzz targets share.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use galley::emit::{Context, EmitError, EmitOptions, Emitted, Format};
use galley::inline::{self, Inline};
use galley::issue::{discover, load_issue};
use galley::model::{Article, Block, ContributorsFile, IssueFile, Text};
use galley::yaml::Limits;

pub mod facts;
pub mod rules;
mod validators;
pub use validators::{
    bagit_validate, crossref_check, meca_check, official_check, official_rejection,
    yaml_language_server,
};

/// The repository root.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The repository root, as a path.
pub fn root() -> &'static Path {
    Path::new(ROOT)
}

/// The first article: its issue folder (relative to the root) and its slug.
pub const FIRST: (&str, &str) = ("input", "origin-sino-soviet-alliance");
/// The kitchen-sink fixture, which uses every field of the model.
pub const KITCHEN_SINK: (&str, &str) = ("tests/fixtures/valid/kitchen-sink", "kitchen-sink");
/// The fixture with an SVG figure.
pub const SVG_FIGURE: (&str, &str) = ("tests/fixtures/valid/svg-figure", "svg-figure");

/// `input/` and every valid fixture issue, relative to the root, sorted after `input`.
pub fn issue_folders() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/fixtures/valid"))
        .expect("tests/fixtures/valid")
        .flatten()
        .filter(|e| e.path().join("issue.yaml").is_file())
        .map(|e| format!("tests/fixtures/valid/{}", e.file_name().to_string_lossy()))
        .collect();
    names.sort();
    names.insert(0, "input".to_string());
    names
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

// ---------------------------------------------------------------------------------------
// The galley command
// ---------------------------------------------------------------------------------------

/// The galley binary run from the repository root in a neutral environment: no colour,
/// no `SOURCE_DATE_EPOCH`, UTC, the C locale (a test sets what it varies on top).
pub fn galley_std() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_galley"));
    cmd.current_dir(ROOT)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .env("TZ", "UTC")
        .env("LC_ALL", "C");
    cmd
}

/// [`galley_std`] with `assert_cmd`'s assertions and timeout.
pub fn galley() -> assert_cmd::Command {
    assert_cmd::Command::from_std(galley_std())
}

/// `galley build --format json -o OUT ARGS… INPUT`; whatever the exit status.
pub fn build(input: &Path, out: &Path, args: &[&str]) -> Output {
    galley()
        .args(["build", "--format", "json", "-o"])
        .arg(out)
        .args(args)
        .arg(input)
        .output()
        .expect("run galley")
}

/// [`build`] with the environment variables `env` set; the build must succeed.
pub fn build_ok(input: &Path, out: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = galley();
    cmd.args(["build", "--format", "json", "-o"])
        .arg(out)
        .arg(input)
        .envs(env.iter().copied());
    let output = cmd.output().expect("run galley");
    assert!(
        output.status.success(),
        "galley build {} failed: {}\n{}",
        input.display(),
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
    output
}

/// Builds an issue folder (relative to the root) into a fresh folder; must succeed.
pub fn build_fresh(dir: &str, env: &[(&str, &str)]) -> (tempfile::TempDir, Output) {
    let out = tempfile::tempdir().expect("tempdir");
    let output = build_ok(&root().join(dir), out.path(), env);
    (out, output)
}

/// The JSON report on standard output.
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("JSON report ({e}): {}", String::from_utf8_lossy(&o.stdout)))
}

/// Every diagnostic of a JSON report: the shared files' and each article's.
pub fn all_diagnostics(report: &serde_json::Value) -> Vec<serde_json::Value> {
    let mut v: Vec<serde_json::Value> = report["shared"].as_array().cloned().unwrap_or_default();
    for a in report["articles"].as_array().cloned().unwrap_or_default() {
        v.extend(a["diagnostics"].as_array().cloned().unwrap_or_default());
    }
    v
}

// ---------------------------------------------------------------------------------------
// Issues through the library
// ---------------------------------------------------------------------------------------

/// An issue loaded through the library, its articles in issue order.
pub struct Issue {
    /// The issue folder.
    pub dir: PathBuf,
    pub issue: IssueFile,
    pub contributors: ContributorsFile,
    /// `(slug, article)`, in issue order.
    pub articles: Vec<(String, Article)>,
}

/// Loads an issue folder (relative to the repository root); fails on any error.
pub fn load(dir: &str) -> Issue {
    let sels = discover(&[root().join(dir)]).expect("discover");
    assert_eq!(sels.len(), 1, "{dir} is one issue");
    let loaded = load_issue(&sels[0], &Limits::default());
    let errors: Vec<String> = loaded
        .all_diagnostics()
        .filter(|d| d.severity == galley::diag::Severity::Error)
        .map(|d| format!("{d:?}"))
        .collect();
    assert!(
        errors.is_empty(),
        "{dir} does not load cleanly: {errors:#?}"
    );
    let articles = loaded
        .articles
        .iter()
        .map(|a| {
            let art = a.article.as_ref().expect("article loaded");
            (a.slug.clone(), art.value.clone())
        })
        .collect();
    Issue {
        dir: loaded.dir,
        issue: loaded.issue.expect("issue.yaml").value,
        contributors: loaded.contributors.expect("contributors.yaml").value,
        articles,
    }
}

impl Issue {
    /// The article with this slug.
    pub fn article(&self, slug: &str) -> &Article {
        self.articles
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, a)| a)
            .unwrap_or_else(|| panic!("no article {slug} in {}", self.dir.display()))
    }

    /// The images of `article`'s figures, read from the folder of the article `slug`
    /// and keyed as the YAML names them (what the build driver gives the emitters).
    pub fn assets(&self, slug: &str, article: &Article) -> BTreeMap<String, Vec<u8>> {
        let mut assets = BTreeMap::new();
        galley::model::for_each_figure(article, &mut |_, f| {
            let path = self.dir.join(slug).join(&f.image);
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            assets.insert(f.image.clone(), bytes);
        });
        assets
    }

    /// Emits `article` (one of this issue's, possibly changed) as the article `slug`.
    pub fn emit(
        &self,
        format: Format,
        slug: &str,
        article: &Article,
    ) -> Result<Emitted, EmitError> {
        self.emit_with(format, slug, article, &EmitOptions::default())
    }

    /// [`Issue::emit`] with other options.
    pub fn emit_with(
        &self,
        format: Format,
        slug: &str,
        article: &Article,
        options: &EmitOptions,
    ) -> Result<Emitted, EmitError> {
        self.with_context(slug, article, options, |ctx| format.emit(article, ctx))
    }

    /// Calls `f` with the emit context of `article` as the article `slug` of this issue
    /// (its images read from the article's folder).
    pub fn with_context<R>(
        &self,
        slug: &str,
        article: &Article,
        options: &EmitOptions,
        f: impl FnOnce(&Context<'_>) -> R,
    ) -> R {
        let assets = self.assets(slug, article);
        let ctx = Context {
            issue: &self.issue,
            contributors: &self.contributors,
            slug,
            assets: &assets,
            options,
        };
        f(&ctx)
    }

    /// Calls `f` with `article`, as the article `slug`, resolved (it must resolve).
    pub fn with_resolved<R>(
        &self,
        slug: &str,
        article: &Article,
        f: impl FnOnce(&galley::resolve::Resolved<'_>) -> R,
    ) -> R {
        self.with_context(slug, article, &EmitOptions::default(), |ctx| {
            f(&galley::resolve::resolve(article, ctx).expect("a valid article resolves"))
        })
    }

    /// Emits the article `slug` as it is; the emitter must succeed.
    pub fn emit_slug(&self, format: Format, slug: &str) -> Emitted {
        self.emit(format, slug, self.article(slug))
            .unwrap_or_else(|e| panic!("{} of {slug}: {e:?}", format.name()))
    }
}

/// An output as UTF-8 text.
pub fn utf8(e: &Emitted) -> &str {
    std::str::from_utf8(&e.bytes).expect("UTF-8 output")
}

// ---------------------------------------------------------------------------------------
// The text of the model
// ---------------------------------------------------------------------------------------

/// Calls `f` on every block, depth first, sections' content included.
pub fn for_each_block<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Block)) {
    for b in blocks {
        f(b);
        if let Block::Section(s) = b {
            for_each_block(&s.content, f);
        }
    }
}

/// The plain text of marked-up text: the markup removed, references left out.
pub fn plain(t: &Text) -> String {
    inline::plain_text(&inline::parse(t.as_str()).expect("markup parses"))
}

/// The paragraphs (`p` blocks) of the body and then of the appendices, as plain text.
pub fn body_paragraphs(article: &Article) -> Vec<String> {
    let mut out = Vec::new();
    galley::model::walk_article_blocks(article, &mut |_, b| {
        if let Block::P(t) = b {
            out.push(plain(t));
        }
    });
    out
}

/// The body's paragraphs (`p` blocks, in reading order) as an output that prints every
/// piece of text must read: the source's text, and at each reference the text the
/// resolve stage generates for it (citations in the journal's style, cross-reference
/// labels; footnote numbers when `footnote_numbers`), nothing else. Printed citations
/// and cross-references are their own text.
pub fn rendered_paragraphs(issue: &Issue, slug: &str, footnote_numbers: bool) -> Vec<String> {
    let mut texts = Vec::new();
    galley::model::walk_article_blocks(issue.article(slug), &mut |_, b| {
        if let Block::P(t) = b {
            texts.push(t.clone());
        }
    });
    rendered_texts(issue, slug, &texts, footnote_numbers)
}

/// [`rendered_paragraphs`] for any texts of the article `slug`.
pub fn rendered_texts(
    issue: &Issue,
    slug: &str,
    texts: &[Text],
    footnote_numbers: bool,
) -> Vec<String> {
    issue.with_resolved(slug, issue.article(slug), |r| {
        texts
            .iter()
            .map(|t| {
                let mut s = String::new();
                render(r, &t.inlines(), footnote_numbers, &mut s);
                s
            })
            .collect()
    })
}

fn render(r: &galley::resolve::Resolved<'_>, nodes: &[Inline], fns: bool, s: &mut String) {
    use galley::resolve::CitePiece;
    for n in nodes {
        match n {
            Inline::Text(t) => s.push_str(t),
            Inline::Italic(c)
            | Inline::Bold(c)
            | Inline::Sup(c)
            | Inline::Sub(c)
            | Inline::SmallCaps(c)
            | Inline::Lang { content: c, .. }
            | Inline::Link { content: c, .. }
            | Inline::CiteText { content: c, .. }
            | Inline::XRefText { content: c, .. } => render(r, c, fns, s),
            Inline::FootnoteRef { id, .. } => {
                if fns && let Some(n) = r.footnote_number(id) {
                    s.push_str(&n.to_string());
                }
            }
            Inline::Cite { mode, items } => {
                for p in r.cite_pieces(*mode, items) {
                    match p {
                        CitePiece::Text(t)
                        | CitePiece::Ref { text: t, .. }
                        | CitePiece::Locator { text: t, .. } => s.push_str(&t),
                    }
                }
            }
            Inline::XRef { id, .. } => {
                if let Some(label) = r.xref_text(id) {
                    render(r, &label, fns, s);
                }
            }
            // Each format writes a formula its own way (MathML, TeX): the paragraph
            // readers leave formulas out, and `formulas.rs` reads them back.
            Inline::Formula { .. } => {}
        }
    }
}

/// The plain text of marked-up text cut at each footnote reference, citation and
/// cross-reference: the pieces of the source's own text, where an output may put
/// generated text (a note number, an author–date label, "Figure 1") between them. The
/// printed text of a citation or cross-reference (`[Shen (1995)](@shen1995)`) is the
/// source's: it stays in its piece.
pub fn segments(marked: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let nodes = inline::parse(marked).expect("markup parses");
    inline::visit(&nodes, &mut |n| match n {
        Inline::Text(t) => out.last_mut().expect("a piece").push_str(t),
        Inline::FootnoteRef { .. }
        | Inline::Cite { .. }
        | Inline::XRef { .. }
        | Inline::Formula { .. } => out.push(String::new()),
        _ => {}
    });
    out
}

// ---------------------------------------------------------------------------------------
// Golden files
// ---------------------------------------------------------------------------------------

/// Whether this run rewrites golden files (`UPDATE_GOLDEN=1`).
pub fn updating_golden() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1")
}

/// Compares `bytes` with the golden file `tests/golden/<name>` (rewriting it when
/// `UPDATE_GOLDEN=1`); says where they first differ.
pub fn golden_diff(name: &str, bytes: &[u8]) -> Result<(), String> {
    let path = root().join("tests/golden").join(name);
    let hint =
        "if the change is intended, run `UPDATE_GOLDEN=1 cargo test --test it` and review the diff";
    if updating_golden() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create golden dir");
        std::fs::write(&path, bytes).expect("write golden file");
        return Ok(());
    }
    let expected = std::fs::read(&path)
        .map_err(|e| format!("cannot read {}: {e}; {hint} to create it", path.display()))?;
    if expected == bytes {
        return Ok(());
    }
    let (exp, got) = (
        String::from_utf8_lossy(&expected),
        String::from_utf8_lossy(bytes),
    );
    let line = exp
        .lines()
        .zip(got.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| exp.lines().count().min(got.lines().count()));
    Err(format!(
        "{} differs from the output, first at line {}:\n  golden: {:?}\n  output: {:?}\n{hint}",
        path.display(),
        line + 1,
        exp.lines().nth(line).unwrap_or("<end>"),
        got.lines().nth(line).unwrap_or("<end>"),
    ))
}

/// [`golden_diff`], failing the test on a difference.
pub fn golden(name: &str, bytes: &[u8]) {
    if let Err(e) = golden_diff(name, bytes) {
        panic!("{e}");
    }
}

// ---------------------------------------------------------------------------------------
// The official validators on outputs in memory
// ---------------------------------------------------------------------------------------

/// Writes each output (`(validator flag, file name, bytes)`) into a temporary folder and
/// runs [`official_check`] on them all; returns the report.
pub fn official_check_outputs(outputs: &[(&str, String, &[u8])]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths: Vec<(&str, PathBuf)> = outputs
        .iter()
        .map(|(flag, name, bytes)| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).expect("write output");
            (*flag, path)
        })
        .collect();
    let files: Vec<(&str, &Path)> = paths.iter().map(|(f, p)| (*f, p.as_path())).collect();
    official_check(&files)
}
