#!/usr/bin/env python3
"""Checks that two segtool binaries rank alike on one index: for each query (a file of
`LABEL<TAB>QUERY` lines, as `segtool index bench` takes), TF-IDF and BM25, top 10 and 1000,
documents and --passages, `segtool search --json` of both must give the same hits (id and
passage) in the same order, except that hits whose scores are equal (within 1e-9 relative)
may come in any order among themselves, and a tie cut by the top k may keep other members.
Prints the largest score difference seen (as printed: 6 significant digits); exits 1 on any
difference in hits or order.

    python3 Benchmarks/scripts/rank-same.py --old /tmp/segtool-main --new .build/release/segtool \\
        --index /tmp/idx --queries /tmp/queries.tsv
"""
import argparse
import sys

from searchcheck import search


def hits(binary, index, query, top, rank, passages):
    found = search(binary, index, query, top, rank, passages)
    return found if isinstance(found, tuple) else [(h["id"], h.get("passage"), h["score"]) for h in found]


def ties(ranked, eps=1e-9):
    """The hits in runs of equal scores (their order within a run is free)."""
    runs = []
    for h in ranked:
        if runs and abs(runs[-1][0][2] - h[2]) <= eps * max(1.0, abs(h[2])):
            runs[-1].append(h)
        else:
            runs.append([h])
    return runs


def same_order(a, b, top):
    if len(a) != len(b):
        return False
    at = 0
    for run in ties(a):
        other = b[at:at + len(run)]
        at += len(run)
        if sorted(h[:2] for h in run) != sorted(h[:2] for h in other):
            # A tie the top k cuts may keep different members; any other difference counts.
            if at < len(a) or len(a) < top:
                return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--old", required=True)
    ap.add_argument("--new", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--queries", required=True, help="LABEL<TAB>QUERY a line")
    args = ap.parse_args()
    queries = []
    with open(args.queries, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            label, tab, query = line.rstrip("\n").partition("\t")
            if not tab or not query:
                sys.exit(f"{args.queries}:{n}: expected LABEL<TAB>QUERY")
            queries.append(query)
    searches = differing = 0
    largest = 0.0
    for query in queries:
        for rank in ("tfidf", "bm25"):
            for top in (10, 1000):
                for passages in (False, True):
                    searches += 1
                    a = hits(args.old, args.index, query, top, rank, passages)
                    b = hits(args.new, args.index, query, top, rank, passages)
                    if isinstance(a, tuple) or isinstance(b, tuple):
                        if a != b:
                            differing += 1
                            print(f"differs (an error): {query} {rank} top {top} passages={passages}: {a if isinstance(a, tuple) else b}")
                        continue
                    if not same_order(a, b, top):
                        differing += 1
                        print(f"differs: {query} {rank} top {top} passages={passages}")
                        continue
                    largest = max([largest] + [abs(x[2] - y[2]) for x, y in zip(a, b)])
    print(f"{searches} searches ({len(queries)} queries x 2 rankings x 2 depths x documents/passages): "
          f"{differing} differ; largest score difference {largest:g}")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
