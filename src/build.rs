//! The batch driver: runs validation and the emitters over every selected article, in
//! parallel, and writes the outputs. The only stage that writes files.
//!
//! **Isolation.** Each article is loaded, checked, converted and written on its own; a
//! bad article gets its diagnostics and no output, the others complete. Articles are
//! loaded one at a time per worker and dropped when written, so memory does not grow
//! with the size of the batch.
//!
//! **Atomic output.** An article's outputs form one unit, its folder `DIR/<slug>/`:
//! every file is written and flushed into a fresh staging folder beside it, which then
//! replaces the old folder in one step (`renameat2(RENAME_EXCHANGE)` on Linux; on other
//! systems the old folder is renamed aside first, so a kill in between leaves the article
//! with no outputs rather than a mix). A reader, or a kill at any moment, sees either
//! the complete old set or the complete new set, never a truncated file or a mix of
//! old and new. Staging folders left by a killed run are hidden (`.galley-staging-*`)
//! and removed by the next run. An article that now fails has its folder removed, so
//! no stale output survives. The issue-level EPUB is one file, written to a temporary
//! file and renamed into place.
//!
//! **Incremental.** Each article's folder holds `.galley-manifest.json`: a SHA-256 over
//! the tool itself, the options, the issue's shared files and every file in the
//! article's folder, with the outputs' hashes and the diagnostics of the build. When the
//! hash is unchanged and the outputs are intact, the article is skipped without touching
//! a file; `--force` rebuilds everything. The issue EPUB keeps a manifest beside it
//! (`.<name>.epub.galley-manifest.json`) over the shared files and every article's hash.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Severity};
use crate::emit::{Context, EmitError, EmitOptions, Format, InputFile, Loss};
use crate::issue::{
    ARTICLE_FILE, CONTRIBUTORS_FILE, ISSUE_FILE, IssueSelection, SharedIssue, issue_name,
};
use crate::model::walk_blocks;
use crate::model::{Article, Block};
use crate::yaml::{Document, Limits};

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The output folder; `None` checks the input and writes nothing (`galley validate`).
    pub output: Option<PathBuf>,
    /// The formats to convert into: written with an output folder, made in memory and
    /// dropped when validating (so that `validate` reports what `build` would).
    pub formats: Vec<Format>,
    /// Options passed to the emitters.
    pub emit: EmitOptions,
    /// Worker threads (0: one per core).
    pub jobs: usize,
    /// Rebuild even articles whose inputs have not changed.
    pub force: bool,
    /// Flush every output to disk before it is renamed into place, so that outputs
    /// survive a power cut or a crash of the machine, not only a killed process.
    pub durable: bool,
    /// Process only this shard of the batch (`None`: all of it).
    pub shard: Option<Shard>,
}

/// One of `count` disjoint parts of a batch (`galley build --shard K/N`), for spreading a
/// large corpus over machines with an engine that runs N jobs (a CI matrix, GNU parallel,
/// indexed jobs, job arrays). Every output name — an article's slug, an issue EPUB's file
/// name, unique in a batch (see `issue::output_collisions`) — belongs to one shard, chosen
/// by a hash of the name alone: the same on every machine and from every path form, and
/// stable when articles are added (a name never moves to another shard). The union of the
/// N shards' outputs is the full build's, byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, from 1.
    pub index: usize,
    /// How many parts.
    pub count: usize,
}

impl Shard {
    /// Whether the output `name` belongs to this shard.
    pub fn owns(&self, name: &str) -> bool {
        let digest = Sha256::digest(name.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        (u64::from_be_bytes(first) % self.count as u64) as usize == self.index - 1
    }
}

impl std::str::FromStr for Shard {
    type Err = String;

