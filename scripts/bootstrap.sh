#!/usr/bin/env bash
# Creates .venv and installs Gleaner with its dev tools; a no-op when pyproject.toml is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=.venv

"$PYTHON" - <<'PY' || { echo "Gleaner needs Python >= 3.11 (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
    # Debian ships venv separately.
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
      rm -rf "$VENV"
      ver=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python${ver}-venv" >/dev/null
      "$PYTHON" -m venv "$VENV"
    else
      echo "cannot create a virtual environment: install python3-venv" >&2; exit 1
    fi
  fi
fi

stamp="$VENV/.installed"
# Re-install when the package metadata or a compiled module's source changes (setup.py
# compiles the parse step's hot modules, see bot/native.py).
want=$(cat pyproject.toml setup.py bot/native.py parsers/*.pyx parsers/*.py bot/normalise/*.py bot/decode/*.py | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "installing Gleaner and its dependencies into $VENV ..." >&2
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -e '.[dev]'
  echo "$want" > "$stamp"
fi
