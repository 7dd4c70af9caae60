#!/usr/bin/env python3
"""Where galley's time goes, by stage: a `perf` profile of one build of a generated
corpus (default 1,000 articles), its samples grouped into stages by the module paths of
the functions on each sampled call stack; and a count of system calls per article
(`strace -c -f`) and of how many times each article.yaml is opened (`strace -e openat`).

The binary is a release build with debug symbols (`CARGO_PROFILE_RELEASE_DEBUG=true`)
in its own target folder, target/profile, so target/release is left as it is; the
build uses the same optimisation as the release build. Each profiled or traced run
writes into a fresh output folder.

How a sample is given a stage: its call stack is read from the innermost frame
outwards, and the first frame whose function (or library) matches one of STAGES below
names the stage. So time in `memcpy` or `malloc` counts for the stage that called them,
deflate counts as deflate even though the EPUB emitter called it, and XML escaping as
escaping even inside an emitter. Kernel frames count as "filesystem / syscalls" when the
kernel was entered by a system call; page faults and interrupts count for the code they
interrupted. Inlined functions are frames of their own (`perf script --inline`), so
`galley::xml` inlined into an emitter still counts as XML escaping. A sample matching nothing is "other" (start-up and exit, the allocator
called from outside galley, unresolved frames); its most frequent innermost functions
are listed under the table.

Python 3 standard library only; needs `perf` (linux-perf) and `strace`. Usage:
    profile.py [--n 1000] [--jobs 2] [--results bench/RESULTS.md --heading "..."]
The table is printed and written to bench/work/profile/profile.md; with --results it
also goes into that file as a section (replacing a section of the same heading).
"""

import argparse
import collections
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import generate  # noqa: E402
import run  # noqa: E402

# (stage, pattern over "function (library)"), matched against each frame from the
# innermost outwards; the first stage with a matching frame takes the sample. The order
# only matters between patterns that can match the same frame.
STAGES = [
    ("deflate (zlib-rs / flate2 / miniz)", r"zlib_rs|flate2|miniz_oxide|\bdeflate|libz\.so"),
    ("zip container and CRC (zip, crc32fast)", r"\bzip::|crc32fast"),
    ("hashing (sha2)", r"\bsha2::|sha256|Sha256"),
    ("XML escaping (galley::xml)", r"galley::xml::"),
    ("inline parsing (galley::inline)", r"galley::inline::"),
    ("schema validation (jsonschema)", r"\bjsonschema::|\breferencing::|fancy_regex|regex_automata|\bregex::"),
    ("YAML load (galley::yaml, saphyr)", r"galley::yaml|saphyr"),
    ("semantic checks (galley::validate, galley::asset)", r"galley::validate::|galley::asset::"),
    ("serde (model deserialization, manifest JSON)", r"\bserde_json::|\bserde::|galley::model::"),
    ("emit JATS (galley::emit::jats)", r"galley::emit::jats::"),
    ("emit TEI (galley::emit::tei)", r"galley::emit::tei::"),
    ("emit XHTML / preview (galley::emit::xhtml)", r"galley::emit::xhtml::"),
    ("emit EPUB package (galley::emit::epub)", r"galley::emit::epub::"),
    ("emit, shared (galley::emit)", r"galley::emit::"),
    ("diagnostics (galley::diag)", r"galley::diag::|annotate_snippets"),
    ("filesystem / syscalls", r"\bstd::fs::|\bstd::sys::fs|walkdir::|tempfile::|rustix::|"
                              r"^(__libc_)?(open|openat|read|write|close|fstat|statx|stat|lstat|rename|renameat2?|"
                              r"mkdir|mkdirat|unlink|unlinkat|getdents64|fsync|lseek|pread64|pwrite64|readlink|"
                              r"__GI___libc_(open|read|write|close)\w*|__(open|read|write|close)_nocancel)\b"),
    ("build driver (galley::build, galley::issue)", r"galley::build::|galley::issue::"),
    ("thread pool (rayon, crossbeam)", r"\brayon_core::|\brayon::|crossbeam"),
]
STAGE_RE = [(name, re.compile(p)) for name, p in STAGES]
SYSCALLS = "filesystem / syscalls"
OTHER = "other"
KERNEL_SYSCALL = re.compile(r"entry_SYSCALL|do_syscall_64|__x64_sys_|syscall_exit")


