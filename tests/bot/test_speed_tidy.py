"""The pre-checks of ``_tidy``'s text steps answer as the plain tests they stand for:
``_names_a_cta_word`` (one Aho-Corasick pass) as a substring test for each of
``_CTA_WORDS``; when ``_is_squashed`` says so, splitting and joining the words gives the
text back. On every fixture
item's texts and on generated text; ``clean_text`` as before on them.
"""

from __future__ import annotations

import html
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.normalise import _tidy_blurb
from bot.normalise.ftfy_fast import fix_text
from bot.normalise.text import (
    _CTA_WORDS,
    _INVISIBLE,
    _ODD_FOLDS,
    _TRAILING_CTA,
    _holds_odd_fold,
    _is_squashed,
    _names_a_cta_word,
    clean_text,
    drop_button_line,
    drop_trailing_cta,
    looks_broken,
)
from tests.bot.test_speed_urls import fixture_items


def _names_a_cta_word_reference(low: str) -> bool:
    return any(word in low for word in _CTA_WORDS)


def _fixture_texts() -> list[str]:
    texts: list[str] = []
    for item in fixture_items():
        texts += [item.title, item.blurb, *(label for label, _ in item.links)]
    return texts


def test_the_cta_word_test_is_the_reference_on_every_fixture_text() -> None:
    texts = _fixture_texts()
    assert len(texts) > 2000
    hits = 0
    for text in texts:
        for low in (text.lower(), text):
            found = _names_a_cta_word(low)
            assert found == _names_a_cta_word_reference(low), low[:200]
            hits += found
    assert hits > 20


# The words themselves, pieces of them, and their neighbours in other scripts.
_PIECES = st.sampled_from(
    [*_CTA_WORDS, *(w[: len(w) // 2] for w in _CTA_WORDS), *(w[1:] for w in _CTA_WORDS),
     " ", "→", ".", "read", "more", "lesen", "보", "阅", "чит", "ıİſ"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES | st.text(max_size=4), max_size=12).map("".join)


@settings(max_examples=3000)
@given(_TEXTS)
def test_the_cta_word_test_is_the_reference(text: str) -> None:
    assert _names_a_cta_word(text) == _names_a_cta_word_reference(text)
    low = text.lower()
    assert _names_a_cta_word(low) == _names_a_cta_word_reference(low)


@settings(max_examples=3000)
@given(_TEXTS | st.lists(st.sampled_from([*_ODD_FOLDS, "a", "é", "🚀"]), max_size=6).map("".join))
def test_the_odd_fold_test_is_the_reference(text: str) -> None:
    """``_holds_odd_fold`` skips ASCII texts: none of the odd folds is ASCII."""
    assert _holds_odd_fold(text) == any(c in text for c in _ODD_FOLDS)


def test_the_odd_fold_test_is_the_reference_on_every_fixture_text() -> None:
    for text in _fixture_texts():
        assert _holds_odd_fold(text) == any(c in text for c in _ODD_FOLDS), text[:200]


def test_the_memoised_blurb_step_is_its_three_steps_on_every_fixture_blurb() -> None:
    """``_tidy_blurb`` is cached (an issue repeats blurbs): asked once and again, each
    fixture blurb gets what its three steps give."""
    for blurb in [item.blurb for item in fixture_items()] * 2:
        assert _tidy_blurb(blurb) == drop_trailing_cta(clean_text(drop_button_line(blurb)))


def _clean_text_reference(text: str) -> str:
    """``clean_text`` before ``_is_squashed``."""
    if not text:
        return text
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        if looks_broken(text):
            text = fix_text(text)
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())


def _is_squashed_reference(text: str) -> bool:
    return " ".join(text.split()) == text


def test_every_space_but_the_space_is_unprintable() -> None:
    """What ``_is_squashed`` rests on, over every code point."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isspace() and char != " ":
            assert not char.isprintable(), hex(code)


def test_squashed_and_clean_text_are_the_reference_on_every_fixture_text() -> None:
    texts = _fixture_texts()
    for text in texts:
        if _is_squashed(text):
            assert _is_squashed_reference(text), text[:200]
        assert clean_text(text) == _clean_text_reference(text), text[:200]
    assert sum(map(_is_squashed, texts)) > 0.5 * len(texts)


_SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\xa0", "\u2028", "\u3000", "\x1c", "\x85"])
_WORDS = st.lists(_SPACES | st.text(max_size=4) | st.sampled_from(["&amp;", "Ã©", "a\u00adb"]))


@settings(max_examples=3000)
@given(_WORDS.map("".join))
def test_squashed_and_clean_text_are_the_reference(text: str) -> None:
    if _is_squashed(text):  # a pre-check: it may leave a squashed text to the split
        assert _is_squashed_reference(text)
    assert clean_text(text) == _clean_text_reference(text)


def _drop_trailing_cta_reference(blurb: str) -> str:
    """``drop_trailing_cta`` without its pre-checks: the regex over the whole blurb."""
    if len(blurb) > 2000 or not blurb:
        return blurb
    m = _TRAILING_CTA.search(blurb)
    if m is None:
        return blurb.rstrip()
    return (blurb[: m.start()] + blurb[m.end() :]).rstrip()


def test_drop_trailing_cta_is_the_reference_on_every_fixture_text() -> None:
    for text in _fixture_texts():
        assert drop_trailing_cta(text) == _drop_trailing_cta_reference(text), text[:200]


# Blurbs of many words, the CTA words and buttons anywhere in them: before, inside and
# past the last _CTA_MAX_WORDS words the pre-check reads.
_BLURB_PIECES = st.sampled_from(
    [
        *_CTA_WORDS,
        *(w.title() for w in _CTA_WORDS),
        "Read more →",
        "Read on Substack",
        "Leer en elDiario.es",
        "Weiterlesen »",
        ". ",
        "! ",
        " | ",
        " · ",
        " — ",
        "word ",
        "more ",
        "the ",
        "in ",
        "on ",
        "The Verge ",
        "example.com ",
        "Apply →",
        "Save your seat",
        "→",
        "»",
        "›",
        "…",
        "\n",
        " ",
        "  ",
        "ıİſ",
        "İ",
        "READ MORE",
        "Σ",
        "ς",
    ]
)
_BLURBS = st.lists(_BLURB_PIECES | st.text(max_size=4), max_size=60).map("".join)


@settings(max_examples=3000)
@given(_BLURBS)
def test_drop_trailing_cta_is_the_reference(blurb: str) -> None:
    assert drop_trailing_cta(blurb) == _drop_trailing_cta_reference(blurb)


@settings(max_examples=1000)
@given(st.integers(0, 40), _BLURBS)
def test_drop_trailing_cta_is_the_reference_after_many_words(words: int, blurb: str) -> None:
    """A button after more words than the pre-check reads: only its tail is read."""
    blurb = "Some plain words. " * words + blurb
    assert drop_trailing_cta(blurb) == _drop_trailing_cta_reference(blurb)
