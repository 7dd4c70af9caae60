//! PubMed Central packages: one zip per article holding its JATS and every file the JATS
//! refers to (figures' images, supplementary files), each named by PMC's rules.
//!
//! The rules are PMC's "Naming and Delivery Specifications"
//! (<https://pmc.ncbi.nlm.nih.gov/pub/filespec-delivery>):
//!
//! - the article XML is `jour-vol-uid.xml`: `jour` a journal identifier (an alphanumeric
//!   abbreviation or the ISSN), `vol` the volume, `uid` the article's first page or
//!   elocation-id; articles of a volume starting on the same page take a sequence letter
//!   after the page, `-a` for the first, `-b`, `-c`… (the page's older version, "Article
//!   and Package Naming Delivery Specifications");
//! - figures are `jour-vol-uid-g001.ext`, supplementary files `jour-vol-uid-s001.ext`,
//!   with the extension in lowercase; the names the XML uses are those of the files;
//! - no spaces and none of `? % # / :` in a name; every name unique within a volume;
//! - the article's files are delivered in one zip named `jour-vol-iss-uid.zip` (the
//!   page's "How to Name ZIP Packages"; `-iss` left out when the issue has no number).
//!
//! Every part of a name comes from the YAML: `jour` from the journal's `pmc` id, else its
//! `publisher_id`, else its NLM title abbreviation (`nlm-ta`) or ISO abbreviation, else
//! its abbreviated title, else its ISSN (electronic first); `vol` and `iss` from the
//! issue; `uid` from the article's first page (`pages: {first: …}`), else its
//! `elocation`. Of each, only ASCII letters, digits, `.`, `_` and `-` are kept (so
//! `J Galley Test` is `JGalleyTest`); a fact that is missing, or keeps nothing (or more
//! than [`MAX_PART`] characters), is reported as `missing.pmc.<what>` and the article
//! gets no zip. Nothing is invented.

use std::collections::BTreeMap;
use std::path::Path;

use super::{DepositOptions, Facts};
use crate::build::{Report, Status};
use crate::diag::Diagnostic;
use crate::emit::{Context, EmitOptions};
use crate::issue::ARTICLE_FILE;
use crate::model::{Article, IssueFile, JournalIdType, PublicationFormat, for_each_figure};
use crate::validate::Checked;
use crate::yaml::Document;

/// The comment every PMC zip galley writes carries, followed by the issue folder's name
/// and the article's slug: how a later deposit finds an article's old zip when its name
/// has changed or it can no longer be made, so that none goes stale.
pub const COMMENT_PREFIX: &str = "galley deposit pmc: ";

/// The parts of a name shared by the issue's articles: `jour`, `vol` and `iss`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueParts {
    /// The journal identifier.
    pub jour: String,
    /// The volume.
    pub vol: String,
    /// The issue number, when the issue has one.
    pub iss: Option<String>,
}

/// A fact a PMC name needs that the YAML lacks: what it is (`journal`, `volume`,
/// `page`), where to add it (a JSON pointer) and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The `missing.pmc.<what>` code's last part.
    pub what: &'static str,
    /// Where the fact belongs (the nearest value present is where it is reported).
    pub pointer: &'static str,
    /// Why the name cannot be made.
    pub message: String,
    /// What to add, with a YAML example.
    pub hint: &'static str,
}

impl Missing {
    /// The warning, placed in `doc` at the fact's place or the nearest value above it.
    pub fn diagnostic(&self, slug: &str, doc: &Document) -> Diagnostic {
        Diagnostic::warning(
            format!("missing.pmc.{}", self.what),
            format!(
                "{}: no PubMed Central package is made for the article `{slug}`",
                self.message
            ),
        )
        .in_file(&doc.path)
        .pointer(self.pointer)
        .at(doc.span_or_parent(self.pointer))
        .hint(self.hint)
    }
}

/// The longest part of a name galley makes from one value (a file name has 255 bytes at
/// most on common file systems, and PMC's names are short).
pub const MAX_PART: usize = 64;

