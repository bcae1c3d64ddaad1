#!/usr/bin/env python3
"""lcut with its results thrown away at once, one and two threads: a check beside python_api.py.

python_api.py keeps every result list (as a user's list or DataFrame does); this one drops each
list as soon as it is made, so Python's allocator reuses the strings' memory, and compares
segtool's shared module functions, two separate Tokenizers, and rjieba on one thread (one thread
also in the thread's CPU time, which load on the machine disturbs less than wall time). It reads
the first ~8 MB of paragraphs of the corpus at run time.

    PEERS_VENV/bin/python Benchmarks/peers/python_threads.py [--corpus ../shared/corpus/politics.jsonl] [--rounds 3]
"""
import argparse
import threading
import time

import rjieba
import segtool

from common import read_paragraphs, timed_threads  # noqa: E402  (beside this script)


def run(cut, part):
    for p in part:
        cut(p)


def one(cut, lines) -> tuple[float, float]:
    """Wall seconds and the thread's CPU seconds (the CPU time stays readable on a loaded machine)."""
    t, c = time.perf_counter(), time.thread_time()
    run(cut, lines)
    return time.perf_counter() - t, time.thread_time() - c


def two(cuts, lines) -> tuple[float, float]:
    """Wall seconds of two threads (even and odd paragraphs) and the process's CPU/wall."""
    threads = [threading.Thread(target=run, args=(c, h)) for c, h in zip(cuts, (lines[0::2], lines[1::2]))]
    return timed_threads(threads)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="../shared/corpus/politics.jsonl")
    ap.add_argument("--mb", type=float, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    lines, _ = read_paragraphs(args.corpus, int(args.mb * 1e6))
    t1, t2 = segtool.Tokenizer(), segtool.Tokenizer()
    for cut in (segtool.lcut, t1.lcut, t2.lcut, rjieba.cut):
        cut("预热")
    for r in range(1, args.rounds + 1):
        (rj, rj_cpu), (st, st_cpu) = one(rjieba.cut, lines), one(segtool.lcut, lines)
        shared = two([segtool.lcut, segtool.lcut], lines)
        separate = two([t1.lcut, t2.lcut], lines)
        print(f"round {r}: rjieba one thread {rj:.3f} s; segtool one thread {st:.3f} s ({rj / st:.2f}x rjieba; "
              f"CPU {rj_cpu:.3f} / {st_cpu:.3f} s, {rj_cpu / st_cpu:.2f}x); "
              f"two threads, shared functions {shared[0]:.3f} s ({rj / shared[0]:.2f}x rjieba, CPU/wall {shared[1]:.2f}); "
              f"two Tokenizers {separate[0]:.3f} s ({rj / separate[0]:.2f}x rjieba, CPU/wall {separate[1]:.2f})")


if __name__ == "__main__":
    main()
