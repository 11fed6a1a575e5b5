"""The fast paths of item extraction give the slow paths' answers.

Each pre-check that skips a regex in ``blockitems`` and ``draft_item`` must
be a necessary condition of the regex matching: these tests ask both on many texts,
generated ones included, built from the words the regexes look for, their capitals, and
the characters re.I folds differently from ``str.lower`` ("ı", "İ", "ſ", "K"). The word
scan is checked against the substring scan it stands for, texts holding "\\x00" too.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import blockitems, draft_item, wordscan
from parsers.text import (
    BANNER,
    FOOTER_WORDS,
    FOOTER_WORDS_WIDE,
    PROMO_WORDS,
    SUPPORT_THANKS,
    squash,
)

# BANNER's phrases, as the banner tests here and in test_speed_select build texts of them.
BANNER_PIECES = [
    "together with",
    "presented by",
    "brought to you by",
    "in partnership with",
    "sponsored by",
    "powered by",
    "This week's issue is supported by",
    "Today’s email is made possible by",
]
_PIECES = [
    *BANNER_PIECES,
    "Big thanks to",
    " for their support",
    "Acme",
    "Source:",
    "credit：",
    "image credits :",
    "More:",
    "related coverage：",
    "see also:",
    "(Sponsor) —",
    "Sponsored: ",
    "ADVERTISEMENT |",
    "promoted -",
    "#rust",
    "&#35;rust",
    "&num;tag",
    "unsubscribe",
    "©",
    "preferences",
    "WITH",
    "BY",
    "FOR",
    "wıth",
    "wİth",
    "ſponsored by",
    "thanKs",
    " ",
    ".",
    ")",
    "\n",
    "\u200b",
]
_TEXTS = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=8).map("".join)


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.span() == b.span() and a.groups() == b.groups()


@settings(max_examples=3000, deadline=None)
@given(_TEXTS)
def test_banner_matches_the_regexes(text: str) -> None:
    assert _same(blockitems._banner(text), BANNER.match(text) or SUPPORT_THANKS.match(text))


@settings(max_examples=3000, deadline=None)
@given(_TEXTS)
def test_prechecks_are_necessary(text: str) -> None:
    if blockitems._MORE.match(text):
        assert ":" in text or "：" in text
    if blockitems._CREDIT.match(text):
        assert ":" in text or "：" in text
    if draft_item._SPONSOR_HEAD.match(text):
        assert text[:1] in draft_item._HEAD_STARTS
    if blockitems._HASHTAG_LINK.match(squash(text)):
        assert "#" in text or "&" in text


_WORDS = [*FOOTER_WORDS, *FOOTER_WORDS_WIDE, *PROMO_WORDS]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=4))).map("".join)))
def test_holding_matches_substring_scan(texts: list[str]) -> None:
    expected = {i for i, text in enumerate(texts) if any(w in text for w in _WORDS)}
    assert wordscan.FURNITURE_WORDS.holding(texts) == expected
