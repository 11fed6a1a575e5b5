"""ftfy's mojibake test and fixer with their answers unchanged, run only where they can act.

``is_bad``/``badness`` scan every position of the text with one big regex (~0.25 us a
character), and ``fix_text`` runs a dozen fixers on every line (~30 us a line). Mail is
mostly ASCII, where neither can find or change anything:

- every badness pattern holds a non-ASCII character and is at most ``BAD_LONGEST``
  characters long, so only the stretches around non-ASCII characters are searched;
- a line without an HTML entity and without a character some fixer rewrites (controls,
  ligatures, full-width forms, odd line breaks, surrogates), already in NFC and not
  ``is_bad``, passes every fixer ``fix_text`` runs unchanged, so only the other lines
  are handed to ``fix_text``.

tests/bot/test_ftfy_fast.py checks both facts against the installed ftfy, and the
answers against ftfy's own on generated text.
"""

from __future__ import annotations

import itertools
import re

# Python's own regex parser (sre_parse, whose public name is deprecated): untyped.
import re._constants as _sre  # type: ignore[import-not-found]
import re._parser as _sre_parser  # type: ignore[import-not-found]
import unicodedata
from collections.abc import Iterable, Iterator

import ftfy
from ftfy.badness import BADNESS_RE
from ftfy.chardata import CONTROL_CHARS, HTML_ENTITY_RE, LIGATURES, WIDTH_MAP

BAD_LONGEST = 7
"""The most characters a match of ftfy's BADNESS_RE spans."""

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _rewritten_chars() -> str:
    """Every character one of fix_text's fixers replaces or drops on sight."""
    chars = {chr(c) for table in (CONTROL_CHARS, LIGATURES, WIDTH_MAP) for c in table}
    chars.update(map(chr, range(0x80, 0xA0)))  # C1 controls (fix_c1_controls)
    chars.update("\r\u2028\u2029\x85")  # fix_line_breaks
    chars.add("\x1b")  # remove_terminal_escapes
    return "".join(re.escape(c) for c in sorted(chars))


# + fix_surrogates (by chr: mypyc takes no surrogate in a string literal)
_REWRITTEN = re.compile("[" + _rewritten_chars() + chr(0xD800) + "-" + chr(0xDFFF) + "]")


def _unchanged(line: str) -> bool:
    """fix_text leaves ``line`` as it is (the rest of its fixes start from is_bad)."""
    if _REWRITTEN.search(line) is not None:
        return False
    if "&" in line and HTML_ENTITY_RE.search(line) is not None:
        return False  # unescape_html
    return line.isascii() or (unicodedata.is_normalized("NFC", line) and not is_bad(line))


def _seed_tables() -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    """Where a BADNESS_RE match must be, read off the pattern itself (Python's own regex
    parser): every branch matches a non-ASCII character named by a literal or a set
    (tests/bot/test_ftfy_fast.py checks it), so a match holds either two such characters
    side by side that one branch names in that order, or a character of a branch that
    names no two side by side. Branch pairs are bits: ``first[a] & second[b]`` is not 0
    when some branch matches "a" right before "b"; the third table holds the lone ones."""
    first: dict[str, int] = {}
    second: dict[str, int] = {}
    lone: set[str] = set()
    bit = 1
    [(_, (_, branches))] = _sre_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
    for branch in branches:
        named = [_non_ascii_chars(op, av) for op, av in branch.data]
        paired = False
        for a, b in itertools.pairwise(named):
            if a and b:
                for c in a:
                    first[c] = first.get(c, 0) | bit
                for c in b:
                    second[c] = second.get(c, 0) | bit
                bit <<= 1
                paired = True
        if not paired:
            lone.update(c for chars in named if chars for c in chars)
    return first, second, frozenset(lone)


def _non_ascii_chars(op: object, av: object) -> set[str] | None:
    """The characters a pattern item matches when it is a literal or a set of literals
    and ranges, all of them non-ASCII; None for any other item."""
    chars: set[str] = set()
    if op is _sre.LITERAL and isinstance(av, int):
        chars.add(chr(av))
    elif op is _sre.IN and isinstance(av, list):
        for o, a in av:
            if o is _sre.LITERAL:
                chars.add(chr(a))
            elif o is _sre.RANGE:
                chars.update(map(chr, range(a[0], a[1] + 1)))
            else:
                return None
    else:
        return None
    return chars if all(c >= "\x80" for c in chars) else None


FIRST, SECOND, LONE = _seed_tables()


def _seed_places() -> re.Pattern[str]:
    """Where seeds can be: a lone character, or a pair's second character after a pair's
    first (of any branch: ``_seeds`` checks the branch bits). The pattern starts with one
    character set, so the regex engine skips every other character in a tight C loop
    (~60 instructions a character). It stops on a pair's second character, not its first:
    the first set holds every Cyrillic and Greek small letter, where the engine would try
    a match at each letter of a Russian text (~600 instructions a character)."""

    def chars(found: Iterable[str]) -> str:
        return "[" + "".join(re.escape(c) for c in sorted(found)) + "]"

    return re.compile(chars(LONE.union(SECOND)) + f"(?:(?<={chars(LONE)})|(?<={chars(FIRST)}.))")


