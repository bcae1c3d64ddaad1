"""The modules that touch C: segtool's C API (``segtool.h``, ``segtool_bindings.h``) through
ctypes here, and the hot calls (segmenting) through the extension module ``_ext`` (``_ext.c``).

ctypes loads the library (the bundled one, or $SEGTOOL_LIBRARY) and hands ``_ext`` the addresses
of the functions it calls, so both use one copy of it. ``_ext`` releases the GIL around each
segmentation, so segmenting in several Python threads runs on several cores; ctypes releases it
in every other foreign call. Each thread keeps its own reusable result structs
(``threading.local`` here, a thread-specific key in ``_ext``), as the C API wants one result
struct per thread.
"""

from __future__ import annotations

import ctypes
import os
import threading
from ctypes import (POINTER, Structure, byref, c_char_p, c_double, c_int, c_int64, c_size_t,
                    c_uint32, c_void_p)
from pathlib import Path
from typing import Any, NoReturn

from .errors import DictionaryError, IndexFileError, InvalidUTF8Error, QueryError, SegtoolError
from .token import KINDS, SOURCES, Token

#: SEGTOOL_API_VERSION of the header this module follows.
API_VERSION = 1

# segtool_status
OK = 0
INVALID_ARGUMENT = 1
INVALID_UTF8 = 2
FILE_ERROR = 3
DICTIONARY_SYNTAX = 4
DICTIONARY_UTF8 = 5
IDF_SYNTAX = 6
INDEX_ERROR = 20
QUERY_ERROR = 21
NO_BUILTIN_LEXICON = 1 << 0
FOLD_TRADITIONAL = 1 << 2

class _Error(Structure):
    _fields_ = [("code", c_int), ("message", c_char_p), ("path", c_char_p),
                ("line", c_int64), ("byte_offset", c_int64)]


class _Options(Structure):
    _fields_ = [("size", c_uint32), ("flags", c_uint32),
                ("user_dictionaries", POINTER(c_char_p)), ("user_dictionary_count", c_size_t)]


class _Tokens(Structure):
    _fields_ = [("tokens", c_void_p), ("count", c_size_t), ("internal_", c_void_p)]


class _KeywordOptions(Structure):
    _fields_ = [("size", c_uint32), ("allow_single", c_uint32), ("idf_path", c_char_p),
                ("stop_words_path", c_char_p), ("no_stop_words", c_uint32),
                ("reserved_", c_uint32)]


class _Keyword(Structure):
    _fields_ = [("word", c_void_p), ("length", c_size_t), ("weight", c_double)]


class _KeywordArray(Structure):
    _fields_ = [("keywords", POINTER(_Keyword)), ("count", c_size_t), ("internal_", c_void_p)]


class _IndexInput(Structure):
    _fields_ = [("id", c_char_p), ("title", c_char_p), ("text", c_char_p),
                ("text_length", c_size_t), ("date", c_char_p)]


class _JSON(Structure):
    _fields_ = [("data", c_void_p), ("length", c_size_t), ("internal_", c_void_p)]


class _SearchOptions(Structure):
    _fields_ = [("size", c_uint32), ("rank", c_uint32), ("passages", c_uint32),
                ("reserved_", c_uint32), ("top", c_size_t), ("offset", c_size_t),
                ("from_", c_char_p), ("to", c_char_p)]


_ErrorOut = POINTER(POINTER(_Error))


def _library_path() -> str:
    """$SEGTOOL_LIBRARY when set (a development build), else the library bundled in the
    package (``segtool/_lib/libsegtool-c.so``)."""
    given = os.environ.get("SEGTOOL_LIBRARY")
    if given:
        return given
    bundled = Path(__file__).resolve().parent / "_lib" / "libsegtool-c.so"
    if not bundled.is_file():
        raise ImportError(f"segtool: the native library is missing ({bundled}); reinstall the "
                          "package (`pip install ./python` builds it) or set SEGTOOL_LIBRARY")
    return str(bundled)


