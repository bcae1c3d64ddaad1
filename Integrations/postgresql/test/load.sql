-- The documents table of search.sql: COPY, to_tsvector('chinese', …), a GIN index.
CREATE TABLE docs (id text PRIMARY KEY, body text NOT NULL, tsv tsvector);
COPY docs (id, body) FROM :'docs_file';
UPDATE docs SET tsv = to_tsvector('chinese', body);
CREATE INDEX docs_tsv ON docs USING gin (tsv);
VACUUM ANALYZE docs;
