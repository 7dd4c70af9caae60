//! What makes an article's outputs current: the fingerprint of the tool and options, the
//! hash of its inputs, and the manifest kept beside its outputs.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{BuildOptions, OutputFile};
use crate::diag::Diagnostic;
use crate::issue::{ARTICLE_FILE, CONTRIBUTORS_FILE, ISSUE_FILE, IssueSelection, SharedIssue};
use crate::validate::MAX_ASSET_BYTES;

/// What makes outputs differ besides the inputs: the tool itself and the options.
pub(super) fn fingerprint(opts: &BuildOptions) -> String {
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

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The start of every input hash of an issue's articles: the fingerprint and the issue's
/// shared files, as its loader read them (a named pipe or a device is not read, it could
/// block or never end, and fails the load; then only the name is hashed). Made once per
/// issue and cloned for each article.
pub(super) fn shared_hasher(issue: &SharedIssue, fingerprint: &str) -> Sha256 {
    let mut h = Sha256::new();
    h.update(fingerprint.as_bytes());
    for (name, bytes) in &issue.raw {
        h.update(name.as_bytes());
        h.update(bytes);
    }
    h
}

/// The SHA-256 of the fingerprint, in hex: what a manifest's stat data are valid for.
pub(super) fn tool_id(fingerprint: &str) -> String {
    hex(&Sha256::digest(fingerprint.as_bytes()))
}

/// What kind of entry an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Kind {
    /// A regular file (its bytes are hashed).
    File,
    /// A folder (its name is hashed; its entries are entries of their own).
    Dir,
    /// A symbolic link (its target's path is hashed).
    Symlink,
    /// Anything else (its name is hashed).
    Other,
}

/// The stat data of one input, as recorded when it was hashed: enough to tell, without
/// reading it, that it has not changed since (as git's index and ninja do). Only files
/// and symbolic links have size, modification time and inode; a folder, or anything
/// else, is known by its name and kind alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct FileStat {
    /// Its path, relative to the article's folder (the shared files: their names).
    pub(super) path: String,
    pub(super) kind: Kind,
    #[serde(default)]
    pub(super) size: u64,
    /// Modification time, in nanoseconds since the epoch.
    #[serde(default)]
    pub(super) mtime_ns: i64,
    /// Inode and device (0 where the system has none).
    #[serde(default)]
    pub(super) ino: u64,
    #[serde(default)]
    pub(super) dev: u64,
}

impl FileStat {
    /// The stat data of `meta`, the metadata of the input `path`; `None` when the system
    /// gives no modification time (the input is then always hashed).
    pub(super) fn new(path: &str, meta: &std::fs::Metadata) -> Option<Self> {
        let ft = meta.file_type();
        let kind = if ft.is_file() {
            Kind::File
        } else if ft.is_dir() {
            Kind::Dir
        } else if ft.is_symlink() {
            Kind::Symlink
        } else {
            Kind::Other
        };
        Some(if matches!(kind, Kind::File | Kind::Symlink) {
            let (ino, dev) = ino_dev(meta);
            FileStat {
                path: path.to_string(),
                kind,
                size: meta.len(),
                mtime_ns: mtime_ns(meta)?,
                ino,
                dev,
            }
        } else {
            FileStat::named(path, kind)
        })
    }

    /// A folder or other entry, known by its name and kind.
    fn named(path: &str, kind: Kind) -> Self {
        FileStat {
            path: path.to_string(),
            kind,
            size: 0,
            mtime_ns: 0,
            ino: 0,
            dev: 0,
        }
    }

    /// Whether the stat data can vouch for the input: not "racily clean", i.e. modified
    /// strictly before the manifest (modified at `manifest_ns`) was written. A file changed
    /// in the same clock tick as, or after, the manifest was written could have kept its
    /// recorded stat data; it is hashed instead.
    fn trusted(&self, manifest_ns: i64) -> bool {
        !matches!(self.kind, Kind::File | Kind::Symlink) || self.mtime_ns < manifest_ns
    }
}

#[cfg(unix)]
fn mtime_ns(meta: &std::fs::Metadata) -> Option<i64> {
    use std::os::unix::fs::MetadataExt;
    Some(
        meta.mtime()
            .saturating_mul(1_000_000_000)
            .saturating_add(meta.mtime_nsec()),
    )
}

