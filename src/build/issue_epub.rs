//! The issue-level EPUB: every article of an issue in one book, with its own manifest.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::article::{ArticlePass, Docs, reconvert};
use super::manifest::{ArticleInputs, Manifest, hex, outputs_intact, read_manifest};
use super::publish::write_atomically;
use super::{BuildOptions, OutputFile, Report, Status};
use crate::diag::Diagnostic;
use crate::emit::epub::IssueArticle;
use crate::emit::{Context, EmitError, Format, Loss};
use crate::issue::{SharedIssue, issue_epub_name, issue_name};
use crate::resolve::resolve;
use crate::yaml::Limits;

/// An article of the issue as processed: its report; when writing, its folder as read
/// (its input hash, and its files' bytes when the issue EPUB may be made but the article
/// was not converted); and what its conversion made, when it was converted.
pub(super) type Processed<'a> = (
    &'a Report,
    Option<&'a ArticleInputs>,
    Option<&'a ArticlePass>,
);

/// Whether the issue EPUB is made at all: the whole issue was asked for, it has
/// articles, and EPUB is one of the formats.
pub(super) fn wanted(whole: bool, slugs: &[String], opts: &BuildOptions) -> bool {
    whole && !slugs.is_empty() && opts.formats.contains(&Format::Epub)
}

/// A report on the issue EPUB of the issue folder `dir`, which says nothing yet.
fn new_report(dir: &Path, opts: &BuildOptions) -> Report {
    let name = issue_epub_name(dir);
    Report {
        issue: dir.to_path_buf(),
        name: format!("{name}.epub"),
        path: opts
            .output
            .as_ref()
            .map_or_else(|| dir.to_path_buf(), |o| o.join(format!("{name}.epub"))),
        whole_issue: true,
        status: Status::Failed,
        outputs: Vec::new(),
        diagnostics: Vec::new(),
        packages: Vec::new(),
    }
}

/// The manifest of the issue EPUB `name`.epub in `output`.
fn manifest_path(output: &Path, name: &str) -> PathBuf {
    output.join(format!(".{name}.epub.galley-manifest.json"))
}

/// The issue EPUB of the issue folder `dir` when it is current: its manifest's input hash
/// is that of `articles` (each article's name and input hash, in issue order, every one
/// unchanged and built) and its output is intact. Read without the shared files, for an
/// issue whose every article is unchanged; `None`, and it is made as usual.
pub(super) fn unchanged(
    dir: &Path,
    articles: &[(&str, &str)],
    opts: &BuildOptions,
    fingerprint: &str,
) -> Option<Report> {
    let output = opts.output.as_ref()?;
    let mut report = new_report(dir, opts);
    let m = read_manifest(&manifest_path(output, &issue_epub_name(dir)), output)?;
    if opts.force
        || m.input_hash != issue_input_hash(articles.iter().copied(), fingerprint, &cover_hash(dir))
        || !outputs_intact(&m.outputs)
    {
        return None;
    }
    report.status = Status::Unchanged;
    report.outputs = m.outputs;
    report.diagnostics = m.diagnostics;
    Some(report)
}

