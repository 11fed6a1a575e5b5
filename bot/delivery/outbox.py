"""The outbox and threads tables: reading due rows, claiming, and recording posts.

Row life: ``pending`` -> ``sending`` (marker written, just before the platform
call) -> ``posted`` (only once the platform returned a message id); or
``skipped`` (never to be posted, with the reason). A row left ``sending`` by a
crash is reconciled by looking its marker up on the platform. Claims take a
row only if it is still ``pending``, and on PostgreSQL with ``FOR UPDATE SKIP
LOCKED`` so two workers never wait on, or both take, the same row.

These functions are synchronous (the database driver is); delivery calls them
through ``asyncio.to_thread``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bot.chat.base import Posted
from bot.delivery.digest import Pending
from bot.models import ThreadPolicy
from bot.store import Store, newsletter_names
from bot.store.rows import item_from_row
from bot.store.schema import appearances, items, newsletters, outbox, threads


def entries_marker(outbox_ids: Sequence[int]) -> str:
    return "gleaner:o:" + ",".join(str(i) for i in sorted(outbox_ids))


def thread_marker(thread_id: int) -> str:
    return f"gleaner:t:{thread_id}"


def load(store: Store, status: str = "pending") -> list[Pending]:
    """Outbox rows in ``status`` with their items as their newsletter issue listed them."""
    query = (
        select(
            outbox,
            items.c.title,
            items.c.url,
            items.c.canonical_url,
            items.c.blurb,
            items.c.kind,
            items.c.read_minutes,
            items.c.authors,
            items.c.links,
            appearances.c.section,
            appearances.c.sponsor,
            appearances.c.position,
            appearances.c.other_sections,
            newsletters.c.name.label("newsletter_name"),
            newsletters.c.issue_date,
        )
        .join(items, items.c.id == outbox.c.item_id)
        .join(newsletters, newsletters.c.id == outbox.c.newsletter_id)
        .join(
            appearances,
            and_(
                appearances.c.item_id == outbox.c.item_id,
                appearances.c.newsletter_id == outbox.c.newsletter_id,
            ),
        )
        .where(outbox.c.status == status)
        .order_by(outbox.c.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
        also = newsletter_names(conn, sorted({row["item_id"] for row in rows}))
    return [_pending(row, also.get(row["item_id"], [])) for row in rows]


def _pending(row: Any, names: list[str]) -> Pending:
    quiet = (
        (row["quiet_start"], row["quiet_end"]) if row["quiet_start"] and row["quiet_end"] else None
    )
    return Pending(
        outbox_id=row["id"],
        item_id=row["item_id"],
        item=item_from_row(row, row["position"], row["other_sections"]),
        newsletter=row["newsletter_name"],
        newsletter_id=row["newsletter_id"],
        issue_date=row["issue_date"],
        route=row["route"],
        destination=row["destination"],
        schedule=row["schedule"],
        timezone=row["timezone"],
        thread=ThreadPolicy(row["thread"]),
        max_items=row["max_items"],
        quiet=quiet,
        keep_sponsored=bool(row["keep_sponsored"]),
        created_at=row["created_at"],
        also_in=tuple(n for n in names if n != row["newsletter_name"]),
        marker=row["marker"],
        claimed_at=row["claimed_at"],
    )


def claim(store: Store, outbox_ids: Sequence[int], marker: str, now: datetime) -> list[int]:
    """Move still-``pending`` rows to ``sending`` with ``marker``; returns the ids taken.

    The ids come from the UPDATE itself (``RETURNING``): a row another worker
    moved first matches no longer, so two workers never both believe they hold
    it. (Reading the ids before updating let that happen on SQLite.)
    """
    with store.engine.begin() as conn:
        candidates = list(outbox_ids)
        if store.dialect == "postgresql":
            query = select(outbox.c.id).where(
                outbox.c.id.in_(candidates), outbox.c.status == "pending"
            )
            locked = conn.execute(query.with_for_update(skip_locked=True)).scalars()
            candidates = [int(i) for i in locked]
        if not candidates:
            return []
        result = conn.execute(
            update(outbox)
            .where(outbox.c.id.in_(candidates), outbox.c.status == "pending")
            .values(status="sending", marker=marker, claimed_at=now, attempts=outbox.c.attempts + 1)
            .returning(outbox.c.id)
        )
        return sorted(int(i) for i in result.scalars())


def mark_posted(store: Store, outbox_ids: Sequence[int], posted: Posted, now: datetime) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            update(outbox)
            .where(outbox.c.id.in_(list(outbox_ids)), outbox.c.status == "sending")
            .values(
                status="posted",
                message_id=posted.message_id,
                thread_id=posted.thread_id,
                posted_at=now,
                error=None,
            )
        )


def release(store: Store, outbox_ids: Sequence[int], error: str | None) -> None:
    """Back to ``pending``: the platform certainly does not have these rows' message."""
    with store.engine.begin() as conn:
        conn.execute(
            update(outbox)
            .where(outbox.c.id.in_(list(outbox_ids)), outbox.c.status == "sending")
            .values(status="pending", marker=None, error=error)
        )


