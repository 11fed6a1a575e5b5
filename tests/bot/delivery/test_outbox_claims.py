"""Outbox claims and thread rows on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.chat.base import Posted
from bot.delivery import outbox
from bot.store import Store
from bot.store.schema import outbox as outbox_table
from tests.bot.delivery.factory import decision, items, save

NOW = datetime(2025, 3, 13, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url)
    yield opened
    opened.close()


def test_a_row_is_claimed_once_and_posted_only_with_an_id(store: Store) -> None:
    save(store, items(3), decision())
    ids = [row.outbox_id for row in outbox.load(store)]
    assert outbox.claim(store, ids[:2], "gleaner:o:1,2", NOW) == ids[:2]
    assert outbox.claim(store, ids, "again", NOW) == ids[2:]
    assert outbox.claim(store, ids, "again", NOW) == []
    sending = outbox.load(store, "sending")
    assert [(r.outbox_id, r.marker) for r in sending] == [
        (ids[0], "gleaner:o:1,2"),
        (ids[1], "gleaner:o:1,2"),
        (ids[2], "again"),
    ]
    outbox.mark_posted(store, ids[:2], Posted("111.1", "100.0"), NOW)
    outbox.release(store, ids[2:], "not found")
    assert outbox.counts(store) == {"posted": 2, "pending": 1}
    with store.engine.connect() as conn:
        row = conn.execute(select(outbox_table).where(outbox_table.c.id == ids[0])).mappings().one()
    assert (row["message_id"], row["thread_id"], row["attempts"]) == ("111.1", "100.0", 1)
    # A posted row is never released or claimed again.
    outbox.release(store, ids[:1], "late")
    assert outbox.claim(store, ids[:1], "x", NOW) == []


def test_rows_carry_their_item_as_the_issue_listed_it(store: Store) -> None:
    save(store, items(2, section="Papers"), [], name="Import AI")
    save(
        store,
        items(2, section="Research", start=0),
        decision(max_items=5, quiet_hours=("22:00", "07:00")),
    )
    rows = outbox.load(store)
    assert [r.item.section for r in rows] == ["Research", "Research"]
    assert [r.also_in for r in rows] == [("Import AI",), ("Import AI",)]
    assert rows[0].newsletter == "TLDR AI"
    assert rows[0].max_items == 5
    assert rows[0].quiet == ("22:00", "07:00")


def test_a_thread_row_is_made_once_with_its_marker(store: Store) -> None:
    first = outbox.ensure_thread(store, "news", "issue:1", NOW)
    again = outbox.ensure_thread(store, "news", "issue:1", NOW)
    assert first.id == again.id
    assert first.marker == f"gleaner:t:{first.id}"
    assert outbox.set_thread(store, first.id, "sending", only_if="pending")
    assert not outbox.set_thread(store, first.id, "sending", only_if="pending")
    assert outbox.set_thread(store, first.id, "posted", Posted("1.0", "1.0"), only_if="sending")
    found = outbox.get_thread(store, "news", "issue:1")
    assert found is not None
    assert found.posted == Posted("1.0", "1.0")


def test_postgresql_claims_skip_rows_another_worker_holds(pg_url: str) -> None:
    store = Store.open(pg_url)
    try:
        save(store, items(4), decision())
        ids = [row.outbox_id for row in outbox.load(store)]
        with store.engine.connect() as other:
            held = other.begin()
            other.execute(
                select(outbox_table.c.id).where(outbox_table.c.id.in_(ids[:2])).with_for_update()
            ).all()
            started = time.monotonic()
            taken = outbox.claim(store, ids, "mine", NOW)
            waited = time.monotonic() - started
            held.rollback()
        assert taken == ids[2:]
        assert waited < 2.0  # skipped, not waited for
        assert outbox.claim(store, ids, "later", NOW) == ids[:2]
    finally:
        store.close()


def test_two_workers_racing_for_the_same_rows_never_both_take_one(tmp_path: Path) -> None:
    """Two processes' claims on one SQLite file: each row goes to exactly one of them.

    Each worker has its own engine (as separate processes would) and claims
    every row one by one, as delivery does; a row both believe they hold would
    be posted twice.
    """
    url = f"sqlite:///{tmp_path / 'race.db'}"
    setup = Store.open(url)
    save(setup, items(150), decision())
    ids = [row.outbox_id for row in outbox.load(setup)]
    setup.close()
    start = threading.Barrier(2)
    taken: list[list[int]] = [[], []]

    def worker(n: int) -> None:
        store = Store.open(url)
        start.wait()
        for outbox_id in ids:
            taken[n] += outbox.claim(store, [outbox_id], f"w{n}", NOW)
        store.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not set(taken[0]) & set(taken[1])
    assert sorted(taken[0] + taken[1]) == ids


def test_a_deleted_thread_is_retired_and_a_new_row_takes_its_key(store: Store) -> None:
    first = outbox.ensure_thread(store, "news", "issue:1", NOW)
    assert not outbox.forget_thread(store, first.id)  # only a posted thread can be gone
    outbox.set_thread(store, first.id, "posted", Posted("1.0", "1.0"), only_if="pending")
    assert outbox.forget_thread(store, first.id)
    again = outbox.ensure_thread(store, "news", "issue:1", NOW)
    assert again.id != first.id
    assert again.marker != first.marker
    assert again.status == "pending"
    (gone,) = outbox.threads_in(store, "gone")
    assert gone.digest_key == f"issue:1#gone:{first.id}"
