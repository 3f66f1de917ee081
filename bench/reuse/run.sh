#!/usr/bin/env bash
# The reuse benchmark: wiretrace's batch reuse against datasketch's MinHashLSH on one corpus.
#
#   bench/reuse/run.sh [TEXTS_DIR] [N...]
#
# TEXTS_DIR: a folder of real .txt files to learn from (default ../shared/data/polnear/train/text,
# relative to the repository); N: corpus sizes (default 10000 100000 1000000). Corpora are
# generated once into bench/reuse/data/nN/ (gitignored) by `reuse-gen` (seed 1). datasketch runs
# only up to DS_MAX articles (default 100000: at a few hundred articles/s, 1M takes about an
# hour); set DS_MAX=1000000 to run it at 1M too. It is installed with pip into
# bench/reuse/.venv. Prints a Markdown table; the raw JSON of each run is in data/results.jsonl.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
texts="${1:-$repo/../shared/data/polnear/train/text}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
ds_max="${DS_MAX:-100000}"

if [ ! -d "$texts" ]; then
    echo "skipped: no folder of text files at $texts (give one as the first argument)" >&2
    exit 0
fi

target="${CARGO_TARGET_DIR:-$repo/target}"
(cd "$repo" && cargo build --profile release -p wiretrace-bench --quiet)
gen="$target/release/reuse-gen"
run="$target/release/reuse-run"

venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet datasketch
fi

results="$here/data/results.jsonl"
mkdir -p "$here/data"
for n in "${sizes[@]}"; do
    dir="$here/data/n$n"
    if [ ! -s "$dir/truth.tsv" ]; then
        "$gen" --texts "$texts" --n "$n" --out "$dir" --seed 1
    fi
    # Warm the page cache so neither tool pays the first read of the file.
    cat "$dir/corpus.jsonl" > /dev/null
    /usr/bin/time -f "%e %U %S %M" -o "$dir/wiretrace.time" "$run" --corpus "$dir/corpus.jsonl" --truth "$dir/truth.tsv" > "$dir/wiretrace.json"
    read -r wall user sys rss < "$dir/wiretrace.time"
    python3 -c "import json,sys; r=json.load(open('$dir/wiretrace.json')); r.update(cpu_seconds=$user+$sys, time_max_rss_mb=$rss/1024, n=$n); print(json.dumps(r))" >> "$results"
    if [ "$n" -le "$ds_max" ]; then
        /usr/bin/time -f "%e %U %S %M" -o "$dir/datasketch.time" "$venv/bin/python" "$here/datasketch_run.py" --corpus "$dir/corpus.jsonl" --truth "$dir/truth.tsv" > "$dir/datasketch.json"
        read -r wall user sys rss < "$dir/datasketch.time"
        python3 -c "import json,sys; r=json.load(open('$dir/datasketch.json')); r.update(cpu_seconds=$user+$sys, time_max_rss_mb=$rss/1024, n=$n); print(json.dumps(r))" >> "$results"
    fi
done
python3 "$here/table.py" "$results"
