//! `galley watch` (and `galley build --watch`): a first build as `galley build` does it,
//! then a rebuild whenever a file of the issue changes, and a preview server on
//! 127.0.0.1 whose pages reload when their article was rebuilt.
//!
//! Takes the paths, the output folder and a build function from the CLI (which runs
//! [`crate::build`] and prints its report as `build` does, handing each issue's results
//! to the watcher); gives an exit status. Rebuilds are `build`'s incremental ones: only
//! the articles whose inputs changed are converted again. Content errors are printed and
//! shown on the article's page; the watcher goes on. The first Ctrl-C lets the build in
//! hand finish its article (outputs are published atomically, so no staging folder is
//! left), stops the server and exits with 130.

mod server;
mod state;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::Duration;

use notify::EventKind;
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, new_debouncer};

use crate::build::{INTERRUPTED, IssueResults};
use state::{Previews, Round};

/// Events closer together than this are one change (an editor's save is often several
/// writes and a rename).
const DEBOUNCE: Duration = Duration::from_millis(200);

/// How often the loop looks for a Ctrl-C while no file changes.
const TICK: Duration = Duration::from_millis(100);

/// What to watch and serve.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// The paths as given to `build` (issue folders, folders of them, articles).
    pub paths: Vec<PathBuf>,
    /// The output folder (also what is served).
    pub output: PathBuf,
    /// The port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// The `galley.toml` in force, if any: watched too.
    pub config: Option<PathBuf>,
}

/// One build: runs the batch, hands each issue's results to the given observer, prints
/// its report, and returns the exit status `build` would.
pub type BuildFn<'a> = dyn FnMut(&mut dyn FnMut(&IssueResults)) -> u8 + 'a;

/// Runs the watcher until Ctrl-C; returns the exit status: 130 when stopped by Ctrl-C,
/// 2 when the server or the file watcher cannot start.
pub fn run(opts: &WatchOptions, build: &mut BuildFn<'_>) -> u8 {
    let server = match tiny_http::Server::http(("127.0.0.1", opts.port)) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            eprintln!(
                "error[io.serve]: cannot serve on 127.0.0.1:{}: {e}\n  = help: another program may \
                 use the port: choose another with --port N, or --port 0 for any free one",
                opts.port
            );
            return 2;
        }
    };
    let port = server.server_addr().to_ip().map_or(opts.port, |a| a.port());
    if let Err(e) = std::fs::create_dir_all(&opts.output) {
        eprintln!(
            "error[io.write]: cannot create the output folder {}: {e}",
            opts.output.display()
        );
        return 2;
    }
    let previews = Arc::new(Previews::default());
    if let Ok(sels) = crate::issue::discover(&opts.paths) {
        let slugs: Vec<String> = sels.into_iter().flat_map(|s| s.slugs).collect();
        previews.expect(&slugs);
    }
    let serving = {
        let (server, previews, out) = (server.clone(), previews.clone(), opts.output.clone());
        std::thread::Builder::new()
            .name("galley-watch-server".into())
            .spawn(move || server::serve(server, previews, out))
    };
    let serving = match serving {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error[io.serve]: cannot start the preview server: {e}");
            return 2;
        }
    };
    eprintln!("galley watch: serving http://127.0.0.1:{port}/ (Ctrl-C to stop)");
    let status = watch_and_build(opts, &previews, build);
    previews.stop();
    server.unblock();
    let _ = serving.join();
    // A build stopped by Ctrl-C finishes the article in hand and publishes it whole; what
    // a killed earlier run left in staging goes too.
    crate::build::remove_leftovers(&opts.output);
    if status == 130 {
        eprintln!("galley watch: stopped");
    }
    status
}

