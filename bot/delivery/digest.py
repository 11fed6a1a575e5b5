"""Digest building: pure functions from due outbox rows to the digests to post.

Rows are grouped into threads by the route's thread policy (one thread per
newsletter issue, one per scheduled digest, or none), ordered by newsletter,
section and position, cut at ``max_items`` (the rest become "and N more"),
and sponsored items are dropped where the route does not keep them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from bot.models import Digest, DigestEntry, Item, ThreadPolicy
from bot.normalise.urls import clean_url


@dataclass(frozen=True, slots=True)
class Pending:
    """One outbox row with its item as that newsletter issue listed it."""

    outbox_id: int
    item_id: int
    item: Item
    newsletter: str
    newsletter_id: int
    issue_date: date | None
    route: str
    destination: str
    schedule: str
    timezone: str
    thread: ThreadPolicy
    max_items: int | None
    quiet: tuple[str, str] | None
    keep_sponsored: bool
    created_at: datetime
    also_in: tuple[str, ...] = ()
    marker: str | None = None
    claimed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    digests: tuple[Digest, ...]
    skipped: tuple[tuple[int, str], ...]
    """(outbox id, reason) of rows not to post: dropped sponsors and entries beyond ``max_items``."""


NO_THREAD = "none:"


def digest_key(row: Pending, slot: datetime) -> str:
    """The stable key of the thread a row belongs to (the same after a restart)."""
    if row.thread is ThreadPolicy.ISSUE:
        return f"issue:{row.newsletter_id}"
    if row.thread is ThreadPolicy.DIGEST:
        return f"digest:{row.route}:{slot.astimezone(UTC):%Y-%m-%dT%H:%MZ}"
    return f"{NO_THREAD}{row.outbox_id}"


def is_threaded(key: str) -> bool:
    return not key.startswith(NO_THREAD)


def _day(value: date | datetime) -> str:
    return f"{value.day} {value:%b %Y}"


def _count(n: int) -> str:
    return f"{n} item" if n == 1 else f"{n} items"


def _title(first: Pending, slot: datetime, total: int) -> str:
    if first.thread is ThreadPolicy.ISSUE:
        when = _day(first.issue_date or first.created_at)
        return f"{first.newsletter} · {when} · {_count(total)}"
    if first.thread is ThreadPolicy.DIGEST:
        return f"{first.route} · {_day(slot)} · {_count(total)}"
    return first.item.title


def _order(rows: Sequence[Pending]) -> list[Pending]:
    """Newsletter by newsletter (oldest first), sections in the order the issue had them, then position."""
    section_at: dict[tuple[int, str | None], int] = {}
    for row in rows:
        key = (row.newsletter_id, row.item.section)
        section_at[key] = min(section_at.get(key, row.item.position), row.item.position)
    return sorted(
        rows,
        key=lambda r: (
            r.newsletter_id,
            section_at[(r.newsletter_id, r.item.section)],
            r.item.position,
            r.outbox_id,
        ),
    )


def build_digests(due: Sequence[tuple[Pending, datetime]]) -> Plan:
    """Group due rows (each with its schedule slot) into digests, in a stable order."""
    groups: dict[tuple[str, str], list[tuple[Pending, datetime]]] = {}
    for row, slot in due:
        groups.setdefault((row.destination, digest_key(row, slot)), []).append((row, slot))
    digests: list[Digest] = []
    skipped: list[tuple[int, str]] = []
    for (destination, key), members in sorted(
        groups.items(), key=lambda g: min(r.outbox_id for r, _ in g[1])
    ):
        rows = [row for row, _ in members]
        slot = min(s for _, s in members)
        kept: list[Pending] = []
        for row in _order(rows):
            if row.item.sponsor and not row.keep_sponsored:
                skipped.append((row.outbox_id, "sponsored item; the route drops sponsored items"))
            else:
                kept.append(row)
        if not kept:
            continue
        caps = [row.max_items for row in kept if row.max_items is not None]
        cap = min(caps) if caps else None
        shown, hidden = (kept[:cap], kept[cap:]) if cap is not None else (kept, [])
        skipped.extend((row.outbox_id, f"beyond max_items ({cap})") for row in hidden)
        entries = tuple(
            DigestEntry(
                item=_shown(row.item),
                item_id=row.item_id,
                outbox_id=row.outbox_id,
                newsletter=row.newsletter,
                also_in=row.also_in,
            )
            for row in shown
        )
        first = kept[0]
        meta = (("thread", first.thread.value), ("route", first.route), ("slot", slot.isoformat()))
        digests.append(
            Digest(
                destination=destination,
                key=key,
                title=_title(first, slot, len(kept)),
                entries=entries,
                more=len(hidden),
                meta=meta,
            )
        )
    return Plan(tuple(digests), tuple(skipped))


def _shown(item: Item) -> Item:
    """The item as posted: its links without tracking parameters or redirect wrappers."""
    if not item.url and not item.links:
        return item
    return replace(
        item,
        url=clean_url(item.url) if item.url else item.url,
        links=tuple((label, clean_url(href)) for label, href in item.links),
    )
