#!/usr/bin/env bash
# Load test of segtool-serve with wrk on loopback (Benchmarks/RESULTS.md, "segtool serve").
#
#   bash Server/Benchmarks/wrk-bench.sh [INDEX] [SECONDS]
#
# INDEX defaults to /tmp/x4.idx, built when missing from ../shared/corpus/politics.jsonl ×4 (ids
# prefixed c1-…c4-). Starts the release segtool-serve on a free port with the access log off
# (--log-level warning), runs wrk (2 threads, 16 connections) for each query type with and
# without snippets, then a run
# of WRITER_SECONDS (60) while a writer commits a small batch every 3 s. Needs: wrk, release
# builds of segtool and segtool-serve. ONLY_WRITER=1 runs the writer run alone.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
INDEX=${1:-/tmp/x4.idx}
SECONDS_EACH=${2:-20}
WRITER_SECONDS=${WRITER_SECONDS:-60}
SEGTOOL=$ROOT/.build/release/segtool
SERVE=$ROOT/Server/.build/release/segtool-serve
CORPUS=$ROOT/../shared/corpus/politics.jsonl

if [ ! -f "$INDEX/manifest" ]; then
  for i in 1 2 3 4; do sed "s/\"id\": \"/\"id\": \"c$i-/" "$CORPUS"; done > /tmp/x4.jsonl
  "$SEGTOOL" index build --index "$INDEX" /tmp/x4.jsonl
fi
du -sh "$INDEX"

# The main server: no response cache, so every request searches (the cache is measured apart).
LOG=$(mktemp)
"$SERVE" --index "$INDEX" --port 0 --log-level warning --cache-entries 0 > "$LOG" 2>&1 &
SERVER=$!
CACHED_LOG=$(mktemp)
CACHED=
trap 'kill $SERVER $CACHED 2>/dev/null; wait $SERVER $CACHED 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" "$LOG" && break; sleep 0.1; done
BASE=$(grep -o 'http://[^ ]*' "$LOG" | head -1)
echo "server: $BASE (pid $SERVER), response cache off"

enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
run() {  # name, query string
  local name=$1 query=$2
  curl -sf "$BASE/api/search?$query" > /dev/null || { echo "$name: request failed"; curl -s "$BASE/api/search?$query"; exit 1; }
  echo "=== $name: /api/search?$query"
  wrk -t2 -c16 -d"${SECONDS_EACH}s" --latency "$BASE/api/search?$query" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors|requests in"
}

# Each query type with snippets (the page's default request) and without (ids, titles, scores).
both() {  # name, query
  run "$1" "$2"
  run "$1, no snippets" "$2&snippets=false"
}
if [ -z "${ONLY_WRITER:-}" ]; then
both "frequent word 发展" "q=$(enc 发展)&top=10"
both "rare word 公私" "q=$(enc 公私)&top=10"
both "AND 播出 频道" "q=$(enc '播出 频道')&top=10"
# (An OR of three single words of 300–700 lines each; 都要, used before the eighth session, is now
# two words — adverb + modal — so it would make the query an OR with a phrase.)
both "OR 主办 OR 机械 OR 适应" "q=$(enc '主办 OR 机械 OR 适应')&top=10"
both "phrase \"习近平 总书记\"" "q=$(enc '"习近平 总书记"')&top=10"
fi

if [ -z "${ONLY_WRITER:-}" ]; then
# The frequent-word query again: with the response cache on (every request after the first is a
# hit), then with the access log on (one JSON line per request, to a file).
extra() {  # name, query string, server options…
  local name=$1 query=$2; shift 2
  "$SERVE" --index "$INDEX" --port 0 "$@" > "$CACHED_LOG" 2>/tmp/serve-access.log &
  CACHED=$!
  # Up to 30 s to start (a loaded machine); say why when it does not.
  for _ in $(seq 300); do grep -q "listening on" "$CACHED_LOG" && break; sleep 0.1; done
  grep -q "listening on" "$CACHED_LOG" || { echo "$name: the server did not start"; cat "$CACHED_LOG"; exit 1; }
  local saved=$BASE
  BASE=$(grep -o 'http://[^ ]*' "$CACHED_LOG" | head -1)
  run "$name" "$query"
  kill $CACHED; wait $CACHED 2>/dev/null || true; CACHED=
  BASE=$saved
}
extra "frequent word 发展, response cache on" "q=$(enc 发展)&top=10" --log-level warning
extra "frequent word 发展, handlers on the event loops' threads (cache off)" "q=$(enc 发展)&top=10" \
  --log-level warning --cache-entries 0 --event-loop-executor
extra "frequent word 发展, no snippets, handlers on the event loops' threads (cache off)" "q=$(enc 发展)&top=10&snippets=false" \
  --log-level warning --cache-entries 0 --event-loop-executor
extra "frequent word 发展, access log on (cache off)" "q=$(enc 发展)&top=10" --log-level info --cache-entries 0
fi

# A writer commits every 3 s while wrk runs: no request may fail.
echo "=== ${WRITER_SECONDS} s of 发展 top-10 while a writer commits every 3 s"
BATCH=$(mktemp --suffix=.jsonl)
(
  n=0
  end=$((SECONDS + WRITER_SECONDS))
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1))
    printf '{"id": "live-%d", "title": "实时写入 %d", "text": "第%d批实时写入的文档：推动高质量发展，全面推进乡村振兴。"}\n' "$n" "$n" "$n" > "$BATCH"
    "$SEGTOOL" index add --index "$INDEX" "$BATCH" > /dev/null
    sleep 3
  done
  echo "writer: $n commits"
) &
WRITER=$!
wrk -t2 -c16 -d"${WRITER_SECONDS}s" --latency "$BASE/api/search?q=$(enc 发展)&top=10" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors|requests in"
wait $WRITER
curl -s "$BASE/api/stats"; echo
# Leave the index as it was: delete the live documents again.
"$SEGTOOL" index delete --index "$INDEX" $(seq -f 'live-%g' 1 100) > /dev/null 2>&1 || true
