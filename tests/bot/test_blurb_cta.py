"""A blurb does not end with the link's button ("Read more →", "Weiterlesen »")."""

from __future__ import annotations

import pytest

from bot.normalise.text import drop_trailing_cta


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