/// `s` with only the characters a PMC file name may hold (ASCII letters, digits, `.`,
/// `_`, `-`; no `.` or `-` at either end); `None` when nothing is left or more than
/// [`MAX_PART`] characters are.
pub fn name_part(s: &str) -> Option<String> {
    let kept: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .collect();
    let kept = kept.trim_matches(|c| matches!(c, '.' | '-')).to_string();
    (!kept.is_empty() && kept.len() <= MAX_PART).then_some(kept)
}

/// The journal identifier: the journal's `pmc` id, its `publisher_id`, its `nlm-ta` or
/// `iso-abbrev` id, its abbreviated title, its electronic then print ISSN, the first that
/// keeps a character ([`name_part`]).
pub fn journal_part(issue: &IssueFile) -> Option<String> {
    let j = &issue.journal;
    let id = |kind: JournalIdType| {
        j.ids
            .iter()
            .find(|i| i.kind == kind)
            .map(|i| i.value.as_str())
    };
    let issn = |format: PublicationFormat| {
        j.issn
            .iter()
            .find(|i| i.format == format)
            .map(|i| i.value.as_str())
    };
    [
        id(JournalIdType::Pmc),
        j.publisher_id.as_deref(),
        id(JournalIdType::NlmTa),
        id(JournalIdType::IsoAbbrev),
        j.abbrev_title.as_deref(),
        issn(PublicationFormat::Electronic),
        issn(PublicationFormat::Print),
    ]
    .into_iter()
    .flatten()
    .find_map(name_part)
}

/// The issue's parts of every name, or what is missing.
pub fn issue_parts(issue: &IssueFile) -> Result<IssueParts, Vec<Missing>> {
    let jour = journal_part(issue);
    let vol = issue.issue.volume.as_deref().and_then(name_part);
    let mut missing = Vec::new();
    if jour.is_none() {
        missing.push(Missing {
            what: "journal",
            pointer: "/journal/ids",
            message: format!(
                "the journal has no identifier a PMC file name can start with (a `pmc` or `nlm-ta` id, a `publisher_id`, an abbreviated title or an ISSN, with ASCII letters or digits, at most {MAX_PART})"
            ),
            hint: "add the journal's PMC abbreviation, `ids: [{type: pmc, value: jgaltest}]`, or its ISSN, `issn: [{value: 0252-9203, format: print}]`, to the issue's `journal`",
        });
    }
    if vol.is_none() {
        let message = match &issue.issue.volume {
            Some(v) => format!(
                "the volume `{v}` gives no part of a PMC file name (ASCII letters or digits, at most {MAX_PART})"
            ),
            None => "the issue states no volume, which every PMC file name holds".into(),
        };
        missing.push(Missing {
            what: "volume",
            pointer: "/issue/volume",
            message,
            hint: "state the issue's volume as printed: `issue: {volume: \"17\"}`",
        });
    }
    match (jour, vol) {
        (Some(jour), Some(vol)) => Ok(IssueParts {
            jour,
            vol,
            iss: issue.issue.number.as_deref().and_then(name_part),
        }),
        _ => Err(missing),
    }
}

/// The article's own identifier in names before any sequence letter: its first page,
/// else its elocation-id (the one JATS writes when the YAML gives both, so the name and
/// the `fpage` agree); what is missing otherwise.
pub fn article_part(article: &Article) -> Result<String, Missing> {
    let given = article
        .pages
        .as_ref()
        .map(|p| p.first.as_str())
        .or(article.elocation.as_deref());
    given.and_then(name_part).ok_or_else(|| Missing {
        what: "page",
        pointer: "/pages",
        message: match given {
            Some(v) => format!(
                "the article's first page or elocation `{v}` gives no part of a PMC file name (ASCII letters or digits, at most {MAX_PART})"
            ),
            None => "the article states neither its first page nor an elocation-id, one of which every PMC file name holds".into(),
        },
        hint: "state the article's first page, `pages: {first: \"45\", last: \"67\"}`, or its electronic location, `elocation: e1996025`",
    })
}

