"""Which of the parse step's modules run compiled, and a guard against stale builds.

The modules in ``COMPILED`` are plain, type-checked Python that ``setup.py`` also
compiles with mypyc (the step a fifth faster or more; see docs/benchmarks.md).
A compiled module sits beside its source (``parsers/text.cpython-311-….so`` next to
``parsers/text.py``) and Python imports it first, so a source edited after the build
would silently not run. The build records each compiled source's SHA-256
(``RECORD``); ``install`` compares, and when any compiled source changed since, or
when ``GLEANER_PURE_PYTHON=1`` is set, it makes every module in ``COMPILED`` load
from its ``.py`` file instead (all of them: compiled modules call each other directly).

Stdlib only: ``setup.py`` imports this before any dependency is installed.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

COMPILED = (
    "parsers.text",
    "parsers.htmlblocks",
    "parsers.blockshapes",
    "parsers.blockitems",
    "parsers.draft_item",
    "parsers.tldr",
    "parsers.tldr_text",
    "parsers.plaintext",
    "parsers.generic",
    "parsers.metaline",
    "parsers.cardparts",
    "parsers.sourceline",
    "parsers.listdigest",
    "parsers.fielded",
    "parsers.wordscan",
    "parsers.hf_papers",
    "parsers.hf_cards",
    "parsers.roundup",
    "bot.decode.mime_split",
    "bot.decode.body_text",
    "bot.decode.headers",
    "bot.decode.common_headers",
    "bot.decode.flowed",
    "bot.decode.message",
    "bot.normalise",
    "bot.normalise.text",
    "bot.normalise.urls",
    "bot.normalise.ftfy_fast",
)
RECORD = "bot/native_sources.json"
"""Written by setup.py: {module: SHA-256 of the source it compiled}."""

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("gleaner.native")


def source_file(module: str, root: Path = ROOT) -> Path:
    """``parsers.text`` -> parsers/text.py; a package -> its __init__.py."""
    path = root.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def is_built(module: str, root: Path = ROOT) -> bool:
    """A compiled file sits beside the module's source."""
    source = source_file(module, root)
    stem = source.with_suffix("")
    return any(
        stem.with_name(stem.name + suffix).exists()
        for suffix in importlib.machinery.EXTENSION_SUFFIXES
    )


def leftovers(root: Path = ROOT) -> list[str]:
    """Compiled files of modules no longer in ``COMPILED`` (an older build compiled them;
    a rebuild does not delete them): their sources must run instead."""
    found = []
    for package in sorted({m.rpartition(".")[0] or m for m in COMPILED}):
        folder = root.joinpath(*package.split("."))
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            for path in folder.glob("*" + suffix):
                name = path.name.removesuffix(suffix)
                module = package if name == "__init__" else f"{package}.{name}"
                if module not in COMPILED and path.with_name(name + ".py").exists():
                    found.append(module)
    return sorted(set(found))


def changed_since_build(
    record: dict[str, str], modules: Sequence[str] = COMPILED, root: Path = ROOT
) -> list[str]:
    """The modules whose source differs from the one the build compiled (or that the
    build did not record)."""
    changed = []
    for module in modules:
        source = source_file(module, root)
        try:
            digest = hashlib.sha256(source.read_bytes()).hexdigest()
        except OSError:
            digest = ""
        if record.get(module) != digest:
            changed.append(module)
    return changed


def _read_record(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the modules in ``COMPILED`` as their .py files, ahead of the compiled ones."""

    def __init__(self, modules: Sequence[str], root: Path) -> None:
        self.modules = frozenset(modules)
        self.root = root

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.modules:
            return None
        source = source_file(fullname, self.root)
        package = [str(source.parent)] if source.name == "__init__.py" else None
        return importlib.util.spec_from_file_location(
            fullname, source, submodule_search_locations=package
        )


def state(root: Path = ROOT) -> str:
    """In words: how the compiled modules run ("compiled", or why Python runs instead)."""
    if os.environ.get("GLEANER_PURE_PYTHON") == "1":
        return "python: GLEANER_PURE_PYTHON=1"
    if not any(is_built(m, root) for m in COMPILED):
        return "python: not compiled"
    record = _read_record(Path(os.environ.get("GLEANER_NATIVE_RECORD") or root / RECORD))
    changed = changed_since_build(record, COMPILED, root)
    if changed:
        files = ", ".join(str(source_file(m, root).relative_to(root)) for m in changed)
        return f"python: changed since the build: {files}"
    return "compiled"


def install(root: Path = ROOT) -> str:
    """Route the compiled modules to their sources unless the compiled build is current.
    Returns ``state()``. Called once, when the ``bot`` package is imported (``parsers``
    imports ``bot.models``, so this always runs before any compiled module loads)."""
    how = state(root)
    routed = list(COMPILED) if how.startswith("python") else []
    old = leftovers(root)
    if old:
        log.warning("compiled files left by an older build ignored: %s", ", ".join(old))
    if (routed or old) and not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder([*routed, *old], root))
        if "changed since the build" in how:
            log.warning(
                "compiled parse modules are stale (%s): running the Python sources; "
                "run scripts/bootstrap.sh to rebuild",
                how.split(": ", 2)[-1],
            )
    return how
