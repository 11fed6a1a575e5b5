"""Rules files built to break the loader: deep nesting, huge regexes, odd text."""

from __future__ import annotations

import pytest

from rules.source import MAX_DEPTH
from tests.rules.helpers import PAPERS, errors, item, rules

HEAD = "channels:\n  console: {platform: console}\n"


def _nested_nots(levels: int) -> str:
    # Depth so far: the top mapping, routes, the route, match = 4 collections.
    match = "{not: " * levels + "{keyword: attention}" + "}" * levels
    return HEAD + f"routes:\n  - to: console\n    match: {match}\n"


@pytest.mark.parametrize("levels", [200, 10_000])
def test_deep_nesting_is_an_error_not_a_recursion_error(levels: int) -> None:
    [found] = errors(_nested_nots(levels))
    assert found.startswith("rules.yaml:5:")
    assert found.endswith(f"nested more than {MAX_DEPTH} levels deep; refusing the file")


def test_deep_route_trees_are_refused_too() -> None:
    levels = 5_000
    text = HEAD + "routes: " + "[{to: console, routes: " * levels + "[]" + "}]" * levels + "\n"
    [found] = errors(text)
    assert found.endswith("levels deep; refusing the file")


def test_nesting_up_to_the_limit_compiles_and_routes() -> None:
    even = MAX_DEPTH - 6  # an even number of nots is the plain matcher again
    even -= even % 2
    compiled = rules(_nested_nots(even))
    assert len(compiled.route(item("Sparse attention, again"), PAPERS)) == 1
    assert compiled.route(item("Something else"), PAPERS) == ()
