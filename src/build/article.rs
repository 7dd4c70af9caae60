//! One article through the pipeline: hashed, loaded, checked, converted in memory and
//! published as one unit (or its stale outputs removed).

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::manifest::{MANIFEST, Manifest, hex, input_hash, outputs_intact, read_manifest};
use super::publish::{publish_dir, remove_article_dir};
use super::{BuildOptions, OutputFile, Report, Status};
use crate::diag::{Diagnostic, Severity};
use crate::emit::{Context, EmitError, InputFile, Loss};
use crate::issue::{ARTICLE_FILE, SharedIssue};
use crate::model::walk_blocks;
use crate::model::{Article, Block};
use crate::yaml::{Document, Limits};

/// Loads, checks and converts one article, and (when writing) publishes its outputs.
pub(super) fn process_article(
    issue: &SharedIssue,
    slug: &str,
    opts: &BuildOptions,
    fingerprint: &str,
    limits: &Limits,
) -> Report {
    let mut report = Report {
        issue: issue.dir.clone(),
        name: slug.to_string(),
        path: issue.dir.join(slug),
        whole_issue: false,
        status: Status::Failed,
        outputs: Vec::new(),
        diagnostics: Vec::new(),
    };
    let Some(output) = &opts.output else {
        // Validation only: everything a build does but writing, so that `validate` finds
        // whatever `build` would (the emitters' losses and missing facts included).
        let converted = convert_article(issue, slug, opts, limits, &mut report.diagnostics);
        if converted.is_some() {
            report.status = Status::Valid;
        }
        return report;
    };
    let out_dir = output.join(slug);
    let hash = match input_hash(issue, slug, fingerprint, limits) {
        Ok(h) => h,
        Err(e) => {
            report.diagnostics.push(
                Diagnostic::error(
                    "io.read",
                    format!(
                        "cannot read the article folder {}: {e}",
                        issue.dir.join(slug).display()
                    ),
                )
                .hint("check the folder's permissions"),
            );
            remove_article_dir(&out_dir, &mut report.diagnostics);
            return report;
        }
    };
    if !opts.force
        && issue.ok()
        && let Some(m) = read_manifest(&out_dir.join(MANIFEST), output)
        && m.input_hash == hash
        && outputs_intact(&m)
    {
        report.status = Status::Unchanged;
        report.outputs = m.outputs;
        report.diagnostics = m.diagnostics;
        return report;
    }
    let Some(mut files) = convert_article(issue, slug, opts, limits, &mut report.diagnostics)
    else {
        remove_article_dir(&out_dir, &mut report.diagnostics);
        return report;
    };
    report.outputs = files
        .iter()
        .map(|(name, bytes)| OutputFile {
            path: out_dir.join(name),
            sha256: hex(&Sha256::digest(bytes)),
            size: bytes.len() as u64,
        })
        .collect();
    let manifest = Manifest::new(hash, &report.outputs, output, &report.diagnostics);
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    files.push((MANIFEST.to_string(), manifest_bytes));
    match publish_dir(output, slug, &files, opts.durable) {
        Ok(()) => report.status = Status::Built,
        Err(e) => {
            report.outputs.clear();
            report.diagnostics.push(
                Diagnostic::error(
                    "io.write",
                    format!(
                        "cannot write the outputs of {slug} to {}: {e}",
                        out_dir.display()
                    ),
                )
                .hint("check free space and permissions of the output folder"),
            );
            remove_article_dir(&out_dir, &mut report.diagnostics);
        }
    }
    report
}

/// Loads, checks and converts one article in memory into the files of `opts.formats`
/// (name, bytes), adding its diagnostics (the checks', the emitters' losses and missing
/// facts) to `diags`. `None` when it has errors or its issue's shared files have.
fn convert_article(
    issue: &SharedIssue,
    slug: &str,
    opts: &BuildOptions,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, Vec<u8>)>> {
    let loaded = issue.load_article(slug, limits);
    diags.extend(loaded.diagnostics);
    let (Some(article), Some(iss), Some(contribs), true) = (
        &loaded.article,
        &issue.issue,
        &issue.contributors,
        issue.ok(),
    ) else {
        return None;
    };
    let assets = match read_assets(&article.value, &loaded.dir) {
        Ok(a) => a,
        Err(d) => {
            diags.push(d.in_file(loaded.dir.join(ARTICLE_FILE)));
            return None;
        }
    };
    let ctx = Context {
        issue: &iss.value,
        contributors: &contribs.value,
        slug,
        assets: &assets,
        options: &opts.emit,
    };
    let docs = Docs {
        article: &article.doc,
        contributors: &contribs.doc,
        issue: &iss.doc,
    };
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut failed = false;
    for &format in &opts.formats {
        match format.emit(&article.value, &ctx) {
            Ok(emitted) => {
                docs.report(&emitted.losses, &emitted.missing, diags);
                files.push((format.file_name(slug), emitted.bytes));
            }
            Err(EmitError::Unwritable(msg)) => {
                failed = true;
                diags.push(
                    Diagnostic::error(
                        format!("emit.{}", format.name().to_lowercase().replace(' ', "-")),
                        msg,
                    )
                    .in_file(&article.doc.path),
                );
            }
        }
    }
    (!failed).then_some(files)
}

/// Turns emitters' losses and missing facts into diagnostics pointing into the right file.
pub(super) struct Docs<'a> {
    pub(super) article: &'a Document,
    pub(super) contributors: &'a Document,
    pub(super) issue: &'a Document,
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

    pub(super) fn report(&self, losses: &[Loss], missing: &[Loss], out: &mut Vec<Diagnostic>) {
        for (severity, list) in [(Severity::Loss, losses), (Severity::Warning, missing)] {
            for l in list {
                let d = self.diagnostic(severity, l);
                if !out.contains(&d) {
                    out.push(d);
                }
            }
        }
    }
}

/// Reads the article's image files (validation has checked they are regular files
/// inside its folder and not too large).
pub(super) fn read_assets(
    article: &Article,
    dir: &Path,
) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let mut assets = BTreeMap::new();
    let mut result = Ok(());
    walk_blocks(&article.body, "/body", &mut |p, b| {
        if let (Block::Figure(f), Ok(())) = (b, &result)
            && !assets.contains_key(&f.image)
        {
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
