#!/usr/bin/env bash
# Builds the libFuzzer targets (release, -sanitize=fuzzer,address) and runs them.
#
#   Fuzz/run.sh build                      # build only
#   Fuzz/run.sh regress                    # every target over its kept corpus once (no fuzzing)
#   Fuzz/run.sh fuzz [SECONDS] [TARGET...] # fuzz each target for SECONDS (default 30)
#   Fuzz/run.sh runs N TARGET              # fuzz TARGET for N inputs (the long run)
#   Fuzz/run.sh coverage TARGET DIR [PATH...] # edges covered per source file by the inputs in DIR
#
# Corpus/<Target>/ holds the kept inputs (seeds and interesting inputs, regression tests);
# a run writes new inputs to .work/<Target>/ (not kept) and a crash to .work/crash-*.
set -euo pipefail
cd "$(dirname "$0")"

# The targets.
TARGETS=(FuzzSegmenter FuzzDictionary FuzzQuery FuzzJSONLines FuzzIndex)

BUILD=.build/release
build() {
  # Swift code with coverage for libFuzzer and address sanitizer; C and C++ (the lexicon data,
  # ICU's dictionary reader) with the sanitizer and coverage too. -parse-as-library: the
  # targets have no main (libFuzzer's).
  swift build -c release \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address \
    2>&1 | grep -v "Cannot export local symbol" || { echo "fuzz build failed" >&2; exit 1; }
  for t in "${TARGETS[@]}"; do test -x "$BUILD/$t" || { echo "missing $BUILD/$t" >&2; exit 1; }; done
}

# libFuzzer options shared by every run: inputs up to 4 KiB, a slow input (> 10 s) is a failure.
OPTIONS=(-max_len=4096 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1)
# FUZZ_SEED=N makes a run repeatable (CI); libFuzzer picks one otherwise.
if [ -n "${FUZZ_SEED:-}" ]; then OPTIONS+=(-seed="$FUZZ_SEED"); fi

fuzz_one() {  # TARGET, then libFuzzer options
  local t=$1; shift
  mkdir -p ".work/$t" "Corpus/$t"
  "$BUILD/$t" "${OPTIONS[@]}" -artifact_prefix=".work/crash-$t-" "$@" ".work/$t" "Corpus/$t"
}

case "${1:-fuzz}" in
  build) build ;;
  regress)
    build
    for t in "${TARGETS[@]}"; do
      echo "== $t: kept corpus"
      "$BUILD/$t" "${OPTIONS[@]}" -runs=0 "Corpus/$t"
    done ;;
  fuzz)
    seconds=${2:-30}; shift $(( $# > 1 ? 2 : $# ))
    build
    for t in "${@:-${TARGETS[@]}}"; do
      echo "== $t: ${seconds}s"
      fuzz_one "$t" -max_total_time="$seconds"
    done ;;
  runs)
    test $# -eq 3 || { echo "usage: $0 runs N TARGET" >&2; exit 64; }
    fuzz_one "$3" -runs="$2" ;;
  coverage)
    test $# -ge 3 || { echo "usage: $0 coverage TARGET DIR [PATH-SUBSTRING...]" >&2; exit 64; }
    t=$2; dir=$3; shift 3
    "$BUILD/$t" -runs=0 -print_coverage=1 "$dir" 2>&1 | python3 coverage.py "$@" ;;
  *) echo "usage: $0 build | regress | fuzz [SECONDS] [TARGET...] | runs N TARGET | coverage TARGET DIR [PATH...]" >&2; exit 64 ;;
esac
