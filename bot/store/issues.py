"""Writing one issue's items: upsert by identity, appearances, search index, outbox rows.

Module functions over an open connection, so ``Store.save_issue`` can run them
all inside its one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.models import Decision, Item, Newsletter
from bot.store import fts
from bot.store.clip import fit
from bot.store.rows import item_values
from bot.store.schema import appearances, items, newsletters, outbox


def utcnow() -> datetime:
    return datetime.now(UTC)


def upsert_item(
    conn: Connection, item: Item, newsletter: Newsletter, newsletter_id: int
) -> tuple[int, bool]:
    key = item.identity(newsletter.name)
    existing = conn.execute(select(items.c.id).where(items.c.key == key)).scalar()
    created = False
    if existing is None:
        # Another process may be storing the same item right now (two mailboxes, a
        # watcher and `gleaner ingest`): ON CONFLICT waits for it and yields its row.
        inserted = conn.execute(
            insert_ignore(conn, items)
            .values(
                fit(
                    items,
                    {
                        "key": key,
                        "first_newsletter_id": newsletter_id,
                        "created_at": utcnow(),
                        **item_values(item),
                    },
                )
            )
            .returning(items.c.id)
        ).scalar()
        created = inserted is not None
        if inserted is None:
            inserted = conn.execute(select(items.c.id).where(items.c.key == key)).scalar_one()
        item_id = int(inserted)
    else:
        item_id = int(existing)
    conn.execute(
        insert_ignore(conn, appearances).values(
            fit(
                appearances,
                {
                    "item_id": item_id,
                    "newsletter_id": newsletter_id,
                    "position": item.position,
                    "section": item.section,
                    "other_sections": json.dumps(list(item.other_sections)),
                    "sponsor": item.sponsor,
                },
            )
        )
    )
    reindex(conn, item_id)
    return item_id, created


def reindex(conn: Connection, item_id: int) -> None:
    row = conn.execute(select(items).where(items.c.id == item_id)).mappings().one()
    seen = conn.execute(
        select(newsletters.c.name, appearances.c.section, appearances.c.other_sections)
        .join(appearances, appearances.c.newsletter_id == newsletters.c.id)
        .where(appearances.c.item_id == item_id)
    ).all()
    names = list(dict.fromkeys(name for name, _, _ in seen))
    sections: list[str] = []
    for _, section, others in seen:
        sections.extend(s for s in [section, *json.loads(others)] if s and s not in sections)
    fts.index_item(conn, item_id, row["title"], row["blurb"], " ".join(sections), " ".join(names))


def enqueue(
    conn: Connection, item_id: int, newsletter_id: int, decisions: Sequence[Decision]
) -> int:
    queued = 0
    for decision in decisions:
        quiet = decision.quiet_hours or (None, None)
        result = conn.execute(
            insert_ignore(conn, outbox)
            .values(
                item_id=item_id,
                newsletter_id=newsletter_id,
                route=decision.route,
                destination=decision.destination,
                schedule=decision.schedule,
                timezone=decision.timezone,
                thread=decision.thread.value,
                max_items=decision.max_items,
                quiet_start=quiet[0],
                quiet_end=quiet[1],
                keep_sponsored=decision.keep_sponsored,
                explanation=decision.explanation,
                status="pending",
                attempts=0,
                created_at=utcnow(),
            )
            .returning(outbox.c.id)
        )
        # rowcount is unreliable for ON CONFLICT DO NOTHING across drivers; RETURNING is not.
        queued += len(result.all())
    return queued


def insert_ignore(conn: Connection, table: Any) -> Any:
    if conn.dialect.name == "postgresql":
        return pg_insert(table).on_conflict_do_nothing()
    return sqlite_insert(table).on_conflict_do_nothing()
