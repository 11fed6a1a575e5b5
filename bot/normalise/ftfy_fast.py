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

import re
import unicodedata
from collections.abc import Iterator

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


_REWRITTEN = re.compile("[" + _rewritten_chars() + "\ud800-\udfff]")  # + fix_surrogates


def _unchanged(line: str) -> bool:
    """fix_text leaves ``line`` as it is (the rest of its fixes start from is_bad)."""
    if _REWRITTEN.search(line) is not None:
        return False
    if "&" in line and HTML_ENTITY_RE.search(line) is not None:
        return False  # unescape_html
    return line.isascii() or (unicodedata.is_normalized("NFC", line) and not is_bad(line))


def is_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``."""
    return next(_bad_matches(text), None) is not None


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
