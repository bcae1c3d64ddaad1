-- User dictionaries: segtool.user_dictionaries (paths relative to the data directory here).
\set VERBOSITY terse
SELECT to_tsvector('chinese', '绿水青山智库发布报告') @@ plainto_tsquery('chinese', '绿水青山智库') AS before;
SHOW segtool.user_dictionaries;
SET segtool.user_dictionaries = 'dicts/user.txt';
SELECT tsvector_to_array(to_tsvector('chinese', '绿水青山智库发布报告')) @> ARRAY['绿水青山智库'] AS with_user_dictionary,
       to_tsvector('chinese', '绿水青山智库发布报告') @@ phraseto_tsquery('chinese', '绿水青山智库 发布') AS then_next_word;
SELECT (ts_lexize('segtool', '绿水青山智库'))[1] AS lexize_first;
-- Two files, the later one winning; spaces around commas are fine.
SET segtool.user_dictionaries = 'dicts/user.txt , dicts/more.txt';
SELECT to_tsvector('chinese', '绿水青山智库发布报告，数智渝城建设') @@ phraseto_tsquery('chinese', '数智渝城 建设') AS second_file;
-- A file changed in place is read again at the next parse.
\! printf '蓝海新城区 10 ns\n' >> "$PGDATA_FOR_TEST/dicts/more.txt"
SELECT tsvector_to_array(to_tsvector('chinese', '蓝海新城区')) @> ARRAY['蓝海新城区'] AS after_edit;
-- Errors name the file (and line); the session goes on with the previous words.
SET segtool.user_dictionaries = 'dicts/missing.txt';
SELECT to_tsvector('chinese', '绿水青山智库');
SET segtool.user_dictionaries = 'dicts/bad.txt';
SELECT to_tsvector('chinese', '绿水青山智库');
RESET segtool.user_dictionaries;
SELECT to_tsvector('chinese', '绿水青山智库发布报告') @@ plainto_tsquery('chinese', '绿水青山智库') AS after_reset;
SELECT segtool_reload() AS files_loaded;
-- Only a superuser may point the server at files.
CREATE ROLE segtool_plain LOGIN;
SET ROLE segtool_plain;
SET segtool.user_dictionaries = 'dicts/user.txt';
RESET ROLE;
DROP ROLE segtool_plain;
