//! One article through the pipeline: hashed, loaded, checked, converted in memory and
//! published as one unit (or its stale outputs removed).

use std::collections::BTreeMap;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::manifest::{
    ArticleInputs, MANIFEST, Manifest, StatKey, Stats, hex, outputs_intact, read_manifest,
    read_manifest_timed, rewrite_manifest,
};
use super::publish::{publish_dir, remove_article_dir};
use super::{BuildOptions, OutputFile, Report, Status};
use crate::diag::{Diagnostic, Severity};
use crate::emit::{Context, EmitError, Format, InputFile, Loss};
use crate::issue::{ARTICLE_FILE, SharedIssue};
use crate::model::Article;
use crate::model::for_each_figure;
use crate::resolve::resolve;
use crate::validate::Checked;
use crate::validate::FolderFiles;
use crate::yaml::{Document, Limits};

/// A report on the article `slug` that says nothing yet.
pub(super) fn new_report(issue_dir: &Path, slug: &str, status: Status) -> Report {
    Report {
        issue: issue_dir.to_path_buf(),
        name: slug.to_string(),
        path: issue_dir.join(slug),
        whole_issue: false,
        status,
        outputs: Vec::new(),
        diagnostics: Vec::new(),
        packages: Vec::new(),
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
    keep: bool,
) -> (Report, Option<ArticlePass>) {
    let mut report = new_report(&issue.dir, slug, Status::Failed);
    let converted = convert_article(issue, slug, opts, inputs, limits, &mut report.diagnostics);
    let pass = converted.map(|c| {
        report.status = Status::Valid;
        c.pass(keep)
    });
    (report, pass.flatten())
}

/// An article whose manifest vouches by stat data alone that it is unchanged.
pub(super) struct Vouched {
    /// Its report: unchanged, with the manifest's outputs and diagnostics.
    pub(super) report: Report,
    /// Its input hash, as the manifest records it.
    pub(super) hash: String,
    /// Its place in the issue's list and the shared files' diagnostics, as the manifest
    /// records them (see [`Stats`]).
    pub(super) position: Option<usize>,
    pub(super) shared: Vec<Diagnostic>,
}

/// The article `slug` of the issue folder `issue_dir` when its manifest in `output`
/// vouches by stat data alone (see [`StatKey::vouches`]) that its inputs are unchanged,
/// and its outputs are intact. Nothing of its folder is read, nor the shared files.
pub(super) fn unchanged_by_stat(
    issue_dir: &Path,
    slug: &str,
    output: &Path,
    key: &StatKey,
) -> Option<Vouched> {
    let out_dir = output.join(slug);
    let (m, manifest_ns) = read_manifest_timed(&out_dir.join(MANIFEST), output)?;
    let stat = m.stat?;
    if !(key.vouches(&stat, &issue_dir.join(slug), manifest_ns) && outputs_intact(&m.outputs)) {
        return None;
    }
    let mut report = new_report(issue_dir, slug, Status::Unchanged);
    report.outputs = m.outputs;
    report.diagnostics = m.diagnostics;
    Some(Vouched {
        report,
        hash: m.input_hash,
        position: stat.position,
        shared: stat.shared_diagnostics,
    })
}

/// Builds one article into `output`, from its folder as read (`inputs`): skipped when its
/// input hash matches its manifest and its outputs are intact (the manifest's stat data
/// then refreshed, when they differ), else loaded, checked, converted and published as
/// one unit (or its stale outputs removed).
pub(super) fn build_article(
    issue: &SharedIssue,
    slug: &str,
    opts: &BuildOptions,
    output: &Path,
    inputs: &std::io::Result<ArticleInputs>,
    limits: &Limits,
    keep: bool,
) -> (Report, Option<ArticlePass>) {
    let mut report = new_report(&issue.dir, slug, Status::Failed);
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
            return (report, None);
        }
    };
    if !opts.force
        && issue.ok()
        && let Some(m) = read_manifest(&out_dir.join(MANIFEST), output)
        && m.input_hash == inputs.hash
        && outputs_intact(&m.outputs)
    {
        if inputs.stats.is_some() && m.stat != inputs.stats {
            // The same bytes with other stat data (touched, copied, restored): recorded,
            // so that the next run need not read them.
            let fresh = Manifest::new(
                m.input_hash,
                &m.outputs,
                output,
                &m.diagnostics,
                inputs.stats.clone(),
            );
            if let Err(e) = rewrite_manifest(output, &out_dir, &fresh, opts.durable) {
                report.diagnostics.push(
                    Diagnostic::warning(
                        "io.write",
                        format!("cannot update {}: {e}", out_dir.join(MANIFEST).display()),
                    )
                    .hint("the outputs are current; the next run reads the inputs again"),
                );
            }
        }
        report.status = Status::Unchanged;
        report.outputs = m.outputs;
        report.diagnostics.extend(m.diagnostics);
        return (report, None);
    }
    let converted = convert_article(
        issue,
        slug,
        opts,
        Some(inputs),
        limits,
        &mut report.diagnostics,
    );
    let Some(converted) = converted else {
        remove_article_dir(&out_dir, &mut report.diagnostics);
        return (report, None);
    };
    let mut converted = converted;
    let carried = if opts.formats.len() < Format::ALL.len() {
        carried_over(&out_dir, &converted.files)
    } else {
        Vec::new()
    };
    publish(
        &mut report,
        (&mut converted.files, carried),
        output,
        (&inputs.hash, inputs.stats.as_ref()),
        opts.durable,
    );
    let pass = (report.status == Status::Built)
        .then(|| converted.pass(keep))
        .flatten();
    (report, pass)
}

