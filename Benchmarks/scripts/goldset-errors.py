#!/usr/bin/env python3
"""Classes of segmentation errors: where a test segmentation's word boundaries differ from a gold's.

    python3 Benchmarks/scripts/goldset-errors.py GOLD TEST [--names NAMES] [--lexicon DIR] [--examples N]

GOLD and TEST have one sentence a line, words separated by spaces, line for line the same text
(as `segtool eval --gold GOLD --test TEST` requires). A *region* is a stretch between two
boundaries both share, inside which they differ (gold `一 名`, test `一名`). Each region is put in
the first class whose rule it meets, in this order (rough rules, for finding what to fix first):

  names                      the region holds a listed name (NAMES: `SURNAME GIVEN` lines) or its
                             given name, whole or in pieces
  transliteration            a gold word made only of characters common in transliterations
                             (普京, 布林肯, 泽连斯基 style) that the test cuts
  numeral+classifier joined  gold numeral/demonstrative then a one-character word (一 名, 这 位,
                             三 天, 首 批), test one word
  function character joined  test joins gold words one of which is a function character
                             (的 了 也 已 在 到 至 …): 新 的 → 新的, 增加 到 → 增加到
  lexicon entry over-merge   test joins gold words into an entry of the built-in lexicon (DIR)
  other join                 test joins gold words
  suffix split               a gold word of 3+ characters cut before its last character
                             (负责人 → 负责|人, 季节性 → 季节|性)
  split into characters      a gold word cut into single characters (迎来 → 迎|来)
  other split                a gold word cut otherwise
  crossing                   both cut differently (创 新高 → 创新 高)

Prints each class with its count, share and examples. Written for issue 17; reads only its
arguments.
"""
import argparse
import collections
import pathlib
import sys

# Characters frequent in transliterated foreign names and places; a general list, not taken from
# any gold file.
TRANSLITERATION = set(
    "阿埃艾安奥巴拜班邦鲍贝本比彼宾波伯布查达戴丹德迪蒂杜多厄恩尔法菲芬佛弗伏盖冈戈格古圭哈海汉豪赫"
    "胡霍基吉加贾杰金卡凯坎康柯科克肯库奎拉莱赖兰朗劳勒雷蕾里利列林琳隆卢鲁伦罗洛马迈麦曼梅门蒙米"
    "缪莫姆穆纳奈南内尼涅纽努诺帕潘佩彭皮普奇乔切琼丘萨塞桑瑟森沙舍什施斯松苏索塔泰坦汤特提图托瓦"
    "威韦维温沃乌伍西希谢辛休雅亚扬耶伊因英尤约泽扎詹佐孔鲍福斯基夫娃娜莎丽蒂")
NUMERAL = set("零〇一二三四五六七八九十百千万亿两几多首上数半每这那该各本前近第")
FUNCTION = set("的了着过也已在到是至要都就将被把从向对和与及而又还再才能会可得地之")


def read_lines(path):
    try:
        return [l.split() for l in pathlib.Path(path).read_text(encoding="utf-8").splitlines()]
    except (OSError, UnicodeDecodeError) as error:
        sys.exit(f"goldset-errors.py: cannot read {path}: {error}")


def boundaries(words):
    ends, position = {0}, 0
    for word in words:
        position += len(word)
        ends.add(position)
    return ends


def words_within(words, start, end):
    result, position = [], 0
    for word in words:
        if position >= start and position + len(word) <= end:
            result.append(word)
        position += len(word)
    return result


def classify(gold, test, names, given_names, lexicon):
    joined_pairs = {a + b for a, b in zip(gold, gold[1:])}
    # A one-character given name (李 强) counts only with its surname: 强 alone is a word.
    if (any(w in names for w in test) or any(len(w) >= 2 and w in given_names for w in gold)
            or joined_pairs & names):
        return "names"
    if len(gold) == 1 and len(gold[0]) >= 2 and all(c in TRANSLITERATION for c in gold[0]):
        return "transliteration"
    if len(test) < len(gold):
        if (len(test) == 1 and len(gold) >= 2 and gold[0][0] in NUMERAL
                and len(gold[-1]) == 1 and all(len(w) <= 2 for w in gold)):
            return "numeral+classifier joined"
        if any(len(w) == 1 and w in FUNCTION for w in gold):
            return "function character joined"
        if any(w in lexicon for w in test):
            return "lexicon entry over-merge"
        return "other join"
    if len(gold) == 1:
        if len(gold[0]) >= 3 and len(test) == 2 and len(test[1]) == 1:
            return "suffix split"
        if all(len(w) == 1 for w in test):
            return "split into characters"
        return "other split"
    return "crossing"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold")
    parser.add_argument("test")
    parser.add_argument("--names", help="`SURNAME GIVEN` lines (# comments)")
    parser.add_argument("--lexicon", help="folder of lexicon files (`word freq tag` lines)")
    parser.add_argument("--examples", type=int, default=12)
    args = parser.parse_args()

    gold_lines, test_lines = read_lines(args.gold), read_lines(args.test)
    if len(gold_lines) != len(test_lines):
        sys.exit(f"goldset-errors.py: {args.gold} has {len(gold_lines)} lines, "
                 f"{args.test} {len(test_lines)}")
    names = set()
    if args.names:
        for line in pathlib.Path(args.names).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                names.add(line.replace(" ", ""))
    given_names = {n[1:] for n in names}
    lexicon = set()
    if args.lexicon:
        for path in sorted(pathlib.Path(args.lexicon).glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    lexicon.add(line.split()[0])

    counts, examples = collections.Counter(), collections.defaultdict(collections.Counter)
    for number, (gold, test) in enumerate(zip(gold_lines, test_lines), 1):
        if "".join(gold) != "".join(test):
            sys.exit(f"goldset-errors.py: line {number}: the two files spell different texts")
        shared = sorted(boundaries(gold) & boundaries(test))
        for start, end in zip(shared, shared[1:]):
            g, t = words_within(gold, start, end), words_within(test, start, end)
            if g != t:
                kind = classify(g, t, names, given_names, lexicon)
                counts[kind] += 1
                examples[kind][" ".join(g) + " → " + "|".join(t)] += 1
    total = sum(counts.values())
    print(f"{total} regions where the boundaries differ")
    if total == 0:
        return
    for kind, count in counts.most_common():
        shown = "; ".join(f"{e}" + (f" ×{n}" if n > 1 else "")
                          for e, n in examples[kind].most_common(args.examples))
        print(f"{count:5d} {count / total:6.1%}  {kind}: {shown}")


if __name__ == "__main__":
    main()
