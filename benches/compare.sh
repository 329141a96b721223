#!/usr/bin/env bash
# ftnote lint beside write-good, the fastest prose linter that runs offline
# here, on the same notes: one note, and 1,000 notes in one call; with
# `ftnote --version` as the floor a process start sets. Median of hyperfine
# runs, and the ratio.
#
#   bash benches/compare.sh [RUNS]
#
# Installs write-good with npm into target/write-good and hyperfine with
# apt-get when missing; writes the notes with benches/corpus.py into
# target/compare. Needs node, npm and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
out=target/compare
wg=target/write-good

if ! command -v hyperfine >/dev/null; then
    apt-get install -y hyperfine
fi
if [ ! -x "$wg/node_modules/.bin/write-good" ]; then
    mkdir -p "$wg"
    npm install --prefix "$wg" --no-audit --no-fund write-good@1.0.8 >/dev/null
fi
cargo build --release --quiet
mkdir -p "$out"
python3 benches/corpus.py "$out" 1000 0
ftnote=target/release/ftnote
writegood=$wg/node_modules/.bin/write-good
# An empty config and data folder, so no user settings take part.
export FTNOTE_CONFIG_DIR="$PWD/$out/config" FTNOTE_DATA_DIR="$PWD/$out/data"
notes=$(ls "$out"/notes/*.txt)

hyperfine -N -i --warmup 3 --runs "$runs" --export-json "$out/one.json" \
    "$ftnote --version" \
    "$ftnote lint $out/one.txt" \
    "$writegood $out/one.txt" >/dev/null
hyperfine -N -i --warmup 2 --runs "$((runs / 3 + 1))" --export-json "$out/many.json" \
    "$ftnote lint $notes" \
    "$writegood $notes" >/dev/null

python3 - "$out/one.json" "$out/many.json" <<'PY'
import json, sys
one = [r["median"] * 1000 for r in json.load(open(sys.argv[1]))["results"]]
many = [r["median"] * 1000 for r in json.load(open(sys.argv[2]))["results"]]
version, ft1, wg1 = one
ft1000, wg1000 = many
print("median wall time       ftnote     write-good   ratio")
print(f"one note            {ft1:8.2f} ms {wg1:9.1f} ms {wg1 / ft1:7.1f}x   (ftnote --version {version:.2f} ms)")
print(f"1,000 notes         {ft1000:8.2f} ms {wg1000:9.1f} ms {wg1000 / ft1000:7.1f}x")
PY
