-- Positions: a long word's sub-words sit at the word's own position, so phrases of precise
-- words keep their adjacency; punctuation and line breaks advance the position (a phrase does
-- not match across them); spaces do not.
SELECT to_tsvector('chinese', '全面建设社会主义现代化国家') @@ phraseto_tsquery('chinese', '社会主义现代化') AS inside_a_word;
-- The documented limit: a phrase that segments differently alone than inside the text can be
-- missed (建设|社会主义现代化国家 alone, one word 全面建设社会主义现代化国家 in the text).
SELECT to_tsvector('chinese', '我们要全面建设社会主义现代化国家。') @@ phraseto_tsquery('chinese', '建设社会主义现代化国家') AS context_differs_no;
SELECT to_tsvector('chinese', '现代化的社会主义') @@ phraseto_tsquery('chinese', '社会主义现代化') AS reversed_no;
SELECT to_tsvector('chinese', '推进乡村振兴') @@ phraseto_tsquery('chinese', '推进 乡村振兴') AS adjacent;
SELECT to_tsvector('chinese', '推进，乡村振兴') @@ phraseto_tsquery('chinese', '推进乡村振兴') AS across_punctuation_no;
SELECT to_tsvector('chinese', E'推进\n乡村振兴') @@ phraseto_tsquery('chinese', '推进乡村振兴') AS across_line_break_no;
SELECT to_tsvector('chinese', '推进 乡村振兴') @@ phraseto_tsquery('chinese', '推进乡村振兴') AS across_space_yes;
SELECT to_tsvector('chinese', 'the New York office') @@ phraseto_tsquery('chinese', 'new york') AS latin_phrase;
-- A phrase with punctuation in it keeps its gap.
SELECT to_tsvector('chinese', '改革，开放') @@ phraseto_tsquery('chinese', '改革，开放') AS gap_kept;
SELECT to_tsvector('chinese', '改革开放') @@ phraseto_tsquery('chinese', '改革，开放') AS gap_kept_no;
-- A sub-word is adjacent to the words around its word (the documented limit of one position
-- per word): 推进 <-> 振兴 matches 推进乡村振兴 because 振兴 is a sub-word of 乡村振兴.
SELECT to_tsvector('chinese', '推进乡村振兴') @@ phraseto_tsquery('chinese', '推进 振兴') AS subword_adjacent;
-- Two sub-words of one word share its position: not a phrase of each other.
SELECT to_tsvector('chinese', '全面建设社会主义现代化国家') @@ phraseto_tsquery('chinese', '社会主义 现代化') AS two_subwords_no;
-- A query word splits the same way: its sub-words are required with it, at its position.
SELECT numnode(plainto_tsquery('chinese', '乡村振兴')) > 1 AS query_has_subwords,
       to_tsvector('chinese', '乡村振兴') @@ plainto_tsquery('chinese', '乡村振兴') AS self_match;
-- websearch syntax: words, OR, -exclusion, "phrase".
SELECT to_tsvector('chinese', '上海推进乡村振兴') @@ websearch_to_tsquery('chinese', '乡村振兴 -北京') AS excl_1,
       to_tsvector('chinese', '北京推进乡村振兴') @@ websearch_to_tsquery('chinese', '乡村振兴 -北京') AS excl_2,
       to_tsvector('chinese', '雄安新区建设') @@ websearch_to_tsquery('chinese', '浦东新区 OR 雄安新区') AS or_1,
       to_tsvector('chinese', '加快建设农业强国') @@ websearch_to_tsquery('chinese', '"加快建设农业强国"') AS quoted;
-- ts_rank: more occurrences rank higher.
SELECT ts_rank(to_tsvector('chinese', '推进乡村振兴，乡村振兴是大事，乡村振兴'), plainto_tsquery('chinese', '乡村振兴'))
     > ts_rank(to_tsvector('chinese', '推进乡村振兴，城市更新也是大事'), plainto_tsquery('chinese', '乡村振兴')) AS rank_order;
