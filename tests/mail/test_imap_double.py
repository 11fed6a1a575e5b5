"""Watcher cases a real server cannot be made to produce on demand, on the in-memory double."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from datetime import date, timedelta

import pytest

from bot.ingest import IngestReport, Status
from bot.mail.poller import FolderWatcher
from bot.mail.settings import ImapAccount
from bot.store import Store
from bot.store.checkpoints import get_checkpoint
from tests.fakes.imap_mailbox import FakeServer
from tests.mail.conftest import (
    ingest_sink,
    message_id_of,
    newsletter,
    status_of,
    stored_message_ids,
    wait_for,
)


def _account(**values: object) -> ImapAccount:
    base: dict[str, object] = {
        "name": "fake",
        "host": "127.0.0.1",
        "security": "none",
        "username": "u",
        "password": "p",
        "folders": ["INBOX"],
        "first_run_days": None,
        "reconnect_min_seconds": 0.05,
        "reconnect_max_seconds": 0.2,
    }
    base.update(values)
    return ImapAccount(**base)  # type: ignore[arg-type]


@asynccontextmanager
async def watcher(
    server: FakeServer, store: Store, account: ImapAccount, sink: Callable[[bytes, str], object]
) -> AsyncIterator[FolderWatcher]:
    stop = asyncio.Event()
    executor = ThreadPoolExecutor(max_workers=2)
    watch = FolderWatcher(
        account, "INBOX", store.engine, sink, stop, executor, None, connect=server.connect
    )
    task = asyncio.create_task(watch.run())
    try:
        yield watch
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
        executor.shutdown()


async def test_a_message_expunged_between_header_and_body_fetch_is_passed_over(
    store: Store,
) -> None:
    server = FakeServer()
    server.create("INBOX")
    for number in (1, 2, 3):
        server.deliver("INBOX", newsletter(number))

    def expunge_second(folder: str, uids: Sequence[int]) -> None:
        if 2 in uids and 2 in server.folders[folder].messages:
            server.expunge(folder, 2)

    server.before_bodies = expunge_second
    async with watcher(server, store, _account(), ingest_sink(store)):
        await wait_for(
            lambda: (
                (c := get_checkpoint(store.engine, "fake", "INBOX")) is not None and c.last_uid == 3
            ),
            5,
            "the checkpoint past UID 3",
        )
    assert stored_message_ids(store) == [message_id_of(newsletter(n)) for n in (1, 3)]


async def test_a_server_without_idle_is_polled(store: Store) -> None:
    server = FakeServer(can_idle=False)
    server.create("INBOX")
    async with watcher(server, store, _account(poll_seconds=1), ingest_sink(store)):
        await wait_for(
            lambda: get_checkpoint(store.engine, "fake", "INBOX") is not None, 5, "a first sync"
        )
        server.deliver("INBOX", newsletter(7))
        await wait_for(lambda: len(stored_message_ids(store)) == 1, 5, "the polled email")
        status = status_of(store, "INBOX")
        assert status is not None
        assert status.state == "polling"
        assert not status.idling


async def test_a_connection_lost_while_idling_is_reopened_and_nothing_is_missed(
    store: Store,
) -> None:
    server = FakeServer()
    server.create("INBOX")
    async with watcher(server, store, _account(), ingest_sink(store)):
        await wait_for(
            lambda: get_checkpoint(store.engine, "fake", "INBOX") is not None, 5, "a first sync"
        )
        server.fail_next_wait = True
        await wait_for(lambda: server.logins == 2, 5, "a reconnect")
        server.deliver("INBOX", newsletter(8))
        await wait_for(lambda: len(stored_message_ids(store)) == 1, 5, "the email")
    assert server.logins == 2


async def test_stopping_during_a_first_run_leaves_the_rest_of_the_window_for_next_time(
    store: Store,
) -> None:
    server = FakeServer()
    server.create("INBOX")
    old_day = date.today() - timedelta(days=40)
    for number in range(5):
        server.deliver("INBOX", newsletter(number), when=old_day)
    recent = [newsletter(10 + n) for n in range(3)]
    for raw in recent:
        server.deliver("INBOX", raw)
    account = _account(first_run_days=14, batch_size=1)
    ingest = ingest_sink(store)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def stop_after_first(raw: bytes, source: str) -> object:
        report = ingest(raw, source)
        loop.call_soon_threadsafe(stop.set)
        return report

    with ThreadPoolExecutor(max_workers=2) as executor:
        first = FolderWatcher(
            account,
            "INBOX",
            store.engine,
            stop_after_first,
            stop,
            executor,
            None,
            connect=server.connect,
        )
        await asyncio.wait_for(first.run(), 10)
        checkpoint = get_checkpoint(store.engine, "fake", "INBOX")
        assert checkpoint is not None
        assert checkpoint.last_uid == 6  # the first recent one, not the end of the window
        async with watcher(server, store, account, ingest):
            await wait_for(lambda: len(stored_message_ids(store)) == 3, 5, "the rest of the window")
    assert stored_message_ids(store) == [message_id_of(raw) for raw in recent]


async def test_a_rescan_after_a_uidvalidity_change_leaves_old_mail_alone(store: Store) -> None:
    server = FakeServer()
    server.create("INBOX", uidvalidity=1000)
    long_ago = date.today() - timedelta(days=60)
    old, recent, fresh = newsletter(20), newsletter(21), newsletter(22)
    server.deliver("INBOX", old, when=long_ago)
    server.deliver("INBOX", recent)
    reports: list[IngestReport] = []
    ingest = ingest_sink(store)

    def sink(raw: bytes, source: str) -> object:
        report = ingest(raw, source)
        assert isinstance(report, IngestReport)
        reports.append(report)
        return report

    async with watcher(server, store, _account(first_run_days=14), sink):
        await wait_for(lambda: len(reports) == 1, 5, "the first run")
        with server.changed:  # the server rebuilds the folder: same mail, new UIDs
            server.create("INBOX", uidvalidity=2000)
        server.deliver("INBOX", old, when=long_ago)
        server.deliver("INBOX", recent)
        server.deliver("INBOX", fresh)
        await wait_for(
            lambda: (
                (c := get_checkpoint(store.engine, "fake", "INBOX")) is not None
                and (c.uidvalidity, c.last_uid) == (2000, 3)
            ),
            5,
            "the rescan",
        )
    assert [r.status for r in reports] == [Status.NEW, Status.DUPLICATE, Status.NEW]
    assert stored_message_ids(store) == [message_id_of(recent), message_id_of(fresh)]


@pytest.mark.parametrize("sends_uidnext", [True, False], ids=["uidnext", "no-uidnext"])
async def test_a_first_run_leaves_mail_older_than_the_window_behind_for_good(
    store: Store, sends_uidnext: bool
) -> None:
    server = FakeServer(sends_uidnext=sends_uidnext)
    server.create("INBOX")
    long_ago = date.today() - timedelta(days=40)
    server.deliver("INBOX", newsletter(30), when=long_ago)
    server.deliver("INBOX", newsletter(31))
    server.deliver("INBOX", newsletter(32), when=long_ago)
    async with watcher(server, store, _account(first_run_days=14), ingest_sink(store)):
        await wait_for(
            lambda: (
                (c := get_checkpoint(store.engine, "fake", "INBOX")) is not None and c.last_uid == 3
            ),
            5,
            "the first run",
        )
        server.deliver("INBOX", newsletter(33))
        await wait_for(lambda: len(stored_message_ids(store)) == 2, 5, "the new email")
    assert stored_message_ids(store) == [message_id_of(newsletter(n)) for n in (31, 33)]
