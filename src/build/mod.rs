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
//! a file; `--force` rebuilds everything. The manifest also records its inputs' stat data
//! (`manifest::Stats`): when they all match and are older than the manifest, the article
//! is unchanged without its files being read or hashed; else they are hashed, and when
//! only the stat data changed they are rewritten in the manifest. An issue whose every
//! article is unchanged by stat data, and whose EPUB is current, is not loaded at all: its
//! shared files' diagnostics and its order come from the manifests. The issue EPUB keeps a manifest beside it
//! (`.<name>.epub.galley-manifest.json`) over the shared files and every article's hash.

mod article;
mod issue_epub;
mod manifest;
mod publish;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Policy, Severity, Sources, Verdict};
use crate::emit::{EmitOptions, Format};
use crate::issue::{
    ARTICLE_FILE, CONTRIBUTORS_FILE, ISSUE_FILE, IssueSelection, SharedIssue, issue_epub_name,
};
use crate::yaml::Limits;

pub use publish::write_atomically;
pub use publish::{publish_dir, remove_article_dir, remove_leftovers};

use article::ArticlePass;
use issue_epub::issue_epub;
use manifest::{ArticleInputs, StatKey, fingerprint, tool_id};

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
    /// The deposit packages made of its outputs (`galley deposit`): their paths.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<PathBuf>,
}

/// The results of one issue, handed to the caller as soon as the issue is done (and
/// in issue order), so that a batch of any size is never held in memory at once.
#[derive(Debug, Clone, Default)]
pub struct IssueResults {
    /// Problems in the issue's shared files (issue.yaml, contributors.yaml).
    pub shared: Vec<Diagnostic>,
    /// One report per article and, last, one for the issue EPUB.
    pub reports: Vec<Report>,
    /// The texts, as read for this run, of the input files the diagnostics point into
    /// (the shared files, and the articles when writing), so that showing them needs no
    /// second reading; a file not here is read when shown.
    pub sources: Sources,
    /// What the caller's `prepare` (see [`run`]) made of these results on the worker
    /// that processed the issue (the CLI: its diagnostics rendered for people), so that
    /// the caller's own thread only writes it out.
    pub prepared: String,
    /// Diagnostics a [`Policy`] allowed: not reported, counted in the summary.
    pub allowed: usize,
}

impl IssueResults {
    /// Every diagnostic of the issue.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.shared
            .iter()
            .chain(self.reports.iter().flat_map(|a| a.diagnostics.iter()))
    }

    /// Makes the results what a run reports: each diagnostic about one of the issue's
    /// shared files (issue.yaml, contributors.yaml), which every article's conversion
    /// finds again (a loss of the journal's id in each article's EPUB), moved from the
    /// articles' reports to [`Self::shared`], once; then `policy` applied to every
    /// diagnostic (allowed ones dropped and counted in [`Self::allowed`]).
    pub fn settle(&mut self, policy: &Policy) {
        let shared_files: Vec<PathBuf> = self
            .reports
            .first()
            .map(|r| vec![r.issue.join(ISSUE_FILE), r.issue.join(CONTRIBUTORS_FILE)])
            .unwrap_or_default();
        let is_shared = |d: &Diagnostic| {
            d.file
                .as_ref()
                .is_some_and(|f| shared_files.iter().any(|s| s == f))
        };
        for rep in &mut self.reports {
            let (moved, kept): (Vec<Diagnostic>, Vec<Diagnostic>) =
                std::mem::take(&mut rep.diagnostics)
                    .into_iter()
                    .partition(|d| is_shared(d));
            rep.diagnostics = kept;
            for d in moved {
                if !self.shared.contains(&d) {
                    self.shared.push(d);
                }
            }
        }
        let mut allowed = 0;
        let mut keep = |list: &mut Vec<Diagnostic>| {
            *list = std::mem::take(list)
                .into_iter()
                .filter_map(|d| match policy.apply(d) {
                    Verdict::Report(d) => Some(d),
                    Verdict::Allowed => {
                        allowed += 1;
                        None
                    }
                })
                .collect();
        };
        keep(&mut self.shared);
        for rep in &mut self.reports {
            keep(&mut rep.diagnostics);
        }
        self.allowed += allowed;
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
    /// Warnings and losses not reported, allowed by `--allow` or `galley.toml`.
    pub allowed: usize,
    /// Whether a failure of the tool or its environment occurred.
    pub tool_failure: bool,
    /// Whether the run was interrupted.
    pub interrupted: bool,
}

