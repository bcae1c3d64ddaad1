#!/usr/bin/env bash
# CI for issue 16: the Python package (python/). Builds its wheel (which builds libsegtool-c in
# release with the Swift runtime linked in, and the extension module segtool._ext), installs it
# into a throwaway virtual environment with pytest and jieba (for the shape comparison), checks that the bundled library needs no Swift
# toolchain, and runs the pytest suite against the installed package.
# pandas is there for the test that makes a DataFrame of a trend.
# Called from .ci/run; runs as root on a fresh machine and installs what it needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

python="${PYTHON:-python3}"
if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq python3 python3-venv
  python=python3
fi
# The extension module (python/src/segtool/_ext.c) needs Python's headers and a C compiler.
has_headers() { "$1" -c 'import os, sysconfig; assert os.path.isfile(os.path.join(sysconfig.get_paths()["include"], "Python.h"))' 2>/dev/null; }
if ! has_headers "$python" || ! command -v cc >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq python3-dev gcc
  has_headers "$python" || python=/usr/bin/python3  # Debian's, whose headers python3-dev has
fi
if ! pkg-config --exists icu-uc libzstd 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq libicu-dev libzstd-dev pkg-config
fi
# The command line, for the test that reads an index it built (.ci/run has built it already).
export SEGTOOL_BIN="${SEGTOOL_BIN:-$PWD/.build/debug/segtool}"
[[ -x "$SEGTOOL_BIN" ]] || swift build --product segtool

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$python" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
pip_install() { "$VPY" -m pip install --disable-pip-version-check -q "$@"; }
pip_install pytest jieba pandas

# The wheel, as a user would build it, then installed from the wheel (not from the tree).
"$VPY" -m pip wheel --disable-pip-version-check -q --no-deps -w "$WORK/wheel" ./python
pip_install "$WORK"/wheel/segtool-*.whl

# The bundled library links to the system (glibc, libstdc++, ICU 72, zstd) only: no Swift runtime.
LIB=$("$VPY" -c 'import pathlib, segtool; print(pathlib.Path(segtool.__file__).parent / "_lib" / "libsegtool-c.so")')
echo "python.sh: $LIB links to:"
ldd "$LIB"
if ldd "$LIB" | grep -E 'swift|not found'; then
  echo "python.sh: the bundled library needs the Swift toolchain or a missing library" >&2; exit 1
fi
# And works with the toolchain's libraries hidden, where a mount namespace is allowed.
SWIFT_LIBS="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")/lib/swift"
if unshare -m true 2>/dev/null; then
  unshare -m sh -c "mount -t tmpfs tmpfs '$SWIFT_LIBS' && exec '$VPY' -c 'import segtool; assert segtool.lcut(\"发展全过程人民民主\") == [\"发展\", \"全过程人民民主\"]'"
  echo "python.sh: the wheel works with $SWIFT_LIBS hidden"
fi

# The suite against the installed package (python/src is not on the path: src layout).
# pytest exits non-zero on a failure, and with 5 when it collects no tests: both fail CI.
(cd python && "$VPY" -m pytest -q -p no:cacheprovider tests)