SEED_PLACES = _seed_places()


def _seeds(text: str) -> Iterator[int]:
    """The places of the seeds (``_seed_tables``) in ``text``, in order: a lone
    character's, a pair's second character's."""
    for place in SEED_PLACES.finditer(text):
        at = place.start()
        char = text[at]
        if char in LONE or FIRST.get(text[at - 1], 0) & SECOND.get(char, 0):
            yield at  # (at > 0 for a pair: the pattern looked behind)


def holds_seed(text: str) -> bool:
    """``_seeds(text)`` finds a place. Without one, ``is_bad`` is False on ``text`` and
    on any text made of its lines: a seed is a character of ``text`` (a lone one) or two
    neighbours of one line (both non-ASCII, so never a line end). ``_seeds``'s test,
    written out: ``_may_be_bad`` asks it of every chunk holding a non-ASCII character,
    and a generator's setup costs as much as a short chunk's search."""
    for place in SEED_PLACES.finditer(text):
        at = place.start()
        char = text[at]
        if char in LONE or FIRST.get(text[at - 1], 0) & SECOND.get(char, 0):
            return True
    return False


def is_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, searching only around the places a match must hold
    (``_seed_tables``). In prose with accents ("café", "Straße", "читать") and in
    Chinese, Japanese or Korean text no two neighbours form a branch's pair, so the big
    pattern rarely runs at all: searching around every non-ASCII character, as before,
    cost 4-5x more on French or German and 2.5-3x on Russian or Chinese (bench figures
    in docs/benchmarks.md). ``SEED_PLACES`` finds the seeds without reading the text's
    non-ASCII characters one by one in Python."""
    lo = hi = -1  # the window to search, grown while seeds fall inside it
    for at in _seeds(text):
        # A match holding this character starts at most BAD_LONGEST - 1 before it
        # and ends at most BAD_LONGEST after it (hi is the search's endpos).
        start = max(at - BAD_LONGEST + 1, 0)
        if start > hi:
            if hi >= 0 and BADNESS_RE.search(text, lo, hi) is not None:
                return True
            lo = start
        hi = at + BAD_LONGEST
    return hi >= 0 and BADNESS_RE.search(text, lo, hi) is not None


def badness(text: str) -> int:
    """``ftfy.badness.badness(text)``: how many badness matches ``findall`` finds."""
    return sum(1 for _ in _bad_matches(text))


def _bad_matches(text: str) -> Iterator[re.Match[str]]:
    """``BADNESS_RE.finditer(text)``, searching only near non-ASCII characters.

    A match starts at most BAD_LONGEST - 1 characters before one of its non-ASCII
    characters, so the stretches from there, searched in order with the text cut
    BAD_LONGEST characters past their last non-ASCII character, hold every match (the
    pattern has no lookaround, \\b or $, so the cut cannot make a match that is not one).
    """
    end = 0  # finditer's matches do not overlap
    for first, last in _stretches(text):
        pos = max(first - BAD_LONGEST + 1, end, 0)
        while (m := BADNESS_RE.search(text, pos, last + BAD_LONGEST)) is not None:
            end = pos = m.end()
            yield m


def _stretches(text: str) -> Iterator[tuple[int, int]]:
    """(first, last) places of non-ASCII characters less than BAD_LONGEST apart."""
    first = last = -1
    for m in _NON_ASCII.finditer(text):
        at = m.start()
        if first < 0:
            first = at
        elif at > last + BAD_LONGEST:
            yield first, last
            first = at
        last = at
    if first >= 0:
        yield first, last


def fix_text(text: str) -> str:
    """``ftfy.fix_text(text, uncurl_quotes=False)``, handing ftfy only the lines it can change.

    fix_text fixes each line on its own, except that HTML entities stop being decoded
    for good at the first line holding "<": each run of other lines is fixed with that
    setting as it stands where the run starts.
    """
    out: list[str] = []
    run: list[str] = []
    html_seen = False  # a line so far held "<"
    run_after_html = False

    def flush() -> None:
        if run:
            unescape = False if run_after_html else "auto"
            out.append(ftfy.fix_text("".join(run), uncurl_quotes=False, unescape_html=unescape))
            run.clear()

    pos = 0
    while pos < len(text):
        brk = text.find("\n", pos) + 1 or len(text)  # ftfy's lines: ended by "\n" only
        line = text[pos:brk]
        pos = brk
        if _unchanged(line):
            flush()
            out.append(line)
        else:
            if not run:
                run_after_html = html_seen
            run.append(line)
        html_seen = html_seen or "<" in line
    flush()
    return "".join(out)
