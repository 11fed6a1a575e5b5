"""Which of an issue's blocks hold any of a set of words: one pass over the whole issue.

The footer and call-to-action tests (``text.is_footer``, ``text.is_promo``) each look for
a dozen or two words in every block before their regex runs; asked block by block, those
substring scans were the biggest single cost of item extraction. An Aho-Corasick
automaton (pyahocorasick) finds every word of both lists in one pass over all the
blocks' text, so the tests run only on the blocks that hold one.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from parsers.text import FOOTER_WORDS, FOOTER_WORDS_WIDE, PROMO_WORDS, words_automaton


class WordScan:
    """An automaton over ``words`` (lower case) and the texts it is asked about."""

    def __init__(self, words: Iterable[str]) -> None:
        self._automaton = words_automaton(set(words))

    def holding(self, texts: Sequence[str]) -> set[int]:
        """The indices of the texts that contain one of the words, exactly as
        ``any(w in text for w in words)`` answers for each."""
        starts: list[int] = []
        at = 0
        for text in texts:
            starts.append(at)
            at += len(text) + 1
        # "\x00" is in no word, so no match spans two texts.
        found: set[int] = set()
        for end, length in self._automaton.iter("\x00".join(texts)):
            found.add(bisect.bisect_right(starts, end - length + 1) - 1)
        return found


# The words the footer and call-to-action tests look for before their regexes run.
FURNITURE_WORDS = WordScan([*FOOTER_WORDS, *FOOTER_WORDS_WIDE, *PROMO_WORDS])
