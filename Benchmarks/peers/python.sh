#!/usr/bin/env bash
# segtool's Python package (lcut, in process) against jieba and rjieba: throughput on one and
# two threads, start-up. Same as `run.sh python ARGS`: the same virtual environment and
# environment variables (PEERS_VENV, PYTHON); see `python.sh --help`.
set -euo pipefail
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS_COMMAND_NAME="$0" exec "$script_dir/run.sh" python "$@"
