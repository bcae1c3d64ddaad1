#!/usr/bin/env python3
"""Edge coverage per source file from libFuzzer's -print_coverage=1 output (stdin).

Usage: Fuzz/run.sh coverage TARGET [PATH-SUBSTRING...]
Prints, for each source file of the repository (or only those whose path contains one of the
substrings), the edges covered over the edges instrumented, and the total.
"""
import re
import sys
from collections import defaultdict

LINE = re.compile(r"^(UN)?COVERED_FUNC: hits: (\d+) edges: (\d+)/(\d+) .* (/\S+):\d+$")

def main() -> None:
    wanted = sys.argv[1:]
    files = defaultdict(lambda: [0, 0])
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
        files[path][0] += int(m.group(3))
        files[path][1] += int(m.group(4))
    covered = sum(c for c, _ in files.values())
    total = sum(t for _, t in files.values())
    for path in sorted(files):
        c, t = files[path]
        print(f"{c:6d}/{t:<6d} {100 * c / max(t, 1):5.1f}%  {path}")
    print(f"{covered:6d}/{total:<6d} {100 * covered / max(total, 1):5.1f}%  total")

if __name__ == "__main__":
    main()
