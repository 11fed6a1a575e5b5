"""Regexes that backtracked quadratically (or worse) on long runs now run in linear time,
and match what they matched before: each is held to its old form on short random text,
and fed the long runs that used to take seconds to minutes (a 200 KB line of spaces,
of "%%" and dashes, of one token, of digits)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.decode import common_headers
from parsers import blockshapes, fielded, hf_cards, plaintext

_OLD_RULE = re.compile(r"^\s*(?:-{10,}|(?:%%+-+)+%*-*)\s*$")
_OLD_BARE_URL_LINE = re.compile(
    r"^\s*(?:[-*•>・●]|\d{1,3}[.)])?\s*(?:\w[\w ]{0,20}:\s*)?[<\[]?https?://\S+\s*$"
)
_OLD_TOKEN = re.compile(r"[\w.=-]*(?=[\w.=-]*[a-z])(?=[\w.=-]*[A-Z])(?=[\w.=-]*\d)[\w.=-]{20,}")

LONG = 200_000


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(["%", "%%", "-", "--", " ", "\t", "X", "-" * 10]), max_size=14))
def test_the_rule_line_is_the_old_pattern(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert (fielded._RULE.match(line) is None) == (_OLD_RULE.match(line) is None)


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                " ",
                "\t",
                "-",
                "*",
                "•",
                "12.",
                "3)",
                "Link:",
                "ab",
                "<",
                "[",
                "https://x.example/a",
                "http://",
                " y",
            ]
        ),
        max_size=10,
    )
)
def test_the_bare_url_line_is_the_old_pattern(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert (plaintext._BARE_URL_LINE.match(line) is None) == (
        _OLD_BARE_URL_LINE.match(line) is None
    )


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="aZ9.=-_/%é ", max_size=40))
def test_a_tracker_token_is_the_old_pattern(segment: str) -> None:
    assert blockshapes._is_token(segment) == (_OLD_TOKEN.fullmatch(segment) is not None)


@settings(max_examples=800, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Title", " ", "—", "(", "👍", "12", "1,204", "k", " upvotes", " stars", ")"]
        ),
        max_size=10,
    )
)
def test_the_stats_tail_is_the_old_search_on_short_titles(pieces: list[str]) -> None:
    text = "".join(pieces)
    old = hf_cards._STATS_TAIL.search(text)
    new = hf_cards._stats_tail(text)
    assert (None if old is None else old.span()) == (None if new is None else new.span())


def test_long_runs_take_linear_time() -> None:
    assert fielded._RULE.match("%%" + "-" * LONG + "X") is None
    assert fielded._RULE.match(" " * LONG + "X") is None
    assert plaintext._BARE_URL_LINE.match(" " * LONG + "x https://a.example") is None
    assert not blockshapes._is_token("aZ9" + "a" * LONG + "/")
    assert hf_cards._stats_tail("1" * LONG + " x") is None
    assert hf_cards._stats_tail(" " * LONG + "1") is None
    # A From header longer than a line may be goes to the stdlib parser.
    assert common_headers.address("a" * LONG + " <x@y.example>") is None
