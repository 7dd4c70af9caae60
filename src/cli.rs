//! The command line: `galley validate`, `galley schema`, `galley build`.
//!
//! Parses arguments, runs the batch driver ([`crate::build`]) and renders what it
//! reports: for people (rustc-style snippets, a progress bar on a terminal only), as one
//! JSON document, or as GitHub Actions annotations. It chooses the exit status: 0 clean,
//! 1 problems in the input, 2 failure of the tool or its environment (usage errors and
//! an interrupted run included).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::build::{self, BuildOptions, Report, Shard, Status};
use crate::config::{BuildFormat, Config};
use crate::diag::{self, Diagnostic, Policy, Severity, Sources};
use crate::emit::{EmitOptions, EpubCompression, Format as OutputFormat};
use crate::issue;
use crate::schema;

const EXAMPLES: &str = "\
Examples:
  galley validate                      check every article in input/
  galley validate input/my-article     check one article (against its issue)
  galley validate --format json input  diagnostics as one JSON document
  galley validate --to jats input      only what the JATS needs (no loss.epub.*)
  galley build input -o output         convert every article of the issue
  galley build --to jats,epub input    only JATS and EPUB
  galley build journal/ -j 2           every issue folder below journal/, on 2 threads
  galley build -q --format github      annotations for GitHub Actions, errors only
  galley build --allow 'loss.epub.*'   do not report what EPUB cannot carry
  galley build --deny figure.no-alt    a figure without alt text fails the run
  galley build --force                 rebuild articles whose inputs did not change
  galley watch input                   rebuild on every change; previews on :8000
  galley build journal/ --shard 2/4    the second of four disjoint parts (one per machine)
  galley deposit bagit,meca input -o deposit  BagIt bags and MECA zips
  galley deposit crossref input -o deposit    a Crossref deposit XML per issue
  galley deposit pmc input -o deposit         a PubMed Central zip per article
  galley import jats a.xml pmc/ -o issue  JATS articles (files, folders, zips) → an issue folder
  galley schema                        regenerate schemas/ from the model
  galley schema --check                fail if schemas/ is out of date
  galley schema --issue input          the issue's contributor ids, for editors
  galley completions bash > galley.bash  shell completions (bash, zsh, fish, …)

Defaults for -o, --to, --allow and --deny can be kept in galley.toml (see the README).

Exit status: 0 clean, 1 problems in the input, 2 failure of the tool or its environment
(usage errors included), 130 a second Ctrl-C.";

/// The preview server's port by default (`galley watch`).
const DEFAULT_PORT: u16 = 8000;

const WATCH_HELP: &str = "\
galley watch builds as `galley build` does, then watches the issue's files (article.yaml,
its images, issue.yaml, contributors.yaml, galley.toml) and rebuilds the articles whose
inputs changed. http://127.0.0.1:PORT/ lists the articles with their state; each
article's preview reloads by itself when the article is rebuilt, and shows its errors
while it does not build. Errors in the input are reported and the watch goes on; Ctrl-C
stops it (exit status 130).

Examples:
  galley watch                         watch input/, build into output/, serve on :8000
  galley watch input -o /tmp/preview --port 0   any free port (the URL is printed)
  galley build --watch input           the same as galley watch input";

/// The version with the commit and the commit's date when the build knew them
/// (`build.rs`).
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), env!("GALLEY_VERSION_SUFFIX"));

