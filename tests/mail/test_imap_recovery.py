"""Crashes, server restarts and recreated folders: nothing lost, nothing stored twice."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time

from imapclient import IMAPClient

from bot.ingest import IngestReport, Status
from bot.store import Store
from bot.store.checkpoints import get_checkpoint
from tests.harness.dovecot import Dovecot
from tests.mail.conftest import (
    ROOT,
    imap,
    ingest_sink,
    is_idling,
    message_id_of,
    newsletter,
    settings_for,
    status_of,
    stored_message_ids,
    wait_for,
    watching,
)


def recording(store: Store, reports: list[IngestReport]) -> object:
    ingest = ingest_sink(store)

    def sink(raw: bytes, source: str) -> object:
        report = ingest(raw, source)
        assert isinstance(report, IngestReport)
        reports.append(report)
        return report

    return sink


async def test_killed_between_storing_and_checkpointing_loses_and_repeats_nothing(
    dovecot: Dovecot, folder: str, db_url: str
) -> None:
    mails = [newsletter(100 + i) for i in range(5)]
    with imap(dovecot) as client:
        for raw in mails:
            client.append(folder, raw)
    worker = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "tests.mail.crash_worker", str(dovecot.port), folder, db_url, "3"],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    assert worker.returncode == -signal.SIGKILL, worker.stderr.decode()
    store = Store.open(db_url)
    try:
        assert len(stored_message_ids(store)) == 3
        checkpoint = get_checkpoint(store.engine, "test", folder)
        assert checkpoint is not None
        assert checkpoint.last_uid == 2

        reports: list[IngestReport] = []
        async with watching(settings_for(dovecot, folder), db_url, recording(store, reports)):
            await wait_for(lambda: len(stored_message_ids(store)) == 5, 15, "all five emails")
            await wait_for(lambda: is_idling(store, folder), 10, "the watcher to idle")
        assert stored_message_ids(store) == [message_id_of(raw) for raw in mails]
        assert [r.status for r in reports] == [Status.DUPLICATE, Status.NEW, Status.NEW]
        checkpoint = get_checkpoint(store.engine, "test", folder)
        assert checkpoint is not None
        assert checkpoint.last_uid == 5
    finally:
        store.close()


async def test_a_recreated_folder_with_a_new_uidvalidity_ingests_only_new_mail(
    dovecot: Dovecot, folder: str, db_url: str
) -> None:
    old = [newsletter(200 + i) for i in range(3)]
    fresh = newsletter(299)
    store = Store.open(db_url)
    reports: list[IngestReport] = []
    try:
        with imap(dovecot) as client:
            for raw in old:
                client.append(folder, raw)
        async with watching(settings_for(dovecot, folder), db_url, recording(store, reports)):
            await wait_for(lambda: len(stored_message_ids(store)) == 3, 15, "the first three")
            before = get_checkpoint(store.engine, "test", folder)
            assert before is not None
            await asyncio.sleep(1.1)  # Dovecot's UIDVALIDITY is a timestamp: make it differ
            with imap(dovecot) as client:
                client.delete_folder(folder)
                client.create_folder(folder)
                for raw in [*old, fresh]:
                    client.append(folder, raw)
            await wait_for(
                lambda: (
                    (c := get_checkpoint(store.engine, "test", folder)) is not None
                    and c.uidvalidity != before.uidvalidity
                    and c.last_uid == 4
                ),
                15,
                "the rescan of the recreated folder",
            )
        assert stored_message_ids(store) == [message_id_of(raw) for raw in [*old, fresh]]
        assert [r.status for r in reports].count(Status.NEW) == 4
    finally:
        store.close()


def _append_to_new_folder(client: IMAPClient, folder: str, message: bytes) -> None:
    """APPEND right after a re-creation: Dovecot can still answer "Mailbox was deleted
    under us" while the watcher's session notices the deletion (a race of the test's
    own set-up, not of Gleaner's), so that one answer is retried."""
    for attempt in range(10):
        try:
            client.append(folder, message)
            return
        except IMAPClient.Error as exc:
            if "deleted under us" not in str(exc) or attempt == 9:
                raise
            time.sleep(0.2)


async def test_a_folder_whose_uidvalidity_keeps_changing_is_stopped_with_a_clear_error(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str
) -> None:
    settings = settings_for(dovecot, folder, max_uidvalidity_changes=1)
    async with watching(settings, sqlite_url, ingest_sink(store)):
        seen: set[int] = set()
        for round_ in range(3):
            await wait_for(
                lambda: (
                    (c := get_checkpoint(store.engine, "test", folder)) is not None
                    and c.uidvalidity not in seen
                ),
                15,
                f"round {round_} to be noticed",
            )
            checkpoint = get_checkpoint(store.engine, "test", folder)
            assert checkpoint is not None
            seen.add(checkpoint.uidvalidity)
            if round_ == 2:
                break
            await asyncio.sleep(1.1)  # Dovecot's UIDVALIDITY is a timestamp: make it differ
            with imap(dovecot) as client:
                client.delete_folder(folder)
                client.create_folder(folder)
                _append_to_new_folder(client, folder, newsletter(300 + round_))
            if round_ == 1:
                await wait_for(
                    lambda: (s := status_of(store, folder)) is not None and s.state == "halted",
                    15,
                    "the folder to be stopped",
                )
                break
    status = status_of(store, folder)
    assert status is not None
    assert status.last_error is not None
    assert status.last_error.startswith(
        f"UIDVALIDITY of test/{folder} changed 2 times within a day"
    )
    # The second recreation's mail was not ingested: the folder stopped first.
    assert message_id_of(newsletter(301)) not in stored_message_ids(store)


async def test_after_a_dovecot_restart_while_idling_it_reconnects_and_catches_up(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str
) -> None:
    async with watching(settings_for(dovecot, folder), sqlite_url, ingest_sink(store)):
        await wait_for(lambda: is_idling(store, folder), 10, "the watcher to idle")
        await asyncio.to_thread(dovecot.stop)
        raw = newsletter(400)
        dovecot.deliver(raw, folder)  # arrives while the server is down
        await asyncio.to_thread(dovecot.start)
        await wait_for(lambda: message_id_of(raw) in stored_message_ids(store), 15, "the email")
        await wait_for(lambda: is_idling(store, folder), 10, "the watcher to idle again")
    status = status_of(store, folder)
    assert status is not None
    assert status.last_error is not None
