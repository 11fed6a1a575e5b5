"""The fast paths of item extraction give the slow paths' answers.

Each pre-check that skips a regex in ``blockitems`` and ``draft_item`` must
be a necessary condition of the regex matching: these tests ask both on many texts,
generated ones included, built from the words the regexes look for, their capitals, and
the characters re.I folds differently from ``str.lower`` ("ı", "İ", "ſ", "K"). The word
scan is checked against the substring scan it stands for, texts holding "\\x00" too; the
openings ``is_outro`` asks for against closes generated from each of OUTRO's alternatives.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import blockitems, draft_item, text, wordscan
from parsers.text import (
    BANNER,
    FOOTER_WORDS,
    FOOTER_WORDS_WIDE,
    ODD_FOLDS,
    OUTRO,
    PROMO_WORDS,
    SUPPORT_THANKS,
    is_outro,
    squash,
)
from tests.parsers.test_speed_links import _alternatives

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


def _outro_alternatives() -> list[str]:
    """OUTRO's top-level alternatives, each with the flags of the whole."""
    return [f"(?i:{a})" for a in _alternatives(OUTRO.pattern)]


@pytest.mark.parametrize("alternative", _outro_alternatives())
def test_outro_openings_hold_every_close(alternative: str) -> None:
    """Every close one alternative of OUTRO matches gets past ``is_outro``'s opening check
    (the close alone and with words after it), and ``is_outro`` answers as the search."""

    @settings(max_examples=250, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(st.from_regex(alternative, fullmatch=True), st.sampled_from(["", " ", "!", " Ana", "x"]))
    def same(close: str, after: str) -> None:
        for case in (close, close + after, close.upper(), close.capitalize()):
            assert is_outro(case) == (OUTRO.search(case) is not None), case
            # A close matched at the start, without the words that can close anywhere.
            head, low = case[:2], case.lower()
            anchored = not any(w in low for w in ("reply", "review", "rating"))
            if anchored and OUTRO.match(case) and not any(c in case for c in ODD_FOLDS):
                assert not head.isascii() or head.lower() in text._OUTRO_OPENINGS, case

    same()


# Every opening, not a sample of them: hypothesis drew no close of a new branch ("Det var
# allt", "Trevlig helg") in one run of the test above, and its opening was missing from the
# set. The regex's own parse tree gives each alternative's first two characters exactly.
_ANY = "\x00"  # a position the parse tree leaves open (a class by category, "." …)


def _heads(items: object, n: int) -> set[tuple[str, bool]]:
    """The first ``n`` characters a parsed regex sequence can match, each with whether the
    sequence can still go on after it (matched whole and shorter than ``n``)."""
    acc = {("", True)}
    for op, av in items:  # type: ignore[attr-defined]
        nxt: set[tuple[str, bool]] = set()
        for done, open_ in acc:
            if not open_:
                nxt.add((done, False))
                continue
            for more, more_open in _item_heads(op, av, n - len(done)):
                joined = done + more
                nxt.add((joined[:n], more_open and len(joined) < n))
        acc = nxt
    return acc


def _item_heads(op: object, av: object, n: int) -> set[tuple[str, bool]]:
    c = re._constants  # type: ignore[attr-defined]
    if op is c.LITERAL:
        return {(chr(av), True)}  # type: ignore[arg-type]
    if op is c.AT:
        return {("", True)}
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:  # type: ignore[attr-defined]
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < 64:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:
                chars.add(_ANY)
        return {(ch, True) for ch in chars}
    if op is c.SUBPATTERN:
        return _heads(av[3], n)  # type: ignore[index]
    if op is c.BRANCH:
        return set().union(*(_heads(b, n) for b in av[1]))  # type: ignore[index]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        low, high, body = av  # type: ignore[misc]
        found = {("", True)} if low == 0 else set()
        for times in range(max(low, 1), min(high, n) + 1):
            found |= _heads(list(body) * times, n)
        return found
    return {(_ANY, True)}


def test_outro_openings_are_every_anchored_opening() -> None:
    """Each alternative of OUTRO anchored at the start opens, when its first two characters
    are ASCII, with a pair in ``_OUTRO_OPENINGS``: ``is_outro`` never turns a close away."""
    checked = 0
    for alternative in _alternatives(OUTRO.pattern):
        if not alternative.startswith("^"):
            continue  # matched anywhere: is_outro searches for those ("reply" …)
        for head, _ in _heads(re._parser.parse(alternative, re.I), 2):  # type: ignore[attr-defined]
            assert _ANY not in head, (alternative[:60], head)
            if head.isascii():
                checked += 1
                assert head.lower() in text._OUTRO_OPENINGS, (alternative[:60], head)
    assert checked > 40


def test_heads_reads_a_pattern() -> None:
    """The opening reader itself, on a pattern whose openings are known."""
    got = {h for h, _ in _heads(re._parser.parse(r"^(?:ok,? )?(?:a[bc]|de?)\b", re.I), 2)}
    assert got == {"ok", "ab", "ac", "d", "de"}


_CLOSES = [
    "That's it", "Thanks,", "Cheers", "Best", "See you next week", "Fijn weekend", "a presto",
    "até amanhã", "Hit reply", "leave a review", "Ok, that's all", "Bu haftalık bu kadar",
    "¡Hasta pronto!", "Görüşmek üzere", "ſee you soon", "Kommen Sie gut ins", "İ", "ı",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_CLOSES), st.text(max_size=4)), max_size=5).map("".join))
def test_outro_matches_the_search(block_text: str) -> None:
    assert is_outro(block_text) == (OUTRO.search(block_text) is not None)
