"""Bad input: bytes that are not UTF-8, None and other non-text, lone surrogates, huge
strings. Each gets a clear exception (with the offset where it applies), never a crash."""

from __future__ import annotations

import pytest

import segtool
from segtool import InvalidUTF8Error

# (bytes, offset of the first bad byte)
BAD_UTF8 = [
    (b"ab\xffcd", 2),
    ("中国".encode() + b"\x80", 6),                # a lone continuation byte
    ("中国".encode()[:5], 3),                      # a sequence cut short at the end
    (b"\xc0\xaf", 0),                              # an over-long form of "/"
    (b"ok \xed\xa0\x80", 3),                       # a surrogate, encoded
    (b"\xf4\x90\x80\x80", 0),                      # beyond U+10FFFF
    ("发展".encode() * 10_000 + b"\xfe", 60_000),  # far into the text
]

CALLS = {
    "lcut": lambda t: segtool.lcut(t),
    "cut": lambda t: list(segtool.cut(t)),
    "lcut_for_search": lambda t: segtool.lcut_for_search(t),
    "tokenize": lambda t: list(segtool.tokenize(t)),
    "tokens": lambda t: segtool.tokens(t),
    "extract_tags": lambda t: segtool.analyse.extract_tags(t),
    "textrank": lambda t: segtool.analyse.textrank(t),
}


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
@pytest.mark.parametrize("data, offset", BAD_UTF8)
def test_bytes_that_are_not_utf8(call, data, offset):
    with pytest.raises(InvalidUTF8Error) as caught:
        call(data)
    error = caught.value
    assert error.offset == offset and error.start == offset
    assert f"byte offset {offset}" in str(error)
    assert isinstance(error, UnicodeDecodeError) and isinstance(error, ValueError)
    assert error.object == data


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
@pytest.mark.parametrize("value", [None, 42, 3.5, ["中国"], object()], ids=repr)
def test_what_is_not_text_is_a_type_error(call, value):
    with pytest.raises(TypeError, match="expected str or UTF-8 bytes"):
        call(value)


def test_none_is_named_in_the_message():
    with pytest.raises(TypeError, match="got None"):
        segtool.lcut(None)


@pytest.mark.parametrize("call", CALLS.values(), ids=CALLS.keys())
def test_a_lone_surrogate_is_a_unicode_error_with_its_position(call):
    with pytest.raises(UnicodeEncodeError) as caught:
        call("中国\ud800发展")
    assert caught.value.start == 2


def test_the_segmenter_still_works_after_errors():
    for data, _ in BAD_UTF8:
        with pytest.raises(InvalidUTF8Error):
            segtool.lcut(data)
    assert segtool.lcut("发展全过程人民民主") == ["发展", "全过程人民民主"]


def test_a_huge_string():
    # ~24 MB of text in one call: cut in chunks inside, tiled exactly.
    paragraph = "推动成渝地区双城经济圈建设，2024年GDP增长5.2%。Belt and Road 倡议提出十周年。\n"
    text = paragraph * (24_000_000 // len(paragraph.encode()))
    words = segtool.lcut(text)
    assert "".join(words) == text
    assert words.count("成渝地区双城经济圈") == text.count("成渝地区双城经济圈")
    # The thread does not keep token storage the size of the text afterwards (it is freed
    # after a text over 4 MB, and kept after a short one).
    from segtool import _ext
    assert not _ext.thread_has_storage()
    segtool.lcut("发展全过程人民民主")
    assert _ext.thread_has_storage()
    # Token objects for a tenth of it (millions of Python objects take their time).
    part = text[: len(text) // 10]
    tokens = segtool.tokens(part)
    assert tokens[-1].end == len(part) and tokens[-1].byte_end == len(part.encode())
    assert "".join(t.word for t in tokens) == part


def test_a_huge_line_without_any_break():
    # No punctuation, space or line break to cut at: one 3 MB run of ideographs.
    text = "的" * 1_000_000
    words = segtool.lcut(text)
    assert "".join(words) == text
    assert len(segtool.lcut_for_search(text)) >= len(words)


def test_huge_search_mode_output_grows_its_buffer():
    # Search mode writes more than the text (sub-words): here ~4× its bytes, more than the
    # first guess (3×), so the C call is made again with a buffer that fits.
    text = "习近平新时代中国特色社会主义思想" * 20_000
    words = segtool.lcut_for_search(text)
    assert sum(len(w.encode()) + 1 for w in words) > 3 * len(text.encode()) + 64
    assert [t.word for t in segtool.tokens(text, mode="search")] == words


def test_bad_arguments():
    with pytest.raises(ValueError):
        segtool.tokens("中国", mode="full")
    with pytest.raises(ValueError):
        segtool.analyse.extract_tags("中国", withFlag=True)
    with pytest.raises(ValueError):
        segtool.analyse.extract_tags("中国", allowPOS=("n s",))
    with pytest.raises(FileNotFoundError):
        segtool.analyse.TFIDF(idf_path="/nonexistent/idf.txt")
