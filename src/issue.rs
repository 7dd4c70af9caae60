//! Finding and loading a journal issue: `issue.yaml`, `contributors.yaml` and one folder
//! per article (`<slug>/article.yaml`, with the article's images beside it).
//!
//! Paths given on the command line may be an issue folder, an article folder or an
//! `article.yaml`; each is resolved to its issue folder, so an article is always
//! checked against its issue's contributor list.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::model::{Article, ContributorsFile, IssueFile};
use crate::schema::FileKind;
use crate::validate::{self, Checked, FolderFiles};
use crate::yaml::Limits;

/// The issue file's name.
pub const ISSUE_FILE: &str = "issue.yaml";
/// The contributor list's name.
pub const CONTRIBUTORS_FILE: &str = "contributors.yaml";
/// An article's file name inside its folder.
pub const ARTICLE_FILE: &str = "article.yaml";

/// What to process in one issue folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueSelection {
    /// The issue folder.
    pub dir: PathBuf,
    /// The article slugs asked for (all of the issue's when the folder itself was given).
    pub slugs: Vec<String>,
    /// Whether every article of the issue is selected (the folder given, or each of its
    /// articles named): only then is the issue EPUB made.
    pub whole: bool,
    /// Every article folder of the issue, selected or not, sorted (empty when the folder
    /// cannot be listed), as listed once when the selection was made.
    pub folders: Vec<String>,
}

/// Resolves command-line paths into issue folders and article slugs, sorted.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<IssueSelection>, Vec<Diagnostic>> {
    // Keyed by the folder's real path, so that one issue given in two forms (`d1/..`,
    // `.`, an absolute path, a link) is one selection; shown as first given.
    let mut by_dir: Selected = BTreeMap::new();
    let mut errors = Vec::new();
    for path in paths {
        // Anything there but a folder is taken as a file: one that is not a regular file
        // (a named pipe, a device) is refused with a diagnostic when it is loaded.
        let (issue_dir, slug) = if !path.is_dir() && path.symlink_metadata().is_ok() {
            if path.file_name().is_some_and(|n| n == ARTICLE_FILE) {
                let dir = folder_of(path);
                (parent_of(dir), Some(slug_of(dir)))
            } else if path
                .file_name()
                .is_some_and(|n| n == ISSUE_FILE || n == CONTRIBUTORS_FILE)
            {
                (folder_of(path).to_path_buf(), None)
            } else {
                errors.push(
                    Diagnostic::error("io.not-input", format!("{} is not an issue, article folder or article.yaml", path.display()))
                        .hint("give an issue folder (holding issue.yaml), an article folder, or an article.yaml"),
                );
                continue;
            }
        } else if path.is_dir() {
            if holds_article(path) {
                (parent_of(path), Some(slug_of(path)))
            } else if path.join(ISSUE_FILE).is_file() || path.join(CONTRIBUTORS_FILE).is_file() {
                (path.clone(), None)
            } else if let Some(issues) = issue_folders_below(path) {
                // A folder of issue folders (a whole journal): each is taken whole.
                for dir in issues {
                    select(&mut by_dir, dir).1 = true;
                }
                continue;
            } else {
                errors.push(
                    Diagnostic::error("io.not-input", format!("{} holds no issue.yaml and no article.yaml", path.display()))
                        .hint("give an issue folder (holding issue.yaml and contributors.yaml) or an article folder"),
                );
                continue;
            }
        } else {
            errors.push(
                Diagnostic::error("io.not-found", format!("{} does not exist", path.display()))
                    .hint("check the path"),
            );
            continue;
        };
        let selected = select(&mut by_dir, issue_dir);
        match slug {
            Some(s) => selected.2.push(s),
            None => selected.1 = true,
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Vec::new();
    for (_, (dir, mut whole, mut slugs)) in by_dir {
        let folders;
        if whole {
            folders = article_folders(&dir).map_err(|d| vec![d])?;
            slugs = folders.clone();
        } else {
            slugs.sort();
            slugs.dedup();
            // Every article named one by one is the whole issue too.
            folders = article_folders(&dir).unwrap_or_default();
            whole = folders == slugs;
        }
        out.push(IssueSelection {
            dir,
            slugs,
            whole,
            folders,
        });
    }
    Ok(out)
}

/// The name of an issue: its folder's name (`input` for `input/`).
pub fn issue_name(dir: &Path) -> String {
    let named = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty() && n != "." && n != "..")
    };
    named(dir)
        .or_else(|| std::fs::canonicalize(dir).ok().and_then(|p| named(&p)))
        .unwrap_or_else(|| "issue".to_string())
}

