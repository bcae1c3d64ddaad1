#!/usr/bin/env python3
"""Edge coverage per source file from libFuzzer's -print_coverage=1 output (stdin).

Usage: Fuzz/run.sh coverage TARGET [PATH-SUBSTRING...]
Prints, for each source file of the repository (or only those whose path contains one of the
substrings), the functions reached over the functions instrumented, the edges covered over the
edges instrumented, and the totals. Instrumented edges include the compiler's overflow and
bounds-check trap blocks, which a correct program never takes: the edge fraction is a lower
bound.
"""
import re
import sys
from collections import defaultdict

LINE = re.compile(r"^(UN)?COVERED_FUNC: hits: (\d+) edges: (\d+)/(\d+) .* (/\S+):\d+$")

def main() -> None:
    wanted = sys.argv[1:]
    files = defaultdict(lambda: [0, 0, 0, 0])  # edges covered, edges, functions reached, functions
    for line in sys.stdin:
        m = LINE.match(line.strip())
        if not m:
            continue
        path = m.group(5)
        for root in ("/Sources/", "/Fuzz/Targets/"):
            if root in path:
                path = path[path.index(root) + 1:]
                break
        else:
            continue
        if wanted and not any(w in path for w in wanted):
            continue
        entry = files[path]
        entry[0] += int(m.group(3))
        entry[1] += int(m.group(4))
        entry[2] += 1 if m.group(1) is None else 0
        entry[3] += 1
    def row(values, name):
        c, t, fc, ft = values
        print(f"{fc:5d}/{ft:<5d} {100 * fc / max(ft, 1):5.1f}%   {c:6d}/{t:<6d} {100 * c / max(t, 1):5.1f}%  {name}")
    print("  functions reached     edges covered  file")
    for path in sorted(files):
        row(files[path], path)
    row([sum(v[i] for v in files.values()) for i in range(4)], "total")

if __name__ == "__main__":
    main()
