//! The build driver: runs the emitters over the valid articles of a loaded issue and
//! writes their outputs. The only stage that writes files.
//!
//! Each output is written to a temporary file in its destination folder and renamed
//! into place, so a reader never sees a half-written file. An article that fails
//! validation has its previous outputs removed, so no stale output survives a change
//! that broke it.
//!
//! Besides each article's outputs, a build of a whole issue writes the issue-level EPUB
//! `<output>/<issue folder name>.epub` (all articles in issue order and "About the
//! Authors"); it is written only when every article built, and removed when one failed.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity};
use crate::emit::{Context, EmitError, EmitOptions, Format, InputFile, Loss};
use crate::issue::{LoadedArticle, LoadedIssue};
use crate::model::{Article, Block};
use crate::validate::walk_blocks;
use crate::yaml::Document;

/// How to build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The output folder; each article gets `<output>/<slug>/`.
    pub output: PathBuf,
    /// The formats to write.
    pub formats: Vec<Format>,
    /// Options passed to the emitters.
    pub emit: EmitOptions,
}

/// What happened to one article.
#[derive(Debug, Clone)]
pub struct ArticleResult {
    /// The article's slug.
    pub slug: String,
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Formats this version cannot write yet.
    pub not_implemented: Vec<Format>,
    /// Whether the article failed (no outputs left for it).
    pub failed: bool,
    /// Its diagnostics from emitting (validation diagnostics are reported separately).
    pub diagnostics: Vec<Diagnostic>,
    /// Whether this is the issue-level EPUB rather than an article (`slug` then names
    /// the file).
    pub whole_issue: bool,
}

/// Builds every selected article of a loaded issue.
pub fn build_issue(issue: &LoadedIssue, opts: &BuildOptions) -> Vec<ArticleResult> {
    let shared_ok = !issue
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    let mut results: Vec<ArticleResult> = issue
        .articles
        .iter()
        .map(|a| build_article(issue, a, shared_ok, opts))
        .collect();
    if opts.formats.contains(&Format::Epub)
        && let Some(r) = build_issue_epub(issue, shared_ok, &results, opts)
    {
        results.push(r);
    }
    results
}

/// The name of an issue: its folder's name (`input` for `input/`).
pub fn issue_name(dir: &Path) -> String {
    let named = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty() && n != "." && n != "..")
    };
    named(dir)
        .or_else(|| std::fs::canonicalize(dir).ok().and_then(|p| named(&p)))
        .unwrap_or_else(|| "issue".to_string())
}