/// galley: journal articles in canonical YAML → JATS, TEI and EPUB.
#[derive(Debug, Parser)]
#[command(name = "galley", version = VERSION, about, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check issue and article YAML against the schemas and each other; write nothing.
    #[command(after_help = EXAMPLES)]
    Validate {
        /// Issue folders (or folders of them), article folders or article.yaml files [default: input]
        paths: Vec<PathBuf>,
        /// Worker threads [default: one per core]
        #[arg(short, long, default_value_t = 0)]
        jobs: usize,
        /// Check only the K-th of N disjoint parts of the articles (see `build --shard`).
        #[arg(long, value_name = "K/N")]
        shard: Option<Shard>,
        /// Check only what these formats need, as `build --to` converts only them: jats,
        /// tei, epub, html [default: galley.toml's `formats`, else all].
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            value_name = "FORMAT[,FORMAT…]"
        )]
        to: Vec<BuildFormat>,
        /// How to report diagnostics.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Write the JSON Schemas of issue.yaml, contributors.yaml, article.yaml and galley.toml.
    Schema {
        /// Folder to write them to.
        #[arg(default_value = "schemas")]
        dir: PathBuf,
        /// Compare the folder with the generated schemas instead of writing; exit 1 if they differ.
        #[arg(long)]
        check: bool,
        /// Instead, write ISSUE/.galley/article.schema.json: the article schema with the
        /// contributor ids of ISSUE/contributors.yaml, for editors (see the README).
        #[arg(long, value_name = "ISSUE", conflicts_with = "check")]
        issue: Option<PathBuf>,
    },
    /// Convert articles to JATS, TEI, EPUB and an HTML preview; one EPUB per issue.
    #[command(after_help = EXAMPLES)]
    Build {
        /// Issue folders (or folders of them), article folders or article.yaml files [default: input]
        paths: Vec<PathBuf>,
        /// Output folder: one sub-folder per article, named by its slug [default: galley.toml's
        /// `output`, else output]
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Formats to write, joined by commas: jats, tei, epub, html (the preview) [default:
        /// galley.toml's `formats`, else all]. The other formats' files from an earlier build
        /// are left as they were, neither rebuilt nor recorded as current.
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            value_name = "FORMAT[,FORMAT…]"
        )]
        to: Vec<BuildFormat>,
        /// Threads, rebuilding and flushing.
        #[command(flatten)]
        run: RunArgs,
        /// Build only the K-th of N disjoint parts of the batch (1 ≤ K ≤ N): each article
        /// and issue EPUB belongs to one part, by a hash of its name. Run the N parts on N
        /// machines, each with its own output folder, and merge the folders: the union is
        /// the full build.
        #[arg(long, value_name = "K/N")]
        shard: Option<Shard>,
        /// The EPUBs' deflate level, 1–9. Hidden: for `make bench`, which measures size
        /// against time (see bench/README.md); galley ships the default.
        #[arg(long, hide = true, value_name = "LEVEL", default_value_t = EpubCompression::DEFAULT_LEVEL,
              value_parser = clap::value_parser!(u8).range(1..=9))]
        epub_deflate_level: u8,
        /// After the build, rebuild whenever a file of the issue changes and serve the
        /// previews on 127.0.0.1, as `galley watch` does.
        #[arg(long, conflicts_with = "shard")]
        watch: bool,
        /// With --watch: the preview server's port on 127.0.0.1 (0: any free port).
        #[arg(long, default_value_t = DEFAULT_PORT, requires = "watch")]
        port: u16,
        /// How to report diagnostics.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Build, then rebuild what changed whenever a file of the issue changes, serving the
    /// previews with live reload on http://127.0.0.1:PORT/ (localhost only) until Ctrl-C.
    #[command(after_help = WATCH_HELP)]
    Watch {
        /// Issue folders (or folders of them), article folders or article.yaml files [default: input]
        paths: Vec<PathBuf>,
        /// Output folder, also what is served [default: galley.toml's `output`, else output]
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The preview server's port on 127.0.0.1 (0: any free port).
        #[arg(long, default_value_t = DEFAULT_PORT)]
        port: u16,
        /// Formats to write, as `build --to`; the preview (html) is always built.
        #[arg(
            long,
            value_enum,
            value_delimiter = ',',
            value_name = "FORMAT[,FORMAT…]"
        )]
        to: Vec<BuildFormat>,
        /// Threads, rebuilding (`--force`: the first build only) and flushing.
        #[command(flatten)]
        run: RunArgs,
        /// How to report diagnostics.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Start an issue or an article from a skeleton that validates at once.
    #[command(subcommand)]
    New(crate::new::NewCommand),
    /// Package the outputs for archives and aggregators: `bagit` (a BagIt bag per article
    /// and per issue), `meca` (a MECA zip per article). Converts as `build` does, into
    /// DIR/.galley-build.
    #[command(after_help = EXAMPLES)]
    Deposit {
        /// Package formats, joined by commas: bagit, meca, crossref, pmc
        #[arg(value_name = "FORMAT[,FORMAT…]")]
        formats: crate::deposit::PackageFormats,
        /// Issue folders (or folders of them), article folders or article.yaml files [default: input]
        paths: Vec<PathBuf>,
        /// Deposit folder: `<slug>.bagit/` per article, `<issue folder>.issue.bagit/` per
        /// issue, `<slug>-meca.zip` per article, `<issue folder>.crossref.xml` per issue,
        /// `jour-vol-iss-uid.zip` per article (PMC).
        #[arg(short, long)]
        output: PathBuf,
        /// Threads, rebuilding and flushing.
        #[command(flatten)]
        run: RunArgs,
        /// How to report diagnostics.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Bring existing articles in as an issue folder: `galley import jats FILE|DIR|ZIP… -o
    /// ISSUE_DIR`.
    #[command(subcommand)]
    Import(crate::import::ImportCommand),
    /// Print a shell completion script (for bash: `galley completions bash >
    /// ~/.local/share/bash-completion/completions/galley`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print galley's man page (roff) on standard output (`galley man | man -l -`), or
    /// write the pages of galley and of each subcommand (galley.1, galley-build.1, …) into
    /// a folder.
    Man {
        /// Folder to write every page to.
        dir: Option<PathBuf>,
    },
}

