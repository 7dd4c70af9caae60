#!/usr/bin/env python3
"""Runs the galley benchmark over the corpora written by `generate.py suite` and writes
bench/RESULTS.md.

Measured, each repeated and reported as the median wall time of the whole process:
  - galley throughput (articles/s, MB/s of input YAML) and peak RSS for each N;
  - the "unchanged rebuild" (a second run on the same output folder), when galley has
    incremental builds (`--force` in `galley build --help`);
  - one article scaled x1, x10, x100 in length;
  - the speed-up from `-j 1` to `-j 2` (when galley has `-j`);
  - the same articles through pandoc 3.x (Markdown + YAML metadata -> JATS, TEI, EPUB),
    as many pandoc processes at once as galley uses threads by default (all cores), and
    the ratio galley/pandoc in articles/s for the three formats together.

Python 3 standard library only. Usage (see bench/README.md):
    run.py [--work bench/work] [--galley target/release/galley] [--quick]
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
FORMATS = [("jats", "jats", ".jats.xml"), ("tei", "tei", ".tei.xml"), ("epub", "epub3", ".epub")]


def log(msg=""):
    print(msg, flush=True)


# --------------------------------------------------------------------------- running


def measure(cmd, cwd=None, out_path=None):
    """Runs cmd once; returns (wall seconds, peak RSS in KiB of that process, exit code).

    The peak RSS comes from GNU time (`/usr/bin/time -f %M`), which forks from a small
    process: a child forked from this Python process would report Python's own resident
    size as its floor (Linux keeps ru_maxrss across exec)."""
    out = open(out_path, "ab") if out_path else subprocess.DEVNULL
    rss_file = tempfile.NamedTemporaryFile(prefix="galley-bench-rss-", delete=False)
    rss_file.close()
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + list(cmd),
                             cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        p.wait()
        wall = time.perf_counter() - t0
        try:
            with open(rss_file.name) as f:
                rss = int(f.read().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            rss = 0
    finally:
        if out_path:
            out.close()
        os.unlink(rss_file.name)
    return wall, rss, p.returncode


def quiet(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return r.returncode, (r.stdout + r.stderr).strip()
    except OSError as e:
        return 127, str(e)


def rmtree(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)


def count_outputs(out_dir):
    """Per-article outputs (`<slug>/<slug>.jats.xml`, ...) by format; other EPUBs (the
    issue-level ones) under "issue_epub"."""
    counts = {name: 0 for name, _, _ in FORMATS}
    counts["issue_epub"] = 0
    for root, _dirs, files in os.walk(out_dir):
        slug = os.path.basename(root)
        for f in files:
            for name, _, ext in FORMATS:
                if f == slug + ext:
                    counts[name] += 1
                    break
            else:
                if f.endswith(".epub"):
                    counts["issue_epub"] += 1
    return counts


def read_text(path):
    with open(path, errors="replace") as f:
        return f.read()


def mtimes(out_dir):
    snap = {}
    for root, _dirs, files in os.walk(out_dir):
        for f in files:
            p = os.path.join(root, f)
            st = os.stat(p)
            snap[p] = (st.st_mtime_ns, st.st_size)
    return snap


def median(xs):
    return statistics.median(xs) if xs else float("nan")


# --------------------------------------------------------------------------- machine


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    ram = None
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    ram = int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {"cpu": cpu, "cores": os.cpu_count(), "usable": usable, "ram": ram,
            "os": f"{platform.system()} {platform.release()}"}


def git_commit():
    rc, out = quiet(["git", "-C", REPO, "rev-parse", "--short", "HEAD"])
    if rc != 0:
        return "unknown"
    rc2, status = quiet(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"])
    return out + ("+uncommitted changes" if rc2 == 0 and status else "")


def pandoc_path(venv):
    py = os.path.join(venv, "bin", "python")
    rc, out = quiet([py, "-c", "import pypandoc; print(pypandoc.get_pandoc_path())"])
    if rc != 0:
        return None
    return out.splitlines()[-1]


# --------------------------------------------------------------------------- benchmarks


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = os.path.abspath(args.work)
        with open(os.path.join(self.work, "suite.json")) as f:
            self.suite = json.load(f)
        self.quick = self.suite["quick"]
        self.galley = os.path.abspath(args.galley)
        self.out_root = os.path.join(self.work, "out")
        self.logs = os.path.join(self.work, "logs")
        os.makedirs(self.logs, exist_ok=True)
        rc, help_text = quiet([self.galley, "build", "--help"])
        if rc != 0:
            sys.exit(f"run.py: `{self.galley} build --help` failed: {help_text}")
        self.has_j = quiet([self.galley, "build", "-j", "1", "--help"])[0] == 0
        self.has_incremental = "--force" in help_text
        self.results = {}

    def corpus(self, name):
        root = os.path.join(self.work, name)
        with open(os.path.join(root, "manifest.json")) as f:
            m = json.load(f)
        return root, m

    def galley_cmd(self, issue_dirs, out, extra=()):
        return [self.galley, "build", *extra, *issue_dirs, "-o", out]

    def runs_for(self, n):
        if self.args.runs:
            return self.args.runs
        return 5 if n <= 1000 else 3

    def galley_series(self, label, issue_dirs, out, runs, extra=()):
        """`runs` clean builds (output folder removed before each): wall times, peak RSS,
        last exit code, outputs written."""
        walls, rss, rc = [], [], None
        logf = os.path.join(self.logs, f"{label}.log")
        rmtree(logf)
        for i in range(runs):
            rmtree(out)
            wall, maxrss, rc = measure(self.galley_cmd(issue_dirs, out, extra), out_path=logf)
            walls.append(wall)
            rss.append(maxrss)
            log(f"  {label} run {i + 1}/{runs}: {wall:.3f} s, peak RSS {maxrss / 1024:.1f} MiB, exit {rc}")
        return {"walls": walls, "median": median(walls), "rss_kib": max(rss), "rc": rc,
                "outputs": count_outputs(out), "runs": runs, "log": os.path.relpath(logf, REPO)}

    def throughput(self):
        rows = []
        for n in self.suite["ns"]:
            root, m = self.corpus(self.suite["corpora"][str(n)])
            issues = [os.path.join(root, d) for d in m["issues"]]
            out = os.path.join(self.out_root, f"galley-{n}")
            log(f"galley build, N = {n} ({len(issues)} issues, {m['yaml_bytes'] / 1e6:.2f} MB of YAML)")
            row = self.galley_series(f"galley-{n}", issues, out, self.runs_for(n))
            row.update(n=m["articles"], issues=len(issues), yaml_bytes=m["yaml_bytes"])
            if self.has_incremental:
                before = mtimes(out)
                walls = []
                rmtree(os.path.join(self.logs, f"galley-{n}-rebuild.log"))
                for i in range(row["runs"]):
                    wall, _rss, rc2 = measure(self.galley_cmd(issues, out),
                                              out_path=os.path.join(self.logs, f"galley-{n}-rebuild.log"))
                    walls.append(wall)
                    log(f"  unchanged rebuild run {i + 1}/{row['runs']}: {wall:.3f} s, exit {rc2}")
                after = mtimes(out)
                changed = sum(1 for p, v in after.items() if before.get(p) != v) + \
                    sum(1 for p in before if p not in after)
                row["rebuild"] = {"median": median(walls), "changed": changed}
            rmtree(out)
            rows.append(row)
        self.results["throughput"] = rows

    def scaling(self):
        root, m = self.corpus(self.suite["scale"])
        rows = []
        for factor in self.suite["factors"]:
            e = m["factors"][str(factor)]
            out = os.path.join(self.out_root, f"scale-x{factor}")
            runs = self.args.runs or (5 if factor < 100 else 3)
            log(f"galley build, one article x{factor} ({e['article_bytes'] / 1e3:.0f} KB)")
            row = self.galley_series(f"scale-x{factor}", [os.path.join(root, e["issue"])], out, runs)
            row.update(factor=factor, article_bytes=e["article_bytes"])
            rmtree(out)
            rows.append(row)
        self.results["scaling"] = rows

    def threads(self):
        if not self.has_j:
            log("galley build -j: n/a (no -j flag)")
            self.results["threads"] = None
            return
        n = 50 if self.quick else 1000
        if str(n) not in self.suite["corpora"]:
            n = self.suite["ns"][-1]
        root, m = self.corpus(self.suite["corpora"][str(n)])
        issues = [os.path.join(root, d) for d in m["issues"]]
        rows = []
        for j in (1, 2):
            out = os.path.join(self.out_root, f"threads-j{j}")
            log(f"galley build -j {j}, N = {n}")
            row = self.galley_series(f"threads-j{j}", issues, out, self.args.runs or 3, extra=("-j", str(j)))
            row.update(j=j, n=m["articles"])
            rmtree(out)
            rows.append(row)
        self.results["threads"] = rows

    def pandoc(self):
        exe = self.args.pandoc or pandoc_path(self.args.venv)
        if not exe or not os.path.exists(exe):
            log("pandoc: not found (run `make bench`, which installs it into bench/.venv)")
            self.results["pandoc"] = None
            return
        rc, version = quiet([exe, "--version"])
        self.results["pandoc_version"] = version.splitlines()[0] if rc == 0 else "unknown"
        if not self.results["pandoc_version"].startswith("pandoc 3."):
            log(f"warning: the benchmark expects pandoc 3.x, found {self.results['pandoc_version']}")
        root, m = self.corpus(self.suite["pandoc"])
        md_root = os.path.join(root, "pandoc")
        slugs = m["articles_md"]
        issues = [os.path.join(root, d) for d in m["issues"]]
        jobs = self.args.jobs or os.cpu_count()
        # galley on exactly these articles (default -j: all cores)
        gout = os.path.join(self.out_root, "galley-pandoc-corpus")
        log(f"galley build on the pandoc corpus, N = {len(slugs)}")
        g = self.galley_series("galley-pandoc-corpus", issues, gout, self.runs_for(len(slugs)))
        rmtree(gout)
        variants = []
        for citeproc in (True, False):
            name = "pandoc --citeproc" if citeproc else "pandoc (no --citeproc)"
            runs = self.args.pandoc_runs or 3
            walls, rss, failures, per_format = [], [], [], {f[0]: [] for f in FORMATS}
            log(f"{name}: {len(slugs)} articles x JATS, TEI, EPUB, {jobs} processes at a time")
            for i in range(runs):
                out = os.path.join(self.out_root, "pandoc")
                rmtree(out)
                errdir = os.path.join(self.logs, "pandoc-stderr")
                rmtree(errdir)
                os.makedirs(errdir)
                tasks = []
                for slug in slugs:
                    os.makedirs(os.path.join(out, slug), exist_ok=True)
                    for fname, writer, ext in FORMATS:
                        cmd = [exe, "-f", "markdown-smart", "-s", "-t", writer]
                        if citeproc:
                            cmd.append("--citeproc")
                        cmd += ["-o", os.path.join(out, slug, slug + ext), "article.md"]
                        tasks.append((slug, fname, cmd))

                def one(task):
                    slug, fname, cmd = task
                    err = os.path.join(errdir, f"{slug}.{fname}.txt")
                    return (slug, fname, err) + measure(cmd, cwd=os.path.join(md_root, slug), out_path=err)

                t0 = time.perf_counter()
                with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
                    done = list(pool.map(one, tasks))
                wall = time.perf_counter() - t0
                walls.append(wall)
                rss.append(max(r[4] for r in done))
                failures = []
                for slug, fname, err, w, _m, rc in done:
                    per_format[fname].append(w)
                    if rc != 0:
                        failures.append(f"{slug} {fname}: exit {rc}: {read_text(err).strip()[:300]}")
                warnings = sorted({line.strip() for _s, _f, err, *_ in done
                                   for line in read_text(err).splitlines() if line.strip()})
                log(f"  {name} run {i + 1}/{runs}: {wall:.2f} s, peak RSS {rss[-1] / 1024:.1f} MiB, "
                    f"{len(failures)} failed, {len(warnings)} distinct stderr lines")
            outputs = count_outputs(os.path.join(self.out_root, "pandoc"))
            rmtree(os.path.join(self.out_root, "pandoc"))
            variants.append({"name": name, "citeproc": citeproc, "walls": walls, "median": median(walls),
                             "rss_kib": max(rss), "failures": failures, "warnings": warnings[:10],
                             "outputs": outputs, "runs": runs,
                             "per_format": {k: median(v) for k, v in per_format.items()}})
        self.results["pandoc"] = {"n": len(slugs), "jobs": jobs, "galley": g, "variants": variants}


# --------------------------------------------------------------------------- report


def fmt_s(x):
    if x != x:
        return "n/a"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_rate(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}" if x >= 1 else f"{x:.3f}"


def outputs_cell(o, n):
    cell = f"{o['jats']}/{o['tei']}/{o['epub']} of {n}"
    if o.get("issue_epub"):
        cell += f" (+{o['issue_epub']} issue EPUB{'s' if o['issue_epub'] > 1 else ''})"
    return cell


def report(b, info, started, finished):
    r = b.results
    L = ["# galley benchmark results", ""]
    L.append(f"Written by `make bench{' BENCH_QUICK=1' if b.quick else ''}` (`bench/run.py`; "
             "see `bench/README.md` for what is measured and how). Times are the median wall "
             "time of the whole `galley build` process over the runs given; peak RSS is the "
             "largest `ru_maxrss` over those runs.")
    if b.quick:
        L += ["", "**Quick run (`BENCH_QUICK=1`)**: small N, for checking the harness; "
                  "not the numbers to quote."]
    L += ["", "## Machine and versions", "", "| | |", "|---|---|",
          f"| date | {started} (finished {finished}) |",
          f"| CPU | {info['cpu']} |",
          f"| cores | {info['cores']} ({info['usable']} usable by this process) |",
          f"| RAM | {info['ram'] / 2**30:.1f} GiB |" if info["ram"] else "| RAM | unknown |",
          f"| OS | {info['os']} |",
          f"| load average (1 min) at start / end | {info['load_start']:.2f} / {info['load_end']:.2f} |",
          f"| galley | {info['galley_version']} (`{os.path.relpath(b.galley, REPO)}`, commit {info['commit']}) |",
          f"| pandoc | {r.get('pandoc_version', 'not run')} (PyPI `pypandoc_binary`) |",
          f"| galley `-j` | {'yes' if b.has_j else 'no'}; incremental builds: {'yes' if b.has_incremental else 'no'} |",
          ""]

    L += ["## Throughput and memory", "",
          "| N articles | issues | input YAML | runs | median wall | articles/s | MB/s | peak RSS | exit | "
          "outputs JATS/TEI/EPUB | unchanged rebuild |",
          "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for row in [] if r.get("throughput") == "skipped" else r.get("throughput", []):
        t = row["median"]
        if "rebuild" in row:
            rb = f"{fmt_s(row['rebuild']['median'])} s, {row['rebuild']['changed']} files changed"
        else:
            rb = "n/a (no incremental builds)"
        L.append(f"| {row['n']:,} | {row['issues']} | {row['yaml_bytes'] / 1e6:.2f} MB | {row['runs']} | "
                 f"{fmt_s(t)} s | {fmt_rate(row['n'] / t)} | {row['yaml_bytes'] / 1e6 / t:.2f} | "
                 f"{row['rss_kib'] / 1024:.1f} MiB | {row['rc']} | {outputs_cell(row['outputs'], row['n'])} | {rb} |")
    L += ["", "Input YAML counts every `article.yaml`, `issue.yaml` and `contributors.yaml` read "
              "(images not counted). Target: peak RSS under 64 MiB whatever N is; time linear in N.", ""]

    L += ["## Length scaling (one article)", "",
          "| article | article.yaml | runs | median wall | relative to ×1 | µs per KB | peak RSS | exit | outputs |",
          "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    rows = [] if r.get("scaling") == "skipped" else r.get("scaling", [])
    base = rows[0]["median"] if rows else None
    for row in rows:
        t = row["median"]
        L.append(f"| ×{row['factor']} | {row['article_bytes'] / 1e3:.0f} KB | {row['runs']} | {fmt_s(t)} s | "
                 f"{t / base:.1f}× | {t * 1e6 / (row['article_bytes'] / 1e3):.0f} | "
                 f"{row['rss_kib'] / 1024:.1f} MiB | {row['rc']} | {outputs_cell(row['outputs'], 1)} |")
    L += ["", "Each is one process (start-up included), so ×1 is dominated by fixed costs.", ""]

    L += ["## Threads", ""]
    th = r.get("threads")
    if th == "skipped":
        L += ["Skipped in this run.", ""]
    elif th is None:
        L += ["Speed-up from `-j 1` to `-j 2`: n/a (no -j flag).", ""]
    else:
        L += ["| `-j` | N | runs | median wall | articles/s | peak RSS | speed-up |", "|---:|---:|---:|---:|---:|---:|---:|"]
        for row in th:
            L.append(f"| {row['j']} | {row['n']:,} | {row['runs']} | {fmt_s(row['median'])} s | "
                     f"{fmt_rate(row['n'] / row['median'])} | {row['rss_kib'] / 1024:.1f} MiB | "
                     f"{th[0]['median'] / row['median']:.2f}× |")
        L.append("")

    L += ["## galley and pandoc on the same articles", ""]
    pd = r.get("pandoc")
    if pd == "skipped":
        L += ["Skipped in this run.", ""]
    elif pd is None:
        L += ["pandoc was not run (not found).", ""]
    else:
        n, g = pd["n"], pd["galley"]
        L += [f"{n} articles, JATS + TEI + EPUB each. galley: one `galley build` over the issue folders "
              f"(default `-j`: all cores). pandoc: one process per article and format "
              f"(`pandoc -f markdown-smart -s -t jats|tei|epub3`), {pd['jobs']} at a time. "
              "With `--citeproc` pandoc resolves the citations and writes the reference list, as "
              "galley does; without it the `[@id]` citations stay unresolved and JATS and TEI get "
              "no reference list (a lower bound on pandoc's cost).", "",
              "| tool | runs | median wall | articles/s | peak RSS (one process) | failed | outputs JATS/TEI/EPUB | galley/pandoc |",
              "|---|---:|---:|---:|---:|---:|---|---:|",
              f"| galley | {g['runs']} | {fmt_s(g['median'])} s | {fmt_rate(n / g['median'])} | "
              f"{g['rss_kib'] / 1024:.1f} MiB | exit {g['rc']} | {outputs_cell(g['outputs'], n)} | |"]
        for v in pd["variants"]:
            ratio = v["median"] / g["median"]
            L.append(f"| {v['name']} | {v['runs']} | {fmt_s(v['median'])} s | {fmt_rate(n / v['median'])} | "
                     f"{v['rss_kib'] / 1024:.1f} MiB | {len(v['failures'])} | {outputs_cell(v['outputs'], n)} | "
                     f"**{ratio:,.0f}×** |")
        L += ["", "pandoc, median seconds per process: " + "; ".join(
            f"{v['name']}: " + ", ".join(f"{k.upper()} {x:.3f}" for k, x in v["per_format"].items())
            for v in pd["variants"]) + "."]
        notes = []
        for v in pd["variants"]:
            notes += [f"- {v['name']} failed: `{f}`" for f in v["failures"][:5]]
            notes += [f"- {v['name']} said: `{w[:200]}`" for w in v["warnings"][:5]]
        if notes:
            L += [""] + notes
        written = sum(g["outputs"][name] for name, _, _ in FORMATS)
        if written < 3 * n:
            L += ["", f"**Note**: galley wrote {written} of the {3 * n} article outputs in this run "
                      f"(see `{g['log']}`), so this ratio does not compare equal work."]
        L += ["", "Target: at least 200× pandoc's throughput, all three formats.", ""]
    return "\n".join(L).rstrip() + "\n"


def main():
    ap = argparse.ArgumentParser(description="galley benchmark: runs the corpora and writes RESULTS.md")
    ap.add_argument("--work", default=os.path.join(HERE, "work"), help="where generate.py wrote the corpora")
    ap.add_argument("--galley", default=os.path.join(REPO, "target", "release", "galley"))
    ap.add_argument("--venv", default=os.path.join(HERE, ".venv"), help="the venv holding pypandoc_binary")
    ap.add_argument("--pandoc", help="a pandoc binary to use instead of the venv's")
    ap.add_argument("--runs", type=int, help="runs per galley measurement (default 5, 3 for the largest)")
    ap.add_argument("--pandoc-runs", type=int, help="runs per pandoc measurement (default 3)")
    ap.add_argument("--jobs", type=int, help="pandoc processes at a time (default: all cores)")
    ap.add_argument("--skip", default="", help="comma-separated: throughput,scaling,threads,pandoc")
    ap.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    args = ap.parse_args()

    b = Bench(args)
    info = machine()
    info["load_start"] = os.getloadavg()[0]
    info["commit"] = git_commit()
    rc, v = quiet([b.galley, "--version"])
    info["galley_version"] = v.splitlines()[0] if rc == 0 and v else "unknown"
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    log(f"galley benchmark{' (quick)' if b.quick else ''}: {info['galley_version']}, "
        f"{info['cpu']}, {info['cores']} cores")
    skip = set(filter(None, args.skip.split(",")))
    for part in ("throughput", "scaling", "threads", "pandoc"):
        if part in skip:
            b.results[part] = "skipped"
        else:
            getattr(b, part)()
    info["load_end"] = os.getloadavg()[0]
    finished = datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M UTC")
    text = report(b, info, started, finished)
    with open(args.results, "w", encoding="utf-8") as f:
        f.write(text)
    log("")
    log(text)
    log(f"written {os.path.relpath(args.results, os.getcwd())}")


if __name__ == "__main__":
    main()