def note_error(store: Store, outbox_ids: Sequence[int], error: str) -> None:
    """Record why rows are still ``sending`` (their fate unknown until reconciled)."""
    with store.engine.begin() as conn:
        conn.execute(update(outbox).where(outbox.c.id.in_(list(outbox_ids))).values(error=error))


def skip(store: Store, reasons: Sequence[tuple[int, str]]) -> None:
    with store.engine.begin() as conn:
        for outbox_id, reason in reasons:
            conn.execute(
                update(outbox)
                .where(outbox.c.id == outbox_id, outbox.c.status == "pending")
                .values(status="skipped", error=reason)
            )


def counts(store: Store) -> dict[str, int]:
    """Outbox rows by status, for ``gleaner status`` and tests."""
    with store.engine.connect() as conn:
        result = conn.execute(select(outbox.c.status, func.count()).group_by(outbox.c.status))
        return {str(status): int(n) for status, n in result}


# -- threads ------------------------------------------------------------------


class ThreadRow:
    __slots__ = (
        "created_at",
        "destination",
        "digest_key",
        "id",
        "marker",
        "message_id",
        "status",
        "thread_id",
    )

    def __init__(self, row: Any) -> None:
        self.id: int = row["id"]
        self.destination: str = row["destination"]
        self.digest_key: str = row["digest_key"]
        self.marker: str = row["marker"]
        self.status: str = row["status"]
        self.message_id: str | None = row["message_id"]
        self.thread_id: str | None = row["thread_id"]
        self.created_at: datetime = row["created_at"]

    @property
    def posted(self) -> Posted | None:
        if self.status != "posted" or self.message_id is None:
            return None
        return Posted(self.message_id, self.thread_id or self.message_id)


def ensure_thread(store: Store, destination: str, key: str, now: datetime) -> ThreadRow:
    """The thread row for (destination, key), created ``pending`` with its marker if new."""
    insert = pg_insert if store.dialect == "postgresql" else sqlite_insert
    with store.engine.begin() as conn:
        conn.execute(
            insert(threads)
            .values(
                destination=destination, digest_key=key, marker="", status="pending", created_at=now
            )
            .on_conflict_do_nothing()
        )
        row = (
            conn.execute(
                select(threads).where(
                    threads.c.destination == destination, threads.c.digest_key == key
                )
            )
            .mappings()
            .one()
        )
        if not row["marker"]:
            conn.execute(
                update(threads)
                .where(threads.c.id == row["id"])
                .values(marker=thread_marker(row["id"]))
            )
            row = conn.execute(select(threads).where(threads.c.id == row["id"])).mappings().one()
    return ThreadRow(row)


def get_thread(store: Store, destination: str, key: str) -> ThreadRow | None:
    with store.engine.connect() as conn:
        row = (
            conn.execute(
                select(threads).where(
                    threads.c.destination == destination, threads.c.digest_key == key
                )
            )
            .mappings()
            .first()
        )
    return ThreadRow(row) if row is not None else None


def threads_in(store: Store, status: str) -> list[ThreadRow]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(threads).where(threads.c.status == status).order_by(threads.c.id)
        ).mappings()
        return [ThreadRow(row) for row in rows]


def set_thread(
    store: Store, thread_id: int, status: str, posted: Posted | None = None, *, only_if: str
) -> bool:
    """Move a thread row from ``only_if`` to ``status`` (recording where it was posted)."""
    values: dict[str, Any] = {"status": status}
    if posted is not None:
        values.update(message_id=posted.message_id, thread_id=posted.thread_id)
    with store.engine.begin() as conn:
        query = (
            update(threads)
            .where(threads.c.id == thread_id, threads.c.status == only_if)
            .values(**values)
        )
        return bool(conn.execute(query).rowcount)


def forget_thread(store: Store, thread_id: int) -> bool:
    """Retire a posted thread row whose thread was deleted on the platform.

    The row stays (status ``gone``, its key freed) so that the next flush makes
    a new row with a new id: the new parent gets a new marker, and on Discord a
    new nonce (the old one would answer with the old parent and its dead thread).
    """
    suffix = f"#gone:{thread_id}"
    with store.engine.begin() as conn:
        key = conn.execute(
            select(threads.c.digest_key).where(threads.c.id == thread_id)
        ).scalar_one_or_none()
        if key is None:
            return False
        query = (
            update(threads)
            .where(threads.c.id == thread_id, threads.c.status == "posted")
            .values(status="gone", digest_key=str(key)[: 400 - len(suffix)] + suffix)
        )
        return bool(conn.execute(query).rowcount)
