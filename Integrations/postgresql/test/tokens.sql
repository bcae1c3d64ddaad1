-- Lexemes and positions of to_tsvector('chinese', …) equal the words of
-- `segtool segment --mode search` (see prepare.py tokens for the expected positions).
CREATE TEMP TABLE texts (line int PRIMARY KEY, body text);
CREATE TEMP TABLE expected (line int, lexeme text, pos int);
COPY texts FROM :'lines_file';
COPY expected FROM :'expected_file';
SELECT count(*) > 20 AS enough_texts, (SELECT count(*) > 400 FROM expected) AS enough_words FROM texts;
CREATE TEMP VIEW actual AS
    SELECT t.line, u.lexeme, p.pos
    FROM texts t, unnest(to_tsvector('chinese', t.body)) u, unnest(u.positions) p(pos);
-- Missing from PostgreSQL, and extra in PostgreSQL (both must be empty).
SELECT 'missing' AS side, * FROM (SELECT DISTINCT * FROM expected EXCEPT SELECT * FROM actual) m
UNION ALL
SELECT 'extra', * FROM (SELECT * FROM actual EXCEPT SELECT DISTINCT * FROM expected) e
ORDER BY 1, 2, 4 LIMIT 20;
-- Headline text is the input rebuilt from the parser's tokens: nothing lost or doubled.
SELECT count(*) AS headline_mismatches FROM texts
WHERE ts_headline('chinese', body, to_tsquery('chinese', 'zzzznotthere'), 'MaxWords=100000, MinWords=99999')
      <> body AND length(body) > 0;
