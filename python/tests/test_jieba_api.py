"""The jieba-compatible functions: same calls, same shapes of results as jieba."""

from __future__ import annotations

import inspect
import types

import pytest

import segtool
from conftest import DOCUMENT, SENTENCES


def test_cut_is_a_generator_of_words_that_tile_the_text(sentence):
    result = segtool.cut(sentence)
    assert isinstance(result, types.GeneratorType)
    words = list(result)
    assert all(type(w) is str and w for w in words)
    assert "".join(words) == sentence  # whitespace included, as in jieba


def test_lcut_is_cut_as_a_list(sentence):
    words = segtool.lcut(sentence)
    assert type(words) is list
    assert words == list(segtool.cut(sentence))
    assert "".join(words) == sentence


def test_hmm_and_paddle_arguments_are_accepted_and_change_nothing(sentence):
    assert segtool.lcut(sentence, HMM=False) == segtool.lcut(sentence)
    assert segtool.lcut(sentence, False, False) == segtool.lcut(sentence)
    assert list(segtool.cut(sentence, use_paddle=True)) == segtool.lcut(sentence)


def test_political_terms_come_out_whole():
    # What the built-in lexicon is for (README): terms ICU splits come out as one word.
    assert "习近平新时代中国特色社会主义思想" in segtool.lcut(SENTENCES[5])
    assert "全过程人民民主" in segtool.lcut(SENTENCES[6])
    assert "成渝地区双城经济圈" in segtool.lcut(SENTENCES[4])


def test_search_mode_adds_the_parts_of_long_words(sentence):
    precise = segtool.lcut(sentence)
    search = segtool.lcut_for_search(sentence)
    assert isinstance(segtool.cut_for_search(sentence), types.GeneratorType)
    assert list(segtool.cut_for_search(sentence)) == search
    assert type(search) is list and all(type(w) is str for w in search)
    # The precise words, in order, with sub-words after the long ones; every extra word is a
    # part of the precise word before it.
    tokens = segtool.tokens(sentence, mode="search")
    assert [t.word for t in tokens] == search
    assert [t.word for t in tokens if not t.subword] == precise
    owner = None
    for t in tokens:
        if t.subword:
            assert owner is not None and owner.start <= t.start < t.end <= owner.end
            assert len(t.word) < len(owner.word)
        else:
            owner = t


def test_search_mode_finds_the_parts_of_a_term():
    words = segtool.lcut_for_search("发展全过程人民民主")
    assert "全过程人民民主" in words
    assert "人民" in words and "民主" in words


def test_cut_all_gives_the_search_words(sentence):
    assert segtool.lcut(sentence, cut_all=True) == segtool.lcut_for_search(sentence)


def test_tokenize_yields_words_with_character_offsets(sentence):
    result = segtool.tokenize(sentence)
    assert isinstance(result, types.GeneratorType)
    triples = list(result)
    position = 0
    for word, start, end in triples:
        assert type(word) is str and type(start) is int and type(end) is int
        assert start == position and sentence[start:end] == word
        position = end
    assert position == len(sentence)
    assert [w for w, _, _ in triples] == segtool.lcut(sentence)


def test_tokenize_in_search_mode(sentence):
    triples = list(segtool.tokenize(sentence, mode="search"))
    assert [w for w, _, _ in triples] == segtool.lcut_for_search(sentence)
    for word, start, end in triples:
        assert sentence[start:end] == word


def test_tokenize_refuses_an_unknown_mode():
    with pytest.raises(ValueError, match="mode"):
        list(segtool.tokenize("中国", mode="full"))


def test_empty_text_gives_nothing():
    assert segtool.lcut("") == []
    assert list(segtool.cut("")) == []
    assert segtool.lcut_for_search("") == []
    assert list(segtool.tokenize("")) == []
    assert segtool.tokens("") == []
    assert segtool.analyse.extract_tags("") == []


def test_utf8_bytes_are_accepted_like_text(sentence):
    data = sentence.encode("utf-8")
    assert segtool.lcut(data) == segtool.lcut(sentence)
    assert segtool.lcut(bytearray(data)) == segtool.lcut(sentence)
    assert segtool.lcut(memoryview(data)) == segtool.lcut(sentence)
    assert list(segtool.tokenize(data)) == list(segtool.tokenize(sentence))


