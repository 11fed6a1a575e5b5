"""``normalise._item`` builds the very ``Item`` the dataclass's ``__init__`` builds, and
``normalise._at`` the one ``Item.at`` builds: equal, same hash, same fields, still
frozen, on generated field values and on every item of every parser fixture.
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, fields, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.normalise as normalise
from bot.models import Item, Kind
from tests.bot.test_speed_urls import fixture_items

_TEXT = st.text(max_size=12)
_MAYBE_TEXT = st.none() | _TEXT
items = st.builds(
    Item,
    title=_TEXT,
    url=_MAYBE_TEXT,
    canonical_url=_MAYBE_TEXT,
    blurb=_TEXT,
    section=_MAYBE_TEXT,
    sponsor=st.booleans(),
    position=st.integers(-3, 10**12),
    kind=st.none() | st.sampled_from(Kind),
    read_minutes=st.none() | st.integers(0, 90),
    authors=st.lists(_TEXT, max_size=3).map(tuple),
    other_sections=st.lists(_TEXT, max_size=3).map(tuple),
    links=st.lists(st.tuples(_TEXT, _TEXT), max_size=3).map(tuple),
)


def _values(item: Item) -> dict[str, object]:
    return {f.name: getattr(item, f.name) for f in fields(Item)}


def _check_same(fast: Item, reference: Item) -> None:
    assert type(fast) is Item
    assert fast == reference
    assert hash(fast) == hash(reference)
    assert repr(fast) == repr(reference)
    assert asdict(fast) == asdict(reference)
    for name, value in _values(reference).items():
        got = getattr(fast, name)
        if type(value) is int:
            # Compiled, an int travels unboxed and comes back as an equal new object.
            assert type(got) is int, name
            assert got == value, name
        else:
            assert got is value, name  # the very objects, not copies


def _fast(item: Item) -> Item:
    return normalise._item(**_values(item))  # type: ignore[arg-type]


@settings(max_examples=1000)
@given(items)
def test_item_builds_what_the_dataclass_builds(item: Item) -> None:
    _check_same(_fast(item), item)


@settings(max_examples=500)
@given(items, st.integers(0, 500))
def test_at_is_item_at(item: Item, position: int) -> None:
    _check_same(normalise._at(item, position), item.at(position))


def test_every_fixture_item_and_its_tidy_copy() -> None:
    found = fixture_items()
    assert len(found) > 1000
    for item in found:
        _check_same(_fast(item), item)
        _check_same(normalise._at(item, item.position + 1), item.at(item.position + 1))
        tidy = normalise._tidy(item)
        _check_same(_fast(tidy), tidy)


def test_a_built_item_stays_a_frozen_dataclass() -> None:
    item = _fast(Item(title="A", url="https://example.com", authors=("Ada",)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.title = "B"  # type: ignore[misc]
    assert replace(item, title="B") == Item(title="B", url="https://example.com", authors=("Ada",))
    assert dataclasses.is_dataclass(item)
    assert {item: 1}[Item(title="A", url="https://example.com", authors=("Ada",))] == 1


def test_item_names_every_field_of_item() -> None:
    """``_item`` takes every field by name and no other: a field added to ``Item`` and
    not to ``_item`` (or dropped) fails here."""
    values = _values(Item(title="t", url=None))
    normalise._item(**values)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        normalise._item(**{**values, "extra": 1})  # type: ignore[arg-type]
    for name in values:
        with pytest.raises(TypeError):
            normalise._item(**{k: v for k, v in values.items() if k != name})  # type: ignore[arg-type]
