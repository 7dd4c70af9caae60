# galley: `make` converts the issue in input/ into output/; `make test` runs every test.
SHELL := /bin/bash
GALLEY := target/release/galley

.PHONY: all build test lint schemas deps clean fuzz-smoke

all: build
	$(GALLEY) build input -o output

build:
	cargo build --release --locked

# Installs what the tests need (the official validators, Chromium and fonts-noto-cjk for the
# preview test; see tests/README.md), then runs every test, the validators over every output.
test: deps
	cargo test --locked --workspace --all-targets

deps:
	bash tests/validators/install.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --locked --workspace --all-targets -- -D warnings

schemas:
	cargo run --quiet -- schema schemas

# A smoke run of each cargo-fuzz target (a minute each, in CI). Longer runs:
# `fuzz/run.sh run emit_all 10000000`; see tests/README.md, "Fuzzing".
fuzz-smoke:
	bash fuzz/run.sh smoke $(or $(FUZZ_SECONDS),60)

clean:
	cargo clean
	find output -mindepth 1 ! -name .keep -delete

# Benchmark (never part of `make test`): the release build, pandoc 3.x from PyPI in a venv,
# a seeded corpus generated under bench/work, then bench/run.py measures and writes
# bench/RESULTS.md; bench/profile.py then adds where the time goes, by stage (perf), as
# the section "Profile by stage — now" (earlier profile sections are kept for comparison).
# `BENCH_QUICK=1 make bench`: a fast run (N = 10 and 50, ×1 and ×10,
# pandoc on 10 articles) for checking the harness. See bench/README.md.
.PHONY: bench
BENCH_WORK := bench/work
BENCH_VENV := bench/.venv
PYPANDOC := pypandoc_binary==1.17

bench: build $(BENCH_VENV)/.installed
	@command -v /usr/bin/time >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
	python3 bench/generate.py suite --work $(BENCH_WORK) $(if $(filter 1,$(BENCH_QUICK)),--quick,)
	python3 bench/run.py --work $(BENCH_WORK) --galley $(GALLEY) --venv $(BENCH_VENV)
	@command -v perf >/dev/null 2>&1 && command -v strace >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linux-perf strace >/dev/null; }
	python3 bench/profile.py --work $(BENCH_WORK) $(if $(filter 1,$(BENCH_QUICK)),--n 50 --results $(BENCH_WORK)/RESULTS-quick.md,--results bench/RESULTS.md) --heading "Profile by stage — now"

$(BENCH_VENV)/.installed:
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check '$(PYPANDOC)'
	touch $@