def log(msg=""):
    print(msg, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, **kw)


# --------------------------------------------------------------------------- set-up


def build_profiling_binary():
    """galley built in release mode with debug symbols, into target/profile."""
    env = dict(os.environ, CARGO_PROFILE_RELEASE_DEBUG="true")
    target = os.path.join(REPO, "target", "profile")
    log("profile.py: cargo build --release --locked --target-dir target/profile (with debug symbols)")
    r = sh(["cargo", "build", "--release", "--locked", "--target-dir", target], cwd=REPO, env=env)
    if r.returncode != 0:
        sys.exit("profile.py: the profiling build failed")
    return os.path.join(target, "release", "galley")


def source_commit():
    """The commit galley was built from, and whether its sources differ from it."""
    rc, head = run.quiet(["git", "-C", REPO, "rev-parse", "--short", "HEAD"])
    if rc != 0:
        return "unknown"
    rc, status = run.quiet(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no", "--",
                            "src", "Cargo.toml", "Cargo.lock"])
    if rc == 0 and status:
        return head + " with uncommitted changes to src/"
    rc, last = run.quiet(["git", "-C", REPO, "log", "-1", "--format=%h", "--", "src", "Cargo.toml", "Cargo.lock"])
    if rc == 0 and last and last != head:
        return f"{head} (src/, Cargo.toml and Cargo.lock unchanged since {last})"
    return head


def corpus(work, n, seed):
    out = os.path.join(work, f"corpus-{n}")
    params = {"n": n, "seed": seed, "markdown": n == 100}  # the suite's parameters for this N
    if generate.fresh(out, params):
        log(f"profile.py: {out} is up to date")
    else:
        log(f"profile.py: writing {out} ...")
        generate.gen_corpus(n, out, seed, params["markdown"])
        generate.stamp(out, params)
    with open(os.path.join(out, "manifest.json")) as f:
        m = json.load(f)
    return [os.path.join(out, d) for d in m["issues"]], m


class Folders:
    """Fresh output folders under work/profile/out-<run id>-<k>. They, and those left by
    earlier runs, are deleted at the end, after everything is measured; a run starting
    within run.SETTLE seconds of such a deletion (by profile.py or run.py) waits first."""

    def __init__(self, root, stamp_dir):
        self.root = root
        self.stamp_dir = stamp_dir
        self.run_id = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}"
        self.k = 0
        os.makedirs(root, exist_ok=True)
        self.made = [os.path.join(root, n) for n in os.listdir(root) if n.startswith("out-")]
        run.wait_after_deletion(stamp_dir)

    def fresh(self):
        self.k += 1
        path = os.path.join(self.root, f"out-{self.run_id}-{self.k}")
        self.made.append(path)
        return path

    def clear(self):
        run.delete_folders(self.made, self.stamp_dir)


# --------------------------------------------------------------------------- perf


def perf_works(tmp):
    """Whether `perf record` can sample here, and with which call-graph mode. Rust's
    release builds keep no frame pointers, so `-g` (frame pointers) yields broken stacks;
    DWARF unwinding with the debug symbols gives whole ones."""
    probe = os.path.join(tmp, "probe.data")
    tried = []
    for mode in (["--call-graph", "dwarf"], ["-g"], []):
        r = sh(["perf", "record", "-q", *mode, "-o", probe, "--", "true"], capture_output=True, text=True)
        if r.returncode == 0:
            return mode, tried
        tried.append(f"`perf record {' '.join(mode)}`: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else r.returncode}")
    return None, tried


FRAME = re.compile(r"^\s+([0-9a-f]+)\s+(.*?)\s+\((.*)\)\s*$")


