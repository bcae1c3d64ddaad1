#!/usr/bin/env python3
"""Kills `segtool index` with SIGKILL at random moments and checks what is left.

Each round runs one operation (build into a new index, add, delete, merge) on an index of
generated documents, kills it after a random delay (or lets it finish), then checks:
  - the index opens and `segtool index verify` passes;
  - it holds the documents of the last commit, whole: the count before or after the operation;
  - after the next successful commit, the folder holds only what the manifest and the recorded
    analysis name (no file left behind by the killed writer).

    python3 Benchmarks/scripts/crash-test.py --binary .build/release/segtool --rounds 100

The documents are generated here (numbered sentences), nothing is read from elsewhere.
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SENTENCES = ["坚持发扬全过程人民民主", "全面推进乡村振兴", "加快建设农业强国", "推动高质量发展",
             "守住粮食安全底线", "深化改革开放", "建设社会主义现代化国家", "发展新质生产力"]


def documents(prefix, count, rng):
    out = []
    for i in range(count):
        text = "，".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 40))) + "。"
        out.append(json.dumps({"id": f"{prefix}{i}", "text": f"第{i}次会议强调{text}"}, ensure_ascii=False))
    return "\n".join(out) + "\n"


def count(binary, index):
    r = subprocess.run([binary, "index", "stats", "--index", index, "--json"], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"stats failed: {r.stderr.strip()}")
    return json.loads(r.stdout)["documents"]


def verify(binary, index):
    r = subprocess.run([binary, "index", "verify", "--index", index], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"verify failed: {r.stderr.strip()}")


def expected_files(index):
    names = {"manifest", "lock"}
    with open(os.path.join(index, "manifest"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"segment (\S+) docs \d+ deletes (\S+)", line)
            if m:
                names.update({m.group(1) + ".idx", m.group(1) + ".store"})
                if m.group(2) != "-":
                    names.add(m.group(2))
    with open(os.path.join(index, "analysis"), encoding="utf-8") as f:
        names.add("analysis")
        for line in f:
            parts = line.split()
            if parts and parts[0] in ("stopwords", "dictionary"):
                names.add(parts[1])
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/release/segtool")
    ap.add_argument("--rounds", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="segtool-crash-")
    index = os.path.join(work, "index")
    inputs = {}
    for name, n in (("base", 3000), ("more", 4000)):
        path = os.path.join(work, name + ".jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write(documents(name, n, rng))
        inputs[name] = (path, n)
    killed = finished = 0
    try:
        subprocess.run([args.binary, "index", "build", "--index", index, inputs["base"][0]], check=True, capture_output=True)
        added = 0
        for round_ in range(args.rounds):
            before = count(args.binary, index)
            op = rng.choice(["add", "delete", "merge", "build"])
            target = index
            if op == "add":
                added += 1
                path = os.path.join(work, f"add{round_}.jsonl")
                n = rng.randint(1, 6000)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(documents(f"r{round_}-", n, rng))
                cmd = ["index", "add", "--index", index, "--memory-mb", str(rng.choice([1, 4, 64])), path]
                after = {before, before + n}
            elif op == "delete":
                ids = [f"base{rng.randrange(3000)}" for _ in range(rng.randint(1, 50))]
                cmd = ["index", "delete", "--index", index] + ids
                after = None  # some ids may be gone already: checked as "at most before"
            elif op == "merge":
                cmd = ["index", "merge", "--index", index]
                after = {before}
            else:
                target = os.path.join(work, f"new{round_}")
                cmd = ["index", "build", "--index", target, "--memory-mb", "1", inputs["more"][0]]
                after = {0, inputs["more"][1]}
            p = subprocess.Popen([args.binary] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, 0.5) ** 2)
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                killed += 1
            else:
                finished += 1
            p.wait()
            if op == "build" and not os.path.exists(os.path.join(target, "manifest")):
                # Killed before the new index's first commit: nothing to open yet.
                shutil.rmtree(target, ignore_errors=True)
                continue
            verify(args.binary, target)
            now = count(args.binary, target)
            if after is None:
                if not (before - 50 <= now <= before):
                    raise SystemExit(f"round {round_} ({op}): {now} documents, had {before}")
            elif now not in after:
                raise SystemExit(f"round {round_} ({op}): {now} documents, expected one of {sorted(after)}")
            # The next commit cleans up whatever the killed writer left.
            subprocess.run([args.binary, "index", "delete", "--index", target, "no-such-id"], capture_output=True)
            subprocess.run([args.binary, "index", "add", "--index", target, inputs["base"][0]], check=True, capture_output=True)
            left = set(os.listdir(target)) - expected_files(target)
            if left:
                raise SystemExit(f"round {round_} ({op}): files left behind: {sorted(left)}")
            if target != index:
                shutil.rmtree(target, ignore_errors=True)
        print(f"{args.rounds} rounds ({killed} killed, {finished} finished): every index whole, nothing left behind")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