/// The `uid` of each article (slug, its identifier from [`article_part`]) given in issue
/// order: the identifier, followed by a sequence letter (`-a`, `-b`, …, then `-aa`…)
/// where several articles share it, the first in issue order taking `-a`.
pub fn uids(articles: &[(String, String)]) -> BTreeMap<String, String> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, id) in articles {
        *count.entry(id.as_str()).or_default() += 1;
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for (slug, id) in articles {
        let uid = if count.get(id.as_str()).copied().unwrap_or(0) > 1 {
            let n = seen.entry(id.as_str()).or_default();
            *n += 1;
            format!("{id}-{}", sequence_letter(*n))
        } else {
            id.clone()
        };
        out.insert(slug.clone(), uid);
    }
    out
}

/// The `n`th sequence letter (1: `a`, 26: `z`, 27: `aa`).
fn sequence_letter(mut n: usize) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The names of one article's package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleNames {
    /// `jour-vol-uid`: the XML's name without `.xml`, and the start of every file's.
    pub base: String,
    /// `jour-vol-iss-uid.zip`.
    pub zip: String,
}

impl ArticleNames {
    /// The names of the article whose `uid` is given.
    pub fn new(parts: &IssueParts, uid: &str) -> ArticleNames {
        let IssueParts { jour, vol, iss } = parts;
        ArticleNames {
            base: format!("{jour}-{vol}-{uid}"),
            zip: match iss {
                Some(iss) => format!("{jour}-{vol}-{iss}-{uid}.zip"),
                None => format!("{jour}-{vol}-{uid}.zip"),
            },
        }
    }

    /// The article XML's name.
    pub fn xml(&self) -> String {
        format!("{}.xml", self.base)
    }
}

/// The new name of each of the article's files, by the path the YAML gives: figures'
/// images `<base>-g001.ext` in the order the JATS shows them (the abstracts' first, then
/// the body's, the appendices' and the sub-articles'; an image shown twice is one file), then
/// supplementary files `<base>-s001.ext` in list order. The extension is the file's own
/// in lowercase, or the image's media type's when it has none a name can hold.
pub fn file_names(
    article: &Article,
    base: &str,
    media_ext: &dyn Fn(&str) -> Option<&'static str>,
) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    // The order the JATS shows them in: the abstracts' figures (in `front`) first.
    let mut figures: Vec<String> = article
        .abstracts
        .iter()
        .filter_map(|a| Some(a.figure.as_ref()?.image.clone()))
        .collect();
    for_each_figure(article, &mut |_, f| figures.push(f.image.clone()));
    let mut n = 0;
    for path in figures {
        if names.contains_key(&path) {
            continue;
        }
        n += 1;
        let ext = extension(&path).or_else(|| media_ext(&path).map(str::to_string));
        names.insert(path, with_ext(format!("{base}-g{n:03}"), ext));
    }
    let mut n = 0;
    for path in article.supplementary.iter().filter_map(|s| s.file.clone()) {
        if names.contains_key(&path) {
            continue;
        }
        n += 1;
        let ext = extension(&path);
        names.insert(path, with_ext(format!("{base}-s{n:03}"), ext));
    }
    names
}

/// A path's extension in lowercase, when it is ASCII letters and digits.
fn extension(path: &str) -> Option<String> {
    let file = path.rsplit('/').next().unwrap_or(path);
    let (stem, ext) = file.rsplit_once('.')?;
    let ok = !stem.is_empty() && !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric());
    ok.then(|| ext.to_ascii_lowercase())
}

fn with_ext(name: String, ext: Option<String>) -> String {
    match ext {
        Some(e) => format!("{name}.{e}"),
        None => name,
    }
}

/// The zip of one article: the XML first, then its files by name; XML deflated, the
/// rest stored; every entry dated 1980-01-01 00:00 (the zip format's first date, so the
/// bytes depend on nothing but the files) with permissions 0644; the zip's comment
/// [`COMMENT_PREFIX`] followed by `owner` (the issue folder and the slug).
pub fn package(
    xml_name: &str,
    xml: &[u8],
    files: &[(String, Vec<u8>)],
    owner: &str,
) -> Result<Vec<u8>, String> {
    super::zip_of(
        "PMC",
        (xml_name, xml),
        files,
        Some(format!("{COMMENT_PREFIX}{owner}")),
    )
}