def _load() -> ctypes.CDLL:
    path = _library_path()
    try:
        lib = ctypes.CDLL(path)
    except OSError as error:
        raise ImportError(f"segtool: cannot load {path}: {error} (it needs ICU 72: on Debian "
                          "12, `apt-get install libicu72`)") from None

    def declare(name: str, restype: Any, *argtypes: Any) -> None:
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes

    declare("segtool_version", c_char_p)
    declare("segtool_api_version", c_int)
    declare("segtool_error_free", None, POINTER(_Error))
    declare("segtool_options_init", None, POINTER(_Options))
    declare("segtool_segmenter_open", c_int, POINTER(_Options), POINTER(c_void_p), _ErrorOut)
    declare("segtool_segmenter_free", None, c_void_p)
    declare("segtool_tokens_free", None, POINTER(_Tokens))
    declare("segtool_segment", c_int, c_void_p, c_char_p, c_size_t, c_uint32, POINTER(_Tokens),
            _ErrorOut)
    declare("segtool_add_word", c_int, c_void_p, c_char_p, c_size_t, c_int64, c_char_p, _ErrorOut)
    declare("segtool_remove_word", c_int, c_void_p, c_char_p, c_size_t, POINTER(c_int), _ErrorOut)
    declare("segtool_load_dictionary", c_int, c_void_p, c_char_p, _ErrorOut)
    declare("segtool_load_dictionary_data", c_int, c_void_p, c_char_p, c_size_t, c_char_p,
            _ErrorOut)
    declare("segtool_lookup_word", c_int, c_void_p, c_char_p, c_size_t, POINTER(c_int),
            POINTER(c_int64), c_char_p, c_size_t, _ErrorOut)
    declare("segtool_keywords_open", c_int, c_void_p, POINTER(_KeywordOptions),
            POINTER(c_void_p), _ErrorOut)
    declare("segtool_keywords_free", None, c_void_p)
    declare("segtool_keyword_array_free", None, POINTER(_KeywordArray))
    declare("segtool_extract_keywords", c_int, c_void_p, c_char_p, c_size_t, c_uint32, c_size_t,
            POINTER(c_char_p), c_size_t, POINTER(_KeywordArray), _ErrorOut)
    declare("segtool_index_open", c_int, c_char_p, POINTER(c_void_p), _ErrorOut)
    declare("segtool_index_create", c_int, c_char_p, POINTER(c_void_p), _ErrorOut)
    declare("segtool_index_free", None, c_void_p)
    declare("segtool_index_reload", c_int, c_void_p, _ErrorOut)
    declare("segtool_index_document_count", c_int, c_void_p, POINTER(c_size_t), _ErrorOut)
    declare("segtool_index_add", c_int, c_void_p, POINTER(_IndexInput), c_size_t, _ErrorOut)
    declare("segtool_json_free", None, POINTER(_JSON))
    declare("segtool_index_search", c_int, c_void_p, c_char_p, c_size_t, POINTER(_SearchOptions),
            POINTER(_JSON), _ErrorOut)
    declare("segtool_index_document", c_int, c_void_p, c_char_p, c_size_t, POINTER(_JSON),
            _ErrorOut)
    declare("segtool_index_trend", c_int, c_void_p, POINTER(c_char_p), c_size_t, c_uint32,
            POINTER(_JSON), _ErrorOut)
    if lib.segtool_api_version() != API_VERSION:
        raise ImportError(f"segtool: {path} implements C API version "
                          f"{lib.segtool_api_version()}, this package needs {API_VERSION}")
    return lib


_lib = _load()

#: The C library's version string, e.g. "0.1.0".
LIBRARY_VERSION: str = _lib.segtool_version().decode("utf-8")


def _raise(status: int, error_pointer: Any, data: bytes | None = None) -> NoReturn:
    """Turns a failed call's status and error object into an exception (and frees the error)."""
    message, path, line, offset = f"segtool: error {status}", None, None, None
    if error_pointer:
        error = error_pointer.contents
        message = (error.message or b"").decode("utf-8", "replace") or message
        path = error.path.decode("utf-8", "replace") if error.path else None
        line = error.line
        offset = error.byte_offset
        _lib.segtool_error_free(error_pointer)
    _raise_error(status, message, path, line, offset, data)


def _raise_error(status: int, message: str, path: str | None, line: int, offset: int,
                 data: bytes | None) -> NoReturn:
    """Raises the exception for a failed call: `line` and `offset` are -1 when unknown, `data`
    the text (bytes) of a segmenting call. ``_ext`` calls this too."""
    line_or_none = line if line >= 0 else None
    offset_or_none = offset if offset >= 0 else None
    if status == INVALID_UTF8 and data is not None and offset_or_none is not None:
        raise InvalidUTF8Error(data, offset_or_none)
    if status in (FILE_ERROR, DICTIONARY_SYNTAX, DICTIONARY_UTF8, IDF_SYNTAX):
        raise DictionaryError(message, file=path, line=line_or_none, offset=offset_or_none)
    if status == INDEX_ERROR:
        raise IndexFileError(message, file=path, line=line_or_none, offset=offset_or_none)
    if status == QUERY_ERROR:
        raise QueryError(message)
    if status == INVALID_ARGUMENT:
        raise ValueError(f"segtool: {message}")
    raise SegtoolError(message, file=path, line=line_or_none, offset=offset_or_none)


