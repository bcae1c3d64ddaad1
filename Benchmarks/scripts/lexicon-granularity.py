#!/usr/bin/env python3
"""Candidates for the lexicon's granularity review (issue 17 §1): entries made of known words.

Lists every built-in lexicon entry that divides into two or three parts of two or more
characters each, every part a word already known on its own: another lexicon entry (L) or a
word of ICU's dictionary (I: ICU keeps it as one word when it stands alone). With a corpus, it
counts (as substrings of the corpus's texts) the whole entry and each part, so a reviewer sees
whether the parts live mostly apart (a free combination) or mostly together (a name).

    Benchmarks/scripts/lexicon-granularity.py [--segtool BIN] [--corpus FILE.jsonl] > candidates.tsv

Output, tab-separated, one line per entry (its best division: the fewest parts, lexicon parts
first): file, entry, freq, tag, division (parts joined by `|`, each marked L or I), whole count,
part counts, and the largest share of a part's occurrences that lie inside the whole.
It reads the corpus at run time and writes nothing into the repository: the list is for a
person to review (Dictionaries/README.md, "What belongs here", says what is kept).
"""
import argparse
import glob
import json
import os
import subprocess
import sys


def han(s):
    return all('\u3400' <= c <= '\u9fff' for c in s)


def load_lexicon(root):
    entries = []
    for path in sorted(glob.glob(os.path.join(root, "Dictionaries/lexicon/*.txt"))):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                fields = line.split()
                word = fields[0]
                freq = fields[1] if len(fields) > 1 else ""
                tag = fields[2] if len(fields) > 2 else ""
                entries.append((os.path.basename(path), number, word, freq, tag))
    return entries


def icu_words(segtool, strings):
    """The strings that ICU alone keeps as one word."""
    strings = sorted(strings)
    text = "\n".join(strings) + "\n"
    out = subprocess.run([segtool, "segment", "--icu-only"], input=text.encode(),
                         stdout=subprocess.PIPE, check=True).stdout.decode().split("\n")
    return {s for s, line in zip(strings, out) if line.strip() == s}


def divisions(word, known, parts=3):
    """All divisions of word into 2..parts known pieces of two or more characters."""
    result = []

    def walk(start, acc):
        if start == len(word):
            if len(acc) >= 2:
                result.append(list(acc))
            return
        if len(acc) == parts:
            return
        for end in range(start + 2, len(word) + 1):
            piece = word[start:end]
            if piece == word:
                continue
            if piece in known:
                acc.append(piece)
                walk(end, acc)
                acc.pop()

    walk(0, [])
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--segtool", default=os.path.join(root, ".build/debug/segtool"))
    parser.add_argument("--corpus", default=None, help="JSON Lines with a \"text\" field")
    args = parser.parse_args()

    entries = load_lexicon(root)
    lexicon = {e[2] for e in entries}
    substrings = set()
    for _, _, word, _, _ in entries:
        if len(word) >= 4 and han(word):
            for a in range(len(word)):
                for b in range(a + 2, len(word) + 1):
                    if b - a < len(word):
                        substrings.add(word[a:b])
    icu = icu_words(args.segtool, substrings - lexicon)
    known = lexicon | icu

    candidates = []
    for file, number, word, freq, tag in entries:
        if len(word) < 4 or not han(word):
            continue
        found = divisions(word, known)
        if not found:
            continue
        found.sort(key=lambda d: (len(d), -sum(p in lexicon for p in d)))
        candidates.append((file, number, word, freq, tag, found[0]))

    counts = {}
    if args.corpus:
        wanted = set()
        for c in candidates:
            wanted.add(c[2])
            wanted.update(c[5])
        texts = []
        with open(args.corpus, encoding="utf-8") as f:
            for line in f:
                try:
                    texts.append(json.loads(line).get("text", ""))
                except json.JSONDecodeError:
                    continue
        corpus = "\n".join(texts)
        counts = {s: corpus.count(s) for s in wanted}

    for file, number, word, freq, tag, parts in candidates:
        marked = "|".join(p + ("L" if p in lexicon else "I") for p in parts)
        whole = counts.get(word, 0)
        part_counts = ",".join(str(counts.get(p, 0)) for p in parts)
        share = max((whole / counts[p] for p in parts if counts.get(p)), default=0.0)
        print(f"{file}:{number}\t{word}\t{freq}\t{tag}\t{marked}\t{whole}\t{part_counts}\t{share:.2f}")


if __name__ == "__main__":
    sys.exit(main())
