"""The text helpers' fast paths give the answers of their plain definitions.

``has_words``, ``strip_decoration``, ``is_promo`` and ``find_date`` run thousands of
times per email, so each skips work its plain definition would do; these properties
hold them to that definition on text made to hit the edge cases.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from parsers import text as T
from parsers.text import find_date, has_words, is_promo, strip_decoration, upper_ratio
from tests.parsers.test_speed_links import OLD_PROMO

_PIECES = [
    " ", "\t", "\n", "\u00a0", "\u2003", "\u200d", "\ufe0f", "•", "·", "*", "-", "–", "—", ">",
    "|", "🩻", "🚀", "①", "½", "_", "é", "Σ", "a", "Z", "7", "(", ")", "refer a friend",
    "Thanks for reading", "rate today's issue", "chip in", "support our work", "friends",
]  # fmt: skip
pieced = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=20).map("".join)
texts = st.text(max_size=60) | pieced


@settings(max_examples=500, deadline=None)
@given(texts)
def test_has_words_is_any_letter_or_digit(text: str) -> None:
    assert has_words(text) == any(ch.isalnum() for ch in text)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_strip_decoration_drops_exactly_the_leading_decoration(text: str) -> None:
    if text[:2] == "--" and text[2:3].isalnum():
        assert strip_decoration(text) == text  # a command-line flag, not a bullet
        return
    i = 0
    while i < len(text) and (
        text[i].isspace() or text[i] in "•·*-–—>|" or unicodedata.category(text[i]) in T._DECOR
    ):
        i += 1
    assert strip_decoration(text) == text[i:]


@settings(max_examples=500, deadline=None)
@given(texts | st.from_regex(OLD_PROMO) | st.from_regex(OLD_PROMO.pattern.upper()))
def test_is_promo_is_the_promo_pattern(text: str) -> None:
    expected = len(text) <= 600 and OLD_PROMO.search(text.lower()) is not None
    assert is_promo(text) == expected


def _find_date_by_scanning(*texts: str) -> date | None:
    """find_date's definition: each pattern in turn, over every position of each text."""
    for pattern, _, _ in T._DATE_PATTERNS:
        for text in texts:
            for m in pattern.finditer(text[:5000]):
                got = T._to_date(pattern, m.groups())
                if got:
                    return got
    return None


_DATE_PIECES = [
    "20", "19", "2025", "1999", "2020", "202", "-", "-06-", "0", "1", "3", "12", "31", " ",
    ", ", ".", "May", "June", "Sept", "September", "Xmas", "th", "st", "13th", "x", "é", "_",
    # The longest match of each pattern, to hold the stretches searched to their reach.
    "2025-06-13", "13-06-2025", "September. 13th, 2025", "13 September., 2025", "13th of September., 2025",
    "September, 2025", " of ",
]  # fmt: skip
dated = st.lists(st.sampled_from(_DATE_PIECES), max_size=30).map("".join)


@settings(max_examples=1000, deadline=None)
@given(st.lists(dated | st.text(max_size=20), min_size=1, max_size=3))
def test_find_date_finds_what_scanning_every_position_finds(texts: list[str]) -> None:
    assert find_date(*texts) == _find_date_by_scanning(*texts)


@settings(max_examples=300, deadline=None)
@given(dated)
def test_date_matches_are_finditers_matches(text: str) -> None:
    for pattern, before, after in T._DATE_PATTERNS:
        years = sorted(T._occurrences(text, "20") + T._occurrences(text, "19"))
        got = [m.span() for m in T._date_matches(pattern, text, years, before, after)]
        assert got == [m.span() for m in pattern.finditer(text)], pattern.pattern


def test_find_date_in_a_long_body_past_other_years() -> None:
    body = "© 2019 Example. 20 Reasons, 2020 vision. " * 40 + "Issue of March 3rd, 2025"
    assert find_date(body) == date(2025, 3, 3)
    assert find_date("x " * 2497 + "May 2025") is None  # past the 5000 characters read


@settings(max_examples=500, deadline=None)
@given(texts | st.text(st.characters(max_codepoint=127), max_size=80))
def test_upper_ratio_is_the_share_of_capitals_among_letters(text: str) -> None:
    letters = [ch for ch in text if ch.isalpha()]
    expected = sum(ch.isupper() for ch in letters) / len(letters) if len(letters) >= 3 else 0.0
    assert upper_ratio(text) == expected


_FOOTER_PIECES = [
    "Unsubscribe", "you're receiving this", "You are receiving this", "manage your subscription",
    "Sie erhalten diese E-Mail", "newsletter abbestellen", "vous recevez ce message",
    "se désabonner", "recibes este correo", "darse de baja", "cancelar tu suscripción",
    "Update your preferences", "no longer wish to receive", "©", "(c) 2025", "(C) 2025",
    "Copyright 2025", "copyright  2025", "subscribe", "receiving", " ", "İ", "ı",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_FOOTER_PIECES) | st.text(max_size=4), max_size=12).map("".join))
def test_is_footer_is_the_footer_pattern(text: str) -> None:
    expected = len(text) <= 600 and T._FOOTER.search(text.lower()) is not None
    assert T.is_footer(text) == expected


_TITLE_PIECES = [
    "Title", " ", "  ", "\u00a0", "(", ")", "[", "]", "5 minute read", "GitHub Repo", "Sponsor",
    "x" * 39, "x" * 40, "x" * 41, "é", "—",
]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from(_TITLE_PIECES) | st.text(max_size=3), max_size=10).map("".join),
    st.sampled_from([")", "]"]),
)
@example("T (" + "x" * 40, ")")
@example("T (" + "x" * 41, ")")
@example("T [" + "x" * 40 + "(", "]")
@example(" \t(5 minute read", "]")
def test_annotation_is_the_annotation_pattern(body: str, close: str) -> None:
    text = body + close
    m = T._ANNOTATION.search(text)
    assert T._annotation(text) == ((m.start(), m.group(1)) if m else None)


_SIGNATURE_PIECES = [
    'class="reference external"', 'CLASS="Reference External"', 'name="generator" content="Docutils',
    'name="generator" content="docutils', "ı", "ſ", "İ", " ", "x", '"', "class=",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_SIGNATURE_PIECES) | st.text(max_size=3), max_size=12).map("".join))
def test_literal_hits_counts_as_the_case_insensitive_regex(text: str) -> None:
    from parsers.roundup import _HTML_SIGNATURE, _HTML_SIGNATURE_LITERALS

    expected = min(sum(1 for _ in _HTML_SIGNATURE.finditer(text)), 3)
    assert T.literal_hits(text, _HTML_SIGNATURE_LITERALS, _HTML_SIGNATURE, 3) == expected
