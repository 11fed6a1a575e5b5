"""The rules' documentation, schema and example files stay true to the models."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from rules import load_rules, spec
from rules.diagnostics import keys_of
from rules.schema import SCHEMA_FILE, json_schema
from rules.spec import (
    ChannelSpec,
    KeywordSpec,
    MatchSpec,
    RouteOptions,
    RouteSpec,
    RulesFile,
    TopicSpec,
)

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "rules" / "README.md"
SECTIONS: dict[str, type[BaseModel]] = {
    "## Top level": RulesFile,
    "## channels": ChannelSpec,
    "## topics": TopicSpec,
    "## Route options": RouteOptions,
    "## routes": RouteSpec,
    "## Matchers": MatchSpec,
    "### keyword": KeywordSpec,
}


def _section(text: str, heading: str) -> str:
    start = text.index("\n" + heading + "\n")
    rest = text[start + len(heading) + 2 :]
    end = re.search(r"^#{2,3} ", rest, flags=re.MULTILINE)
    return rest[: end.start()] if end else rest


@pytest.mark.parametrize("heading", SECTIONS)
def test_every_key_is_documented_in_its_section_with_an_example(heading: str) -> None:
    model = SECTIONS[heading]
    section = _section(README.read_text(), heading)
    own = [k for k in keys_of(model) if model is not RouteSpec or k not in keys_of(RouteOptions)]
    for key in own:
        row = re.search(rf"^\| `{re.escape(key)}` \|(.+)\|(.+)\|$", section, flags=re.MULTILINE)
        assert row, f"{heading}: key `{key}` has no table row in rules/README.md"
        assert "`" in row.group(2), f"{heading}: key `{key}` has no example"


def test_every_model_has_a_section() -> None:
    models = {
        m
        for _, m in inspect.getmembers(spec, inspect.isclass)
        if issubclass(m, spec.Spec) and m is not spec.Spec
    }
    assert models == set(SECTIONS.values())


def test_committed_schema_is_current() -> None:
    assert json.loads(SCHEMA_FILE.read_text()) == json_schema(), (
        "rules/rules.schema.json is stale: run `gleaner rules schema > rules/rules.schema.json`"
    )


@pytest.mark.parametrize("path", ["deploy/rules.example.yaml", "examples/rules.yaml"])
def test_shipped_rules_files_validate_and_point_at_the_schema(path: str) -> None:
    file = ROOT / path
    first = file.read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../rules/rules.schema.json"
    assert (file.parent / "../rules/rules.schema.json").resolve() == SCHEMA_FILE
    compiled = load_rules(file)
    assert compiled.route_count >= 1
    assert compiled.warnings == ()


def test_example_routes_an_ai_teams_items_as_its_comments_say() -> None:
    from bot.models import Item, Kind, Newsletter

    compiled = load_rules(ROOT / "deploy" / "rules.example.yaml")
    tldr = Newsletter(family="tldr", name="TLDR AI")

    def where(**kwargs: object) -> list[tuple[str, str]]:
        item = Item(url=None, **kwargs)  # type: ignore[arg-type]
        return [(d.destination, d.schedule) for d in compiled.route(item, tldr)]

    assert where(title="Scaling laws revisited", kind=Kind.PAPER) == [("papers", "immediate")]
    assert where(title="A new GPT-5 paper", kind=Kind.PAPER) == [
        ("papers", "0 8 * * *"),
        ("launches", "0 8 * * *"),
    ]
    assert where(title="Mistral launches a small model") == [
        ("launches", "immediate"),
        ("weekly", "0 9 * * mon"),
    ]
    assert where(title="Our GPU cloud", sponsor=True) == []
    assert where(title="A story about chips") == [("weekly", "0 9 * * mon")]


def _yaml(path: Path) -> object:
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(path.read_text())


@pytest.mark.parametrize("path", ["deploy/rules.example.yaml", "examples/rules.yaml"])
def test_editors_accept_the_shipped_files_against_the_schema(path: str) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json_schema())
    assert [e.message for e in validator.iter_errors(_yaml(ROOT / path))] == []


def test_editors_flag_what_the_loader_refuses(tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json_schema())
    bad = {
        "channels": {"a": {"platform": "slak"}},
        "routes": [{"to": "a", "match": {"not": {"keywords": ["x"]}}, "colour": 1}],
        "x-anchors": {"anything": True},
    }
    found = sorted(e.message for e in validator.iter_errors(bad))
    assert len(found) == 3, found
    assert any("'slak' is not one of" in m for m in found)
    assert any("'colour' was unexpected" in m for m in found)
