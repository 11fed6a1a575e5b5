"""``WordScan.holding`` answers for every text what ``any(w in text for w in words)``
answers: one automaton pass over all the texts replaces a scan per word and text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.text import FOOTER_WORDS, FOOTER_WORDS_WIDE, PROMO_WORDS
from parsers.wordscan import FURNITURE_WORDS, WordScan

_WORDS = [*FOOTER_WORDS, *FOOTER_WORDS_WIDE, *PROMO_WORDS]
_PIECES = [*_WORDS, "x", " ", "é", "©", "\u00a0", "unsub", "scribe", "refe", "r", "🚀"]
texts = st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=8).map("".join)


@settings(max_examples=800, deadline=None)
@given(st.lists(texts, max_size=12))
def test_holding_is_any_word_in_each_text(batch: list[str]) -> None:
    expected = {i for i, text in enumerate(batch) if any(w in text for w in _WORDS)}
    assert FURNITURE_WORDS.holding(batch) == expected


def test_words_at_the_edges_of_texts_and_empty_texts() -> None:
    scan = WordScan(["ab", "b", "©"])
    assert scan.holding(["", "ab", "", "xa", "bx", "©", "a"]) == {1, 4, 5}
    assert scan.holding([]) == set()
