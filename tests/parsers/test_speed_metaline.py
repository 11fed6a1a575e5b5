"""The pre-checks in ``metaline.meta_line`` skip only regexes that cannot match.

Each part of a meta line falls through up to five fullmatches; ``meta_line`` skips _READ
and _READ_BY without a digit and a "min", _LENGTH and _ABSOLUTE without a digit, _RELATIVE
without one of its words, and _SPLIT when ``_SEPARATOR`` finds no separator. These tests
ask each condition of strings generated from the regexes themselves (hypothesis draws
Unicode digits and spaces for ``\\d`` and ``\\s``), with the characters re.I folds unlike
``str.lower`` put in; and ``meta_line`` against the unchecked chain on mixed texts.
"""

from __future__ import annotations

import re
import sys
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import metaline
from parsers.metaline import Meta, meta_line
from parsers.text import find_date

_ODD = ("ı", "İ", "ſ")  # what ``meta_line``'s ``odd`` looks for


def _odd(text: str) -> bool:
    return any(c in text for c in _ODD)


def _digit(text: str) -> bool:
    return any(c.isdecimal() for c in text)


def test_only_the_odd_folds_escape_lower() -> None:
    """Under re.I an ASCII letter matches a character ``lower()`` turns into another thing
    only for "ı", "İ" and "ſ": a lowered text without "min" (or "ago" …) and without those
    cannot match the regexes' words."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    any_letter = re.compile("|".join(letters), re.I)  # each branch a literal, as alone
    escaping = set()
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if any_letter.fullmatch(ch):
            for letter in letters:
                if re.fullmatch(letter, ch, re.I) and ch.lower() != letter:
                    escaping.add(ch)
    assert escaping == set(_ODD)


def test_digit_is_isdecimal() -> None:
    """``\\d`` is ``str.isdecimal`` (the per-part check uses ``_DIGIT``, the test this)."""
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert (metaline._DIGIT.match(ch) is not None) == ch.isdecimal()


def _folded(text: str, swap: list[int]) -> str:
    """``text`` with some of its i, s (either case) put as "ı", "İ" or "ſ"."""
    out = list(text)
    for n in swap:
        if out:
            at = n % len(out)
            if out[at] in "iI":
                out[at] = "ıİ"[n % 2]
            elif out[at] in "sS":
                out[at] = "ſ"
    return "".join(out)


_CHECK = settings(
    max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@_CHECK
@given(st.from_regex(metaline._READ, fullmatch=True), st.lists(st.integers(0, 99), max_size=3))
def test_read_needs_a_digit_and_min(part: str, swap: list[int]) -> None:
    for case in (part, part.upper(), _folded(part, swap)):
        if metaline._READ.fullmatch(case):
            assert _digit(case), case
            assert _odd(case) or "min" in case.lower(), case


@_CHECK
@given(st.from_regex(metaline._READ_BY, fullmatch=True), st.lists(st.integers(0, 99), max_size=3))
def test_read_by_needs_a_digit_and_min(part: str, swap: list[int]) -> None:
    for case in (part, part.upper(), _folded(part, swap)):
        if metaline._READ_BY.fullmatch(case):
            assert _digit(case), case
            assert _odd(case) or "min" in case.lower(), case


@_CHECK
@given(st.from_regex(metaline._LENGTH, fullmatch=True))
def test_length_needs_a_digit(part: str) -> None:
    assert _digit(part), part


@_CHECK
@given(st.from_regex(metaline._ABSOLUTE, fullmatch=True))
def test_absolute_needs_a_digit(part: str) -> None:
    assert _digit(part), part


@_CHECK
@given(st.from_regex(metaline._RELATIVE, fullmatch=True), st.lists(st.integers(0, 99), max_size=3))
def test_relative_needs_its_words(part: str, swap: list[int]) -> None:
    for case in (part, part.upper(), part.title(), _folded(part, swap)):
        if metaline._RELATIVE.fullmatch(case):
            low = case.lower()
            words = ("ago", "today", "yesterday", "just now")
            assert _odd(case) or any(w in low for w in words), case


_AROUND = st.text(alphabet="ab -—–|·•\u00a0\u2003\t.,", max_size=6)


@_CHECK
@given(_AROUND, st.from_regex(metaline._SPLIT, fullmatch=True), _AROUND)
def test_separator_finds_every_split(before: str, sep: str, after: str) -> None:
    for text in (sep, before + sep + after, before + after):
        if metaline._SPLIT.search(text):
            assert metaline._SEPARATOR.search(text), text


def _reference(text: str, issued: date | None = None) -> Meta | None:
    """``meta_line`` before its pre-checks: every part through every regex."""
    m = metaline
    text = text.strip()
    if not text or len(text) > m.MAX_META:
        return None
    if text[-1] in ".!?:,;" and not (text[-1] == "." and text[-4:-1].lower() == "min"):
        return None
    if m._DIGIT.search(text) is None:
        low = text.lower()
        if not (low[:1] in "—–" or "yesterday" in low or "today" in low or "just now" in low):
            return None
    author = m._AUTHOR.match(text)
    if author:
        return Meta(author=author.group(1))
    if text[:1] in "—–" and m.listed_authors(text):
        return Meta()
    via = text[:4].lower() == "via "
    parts = m._SPLIT.split(text[4:] if via else text)
    if via:
        parts = [p for part in parts for p in m._VIA_ON.split(part)]
    minutes: int | None = None
    bare = False
    when = names = 0
    by = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        read = m._READ.fullmatch(part)
        read_by = None if read else m._READ_BY.fullmatch(part)
        if read:
            minutes, when = int(read.group(1)), when + 1
            bare = m._BARE.fullmatch(part) is not None
        elif m._LENGTH.fullmatch(part):
            when += 1
        elif read_by and m._is_name(read_by.group(2)) and not by:
            minutes, when, by = int(read_by.group(1)), when + 1, read_by.group(2)
            names += 1
        elif m._RELATIVE.fullmatch(part):
            when += 1
        elif m._ABSOLUTE.fullmatch(part):
            day = find_date(part)
            if day is None or not (via or (issued is not None and day <= issued)):
                return None
            when += 1
        elif part[:3] in ("By ", "by ") and m._is_name(part[3:]) and part[3:4].isupper():
            by, names = part[3:], names + 1
        elif ("," in part and m._name_list(part)) or m._is_name(part):
            names += 1
        else:
            return None
    if not when or names > 2:
        return None
    return Meta(read_minutes=minutes, author=by, bare=bare and minutes is not None)


_PIECES = [
    "via ",
    " on ",
    " · ",
    "·",
    " | ",
    " - ",
    "-",
    "\u00a0—\u2003",
    " – ",
    "•",
    ", ",
    "LWN.net",
    "Julia Evans",
    "By Mira Castellanos",
    "shared by Ben Ito",
    "proposé par Ana Ruiz",
    "8",
    "14",
    "٣",
    "2025",
    "Jun 4, 2025",
    "4 Oct 2025",
    "2025-06-03",
    " 09:12 PM",
    "min",
    "Min.",
    "mın",
    "mİn",
    " minute read",
    " Minuten Lesezeit",
    "Lesezeit: ",
    "1 h 12 min",
    "🎧 ",
    "47 min listen",
    "1:12:04",
    "3h ago",
    "an hour ago",
    "yesterday",
    "Yeſterday",
    "today",
    "just now",
    "juſt now",
    "ago",
    "— ",
    "(4 minute read)",
]
_LINES = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=4)), max_size=7).map("".join)


# Meta lines as feeds write them: parts of one kind or another between separators.
_PARTS = [
    "LWN.net",
    "Julia Evans",
    "By Mira Castellanos",
    "8 min read",
    "5 Min.",
    "Lesezeit: 8 Minuten",
    "3 minutes, proposé par Ana Ruiz",
    "5 min, shared by Ben Ito",
    "1 h 12 min",
    "🎧 47 min",
    "3h ago",
    "an hour ago",
    "yesterday",
    "just now",
    "Jun 4, 2025",
    "Oct 6, 2025 09:14 am",
    "2025-06-03",
    "٣ min read",
    "Mei Lin, Oscar Ruiz",
    "Web3 Daily",
]
_SEPARATORS = [" · ", " | ", " — ", " - ", "•", "\u00a0–\u2003", " on "]
_META = st.tuples(
    st.sampled_from(["", "via ", "— "]),
    st.lists(st.sampled_from(_PARTS), min_size=1, max_size=3),
    st.lists(st.sampled_from(_SEPARATORS), min_size=2, max_size=2),
    st.lists(st.integers(0, 99), max_size=3),
).map(lambda t: _folded(t[0] + t[2][0].join(t[1][:2]) + t[2][1].join(t[1][2:3]), t[3]))


@settings(max_examples=4000, deadline=None)
@given(st.one_of(_LINES, _META), st.sampled_from([None, date(2025, 10, 14)]))
def test_meta_line_matches_the_unchecked_chain(text: str, issued: date | None) -> None:
    assert meta_line(text, issued) == _reference(text, issued), text
