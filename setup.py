"""Build Gleaner's compiled modules (everything else is in pyproject.toml).

Two kinds, both optional: where they cannot be built (no C compiler) Gleaner runs the
same Python sources, only slower.

- ``parsers._blockwalk``: the HTML block walk in Cython, reading lxml's libxml2 nodes
  (the pure-Python reference walk is ``parsers.htmlblocks.walk_python``).
- The parse step's hot Python modules, listed in ``bot/native.py``, compiled with mypyc:
  the same source files, type-checked and turned into C. A record of the sources that
  were compiled (``bot/native_sources.json``) lets ``bot.native`` run the Python sources
  instead of compiled code that no longer matches them (a file edited since the build).
"""

import hashlib
import json
import os
import sys
from pathlib import Path

import lxml
from setuptools import Extension, setup

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from bot.native import COMPILED, RECORD, leftovers, source_file  # noqa: E402  (stdlib only)


def native_modules() -> list[Extension]:
    """mypyc extensions for the modules in ``COMPILED``; none when mypyc is missing or
    GLEANER_COMPILE=0."""
    record = ROOT / RECORD
    record.unlink(missing_ok=True)
    for module in leftovers(ROOT):  # compiled by an older build, no longer listed
        stem = source_file(module, ROOT).with_suffix("")
        for path in stem.parent.glob(stem.name + ".*"):
            if path.suffix in {".so", ".pyd"}:
                path.unlink()
    if os.environ.get("GLEANER_COMPILE", "1") == "0":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("mypyc not available: the parse step runs as plain Python", file=sys.stderr)
        return []
    paths = [module.replace(".", "/") for module in COMPILED]
    files = [f"{p}/__init__.py" if (ROOT / p).is_dir() else f"{p}.py" for p in paths]
    # The project's mypy settings need its dev tools (the pydantic plugin); compiling
    # needs none of them, and third-party packages without stubs read as Any.
    extensions = mypycify(
        ["--config-file=", "--ignore-missing-imports", "--python-version=3.11", *files],
        opt_level="3",
        group_name="gleaner_native",
    )
    for ext in extensions:
        ext.optional = True
    sources = {
        m: hashlib.sha256((ROOT / f).read_bytes()).hexdigest()
        for m, f in zip(COMPILED, files, strict=True)
    }
    record.write_text(json.dumps(sources, indent=1, sort_keys=True) + "\n")
    return extensions


setup(
    ext_modules=[
        Extension(
            "parsers._blockwalk",
            ["parsers/_blockwalk.pyx"],
            include_dirs=lxml.get_include(),
            optional=True,
        ),
        *native_modules(),
    ]
)
