#!/usr/bin/env python3
"""Rebuilds Dictionaries/name-model.tsv, the statistics of the names pass's model of Chinese
person names with no cue (`Worker+NameModel.swift`; issue 17 §3, names19b), from a corpus.

    Benchmarks/scripts/name-model.py [--segtool BIN] [--corpus FILE.jsonl] [--out FILE] [--words-out FILE]

It segments every line of the corpus (title and text lines of each JSON document) twice:

  1. with segtool (precise mode, JSON): a *cued name* is a token of the names pass (source
     `rule`) of two or three Han characters that begins with a surname and that a cue announces
     in that very line — a title or role ending the token before it (省委书记, 记者, 主任 …), a
     byline mark (□), or a verb of saying, a title or 同志 right after it. Names that only their
     repetition in the document joined, and joins of the model itself (no cue), are not counted,
     so the statistics do not feed on their own output. Names made only of characters of the
     transliteration alphabet (马克龙) are left out: they are foreign;
  2. with `--icu-only`: how often each character stands as a token of its own in ICU's output.

Each distinct cued name counts once (a name repeated in many stories would weigh as much as
hundreds of names otherwise). It writes, per character seen in a cued name, `CHAR<TAB>SURNAME<TAB>GIVEN<TAB>SINGLE`: how often
it opens a cued name, how often it is one of its given-name characters, and how often it is a
single-character token of ICU's. No corpus text is written: counts per character only.

It prints the words of two characters that follow at least three distinct names cued *before*
them (a title or byline mark), the source of `Names.afterCuedNameWords` (names21).

It also writes Dictionaries/name-words.tsv (`--words-out`; names20): per word of two characters
that are both given-name characters — every two-character token of ICU's output and every given
name of two characters of a cued name —, `WORD<TAB>GIVEN<TAB>WORDS`: in how many distinct cued names
it is the given name, and how often ICU's output has it as a word (the model's given names that ICU
reads as a word, 王|建国). Counts per word only.
"""
import argparse
import collections
import json
import pathlib
import re
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]

# Cues before a name (the end of the token before it) and after it (the token itself).
TITLES = (
    "书记 记者 省长 市长 县长 区长 镇长 乡长 州长 主席 总理 部长 主任 局长 厅长 处长 科长 院长 校长 所长 "
    "社长 会长 理事长 经理 委员 代表 教授 院士 专家 委员长 秘书长 队长 组长 法官 检察官 民警 医生 老师 同志 "
    "常委 通讯员 编辑 选手 运动员 大使 发言人 主持人 司令员 政委 军长 董事长 总裁 厂长 站长 行长 负责人 "
    "干事 航天员 研究员 教师 工程师 护士 设计师 总经理 副总理 主任委员 审判员 检察长 监事长"
).split()
AFTER = set(("说 表示 指出 强调 介绍 认为 告诉 说道 坦言 透露 回忆 同志 主持 出席 会见 讲话 致辞 "
             "书记 主任 局长 部长 省长 市长 县长 院长 主席 委员 教授 院士 代表").split())
BYLINE = set("□■●▲◆★◎")


def swift_string(source: str, name: str) -> str:
    """The concatenated string literal of `static let NAME = ( "…" + "…" )` in a Swift file."""
    m = re.search(r"static let " + name + r" = \((.*?)\)\n", source, re.S)
    if not m:
        sys.exit(f"name-model.py: `{name}` not found in Worker+Names.swift")
    return "".join(re.findall(r'"([^"]*)"', m.group(1)))


def lines(corpus: pathlib.Path):
    with corpus.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{corpus}:{n}: not JSON: {e}")
            for part in [doc.get("title") or ""] + (doc.get("text") or "").split("\n"):
                part = part.strip()
                if part:
                    yield part


