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

use clap::{Parser, Subcommand, ValueEnum};

use crate::build::{self, BuildOptions, Report, Shard, Status};
use crate::diag::{self, Diagnostic, Sources};
use crate::emit::{EmitOptions, EpubCompression, Format as OutputFormat};
use crate::issue;
use crate::schema;

const EXAMPLES: &str = "\
Examples:
  galley validate                      check every article in input/
  galley validate input/my-article     check one article (against its issue)
  galley validate --format json input  diagnostics as one JSON document
  galley build input -o output         convert every article of the issue
  galley build journal/ -j 2           every issue folder below journal/, on 2 threads
  galley build --format github         annotations for GitHub Actions
  galley build --force                 rebuild articles whose inputs did not change
  galley build journal/ --shard 2/4    the second of four disjoint parts (one per machine)
  galley deposit bagit,meca input -o deposit  BagIt bags and MECA zips
  galley deposit crossref input -o deposit    a Crossref deposit XML per issue
  galley schema                        regenerate schemas/ from the model
  galley schema --check                fail if schemas/ is out of date

Exit status: 0 clean, 1 problems in the input, 2 failure of the tool or its environment.";

/// galley: journal articles in canonical YAML → JATS, TEI and EPUB.
#[derive(Debug, Parser)]
#[command(name = "galley", version, about, after_help = EXAMPLES)]
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
        /// How to report diagnostics.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Write the JSON Schemas of issue.yaml, contributors.yaml and article.yaml.
    Schema {
        /// Folder to write them to.
        #[arg(default_value = "schemas")]
        dir: PathBuf,
        /// Compare the folder with the generated schemas instead of writing; exit 1 if they differ.
        #[arg(long)]
        check: bool,
    },
    /// Convert articles to JATS, TEI, EPUB and an HTML preview; one EPUB per issue.
    #[command(after_help = EXAMPLES)]
    Build {
        /// Issue folders (or folders of them), article folders or article.yaml files [default: input]
        paths: Vec<PathBuf>,
        /// Output folder: one sub-folder per article, named by its slug.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
        /// Worker threads [default: one per core]
        #[arg(short, long, default_value_t = 0)]
        jobs: usize,
        /// Rebuild every article, even those whose inputs have not changed.
        #[arg(long)]
        force: bool,
        /// Flush every output to disk before renaming it into place, so outputs survive a
        /// power cut too (slower; a killed run never leaves partial outputs either way).
        #[arg(long)]
        fsync: bool,
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
        /// Package formats, joined by commas: bagit, meca, crossref
        #[arg(value_name = "FORMAT[,FORMAT…]")]
        formats: crate::deposit::PackageFormats,
        /// Issue folders (or folders of them), article folders or article.yaml files [default: input]
        paths: Vec<PathBuf>,
        /// Deposit folder: `<slug>.bagit/` per article, `<issue folder>.issue.bagit/` per
        /// issue, `<slug>-meca.zip` per article, `<issue folder>.crossref.xml` per issue.
        #[arg(short, long)]
        output: PathBuf,
        /// Worker threads [default: one per core]
        #[arg(short, long, default_value_t = 0)]
        jobs: usize,
        /// Convert every article again, even those whose inputs have not changed.
        #[arg(long)]
        force: bool,
        /// Flush every output and package to disk before renaming it into place.
        #[arg(long)]
        fsync: bool,
        /// How to report diagnostics.
        #[command(flatten)]
        report: ReportArgs,
    },
}

/// How to report diagnostics.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Treat warnings and losses as errors (exit status 1).
    #[arg(long)]
    pub strict: bool,
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
        Command::Validate {
            paths,
            jobs,
            shard,
            report,
        } => run_batch(
            &paths,
            None,
            jobs,
            (false, false),
            shard,
            &report,
            (EpubCompression::default(), None),
        ),
        Command::Schema { dir, check } => run_schema(&dir, check),
        Command::New(what) => {
            let (code, diags) = crate::new::run(&what);
            print_diagnostics(&diags, Format::Human);
            code
        }
        Command::Build {
            paths,
            output,
            jobs,
            force,
            fsync,
            shard,
            epub_deflate_level,
            report,
        } => run_batch(
            &paths,
            Some(output),
            jobs,
            (force, fsync),
            shard,
            &report,
            (EpubCompression::Deflate(epub_deflate_level), None),
        ),
        Command::Deposit {
            formats,
            paths,
            output,
            jobs,
            force,
            fsync,
            report,
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
                jobs,
                (force, fsync),
                None,
                &report,
                (EpubCompression::default(), Some(&deposit)),
            )
        }
    }
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

