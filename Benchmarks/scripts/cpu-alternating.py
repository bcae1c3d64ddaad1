#!/usr/bin/env python3
"""CPU time (user + system) of `segtool segment` for several binaries, run in turn.

Usage: cpu-alternating.py MODE ROUNDS TEXT BINARY...

Each round runs every binary once over TEXT (`segment --mode MODE`, output discarded), so a
busy patch of the machine falls on all of them alike; prints the minimum and the median per
binary, in milliseconds. Compare binaries within one run only.
"""
import os
import resource
import statistics
import subprocess
import sys


def main() -> None:
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    mode, rounds, text, binaries = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    times = {b: [] for b in binaries}
    for _ in range(rounds):
        for b in binaries:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([b, "segment", "--mode", mode, text], stdout=subprocess.DEVNULL, check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[b].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    print(f"load {os.getloadavg()[0]:.2f}; {mode}; {rounds} rounds")
    for b, v in times.items():
        print(f"{b}: min {min(v):.0f} ms, median {statistics.median(v):.0f} ms")


if __name__ == "__main__":
    main()
