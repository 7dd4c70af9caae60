//! One article through the pipeline: hashed, loaded, checked, converted in memory and
//! published as one unit (or its stale outputs removed).

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::manifest::{ArticleInputs, MANIFEST, Manifest, hex, outputs_intact, read_manifest};
use super::publish::{publish_dir, remove_article_dir};
use super::{BuildOptions, OutputFile, Report, Status};
use crate::diag::{Diagnostic, Severity};
use crate::emit::{Context, EmitError, InputFile, Loss};
use crate::issue::{ARTICLE_FILE, SharedIssue};
use crate::model::walk_blocks;
use crate::model::{Article, Block};
use crate::yaml::{Document, Limits};

/// A report on the article `slug` that says nothing yet.
pub(super) fn new_report(issue: &SharedIssue, slug: &str, status: Status) -> Report {
    Report {
        issue: issue.dir.clone(),
        name: slug.to_string(),
        path: issue.dir.join(slug),
        whole_issue: false,
        status,
        outputs: Vec::new(),
        diagnostics: Vec::new(),
    }
}

/// Validation only: everything a build does but writing, so that `validate` finds
/// whatever `build` would (the emitters' losses and missing facts included). `inputs`,
/// when the folder was already read, saves reading it again.
pub(super) fn validate_article(
    issue: &SharedIssue,
    slug: &str,
    opts: &BuildOptions,
    inputs: Option<&ArticleInputs>,
    limits: &Limits,
) -> Report {
    let mut report = new_report(issue, slug, Status::Failed);
    let converted = convert_article(issue, slug, opts, inputs, limits, &mut report.diagnostics);
    if converted.is_some() {
        report.status = Status::Valid;
    }
    report
}

/// Builds one article into `output`, from its folder as read (`inputs`): skipped when its
/// input hash matches its manifest and its outputs are intact, else loaded, checked,
/// converted and published as one unit (or its stale outputs removed).
pub(super) fn build_article(
    issue: &SharedIssue,
    slug: &str,
    opts: &BuildOptions,
    output: &Path,
    inputs: &std::io::Result<ArticleInputs>,
    limits: &Limits,
) -> Report {
    let mut report = new_report(issue, slug, Status::Failed);
    let out_dir = output.join(slug);
    let inputs = match inputs {
        Ok(i) => i,
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
        && m.input_hash == inputs.hash
        && outputs_intact(&m)
    {
        report.status = Status::Unchanged;
        report.outputs = m.outputs;
        report.diagnostics = m.diagnostics;
        return report;
    }
    let converted = convert_article(
        issue,
        slug,
        opts,
        Some(inputs),
        limits,
        &mut report.diagnostics,
    );
    let Some(files) = converted else {
        remove_article_dir(&out_dir, &mut report.diagnostics);
        return report;
    };
    publish(&mut report, files, output, &inputs.hash, opts.durable);
    report
}

/// Publishes an article's converted `files` with their manifest into `output`, recording
/// them in `report` (or the failure, its stale outputs removed).
fn publish(
    report: &mut Report,
    mut files: Vec<(String, Vec<u8>)>,
    output: &Path,
    hash: &str,
    durable: bool,
) {
    let slug = report.name.clone();
    let out_dir = output.join(&slug);
    report.outputs = files
        .iter()
        .map(|(name, bytes)| OutputFile {
            path: out_dir.join(name),
            sha256: hex(&Sha256::digest(bytes)),
            size: bytes.len() as u64,
        })
        .collect();
    let manifest = Manifest::new(
        hash.to_string(),
        &report.outputs,
        output,
        &report.diagnostics,
    );
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
    files.push((MANIFEST.to_string(), manifest_bytes));
    match publish_dir(output, &slug, &files, durable) {
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
}

/// Loads, checks and converts one article in memory into the files of `opts.formats`
/// (name, bytes), adding its diagnostics (the checks', the emitters' losses and missing
/// facts) to `diags`. `None` when it has errors or its issue's shared files have.
fn convert_article(
    issue: &SharedIssue,
    slug: &str,
    opts: &BuildOptions,
    inputs: Option<&ArticleInputs>,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, Vec<u8>)>> {
    let loaded = issue.load_article_from(slug, inputs.and_then(ArticleInputs::article), limits);
    diags.extend(loaded.diagnostics);
    let (Some(article), Some(iss), Some(contribs), true) = (
        &loaded.article,
        &issue.issue,
        &issue.contributors,
        issue.ok(),
    ) else {
        return None;
    };
    let assets = match read_assets(&article.value, &loaded.dir, inputs) {
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

/// The article's image files (validation has checked they are regular files inside its
/// folder and not too large): taken from `inputs` when the folder was already read, read
/// otherwise (and for an image reached through a symbolic link inside the folder).
pub(super) fn read_assets(
    article: &Article,
    dir: &Path,
    inputs: Option<&ArticleInputs>,
) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let mut assets = BTreeMap::new();
    let mut result = Ok(());
    walk_blocks(&article.body, "/body", &mut |p, b| {
        if let (Block::Figure(f), Ok(())) = (b, &result)
            && !assets.contains_key(&f.image)
        {
            let known = inputs.and_then(|i| i.file(Path::new(&f.image)));
            let read = known.map_or_else(|| std::fs::read(dir.join(&f.image)), |b| Ok(b.to_vec()));
            match read {
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
