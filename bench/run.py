#!/usr/bin/env python3
"""Runs the galley benchmark over the corpora written by `generate.py suite` and writes
bench/RESULTS.md (a quick run writes bench/work/RESULTS-quick.md instead).

Measured, each repeated and reported as the median wall time of the whole process (and
its CPU time, user + system, which other work on the machine disturbs less):
  - galley throughput (articles/s, MB/s of input YAML) and peak RSS for each N, time per
    article against N (linear?);
  - the I/O floor of the same N: reading every input file (`cat` to /dev/null) plus
    writing the same output bytes (`cp -r` of a finished output folder), and galley's
    build as a multiple of it; what each output costs (bytes and share: JATS, TEI,
    EPUB, issue EPUB, HTML preview and its base64 images, manifests);
  - the "unchanged rebuild" (a second run on the same output folder), when galley has
    incremental builds (`--force` in `galley build --help`);
  - one article scaled x1, x10, x100 in length;
  - `-j 1` against `-j 2` (when galley has `-j`), with peak RSS;
  - the EPUB deflate level (1, 2, 4, 6, 9): EPUB bytes against build time, when galley
    has the hidden `--epub-deflate-level`;
  - the same articles through pandoc 3.x (Markdown + YAML metadata -> JATS, TEI, EPUB),
    pandoc as `--jobs` processes at a time (default: all cores) and galley with the same
    `-j`, and the ratio galley/pandoc in articles/s for the three formats together.

Every timed run writes into a fresh output folder that no run used before
(`bench/work/out/<run id>/<label>-<k>`); they are all deleted together after the last
timed run (or, when the disk runs short, after a section, followed by a wait of SETTLE
seconds), never just before a timed run: creating files within minutes of deleting many
is slower on this filesystem (see SETTLE), and a run that starts sooner waits.

Python 3 standard library only. Usage (see bench/README.md):
    run.py [--work bench/work] [--galley target/release/galley] [--skip ...]
"""

import argparse
import collections
import concurrent.futures
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
# The deflate level galley ships, read from the source so the table names it truly.
with open(os.path.join(REPO, "src", "emit", "mod.rs"), encoding="utf-8") as _f:
    DEFAULT_LEVEL = int(re.search(r"DEFAULT_LEVEL: u8 = (\d+);", _f.read()).group(1))
FORMATS = [("jats", "jats", ".jats.xml"), ("tei", "tei", ".tei.xml"), ("epub", "epub3", ".epub")]
SECTIONS = ("throughput", "scaling", "threads", "deflate", "pandoc")
DEFLATE_LEVELS = (1, 2, 4, 6, 9)
# Sections of RESULTS.md that run.py does not write (bench/profile.py does): kept as they
# are, after run.py's own, when RESULTS.md is rewritten.
KEPT_HEADING = "## Profile by stage"
# Seconds between deleting many files and the next timed run. On ext4 without a journal,
# as here, the inode allocator passes over inodes deleted less than 60 s ago, or 360 s
# when their inode table block is dirty (`recently_deleted` in fs/ext4/ialloc.c), and
# allocating new inodes beside them dirties that block again: a build right after the
# previous output was deleted spent a quarter of its time there (≈1.25x slower). So
# output folders are deleted after the last timed run, the time of the deletion is kept
# in work/out/.deleted-at, and a run starting sooner than SETTLE seconds after it waits.
SETTLE = 370


def log(msg=""):
    print(msg, flush=True)


# --------------------------------------------------------------------------- running

Measured = collections.namedtuple("Measured", "wall cpu rss rc")


def measure(cmd, cwd=None, out_path=None):
    """Runs cmd once; returns Measured(wall seconds, CPU seconds (user + system), peak RSS
    in KiB, exit code) of that process and its children.

    CPU time and peak RSS come from GNU time (`/usr/bin/time -f '%U %S %M'`, the numbers
    `time -v` prints as user/system time and "Maximum resident set size"), which forks
    from a small process: a child forked from this Python process would report Python's
    own resident size as its floor (Linux keeps ru_maxrss across exec)."""
    out = open(out_path, "ab") if out_path else subprocess.DEVNULL
    rss_file = tempfile.NamedTemporaryFile(prefix="galley-bench-rss-", delete=False)
    rss_file.close()
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%U %S %M", "-o", rss_file.name] + list(cmd),
                             cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        p.wait()
        wall = time.perf_counter() - t0
        try:
            with open(rss_file.name) as f:
                user, system, rss = f.read().strip().splitlines()[-1].split()
            cpu, rss = float(user) + float(system), int(rss)
        except (OSError, ValueError, IndexError):
            cpu, rss = float("nan"), 0
    finally:
        if out_path:
            out.close()
        os.unlink(rss_file.name)
    return Measured(wall, cpu, rss, p.returncode)