def han(s: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in s)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--segtool", default=str(REPO / ".build/release/segtool"))
    ap.add_argument("--corpus", default=str(REPO / "../shared/corpus/politics.jsonl"))
    ap.add_argument("--out", default=str(REPO / "Dictionaries/name-model.tsv"))
    ap.add_argument("--words-out", default=str(REPO / "Dictionaries/name-words.tsv"))
    ap.add_argument("--min-count", type=int, default=1,
                    help="keep characters seen at least this often in cued names (default 1)")
    args = ap.parse_args()

    names_swift = (REPO / "Sources/Segmenter/Segmentation/Worker+Names.swift").read_text(encoding="utf-8")
    surnames = set(swift_string(names_swift, "surnames"))
    alphabet = set(swift_string(names_swift, "transliteration"))

    with tempfile.TemporaryDirectory() as tmp:
        text = pathlib.Path(tmp) / "lines.txt"
        text.write_text("".join(l + "\n" for l in lines(pathlib.Path(args.corpus))), encoding="utf-8")
        ours = subprocess.run([args.segtool, "segment", "--format", "json", "--threads", "2", str(text)],
                              check=True, capture_output=True, text=True).stdout
        icu = subprocess.run([args.segtool, "segment", "--icu-only", "--threads", "2", str(text)],
                             check=True, capture_output=True, text=True).stdout

    surname, given, single = collections.Counter(), collections.Counter(), collections.Counter()
    names = set()  # distinct cued names: a name counts once, however often it is repeated
    follows = collections.defaultdict(set)  # word of two after a name cued before it -> the names
    for row in ours.splitlines():
        tokens = json.loads(row)["tokens"]
        for i, t in enumerate(tokens):
            word = t["text"]
            if t["source"] != "rule" or len(word) not in (2, 3) or not han(word) or word[0] not in surnames:
                continue
            # Foreign names (given characters all of the transliteration alphabet: 谭德塞, 席尔瓦)
            # and ICU's 作 glued to a name before 报告 (李飞作) are left out.
            if all(c in alphabet for c in word[1:]) or word[-1] == "作":
                continue
            before = tokens[i - 1]["text"] if i > 0 else ""
            after = tokens[i + 1]["text"] if i + 1 < len(tokens) else ""
            cued_before = before in BYLINE or any(before.endswith(x) for x in TITLES)
            if not (cued_before or after in AFTER):
                continue
            names.add(word)
            # What follows a name a cue announces before it (names21): unbiased by the cue.
            if cued_before and len(after) == 2 and han(after):
                follows[after].add(word)
    for word in names:
        surname[word[0]] += 1
        for c in word[1:]:
            given[c] += 1
    cued = len(names)
    pairs = collections.Counter()  # ICU's two-character tokens
    for row in icu.splitlines():
        for token in row.split(" "):
            if len(token) == 1 and han(token):
                single[token] += 1
            elif len(token) == 2 and han(token):
                pairs[token] += 1
    # Given names of two characters (each distinct cued name once), and ICU's words of two whose
    # characters are both given-name characters: how often each is a cued given name, and how
    # often ICU's output has it as a word.
    given_words = collections.Counter(word[1:] for word in names if len(word) == 3)
    words = sorted(w for w in set(pairs) | set(given_words) if given[w[0]] and given[w[1]])

    chars = sorted(c for c in set(surname) | set(given) if surname[c] + given[c] >= args.min_count)
    with open(args.out, "w", encoding="utf-8") as o:
        o.write("# The names pass's model of Chinese person names with no cue (Worker+NameModel.swift).\n")
        o.write("# Rebuilt by Benchmarks/scripts/name-model.py from the corpus; counts per character only:\n")
        o.write(f"# CHAR<TAB>SURNAME<TAB>GIVEN<TAB>SINGLE: {cued} distinct cued names; SINGLE: ICU's single-character tokens.\n")
        for c in chars:
            o.write(f"{c}\t{surname[c]}\t{given[c]}\t{single[c]}\n")
    with open(args.words_out, "w", encoding="utf-8") as o:
        o.write("# The names pass's model of given names ICU reads as a word (Worker+NameModel.swift).\n")
        o.write("# Rebuilt by Benchmarks/scripts/name-model.py from the corpus; counts per word only:\n")
        o.write(f"# WORD<TAB>GIVEN<TAB>WORD: ICU's words of two given-name characters; GIVEN: distinct cued names\n")
        o.write(f"# ({sum(given_words.values())} of two given characters) with it as given name; WORD: ICU's tokens of it.\n")
        for w in words:
            o.write(f"{w}\t{given_words[w]}\t{pairs[w]}\n")
    # Words after which a name of one given character may end (`Names.afterCuedNameWords`, names21):
    # words of two after at least three distinct names cued before them. The Swift list leaves out
    # the cues themselves (`afterWords`, `titles`) and 等到 (等 of a list).
    after = sorted((w for w in follows if len(follows[w]) >= 3), key=lambda w: (-len(follows[w]), w))
    print("name-model.py: words after >= 3 names cued before them: " + " ".join(f"{w}:{len(follows[w])}" for w in after))
    print(f"name-model.py: {cued} cued names, {len(chars)} characters -> {args.out}; {len(words)} words -> {args.words_out}")


if __name__ == "__main__":
    main()
