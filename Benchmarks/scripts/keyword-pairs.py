#!/usr/bin/env python3
"""Build Dictionaries/keyword-pairs.txt: two-word terms of the corpus for `segtool keywords`.

The keyword extractor (KeywordExtractor+Pairs.swift) takes two adjacent words of a news item
as one keyword (国事|访问, 超级|计算机, 户外|运动) only when the pair is in this table. A pair is
in it when, over the corpus as `segtool segment` cuts it (precise mode):
- both words are Han, of two characters or more, together at most 8 characters;
- neither is generic for the extractor: not in `GenericWords` (read from its Swift source),
  not a word whose predicate share in Dictionaries/idf.txt is 0.05 or more (a verb or an
  adjective by its neighbours), not a dictionary word tagged as a title or a general word
  (nnt, v, a, d, i, m, q, r, t);
- neither is a number (一九), and the first is no numeral with its classifier (一顶|帐篷,
  两国|人民: counts, no names; 天河|二号, 嫦娥|六号 are names);
- each word has an idf of at least 3.5 in Dictionaries/idf.txt (the table's median for a word
  it lacks);
- the pair recurs (at least 2 occurrences) and is cohesive: its occurrences are at least 0.2 of
  the rarer word's (超级|大国: 64 of 186 occurrences of 超级).
Each line: `first second idf`, idf = ln(N / documents with the pair). The corpus is read at run
time and never copied: the table holds pairs of words and numbers only.

    keyword-pairs.py [--segtool BIN] [--corpus FILE] [-o Dictionaries/keyword-pairs.txt]

Rebuild it when the segmenter or Dictionaries/idf.txt changes (as idf.txt is rebuilt).
"""
from __future__ import annotations

import argparse
import collections
import json
import math
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HAN = re.compile(r"^[\u4e00-\u9fff]+$")
NUMERALS = set("〇一二三四五六七八九十百千万亿两零几")
GENERAL_TAGS = {"nnt", "v", "a", "d", "i", "m", "q", "r", "t"}
MIN_PART_IDF = 3.5
MIN_COHESION = 0.2
MIN_COUNT = 2
LONGEST = 8


def die(message: str) -> None:
    print(f"keyword-pairs: error: {message}", file=sys.stderr)
    sys.exit(2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segtool", default=str(REPO / ".build/release/segtool"))
    parser.add_argument("--corpus", default=str(REPO.parent / "shared/corpus/politics.jsonl"))
    parser.add_argument("-o", "--output", default=str(REPO / "Dictionaries/keyword-pairs.txt"))
    args = parser.parse_args()

    source = (REPO / "Sources/Indexer/Keywords/GenericWords.swift").read_text(encoding="utf-8")
    if "static let text" not in source:
        die("GenericWords.swift: no `static let text` list")
    generic_words = set(re.findall(r"[\u4e00-\u9fff]+", source.split("static let text", 1)[1]))
    idf: dict[str, float] = {}
    share: dict[str, float] = {}
    for number, line in enumerate((REPO / "Dictionaries/idf.txt").read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        try:
            idf[parts[0]] = float(parts[1])
            share[parts[0]] = float(parts[2]) if len(parts) > 2 else 0.0
        except (IndexError, ValueError):
            die(f"Dictionaries/idf.txt:{number}: expected `word idf [share]`")
    median = sorted(idf.values())[len(idf) // 2]
    tags: dict[str, str] = {}
    for path in sorted((REPO / "Dictionaries/lexicon").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if parts and not line.startswith("#"):
                tags[parts[0]] = parts[2] if len(parts) > 2 else ""

    def usable(word: str, first: bool = False) -> bool:
        if all(c in NUMERALS for c in word) or (first and len(word) == 2 and word[0] in NUMERALS and word[0] not in "百千万亿零〇"):
            return False
        return (len(word) >= 2 and HAN.match(word) is not None and word not in generic_words
                and share.get(word, 0.0) < 0.05 and tags.get(word, "") not in GENERAL_TAGS
                and idf.get(word, median) >= MIN_PART_IDF)

    texts = []
    try:
        with open(args.corpus, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if line.strip():
                    try:
                        texts.append(json.loads(line)["text"].replace("\n", " ").replace("\r", " "))
                    except (json.JSONDecodeError, KeyError, TypeError):
                        die(f"{args.corpus}:{number}: not a JSON object with a text")
    except OSError as error:
        die(f"{args.corpus}: {error.strerror}")
    result = subprocess.run([args.segtool, "segment"], input="\n".join(texts) + "\n",
                            capture_output=True, text=True)
    if result.returncode != 0:
        die(f"{args.segtool} segment failed ({result.returncode}): {result.stderr.strip()}")
    lines = result.stdout.split("\n")
    if len(lines) < len(texts):
        die(f"{args.segtool} segment gave {len(lines)} lines for {len(texts)} documents")
    words = collections.Counter()
    pairs = collections.Counter()
    documents = collections.Counter()
    for line in lines[:len(texts)]:
        tokens = line.split(" ")
        words.update(tokens)
        seen = set()
        for a, b in zip(tokens, tokens[1:]):
            if len(a) + len(b) <= LONGEST and usable(a, first=True) and usable(b):
                pairs[(a, b)] += 1
                seen.add((a, b))
        documents.update(seen)
    kept = []
    for (a, b), count in pairs.items():
        if count >= MIN_COUNT and count / min(words[a], words[b]) >= MIN_COHESION:
            kept.append((a, b, math.log(len(texts) / documents[(a, b)])))
    kept.sort(key=lambda x: (x[0], x[1]))
    with open(args.output, "w", encoding="utf-8") as f:
        f.write("# segtool keyword pairs: first second idf (Benchmarks/scripts/keyword-pairs.py)\n")
        f.write(f"# documents {len(texts)}; parts: idf >= {MIN_PART_IDF}, not generic; "
                f"cohesion >= {MIN_COHESION}; count >= {MIN_COUNT}\n")
        for a, b, value in kept:
            f.write(f"{a} {b} {value:.4f}\n")
    print(f"{len(kept)} pairs: {args.output}")


if __name__ == "__main__":
    main()