/// How `build` and `deposit` run: threads, rebuilding, flushing.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct RunArgs {
    /// Worker threads [default: one per core]
    #[arg(short, long, default_value_t = 0)]
    pub jobs: usize,
    /// Rebuild every article, even those whose inputs have not changed.
    #[arg(long)]
    pub force: bool,
    /// Flush every output (and package) to disk before renaming it into place, so outputs
    /// survive a power cut too (slower; a killed run never leaves partial outputs either way).
    #[arg(long)]
    pub fsync: bool,
}

/// How to report diagnostics.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    /// The report format (not an output format; see `build --to`): human (messages with
    /// the YAML line, on standard error), json (one document on standard output), github
    /// (GitHub Actions annotations on standard output).
    #[arg(long, default_value = "human", value_name = "REPORT",
          value_parser = parse_report_format)]
    pub format: Format,
    /// Treat warnings and losses as errors (exit status 1).
    #[arg(long)]
    pub strict: bool,
    /// Print only errors (and failed articles) and the summary.
    #[arg(short, long)]
    pub quiet: bool,
    /// Do not report warnings and losses with this code or glob (`loss.epub.*`); counted as
    /// allowed. Repeat it, or join codes by commas.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub allow: Vec<String>,
    /// Report warnings and losses with this code or glob as errors (exit status 1).
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub deny: Vec<String>,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style messages with the YAML line on standard error, and a summary.
    Human,
    /// One JSON document on standard output: per article its status, outputs (with
    /// SHA-256 and size) and diagnostics.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`) on standard output.
    Github,
}

/// `--format`'s value; an output format's name there gets a hint towards `--to`.
fn parse_report_format(s: &str) -> Result<Format, String> {
    if let Ok(f) = Format::from_str(s, true) {
        return Ok(f);
    }
    if BuildFormat::from_str(s, true).is_ok() {
        return Err(format!(
            "`--format` is the report format (human, json or github); \
             to build only some output formats, use `--to {s}`"
        ));
    }
    Err("expected human, json or github".to_string())
}

/// What the report does with diagnostics: the format, `--strict`, `--quiet`, and the
/// codes allowed and denied (the command line's and `galley.toml`'s).
struct Reporting {
    format: Format,
    strict: bool,
    quiet: bool,
    policy: Policy,
}

impl Reporting {
    fn new(args: &ReportArgs, config: &Config) -> Reporting {
        let mut policy = Policy::default();
        policy.add(&config.allow, false, false);
        policy.add(&config.deny, true, false);
        policy.add(&args.allow, false, true);
        policy.add(&args.deny, true, true);
        Reporting {
            format: args.format,
            strict: args.strict,
            quiet: args.quiet,
            policy,
        }
    }

    /// Whether a diagnostic is printed (JSON always holds every reported one).
    fn shows(&self, d: &Diagnostic) -> bool {
        !self.quiet || d.severity == Severity::Error
    }
}

/// Runs the command line and returns the exit status.
pub fn main_with_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Schema {
            issue: Some(issue), ..
        } => run_issue_schema(&issue),
        Command::Schema { dir, check, .. } => run_schema(&dir, check),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "galley", &mut std::io::stdout());
            0
        }
        Command::Man { dir } => run_man(dir.as_deref()),
        Command::New(what) => {
            let (code, diags) = crate::new::run(&what);
            print_diagnostics(&diags, Format::Human);
            code
        }
        Command::Import(what) => run_import(&what),
        command => run_command(command),
    }
}