/// The issue-level EPUB `DIR/<issue name>.epub`: all articles in issue order and "About
/// the Authors". Written when the whole issue was selected and every article built;
/// removed when one failed; skipped when none of its inputs changed. When validating,
/// made in memory (once every article is valid) for its diagnostics.
pub(super) fn issue_epub(
    issue: &SharedIssue,
    articles: &[Processed<'_>],
    opts: &BuildOptions,
    fingerprint: &str,
    limits: &Limits,
) -> Option<Report> {
    if !wanted(issue.whole, &issue.slugs, opts) {
        return None; // only part of the issue was asked for, or no EPUB
    }
    let name = issue_epub_name(&issue.dir);
    let mut report = new_report(&issue.dir, opts);
    let articles_ok = issue.ok() && articles.iter().all(|(r, _, _)| r.status != Status::Failed);
    let Some(output) = opts.output.as_ref() else {
        if !articles_ok {
            return None; // the articles' failures say it all
        }
        if emit_issue_epub(
            issue,
            articles,
            opts,
            limits,
            &issue_name(&issue.dir),
            &mut report.diagnostics,
        )
        .is_some()
        {
            report.status = Status::Valid;
        }
        return Some(report);
    };
    let path = report.path.clone();
    let manifest_path = manifest_path(output, &name);
    let key = issue_key(&issue.dir, output);
    if !articles_ok {
        remove_stale(&path, &manifest_path, &mut report.diagnostics);
        remove_renamed(output, &key, &name, &mut report.diagnostics);
        return Some(report);
    }
    let hash = issue_input_hash(
        articles
            .iter()
            .map(|(r, i, _)| (r.name.as_str(), i.map_or("", |i| i.hash.as_str()))),
        fingerprint,
        &cover_hash(&issue.dir),
    );
    if !opts.force
        && let Some(m) = read_manifest(&manifest_path, output)
        && m.input_hash == hash
        && outputs_intact(&m.outputs)
    {
        report.status = Status::Unchanged;
        report.outputs = m.outputs;
        report.diagnostics = m.diagnostics;
        remove_renamed(output, &key, &name, &mut report.diagnostics);
        return Some(report);
    }
    let bytes = emit_issue_epub(
        issue,
        articles,
        opts,
        limits,
        &issue_name(&issue.dir),
        &mut report.diagnostics,
    )?;
    let file = OutputFile {
        path: path.clone(),
        sha256: hex(&Sha256::digest(&bytes)),
        size: bytes.len() as u64,
    };
    let mut manifest = Manifest::new(
        hash,
        std::slice::from_ref(&file),
        output,
        &report.diagnostics,
        None,
    );
    manifest.issue = Some(key.clone());
    let written = write_atomically(&path, &bytes)
        .and_then(|()| write_atomically(&manifest_path, &manifest.to_bytes()));
    match written {
        Ok(()) => {
            report.status = Status::Built;
            report.outputs = vec![file];
            remove_renamed(output, &key, &name, &mut report.diagnostics);
        }
        Err(e) => report.diagnostics.push(
            Diagnostic::error("io.write", format!("cannot write {}: {e}", path.display()))
                .hint("check free space and permissions of the output folder"),
        ),
    }
    Some(report)
}

/// The issue folder `dir` as the issue EPUB's manifest records it: its path relative to
/// the output folder `output`, both resolved first (so that `input`, `./input` and an
/// absolute path agree, and an output folder moved along with its issues still matches).
/// Made by hand: the standard library has no path from one folder to another, and this is
/// the one place galley needs it.
fn issue_key(dir: &Path, output: &Path) -> String {
    let full = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (dir, output) = (full(dir), full(output));
    let d: Vec<_> = dir.components().collect();
    let o: Vec<_> = output.components().collect();
    let common = d.iter().zip(&o).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return dir.to_string_lossy().into_owned(); // another drive: no relative path
    }
    let mut rel = PathBuf::new();
    for _ in common..o.len() {
        rel.push("..");
    }
    for c in &d[common..] {
        rel.push(c);
    }
    rel.to_string_lossy().into_owned()
}