    /// `K/N`, with 1 ≤ K ≤ N.
    fn from_str(s: &str) -> Result<Self, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("`{s}` is not K/N (e.g. 2/4: the second of four shards)"))?;
        let number = |x: &str| {
            x.trim()
                .parse::<usize>()
                .map_err(|_| format!("`{x}` in `{s}` is not a whole number"))
        };
        let (index, count) = (number(k)?, number(n)?);
        if count == 0 || index == 0 || index > count {
            return Err(format!(
                "`{s}`: K must be from 1 to N (and N at least 1), e.g. 1/4 … 4/4"
            ));
        }
        Ok(Shard { index, count })
    }
}

/// What happened to one article (or to an issue's EPUB).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Converted and written.
    Built,
    /// Inputs unchanged since the last build; nothing written.
    Unchanged,
    /// Checked and found valid (validation only).
    Valid,
    /// Failed: diagnostics, no outputs.
    Failed,
    /// Not processed: the run was interrupted.
    Skipped,
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputFile {
    /// Its path.
    pub path: PathBuf,
    /// SHA-256 of its bytes, in hex.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
}

/// The result for one article, or for one issue-level EPUB.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The issue folder.
    pub issue: PathBuf,
    /// The article's slug, or the issue EPUB's file name.
    pub name: String,
    /// What the report is about: the article's folder, or the issue EPUB's path in the
    /// output folder (the issue folder when validating).
    pub path: PathBuf,
    /// Whether this is the issue-level EPUB.
    pub whole_issue: bool,
    /// What happened.
    pub status: Status,
    /// The files it has in the output folder (written now or before, when unchanged).
    pub outputs: Vec<OutputFile>,
    /// Its diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

/// The results of one issue, handed to the caller as soon as the issue is done (and
/// in issue order), so that a batch of any size is never held in memory at once.
#[derive(Debug, Clone, Default)]
pub struct IssueResults {
    /// Problems in the issue's shared files (issue.yaml, contributors.yaml).
    pub shared: Vec<Diagnostic>,
    /// One report per article and, last, one for the issue EPUB.
    pub reports: Vec<Report>,
}

impl IssueResults {
    /// Every diagnostic of the issue.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.shared
            .iter()
            .chain(self.reports.iter().flat_map(|a| a.diagnostics.iter()))
    }
}

/// Counts over a whole batch.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Articles looked at.
    pub articles: usize,
    /// Articles converted and written.
    pub built: usize,
    /// Articles skipped as unchanged.
    pub unchanged: usize,
    /// Articles found valid (validation only).
    pub valid: usize,
    /// Articles that failed.
    pub failed: usize,
    /// Articles not processed because the run was interrupted.
    pub skipped: usize,
    /// Issue EPUBs written or unchanged.
    pub issue_epubs: usize,
    /// Diagnostics by severity.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Losses.
    pub losses: usize,
    /// Whether a failure of the tool or its environment occurred.
    pub tool_failure: bool,
    /// Whether the run was interrupted.
    pub interrupted: bool,
}

impl Summary {
    fn add(&mut self, r: &IssueResults) {
        for d in r.diagnostics() {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Loss => self.losses += 1,
            }
            self.tool_failure |= d.is_tool_failure();
        }
        for rep in &r.reports {
            if rep.whole_issue {
                self.issue_epubs += usize::from(rep.status != Status::Failed);
                continue;
            }
            self.articles += 1;
            match rep.status {
                Status::Built => self.built += 1,
                Status::Unchanged => self.unchanged += 1,
                Status::Valid => self.valid += 1,
                Status::Failed => self.failed += 1,
                Status::Skipped => self.skipped += 1,
            }
        }
    }

    /// The exit status: 2 tool failure or interrupted, 1 errors (or, with `strict`,
    /// warnings and losses), 0 clean.
    pub fn exit_status(&self, strict: bool) -> u8 {
        if self.tool_failure || self.interrupted {
            2
        } else if self.errors > 0 || (strict && self.warnings + self.losses > 0) {
            1
        } else {
            0
        }
    }
}