/// `galley import`: the import, its diagnostics in the report format, a summary line.
fn run_import(what: &crate::import::ImportCommand) -> u8 {
    let crate::import::ImportCommand::Jats {
        inputs,
        output,
        force,
        format,
    } = what;
    let opts = crate::import::ImportOptions {
        inputs: inputs.clone(),
        output: output.clone(),
        force: *force,
    };
    let outcome = crate::import::run(&opts);
    let mut sources = Sources::default();
    for (path, text) in &outcome.sources {
        sources.insert(path, text.as_str().into());
    }
    print_diagnostics_with(&outcome.diagnostics, *format, sources);
    let mut parts = vec![counted(
        outcome.imported,
        "article imported",
        "articles imported",
    )];
    if outcome.failed > 0 {
        parts.push(format!("{} failed", outcome.failed));
    }
    if outcome.losses > 0 {
        parts.push(counted(
            outcome.losses,
            "fact not imported",
            "facts not imported",
        ));
    }
    let line = match &outcome.written {
        Some(dir) => format!("galley import: {} into {}", parts.join(", "), dir.display()),
        None => format!("galley import: {}; nothing written", parts.join(", ")),
    };
    match format {
        Format::Json => {}
        Format::Github => out_line(&line),
        Format::Human => eprintln!("{line}"),
    }
    outcome.status
}

/// The man page on standard output, or every page (galley's and each subcommand's) in
/// `dir`.
fn run_man(dir: Option<&Path>) -> u8 {
    let written = match dir {
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(Cli::command(), dir)),
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .and_then(|()| std::io::stdout().lock().write_all(&page))
        }
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error[io.write]: cannot write the man page: {e}");
            2
        }
    }
}

/// `validate`, `build` and `deposit`: `galley.toml` found and read, then the batch.
fn run_command(command: Command) -> u8 {
    let (paths, report) = match &command {
        Command::Validate { paths, report, .. }
        | Command::Build { paths, report, .. }
        | Command::Watch { paths, report, .. }
        | Command::Deposit { paths, report, .. } => (default_paths(paths), report.clone()),
        _ => return 2,
    };
    let found = match find_config(&paths) {
        Ok(f) => f,
        Err(d) => {
            print_diagnostics(&[d], report.format);
            return 2;
        }
    };
    let reporting = Reporting::new(&report, &found.config);
    if let Some(bad) = reporting.policy.bad_pattern() {
        eprintln!(
            "error: `{bad}` is not a diagnostic code or a glob of codes\n  = help: a code such as `loss.epub.orcid`, or a glob such as `loss.epub.*`"
        );
        return 2;
    }
    match command {
        Command::Build {
            output,
            to,
            run,
            watch: true,
            port,
            ..
        }
        | Command::Watch {
            output,
            to,
            run,
            port,
            ..
        } => run_watch(&paths, (output, to, run, port), &found, &report),
        Command::Validate {
            jobs, shard, to, ..
        } => {
            let to = if to.is_empty() {
                found.config.formats.clone()
            } else {
                to
            };
            run_batch(
                &paths,
                None,
                (jobs, false, false),
                shard,
                &reporting,
                (EpubCompression::default(), None, build_formats(&to)),
            )
        }
        Command::Build {
            output,
            to,
            run: RunArgs { jobs, force, fsync },
            shard,
            epub_deflate_level,
            ..
        } => {
            let output = output
                .or_else(|| found.config.output.as_ref().map(|o| found.resolve(o)))
                .unwrap_or_else(|| PathBuf::from("output"));
            let to = if to.is_empty() {
                found.config.formats.clone()
            } else {
                to
            };
            run_batch(
                &paths,
                Some(output),
                (jobs, force, fsync),
                shard,
                &reporting,
                (
                    EpubCompression::Deflate(epub_deflate_level),
                    None,
                    build_formats(&to),
                ),
            )
        }
        Command::Deposit {
            formats,
            output,
            run: RunArgs { jobs, force, fsync },
            ..
        } => {
            let deposit = crate::deposit::DepositOptions {
                formats: formats.0,
                dir: output,
                durable: fsync,
                source_date_epoch: emit_options(EpubCompression::default()).source_date_epoch,
            };
            run_batch(
                &paths,
                Some(deposit.build_dir()),
                (jobs, force, fsync),
                None,
                &reporting,
                (EpubCompression::default(), Some(&deposit), Vec::new()),
            )
        }
        _ => 2,
    }
}

/// The `galley.toml` of the first path, read and checked (none: the defaults).
fn find_config(paths: &[PathBuf]) -> Result<crate::config::Found, Diagnostic> {
    let Some(path) = paths.first().and_then(|p| crate::config::find(p)) else {
        return Ok(crate::config::Found::default());
    };
    let config = crate::config::load(&path)?;
    Ok(crate::config::Found {
        path: Some(path),
        config,
    })
}

