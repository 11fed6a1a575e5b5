"""Text repair shared by decode and normalise: mojibake, entities, whitespace."""

from __future__ import annotations

import html
import re

import ftfy
from ftfy.badness import badness, is_bad

_WS = re.compile(r"\s+")
# UTF-8 bytes shown through a single-byte code page: the usual culprits, most specific first.
_MISREAD_AS = ("macroman", "cp1252", "latin-1")
_FTFY_LIMIT = 2_000_000


def repair_mojibake(text: str) -> str:
    """UTF-8 read as Mac Roman / cp1252 / Latin-1 put back, and ftfy's other fixes.

    ftfy judges each line alone, so a short line such as a lone "üöÄ" (🚀 read as Mac
    Roman) escapes it. When the whole text re-encodes cleanly into valid UTF-8 *and*
    the result looks less broken, the whole text was misread: fix it in one go.
    """
    if text.isascii() or len(text) > _FTFY_LIMIT or not is_bad(text):
        return text
    for codec in _MISREAD_AS:
        try:
            fixed = text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if fixed != text and badness(fixed) < badness(text):
            text = fixed
            break
    return ftfy.fix_text(text, uncurl_quotes=False)


def clean_text(text: str) -> str:
    """One line of display text: mojibake repaired, entities decoded, whitespace joined."""
    if not text:
        return text
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii() and is_bad(text):
        text = ftfy.fix_text(text, uncurl_quotes=False)
    return _WS.sub(" ", text).strip()
