#!/usr/bin/env bash
# CI for issue 15: the C API (libsegtool-c + a C test program) and the PostgreSQL extension
# (build, install, the SQL suite on a throwaway cluster, the postgres_fdw scale-out test).
# Called from .ci/run; runs as root on a fresh machine and installs what it needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# --- Packages ---------------------------------------------------------------------------------
missing=()
dpkg -s postgresql-15 >/dev/null 2>&1 || missing+=(postgresql-15)
dpkg -s postgresql-server-dev-15 >/dev/null 2>&1 || missing+=(postgresql-server-dev-15)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v cc >/dev/null 2>&1 || missing+=(gcc)
command -v make >/dev/null 2>&1 || missing+=(make)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
# Debian's package starts a cluster of its own on install; the tests use their own clusters.

# --- The C API --------------------------------------------------------------------------------
swift build -c release --product segtool-c
swift build -c release --product segtool
LIBDIR=$ROOT/.build/release
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cc -std=c11 -O1 -Wall -Wextra -Werror -pthread -I Sources/CSegtool/include Tests/CAPI/test_capi.c \
   -L "$LIBDIR" -lsegtool-c -Wl,-rpath,"$LIBDIR" -o "$WORK/test_capi"
"$WORK/test_capi" Samples/government-report.txt "$WORK"

# --- The PostgreSQL extension -----------------------------------------------------------------
export PATH=/usr/lib/postgresql/15/bin:$PATH
make -C Integrations/postgresql with_llvm=no SEGTOOL_LIB="$LIBDIR" clean all install >/dev/null
bash Integrations/postgresql/test/run.sh "$LIBDIR/segtool" "$ROOT/../shared/corpus/politics.jsonl"
