"""A story told in one long paragraph with its link alone on the line after it::

    The EU has opened a formal investigation into how three cloud providers price
    egress. Regulators will look at whether …
    → reuters.com

The line under the paragraph is only an arrow (or "Source:") and a link named by its
site: the paragraph is the story, titled by its first sentence, and the site's link is
its URL. Used by ``blockitems.extract``.
"""

from __future__ import annotations

import re

from parsers.blockshapes import content_links
from parsers.htmlblocks import Block, Link
from parsers.text import word_count

# What may stand beside the site's name: arrows, a dash, "Source:" / "Quelle:" / "Fuente:".
_BESIDE = re.compile(
    r"^[\s→↗➜➔»›▸►⟶-]*(?:(?:source|sources|quelle|fuente|fonte|出典|출처)\s*[:：]?)?\s*$", re.I
)
# A link named by its site: "reuters.com", "www.theverge.com", "blog.example.org/post".
_HOSTNAME = re.compile(r"^(?:www\.)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?$", re.I)
# A sentence ends at ". " / "? " / "! " after a lower-case word (not "U.S." nor "Dr."),
# before a capital, a digit or an opening quote; or at an ideographic full stop.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]\"”'’]{2}[.!?])\s+(?=[\"“‘(]?[A-Z0-9])|(?<=。)")
_MAX_TITLE = 250
_MIN_PROSE = 80


def source_line(block: Block) -> Link | None:
    """ "→ reuters.com", "Source: arxiv.org": a short line that is only a link named by
    its site (and an arrow or a "Source:" label). The link, or None."""
    if block.level or len(block.text) > 80 or not block.links:
        return None
    links = content_links(block)
    if len(links) != 1 or not _HOSTNAME.match(links[0].text.strip()):
        return None
    rest = block.text.replace(links[0].text, "", 1)
    return links[0] if _BESIDE.match(rest) else None


def lead_sentence(text: str) -> tuple[str, str] | None:
    """The paragraph's first sentence (its title, the full stop dropped) and the rest,
    or None when the paragraph is too short to be a story or its sentence too long to
    be a title."""
    text = text.strip()
    if len(text) < _MIN_PROSE:
        return None
    m = _SENTENCE_END.search(text)
    head, rest = (text[: m.start()], text[m.end() :]) if m else (text, "")
    head = head.strip()
    if len(head) > _MAX_TITLE or word_count(head) < 5:
        return None
    if head.endswith(".") and not head.endswith(".."):
        head = head[:-1]
    return head, rest.strip()