fn run_batch(
    paths: &[PathBuf],
    output: Option<PathBuf>,
    jobs: usize,
    (force, durable): (bool, bool),
    shard: Option<Shard>,
    args: &ReportArgs,
    (epub_compression, deposit): (EpubCompression, Option<&crate::deposit::DepositOptions>),
) -> u8 {
    let sels = match issue::discover(&default_paths(paths)) {
        Ok(s) => s,
        Err(diags) => {
            print_diagnostics(&diags, args.format);
            return 2;
        }
    };
    // Refused before anything is written: one article's outputs would replace another's.
    let collisions = collisions(&sels, deposit);
    if !collisions.is_empty() {
        print_diagnostics(&collisions, args.format);
        return 1;
    }
    install_interrupt_handler();
    let writing = output.is_some();
    let opts = BuildOptions {
        output,
        // Validation converts too (in memory), so it finds what a build would.
        formats: batch_formats(deposit),
        emit: emit_options(epub_compression),
        jobs,
        force,
        durable,
        shard,
    };
    let total: usize = sels.iter().map(|s| s.slugs.len()).sum();
    let interactive = args.format == Format::Human && std::io::stderr().is_terminal();
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
    // Results arrive issue by issue and are written out at once: nothing of a large
    // batch is kept but the counts (and, for JSON, each issue's shared-file problems).
    let mut shared_all: Vec<Diagnostic> = Vec::new();
    let mut first_article = true;
    if args.format == Format::Json {
        print!("{{\n\"articles\": [");
    }
    let mut sink = |r: build::IssueResults| match args.format {
        Format::Json => {
            let mut out = std::io::stdout().lock();
            for rep in &r.reports {
                let text = serde_json::to_string(rep).unwrap_or_else(|_| "{}".into());
                let _ = write!(out, "{}\n{text}", if first_article { "" } else { "," });
                first_article = false;
            }
            shared_all.extend(r.shared);
        }
        Format::Github => {
            print_diagnostics(&sorted(r.diagnostics().cloned().collect()), Format::Github)
        }
        Format::Human => {
            let print = || {
                let _ = std::io::stderr().lock().write_all(r.prepared.as_bytes());
            };
            if let Some(pb) = &bar {
                pb.suspend(print);
            } else {
                print();
            }
        }
    };
    // Each issue's diagnostics are rendered for people on the worker that processed it,
    // in parallel (reading the files they show places in); the sink only writes them.
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let prepare = |r: &mut build::IssueResults| {
        if let Some(d) = deposit {
            crate::deposit::package_issue(r, &sels, d);
        }
        if args.format == Format::Human {
            r.prepared = human_text(r, color);
        }
    };
    let mut packages = 0usize;
    let mut counted = |r: build::IssueResults| {
        packages += r.reports.iter().map(|x| x.packages.len()).sum::<usize>();
        sink(r);
    };
    let summary = build::run(&sels, &opts, &progress, &prepare, &mut counted);
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    let status = summary.exit_status(args.strict);
    match args.format {
        Format::Json => print_json_tail(&summary, &shared_all),
        Format::Github => println!("{}", summary_line(&summary, writing)),
        Format::Human => eprintln!("{}", summary_line(&summary, writing)),
    }
    if let Some(d) = deposit {
        print_deposit_line(d, packages, args.format);
    }
    status
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
        Format::Github => println!("{line}"),
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
    println!("\n],{members}");
}

/// One issue's diagnostics and failed articles for people, as written on standard error.
fn human_text(r: &build::IssueResults, color: bool) -> String {
    use std::fmt::Write as _;
    let diags = sorted(r.diagnostics().cloned().collect());
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
    // In file order, then by position: easier to work through.
    diags.sort_by(|a, b| {
        (&a.file, a.span.map(|s| (s.line, s.column)))
            .cmp(&(&b.file, b.span.map(|s| (s.line, s.column))))
    });
    diags
}

fn summary_line(s: &build::Summary, writing: bool) -> String {
    let problems = match (s.errors, s.warnings, s.losses) {
        (0, 0, 0) => "no problems".to_string(),
        (e, w, l) => format!("{e} error(s), {w} warning(s), {l} loss(es)"),
    };
    let mut line = if writing {
        format!(
            "galley build: {} article(s): {} built, {} unchanged, {} failed; {} issue EPUB(s); {problems}",
            s.articles, s.built, s.unchanged, s.failed, s.issue_epubs
        )
    } else {
        format!(
            "galley validate: {} article(s): {} valid, {} failed; {problems}",
            s.articles, s.valid, s.failed
        )
    };
    if s.interrupted {
        line.push_str(&format!(
            "; interrupted, {} article(s) not processed",
            s.skipped
        ));
    }
    line
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

fn run_schema(dir: &Path, check: bool) -> u8 {
    if check {
        let mut stale = Vec::new();
        for kind in schema::FileKind::ALL {
            let path = dir.join(kind.schema_file());
            let current = std::fs::read_to_string(&path).unwrap_or_default();
            if current != schema::schema_text(kind) {
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
