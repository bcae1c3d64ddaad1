#!/usr/bin/env bash
# CI for issue 15: the C API (libsegtool-c + a C test program) and the PostgreSQL extension.
# Called from .ci/run; runs as root on a fresh machine, installs what it needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# --- The C API -------------------------------------------------------------------------------
swift build -c release --product segtool-c
LIBDIR=$ROOT/.build/release
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cc -std=c11 -O1 -Wall -Wextra -Werror -pthread -I Sources/CSegtool/include Tests/CAPI/test_capi.c \
   -L "$LIBDIR" -lsegtool-c -Wl,-rpath,"$LIBDIR" -o "$WORK/test_capi"
"$WORK/test_capi" Samples/government-report.txt "$WORK"
