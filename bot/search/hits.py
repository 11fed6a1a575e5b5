"""What a search returns: pages of hits whose highlighted words are marked neutrally.

A highlighted text is a tuple of :class:`Span`; each renderer (Slack mrkdwn,
Discord markdown, the terminal) escapes every span its own way and makes the
matched ones bold. No platform syntax is baked in here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.models import Kind
from bot.search.query import Query

START, STOP = "\x02", "\x03"
"""Markers the databases put around matched words (control characters no text keeps)."""


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    match: bool = False


Marked = tuple[Span, ...]


def spans(marked: str) -> Marked:
    """Split text with START/STOP markers into spans; stray markers are dropped."""
    out: list[Span] = []
    match = False
    buf: list[str] = []
    for ch in marked:
        if ch in (START, STOP):
            if buf:
                out.append(Span("".join(buf), match))
                buf = []
            match = ch == START
        else:
            buf.append(ch)
    if buf:
        out.append(Span("".join(buf), match))
    return tuple(out)


def plain(marked: Marked) -> str:
    return "".join(span.text for span in marked)


@dataclass(frozen=True, slots=True)
class Hit:
    """One found item, ready to render."""

    item_id: int
    title: str
    url: str | None
    newsletter: str
    day: date | None
    """The issue date of the newsletter that first carried it (else the day it was stored)."""
    section: str | None
    kind: Kind | None
    sponsor: bool
    title_marked: Marked
    snippet: Marked
    """A passage of the blurb around the matched words."""
    also_in: tuple[str, ...] = ()
    """Other newsletters that carried the same item."""
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results; ``has_more`` says whether ``offset + limit`` finds more."""

    text: str
    query: Query
    hits: tuple[Hit, ...]
    offset: int
    limit: int
    has_more: bool

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.has_more else None