/// The owner a PMC zip's comment names ([`package`]), when it is one galley wrote (only
/// the zip's end is read).
pub fn owner_of(zip: impl std::io::Read + std::io::Seek) -> Option<String> {
    let archive = ::zip::ZipArchive::new(zip).ok()?;
    let comment = std::str::from_utf8(archive.comment()).ok()?;
    comment.strip_prefix(COMMENT_PREFIX).map(str::to_string)
}

/// Held while an issue's PMC zips are made ([`package_articles`]).
static PACKAGING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Makes the PMC zip of each article of an issue's reports that built or was unchanged,
/// `DIR/jour-vol-iss-uid.zip`, renamed into place; reports what a name needs and the
/// YAML lacks (and makes no zip then); removes the old zips of articles that failed, lack
/// a fact or changed name, so that none goes stale; refuses a name another article's zip
/// in the folder has (`pmc.name-taken`: the first packaged keeps it). `issue` is the
/// issue folder's name.
pub(super) fn package_articles(
    reports: &mut [Report],
    facts: Option<&Facts>,
    issue: &str,
    opts: &DepositOptions,
) {
    // Issues are packaged on several workers: one at a time here, so that each sees the
    // zips the others wrote and a name is never given twice.
    let _one_at_a_time = PACKAGING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let old = OldZips::scan(&opts.dir);
    let issue_file = facts.and_then(|f| f.shared.issue.as_ref());
    let (Some(facts), Some(issue_file)) = (facts, issue_file) else {
        for rep in reports.iter_mut().filter(|r| !r.whole_issue) {
            let owner = format!("{issue}/{}", rep.name);
            old.remove(&opts.dir, &owner, None, &mut rep.diagnostics);
        }
        return;
    };
    let parts = issue_parts(&issue_file.value);
    let articles: BTreeMap<String, Checked<Article>> = facts
        .shared
        .slugs
        .iter()
        .filter_map(|slug| {
            let checked = facts.shared.load_article(slug, &facts.limits).article?;
            Some((slug.clone(), checked))
        })
        .collect();
    let ids: Vec<(String, String)> = facts
        .shared
        .slugs
        .iter()
        .filter_map(|slug| Some((slug.clone(), article_part(&articles.get(slug)?.value).ok()?)))
        .collect();
    let uids = uids(&ids);
    for rep in reports.iter_mut().filter(|r| !r.whole_issue) {
        let owner = format!("{issue}/{}", rep.name);
        let built = matches!(rep.status, Status::Built | Status::Unchanged);
        let article = articles.get(&rep.name).filter(|_| built);
        let Some(article) = article else {
            old.remove(&opts.dir, &owner, None, &mut rep.diagnostics);
            continue;
        };
        let mut missing: Vec<Diagnostic> = match &parts {
            Ok(_) => Vec::new(),
            Err(m) => m
                .iter()
                .map(|m| m.diagnostic(&rep.name, &issue_file.doc))
                .collect(),
        };
        if let Err(m) = article_part(&article.value) {
            missing.push(m.diagnostic(&rep.name, &article.doc));
        }
        let (Ok(parts), Some(uid), true) = (&parts, uids.get(&rep.name), missing.is_empty()) else {
            rep.diagnostics.extend(missing);
            old.remove(&opts.dir, &owner, None, &mut rep.diagnostics);
            continue;
        };
        let names = ArticleNames::new(parts, uid);
        let keep = write_zip(rep, article, facts, &names, &owner, &old, opts);
        old.remove(
            &opts.dir,
            &owner,
            keep.then_some(names.zip.as_str()),
            &mut rep.diagnostics,
        );
    }
}

