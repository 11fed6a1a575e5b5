"""The data that flows through Gleaner: frozen, slotted, no I/O.

``Email`` comes out of decode, ``Newsletter`` and ``Item`` out of the parsers,
``Decision`` out of the rules engine and ``Digest`` out of digest building.
Every stage between the mail and chat edges takes and returns these types.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Email:
    """One decoded email: the headers Gleaner uses and its bodies as text."""

    message_id: str
    subject: str = ""
    sender: str = ""
    """The bare address from ``From``, lower-cased."""
    sender_name: str = ""
    list_id: str = ""
    date: datetime | None = None
    text: str | None = None
    """The text/plain body, decoded to str."""
    html: str | None = None
    """The text/html body, decoded to str."""
    defects: tuple[str, ...] = ()
    """MIME defects and decoding fall-backs found, in words."""


class Kind(StrEnum):
    ARTICLE = "article"
    PAPER = "paper"
    REPO = "repo"
    VIDEO = "video"
    MODEL = "model"


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a newsletter issue."""

    title: str
    url: str | None
    canonical_url: str | None = None
    blurb: str = ""
    section: str | None = None
    sponsor: bool = False
    position: int = 0
    kind: Kind | None = None
    read_minutes: int | None = None
    authors: tuple[str, ...] = ()
    other_sections: tuple[str, ...] = ()
    """Further sections of the same issue that listed this item."""
    links: tuple[tuple[str, str], ...] = ()
    """Secondary links as (label, url), e.g. ("Hugging Face", "https://…")."""

    def identity(self, newsletter: str) -> str:
        """The dedupe key: the canonical URL, else the newsletter and title."""
        if self.canonical_url:
            basis = "url:" + self.canonical_url
        else:
            basis = (
                "title:" + newsletter.casefold() + "\x1f" + " ".join(self.title.casefold().split())
            )
        return hashlib.sha256(basis.encode()).hexdigest()[:32]

    @property
    def sections(self) -> tuple[str, ...]:
        return ((self.section,) if self.section else ()) + self.other_sections

    def at(self, position: int) -> Item:
        """This item at another position: ``dataclasses.replace`` field by field, 2x
        faster (every item of every issue passes here twice; tests/bot/
        test_normalise_fields.py keeps the field list complete)."""
        return Item(
            title=self.title,
            url=self.url,
            canonical_url=self.canonical_url,
            blurb=self.blurb,
            section=self.section,
            sponsor=self.sponsor,
            position=position,
            kind=self.kind,
            read_minutes=self.read_minutes,
            authors=self.authors,
            other_sections=self.other_sections,
            links=self.links,
        )


@dataclass(frozen=True, slots=True)
class Newsletter:
    """One issue of one newsletter, as a parser saw it."""

    family: str
    """Source family, e.g. ``tldr``, ``hf_papers``, ``roundup``, ``generic``."""
    name: str
    """Display name, e.g. ``TLDR AI``."""
    issue_date: date | None = None
    message_id: str = ""
    parser: str = ""
    parser_version: str = ""
    sender: str = ""
    subject: str = ""
    sponsor_name: str | None = None
    """The issue's banner sponsor ("Together with …"), when it names one."""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ParseResult:
    """What the parser registry returns: the issue, its items, and why."""

    newsletter: Newsletter
    items: tuple[Item, ...]
    reason: str = ""
    """Why this parser was chosen (sender, List-Id, subject, signature, fallback)."""
    tried: tuple[str, ...] = ()
    """Parsers tried before this one that under-delivered, with their reasons."""


class Platform(StrEnum):
    SLACK = "slack"
    DISCORD = "discord"
    CONSOLE = "console"


@dataclass(frozen=True, slots=True)
class Destination:
    """A named place to post: the rules file's ``channels`` entries."""

    name: str
    platform: Platform
    target: str = ""
    """Slack channel id or name, Discord channel id; empty for the console."""


class SchedulePolicy(StrEnum):
    IMMEDIATE = "immediate"
    CRON = "cron"


class ThreadPolicy(StrEnum):
    ISSUE = "issue"
    """One thread per newsletter issue."""
    DIGEST = "digest"
    """One thread per digest (a scheduled batch across issues)."""
    NONE = "none"
    """No threads: every item is its own top-level message."""


@dataclass(frozen=True, slots=True)
class Decision:
    """The rules engine's verdict for one item and one destination."""

    route: str
    """The matching route's path, e.g. ``routes[0].routes[2]`` or its name."""
    destination: str
    """The configured channel name."""
    schedule: str = "immediate"
    """``immediate`` or a five-field cron expression."""
    timezone: str = "UTC"
    thread: ThreadPolicy = ThreadPolicy.ISSUE
    max_items: int | None = None
    quiet_hours: tuple[str, str] | None = None
    """("22:00", "07:00") in the route's time zone, or None."""
    keep_sponsored: bool = True
    explanation: str = ""
    """Which route matched, through which matcher, in words."""


@dataclass(frozen=True, slots=True)
class DigestEntry:
    item: Item
    item_id: int = 0
    outbox_id: int = 0
    newsletter: str = ""
    also_in: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Digest:
    """What one thread posts: a parent line and ordered entries."""

    destination: str
    key: str
    """Stable key of the thread, e.g. ``issue:<message-id>`` or ``digest:<route>:<slot>``."""
    title: str
    entries: tuple[DigestEntry, ...] = ()
    more: int = 0
    """Entries left out by ``max_items`` ("and N more")."""
    meta: tuple[tuple[str, str], ...] = field(default=())