#[cfg(not(unix))]
fn mtime_ns(meta: &std::fs::Metadata) -> Option<i64> {
    let t = meta.modified().ok()?;
    Some(match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
    })
}

#[cfg(unix)]
fn ino_dev(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.ino(), meta.dev())
}

#[cfg(not(unix))]
fn ino_dev(_: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// The stat data of an issue's shared files (following a symbolic link, as their loader
/// does), taken before they are read; `None` when one cannot be taken.
fn shared_stats(dir: &Path) -> Option<Vec<FileStat>> {
    [ISSUE_FILE, CONTRIBUTORS_FILE]
        .iter()
        .map(|name| FileStat::new(name, &std::fs::metadata(dir.join(name)).ok()?))
        .collect()
}

/// What an issue's articles check their manifests' stat data against: the tool, the stat
/// data of the shared files as taken (before they were read) in this run, and the issue's
/// article folders. With these unchanged, the shared files load as before, with the same
/// diagnostics and the same order of articles; once they are loaded, what the article
/// manifests record of them.
#[derive(Debug, Clone)]
pub(super) struct StatKey {
    tool: String,
    /// `None` when they could not be taken: then every article is hashed, and its manifest
    /// records no stat data.
    shared: Option<Vec<FileStat>>,
    /// A SHA-256 over the names of the issue's article folders, in hex.
    folders: String,
    loaded: Option<Loaded>,
}

/// What the shared files, once loaded, give every article's manifest.
#[derive(Debug, Clone)]
struct Loaded {
    diagnostics: Vec<Diagnostic>,
    /// Each article's place in the issue's list (the first, if listed twice).
    order: HashMap<String, usize>,
}

impl StatKey {
    /// The key of the issue `sel`: its shared files' stat data, taken now.
    pub(super) fn new(tool: &str, sel: &IssueSelection) -> Self {
        let mut h = Sha256::new();
        for name in &sel.folders {
            h.update(name.as_bytes());
            h.update([0]);
        }
        StatKey {
            tool: tool.to_string(),
            shared: shared_stats(&sel.dir),
            folders: hex(&h.finalize()),
            loaded: None,
        }
    }

    /// Takes what the manifests record of the loaded shared files: their diagnostics and
    /// the issue's order of articles.
    pub(super) fn load(&mut self, issue: &SharedIssue) {
        let mut order = HashMap::new();
        if let Some(i) = &issue.issue {
            for (k, slug) in i.value.issue.articles.iter().enumerate() {
                order.entry(slug.clone()).or_insert(k);
            }
        }
        self.loaded = Some(Loaded {
            diagnostics: issue.diagnostics.clone(),
            order,
        });
    }

    /// The stat data to record for the article `slug`, whose folder's entries had `files`
    /// (`None` before the shared files are loaded).
    fn record(&self, files: Vec<FileStat>, slug: &str) -> Option<Stats> {
        let loaded = self.loaded.as_ref()?;
        Some(Stats {
            tool: self.tool.clone(),
            shared: self.shared.clone()?,
            folders: self.folders.clone(),
            files,
            position: loaded.order.get(slug).copied(),
            shared_diagnostics: loaded.diagnostics.clone(),
        })
    }

    /// Whether `recorded`, the stat data of the manifest of the article folder `dir`
    /// (modified at `manifest_ns`), show its inputs unchanged.
    pub(super) fn vouches(&self, recorded: &Stats, dir: &Path, manifest_ns: i64) -> bool {
        self.shared.as_ref().is_some_and(|shared| {
            recorded.folders == self.folders && recorded.vouch(&self.tool, shared, dir, manifest_ns)
        })
    }
}

/// What a manifest records of its inputs' stat data, for telling without reading them
/// that they are unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stats {
    /// The [`tool_id`] the outputs were made with.
    pub(super) tool: String,
    /// The issue's shared files.
    pub(super) shared: Vec<FileStat>,
    /// The issue's article folders (see [`StatKey`]).
    #[serde(default)]
    pub(super) folders: String,
    /// Every entry of the article's folder, the folder itself first, in the order they
    /// are hashed.
    pub(super) files: Vec<FileStat>,
    /// The article's place in the issue's list (`None`: not listed, put after those listed,
    /// by name), and the shared files' diagnostics: what loading them gives, as long as
    /// their stat data and the article folders are unchanged, and which an issue whose
    /// every article is unchanged takes from here instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) position: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) shared_diagnostics: Vec<Diagnostic>,
}

