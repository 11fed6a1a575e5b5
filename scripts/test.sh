#!/usr/bin/env bash
# The project's whole check: lint, format, types, layering, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
scripts/system-deps.sh
$BIN/ruff check .
$BIN/ruff format --check .
$BIN/mypy
$BIN/lint-imports
$BIN/pytest "$@"
