#!/usr/bin/env bash
# One wrk run against one segtool-serve binary, with the server's CPU time per request
# (Benchmarks/RESULTS.md, "segtool serve"): for comparing two builds on a shared machine, where
# requests/s follow the load but CPU per request much less.
#
#   bash Server/Benchmarks/wrk-cpu.sh SECONDS QUERY-STRING BINARY [server options…]
#   e.g. bash Server/Benchmarks/wrk-cpu.sh 8 "q=%E5%8F%91%E5%B1%95&top=10" Server/.build/release/segtool-serve
#
# INDEX (default /tmp/x4.idx) is the index; WRK_ARGS (default "-t2 -c16") wrk's threads and
# connections. Prints one line: requests/s, the server's user+system CPU µs per request, p50, p99,
# any non-2xx or socket errors, and the load average.
set -euo pipefail
SECS=$1; Q=$2; BIN=$3; shift 3
INDEX=${INDEX:-/tmp/x4.idx}
LOG=$(mktemp)
"$BIN" --index "$INDEX" --port 0 --log-level warning --cache-entries 0 "$@" > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true; rm -f "$LOG" "$LOG.wrk"' EXIT
for _ in $(seq 300); do grep -q "listening on" "$LOG" && break; sleep 0.1; done
BASE=$(grep -o 'http://[^ ]*' "$LOG" | head -1)
[ -n "$BASE" ] || { echo "the server did not start:"; cat "$LOG"; exit 1; }
curl -sf "$BASE/api/search?$Q" > /dev/null
cpu() { awk '{print $14+$15}' "/proc/$PID/stat"; }   # utime + stime, in clock ticks
c0=$(cpu)
wrk ${WRK_ARGS:--t2 -c16} -d"${SECS}s" --latency "$BASE/api/search?$Q" > "$LOG.wrk"
c1=$(cpu)
n=$(grep 'requests in' "$LOG.wrk" | awk '{print $1}')
ticks=$(getconf CLK_TCK)
us=$(python3 -c "print(round(($c1 - $c0) * 1e6 / $ticks / $n, 1))")
rps=$(grep Requests/sec "$LOG.wrk" | awk '{print $2}')
p50=$(grep ' 50%' "$LOG.wrk" | awk '{print $2}')
p99=$(grep ' 99%' "$LOG.wrk" | awk '{print $2}')
err=$(grep -E 'Non-2xx|Socket errors' "$LOG.wrk" | tr '\n' ' ' || true)
echo "$(basename "$BIN") $* | $Q | $rps req/s, cpu ${us} µs/request, p50 $p50, p99 $p99 $err| load $(cut -d' ' -f1 /proc/loadavg)"
