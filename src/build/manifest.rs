//! What makes an article's outputs current: the fingerprint of the tool and options, the
//! hash of its inputs, and the manifest kept beside its outputs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{BuildOptions, OutputFile};
use crate::diag::Diagnostic;
use crate::issue::{ARTICLE_FILE, SharedIssue};
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

/// An article's folder as read once: its input hash, and the bytes of its regular files
/// (by path relative to the folder; those too large to be an image or an article are
/// left out), which the loader and the emitters take instead of reading them again.
#[derive(Debug)]
pub(super) struct ArticleInputs {
    /// A SHA-256 over the fingerprint, the issue's shared files and every file in the
    /// article's folder, in hex.
    pub(super) hash: String,
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl ArticleInputs {
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
/// relative path). Symbolic links are hashed by their target's path, never followed, so
/// nothing outside the folder is read.
pub(super) fn read_inputs(shared: &Sha256, dir: &Path) -> std::io::Result<ArticleInputs> {
    let mut h = shared.clone();
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(false)
    {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        h.update(rel.to_string_lossy().as_bytes());
        h.update([0]);
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path())?;
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
            if bytes.len() as u64 <= MAX_ASSET_BYTES {
                files.insert(rel.to_path_buf(), bytes);
            }
        } else if entry.file_type().is_symlink() {
            h.update(
                std::fs::read_link(entry.path())?
                    .to_string_lossy()
                    .as_bytes(),
            );
        }
    }
    Ok(ArticleInputs {
        hash: hex(&h.finalize()),
        files,
    })
}

/// What an article's output folder records about its last build.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Manifest {
    pub(super) input_hash: String,
    pub(super) outputs: Vec<OutputFile>,
    pub(super) diagnostics: Vec<Diagnostic>,
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
        }
    }
}

/// Reads a manifest of outputs in `output`, with their paths made whole again.
pub(super) fn read_manifest(path: &Path, output: &Path) -> Option<Manifest> {
    let mut m: Manifest = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    for o in &mut m.outputs {
        o.path = output.join(&o.path);
    }
    Some(m)
}

/// Whether every output a manifest lists is still there with its recorded size.
pub(super) fn outputs_intact(m: &Manifest) -> bool {
    m.outputs
        .iter()
        .all(|o| std::fs::metadata(&o.path).is_ok_and(|meta| meta.len() == o.size))
}