/// Set by the SIGINT handler: workers start no new article.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Runs a batch over the selected issues. `progress` is called after each article.
pub fn run(
    sels: &[IssueSelection],
    opts: &BuildOptions,
    progress: &(dyn Fn(&Report) + Sync),
    sink: &mut dyn FnMut(IssueResults),
) -> Summary {
    let limits = Limits::default();
    let mut summary = Summary::default();
    let mut give = |r: IssueResults, summary: &mut Summary| {
        summary.add(&r);
        sink(r);
    };
    if let Some(out) = &opts.output {
        if let Err(e) = std::fs::create_dir_all(out) {
            let shared = vec![
                Diagnostic::error(
                    "io.write",
                    format!("cannot create the output folder {}: {e}", out.display()),
                )
                .hint("check the path and its permissions"),
            ];
            give(
                IssueResults {
                    shared,
                    reports: Vec::new(),
                },
                &mut summary,
            );
            return summary;
        }
        remove_leftovers(out);
    }
    let fingerprint = fingerprint(opts);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build()
        .ok();
    let threads = pool
        .as_ref()
        .map_or(1, rayon::ThreadPool::current_num_threads);
    // Issues go in ordered chunks of a few per thread: processed in parallel (and the
    // articles of each in parallel too; rayon nests them), handed over in order, then
    // dropped. Memory follows the number of threads, not the size of the batch.
    for chunk in sels.chunks(2 * threads) {
        let work = || {
            chunk
                .par_iter()
                .map(|sel| process_issue(sel, opts, &fingerprint, &limits, progress))
                .collect::<Vec<_>>()
        };
        let results = match &pool {
            Some(p) => p.install(work),
            None => work(),
        };
        for r in results {
            give(r, &mut summary);
        }
    }
    summary.interrupted = INTERRUPTED.load(Ordering::SeqCst);
    summary
}

fn process_issue(
    sel: &IssueSelection,
    opts: &BuildOptions,
    fingerprint: &str,
    limits: &Limits,
    progress: &(dyn Fn(&Report) + Sync),
) -> IssueResults {
    let issue = crate::issue::load_shared(sel, limits);
    let mine = |name: &str| opts.shard.is_none_or(|s| s.owns(name));
    let epub_mine = mine(&format!("{}.epub", issue_name(&issue.dir)));
    // With shards, the issue EPUB's shard also converts the issue's other articles in
    // memory (writing nothing, reporting nothing of theirs): the EPUB is made only when
    // every article converts, as in a full build.
    let validating = BuildOptions {
        output: None,
        ..opts.clone()
    };
    let done: Vec<(bool, Report)> = issue
        .slugs
        .par_iter()
        .filter(|slug| epub_mine || mine(slug))
        .map(|slug| {
            let own = mine(slug);
            let r = if INTERRUPTED.load(Ordering::SeqCst) {
                Report {
                    issue: issue.dir.clone(),
                    name: slug.to_string(),
                    path: issue.dir.join(slug),
                    whole_issue: false,
                    status: Status::Skipped,
                    outputs: Vec::new(),
                    diagnostics: Vec::new(),
                }
            } else if own {
                process_article(&issue, slug, opts, fingerprint, limits)
            } else {
                process_article(&issue, slug, &validating, fingerprint, limits)
            };
            if own {
                progress(&r);
            }
            (own, r)
        })
        .collect();
    let wants_epub = epub_mine && !INTERRUPTED.load(Ordering::SeqCst);
    let all: Vec<&Report> = done.iter().map(|(_, r)| r).collect();
    let epub = if wants_epub {
        issue_epub(&issue, &all, opts, fingerprint, limits)
    } else {
        None
    };
    let mut reports: Vec<Report> = done
        .into_iter()
        .filter_map(|(own, r)| own.then_some(r))
        .collect();
    if let Some(r) = epub {
        progress(&r);
        reports.push(r);
    }
    IssueResults {
        shared: issue.diagnostics,
        reports,
    }
}

