#!/usr/bin/env python3
"""segtool's Python package (`import segtool`) against jieba and rjieba, in one process.

Run it through run.sh (`run.sh python ...`) or python.sh, which install the package
(`pip install ./python`) and the peers into the peers' virtual environment.

Throughput: `lcut(paragraph)` for every paragraph of a sample of the corpus (the `text`
fields, one paragraph a line, up to --mb MB, read at run time), keeping each result list, as a
jieba user would. jieba (HMM on, its default) and rjieba (`rjieba.cut`, HMM on, its default)
run in the same process on the same paragraphs. To share out the machine's slow spells
fairly, the sample is cut into --slices slices and each slice is segmented by every tool in
turn (the order rotating); a tool's time in a round is the sum over its slices. Medians over
--rounds rounds; ratios are taken within each round, then their median.

CPU time: beside the wall time of one thread, the thread's CPU time (`time.thread_time`),
which other processes on a shared machine disturb much less; its ratios are shown too.

Two threads: the paragraphs are dealt out to two threads (even and odd ones), each calling
`lcut`; wall time from start to both joined. Before the rounds, each tool runs the whole sample on
two threads untimed (a warm-up, as the one-thread rounds have theirs: segtool's second thread
makes its own worker then, and the heap grows to what the kept results of two threads need). segtool releases the GIL in its C calls; jieba and
rjieba hold it (their two-thread figures show that). Ratios are to rjieba on one thread in the
same round.

Start-up: `import X` plus the first `lcut` of a short sentence, timed inside a fresh
interpreter (interpreter start-up excluded), --startup-runs runs alternating the tools;
medians. jieba's first lcut loads its dictionary from its cache file (made on its first use
on the machine; the script makes sure it exists first), as on any run but the very first.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from common import (find_repo_root, machine_info, package_version, PeerError,  # noqa: E402  (beside this script)
                    resolve_in_repo, run_script, write_report)

MB = 1_000_000
TOOLS = ("segtool", "rjieba", "jieba")
STARTUP_SENTENCE = "坚持发扬全过程人民民主"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="segtool's Python package against jieba and rjieba: lcut throughput on "
                    "one and two threads, start-up.")
    parser.add_argument("--corpus", default="../shared/corpus/politics.jsonl",
                        help="JSONL corpus with a `text` field per record; relative paths are "
                             "resolved against the repository root (default: %(default)s)")
    parser.add_argument("--mb", type=float, default=8,
                        help="MB (10^6 bytes) of corpus text (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (default: %(default)s)")
    parser.add_argument("--slices", type=int, default=16,
                        help="slices of the sample per round, each run by every tool in turn "
                             "(default: %(default)s)")
    parser.add_argument("--startup-runs", type=int, default=7,
                        help="fresh interpreters per tool for the start-up time (default: %(default)s)")
    parser.add_argument("--no-jieba", action="store_true",
                        help="leave jieba (Python, ~1 MB/s) out of the throughput rounds")
    parser.add_argument("--json", metavar="FILE", default=None,
                        help="also write all numbers to FILE as JSON")
    args = parser.parse_args()
    if args.mb <= 0 or args.rounds < 1 or args.slices < 1 or args.startup_runs < 1:
        parser.error("--mb must be positive; --rounds, --slices and --startup-runs at least 1")
    return args


def read_sample(corpus: Path, limit_bytes: int) -> tuple[list[str], int]:
    """The corpus's paragraphs (stripped, non-empty) up to `limit_bytes` of UTF-8."""
    if not corpus.is_file():
        raise PeerError(f"corpus not found: {corpus} (pass --corpus PATH)")
    lines: list[str] = []
    size = 0
    with corpus.open(encoding="utf-8") as source:
        for number, record in enumerate(source, 1):
            if not record.strip():
                continue
            try:
                text = json.loads(record).get("text")
            except (json.JSONDecodeError, AttributeError) as error:
                raise PeerError(f"{corpus}:{number}: not a JSON object: {error}") from None
            if not isinstance(text, str):
                continue
            for paragraph in text.splitlines():
                paragraph = paragraph.strip()
                if not paragraph:
                    continue
                n = len(paragraph.encode("utf-8"))
                if size + n > limit_bytes:
                    return lines, size
                lines.append(paragraph)
                size += n
    if not lines:
        raise PeerError(f"corpus has no `text` fields: {corpus}")
    return lines, size


