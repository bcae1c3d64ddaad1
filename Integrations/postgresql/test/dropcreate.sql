-- The extension dropped (with what depends on it) and created again.
\set VERBOSITY terse
CREATE TABLE notes (body text);
INSERT INTO notes VALUES ('推进乡村振兴'), ('加快建设农业强国');
CREATE INDEX notes_fts ON notes USING gin (to_tsvector('chinese', body));
DROP EXTENSION segtool;
DROP EXTENSION segtool CASCADE;
SELECT count(*) AS configs_left FROM pg_ts_config WHERE cfgname = 'chinese';
SELECT to_tsvector('chinese', '乡村振兴');
CREATE EXTENSION segtool;
CREATE INDEX notes_fts ON notes USING gin (to_tsvector('chinese', body));
SET enable_seqscan = off;
SELECT body FROM notes WHERE to_tsvector('chinese', body) @@ plainto_tsquery('chinese', '乡村振兴');
DROP TABLE notes;
