#!/usr/bin/env bash
# segtool's on-disk index vs. tantivy (tantivy-py): build time, index size, open time and
# query latency on ~100 MB of the corpus repeated. Same as `run.sh index ARGS`: the same
# virtual environment and environment variables (PEERS_VENV, PYTHON, SEGTOOL); see
# `index.sh --help`. It takes minutes; on a shared machine prefix it with `nice -n 10`.
set -euo pipefail
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS_COMMAND_NAME="$0" exec "$script_dir/run.sh" index "$@"