def import_tools(with_jieba: bool) -> dict:
    try:
        import rjieba
        import segtool
        import jieba
    except ImportError as error:
        raise PeerError(f"{error}. Run this through Benchmarks/peers/run.sh python (or "
                        "python.sh), which installs segtool, jieba and rjieba.") from None
    import logging
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    rjieba.cut("初始化")
    segtool.lcut("初始化")
    tools = {"segtool": segtool.lcut, "rjieba": rjieba.cut, "jieba": jieba.lcut}
    if not with_jieba:
        del tools["jieba"]
    return tools


def segment_all(cut, lines: list[str]) -> list:
    return [cut(line) for line in lines]


def one_thread_round(tools: dict, slices: list[list[str]],
                     round_index: int) -> tuple[dict[str, float], dict[str, float]]:
    """Wall and CPU seconds per tool for the whole sample, slice by slice, tools in rotating
    order. CPU time (this thread's) is what other processes on a shared machine disturb least."""
    wall = dict.fromkeys(tools, 0.0)
    cpu = dict.fromkeys(tools, 0.0)
    names = list(tools)
    for i, chunk in enumerate(slices):
        shift = (i + round_index) % len(names)
        for name in names[shift:] + names[:shift]:
            start, start_cpu = time.perf_counter(), time.thread_time()
            segment_all(tools[name], chunk)
            cpu[name] += time.thread_time() - start_cpu
            wall[name] += time.perf_counter() - start
    return wall, cpu


def two_threads(cut, lines: list[str]) -> tuple[float, float]:
    """Wall seconds for two threads, each segmenting every other paragraph, and the process's
    CPU seconds meanwhile (CPU/wall near 2 when the threads ran in parallel, at most 1 when a
    lock such as the GIL kept them apart or when only one core was free)."""
    halves = [lines[0::2], lines[1::2]]
    threads = [threading.Thread(target=segment_all, args=(cut, half)) for half in halves]
    start, start_cpu = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, time.process_time() - start_cpu


STARTUP_CODE = """
import time
start = time.perf_counter()
import {module} as tool
{quiet}
words = tool.{function}({sentence!r})
elapsed = time.perf_counter() - start
assert words, words
print(elapsed)
"""


def startup_seconds(tool: str) -> float:
    module, function, quiet = {
        "segtool": ("segtool", "lcut", ""),
        "rjieba": ("rjieba", "cut", ""),
        "jieba": ("jieba", "lcut", "import logging; tool.setLogLevel(logging.WARNING)"),
    }[tool]
    code = STARTUP_CODE.format(module=module, function=function, quiet=quiet,
                               sentence=STARTUP_SENTENCE)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, timeout=120)
    if result.returncode != 0:
        raise PeerError(f"start-up of {tool} failed: {result.stderr.strip()}")
    return float(result.stdout.strip().splitlines()[-1])


def median(values: list[float]) -> float:
    return statistics.median(values)


