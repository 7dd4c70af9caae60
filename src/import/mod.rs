//! `galley import`: existing articles brought into galley's YAML, with every fact of the
//! source that is not carried reported (a diagnostic at the source's file:line:column and
//! a `# galley: not imported: …` comment at the nearest place of the YAML written).
//!
//! [`jats`] reads JATS (1.0–1.4, NLM 3.0) into the [`crate::model`] types; [`write`] writes
//! those as YAML in the key order of the model, with the loss comments. [`run`] is the
//! command: it gathers the JATS files (named, found in folders, or inside zips as PMC and
//! MECA packages deliver them), maps each, merges the contributors of all of them into
//! one list, names each article's folder (its slug), finds the files the articles point at
//! and writes the issue folder at once: into a hidden folder beside it, renamed into place
//! when complete, so that a failed or interrupted import leaves nothing half-written.

pub mod jats;
pub mod write;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Severity, Span};
use crate::issue::{ARTICLE_FILE, CONTRIBUTORS_FILE, ISSUE_FILE};
use crate::model::{
    Article, Block, Contributor, ContributorsFile, FileStem, Id, IssueFile, Supplementary,
};
use jats::{Imported, Loss, YamlStep, front::ISSUE_STEP};
use write::Comment;

/// What `galley import` reads.
#[derive(Debug, clap::Subcommand)]
pub enum ImportCommand {
    /// JATS articles (JATS 1.0–1.4, NLM 3.0) → an issue folder: issue.yaml,
    /// contributors.yaml and SLUG/article.yaml for each article, with the figures and
    /// supplementary files found beside the XML. What is not imported is reported (a
    /// warning at the JATS file's line and column) and noted in the YAML (`# galley: not
    /// imported: …`).
    Jats {
        /// JATS files, folders (every `*.xml` holding an `<article` element, sorted by
        /// path) and zips (likewise, as PMC and MECA packages deliver them), in the order
        /// the issue lists them.
        #[arg(required = true, value_name = "FILE|DIR|ZIP")]
        inputs: Vec<PathBuf>,
        /// The issue folder to write; it must not exist, or be empty.
        #[arg(short, long, value_name = "ISSUE_DIR")]
        output: PathBuf,
        /// Replace an existing issue folder as a whole (its other files are removed).
        #[arg(long)]
        force: bool,
        /// The report format: human (on standard error), json (one document on standard
        /// output), github (GitHub Actions annotations on standard output).
        #[arg(long, value_enum, default_value = "human", value_name = "REPORT")]
        format: crate::cli::Format,
    },
}

/// What `galley import jats` is asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// JATS files, folders holding them, zips holding them; in the order given.
    pub inputs: Vec<PathBuf>,
    /// The issue folder to write.
    pub output: PathBuf,
    /// Replace an existing issue folder.
    pub force: bool,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every diagnostic, in order.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of each JATS file read, by the name diagnostics give it (for snippets;
    /// files inside zips are not on disk).
    pub sources: Vec<(PathBuf, String)>,
    /// Articles imported.
    pub imported: usize,
    /// Articles that could not be imported.
    pub failed: usize,
    /// Facts reported as not imported.
    pub losses: usize,
    /// The folder written, when one was.
    pub written: Option<PathBuf>,
    /// 0 every article imported, 1 one could not be, 2 a failure of the tool (I/O).
    pub status: u8,
}

/// One JATS file to import.
struct Source {
    /// Its name in diagnostics: the path, or `package.zip/inner/path.xml`.
    name: PathBuf,
    /// Its bytes.
    bytes: Vec<u8>,
    /// Where the files it points at are.
    base: Base,
}

/// Where the files an article points at are looked for.
#[derive(Clone)]
enum Base {
    /// A folder on disk (the XML's own).
    Dir(PathBuf),
    /// A folder inside a zip read into memory: the zip's index in the list, the folder's
    /// path inside it (`""` or `a/b/`).
    Zip(usize, String),
}

/// A zip read into memory: its path and its entries by name.
struct Zip {
    path: PathBuf,
    entries: BTreeMap<String, Vec<u8>>,
}

/// The largest file read (a JATS file or a zip).
const MAX_INPUT: u64 = 1 << 30;

