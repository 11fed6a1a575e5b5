"""The bounded candidate sets, shrunk so a small archive reaches them (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from bot.models import Email, Item, Kind, Newsletter, ParseResult
from bot.search import search, sql
from bot.store import Store
from tests.bot.search.corpus import NOW

RARE = "Rare Letter"


@pytest.fixture
def widgets(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setattr(sql, "WINDOW", 30)
    monkeypatch.setattr(sql, "SCAN_WINDOW", 20)
    monkeypatch.setattr(sql, "FILTERED_WINDOW", 15)
    monkeypatch.setattr(sql, "MIN_CANDIDATES", 5)
    store = Store.open(db_url)
    for issue in range(10):  # ten issues of ten widgets; the oldest issue is the rare newsletter's
        name = RARE if issue == 0 else "Common Weekly"
        items = tuple(
            Item(
                title=f"Widget {issue * 10 + n}",
                url=f"https://example.com/{issue}/{n}",
                canonical_url=f"https://example.com/{issue}/{n}",
                blurb="A widget.",
                kind=Kind.REPO if n % 2 else Kind.PAPER,
                position=n,
            )
            for n in range(10)
        )
        message_id = f"<w{issue}@example.com>"
        newsletter = Newsletter("test", name, date(2025, 1, 1) + timedelta(days=issue), message_id)
        store.save_issue(
            message_id.encode(),
            "test",
            Email(message_id),
            ParseResult(newsletter, items),
            [[]] * 10,
        )
    yield store
    store.close()


def all_pages(store: Store, text: str) -> list[str]:
    titles: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = search(store, text, limit=4, offset=offset, now=NOW)
        titles += [hit.title for hit in page.hits]
        offset = page.next_offset
    return titles


def test_without_filters_the_newest_window_is_ranked(widgets: Store) -> None:
    titles = all_pages(widgets, "widget")
    assert len(titles) == 30
    assert len(set(titles)) == 30
    assert "Widget 99" in titles
    assert "Widget 0" not in titles  # older than the window


def test_a_loose_filter_ranks_what_passes_in_the_scanned_matches(widgets: Store) -> None:
    titles = all_pages(widgets, "widget kind:repo")
    assert len(titles) == 10  # the odd widgets among the newest 20 matches
    assert len(set(titles)) == 10
    assert all(int(t.split()[1]) % 2 == 1 and int(t.split()[1]) >= 80 for t in titles)


def test_a_selective_filter_falls_back_to_the_newest_that_pass(widgets: Store) -> None:
    titles = all_pages(widgets, f'widget from:"{RARE}"')
    assert sorted(titles) == sorted(f"Widget {n}" for n in range(10))
