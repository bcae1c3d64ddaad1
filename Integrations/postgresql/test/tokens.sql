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
-- Hostile text (random code points of every kind: CJK, supplementary ideographs, kana, Hangul,
-- combining marks, ZWJ, emoji, full-width forms, controls, spaces): no error, the headline
-- rebuilds the text, and every lexeme is a piece of it.
SELECT count(*) AS seeded FROM (SELECT setseed(0.15)) s;
CREATE TEMP TABLE hostile AS
SELECT i, string_agg(chr(CASE WHEN r < 0.35 THEN 19968 + (random() * 20901)::int
                              WHEN r < 0.45 THEN 131072 + (random() * 42000)::int
                              WHEN r < 0.52 THEN 12353 + (random() * 180)::int
                              WHEN r < 0.57 THEN 44032 + (random() * 11000)::int
                              WHEN r < 0.62 THEN 768 + (random() * 111)::int
                              WHEN r < 0.65 THEN 8205
                              WHEN r < 0.70 THEN 128512 + (random() * 80)::int
                              WHEN r < 0.78 THEN 65281 + (random() * 93)::int
                              WHEN r < 0.82 THEN 1 + (random() * 30)::int
                              WHEN r < 0.88 THEN 32
                              WHEN r < 0.90 THEN 12288
                              ELSE 33 + (random() * 93)::int END), '') AS body
FROM (SELECT i, random() AS r FROM generate_series(1, 300) i, generate_series(1, 1 + (random() * 80)::int) j) x
GROUP BY i;
SELECT count(*) AS hostile_texts,
       count(*) FILTER (WHERE ts_headline('chinese', body, to_tsquery('chinese', 'zzzznotthere'),
                        'MaxWords=100000, MinWords=99999') <> body) AS headline_mismatches,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM unnest(to_tsvector('chinese', body)) u
                                      WHERE strpos(lower(body), u.lexeme) = 0
                                        AND u.lexeme !~ '[a-z0-9!-/:-@\[-`{-~]')) AS lexemes_not_in_text
FROM hostile;