/// Runs the import.
pub fn run(opts: &ImportOptions) -> Outcome {
    let mut out = Outcome::default();
    if let Some(d) = refuse_existing(&opts.output, opts.force) {
        out.diagnostics.push(d);
        out.status = 1;
        return out;
    }
    let mut zips = Vec::new();
    let sources = match gather(&opts.inputs, &mut zips) {
        Ok(s) => s,
        Err(d) => {
            // A zip that is not one is the input's fault (1); a file that cannot be read,
            // the tool's (2).
            out.status = if d.code == "import.zip" { 1 } else { 2 };
            out.diagnostics.push(d);
            return out;
        }
    };
    if sources.is_empty() {
        out.diagnostics.push(
            Diagnostic::error("import.nothing", "no JATS article among the inputs")
                .hint("name JATS files, folders holding `*.xml` files with an `<article` element, or zips of them"),
        );
        out.status = 1;
        return out;
    }
    let mut articles: Vec<(Imported, &Source)> = Vec::new();
    for s in &sources {
        out.sources.push((
            s.name.clone(),
            String::from_utf8_lossy(&s.bytes).into_owned(),
        ));
        match jats::import(&s.name, &s.bytes) {
            Ok(imp) => articles.push((imp, s)),
            Err(d) => {
                out.failed += 1;
                out.diagnostics.push(d);
            }
        }
    }
    out.imported = articles.len();
    if articles.is_empty() {
        out.status = 1;
        return out;
    }
    let slugs = slugs(&articles, &mut out.diagnostics);
    let people = merge_people(&mut articles, &mut out.diagnostics);
    let issue = issue_file(&articles, &slugs, &mut out.diagnostics);
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let schemas = schemas_path(&opts.output);
    // Assets first: finding them may rename the paths in the articles.
    let mut issue_comments = Vec::new();
    for ((imp, src), slug) in articles.iter_mut().zip(&slugs) {
        let found = assets(imp, src, &zips, &mut out.diagnostics);
        for (rel, bytes) in found {
            files.push((Path::new(slug).join(rel), bytes));
        }
        let mut comments = Vec::new();
        for loss in &imp.losses {
            out.losses += 1;
            out.diagnostics
                .push(loss_diagnostic(loss, slug, &out.sources));
            match loss_comment(loss) {
                (true, c) => {
                    if !issue_comments.contains(&c) {
                        issue_comments.push(c);
                    }
                }
                (false, c) => comments.push(c),
            }
        }
        let header = vec![format!(
            "# yaml-language-server: $schema=../{schemas}/article.schema.json"
        )];
        match write::to_yaml(&imp.article, &header, &comments) {
            Ok(y) => files.push((Path::new(slug).join(ARTICLE_FILE), y.into_bytes())),
            Err(e) => {
                out.diagnostics.push(internal(&e));
                out.status = 2;
                return out;
            }
        }
    }
    let issue_yaml = write::to_yaml(
        &issue,
        &[format!(
            "# yaml-language-server: $schema={schemas}/issue.schema.json"
        )],
        &issue_comments,
    );
    let people_yaml = write::to_yaml(
        &ContributorsFile {
            contributors: people,
        },
        &[format!(
            "# yaml-language-server: $schema={schemas}/contributors.schema.json"
        )],
        &[],
    );
    match (issue_yaml, people_yaml) {
        (Ok(i), Ok(p)) => {
            files.push((PathBuf::from(ISSUE_FILE), i.into_bytes()));
            files.push((PathBuf::from(CONTRIBUTORS_FILE), p.into_bytes()));
        }
        (Err(e), _) | (_, Err(e)) => {
            out.diagnostics.push(internal(&e));
            out.status = 2;
            return out;
        }
    }
    if let Err(d) = write_folder(&opts.output, &files) {
        out.diagnostics.push(d);
        out.status = 2;
        return out;
    }
    out.written = Some(opts.output.clone());
    out.status = if out.failed > 0 { 1 } else { 0 };
    out
}

fn internal(e: &str) -> Diagnostic {
    Diagnostic::error(
        "internal.import",
        format!("the YAML could not be written: {e}"),
    )
}

