#!/usr/bin/env python3
"""Writes a dated copy of the shared corpus (JSON Lines) for `segtool trend` and date filters.

The shared corpus carries dates only in its ids: xwlb-YYYYMMDD-NN (a daily news bulletin),
gwr-YYYY (a government work report), prov2026-NN (2026 provincial reports). This script adds a
"date" field from them (the engine itself never parses ids) and a "kind" field (the id's
prefix), and keeps the rest. Documents whose id carries no date keep no date.

    python3 Benchmarks/scripts/dated-corpus.py ../shared/corpus/politics.jsonl > /tmp/dated.jsonl
"""
import json
import re
import sys


def date_of(doc_id):
    m = re.match(r"xwlb-(\d{4})(\d{2})(\d{2})-", doc_id)
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    m = re.match(r"gwr-(\d{4})$", doc_id)
    if m:
        return m.group(1)
    m = re.match(r"prov(\d{4})-", doc_id)
    if m:
        return m.group(1)
    return None


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/politics.jsonl"
    out = sys.stdout
    with open(source, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            doc = json.loads(line)
            date = date_of(doc.get("id", ""))
            if date:
                doc["date"] = date
            doc["kind"] = doc.get("id", "").split("-")[0]
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
