"""``is_outro`` answers as ``OUTRO.search`` does, though it skips long texts early."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.text import OUTRO, is_outro

words = st.sampled_from(
    ["That's all", "thanks", "Thank you", "see you in a few months", "à la semaine prochaine",
     "bis zum nächsten mal", "¡Hasta la próxima", "hit reply", "Leave us a review",
     "reply to this email", "rating", " ", ".", "!", "x" * 10, "x" * 25, "Cheers", "\n",
     "revıew", "ratİng", "That is all", "THAT'S IT", "x" * 70]
)  # fmt: skip


@settings(max_examples=1000)
@given(st.lists(words | st.text(max_size=12), max_size=12).map("".join))
def test_is_outro_is_the_regex(text: str) -> None:
    assert is_outro(text) == (OUTRO.search(text) is not None)


def test_closes_of_every_length_up_to_the_limit() -> None:
    for close in ["see you in a few months", "have a lovely weekend", "bis zum nächsten mal"]:
        for n in range(60):
            text = close + " " + "y" * n
            assert is_outro(text) == (OUTRO.search(text) is not None), text
