"""Token objects: character and byte offsets against the text, kind, source, tiling."""

from __future__ import annotations

import random

import pytest

import segtool
from segtool import Kind, Source, Token


def check_tokens(text: str, tokens: list[Token], precise: bool) -> None:
    data = text.encode("utf-8")
    position = 0
    for t in tokens:
        assert text[t.start:t.end] == t.word
        assert data[t.byte_start:t.byte_end] == t.word.encode("utf-8")
        assert len(data[:t.byte_start].decode("utf-8")) == t.start
        assert isinstance(t.kind, Kind) and isinstance(t.source, Source)
        if precise:
            assert not t.subword and t.start == position
            position = t.end
    if precise:
        assert position == len(text)


def test_offsets_match_the_text(sentence):
    check_tokens(sentence, segtool.tokens(sentence), precise=True)
    check_tokens(sentence, segtool.tokens(sentence, mode="search"), precise=False)


def test_characters_outside_the_bmp_count_as_one():
    text = "合作😀成果𠀀丰硕"  # an emoji and a CJK Extension B ideograph
    tokens = segtool.tokens(text)
    check_tokens(text, tokens, precise=True)
    emoji = next(t for t in tokens if t.word == "😀")
    assert (emoji.start, emoji.end) == (2, 3)
    assert (emoji.byte_start, emoji.byte_end) == (6, 10)


def test_full_width_forms_keep_their_own_offsets():
    # Folded for matching (ＧＤＰ is GDP), but the words are the text's own characters.
    text = "ＧＤＰ增长５．２％"
    tokens = segtool.tokens(text)
    check_tokens(text, tokens, precise=True)
    assert tokens[0].word == "ＧＤＰ" and tokens[0].kind == Kind.LETTERS


def test_kinds_and_sources():
    tokens = {t.word: t for t in segtool.tokens("2024年GDP增长5.2%，习近平 😀")}
    assert tokens["2024年"].kind == Kind.NUMBER and tokens["2024年"].source == Source.RULE
    assert tokens["GDP"].kind == "letters"
    assert tokens["，"].kind == Kind.PUNCTUATION
    assert tokens[" "].kind == Kind.WHITESPACE
    assert tokens["😀"].kind == Kind.SYMBOL
    assert tokens["习近平"].source == Source.BUILTIN and tokens["习近平"].kind == Kind.IDEOGRAPHIC
    assert tokens["增长"].source == Source.ICU
    assert str(Kind.NUMBER) == "number" and str(Source.BUILTIN) == "builtin"


def test_tokens_are_named_tuples():
    token = segtool.tokens("改革")[0]
    word, start, end, byte_start, byte_end, kind, source, subword = token
    assert (word, start, end, byte_start, byte_end) == ("改革", 0, 2, 0, 6)
    assert token._asdict()["word"] == "改革"


def test_offsets_of_bytes_input_are_characters_of_the_decoded_text(sentence):
    assert segtool.tokens(sentence.encode("utf-8")) == segtool.tokens(sentence)


def test_text_with_nul_characters():
    text = "中国\x00发展\x00\x00a b"
    tokens = segtool.tokens(text)
    check_tokens(text, tokens, precise=True)
    assert "".join(segtool.lcut(text)) == text
    assert "\x00" in segtool.lcut(text)


ALPHABET = (
    list("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经")
    + list("0123456789abcXYZ.,;:!?%-_/@#")
    + list("，。、；：？！“”《》（）—…·％＄")
    + list("ＡＢＣａｂｃ０１２３")
    + [" ", "\t", "\n", "\r\n", "\u3000", "\u00a0", "\u200b", "\ufeff"]
    + list("😀🇨🇳𠀀𪚥々〆ヶあアㄅ한é\u0301")
)


@pytest.mark.parametrize("seed", range(40))
def test_random_text_is_tiled_with_exact_offsets(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 400)))
    check_tokens(text, segtool.tokens(text), precise=True)
    check_tokens(text, segtool.tokens(text, mode="search"), precise=False)
    assert "".join(segtool.lcut(text)) == text
    assert [t.word for t in segtool.tokens(text, mode="search")] == segtool.lcut_for_search(text)


def test_fold_traditional_cuts_like_simplified_with_original_offsets():
    folding = segtool.Tokenizer(fold="traditional")
    plain = segtool.Tokenizer()
    traditional = "習近平出席全國人大常委會會議，推進粵港澳大灣區建設。"
    simplified = "习近平出席全国人大常委会会议，推进粤港澳大湾区建设。"
    assert folding.lcut(traditional) == ["習近平", "出席", "全國人大常委會", "會議", "，", "推進", "粵港澳大灣區", "建設", "。"]
    assert [len(w) for w in folding.lcut(traditional)] == [len(w) for w in plain.lcut(simplified)]
    check_tokens(traditional, folding.tokens(traditional), precise=True)
    assert list(folding.tokenize(traditional))[2] == ("全國人大常委會", 5, 12)
    assert plain.lcut("粵港澳大灣區") != ["粵港澳大灣區"]
    with pytest.raises(ValueError):
        segtool.Tokenizer(fold="simplified")