impl Stats {
    /// Whether these recorded stat data, of a manifest modified at `manifest_ns`, show the
    /// inputs unchanged: the same tool, the same stat data of the shared files (as taken
    /// now: `shared`), the same listing of the article's folder `dir` with the same stat
    /// data for every entry, and none of them racily clean. Nothing is read but the
    /// folder's listing and the entries' metadata.
    fn vouch(&self, tool: &str, shared: &[FileStat], dir: &Path, manifest_ns: i64) -> bool {
        self.tool == tool
            && self.shared == shared
            && shared.iter().all(|s| s.trusted(manifest_ns))
            && self.folder_unchanged(dir, manifest_ns)
    }

    fn folder_unchanged(&self, dir: &Path, manifest_ns: i64) -> bool {
        let mut recorded = self.files.iter();
        for entry in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .follow_links(false)
        {
            let (Ok(entry), Some(want)) = (entry, recorded.next()) else {
                return false;
            };
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            if rel.to_str() != Some(want.path.as_str()) || !want.trusted(manifest_ns) {
                return false;
            }
            let ft = entry.file_type();
            let now = if ft.is_file() || ft.is_symlink() {
                entry
                    .metadata()
                    .ok()
                    .and_then(|m| FileStat::new(&want.path, &m))
            } else {
                Some(FileStat::named(
                    &want.path,
                    if ft.is_dir() { Kind::Dir } else { Kind::Other },
                ))
            };
            if now.as_ref() != Some(want) {
                return false;
            }
        }
        recorded.next().is_none()
    }
}

/// An article's folder as read once: its input hash, the stat data of its entries, and the
/// bytes of its regular files (by path relative to the folder; those too large to be an
/// image or an article are left out), which the loader and the emitters take instead of
/// reading them again.
#[derive(Debug)]
pub(super) struct ArticleInputs {
    /// A SHA-256 over the fingerprint, the issue's shared files and every file in the
    /// article's folder, in hex.
    pub(super) hash: String,
    /// The stat data to record: the key's, and every entry's as taken before it was read
    /// (`None` when one could not be taken, or when the folder was not read: its manifest
    /// vouched for it).
    pub(super) stats: Option<Stats>,
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl ArticleInputs {
    /// A folder not read, its manifest's stat data having shown it unchanged: its input
    /// hash is the manifest's, and its files are read again when they are needed.
    pub(super) fn unread(hash: String) -> Self {
        ArticleInputs {
            hash,
            stats: None,
            files: BTreeMap::new(),
        }
    }

    /// The bytes of the regular file `rel` of the folder, if it was read (not a symbolic
    /// link, which is never followed here).
    pub(super) fn file(&self, rel: &Path) -> Option<&[u8]> {
        self.files.get(rel).map(Vec::as_slice)
    }

    /// Forgets the files' bytes, keeping the hash.
    pub(super) fn drop_files(&mut self) {
        self.files = BTreeMap::new();
    }

    /// The bytes of the article's `article.yaml`, if it is a regular file.
    pub(super) fn article(&self) -> Option<&[u8]> {
        self.file(Path::new(ARTICLE_FILE))
    }
}

/// Reads every file in the article's folder `dir` once and hashes it after `shared` (by
/// relative path), recording each entry's stat data as taken before it is read (so that a
/// change while it is read shows in them). Symbolic links are hashed by their target's
/// path, never followed, so nothing outside the folder is read.
pub(super) fn read_inputs(
    shared: &Sha256,
    key: &StatKey,
    issue_dir: &Path,
    slug: &str,
) -> std::io::Result<ArticleInputs> {
    let dir = &issue_dir.join(slug);
    let mut h = shared.clone();
    let mut files = BTreeMap::new();
    let mut stats = Some(Vec::new());
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(false)
    {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        h.update(rel.to_string_lossy().as_bytes());
        h.update([0]);
        let ft = entry.file_type();
        let stat = if ft.is_file() {
            let mut file = std::fs::File::open(entry.path())?;
            let meta = file.metadata()?;
            let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
            std::io::Read::read_to_end(&mut file, &mut bytes)?;
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
            if bytes.len() as u64 <= MAX_ASSET_BYTES {
                files.insert(rel.to_path_buf(), bytes);
            }
            Some(meta)
        } else if ft.is_symlink() {
            let meta = entry.metadata().map_err(std::io::Error::other)?;
            h.update(
                std::fs::read_link(entry.path())?
                    .to_string_lossy()
                    .as_bytes(),
            );
            Some(meta)
        } else {
            None
        };
        // A name that is not Unicode is hashed but not recorded: the folder is always read.
        let recorded = rel.to_str().and_then(|path| match &stat {
            Some(meta) => FileStat::new(path, meta),
            None => Some(FileStat::named(
                path,
                if ft.is_dir() { Kind::Dir } else { Kind::Other },
            )),
        });
        match (recorded, &mut stats) {
            (Some(r), Some(list)) => list.push(r),
            _ => stats = None,
        }
    }
    Ok(ArticleInputs {
        hash: hex(&h.finalize()),
        stats: stats.and_then(|files| key.record(files, slug)),
        files,
    })
}

/// What an article's output folder records about its last build.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Manifest {
    pub(super) input_hash: String,
    pub(super) outputs: Vec<OutputFile>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// The inputs' stat data, as taken when they were hashed (an article's manifest;
    /// older manifests have none and are hashed, then gain them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) stat: Option<Stats>,
    /// The issue folder an issue EPUB was made from, relative to the output folder (an
    /// issue EPUB's manifest): when the EPUB's name changes, the file under the old name
    /// is known as this issue's and removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) issue: Option<String>,
}

