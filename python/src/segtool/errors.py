"""The exceptions segtool raises, each carrying what a user needs to find the problem."""

from __future__ import annotations

__all__ = ["SegtoolError", "InvalidUTF8Error", "DictionaryError", "IndexFileError", "QueryError"]


class SegtoolError(Exception):
    """Base class of segtool's errors.

    Attributes:
        message: what went wrong, in words.
        file: the file concerned (a dictionary, an index directory), or None.
        line: the 1-based line in ``file``, or None.
        offset: a byte offset (into the text, or into ``file``), or None.
    """

    message: str
    file: str | None
    line: int | None
    offset: int | None

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.offset = offset

    def __str__(self) -> str:
        return self.message


class InvalidUTF8Error(SegtoolError, UnicodeDecodeError):
    """The text given as ``bytes`` is not valid UTF-8.

    Also a ``UnicodeDecodeError`` (so also a ``ValueError``): ``start`` and ``offset`` are the
    byte offset of the first bad byte, ``object`` the bytes.
    """

    def __init__(self, data: bytes, offset: int) -> None:
        UnicodeDecodeError.__init__(self, "utf-8", data, offset, min(offset + 1, len(data)),
                                    "invalid UTF-8")
        self.message = f"invalid UTF-8 at byte offset {offset}"
        self.file = None
        self.line = None
        self.offset = offset

    def __str__(self) -> str:
        return self.message


class DictionaryError(SegtoolError, ValueError):
    """A dictionary (file, file object or word) could not be read or is malformed.

    ``file`` names the dictionary, ``line`` the 1-based line (when known), ``offset`` the byte
    offset within the file of a bad UTF-8 sequence (when that is the problem).
    """



class IndexFileError(SegtoolError):
    """An index could not be opened, read or written: missing, damaged, locked by another
    writer, or an I/O error. ``file`` names the directory or file concerned."""


class QueryError(SegtoolError, ValueError):
    """A search query that cannot be run: an unclosed quote, nothing to find (only exclusions
    or stop words), or over a limit (terms, phrase length, results)."""
