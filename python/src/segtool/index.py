"""``segtool.Index``: search, documents and trends of a segtool index from Python.

An index is a directory built by ``segtool index build`` (or ``Index.create`` and ``add``).
Results are plain dicts and lists of dicts, which ``pandas.DataFrame`` takes as they are::

    >>> index = segtool.Index("news.idx")                               # doctest: +SKIP
    >>> index.search("乡村振兴 -北京", top=5, rank="bm25")[0]["id"]        # doctest: +SKIP
    >>> pandas.DataFrame(index.trend(["共同富裕", "乡村振兴"], by="year"))  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from . import _native

__all__ = ["Index"]


def _utf8(value: object, what: str) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    raise TypeError(f"segtool: {what} must be a str, got {type(value).__name__}")


class Index:
    """A segtool index (a directory), opened for searching.

    Searches see the index as it was at open (a snapshot), after this object's own ``add``, or
    after ``reload()``; other processes may write meanwhile. Safe to search from many threads
    (the GIL is released while a search runs).

    Args:
        path: the index directory.

    Raises:
        IndexFileError: there is no index there, or it is damaged (with the file).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self._handle = _native.IndexHandle(self.path, create=False)

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> Index:
        """Creates an index in ``path`` (a new or empty directory; an index already there is
        opened) with the default analysis: the built-in lexicon, search-mode words."""
        index = cls.__new__(cls)
        index.path = os.fspath(path)
        index._handle = _native.IndexHandle(index.path, create=True)
        return index

    def __repr__(self) -> str:
        return f"<segtool.Index {self.path!r}: {len(self)} documents>"

    def __len__(self) -> int:
        """The number of documents (in this object's snapshot)."""
        return self._handle.document_count()

    def reload(self) -> None:
        """Sees the index's last commit (made by another process or object) from now on."""
        self._handle.reload()

    def add(self, documents: Iterable[Mapping[str, Any]]) -> int:
        """Adds documents and commits; returns how many.

        Each document is a mapping with ``id`` and ``text``, and optionally ``title`` and
        ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or a ``datetime.date``): a dict, or
        the records of a DataFrame (``df.to_dict("records")``). A document whose id is already
        in the index replaces it. One writer at a time: ``IndexFileError`` when another holds
        the index.

        Raises:
            ValueError: a document without id or text, or with a bad date (nothing is added).
        """
        batch = []
        for number, document in enumerate(documents):
            if "id" not in document or "text" not in document:
                raise ValueError(f"segtool: document {number} needs an `id` and a `text`")
            date = document.get("date")
            if date is not None and hasattr(date, "isoformat"):
                date = date.isoformat()[:10]
            title = document.get("title")
            batch.append((_utf8(str(document["id"]), "id"),
                          None if title is None else _utf8(title, "title"),
                          _utf8(document["text"], "text"),
                          None if date is None else _utf8(date, "date")))
        self._handle.add(batch)
        return len(batch)

    def search(self, q: str, top: int = 10, rank: Literal["bm25", "tfidf"] = "bm25",
               passages: bool = False, *, offset: int = 0, date_from: str | None = None,
               date_to: str | None = None) -> list[dict[str, Any]]:
        """The best hits for a query, best first.

        Query syntax as ``segtool search``: words are ANDed, ``a OR b`` gives alternatives,
        ``-word`` excludes, ``"quoted words"`` must be adjacent.

        Returns:
            One dict per hit: ``id``, ``title``, ``score``, ``date`` (or None), ``fields``,
            ``passage`` (the passage's number), ``passage_byte_start``/``passage_byte_end``
            (UTF-8 offsets in the document's text), ``snippet`` (the passage cut around its
            first match) and ``highlights`` (``[start, end]`` character offsets in the snippet).

        Raises:
            QueryError: an unclosed quote, nothing to find, or over a limit.
            ValueError: an unknown rank, a bad date.
        """
        if rank not in ("bm25", "tfidf"):
            raise ValueError(f'segtool: rank must be "bm25" or "tfidf", not {rank!r}')
        if top < 1 or offset < 0:
            raise ValueError("segtool: top must be at least 1 and offset not negative")
        text = self._handle.search(
            _utf8(q, "query"), top, offset, rank == "tfidf", passages,
            None if date_from is None else _utf8(date_from, "date_from"),
            None if date_to is None else _utf8(date_to, "date_to"))
        hits: list[dict[str, Any]] = json.loads(text)
        return hits

    def document(self, id: str) -> dict[str, Any] | None:
        """The stored document with this id: ``id``, ``title``, ``text``, ``date``, ``fields``
        and ``passages`` (``[byte_start, byte_end]`` in the text), or None."""
        result: dict[str, Any] | None = json.loads(self._handle.document(_utf8(id, "id")))
        return result

    def trend(self, terms: str | Iterable[str], by: Literal["year", "month"] = "year",
              ) -> list[dict[str, Any]]:
        """How often each term (or ``"quoted phrase"``) was used, period by period.

        Returns:
            Rows (one per period and term, periods from the first dated document's to the
            last's, empty ones included) with ``period`` (``YYYY`` or ``YYYY-MM``), ``term``,
            ``documents`` (containing it), ``occurrences``, ``period_documents``,
            ``period_words`` and ``per_10k_words``: ``pandas.DataFrame(rows)`` as it is.
            Undated documents are left out.
        """
        if by not in ("year", "month"):
            raise ValueError(f'segtool: by must be "year" or "month", not {by!r}')
        names = [terms] if isinstance(terms, str) else list(terms)
        if not names:
            raise ValueError("segtool: trend needs at least one term")
        rows: list[dict[str, Any]] = json.loads(
            self._handle.trend([_utf8(t, "term") for t in names], by == "month"))
        return rows
