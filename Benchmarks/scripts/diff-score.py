#!/usr/bin/env python3
"""Scores a segmentation against a gold file the way the SIGHAN bakeoff's perl `score` does,
with the system's `diff`: each sentence pair is written one word a line, `diff` compares them,
and the words on lines it leaves unchanged are correct (a reference for `segtool eval`, written
by us from the script's documented behaviour).

    diff-score.py GOLD TEST [WORDS]          # prints JSON: precision, recall, f1, oovRecall, differingLines

With --perturb SEED, instead writes TEST with some lines' texts changed (a quote mark added, a
character dropped or replaced) to stdout, for checking `segtool eval` on differing lines.
"""
import json, os, random, subprocess, sys, tempfile

def words(line):
    return line.replace("\u3000", " ").split()

def diff_matched(gold, test, tmp):
    """Indices of gold words on lines `diff` leaves unchanged."""
    a, b = os.path.join(tmp, "gold"), os.path.join(tmp, "test")
    with open(a, "w", encoding="utf-8") as f: f.write("".join(w + "\n" for w in gold))
    with open(b, "w", encoding="utf-8") as f: f.write("".join(w + "\n" for w in test))
    out = subprocess.run(["diff", a, b], capture_output=True, text=True, encoding="utf-8").stdout
    changed = set()
    for line in out.splitlines():
        if not line or line[0] in "<>-":
            continue
        op = next(c for c in line if c in "acd")
        left = line.split(op)[0]
        lo, _, hi = left.partition(",")
        lo, hi = int(lo), int(hi or lo)
        if op != "a":
            changed.update(range(lo - 1, hi))
    return [i for i in range(len(gold)) if i not in changed]

def score(gold_path, test_path, words_path=None):
    vocab = set()
    if words_path:
        for line in open(words_path, encoding="utf-8"): vocab.update(words(line))
    gold_lines = [l for l in open(gold_path, encoding="utf-8") if words(l)]
    test_lines = [l for l in open(test_path, encoding="utf-8") if words(l)]
    assert len(gold_lines) == len(test_lines), "line counts differ"
    g = t = c = oov = oov_c = differing = 0
    with tempfile.TemporaryDirectory() as tmp:
        for gl, tl in zip(gold_lines, test_lines):
            gw, tw = words(gl), words(tl)
            if "".join(gw) != "".join(tw): differing += 1
            matched = diff_matched(gw, tw, tmp)
            g += len(gw); t += len(tw); c += len(matched)
            found = set(matched)
            for i, w in enumerate(gw):
                if w not in vocab:
                    oov += 1
                    if i in found: oov_c += 1
    p, r = c / t, c / g
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0,
            "oovRecall": oov_c / oov if oov else 0, "differingLines": differing, "correctWords": c}

def perturb(test_path, seed):
    rng = random.Random(seed)
    for line in open(test_path, encoding="utf-8"):
        w = words(line)
        if w and rng.random() < 0.2:
            k = rng.randrange(len(w))
            kind = rng.randrange(3)
            if kind == 0: w.insert(k, "“")                                     # a quote mark more
            elif kind == 1 and len(w[k]) > 1: w[k] = w[k][1:]                   # a character less
            else: w[k] = "国" + w[k][1:]                                        # a character changed
        print(" ".join(w))

if __name__ == "__main__":
    if sys.argv[1] == "--perturb":
        perturb(sys.argv[3], int(sys.argv[2]))
    else:
        print(json.dumps(score(*sys.argv[1:4])))
