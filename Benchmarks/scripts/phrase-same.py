#!/usr/bin/env python3
"""Checks that two segtool binaries give the same phrase results on one index.

Searches fixed phrases (issue 12's) and phrases of 2-4 consecutive words drawn from random
paragraphs (precise segmentation, `segtool segment`, as phrase-recall.py) with both binaries,
`segtool search --json`, TF-IDF and BM25, top 10 and --top 100000, and compares the hits: the
same ids in the same order with the same scores (as printed). Exits 1 on any difference.

    python3 Benchmarks/scripts/phrase-same.py --old /tmp/segtool-main --new .build/release/segtool \\
        --index /tmp/idx --documents /tmp/docs.jsonl --phrases 120 --seed 5
"""
import argparse
import random
import sys

from searchcheck import random_phrases, read_documents, search

FIXED = ["社会主义 现代化 国家", "乡村振兴 战略", "中国 特色 社会主义", "高质量 发展", "加快 发展",
         "的 核", "领导 人", "为 促进", "科 学院", "全过程 人民民主", "乡村 振兴", "省 区", "这 一", "对 叙"]


def hits(binary, index, query, top, rank):
    found = search(binary, index, query, top, rank)
    return found if isinstance(found, tuple) else [(h["id"], h["score"]) for h in found]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--documents", required=True, help="the JSON Lines file the index was built from")
    ap.add_argument("--phrases", type=int, default=120)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()

    docs = read_documents(args.documents)
    rng = random.Random(args.seed)
    phrases = list(FIXED) + random_phrases(args.new, [t for _, t in docs], args.phrases, rng)

    compared = differ = total = 0
    for phrase in phrases:
        # The phrase alone, and with a second clause (the general strategy's other paths).
        for query in (f'"{phrase}"', f'"{phrase}" 发展'):
            for rank in ("tfidf", "bm25"):
                for top in (10, 100000):
                    a = hits(args.old, args.index, query, top, rank)
                    b = hits(args.new, args.index, query, top, rank)
                    compared += 1
                    total += len(a) if isinstance(a, list) else 0
                    if a != b:
                        differ += 1
                        print(f"DIFFER {query} {rank} top {top}: old {str(a)[:200]} new {str(b)[:200]}")
    print(f"{compared} searches ({len(phrases)} phrases x 2 queries x 2 rankings x 2 depths), {total} hits: {differ} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
