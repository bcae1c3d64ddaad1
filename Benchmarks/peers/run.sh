#!/usr/bin/env bash
# Compare segtool with peer segmenters (jieba, rjieba) on speed and accuracy.
#
# Creates (once) a Python virtual environment outside the repository, installs the
# peers from PyPI into it, and runs compare.py with that environment's Python.
# All arguments are passed through to compare.py; see `run.sh --help`.
#
#   run.sh keywords [ARGS]   runs keywords.py instead (segtool keywords vs. jieba.analyse,
#                            TF-IDF and TextRank), in the same environment; see
#                            `run.sh keywords --help`. keywords.sh is a shortcut for it.
#   run.sh python [ARGS]     runs python_api.py instead (segtool's Python package against jieba
#                            and rjieba, in process: lcut on one and two threads, start-up), after
#                            installing the package (`pip install ./python`, which builds its
#                            library) into the same environment; see `run.sh python --help`.
#                            python.sh is a shortcut for it.
#   run.sh index [ARGS]      runs index.py instead (segtool's index vs. tantivy: build time,
#                            size, open time, query latency), in the same environment; see
#                            `run.sh index --help`. index.sh is a shortcut for it.
#
# Environment:
#   PEERS_VENV  where the virtual environment lives (default: $HOME/.cache/segtool-peers-venv)
#   PYTHON      the interpreter that creates it            (default: python3)
#   SEGTOOL     the segtool binary to measure               (default: .build/release/segtool)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
venv="${PEERS_VENV:-${HOME:-/root}/.cache/segtool-peers-venv}"
python="${PYTHON:-python3}"
# Distribution names on PyPI; tantivy is used by index.py (`run.sh index`).
packages=(jieba rjieba tantivy)

die() { echo "run.sh: error: $*" >&2; exit 1; }

command -v "$python" >/dev/null 2>&1 \
    || die "'$python' not found. On Debian: apt-get install python3 python3-venv"

case "$(realpath -m "$venv")/" in
    "$repo_root"/*) echo "run.sh: warning: PEERS_VENV ($venv) is inside the repository;" \
                         "keep it out of commits." >&2 ;;
esac

if [[ ! -x "$venv/bin/python" ]]; then
    # Debian splits venv/ensurepip into python3-venv; check before creating a half-made venv.
    if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        ver="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)"
        die "'$python -m venv' is not usable (the venv/ensurepip module is missing).
  On Debian/Ubuntu install it with:  apt-get install python3-venv${ver:+   (or python${ver}-venv)}"
    fi
    echo "run.sh: creating virtual environment in $venv" >&2
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    "$python" -m venv "$venv" || die "could not create the virtual environment in $venv"
fi

vpy="$venv/bin/python"
missing=()
for pkg in "${packages[@]}"; do
    if ! "$vpy" -c 'import importlib.metadata as m, sys; m.version(sys.argv[1])' "$pkg" \
            >/dev/null 2>&1; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]})); then
    echo "run.sh: installing ${missing[*]} into $venv" >&2
    "$vpy" -m pip install --disable-pip-version-check --quiet "${missing[@]}" \
        || die "pip could not install ${missing[*]} (is PyPI reachable?)"
fi

script="compare.py" shown=("$0")
case "${1:-}" in
    keywords) script="keywords.py" shown=("$0" keywords); shift ;;
    index)    script="index.py"    shown=("$0" index);    shift ;;
    python)   script="python_api.py" shown=("$0" python); shift
              echo "run.sh: installing segtool (python/) into $venv" >&2
              "$vpy" -m pip install --disable-pip-version-check --quiet --force-reinstall --no-deps \
                  "$repo_root/python" || die "pip could not build and install $repo_root/python" ;;
esac
# keywords.sh and index.sh pass their own name so that the report shows the command as typed.
[[ -n "${PEERS_COMMAND_NAME:-}" ]] && shown=("$PEERS_COMMAND_NAME")
# The command as the user typed it, for the report.
cmd="$(printf '%q ' "${shown[@]}" "$@")"
export SEGTOOL_PEERS_COMMAND="${SEGTOOL:+SEGTOOL=$(printf '%q' "$SEGTOOL") }${cmd% }"
exec "$vpy" "$script_dir/$script" "$@"
