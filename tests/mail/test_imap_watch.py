"""The watcher against a real Dovecot: push, polling, screening, flags."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from bot.mail.imap_client import MailboxConnection
from bot.store import Store
from bot.store.checkpoints import get_checkpoint, skipped_messages
from tests.harness.dovecot import Dovecot
from tests.mail.conftest import (
    account,
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


async def test_a_newsletter_appended_while_idling_is_stored_within_two_seconds(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str
) -> None:
    settings = settings_for(dovecot, folder)
    async with watching(settings, sqlite_url, ingest_sink(store)):
        await wait_for(lambda: is_idling(store, folder), 10, "the watcher to idle")
        raw = newsletter(1)
        with imap(dovecot) as client:
            appended = time.monotonic()
            client.append(folder, raw)
        await wait_for(lambda: message_id_of(raw) in stored_message_ids(store), 5, "the email")
        elapsed = time.monotonic() - appended
    assert elapsed < 2.0
    assert stored_message_ids(store) == [message_id_of(raw)]
    with imap(dovecot) as client:
        client.select_folder(folder, readonly=True)
        flags = client.get_flags(client.search(["ALL"]))
    # Gleaner reads with BODY.PEEK[]: whether someone has read the mail stays theirs to say.
    assert all(b"\\Seen" not in f for f in flags.values())
    checkpoint = get_checkpoint(store.engine, "test", folder)
    assert checkpoint is not None
    assert checkpoint.last_uid == 1
    status = status_of(store, folder)
    assert status is not None
    assert status.state == "stopped"
    assert status.last_success is not None


async def test_without_idle_the_folder_is_polled(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str
) -> None:
    settings = settings_for(dovecot, folder, use_idle=False, poll_seconds=1)
    async with watching(settings, sqlite_url, ingest_sink(store)):
        await wait_for(
            lambda: (s := status_of(store, folder)) is not None and s.state == "polling",
            10,
            "the watcher to poll",
        )
        raw = newsletter(2)
        with imap(dovecot) as client:
            client.append(folder, raw)
        await wait_for(lambda: message_id_of(raw) in stored_message_ids(store), 5, "the email")
        status = status_of(store, folder)
        assert status is not None
        assert not status.idling


async def test_oversized_and_unknown_charset_mail_is_recorded_and_the_batch_goes_on(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str
) -> None:
    batch = [
        newsletter(10),
        newsletter(11, padding=60_000),
        newsletter(12, charset="x-no-such-charset"),
        newsletter(13),
    ]
    with imap(dovecot) as client:
        for raw in batch:
            client.append(folder, raw)
    settings = settings_for(dovecot, folder, max_message_bytes=30_000)
    async with watching(settings, sqlite_url, ingest_sink(store)):
        await wait_for(lambda: len(stored_message_ids(store)) == 3, 10, "three emails")
        await wait_for(lambda: is_idling(store, folder), 10, "the watcher to idle")
    expected = [message_id_of(batch[i]) for i in (0, 2, 3)]
    assert stored_message_ids(store) == expected
    skipped = skipped_messages(store.engine)
    assert [(s.uid, s.message_id) for s in skipped] == [(2, message_id_of(batch[1]))]
    assert skipped[0].reason.startswith("too large: ")
    assert "max_message_bytes=30000" in skipped[0].reason
    checkpoint = get_checkpoint(store.engine, "test", folder)
    assert checkpoint is not None
    assert checkpoint.last_uid == 4


async def test_post_actions_flag_and_move_stored_mail_but_never_mark_it_seen(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str
) -> None:
    done = f"{folder}-done"
    with imap(dovecot) as client:
        client.create_folder(done)
        client.append(folder, newsletter(20))
    settings = settings_for(dovecot, folder, post_actions={"add_flag": "Gleaned", "move_to": done})
    try:
        async with watching(settings, sqlite_url, ingest_sink(store)):
            await wait_for(lambda: len(stored_message_ids(store)) == 1, 10, "the email")
            await wait_for(lambda: is_idling(store, folder), 10, "the watcher to idle")
        with imap(dovecot) as client:
            assert client.select_folder(folder, readonly=True)[b"EXISTS"] == 0
            client.select_folder(done, readonly=True)
            flags = list(client.get_flags(client.search(["ALL"])).values())
        assert len(flags) == 1
        assert b"Gleaned" in flags[0]
        assert b"\\Seen" not in flags[0]
    finally:
        with imap(dovecot) as client:
            client.delete_folder(done)


async def test_a_refused_login_is_a_distinct_error_without_a_retry_storm(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str
) -> None:
    settings = settings_for(dovecot, folder, password="wrong", auth_retry_seconds=600)
    before = dovecot.log().count("auth failed")
    async with watching(settings, sqlite_url, ingest_sink(store)):
        await wait_for(
            lambda: (s := status_of(store, folder)) is not None and s.state == "auth_failed",
            10,
            "the refused login",
        )
        await asyncio.sleep(1.5)  # a retry storm would log in again many times by now
    status = status_of(store, folder)
    assert status is not None
    assert status.last_error is not None
    assert status.last_error.startswith("authentication failed, next try in 600s: ")
    assert "wrong" not in status.last_error
    assert dovecot.log().count("auth failed") - before == 1


def test_searching_above_the_highest_uid_returns_nothing_although_the_server_answers_it(
    dovecot: Dovecot, folder: str
) -> None:
    with imap(dovecot) as client:
        for number in (30, 31):
            client.append(folder, newsletter(number))
        client.select_folder(folder, readonly=True)
        # The pitfall the filter exists for: ``3:*`` matches the highest UID, 2.
        assert client.search(["UID", "3:*"]) == [2]
    conn = MailboxConnection.open(account(dovecot, folder))
    try:
        conn.select(folder)
        assert conn.uids_above(0) == [1, 2]
        assert conn.uids_above(1) == [2]
        assert conn.uids_above(2) == []
    finally:
        conn.close()


async def test_the_password_never_reaches_the_logs_or_the_status(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # imapclient logs every command at DEBUG
    async with watching(settings_for(dovecot, folder), sqlite_url, ingest_sink(store)):
        await wait_for(lambda: is_idling(store, folder), 10, "the watcher to idle")
    bad = settings_for(dovecot, folder, password="wrong-" + dovecot.password)
    async with watching(bad, sqlite_url, ingest_sink(store)):
        await wait_for(
            lambda: (s := status_of(store, folder)) is not None and s.state == "auth_failed",
            10,
            "the refused login",
        )
    assert "LOGIN **REDACTED**" in caplog.text
    assert dovecot.password not in caplog.text
    status = status_of(store, folder)
    assert status is not None
    assert dovecot.password not in (status.last_error or "")
