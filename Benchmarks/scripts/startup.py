#!/usr/bin/env python3
"""Start-up of segtool processes: one line segmented, one search on a small index.

For each binary given, and each command below, runs the command RUNS times, the binaries and
commands interleaved round by round (so a change of load on the machine hits them alike), and
prints the median wall time and the median CPU time (user + system, from the kernel's
accounting of the child) in milliseconds:

  segment          echo LINE | segtool segment
  segment-icu      echo LINE | segtool segment --icu-only      (no lexicon: the baseline)
  keywords         echo LINE | segtool keywords                (reads the IDF table and the pairs)
  version          segtool --version                           (a process that does nothing)
  search           segtool search --index IDX 高质量发展 --top 3   (index with the lexicon)
  search-icu       the same on an index built with --icu-only

    python3 Benchmarks/scripts/startup.py --runs 25 .build/release/segtool [OTHER_BINARY...]

The indexes are built (by the first binary) from Samples/government-report.txt, one document a
paragraph, in a temporary folder; nothing else is read.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

LINE = "坚持发扬全过程人民民主，推进高质量发展\n".encode()
QUERY = "高质量发展"


def run_once(argv, stdin_bytes):
    """Wall and CPU milliseconds of one run of argv (output discarded)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc.stdin.write(stdin_bytes)
    proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)}: exit status {proc.returncode}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def build_index(binary, folder, icu_only):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "Samples", "government-report.txt"), encoding="utf-8") as f:
        paragraphs = [p.strip() for p in f.read().split("\n") if p.strip()]
    docs = os.path.join(folder, "docs.jsonl")
    with open(docs, "w", encoding="utf-8") as f:
        for i, p in enumerate(paragraphs):
            f.write(json.dumps({"id": f"p{i}", "title": p[:20], "text": p}, ensure_ascii=False) + "\n")
    index = os.path.join(folder, "icu" if icu_only else "lexicon")
    argv = [binary, "index", "build", "--index", index, "--jsonl", docs] + (["--icu-only"] if icu_only else [])
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return index


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        lexicon_index = build_index(args.binaries[0], tmp, icu_only=False)
        icu_index = build_index(args.binaries[0], tmp, icu_only=True)
        commands = {
            "segment": (["segment"], LINE),
            "segment-icu": (["segment", "--icu-only"], LINE),
            "keywords": (["keywords"], LINE),
            "version": (["--version"], b""),
            "search": (["search", "--index", lexicon_index, QUERY, "--top", "3"], b""),
            "search-icu": (["search", "--index", icu_index, QUERY, "--top", "3"], b""),
        }
        times = {(b, c): ([], []) for b in args.binaries for c in commands}
        for b in args.binaries:  # warm the page cache
            for argv, stdin in commands.values():
                run_once([b] + argv, stdin)
        for _ in range(args.runs):
            for c, (argv, stdin) in commands.items():
                for b in args.binaries:
                    wall, cpu = run_once([b] + argv, stdin)
                    times[(b, c)][0].append(wall)
                    times[(b, c)][1].append(cpu)
        print(f"medians of {args.runs} runs, ms (wall / CPU = user + system)")
        print("command      " + "".join(f"{os.path.basename(os.path.dirname(b)) + '/' + os.path.basename(b):>26}" for b in args.binaries))
        for c in commands:
            cells = []
            for b in args.binaries:
                wall, cpu = times[(b, c)]
                cells.append(f"{statistics.median(wall):9.1f} / {statistics.median(cpu):5.1f}")
            print(f"{c:12} " + "".join(f"{cell:>26}" for cell in cells))


if __name__ == "__main__":
    main()