def _address(function: Any) -> int:
    """The address of a function of the library, as an int."""
    address = ctypes.cast(function, c_void_p).value
    if not address:
        raise ImportError(f"segtool: no address for {function}")
    return address


try:
    from . import _ext
except ImportError as error:
    raise ImportError(f"segtool: the extension module segtool._ext is missing or cannot be "
                      f"loaded ({error}); reinstall the package (`pip install ./python`)") from None

_ext.bind(_address(_lib.segtool_segment), _address(_lib.segtool_tokens_free),
          _address(_lib.segtool_error_free), _raise_error, Token, KINDS, SOURCES)


class _ThreadScratch:
    """One thread's reusable result structs (freed with the thread)."""

    def __init__(self) -> None:
        self.error = POINTER(_Error)()
        self.error_ref = byref(self.error)
        self.keywords = _KeywordArray()

    def __del__(self) -> None:
        lib = _lib
        if lib is not None:
            lib.segtool_keyword_array_free(byref(self.keywords))


_local = threading.local()


def _scratch() -> _ThreadScratch:
    try:
        scratch: _ThreadScratch = _local.scratch
        return scratch
    except AttributeError:
        scratch = _local.scratch = _ThreadScratch()
        return scratch


class Segmenter:
    """A ``segtool_segmenter *`` (freed when this object goes). Safe to share between threads:
    the C API takes a snapshot of the words for each call."""

    __slots__ = ("_handle", "__weakref__")

    def __init__(self, handle: c_void_p) -> None:
        self._handle: c_void_p | None = handle

    @classmethod
    def open(cls, builtin: bool, dictionaries: list[str], fold_traditional: bool = False) -> Segmenter:
        options = _Options()
        _lib.segtool_options_init(byref(options))
        if not builtin:
            options.flags = NO_BUILTIN_LEXICON
        if fold_traditional:
            options.flags |= FOLD_TRADITIONAL
        encoded = [os.fsencode(path) for path in dictionaries]
        array = (c_char_p * max(len(encoded), 1))(*encoded)
        options.user_dictionaries = array
        options.user_dictionary_count = len(encoded)
        handle = c_void_p()
        error = POINTER(_Error)()
        status = _lib.segtool_segmenter_open(byref(options), byref(handle), byref(error))
        if status != OK:
            _raise(status, error)
        return cls(handle)

    def __del__(self) -> None:
        lib = _lib
        if lib is not None and self._handle:
            lib.segtool_segmenter_free(self._handle)
            self._handle = None

    @property
    def address(self) -> int:
        """The handle as an int, for ``_ext``'s calls (valid while this object lives)."""
        return self._handle.value if self._handle else 0

    # -------------------------------------------------------------- words

    def add_word(self, word: str, freq: int | None, tag: str | None) -> None:
        data = word.encode("utf-8")
        error = POINTER(_Error)()
        status = _lib.segtool_add_word(self._handle, data, len(data), -1 if freq is None else freq,
                                       None if tag is None else tag.encode("utf-8"), byref(error))
        if status != OK:
            _raise(status, error)

    def remove_word(self, word: str) -> bool:
        data = word.encode("utf-8")
        removed = c_int(0)
        error = POINTER(_Error)()
        status = _lib.segtool_remove_word(self._handle, data, len(data), byref(removed),
                                          byref(error))
        if status != OK:
            _raise(status, error)
        return bool(removed.value)

    def load_dictionary(self, path: str) -> None:
        error = POINTER(_Error)()
        status = _lib.segtool_load_dictionary(self._handle, os.fsencode(path), byref(error))
        if status != OK:
            _raise(status, error)

    def load_dictionary_data(self, data: bytes, name: str) -> None:
        error = POINTER(_Error)()
        status = _lib.segtool_load_dictionary_data(self._handle, data, len(data),
                                                   name.encode("utf-8", "replace"), byref(error))
        if status != OK:
            _raise(status, error)

    def lookup(self, word: str) -> tuple[int | None, str | None] | None:
        """(frequency, tag) of a word in the lexicon, or None when it is not there."""
        data = word.encode("utf-8")
        found, frequency = c_int(0), c_int64(-1)
        tag = ctypes.create_string_buffer(64)
        error = POINTER(_Error)()
        status = _lib.segtool_lookup_word(self._handle, data, len(data), byref(found),
                                          byref(frequency), tag, len(tag), byref(error))
        if status != OK:
            _raise(status, error)
        if not found.value:
            return None
        return (None if frequency.value < 0 else frequency.value,
                tag.value.decode("utf-8") or None)


