"""A personal letter sent whole (Kit, Mailchimp): prose by one person, no digest.

Its items are the links the letter recommends; the sender's own furniture after its
sign-up box ("Was this forwarded to you? → Sign up free", then "All downloads in one
place" over the footer) is none; a letter recommending nothing is one item, the letter
itself, titled by the subject. The same offer linked twice with the same words through
two tracker links (the letter's button, again in its postscript) is one item.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from bot.models import Item
from parsers.blockshapes import content_links
from parsers.htmlblocks import Block, Link
from parsers.text import is_promo, link_target, squash

# A letter: this much prose (paragraphs linking nothing, no heading tags) before its first
# link. Digests link from their first lines on, or head their stories.
_LETTER_CHARS = 1500
_LETTER_PARAGRAPHS = 8
_BLURB_CHARS = 80


def letter_start(blocks: list[Block]) -> int:
    """The index of the block where the letter's opening prose reaches a letter's length
    (before any linking block or heading tag), or -1 when the blocks open no letter."""
    chars = 0
    for i, block in enumerate(blocks):
        if block.level or (block.links and content_links(block)):
            break
        chars += len(block.text)
        if chars >= _LETTER_CHARS and i + 1 >= _LETTER_PARAGRAPHS:
            return i
    return -1


def letter_items(
    blocks: list[Block], items: list[Item], subject: str, own: Link | None
) -> list[Item] | None:
    """A letter's items (see the module), or None when the blocks are no letter."""
    body = letter_start(blocks)
    if body < 0:
        return None
    # The sign-up box after the letter's prose; a box atop the letter asks nothing of it.
    ask = next((j for j in range(body, len(blocks)) if is_promo(blocks[j].text)), len(blocks))
    after_ask = {lk.href for b in blocks[ask:] for lk in b.links}
    # A lone link after the letter's sign-up box is the sender's own page.
    kept = _once([it for it in items if not (it.url in after_ask and not it.blurb)])
    # A bold sentence in the letter's prose ("**That, my friend, is the key.**") is its
    # emphasis, no section of the links after it.
    kept = [replace(it, section=None) if _sentence(it.section) else it for it in kept]
    if kept:
        return kept
    blurb = next((b.text for b in blocks if len(b.text) >= _BLURB_CHARS), "")
    return [Item(title=squash(subject), url=own.href if own else None, blurb=blurb)]


def _sentence(text: str | None) -> bool:
    """A whole sentence of several words ("That, my friend, is the key."), not a label."""
    return text is not None and " " in text and text.rstrip()[-1:] in (".", "!", "?", "…")


def _once(items: list[Item]) -> list[Item]:
    """Items linking the same words twice to the same host (two tracker links, each hiding
    its target or naming another campaign) are one offer: the first."""
    seen: set[tuple[str, str]] = set()
    out: list[Item] = []
    for it in items:
        key = (squash(it.title).casefold(), urlsplit(link_target(it.url or "")).netloc)
        if key in seen:
            continue
        seen.add(key)
        out.append(it)
    return out
