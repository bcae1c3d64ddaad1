#!/usr/bin/env python3
"""segtool's spin before retaking the GIL, on and off in one process (issue 16).

    PEERS_VENV/bin/python Benchmarks/peers/python_spin.py [--threads 2 4 8] [--rounds 2] [--busy]

Each round: rjieba and segtool on one thread, then for each thread count segtool's `lcut` per
paragraph dealt out to that many threads, with the spin on and off (`segtool._ext.set_gil_spin`,
the order alternating between rounds); every result list of a pass is kept. Printed: each
multi-thread pass ÷ segtool's one thread and × rjieba's one thread of the round, with the
process's CPU/wall. --busy runs a CPU-bound process (a busy loop) beside it for the whole
time, as another program on the machine would. The corpus (`text` fields) is read at run time.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from pathlib import Path

import rjieba
import segtool
from segtool import _ext

from common import read_paragraphs, timed_threads  # noqa: E402  (beside this script)

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "politics.jsonl"))
    ap.add_argument("--mb", type=float, default=8)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threads", type=int, nargs="+", default=[2, 4, 8])
    ap.add_argument("--busy", action="store_true", help="run a busy loop in another process meanwhile")
    args = ap.parse_args()
    if any(n < 1 for n in args.threads) or args.rounds < 1:
        ap.error("--threads and --rounds must be at least 1")
    lines, size = read_paragraphs(args.corpus, int(args.mb * 1e6))

    def passes(cut, n: int) -> tuple[float, float]:
        kept: list = []
        parts = [lines[i::n] for i in range(n)]
        threads = [threading.Thread(target=lambda p: kept.append([cut(x) for x in p]), args=(p,)) for p in parts]
        return timed_threads(threads)

    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    try:
        segtool.lcut("预热")
        rjieba.cut("预热")
        passes(segtool.lcut, max(args.threads))  # warm-up: the workers, the heap
        print(f"{len(lines):,} paragraphs, {size / 1e6:.2f} MB{'; a busy loop beside' if busy else ''}")
        for r in range(args.rounds):
            rj, _ = passes(rjieba.cut, 1)
            one, _ = passes(segtool.lcut, 1)
            print(f"round {r + 1}: one thread segtool {size / 1e6 / one:.1f} MB/s, rjieba {size / 1e6 / rj:.1f} MB/s")
            for n in args.threads:
                out = []
                for spin in ((True, False) if r % 2 == 0 else (False, True)):
                    _ext.set_gil_spin(spin)
                    wall, cpu_per_wall = passes(segtool.lcut, n)
                    out.append(f"spin {'on' if spin else 'off'} ÷1 {one / wall:.2f} ×rjieba {rj / wall:.2f} "
                               f"(CPU/wall {cpu_per_wall:.2f})")
                _ext.set_gil_spin(True)
                print(f"  {n} threads: " + "; ".join(out), flush=True)
    finally:
        if busy:
            busy.kill()
            busy.wait()


if __name__ == "__main__":
    main()