/// `galley watch` and `build --watch`: the watcher, whose every build is `build`'s with
/// the preview among the formats, `--force` for the first build only, and `galley.toml`
/// read again (its codes and formats; the output folder stays the one it started with).
fn run_watch(
    paths: &[PathBuf],
    (output, to, run, port): (Option<PathBuf>, Vec<BuildFormat>, RunArgs, u16),
    found: &crate::config::Found,
    report: &ReportArgs,
) -> u8 {
    let output = output
        .or_else(|| found.config.output.as_ref().map(|o| found.resolve(o)))
        .unwrap_or_else(|| PathBuf::from("output"));
    let opts = crate::watch::WatchOptions {
        paths: paths.to_vec(),
        output: output.clone(),
        port,
        config: found.path.clone(),
    };
    install_interrupt_handler();
    let mut force = run.force;
    crate::watch::run(&opts, &mut |observe| {
        let found = match find_config(paths) {
            Ok(f) => f,
            Err(d) => {
                print_diagnostics(std::slice::from_ref(&d), report.format);
                observe(&build::IssueResults {
                    shared: vec![d],
                    ..build::IssueResults::default()
                });
                return 2;
            }
        };
        let reporting = Reporting::new(report, &found.config);
        if let Some(bad) = reporting.policy.bad_pattern() {
            let d = Diagnostic::error(
                "config.code",
                format!("`{bad}` is not a diagnostic code or a glob of codes"),
            );
            print_diagnostics(std::slice::from_ref(&d), report.format);
            observe(&build::IssueResults {
                shared: vec![d],
                ..build::IssueResults::default()
            });
            return 2;
        }
        let mut to = if to.is_empty() {
            found.config.formats.clone()
        } else {
            to.clone()
        };
        if !to.is_empty() {
            to.push(BuildFormat::Html);
        }
        run_batch_observed(
            paths,
            Some(output.clone()),
            (run.jobs, std::mem::take(&mut force), run.fsync),
            None,
            &reporting,
            (EpubCompression::default(), None, build_formats(&to)),
            observe,
        )
    })
}

/// The formats `--to` names, in the order outputs are written; all when none is named.
fn build_formats(to: &[BuildFormat]) -> Vec<OutputFormat> {
    if to.is_empty() {
        return OutputFormat::ALL.to_vec();
    }
    let mut to = to.to_vec();
    to.sort();
    to.dedup();
    to.into_iter().map(BuildFormat::format).collect()
}

fn default_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("input")]
    } else {
        paths.to_vec()
    }
}

/// SIGINT stops the batch from starting new articles; a second one ends the process.
fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        if build::INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
}

/// The batch's options besides paths: the emitters' compression, the deposit if any, and
/// the formats to build.
type BatchOptions<'a> = (
    EpubCompression,
    Option<&'a crate::deposit::DepositOptions>,
    Vec<OutputFormat>,
);

fn run_batch(
    paths: &[PathBuf],
    output: Option<PathBuf>,
    run: (usize, bool, bool),
    shard: Option<Shard>,
    rep: &Reporting,
    options: BatchOptions<'_>,
) -> u8 {
    run_batch_observed(paths, output, run, shard, rep, options, &mut |_| {})
}

