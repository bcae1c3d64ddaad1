"""Token objects: a word with its character and byte offsets, kind and source."""

from __future__ import annotations

import enum
from typing import NamedTuple

__all__ = ["Kind", "Source", "Token"]


class Kind(str, enum.Enum):
    """What a token is made of, judged by its first character (a dictionary word that contains
    a Han character is ideographic). A ``str`` enum: ``Kind.NUMBER == "number"``."""

    IDEOGRAPHIC = "ideographic"
    NUMBER = "number"
    LETTERS = "letters"
    PUNCTUATION = "punctuation"
    SYMBOL = "symbol"
    WHITESPACE = "whitespace"

    def __str__(self) -> str:
        return self.value


class Source(str, enum.Enum):
    """Which part of the segmenter decided a token. A ``str`` enum: ``Source.RULE == "rule"``."""

    #: ICU's word break iterator (or a piece of an ICU word cut by a dictionary word).
    ICU = "icu"
    #: The built-in political lexicon.
    BUILTIN = "builtin"
    #: A user dictionary, or a word added with ``add_word``.
    USER = "user"
    #: A rule: numbers with their units, dates, ordinals, hyphenated codes.
    RULE = "rule"

    def __str__(self) -> str:
        return self.value


# The C API's numbering (Token.Kind and Token.Source raw values in the Swift library).
KINDS: tuple[Kind, ...] = (Kind.IDEOGRAPHIC, Kind.NUMBER, Kind.LETTERS, Kind.PUNCTUATION,
                           Kind.SYMBOL, Kind.WHITESPACE)
SOURCES: tuple[Source, ...] = (Source.ICU, Source.BUILTIN, Source.USER, Source.RULE)


class Token(NamedTuple):
    """One token of a segmentation.

    ``start``/``end`` are character offsets into the ``str`` that was segmented
    (``text[start:end] == token.word``); ``byte_start``/``byte_end`` are offsets into its
    UTF-8 encoding. In precise mode the tokens tile the text; in search mode the sub-words of
    a long token follow it, with ``subword`` set.

    >>> import segtool
    >>> segtool.tokens("推进中国式现代化")[0]
    Token(word='推进', start=0, end=2, byte_start=0, byte_end=6, kind=<Kind.IDEOGRAPHIC: 'ideographic'>, source=<Source.ICU: 'icu'>, subword=False)
    """

    word: str
    start: int
    end: int
    byte_start: int
    byte_end: int
    kind: Kind
    source: Source
    subword: bool