/// Removes the issue EPUBs in `output`, and their manifests, that an earlier build made
/// from the same issue folder (`key`, see [`issue_key`]) under another name than `name`:
/// when `issue.epub_name`, the journal's title, the volume or the number change, no stale
/// EPUB stays beside the new one. An EPUB whose manifest names no issue (or another
/// issue) is left alone.
fn remove_renamed(output: &Path, key: &str, name: &str, diags: &mut Vec<Diagnostic>) {
    let Ok(entries) = std::fs::read_dir(output) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(old) = file
            .to_str()
            .and_then(|f| f.strip_prefix('.'))
            .and_then(|f| f.strip_suffix(".epub.galley-manifest.json"))
        else {
            continue;
        };
        if old == name {
            continue;
        }
        let manifest = entry.path();
        match read_manifest(&manifest, output) {
            Some(m) if m.issue.as_deref() == Some(key) => {}
            _ => continue,
        }
        // The EPUB first: a failure leaves its manifest, so the next build tries again.
        for path in [output.join(format!("{old}.epub")), manifest] {
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    diags.push(Diagnostic::error(
                        "io.write",
                        format!(
                            "cannot remove the renamed issue EPUB {}: {e}",
                            path.display()
                        ),
                    ));
                    break;
                }
            }
        }
    }
}

/// Removes the issue EPUB and its manifest after an article of the issue failed.
fn remove_stale(path: &Path, manifest_path: &Path, diags: &mut Vec<Diagnostic>) {
    let _ = std::fs::remove_file(manifest_path);
    match std::fs::remove_file(path) {
        Ok(()) => diags.push(
            Diagnostic::warning(
                super::REMOVED_STALE,
                format!(
                    "removed {}: an article of the issue no longer builds",
                    path.display()
                ),
            )
            .hint(super::REBUILD_HINT),
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => diags.push(Diagnostic::error(
            "io.write",
            format!("cannot remove stale output {}: {e}", path.display()),
        )),
    }
}

/// The issue EPUB's input hash: every article's own input hash (which covers the shared
/// files), in issue order, as computed when the article was processed.
fn issue_input_hash<'a>(
    articles: impl Iterator<Item = (&'a str, &'a str)>,
    fingerprint: &str,
    cover: &str,
) -> String {
    let mut h = Sha256::new();
    h.update(fingerprint.as_bytes());
    h.update(b"issue-epub");
    h.update(cover.as_bytes());
    for (name, hash) in articles {
        h.update(name.as_bytes());
        h.update(hash.as_bytes());
    }
    hex(&h.finalize())
}

/// The cover image's part of the issue EPUB's input hash: the path `issue.yaml` names
/// (read on its own, as the EPUB's name is) and the SHA-256 of the file's bytes; empty
/// without a cover. A path that is not plain is not read (validation refuses it).
fn cover_hash(dir: &Path) -> String {
    let Some(rel) = crate::issue::issue_yaml(dir).and_then(|v| {
        v.pointer("/issue/cover/image")
            .and_then(|x| x.as_str())
            .map(str::to_string)
    }) else {
        return String::new();
    };
    let plain = Path::new(&rel)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    let bytes = plain
        .then(|| crate::yaml::read_file(&dir.join(&rel), MAX_COVER).ok())
        .flatten()
        .unwrap_or_default();
    format!("{rel}\0{}", hex(&Sha256::digest(&bytes)))
}

/// The largest cover image read (validation refuses a larger one).
const MAX_COVER: usize = crate::validate::MAX_ASSET_BYTES as usize;

/// The issue's cover image as read from its folder, with its media type; `Ok(None)`
/// without a cover; an error when it cannot be read.
fn read_cover(
    issue: &SharedIssue,
    iss: &crate::model::IssueFile,
) -> Result<Option<(Vec<u8>, &'static str)>, Diagnostic> {
    let Some(cover) = &iss.issue.cover else {
        return Ok(None);
    };
    let path = issue.dir.join(&cover.image);
    let unreadable = || {
        Diagnostic::error(
            "io.read",
            format!("cannot read the cover image {}", path.display()),
        )
        .hint("check that the file named by `issue.cover.image` is there and readable")
    };
    let bytes = crate::yaml::read_file(&path, MAX_COVER).map_err(|_| unreadable())?;
    let kind = crate::asset::sniff_image(&bytes).ok_or_else(unreadable)?;
    Ok(Some((bytes, kind)))
}

