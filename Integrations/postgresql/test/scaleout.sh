# Sourced by run.sh: two shards and a coordinator on loopback. The coordinator's table docs is
# partitioned by hash of id; each partition is a postgres_fdw foreign table on a shard, whose
# table has a GIN index on to_tsvector('chinese', body). The extension is on all three servers
# and named in the foreign servers' `extensions` option, so the coordinator ships
# to_tsvector('chinese', …) @@ … to the shards. The coordinator must return the same documents
# as the single server `main` above, and EXPLAIN VERBOSE must show the filter in the remote SQL.
start_cluster shard1
start_cluster shard2
start_cluster coord
for shard in shard1 shard2; do
  port_var=PORT_$shard
  psql -X -q -h "$WORK" -p "${!port_var}" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION segtool;
CREATE TABLE docs_$shard (id text PRIMARY KEY, body text NOT NULL);
CREATE INDEX docs_${shard}_fts ON docs_$shard USING gin (to_tsvector('chinese', body));
SQL
done
psql -X -q -h "$WORK" -p "$PORT_coord" -U postgres -d postgres -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION segtool;
CREATE EXTENSION postgres_fdw;
CREATE SERVER shard1 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '127.0.0.1', port '$PORT_shard1', dbname 'postgres', extensions 'segtool', batch_size '200', fetch_size '1000');
CREATE SERVER shard2 FOREIGN DATA WRAPPER postgres_fdw
    OPTIONS (host '127.0.0.1', port '$PORT_shard2', dbname 'postgres', extensions 'segtool', batch_size '200', fetch_size '1000');
CREATE USER MAPPING FOR postgres SERVER shard1 OPTIONS (user 'postgres');
CREATE USER MAPPING FOR postgres SERVER shard2 OPTIONS (user 'postgres');
CREATE TABLE docs (id text NOT NULL, body text NOT NULL) PARTITION BY HASH (id);
CREATE FOREIGN TABLE docs_p0 PARTITION OF docs FOR VALUES WITH (MODULUS 2, REMAINDER 0)
    SERVER shard1 OPTIONS (table_name 'docs_shard1');
CREATE FOREIGN TABLE docs_p1 PARTITION OF docs FOR VALUES WITH (MODULUS 2, REMAINDER 1)
    SERVER shard2 OPTIONS (table_name 'docs_shard2');
COPY docs (id, body) FROM '$WORK/docs.tsv';
SQL
for shard in shard1 shard2; do
  port_var=PORT_$shard
  psql -X -q -h "$WORK" -p "${!port_var}" -U postgres -d postgres -c "VACUUM ANALYZE docs_$shard" >/dev/null
done

# The same queries on the coordinator and on the single server: the same ids.
scale_same=0
scale_total=0
while IFS=$'\t' read -r qno q; do
  sql="SELECT id FROM docs WHERE to_tsvector('chinese', body) @@ websearch_to_tsquery('chinese', \$q\$$q\$q\$) ORDER BY id"
  psql -X -q -At -h "$WORK" -p "$PORT_coord" -U postgres -d postgres -c "$sql" > "$WORK/coord.$qno"
  psql -X -q -At -h "$WORK" -p "$PORT_main" -U postgres -d postgres \
    -c "SELECT id FROM docs WHERE tsv @@ websearch_to_tsquery('chinese', \$q\$$q\$q\$) ORDER BY id" > "$WORK/main.$qno"
  scale_total=$((scale_total + 1))
  if [ -s "$WORK/main.$qno" ] && cmp -s "$WORK/coord.$qno" "$WORK/main.$qno"; then
    scale_same=$((scale_same + 1))
  else
    echo "scale-out: query $q: coordinator $(wc -l < "$WORK/coord.$qno") documents, single server $(wc -l < "$WORK/main.$qno")"
  fi
done < "$WORK/queries.tsv"
{
  echo "queries with the same documents on the coordinator as on one server: $scale_same of $scale_total"
  # Rows per shard: both hold part of the table.
  for shard in shard1 shard2; do
    port_var=PORT_$shard
    echo "$shard holds documents: $(psql -X -q -At -h "$WORK" -p "${!port_var}" -U postgres -d postgres \
      -c "SELECT count(*) > 1000 FROM docs_$shard")"
  done
  # EXPLAIN VERBOSE on the coordinator: the full text filter runs on the shards.
  psql -X -q -At -h "$WORK" -p "$PORT_coord" -U postgres -d postgres -c "EXPLAIN (VERBOSE, COSTS OFF)
    SELECT id FROM docs WHERE to_tsvector('chinese', body) @@ websearch_to_tsquery('chinese', '\"推进 乡村振兴\"')" \
    > "$WORK/explain.txt"
  echo "foreign scans: $(grep -c 'Foreign Scan on public.docs_p' "$WORK/explain.txt")"
  echo "remote SQL with the filter: $(grep -c "Remote SQL: SELECT id FROM public.docs_shard[12] WHERE ((to_tsvector('public.chinese'::regconfig, body) @@ " "$WORK/explain.txt")"
  echo "filters left on the coordinator: $(grep -c '^ *Filter:' "$WORK/explain.txt" || true)"
} > "$WORK/scaleout.actual"
[ -n "${SEGTOOL_PG_ACTUAL_DIR:-}" ] && cp "$WORK/explain.txt" "$SEGTOOL_PG_ACTUAL_DIR/"
check scaleout "$WORK/scaleout.actual"
# For the record (not compared): PostgreSQL 15 ships this filter even without the extensions
# option (later versions check that a regconfig constant belongs to a listed extension).
psql -X -q -At -h "$WORK" -p "$PORT_coord" -U postgres -d postgres \
  -c "ALTER SERVER shard1 OPTIONS (DROP extensions)" \
  -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM docs_p0 WHERE to_tsvector('chinese', body) @@ websearch_to_tsquery('chinese', '乡村振兴')" \
  | grep -q "Remote SQL: .*@@" && echo "note: without the extensions option this PostgreSQL still ships the filter" \
  || echo "note: without the extensions option the filter stays on the coordinator"
