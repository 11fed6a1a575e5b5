#!/usr/bin/env bash
# The project's whole check: lint, format, types, layering, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/system-deps.sh
BIN=.venv/bin
echo "== ruff" && $BIN/ruff check . && $BIN/ruff format --check .
echo "== mypy" && $BIN/mypy
echo "== import-linter" && $BIN/lint-imports
echo "== pytest" && $BIN/pytest "$@"
