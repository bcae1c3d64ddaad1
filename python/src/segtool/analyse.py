"""Keyword extraction with ``jieba.analyse``'s API: ``extract_tags`` (TF-IDF) and ``textrank``.

Candidates are the precise-mode words of the text without punctuation, numbers, stop words and
single characters. TF-IDF weight = (1 + ln tf) · idf, with idf from segtool's built-in table (made
from a corpus of Chinese political news) or ``set_idf_path``; TextRank is PageRank over
co-occurrence within 5 candidates, the best scaled to 1.

>>> from segtool import analyse
>>> analyse.extract_tags("推动成渝地区双城经济圈建设。成渝地区双城经济圈建设取得新进展。", topK=1)
['成渝地区双城经济圈']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Literal, overload

from .tokenizer import TextInput, Tokenizer

__all__ = ["TFIDF", "TextRank", "extract_tags", "textrank", "set_idf_path", "set_stop_words",
           "default_tfidf", "default_textrank"]


class _KeywordExtractor:
    """What TF-IDF and TextRank share: the tokenizer, the IDF table and the stop words."""

    _textrank = False

    def __init__(self, idf_path: str | os.PathLike[str] | None = None,
                 tokenizer: Tokenizer | None = None) -> None:
        self._tokenizer = tokenizer
        self.idf_path: str | None = None if idf_path is None else _existing(idf_path)
        self.stop_words_path: str | None = None

    @property
    def tokenizer(self) -> Tokenizer:
        """The tokenizer whose words are used (``segtool.dt`` unless one was given)."""
        if self._tokenizer is None:
            from . import dt
            return dt
        return self._tokenizer

    @tokenizer.setter
    def tokenizer(self, value: Tokenizer) -> None:
        self._tokenizer = value

    def set_stop_words(self, stop_words_path: str | os.PathLike[str]) -> None:
        """Uses the stop words in this file (one a line) *instead of* the built-in list (jieba
        adds them to its own)."""
        self.stop_words_path = _existing(stop_words_path)

    @overload
    def extract_tags(self, sentence: TextInput, topK: int | None = 20,
                     withWeight: Literal[False] = False, allowPOS: Iterable[str] = (),
                     withFlag: bool = False) -> list[str]: ...
    @overload
    def extract_tags(self, sentence: TextInput, topK: int | None = 20, *,
                     withWeight: Literal[True], allowPOS: Iterable[str] = (),
                     withFlag: bool = False) -> list[tuple[str, float]]: ...

    def extract_tags(self, sentence: TextInput, topK: int | None = 20, withWeight: bool = False,
                     allowPOS: Iterable[str] = (), withFlag: bool = False,
                     ) -> list[str] | list[tuple[str, float]]:
        """The top ``topK`` keywords of ``sentence``, best first.

        Args:
            sentence: the text (``str`` or UTF-8 ``bytes``).
            topK: how many (``None``: 20).
            withWeight: return ``(word, weight)`` pairs instead of words.
            allowPOS: keep only words whose dictionary tag is one of these (``ns``, ``nt``, ``nz``,
                ``nr`` …). Only words of the lexicon have tags here; words that come from ICU
                have none, so a filter keeps dictionary words only. ``()``: no filter.
            withFlag: not supported (``True`` raises ``ValueError``): words carry no POS flag.

        Raises:
            InvalidUTF8Error, TypeError: as for ``cut``.
            DictionaryError: the IDF or stop-word file cannot be read.
        """
        if withFlag:
            raise ValueError("segtool: withFlag is not supported (keywords carry no POS flag)")
        top = 20 if topK is None else int(topK)
        pairs = self.tokenizer._keywords(sentence, top, self._textrank, allowPOS, self.idf_path,
                                         self.stop_words_path)
        return pairs if withWeight else [word for word, _ in pairs]


class TFIDF(_KeywordExtractor):
    """TF-IDF keywords (``jieba.analyse.TFIDF``): weight = (1 + ln tf) · idf, idf from the built-in
    table of political news or ``idf_path`` (``word idf`` a line); unknown words get the
    table's median idf."""

    def set_idf_path(self, idf_path: str | os.PathLike[str]) -> None:
        """Uses this IDF table (``word idf`` a line, ``#`` comments) instead of the built-in
        one."""
        self.idf_path = _existing(idf_path)


class TextRank(_KeywordExtractor):
    """TextRank keywords (``jieba.analyse.TextRank``): PageRank (d = 0.85, 20 iterations)
    over co-occurrence within a window of 5 candidates; weights scaled so that the best is 1.

    Unlike jieba, ``allowPOS`` defaults to ``()`` (no filter): jieba's default
    ``('ns', 'n', 'vn', 'v')`` would keep only tagged lexicon words here."""

    _textrank = True

    def __init__(self, tokenizer: Tokenizer | None = None) -> None:
        super().__init__(None, tokenizer)

    textrank = _KeywordExtractor.extract_tags


def _existing(path: str | os.PathLike[str]) -> str:
    name = os.fspath(path)
    if not os.path.isfile(name):
        raise FileNotFoundError(f"segtool: file not found: {name}")
    return os.path.abspath(name)


#: The extractors behind the module's functions (over ``segtool.dt``).
default_tfidf = TFIDF()
default_textrank = TextRank()

#: TF-IDF keywords with the default tokenizer: ``extract_tags(sentence, topK=20,
#: withWeight=False, allowPOS=(), withFlag=False)``.
extract_tags = default_tfidf.extract_tags
#: TextRank keywords with the default tokenizer (same arguments; ``allowPOS`` defaults to ``()``).
textrank = default_textrank.extract_tags
#: Sets the IDF table of ``extract_tags``.
set_idf_path = default_tfidf.set_idf_path


def set_stop_words(stop_words_path: str | os.PathLike[str]) -> None:
    """Uses these stop words (one a line) in ``extract_tags`` and ``textrank``, *instead of*
    the built-in list (jieba adds them to its own)."""
    default_tfidf.set_stop_words(stop_words_path)
    default_textrank.set_stop_words(stop_words_path)
