"""The store: one place that reads and writes the database (sync; callers in the
event loop use ``asyncio.to_thread``).

An issue is saved in one transaction: its raw email, the newsletter row, its
items (unique by identity), their appearances, the search index and the outbox
rows the rules decided on. Either all of it is there, or none of it.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from bot.errors import StoreError
from bot.models import Decision, Email, Item, ParseResult
from bot.store import issues, migrate, queries
from bot.store.clip import clip_column, fit
from bot.store.db_errors import describe, safe_url
from bot.store.issues import utcnow
from bot.store.rows import (
    StoredItem,
    newsletter_values,
)
from bot.store.schema import items, newsletters, outbox, raw_emails


def content_hash(raw: bytes) -> str:
    """The identity of an email's bytes, whatever line endings a transport gave it.

    The same message arrives with CRLF from IMAP and with LF from a Maildir or an
    mbox; without a Message-ID only these bytes say it is the same mail.
    """
    return hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest()


def _legacy_hash(raw: bytes) -> str:
    # Rows stored before line endings were ignored hashed the bytes as they came.
    return hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    raw_id: int
    newsletter_id: int | None
    new_items: int = 0
    known_items: int = 0
    outbox_rows: int = 0


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


CONNECT_TIMEOUT_SECONDS = 10
"""How long a PostgreSQL connection may take. libpq waits forever by default, so a
server behind a firewall that drops packets would hang every command without a word."""


def connect_args(url: str | URL) -> dict[str, Any]:
    """Driver options every engine on ``url`` needs (a connect timeout on PostgreSQL)."""
    try:
        parsed = make_url(url)
    except Exception:  # create_engine reports an unparsable URL in its own words
        return {}
    if parsed.get_backend_name() != "postgresql" or "connect_timeout" in parsed.query:
        return {}
    return {"connect_timeout": CONNECT_TIMEOUT_SECONDS}


class Store:
    """Items, newsletters, raw mail and the outbox, in SQLite or PostgreSQL."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, *, apply_migrations: bool = True) -> Store:
        try:
            engine = create_engine(
                url, future=True, pool_pre_ping=True, connect_args=connect_args(url)
            )
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open database {safe_url(url)}: {describe(exc)}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        store = cls(engine)
        if apply_migrations:
            try:
                migrate.upgrade(engine)
            except SQLAlchemyError as exc:
                raise StoreError(f"cannot open database {safe_url(url)}: {describe(exc)}") from exc
        return store

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    # -- raw mail ---------------------------------------------------------

    def known_raw(self, raw: bytes, message_id: str | None = None) -> int | None:
        """The id of a stored email with the same bytes or the same Message-ID."""
        with self.engine.connect() as conn:
            found = conn.execute(
                select(raw_emails.c.id)
                .where(raw_emails.c.content_hash.in_({content_hash(raw), _legacy_hash(raw)}))
                .limit(1)
            ).scalar()
            if found is None and message_id:
                # Stored ids are clipped to the column; look up what was stored.
                stored_id = clip_column(raw_emails, "message_id", message_id)
                found = conn.execute(
                    select(raw_emails.c.id).where(raw_emails.c.message_id == stored_id).limit(1)
                ).scalar()
        return found

    def _insert_raw(
        self,
        conn: Connection,
        raw: bytes,
        source: str,
        message_id: str,
        status: str,
        error: str | None,
    ) -> int:
        return int(
            conn.execute(
                insert(raw_emails)
                .values(
                    fit(
                        raw_emails,
                        {
                            "content_hash": content_hash(raw),
                            "message_id": message_id,
                            "source": source,
                            "received_at": utcnow(),
                            "size": len(raw),
                            "data": zlib.compress(raw, 6),
                            "status": status,
                            "error": error,
                        },
                    )
                )
                .returning(raw_emails.c.id)
            ).scalar_one()
        )

    def save_failed(self, raw: bytes, source: str, message_id: str, error: str) -> int:
        """Keep an email that could not be parsed, with the reason; ``gleaner reparse`` retries it."""
        with self.engine.begin() as conn:
            return self._insert_raw(conn, raw, source, message_id, "failed", error)

    def raw_ids(self, *, status: str | None = None) -> list[int]:
        """Ids of the stored raw emails, oldest first."""
        query = select(raw_emails.c.id).order_by(raw_emails.c.id)
        if status is not None:
            query = query.where(raw_emails.c.status == status)
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def raw_message(self, raw_id: int) -> tuple[bytes, str]:
        """One stored raw email: its original bytes and source."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(raw_emails.c.data, raw_emails.c.source).where(raw_emails.c.id == raw_id)
            ).one()
        return zlib.decompress(row.data), str(row.source)

    def raw_messages(self, *, status: str | None = None) -> Iterator[tuple[int, bytes, str]]:
        """Stored raw emails as (id, original bytes, source)."""
        query = select(raw_emails.c.id, raw_emails.c.data, raw_emails.c.source).order_by(
            raw_emails.c.id
        )
        if status is not None:
            query = query.where(raw_emails.c.status == status)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield row.id, zlib.decompress(row.data), row.source

    # -- issues -----------------------------------------------------------

    def save_issue(
        self,
        raw: bytes,
        source: str,
        email: Email,
        result: ParseResult,
        decisions: Sequence[Sequence[Decision]],
        *,
        existing_raw_id: int | None = None,
    ) -> SaveOutcome:
        """Store one parsed issue and its outbox rows in a single transaction.

        ``decisions[i]`` are the rules' decisions for ``result.items[i]``.
        ``existing_raw_id`` re-saves an email already kept (one that failed before).
        """
        newsletter = result.newsletter
        status = "parsed" if result.items else "empty"
        with self.engine.begin() as conn:
            if existing_raw_id is None:
                raw_id = self._insert_raw(conn, raw, source, email.message_id, status, None)
            else:
                raw_id = existing_raw_id
                conn.execute(
                    update(raw_emails)
                    .where(raw_emails.c.id == raw_id)
                    .values(status=status, error=None)
                )
            newsletter_id = int(
                conn.execute(
                    insert(newsletters)
                    .values(
                        fit(
                            newsletters,
                            {
                                "raw_email_id": raw_id,
                                "reason": result.reason,
                                "item_count": len(result.items),
                                "created_at": utcnow(),
                                **newsletter_values(newsletter),
                            },
                        )
                    )
                    .returning(newsletters.c.id)
                ).scalar_one()
            )
            new = known = queued = 0
            for item, item_decisions in zip(result.items, decisions, strict=True):
                item_id, created = issues.upsert_item(conn, item, newsletter, newsletter_id)
                new += created
                known += not created
                queued += issues.enqueue(conn, item_id, newsletter_id, item_decisions)
        return SaveOutcome(raw_id, newsletter_id, new, known, queued)

    # -- reading ----------------------------------------------------------

    def stored_items(
        self, since: datetime | None = None, item_id: int | None = None, limit: int | None = None
    ) -> list[StoredItem]:
        """Items with the issue that first carried them, newest first."""
        with self.engine.connect() as conn:
            return queries.stored_items(conn, since, item_id, limit)

    def issue_items(self, raw_id: int) -> list[Item] | None:
        """The items stored for the issue parsed from one raw email; None if it was never parsed."""
        with self.engine.connect() as conn:
            return queries.issue_items(conn, raw_id)

    def raw_status(self, raw_id: int) -> str:
        with self.engine.connect() as conn:
            return str(
                conn.execute(
                    select(raw_emails.c.status).where(raw_emails.c.id == raw_id)
                ).scalar_one()
            )

    def recent_issues(self, sender: str, limit: int = 5) -> list[tuple[str, int]]:
        """(parser family, item count) of a sender's latest issues, newest first (drift detection)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(newsletters.c.family, newsletters.c.item_count)
                .where(newsletters.c.sender == sender)
                .order_by(newsletters.c.id.desc())
                .limit(limit)
            )
            return [(family, count) for family, count in rows]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "emails": conn.execute(select(func.count()).select_from(raw_emails)).scalar_one(),
                "failed": conn.execute(
                    select(func.count())
                    .select_from(raw_emails)
                    .where(raw_emails.c.status == "failed")
                ).scalar_one(),
                "newsletters": conn.execute(
                    select(func.count()).select_from(newsletters)
                ).scalar_one(),
                "items": conn.execute(select(func.count()).select_from(items)).scalar_one(),
                "outbox_pending": conn.execute(
                    select(func.count()).select_from(outbox).where(outbox.c.status == "pending")
                ).scalar_one(),
            }

    def mark_raw(self, raw_id: int, status: str, error: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(raw_emails)
                .where(raw_emails.c.id == raw_id)
                .values(fit(raw_emails, {"status": status, "error": error}))
            )
