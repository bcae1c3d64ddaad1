"""The examples in the package's docstrings run and give what they show."""

from __future__ import annotations

import doctest

import pytest

import segtool
import segtool.analyse
import segtool.tokenizer
import segtool.token


@pytest.mark.parametrize("module", [segtool, segtool.tokenizer, segtool.token, segtool.analyse],
                         ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