/// An error when `output` exists with something in it and `--force` was not given.
fn refuse_existing(output: &Path, force: bool) -> Option<Diagnostic> {
    let meta = std::fs::symlink_metadata(output).ok()?;
    if !meta.is_dir() {
        return Some(
            Diagnostic::error(
                "import.exists",
                format!("{} exists and is not a folder", output.display()),
            )
            .hint("name a new folder for the issue with -o"),
        );
    }
    let empty = std::fs::read_dir(output).is_ok_and(|mut d| d.next().is_none());
    if empty || force {
        return None;
    }
    Some(
        Diagnostic::error(
            "import.exists",
            format!(
                "{} exists and is not empty: nothing was written",
                output.display()
            ),
        )
        .hint("name a new folder with -o, or add --force to replace this one as a whole"),
    )
}

/// The JATS files of the inputs, in order: a file as it is, a folder's `*.xml` files
/// holding `<article` (sorted by path), a zip's likewise.
fn gather(inputs: &[PathBuf], zips: &mut Vec<Zip>) -> Result<Vec<Source>, Diagnostic> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|e| io_read(input, &e))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            for entry in walkdir::WalkDir::new(input).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    io_read(
                        e.path().unwrap_or(input),
                        &std::io::Error::other(e.to_string()),
                    )
                })?;
                let p = entry.path();
                let is_xml = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml"));
                if entry.file_type().is_file() && is_xml {
                    let bytes = read_limited(p)?;
                    if holds_article(&bytes) {
                        found.push(p.to_path_buf());
                        out.push(Source {
                            name: p.to_path_buf(),
                            base: Base::Dir(p.parent().unwrap_or(Path::new(".")).to_path_buf()),
                            bytes,
                        });
                    }
                }
            }
        } else {
            let bytes = read_limited(input)?;
            if bytes.starts_with(b"PK\x03\x04") {
                let z = read_zip(input, bytes)?;
                let k = zips.len();
                for (name, bytes) in &z.entries {
                    if name.to_ascii_lowercase().ends_with(".xml") && holds_article(bytes) {
                        let dir = match name.rfind('/') {
                            Some(i) => name[..=i].to_string(),
                            None => String::new(),
                        };
                        out.push(Source {
                            name: input.join(name),
                            bytes: bytes.clone(),
                            base: Base::Zip(k, dir),
                        });
                    }
                }
                zips.push(z);
            } else {
                out.push(Source {
                    name: input.clone(),
                    base: Base::Dir(input.parent().unwrap_or(Path::new(".")).to_path_buf()),
                    bytes,
                });
            }
        }
    }
    Ok(out)
}

/// Whether the bytes hold a JATS `article` element (a cheap test for files in folders and
/// zips; a file named on the command line is read whatever it holds).
fn holds_article(bytes: &[u8]) -> bool {
    bytes.windows(8).any(|w| w == b"<article") && !bytes.windows(9).any(|w| w == b"<manifest")
}

fn read_limited(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let f = std::fs::File::open(path).map_err(|e| io_read(path, &e))?;
    let meta = f.metadata().map_err(|e| io_read(path, &e))?;
    if !meta.is_file() {
        return Err(io_read(path, &std::io::Error::other("not a regular file")));
    }
    let mut bytes = Vec::new();
    f.take(MAX_INPUT)
        .read_to_end(&mut bytes)
        .map_err(|e| io_read(path, &e))?;
    Ok(bytes)
}

fn read_zip(path: &Path, bytes: Vec<u8>) -> Result<Zip, Diagnostic> {
    let bad = |e: &dyn std::fmt::Display| {
        Diagnostic::error(
            "import.zip",
            format!("{} is not a zip galley can read: {e}", path.display()),
        )
        .in_file(path)
    };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let mut entries = BTreeMap::new();
    let mut total = 0u64;
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).map_err(|e| bad(&e))?;
        if !f.is_file() {
            continue;
        }
        let Some(name) = f
            .enclosed_name()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
        else {
            continue;
        };
        let mut buf = Vec::new();
        (&mut f)
            .take(MAX_INPUT - total)
            .read_to_end(&mut buf)
            .map_err(|e| bad(&e))?;
        total += buf.len() as u64;
        entries.insert(name, buf);
    }
    Ok(Zip {
        path: path.to_path_buf(),
        entries,
    })
}

fn io_read(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("io.read", format!("cannot read {}: {e}", path.display())).in_file(path)
}

