"""``ftfy_fast.is_bad`` finds its seeds with one regex (``SEED_PLACES``) and answers as
ftfy's own ``is_bad``; ``looks_broken`` answers as ftfy's ``is_bad`` on the lines that
could hold mojibake, and its chunked seed test (``_may_be_bad``) as ``holds_seed`` on
the whole text. All on every body, title, blurb and section of the parser fixtures and
on generated text, long texts putting seeds across chunk borders.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ftfy.badness import is_bad as ftfy_is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.decode import load_file
from bot.normalise.ftfy_fast import FIRST, LONE, SECOND, _seeds, holds_seed, is_bad
from bot.normalise.text import _LEAD, _SEED_CHUNK, _SEED_PART, _may_be_bad, looks_broken
from tests.bot.test_speed_urls import FIXTURES, SUFFIXES, fixture_items


@functools.cache
def fixture_texts() -> tuple[str, ...]:
    """Every fixture's decoded bodies and its items' titles, blurbs and sections."""
    texts: set[str] = set()
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in SUFFIXES:
            email = load_file(path)
            texts.update(t for t in (email.text, email.html, email.subject) if t)
    for item in fixture_items():
        texts.update(t for t in (item.title, item.blurb, item.section) if t)
        texts.update(label for label, _ in item.links)
    return tuple(sorted(texts))


def looks_broken_reference(text: str) -> bool:
    """``looks_broken`` without its pre-checks."""
    suspect = [line for line in text.splitlines() if not line.isascii() and _LEAD.search(line)]
    return bool(suspect) and bool(ftfy_is_bad("\n".join(suspect)))


# Mojibake and its neighbours: UTF-8 read as cp1252 or Mac Roman, Cyrillic and Greek read
# through the wrong code page, curly quotes, accents, C1 controls, line separators.
_BROKEN = [
    s.encode("utf-8").decode(codec, "replace")
    for s in ["café", "naïve", "—", "’", "“x”", "🚀", "Straße", "читать", "Ελλάδα", "日本"]
    for codec in ("cp1252", "latin-1", "macroman", "cp1251")
]
_PIECES = st.sampled_from(
    [*_BROKEN, "é", "’", "–", "…", "Â", "Ã", "Œ", "œ", "Р", "С", "В", "\n", "\r", "\x85", "\u2028",
     "\x0c", " ", "a", "<b>", "&amp;", "€", "™", "\xa0", "√", "ƒ", "ﬁ", "�"]
)  # fmt: skip
texts = st.lists(_PIECES | st.text(max_size=5), max_size=20).map("".join)


def test_the_fixtures_hold_much_text() -> None:
    texts = fixture_texts()
    assert len(texts) > 2000
    assert sum(looks_broken_reference(t) for t in texts) > 0


def test_is_bad_is_ftfys_on_every_fixture_text() -> None:
    for text in fixture_texts():
        assert is_bad(text) == ftfy_is_bad(text), text[:200]


def test_looks_broken_is_the_reference_on_every_fixture_text() -> None:
    for text in fixture_texts():
        assert looks_broken(text) == looks_broken_reference(text), text[:200]


@settings(max_examples=3000)
@given(texts)
def test_is_bad_is_ftfys(text: str) -> None:
    assert is_bad(text) == ftfy_is_bad(text)


@settings(max_examples=3000)
@given(texts)
def test_looks_broken_is_the_reference(text: str) -> None:
    assert looks_broken(text) == looks_broken_reference(text)


# Long texts: ASCII padding puts the generated text's seeds anywhere around chunk borders.
long_texts = st.tuples(st.integers(0, 3 * _SEED_CHUNK), texts, st.integers(0, 2 * _SEED_CHUNK)).map(
    lambda t: "x" * t[0] + t[1] + " y" * t[2]
)


@settings(max_examples=3000)
@given(long_texts)
def test_looks_broken_is_the_reference_on_long_texts(text: str) -> None:
    assert looks_broken(text) == looks_broken_reference(text)


@settings(max_examples=3000)
@given(long_texts)
def test_the_chunked_seed_test_is_holds_seed(text: str) -> None:
    assert _may_be_bad(text) == holds_seed(text)


def _lone_pairs() -> list[str]:
    """Two characters that are a seed together and none alone (a branch's pair)."""
    found = [a + b for a in sorted(FIRST) for b in sorted(SECOND) if FIRST[a] & SECOND[b]]
    alone = [p for p in found if not (holds_seed(p[0]) or holds_seed(p[1]))]
    assert len(alone) > 100
    return [*alone[:: len(alone) // 40], "â€"]


def test_a_seed_on_any_chunk_border_is_found() -> None:
    for broken in ("Ã©", "â€™", "‚Äô", "Â\xa0", "\x85", "Ð¿Ñ€", *_lone_pairs()):
        for at in range(_SEED_CHUNK - 3, _SEED_CHUNK + 3):
            text = "a" * at + broken + " and some more plain text"
            assert holds_seed(text), (broken, at)
            assert _may_be_bad(text), (broken, at)
            assert looks_broken(text) == looks_broken_reference(text), (broken, at)


def test_a_seed_on_any_part_border_is_found() -> None:
    """A chunk holding a non-ASCII character is searched in parts: a pair across a part's
    border, or a lone seed at a part's first or last place, anywhere in two chunks, with
    a non-ASCII character that is no seed elsewhere in the chunk or not."""
    assert _SEED_CHUNK % _SEED_PART == 0
    for broken in ("Ã©", "â€™", "\x85", *_lone_pairs()[::4]):
        for at in range(2 * _SEED_CHUNK + 2):
            for other in ("", "日"):
                text = other + "a" * at + broken + " and some more plain text" + other
                assert holds_seed(text), (broken, at)
                assert _may_be_bad(text), (broken, at)
    for at in range(2 * _SEED_CHUNK + 2):  # no seed: every part searched, none found
        text = "日" + "a" * at + "日本 and some more plain text"
        assert not holds_seed(text)
        assert not _may_be_bad(text), at


def test_the_fixture_bodies_are_clean_of_seeds_mostly() -> None:
    """The pre-check pays only where it skips work: most fixture texts hold no seed."""
    texts = [t for t in fixture_texts() if not t.isascii()]
    assert sum(not _may_be_bad(t) for t in texts) > 0.9 * len(texts)
    for text in texts:
        assert _may_be_bad(text) == holds_seed(text), text[:200]


def _seeds_reference(text: str) -> Iterator[int]:
    """``_seeds`` as it was: stopping on a pair's first character (in order, some twice)."""

    def chars(found: frozenset[str] | dict[str, int]) -> str:
        return "[" + "".join(re.escape(c) for c in sorted(found)) + "]"

    places = re.compile(chars(LONE | set(FIRST)) + f"(?:(?<={chars(LONE)})|(?={chars(SECOND)}))")
    for place in places.finditer(text):
        at = place.start()
        char = text[at]
        if char in LONE:
            yield at
        after = text[at + 1 : at + 2]
        if after and FIRST.get(char, 0) & SECOND.get(after, 0):
            yield at + 1


def test_seeds_are_the_reference_on_every_fixture_text() -> None:
    for text in fixture_texts():
        assert list(_seeds(text)) == sorted(set(_seeds_reference(text))), text[:200]


@settings(max_examples=3000)
@given(texts | st.lists(st.sampled_from(_lone_pairs()) | _PIECES, max_size=10).map("".join))
def test_seeds_are_the_reference(text: str) -> None:
    assert list(_seeds(text)) == sorted(set(_seeds_reference(text)))


def _holds_seed_reference(text: str) -> bool:
    """``holds_seed`` as it was: the first of ``_seeds``."""
    return next(_seeds(text), -1) >= 0


@settings(max_examples=3000)
@given(texts | st.lists(st.sampled_from(_lone_pairs()) | _PIECES, max_size=10).map("".join))
def test_holds_seed_is_the_first_of_seeds(text: str) -> None:
    assert holds_seed(text) == _holds_seed_reference(text)


def test_holds_seed_is_the_first_of_seeds_on_every_fixture_text() -> None:
    for text in fixture_texts():
        assert holds_seed(text) == _holds_seed_reference(text), text[:200]