/// What makes outputs differ besides the inputs: the tool itself and the options.
fn fingerprint(opts: &BuildOptions) -> String {
    static EXE: OnceLock<String> = OnceLock::new();
    let exe = EXE.get_or_init(|| {
        // The running binary's size and modification time: a rebuilt galley invalidates
        // old outputs, without hashing megabytes of binary on every run.
        std::env::current_exe()
            .ok()
            .and_then(|p| std::fs::metadata(p).ok())
            .map(|m| {
                let mtime = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos());
                format!("{}-{mtime}", m.len())
            })
            .unwrap_or_default()
    });
    format!(
        "galley {} {exe} formats={:?} {:?}",
        env!("CARGO_PKG_VERSION"),
        opts.formats,
        opts.emit
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A SHA-256 over the fingerprint, the issue's shared files and every file in the
/// article's folder (by relative path). Symbolic links are hashed by their target's
/// path, never followed, so nothing outside the folder is read.
fn input_hash(
    issue: &SharedIssue,
    slug: &str,
    fingerprint: &str,
    limits: &Limits,
) -> std::io::Result<String> {
    let mut h = Sha256::new();
    h.update(fingerprint.as_bytes());
    // The shared files are read as their loader reads them: a named pipe or a device is not
    // read (it could block or never end) and fails the load; then only the name is hashed.
    for name in [ISSUE_FILE, CONTRIBUTORS_FILE] {
        h.update(name.as_bytes());
        h.update(
            crate::yaml::read_file(&issue.dir.join(name), limits.max_bytes).unwrap_or_default(),
        );
    }
    let dir = issue.dir.join(slug);
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .follow_links(false)
    {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        h.update(rel.to_string_lossy().as_bytes());
        h.update([0]);
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path())?;
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        } else if entry.file_type().is_symlink() {
            h.update(
                std::fs::read_link(entry.path())?
                    .to_string_lossy()
                    .as_bytes(),
            );
        }
    }
    Ok(hex(&h.finalize()))
}

/// What an article's output folder records about its last build.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    input_hash: String,
    outputs: Vec<OutputFile>,
    diagnostics: Vec<Diagnostic>,
}

const MANIFEST: &str = ".galley-manifest.json";

impl Manifest {
    /// A manifest for outputs in `output`: their paths are kept relative to it, so that an
    /// output folder can be moved, or merged from shards built elsewhere, and stay current.
    fn new(
        input_hash: String,
        outputs: &[OutputFile],
        output: &Path,
        diags: &[Diagnostic],
    ) -> Self {
        let outputs = outputs
            .iter()
            .map(|o| OutputFile {
                path: o.path.strip_prefix(output).unwrap_or(&o.path).to_path_buf(),
                ..o.clone()
            })
            .collect();
        Manifest {
            input_hash,
            outputs,
            diagnostics: diags.to_vec(),
        }
    }
}

/// Reads a manifest of outputs in `output`, with their paths made whole again.
fn read_manifest(path: &Path, output: &Path) -> Option<Manifest> {
    let mut m: Manifest = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    for o in &mut m.outputs {
        o.path = output.join(&o.path);
    }
    Some(m)
}

/// Whether every output a manifest lists is still there with its recorded size.
fn outputs_intact(m: &Manifest) -> bool {
    m.outputs
        .iter()
        .all(|o| std::fs::metadata(&o.path).is_ok_and(|meta| meta.len() == o.size))
}