/// A loss as the `# galley: not imported: …` comment of the YAML, and whether it goes in
/// `issue.yaml` (`true`) rather than the article's file.
pub fn loss_comment(loss: &Loss) -> (bool, Comment) {
    let text = format!(
        "galley: not imported: {} ({}, line {})",
        loss.what, loss.xml_path, loss.line
    );
    match loss.yaml_path.split_first() {
        Some((YamlStep::Key(k), rest)) if k == ISSUE_STEP => (
            true,
            Comment {
                path: rest.to_vec(),
                text,
            },
        ),
        _ => (
            false,
            Comment {
                path: loss.yaml_path.clone(),
                text,
            },
        ),
    }
}

/// A loss as a warning at the JATS file's line and column (`sources`: the files read,
/// with their text, for the span); `slug` names the article's folder in the hint.
pub fn loss_diagnostic(loss: &Loss, slug: &str, sources: &[(PathBuf, String)]) -> Diagnostic {
    let span = sources
        .iter()
        .find(|(p, _)| *p == loss.file)
        .map(|(_, t)| jats::span_at(t, loss.line, loss.column))
        .unwrap_or_else(|| Span::point(loss.line as usize, loss.column as usize, 0, 0));
    let (file, place) = match loss.yaml_path.split_first() {
        Some((YamlStep::Key(k), rest)) if k == ISSUE_STEP => {
            (ISSUE_FILE.to_string(), pointer(rest))
        }
        _ => (format!("{slug}/{ARTICLE_FILE}"), pointer(&loss.yaml_path)),
    };
    Diagnostic::new(
        Severity::Warning,
        "import.not-mapped",
        format!("not imported: {} ({})", loss.what, loss.xml_path),
    )
    .in_file(&loss.file)
    .at(Some(span))
    .hint(format!(
        "galley's model has no place for it; {file} says so in a `# galley: not imported` comment at {place}; add it by hand where the model allows"
    ))
}

/// A YAML path as a JSON pointer (`/body/2/section`); `/` for the top.
fn pointer(path: &[YamlStep]) -> String {
    if path.is_empty() {
        return "/".to_string();
    }
    path.iter()
        .map(|s| match s {
            YamlStep::Key(k) => format!("/{k}"),
            YamlStep::Index(i) => format!("/{i}"),
        })
        .collect()
}

/// Each article's folder name: from its DOI's suffix (lower-cased, safe characters),
/// else its publisher id, else the file's stem; a name taken earlier gets `-2`, `-3`…
fn slugs(articles: &[(Imported, &Source)], diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    for (imp, src) in articles {
        let from_doi = imp
            .article
            .doi
            .as_ref()
            .and_then(|d| d.0.split_once('/'))
            .map(|(_, s)| safe_name(s));
        let from_pid = imp.publisher_id.as_deref().map(safe_name);
        let from_stem = src
            .name
            .file_stem()
            .map(|s| safe_name(&s.to_string_lossy()));
        let base = [from_doi, from_pid, from_stem]
            .into_iter()
            .flatten()
            .find(|s| FileStem::is_valid(s))
            .unwrap_or_else(|| "article".to_string());
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        if slug != base {
            diags.push(
                Diagnostic::warning(
                    "import.slug-collision",
                    format!(
                        "two articles would both be in `{base}/`: this one is written to `{slug}/`"
                    ),
                )
                .in_file(&src.name)
                .hint("rename the folder (and its entry in issue.yaml's `articles`) if another name suits better"),
            );
        }
        taken.push(slug);
    }
    taken
}

/// `s` as a folder name: lower-case ASCII letters, digits, `.`, `_` and `-` (others
/// become `-`, runs of `-` one), starting with a letter or digit, at most 100 characters.
fn safe_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '.' | '_') {
            c
        } else {
            '-'
        };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        out.push(c);
    }
    let out = out.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    out.chars()
        .take(100)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// The ASCII letters and digits of a name, accents dropped: "López" → "lopez".