/// Writes the issue-level EPUB `<output>/<issue name>.epub` when the whole issue was
/// built and every article succeeded; removes a stale one when an article failed. Its
/// result is listed after the articles', under the file's name.
fn build_issue_epub(
    issue: &LoadedIssue,
    shared_ok: bool,
    results: &[ArticleResult],
    opts: &BuildOptions,
) -> Option<ArticleResult> {
    let all = crate::issue::article_folders(&issue.dir).ok()?;
    let mut selected: Vec<&str> = issue.articles.iter().map(|a| a.slug.as_str()).collect();
    selected.sort_unstable();
    if all.is_empty() || selected != all.iter().map(String::as_str).collect::<Vec<_>>() {
        return None; // only part of the issue was asked for
    }
    let name = issue_name(&issue.dir);
    let path = opts.output.join(format!("{name}.epub"));
    let mut result = ArticleResult {
        slug: format!("{name}.epub"),
        written: Vec::new(),
        not_implemented: Vec::new(),
        failed: false,
        diagnostics: Vec::new(),
        whole_issue: true,
    };
    let (Some(iss), Some(contribs), true, false) = (
        &issue.issue,
        &issue.contributors,
        shared_ok,
        results.iter().any(|r| r.failed),
    ) else {
        result.failed = true;
        match std::fs::remove_file(&path) {
            Ok(()) => result.diagnostics.push(Diagnostic::new(
                Severity::Warning,
                "build.removed-stale",
                format!(
                    "removed {}: an article of the issue no longer builds",
                    path.display()
                ),
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => result.diagnostics.push(Diagnostic::error(
                "io.write",
                format!("cannot remove stale output {}: {e}", path.display()),
            )),
        }
        return Some(result);
    };
    let mut assets = Vec::new();
    for a in &issue.articles {
        let art = a.article.as_ref()?;
        match read_assets(&art.value, &a.dir) {
            Ok(x) => assets.push(x),
            Err(d) => {
                result.failed = true;
                result
                    .diagnostics
                    .push(d.in_file(a.dir.join(crate::issue::ARTICLE_FILE)));
                return Some(result);
            }
        }
    }
    let articles: Vec<crate::emit::epub::IssueArticle<'_>> = issue
        .articles
        .iter()
        .zip(&assets)
        .filter_map(|(a, assets)| {
            Some(crate::emit::epub::IssueArticle {
                slug: &a.slug,
                article: &a.article.as_ref()?.value,
                assets,
            })
        })
        .collect();
    let docs = Docs {
        article: &issue.articles.first()?.article.as_ref()?.doc,
        contributors: &contribs.doc,
        issue: &iss.doc,
    };
    match crate::emit::epub::emit_issue(&iss.value, &contribs.value, &name, &articles, &opts.emit) {
        Ok(emitted) => {
            // A fact lost by an article's EPUB as well is reported once.
            let reported = |l: &Loss| {
                results
                    .iter()
                    .flat_map(|r| &r.diagnostics)
                    .any(|d| d.code == l.code && d.pointer.as_deref() == Some(l.pointer.as_str()))
            };
            for loss in emitted.losses.iter().filter(|l| !reported(l)) {
                result
                    .diagnostics
                    .push(docs.diagnostic(Severity::Loss, loss));
            }
            for missing in emitted.missing.iter().filter(|l| !reported(l)) {
                result
                    .diagnostics
                    .push(docs.diagnostic(Severity::Warning, missing));
            }
            let written = std::fs::create_dir_all(&opts.output)
                .and_then(|()| write_atomically(&path, &emitted.bytes));
            match written {
                Ok(()) => result.written.push(path),
                Err(e) => {
                    result.failed = true;
                    result.diagnostics.push(
                        Diagnostic::error(
                            "io.write",
                            format!("cannot write {}: {e}", path.display()),
                        )
                        .hint("check free space and permissions of the output folder"),
                    );
                }
            }
        }
        Err(EmitError::NotImplemented) => result.not_implemented.push(Format::Epub),
        Err(EmitError::Unwritable(msg)) => {
            result.failed = true;
            result
                .diagnostics
                .push(Diagnostic::error("emit.epub", msg).in_file(&iss.doc.path));
        }
    }
    Some(result)
}

fn build_article(
    issue: &LoadedIssue,
    a: &LoadedArticle,
    shared_ok: bool,
    opts: &BuildOptions,
) -> ArticleResult {
    let out_dir = opts.output.join(&a.slug);
    let mut result = ArticleResult {
        slug: a.slug.clone(),
        written: Vec::new(),
        not_implemented: Vec::new(),
        failed: false,
        diagnostics: Vec::new(),
        whole_issue: false,
    };
    let (Some(article), Some(iss), Some(contribs), true) =
        (&a.article, &issue.issue, &issue.contributors, shared_ok)
    else {
        result.failed = true;
        remove_outputs(&out_dir, &a.slug, &mut result.diagnostics);
        return result;
    };
    let assets = match read_assets(&article.value, &a.dir) {
        Ok(assets) => assets,
        Err(d) => {
            result.failed = true;
            result
                .diagnostics
                .push(d.in_file(a.dir.join(crate::issue::ARTICLE_FILE)));
            remove_outputs(&out_dir, &a.slug, &mut result.diagnostics);
            return result;
        }
    };
    let ctx = Context {
        issue: &iss.value,
        contributors: &contribs.value,
        slug: &a.slug,
        assets: &assets,
        options: &opts.emit,
    };
    let docs = Docs {
        article: &article.doc,
        contributors: &contribs.doc,
        issue: &iss.doc,
    };
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for &format in &opts.formats {
        match format.emit(&article.value, &ctx) {
            Ok(emitted) => {
                for loss in &emitted.losses {
                    result
                        .diagnostics
                        .push(docs.diagnostic(Severity::Loss, loss));
                }
                for missing in &emitted.missing {
                    result
                        .diagnostics
                        .push(docs.diagnostic(Severity::Warning, missing));
                }
                outputs.push((out_dir.join(format.file_name(&a.slug)), emitted.bytes));
            }
            Err(EmitError::NotImplemented) => result.not_implemented.push(format),
            Err(EmitError::Unwritable(msg)) => {
                result.failed = true;
                result.diagnostics.push(
                    Diagnostic::error(format!("emit.{}", format.name().to_lowercase()), msg)
                        .in_file(&article.doc.path),
                );
            }
        }
    }
    if result.failed {
        remove_outputs(&out_dir, &a.slug, &mut result.diagnostics);
        return result;
    }
    if let Err(e) = std::fs::create_dir_all(&out_dir) {
        result.failed = true;
        result.diagnostics.push(
            Diagnostic::error(
                "io.write",
                format!("cannot create {}: {e}", out_dir.display()),
            )
            .hint("check that the output folder can be written"),
        );
        return result;
    }
    for (path, bytes) in outputs {
        match write_atomically(&path, &bytes) {
            Ok(()) => result.written.push(path),
            Err(e) => {
                result.failed = true;
                result.diagnostics.push(
                    Diagnostic::error("io.write", format!("cannot write {}: {e}", path.display()))
                        .hint("check free space and permissions of the output folder"),
                );
            }
        }
    }
    if result.failed {
        remove_outputs(&out_dir, &a.slug, &mut result.diagnostics);
        result.written.clear();
    }
    result
}

struct Docs<'a> {
    article: &'a Document,
    contributors: &'a Document,
    issue: &'a Document,
}

impl Docs<'_> {
    fn diagnostic(&self, severity: Severity, loss: &Loss) -> Diagnostic {
        let doc = match loss.file {
            InputFile::Article => self.article,
            InputFile::Contributors => self.contributors,
            InputFile::Issue => self.issue,
        };
        Diagnostic::new(severity, loss.code.clone(), loss.message.clone())
            .in_file(&doc.path)
            .pointer(loss.pointer.clone())
            .at(doc.span_or_parent(&loss.pointer))
    }
}