impl Summary {
    fn add(&mut self, r: &IssueResults) {
        self.allowed += r.allowed;
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

/// The code of the notice that an article's (or an issue EPUB's) last outputs were
/// removed because it no longer builds; reports print it after the errors that caused it.
pub const REMOVED_STALE: &str = "build.removed-stale";

/// Where the last good outputs of an article that no longer builds come from.
pub(crate) const REBUILD_HINT: &str = "fix the errors above and build again; the last good \
     outputs can be rebuilt from the previous commit of the input (`git stash` an \
     uncommitted change, or `git worktree add ../last-good HEAD~1`, and build there)";

/// Set by the SIGINT handler: workers start no new article.
pub static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Runs a batch over the selected issues. `progress` is called after each article;
/// `prepare`, on the worker that processed an issue, with its results (to fill
/// [`IssueResults::prepared`], say); `sink`, on the caller's thread, with each issue's
/// results in order.
pub fn run(
    sels: &[IssueSelection],
    opts: &BuildOptions,
    progress: &(dyn Fn(&Report) + Sync),
    prepare: &(dyn Fn(&mut IssueResults) + Sync),
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
                    ..IssueResults::default()
                },
                &mut summary,
            );
            return summary;
        }
        remove_leftovers(out);
    }
    let fingerprint = fingerprint(opts);
    let tool = tool_id(&fingerprint);
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
                .map(|sel| {
                    let mut r = process_issue(sel, opts, (&fingerprint, &tool), &limits, progress);
                    prepare(&mut r);
                    r
                })
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
    (fingerprint, tool): (&str, &str),
    limits: &Limits,
    progress: &(dyn Fn(&Report) + Sync),
) -> IssueResults {
    let mine = |name: &str| opts.shard.is_none_or(|s| s.owns(name));
    let epub_mine = mine(&format!("{}.epub", issue_epub_name(&sel.dir)));
    // The shared files' stat data are taken before they are read, so that a change while
    // they are read shows in them.
    let mut key = opts.output.is_some().then(|| StatKey::new(tool, sel));
    let vouched = vouched_articles(sel, opts, key.as_ref());
    let vouched = match unchanged_issue(sel, vouched, opts, fingerprint, epub_mine) {
        Ok(results) => {
            for r in &results.reports {
                progress(r);
            }
            return results;
        }
        Err(v) => v,
    };
    let issue = crate::issue::load_shared(sel, limits);
    if let Some(key) = &mut key {
        key.load(&issue);
    }
    let run = IssueRun {
        issue: &issue,
        opts,
        // With shards, the issue EPUB's shard also converts the issue's other articles in
        // memory (writing nothing, reporting nothing of theirs): the EPUB is made only
        // when every article converts, as in a full build.
        validating: BuildOptions {
            output: None,
            ..opts.clone()
        },
        // When writing, each article's folder is read once, after the shared files were
        // hashed once for the issue. The issue EPUB takes every article's input hash and,
        // when it may be made, the folders as read, so that none is read again.
        shared: opts
            .output
            .is_some()
            .then(|| manifest::shared_hasher(&issue, fingerprint)),
        key: key.as_ref(),
        limits,
        keep_files: epub_mine && issue_epub::wanted(issue.whole, &issue.slugs, opts),
        progress,
    };
    // Each vouched article in the issue's order (the shared files, unchanged, say they
    // have no error; checked all the same).
    let mut vouched: BTreeMap<String, article::Vouched> = if issue.ok() {
        vouched.into_iter().collect()
    } else {
        BTreeMap::new()
    };
    let vouched: Vec<Option<article::Vouched>> =
        issue.slugs.iter().map(|s| vouched.remove(s)).collect();
    let done: Vec<Done> = issue
        .slugs
        .par_iter()
        .zip(vouched)
        .filter(|(slug, _)| epub_mine || mine(slug))
        .map(|(slug, vouched)| run.article(slug, mine(slug), vouched))
        .collect();
    let wants_epub = epub_mine && !INTERRUPTED.load(Ordering::SeqCst);
    let all: Vec<issue_epub::Processed<'_>> = done
        .iter()
        .map(|d| (&d.report, d.inputs.as_ref(), d.pass.as_ref()))
        .collect();
    let epub = if wants_epub {
        issue_epub(&issue, &all, opts, fingerprint, limits)
    } else {
        None
    };
    drop(all);
    if let Some(r) = &epub {
        progress(r);
    }
    results(issue, done, epub)
}

