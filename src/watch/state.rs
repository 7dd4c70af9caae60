//! What the preview server knows of each article between rebuilds: built or failed (with
//! its diagnostics as `galley build` prints them), and a version that changes whenever
//! what a reader should see changed, which open pages wait on to reload.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use crate::build::{IssueResults, REMOVED_STALE, Status};
use crate::diag::{Diagnostic, Severity, Sources, render_human};

/// An article's state as the last build left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Not built yet (the first build is running).
    Pending,
    /// Its outputs are in the output folder.
    Built,
    /// It does not build: the first error (`file:line:column: message`) and every
    /// diagnostic as `galley build` prints it (without colour).
    Failed {
        /// The first error, on one line.
        first: String,
        /// The diagnostics, rendered for people.
        report: String,
    },
}

/// One article.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its state.
    pub state: State,
    /// The generation at which its state last changed (or it was rebuilt).
    pub version: u64,
}

/// Everything the server shows, under one lock.
#[derive(Debug, Default)]
pub struct Inner {
    /// Bumped whenever any article's version or the list of articles changes.
    pub generation: u64,
    /// The articles by slug.
    pub articles: BTreeMap<String, Entry>,
    /// The slugs in the order of the issues and of each `issue.yaml`.
    pub order: Vec<String>,
    /// Problems of the run as a whole (no issue found, a bad `galley.toml`), rendered.
    pub problem: Option<String>,
    /// Set when the watcher stops: waiting requests return at once.
    pub stopping: bool,
}

/// The shared state: read by the server's threads, written after each build.
#[derive(Debug, Default)]
pub struct Previews {
    inner: Mutex<Inner>,
    changed: Condvar,
}

/// What one build said about one article.
#[derive(Debug, Clone)]
enum Outcome {
    /// Written now (`fresh`) or unchanged.
    Built { fresh: bool },
    /// Failed, with its diagnostics rendered.
    Failed { first: String, report: String },
}

/// What one build (a round) reported, gathered as its issues arrive and applied at once.
#[derive(Debug, Default)]
pub struct Round {
    outcomes: Vec<(String, Outcome)>,
    problems: Vec<String>,
    interrupted: bool,
}

impl Round {
    /// Takes one issue's results (settled: shared-file diagnostics in `shared`).
    pub fn observe(&mut self, r: &IssueResults) {
        let shared_errors: Vec<&Diagnostic> = r
            .shared
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if r.reports.is_empty() {
            // No article was reached: the paths, the output folder or a collision.
            if !r.shared.is_empty() {
                let all: Vec<&Diagnostic> = r.shared.iter().collect();
                self.problems.push(render(&all, &r.sources));
            }
            return;
        }
        for rep in r.reports.iter().filter(|rep| !rep.whole_issue) {
            let outcome = match rep.status {
                Status::Built => Outcome::Built { fresh: true },
                Status::Unchanged => Outcome::Built { fresh: false },
                Status::Failed => {
                    let mut diags: Vec<&Diagnostic> = shared_errors.clone();
                    diags.extend(&rep.diagnostics);
                    // Cause before effect, as `build` prints them.
                    diags.sort_by_key(|d| d.code == REMOVED_STALE);
                    let first = diags
                        .iter()
                        .find(|d| d.severity == Severity::Error)
                        .or(diags.first())
                        .map_or_else(
                            || "the article does not build".to_string(),
                            |d| format!("{}: {}", d.location(), d.message),
                        );
                    Outcome::Failed {
                        first,
                        report: render(&diags, &r.sources),
                    }
                }
                Status::Skipped => {
                    self.interrupted = true;
                    continue;
                }
                Status::Valid => continue,
            };
            self.outcomes.push((rep.name.clone(), outcome));
        }
    }
}

/// Diagnostics as `galley build` prints them for people, without colour; the files they
/// point into read when `sources` lacks them.
fn render(diags: &[&Diagnostic], sources: &Sources) -> String {
    let missing = Sources::read_for(
        diags
            .iter()
            .copied()
            .filter(|d| d.file.as_deref().is_some_and(|f| sources.get(f).is_none())),
    );
    let mut text = String::new();
    for d in diags {
        let from = match d.file.as_deref() {
            Some(f) if sources.get(f).is_none() => &missing,
            _ => sources,
        };
        text.push_str(&render_human(d, from, false));
        text.push('\n');
    }
    text
}

impl Previews {
    /// The state, locked (a panicked holder cannot have left it half-changed: every
    /// change is made in one step, so a poisoned lock is taken as it is).
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Applies a build's results: each article's new state, a new version for those that
    /// were rebuilt or whose state changed; articles no longer in any issue dropped. A
    /// run-level problem marks every known article failed with it. Wakes the waiting pages.
    pub fn apply(&self, round: Round) {
        let mut inner = self.lock();
        let next = inner.generation + 1;
        let mut bumped = false;
        if !round.problems.is_empty() {
            let report = round.problems.concat();
            let first = report.lines().next().unwrap_or_default().to_string();
            inner.problem = Some(report.clone());
            for entry in inner.articles.values_mut() {
                let state = State::Failed {
                    first: first.clone(),
                    report: report.clone(),
                };
                if entry.state != state {
                    entry.state = state;
                    entry.version = next;
                    bumped = true;
                }
            }
        } else {
            bumped |= inner.problem.take().is_some();
            let order: Vec<String> = round.outcomes.iter().map(|(s, _)| s.clone()).collect();
            if !round.interrupted && order != inner.order {
                inner.articles.retain(|slug, _| order.contains(slug));
                inner.order = order;
                bumped = true;
            }
            for (slug, outcome) in round.outcomes {
                let (state, fresh) = match outcome {
                    Outcome::Built { fresh } => (State::Built, fresh),
                    Outcome::Failed { first, report } => (State::Failed { first, report }, false),
                };
                let entry = inner.articles.entry(slug).or_insert(Entry {
                    state: State::Pending,
                    version: 0,
                });
                if fresh || entry.state != state {
                    entry.state = state;
                    entry.version = next;
                    bumped = true;
                }
            }
        }
        if bumped {
            inner.generation = next;
        }
        drop(inner);
        self.changed.notify_all();
    }