pub(super) const MANIFEST: &str = ".galley-manifest.json";

impl Manifest {
    /// A manifest for outputs in `output`: their paths are kept relative to it, so that an
    /// output folder can be moved, or merged from shards built elsewhere, and stay current.
    pub(super) fn new(
        input_hash: String,
        outputs: &[OutputFile],
        output: &Path,
        diags: &[Diagnostic],
        stat: Option<Stats>,
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
            stat,
            issue: None,
        }
    }

    /// The manifest as JSON.
    pub(super) fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}

/// Reads a manifest of outputs in `output`, with their paths made whole again.
pub(super) fn read_manifest(path: &Path, output: &Path) -> Option<Manifest> {
    read_manifest_timed(path, output).map(|(m, _)| m)
}

/// [`read_manifest`], with the manifest's own modification time in nanoseconds (taken
/// from the file as opened, never from the clock): what its stat data are trusted against.
pub(super) fn read_manifest_timed(path: &Path, output: &Path) -> Option<(Manifest, i64)> {
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::io::Read::read_to_end(&mut file, &mut bytes).ok()?;
    let mut m: Manifest = serde_json::from_slice(&bytes).ok()?;
    for o in &mut m.outputs {
        o.path = output.join(&o.path);
    }
    Some((m, mtime_ns(&meta).unwrap_or(i64::MIN)))
}

/// Rewrites the manifest of the article folder `out_dir` in `output` (its outputs
/// untouched), atomically: a temporary file in `output`, which a killed run leaves for
/// the next to remove, renamed over it.
pub(super) fn rewrite_manifest(
    output: &Path,
    out_dir: &Path,
    manifest: &Manifest,
    durable: bool,
) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".galley-")
        .suffix(".tmp")
        .tempfile_in(output)?;
    std::io::Write::write_all(&mut tmp, &manifest.to_bytes())?;
    if durable {
        tmp.as_file().sync_all()?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.persist(out_dir.join(MANIFEST)).map_err(|e| e.error)?;
    Ok(())
}

/// Whether every output a manifest lists is still there with its recorded size.
pub(super) fn outputs_intact(outputs: &[OutputFile]) -> bool {
    outputs
        .iter()
        .all(|o| std::fs::metadata(&o.path).is_ok_and(|meta| meta.len() == o.size))
}

impl crate::validate::FolderFiles for ArticleInputs {
    fn file(&self, rel: &Path) -> Option<&[u8]> {
        ArticleInputs::file(self, rel)
    }
}
