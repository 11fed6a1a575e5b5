#!/usr/bin/env bash
# Runs the bot once on the demo inbox: SQLite, console output, no account anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
rm -f examples/demo.db examples/demo.db-wal examples/demo.db-shm
cd examples
exec ../.venv/bin/gleaner run --once "$@"