/// [`run_batch`], handing each issue's results (settled) to `observe` before they are
/// printed (`galley watch`); what stops the batch before any article (the paths, output
/// names that collide) comes as results with no report.
fn run_batch_observed(
    paths: &[PathBuf],
    output: Option<PathBuf>,
    (jobs, force, durable): (usize, bool, bool),
    shard: Option<Shard>,
    rep: &Reporting,
    (epub_compression, deposit, formats): BatchOptions<'_>,
    observe: &mut dyn FnMut(&build::IssueResults),
) -> u8 {
    let stopped = |shared: Vec<Diagnostic>| build::IssueResults {
        shared,
        ..build::IssueResults::default()
    };
    let sels = match issue::discover(&default_paths(paths)) {
        Ok(s) => s,
        Err(diags) => {
            print_diagnostics(&diags, rep.format);
            observe(&stopped(diags));
            return 2;
        }
    };
    // Refused before anything is written: one article's outputs would replace another's.
    let collisions = collisions(&sels, deposit);
    if !collisions.is_empty() {
        print_diagnostics(&collisions, rep.format);
        observe(&stopped(collisions));
        return 1;
    }
    install_interrupt_handler();
    let writing = output.is_some();
    let opts = BuildOptions {
        output,
        // Validation converts too (in memory), so it finds what a build would.
        formats: if deposit.is_some() {
            batch_formats(deposit)
        } else {
            formats
        },
        emit: emit_options(epub_compression),
        jobs,
        force,
        durable,
        shard,
    };
    let total: usize = sels.iter().map(|s| s.slugs.len()).sum();
    let interactive = rep.format == Format::Human && std::io::stderr().is_terminal();
    let bar = interactive.then(|| progress_bar(total));
    // Without a terminal, failed articles are named once, after their issue's snippets
    // (`print_human`), not also as they happen.
    let progress = |r: &Report| {
        if let Some(pb) = &bar
            && !r.whole_issue
        {
            pb.inc(1);
        }
    };
    // Each issue's diagnostics are settled (shared files' once, the policy applied) and
    // rendered for people on the worker that processed it, in parallel (reading the files
    // they show places in); the sink only writes them.
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let prepare = |r: &mut build::IssueResults| {
        if let Some(d) = deposit {
            crate::deposit::package_issue(r, &sels, d);
        }
        r.settle(&rep.policy);
        if rep.format == Format::Human {
            r.prepared = human_text(r, color, rep);
        }
    };
    let mut sink = Sink::new(rep, bar.as_ref());
    let summary = build::run(&sels, &opts, &progress, &prepare, &mut |r| {
        observe(&r);
        sink.take(r);
    });
    if let Some(pb) = &bar {
        pb.finish_and_clear();
    }
    let status = summary.exit_status(rep.strict);
    let line = summary_line(&summary, writing);
    match rep.format {
        Format::Json => print_json_tail(&summary, &sink.shared),
        Format::Github => out_line(&line),
        Format::Human => eprintln!("{line}"),
    }
    if let Some(d) = deposit {
        print_deposit_line(d, sink.packages, rep.format);
    }
    status
}

/// Writes a line on standard output; a closed pipe (`galley … | head`) is not a panic.
fn out_line(line: &str) {
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// Where each issue's results go as they arrive, on the caller's thread: written out at
/// once, so that nothing of a large batch is kept but the counts (and, for JSON, each
/// issue's shared-file problems).
struct Sink<'a> {
    rep: &'a Reporting,
    bar: Option<&'a indicatif::ProgressBar>,
    first_article: bool,
    shared: Vec<Diagnostic>,
    packages: usize,
}

impl<'a> Sink<'a> {
    fn new(rep: &'a Reporting, bar: Option<&'a indicatif::ProgressBar>) -> Sink<'a> {
        if rep.format == Format::Json {
            let _ = write!(std::io::stdout().lock(), "{{\n\"articles\": [");
        }
        Sink {
            rep,
            bar,
            first_article: true,
            shared: Vec::new(),
            packages: 0,
        }
    }

    fn take(&mut self, r: build::IssueResults) {
        self.packages += r.reports.iter().map(|x| x.packages.len()).sum::<usize>();
        match self.rep.format {
            Format::Json => {
                let mut out = std::io::stdout().lock();
                for rep in &r.reports {
                    let text = serde_json::to_string(rep).unwrap_or_else(|_| "{}".into());
                    let sep = if self.first_article { "" } else { "," };
                    let _ = write!(out, "{sep}\n{text}");
                    self.first_article = false;
                }
                self.shared.extend(r.shared);
            }
            Format::Github => {
                let shown: Vec<Diagnostic> = r
                    .diagnostics()
                    .filter(|d| self.rep.shows(d))
                    .cloned()
                    .collect();
                print_diagnostics(&sorted(shown), Format::Github);
            }
            Format::Human => {
                let print = || {
                    let _ = std::io::stderr().lock().write_all(r.prepared.as_bytes());
                };
                match self.bar {
                    Some(pb) => pb.suspend(print),
                    None => print(),
                }
            }
        }
    }
}

/// What refuses a batch before anything is written: output names that collide, and with
/// a deposit, package names that do. A deposit also clears the staging folders of
/// packages a killed run left.
fn collisions(
    sels: &[issue::IssueSelection],
    deposit: Option<&crate::deposit::DepositOptions>,
) -> Vec<Diagnostic> {
    let mut found = issue::output_collisions(sels);
    if let Some(d) = deposit {
        found.extend(crate::deposit::collisions(sels));
        if found.is_empty() {
            build::remove_leftovers(&d.dir);
        }
    }
    found
}

