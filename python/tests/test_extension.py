"""The extension module (segtool._ext) behind lcut, cut, tokenize and tokens: its words are
slices of the text by the C API's offsets, made through a cache of recent words; these tests
check the words against the offsets for text of every string width, through the cache's
paths (found, replaced, found with another width), from several threads, and its bad
arguments."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest

import segtool
from segtool import _ext
from conftest import DOCUMENT, SENTENCES

# Python keeps a str in the narrowest width that holds its characters: one byte (ASCII,
# Latin-1), two bytes (Chinese), four bytes (characters beyond U+FFFF, e.g. rare ideographs
# of Extension B and emoji). A word's cached str can come from a text of another width.
TEXTS = [
    "The reform and opening-up policy, GDP 5.2% in 2024.",           # ASCII
    "Café déjà vu — naïve façade",                                     # Latin-1
    "推进中国式现代化，GDP增长5.2%。",                                  # two-byte
    "𠀀𠀁中国式现代化𪚥🙂发展 GDP 𠀀",                                  # four-byte
    *SENTENCES, DOCUMENT,
]


def _check(words: list[str], spans: list[tuple[str, int, int]], text: str) -> None:
    assert words == [w for w, _, _ in spans]
    assert all(text[s:e] == w for w, s, e in spans)


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_words_are_the_text_at_their_offsets(text):
    for search in (False, True):
        mode = "search" if search else "default"
        words = segtool.lcut(text, cut_all=search)
        _check(words, list(segtool.tokenize(text, mode=mode)), text)
        assert words == [t.word for t in segtool.tokens(text, mode=mode)]
        # Each word is a str equal to a fresh one, in the narrowest width (equality and
        # hashing of str rely on that).
        for word in words:
            fresh = "".join(list(word))
            assert word == fresh and hash(word) == hash(fresh) and type(word) is str
        if not search:
            assert "".join(words) == text


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_byte_offsets_are_those_of_pythons_utf8(text):
    # A str is encoded to UTF-8 by the extension itself (without the GIL): the byte offsets
    # the C API returns must be those of Python's own encoding.
    data = text.encode()
    for t in segtool.tokens(text, mode="search"):
        assert t.byte_start == len(text[:t.start].encode())
        assert data[t.byte_start:t.byte_end].decode() == t.word


@pytest.mark.parametrize("text, position", [("a\udc80", 1), ("é\ud800x", 1), ("中国\udfff", 2),
                                             ("🙂𠀀\ud800", 2), ("\udbff🙂", 0)])
def test_a_surrogate_in_a_str_of_any_width(text, position):
    for call in (segtool.lcut, segtool.tokens, lambda t: list(segtool.tokenize(t))):
        with pytest.raises(UnicodeEncodeError) as caught:
            call(text)
        assert caught.value.start == position
    assert segtool.lcut("发展全过程人民民主") == ["发展", "全过程人民民主"]


def test_the_same_words_from_texts_of_different_widths():
    # "GDP" first made from an ASCII text, then found while segmenting two- and four-byte text
    # (and the other way round after the cache is emptied).
    for order in (TEXTS, TEXTS[::-1]):
        _ext.clear_cache()
        for text in order:
            assert "".join(segtool.lcut(text)) == text
            assert [w for w in segtool.lcut(text) if w == "GDP"] == ["GDP"] * text.count("GDP")


def test_many_different_words_through_the_cache():
    # Random "words" of Chinese characters, digits and letters: many share cache slots, so
    # words are replaced and found over and over; every result must still be the text.
    rng = random.Random(16)
    alphabet = "中国人民发展改革开放经济社会治理现代化建设abcXYZ0123456789𠀀🙂é "
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 80)))
        words = segtool.lcut(text)
        assert "".join(words) == text
        _check(words, list(segtool.tokenize(text)), text)


def test_words_of_every_cached_length_at_the_end_and_inside_texts_of_every_width():
    # The cache keys a word of up to 8 characters by its characters packed 16 bits each (read
    # 16 bytes at a time from a two-byte text, one by one near its end); words of 1 to 12
    # letters at the end of a text, inside it, and from texts of each width, with code units
    # whose bytes differ only in the high byte (ā, ȁ) or are all ones (U+FFFF).
    letters = ["abcdefghijkl", "éàüçñøåÿéàüç", "āȁāȁāȁāȁāȁāȁ"]
    widths = ["", "中", "𠀀"]  # a prefix that makes the text one, two or four bytes wide
    for order in (0, 1):
        _ext.clear_cache()
        for length in (range(1, 13) if order == 0 else range(12, 0, -1)):
            for alphabet in letters:
                word = alphabet[:length]
                for prefix in widths:
                    for text in (prefix + " " + word, prefix + " " + word + " 发展",
                                 word + "\uffff" * length):
                        words = segtool.lcut(text)
                        assert "".join(words) == text
                        _check(words, list(segtool.tokenize(text)), text)
                        if text.startswith(prefix + " "):
                            assert word in words


def test_bytes_and_bytes_like_give_the_same_words_as_str():
    for text in TEXTS:
        data = text.encode()
        expected = segtool.lcut(text)
        assert segtool.lcut(data) == expected
        assert segtool.lcut(bytearray(data)) == expected
        assert segtool.lcut(memoryview(data)) == expected
        assert segtool.lcut(memoryview(b"xx" + data)[2:]) == expected
        assert list(segtool.tokenize(data)) == list(segtool.tokenize(text))


def test_empty_text():
    assert segtool.lcut("") == [] and segtool.lcut(b"") == []
    assert list(segtool.tokenize("")) == [] and segtool.tokens("") == []


def test_nul_characters_are_text_like_any_other():
    text = "发展\x00全过程人民民主\x00"
    words = segtool.lcut(text)
    assert "".join(words) == text and "全过程人民民主" in words


def test_threads_share_the_cache():
    # Threads segment texts of every width at once (the cache is used with the GIL held).
    expected = {t: segtool.lcut(t) for t in TEXTS}

    def work(i):
        bad = 0
        for _ in range(30):
            for t in TEXTS[i % 4::3]:
                bad += segtool.lcut(t) != expected[t]
                if i % 2:
                    _ext.clear_cache()
        return bad

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert sum(pool.map(work, range(8))) == 0


def test_bad_arguments_to_the_extension():
    handle = segtool.dt._address
    with pytest.raises(ValueError, match="closed"):
        _ext.words(0, "中国", False)
    with pytest.raises(TypeError):
        _ext.words("not a handle", "中国", False)
    with pytest.raises(TypeError):
        _ext.words(handle, "中国")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="expected str or UTF-8 bytes, got int"):
        _ext.spans(handle, 42, False)
    with pytest.raises(UnicodeEncodeError):
        _ext.tokens(handle, "a\udc80", True)
    assert _ext.words(handle, "中国", 0) == ["中国"]
    # bind() refuses what it cannot use, and changes nothing then.
    with pytest.raises(ValueError, match="NULL"):
        _ext.bind(0, 0, 0, print, tuple, (), ())
    with pytest.raises(TypeError, match="tuple type"):
        _ext.bind(1, 2, 3, print, dict, (), ())
    with pytest.raises(TypeError, match="tuple type"):
        _ext.bind(1, 2, 3, print, type("WithDict", (tuple,), {}), (), ())
    assert segtool.lcut("发展全过程人民民主") == ["发展", "全过程人民民主"]
    assert segtool.tokens("中国")[0].kind == segtool.Kind.IDEOGRAPHIC


def test_segmenting_from_the_garbage_collector_while_words_are_made():
    # The garbage collector runs while tokenize/tokens allocate their tuples (on the same
    # thread, in the middle of a call), and with it finalizers and gc callbacks: one that
    # segments must not overwrite the tokens of the call it interrupted.
    import gc

    text = DOCUMENT * 3
    expected_spans = list(segtool.tokenize(text))
    expected_tokens = segtool.tokens(text, mode="search")
    seen = []

    def segment_during_collection(phase, info):
        if phase == "start" and len(seen) < 2000:
            seen.append(segtool.lcut("坚持发扬全过程人民民主，深入学习贯彻" * 5))

    threshold = gc.get_threshold()
    gc.collect()
    gc.callbacks.append(segment_during_collection)
    try:
        gc.set_threshold(1)  # a collection at (nearly) every tuple made
        for _ in range(20):
            spans = list(segtool.tokenize(text))
            tokens = segtool.tokens(text, mode="search")
            assert spans == expected_spans
            assert tokens == expected_tokens
    finally:
        gc.callbacks.remove(segment_during_collection)
        gc.set_threshold(*threshold)
    # Up to 3.11 collections start inside allocations (here: hundreds, most in the middle of a
    # call); from 3.12 only between bytecodes, so fewer and never inside one.
    assert seen and all("全过程人民民主" in words for words in seen)
