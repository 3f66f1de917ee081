#!/usr/bin/env bash
# Stream-clustering benchmark: 10k, 100k and 1M synthetic articles through wiretrace's
# incremental story clusterer; one JSON line per size (articles/s, peak RSS, BCubed against
# the planted stories). Usage: bench/stories/run.sh [SIZES...]   (default: 10000 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -p wiretrace-bench --bin stories-bench >&2
bin="${CARGO_TARGET_DIR:-target}/release/stories-bench"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)
for n in "${sizes[@]}"; do
  "$bin" "$n" 7
done
