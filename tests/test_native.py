"""The parse step's compiled modules (bot/native.py, built by setup.py with mypyc):
they are the ones that run, they give exactly what their Python sources give, and a
source edited since the build runs as Python instead of the stale compiled code."""

from __future__ import annotations

import hashlib
import importlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import bot
from bot import native
from bot.cli.parse_cmd import result_json
from bot.decode import decode_email, load_file
from bot.normalise import normalise_result
from parsers import parse

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    [
        *(p for p in (ROOT / "tests" / "fixtures").rglob("*") if p.is_file()),
        *(ROOT.parent / "shared" / "seeds").glob("*"),
    ]
)
INPUTS = [
    p
    for p in SOURCES
    if p.suffix in {".eml", ".html", ".md", ".txt", ".rst"} and not p.name.startswith("README")
]


def dump() -> None:
    """Print every input's normalised parse result as JSON (run in a subprocess)."""
    out = {}
    for path in INPUTS:
        out[str(path.relative_to(ROOT.parent))] = result_json(
            normalise_result(parse(load_file(path)))
        )
    # The bench's generated emails too: the big item-dense and the styled one.
    sys.path.insert(0, str(ROOT / "bench"))
    import parse as bench  # type: ignore[import-not-found]  # bench/ is no package

    for name, raw in (("big", bench.big_html()), ("styled", bench.styled_html())):
        out[name] = result_json(normalise_result(parse(decode_email(raw))))
    print(json.dumps({"state": bot.NATIVE, "results": out}, sort_keys=True, default=str))


def _run(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


def _is_extension(path: str | None) -> bool:
    return bool(path) and str(path).endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def test_the_compiled_modules_are_the_ones_that_run() -> None:
    if os.environ.get("GLEANER_PURE_PYTHON") == "1":
        pytest.fail("GLEANER_PURE_PYTHON=1 is set: the compiled modules are not under test")
    assert bot.NATIVE == "compiled", (
        f"{bot.NATIVE}: run `pip install -e .` (needs a C compiler) to build them"
    )
    for name in native.COMPILED:
        assert _is_extension(importlib.import_module(name).__file__), name


def test_compiled_and_python_parse_every_input_alike() -> None:
    assert len(INPUTS) >= 100
    code = "from tests.test_native import dump; dump()"
    compiled = json.loads(_run({"GLEANER_PURE_PYTHON": "0"}, code).stdout)
    python = json.loads(_run({"GLEANER_PURE_PYTHON": "1"}, code).stdout)
    assert compiled["state"] == "compiled"
    assert python["state"] == "python: GLEANER_PURE_PYTHON=1"
    assert compiled["results"].keys() == python["results"].keys()
    for name, expected in python["results"].items():
        assert compiled["results"][name] == expected, name


def test_a_source_changed_since_the_build_runs_as_python(tmp_path: Path) -> None:
    record = json.loads((ROOT / native.RECORD).read_text())
    record["parsers.text"] = hashlib.sha256(b"an older parsers/text.py").hexdigest()
    stale = tmp_path / "record.json"
    stale.write_text(json.dumps(record))
    code = (
        "import bot, parsers.blockitems, bot.normalise; "
        "print(bot.NATIVE); print(parsers.blockitems.__file__); print(bot.normalise.__file__)"
    )
    run = _run({"GLEANER_NATIVE_RECORD": str(stale), "GLEANER_PURE_PYTHON": "0"}, code)
    state, blockitems, normalise = run.stdout.splitlines()
    assert state == "python: changed since the build: parsers/text.py"
    # Every compiled module falls back, not only the changed one: they call each other.
    assert blockitems.endswith("parsers/blockitems.py")
    assert normalise.endswith("bot/normalise/__init__.py")
    assert "compiled parse modules are stale (parsers/text.py)" in run.stderr


def test_changed_since_build_compares_each_source(tmp_path: Path) -> None:
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "a.py").write_text("A = 1\n")
    (tmp_path / "pkg" / "sub" / "__init__.py").write_text("B = 2\n")
    digest = {
        "pkg.a": hashlib.sha256(b"A = 1\n").hexdigest(),
        "pkg.sub": hashlib.sha256(b"B = 2\n").hexdigest(),
    }
    modules = ["pkg.a", "pkg.sub"]
    assert native.changed_since_build(digest, modules, tmp_path) == []
    (tmp_path / "pkg" / "sub" / "__init__.py").write_text("B = 3\n")
    assert native.changed_since_build(digest, modules, tmp_path) == ["pkg.sub"]
    assert native.changed_since_build({}, modules, tmp_path) == modules  # no record: all
    (tmp_path / "pkg" / "a.py").unlink()
    assert "pkg.a" in native.changed_since_build(digest, modules, tmp_path)


def test_compiled_files_of_modules_no_longer_listed_are_leftovers(tmp_path: Path) -> None:
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (tmp_path / "parsers").mkdir()
    for name in ("text", "old_helper"):
        (tmp_path / "parsers" / f"{name}.py").write_text("")
        (tmp_path / "parsers" / f"{name}{suffix}").write_text("")
    (tmp_path / "parsers" / f"_blockwalk{suffix}").write_text("")  # no .py: Cython's own
    assert native.leftovers(tmp_path) == ["parsers.old_helper"]
