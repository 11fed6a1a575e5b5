"""Outbox rows for delivery tests, written the way ingest writes them (``Store.save_issue``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from bot.models import Decision, Email, Item, Newsletter, ParseResult, ThreadPolicy
from bot.store import SaveOutcome, Store


def items(
    n: int, *, prefix: str = "Item", section: str | None = None, start: int = 0
) -> list[Item]:
    return [
        Item(
            title=f"{prefix} {i}",
            url=f"https://example.com/{prefix.lower().replace(' ', '-')}/{i}",
            canonical_url=f"https://example.com/{prefix.lower().replace(' ', '-')}/{i}",
            blurb=f"What {prefix} {i} is about.",
            section=section,
            position=i,
        )
        for i in range(start, start + n)
    ]


def decision(
    destination: str = "news",
    *,
    route: str = "ai",
    schedule: str = "immediate",
    timezone: str = "UTC",
    thread: ThreadPolicy = ThreadPolicy.ISSUE,
    max_items: int | None = None,
    quiet_hours: tuple[str, str] | None = None,
    keep_sponsored: bool = True,
) -> Decision:
    return Decision(
        route=route,
        destination=destination,
        schedule=schedule,
        timezone=timezone,
        thread=thread,
        max_items=max_items,
        quiet_hours=quiet_hours,
        keep_sponsored=keep_sponsored,
        explanation=f"route {route}",
    )


def save(
    store: Store,
    entries: Sequence[Item],
    decisions: Sequence[Decision] | Decision,
    *,
    name: str = "TLDR AI",
    issue_date: date | None = date(2025, 3, 13),
) -> SaveOutcome:
    message_id = f"<{uuid.uuid4().hex}@example.com>"
    chosen = [decisions] if isinstance(decisions, Decision) else list(decisions)
    result = ParseResult(
        Newsletter(family="generic", name=name, issue_date=issue_date, message_id=message_id),
        tuple(entries),
        reason="test",
    )
    email = Email(message_id=message_id, subject=name, sender="news@example.com")
    raw = f"Message-ID: {message_id}\n\n{uuid.uuid4().hex}".encode()
    return store.save_issue(raw, "test", email, result, [chosen for _ in entries])
