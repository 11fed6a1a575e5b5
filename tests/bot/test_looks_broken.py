"""``looks_broken`` answers as its plain definition does: ftfy's ``is_bad`` over the
lines holding a character a misread UTF-8 lead byte becomes (it skips ASCII lines)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.normalise import text as T
from bot.normalise.ftfy_fast import is_bad

_PIECES = [
    "\n",
    "\r\n",
    "\u2028",
    "ascii line",
    "Ã©",
    "â€™",
    "‚Äô",
    "üöÄ",
    "©",
    "·",
    "é",
    "🚀",
    " ",
]
texts = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=14).map("".join)


@settings(max_examples=1000, deadline=None)
@given(texts)
def test_looks_broken_is_is_bad_on_the_lead_lines(text: str) -> None:
    if text.isascii() or not T._LEAD.search(text):
        expected = False
    else:
        expected = is_bad("\n".join(line for line in text.splitlines() if T._LEAD.search(line)))
    assert T.looks_broken(text) == expected
