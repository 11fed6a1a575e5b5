"""Hostile queries on both backends: every one is a hit list or a QueryError, never a crash."""

from __future__ import annotations

import pytest

from bot.errors import QueryError
from bot.search import search
from bot.store import Store

HOSTILE = [
    "a" * 10_000,
    " ".join(f'"w{i} z{i}"' for i in range(500)),
    '"',
    '"unclosed',
    "*",
    "attention*",
    "NEAR(a b)",
    "^attention",
    "title:attention",
    "'; DROP TABLE items; --",
    "%_\\",
    "\u202eattention",
    "🚀",
    "since:99999999d",
    "before:0000-01-01",
    "attention before:9999-12-31",
    "attention since:1970-01-01",
    "a & b | !c <-> d",
    "attention \x00",
    "from:% attention",
    "section:_ attention",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_are_answered_or_refused_in_words(archive: Store, text: str) -> None:
    try:
        page = search(archive, text)
    except QueryError as exc:
        refusal = str(exc)
    else:
        assert len(page.hits) <= page.limit
        return
    assert refusal.split("\n")[0].strip(), "the refusal says why on its first line"


def test_a_huge_offset_is_an_empty_page_not_an_overflow(archive: Store) -> None:
    page = search(archive, "attention", offset=10**20)
    assert page.hits == ()
