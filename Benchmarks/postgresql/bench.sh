#!/usr/bin/env bash
# PostgreSQL benchmark of the segtool extension (issue 15), on a throwaway cluster:
#  1. to_tsvector('chinese', raw text) against to_tsvector('simple', the same text pre-split by
#     `segtool segment --mode search` into words with spaces), one backend and two in parallel,
#     and `segtool segment --mode search` on the same text;
#  2. GIN query latency (p50/p90/p99) for the index benchmark's query types, against
#     `segtool index bench` on an index of the same documents.
# Needs: the extension installed (make -C Integrations/postgresql install), a release segtool.
#   Benchmarks/postgresql/bench.sh [SEGTOOL] [CORPUS_JSONL] [ROUNDS]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SEGTOOL=$(realpath "${1:-$ROOT/.build/release/segtool}")
CORPUS=$(realpath "${2:-$ROOT/../shared/corpus/politics.jsonl}")
ROUNDS=${3:-5}
PGBIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/segtool-pgbench.XXXXXX)
chmod 755 "$WORK"; chown postgres "$WORK"
stop() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap stop EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/data" -E UTF8 --locale=C.UTF-8 -A trust >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/data" -l "$WORK/log" -w -o "-p $PORT -k $WORK \
  -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c jit=off -c max_parallel_workers_per_gather=0" start >/dev/null
PSQL=(psql -X -q -At -h "$WORK" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1)

# The documents, raw and pre-split (paragraph by paragraph: the CLI segments one line at a time).
python3 - "$CORPUS" "$WORK" <<'PY'
import json, sys
corpus, work = sys.argv[1], sys.argv[2]
esc = lambda s: s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
with open(corpus, encoding="utf-8") as f, open(f"{work}/raw.tsv", "w", encoding="utf-8") as raw, \
     open(f"{work}/paragraphs.txt", "w", encoding="utf-8") as par, open(f"{work}/counts.txt", "w") as counts:
    for n, line in enumerate(f):
        doc = json.loads(line)
        paragraphs = doc["text"].split("\n")
        raw.write(f"{n}\t{esc(doc['id'])}\t{esc(doc['text'])}\n")
        par.write("\n".join(paragraphs) + "\n")
        counts.write(f"{len(paragraphs)}\n")
PY
BYTES=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1], encoding='utf-8')))" "$CORPUS")
# segtool segment --mode search on the same text (median of ROUNDS runs, output discarded).
seg_times=()
for _ in $(seq "$ROUNDS"); do
  t0=$(date +%s.%N); "$SEGTOOL" segment --mode search "$WORK/paragraphs.txt" > /dev/null; t1=$(date +%s.%N)
  seg_times+=("$(echo "$t1 - $t0" | bc -l)")
done
"$SEGTOOL" segment --mode search "$WORK/paragraphs.txt" > "$WORK/split.txt"
python3 - "$WORK" <<'PY'
import sys
work = sys.argv[1]
esc = lambda s: s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
split = open(f"{work}/split.txt", encoding="utf-8").read().split("\n")
raw = [l.split("\t") for l in open(f"{work}/raw.tsv", encoding="utf-8").read().split("\n") if l]
at = 0
with open(f"{work}/presplit.tsv", "w", encoding="utf-8") as out:
    for (n, doc_id, _), count in zip(raw, (int(c) for c in open(f"{work}/counts.txt"))):
        out.write(f"{n}\t{doc_id}\t{esc(chr(10).join(split[at:at + count]))}\n")
        at += count
