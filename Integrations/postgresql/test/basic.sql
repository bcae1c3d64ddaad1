-- The extension's objects, token types, and how each kind of token is indexed.
SELECT extname FROM pg_extension WHERE extname = 'segtool';
SELECT segtool_version() ~ '^[0-9]+\.[0-9]+\.[0-9]+$' AS version_ok;
SELECT * FROM ts_token_type('segtool');
SELECT cfgname, prsname FROM pg_ts_config c JOIN pg_ts_parser p ON p.oid = c.cfgparser WHERE cfgname = 'chinese';
SELECT alias, array_agg(DISTINCT d.dictname ORDER BY d.dictname) AS dictionaries
FROM ts_token_type('segtool') t
LEFT JOIN pg_ts_config_map m ON m.maptokentype = t.tokid AND m.mapcfg = 'chinese'::regconfig
LEFT JOIN pg_ts_dict d ON d.oid = m.mapdict
GROUP BY alias ORDER BY alias;
-- Punctuation, symbols and white space are not indexed; full-width Latin folds; Latin lowercases.
SELECT to_tsvector('chinese', '，。、；：“”！？（）《》——…… ＋ ×  ') AS nothing_indexed;
SELECT to_tsvector('chinese', 'ＧＤＰ gdp GDP') AS folded;
SELECT to_tsvector('chinese', 'New York') AS latin;
-- Empty text, and text with nothing but white space.
SELECT to_tsvector('chinese', '') AS empty, to_tsvector('chinese', E' \n\t ') AS blank;
-- NULL in, NULL out; tsquery from nothing.
SELECT to_tsvector('chinese', NULL::text) IS NULL AS null_in_null_out;
SELECT plainto_tsquery('chinese', '，。') AS empty_query;
-- A long run of white space (cut into pieces below PostgreSQL's token limit: no notice).
SELECT length(to_tsvector('chinese', '改革' || repeat(' ', 5000) || '开放')::text) > 0 AS long_space_ok;
-- ts_lexize of the dictionary outside a parse: the token and its sub-words.
SELECT ts_lexize('segtool', '乡村振兴') @> ARRAY['乡村振兴', '乡村', '振兴'] AS lexize_subwords;
SELECT ts_lexize('segtool_gap', '，') AS gap_is_stop_word;
