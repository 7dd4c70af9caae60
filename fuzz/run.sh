#!/usr/bin/env bash
# galley's fuzz targets, run with cargo-fuzz on the stable toolchain. No sanitizer: the
# crate forbids `unsafe`, and the stable toolchain has none to offer.
#
#   fuzz/run.sh smoke [SECONDS]      every target for SECONDS each (default 60); CI runs this
#   fuzz/run.sh run TARGET RUNS      one target for RUNS executions, e.g. 10000000
#
# Each run starts from the seed corpus (input/, the test fixtures and fuzz/regressions/,
# which holds every input that once crashed or hung galley) and keeps what it finds in
# fuzz/corpus/TARGET (not committed). A crash or a timeout (an input taking over 10 s)
# stops the run with exit 1 and leaves the input in fuzz/artifacts/TARGET/; copy it into
# fuzz/regressions/TARGET/ with the fix.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

CARGO_FUZZ_VERSION=0.13.2
TARGETS=(load_validate emit_all import_jats)
# Comparison tracing (`-sanitizer-coverage-trace-compares`) is off: here it costs 4-6x
# the executions per second, and the dictionary below gives the fuzzer the words it would
# otherwise have to discover (every key and enumerated value of the schemas).
BUILD=(cargo fuzz build --sanitizer none --no-trace-compares)
# The smoke run builds without optimisation (`--dev`, with debug assertions and overflow
# checks): on CI's two cores that build takes about 2 minutes where the optimised one
# takes about 6, and a minute of fuzzing is for replaying the seeds and regressions and a
# short search, not for depth. Long runs (`run`) use the optimised build.
SMOKE_BUILD=("${BUILD[@]}" --dev)
OPTIONS=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1)

die() { echo "fuzz/run.sh: $*" >&2; exit 2; }

if ! cargo fuzz --version 2>/dev/null | grep -qF "$CARGO_FUZZ_VERSION"; then
  cargo install --locked --quiet "cargo-fuzz@$CARGO_FUZZ_VERSION"
fi
HOST=$(rustc -vV | sed -n 's/^host: //p')
BIN="target/$HOST/release"

# Seeds and the dictionary, rebuilt on every run from the repository.
seed() {
  local target=$1 dir="corpus/$1"
  mkdir -p "$dir"
  if [[ -d "regressions/$target" ]]; then cp regressions/"$target"/* "$dir"/ 2>/dev/null || true; fi
  if [[ $target == import_jats ]]; then
    # galley's own JATS (the golden files) and the JATS the validators' tests hold.
    find ../tests/golden ../tests/validators -name '*.xml' -print0 |
      while IFS= read -r -d '' f; do cp "$f" "$dir/seed-$(sha1sum "$f" | cut -c1-16).xml"; done
    mkdir -p target
    # The element and attribute names of those seeds, and the entities and markup the
    # reader must handle, as the dictionary.
    {
      cat ../tests/golden/jats/*.xml | grep -oE '</?[a-z][a-z0-9:-]*|[a-z][a-z0-9:-]*="' | sort -u |
        sed 's/"/\\x22/; s/^/"/; s/$/"/'
      printf '"%s"\n' '&nbsp;' '&ndash;' '&amp;' '&#x2014;' '<![CDATA[' ']]>' '<!DOCTYPE article PUBLIC' \
        'xmlns:mml=\x22http://www.w3.org/1998/Math/MathML\x22' 'xmlns:xlink=\x22http://www.w3.org/1999/xlink\x22' \
        '<?xml version=\x221.0\x22?>'
    } > target/import_jats.dict
  fi
  if [[ $target == load_validate ]]; then
    find ../input ../tests/fixtures -name '*.yaml' -print0 |
      while IFS= read -r -d '' f; do cp "$f" "$dir/seed-$(sha1sum "$f" | cut -c1-16).yaml"; done
    mkdir -p target
    python3 - ../schemas/*.schema.json > target/load_validate.dict <<'PY'
import json, sys
words = set()
def walk(v):
    if isinstance(v, dict):
        for k, x in v.get("properties", {}).items():
            words.add(k)
        for x in v.get("enum", []):
            if isinstance(x, str):
                words.add(x)
        for x in v.values():
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
for path in sys.argv[1:]:
    walk(json.load(open(path)))
# YAML and inline-markup tokens beside the schema's words.
words.update(["---", "...", "&a", "*a", "!!str", "<<", "? ", ": ", "- ", "|-", ">-",
              "[^", "[@", "[#", "]{.sc}", "]{lang=", "](", "**", "\\u", "\\x", "\t", "\r\n"])
# libFuzzer's dictionary syntax: a quoted string, with \\, \" and \xHH escapes only.
def quote(w):
    return "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else "\\x%02x" % b
                   for b in w.encode())
for w in sorted(words):
    print('"%s"' % quote(w))
PY
  fi
}

dict_for() { [[ -f "target/$1.dict" ]] && echo "-dict=target/$1.dict" || true; }

run() {
  local target=$1; shift
  seed "$target"
  mkdir -p "artifacts/$target"
  local dict max_len=4096
  dict=$(dict_for "$target")
  # emit_all builds a whole issue from each input; past a few hundred bytes a longer input
  # mostly makes a longer article, which slows the run more than it widens it.
  [[ $target == emit_all ]] && max_len=768
  # A JATS article is larger than a YAML file: room for a small one whole.
  [[ $target == import_jats ]] && max_len=16384
  "$BIN/$target" "corpus/$target" ${dict:+"$dict"} -artifact_prefix="artifacts/$target/" \
    -max_len="$max_len" "${OPTIONS[@]}" "$@"
}

case "${1:-}" in
  smoke)
    seconds=${2:-60}
    "${SMOKE_BUILD[@]}"
    BIN="target/$HOST/debug"
    for t in "${TARGETS[@]}"; do
      echo "fuzz/run.sh: $t for ${seconds}s"
      mkdir -p artifacts
      log="artifacts/$t.log"
      status=0
      run "$t" -max_total_time="$seconds" > "$log" 2>&1 || status=$?
      grep -E '^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units)' "$log" || true
      if (( status != 0 )); then
        tail -n 40 "$log" >&2
        echo "fuzz/run.sh: $t failed (exit $status); the input is in fuzz/artifacts/$t/" >&2
        exit 1
      fi
    done
    ;;
  run)
    [[ $# == 3 ]] || die "usage: fuzz/run.sh run TARGET RUNS"
    "${BUILD[@]}" "$2"
    run "$2" -runs="$3"
    ;;
  *) die "usage: fuzz/run.sh smoke [SECONDS] | run TARGET RUNS" ;;
esac
