#!/usr/bin/env bash
# segtool keywords vs. jieba.analyse (TF-IDF and TextRank) on a sample of the corpus.
# Same as `run.sh keywords ARGS`: the same virtual environment and environment variables
# (PEERS_VENV, PYTHON, SEGTOOL); see `keywords.sh --help`.
set -euo pipefail
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PEERS_COMMAND_NAME="$0" exec "$script_dir/run.sh" keywords "$@"
