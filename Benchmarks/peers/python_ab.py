#!/usr/bin/env python3
"""Two or more builds of segtool's Python package in one process, against rjieba: `lcut` per
paragraph, in the thread's CPU time, the builds taking turns round by round.

On a machine that others load, wall times of separate runs swing more than the difference
between two builds; here every build (and rjieba) runs in the same process, in the same minutes,
in rotating order, and each is timed in CPU time, so the ratios hold under load. Each NAME=DIR
is an installed package directory (`.../site-packages/segtool`, with its `_ext` module and its
bundled library, or the library that SEGTOOL_LIBRARY names); it is copied to a temporary
directory and imported as `segtool_NAME` (the package imports itself relatively, and each copy
of the extension module has its own word cache). The first build is the reference.

    PEERS_VENV/bin/python Benchmarks/peers/python_ab.py [--drop] [--rounds 6] main=/tmp/venv-main/lib/python3.11/site-packages/segtool branch=$PEERS_VENV/lib/python3.11/site-packages/segtool

--drop drops each result list at once (as python_threads.py does); by default the lists of a
pass are kept until its end (as python_api.py keeps them). --threads 2 deals the paragraphs to
two threads (even and odd) and times each segtool pass in wall time with the process's
CPU/wall, and rjieba on one thread (its two threads are slower than its one; the issue's target
is two threads against rjieba's one); only rounds in which every build had both cores busy
(CPU/wall ≥ 1.6, as a machine with two free cores gives) are compared, the others are printed
and left out.
"""
from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import read_paragraphs, timed_threads  # noqa: E402  (beside this script)

REPO = Path(__file__).resolve().parents[2]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("packages", nargs="+", metavar="NAME=DIR", help="an installed segtool package directory")
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "politics.jsonl"))
    ap.add_argument("--mb", type=float, default=8)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--drop", action="store_true", help="drop each result list at once")
    ap.add_argument("--threads", type=int, choices=(1, 2), default=1)
    args = ap.parse_args()
    import rjieba

    temporary = Path(tempfile.mkdtemp(prefix="segtool-ab-"))
    try:
        cuts = {}
        for spec in args.packages:
            name, sep, directory = spec.partition("=")
            if not sep or not name.isidentifier() or not (Path(directory) / "__init__.py").is_file():
                raise SystemExit(f"python_ab.py: expected NAME=DIR with DIR a segtool package, got {spec!r}")
            shutil.copytree(directory, temporary / f"segtool_{name}", ignore=shutil.ignore_patterns("__pycache__"))
            sys.path.insert(0, str(temporary))
            cuts[name] = importlib.import_module(f"segtool_{name}").lcut
        cuts["rjieba"] = rjieba.cut
        lines, size = read_paragraphs(args.corpus, int(args.mb * 1e6))
        print(f"{len(lines):,} paragraphs, {size / 1e6:.2f} MB; results {'dropped' if args.drop else 'kept'}; "
              f"load average before {os.getloadavg()[0]:.2f}", flush=True)
        for cut in cuts.values():  # warm-up: the word caches, rjieba's dictionary, the heap
            for p in lines[:2000]:
                cut(p)
        def work(cut, part: list[str]) -> None:
            if args.drop:
                for p in part:
                    cut(p)
            else:
                kept = [cut(p) for p in part]  # noqa: F841  (kept until the pass ends)

        # Seconds per round: the thread's CPU time (one thread) or wall time (two threads).
        seconds: dict[str, list[float]] = {name: [] for name in cuts}
        busy: dict[str, list[float]] = {name: [] for name in cuts}
        order = list(cuts)
        for r in range(args.rounds):
            shift = r % len(order)
            for name in order[shift:] + order[:shift]:
                cut = cuts[name]
                if args.threads == 2 and name == "rjieba":
                    start = time.perf_counter()
                    work(cut, lines)
                    seconds[name].append(time.perf_counter() - start)
                    busy[name].append(2.0)  # one thread: not filtered
                elif args.threads == 1:
                    start = time.thread_time()
                    work(cut, lines)
                    seconds[name].append(time.thread_time() - start)
                    busy[name].append(1.0)
                else:
                    threads = [threading.Thread(target=work, args=(cut, half)) for half in (lines[0::2], lines[1::2])]
                    wall, cpu_per_wall = timed_threads(threads)
                    seconds[name].append(wall)
                    busy[name].append(cpu_per_wall)
        rounds = [r for r in range(args.rounds) if args.threads == 1 or all(busy[n][r] >= 1.6 for n in order)]
        if args.threads == 2:
            for name in order[:-1]:
                print(f"{name}: MB/s (CPU/wall) per round: " + ", ".join(
                    f"{size / 1e6 / s:.1f} ({b:.2f})" for s, b in zip(seconds[name], busy[name])))
            print(f"rounds with both cores busy for all: {len(rounds)} of {args.rounds}")
            if not rounds:
                return
        reference = order[0]
        clock = "CPU time" if args.threads == 1 else "wall time, two threads; rjieba one"
        print(f"| build | MB/s ({clock}, median) | × {reference} (median; per round) | × rjieba one thread (median) |")
        print("|---|---:|---:|---:|")
        for name in order:
            mine = [seconds[name][r] for r in rounds]
            against = [seconds[reference][r] / seconds[name][r] for r in rounds]
            against_rjieba = [seconds["rjieba"][r] / seconds[name][r] for r in rounds]
            print(f"| {name} | {size / 1e6 / median(mine):.1f} | {median(against):.3f} "
                  f"({', '.join(f'{x:.2f}' for x in against)}) | {median(against_rjieba):.3f} |")
        print(f"load average after {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
