"""``generic._spelled`` tries its case-insensitive pattern only where the words stand (a
scan of every position per link cost 20 ms on a 100 KB issue): the same answers as
``finditer`` over the whole text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.generic import _SPELLED, _spelled

_PIECES = [
    "Streams Land", "streams land", "STREAMS LAND", " ", "(", ")", " ( ", " ) ",
    "https://a.example/s", "https://b.example/t", "Streams Land ( https://a.example/s )",
    "ß", "SS", "ss", "İ", "ſ", "x", "\u00e9", "Land",
]  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)


def _by_scanning(flat: str, words: str) -> list[str] | None:
    words = " ".join(words.split())
    if len(words) < 3 or words.casefold() not in flat.casefold():
        return None
    found = [m.group(1) for m in re.finditer(re.escape(words) + _SPELLED, flat, re.I)]
    return found or None


@settings(max_examples=1500, deadline=None)
@given(texts, st.sampled_from(["Streams Land", "streams land", "Land", "ss", "Straße Land"]))
def test_spelled_finds_what_scanning_finds(flat: str, words: str) -> None:
    assert _spelled(flat, words, flat.casefold()) == _by_scanning(flat, words)
    assert _spelled(flat, words) == _by_scanning(flat, words)


def test_spelled_reads_the_address_after_the_words() -> None:
    flat = "Intro. STREAMS LAND ( https://a.example/s ) and Streams land (https://b.example/t)"
    assert _spelled(flat, "Streams Land", flat.casefold()) == [
        "https://a.example/s",
        "https://b.example/t",
    ]
