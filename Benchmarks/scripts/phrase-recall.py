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
import random
import sys
import unicodedata

from searchcheck import random_phrases, read_documents, search


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

    docs = read_documents(args.documents)
    plain = [(i, normalize(t)) for i, t in docs]
    rng = random.Random(args.seed)
    phrases = random_phrases(args.binary, [t for _, t in docs], args.phrases, rng, whole_in_paragraph=True)

    contained = found = 0
    low, wrong = [], []
    for phrase in phrases:
        found_hits = search(args.binary, args.index, f'"{phrase}"', 100000)
        if isinstance(found_hits, tuple):
            sys.exit(f"search failed for {phrase}: {found_hits[2]}")
        hits = {h["id"] for h in found_hits}
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