/// Writes the zip of one article, unless its XML's name is taken by another article's
/// zip in the deposit folder (PMC's names are unique within a volume): then a warning,
/// `pmc.name-taken`. Whether the zip is there now.
fn write_zip(
    rep: &mut Report,
    article: &Checked<Article>,
    facts: &Facts,
    names: &ArticleNames,
    owner: &str,
    old: &OldZips,
    opts: &DepositOptions,
) -> bool {
    if let Some((other, zip)) = old.taken(&names.xml(), owner) {
        rep.diagnostics.push(
            Diagnostic::warning(
                "pmc.name-taken",
                format!(
                    "the PubMed Central name `{}` of the article `{}` is taken by {zip} (of `{other}`) in the deposit folder, and PMC's names are unique within a volume: no package is made for it",
                    names.xml(),
                    rep.name
                ),
            )
            .in_file(rep.path.join(ARTICLE_FILE))
            .hint("state an `elocation` for one of the two articles, or remove the other zip if its article is gone"),
        );
        return false;
    }
    let zip = article_zip(rep, article, facts, names, owner, opts);
    let path = opts.dir.join(&names.zip);
    let written = zip.and_then(|bytes| {
        crate::build::write_atomically(&path, &bytes).map_err(|e| {
            Diagnostic::error("io.write", format!("cannot write {}: {e}", path.display()))
                .hint("check free space and permissions of the deposit folder")
        })
    });
    match written {
        Ok(()) => {
            rep.packages.push(path);
            true
        }
        Err(d) => {
            rep.diagnostics.push(d);
            false
        }
    }
}

/// The PMC zip of one article: its JATS emitted again with every file it refers to under
/// its PMC name (the resolve stage's renames, [`crate::resolve::Resolved::rename_files`];
/// the JATS of the build's output folder keeps the YAML's paths), and those files as the
/// build wrote them beside its outputs.
fn article_zip(
    rep: &Report,
    article: &Checked<Article>,
    facts: &Facts,
    names: &ArticleNames,
    owner: &str,
    opts: &DepositOptions,
) -> Result<Vec<u8>, Diagnostic> {
    let fail = |m: String| Diagnostic::error("emit.pmc", m).in_file(rep.path.join(ARTICLE_FILE));
    let (Some(issue), Some(contributors)) = (&facts.shared.issue, &facts.shared.contributors)
    else {
        return Err(fail(
            "the issue's shared files could not be read again".into(),
        ));
    };
    let out_dir = opts.build_dir().join(&rep.name);
    let assets = read_files(&article.value, &out_dir)?;
    let options = EmitOptions {
        source_date_epoch: opts.source_date_epoch,
        ..EmitOptions::default()
    };
    let ctx = Context {
        issue: &issue.value,
        contributors: &contributors.value,
        slug: &rep.name,
        assets: &assets,
        options: &options,
    };
    let mut resolved = crate::resolve::resolve(&article.value, &ctx)
        .map_err(|crate::emit::EmitError::Unwritable(m)| fail(m))?;
    let renamed = file_names(&article.value, &names.base, &|path| {
        resolved.image(path).map(|i| i.extension())
    });
    resolved.rename_files(renamed.clone());
    let jats = crate::emit::jats::emit(&resolved)
        .map_err(|crate::emit::EmitError::Unwritable(m)| fail(m))?;
    let files: Vec<(String, Vec<u8>)> = renamed
        .into_iter()
        .filter_map(|(path, name)| Some((name, assets.get(&path)?.clone())))
        .collect();
    package(&names.xml(), &jats.bytes, &files, owner).map_err(fail)
}

/// The article's figures' images and supplementary files, by the path the YAML gives,
/// read from the article's output folder, where the build wrote them.
fn read_files(article: &Article, out_dir: &Path) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let mut paths = Vec::new();
    for_each_figure(article, &mut |_, f| paths.push(f.image.clone()));
    paths.extend(article.supplementary.iter().filter_map(|s| s.file.clone()));
    let mut files = BTreeMap::new();
    for path in paths {
        if files.contains_key(&path) {
            continue;
        }
        let file = out_dir.join(&path);
        let bytes = std::fs::read(&file).map_err(|e| {
            Diagnostic::error(
                "io.read",
                format!("cannot read the output {}: {e}", file.display()),
            )
            .hint("run the deposit again; the build rewrites missing outputs")
        })?;
        files.insert(path, bytes);
    }
    Ok(files)
}

/// The PMC zips galley wrote in a deposit folder before this issue was packaged: for
/// each, its name, its owner (the issue folder and the article) and its XML's name.
struct OldZips(Vec<(String, String, String)>);

