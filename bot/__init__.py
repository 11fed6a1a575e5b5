"""Gleaner: newsletters in, curated threaded posts out."""

from bot import native

__version__ = "0.1.0"

# Before any compiled module can load: run the Python sources when the compiled build
# is stale or GLEANER_PURE_PYTHON=1 (see bot/native.py).
NATIVE = native.install()
