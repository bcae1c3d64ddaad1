"""User words and dictionaries: load_userdict (paths and file objects), add_word, del_word,
Tokenizer(dictionary=...), and their errors with file and line."""

from __future__ import annotations

import io

import pytest

import segtool
from segtool import DictionaryError

# A made-up word (ours): ICU and the built-in lexicon split it.
NEW_WORD = "数智渝城"
TEXT = "加快建设数智渝城示范区"


@pytest.fixture
def tokenizer():
    t = segtool.Tokenizer()
    assert NEW_WORD not in t.lcut(TEXT)  # the premise of these tests
    return t


def test_load_userdict_from_a_path(tokenizer, write_file):
    path = write_file("user.txt", f"# our words\n{NEW_WORD} 300 nz\n\n")
    tokenizer.load_userdict(path)
    assert NEW_WORD in tokenizer.lcut(TEXT)
    assert tokenizer.lookup(NEW_WORD) == (300, "nz")
    token = next(t for t in tokenizer.tokens(TEXT) if t.word == NEW_WORD)
    assert token.source == segtool.Source.USER == "user"


def test_load_userdict_from_a_pathlike(tokenizer, write_file):
    from pathlib import Path
    tokenizer.load_userdict(Path(write_file("user.txt", f"{NEW_WORD}\n")))
    assert NEW_WORD in tokenizer.lcut(TEXT)
    assert tokenizer.lookup(NEW_WORD) == (None, None)


@pytest.mark.parametrize("make", [
    lambda: io.StringIO(f"{NEW_WORD} 10 nz\n"),
    lambda: io.BytesIO(f"{NEW_WORD} 10 nz\n".encode()),
    lambda: io.BytesIO(f"\ufeff{NEW_WORD} 10 nz\r\n".encode()),  # BOM and CRLF
], ids=["text", "binary", "bom-crlf"])
def test_load_userdict_from_a_file_object(tokenizer, make):
    tokenizer.load_userdict(make())
    assert NEW_WORD in tokenizer.lcut(TEXT)
    assert tokenizer.lookup(NEW_WORD) == (10, "nz")


def test_load_userdict_from_an_open_file(tokenizer, write_file):
    path = write_file("user.txt", f"{NEW_WORD} 5\n")
    with open(path, encoding="utf-8") as f:
        tokenizer.load_userdict(f)
    assert NEW_WORD in tokenizer.lcut(TEXT)


def test_a_word_with_spaces_from_a_tab_separated_line(tokenizer):
    tokenizer.load_userdict(io.StringIO("Belt and Road\t100\tnz\n"))
    assert "Belt and Road" in tokenizer.lcut("the Belt and Road plan")


def test_a_malformed_line_names_the_file_and_line(tokenizer, write_file):
    path = write_file("bad.txt", f"{NEW_WORD} 10 nz\n好 10 nz extra\n")
    with pytest.raises(DictionaryError) as caught:
        tokenizer.load_userdict(path)
    error = caught.value
    assert error.file == path and error.line == 2
    assert f"{path}:2" in str(error)
    assert isinstance(error, ValueError) and isinstance(error, segtool.SegtoolError)
    assert NEW_WORD not in tokenizer.lcut(TEXT)  # nothing of a bad file is loaded


def test_a_malformed_file_object_is_named(tokenizer):
    f = io.StringIO("好 1 n\n词 abc def ghi\n")
    f.name = "mine.txt"
    with pytest.raises(DictionaryError) as caught:
        tokenizer.load_userdict(f)
    assert caught.value.file == "mine.txt" and caught.value.line == 2


def test_a_dictionary_that_is_not_utf8_gives_line_and_offset(tokenizer, write_file):
    path = write_file("gbk.txt", "好 1\n".encode() + "数智".encode("gbk") + b" 1\n")
    with pytest.raises(DictionaryError) as caught:
        tokenizer.load_userdict(path)
    assert caught.value.file == path and caught.value.line == 2
    assert caught.value.offset == len("好 1\n".encode())