PY
chown postgres "$WORK"/*.tsv
"${PSQL[@]}" <<SQL
CREATE EXTENSION segtool;
CREATE TABLE raw (n int PRIMARY KEY, id text, body text);
CREATE TABLE presplit (n int PRIMARY KEY, id text, body text);
COPY raw FROM '$WORK/raw.tsv';
COPY presplit FROM '$WORK/presplit.tsv';
VACUUM ANALYZE raw; VACUUM ANALYZE presplit;
-- Seconds for to_tsvector(cfg, body) over the rows with n % parts = part.
CREATE FUNCTION bench_tsv(cfg regconfig, tbl regclass, part int, parts int) RETURNS float8 LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz; total bigint;
BEGIN
    t0 := clock_timestamp();
    EXECUTE format('SELECT sum(length(to_tsvector(%L::regconfig, body))) FROM %s WHERE n %% %s = %s', cfg, tbl, parts, part) INTO total;
    RETURN extract(epoch FROM clock_timestamp() - t0);
END \$\$;
-- Latency percentiles (µs) of a query run 'rounds' times after 'warmup' runs (planning included).
CREATE FUNCTION bench_query(sql text, rounds int, warmup int, OUT p50 float8, OUT p90 float8, OUT p99 float8, OUT rows bigint)
LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz; times float8[] := '{}'; r record;
BEGIN
    FOR i IN 1..warmup LOOP EXECUTE sql; END LOOP;
    FOR i IN 1..rounds LOOP
        t0 := clock_timestamp();
        EXECUTE 'SELECT count(*) FROM (' || sql || ') q' INTO rows;
        times := times || extract(epoch FROM clock_timestamp() - t0) * 1e6;
    END LOOP;
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t), percentile_cont(0.9) WITHIN GROUP (ORDER BY t),
           percentile_cont(0.99) WITHIN GROUP (ORDER BY t) INTO p50, p90, p99 FROM unnest(times) t;
END \$\$;
SQL
# Warm the caches once.
"${PSQL[@]}" -c "SELECT bench_tsv('chinese', 'raw', 0, 1), bench_tsv('simple', 'presplit', 0, 1)" > /dev/null

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
one_c=(); one_s=(); two_c=(); two_s=()
for _ in $(seq "$ROUNDS"); do
  one_c+=("$("${PSQL[@]}" -c "SELECT bench_tsv('chinese', 'raw', 0, 1)")")
  one_s+=("$("${PSQL[@]}" -c "SELECT bench_tsv('simple', 'presplit', 0, 1)")")
  for cfg in chinese simple; do
    tbl=raw; [ "$cfg" = simple ] && tbl=presplit
    t0=$(date +%s.%N)
    "${PSQL[@]}" -c "SELECT bench_tsv('$cfg', '$tbl', 0, 2)" > /dev/null &
    "${PSQL[@]}" -c "SELECT bench_tsv('$cfg', '$tbl', 1, 2)" > /dev/null &
    wait
    t1=$(date +%s.%N)
    if [ "$cfg" = chinese ]; then two_c+=("$(echo "$t1 - $t0" | bc -l)"); else two_s+=("$(echo "$t1 - $t0" | bc -l)"); fi
  done
done
mbs() { echo "scale=2; $BYTES / 1000000 / $1" | bc -l; }
SEG=$(median "${seg_times[@]}"); C1=$(median "${one_c[@]}"); S1=$(median "${one_s[@]}"); C2=$(median "${two_c[@]}"); S2=$(median "${two_s[@]}")
echo "## to_tsvector throughput ($(echo "scale=1; $BYTES/1000000" | bc) MB of text, $(wc -l < "$WORK/raw.tsv") documents; medians of $ROUNDS rounds; MB/s of the raw text)"
echo
echo "| what | seconds | MB/s | × simple (pre-split), same backends |"
echo "|---|---:|---:|---:|"
echo "| to_tsvector('chinese', raw), 1 backend | $C1 | $(mbs "$C1") | $(echo "scale=2; $S1 / $C1" | bc -l) |"
echo "| to_tsvector('simple', pre-split), 1 backend | $S1 | $(mbs "$S1") | 1.00 |"
echo "| to_tsvector('chinese', raw), 2 backends | $C2 | $(mbs "$C2") | $(echo "scale=2; $S2 / $C2" | bc -l) |"
echo "| to_tsvector('simple', pre-split), 2 backends | $S2 | $(mbs "$S2") | 1.00 |"
echo "| segtool segment --mode search (CLI, 1 thread, whole file) | $SEG | $(mbs "$SEG") | |"
echo "rounds: chinese 1 backend ${one_c[*]}; simple ${one_s[*]}; chinese 2 ${two_c[*]}; simple 2 ${two_s[*]}; segtool ${seg_times[*]}" >&2

# GIN query latency.
"${PSQL[@]}" <<SQL
ALTER TABLE raw ADD COLUMN tsv tsvector;
UPDATE raw SET tsv = to_tsvector('chinese', body);
CREATE INDEX raw_tsv ON raw USING gin (tsv);
VACUUM ANALYZE raw;
SQL
printf 'frequent\t发展\nrare\t公私\nand\t播出 频道\nor\t主办 OR 机械 OR 都要\nphrase\t"习近平 总书记"\n' > "$WORK/queries.tsv"
python3 -c "
import json, sys
for l in open(sys.argv[1], encoding='utf-8'):
    d = json.loads(l); print(json.dumps({'id': d['id'], 'text': d['text']}, ensure_ascii=False))" "$CORPUS" > "$WORK/docs.jsonl"
"$SEGTOOL" index build --index "$WORK/index" "$WORK/docs.jsonl" > /dev/null 2>&1
"$SEGTOOL" index bench --index "$WORK/index" --queries "$WORK/queries.tsv" --rounds 200 --warmup 20 --json > "$WORK/segtool-bench.json"
echo
echo "## GIN query latency (µs, one backend, warm; 20 warm-up then 200 timed runs, planning included)"
echo
echo "| query | matches | PG top 10 by ts_rank p50 | p90 | p99 | PG all matching ids p50 | p99 | segtool search top 10 p50 | p90 | p99 |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
while IFS=$'\t' read -r label q; do
  top=$("${PSQL[@]}" -F' ' -c "SELECT round(p50::numeric,1), round(p90::numeric,1), round(p99::numeric,1) FROM bench_query(\$s\$SELECT id FROM raw, websearch_to_tsquery('chinese', \$q\$$q\$q\$) q WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC LIMIT 10\$s\$, 200, 20)")
  all=$("${PSQL[@]}" -F' ' -c "SELECT round(p50::numeric,1), round(p99::numeric,1), rows FROM bench_query(\$s\$SELECT id FROM raw WHERE tsv @@ websearch_to_tsquery('chinese', \$q\$$q\$q\$)\$s\$, 200, 20)")
  seg=$(python3 -c "
import json, sys
for x in json.load(open(sys.argv[1]))['queries']:
    if x['label'] == sys.argv[2]: print('%.1f %.1f %.1f' % (x['p50'], x['p90'], x['p99']))" "$WORK/segtool-bench.json" "$label")
  read -r t50 t90 t99 <<< "$top"; read -r a50 a99 rows <<< "$all"; read -r s50 s90 s99 <<< "$seg"
  echo "| $label \`$q\` | $rows | $t50 | $t90 | $t99 | $a50 | $a99 | $s50 | $s90 | $s99 |"
done < "$WORK/queries.tsv"