fn ascii_words(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in s.nfd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '\'' || c == '.')
            && !out.is_empty()
            && !out.ends_with('-')
        {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Every article's contributors in one list: the same ORCID iD, or else the same name
/// and affiliations, is one person (each merge across files reported); each gets an id
/// from the name (`maria-lopez`), and the articles are rewritten to use it.
fn merge_people(
    articles: &mut [(Imported, &Source)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Contributor> {
    let mut list: Vec<(Contributor, PathBuf)> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    for (imp, src) in articles.iter_mut() {
        let mut map: BTreeMap<String, Id> = BTreeMap::new();
        for p in &imp.people {
            // A sub-article's `front-stub` names people without their affiliations: in
            // the same file, a name alone that matches someone named before is that
            // person.
            let stub_of = |q: &Contributor, file: &PathBuf| {
                *file == src.name
                    && p.orcid.is_none()
                    && p.affiliations.is_empty()
                    && p.name == q.name
                    && (p.original_name.is_none() || p.original_name == q.original_name)
            };
            let same = list
                .iter()
                .position(|(q, file)| match (&p.orcid, &q.orcid) {
                    (Some(a), Some(b)) => a == b,
                    (None, None) => {
                        (p.name == q.name && p.affiliations == q.affiliations) || stub_of(q, file)
                    }
                    (None, Some(_)) => stub_of(q, file),
                    _ => false,
                });
            match same {
                Some(k) => {
                    let (q, first_file) = &list[k];
                    map.insert(p.id.0.clone(), q.id.clone());
                    if *first_file != src.name {
                        let why = if p.orcid.is_some() {
                            "the same ORCID iD"
                        } else {
                            "the same name and affiliations"
                        };
                        let mut d = Diagnostic::warning(
                            "import.contributor-merged",
                            format!(
                                "{} here and in {} is one person ({why}): one entry `{}` in contributors.yaml",
                                p.name.display(),
                                first_file.display(),
                                q.id
                            ),
                        )
                        .in_file(&src.name);
                        let mut p2 = p.clone();
                        p2.id = q.id.clone();
                        if p2 != *q {
                            d = d.hint("the two entries differ; the first one's facts were kept: compare them in the JATS files");
                        }
                        diags.push(d);
                    }
                }
                None => {
                    let mut person = p.clone();
                    let base = {
                        let n = person.name.display();
                        let w = ascii_words(&n);
                        if w.starts_with(|c: char| c.is_ascii_alphabetic()) {
                            w
                        } else {
                            "contributor".to_string()
                        }
                    };
                    let mut id = base.clone();
                    let mut n = 2;
                    while used.contains(&id) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    used.push(id.clone());
                    person.id = Id(id.clone());
                    map.insert(p.id.0.clone(), Id(id));
                    list.push((person, src.name.clone()));
                }
            }
        }
        let fix = |id: &mut Id| {
            if let Some(new) = map.get(&id.0) {
                *id = new.clone();
            }
        };
        let art = &mut imp.article;
        art.contributors
            .iter_mut()
            .for_each(|c| fix(&mut c.contributor));
        for s in &mut art.sub_articles {
            s.contributors
                .iter_mut()
                .for_each(|c| fix(&mut c.contributor));
        }
        for f in &mut art.funding {
            f.recipients.iter_mut().for_each(fix);
        }
    }
    list.into_iter().map(|(c, _)| c).collect()
}

/// `issue.yaml`: the first article's journal (a later one that differs is reported), the
/// issue's volume, number, title, date and DOI where all articles agree, the articles in
/// input order.
fn issue_file(
    articles: &[(Imported, &Source)],
    slugs: &[String],
    diags: &mut Vec<Diagnostic>,
) -> IssueFile {
    let first = &articles[0].0.issue;
    let mut issue = first.clone();
    for (imp, src) in &articles[1..] {
        if imp.issue.journal != first.journal {
            diags.push(
                Diagnostic::warning(
                    "import.journal-differs",
                    format!(
                        "this article's journal-meta differs from that of {}: issue.yaml has the first one's",
                        articles[0].1.name.display()
                    ),
                )
                .in_file(&src.name)
                .hint("an issue folder holds the articles of one journal; import other journals' articles into folders of their own"),
            );
        }
    }
    let i = &mut issue.issue;
    let mut disagree = Vec::new();
    macro_rules! agree {
        ($field:ident, $name:literal) => {
            if articles[1..]
                .iter()
                .any(|(imp, _)| imp.issue.issue.$field != i.$field)
            {
                if i.$field.is_some()
                    || articles
                        .iter()
                        .any(|(imp, _)| imp.issue.issue.$field.is_some())
                {
                    disagree.push($name);
                }
                i.$field = None;
            }
        };
    }
    agree!(volume, "volume");
    agree!(number, "issue");
    agree!(title, "issue-title");
    agree!(date, "pub-date date-type=\"collection\"");
    agree!(doi, "issue-id");
    if !disagree.is_empty() {
        diags.push(
            Diagnostic::warning(
                "import.issue-differs",
                format!(
                    "the articles do not agree on the issue's {}: left out of issue.yaml",
                    disagree.join(", ")
                ),
            )
            .hint("articles of several issues: import each issue into its own folder"),
        );
    }
    i.articles = slugs.to_vec();
    issue
}

/// Finds the files an article points at, beside its XML (or in its zip): returns each
/// one's path in the article's folder and bytes, and rewrites the article's paths when
/// the file was found under the name plus an extension (PMC writes `xlink:href` without
/// one). A missing file, or a path leading out of the folder, is a warning.
fn assets(
    imp: &mut Imported,
    src: &Source,
    zips: &[Zip],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    for a in &imp.assets {
        let rel = Path::new(&a.href);
        let inside = !a.href.is_empty()
            && rel
                .components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        let at = |d: Diagnostic| {
            let span = Span::point(a.line as usize, a.column as usize, 0, 0);
            d.in_file(&src.name).at(Some(span))
        };
        if !inside {
            diags.push(
                at(Diagnostic::warning(
                    "import.asset-outside",
                    format!(
                        "{} points at `{}`, outside the XML's folder: not copied",
                        a.xml_path, a.href
                    ),
                ))
                .hint("copy the file into the article's folder and give its path in article.yaml"),
            );
            continue;
        }
        if out.iter().any(|(p, _)| Path::new(&a.href) == p) || renamed.contains_key(&a.href) {
            continue;
        }
        let decoded = percent_decoded(&a.href);
        let found =
            find_asset(&src.base, zips, &a.href).or_else(|| find_asset(&src.base, zips, &decoded));
        match found {
            Some((name, bytes)) => {
                if name != decoded && decoded != a.href {
                    renamed.insert(decoded.clone(), name.clone());
                }
                if name != a.href {
                    renamed.insert(a.href.clone(), name.clone());
                }
                out.push((PathBuf::from(name), bytes));
            }
            None => {
                let looked = match &src.base {
                    Base::Dir(d) => d.join(&a.href).display().to_string(),
                    Base::Zip(k, dir) => zips[*k]
                        .path
                        .join(format!("{dir}{}", a.href))
                        .display()
                        .to_string(),
                };
                diags.push(at(Diagnostic::warning(
                    "import.asset-missing",
                    format!(
                        "{} points at `{}`, which is not beside the XML (looked for {looked}): not copied",
                        a.xml_path, a.href
                    ),
                ))
                .hint("put the file beside the XML and import again, or copy it into the article's folder by hand"));
            }
        }
    }
    if !renamed.is_empty() {
        rename_paths(&mut imp.article, &renamed);
    }
    out
}

/// `href` with its `%XX` escapes decoded (as galley writes paths with spaces); as it is
/// when that is not UTF-8.
fn percent_decoded(href: &str) -> String {
    let b = href.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| href.to_string())
}

/// The file `href` names under `base`: as it is, else (when it has no extension) the
/// first of `href.png`, `.jpg`, `.jpeg`, `.gif`, `.webp`, `.svg`, then any `href.*`.
fn find_asset(base: &Base, zips: &[Zip], href: &str) -> Option<(String, Vec<u8>)> {
    let href = href.trim_start_matches("./");
    let candidates = |names: &[String]| -> Option<String> {
        if names.iter().any(|n| n == href) {
            return Some(href.to_string());
        }
        if Path::new(href).extension().is_some() {
            return None;
        }
        for ext in ["png", "jpg", "jpeg", "gif", "webp", "svg"] {
            let n = format!("{href}.{ext}");
            if names.contains(&n) {
                return Some(n);
            }
        }
        names
            .iter()
            .find(|n| {
                n.strip_prefix(href)
                    .is_some_and(|r| r.starts_with('.') && !r[1..].contains('/'))
            })
            .cloned()
    };
    match base {
        Base::Dir(d) => {
            let parent = Path::new(href).parent().unwrap_or(Path::new(""));
            let dir = d.join(parent);
            let mut names: Vec<String> = std::fs::read_dir(&dir)
                .ok()?
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    if parent.as_os_str().is_empty() {
                        n
                    } else {
                        format!("{}/{n}", parent.to_string_lossy())
                    }
                })
                .collect();
            names.sort();
            let name = candidates(&names)?;
            let bytes = read_limited(&d.join(&name)).ok()?;
            Some((name, bytes))
        }
        Base::Zip(k, dir) => {
            let z = &zips[*k];
            let names: Vec<String> = z
                .entries
                .keys()
                .filter_map(|n| n.strip_prefix(dir.as_str()).map(str::to_string))
                .collect();
            let name = candidates(&names)?;
            let bytes = z.entries.get(&format!("{dir}{name}"))?.clone();
            Some((name, bytes))
        }
    }
}