/// The formats a batch converts into: all of them, or for a deposit the JATS, TEI and
/// EPUB (and the files they refer to), not the preview.
fn batch_formats(deposit: Option<&crate::deposit::DepositOptions>) -> Vec<OutputFormat> {
    if deposit.is_some() {
        vec![OutputFormat::Jats, OutputFormat::Tei, OutputFormat::Epub]
    } else {
        OutputFormat::ALL.to_vec()
    }
}

/// The closing line of a deposit (the JSON report lists each report's `packages`).
fn print_deposit_line(d: &crate::deposit::DepositOptions, packages: usize, format: Format) {
    let line = format!(
        "galley deposit: {packages} package(s) in {}",
        d.dir.display()
    );
    match format {
        Format::Json => {}
        Format::Github => out_line(&line),
        Format::Human => eprintln!("{line}"),
    }
}

/// What the emitters are given: `SOURCE_DATE_EPOCH` read here, once, and the deflate
/// level.
fn emit_options(epub_compression: EpubCompression) -> EmitOptions {
    EmitOptions {
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse().ok()),
        epub_compression,
    }
}

/// The progress bar of an interactive batch over `total` articles.
fn progress_bar(total: usize) -> indicatif::ProgressBar {
    let pb = indicatif::ProgressBar::new(total as u64);
    pb.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    pb
}

/// Ends the JSON report: the object's remaining members, after the streamed `articles`
/// array.
fn print_json_tail(summary: &build::Summary, shared: &[Diagnostic]) {
    let tail = serde_json::json!({
        "shared": shared,
        "errors": summary.errors,
        "warnings": summary.warnings,
        "losses": summary.losses,
        "summary": summary,
        "interrupted": summary.interrupted,
    });
    let text = serde_json::to_string_pretty(&tail).unwrap_or_else(|_| "{}".into());
    let members = text.trim_start_matches('{');
    out_line(&format!("\n],{members}"));
}

/// One issue's diagnostics and failed articles for people, as written on standard error.
fn human_text(r: &build::IssueResults, color: bool, rep: &Reporting) -> String {
    use std::fmt::Write as _;
    let diags = sorted(r.diagnostics().filter(|d| rep.shows(d)).cloned().collect());
    let mut sources = r.sources.clone();
    read_missing(&mut sources, &diags);
    let mut text = String::new();
    for d in &diags {
        let _ = writeln!(text, "{}", diag::render_human(d, &sources, color));
    }
    for rep in r.reports.iter().filter(|rep| rep.status == Status::Failed) {
        let _ = writeln!(text, "FAILED  {}", rep.path.display());
    }
    text
}

fn sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // In file order, then by position: easier to work through. Cause before effect: the
    // notice that an article's (or issue EPUB's) last outputs were removed comes after
    // the errors that made it fail.
    diags.sort_by(|a, b| {
        let effect = |d: &Diagnostic| d.code == crate::build::REMOVED_STALE;
        (effect(a), &a.file, a.span.map(|s| (s.line, s.column))).cmp(&(
            effect(b),
            &b.file,
            b.span.map(|s| (s.line, s.column)),
        ))
    });
    diags
}

/// The closing lines of a batch: what happened to the articles, then the problems, each
/// line at most 80 columns (a part that does not fit goes to a line of its own, indented).
fn summary_line(s: &build::Summary, writing: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    let lead = if writing {
        "galley build:"
    } else {
        "galley validate:"
    };
    let mut articles = vec![counted(s.articles, "article", "articles")];
    let counts = if writing {
        vec![
            (s.built, "built"),
            (s.unchanged, "unchanged"),
            (s.failed, "failed"),
        ]
    } else {
        vec![(s.valid, "valid"), (s.failed, "failed")]
    };
    articles.extend(
        counts
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| format!("{n} {what}")),
    );
    parts.push(articles.join(", "));
    if writing && s.issue_epubs > 0 {
        parts.push(counted(s.issue_epubs, "issue EPUB", "issue EPUBs"));
    }
    let problems: Vec<String> = [
        (s.errors, "error", "errors"),
        (s.warnings, "warning", "warnings"),
        (s.losses, "loss", "losses"),
        (s.allowed, "allowed", "allowed"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| counted(n, one, many))
    .collect();
    parts.push(if problems.is_empty() {
        "no problems".to_string()
    } else {
        problems.join(", ")
    });
    if s.interrupted {
        parts.push(format!("interrupted, {} not processed", s.skipped));
    }
    wrap_parts(lead, &parts, 80)
}