class KeywordExtractor:
    """A ``segtool_keyword_extractor *``: the segmenter's words when it was opened, an IDF table
    and stop words."""

    __slots__ = ("_handle",)

    def __init__(self, segmenter: Segmenter, idf_path: str | None = None,
                 stop_words_path: str | None = None, allow_single: bool = False) -> None:
        self._handle = None
        options = _KeywordOptions()
        options.size = ctypes.sizeof(_KeywordOptions)
        options.allow_single = int(allow_single)
        options.idf_path = None if idf_path is None else os.fsencode(idf_path)
        options.stop_words_path = None if stop_words_path is None else os.fsencode(stop_words_path)
        handle = c_void_p()
        error = POINTER(_Error)()
        status = _lib.segtool_keywords_open(segmenter._handle, byref(options), byref(handle),
                                            byref(error))
        if status != OK:
            _raise(status, error)
        self._handle = handle

    def __del__(self) -> None:
        lib = _lib
        if lib is not None and self._handle:
            lib.segtool_keywords_free(self._handle)
            self._handle = None

    def extract(self, data: bytes, top: int, textrank: bool,
                tags: list[str]) -> list[tuple[str, float]]:
        s = _scratch()
        encoded = [tag.encode("utf-8") for tag in tags]
        array = (c_char_p * max(len(encoded), 1))(*encoded)
        status = _lib.segtool_extract_keywords(self._handle, data, len(data), int(textrank), top,
                                               array, len(encoded), byref(s.keywords), s.error_ref)
        if status != OK:
            _raise(status, s.error, data)
        result = []
        for i in range(s.keywords.count):
            keyword = s.keywords.keywords[i]
            word = ctypes.string_at(keyword.word, keyword.length).decode("utf-8")
            result.append((word, keyword.weight))
        return result


class IndexHandle:
    """A ``segtool_index *`` (segtool_index.h): search, documents and trends as JSON."""

    __slots__ = ("_handle",)

    def __init__(self, path: str, create: bool) -> None:
        self._handle: c_void_p | None = None
        handle = c_void_p()
        error = POINTER(_Error)()
        opener = _lib.segtool_index_create if create else _lib.segtool_index_open
        status = opener(os.fsencode(path), byref(handle), byref(error))
        if status != OK:
            _raise(status, error)
        self._handle = handle

    def __del__(self) -> None:
        lib = _lib
        if lib is not None and self._handle:
            lib.segtool_index_free(self._handle)
            self._handle = None

    def _json(self, call: Any, *arguments: Any) -> str:
        out = _JSON()
        error = POINTER(_Error)()
        try:
            status = call(self._handle, *arguments, byref(out), byref(error))
            if status != OK:
                _raise(status, error)
            return ctypes.string_at(out.data, out.length).decode("utf-8")
        finally:
            _lib.segtool_json_free(byref(out))

    def search(self, query: bytes, top: int, offset: int, tfidf: bool, passages: bool,
               date_from: bytes | None, date_to: bytes | None) -> str:
        options = _SearchOptions()
        options.size = ctypes.sizeof(_SearchOptions)
        options.rank = int(tfidf)
        options.passages = int(passages)
        options.top = top
        options.offset = offset
        options.from_ = date_from
        options.to = date_to
        return self._json(_lib.segtool_index_search, query, len(query), byref(options))

    def document(self, key: bytes) -> str:
        return self._json(_lib.segtool_index_document, key, len(key))

    def trend(self, terms: list[bytes], by_month: bool) -> str:
        array = (c_char_p * len(terms))(*terms)
        return self._json(_lib.segtool_index_trend, array, len(terms), int(by_month))

    def document_count(self) -> int:
        count = c_size_t(0)
        error = POINTER(_Error)()
        status = _lib.segtool_index_document_count(self._handle, byref(count), byref(error))
        if status != OK:
            _raise(status, error)
        return count.value

    def reload(self) -> None:
        error = POINTER(_Error)()
        status = _lib.segtool_index_reload(self._handle, byref(error))
        if status != OK:
            _raise(status, error)

    def add(self, documents: list[tuple[bytes, bytes | None, bytes, bytes | None]]) -> None:
        array = (_IndexInput * max(len(documents), 1))()
        for slot, (key, title, text, date) in zip(array, documents):
            slot.id, slot.title, slot.text, slot.text_length, slot.date = key, title, text, len(text), date
        error = POINTER(_Error)()
        status = _lib.segtool_index_add(self._handle, array, len(documents), byref(error))
        if status != OK:
            _raise(status, error)
