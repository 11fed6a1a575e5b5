"""Golden tests: every fixture newsletter parses to the JSON saved beside it.

Fixtures live in ``tests/fixtures/parsers/<family>/``; the folder names the family
whose parser must win. The expected JSON is ``gleaner parse FILE --json`` output,
reviewed by hand when written. To refresh after an intended change, run
``python -m tests.parsers.regen_golden`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli.parse_cmd import result_json
from bot.decode import load_file
from bot.normalise import normalise_result
from parsers import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parsers"
CASES = sorted(
    p for p in FIXTURES.rglob("*") if p.is_file() and not p.name.endswith(".expected.json")
)


def golden(path: Path) -> dict[str, object]:
    return result_json(normalise_result(parse(load_file(path))))


def test_every_family_has_several_fixtures() -> None:
    families = {p.parent.name for p in CASES}
    assert families == {"tldr", "hf_papers", "roundup", "generic"}
    for family in families:
        assert sum(p.parent.name == family for p in CASES) >= 2


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture_matches_golden_json(path: Path) -> None:
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text())
    got = golden(path)
    assert got["parser"] == path.parent.name
    assert got["newsletter"] == expected["newsletter"]
    # Compare item by item first so a failure names the item that changed.
    got_items = got["items"]
    assert isinstance(got_items, list)
    for got_item, want_item in zip(got_items, expected["items"], strict=False):
        assert got_item == want_item
    assert got == expected