/// The cover as the EPUB emitter takes it: the bytes read, their type and the alt text.
fn cover_image<'a>(
    read: Option<&'a (Vec<u8>, &'static str)>,
    iss: &'a crate::model::IssueFile,
) -> Option<crate::emit::epub::CoverImage<'a>> {
    let ((bytes, kind), c) = read.zip(iss.issue.cover.as_ref())?;
    Some(crate::emit::epub::CoverImage {
        bytes,
        media_type: kind,
        alt: &c.alt,
    })
}

/// Makes the issue EPUB in memory, adding its diagnostics (the losses and missing facts
/// that no article's own EPUB reported) to `diags`. `None` when it cannot be made.
fn emit_issue_epub(
    issue: &SharedIssue,
    processed: &[Processed<'_>],
    opts: &BuildOptions,
    limits: &Limits,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<u8>> {
    let (Some(iss), Some(contribs)) = (&issue.issue, &issue.contributors) else {
        return None;
    };
    // Each article as its pass left it: loaded, with its images and its own EPUB. An
    // article unchanged since the last build was not converted in this one: it is
    // converted again here, from its folder's bytes as read.
    let mut again = Vec::new();
    for (report, inputs, pass) in processed {
        if pass.is_none() {
            again.push(reconvert(issue, &report.name, opts, *inputs, limits)?);
        }
    }
    let mut again = again.iter();
    let passes: Vec<(&str, &ArticlePass)> = processed
        .iter()
        .map(|(report, _, pass)| Some((report.name.as_str(), pass.or_else(|| again.next())?)))
        .collect::<Option<_>>()?;
    let contexts: Vec<Context<'_>> = passes
        .iter()
        .map(|(slug, pass)| Context {
            issue: &iss.value,
            contributors: &contribs.value,
            slug,
            assets: &pass.assets,
            options: &opts.emit,
        })
        .collect();
    let mut resolved = Vec::with_capacity(passes.len());
    for ((_, pass), ctx) in passes.iter().zip(&contexts) {
        match resolve(&pass.article.value, ctx) {
            Ok(r) => resolved.push(r),
            Err(EmitError::Unwritable(msg)) => {
                diags.push(Diagnostic::error("emit.resolve", msg).in_file(&pass.article.doc.path));
                return None;
            }
        }
    }
    let articles: Vec<IssueArticle<'_>> = resolved
        .iter()
        .zip(&passes)
        .map(|(r, (_, pass))| IssueArticle {
            resolved: r,
            epub: &pass.epub,
        })
        .collect();
    let first = passes.first()?.1;
    let docs = Docs {
        article: &first.article.doc,
        contributors: &contribs.doc,
        issue: &iss.doc,
    };
    let cover = read_cover(issue, &iss.value)
        .map_err(|d| diags.push(d.in_file(&iss.doc.path)))
        .ok()?;
    let cover = cover_image(cover.as_ref(), &iss.value);
    match crate::emit::epub::emit_issue(
        &iss.value,
        &contribs.value,
        name,
        &articles,
        cover,
        &opts.emit,
    ) {
        Ok(emitted) => {
            // A fact an article's own EPUB lost too is reported once, with the article.
            let already = |l: &Loss| {
                processed
                    .iter()
                    .flat_map(|(r, _, _)| &r.diagnostics)
                    .any(|d| d.code == l.code && d.pointer.as_deref() == Some(l.pointer.as_str()))
            };
            let losses: Vec<Loss> = emitted
                .losses
                .iter()
                .filter(|l| !already(l))
                .cloned()
                .collect();
            let missing: Vec<Loss> = emitted
                .missing
                .iter()
                .filter(|l| !already(l))
                .cloned()
                .collect();
            docs.report(&losses, &missing, diags);
            Some(emitted.bytes)
        }
        Err(EmitError::Unwritable(msg)) => {
            diags.push(Diagnostic::error("emit.epub", msg).in_file(&iss.doc.path));
            None
        }
    }
}