/// `n` with the word for one or for several.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `lead` and `parts` joined by "; " in lines of at most `width` columns (a part longer
/// than a line stands alone), the lines after the first indented by two spaces.
fn wrap_parts(lead: &str, parts: &[String], width: usize) -> String {
    let mut text = lead.to_string();
    let mut line_len = lead.chars().count();
    for (i, part) in parts.iter().enumerate() {
        let sep = if i == 0 { " " } else { "; " };
        let len = part.chars().count();
        if line_len + sep.len() + len > width && line_len > 2 {
            text.push_str(if i == 0 { "\n  " } else { ";\n  " });
            line_len = 2;
        } else {
            text.push_str(sep);
            line_len += sep.len();
        }
        text.push_str(part);
        line_len += len;
    }
    text
}

fn print_diagnostics(diags: &[Diagnostic], format: Format) {
    print_diagnostics_with(diags, format, Sources::default());
}

/// [`print_diagnostics`] with the texts of some of the files already at hand; the others
/// are read (once each) when a diagnostic shows a place in them.
fn print_diagnostics_with(diags: &[Diagnostic], format: Format, mut sources: Sources) {
    match format {
        Format::Json => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", diag::render_json(diags));
        }
        Format::Github => {
            let mut out = std::io::stdout().lock();
            for d in diags {
                let _ = writeln!(out, "{}", diag::render_github(d));
            }
        }
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            read_missing(&mut sources, diags);
            let mut err = std::io::stderr().lock();
            for d in diags {
                let _ = writeln!(err, "{}", diag::render_human(d, &sources, color));
            }
        }
    }
}

/// Reads the files that `diags` show places in and `sources` lacks, once each, as
/// [`Sources::read_for`] does: only regular files within the YAML size limit.
fn read_missing(sources: &mut Sources, diags: &[Diagnostic]) {
    let mut tried = std::collections::BTreeSet::new();
    let max = crate::yaml::Limits::default().max_bytes;
    for d in diags {
        let (Some(file), Some(_)) = (&d.file, d.span) else {
            continue;
        };
        if sources.get(file).is_some() || !tried.insert(file) {
            continue;
        }
        if let Ok(bytes) = crate::yaml::read_file(file, max) {
            sources.insert_bytes(file, &bytes);
        }
    }
}

fn run_issue_schema(issue: &Path) -> u8 {
    match schema::write_issue_schema(issue) {
        Ok(path) => {
            eprintln!("wrote {}", path.display());
            0
        }
        Err(e) => {
            eprintln!("error[io.read]: {e}");
            2
        }
    }
}

fn run_schema(dir: &Path, check: bool) -> u8 {
    if check {
        let mut stale = Vec::new();
        for (name, text) in schema::schema_files() {
            let path = dir.join(name);
            let current = std::fs::read_to_string(&path).unwrap_or_default();
            if current != text {
                stale.push(path.display().to_string());
            }
        }
        if stale.is_empty() {
            eprintln!("galley schema: {} is up to date", dir.display());
            0
        } else {
            eprintln!(
                "error[schema.stale]: {} differ(s) from the model\n  = help: run `galley schema {}` (or `make schemas`) and commit the result",
                stale.join(", "),
                dir.display()
            );
            1
        }
    } else {
        match schema::write_schemas(dir) {
            Ok(written) => {
                for p in written {
                    eprintln!("wrote {}", p.display());
                }
                0
            }
            Err(e) => {
                eprintln!(
                    "error[io.write]: cannot write schemas to {}: {e}",
                    dir.display()
                );
                2
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_fits_80_columns_whatever_the_counts() {
        let big = build::Summary {
            articles: 2_000_000,
            built: 1_000_000,
            unchanged: 999_990,
            failed: 10,
            issue_epubs: 40_000,
            errors: 123_456,
            warnings: 8_678_000,
            losses: 12_345_678,
            allowed: 99_999_999,
            interrupted: true,
            skipped: 7,
            ..build::Summary::default()
        };
        for writing in [true, false] {
            let text = summary_line(&big, writing);
            assert!(text.lines().count() > 1, "{text}");
            for line in text.lines() {
                assert!(line.chars().count() <= 80, "{line:?}");
            }
        }
        let small = build::Summary {
            articles: 1,
            valid: 1,
            ..build::Summary::default()
        };
        assert_eq!(
            summary_line(&small, false),
            "galley validate: 1 article, 1 valid; no problems"
        );
    }
}
