"""A blurb does not end with the link's button ("Read more →", "Weiterlesen »")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.normalise.text import _TRAILING_CTA, drop_trailing_cta


@pytest.mark.parametrize(
    ("blurb", "kept"),
    [
        ("Good summary here. Read more →", "Good summary here."),
        ("Text — Read the full story", "Text"),
        ("A blurb | Read more »", "A blurb"),
        ("Kurz notiert. Weiterlesen ›", "Kurz notiert."),
        ("Wir waren vor Ort. Zur Reportage ›", "Wir waren vor Ort."),
        ("Un equipo cuenta qué salió bien. Leer más →", "Un equipo cuenta qué salió bien."),
        ("Une analyse. Lire la suite", "Une analyse."),
        ("Read more", ""),
        # Words of the summary itself stay.
        ("The docs are where you can read more", "The docs are where you can read more"),
        ("Learn more about the release in the notes", "Learn more about the release in the notes"),
        ("Nothing to drop", "Nothing to drop"),
    ],
)
def test_drop_trailing_cta(blurb: str, kept: str) -> None:
    assert drop_trailing_cta(blurb) == kept


_PIECES = [
    "Read more", "read the full story", "Continue reading", "Weiterlesen", "Zur Reportage",
    "Leer más", "LEER MÁS", "Lire la suite", "en savoir plus", "more here", "Learn more",
    "→", "›", "»", ">", "…", ".", "!", "?", ")", "”", ":", " | ", " — ", " ", "\n", "\u00a0",
    "ı", "İ", "ſ", "Rеad more", "the docs", "Good summary", "Read more in Feedly", " on ",
    "Apply →", "Save your seat →", "Zum Artikel ›", "Shop the kits »", "Ann", "lire l'article",
]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=10).map("".join))
def test_drop_trailing_cta_is_the_regex(blurb: str) -> None:
    """The fast path skips the regex only where it cannot match."""
    expected = blurb if len(blurb) > 2000 or not blurb else _TRAILING_CTA.sub("", blurb).rstrip()
    assert drop_trailing_cta(blurb) == expected


_WORDS = st.sampled_from(
    ["Read", "more", "the", "full", "story", "in", "on", "Feedly", "App", "Save", "your", "seat",
     "→", "»", "—", "|", ".", "word", "Word.", "(x)", "zum", "Artikel", "leer", "más", "lire",
     "la", "suite", "en", "savoir", "plus", "continue", "reading", "Apply", "Shop", "kits"]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(_WORDS, min_size=8, max_size=40), st.sampled_from([" ", "  ", "\n", " \u00a0"]))
def test_long_blurbs_drop_what_the_regex_drops(words: list[str], gap: str) -> None:
    """The regex runs over the blurb's last words only: long blurbs check that bound."""
    blurb = gap.join(words)
    assert drop_trailing_cta(blurb) == _TRAILING_CTA.sub("", blurb).rstrip()


@pytest.mark.parametrize(
    "tail",
    [
        "— Read the full story in the Feedly App →",
        "— Read the full release notes in the GitHub Docs »",
        "Un résumé | Lire l’article …",
        ". Save your seat today →",
        "latency. Continue reading at The Verge.",
    ],
)
def test_the_longest_buttons_are_dropped_after_any_blurb(tail: str) -> None:
    for words in (0, 3, 30):
        blurb = " ".join(["Some words of the summary"] * words + [tail])
        assert drop_trailing_cta(blurb) == _TRAILING_CTA.sub("", blurb).rstrip()
        assert drop_trailing_cta(blurb) != blurb.rstrip(), blurb
