"""The mail edge's durable state: checkpoints, mailbox status and skipped messages.

A checkpoint is (account, folder, UIDVALIDITY, last UID). It only moves after
the email at that UID is durably stored, so a crash repeats at most that one
email (which the store then recognises) and never skips one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, case, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from bot.errors import StoreError
from bot.store.clip import fit
from bot.store.db_errors import describe
from bot.store.schema import mail_checkpoints, mail_skipped, mail_status


@dataclass(frozen=True, slots=True)
class Checkpoint:
    uidvalidity: int
    last_uid: int
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class MailboxStatus:
    """One row of ``gleaner status``."""

    account: str
    folder: str
    state: str
    connected: bool
    idling: bool
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    updated_at: datetime
    uidvalidity_changes: tuple[datetime, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    account: str
    folder: str
    uidvalidity: int
    uid: int
    size: int
    message_id: str
    sender: str
    subject: str
    reason: str


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; everything written here is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _upsert(engine: Engine, table: Any) -> Any:
    return (pg_insert if engine.dialect.name == "postgresql" else sqlite_insert)(table)


def get_checkpoint(engine: Engine, account: str, folder: str) -> Checkpoint | None:
    try:
        with engine.connect() as conn:
            row = (
                conn.execute(
                    select(mail_checkpoints).where(
                        mail_checkpoints.c.account == account, mail_checkpoints.c.folder == folder
                    )
                )
                .mappings()
                .first()
            )
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot read the checkpoint of {account}/{folder}: {describe(exc)}"
        ) from exc
    if row is None:
        return None
    updated = _aware(row["updated_at"])
    assert updated is not None
    return Checkpoint(int(row["uidvalidity"]), int(row["last_uid"]), updated)


def set_checkpoint(
    engine: Engine, account: str, folder: str, uidvalidity: int, last_uid: int
) -> None:
    """Record that every message up to ``last_uid`` under ``uidvalidity`` is stored.

    Within one UIDVALIDITY the checkpoint never moves backwards; a new
    UIDVALIDITY replaces it whatever its UID.
    """
    now = _now()
    statement = _upsert(engine, mail_checkpoints).values(
        account=account, folder=folder, uidvalidity=uidvalidity, last_uid=last_uid, updated_at=now
    )
    # SQLite's two-argument max() is PostgreSQL's greatest().
    greatest = func.greatest if engine.dialect.name == "postgresql" else func.max
    statement = statement.on_conflict_do_update(
        index_elements=["account", "folder"],
        set_={
            "uidvalidity": uidvalidity,
            "last_uid": case(
                (
                    mail_checkpoints.c.uidvalidity == uidvalidity,
                    greatest(mail_checkpoints.c.last_uid, last_uid),
                ),
                else_=last_uid,
            ),
            "updated_at": now,
        },
    )
    try:
        with engine.begin() as conn:
            conn.execute(statement)
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot advance the checkpoint of {account}/{folder}: {describe(exc)}"
        ) from exc


# -- mailbox status ---------------------------------------------------------


def write_status(
    engine: Engine,
    account: str,
    folder: str,
    *,
    state: str,
    connected: bool,
    idling: bool,
    last_success: datetime | None = None,
    last_error: str | None = None,
) -> None:
    """Record what a mailbox is doing. ``last_success``/``last_error`` are kept when not given."""
    now = _now()
    values: dict[str, Any] = {
        "state": state,
        "connected": connected,
        "idling": idling,
        "updated_at": now,
    }
    if last_success is not None:
        values["last_success"] = last_success
    if last_error is not None:
        values["last_error"] = last_error
        values["last_error_at"] = now
    statement = _upsert(engine, mail_status).values(
        account=account, folder=folder, uidvalidity_changes="[]", **values
    )
    statement = statement.on_conflict_do_update(index_elements=["account", "folder"], set_=values)
    try:
        with engine.begin() as conn:
            conn.execute(statement)
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot record the status of {account}/{folder}: {describe(exc)}"
        ) from exc


def record_uidvalidity_change(
    engine: Engine, account: str, folder: str, keep_after: datetime
) -> int:
    """Note a UIDVALIDITY change now; return how many happened since ``keep_after``."""
    try:
        return _record_uidvalidity_change(engine, account, folder, keep_after)
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot record a UIDVALIDITY change of {account}/{folder}: {describe(exc)}"
        ) from exc


def _record_uidvalidity_change(
    engine: Engine, account: str, folder: str, keep_after: datetime
) -> int:
    now = _now()
    with engine.begin() as conn:
        raw = conn.execute(
            select(mail_status.c.uidvalidity_changes).where(
                mail_status.c.account == account, mail_status.c.folder == folder
            )
        ).scalar()
        changes = [datetime.fromisoformat(t) for t in json.loads(raw or "[]")]
        changes = [t for t in changes if t > keep_after] + [now]
        encoded = json.dumps([t.isoformat() for t in changes])
        statement = _upsert(engine, mail_status).values(
            account=account,
            folder=folder,
            state="rescanning",
            connected=True,
            idling=False,
            uidvalidity_changes=encoded,
            updated_at=now,
        )
        conn.execute(
            statement.on_conflict_do_update(
                index_elements=["account", "folder"], set_={"uidvalidity_changes": encoded}
            )
        )
    return len(changes)


def read_statuses(engine: Engine) -> list[MailboxStatus]:
    with engine.connect() as conn:
        rows = (
            conn.execute(select(mail_status).order_by(mail_status.c.account, mail_status.c.folder))
            .mappings()
            .all()
        )
    result = []
    for row in rows:
        updated = _aware(row["updated_at"])
        assert updated is not None
        result.append(
            MailboxStatus(
                account=row["account"],
                folder=row["folder"],
                state=row["state"],
                connected=bool(row["connected"]),
                idling=bool(row["idling"]),
                last_success=_aware(row["last_success"]),
                last_error=row["last_error"],
                last_error_at=_aware(row["last_error_at"]),
                updated_at=updated,
                uidvalidity_changes=tuple(
                    datetime.fromisoformat(t) for t in json.loads(row["uidvalidity_changes"])
                ),
            )
        )
    return result


# -- skipped messages -------------------------------------------------------


def record_skipped(engine: Engine, skipped: Sequence[Skipped]) -> None:
    """Keep the reason a message was not stored; recording the same UID again is a no-op."""
    if not skipped:
        return
    now = _now()
    rows = [
        fit(
            mail_skipped,
            {
                "account": s.account,
                "folder": s.folder,
                "uidvalidity": s.uidvalidity,
                "uid": s.uid,
                "size": s.size,
                "message_id": s.message_id,
                "sender": s.sender,
                "subject": s.subject,
                "reason": s.reason,
                "created_at": now,
            },
        )
        for s in skipped
    ]
    try:
        with engine.begin() as conn:
            conn.execute(_upsert(engine, mail_skipped).on_conflict_do_nothing(), rows)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot record skipped messages: {describe(exc)}") from exc


def skipped_messages(engine: Engine, account: str | None = None) -> list[Skipped]:
    query = select(mail_skipped).order_by(mail_skipped.c.id)
    if account is not None:
        query = query.where(mail_skipped.c.account == account)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        Skipped(
            account=r["account"],
            folder=r["folder"],
            uidvalidity=int(r["uidvalidity"]),
            uid=int(r["uid"]),
            size=int(r["size"]),
            message_id=r["message_id"],
            sender=r["sender"],
            subject=r["subject"],
            reason=r["reason"],
        )
        for r in rows
    ]