def markdown(report: dict) -> str:
    meta, sample = report["meta"], report["sample"]
    out = [
        f"# segtool (Python) against jieba and rjieba — {meta['date']}",
        "",
        f"Command: `{meta['command']}`  ",
        f"Machine: {meta['machine']['cpu']}, {meta['machine']['usable_cores']} usable cores, "
        f"Python {meta['machine']['python']}; segtool {meta['versions']['segtool']} "
        f"(library {meta['versions']['segtool library']}), jieba {meta['versions']['jieba']}, "
        f"rjieba {meta['versions']['rjieba']}  ",
        f"Sample: {sample['bytes'] / MB:.2f} MB, {sample['paragraphs']:,} paragraphs of "
        f"{sample['corpus']}; {meta['rounds']} rounds, {meta['slices']} slices a round  ",
        f"Load average (1, 5, 15 min) before the rounds: "
        f"{', '.join(f'{x:.2f}' for x in meta['load_average_before'])}; after: "
        f"{', '.join(f'{x:.2f}' for x in meta['load_average_after'])} (other work on the machine)",
        "",
        "| tool | threads | seconds | MB/s | × rjieba on one thread (median; per round) "
        "| CPU s (two threads: CPU/wall) | × rjieba in CPU time |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["throughput"]:
        per_round = ", ".join(f"{r:.2f}" for r in row["ratios"])
        cpu = (f"{row['cpu_seconds']:.3f} | {row['cpu_ratio_to_rjieba']:.2f} "
               f"({', '.join(f'{r:.2f}' for r in row['cpu_ratios'])})" if "cpu_seconds" in row
               else "CPU/wall " + ", ".join(f"{r:.2f}" for r in row["cpu_per_wall"]) + " | ")
        out.append(f"| {row['tool']} | {row['threads']} | {row['seconds']:.3f} | "
                   f"{row['mb_per_s']:.2f} | **{row['ratio_to_rjieba_1t']:.2f}** ({per_round}) | "
                   f"{cpu} |")
    counts = ", ".join(f"{tool} {n:,}" for tool, n in sample["tokens_in_first_2000_paragraphs"].items())
    out += ["", f"Words in the first 2,000 paragraphs: {counts}."]
    out += ["", "Start-up (import + first lcut, in a fresh interpreter; medians):", "",
            "| tool | ms | runs (ms) |", "|---|---:|---|"]
    for tool, values in report["startup_ms"].items():
        out.append(f"| {tool} | {median(values):.1f} | {', '.join(f'{v:.0f}' for v in values)} |")
    return "\n".join(out)


def main() -> int:
    args = parse_args()
    repo_root = find_repo_root()
    corpus = resolve_in_repo(args.corpus, repo_root)
    lines, size = read_sample(corpus, int(args.mb * MB))
    tools = import_tools(not args.no_jieba)
    step = max(1, -(-len(lines) // args.slices))
    slices = [lines[i:i + step] for i in range(0, len(lines), step)]

    load_before = os.getloadavg()
    tokens = {name: sum(map(len, segment_all(cut, lines[:2000]))) for name, cut in tools.items()}
    # Warm-up of two threads (the whole sample, untimed), as in a process that has segmented
    # before: the second thread makes segtool's second worker (an ICU iterator, its caches),
    # and the kept results grow the heap to its size in the rounds (segtool: ~2,300 page faults
    # the first time, ~0 after; rjieba: ~30,000 every time, its memory going back to the system).
    for name in tools:
        if name != "jieba":
            two_threads(tools[name], lines)
    one: dict[str, list[float]] = {name: [] for name in tools}
    one_cpu: dict[str, list[float]] = {name: [] for name in tools}
    two: dict[str, list[float]] = {name: [] for name in tools if name != "jieba"}
    two_cpu: dict[str, list[float]] = {name: [] for name in two}
    for r in range(args.rounds):
        wall, cpu = one_thread_round(tools, slices, r)
        for name in tools:
            one[name].append(wall[name])
            one_cpu[name].append(cpu[name])
        order = list(two) if r % 2 == 0 else list(reversed(two))
        for name in order:
            wall, cpu = two_threads(tools[name], lines)
            two[name].append(wall)
            two_cpu[name].append(cpu)
        print(f"round {r + 1}: " + ", ".join(
            f"{n} {size / MB / one[n][-1]:.1f} MB/s" for n in one) + "; two threads: " +
            ", ".join(f"{n} {size / MB / two[n][-1]:.1f} MB/s" for n in two), file=sys.stderr)

    rows = []
    for threads, table in ((1, one), (2, two)):
        for name, values in table.items():
            ratios = [one["rjieba"][i] / v for i, v in enumerate(values)]
            row = {"tool": name, "threads": threads, "seconds": median(values),
                   "seconds_per_round": values, "mb_per_s": size / MB / median(values),
                   "ratios": ratios, "ratio_to_rjieba_1t": median(ratios)}
            if threads == 2:
                parallel = [c / w for c, w in zip(two_cpu[name], values)]
                row.update(cpu_per_wall=parallel)
            if threads == 1:
                cpu_ratios = [one_cpu["rjieba"][i] / v for i, v in enumerate(one_cpu[name])]
                row.update(cpu_seconds=median(one_cpu[name]), cpu_seconds_per_round=one_cpu[name],
                           cpu_ratios=cpu_ratios, cpu_ratio_to_rjieba=median(cpu_ratios))
            rows.append(row)

    load_after = os.getloadavg()
    # Start-up: fresh interpreters, tools alternating; jieba's cache made first.
    startup_seconds("jieba")
    startup: dict[str, list[float]] = {name: [] for name in TOOLS}
    for _ in range(args.startup_runs):
        for name in TOOLS:
            startup[name].append(startup_seconds(name) * 1000)

    import segtool
    report = {
        "meta": {
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": machine_info(),
            "command": os.environ.get("SEGTOOL_PEERS_COMMAND") or " ".join(sys.argv),
            "versions": {"segtool": package_version("segtool"),
                         "segtool library": segtool.library_version,
                         "jieba": package_version("jieba"), "rjieba": package_version("rjieba")},
            "rounds": args.rounds, "slices": len(slices),
            "load_average_before": load_before, "load_average_after": load_after,
        },
        "sample": {"corpus": str(corpus), "bytes": size, "paragraphs": len(lines),
                   "tokens_in_first_2000_paragraphs": tokens},
        "throughput": rows,
        "startup_ms": startup,
    }
    write_report(markdown(report), report, args.json)
    return 0


if __name__ == "__main__":
    run_script("python_api.py", main)