/// The articles (of this shard) whose manifests vouch by stat data that nothing changed,
/// found before the shared files are loaded: when they are all of the issue's, and its
/// EPUB is current too, the shared files are neither loaded nor checked.
fn vouched_articles(
    sel: &IssueSelection,
    opts: &BuildOptions,
    key: Option<&StatKey>,
) -> Vec<(String, article::Vouched)> {
    let (Some(output), Some(key)) = (&opts.output, key) else {
        return Vec::new();
    };
    if opts.force || INTERRUPTED.load(Ordering::SeqCst) {
        return Vec::new();
    }
    sel.slugs
        .par_iter()
        .filter(|slug| opts.shard.is_none_or(|s| s.owns(slug)))
        .filter_map(|slug| {
            let v = article::unchanged_by_stat(&sel.dir, slug, output, key)?;
            Some((slug.clone(), v))
        })
        .collect()
}

/// What every article of an issue is processed with, once its shared files are loaded.
struct IssueRun<'a> {
    issue: &'a SharedIssue,
    opts: &'a BuildOptions,
    /// `opts` without an output folder: for the articles of other shards.
    validating: BuildOptions,
    /// The hash of the fingerprint and the shared files, that each article's continues.
    shared: Option<Sha256>,
    key: Option<&'a StatKey>,
    limits: &'a Limits,
    /// Whether the issue EPUB may be made (articles keep their pass, or their files).
    keep_files: bool,
    progress: &'a (dyn Fn(&Report) + Sync),
}

impl IssueRun<'_> {
    /// One article: skipped when interrupted, taken from its manifest when vouched for,
    /// else read once and built (or, for another shard's, converted in memory).
    fn article(&self, slug: &str, own: bool, vouched: Option<article::Vouched>) -> Done {
        let issue = self.issue;
        if INTERRUPTED.load(Ordering::SeqCst) {
            let report = article::new_report(&issue.dir, slug, Status::Skipped);
            return Done::without_inputs(own, report);
        }
        // An article whose manifest vouched by stat data that nothing changed is not
        // read: its input hash is the manifest's.
        if let Some(v) = vouched {
            (self.progress)(&v.report);
            let mut done = Done::without_inputs(own, v.report);
            done.inputs = Some(ArticleInputs::unread(v.hash));
            return done;
        }
        let read = self
            .shared
            .as_ref()
            .zip(self.key)
            .map(|(h, key)| manifest::read_inputs(h, key, &issue.dir, slug));
        let (opts, limits, keep) = (self.opts, self.limits, self.keep_files);
        let (report, pass) = match (&opts.output, &read) {
            (Some(output), Some(read)) if own => {
                article::build_article(issue, slug, opts, output, read, limits, keep)
            }
            _ => {
                let opts = if own { opts } else { &self.validating };
                let inputs = read.as_ref().and_then(|r| r.as_ref().ok());
                article::validate_article(issue, slug, opts, inputs, limits, keep)
            }
        };
        if own {
            (self.progress)(&report);
        }
        let text = own
            .then(|| read.as_ref()?.as_ref().ok()?.article())
            .flatten()
            .filter(|_| {
                points_into(
                    &report.diagnostics,
                    &issue.dir.join(slug).join(ARTICLE_FILE),
                )
            })
            .map(<[u8]>::to_vec);
        let inputs = read.and_then(Result::ok).map(|mut i| {
            if !keep || pass.is_some() {
                i.drop_files();
            }
            i
        });
        Done {
            own,
            report,
            inputs,
            text,
            pass,
        }
    }
}

