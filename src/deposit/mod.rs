//! `galley deposit`: packages for archives and aggregators, made from the outputs of a
//! build. The build runs as `galley build` does (same conversion, diagnostics, atomic and
//! incremental writing) into a hidden folder of the deposit folder, [`BUILD_DIR`]; each
//! issue's results are then packaged before they are reported, so that a package's
//! problems are reported, counted and given an exit status with the article's own.
//!
//! Formats: [`bagit`] (RFC 8493), one bag per article, `DIR/<slug>.bagit/`, and one per
//! issue, `DIR/<issue name>.issue.bagit/`, each written into a staging folder and
//! swapped into place as a whole ([`crate::build::publish_dir`]); [`meca`] (NISO RP-30),
//! one zip per article, `DIR/<slug>-meca.zip`, renamed into place
//! ([`crate::build::write_atomically`]); [`crossref`], one deposit XML per issue,
//! `DIR/<issue name>.crossref.xml` (the issue's name is its EPUB's,
//! [`issue_epub_name`]); [`pmc`] (PubMed Central), one zip per article named
//! by PMC's rules from the journal, volume, issue and page, `DIR/jour-vol-iss-uid.zip`.
//! An article that fails loses its old packages, so none goes stale.

pub mod bagit;
pub mod crossref;
pub mod meca;
pub mod pmc;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::build::{IssueResults, Report, Status, publish_dir, remove_article_dir};
use crate::diag::Diagnostic;
use crate::issue::{
    ARTICLE_FILE, ISSUE_FILE, IssueSelection, SharedIssue, issue_epub_name, issue_name,
};
use crate::model::{Article, PartialDate};
use crate::yaml::Limits;

/// The hidden folder of the deposit folder the build writes its outputs to (and keeps
/// them in, so that the next deposit converts only what changed).
pub const BUILD_DIR: &str = ".galley-build";

/// A deposit package format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PackageFormat {
    /// BagIt 1.0 (RFC 8493): Portico, CLOCKSS, LOCKSS and national libraries take these.
    Bagit,
    /// MECA (NISO RP-30): manuscript systems and preprint servers exchange these.
    Meca,
    /// Crossref deposit XML (schema 5.3.1): registers the issue's articles' DOIs.
    Crossref,
    /// PubMed Central: a zip per article named by PMC's file-naming rules ([`pmc`]).
    Pmc,
}

impl PackageFormat {
    /// Every format, by the name the command line takes.
    pub const ALL: [(&'static str, PackageFormat); 4] = [
        ("bagit", PackageFormat::Bagit),
        ("meca", PackageFormat::Meca),
        ("crossref", PackageFormat::Crossref),
        ("pmc", PackageFormat::Pmc),
    ];

    /// The name of the package of an article (`issue`: `None`) or of the issue named
    /// `issue`; `None` when the format has no package for it (MECA: an issue), or
    /// names it from the YAML's facts (PMC, [`pmc::package_articles`]).
    fn package_name(self, slug: &str, issue: Option<&str>) -> Option<String> {
        match (self, issue) {
            (PackageFormat::Bagit, None) => Some(format!("{slug}.bagit")),
            (PackageFormat::Bagit, Some(i)) => Some(format!("{i}.issue.bagit")),
            (PackageFormat::Meca, None) => Some(format!("{slug}-meca.zip")),
            (PackageFormat::Meca, Some(_)) => None,
            (PackageFormat::Crossref, None) => None,
            (PackageFormat::Crossref, Some(i)) => Some(format!("{i}.crossref.xml")),
            (PackageFormat::Pmc, _) => None,
        }
    }
}

/// Formats as the command line gives them: `bagit`, or several joined by commas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageFormats(pub Vec<PackageFormat>);

impl std::str::FromStr for PackageFormats {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut set = BTreeSet::new();
        for name in s.split(',').map(str::trim) {
            let found = PackageFormat::ALL.iter().find(|(n, _)| *n == name);
            match found {
                Some((_, f)) => {
                    set.insert(*f);
                }
                None => {
                    let known: Vec<&str> = PackageFormat::ALL.iter().map(|(n, _)| *n).collect();
                    return Err(format!(
                        "`{name}` is not a deposit format (known: {})",
                        known.join(", ")
                    ));
                }
            }
        }
        Ok(PackageFormats(set.into_iter().collect()))
    }
}