def test_a_missing_dictionary_is_an_error(tokenizer, tmp_path):
    missing = str(tmp_path / "missing.txt")
    with pytest.raises(DictionaryError) as caught:
        tokenizer.load_userdict(missing)
    assert caught.value.file == missing
    with pytest.raises(DictionaryError):
        segtool.Tokenizer(user_dictionaries=[missing])
    with pytest.raises(DictionaryError):
        segtool.Tokenizer(dictionary=missing)


def test_load_userdict_refuses_other_types(tokenizer):
    with pytest.raises(TypeError):
        tokenizer.load_userdict(42)


def test_add_word_and_del_word(tokenizer):
    tokenizer.add_word(NEW_WORD, freq=50, tag="nz")
    assert NEW_WORD in tokenizer.lcut(TEXT)
    assert tokenizer.lookup(NEW_WORD) == (50, "nz")
    tokenizer.del_word(NEW_WORD)
    assert NEW_WORD not in tokenizer.lcut(TEXT)
    assert tokenizer.lookup(NEW_WORD) is None


def test_add_word_with_zero_frequency_removes_it_as_in_jieba(tokenizer):
    tokenizer.add_word(NEW_WORD)
    tokenizer.add_word(NEW_WORD, 0)
    assert NEW_WORD not in tokenizer.lcut(TEXT)


def test_del_word_removes_a_builtin_term():
    t = segtool.Tokenizer()
    text = "发展全过程人民民主"
    assert "全过程人民民主" in t.lcut(text)
    t.del_word("全过程人民民主")
    assert "全过程人民民主" not in t.lcut(text)
    assert "".join(t.lcut(text)) == text


@pytest.mark.parametrize("word", ["", "两个 词", "带\t制表符", "换\n行", "空\x00字"])
def test_add_word_refuses_what_is_not_a_word(tokenizer, word):
    with pytest.raises(DictionaryError):
        tokenizer.add_word(word)


def test_add_word_refuses_bad_arguments(tokenizer):
    with pytest.raises(TypeError):
        tokenizer.add_word(None)
    with pytest.raises(TypeError):
        tokenizer.del_word(b"bytes")
    with pytest.raises(DictionaryError):
        tokenizer.add_word(NEW_WORD, freq=-1)
    with pytest.raises(DictionaryError):
        tokenizer.add_word(NEW_WORD, tag="two tags")


def test_tokenizer_with_its_own_main_dictionary(write_file):
    # jieba's Tokenizer(dictionary=...) replaces its main dictionary; ours replaces the built-in
    # lexicon (ICU still divides the rest).
    path = write_file("main.txt", f"{NEW_WORD} 100 nz\n")
    t = segtool.Tokenizer(dictionary=path)
    assert t.dictionary == path
    assert NEW_WORD in t.lcut(TEXT)
    assert "全过程人民民主" not in t.lcut("发展全过程人民民主")
    assert t.lookup("全过程人民民主") is None


def test_tokenizer_with_user_dictionaries_keeps_the_builtin_lexicon(write_file):
    first = write_file("a.txt", f"{NEW_WORD} 100 nz\n")
    second = write_file("b.txt", f"{NEW_WORD} 200 ns\n")
    t = segtool.Tokenizer(user_dictionaries=[first, second])
    assert NEW_WORD in t.lcut(TEXT)
    assert "全过程人民民主" in t.lcut("发展全过程人民民主")
    assert t.lookup(NEW_WORD) == (200, "ns")  # later files win


def test_user_tags_filter_keywords(tokenizer):
    tokenizer.add_word(NEW_WORD, tag="nz")
    from segtool.analyse import TFIDF
    tfidf = TFIDF(tokenizer=tokenizer)
    text = f"{NEW_WORD}建设要加快推进，{NEW_WORD}示范区带动全省数字经济发展。"
    assert tfidf.extract_tags(text, allowPOS=("nz",)) == [NEW_WORD]
    assert NEW_WORD in tfidf.extract_tags(text)
