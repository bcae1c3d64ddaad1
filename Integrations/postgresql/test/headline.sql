-- ts_headline marks whole words (a sub-word match marks the word holding it) and keeps the text.
SELECT ts_headline('chinese', '过去一年，我们推进乡村振兴。北京的工作也取得了进展。',
                   websearch_to_tsquery('chinese', '乡村振兴'), 'StartSel=<<, StopSel=>>');
SELECT ts_headline('chinese', '坚持中国特色社会主义，推进乡村振兴。',
                   plainto_tsquery('chinese', '社会主义'), 'StartSel=[, StopSel=]');
SELECT ts_headline('chinese', 'GDP增长5.3%，New York 时报报道。',
                   plainto_tsquery('chinese', 'gdp'), 'StartSel=[, StopSel=]');
-- Fragments over a long text: each fragment holds the match.
SELECT ts_headline('chinese', repeat('今年工作很多。', 40) || '加快建设农业强国。' || repeat('明年继续努力。', 40),
                   phraseto_tsquery('chinese', '农业强国'), 'MaxFragments=1, MaxWords=8, MinWords=3, StartSel=<, StopSel=>')
       LIKE '%<农业强国>%' AS fragment_has_match;
