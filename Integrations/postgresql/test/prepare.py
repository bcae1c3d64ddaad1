#!/usr/bin/env python3
"""Test data for the PostgreSQL suite, made at run time (nothing from the corpus is committed).

  prepare.py tokens SEGMENT_JSONL TEXT_FILE > expected.tsv
      From `segtool segment --mode search --format json` of TEXT_FILE (one text a line), the
      (line, lexeme, position) triples to_tsvector('chinese', line) must give: sub-words at their
      token's position, punctuation and symbols advancing the position without a lexeme, white
      space neither; lexemes normalized (full-width ASCII folded, lowercased).
  prepare.py docs CORPUS_JSONL|- SENTENCES N OUT_JSONL OUT_TSV
      N documents (id, text): the corpus's first N when CORPUS_JSONL exists, else documents made
      by combining our own sentences (seeded, reproducible). JSONL for `segtool index build`,
      TSV for COPY.
  prepare.py lines TEXT_FILE > lines.tsv: (line number, text) for COPY.
  prepare.py hits SEARCH_JSON... : reads `segtool search --json` output on stdin, prints ids.
"""
import json
import os
import random
import sys


def normalize(s):
    out = []
    for ch in s:
        v = ord(ch)
        if 0xFF01 <= v <= 0xFF5E:
            v -= 0xFEE0
        elif v == 0x3000:
            v = 0x20
        c = chr(v)
        if "A" <= c <= "Z":
            c = c.lower()
        elif 0xC0 <= v < 0x530:
            c = c.lower()
        out.append(c)
    return "".join(out)


def tokens(segment_jsonl, _text_file):
    with open(segment_jsonl, encoding="utf-8") as f:
        for row in f:
            obj = json.loads(row)
            line = obj["line"]
            pos = 0
            for t in obj["tokens"]:
                kind = t["kind"]
                if t.get("subword"):
                    print(f"{line}\t{normalize(t['text'])}\t{min(pos, 16383)}")
                    continue
                if kind == "whitespace":
                    continue
                pos += 1
                if kind in ("punctuation", "symbol"):
                    continue
                print(f"{line}\t{normalize(t['text'])}\t{min(pos, 16383)}")


def tsv_escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def docs(corpus, sentences_file, n, out_jsonl, out_tsv):
    texts = []
    if corpus != "-" and os.path.exists(corpus):
        with open(corpus, encoding="utf-8") as f:
            for row in f:
                obj = json.loads(row)
                texts.append((obj["id"], obj["text"]))
                if len(texts) == n:
                    break
    else:
        with open(sentences_file, encoding="utf-8") as f:
            sentences = [s for s in f.read().split("\n") if s]
        rng = random.Random(15)
        for i in range(n):
            k = rng.randint(1, 6)
            paragraphs = []
            for _ in range(rng.randint(1, 3)):
                paragraphs.append("".join(rng.choice(sentences) for _ in range(k)))
            texts.append((f"doc{i}", "\n".join(paragraphs)))
    with open(out_jsonl, "w", encoding="utf-8") as j, open(out_tsv, "w", encoding="utf-8") as t:
        for doc_id, text in texts:
            j.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
            t.write(f"{tsv_escape(doc_id)}\t{tsv_escape(text)}\n")
    print(len(texts))


def lines(text_file):
    with open(text_file, encoding="utf-8") as f:
        rows = f.read().split("\n")
    if rows and rows[-1] == "":
        rows.pop()
    for i, row in enumerate(rows, 1):
        print(f"{i}\t{tsv_escape(row)}")


def hits():
    for row in sys.stdin:
        row = row.strip()
        if row:
            print(json.loads(row)["id"])


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "tokens":
        tokens(sys.argv[2], sys.argv[3])
    elif cmd == "docs":
        docs(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6])
    elif cmd == "lines":
        lines(sys.argv[2])
    elif cmd == "hits":
        hits()
    else:
        sys.exit(f"unknown command {cmd}")
