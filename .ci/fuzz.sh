#!/usr/bin/env bash
# CI: the libFuzzer targets of Fuzz/ (issue 13). Builds them (release, fuzzer + address
# sanitizer), replays the kept corpus of every target (regression inputs), then fuzzes each
# target for ~30 s from a fixed seed. A crash or a broken invariant fails the step; the input
# is left in Fuzz/.work/crash-* and printed as hex.
set -euo pipefail
cd "$(dirname "$0")/.."

# The ICU headers and pkg-config (as .ci/run); the toolchain's clang brings libFuzzer.
if ! pkg-config --exists icu-uc libzstd 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq libicu-dev libzstd-dev pkg-config
fi

SECONDS_PER_TARGET=${FUZZ_SECONDS:-30}
status=0
Fuzz/run.sh regress || status=$?
if [ "$status" -eq 0 ]; then
  FUZZ_SEED=1 Fuzz/run.sh fuzz "$SECONDS_PER_TARGET" || status=$?
fi
if [ "$status" -ne 0 ]; then
  for crash in Fuzz/.work/crash-*; do
    [ -e "$crash" ] || continue
    echo "== $crash"; od -A d -t x1 "$crash" | head -n 20
  done
  exit "$status"
fi
echo "fuzz: every target replayed its corpus and ran ${SECONDS_PER_TARGET}s without a failure"
