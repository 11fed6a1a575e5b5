"""The mail edge's durable state, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.store import Store
from bot.store.checkpoints import (
    Skipped,
    get_checkpoint,
    read_statuses,
    record_skipped,
    record_uidvalidity_change,
    set_checkpoint,
    skipped_messages,
    write_status,
)


@pytest.fixture
def db(db_url: str) -> Iterator[Store]:
    store = Store.open(db_url)
    yield store
    store.close()


def test_a_checkpoint_never_moves_back_within_one_uidvalidity(db: Store) -> None:
    engine = db.engine
    assert get_checkpoint(engine, "a", "INBOX") is None
    set_checkpoint(engine, "a", "INBOX", 3_000_000_000, 7)  # above 2**31: IMAP numbers are unsigned
    set_checkpoint(engine, "a", "INBOX", 3_000_000_000, 5)
    checkpoint = get_checkpoint(engine, "a", "INBOX")
    assert checkpoint is not None
    assert (checkpoint.uidvalidity, checkpoint.last_uid) == (3_000_000_000, 7)
    assert checkpoint.updated_at.tzinfo is not None
    set_checkpoint(engine, "a", "INBOX", 42, 0)  # a new UIDVALIDITY starts over
    checkpoint = get_checkpoint(engine, "a", "INBOX")
    assert checkpoint is not None
    assert (checkpoint.uidvalidity, checkpoint.last_uid) == (42, 0)
    assert get_checkpoint(engine, "a", "Other") is None


def test_status_keeps_the_last_success_and_error_until_replaced(db: Store) -> None:
    engine = db.engine
    success = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
    write_status(
        engine, "a", "INBOX", state="idling", connected=True, idling=True, last_success=success
    )
    write_status(
        engine, "a", "INBOX", state="reconnecting", connected=False, idling=False, last_error="EOF"
    )
    write_status(engine, "a", "INBOX", state="connecting", connected=False, idling=False)
    [status] = read_statuses(engine)
    assert (status.state, status.connected, status.idling) == ("connecting", False, False)
    assert status.last_success == success
    assert status.last_error == "EOF"
    assert status.last_error_at is not None


def test_uidvalidity_changes_are_counted_within_the_window(db: Store) -> None:
    engine = db.engine
    since = datetime.now(UTC) - timedelta(days=1)
    assert [record_uidvalidity_change(engine, "a", "INBOX", since) for _ in range(3)] == [1, 2, 3]
    later = datetime.now(UTC) + timedelta(seconds=1)
    assert record_uidvalidity_change(engine, "a", "INBOX", later) == 1  # older changes aged out
    [status] = read_statuses(engine)
    assert len(status.uidvalidity_changes) == 1


def test_a_skipped_message_is_recorded_once(db: Store) -> None:
    skipped = Skipped(
        "a", "INBOX", 9, 4, 99_000_000, "<big@example>", "x@example", "Huge", "too large"
    )
    record_skipped(db.engine, [skipped])
    record_skipped(db.engine, [skipped])
    assert skipped_messages(db.engine) == [skipped]
    assert skipped_messages(db.engine, account="b") == []