/// Reads the article's image files (validation has checked they are regular files
/// inside its folder).
fn read_assets(article: &Article, dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let mut assets = BTreeMap::new();
    let mut result = Ok(());
    walk_blocks(&article.body, "/body", &mut |p, b| {
        if let (Block::Figure(f), Ok(())) = (b, &result) {
            match std::fs::read(dir.join(&f.image)) {
                Ok(bytes) => {
                    assets.insert(f.image.clone(), bytes);
                }
                Err(e) => {
                    result = Err(Diagnostic::error(
                        "io.read",
                        format!("cannot read {}: {e}", f.image),
                    )
                    .pointer(format!("{p}/figure/image")));
                }
            }
        }
    });
    result.map(|()| assets)
}

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk and renames it
/// over `path`: readers see the old file or the new one, never a part.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".galley-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes an article's outputs (after it failed), so that none goes stale.
fn remove_outputs(out_dir: &Path, slug: &str, diags: &mut Vec<Diagnostic>) {
    for format in Format::ALL {
        let path = out_dir.join(format.file_name(slug));
        match std::fs::remove_file(&path) {
            Ok(()) => diags.push(Diagnostic::new(
                Severity::Warning,
                "build.removed-stale",
                format!("removed {}: the article no longer builds", path.display()),
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => diags.push(Diagnostic::error(
                "io.write",
                format!("cannot remove stale output {}: {e}", path.display()),
            )),
        }
    }
}
