"""A cover image's link is the link of the title under it.

Book and product cards put the cover (an image link, its alt text naming the book) in a
cell or float of its own and the title below it as plain text: "Cover of Salt Roads"
over "Salt Roads: How a Mineral Drew the Map of Europe". Both block walks (``htmlblocks.py``
and ``_blockwalk.pyx``) carry such image links to the next block and ask here whether the
alt text names it.
"""

from __future__ import annotations

from typing import Any

# A title shorter than this is no evidence (a logo's alt "Home" over a "Home" label).
_SHORTEST = 8


def names_block(alt: str, text: str) -> bool:
    """The alt text names the block: holds its whole text ("Cover of The Understudy"), or
    ends where the text begins ("Cover of Salt Roads" over "Salt Roads: How …")."""
    if len(text) > 150 or len(alt) > 200:
        return False
    a, t = alt.casefold(), text.casefold()
    if len(t) >= _SHORTEST and t in a:
        return True
    words = a.split()
    for k in range(1, len(words)):
        tail = " ".join(words[k:])
        if len(tail) < _SHORTEST:
            break
        if t.startswith(tail) and not t[len(tail) : len(tail) + 1].isalnum():
            return True
    return False


def cover_for(text: str, covers: list[Any]) -> Any | None:
    """The cover link (an image-only link) whose alt text names the block's text."""
    for link in covers:
        if names_block(link.text, text):
            return link
    return None