fn process_article(
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

    fn report(&self, losses: &[Loss], missing: &[Loss], out: &mut Vec<Diagnostic>) {
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
fn read_assets(article: &Article, dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
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

/// Writes `files` into a new staging folder beside `output/slug` and swaps it into place.
///
/// Renaming is what makes the set atomic for readers and against a killed process; with
/// `durable`, every file and the folder are also flushed to disk first, which a power cut
/// needs and which costs most of a build's time on ordinary disks.
fn publish_dir(
    output: &Path,
    slug: &str,
    files: &[(String, Vec<u8>)],
    durable: bool,
) -> std::io::Result<()> {
    publish_dir_with(output, slug, files, durable, &|path: &Path| {
        Ok(Box::new(SyncedFile {
            file: std::fs::File::create(path)?,
            durable,
        }) as Box<dyn Write>)
    })
}

/// A file that is flushed to disk, if asked, when the writer is done with it.
struct SyncedFile {
    file: std::fs::File,
    durable: bool,
}

impl Write for SyncedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()?;
        if self.durable {
            self.file.sync_all()?;
        }
        Ok(())
    }
}

/// [`publish_dir`] with the way files are opened for writing given, so that tests can
/// make writing fail part-way (a full disk).
fn publish_dir_with(
    output: &Path,
    slug: &str,
    files: &[(String, Vec<u8>)],
    durable: bool,
    create: &dyn Fn(&Path) -> std::io::Result<Box<dyn Write>>,
) -> std::io::Result<()> {
    let staging = tempfile::Builder::new()
        .prefix(".galley-staging-")
        .tempdir_in(output)?;
    for (name, bytes) in files {
        let path = staging.path().join(name);
        let mut f = create(&path)?;
        f.write_all(bytes)?;
        f.flush()?;
        drop(f);
        set_mode(&path, 0o644)?;
    }
    set_mode(staging.path(), 0o755)?;
    if durable {
        std::fs::File::open(staging.path())?.sync_all()?;
    }
    let target = output.join(slug);
    if target.exists() {
        swap_dirs(staging.path(), &target)?;
        // `staging` now holds the old outputs; dropping it removes them.
    } else {
        std::fs::rename(staging.path(), &target)?;
        // Nothing is left at the staging path; keep the TempDir from trying to remove it.
        let _ = staging.keep();
    }
    if durable && let Ok(d) = std::fs::File::open(output) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Exchanges two folders in one step where the system can; else moves the old aside
/// first (after which `a` holds the old folder in both cases).
fn swap_dirs(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    let aside = a.with_extension("old");
    std::fs::rename(b, &aside)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&aside, a)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) -> std::io::Result<()> {
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, flushes it and renames it over
/// `path`: readers see the old file or the new one, never a part.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".galley-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    set_mode(tmp.path(), 0o644)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes an article's output folder after it failed, so that no output goes stale.
fn remove_article_dir(dir: &Path, diags: &mut Vec<Diagnostic>) {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => diags.push(Diagnostic::warning(
            "build.removed-stale",
            format!("removed {}: the article no longer builds", dir.display()),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => diags.push(Diagnostic::error(
            "io.write",
            format!("cannot remove stale outputs {}: {e}", dir.display()),
        )),
    }
}

/// Removes staging folders and temporary files a killed run left in the output folder.
fn remove_leftovers(output: &Path) {
    let Ok(entries) = std::fs::read_dir(output) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(".galley-staging-") {
            let _ = std::fs::remove_dir_all(e.path());
        } else if name.starts_with(".galley-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The issue-level EPUB `DIR/<issue name>.epub`: all articles in issue order and "About
/// the Authors". Written when the whole issue was selected and every article built;
/// removed when one failed; skipped when none of its inputs changed. When validating,
/// made in memory (once every article is valid) for its diagnostics.
fn issue_epub(
    issue: &SharedIssue,
    reports: &[&Report],
    opts: &BuildOptions,
    fingerprint: &str,
    limits: &Limits,
) -> Option<Report> {
    if !issue.whole || issue.slugs.is_empty() || !opts.formats.contains(&Format::Epub) {
        return None; // only part of the issue was asked for, or no EPUB
    }
    let name = issue_name(&issue.dir);
    let mut report = Report {
        issue: issue.dir.clone(),
        name: format!("{name}.epub"),
        path: opts
            .output
            .as_ref()
            .map_or_else(|| issue.dir.clone(), |o| o.join(format!("{name}.epub"))),
        whole_issue: true,
        status: Status::Failed,
        outputs: Vec::new(),
        diagnostics: Vec::new(),
    };
    let articles_ok = issue.ok() && reports.iter().all(|r| r.status != Status::Failed);
    let Some(output) = opts.output.as_ref() else {
        if !articles_ok {
            return None; // the articles' failures say it all
        }
        if emit_issue_epub(issue, reports, opts, limits, &name, &mut report.diagnostics).is_some() {
            report.status = Status::Valid;
        }
        return Some(report);
    };
    let path = report.path.clone();
    let manifest_path = output.join(format!(".{name}.epub.galley-manifest.json"));
    if !articles_ok {
        let _ = std::fs::remove_file(&manifest_path);
        match std::fs::remove_file(&path) {
            Ok(()) => report.diagnostics.push(Diagnostic::warning(
                "build.removed-stale",
                format!(
                    "removed {}: an article of the issue no longer builds",
                    path.display()
                ),
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => report.diagnostics.push(Diagnostic::error(
                "io.write",
                format!("cannot remove stale output {}: {e}", path.display()),
            )),
        }
        return Some(report);
    }
    // Its inputs: the shared files and every article's own input hash, in issue order.
    let mut h = Sha256::new();
    h.update(fingerprint.as_bytes());
    h.update(b"issue-epub");
    for slug in &issue.slugs {
        h.update(slug.as_bytes());
        h.update(
            input_hash(issue, slug, fingerprint, limits)
                .unwrap_or_default()
                .as_bytes(),
        );
    }
    let hash = hex(&h.finalize());
    if !opts.force
        && let Some(m) = read_manifest(&manifest_path, output)
        && m.input_hash == hash
        && outputs_intact(&m)
    {
        report.status = Status::Unchanged;
        report.outputs = m.outputs;
        report.diagnostics = m.diagnostics;
        return Some(report);
    }
    let bytes = emit_issue_epub(issue, reports, opts, limits, &name, &mut report.diagnostics)?;
    let file = OutputFile {
        path: path.clone(),
        sha256: hex(&Sha256::digest(&bytes)),
        size: bytes.len() as u64,
    };
    let manifest = Manifest::new(
        hash,
        std::slice::from_ref(&file),
        output,
        &report.diagnostics,
    );
    let written = write_atomically(&path, &bytes).and_then(|()| {
        write_atomically(
            &manifest_path,
            &serde_json::to_vec_pretty(&manifest).unwrap_or_default(),
        )
    });
    match written {
        Ok(()) => {
            report.status = Status::Built;
            report.outputs = vec![file];
        }
        Err(e) => report.diagnostics.push(
            Diagnostic::error("io.write", format!("cannot write {}: {e}", path.display()))
                .hint("check free space and permissions of the output folder"),
        ),
    }
    Some(report)
}

/// Makes the issue EPUB in memory, adding its diagnostics (the losses and missing facts
/// that no article's own EPUB reported) to `diags`. `None` when it cannot be made.
fn emit_issue_epub(
    issue: &SharedIssue,
    reports: &[&Report],
    opts: &BuildOptions,
    limits: &Limits,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<u8>> {
    let (Some(iss), Some(contribs)) = (&issue.issue, &issue.contributors) else {
        return None;
    };
    // The articles are loaded again here, one issue at a time: an issue is small, a
    // batch may not be.
    let mut loaded = Vec::new();
    for slug in &issue.slugs {
        let a = issue.load_article(slug, limits);
        let Some(checked) = &a.article else {
            return None;
        };
        let assets = match read_assets(&checked.value, &a.dir) {
            Ok(x) => x,
            Err(d) => {
                diags.push(d.in_file(a.dir.join(ARTICLE_FILE)));
                return None;
            }
        };
        loaded.push((a, assets));
    }
    // Each article resolved and its EPUB made in memory (temporary: the article pass
    // will hand these over).
    let mut resolved = Vec::new();
    for (a, assets) in &loaded {
        let article = &a.article.as_ref()?.value;
        let ctx = crate::emit::Context {
            issue: &iss.value,
            contributors: &contribs.value,
            slug: &a.slug,
            assets,
            options: &opts.emit,
        };
        let r = crate::resolve::resolve(article, &ctx).ok()?;
        let epub = Format::Epub.emit_resolved(&r).ok()?.bytes;
        resolved.push((r, epub));
    }
    let articles: Vec<crate::emit::epub::IssueArticle<'_>> = resolved
        .iter()
        .map(|(r, epub)| crate::emit::epub::IssueArticle { resolved: r, epub })
        .collect();
    let first = loaded.first()?.0.article.as_ref()?;
    let docs = Docs {
        article: &first.doc,
        contributors: &contribs.doc,
        issue: &iss.doc,
    };
    match crate::emit::epub::emit_issue(&iss.value, &contribs.value, name, &articles, &opts.emit) {
        Ok(emitted) => {
            // A fact an article's own EPUB lost too is reported once, with the article.
            let already = |l: &Loss| {
                reports
                    .iter()
                    .flat_map(|r| &r.diagnostics)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails once `left` bytes are written, as a full disk does.
    struct FullDisk {
        inner: std::fs::File,
        left: usize,
    }

    impl Write for FullDisk {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::Error::other("No space left on device"));
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            self.inner.write(&buf[..n])
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }

    fn files(tag: &str) -> Vec<(String, Vec<u8>)> {
        vec![
            (
                "a.xml".to_string(),
                format!("<a>{tag}</a>").repeat(1000).into_bytes(),
            ),
            (
                "b.xml".to_string(),
                format!("<b>{tag}</b>").repeat(1000).into_bytes(),
            ),
        ]
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_full_disk_part_way_leaves_the_old_outputs_whole_and_no_debris() {
        let out = tempfile::tempdir().unwrap();
        publish_dir(out.path(), "art", &files("old"), true).unwrap();
        let before_a = std::fs::read(out.path().join("art/a.xml")).unwrap();
        for budget in [0, 10, 5000, 9000] {
            let create = move |p: &Path| {
                Ok(Box::new(FullDisk {
                    inner: std::fs::File::create(p)?,
                    left: budget,
                }) as Box<dyn Write>)
            };
            let err =
                publish_dir_with(out.path(), "art", &files("new"), true, &create).unwrap_err();
            assert!(err.to_string().contains("No space"), "{err}");
            // The old set is intact, nothing new is visible, no staging folder remains.
            assert_eq!(
                std::fs::read(out.path().join("art/a.xml")).unwrap(),
                before_a
            );
            assert_eq!(listing(out.path()), vec!["art".to_string()]);
            assert_eq!(
                listing(&out.path().join("art")),
                vec!["a.xml".to_string(), "b.xml".to_string()]
            );
        }
    }

    #[test]
    fn publishing_replaces_the_whole_set() {
        let out = tempfile::tempdir().unwrap();
        publish_dir(out.path(), "art", &files("old"), false).unwrap();
        let mut new = files("new");
        new.pop();
        publish_dir(out.path(), "art", &new, false).unwrap();
        // b.xml belonged to the old set only: it is gone, not left stale beside the new.
        assert_eq!(listing(&out.path().join("art")), vec!["a.xml".to_string()]);
        assert!(
            std::fs::read_to_string(out.path().join("art/a.xml"))
                .unwrap()
                .contains("new")
        );
        assert_eq!(listing(out.path()), vec!["art".to_string()]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(out.path().join("art/a.xml"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }
}