def parse_perf_script(text):
    """Samples as lists of (function, library), innermost first."""
    samples, cur = [], None
    for line in text.split("\n"):
        if not line.strip():
            if cur is not None:
                samples.append(cur)
            cur = None
            continue
        if not line[0].isspace():
            if cur is not None:
                samples.append(cur)
            cur = []
            continue
        m = FRAME.match(line)
        if m and cur is not None:
            sym = re.sub(r"\+0x[0-9a-f]+$", "", m.group(2))
            cur.append((sym, m.group(3)))
    if cur is not None:
        samples.append(cur)
    return samples


def is_kernel(frame):
    sym, dso = frame
    return dso.startswith("[kernel") or dso == "[unknown]" and sym.startswith("0xffff")


def stage_of(stack):
    """The stage of one sample (see the module's doc)."""
    kernel = [f for f in stack if is_kernel(f)]
    if kernel and any(KERNEL_SYSCALL.search(s) for s, _ in kernel):
        return SYSCALLS, syscall_name([s for s, _ in kernel])
    user = [f for f in stack if not is_kernel(f)]
    for sym, dso in user:
        for name, pat in STAGE_RE:
            if pat.search(sym) or pat.search(os.path.basename(dso)):
                return name, sym
    return OTHER, (user[0][0] if user else stack[0][0] if stack else "?")


def syscall_name(kernel):
    """The system call of a kernel stack (innermost first): the frame just inside
    `do_syscall_64`, without its prefix (`__x64_sys_write`, `ksys_write` → write)."""
    named = [re.sub(r"^(__x64_sys_|__do_sys_|__se_sys_|ksys_|x64_sys_call$)", "", s) for s in kernel]
    for i, s in enumerate(kernel):
        if s.startswith("__x64_sys_"):
            return named[i]
    if "do_syscall_64" in kernel:
        i = kernel.index("do_syscall_64")
        inner = kernel[i - 1] if i > 0 else ""
        if inner in ("exit_to_user_mode_loop", "syscall_exit_to_user_mode") or not inner:
            return "(return to user space)"
        return named[i - 1] or "(unnamed)"
    return "(unnamed)"


