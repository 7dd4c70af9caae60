//! Writing outputs atomically: an article's folder swapped in as a whole, single files
//! renamed into place, and what a failed article or a killed run leaves removed.

use std::io::Write;
use std::path::Path;

use crate::diag::Diagnostic;

/// Writes `files` into a new staging folder beside `output/slug` and swaps it into place.
///
/// Renaming is what makes the set atomic for readers and against a killed process; with
/// `durable`, every file and the folder are also flushed to disk first, which a power cut
/// needs and which costs most of a build's time on ordinary disks.
pub fn publish_dir(
    output: &Path,
    slug: &str,
    files: &[(String, Vec<u8>)],
    durable: bool,
) -> std::io::Result<()> {
    publish_dir_with(output, slug, files, durable, &|path: &Path| {
        Ok(Box::new(SyncedFile {
            // A fresh file in a fresh folder: two outputs of one name would fail here
            // rather than one silently replace the other.
            file: std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?,
            durable,
        }) as Box<dyn Write>)
    })
}

/// `name` as a path inside the staging folder: plain names only (a figure's
/// `images/map.png`), never absolute, `..`, `.` or a drive prefix, so that nothing is
/// written outside the article's output folder whatever the name. Validation refuses such
/// paths first (`asset.outside`); this is the writer's own guard.
fn plain_relative(name: &str) -> std::io::Result<&Path> {
    let path = Path::new(name);
    let plain = !name.is_empty()
        && !name.contains('\\')
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if plain {
        Ok(path)
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("`{name}` is not a plain path inside the output folder"),
        ))
    }
}

/// Gives the folders from `root` (exclusive) down to `dir` the mode of an output folder.
fn make_dirs_readable(root: &Path, dir: &Path) -> std::io::Result<()> {
    let mut d = dir;
    while d != root {
        set_mode(d, 0o755)?;
        match d.parent() {
            Some(p) => d = p,
            None => break,
        }
    }
    Ok(())
}

/// A file that is flushed to disk, if asked, when the writer is done with it.
struct SyncedFile {
    file: std::fs::File,
    durable: bool,
}

impl Write for SyncedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()?;
        if self.durable {
            self.file.sync_all()?;
        }
        Ok(())
    }
}

