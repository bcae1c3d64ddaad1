#!/usr/bin/env bash
# CI for issue 14: segtool-serve (the nested Server package) — build it, then its API tests
# against a real server on loopback and the page's tests in headless Chromium.
# Called from .ci/run; runs as root on a fresh machine and installs what it needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# --- Packages ---------------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# --- Build ------------------------------------------------------------------------------------
swift build --product segtool                  # the CLI builds the tests' index (already built by .ci/run)
swift build --package-path Server --product segtool-serve

# --- Tests ------------------------------------------------------------------------------------
VENV=Server/.build-venv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check pytest jsonschema openapi-spec-validator websocket-client
REQUIRE_CHROMIUM=1 SEGTOOL="$ROOT/.build/debug/segtool" SEGTOOL_SERVE="$ROOT/Server/.build/debug/segtool-serve" \
  "$VENV/bin/python" -m pytest -q -p no:cacheprovider Server/Tests