    /// The version of `slug` (the generation for `None`, the index), or `None` for an
    /// article the watcher does not know.
    pub fn version(inner: &Inner, slug: Option<&str>) -> Option<u64> {
        match slug {
            None => Some(inner.generation),
            Some(s) => inner.articles.get(s).map(|e| e.version),
        }
    }

    /// Waits until the version of `slug` (or the generation) is no longer `since`, at
    /// most `timeout`, or the watcher stops; returns the version then.
    pub fn wait(&self, slug: Option<&str>, since: u64, timeout: Duration) -> Option<u64> {
        let inner = self.lock();
        let (inner, _) = self
            .changed
            .wait_timeout_while(inner, timeout, |i| {
                !i.stopping && Previews::version(i, slug) == Some(since)
            })
            .unwrap_or_else(|e| e.into_inner());
        Previews::version(&inner, slug)
    }

    /// Records the slugs of the issues before the first build, so that pages asked for
    /// while it runs say "building" rather than "not found".
    pub fn expect(&self, slugs: &[String]) {
        let mut inner = self.lock();
        for slug in slugs {
            if !inner.articles.contains_key(slug) {
                inner.order.push(slug.clone());
                inner.articles.insert(
                    slug.clone(),
                    Entry {
                        state: State::Pending,
                        version: 0,
                    },
                );
            }
        }
    }

    /// Wakes every waiting request for good: the watcher is stopping.
    pub fn stop(&self) {
        self.lock().stopping = true;
        self.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::Report;
    use std::path::PathBuf;

    fn report(name: &str, status: Status, diagnostics: Vec<Diagnostic>) -> Report {
        Report {
            issue: PathBuf::from("in"),
            name: name.to_string(),
            path: PathBuf::from("in").join(name),
            whole_issue: false,
            status,
            outputs: Vec::new(),
            diagnostics,
            packages: Vec::new(),
        }
    }

    fn round(reports: Vec<Report>, shared: Vec<Diagnostic>) -> Round {
        let mut round = Round::default();
        round.observe(&IssueResults {
            shared,
            reports,
            ..IssueResults::default()
        });
        round
    }

    #[test]
    fn versions_change_when_an_article_is_rebuilt_or_fails_not_when_unchanged() {
        let p = Previews::default();
        p.expect(&["a".to_string(), "b".to_string()]);
        p.apply(round(
            vec![
                report("a", Status::Built, vec![]),
                report("b", Status::Built, vec![]),
            ],
            vec![],
        ));
        let v = |p: &Previews, s: &str| Previews::version(&p.lock(), Some(s)).unwrap();
        let (a1, b1) = (v(&p, "a"), v(&p, "b"));
        assert_eq!(p.lock().articles["a"].state, State::Built);
        let broken = Diagnostic::error("yaml.syntax", "the `[` opened here is never closed");
        p.apply(round(
            vec![
                report("a", Status::Failed, vec![broken.clone()]),
                report("b", Status::Unchanged, vec![]),
            ],
            vec![],
        ));
        assert_ne!(v(&p, "a"), a1);
        assert_eq!(v(&p, "b"), b1, "an unchanged article keeps its version");
        match &p.lock().articles["a"].state {
            State::Failed { first, report } => {
                assert!(first.contains("never closed"), "{first}");
                assert!(report.contains("error[yaml.syntax]"), "{report}");
            }
            s => panic!("{s:?}"),
        }
        // The same failure again: nothing to reload.
        let a2 = v(&p, "a");
        p.apply(round(
            vec![
                report("a", Status::Failed, vec![broken]),
                report("b", Status::Unchanged, vec![]),
            ],
            vec![],
        ));
        assert_eq!(v(&p, "a"), a2);
        // b removed from the issue: dropped.
        p.apply(round(vec![report("a", Status::Built, vec![])], vec![]));
        assert!(!p.lock().articles.contains_key("b"));
        assert_eq!(p.lock().order, vec!["a".to_string()]);
    }

    #[test]
    fn a_failing_shared_file_is_shown_on_each_of_its_articles() {
        let p = Previews::default();
        let shared = Diagnostic::error("yaml.syntax", "issue.yaml is broken");
        p.apply(round(
            vec![report("a", Status::Failed, vec![])],
            vec![shared],
        ));
        match &p.lock().articles["a"].state {
            State::Failed { first, .. } => assert!(first.contains("issue.yaml is broken")),
            s => panic!("{s:?}"),
        }
    }

    #[test]
    fn waiting_returns_on_a_change_and_on_stop() {
        let p = std::sync::Arc::new(Previews::default());
        let g = Previews::version(&p.lock(), None).unwrap();
        let waiter = {
            let p = p.clone();
            std::thread::spawn(move || p.wait(None, g, Duration::from_secs(60)))
        };
        p.apply(round(vec![report("a", Status::Built, vec![])], vec![]));
        assert_eq!(waiter.join().unwrap(), Some(g + 1));
        let waiter = {
            let p = p.clone();
            std::thread::spawn(move || p.wait(Some("a"), g + 1, Duration::from_secs(60)))
        };
        p.stop();
        assert_eq!(waiter.join().unwrap(), Some(g + 1));
    }
}