/// [`publish_dir`] with the way files are opened for writing given, so that tests can
/// make writing fail part-way (a full disk).
fn publish_dir_with(
    output: &Path,
    slug: &str,
    files: &[(String, Vec<u8>)],
    durable: bool,
    create: &dyn Fn(&Path) -> std::io::Result<Box<dyn Write>>,
) -> std::io::Result<()> {
    let staging = tempfile::Builder::new()
        .prefix(".galley-staging-")
        .tempdir_in(output)?;
    for (name, bytes) in files {
        let path = staging.path().join(plain_relative(name)?);
        if let Some(parent) = path.parent()
            && parent != staging.path()
        {
            std::fs::create_dir_all(parent)?;
            make_dirs_readable(staging.path(), parent)?;
        }
        let mut f = create(&path)?;
        f.write_all(bytes)?;
        f.flush()?;
        drop(f);
        set_mode(&path, 0o644)?;
    }
    set_mode(staging.path(), 0o755)?;
    if durable {
        for dir in walkdir::WalkDir::new(staging.path()) {
            let dir = dir.map_err(std::io::Error::other)?;
            if dir.file_type().is_dir() {
                std::fs::File::open(dir.path())?.sync_all()?;
            }
        }
    }
    let target = output.join(slug);
    if target.exists() {
        swap_dirs(staging.path(), &target)?;
        // `staging` now holds the old outputs; dropping it removes them.
    } else {
        std::fs::rename(staging.path(), &target)?;
        // Nothing is left at the staging path; keep the TempDir from trying to remove it.
        let _ = staging.keep();
    }
    if durable && let Ok(d) = std::fs::File::open(output) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Exchanges two folders in one step where the system can; else moves the old aside
/// first (after which `a` holds the old folder in both cases).
fn swap_dirs(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    let aside = a.with_extension("old");
    std::fs::rename(b, &aside)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&aside, a)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) -> std::io::Result<()> {
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, flushes it and renames it over
/// `path`: readers see the old file or the new one, never a part.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".galley-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    set_mode(tmp.path(), 0o644)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Removes an article's output folder after it failed, so that no output goes stale.
pub fn remove_article_dir(dir: &Path, diags: &mut Vec<Diagnostic>) {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => diags.push(
            Diagnostic::warning(
                super::REMOVED_STALE,
                format!(
                    "removed {}: the article no longer builds (see the error above)",
                    dir.display()
                ),
            )
            .hint(super::REBUILD_HINT),
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => diags.push(Diagnostic::error(
            "io.write",
            format!("cannot remove stale outputs {}: {e}", dir.display()),
        )),
    }
}

/// Removes staging folders and temporary files a killed run left in the output folder.
pub fn remove_leftovers(output: &Path) {
    let Ok(entries) = std::fs::read_dir(output) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(".galley-staging-") {
            let _ = std::fs::remove_dir_all(e.path());
        } else if name.starts_with(".galley-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails once `left` bytes are written, as a full disk does.
    struct FullDisk {
        inner: std::fs::File,
        left: usize,
    }

    impl Write for FullDisk {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return Err(std::io::Error::other("No space left on device"));
            }
            let n = buf.len().min(self.left);
            self.left -= n;
            self.inner.write(&buf[..n])
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }

    fn files(tag: &str) -> Vec<(String, Vec<u8>)> {
        vec![
            (
                "a.xml".to_string(),
                format!("<a>{tag}</a>").repeat(1000).into_bytes(),
            ),
            (
                "b.xml".to_string(),
                format!("<b>{tag}</b>").repeat(1000).into_bytes(),
            ),
        ]
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_full_disk_part_way_leaves_the_old_outputs_whole_and_no_debris() {
        let out = tempfile::tempdir().unwrap();
        publish_dir(out.path(), "art", &files("old"), true).unwrap();
        let before_a = std::fs::read(out.path().join("art/a.xml")).unwrap();
        for budget in [0, 10, 5000, 9000] {
            let create = move |p: &Path| {
                Ok(Box::new(FullDisk {
                    inner: std::fs::File::create(p)?,
                    left: budget,
                }) as Box<dyn Write>)
            };
            let err =
                publish_dir_with(out.path(), "art", &files("new"), true, &create).unwrap_err();
            assert!(err.to_string().contains("No space"), "{err}");
            // The old set is intact, nothing new is visible, no staging folder remains.
            assert_eq!(
                std::fs::read(out.path().join("art/a.xml")).unwrap(),
                before_a
            );
            assert_eq!(listing(out.path()), vec!["art".to_string()]);
            assert_eq!(
                listing(&out.path().join("art")),
                vec!["a.xml".to_string(), "b.xml".to_string()]
            );
        }
    }

    #[test]
    fn files_go_into_subfolders_and_never_outside_the_article_folder() {
        let out = tempfile::tempdir().unwrap();
        let nested = vec![("images/deep/map.png".to_string(), b"png".to_vec())];
        publish_dir(out.path(), "art", &nested, true).unwrap();
        assert_eq!(
            std::fs::read(out.path().join("art/images/deep/map.png")).unwrap(),
            b"png"
        );
        for bad in [
            "../escape.png",
            "/tmp/abs.png",
            "images/../../x",
            "./a",
            "",
            "a\\b",
        ] {
            let files = vec![(bad.to_string(), b"x".to_vec())];
            let err = publish_dir(out.path(), "bad", &files, false).unwrap_err();
            assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput, "{bad}");
        }
        assert_eq!(listing(out.path()), vec!["art".to_string()]);
        assert!(!out.path().join("escape.png").exists());
        // Two files of one name: refused, not one silently replacing the other.
        let twice = vec![
            ("a.xml".to_string(), b"1".to_vec()),
            ("a.xml".to_string(), b"2".to_vec()),
        ];
        assert!(publish_dir(out.path(), "twice", &twice, false).is_err());
        assert_eq!(listing(out.path()), vec!["art".to_string()]);
    }

    #[test]
    fn publishing_replaces_the_whole_set() {
        let out = tempfile::tempdir().unwrap();
        publish_dir(out.path(), "art", &files("old"), false).unwrap();
        let mut new = files("new");
        new.pop();
        publish_dir(out.path(), "art", &new, false).unwrap();
        // b.xml belonged to the old set only: it is gone, not left stale beside the new.
        assert_eq!(listing(&out.path().join("art")), vec!["a.xml".to_string()]);
        assert!(
            std::fs::read_to_string(out.path().join("art/a.xml"))
                .unwrap()
                .contains("new")
        );
        assert_eq!(listing(out.path()), vec!["art".to_string()]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(out.path().join("art/a.xml"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }
}