/// Replaces figure images and supplementary files named in `renamed`.
fn rename_paths(art: &mut Article, renamed: &BTreeMap<String, String>) {
    fn blocks(bs: &mut [Block], renamed: &BTreeMap<String, String>) {
        for b in bs {
            match b {
                Block::Figure(f) => {
                    if let Some(n) = renamed.get(&f.image) {
                        f.image = n.clone();
                    }
                }
                Block::Section(s) => blocks(&mut s.content, renamed),
                _ => {}
            }
        }
    }
    blocks(&mut art.body, renamed);
    for a in &mut art.appendices {
        blocks(&mut a.content, renamed);
    }
    for s in &mut art.sub_articles {
        blocks(&mut s.body, renamed);
    }
    for x in &mut art.abstracts {
        if let Some(f) = &mut x.figure
            && let Some(n) = renamed.get(&f.image)
        {
            f.image = n.clone();
        }
    }
    let sup = |s: &mut Supplementary| {
        if let Some(f) = &s.file
            && let Some(n) = renamed.get(f)
        {
            s.file = Some(n.clone());
        }
    };
    art.supplementary.iter_mut().for_each(sup);
}

/// The path of `schemas/` as the modeline of a file in `output` gives it: found in the
/// folder or above it, else `../schemas` (a sibling of the issue folder, as `input/` has it).
fn schemas_path(output: &Path) -> String {
    let abs = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    let mut up = String::new();
    for dir in abs.ancestors() {
        if dir.join("schemas").join("issue.schema.json").is_file() {
            return format!("{up}schemas");
        }
        up.push_str("../");
    }
    "../schemas".to_string()
}