/// The first build, then a rebuild after each burst of changes, until Ctrl-C.
fn watch_and_build(opts: &WatchOptions, previews: &Previews, build: &mut BuildFn<'_>) -> u8 {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(DEBOUNCE, None, tx) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error[io.watch]: cannot watch files: {e}");
            return 2;
        }
    };
    let out = real(&opts.output);
    let config = opts.config.as_deref().map(real);
    let mut watched = Vec::new();
    for (path, mode) in targets(opts) {
        match debouncer.watch(&path, mode) {
            Ok(()) if mode == RecursiveMode::Recursive => watched.push(path),
            Ok(()) => {}
            Err(e) => {
                eprintln!("error[io.watch]: cannot watch {}: {e}", path.display());
                return 2;
            }
        }
    }
    rebuild(previews, build);
    loop {
        if INTERRUPTED.load(Ordering::SeqCst) {
            return 130;
        }
        let events = match rx.recv_timeout(TICK) {
            Ok(Ok(events)) => events,
            Ok(Err(errors)) => {
                for e in errors {
                    eprintln!("warning[io.watch]: {e}");
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => return 2,
        };
        let changes = |events: Vec<DebouncedEvent>| {
            events
                .into_iter()
                // Reading is no change: the build itself opens every input.
                .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                .flat_map(|e| e.event.paths)
                .filter(|p| relevant(p, &out, &watched, config.as_deref()))
                .collect::<Vec<PathBuf>>()
        };
        let mut changed = changes(events);
        // Whatever else arrived meanwhile is part of the same change.
        while let Ok(Ok(more)) = rx.try_recv() {
            changed.extend(changes(more));
        }
        if changed.is_empty() {
            continue;
        }
        changed.sort();
        changed.dedup();
        let names: Vec<String> = changed
            .iter()
            .take(3)
            .map(|p| p.display().to_string())
            .collect();
        let more = changed.len().saturating_sub(3);
        eprintln!(
            "galley watch: changed {}{}",
            names.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
        rebuild(previews, build);
    }
}

/// One build, its results applied to what the server shows.
fn rebuild(previews: &Previews, build: &mut BuildFn<'_>) {
    let mut round = Round::default();
    build(&mut |r| round.observe(r));
    previews.apply(round);
}

/// What to watch: each issue folder (and each folder given), with all below it, and the
/// folder of `galley.toml` (that file alone is relevant there).
fn targets(opts: &WatchOptions) -> Vec<(PathBuf, RecursiveMode)> {
    let mut dirs: Vec<PathBuf> = opts
        .paths
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| real(p))
        .collect();
    if let Ok(sels) = crate::issue::discover(&opts.paths) {
        dirs.extend(sels.iter().map(|s| real(&s.dir)));
    }
    dirs.sort();
    dirs.dedup();
    // A folder inside another watched one is watched with it.
    let kept: Vec<PathBuf> = dirs
        .iter()
        .filter(|d| !dirs.iter().any(|o| o != *d && d.starts_with(o)))
        .cloned()
        .collect();
    let mut targets: Vec<(PathBuf, RecursiveMode)> = kept
        .into_iter()
        .map(|d| (d, RecursiveMode::Recursive))
        .collect();
    if let Some(dir) = opts.config.as_deref().and_then(Path::parent) {
        let dir = real(dir);
        if !targets.iter().any(|(d, _)| dir.starts_with(d)) {
            targets.push((dir, RecursiveMode::NonRecursive));
        }
    }
    targets
}

/// Whether a changed path is an input: `galley.toml`, or a file below one of the folders
/// watched with all below them that is not in the output folder, hidden (`.git`,
/// `.galley/`, editors' swap files) or a backup (`~`).
fn relevant(path: &Path, out: &Path, recursive: &[PathBuf], config: Option<&Path>) -> bool {
    if path.starts_with(out) {
        return false;
    }
    if config == Some(path) {
        return true;
    }
    let Some(root) = recursive.iter().find(|w| path.starts_with(w)) else {
        return false;
    };
    let below = path.strip_prefix(root).unwrap_or(path);
    let name_ok = |n: &std::ffi::OsStr| {
        let n = n.to_string_lossy();
        !n.starts_with('.') && !n.ends_with('~')
    };
    !below.as_os_str().is_empty() && below.iter().all(name_ok)
}

/// The real path of `p` (links resolved), or `p` made absolute when it does not exist:
/// file events name real paths.
fn real(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_hidden_files_and_backups_do_not_trigger_a_build() {
        let dir = tempfile::tempdir().unwrap();
        let root = real(dir.path());
        let out = root.join("input/out");
        let watched = vec![root.join("input")];
        let yes = |p: &str| relevant(&root.join(p), &out, &watched, None);
        assert!(yes("input/art/article.yaml"));
        assert!(yes("input/issue.yaml"));
        assert!(yes("input/art/images/fig.png"));
        assert!(!yes("input/out/art/index.html"));
        assert!(!yes("input/.galley/article.schema.json"));
        assert!(!yes("input/art/.article.yaml.swp"));
        assert!(!yes("input/art/article.yaml~"));
        assert!(!yes("elsewhere/x.yaml"));
    }

    #[test]
    fn in_the_folder_of_galley_toml_only_that_file_counts() {
        let dir = tempfile::tempdir().unwrap();
        let root = real(dir.path());
        let config = root.join("galley.toml");
        std::fs::write(&config, "").unwrap();
        let watched = vec![root.join("input")];
        let out = root.join("output");
        let yes = |p: &str| relevant(&root.join(p), &out, &watched, Some(&config));
        assert!(yes("galley.toml"));
        assert!(!yes("README.md"));
        assert!(yes("input/issue.yaml"));
    }
}
