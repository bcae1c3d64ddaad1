#!/usr/bin/env bash
# The PostgreSQL suite of the segtool extension: a throwaway cluster (as the postgres user, on
# a free loopback port, in a temporary directory), psql scripts whose output is compared with
# expected/*.out, then the scale-out test. Needs the extension installed (make install).
#   run.sh SEGTOOL_BINARY [CORPUS_JSONL]
# Prints "pg: N passed, M failed" and exits non-zero on any failure.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SEGTOOL=$(realpath "$1")
CORPUS=${2:-$HERE/../../../../shared/corpus/politics.jsonl}
PGBIN=$(pg_config --bindir)
[ -x "$PGBIN/initdb" ] || PGBIN=/usr/lib/postgresql/15/bin
WORK=$(mktemp -d /tmp/segtool-pg.XXXXXX)
chmod 755 "$WORK"
chown postgres "$WORK"
PIDS_TO_STOP=()
cleanup() {
  for dir in "${PIDS_TO_STOP[@]}"; do
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_cluster NAME → sets PORT_<NAME>; data in $WORK/NAME, socket in $WORK.
start_cluster() {
  local name=$1 port
  port=$(free_port)
  install -d -o postgres "$WORK/$name"
  runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/$name/data" -E UTF8 --locale=C.UTF-8 -A trust >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/$name/data" -l "$WORK/$name/log" -w \
    -o "-p $port -k $WORK -c listen_addresses=127.0.0.1 -c max_worker_processes=4 -c shared_buffers=64MB" start >/dev/null \
    || { cat "$WORK/$name/log"; return 1; }
  PIDS_TO_STOP+=("$WORK/$name/data")
  printf -v "PORT_$name" '%s' "$port"
}

PASSED=0
FAILED=0
# check NAME ACTUAL_FILE: compares with expected/NAME.out.
check() {
  [ -n "${SEGTOOL_PG_ACTUAL_DIR:-}" ] && cp "$2" "$SEGTOOL_PG_ACTUAL_DIR/$1.out"
  if diff -u "$HERE/expected/$1.out" "$2" > "$WORK/$1.diff"; then
    PASSED=$((PASSED + 1)); echo "ok   $1"
  else
    FAILED=$((FAILED + 1)); echo "FAIL $1"; head -n 60 "$WORK/$1.diff"
  fi
}

start_cluster main
PORT=$PORT_main
PSQL=(psql -X -q -h "$WORK" -p "$PORT" -U postgres -v ON_ERROR_STOP=0)
# run_sql NAME [psql args…]: runs NAME.sql in database postgres, compares its output.
run_sql() {
  local name=$1; shift
  "${PSQL[@]}" -d postgres "$@" -f "$HERE/$name.sql" > "$WORK/$name.actual" 2>&1 || true
  sed_paths "$WORK/$name.actual"
  check "$name" "$WORK/$name.actual"
}

"${PSQL[@]}" -d postgres -c 'CREATE EXTENSION segtool' >/dev/null
sed_paths() { sed -i -e "s|$HERE/||g" -e "s|$WORK|WORK|g" "$1"; }
run_sql basic

# Tokens: the team's sample texts against `segtool segment --mode search`.
cat "$HERE/../../../Samples/"*.txt "$HERE/sentences.txt" > "$WORK/texts.txt"
"$SEGTOOL" segment --mode search --format json "$WORK/texts.txt" > "$WORK/segment.jsonl"
python3 "$HERE/prepare.py" tokens "$WORK/segment.jsonl" "$WORK/texts.txt" > "$WORK/expected.tsv"
python3 "$HERE/prepare.py" lines "$WORK/texts.txt" > "$WORK/lines.tsv"
run_sql tokens -v lines_file="$WORK/lines.tsv" -v expected_file="$WORK/expected.tsv"

run_sql phrase
run_sql headline

# User dictionaries, in the data directory (relative paths resolve there).
DATA=$WORK/main/data
install -d -o postgres "$DATA/dicts"
printf '# team words\n绿水青山智库 5 nt\n' > "$DATA/dicts/user.txt"
printf '数智渝城 20 ns\n' > "$DATA/dicts/more.txt"
printf '好词 10 n\n坏行 notanumber n extra\n' > "$DATA/dicts/bad.txt"
chown postgres "$DATA"/dicts/*.txt
PGDATA_FOR_TEST=$DATA run_sql userdict

# At least 10,000 documents in a GIN-indexed table, queries compared with `segtool search`.
NDOCS=15008
python3 "$HERE/prepare.py" docs "$CORPUS" "$HERE/sentences.txt" "$NDOCS" "$WORK/docs.jsonl" "$WORK/docs.tsv" > "$WORK/ndocs"
echo "documents: $(cat "$WORK/ndocs") ($( [ -f "$CORPUS" ] && echo "the shared corpus" || echo "made from sentences.txt"))"
"$SEGTOOL" index build --index "$WORK/index" "$WORK/docs.jsonl" > /dev/null
n=0
: > "$WORK/queries.tsv"
: > "$WORK/hits.tsv"
while IFS= read -r q; do
  n=$((n + 1))
  printf '%s\t%s\n' "$n" "$q" >> "$WORK/queries.tsv"
  { "$SEGTOOL" search --index "$WORK/index" "$q" --top 1000000 --json || true; } \
    | python3 "$HERE/prepare.py" hits | sed "s/^/$n\t/" >> "$WORK/hits.tsv"
done < "$HERE/queries.txt"
chown postgres "$WORK"/*.tsv
"${PSQL[@]}" -d postgres -v ON_ERROR_STOP=1 -v docs_file="$WORK/docs.tsv" -f "$HERE/load.sql" > "$WORK/load.log"
run_sql search -v queries_file="$WORK/queries.tsv" -v hits_file="$WORK/hits.tsv"

run_sql errors
run_sql dropcreate

# Scale-out: two shards and a coordinator (postgres_fdw), against the single server above.
source "$HERE/scaleout.sh"

echo "pg: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
