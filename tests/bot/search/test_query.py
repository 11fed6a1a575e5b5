from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import QueryError
from bot.models import Kind
from bot.search.query import MAX_LENGTH, MAX_TERMS, Ago, Query, parse
from bot.store import Store
from tests.bot.search.corpus import NOW


def test_words_phrases_exclusions_and_filters() -> None:
    query = parse(
        'gemma "sparse attention" -ads from:"TLDR AI" section:Research topic:agents '
        "kind:paper|repo since:7d before:2025-04-01 sponsor:no"
    )
    assert query == Query(
        words=("gemma",),
        phrases=("sparse attention",),
        excluded=("ads",),
        newsletters=("TLDR AI",),
        sections=("Research",),
        topics=("agents",),
        kinds=(Kind.PAPER, Kind.REPO),
        since=Ago(7, "d"),
        before=date(2025, 4, 1),
        sponsor=False,
    )


def test_urls_and_numbers_with_colons_are_words() -> None:
    assert parse("https://arxiv.org/abs/1 gpt-4: 3:2").words == (
        "https://arxiv.org/abs/1",
        "gpt-4:",
        "3:2",
    )


def test_punctuation_alone_is_dropped_and_repeats_collapse() -> None:
    assert parse('gemma - ... "!!" gemma from:x from:X') == Query(
        words=("gemma",), newsletters=("x",)
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "colour:red",
            "unknown filter colour: (known: from:, section:, topic:, kind:, since:, before:, sponsor:)",
        ),
        ("from:", "from: needs a value"),
        ('from:""', "from: needs a value"),
        ('"sparse attention', "unclosed quote at character 1"),
        ("kind:blog", "unknown kind 'blog' (known: article, paper, repo, video, model)"),
        (
            "since:yesterday",
            "since: wants a date like 2025-04-01 or an age like 7d, 2w, 3m (got 'yesterday')",
        ),
        ("before:2025-02-30", "before:2025-02-30 is not a real date"),
        ("sponsor:maybe", "sponsor: wants yes or no (got 'maybe')"),
        ("-ads", "a query needs something to find, not only -exclusions"),
        ("-from:tldr gemma", "filters cannot be negated (-from:)"),
        (
            "x" * (MAX_LENGTH + 1),
            f"the query is too long ({MAX_LENGTH + 1} characters; at most {MAX_LENGTH})",
        ),
        (
            " ".join(["w"] * (MAX_TERMS + 1)),
            f"too many terms ({MAX_TERMS + 1}; at most {MAX_TERMS})",
        ),
    ],
)
def test_bad_syntax_gets_the_reason_and_the_help(text: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text)
    first, _, rest = str(caught.value).partition("\n\n")
    assert first == message
    assert rest.startswith("Search syntax:")


QUERY_TEXT = st.lists(
    st.sampled_from(
        [*'ab -":7dy_é\t', "from:", "kind:", "since:", "sponsor:", "paper", "2025-04-01", "no"]
    ),
    max_size=20,
).map("".join)


@given(st.one_of(st.text(max_size=80), QUERY_TEXT))
@settings(max_examples=400, deadline=None)
def test_parsing_never_fails_except_with_query_error_and_round_trips(text: str) -> None:
    try:
        query = parse(text)
    except QueryError:
        return
    assert parse(query.format()) == query
    assert parse(query.format()).format() == query.format()


SAFE = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc"),
        blacklist_characters='"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb',
    ),
    min_size=1,
    max_size=12,
)
VALUE = SAFE.map(lambda s: " ".join(s.split())).filter(lambda s: bool(s))


@st.composite
def queries(draw: st.DrawFn) -> Query:
    words = draw(
        st.lists(
            st.from_regex(r"[a-z0-9][a-z0-9.\-]{0,8}", fullmatch=True), max_size=3, unique=True
        )
    )
    phrases = draw(
        st.lists(VALUE.filter(lambda s: any(c.isalnum() for c in s)), max_size=2, unique=True)
    )
    return Query(
        words=tuple(words),
        phrases=tuple(phrases),
        newsletters=tuple(
            draw(st.lists(st.sampled_from(["TLDR AI", "hf", "a:b"]), max_size=2, unique=True))
        ),
        kinds=tuple(draw(st.lists(st.sampled_from(list(Kind)), max_size=2, unique=True))),
        since=draw(
            st.none()
            | st.builds(Ago, st.integers(0, 999), st.sampled_from(["h", "d", "w", "m", "y"]))
        ),
        before=draw(st.none() | st.dates(min_value=date(1000, 1, 1))),
        sponsor=draw(st.none() | st.booleans()),
    )


@given(queries())
@settings(max_examples=300, deadline=None)
def test_any_query_written_out_parses_back_to_itself(query: Query) -> None:
    assert parse(query.format()) == query


@given(st.text(max_size=60))
@settings(max_examples=150, deadline=None)
def test_the_engine_takes_any_text_without_a_database_error(
    sqlite_archive: Store, text: str
) -> None:
    from bot.search import search

    with contextlib.suppress(QueryError):
        search(sqlite_archive, text, now=NOW, topics={"t": ["x"]})


def test_typographic_quotes_quote_too() -> None:
    assert parse("\u201csparse attention\u201d from:\u201cTLDR AI\u201d") == Query(
        phrases=("sparse attention",), newsletters=("TLDR AI",)
    )
