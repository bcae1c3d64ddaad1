"""segtool.analyse: extract_tags (TF-IDF) and textrank, as jieba.analyse."""

from __future__ import annotations

import pytest

import segtool
from segtool import analyse
from conftest import DOCUMENT


def test_extract_tags_returns_the_top_words():
    tags = analyse.extract_tags(DOCUMENT, topK=5)
    assert type(tags) is list and 0 < len(tags) <= 5 and all(type(t) is str for t in tags)
    assert tags[0] == "成渝地区双城经济圈"  # the term the document repeats
    assert len(set(tags)) == len(tags)


def test_weights_are_sorted_and_positive():
    pairs = analyse.extract_tags(DOCUMENT, topK=10, withWeight=True)
    assert all(type(w) is str and type(x) is float and x > 0 for w, x in pairs)
    weights = [x for _, x in pairs]
    assert weights == sorted(weights, reverse=True)
    assert [w for w, _ in pairs] == analyse.extract_tags(DOCUMENT, topK=10)


def test_candidates_leave_out_punctuation_numbers_and_single_characters():
    for word in analyse.extract_tags(DOCUMENT + "2024年，增长5.2%。", topK=50):
        assert len(word) > 1
        assert not any(c in "，。、%" for c in word)
        assert not word[0].isdigit()


def test_textrank_scales_the_best_to_one():
    pairs = analyse.textrank(DOCUMENT, topK=8, withWeight=True)
    assert 0 < len(pairs) <= 8
    assert pairs[0][1] == pytest.approx(1.0)
    assert all(0 < x <= 1.0 for _, x in pairs)
    assert analyse.textrank(DOCUMENT, topK=8) == [w for w, _ in pairs]
    assert analyse.TextRank().textrank(DOCUMENT, topK=8) == [w for w, _ in pairs]


def test_topk():
    assert analyse.extract_tags(DOCUMENT, topK=0) == []
    assert len(analyse.extract_tags(DOCUMENT, topK=None)) <= 20
    assert len(analyse.extract_tags(DOCUMENT, topK=2)) == 2


def test_allowpos_keeps_words_with_those_dictionary_tags():
    tags = analyse.extract_tags(DOCUMENT, allowPOS=("nz", "nt"))
    assert tags
    for word in tags:
        assert segtool.lookup(word)[1] in ("nz", "nt")


def test_stop_words_of_ones_own(write_file):
    top = analyse.extract_tags(DOCUMENT, topK=1)[0]
    tfidf = analyse.TFIDF()
    tfidf.set_stop_words(write_file("stop.txt", f"{top}\n"))
    assert top not in tfidf.extract_tags(DOCUMENT)
    assert analyse.extract_tags(DOCUMENT, topK=1) == [top]  # the default is unchanged


def test_an_idf_table_of_ones_own(write_file):
    # Words the table lacks get its median idf: low here.
    table = "走深走实 30.0\n" + "".join(f"{w} 0.1\n" for w in ("交通", "产业", "协作", "水平", "成效"))
    tfidf = analyse.TFIDF(idf_path=write_file("idf.txt", table))
    pairs = dict(tfidf.extract_tags(DOCUMENT, topK=50, withWeight=True))
    assert max(pairs, key=pairs.get) == "走深走实"


def test_a_malformed_idf_table_names_file_and_line(write_file):
    path = write_file("idf.txt", "交通 0.1\n走深走实 high\n")
    tfidf = analyse.TFIDF(idf_path=path)
    with pytest.raises(segtool.DictionaryError) as caught:
        tfidf.extract_tags(DOCUMENT)
    assert caught.value.file == path and caught.value.line == 2


def test_keywords_follow_the_tokenizers_words():
    t = segtool.Tokenizer()
    tfidf = analyse.TFIDF(tokenizer=t)
    text = "数智渝城建设要加快推进，数智渝城示范区带动全省数字经济发展。" * 3
    assert "数智渝城" not in tfidf.extract_tags(text)
    t.add_word("数智渝城")
    assert tfidf.extract_tags(text)[0] == "数智渝城"
