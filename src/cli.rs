//! The command line: `galley validate`, `galley schema`, `galley build`.
//!
//! The only module besides the batch writer that touches the terminal; it renders the
//! diagnostics the stages collected and chooses the exit status: 0 clean, 1 content
//! problems, 2 tool or environment failures (usage errors included).

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::build::{self, BuildOptions};
use crate::diag::{self, Diagnostic, Severity, Sources};
use crate::emit::{EmitOptions, Format as OutputFormat};
use crate::issue;
use crate::schema;
use crate::yaml::Limits;

const EXAMPLES: &str = "\
Examples:
  galley validate                      check every article in input/
  galley validate input/my-article     check one article (against its issue)
  galley validate --format json input  diagnostics as one JSON document
  galley schema                        regenerate schemas/ from the model
  galley schema --check                fail if schemas/ is out of date
  galley build input -o output         convert every article of the issue

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
        /// Issue folders, article folders or article.yaml files [default: input]
        paths: Vec<PathBuf>,
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
    /// Convert articles to JATS, TEI and EPUB.
    #[command(after_help = EXAMPLES)]
    Build {
        /// Issue folders, article folders or article.yaml files [default: input]
        paths: Vec<PathBuf>,
        /// Output folder: one sub-folder per article, named by its slug.
        #[arg(short, long, default_value = "output")]
        output: PathBuf,
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

/// Diagnostic output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style messages with the YAML line, on standard error.
    Human,
    /// One JSON document on standard output.
    Json,
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
        Command::Validate { paths, report } => run_validate(&paths, &report),
        Command::Schema { dir, check } => run_schema(&dir, check),
        Command::Build {
            paths,
            output,
            report,
        } => run_build(&paths, &output, &report),
    }
}

fn default_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from("input")]
    } else {
        paths.to_vec()
    }
}

/// Loads and checks everything the paths select. Returns the diagnostics and the number
/// of articles looked at.
fn check_all(paths: &[PathBuf]) -> (Vec<issue::LoadedIssue>, Vec<Diagnostic>) {
    let limits = Limits::default();
    match issue::discover(&default_paths(paths)) {
        Err(d) => (Vec::new(), d),
        Ok(sels) => {
            let issues: Vec<_> = sels.iter().map(|s| issue::load_issue(s, &limits)).collect();
            let mut diags: Vec<Diagnostic> = issues
                .iter()
                .flat_map(|i| i.all_diagnostics().cloned())
                .collect();
            // In file order, then by position: easier to work through.
            diags.sort_by(|a, b| {
                (&a.file, a.span.map(|s| s.offset)).cmp(&(&b.file, b.span.map(|s| s.offset)))
            });
            (issues, diags)
        }
    }
}

fn run_validate(paths: &[PathBuf], report: &ReportArgs) -> u8 {
    let (issues, diags) = check_all(paths);
    let status = diag::exit_status(&diags, report.strict);
    print_report(&diags, report.format);
    if report.format == Format::Human {
        let articles: usize = issues.iter().map(|i| i.articles.len()).sum();
        let summary = summary_line(&diags);
        eprintln!(
            "galley validate: {articles} article(s) in {} issue(s): {summary}",
            issues.len()
        );
    }
    status
}

fn run_build(paths: &[PathBuf], output: &Path, report: &ReportArgs) -> u8 {
    let (issues, mut diags) = check_all(paths);
    let opts = BuildOptions {
        output: output.to_path_buf(),
        formats: OutputFormat::ALL.to_vec(),
        emit: EmitOptions {
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|s| s.trim().parse().ok()),
        },
    };
    let mut results = Vec::new();
    for issue in &issues {
        results.extend(build::build_issue(issue, &opts));
    }
    for r in &results {
        diags.extend(r.diagnostics.iter().cloned());
    }
    let status = diag::exit_status(&diags, report.strict);
    print_report(&diags, report.format);
    if report.format == Format::Human {
        let mut err = std::io::stderr().lock();
        for r in &results {
            let state = if r.failed { "FAILED" } else { "ok" };
            let what = if r.whole_issue { " (issue EPUB)" } else { "" };
            let _ = writeln!(
                err,
                "{state:>6}  {}{what} ({} file(s) written)",
                r.slug,
                r.written.len()
            );
            if !r.not_implemented.is_empty() {
                let names: Vec<&str> = r.not_implemented.iter().map(|f| f.name()).collect();
                let _ = writeln!(
                    err,
                    "        not produced: {} (not written by this version of galley)",
                    names.join(", ")
                );
            }
        }
        let articles = results.iter().filter(|r| !r.whole_issue).count();
        let failed = results
            .iter()
            .filter(|r| r.failed && !r.whole_issue)
            .count();
        let _ = writeln!(
            err,
            "galley build: {articles} article(s), {failed} failed, into {}: {}",
            output.display(),
            summary_line(&diags)
        );
    }
    status
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

fn summary_line(diags: &[Diagnostic]) -> String {
    let n = |s: Severity| diags.iter().filter(|d| d.severity == s).count();
    let (e, w, l) = (n(Severity::Error), n(Severity::Warning), n(Severity::Loss));
    if e + w + l == 0 {
        "no problems".to_string()
    } else {
        format!("{e} error(s), {w} warning(s), {l} loss(es)")
    }
}

fn print_report(diags: &[Diagnostic], format: Format) {
    match format {
        Format::Json => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", diag::render_json(diags));
        }
        Format::Human => {
            let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let sources = sources_for(diags);
            let mut err = std::io::stderr().lock();
            for d in diags {
                let _ = writeln!(err, "{}", diag::render_human(d, &sources, color));
            }
        }
    }
}

/// Reads the files that diagnostics point into, once each, for their snippets.
fn sources_for(diags: &[Diagnostic]) -> Sources {
    let mut sources = Sources::default();
    let mut tried: HashMap<&Path, ()> = HashMap::new();
    for d in diags {
        let (Some(file), Some(_)) = (&d.file, d.span) else {
            continue;
        };
        if tried.insert(file, ()).is_some() {
            continue;
        }
        let too_big =
            std::fs::metadata(file).map_or(true, |m| m.len() > Limits::default().max_bytes as u64);
        if too_big {
            continue;
        }
        if let Ok(bytes) = std::fs::read(file) {
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let text = String::from_utf8_lossy(bytes);
            sources.insert(file, text.into());
        }
    }
    sources
}