/// Converts an article again, in memory and as an EPUB only, for the issue EPUB (an
/// article unchanged since the last build was not converted in this one); its
/// diagnostics were reported with the article.
pub(super) fn reconvert(
    issue: &SharedIssue,
    slug: &str,
    opts: &BuildOptions,
    inputs: Option<&ArticleInputs>,
    limits: &Limits,
) -> Option<ArticlePass> {
    let epub_only = BuildOptions {
        output: None,
        formats: vec![Format::Epub],
        ..opts.clone()
    };
    let mut reported = Vec::new();
    convert_article(issue, slug, &epub_only, inputs, limits, &mut reported)?.pass(true)
}

/// What the issue EPUB takes from an article's pass, so that it neither loads, checks,
/// renders nor deflates the article again: the article as loaded, its images, and its
/// own EPUB (whose entries the issue EPUB copies).
pub(super) struct ArticlePass {
    pub(super) article: Checked<Article>,
    pub(super) assets: BTreeMap<String, Vec<u8>>,
    pub(super) epub: Vec<u8>,
}

/// An article converted in memory: its output files (name, bytes) and what it was made
/// from.
struct Converted {
    files: Vec<(String, Vec<u8>)>,
    article: Checked<Article>,
    assets: BTreeMap<String, Vec<u8>>,
    epub_name: Option<String>,
}

impl Converted {
    /// The pass the issue EPUB takes, when `keep` and an EPUB was made.
    fn pass(self, keep: bool) -> Option<ArticlePass> {
        let name = self.epub_name.filter(|_| keep)?;
        let i = self.files.iter().position(|(n, _)| *n == name)?;
        let epub = self.files.into_iter().nth(i)?.1;
        Some(ArticlePass {
            article: self.article,
            assets: self.assets,
            epub,
        })
    }
}

/// A file of an article's output folder: its path in the folder and its bytes.
type NamedFile = (String, Vec<u8>);

/// Publishes an article's converted `files` with their manifest into `output`, recording
/// them in `report` (or the failure, its stale outputs removed).
fn publish(
    report: &mut Report,
    (files, carried): (&mut Vec<NamedFile>, Vec<NamedFile>),
    output: &Path,
    (hash, stats): (&str, Option<&Stats>),
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
        stats.cloned(),
    );
    let built = files.len();
    files.push((MANIFEST.to_string(), manifest.to_bytes()));
    files.extend(carried);
    let published = publish_dir(output, &slug, files, durable);
    files.truncate(built);
    match published {
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

/// With only some formats built (`build --to`), the files of the article's output folder
/// `out_dir` that this build does not write — the other formats' outputs of an earlier
/// build, and the files they refer to — carried into the new folder as they are: neither
/// removed as stale nor recorded as current (the manifest lists this build's outputs, and
/// its fingerprint names the formats built, so a later build of every format rebuilds the
/// article). Regular files only; one that cannot be read is left behind.
fn carried_over(out_dir: &Path, files: &[NamedFile]) -> Vec<NamedFile> {
    let mut carried = Vec::new();
    for entry in walkdir::WalkDir::new(out_dir)
        .follow_links(false)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let Ok(rel) = entry.path().strip_prefix(out_dir) else {
            continue;
        };
        let Some(name) = rel
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<Vec<&str>>>()
            .map(|parts| parts.join("/"))
        else {
            continue;
        };
        if name == MANIFEST || files.iter().any(|(n, _)| *n == name) {
            continue;
        }
        if let Ok(bytes) = std::fs::read(entry.path()) {
            carried.push((name, bytes));
        }
    }
    carried
}

