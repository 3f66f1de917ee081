#!/usr/bin/env bash
# Load benchmark of `wiretrace serve` (not part of the test run).
#
# Builds a store of ARTICLES fictional articles (default 10,000; gen_corpus.py), serves it on a
# loopback port and runs wrk against a story page and the search API, first at a fixed rate
# (RATE, default 200 requests/s) then flat out. Prints requests/s and p99 latency for each.
# Target: p99 < 50 ms at 200 requests/s on 2 cores.
#
#   bench/server/run.sh                # needs wrk (apt-get install wrk) and python3
#   ARTICLES=2000 RATE=200 DURATION=10 bench/server/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
here=bench/server
ARTICLES=${ARTICLES:-10000}
RATE=${RATE:-200}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-10}
PORT=${PORT:-18787}
target=${CARGO_TARGET_DIR:-target}
work=${BENCH_DIR:-/tmp/wiretrace-bench-server}

command -v wrk >/dev/null || { echo "SKIPPED: wrk is not installed (apt-get install wrk)" >&2; exit 0; }
command -v python3 >/dev/null || { echo "SKIPPED: python3 is needed to write the corpus" >&2; exit 0; }

cargo build --profile release --bin wiretrace -q
bin=$target/release/wiretrace
mkdir -p "$work"
db=$work/store-$ARTICLES.db
if [ ! -f "$db" ]; then
  python3 $here/gen_corpus.py "$ARTICLES" "$work/corpus-$ARTICLES.jsonl"
  start=$(date +%s)
  "$bin" --db "$db.tmp" analyze "$work/corpus-$ARTICLES.jsonl" -q --no-progress >/dev/null
  mv "$db.tmp" "$db"; rm -f "$db.tmp-wal" "$db.tmp-shm"
  echo "store of $ARTICLES articles built in $(( $(date +%s) - start )) s: $db" >&2
fi

"$bin" --db "$db" serve --addr "127.0.0.1:$PORT" -q &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$PORT/api/stories?limit=1" >/dev/null && break
  sleep 0.1
done

# The biggest story's page, and search queries drawn from the corpus's words.
story=$(curl -sf "http://127.0.0.1:$PORT/api/stories?sort=size&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stories"][0]["id"])')
echo "/stories/$story" > "$work/story.paths"
for q in harbour "copper%20mine" "flood%20barrier" estrel "ferry%20service" "rail%20bridge" okonkwo "power%20station" strike "grain*"; do
  echo "/api/search?q=$q"
done > "$work/search.paths"
articles=$(curl -sf "http://127.0.0.1:$PORT/api/stories/$story" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["articles"]))')
echo "story page: /stories/$story ($articles articles); search: $(wc -l < "$work/search.paths") queries" >&2

run() { # name paths rate
  local out
  out=$(WRK_RATE=$3 WRK_CONNECTIONS=$CONNECTIONS WRK_PATHS=$2 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency \
        -s $here/rate.lua "http://127.0.0.1:$PORT")
  local rps p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
  printf '%-12s %-10s %10s req/s   p99 %8s %s\n' "$1" "$( [ "$3" = 0 ] && echo 'flat out' || echo "at $3/s")" "$rps" "$p99" "$errors"
}
echo "wiretrace serve, $ARTICLES articles, wrk -t2 -c$CONNECTIONS, ${DURATION}s each, $(nproc) cores"
run "story page" "$work/story.paths" "$RATE"
run "search API" "$work/search.paths" "$RATE"
run "story page" "$work/story.paths" 0
run "search API" "$work/search.paths" 0
