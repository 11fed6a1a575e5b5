"""Digests as Discord embeds: pure, no I/O, every platform limit respected by splitting.

Limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits):
title 256, description 4,096, footer 2,048, 6,000 characters over all embeds of
one message, 10 embeds per message, thread names 100. Lengths are counted in
UTF-16 code units, which is never less than what Discord counts, so an emoji
can not push a message over a limit.

Every message carries a marker token in the footer of its last embed
(``gleaner:<kind><hash>:<part>/<parts>``) and a nonce derived from the same
marker: the nonce lets Discord drop a repeated post for a few minutes, the
footer lets a history search find the message after that.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import discord

from bot.chat.escape import discord_escape as neutralise
from bot.chat.escape import discord_link
from bot.chat.escape import safe_url as _safe_url
from bot.models import Digest, DigestEntry

TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FOOTER_LIMIT = 2048
MESSAGE_LIMIT = 6000
EMBEDS_PER_MESSAGE = 10
THREAD_NAME_LIMIT = 100
NONCE_LIMIT = 25
URL_LIMIT = 2048

PARENT = "p"
ENTRIES = "e"
_TOKEN_RE = re.compile(r"gleaner:([pe])([0-9a-f]{20}):(\d+)/(\d+)")


def units(text: str) -> int:
    """Length as Discord may count it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def clip(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` units, ending with an ellipsis when cut."""
    if units(text) <= limit:
        return text
    out = []
    used = 0
    for ch in text:
        size = units(ch)
        if used + size > limit - 1:
            break
        out.append(ch)
        used += size
    return "".join(out).rstrip() + "…"


@dataclass(frozen=True, slots=True)
class EmbedSpec:
    title: str = ""
    url: str | None = None
    description: str = ""
    footer: str = ""

    def size(self) -> int:
        return units(self.title) + units(self.description) + units(self.footer)


@dataclass(frozen=True, slots=True)
class MessageSpec:
    """One message to post: its embeds, its nonce and its marker token."""

    embeds: tuple[EmbedSpec, ...]
    nonce: str
    token: str

    def size(self) -> int:
        return sum(e.size() for e in self.embeds)


@dataclass(frozen=True, slots=True)
class Token:
    """A parsed footer marker."""

    kind: str
    digest: str
    part: int
    parts: int

    @property
    def text(self) -> str:
        return f"gleaner:{self.kind}{self.digest}:{self.part}/{self.parts}"


def marker_hash(marker: str) -> str:
    return hashlib.sha256(marker.encode()).hexdigest()[:20]


def nonce_for(marker: str, kind: str, part: int) -> str:
    # Discord caps nonces at 25 characters, hence a hash rather than the marker.
    return hashlib.sha256(f"{kind}\x1f{part}\x1f{marker}".encode()).hexdigest()[:NONCE_LIMIT]


def parse_token(footer: str) -> Token | None:
    found = _TOKEN_RE.search(footer)
    if found is None:
        return None
    return Token(found[1], found[2], int(found[3]), int(found[4]))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL short enough for an embed, else None."""
    target = _safe_url(url)
    return target if target is not None and len(target) <= URL_LIMIT else None


def thread_name(digest: Digest) -> str:
    name = " ".join(digest.title.split()) or "Gleaner digest"
    return clip(name, THREAD_NAME_LIMIT)


def parent_message(digest: Digest, marker: str) -> MessageSpec:
    count = len(digest.entries) + digest.more
    lines = [f"{count} item{'s' if count != 1 else ''}"]
    lines += [f"{neutralise(k)}: {neutralise(v)}" for k, v in digest.meta]
    if digest.more:
        lines.append(f"and {digest.more} more not shown")
    embed = EmbedSpec(
        title=clip(neutralise(digest.title) or "Gleaner digest", TITLE_LIMIT),
        description=clip("\n".join(lines), DESCRIPTION_LIMIT),
    )
    return _seal([embed], marker, PARENT, 1, 1)


def entry_messages(
    digest: Digest, entries: Sequence[DigestEntry], marker: str
) -> list[MessageSpec]:
    """The messages holding ``entries``: as few as the limits allow, in order."""
    embeds = [e for entry in entries for e in _entry_embeds(entry)]
    if not embeds:
        embeds = [EmbedSpec(description="(no items)")]
    groups = list(_pack(embeds))
    return [_seal(group, marker, ENTRIES, i, len(groups)) for i, group in enumerate(groups, 1)]


def _seal(embeds: list[EmbedSpec], marker: str, kind: str, part: int, parts: int) -> MessageSpec:
    token = Token(kind, marker_hash(marker), part, parts).text
    last = embeds[-1]
    footer = f"{last.footer} · {token}" if last.footer else token
    sealed = (*embeds[:-1], EmbedSpec(last.title, last.url, last.description, footer))
    return MessageSpec(embeds=sealed, nonce=nonce_for(marker, kind, part), token=token)


# Room kept in every message for the marker footer added by _seal.
_FOOTER_ROOM = 64


def as_embed(spec: EmbedSpec) -> discord.Embed:
    """discord.py's embed for a spec: the one conversion from our types to the library's."""
    embed = discord.Embed(
        title=spec.title or None, url=spec.url, description=spec.description or None
    )
    if spec.footer:
        embed.set_footer(text=spec.footer)
    return embed


def _pack(embeds: list[EmbedSpec]) -> Iterator[list[EmbedSpec]]:
    group: list[EmbedSpec] = []
    size = 0
    for embed in embeds:
        if group and (
            len(group) == EMBEDS_PER_MESSAGE or size + embed.size() > MESSAGE_LIMIT - _FOOTER_ROOM
        ):
            yield group
            group, size = [], 0
        group.append(embed)
        size += embed.size()
    if group:
        yield group


def _entry_embeds(entry: DigestEntry) -> list[EmbedSpec]:
    item = entry.item
    title = neutralise(item.title) or "(untitled)"
    if item.sponsor:
        title = "[Sponsored] " + title
    title = clip(title, TITLE_LIMIT)
    url = safe_url(item.url)
    body = _body(entry)
    chunks = list(_chunks(body, DESCRIPTION_LIMIT)) or [""]
    first = EmbedSpec(title=title, url=url, description=chunks[0])
    cont_title = clip(f"{title} (continued)", TITLE_LIMIT)
    return [first, *(EmbedSpec(title=cont_title, url=url, description=c) for c in chunks[1:])]


def _body(entry: DigestEntry) -> str:
    item = entry.item
    parts = []
    if item.blurb:
        parts.append(neutralise(item.blurb))
    where = " · ".join(p for p in (entry.newsletter, *item.sections) if p)
    if where:
        parts.append(neutralise(where))
    if entry.also_in:
        parts.append("also in: " + ", ".join(neutralise(n) for n in entry.also_in))
    # discord_link keeps a label from naming a host other than its target's.
    shown = [discord_link(link, label) for label, link in item.links if safe_url(link)]
    if shown:
        parts.append(" · ".join(shown))
    return "\n".join(parts)


def _chunks(text: str, limit: int) -> Iterator[str]:
    """Split at whitespace near the limit so a word is never cut when avoidable."""
    rest = text
    while rest:
        if units(rest) <= limit:
            yield rest
            return
        cut = _prefix_within(rest, limit)
        space = max(rest.rfind("\n", 0, cut), rest.rfind(" ", 0, cut))
        if space > cut // 2:
            cut = space
        head = rest[:cut]
        # Never end a chunk on a lone escaping backslash: it would eat the next chunk's first mark.
        while head.endswith("\\") and len(head) > 1:
            head = head[:-1]
        yield head.rstrip()
        rest = rest[len(head) :].lstrip()


def _prefix_within(text: str, limit: int) -> int:
    used = 0
    for index, ch in enumerate(text):
        used += units(ch)
        if used > limit:
            return index
    return len(text)