/// Loads, checks, resolves and converts one article in memory into the files of
/// `opts.formats` (name, bytes), adding its diagnostics (the checks', the emitters'
/// losses and missing facts) to `diags`. `None` when it has errors or its issue's shared
/// files have.
fn convert_article(
    issue: &SharedIssue,
    slug: &str,
    opts: &BuildOptions,
    inputs: Option<&ArticleInputs>,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Converted> {
    let mut loaded = issue.load_article_from(slug, inputs.map(|i| i as &dyn FolderFiles), limits);
    diags.append(&mut loaded.diagnostics);
    let (Some(article), Some(iss), Some(contribs), true) = (
        loaded.article.take(),
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
    let mut files = emit_formats(&article, &ctx, &docs, &opts.formats, diags)?;
    if opts.output.is_some() {
        files.extend(referred_assets(&assets, &opts.formats));
    }
    let epub_name = opts
        .formats
        .contains(&Format::Epub)
        .then(|| Format::Epub.file_name(slug));
    Some(Converted {
        files,
        article,
        assets,
        epub_name,
    })
}

/// The files the JATS and TEI outputs refer to (figures, and whatever else the
/// article's `assets` map holds), written beside them at the path the XML uses, so that
/// an article's output folder is complete: a package taken from it holds every file its
/// XML names. None when neither JATS nor TEI is made (the EPUB carries its images inside,
/// the preview as `data:` URIs). Their paths were checked by validation to be plain paths
/// inside the article's folder and not to take an output's name
/// (`crate::validate::check_asset`); the writer checks them again
/// ([`super::publish::publish_dir`]).
fn referred_assets(
    assets: &BTreeMap<String, Vec<u8>>,
    formats: &[Format],
) -> Vec<(String, Vec<u8>)> {
    if !formats
        .iter()
        .any(|f| matches!(f, Format::Jats | Format::Tei))
    {
        return Vec::new();
    }
    assets
        .iter()
        .map(|(path, bytes)| (path.clone(), bytes.clone()))
        .collect()
}

/// Resolves the article once and runs each format's emitter on it.
fn emit_formats(
    article: &Checked<Article>,
    ctx: &Context<'_>,
    docs: &Docs<'_>,
    formats: &[Format],
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, Vec<u8>)>> {
    let failure =
        |code: String, msg: String| Diagnostic::error(code, msg).in_file(&article.doc.path);
    let resolved = match resolve(&article.value, ctx) {
        Ok(r) => r,
        Err(EmitError::Unwritable(msg)) => {
            diags.push(failure("emit.resolve".into(), msg));
            return None;
        }
    };
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut failed = false;
    for &format in formats {
        match format.emit_resolved(&resolved) {
            Ok(emitted) => {
                docs.report(&emitted.losses, &emitted.missing, diags);
                files.push((format.file_name(ctx.slug), emitted.bytes));
            }
            Err(EmitError::Unwritable(msg)) => {
                failed = true;
                let code = format!("emit.{}", format.name().to_lowercase().replace(' ', "-"));
                diags.push(failure(code, msg));
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

/// The files the article's outputs show or point to, by the path the YAML gives: its
/// figures' images and its supplementary files (validation has checked they are regular
/// files inside its folder and not too large). Taken from `inputs` when the folder was
/// already read, read otherwise (and for a file reached through a symbolic link inside
/// the folder).
pub(super) fn read_assets(
    article: &Article,
    dir: &Path,
    inputs: Option<&ArticleInputs>,
) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let mut wanted: Vec<(String, String)> = Vec::new();
    for_each_figure(article, &mut |p, f| {
        wanted.push((f.image.clone(), format!("{p}/image")));
    });
    for (i, s) in article.supplementary.iter().enumerate() {
        if let Some(file) = &s.file {
            wanted.push((file.clone(), format!("/supplementary/{i}/file")));
        }
    }
    let mut assets = BTreeMap::new();
    for (path, pointer) in wanted {
        if assets.contains_key(&path) {
            continue;
        }
        let known = inputs.and_then(|i| i.file(Path::new(&path)));
        let read = known.map_or_else(|| std::fs::read(dir.join(&path)), |b| Ok(b.to_vec()));
        match read {
            Ok(bytes) => {
                assets.insert(path, bytes);
            }
            Err(e) => {
                return Err(
                    Diagnostic::error("io.read", format!("cannot read {path}: {e}"))
                        .pointer(pointer),
                );
            }
        }
    }
    Ok(assets)
}