/// The results of an issue whose every article to process was `vouched` unchanged by
/// its manifest, and whose issue EPUB, if it is this run's to make, is current: its
/// reports, in the issue's order, and the shared files' diagnostics, as the manifests
/// record them (the shared files unchanged, loading them would give the same). Nothing
/// read but manifests and stat data. Else `vouched` back, for the issue to be processed
/// as usual.
fn unchanged_issue(
    sel: &IssueSelection,
    mut vouched: Vec<(String, article::Vouched)>,
    opts: &BuildOptions,
    fingerprint: &str,
    epub_mine: bool,
) -> Result<IssueResults, Vec<(String, article::Vouched)>> {
    let epub_wanted = epub_mine && issue_epub::wanted(sel.whole, &sel.slugs, opts);
    let mine = |name: &str| opts.shard.is_none_or(|s| s.owns(name));
    let needed = sel.slugs.iter().filter(|s| epub_wanted || mine(s)).count();
    if needed == 0 || vouched.len() != needed {
        return Err(vouched);
    }
    vouched.sort_by(|(a, va), (b, vb)| {
        (va.position.unwrap_or(usize::MAX), a).cmp(&(vb.position.unwrap_or(usize::MAX), b))
    });
    let epub = if epub_wanted {
        let hashes: Vec<(&str, &str)> = vouched
            .iter()
            .map(|(slug, v)| (slug.as_str(), v.hash.as_str()))
            .collect();
        match issue_epub::unchanged(&sel.dir, &hashes, opts, fingerprint) {
            Some(report) => Some(report),
            None => return Err(vouched),
        }
    } else {
        None
    };
    let shared = vouched
        .first_mut()
        .map(|(_, v)| std::mem::take(&mut v.shared))
        .unwrap_or_default();
    let mut reports: Vec<Report> = vouched.into_iter().map(|(_, v)| v.report).collect();
    reports.extend(epub);
    Ok(IssueResults {
        shared,
        reports,
        sources: Sources::default(),
        prepared: String::new(),
        allowed: 0,
    })
}

/// The issue's results: its own articles' reports and the issue EPUB's, with the texts
/// already read of the files their diagnostics point into.
fn results(issue: SharedIssue, done: Vec<Done>, epub: Option<Report>) -> IssueResults {
    let mut sources = Sources::default();
    let mut reports = Vec::new();
    for d in done.into_iter().filter(|d| d.own) {
        if let Some(text) = &d.text {
            sources.insert_bytes(&d.report.path.join(ARTICLE_FILE), text);
        }
        reports.push(d.report);
    }
    reports.extend(epub);
    let mut results = IssueResults {
        shared: issue.diagnostics,
        reports,
        sources,
        prepared: String::new(),
        allowed: 0,
    };
    for (name, bytes) in &issue.raw {
        let path = issue.dir.join(name);
        if !bytes.is_empty() && points_into(results.diagnostics(), &path) {
            results.sources.insert_bytes(&path, bytes);
        }
    }
    results
}

/// Whether one of `diags` shows a place in the file `path`.
fn points_into<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>, path: &Path) -> bool {
    diags
        .into_iter()
        .any(|d| d.span.is_some() && d.file.as_deref() == Some(path))
}

/// One article processed: whether its shard is this one, its report, and its folder as
/// read (when writing).
struct Done {
    own: bool,
    report: Report,
    inputs: Option<ArticleInputs>,
    /// Its `article.yaml` as read, when its diagnostics point into it.
    text: Option<Vec<u8>>,
    /// What the issue EPUB takes from the article's pass, when it may be made.
    pass: Option<ArticlePass>,
}

impl Done {
    /// An article that was not read in this run.
    fn without_inputs(own: bool, report: Report) -> Done {
        Done {
            own,
            report,
            inputs: None,
            text: None,
            pass: None,
        }
    }
}
