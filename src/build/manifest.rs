//! What makes an article's outputs current: the fingerprint of the tool and options, the
//! hash of its inputs, and the manifest kept beside its outputs.

use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{BuildOptions, OutputFile};
use crate::diag::Diagnostic;
use crate::issue::{CONTRIBUTORS_FILE, ISSUE_FILE, SharedIssue};
use crate::yaml::Limits;

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

/// A SHA-256 over the fingerprint, the issue's shared files and every file in the
/// article's folder (by relative path). Symbolic links are hashed by their target's
/// path, never followed, so nothing outside the folder is read.
pub(super) fn input_hash(
    issue: &SharedIssue,
    slug: &str,
    fingerprint: &str,
    limits: &Limits,
) -> std::io::Result<String> {
    let mut h = Sha256::new();
    h.update(fingerprint.as_bytes());
    // The shared files are read as their loader reads them: a named pipe or a device is not
    // read (it could block or never end) and fails the load; then only the name is hashed.
    for name in [ISSUE_FILE, CONTRIBUTORS_FILE] {
        h.update(name.as_bytes());
        h.update(
            crate::yaml::read_file(&issue.dir.join(name), limits.max_bytes).unwrap_or_default(),
        );
    }
    let dir = issue.dir.join(slug);
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .follow_links(false)
    {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        h.update(rel.to_string_lossy().as_bytes());
        h.update([0]);
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path())?;
            h.update((bytes.len() as u64).to_le_bytes());
            h.update(&bytes);
        } else if entry.file_type().is_symlink() {
            h.update(
                std::fs::read_link(entry.path())?
                    .to_string_lossy()
                    .as_bytes(),
            );
        }
    }
    Ok(hex(&h.finalize()))
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