/// How to package.
#[derive(Debug, Clone)]
pub struct DepositOptions {
    /// The formats to make.
    pub formats: Vec<PackageFormat>,
    /// The deposit folder: packages go here, the build's outputs to [`BUILD_DIR`] in it.
    pub dir: PathBuf,
    /// Flush every package to disk before it is renamed into place.
    pub durable: bool,
    /// `SOURCE_DATE_EPOCH`, for a date the inputs do not give.
    pub source_date_epoch: Option<i64>,
}

impl DepositOptions {
    /// Where the build writes.
    pub fn build_dir(&self) -> PathBuf {
        self.dir.join(BUILD_DIR)
    }
}

/// An article's slug that is an issue's name ([`issue_epub_name`]) followed by `.issue`:
/// their packages would have one name (`<name>.issue.bagit`). Refused before anything is written, as
/// `output.collision` is for the build's outputs.
pub fn collisions(sels: &[IssueSelection]) -> Vec<Diagnostic> {
    let issues: BTreeSet<String> = sels
        .iter()
        .map(|s| format!("{}.issue", issue_epub_name(&s.dir)))
        .collect();
    sels.iter()
        .flat_map(|s| s.slugs.iter().map(move |slug| (s, slug)))
        .filter(|(_, slug)| issues.contains(slug.as_str()))
        .map(|(s, slug)| {
            Diagnostic::error(
                "output.collision",
                format!(
                    "the article `{slug}` would be packaged under the name of an issue's package, `{slug}.<format>`"
                ),
            )
            .in_file(s.dir.join(slug).join(ARTICLE_FILE))
            .hint("rename the article's folder, or set the issue's `epub_name`, or deposit them separately")
        })
        .collect()
}

/// Packages one issue's results in every format asked (its articles that built or were
/// unchanged, and the issue when its EPUB was made), adding each package's path and
/// problems to the report it was made from; removes the packages of articles that
/// failed.
pub fn package_issue(r: &mut IssueResults, sels: &[IssueSelection], opts: &DepositOptions) {
    let Some(dir) = r.reports.first().map(|rep| rep.issue.clone()) else {
        return;
    };
    let Some(sel) = sels.iter().find(|s| s.dir == dir) else {
        return;
    };
    let ok = |rep: &Report| matches!(rep.status, Status::Built | Status::Unchanged);
    let facts = r.reports.iter().any(ok).then(|| Facts::load(sel));
    let articles: Vec<Report> = r
        .reports
        .iter()
        .filter(|rep| !rep.whole_issue && ok(rep))
        .cloned()
        .collect();
    if opts.formats.contains(&PackageFormat::Pmc) {
        pmc::package_articles(&mut r.reports, facts.as_ref(), &issue_name(&dir), opts);
    }
    // The issue's packages are named as its EPUB is (`issue.epub_name`, else the journal
    // and the issue's facts), not after the folder alone.
    let issue = issue_epub_name(&dir);
    for rep in &mut r.reports {
        for &format in &opts.formats {
            let whole = rep.whole_issue.then_some(issue.as_str());
            let Some(name) = format.package_name(&rep.name, whole) else {
                continue;
            };
            match (&facts, ok(rep)) {
                (Some(facts), true) => package(rep, &articles, facts, format, &name, opts),
                _ if rep.status == Status::Failed => {
                    remove_stale(&opts.dir.join(&name), &mut rep.diagnostics);
                }
                _ => {}
            }
        }
    }
}

