#!/usr/bin/env python3
"""Phrase recall and precision of an index against a scan of its texts (issue 12, defect 1).

Draws phrases of 2-4 consecutive words (precise segmentation, `segtool segment`) from random
paragraphs of the JSON Lines file, searches each as a quoted phrase (`segtool search --json
--top 100000`) and compares the hits with the documents whose text (spaces and tabs removed)
contains the phrase. Prints the recall over all containing documents, the phrases below 99%,
and any hit that does not contain its phrase (precision).

    python3 Benchmarks/scripts/phrase-recall.py --binary .build/release/segtool \
        --index /tmp/idx --documents /tmp/docs.jsonl --phrases 220 --seed 12
"""
import argparse
import json
import random
import subprocess
import sys
import unicodedata


def normalize(text):
    # Full-width ASCII forms folded as the index folds them; spaces and tabs do not count.
    return unicodedata.normalize("NFKC", text).replace(" ", "").replace("\t", "")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--documents", required=True, help="the JSON Lines file the index was built from")
    ap.add_argument("--phrases", type=int, default=220)
    ap.add_argument("--seed", type=int, default=12)
    args = ap.parse_args()

    docs = []
    with open(args.documents, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                obj = json.loads(line)
                docs.append((obj["id"], obj["text"]))
            except (ValueError, KeyError) as e:
                sys.exit(f"{args.documents}:{n}: not a document ({e})")
    plain = [(i, normalize(t)) for i, t in docs]
    rng = random.Random(args.seed)
    phrases = []
    while len(phrases) < args.phrases:
        text = rng.choice(docs)[1]
        paragraphs = [p for p in text.split("\n") if len(p) > 20]
        if not paragraphs:
            continue
        paragraph = rng.choice(paragraphs)
        out = subprocess.run([args.binary, "segment"], input=paragraph, capture_output=True, text=True, check=True).stdout
        words = [w for w in out.split() if all("\u4e00" <= c <= "\u9fff" for c in w)]
        n = rng.randint(2, 4)
        if len(words) < n:
            continue
        i = rng.randint(0, len(words) - n)
        if "".join(words[i:i + n]) not in paragraph:
            continue
        phrases.append(" ".join(words[i:i + n]))

    contained = found = 0
    low, wrong = [], []
    for phrase in phrases:
        out = subprocess.run([args.binary, "search", "--index", args.index, f'"{phrase}"', "--json", "--top", "100000"],
                             capture_output=True, text=True)
        if out.returncode not in (0, 1):
            sys.exit(f"search failed for {phrase}: {out.stderr}")
        hits = {json.loads(line)["id"] for line in out.stdout.splitlines() if line.strip()}
        needle = phrase.replace(" ", "")
        containing = {i for i, t in plain if needle in t}
        wrong += [(phrase, h) for h in hits - containing]
        contained += len(containing)
        found += len(containing & hits)
        if containing and len(containing & hits) < 0.99 * len(containing):
            low.append((phrase, len(containing & hits), len(containing)))
    print(f"{len(phrases)} phrases: {found} of {contained} containing documents found ({found / max(contained, 1):.4f}); "
          f"{len(phrases) - len(low)} phrases at >= 99%; hits without their phrase: {len(wrong)}")
    for phrase, f, c in low:
        print(f"  below 99%: {phrase}: {f} of {c}")
    for phrase, h in wrong[:20]:
        print(f"  hit without the phrase: {phrase}: {h}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
