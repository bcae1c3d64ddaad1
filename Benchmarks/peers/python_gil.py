#!/usr/bin/env python3
"""Where a call of segtool's `lcut` spends its time on one and on two threads: the phases of
the extension module (`segtool._ext`) timed per call, from a build made with -DSEGTOOL_GIL_STATS.

    PEERS_VENV/bin/python Benchmarks/peers/python_gil.py [--mb 8] [--rounds 2] [--no-handoff] [--drop]

The installed package (`pip install ./python`) is copied to a temporary directory with its
extension rebuilt from python/src/segtool/_ext.c with the timing compiled in (the interpreter's
C compiler and headers, as setup.py builds it), and this script runs again on that copy. Each
round runs `lcut` over every paragraph (the `text` fields of the corpus, read at run time,
results kept as in python_api.py, or with --drop each list dropped at once) on one thread,
then dealt out to two threads, and prints per
call (µs): the time with the GIL inside the module (`held`: arguments, making the words),
releasing the GIL, segmenting without it (`work`), taking it back (`retake`, which includes
the module's spin while another thread holds it), and the caller's Python between two calls;
the share of retakes slower than 2 and 20 µs, and how often the module spun. The clock reads
cost ~5% of a call: compare these figures with each other, not with python_api.py's.
--no-handoff builds without the spin (-DSEGTOOL_NO_HANDOFF), to compare.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import threading
from pathlib import Path

from common import read_paragraphs, timed_threads  # noqa: E402  (beside this script)

REPO = Path(__file__).resolve().parents[2]


def build_copy(no_handoff: bool) -> Path:
    """A copy of the installed segtool package whose _ext has the phase timing compiled in."""
    import segtool
    source = Path(segtool.__file__).parent
    target = Path(tempfile.mkdtemp(prefix="segtool-gil-")) / "segtool"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "_ext.*"))
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    cc = (sysconfig.get_config_var("CC") or "cc").split()
    command = [*cc, "-shared", "-fPIC", "-O2", "-std=c11", "-DSEGTOOL_GIL_STATS",
               *(["-DSEGTOOL_NO_HANDOFF"] if no_handoff else []),
               f"-I{sysconfig.get_paths()['include']}", f"-I{REPO / 'Sources' / 'CSegtool' / 'include'}",
               str(REPO / "python" / "src" / "segtool" / "_ext.c"), "-o", str(target / f"_ext{suffix}"),
               "-lpthread"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"python_gil.py: building the timed extension failed:\n{' '.join(command)}\n"
                         f"{result.stderr}")
    return target.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "politics.jsonl"))
    ap.add_argument("--mb", type=float, default=8)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-handoff", action="store_true", help="build without the spin before retaking the GIL")
    ap.add_argument("--drop", action="store_true", help="drop each result list at once (python_threads.py's way)")
    args = ap.parse_args()
    from segtool import _ext
    if not hasattr(_ext, "gil_stats"):
        if os.environ.get("SEGTOOL_GIL_COPY"):
            raise SystemExit("python_gil.py: the timed copy has no gil_stats")
        copy = build_copy(args.no_handoff)
        env = dict(os.environ, PYTHONPATH=f"{copy}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
                   SEGTOOL_GIL_COPY="1")
        try:
            sys.exit(subprocess.run([sys.executable, __file__, *sys.argv[1:]], env=env).returncode)
        finally:
            shutil.rmtree(copy, ignore_errors=True)
    import segtool
    lines, size = read_paragraphs(args.corpus, int(args.mb * 1e6))
    print(f"{len(lines):,} paragraphs, {size / 1e6:.2f} MB; load average {os.getloadavg()[0]:.2f}; "
          f"handoff {'off' if args.no_handoff else 'on'}; results {'dropped' if args.drop else 'kept'}")

    def work(part: list[str], out: list) -> None:
        if args.drop:
            lcut = segtool.lcut
            for p in part:
                lcut(p)
        else:
            out.append([segtool.lcut(p) for p in part])

    def run(n: int) -> tuple[float, float]:
        kept: list = []
        threads = [threading.Thread(target=work, args=(lines[i::n], kept)) for i in range(n)]
        return timed_threads(threads, settle=0.05)

    run(2)  # warm-up: both threads' workers
    _ext.gil_stats(True)
    for r in range(1, args.rounds + 1):
        for n in (1, 2):
            wall, cpu_per_wall = run(n)
            st = _ext.gil_stats(True)
            calls = max(1, st["calls"])

            def us(key: str) -> str:
                return f"{st[key] / calls / 1000:.2f}"
            print(f"round {r}, {n} thread{'s' if n > 1 else ''}: {size / 1e6 / wall:5.1f} MB/s, CPU/wall "
                  f"{cpu_per_wall:.2f} | µs per call: held {us('held_ns')}, release {us('release_ns')}, "
                  f"work {us('work_ns')}, retake {us('retake_ns')}, between {us('between_ns')} | retakes "
                  f"> 2 µs {st['retakes_over_2us'] / calls:.1%}, > 20 µs {st['retakes_over_20us'] / calls:.1%}; "
                  f"spun {st['spins'] / calls:.1%} (given up {st['spins_given_up']})", flush=True)


if __name__ == "__main__":
    main()
