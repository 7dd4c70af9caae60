//! Build script: the commit and its date for `galley --version`, when git knows them.
//!
//! Reproducible: the date is the commit's (or `SOURCE_DATE_EPOCH`'s), never the clock.
//! Outside a git checkout, or without git, the version is the package's alone; this
//! script never fails the build.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    println!("cargo:rerun-if-env-changed=GALLEY_COMMIT");
    // A new commit moves HEAD (or the branch it names). Only files that exist are
    // watched: cargo takes a missing one as changed, and would rebuild galley every time.
    let mut watched = Vec::new();
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        watched.push(format!("{dir}/HEAD"));
        let common = git(&["rev-parse", "--git-common-dir"]).unwrap_or_else(|| dir.clone());
        if let Some(r) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watched.push(format!("{dir}/{r}"));
            watched.push(format!("{common}/{r}"));
        }
        watched.push(format!("{common}/packed-refs"));
    }
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    for path in watched {
        if std::path::Path::new(&manifest_dir).join(&path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    let commit = std::env::var("GALLEY_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]));
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .or_else(|| git(&["log", "-1", "--format=%ct"]).and_then(|s| s.parse().ok()));
    let suffix = match (commit, epoch.map(date)) {
        (Some(c), Some(d)) => format!(" (commit {c}, {d})"),
        (Some(c), None) => format!(" (commit {c})"),
        (None, Some(d)) => format!(" ({d})"),
        (None, None) => String::new(),
    };
    println!("cargo:rustc-env=GALLEY_VERSION_SUFFIX={suffix}");
}

/// The trimmed output of a git command run in the package's folder, if it succeeds.
fn git(args: &[&str]) -> Option<String> {
    let dir = std::env::var("CARGO_MANIFEST_DIR").ok()?;
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// The UTC calendar date (YYYY-MM-DD) of a Unix time (days to civil date, after Howard
/// Hinnant's public-domain algorithm).
fn date(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
