-- The GIN-indexed table answers boolean and phrase queries (websearch_to_tsquery, whose syntax
-- is segtool's: words ANDed, OR, -word, "phrase") with the same documents as `segtool search`
-- over an index of the same documents; phrase hits all contain the phrase's text.
SET enable_seqscan = off;
CREATE TEMP TABLE queries (qno int, q text);
CREATE TEMP TABLE segtool_hits (qno int, id text);
COPY queries FROM :'queries_file';
COPY segtool_hits FROM :'hits_file';
SELECT count(*) >= 10000 AS at_least_10000_documents FROM docs;
-- The GIN index is used.
CREATE FUNCTION plan_has(query text, pattern text) RETURNS bool LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN ' || query LOOP
        IF line LIKE pattern THEN RETURN true; END IF;
    END LOOP;
    RETURN false;
END $$;
SELECT plan_has($q$SELECT id FROM docs WHERE tsv @@ websearch_to_tsquery('chinese', '"推进 乡村振兴"')$q$,
                '%Bitmap Index Scan on docs_tsv%') AS gin_used;
DROP FUNCTION plan_has(text, text);
CREATE FUNCTION pg_hits(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE format('SELECT id FROM docs WHERE tsv @@ websearch_to_tsquery(''chinese'', %L)', q);
END $$;
CREATE TEMP TABLE pg_results AS SELECT qno, pg_hits(q) AS id FROM queries;
CREATE TEMP VIEW compared AS
SELECT q.qno, q.q, q.q LIKE '"%' AS phrase,
       replace(trim(both '"' from q.q), ' ', '') AS literal,
       (SELECT count(*) FROM pg_results r WHERE r.qno = q.qno) AS pg,
       (SELECT count(*) FROM (SELECT id FROM pg_results r WHERE r.qno = q.qno
                              EXCEPT SELECT id FROM segtool_hits s WHERE s.qno = q.qno) x) AS only_pg,
       (SELECT count(*) FROM (SELECT id FROM segtool_hits s WHERE s.qno = q.qno
                              EXCEPT SELECT id FROM pg_results r WHERE r.qno = q.qno) x) AS only_segtool
FROM queries q;
-- Boolean queries: the same documents exactly.
SELECT qno, q, pg > 0 AS found, only_pg, only_segtool FROM compared WHERE NOT phrase ORDER BY qno;
-- Phrases of precise words: every document holding the phrase's text is found, by both;
-- PostgreSQL and segtool disagree on no such document (they may on documents without the literal
-- text: segtool's phrase matching over sub-words is being changed, issue 12); few of
-- PostgreSQL's hits lack the literal text (a sub-word is adjacent to its word's neighbours:
-- 加快 <-> 建设 matches 加快生态文明建设).
CREATE TEMP VIEW literal AS
SELECT c.qno, d.id, strpos(regexp_replace(d.body, '[ \t]', '', 'g'), c.literal) > 0 AS has_text,
       d.id IN (SELECT id FROM pg_results r WHERE r.qno = c.qno) AS by_pg,
       d.id IN (SELECT id FROM segtool_hits s WHERE s.qno = c.qno) AS by_segtool
FROM compared c, docs d WHERE c.phrase;
SELECT c.qno, c.q, c.pg > 0 AS found,
       (SELECT count(*) FROM literal l WHERE l.qno = c.qno AND l.has_text AND NOT l.by_pg) AS text_not_found,
       (SELECT count(*) FROM literal l WHERE l.qno = c.qno AND l.has_text AND l.by_pg <> l.by_segtool) AS disagree_on_text,
       (SELECT count(*) FROM literal l WHERE l.qno = c.qno AND NOT l.has_text AND l.by_pg) * 20 <= c.pg AS hits_mostly_literal
FROM compared c WHERE c.phrase ORDER BY c.qno;
-- phraseto_tsquery on unspaced text (one or more words): every hit holds the text, and
-- (nearly) every document holding the text is a hit.
CREATE FUNCTION phrase_check(phrase text, OUT hits bigint, OUT hits_with_text bigint, OUT docs_with_text bigint)
LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('SELECT count(*) FROM docs WHERE tsv @@ phraseto_tsquery(''chinese'', %L)', phrase) INTO hits;
    EXECUTE format('SELECT count(*) FROM docs WHERE tsv @@ phraseto_tsquery(''chinese'', %L) AND strpos(body, %L) > 0',
                   phrase, phrase) INTO hits_with_text;
    SELECT count(*) INTO docs_with_text FROM docs WHERE strpos(body, phrase) > 0;
END $$;
SELECT phrase, hits > 0 AS found, hits = hits_with_text AS every_hit_has_text,
       hits_with_text * 100 >= docs_with_text * 99 AS found_99_percent_of_texts
FROM (VALUES ('社会主义现代化'), ('乡村振兴'), ('推进乡村振兴'), ('高质量发展'), ('加快建设农业强国')) v(phrase),
     LATERAL phrase_check(phrase) ORDER BY phrase;
DROP FUNCTION pg_hits(text);
DROP FUNCTION phrase_check(text);
