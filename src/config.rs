//! The project configuration, `galley.toml`: defaults for the command line that a journal
//! keeps beside its issues (the output folder, the formats to build, codes allowed or
//! denied). Looked for in the first issue folder given and its ancestors, up to the git
//! root; the command line's own options win over it.
//!
//! Read with serde like the YAML: an unknown key is an error, at its line and column.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use crate::diag::{Diagnostic, did_you_mean};

/// The configuration file's name.
pub const CONFIG_FILE: &str = "galley.toml";

/// `galley.toml`: defaults for `galley build`, `validate` and `deposit`, for every issue
/// folder at or below the folder that holds it. Options given on the command line win.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "galley.toml")]
pub struct Config {
    /// The output folder of `galley build` when `-o` is not given, relative to the folder
    /// of `galley.toml`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<PathBuf>,
    /// The formats `galley build` writes (and `galley validate` checks) when `--to` is not
    /// given: `jats`, `tei`, `epub`, `html` (the preview). Default: all four.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<BuildFormat>,
    /// Codes (or globs such as `loss.epub.*`) of warnings and losses not to report; they
    /// are counted as allowed in the summary. `--allow` and `--deny` on the command line
    /// win over these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
    /// Codes (or globs) of warnings and losses to report as errors (exit status 1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deny: Vec<String>,
}

/// An output format of `galley build --to` and of `formats` in `galley.toml`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum BuildFormat {
    /// JATS 1.3 Journal Publishing XML (`<slug>.jats.xml`).
    Jats,
    /// TEI P5 XML (`<slug>.tei.xml`).
    Tei,
    /// EPUB 3.3 (`<slug>.epub`, and the issue EPUB).
    Epub,
    /// The HTML preview (`index.html`).
    Html,
}

impl BuildFormat {
    /// The emitter's format.
    pub fn format(self) -> crate::emit::Format {
        match self {
            BuildFormat::Jats => crate::emit::Format::Jats,
            BuildFormat::Tei => crate::emit::Format::Tei,
            BuildFormat::Epub => crate::emit::Format::Epub,
            BuildFormat::Html => crate::emit::Format::Html,
        }
    }
}

/// A configuration as found: its file and what it says.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The file, if one was found.
    pub path: Option<PathBuf>,
    /// Its settings (the defaults when none was found).
    pub config: Config,
}

impl Found {
    /// A path of the configuration, made relative to the configuration file's folder.
    pub fn resolve(&self, p: &Path) -> PathBuf {
        match self.path.as_deref().and_then(Path::parent) {
            Some(dir) if p.is_relative() => dir.join(p),
            _ => p.to_path_buf(),
        }
    }
}

/// The `galley.toml` that governs `start` (an issue folder, or a folder of them, or an
/// article): the first found in `start` (or, for a file, its folder) and its ancestors,
/// stopping at the git root (the folder holding `.git`); outside a repository, at the
/// current folder when `start` is inside it, else at `start` itself.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(start).ok()?;
    let start = if start.is_file() {
        start.parent()?.to_path_buf()
    } else {
        start
    };
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|d| std::fs::canonicalize(d).ok());
    let in_git = start.ancestors().any(|d| d.join(".git").exists());
    for dir in start.ancestors() {
        let file = dir.join(CONFIG_FILE);
        if file.is_file() {
            return Some(file);
        }
        let last = if in_git {
            dir.join(".git").exists()
        } else {
            cwd.as_deref().is_none_or(|c| !start.starts_with(c)) || Some(dir) == cwd.as_deref()
        };
        if last {
            break;
        }
    }
    None
}

/// Reads and checks the configuration file `path`.
pub fn load(path: &Path) -> Result<Config, Diagnostic> {
    let bytes = crate::yaml::read_file(path, 1 << 20).map_err(|e| {
        let why = match e {
            crate::yaml::ReadError::NotRegular => "not a regular file".to_string(),
            crate::yaml::ReadError::TooLarge(n) => format!("{n} bytes, over 1 MiB"),
            crate::yaml::ReadError::Io(e) => e.to_string(),
        };
        Diagnostic::error("io.read", format!("cannot read {}: {why}", path.display()))
            .in_file(path)
            .hint("check the file and its permissions")
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(
            "config.invalid",
            format!(
                "galley.toml is not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .in_file(path)
        .hint("save the file as UTF-8")
    })?;
    parse(&text).map_err(|d| d.in_file(path))
}

/// The keys of `galley.toml`, for "did you mean".
const KEYS: [&str; 4] = ["output", "formats", "allow", "deny"];

/// Parses the text of a `galley.toml`; an error is placed at its line and column.
pub fn parse(text: &str) -> Result<Config, Diagnostic> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let span = e
            .span()
            .map(|r| crate::yaml::span_from_offset(text, r.start, r.end - r.start));
        let message = e.message().trim().to_string();
        let unknown = message
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next());
        let (code, hint) = match unknown {
            Some(key) => (
                "config.unknown-key",
                match did_you_mean(key, KEYS) {
                    Some(k) => format!("did you mean `{k}`? galley.toml takes {}", KEYS.join(", ")),
                    None => format!("galley.toml takes {}", KEYS.join(", ")),
                },
            ),
            None => (
                "config.invalid",
                "see the README's `galley.toml` section (or schemas/galley-toml.schema.json)"
                    .to_string(),
            ),
        };
        Diagnostic::error(code, format!("galley.toml: {message}"))
            .at(span)
            .hint(hint)
    })?;
    let mut policy = crate::diag::Policy::default();
    policy.add(&config.allow, false, false);
    policy.add(&config.deny, true, false);
    if let Some(bad) = policy.bad_pattern() {
        let at = text
            .find(&format!("\"{bad}\""))
            .map(|i| crate::yaml::span_from_offset(text, i, bad.len() + 2));
        return Err(Diagnostic::error(
            "config.invalid",
            format!("galley.toml: `{bad}` is not a diagnostic code or a glob of codes"),
        )
        .at(at)
        .hint("a code such as `loss.epub.orcid`, or a glob such as `loss.epub.*`"));
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_parses() {
        let c = parse(
            "output = \"out\"\nformats = [\"jats\", \"epub\"]\nallow = [\"loss.epub.*\"]\ndeny = [\"figure.no-alt\"]\n",
        )
        .expect("valid");
        assert_eq!(c.output.as_deref(), Some(Path::new("out")));
        assert_eq!(c.formats, [BuildFormat::Jats, BuildFormat::Epub]);
        assert_eq!(c.allow, ["loss.epub.*"]);
        assert_eq!(c.deny, ["figure.no-alt"]);
    }

    #[test]
    fn an_unknown_key_is_placed_at_its_line() {
        let d = parse("output = \"out\"\n\nouptut = \"x\"\n").expect_err("unknown key");
        assert_eq!(d.code, "config.unknown-key");
        let span = d.span.expect("a place");
        assert_eq!((span.line, span.column), (3, 1));
        assert!(
            d.hint.as_deref().is_some_and(|h| h.contains("`output`")),
            "{d:?}"
        );
    }

    #[test]
    fn a_bad_format_and_a_bad_glob_are_errors() {
        let d = parse("formats = [\"pdf\"]\n").expect_err("pdf");
        assert_eq!(d.span.map(|s| s.line), Some(1));
        let d = parse("allow = [\"loss epub\"]\n").expect_err("space");
        assert_eq!(d.code, "config.invalid");
        assert!(parse("output = 3").is_err());
        assert!(parse("= =").is_err());
    }
}