def test_tokenizer_objects_have_their_own_words():
    a, b = segtool.Tokenizer(), segtool.Tokenizer()
    text = "建设数智渝城示范区"
    before = a.lcut(text)
    assert "数智渝城" not in before
    a.add_word("数智渝城")
    assert "数智渝城" in a.lcut(text)
    assert b.lcut(text) == before
    assert segtool.lcut(text) == before


def test_module_functions_use_the_default_tokenizer():
    assert isinstance(segtool.dt, segtool.Tokenizer)
    assert segtool.lcut == segtool.dt.lcut
    segtool.initialize()  # ready at import: nothing to do
    with pytest.raises(ValueError):
        segtool.initialize("dict.txt")


# ---------------------------------------------------------------------------- against jieba

# Our function for each jieba function (the README's table), and parameters whose default
# differs on purpose (documented there).
JIEBA_FUNCTIONS = ["cut", "lcut", "cut_for_search", "lcut_for_search", "tokenize",
                   "load_userdict", "add_word", "del_word"]
ANALYSE_FUNCTIONS = ["extract_tags", "textrank", "set_stop_words", "set_idf_path"]
DIFFERENT_DEFAULTS = {("textrank", "allowPOS")}


def _parameters(function):
    return {name: p.default for name, p in inspect.signature(function).parameters.items()
            if name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}


@pytest.fixture(scope="module")
def jieba():
    jieba = pytest.importorskip("jieba")
    import logging
    jieba.setLogLevel(logging.WARNING)
    return jieba


@pytest.mark.parametrize("name", JIEBA_FUNCTIONS)
def test_every_jieba_parameter_is_accepted_with_its_default(jieba, name):
    ours, theirs = _parameters(getattr(segtool, name)), _parameters(getattr(jieba, name))
    if name.startswith("lcut"):  # jieba's lcut* take (*args, **kwargs) and pass them to cut*
        theirs = _parameters(getattr(jieba, name[1:]))
    for parameter, default in theirs.items():
        assert parameter in ours, f"{name}: jieba's parameter {parameter} is missing"
        if (name, parameter) not in DIFFERENT_DEFAULTS:
            assert ours[parameter] == default, f"{name}({parameter}=…): default differs"


@pytest.mark.parametrize("name", ANALYSE_FUNCTIONS)
def test_every_jieba_analyse_parameter_is_accepted(jieba, name):
    import jieba.analyse
    ours = _parameters(getattr(segtool.analyse, name))
    theirs = _parameters(getattr(jieba.analyse, name))
    # jieba names the stop-word/idf path parameter differently in places; compare by position.
    assert len(ours) == len(theirs), f"analyse.{name}: {list(ours)} against {list(theirs)}"
    for (parameter, default), (their_name, their_default) in zip(ours.items(), theirs.items()):
        assert parameter == their_name
        if (name, parameter) not in DIFFERENT_DEFAULTS:
            assert default == their_default


def _shape(value):
    """The shape of a result: its type, and the shapes of its items."""
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, sorted({repr(_shape(v)) for v in value}))
    if isinstance(value, types.GeneratorType):
        return ("generator", sorted({repr(_shape(v)) for v in value}))
    return type(value).__name__


@pytest.mark.parametrize("call", [
    lambda m, s: m.cut(s), lambda m, s: m.lcut(s), lambda m, s: m.cut(s, cut_all=True),
    lambda m, s: m.cut_for_search(s), lambda m, s: m.lcut_for_search(s),
    lambda m, s: m.tokenize(s), lambda m, s: m.tokenize(s, mode="search"),
    lambda m, s: m.analyse.extract_tags(s), lambda m, s: m.analyse.extract_tags(s, topK=3, withWeight=True),
    lambda m, s: m.analyse.textrank(s, withWeight=True),
], ids=["cut", "lcut", "cut_all", "cut_for_search", "lcut_for_search", "tokenize",
        "tokenize_search", "extract_tags", "extract_tags_weights", "textrank_weights"])
def test_same_shape_of_result_as_jieba(jieba, call):
    import jieba.analyse  # noqa: F401  (jieba.analyse as an attribute)
    for text in [*SENTENCES, DOCUMENT]:
        ours, theirs = _shape(call(segtool, text)), _shape(call(jieba, text))
        if isinstance(ours, tuple) and isinstance(theirs, tuple) and not (ours[1] and theirs[1]):
            assert ours[0] == theirs[0], text  # one side empty: the container type only
        else:
            assert ours == theirs, text


def test_precise_words_tile_the_text_as_jiebas_do(jieba, sentence):
    assert "".join(segtool.lcut(sentence)) == "".join(jieba.lcut(sentence)) == sentence
