"""Reading items back: with the issue that first carried them and every newsletter since."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, select

from bot.models import Item
from bot.store.rows import StoredItem, item_from_row, newsletter_from_row
from bot.store.schema import appearances, items, newsletters


def stored_items(
    conn: Connection,
    since: datetime | None = None,
    item_id: int | None = None,
    limit: int | None = None,
) -> list[StoredItem]:
    """Items with the issue that first carried them, newest first."""
    query = (
        select(items, newsletters, appearances.c.position, appearances.c.other_sections)
        .join(newsletters, newsletters.c.id == items.c.first_newsletter_id)
        .join(
            appearances,
            (appearances.c.item_id == items.c.id)
            & (appearances.c.newsletter_id == newsletters.c.id),
        )
        .order_by(items.c.id.desc())
    )
    if since is not None:
        query = query.where(items.c.created_at >= since)
    if item_id is not None:
        query = query.where(items.c.id == item_id)
    if limit is not None:
        query = query.limit(limit)
    rows = conn.execute(query).mappings().all()
    also = newsletter_names(conn, [row["id"] for row in rows])
    return [
        StoredItem(
            item_id=row["id"],
            item=item_from_row(row, row["position"], row["other_sections"]),
            newsletter=newsletter_from_row(row),
            newsletter_id=row["first_newsletter_id"],
            created_at=row["created_at"],
            also_in=tuple(n for n in also.get(row["id"], ()) if n != row["name"]),
        )
        for row in rows
    ]


def issue_items(conn: Connection, raw_id: int) -> list[Item] | None:
    """The items stored for the issue parsed from one raw email; None if it was never parsed."""
    newsletter_id = conn.execute(
        select(newsletters.c.id).where(newsletters.c.raw_email_id == raw_id)
    ).scalar()
    if newsletter_id is None:
        return None
    rows = conn.execute(
        select(items, appearances.c.position, appearances.c.other_sections)
        .join(appearances, appearances.c.item_id == items.c.id)
        .where(appearances.c.newsletter_id == newsletter_id)
        .order_by(appearances.c.position)
    ).mappings()
    return [item_from_row(row, row["position"], row["other_sections"]) for row in rows]


def newsletter_names(conn: Connection, item_ids: Sequence[int]) -> dict[int, list[str]]:
    """Every newsletter name that carried each item, in the order they arrived."""
    found: dict[int, list[str]] = {}
    for start in range(0, len(item_ids), 500):
        chunk = item_ids[start : start + 500]
        rows = conn.execute(
            select(appearances.c.item_id, newsletters.c.name)
            .join(newsletters, newsletters.c.id == appearances.c.newsletter_id)
            .where(appearances.c.item_id.in_(chunk))
            .order_by(appearances.c.id)
        )
        for item_id, name in rows:
            names = found.setdefault(item_id, [])
            if name not in names:
                names.append(name)
    return found