/// The issue EPUB's file name (without `.epub`) for the issue folder `dir`, from its
/// `issue.yaml`: `issue.epub_name` when given; else the journal title's slug, then the
/// year of the issue's date, its volume and its number, each when stated, then the
/// folder's name ([`issue_name`], as a slug) unless it is just those facts
/// (`social-sciences-in-china-1996-2` for the folder `1996-2` of an issue stating the year
/// 1996 and number 2; `social-sciences-in-china-input` for `input/`, which states
/// neither). Read on its own (the rest of the file is checked where it is loaded); an
/// `issue.yaml` that cannot be read gives the folder's name.
pub fn issue_epub_name(dir: &Path) -> String {
    let folder = issue_name(dir);
    let Some(v) = issue_yaml(dir) else {
        return folder;
    };
    let text = |p: &str| v.pointer(p).and_then(|x| x.as_str()).map(str::to_string);
    if let Some(n) = text("/issue/epub_name") {
        let n = n.strip_suffix(".epub").unwrap_or(&n).to_string();
        if crate::model::FileStem::is_valid(&n) {
            return n;
        }
    }
    let year = text("/issue/date").and_then(|d| d.get(..4).map(str::to_string));
    let stated: Vec<String> = [year, text("/issue/volume"), text("/issue/number")]
        .into_iter()
        .flatten()
        .map(|s| slug(&s))
        .filter(|s| !s.is_empty())
        .collect();
    let journal = text("/journal/title").map(|t| slug(&t)).unwrap_or_default();
    // The folder's name follows, unless it says just what the stated facts say (`1996-2`
    // for the year 1996 and number 2): issues in folders of their own never share a name.
    let stated = stated.join("-");
    let folder_slug = slug(&folder);
    let folder_part = if folder_slug.is_empty() {
        folder
    } else {
        folder_slug
    };
    let mut parts = vec![journal];
    if folder_part != stated {
        parts.push(stated);
    }
    parts.push(folder_part);
    let name: String = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    // Kept short enough for every file system, cut at a character.
    name.chars().take(120).collect()
}

/// The issue folder's `issue.yaml` as JSON, read on its own for the few facts needed
/// before the issue is loaded (the issue EPUB's name, its cover's path); `None` when it
/// cannot be read.
pub fn issue_yaml(dir: &Path) -> Option<serde_json::Value> {
    let doc = crate::yaml::load_file(&dir.join(ISSUE_FILE), &Limits::default()).ok()?;
    Some(doc.to_json())
}

/// `text` in lower case, each run of characters other than letters and digits made one
/// `-`, none at either end: "Social Sciences in China" → `social-sciences-in-china`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            out.extend(ch.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Articles, or issue EPUBs, of the selected issues that would be written to the same
/// place in an output folder (`<slug>/`, `<issue EPUB name>.epub`, see [`issue_epub_name`]): two issues of a journal
/// that each hold an article folder `tea-roads`, say. One error for each that comes
/// second, naming both sources; nothing may be written while there is one.
pub fn output_collisions(sels: &[IssueSelection]) -> Vec<Diagnostic> {
    let hint = "the folder name names the outputs: rename one of the two, or build each issue into its own output folder (`galley build 1996-2 -o output/1996-2`)";
    let epub_hint = "the issue EPUB is named from the journal's title and the issue's year, volume and number: state what tells the two issues apart, name one with `issue.epub_name`, or build each issue into its own output folder (`galley build 1996-2 -o output/1996-2`)";
    let mut diags = Vec::new();
    // Each name taken in the output folder, with the source that takes it.
    let mut taken: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut take = |name: String, source: PathBuf, file: PathBuf, hint: &str| match taken.get(&name)
    {
        Some(first) => diags.push(
            Diagnostic::error(
                "output.collision",
                format!(
                    "{} and {} would both be written to `{name}` in the output folder",
                    first.display(),
                    source.display()
                ),
            )
            .in_file(file)
            .hint(hint),
        ),
        None => {
            taken.insert(name, source);
        }
    };
    for sel in sels {
        for slug in &sel.slugs {
            let dir = sel.dir.join(slug);
            take(slug.clone(), dir.clone(), dir.join(ARTICLE_FILE), hint);
        }
        // The issue EPUB is written when every article of the issue is selected.
        if sel.whole && !sel.slugs.is_empty() {
            let name = format!("{}.epub", issue_epub_name(&sel.dir));
            let source = PathBuf::from(format!("the issue EPUB of {}", sel.dir.display()));
            take(name, source, sel.dir.join(ISSUE_FILE), epub_hint);
        }
    }
    diags
}