impl OldZips {
    /// Reads the end of every zip in `dir` (a zip that is not one of galley's PMC zips is
    /// left out).
    fn scan(dir: &Path) -> OldZips {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return OldZips(Vec::new());
        };
        let mut found: Vec<(String, String, String)> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".zip"))
            .filter_map(|name| {
                let file = std::fs::File::open(dir.join(&name)).ok()?;
                let mut archive = ::zip::ZipArchive::new(file).ok()?;
                let comment = std::str::from_utf8(archive.comment()).ok()?;
                let owner = comment.strip_prefix(COMMENT_PREFIX)?.to_string();
                let xml = archive.by_index_raw(0).ok()?.name().ok()?.to_string();
                Some((name, owner, xml))
            })
            .collect();
        found.sort();
        OldZips(found)
    }

    /// The owner and name of a zip whose XML is named `xml` and that is not `owner`'s.
    fn taken(&self, xml: &str, owner: &str) -> Option<(&str, &str)> {
        self.0
            .iter()
            .find(|(_, o, x)| x == xml && o != owner)
            .map(|(n, o, _)| (o.as_str(), n.as_str()))
    }

    /// Removes `owner`'s zips from `dir`, but the one named `keep`.
    fn remove(&self, dir: &Path, owner: &str, keep: Option<&str>, diags: &mut Vec<Diagnostic>) {
        let stale = self
            .0
            .iter()
            .filter(|(n, o, _)| o == owner && Some(n.as_str()) != keep);
        for (name, _, _) in stale {
            let path = dir.join(name);
            match std::fs::remove_file(&path) {
                Ok(()) => diags.push(Diagnostic::warning(
                    "build.removed-stale",
                    format!(
                        "removed {}: the article's PubMed Central package is no longer made under that name",
                        path.display()
                    ),
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => diags.push(Diagnostic::error(
                    "io.write",
                    format!("cannot remove the stale package {}: {e}", path.display()),
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_parts_keep_only_what_a_file_name_may_hold() {
        assert_eq!(name_part("J Galley Test").as_deref(), Some("JGalleyTest"));
        assert_eq!(name_part("a?b%c#d/e:f").as_deref(), Some("abcdef"));
        assert_eq!(name_part("0252-9203").as_deref(), Some("0252-9203"));
        assert_eq!(name_part("十七"), None);
        assert_eq!(name_part(" . "), None);
        assert_eq!(
            name_part(&"7".repeat(MAX_PART)).map(|p| p.len()),
            Some(MAX_PART)
        );
        assert_eq!(name_part(&"7".repeat(MAX_PART + 1)), None);
    }

    #[test]
    fn articles_on_one_page_take_sequence_letters_in_issue_order() {
        let articles = [
            ("one".to_string(), "45".to_string()),
            ("two".to_string(), "100".to_string()),
            ("three".to_string(), "45".to_string()),
        ];
        let uids = uids(&articles);
        assert_eq!(uids["one"], "45-a");
        assert_eq!(uids["two"], "100");
        assert_eq!(uids["three"], "45-b");
        assert_eq!(sequence_letter(26), "z");
        assert_eq!(sequence_letter(27), "aa");
    }

    #[test]
    fn extensions_are_lowercased_and_odd_ones_left_out() {
        assert_eq!(extension("images/Map.PNG").as_deref(), Some("png"));
        assert_eq!(extension("data/field notes.dat").as_deref(), Some("dat"));
        assert_eq!(extension("data/.hidden"), None);
        assert_eq!(extension("data/noext"), None);
        assert_eq!(extension("a.b/c"), None);
    }

    #[test]
    fn the_zip_is_reproducible_and_names_its_owner() {
        let files = vec![
            ("j-1-2-s001.csv".to_string(), b"a,b".to_vec()),
            ("j-1-2-g001.png".to_string(), b"png".to_vec()),
        ];
        let zip = package("j-1-2.xml", b"<article/>", &files, "issue/slug").unwrap();
        assert_eq!(
            zip,
            package("j-1-2.xml", b"<article/>", &files, "issue/slug").unwrap()
        );
        assert_eq!(
            owner_of(std::io::Cursor::new(&zip)).as_deref(),
            Some("issue/slug")
        );
        let names = ArticleNames::new(
            &IssueParts {
                jour: "j".into(),
                vol: "1".into(),
                iss: Some("3".into()),
            },
            "2",
        );
        assert_eq!(names.xml(), "j-1-2.xml");
        assert_eq!(names.zip, "j-1-3-2.zip");
    }
}
