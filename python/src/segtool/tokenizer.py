"""``Tokenizer``: jieba's tokenizer API over segtool's segmenter (through its C API)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from typing import IO, Literal, Union

from . import _ext, _native
from .errors import DictionaryError
from .token import Token

__all__ = ["Tokenizer", "TextInput", "DictionarySource"]

_words = _ext.words
_spans = _ext.spans
_tokens = _ext.tokens

#: What the segmenting functions take: a ``str``, or UTF-8 ``bytes`` (validated: bytes that
#: are not UTF-8 raise ``InvalidUTF8Error`` with the offset; jieba would try GBK instead).
TextInput = Union[str, bytes, bytearray, memoryview]
#: A dictionary in jieba's format: a path, or a file object opened in text or binary mode.
DictionarySource = Union[str, "os.PathLike[str]", IO[str], IO[bytes]]

def _utf8(sentence: object) -> bytes:
    """The UTF-8 bytes of `sentence`; a TypeError for anything but text."""
    if isinstance(sentence, str):
        # Raises UnicodeEncodeError (with the character position) for lone surrogates.
        return sentence.encode("utf-8")
    if isinstance(sentence, bytes):
        return sentence
    if isinstance(sentence, (bytearray, memoryview)):
        return bytes(sentence)
    if sentence is None:
        raise TypeError("segtool: expected str or UTF-8 bytes, got None")
    raise TypeError(f"segtool: expected str or UTF-8 bytes, got {type(sentence).__name__}")


def _search_mode(mode: str) -> bool:
    if mode in ("default", "precise"):
        return False
    if mode == "search":
        return True
    raise ValueError(f'segtool: mode must be "default" (or "precise") or "search", not {mode!r}')


class Tokenizer:
    """A segmenter with jieba's ``Tokenizer`` API: ``cut``, ``lcut``, ``cut_for_search``,
    ``tokenize``, ``load_userdict``, ``add_word``, ``del_word``.

    Words come from ICU's word breaks resolved with segtool's built-in political lexicon and
    the user's words (see the project README). One tokenizer can be used from many threads at
    once: segmenting releases the GIL, and changing words (``add_word``, ``del_word``,
    ``load_userdict``) makes a new snapshot that calls started later use, so a call never sees
    half a change.

    Args:
        dictionary: a dictionary file in jieba's format (``word [freq] [tag]`` per line) that
            *replaces* the built-in lexicon, as jieba's ``dictionary`` replaces its main
            dictionary (ICU's own dictionary still applies). ``None``: the built-in lexicon.
        user_dictionaries: further dictionary files loaded on top (later files win).
        fold: ``"traditional"`` reads Traditional characters as Simplified (ICU's Hant-Hans,
            one character for one), so 習近平 is cut as 习近平 is; words and offsets stay the
            original text's. ``None`` (the default): text is read as written.

    Raises:
        DictionaryError: a dictionary file is missing, unreadable or malformed (with its file,
            line and byte offset).

    >>> t = Tokenizer()
    >>> t.lcut("坚持发扬全过程人民民主")
    ['坚持', '发扬', '全过程人民民主']
    """

    def __init__(self, dictionary: str | os.PathLike[str] | None = None, *,
                 user_dictionaries: Iterable[str | os.PathLike[str]] = (),
                 fold: str | None = None) -> None:
        if fold not in (None, "traditional"):
            raise ValueError(f"fold must be None or 'traditional', not {fold!r}")
        paths = [os.fspath(p) for p in user_dictionaries]
        if dictionary is not None:
            paths.insert(0, os.fspath(dictionary))
        self.dictionary: str | None = None if dictionary is None else os.fspath(dictionary)
        self._segmenter = _native.Segmenter.open(builtin=dictionary is None, dictionaries=paths,
                                                 fold_traditional=fold == "traditional")
        # The handle for the extension's calls: valid while self._segmenter lives.
        self._address = self._segmenter.address
        # Keyword extractors keep the words they were opened with: cached per (IDF table, stop
        # words) and dropped when the words change.
        self._extractors: dict[tuple[str | None, str | None], _native.KeywordExtractor] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        source = "built-in lexicon" if self.dictionary is None else repr(self.dictionary)
        return f"<segtool.Tokenizer dictionary={source}>"

    def initialize(self, dictionary: str | os.PathLike[str] | None = None) -> None:
        """jieba loads its dictionary on first use and ``initialize`` forces it; a segtool
        tokenizer is ready when made (~15 ms), so this does nothing. A ``dictionary`` is refused:
        make a ``Tokenizer(dictionary=...)`` instead."""
        if dictionary is not None:
            raise ValueError("segtool: initialize(dictionary) is not supported; make a "
                             "segtool.Tokenizer(dictionary=...) instead")

    # ------------------------------------------------------------------ jieba's API: words

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        """Adds a word (a user word: it wins over the built-in lexicon), as ``jieba.add_word``.

        Safe while other threads segment with this tokenizer: calls already running keep the
        words they started with.

        Args:
            word: the word; not empty, no whitespace (use ``load_userdict`` with a tab-separated
                line for a word with spaces).
            freq: a weight used to break ties between overlapping dictionary words (jieba's
                frequency); ``None`` for the default (1000). ``0`` removes the word, as
                ``jieba.del_word`` does with it.
            tag: a part-of-speech tag (``ns``, ``nt``, ``nz`` …), used by ``allowPOS`` in
                keyword extraction.

        Raises:
            DictionaryError: an empty word, or one with whitespace or NUL; a negative freq; a
                bad tag.
        """
        _check_word(word, "add_word")
        if freq is not None:
            freq = int(freq)
            if freq < 0:
                raise DictionaryError(f"segtool: negative frequency {freq} for {word!r}")
        if tag is not None and (not isinstance(tag, str) or not tag or
                                any(c.isspace() or c == "\x00" for c in tag)):
            raise DictionaryError(f"segtool: not a tag: {tag!r}")
        if freq == 0:
            self.del_word(word)
            return
        with self._lock:  # with the cache of keyword extractors, which keep the old words
            self._segmenter.add_word(word, freq, tag)
            self._extractors.clear()

    def del_word(self, word: str) -> None:
        """Removes a word, built-in or user, as ``jieba.del_word``. ICU may still find the same
        word on its own (its dictionary is not ours to change)."""
        _check_word(word, "del_word")
        with self._lock:
            self._segmenter.remove_word(word)
            self._extractors.clear()

    def load_userdict(self, f: DictionarySource) -> None:
        """Loads a user dictionary in jieba's format, as ``jieba.load_userdict``.

        Each line is ``word [freq] [tag]`` (fields separated by spaces, or by tabs when the
        word contains spaces); ``#`` starts a comment line; UTF-8 with or without BOM.

        Args:
            f: a path, or a file object opened in text or binary mode (read to its end).

        Raises:
            DictionaryError: the file is missing or unreadable, not UTF-8 (with the line and byte
                offset) or has a malformed line (with the line). Nothing of it is loaded then.
        """
        if isinstance(f, (str, os.PathLike)):
            with self._lock:
                self._segmenter.load_dictionary(os.fspath(f))
                self._extractors.clear()
        elif hasattr(f, "read"):
            name = str(getattr(f, "name", "<file object>"))
            content = f.read()
            data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
            with self._lock:
                self._segmenter.load_dictionary_data(data, name)
                self._extractors.clear()
        else:
            raise TypeError("segtool: load_userdict expects a path or a file object, got "
                            f"{type(f).__name__}")

    def lookup(self, word: str) -> tuple[int | None, str | None] | None:
        """``(frequency, tag)`` of ``word`` in this tokenizer's lexicon (built-in and user
        words; either may be None), or ``None`` when it has no such word. Beyond jieba."""
        _check_word(word, "lookup")
        return self._segmenter.lookup(word)

    # ------------------------------------------------------------------ jieba's API: cutting

    def lcut(self, sentence: TextInput, cut_all: bool = False, HMM: bool = True,
             use_paddle: bool = False) -> list[str]:
        """The words of ``sentence`` as a list, as ``jieba.lcut``.

        In the default (precise) mode the words tile the text: ``"".join(lcut(s)) == s``,
        whitespace included.

        Args:
            sentence: a ``str``, or UTF-8 ``bytes``.
            cut_all: jieba's full mode (every dictionary word). Here: the search-mode words
                (each precise word, followed by the dictionary and ICU words inside long ones),
                the nearest we have.
            HMM: accepted for compatibility, no effect: there is no HMM; unknown words come
                from ICU's dictionary and segtool's rules.
            use_paddle: accepted, no effect (jieba's optional deep-learning mode).

        Raises:
            InvalidUTF8Error: ``bytes`` that are not UTF-8 (with the byte offset).
            TypeError: not text (``None``, a number …).
        """
        # The hot path: one call into the extension module (see _ext.c).
        return _words(self._address, sentence, True if cut_all else False)

    def cut(self, sentence: TextInput, cut_all: bool = False, HMM: bool = True,
            use_paddle: bool = False) -> Iterator[str]:
        """The words of ``sentence``, as a generator (``jieba.cut``); see ``lcut``."""
        yield from self.lcut(sentence, cut_all, HMM)

    def lcut_for_search(self, sentence: TextInput, HMM: bool = True) -> list[str]:
        """Search-mode words as a list (``jieba.lcut_for_search``): each precise word, followed
        by the shorter words inside it when it has three or more Han characters (jieba puts
        them before it). ``HMM`` has no effect."""
        return self.lcut(sentence, True, HMM)

    def cut_for_search(self, sentence: TextInput, HMM: bool = True) -> Iterator[str]:
        """Search-mode words as a generator (``jieba.cut_for_search``); see
        ``lcut_for_search``."""
        yield from self.lcut(sentence, True, HMM)

    def tokenize(self, unicode_sentence: str, mode: Literal["default", "search"] = "default",
                 HMM: bool = True) -> Iterator[tuple[str, int, int]]:
        """``(word, start, end)`` for each word, offsets in characters, as ``jieba.tokenize``.

        Args:
            unicode_sentence: the text (``bytes`` are accepted too, as UTF-8; offsets are
                then in characters of the decoded text).
            mode: ``"default"`` (precise) or ``"search"``.
            HMM: accepted, no effect.

        Raises:
            ValueError: an unknown mode.
        """
        yield from _spans(self._address, unicode_sentence, _search_mode(mode))

    # ------------------------------------------------------------------ beyond jieba

    def tokens(self, text: TextInput, mode: Literal["precise", "default", "search"] = "precise",
               ) -> list[Token]:
        """The tokens of ``text`` with character and byte offsets, kind and source.

        >>> Tokenizer().tokens("2024年GDP增长5.2%")[0]
        Token(word='2024年', start=0, end=5, byte_start=0, byte_end=7, kind=<Kind.NUMBER: 'number'>, source=<Source.RULE: 'rule'>, subword=False)
        """
        return _tokens(self._address, text, _search_mode(mode))

    # ------------------------------------------------------------------ keywords

    def _keywords(self, sentence: TextInput, top: int, textrank: bool, tags: Iterable[str],
                  idf_path: str | None, stop_words_path: str | None) -> list[tuple[str, float]]:
        """The top keywords of ``sentence`` with their weights (see ``segtool.analyse``)."""
        tag_list = [str(tag) for tag in tags]
        for tag in tag_list:
            if not tag or any(c.isspace() or c == "\x00" for c in tag):
                raise ValueError(f"segtool: not a tag: {tag!r}")
        data = _utf8(sentence)
        if not data or top <= 0:
            return []
        key = (idf_path, stop_words_path)
        with self._lock:
            extractor = self._extractors.get(key)
            if extractor is None:
                extractor = _native.KeywordExtractor(self._segmenter, idf_path, stop_words_path)
                self._extractors[key] = extractor
        return extractor.extract(data, top, textrank, tag_list)


def _check_word(word: object, what: str) -> None:
    if not isinstance(word, str):
        raise TypeError(f"segtool: {what} expects a str word, got {type(word).__name__}")
    if not word or any(c.isspace() or c == "\x00" for c in word):
        raise DictionaryError(f"segtool: not a word: {word!r} (empty, or with whitespace or NUL)")