/// Issue folders by real path: the path as first given, whether the whole issue was
/// asked for, and the article slugs asked for.
type Selected = BTreeMap<PathBuf, (PathBuf, bool, Vec<String>)>;

/// The entry of `by_dir` for the issue folder `dir`, made if new.
fn select(by_dir: &mut Selected, dir: PathBuf) -> &mut (PathBuf, bool, Vec<String>) {
    let key = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
    by_dir
        .entry(key)
        .or_insert_with(|| (dir, false, Vec::new()))
}

/// The issue folders (holding issue.yaml) below `dir`, up to four levels down, sorted;
/// `None` if there are none.
fn issue_folders_below(dir: &Path) -> Option<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(4)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir() && e.path().join(ISSUE_FILE).is_file())
        .map(|e| e.into_path())
        .collect();
    found.sort();
    (!found.is_empty()).then_some(found)
}

/// The folder a file is in: `a/article.yaml` → `a`, `article.yaml` → `.`.
fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The folder that holds `dir`, as a path of the same form (relative stays relative):
/// `d1` → `.`, `./d1` → `.`, `a/d1` → `a`, `/x/d1` → `/x`; `.`, `..` and the like, which
/// name no folder of their own, → `dir/..`.
fn parent_of(dir: &Path) -> PathBuf {
    let named = matches!(
        dir.components().next_back(),
        Some(std::path::Component::Normal(_))
    );
    if !named {
        return dir.join("..");
    }
    match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn slug_of(dir: &Path) -> String {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    match name {
        Some(n) if n != "." && n != ".." => n,
        _ => std::fs::canonicalize(dir)
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_default(),
    }
}

/// Whether `dir` holds an `article.yaml` of any kind. Only a regular file can be read, but
/// anything else by that name (a named pipe, a device, a folder, a broken link) makes the
/// folder an article that fails to load with a diagnostic, rather than one skipped in
/// silence.
fn holds_article(dir: &Path) -> bool {
    dir.join(ARTICLE_FILE).symlink_metadata().is_ok()
}

/// The article folders of an issue (those holding `article.yaml`), sorted by name.
pub fn article_folders(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::error("io.read", format!("cannot list {}: {e}", dir.display())).in_file(dir)
    })?;
    let mut slugs = Vec::new();
    for entry in entries.flatten() {
        let p = entry.path();
        // The entry's type as listed saves a stat per entry; a symbolic link is followed.
        let is_dir = match entry.file_type() {
            Ok(t) if !t.is_symlink() => t.is_dir(),
            _ => p.is_dir(),
        };
        if is_dir && holds_article(&p) {
            slugs.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    slugs.sort();
    Ok(slugs)
}

/// One article, loaded and checked.
#[derive(Debug, Clone)]
pub struct LoadedArticle {
    /// The folder name, which names the outputs.
    pub slug: String,
    /// The article's folder.
    pub dir: PathBuf,
    /// The article, when it has no errors.
    pub article: Option<Checked<Article>>,
    /// What was found wrong with it (and, for errors in the shared files, with them).
    pub diagnostics: Vec<Diagnostic>,
}

/// An issue, loaded and checked.
#[derive(Debug, Clone)]
pub struct LoadedIssue {
    /// The issue folder.
    pub dir: PathBuf,
    /// The issue file, when valid.
    pub issue: Option<Checked<IssueFile>>,
    /// The contributor list, when valid.
    pub contributors: Option<Checked<ContributorsFile>>,
    /// Problems in the shared files.
    pub diagnostics: Vec<Diagnostic>,
    /// The selected articles, in issue order.
    pub articles: Vec<LoadedArticle>,
}

impl LoadedIssue {
    /// Every diagnostic: shared files first, then each article's.
    pub fn all_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .chain(self.articles.iter().flat_map(|a| a.diagnostics.iter()))
    }
}

