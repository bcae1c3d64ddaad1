#!/usr/bin/env bash
# CI for issue 17: the lexicon judged on the shared corpus (`segtool dict lint --corpus`). Fails
# when more entries than the limit cut ICU's words more often than they join them (at least 3
# cuts each); the entries it lists now were reviewed and kept (Dictionaries/README.md).
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
"$segtool" dict lint Dictionaries/lexicon/*.txt --corpus "$corpus" --min-cuts 3 --max-harmful 10
