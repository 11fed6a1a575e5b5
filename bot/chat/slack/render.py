"""Digests as Slack Block Kit messages: pure, and always within Slack's limits.

Limits kept (https://api.slack.com/reference/block-kit): 50 blocks a message,
3,000 characters of text in a section, 2,000 in a context element (we keep to
it although 3,000 is accepted for some types), 10 context elements, and a short
``text`` fallback (Slack truncates at 40,000; notifications show far less).
Every piece of newsletter text is escaped (``&``, ``<``, ``>``) and its
mentions broken, and links are http(s) only with labels that cannot spoof
their target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.chat.escape import host_of, safe_url, slack_escape, slack_link
from bot.models import Digest, DigestEntry

MAX_BLOCKS = 50
SECTION_CHARS = 3000
CONTEXT_CHARS = 2000
CONTEXT_ELEMENTS = 10
TEXT_CHARS = 3000
TITLE_CHARS = 500

Block = dict[str, Any]


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """One ``chat.postMessage`` worth of content."""

    text: str
    """Fallback text for notifications and clients without blocks (escaped mrkdwn)."""
    blocks: tuple[Block, ...]


def _mrkdwn(text: str) -> Block:
    # verbatim: Slack then links nothing and parses no mention we did not write.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _section(text: str) -> Block:
    return {"type": "section", "text": _mrkdwn(text)}


def _context(parts: Sequence[str]) -> Block:
    elements = [_mrkdwn(_cut(part, CONTEXT_CHARS)) for part in parts if part]
    return {"type": "context", "elements": elements[:CONTEXT_ELEMENTS]}


def _cut(escaped: str, limit: int) -> str:
    """``escaped`` shortened to ``limit`` characters with an ellipsis, never inside an entity."""
    if len(escaped) <= limit:
        return escaped
    return _safe_prefix(escaped, limit - 1) + "…"


def _safe_prefix(escaped: str, limit: int) -> str:
    """The longest prefix within ``limit`` that does not split ``&amp;``-style entities or links."""
    prefix = escaped[:limit]
    amp = prefix.rfind("&")
    if amp != -1 and ";" not in prefix[amp:] and amp >= limit - 5:
        prefix = prefix[:amp]
    lt = prefix.rfind("<")
    if lt != -1 and ">" not in prefix[lt:]:
        prefix = prefix[:lt]
    return prefix


def split_text(escaped: str, limit: int = SECTION_CHARS) -> list[str]:
    """Escaped text in pieces of at most ``limit`` characters, cut at whitespace where possible."""
    pieces: list[str] = []
    rest = escaped
    while len(rest) > limit:
        head = _safe_prefix(rest, limit)
        space = max(head.rfind("\n"), head.rfind(" "))
        if space > limit * 0.7:
            head = head[: space + 1]
        if not head:  # a single link longer than the limit: cut it anyway
            head = rest[:limit]
        pieces.append(head.rstrip() or head)
        rest = rest[len(head) :].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def render_parent(digest: Digest) -> SlackMessage:
    """The parent message: the digest's title, and how many entries were left out."""
    title = _cut(slack_escape(" ".join(digest.title.split())), TITLE_CHARS)
    blocks: list[Block] = [_section(f"*{title}*")]
    if digest.more:
        blocks.append(_context([f"and {digest.more} more not shown"]))
    return SlackMessage(text=title, blocks=tuple(blocks))


def _entry_head(entry: DigestEntry) -> str:
    item = entry.item
    title = " ".join(item.title.split())[:TITLE_CHARS] or "(untitled)"
    label = "*[Sponsored]* " if item.sponsor else ""
    return f"{label}*{slack_link(item.url, title)}*"


def _entry_context(entry: DigestEntry, digest: Digest) -> list[str]:
    item = entry.item
    parts: list[str] = []
    target = safe_url(item.url)
    if target:
        parts.append(slack_escape(host_of(target)))
    if entry.newsletter and entry.newsletter not in digest.title:
        parts.append(slack_escape(entry.newsletter))
    if item.sections:
        parts.append(slack_escape(" / ".join(item.sections)))
    if item.read_minutes:
        parts.append(f"{item.read_minutes} min read")
    if item.authors:
        parts.append(slack_escape(", ".join(item.authors)))
    if entry.also_in:
        parts.append("also in: " + slack_escape(", ".join(entry.also_in)))
    links = [slack_link(url, label) for label, url in item.links if safe_url(url)]
    if links:
        parts.append(" · ".join(links))
    return parts


def render_entries(digest: Digest, entries: Sequence[DigestEntry]) -> SlackMessage:
    """One reply holding ``entries``: a title line, the blurb and a context line each.

    A long blurb is split over several sections; if the message would still
    exceed 50 blocks, the blurb that does not fit is cut with an ellipsis.
    """
    blocks: list[Block] = []
    texts: list[str] = []
    for index, entry in enumerate(entries):
        head = _entry_head(entry)
        blurb = (
            split_text(slack_escape(entry.item.blurb.strip())) if entry.item.blurb.strip() else []
        )
        context = _entry_context(entry, digest)
        # Leave room for this entry's head and context, and one block per entry still to come.
        later = 2 * (len(entries) - index - 1)
        room = MAX_BLOCKS - len(blocks) - 1 - (1 if context else 0) - later
        if room < 0:
            break
        if len(blurb) > room:
            blurb = blurb[:room]
            if blurb:
                blurb[-1] = _cut(blurb[-1], SECTION_CHARS - 2) + " …"
        blocks.append(_section(head))
        blocks.extend(_section(piece) for piece in blurb)
        if context:
            blocks.append(_context(context))
        texts.append(_cut(head, TITLE_CHARS + 600))
    text = _cut("\n".join(texts), TEXT_CHARS)
    return SlackMessage(text=text, blocks=tuple(blocks))