/// An issue's shared files, loaded and checked, and the articles selected from it in
/// issue order. Articles themselves are loaded one at a time by whoever processes them,
/// so that a large batch is never held in memory at once.
#[derive(Debug, Clone)]
pub struct SharedIssue {
    /// The issue folder.
    pub dir: PathBuf,
    /// The issue file, when readable (check `ok` for errors).
    pub issue: Option<Checked<IssueFile>>,
    /// The contributor list, when readable (check `ok` for errors).
    pub contributors: Option<Checked<ContributorsFile>>,
    /// Contributor ids as written in contributors.yaml, for articles to be checked against.
    pub known: Option<BTreeSet<String>>,
    /// Problems in the shared files.
    pub diagnostics: Vec<Diagnostic>,
    /// The selected article slugs, in issue order.
    pub slugs: Vec<String>,
    /// Whether every article of the issue is selected.
    pub whole: bool,
    /// The shared files' bytes as read ([`ISSUE_FILE`], then [`CONTRIBUTORS_FILE`]; empty
    /// when one could not be read), read once for loading and for input hashes alike.
    pub raw: [(&'static str, Vec<u8>); 2],
}

impl SharedIssue {
    /// Whether the shared files have no errors (articles can then be converted).
    pub fn ok(&self) -> bool {
        !self
            .diagnostics
            .iter()
            .any(|d| d.severity == crate::diag::Severity::Error)
            && self.issue.as_ref().is_some_and(|i| i.clean)
            && self.contributors.as_ref().is_some_and(|c| c.clean)
    }

    /// Loads and checks one of the selected articles.
    pub fn load_article(&self, slug: &str, limits: &Limits) -> LoadedArticle {
        self.with_issue_checks(load_article(
            &self.dir,
            slug.to_string(),
            self.known.as_ref(),
            limits,
        ))
    }

    /// The checks of an article that need the issue file: its citations against the
    /// journal's citation style.
    fn with_issue_checks(&self, mut loaded: LoadedArticle) -> LoadedArticle {
        if let (Some(issue), Some(a)) = (&self.issue, &loaded.article) {
            let style = &issue.value.journal.citation_style;
            validate::check_citation_brackets(a, style, &mut loaded.diagnostics);
            validate::check_csl_literal_dates(a, style, &mut loaded.diagnostics);
        }
        loaded
    }

    /// [`Self::load_article`] from the bytes of its `article.yaml` when they were already
    /// read (`None`: read from the file).
    pub fn load_article_from(
        &self,
        slug: &str,
        read: Option<&dyn FolderFiles>,
        limits: &Limits,
    ) -> LoadedArticle {
        self.with_issue_checks(load_article_from(
            &self.dir,
            slug.to_string(),
            self.known.as_ref(),
            limits,
            read,
        ))
    }
}

/// Loads and checks the shared files of an issue and orders its selected articles.
pub fn load_shared(sel: &IssueSelection, limits: &Limits) -> SharedIssue {
    let mut diags = Vec::new();
    let issue_path = sel.dir.join(ISSUE_FILE);
    let contributors_path = sel.dir.join(CONTRIBUTORS_FILE);
    // Each read once: the same bytes are loaded here and hashed into every article's
    // input hash. One that cannot be read is loaded from its path, which says why.
    let read = |path: &Path| crate::yaml::read_file(path, limits.max_bytes).ok();
    let (issue_bytes, contributors_bytes) = (read(&issue_path), read(&contributors_path));
    let issue = load_required::<IssueFile>(
        &issue_path,
        issue_bytes.as_deref(),
        FileKind::Issue,
        limits,
        &mut diags,
    );
    let contributors = load_required::<ContributorsFile>(
        &contributors_path,
        contributors_bytes.as_deref(),
        FileKind::Contributors,
        limits,
        &mut diags,
    );
    if let Some(c) = &contributors {
        validate::check_contributors(c, &mut diags);
    }
    if let Some(i) = &issue {
        validate::check_issue(i, &sel.folders, &mut diags);
    }
    // Issue order: as listed in issue.yaml, then any unlisted ones by name.
    let mut slugs = sel.slugs.clone();
    if let Some(i) = &issue {
        let order = &i.value.issue.articles;
        slugs.sort_by_key(|s| {
            (
                order.iter().position(|o| o == s).unwrap_or(usize::MAX),
                s.clone(),
            )
        });
    }
    // Known ids come from the file as written, not from a best-effort reading, so an
    // error in one entry does not make articles report its person as unknown.
    let known = contributors.as_ref().map(|c| {
        let json = c.doc.to_json();
        json.get("contributors")
            .and_then(|v| v.as_array())
            .map(|list| {
                list.iter()
                    .filter_map(|p| p.get("id").and_then(|i| i.as_str()).map(str::to_string))
                    .collect::<BTreeSet<String>>()
            })
            .unwrap_or_default()
    });
    SharedIssue {
        dir: sel.dir.clone(),
        issue,
        contributors,
        known,
        diagnostics: diags,
        slugs,
        whole: sel.whole,
        raw: [
            (ISSUE_FILE, issue_bytes.unwrap_or_default()),
            (CONTRIBUTORS_FILE, contributors_bytes.unwrap_or_default()),
        ],
    }
}

/// Loads and checks the shared files of an issue and all the selected articles at once
/// (for tests and small issues; the batch driver loads articles one at a time).
pub fn load_issue(sel: &IssueSelection, limits: &Limits) -> LoadedIssue {
    let shared = load_shared(sel, limits);
    let articles = shared
        .slugs
        .iter()
        .map(|slug| shared.load_article(slug, limits))
        .collect();
    LoadedIssue {
        dir: shared.dir,
        issue: shared.issue,
        contributors: shared.contributors,
        diagnostics: shared.diagnostics,
        articles,
    }
}

fn load_required<T: serde::de::DeserializeOwned>(
    path: &Path,
    bytes: Option<&[u8]>,
    kind: FileKind,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Checked<T>> {
    if let Some(bytes) = bytes {
        return validate::load_checked_bytes(path, bytes, kind, limits, diags);
    }
    // Only what is not there at all is missing; a named pipe or a device by this name is
    // refused by `load_checked` as not a regular file.
    if path.symlink_metadata().is_err() {
        diags.push(
            Diagnostic::error("issue.missing-file", format!("{} is missing", path.display()))
                .in_file(path)
                .hint(format!(
                    "every issue folder holds {ISSUE_FILE} (the journal and issue) and {CONTRIBUTORS_FILE} (everyone in the issue)"
                )),
        );
        return None;
    }
    validate::load_checked(path, kind, limits, diags)
}

/// Loads and checks one article of an issue.
pub fn load_article(
    issue_dir: &Path,
    slug: String,
    known_contributors: Option<&BTreeSet<String>>,
    limits: &Limits,
) -> LoadedArticle {
    load_article_from(issue_dir, slug, known_contributors, limits, None)
}

/// [`load_article`] from the files of its folder when they were already read (`None`:
/// read from the files): its `article.yaml` and its images, each read once per build.
pub fn load_article_from(
    issue_dir: &Path,
    slug: String,
    known_contributors: Option<&BTreeSet<String>>,
    limits: &Limits,
    read: Option<&dyn FolderFiles>,
) -> LoadedArticle {
    let dir = issue_dir.join(&slug);
    let path = dir.join(ARTICLE_FILE);
    let mut diags = Vec::new();
    let article = match read.and_then(|r| r.file(Path::new(ARTICLE_FILE))) {
        Some(b) => {
            validate::load_checked_bytes::<Article>(&path, b, FileKind::Article, limits, &mut diags)
        }
        None => validate::load_checked::<Article>(&path, FileKind::Article, limits, &mut diags),
    };
    if let Some(a) = &article {
        validate::check_article_read(a, known_contributors, &dir, read, &mut diags);
    }
    let ok = !diags
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error);
    LoadedArticle {
        slug,
        dir,
        article: if ok {
            article.filter(|a| a.clean)
        } else {
            None
        },
        diagnostics: diags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_and_digits_in_lower_case() {
        assert_eq!(slug("Social Sciences in China"), "social-sciences-in-china");
        assert_eq!(slug("  J. Galley Test. (2nd)  "), "j-galley-test-2nd");
        assert_eq!(slug("中国社会科学"), "中国社会科学");
        assert_eq!(slug("--"), "");
    }

    #[test]
    fn the_issue_epub_is_named_from_what_the_issue_states() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("1996-2");
        std::fs::create_dir_all(&dir).unwrap();
        let name = |yaml: &str| {
            std::fs::write(dir.join(ISSUE_FILE), yaml).unwrap();
            issue_epub_name(&dir)
        };
        let journal = "journal: {title: Social Sciences in China}\n";
        assert_eq!(name(journal), "social-sciences-in-china-1996-2");
        // The folder's name says what the issue states: not said twice.
        assert_eq!(
            name(&format!(
                "{journal}issue: {{date: 1996-06-15, number: \"2\"}}"
            )),
            "social-sciences-in-china-1996-2"
        );
        assert_eq!(
            name(&format!("{journal}issue: {{volume: \"17\", number: 2/3}}")),
            "social-sciences-in-china-17-2-3-1996-2"
        );
        assert_eq!(
            name(&format!(
                "{journal}issue: {{volume: \"17\", epub_name: ssc.epub}}"
            )),
            "ssc"
        );
        // Not a file name: the rule, as validation reports it.
        assert_eq!(
            name(&format!(
                "{journal}issue: {{epub_name: ../x, number: \"2\"}}"
            )),
            "social-sciences-in-china-2-1996-2"
        );
        assert_eq!(name("journal: ["), "1996-2");
    }
}