/// Writes `files` as the folder `output`: into a hidden folder beside it, renamed into
/// place when every file is written (an existing `output`, allowed by `--force`, is moved
/// aside first and removed after).
fn write_folder(output: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<(), Diagnostic> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let werr = |p: &Path, e: &std::io::Error| {
        Diagnostic::error("io.write", format!("cannot write {}: {e}", p.display())).in_file(p)
    };
    std::fs::create_dir_all(&parent).map_err(|e| werr(&parent, &e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".galley-import-")
        .tempdir_in(&parent)
        .map_err(|e| werr(&parent, &e))?;
    for (rel, bytes) in files {
        let p = tmp.path().join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).map_err(|e| werr(d, &e))?;
        }
        std::fs::write(&p, bytes).map_err(|e| werr(&output.join(rel), &e))?;
    }
    let old = if output.exists() {
        let aside = tempfile::Builder::new()
            .prefix(".galley-import-old-")
            .tempdir_in(&parent)
            .map_err(|e| werr(&parent, &e))?;
        let aside_path = aside.path().join("old");
        std::fs::rename(output, &aside_path).map_err(|e| werr(output, &e))?;
        Some(aside)
    } else {
        None
    };
    let tmp_path = tmp.keep();
    if let Err(e) = std::fs::rename(&tmp_path, output) {
        let _ = std::fs::remove_dir_all(&tmp_path);
        if let Some(aside) = &old {
            let _ = std::fs::rename(aside.path().join("old"), output);
        }
        return Err(werr(output, &e));
    }
    drop(old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names() {
        assert_eq!(safe_name("journal.pone.0012345"), "journal.pone.0012345");
        assert_eq!(
            safe_name("S0102-6992(2019)34:2/AB"),
            "s0102-6992-2019-34-2-ab"
        );
        assert_eq!(safe_name("--x--"), "x");
        assert_eq!(ascii_words("María López"), "maria-lopez");
        assert_eq!(ascii_words("牛军"), "");
    }
}
