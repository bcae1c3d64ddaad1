#!/usr/bin/env bash
# CI for issue 17: the lexicon judged on the shared corpus (`segtool dict lint --corpus`). Fails
# when any entry cuts ICU's words more often than it joins them, at least 3 times (none does now:
# the nearest has 2 cuts; see Benchmarks/RESULTS.md "Lexicon lint, twelfth session").
# Uses the debug build .ci/run has made (~15 s on the 26 MB corpus); skips without ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=../shared/corpus/politics.jsonl
if [ ! -f "$corpus" ]; then
  echo "lint.sh: $corpus is absent; skipping the corpus lint of the lexicon"
  exit 0
fi
segtool="${SEGTOOL_BIN:-.build/debug/segtool}"
[ -x "$segtool" ] || swift build --product segtool
"$segtool" dict lint Dictionaries/lexicon/*.txt --corpus "$corpus" --min-cuts 3 --max-harmful 0
