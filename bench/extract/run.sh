#!/usr/bin/env bash
# Extraction speed and body F1: wiretrace against trafilatura, on the same WCXB pages, in the
# same run. Usage: bench/extract/run.sh [WCXB_SPLIT_DIR]   (default ../shared/data/wcxb/dev)
# Both run on one thread; rates are pages per second of CPU time (wiretrace: the thread's
# schedstat; trafilatura: process_time), extraction only (pages are read and decompressed first).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/../shared/data/wcxb/dev}"
if [ ! -d "$data/html" ] || [ ! -d "$data/ground-truth" ]; then
  echo "skipped: no WCXB data at $data (expected html/ and ground-truth/)" >&2
  exit 0
fi
target="${CARGO_TARGET_DIR:-$root/target}"
venv="${BENCH_VENV:-/tmp/wiretrace-bench-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --upgrade trafilatura lxml_html_clean >&2

(cd "$root" && CARGO_TARGET_DIR="$target" cargo build --quiet --release -p wiretrace-cli)
echo "== wiretrace ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo dev))"
taskset -c 0 "$target/release/wiretrace" eval extract "$data" --format json 2>/dev/null \
  | "$venv/bin/python" -c 'import json,sys; s=json.load(sys.stdin); print("wiretrace:   %.1f pages/s  body P %.4f R %.4f F1 %.4f  title exact %.4f  date exact %.4f  invented %d  page type %.4f  (%d pages, %d articles)" % (s["pages_per_second"], s["body_precision"], s["body_recall"], s["body_f1"], s["title_exact"], s["date_exact"], s["dates_invented"], s["page_type_accuracy"], s["pages"], s["articles"]))'
echo "== trafilatura $("$venv/bin/python" -c 'import trafilatura; print(trafilatura.__version__)')"
taskset -c 0 "$venv/bin/python" "$here/trafilatura_wcxb.py" "$data"