def profile(galley, issues, folders, tmp, freq, jobs, inline):
    mode, tried = perf_works(tmp)
    if mode is None:
        return {"error": "perf record does not work here: " + "; ".join(tried)}
    data = os.path.join(tmp, "perf.data")
    out = folders.fresh()
    cmd = ["perf", "record", "-q", "-F", str(freq), *mode, "-o", data, "--",
           galley, "build", "-j", str(jobs), *issues, "-o", out]
    log(f"profile.py: perf record {' '.join(mode)} -F {freq}: galley build -j {jobs} ({len(issues)} issues)")
    t0 = time.perf_counter()
    r = sh(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        return {"error": f"perf record exited {r.returncode}: {r.stderr.strip()[-500:]}"}
    log(f"profile.py: recorded in {wall:.1f} s; perf script{' --inline' if inline else ''} ...")
    script = ["perf", "script", "-i", data, "-F", "comm,tid,ip,sym,dso"]
    script.append("--inline" if inline else "--no-inline")
    r = sh(script, capture_output=True, text=True)
    if r.returncode != 0:
        return {"error": f"perf script exited {r.returncode}: {r.stderr.strip()[-500:]}"}
    samples = parse_perf_script(r.stdout)
    counts = collections.Counter()
    other_syms = collections.Counter()
    syscalls = collections.Counter()
    recent = 0
    depth = []
    for st in samples:
        stage, sym = stage_of(st)
        counts[stage] += 1
        depth.append(len(st))
        if stage == OTHER:
            other_syms[sym] += 1
        elif stage == SYSCALLS:
            syscalls[sym] += 1
        recent += any(s == "recently_deleted" for s, _ in st)
    return {"mode": " ".join(mode) or "(no call graph)", "freq": freq, "samples": len(samples),
            "wall": wall, "inline": inline, "counts": counts, "other": other_syms.most_common(8),
            "syscalls": syscalls.most_common(8), "recently_deleted": recent,
            "median_depth": sorted(depth)[len(depth) // 2] if depth else 0}


# --------------------------------------------------------------------------- strace


def strace_counts(galley, issues, folders, tmp, jobs, n):
    if not shutil.which("strace"):
        return {"error": "strace is not installed (Debian: apt-get install strace)"}
    summary = os.path.join(tmp, "strace-c.txt")
    r = sh(["strace", "-c", "-f", "-o", summary, galley, "build", "-j", str(jobs), *issues,
            "-o", folders.fresh()], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        return {"error": f"strace -c exited {r.returncode}"}
    calls = {}
    with open(summary) as f:
        for line in f:
            parts = line.split()
            # % time, seconds, usecs/call, calls, [errors], syscall
            if len(parts) >= 5 and re.match(r"^[\d.]+$", parts[0]) and parts[-1] != "total":
                calls[parts[-1]] = (int(parts[3]), int(parts[4]) if len(parts) == 6 else 0)
    trace = os.path.join(tmp, "strace-open.txt")
    r = sh(["strace", "-f", "-e", "trace=open,openat,openat2", "-o", trace, galley, "build", "-j", str(jobs),
            *issues, "-o", folders.fresh()], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    opens = collections.Counter()
    failed = collections.Counter()
    if r.returncode == 0:
        with open(trace, errors="replace") as f:
            for line in f:
                m = re.search(r'"([^"]*/article\.yaml)"', line)
                if m:
                    path = os.path.normpath(m.group(1))
                    if re.search(r"= -1 ", line):
                        failed[path] += 1
                    else:
                        opens[path] += 1
    per = sorted(opens.values())
    dist = collections.Counter(per)
    return {"calls": calls, "total": sum(c for c, _ in calls.values()), "n": n,
            "opens": {"articles": len(opens), "min": per[0] if per else 0, "max": per[-1] if per else 0,
                      "dist": dict(sorted(dist.items())), "failed": sum(failed.values())}}


# --------------------------------------------------------------------------- report


def table(p, s, info):
    L = [f"Measured {info['date']} on {info['machine']}; load average (1 min) {info['load_start']:.2f} at the "
         f"start, {info['load_end']:.2f} at the end (the machine was shared; shares of samples are less "
         f"disturbed by other work than wall times are). galley at commit {info['commit']}, release build "
         f"with debug symbols (`bench/profile.py`, target/profile); `galley build -j {info['jobs']}` of "
         f"{info['n']:,} generated articles ({info['issues']} issues) into a fresh folder.", ""]
    if "error" in p:
        L += [f"No profile: {p['error']}", ""]
    else:
        total = p["samples"] or 1
        hz = p["freq"]
        L += [f"`perf record {p['mode']} -F {hz}` (cpu-clock), {p['samples']:,} samples "
              f"(≈ {p['samples'] / hz:.1f} s of CPU over all threads; {p['wall']:.1f} s wall under perf); "
              f"median stack depth {p['median_depth']}; inlined functions "
              f"{'resolved (`perf script --inline`)' if p['inline'] else 'not resolved (they count for their caller)'}. Each sample goes to the innermost frame on its stack "
              "that matches a stage (see `bench/profile.py`).", "",
              "| stage | samples | share | ≈ CPU ms per article |", "|---|---:|---:|---:|"]
        names = [n for n, _ in STAGES] + [OTHER]
        for name in sorted(names, key=lambda x: (-p["counts"].get(x, 0), names.index(x))):
            c = p["counts"].get(name, 0)
            if not c:
                continue
            L.append(f"| {name} | {c:,} | {100 * c / total:.1f}% | {1000 * c / hz / info['n']:.2f} |")
        L.append(f"| **total** | **{p['samples']:,}** | 100% | {1000 * p['samples'] / hz / info['n']:.2f} |")
        if p["syscalls"]:
            L += ["", "Of \"filesystem / syscalls\", by system call: " + "; ".join(
                f"{name} {100 * c / total:.1f}%" for name, c in p["syscalls"]) + " (shares of all samples)."]
        share = 100 * p["recently_deleted"] / total
        if share >= 1:
            L += ["", f"**{share:.1f}% of the samples are in ext4's `recently_deleted`**: files were deleted on "
                      "this filesystem within minutes before or during the run (by other work on this machine), "
                      "and the inode allocator passes over their inodes (see SETTLE in `bench/run.py`). The "
                      "syscall share is inflated by it."]
        else:
            L += ["", f"{share:.1f}% of the samples are in ext4's `recently_deleted` (the cost of files deleted "
                      "shortly before the run; see SETTLE in `bench/run.py`): the syscall share is not inflated by it."]
        if p["other"]:
            L += ["", "Most frequent innermost functions of \"other\": " + "; ".join(
                f"`{sym[:80]}` {c}" for sym, c in p["other"]) + "."]
        L.append("")
    if "error" in s:
        L += [f"No system-call count: {s['error']}", ""]
    else:
        n = s["n"]
        top = sorted(s["calls"].items(), key=lambda kv: -kv[1][0])[:12]
        L += [f"System calls (`strace -c -f`, the whole process and its threads): {s['total']:,} for "
              f"{n:,} articles, **{s['total'] / n:.1f} per article**. The most frequent, per article: " +
              ", ".join(f"{name} {c / n:.1f}" + (f" ({e / n:.1f} failed)" if e else "") for name, (c, e) in top) + ".",
              ""]
        o = s["opens"]
        dist = ", ".join(f"{k}× for {v:,}" for k, v in o["dist"].items())
        L += [f"Opens of each article.yaml (`strace -f -e trace=open,openat,openat2`): {o['articles']:,} files "
              f"opened, each {o['min']}–{o['max']} times ({dist})"
              + (f"; {o['failed']} failed opens" if o["failed"] else "") + ".", ""]
    return "\n".join(L)


def main():
    ap = argparse.ArgumentParser(description="galley profile by stage (perf) and system calls (strace)")
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--n", type=int, default=1000, help="articles in the generated corpus (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count(), help="galley -j (default: all cores)")
    ap.add_argument("--freq", type=int, default=999, help="samples per second per thread (default 999)")
    ap.add_argument("--galley", help="a galley binary with debug symbols (default: build one into target/profile)")
    ap.add_argument("--no-inline", dest="inline", action="store_false",
                    help="do not resolve inlined functions (perf script --inline, the default, takes "
                         "about a minute: addr2line per address)")
    ap.add_argument("--no-strace", action="store_true")
    ap.add_argument("--results", help="also write the table into this markdown file, as a section")
    ap.add_argument("--heading", help="the section's heading (default: Profile by stage — <commit>)")
    args = ap.parse_args()

    galley = os.path.abspath(args.galley) if args.galley else build_profiling_binary()
    work = os.path.abspath(args.work)
    issues, m = corpus(work, args.n, args.seed)
    pdir = os.path.join(work, "profile")
    folders = Folders(pdir, os.path.join(work, "out"))
    info = {"load_start": run.load1(), "commit": source_commit(), "jobs": args.jobs, "n": m["articles"],
            "issues": len(issues),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
    mach = run.machine()
    info["machine"] = f"{mach['cpu']}, {mach['cores']} cores, {mach['ram'] / 2**30:.0f} GiB, {mach['os']}"
    try:
        p = profile(galley, issues, folders, pdir, args.freq, args.jobs, args.inline)
        s = {"error": "skipped (--no-strace)"} if args.no_strace else \
            strace_counts(galley, issues, folders, pdir, args.jobs, m["articles"])
    finally:
        folders.clear()
    info["load_end"] = run.load1()
    body = table(p, s, info)
    with open(os.path.join(pdir, "profile.md"), "w", encoding="utf-8") as f:
        f.write(body + "\n")
    log("")
    log(body)
    if args.results:
        heading = args.heading or f"Profile by stage — {info['commit']}"
        if not heading.startswith("Profile by stage"):
            sys.exit("profile.py: --heading must start with \"Profile by stage\" (run.py keeps those sections)")
        run.put_section(args.results, heading, body)
        log(f"written into {os.path.relpath(args.results, os.getcwd())}, section \"{heading}\"")


if __name__ == "__main__":
    main()
