"""The only module that touches C: segtool's C API (``segtool.h``, ``segtool_bindings.h``)
through ctypes.

ctypes releases the GIL for the duration of every foreign call, so segmenting in several
Python threads runs on several cores. Each thread keeps its own reusable result structs and
output buffer (``threading.local``), as the C API wants one result struct per thread.
"""

from __future__ import annotations

import ctypes
import os
import threading
from ctypes import (POINTER, Structure, byref, c_char_p, c_double, c_int, c_int64, c_size_t,
                    c_uint8, c_uint32, c_void_p)
from pathlib import Path
from typing import Any, NoReturn

from .errors import DictionaryError, IndexFileError, InvalidUTF8Error, QueryError, SegtoolError

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

#: A segtool_token is 5 uint64 words: byte_start, byte_end, char_start, char_end, and one word
#: holding kind (byte 0), source (byte 1) and is_subword (byte 2).
TOKEN_FIELDS = 5


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
    declare("segtool_segment_words", c_int, c_void_p, c_char_p, c_size_t, c_uint32, c_uint8,
            POINTER(_Tokens), c_void_p, c_size_t, POINTER(c_size_t), _ErrorOut)
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

# segtool_segment_words without argtypes, for the hot path (see Segmenter.words): the caller
# passes ctypes objects of the declared types, and small ints only for the uint32 mode and
# the uint8 separator.
_segment_words_fast = ctypes.CDLL(_library_path()).segtool_segment_words
_segment_words_fast.restype = c_int

#: The C library's version string, e.g. "0.1.0".
LIBRARY_VERSION: str = _lib.segtool_version().decode("utf-8")


def _raise(status: int, error_pointer: Any, data: bytes | None = None) -> NoReturn:
    """Turns a failed call's status and error object into an exception (and frees the error)."""
    message, path, line, offset = f"segtool: error {status}", None, None, None
    if error_pointer:
        error = error_pointer.contents
        message = (error.message or b"").decode("utf-8", "replace") or message
        path = error.path.decode("utf-8", "replace") if error.path else None
        line = error.line if error.line >= 0 else None
        offset = error.byte_offset if error.byte_offset >= 0 else None
        _lib.segtool_error_free(error_pointer)
    if status == INVALID_UTF8 and data is not None and offset is not None:
        raise InvalidUTF8Error(data, offset)
    if status in (FILE_ERROR, DICTIONARY_SYNTAX, DICTIONARY_UTF8, IDF_SYNTAX):
        raise DictionaryError(message, file=path, line=line, offset=offset)
    if status == INDEX_ERROR:
        raise IndexFileError(message, file=path, line=line, offset=offset)
    if status == QUERY_ERROR:
        raise QueryError(message)
    if status == INVALID_ARGUMENT:
        raise ValueError(f"segtool: {message}")
    raise SegtoolError(message, file=path, line=line, offset=offset)


class _ThreadScratch:
    """One thread's reusable result structs and output buffer (freed with the thread)."""

    def __init__(self) -> None:
        self.tokens = _Tokens()
        self.tokens_ref = byref(self.tokens)
        self.length = c_size_t(0)
        self.length_ref = byref(self.length)
        self.error = POINTER(_Error)()
        self.error_ref = byref(self.error)
        self.keywords = _KeywordArray()
        self.capacity = 0
        self.reserve(1 << 16)

    def reserve(self, capacity: int) -> None:
        """Makes the output buffer hold at least `capacity` bytes (old contents are lost)."""
        if capacity > self.capacity:
            self.set_capacity(max(capacity, 2 * self.capacity))

    def trim(self) -> None:
        """After a huge text: gives back the memory of its tokens and output, so that a thread
        does not keep hundreds of MB for the rest of its life."""
        _lib.segtool_tokens_free(byref(self.tokens))
        if self.capacity > _KEPT_CAPACITY:
            self.set_capacity(_KEPT_CAPACITY)

    def set_capacity(self, capacity: int) -> None:
        self.capacity = capacity
        self.buffer = bytearray(self.capacity)
        self.view = memoryview(self.buffer)
        # Safe because: the bytearray is never resized while these exist (a new one
        # replaces it), and `self` keeps it alive as long as the address is used.
        self.buffer_address = c_void_p(ctypes.addressof(
            (ctypes.c_char * self.capacity).from_buffer(self.buffer)))
        # The last five arguments of segtool_segment_words, ready for the hot path.
        self.tail = (self.tokens_ref, self.buffer_address, c_size_t(self.capacity),
                     self.length_ref, self.error_ref)

    def __del__(self) -> None:
        lib = _lib
        if lib is not None:
            lib.segtool_tokens_free(byref(self.tokens))
            lib.segtool_keyword_array_free(byref(self.keywords))


_local = threading.local()
#: Texts longer than this (bytes) have their thread's buffers trimmed after the call.
_TRIM_ABOVE = 1 << 22
_KEPT_CAPACITY = 1 << 16


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

    # -------------------------------------------------------------- segmenting

    def words(self, data: bytes, search: bool) -> list[str]:
        """The tokens of ``data`` (UTF-8 without NUL bytes) as strings: the C API writes them
        into this thread's buffer separated by NUL bytes, and one ``split`` makes the strings.

        The hot path of ``lcut``: the call goes through ``_segment_words_fast`` (no argtypes;
        every argument is already a ctypes object or a small int, so ctypes converts nothing).
        """
        try:
            s = _local.scratch
        except AttributeError:
            s = _local.scratch = _ThreadScratch()
        length = len(data)
        # Precise tokens tile the text: at most `length` bytes plus a separator per token.
        if (3 * length + 64 if search else 2 * length + 1) > s.capacity:
            s.reserve(3 * length + 64 if search else 2 * length + 1)
        status = _segment_words_fast(self._handle, data, c_size_t(length), search, 0, *s.tail)
        if status:
            _raise(status, s.error, data)
        needed = s.length.value
        if needed > s.capacity:  # search mode with many sub-words: once more with room
            s.reserve(needed)
            status = _segment_words_fast(self._handle, data, c_size_t(length), search, 0, *s.tail)
            if status:
                _raise(status, s.error, data)
            needed = s.length.value
        if not needed:
            return []
        words = str(s.view[:needed], "utf-8").split("\x00")
        if length > _TRIM_ABOVE:
            s.trim()
        return words

    def token_table(self, data: bytes, search: bool) -> list[int]:
        """The tokens of ``data`` as a flat list, ``TOKEN_FIELDS`` integers a token."""
        s = _scratch()
        status = _lib.segtool_segment(self._handle, data, len(data), search, s.tokens_ref,
                                      s.error_ref)
        if status != OK:
            _raise(status, s.error, data)
        count = s.tokens.count
        if count == 0:
            return []
        raw = ctypes.string_at(s.tokens.tokens, count * TOKEN_FIELDS * 8)
        if len(data) > _TRIM_ABOVE:
            s.trim()
        return memoryview(raw).cast("Q").tolist()

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
