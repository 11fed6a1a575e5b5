from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.errors import QueryError
from bot.search import SearchPage, search
from bot.search.hits import plain
from bot.store import Store
from bot.store.schema import items
from tests.bot.search.corpus import AGENTS, GEMMA, GEMMA_CPP, NOW, NSA, OLD_SURVEY, SPONSOR

TOPICS = {"agents": ["agent", "tool use"], "empty": []}


def titles(page: SearchPage) -> list[str]:
    return [hit.title for hit in page.hits]


def find(store: Store, text: str, **kwargs: object) -> SearchPage:
    return search(store, text, now=NOW, topics=TOPICS, **kwargs)  # type: ignore[arg-type]


def test_words_find_the_items_that_carry_them_title_matches_first(archive: Store) -> None:
    page = find(archive, "gemma")
    # PostgreSQL's parser reads "gemma.cpp" as one token, so only SQLite finds gemma in that title.
    assert GEMMA.title in titles(page)[:2]
    assert set(titles(page)) == {GEMMA.title, GEMMA_CPP.title, SPONSOR.title}
    assert titles(page).index(SPONSOR.title) > titles(page).index(GEMMA.title)
    assert not page.has_more


def test_a_hit_carries_link_newsletter_date_section_and_marked_words(archive: Store) -> None:
    hit = find(archive, "gemma vision").hits[0]
    assert GEMMA.url == "https://blog.example.org/gemma-3?utm_source=news"
    assert hit.url == "https://blog.example.org/gemma-3", "hits link without trackers"
    assert hit.newsletter == "Hugging Face Papers"  # the first issue that carried it
    assert hit.day is not None
    assert hit.day.isoformat() == "2025-04-14"
    assert hit.section == GEMMA.section
    assert plain(hit.title_marked) == GEMMA.title
    assert {s.text.lower() for s in hit.title_marked if s.match} == {"gemma", "vision"}
    assert any(s.match and s.text.lower() == "gemma" for s in hit.snippet)
    assert hit.also_in == ("TLDR AI",)


def test_a_quoted_phrase_needs_the_words_together(archive: Store) -> None:
    assert set(titles(find(archive, '"sparse attention"'))) == {NSA.title, OLD_SURVEY.title}
    assert titles(find(archive, '"attention sparse"')) == []


def test_recency_breaks_a_tie_between_equal_matches(archive: Store) -> None:
    page = find(archive, "quantised kernels")
    assert [hit.newsletter for hit in page.hits] == ["TLDR AI", "Old Digest"]


def test_a_strong_old_match_still_beats_a_weak_new_one(archive: Store) -> None:
    # The survey has "sparse" and "attention" in its title; the paper too, but it is newer.
    page = find(archive, "survey sparse")
    assert titles(page) == [OLD_SURVEY.title]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('gemma from:"hugging face"', {GEMMA.title}),
        ("gemma from:tldr", {GEMMA.title, GEMMA_CPP.title, SPONSOR.title}),
        ("attention section:papers", {NSA.title}),
        ("gemma kind:repo", {GEMMA_CPP.title}),
        ("gemma kind:repo|article", {GEMMA_CPP.title, GEMMA.title}),
        ("gemma sponsor:no", {GEMMA.title, GEMMA_CPP.title}),
        ("gemma sponsor:yes", {SPONSOR.title}),
        ("attention since:30d", {NSA.title}),
        ("attention before:2025-01-01", {OLD_SURVEY.title}),
        ("attention since:2025-04-14 before:2025-04-15", {NSA.title}),
        ("sparse -survey", {NSA.title}),
        ('attention -"long context"', {OLD_SURVEY.title}),
        ("topic:agents", {AGENTS.title, SPONSOR.title}),
        ("section:sponsor", {SPONSOR.title}),
    ],
)
def test_filters_narrow_the_results(archive: Store, text: str, expected: set[str]) -> None:
    assert set(titles(find(archive, text))) == expected


def test_filters_alone_list_the_newest_first(archive: Store) -> None:
    page = find(archive, "from:tldr sponsor:no")
    days = [hit.day for hit in page.hits if hit.day]
    assert len(days) == 3
    assert days == sorted(days, reverse=True)
    assert find(archive, "kind:paper").hits[-1].title == OLD_SURVEY.title


def test_pages_do_not_overlap_and_say_when_there_is_more(archive: Store) -> None:
    first = find(archive, "gemma", limit=2)
    second = find(archive, "gemma", limit=2, offset=2)
    assert first.has_more
    assert first.next_offset == 2
    assert not second.has_more
    assert second.next_offset is None
    assert titles(first) + titles(second) == titles(find(archive, "gemma"))


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE items; --",
        'x") OR 1=1 --"',
        "gemma NEAR(a b) OR title",
        "gemma* ^vision {title}",
        "sparse AND attention NOT survey",
        "from:\"x' OR '1'='1\" gemma",
        "section:%_ gemma",
    ],
)
def test_hostile_text_is_only_ever_data(archive: Store, text: str) -> None:
    find(archive, text)  # no syntax error from either database
    with archive.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(items)).scalar_one() == 8


def test_like_wildcards_in_filters_are_literal(archive: Store) -> None:
    assert titles(find(archive, "gemma section:%")) == []
    assert titles(find(archive, "gemma from:_")) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "nothing to search for"),
        ("topic:nope", "unknown topic 'nope' (known topics: agents, empty)"),
        ("topic:empty", "topic 'empty' has no keywords"),
        ("colour:red", "unknown filter colour:"),
    ],
)
def test_bad_queries_get_a_short_help(archive: Store, text: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        find(archive, text)
    assert str(caught.value).startswith(message)
    assert "Search syntax:" in str(caught.value)


def test_without_topics_configured_a_topic_says_so(archive: Store) -> None:
    with pytest.raises(QueryError, match="none are configured in the rules"):
        search(archive, "topic:agents", now=NOW)


def test_stop_words_do_not_narrow_a_query(archive: Store) -> None:
    assert titles(find(archive, "the sparse attention")) == titles(
        find(archive, "sparse attention")
    )
    assert titles(find(archive, '"the sparse attention"')) == titles(
        find(archive, '"sparse attention"')
    )


def test_a_query_of_stop_words_only_still_runs(archive: Store) -> None:
    find(archive, "the of")  # SQLite keeps them when nothing else is left; PostgreSQL drops them