/// Removes a package of an article (or issue) that no longer builds.
fn remove_stale(path: &Path, diags: &mut Vec<Diagnostic>) {
    if path.is_dir() {
        remove_article_dir(path, diags);
        return;
    }
    match std::fs::remove_file(path) {
        Ok(()) => diags.push(Diagnostic::warning(
            "build.removed-stale",
            format!("removed {}: the article no longer builds", path.display()),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => diags.push(Diagnostic::error(
            "io.write",
            format!("cannot remove the stale package {}: {e}", path.display()),
        )),
    }
}

/// Makes the package `name` of one report in `format` and publishes it: a folder swapped
/// into place as a whole, or a file renamed into place.
fn package(
    rep: &mut Report,
    articles: &[Report],
    facts: &Facts,
    format: PackageFormat,
    name: &str,
    opts: &DepositOptions,
) {
    if format == PackageFormat::Crossref {
        crossref_package(rep, articles, facts, &opts.dir.join(name), opts);
        return;
    }
    let payload = match payload(rep, articles, &opts.build_dir()) {
        Ok(p) => p,
        Err(d) => {
            rep.diagnostics.push(d);
            return;
        }
    };
    let path = opts.dir.join(name);
    let written = match format {
        PackageFormat::Bagit => {
            let (info, diags) = facts.bag_info(rep, opts);
            rep.diagnostics.extend(diags);
            publish_dir(&opts.dir, name, &bagit::bag(&payload, &info), opts.durable)
        }
        PackageFormat::Crossref | PackageFormat::Pmc => return,
        PackageFormat::Meca => match meca::package(&rep.name, &payload, &facts.media(rep)) {
            Ok(bytes) => crate::build::write_atomically(&path, &bytes),
            Err(msg) => {
                rep.diagnostics.push(Diagnostic::error("emit.meca", msg));
                return;
            }
        },
    };
    match written {
        Ok(()) => rep.packages.push(path),
        Err(e) => rep.diagnostics.push(
            Diagnostic::error("io.write", format!("cannot write {}: {e}", path.display()))
                .hint("check free space and permissions of the deposit folder"),
        ),
    }
}

/// Writes the Crossref deposit of the issue of `rep` (the issue's report) to `path`, from
/// the articles that built; when it cannot be written, removes an old one so that none
/// goes stale.
fn crossref_package(
    rep: &mut Report,
    articles: &[Report],
    facts: &Facts,
    path: &Path,
    opts: &DepositOptions,
) {
    let Some(issue) = facts.shared.issue.as_ref() else {
        return;
    };
    let loaded: Vec<(String, crate::validate::Checked<Article>)> = articles
        .iter()
        .filter_map(|a| {
            let checked = facts.shared.load_article(&a.name, &facts.limits).article?;
            Some((a.name.clone(), checked))
        })
        .collect();
    let mut raw: Vec<&[u8]> = facts.shared.raw.iter().map(|(_, b)| b.as_slice()).collect();
    raw.extend(loaded.iter().map(|(_, c)| c.doc.text.as_bytes()));
    let input = crossref::DepositInput {
        issue: &issue.value,
        issue_doc: &issue.doc,
        contributors: facts.shared.contributors.as_ref().map(|c| &c.value),
        articles: loaded
            .iter()
            .map(|(slug, checked)| crossref::DepositArticle {
                slug: slug.clone(),
                checked,
            })
            .collect(),
        raw,
        source_date_epoch: opts.source_date_epoch,
    };
    let (bytes, diags) = crossref::deposit(&input);
    rep.diagnostics.extend(diags);
    let written = match bytes {
        Some(b) => crate::build::write_atomically(path, &b),
        None => {
            match std::fs::remove_file(path) {
                Ok(()) => rep.diagnostics.push(Diagnostic::warning(
                    "build.removed-stale",
                    format!(
                        "removed {}: the issue's Crossref deposit can no longer be made",
                        path.display()
                    ),
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => rep.diagnostics.push(Diagnostic::error(
                    "io.write",
                    format!("cannot remove the stale deposit {}: {e}", path.display()),
                )),
            }
            return;
        }
    };
    match written {
        Ok(()) => rep.packages.push(path.to_path_buf()),
        Err(e) => rep.diagnostics.push(
            Diagnostic::error("io.write", format!("cannot write {}: {e}", path.display()))
                .hint("check free space and permissions of the deposit folder"),
        ),
    }
}

/// The files a report's package holds (path inside the payload, bytes), as the build
/// wrote them: an article's outputs at the paths they have in its output folder (its
/// JATS, TEI, EPUB and the files they refer to; not the preview, a proofing aid); for the
/// issue, its EPUB and each article's under `<slug>/`.
fn payload(
    rep: &Report,
    articles: &[Report],
    build_dir: &Path,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut files = Vec::new();
    if rep.whole_issue {
        add_outputs(&mut files, rep, build_dir, "")?;
        for a in articles {
            add_outputs(
                &mut files,
                a,
                &build_dir.join(&a.name),
                &format!("{}/", a.name),
            )?;
        }
    } else {
        add_outputs(&mut files, rep, &build_dir.join(&rep.name), "")?;
    }
    Ok(files)
}

/// Adds the outputs of `rep` found under `base`, named relative to it after `prefix`.
fn add_outputs(
    files: &mut Vec<(String, Vec<u8>)>,
    rep: &Report,
    base: &Path,
    prefix: &str,
) -> Result<(), Diagnostic> {
    for o in &rep.outputs {
        let Some(rel) = o.path.strip_prefix(base).ok().and_then(Path::to_str) else {
            continue;
        };
        if rel == crate::emit::Format::Html.file_name(&rep.name) {
            continue;
        }
        let bytes = std::fs::read(&o.path).map_err(|e| {
            Diagnostic::error(
                "io.read",
                format!("cannot read the output {}: {e}", o.path.display()),
            )
            .hint("run the deposit again; the build rewrites missing outputs")
        })?;
        files.push((format!("{prefix}{rel}"), bytes));
    }
    Ok(())
}

/// What packages record of an issue and its articles, read from their YAML.
struct Facts {
    shared: SharedIssue,
    limits: Limits,
}

impl Facts {
    fn load(sel: &IssueSelection) -> Facts {
        let limits = Limits::default();
        Facts {
            shared: crate::issue::load_shared(sel, &limits),
            limits,
        }
    }

    fn article(&self, slug: &str) -> Option<Article> {
        self.shared
            .load_article(slug, &self.limits)
            .article
            .map(|a| a.value)
    }

    /// The media types the article of a report states for its own files (its
    /// supplementary material's), by path.
    fn media(&self, rep: &Report) -> meca::MediaTypes {
        let Some(article) = self.article(&rep.name) else {
            return meca::MediaTypes::new();
        };
        article
            .supplementary
            .iter()
            .filter_map(|s| Some((s.file.clone()?, s.media_type()?)))
            .collect()
    }

    /// The bag-info facts of a report's bag, and a warning when no date can be given.
    fn bag_info(&self, rep: &Report, opts: &DepositOptions) -> (bagit::BagInfo, Vec<Diagnostic>) {
        let issue = self.shared.issue.as_ref().map(|i| &i.value);
        let issue_date = issue.and_then(|i| full_date(i.issue.date.as_ref()));
        let epoch = opts
            .source_date_epoch
            .map(crate::emit::epub::utc_date_of_epoch);
        let mut info = bagit::BagInfo {
            source_organization: issue
                .and_then(|i| i.journal.publisher.as_ref())
                .map(|p| p.name.clone()),
            ..bagit::BagInfo::default()
        };
        let file;
        if rep.whole_issue {
            info.external_identifier = issue
                .and_then(|i| i.issue.doi.as_ref())
                .map(|d| d.to_string());
            info.bagging_date = issue_date.or(epoch);
            file = self.shared.dir.join(ISSUE_FILE);
        } else {
            let article = self.article(&rep.name);
            let a = article.as_ref();
            info.external_identifier = a.and_then(|a| a.doi.as_ref()).map(|d| d.to_string());
            info.bagging_date = a
                .and_then(|a| full_date(a.dates.published.as_ref()))
                .or(issue_date)
                .or(epoch);
            info.group = Some(issue_epub_name(&self.shared.dir));
            file = rep.path.join(ARTICLE_FILE);
        }
        let mut diags = Vec::new();
        if info.bagging_date.is_none() {
            diags.push(
                Diagnostic::warning(
                    "missing.bagit.bagging-date",
                    "no full date (YYYY-MM-DD) in the article or issue and SOURCE_DATE_EPOCH is not set: the bag has no Bagging-Date",
                )
                .in_file(file)
                .hint("state the article's `dates: {published: …}` or the issue's `date:` as a full date, or set SOURCE_DATE_EPOCH"),
            );
        }
        (info, diags)
    }
}

/// A date given to the day, as `Bagging-Date` takes it (a year or a month alone is not
/// made into a day).
fn full_date(d: Option<&PartialDate>) -> Option<String> {
    let s = d?.as_str();
    (s.len() == 10).then(|| s.to_string())
}

/// A reproducible zip (PMC's and MECA's): `first` as the first entry, then `rest` in the
/// order of their names; XML deflated, everything else (images, EPUBs, data: mostly
/// compressed already) stored; every entry dated 1980-01-01 00:00 (the zip format's first
/// date, so that the bytes depend on nothing but the files) with permissions 0644; the
/// zip's comment when one is given. `what` names the package in the error.
fn zip_of(
    what: &str,
    first: (&str, &[u8]),
    rest: &[(String, Vec<u8>)],
    comment: Option<String>,
) -> Result<Vec<u8>, String> {
    use ::zip::write::SimpleFileOptions;
    use ::zip::{CompressionMethod, DateTime, System, ZipWriter};
    use std::io::{Cursor, Write};
    let err = |e: &dyn std::fmt::Display| format!("cannot write the {what} zip: {e}");
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644)
        .system(System::Unix);
    let mut sorted: Vec<(&str, &[u8])> = rest
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    for (name, bytes) in std::iter::once(first).chain(sorted) {
        let method = if name.ends_with(".xml") {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        z.start_file(name, base.compression_method(method))
            .map_err(|e| err(&e))?;
        z.write_all(bytes).map_err(|e| err(&e))?;
    }
    if let Some(c) = comment {
        z.set_comment(c).map_err(|e| err(&e))?;
    }
    let cursor = z.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}