def quiet(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return r.returncode, (r.stdout + r.stderr).strip()
    except OSError as e:
        return 127, str(e)


def rmtree(path):
    if os.path.isdir(path) and not os.path.islink(path):
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


OUTPUT_KINDS = [("jats", "JATS"), ("tei", "TEI"), ("epub", "article EPUB"), ("issue_epub", "issue EPUB"),
                ("preview", "HTML preview"), ("manifest", "manifests"), ("other", "other")]
DATA_URI = re.compile(rb"data:[a-z]+/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]*")


def output_costs(out_dir):
    """Bytes and file count of each kind of output in a finished output folder, and the
    bytes of base64 `data:` URIs (the images) inside the HTML previews."""
    kinds = {k: {"bytes": 0, "files": 0} for k, _ in OUTPUT_KINDS}
    base64 = 0
    for root, _dirs, files in os.walk(out_dir):
        top = os.path.samefile(root, out_dir)
        slug = os.path.basename(root)
        for f in files:
            p = os.path.join(root, f)
            size = os.path.getsize(p)
            if f.endswith(".galley-manifest.json"):
                k = "manifest"
            elif top and f.endswith(".epub"):
                k = "issue_epub"
            elif f == slug + ".jats.xml":
                k = "jats"
            elif f == slug + ".tei.xml":
                k = "tei"
            elif f == slug + ".epub":
                k = "epub"
            elif f == "index.html":
                k = "preview"
                with open(p, "rb") as fh:
                    base64 += sum(len(m) for m in DATA_URI.findall(fh.read()))
            else:
                k = "other"
            kinds[k]["bytes"] += size
            kinds[k]["files"] += 1
    total = sum(v["bytes"] for v in kinds.values())
    return {"kinds": kinds, "total": total, "preview_base64": base64}


def input_files(issue_dirs):
    """Every file under the issue folders: what galley reads (YAML and images)."""
    files = []
    for d in issue_dirs:
        for root, _dirs, names in os.walk(d):
            files += [os.path.join(root, n) for n in sorted(names) if not n.startswith(".")]
    return files


def read_text(path):
    with open(path, errors="replace") as f:
        return f.read()


def put_section(path, heading, body):
    """Writes `## heading` + body into path, replacing a section with the same heading, or
    at the end. profile.py and import.py add their sections this way; run.py keeps the
    sections from the first `## Profile by stage` on when it writes its own."""
    text = read_text(path) if os.path.exists(path) else ""
    head = f"## {heading}"
    section = f"{head}\n\n{body.rstrip()}\n"
    i = text.find("\n" + head + "\n")
    if i >= 0:
        j = text.find("\n## ", i + 1)
        text = text[:i + 1] + section + (text[j:] if j >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def mtimes(out_dir):
    snap = {}
    for root, _dirs, files in os.walk(out_dir):
        for f in files:
            p = os.path.join(root, f)
            st = os.stat(p)
            snap[p] = (st.st_mtime_ns, st.st_size)
    return snap


def median(xs):
    xs = [x for x in xs if x == x]
    return statistics.median(xs) if xs else float("nan")


def load1():
    return os.getloadavg()[0]


def delete_folders(paths, stamp_dir):
    """Deletes output folders in bulk, syncs, and notes the time in stamp_dir/.deleted-at."""
    if not paths:
        return
    t0 = time.perf_counter()
    for p in paths:
        rmtree(p)
    os.sync()
    os.makedirs(stamp_dir, exist_ok=True)
    with open(os.path.join(stamp_dir, ".deleted-at"), "w") as f:
        f.write(f"{time.time():.0f}\n")
    log(f"  (deleted {len(paths)} output folder(s) and synced, untimed: {time.perf_counter() - t0:.1f} s)")


def wait_after_deletion(stamp_dir):
    """Waits until SETTLE seconds have passed since the last bulk deletion noted in
    stamp_dir/.deleted-at (by run.py or profile.py)."""
    try:
        with open(os.path.join(stamp_dir, ".deleted-at")) as f:
            at = float(f.read().strip())
    except (OSError, ValueError):
        return
    left = at + SETTLE - time.time()
    if left > 0:
        log(f"waiting {left:.0f} s: output folders were deleted {SETTLE - left:.0f} s ago, and files created "
            f"within {SETTLE} s of a mass deletion are slower to create here (see SETTLE in bench/run.py)")
        time.sleep(left)
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
        # Every timed run writes into a folder of its own under out/<run id>/.
        self.run_id = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}"
        self.out_base = os.path.join(self.work, "out")
        self.out_root = os.path.join(self.out_base, self.run_id)
        self.used = set()
        self.trash = []
        self.logs = os.path.join(self.work, "logs")
        os.makedirs(self.logs, exist_ok=True)
        rc, help_text = quiet([self.galley, "build", "--help"])
        if rc != 0:
            sys.exit(f"run.py: `{self.galley} build --help` failed: {help_text}")
        self.has_j = quiet([self.galley, "build", "-j", "1", "--help"])[0] == 0
        self.has_incremental = "--force" in help_text
        # Hidden option (not in --help): accepted only by a galley that has it.
        self.has_deflate_level = quiet([self.galley, "build", "--epub-deflate-level", "6", "--help"])[0] == 0
        self.jobs = args.jobs or os.cpu_count()
        self.results = {}
        self.loads = {}

    # ----------------------------------------------------------- output folders

    def fresh(self, label):
        """A folder path no run has used: out/<run id>/<label>-<k> (not created: galley
        creates its output folder)."""
        k = 1
        while True:
            path = os.path.join(self.out_root, f"{label}-{k}")
            if path not in self.used and not os.path.lexists(path):
                self.used.add(path)
                os.makedirs(self.out_root, exist_ok=True)
                return path
            k += 1

    def discard(self, path):
        self.trash.append(path)

    def empty_trash(self, final=False):
        """Deletes the discarded folders in bulk: at the end (`final`), after the last
        timed run; during the run only when the disk is short of space (under --min-free
        GB free), and then followed by a wait of SETTLE seconds."""
        if not self.trash:
            return
        if not final and shutil.disk_usage(self.work).free >= self.args.min_free * 1e9:
            return
        delete_folders(self.trash, self.out_base)
        self.trash = []
        if not final:
            wait_after_deletion(self.out_base)

    def clear_old_runs(self):
        """Output folders left by earlier (interrupted) runs are deleted with this run's, at
        the end; a run starting soon after a deletion waits (see SETTLE)."""
        if os.path.isdir(self.out_base):
            for name in os.listdir(self.out_base):
                if not name.startswith("."):
                    self.discard(os.path.join(self.out_base, name))
        wait_after_deletion(self.out_base)

    # ----------------------------------------------------------- helpers

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

    def galley_series(self, label, issue_dirs, runs, extra=()):
        """`runs` clean builds, each into a fresh folder: wall and CPU times, peak RSS,
        last exit code, outputs written. The last run's folder is returned as "out" (for
        the rebuild, the floor and the output costs); the others are discarded."""
        walls, cpus, rss, rc, out = [], [], [], None, None
        logf = os.path.join(self.logs, f"{label}.log")
        rmtree(logf)
        for i in range(runs):
            if out:
                self.discard(out)
            out = self.fresh(label)
            m = measure(self.galley_cmd(issue_dirs, out, extra), out_path=logf)
            walls.append(m.wall)
            cpus.append(m.cpu)
            rss.append(m.rss)
            rc = m.rc
            log(f"  {label} run {i + 1}/{runs}: {m.wall:.3f} s (CPU {m.cpu:.2f} s), "
                f"peak RSS {m.rss / 1024:.1f} MiB, exit {rc}")
        return {"walls": walls, "median": median(walls), "cpu": median(cpus), "rss_kib": max(rss),
                "rc": rc, "outputs": count_outputs(out), "runs": runs, "out": out,
                "log": os.path.relpath(logf, REPO)}

    def timed(self, label, cmd, runs, cwd=None):
        """Median wall and CPU time of a command run `runs` times."""
        ms = [measure(cmd, cwd=cwd) for _ in range(runs)]
        bad = [m.rc for m in ms if m.rc != 0]
        if bad:
            log(f"  warning: {label} exited {bad[0]}")
        log(f"  {label}: " + ", ".join(f"{m.wall:.3f}" for m in ms) + " s")
        return {"median": median([m.wall for m in ms]), "cpu": median([m.cpu for m in ms]),
                "rc": bad[0] if bad else 0}

    # ----------------------------------------------------------- sections

    def throughput(self):
        rows = []
        for n in self.suite["ns"]:
            root, m = self.corpus(self.suite["corpora"][str(n)])
            issues = [os.path.join(root, d) for d in m["issues"]]
            log(f"galley build, N = {n} ({len(issues)} issues, {m['yaml_bytes'] / 1e6:.2f} MB of YAML)")
            row = self.galley_series(f"galley-{n}", issues, self.runs_for(n))
            row.update(n=m["articles"], issues=len(issues), yaml_bytes=m["yaml_bytes"])
            out = row.pop("out")
            if self.has_incremental:
                before = mtimes(out)
                walls = []
                logf = os.path.join(self.logs, f"galley-{n}-rebuild.log")
                rmtree(logf)
                for i in range(row["runs"]):
                    r = measure(self.galley_cmd(issues, out), out_path=logf)
                    walls.append(r.wall)
                    log(f"  unchanged rebuild run {i + 1}/{row['runs']}: {r.wall:.3f} s, exit {r.rc}")
                after = mtimes(out)
                changed = sum(1 for p, v in after.items() if before.get(p) != v) + \
                    sum(1 for p in before if p not in after)
                row["rebuild"] = {"median": median(walls), "changed": changed}
            row["costs"] = output_costs(out)
            row["floor"] = self.floor(n, issues, out)
            self.discard(out)
            self.empty_trash()
            rows.append(row)
        self.results["throughput"] = rows

    def floor(self, n, issues, out):
        """The I/O floor: `cat` of every input file to /dev/null (one process) plus
        `cp -r` of the finished output folder into a fresh folder."""
        files = input_files(issues)
        listing = os.path.join(self.logs, f"inputs-{n}.list")
        with open(listing, "wb") as f:
            f.write(b"\0".join(os.fsencode(p) for p in files) + b"\0")
        in_bytes = sum(os.path.getsize(p) for p in files)
        runs = self.args.runs or 3
        log(f"  I/O floor, N = {n}: read {len(files)} input files ({in_bytes / 1e6:.1f} MB), "
            f"write {output_costs(out)['total'] / 1e6:.1f} MB")
        read = self.timed("read (xargs cat > /dev/null)",
                          ["sh", "-c", 'xargs -0 cat < "$1" > /dev/null', "sh", listing], runs)
        walls, cpus = [], []
        for _ in range(runs):
            dst = self.fresh(f"floor-{n}")
            m = measure(["cp", "-r", out, dst])
            walls.append(m.wall)
            cpus.append(m.cpu)
            self.discard(dst)
        log("  write (cp -r): " + ", ".join(f"{w:.3f}" for w in walls) + " s")
        write = {"median": median(walls), "cpu": median(cpus)}
        return {"read": read, "write": write, "files": len(files), "in_bytes": in_bytes,
                "total": read["median"] + write["median"]}

    def scaling(self):
        root, m = self.corpus(self.suite["scale"])
        rows = []
        for factor in self.suite["factors"]:
            e = m["factors"][str(factor)]
            runs = self.args.runs or (5 if factor < 100 else 3)
            log(f"galley build, one article x{factor} ({e['article_bytes'] / 1e3:.0f} KB)")
            row = self.galley_series(f"scale-x{factor}", [os.path.join(root, e["issue"])], runs)
            row.update(factor=factor, article_bytes=e["article_bytes"])
            self.discard(row.pop("out"))
            rows.append(row)
        self.empty_trash()
        self.results["scaling"] = rows

    def threads_n(self):
        n = 50 if self.quick else 1000
        if str(n) not in self.suite["corpora"]:
            n = self.suite["ns"][-1]
        return n

    def threads(self):
        if not self.has_j:
            log("galley build -j: n/a (no -j flag)")
            self.results["threads"] = None
            return
        n = self.threads_n()
        root, m = self.corpus(self.suite["corpora"][str(n)])
        issues = [os.path.join(root, d) for d in m["issues"]]
        rows = []
        for j in (1, 2):
            log(f"galley build -j {j}, N = {n}")
            row = self.galley_series(f"threads-j{j}", issues, self.args.runs or 3, extra=("-j", str(j)))
            row.update(j=j, n=m["articles"])
            self.discard(row.pop("out"))
            rows.append(row)
        self.empty_trash()
        self.results["threads"] = rows

    def deflate(self):
        if not self.has_deflate_level:
            log("EPUB deflate level: n/a (no --epub-deflate-level)")
            self.results["deflate"] = None
            return
        n = self.threads_n()
        root, m = self.corpus(self.suite["corpora"][str(n)])
        issues = [os.path.join(root, d) for d in m["issues"]]
        rows = []
        for level in DEFLATE_LEVELS:
            log(f"galley build --epub-deflate-level {level}, N = {n}")
            row = self.galley_series(f"deflate-{level}", issues, self.args.runs or 3,
                                     extra=("--epub-deflate-level", str(level)))
            row.update(level=level, n=m["articles"], costs=output_costs(row["out"]))
            self.discard(row.pop("out"))
            rows.append(row)
            self.empty_trash()
        self.results["deflate"] = rows

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
        jobs = self.jobs
        # galley on exactly these articles, with as many threads as pandoc has processes
        extra = ("-j", str(jobs)) if self.has_j else ()
        log(f"galley build {' '.join(extra)} on the pandoc corpus, N = {len(slugs)}")
        g = self.galley_series("galley-pandoc-corpus", issues, self.runs_for(len(slugs)), extra=extra)
        g["jobs_flag"] = " ".join(extra)
        self.discard(g.pop("out"))
        self.empty_trash()
        variants = []
        for citeproc in (True, False):
            name = "pandoc --citeproc" if citeproc else "pandoc (no --citeproc)"
            runs = self.args.pandoc_runs or 3
            walls, rss, failures, per_format = [], [], [], {f[0]: [] for f in FORMATS}
            log(f"{name}: {len(slugs)} articles x JATS, TEI, EPUB, {jobs} processes at a time")
            out = None
            for i in range(runs):
                if out:
                    self.discard(out)
                out = self.fresh("pandoc")
                errdir = os.path.join(self.logs, "pandoc-stderr")
                rmtree(errdir)
                os.makedirs(errdir)
                tasks = []
                for slug in slugs:
                    os.makedirs(os.path.join(out, slug))
                    for fname, writer, ext in FORMATS:
                        cmd = [exe, "-f", "markdown-smart", "-s", "-t", writer]
                        if citeproc:
                            cmd.append("--citeproc")
                        cmd += ["-o", os.path.join(out, slug, slug + ext), "article.md"]
                        tasks.append((slug, fname, cmd))

                def one(task):
                    slug, fname, cmd = task
                    err = os.path.join(errdir, f"{slug}.{fname}.txt")
                    return (slug, fname, err, measure(cmd, cwd=os.path.join(md_root, slug), out_path=err))

                t0 = time.perf_counter()
                with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
                    done = list(pool.map(one, tasks))
                wall = time.perf_counter() - t0
                walls.append(wall)
                rss.append(max(r[3].rss for r in done))
                failures = []
                for slug, fname, err, meas in done:
                    per_format[fname].append(meas.wall)
                    if meas.rc != 0:
                        failures.append(f"{slug} {fname}: exit {meas.rc}: {read_text(err).strip()[:300]}")
                warnings = sorted({line.strip() for _s, _f, err, _m in done
                                   for line in read_text(err).splitlines() if line.strip()})
                log(f"  {name} run {i + 1}/{runs}: {wall:.2f} s, peak RSS {rss[-1] / 1024:.1f} MiB, "
                    f"{len(failures)} failed, {len(warnings)} distinct stderr lines")
            outputs = count_outputs(out)
            self.discard(out)
            self.empty_trash()
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


def fmt_mb(b):
    return f"{b / 1e6:,.1f} MB" if b >= 1e5 else f"{b / 1e3:,.1f} KB"


def outputs_cell(o, n):
    cell = f"{o['jats']}/{o['tei']}/{o['epub']} of {n}"
    if o.get("issue_epub"):
        cell += f" (+{o['issue_epub']} issue EPUB{'s' if o['issue_epub'] > 1 else ''})"
    return cell


def skipped(r, part):
    return r.get(part) == "skipped" or part not in r


def report(b, info, started, finished):
    r = b.results
    L = ["# galley benchmark results", ""]
    L.append(f"Written by `make bench{' BENCH_QUICK=1' if b.quick else ''}` (`bench/run.py`; "
             "see `bench/README.md` for what is measured and how). Times are the median wall "
             "time of the whole process over the runs given (CPU: user + system time, median); "
             "peak RSS is the largest over those runs. Every timed run wrote into a fresh "
             "output folder; old ones were deleted after the last timed run.")
    if b.quick:
        L += ["", "**Quick run (`BENCH_QUICK=1`)**: small N, for checking the harness; "
                  "not the numbers to quote."]
    loads = " · ".join(f"{k} {v:.2f}" for k, v in b.loads.items())
    L += ["", "## Machine and versions", "", "| | |", "|---|---|",
          f"| date | {started} (finished {finished}) |",
          f"| CPU | {info['cpu']} |",
          f"| cores | {info['cores']} ({info['usable']} usable by this process) |",
          f"| RAM | {info['ram'] / 2**30:.1f} GiB |" if info["ram"] else "| RAM | unknown |",
          f"| OS | {info['os']} |",
          f"| load average (1 min) at start / end | {info['load_start']:.2f} / {info['load_end']:.2f} |",
          f"| load average (1 min) as each part began | {loads or 'n/a'} |",
          f"| galley | {info['galley_version']} (`{os.path.relpath(b.galley, REPO)}`, commit {info['commit']}) |",
          f"| pandoc | {r.get('pandoc_version', 'not run')} (PyPI `pypandoc_binary`) |",
          f"| galley `-j` | {'yes' if b.has_j else 'no'}; incremental builds: {'yes' if b.has_incremental else 'no'}; "
          f"`--epub-deflate-level`: {'yes' if b.has_deflate_level else 'no'} |",
          ""]

    L += ["## Throughput and memory", ""]
    if skipped(r, "throughput"):
        L += ["Skipped in this run.", ""]
    else:
        rows = r["throughput"]
        L += ["| N articles | issues | input YAML | runs | median wall | CPU | articles/s | MB/s | ms per article | "
              "peak RSS | exit | outputs JATS/TEI/EPUB | unchanged rebuild |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
        for row in rows:
            t = row["median"]
            if "rebuild" in row:
                rb = f"{fmt_s(row['rebuild']['median'])} s, {row['rebuild']['changed']} files changed"
            else:
                rb = "n/a (no incremental builds)"
            L.append(f"| {row['n']:,} | {row['issues']} | {row['yaml_bytes'] / 1e6:.2f} MB | {row['runs']} | "
                     f"{fmt_s(t)} s | {fmt_s(row['cpu'])} s | {fmt_rate(row['n'] / t)} | "
                     f"{row['yaml_bytes'] / 1e6 / t:.2f} | {t * 1e3 / row['n']:.2f} | "
                     f"{row['rss_kib'] / 1024:.1f} MiB | {row['rc']} | {outputs_cell(row['outputs'], row['n'])} | {rb} |")
        L += ["", "Input YAML counts every `article.yaml`, `issue.yaml` and `contributors.yaml` read "
                  "(images not counted). Targets: peak RSS under 64 MiB whatever N is; time linear in N "
                  "(the same ms per article at every N).", ""]

        L += ["### The I/O floor", "",
              "Reading every input file once (`xargs -0 cat` of the YAML and images to /dev/null, one "
              "process) plus writing the same output bytes (`cp -r` of a finished output folder into a "
              "fresh one), each the median of its runs, in the same run as galley's build. Both are "
              "single processes; galley uses every core.", "",
              "| N | input files | input bytes | read | output bytes | write | floor (read + write) | "
              "galley build | galley ÷ floor |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for row in rows:
            f = row["floor"]
            L.append(f"| {row['n']:,} | {f['files']:,} | {fmt_mb(f['in_bytes'])} | {fmt_s(f['read']['median'])} s | "
                     f"{fmt_mb(row['costs']['total'])} | {fmt_s(f['write']['median'])} s | {fmt_s(f['total'])} s | "
                     f"{fmt_s(row['median'])} s | **{row['median'] / f['total']:.1f}×** |")
        L += ["", "### What each output costs", "",
              "Bytes written per kind of output, in the output folder of the largest N "
              f"({rows[-1]['n']:,} articles):", "",
              "| output | files | bytes | share | per article |", "|---|---:|---:|---:|---:|"]
        c = rows[-1]["costs"]
        for k, label in OUTPUT_KINDS:
            v = c["kinds"][k]
            if not v["files"]:
                continue
            L.append(f"| {label} | {v['files']:,} | {fmt_mb(v['bytes'])} | {100 * v['bytes'] / c['total']:.1f}% | "
                     f"{v['bytes'] / rows[-1]['n'] / 1e3:.1f} KB |")
            if k == "preview" and c["preview_base64"]:
                L.append(f"| — of which base64 images (`data:` URIs) | | {fmt_mb(c['preview_base64'])} | "
                         f"{100 * c['preview_base64'] / c['total']:.1f}% | "
                         f"{c['preview_base64'] / rows[-1]['n'] / 1e3:.1f} KB |")
        L.append(f"| **total** | | **{fmt_mb(c['total'])}** | 100% | {c['total'] / rows[-1]['n'] / 1e3:.1f} KB |")
        L.append("")

    L += ["## Length scaling (one article)", ""]
    if skipped(r, "scaling"):
        L += ["Skipped in this run.", ""]
    else:
        L += ["| article | article.yaml | runs | median wall | CPU | relative to ×1 | µs per KB | peak RSS | exit | outputs |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        rows = r["scaling"]
        base = rows[0]["median"] if rows else None
        for row in rows:
            t = row["median"]
            L.append(f"| ×{row['factor']} | {row['article_bytes'] / 1e3:.0f} KB | {row['runs']} | {fmt_s(t)} s | "
                     f"{fmt_s(row['cpu'])} s | {t / base:.1f}× | {t * 1e6 / (row['article_bytes'] / 1e3):.0f} | "
                     f"{row['rss_kib'] / 1024:.1f} MiB | {row['rc']} | {outputs_cell(row['outputs'], 1)} |")
        L += ["", "Each is one process (start-up included), so ×1 is dominated by fixed costs.", ""]

    L += ["## Threads", ""]
    th = r.get("threads")
    if skipped(r, "threads"):
        L += ["Skipped in this run.", ""]
    elif th is None:
        L += ["Speed-up from `-j 1` to `-j 2`: n/a (no -j flag).", ""]
    else:
        L += ["| `-j` | N | runs | median wall | CPU | articles/s | peak RSS | speed-up |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for row in th:
            L.append(f"| {row['j']} | {row['n']:,} | {row['runs']} | {fmt_s(row['median'])} s | {fmt_s(row['cpu'])} s | "
                     f"{fmt_rate(row['n'] / row['median'])} | {row['rss_kib'] / 1024:.1f} MiB | "
                     f"{th[0]['median'] / row['median']:.2f}× |")
        L.append("")

    L += ["## EPUB deflate level", ""]
    dl = r.get("deflate")
    if skipped(r, "deflate"):
        L += ["Skipped in this run.", ""]
    elif dl is None:
        L += ["n/a (this galley has no `--epub-deflate-level`).", ""]
    else:
        ref = next((x for x in dl if x["level"] == 6), dl[0])
        L += [f"`galley build --epub-deflate-level L` (hidden option; galley ships level {DEFAULT_LEVEL}, chosen from this table) on N = {dl[0]['n']:,}, "
              "default `-j`. EPUB bytes are the article and issue EPUBs together.", "",
              "| level | runs | median wall | CPU | article EPUBs | issue EPUBs | EPUB total | vs level 6 | "
              "all outputs | wall vs level 6 | CPU vs level 6 |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        epub = lambda x: x["costs"]["kinds"]["epub"]["bytes"] + x["costs"]["kinds"]["issue_epub"]["bytes"]
        for row in dl:
            L.append(f"| {row['level']} | {row['runs']} | {fmt_s(row['median'])} s | {fmt_s(row['cpu'])} s | "
                     f"{fmt_mb(row['costs']['kinds']['epub']['bytes'])} | {fmt_mb(row['costs']['kinds']['issue_epub']['bytes'])} | "
                     f"{fmt_mb(epub(row))} | {100 * epub(row) / epub(ref):.1f}% | {fmt_mb(row['costs']['total'])} | "
                     f"{row['median'] / ref['median']:.2f}× | {row['cpu'] / ref['cpu']:.2f}× |")
        L.append("")

    L += ["## galley and pandoc on the same articles", ""]
    pd = r.get("pandoc")
    if skipped(r, "pandoc"):
        L += ["Skipped in this run.", ""]
    elif pd is None:
        L += ["pandoc was not run (not found).", ""]
    else:
        n, g = pd["n"], pd["galley"]
        L += [f"{n} articles, JATS + TEI + EPUB each, both tools on {pd['jobs']} cores. galley: one "
              f"`galley build {g['jobs_flag']}` over the issue folders. pandoc: one process per article and format "
              f"(`pandoc -f markdown-smart -s -t jats|tei|epub3`), {pd['jobs']} at a time. "
              "With `--citeproc` pandoc resolves the citations and writes the reference list, as "
              "galley does; without it the `[@id]` citations stay unresolved and JATS and TEI get "
              "no reference list (a lower bound on pandoc's cost).", "",
              "| tool | runs | median wall | articles/s | peak RSS (one process) | failed | outputs JATS/TEI/EPUB | galley/pandoc |",
              "|---|---:|---:|---:|---:|---:|---|---:|",
              f"| galley `{g['jobs_flag'] or 'default -j'}` | {g['runs']} | {fmt_s(g['median'])} s | {fmt_rate(n / g['median'])} | "
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
        L += ["", "Targets: at least 400× the throughput of pandoc with `--citeproc` (which resolves "
              "citations as galley does) and 200× pandoc without it, all three formats.", ""]
    return "\n".join(L).rstrip() + "\n"


def kept_sections(path):
    """The sections of an existing RESULTS.md that run.py does not write (from the first
    `## Profile by stage` heading to the end), kept when the file is rewritten."""
    try:
        text = read_text(path)
    except OSError:
        return ""
    i = text.find("\n" + KEPT_HEADING)
    return text[i + 1:] if i >= 0 else ""


def main():
    ap = argparse.ArgumentParser(description="galley benchmark: runs the corpora and writes RESULTS.md")
    ap.add_argument("--work", default=os.path.join(HERE, "work"), help="where generate.py wrote the corpora")
    ap.add_argument("--galley", default=os.path.join(REPO, "target", "release", "galley"))
    ap.add_argument("--venv", default=os.path.join(HERE, ".venv"), help="the venv holding pypandoc_binary")
    ap.add_argument("--pandoc", help="a pandoc binary to use instead of the venv's")
    ap.add_argument("--runs", type=int, help="runs per galley measurement (default 5, 3 for the largest)")
    ap.add_argument("--pandoc-runs", type=int, help="runs per pandoc measurement (default 3)")
    ap.add_argument("--jobs", type=int, help="pandoc processes at a time and galley's -j in the comparison "
                                             "(default: all cores)")
    ap.add_argument("--min-free", type=float, default=20,
                    help="GB of free disk below which old output folders are deleted during the run "
                         f"(then a {SETTLE} s wait) rather than at the end (default 20)")
    ap.add_argument("--skip", default="", help="comma-separated: " + ",".join(SECTIONS))
    ap.add_argument("--results", help="where to write the table (default bench/RESULTS.md; "
                                      "a quick run: bench/work/RESULTS-quick.md)")
    args = ap.parse_args()

    b = Bench(args)
    results = args.results or (os.path.join(b.work, "RESULTS-quick.md") if b.quick
                               else os.path.join(HERE, "RESULTS.md"))
    info = machine()
    info["load_start"] = load1()
    info["commit"] = git_commit()
    rc, v = quiet([b.galley, "--version"])
    info["galley_version"] = v.splitlines()[0] if rc == 0 and v else "unknown"
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    log(f"galley benchmark{' (quick)' if b.quick else ''}: {info['galley_version']}, "
        f"{info['cpu']}, {info['cores']} cores, load average {info['load_start']:.2f}")
    skip = set(filter(None, args.skip.split(",")))
    unknown = skip - set(SECTIONS)
    if unknown:
        sys.exit(f"run.py: --skip: unknown part(s) {', '.join(sorted(unknown))}; the parts are {', '.join(SECTIONS)}")
    b.clear_old_runs()
    log(f"output folders: {os.path.relpath(b.out_root, os.getcwd())} (deleted at the end)")
    try:
        for part in SECTIONS:
            if part in skip:
                b.results[part] = "skipped"
            else:
                b.loads[part] = load1()
                getattr(b, part)()
    finally:
        b.discard(b.out_root)
        b.empty_trash(final=True)
    info["load_end"] = load1()
    finished = datetime.datetime.now(datetime.timezone.utc).strftime("%H:%M UTC")
    text = report(b, info, started, finished)
    kept = kept_sections(results)
    with open(results, "w", encoding="utf-8") as f:
        f.write(text + ("\n" + kept if kept else ""))
    log("")
    log(text)
    log(f"written {os.path.relpath(results, os.getcwd())}" + (" (profile sections kept)" if kept else ""))


if __name__ == "__main__":
    main()
