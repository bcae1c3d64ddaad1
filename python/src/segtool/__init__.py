"""segtool: Chinese word segmentation for political and government text, with jieba's API.

Replace ``import jieba`` with ``import segtool as jieba`` (and ``jieba.analyse`` with
``segtool.analyse``)::

    >>> import segtool
    >>> segtool.lcut("坚持发扬全过程人民民主")
    ['坚持', '发扬', '全过程人民民主']
    >>> segtool.lcut_for_search("中国特色社会主义")
    ['中国特色社会主义', '中国', '特色', '社会', '社会主义', '主义']
    >>> [t.kind for t in segtool.tokens("2024年GDP")]
    [<Kind.NUMBER: 'number'>, <Kind.LETTERS: 'letters'>]

The module-level functions use one shared ``Tokenizer`` (``segtool.dt``), as jieba's do.
Segmenting releases the GIL: threads segment in parallel. See the README for how each jieba
function maps to ours.
"""

from __future__ import annotations

from ._native import LIBRARY_VERSION as _LIBRARY_VERSION
from .errors import DictionaryError, IndexFileError, InvalidUTF8Error, QueryError, SegtoolError
from .index import Index
from .tokenizer import DictionarySource, TextInput, Tokenizer
from .token import Kind, Source, Token

__version__ = "0.1.0"
#: The version of the bundled C library (libsegtool-c).
library_version: str = _LIBRARY_VERSION

__all__ = [
    "Tokenizer", "Token", "Kind", "Source", "Index", "SegtoolError", "InvalidUTF8Error",
    "DictionaryError", "IndexFileError", "QueryError",
    "TextInput", "DictionarySource", "dt", "cut", "lcut", "cut_for_search", "lcut_for_search",
    "tokenize", "tokens", "load_userdict", "add_word", "del_word", "lookup", "initialize",
    "analyse",
]

#: The default tokenizer behind the module-level functions (jieba's ``jieba.dt``).
dt: Tokenizer = Tokenizer()

cut = dt.cut
lcut = dt.lcut
cut_for_search = dt.cut_for_search
lcut_for_search = dt.lcut_for_search
tokenize = dt.tokenize
tokens = dt.tokens
load_userdict = dt.load_userdict
add_word = dt.add_word
del_word = dt.del_word
lookup = dt.lookup


#: Does nothing: the default tokenizer is ready at import (jieba loads on first use).
initialize = dt.initialize


from . import analyse  # noqa: E402  (needs dt)
