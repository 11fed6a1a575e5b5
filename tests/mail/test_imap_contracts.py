"""The sink contract, first runs and several folders, against a real Dovecot."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.ingest import IngestReport, Status
from bot.mail.settings import MailSettings
from bot.store import Store
from bot.store.checkpoints import get_checkpoint
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


async def test_when_the_sink_fails_the_checkpoint_stays_and_the_email_comes_again(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str
) -> None:
    ingest = ingest_sink(store)
    calls: list[str] = []

    def flaky(raw: bytes, source: str) -> object:
        calls.append(source)
        if len(calls) == 1:
            raise OSError("disk full")
        return ingest(raw, source)

    with imap(dovecot) as client:
        client.append(folder, newsletter(500))
    async with watching(settings_for(dovecot, folder), sqlite_url, flaky):
        await wait_for(
            lambda: (s := status_of(store, folder)) is not None and s.last_error is not None,
            10,
            "the failure to be recorded",
        )
        await wait_for(lambda: len(stored_message_ids(store)) == 1, 10, "the retry")
        await wait_for(lambda: is_idling(store, folder), 10, "the watcher to idle")
    status = status_of(store, folder)
    assert status is not None
    assert status.last_error is not None
    assert "could not store imap://test/" in status.last_error
    assert "OSError: disk full" in status.last_error
    assert len(calls) == 2
    assert calls[0] == calls[1]
    assert calls[0].endswith(";UID=1")


async def test_a_first_run_takes_recent_mail_only_and_then_everything_new(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str
) -> None:
    now = datetime.now(UTC)
    old, recent, later = newsletter(600), newsletter(601), newsletter(602)
    with imap(dovecot) as client:
        client.append(folder, old, msg_time=now - timedelta(days=40))
        client.append(folder, recent, msg_time=now - timedelta(days=2))
    settings = settings_for(dovecot, folder, first_run_days=14)
    async with watching(settings, sqlite_url, ingest_sink(store)):
        await wait_for(lambda: is_idling(store, folder), 10, "the watcher to idle")
        assert stored_message_ids(store) == [message_id_of(recent)]
        with imap(dovecot) as client:
            client.append(folder, later, msg_time=now - timedelta(days=60))  # old date, new arrival
        await wait_for(lambda: len(stored_message_ids(store)) == 2, 10, "the new arrival")
    assert stored_message_ids(store) == [message_id_of(recent), message_id_of(later)]


async def test_every_folder_of_every_account_is_watched(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str
) -> None:
    second = f"{folder}-b"
    with imap(dovecot) as client:
        client.create_folder(second)
    settings = MailSettings(
        accounts=[
            account(dovecot, folder, name="one"),
            account(dovecot, second, name="two", folders=[second, folder]),
        ]
    )
    reports: list[IngestReport] = []
    ingest = ingest_sink(store)

    def sink(raw: bytes, source: str) -> object:
        report = ingest(raw, source)
        assert isinstance(report, IngestReport)
        reports.append(report)
        return report

    try:
        async with watching(settings, sqlite_url, sink):
            for name, box in [("one", folder), ("two", second), ("two", folder)]:
                await wait_for(
                    lambda n=name, b=box: get_checkpoint(store.engine, n, b) is not None,  # type: ignore[misc]
                    10,
                    f"{name}/{box}",
                )
            with imap(dovecot) as client:
                client.append(folder, newsletter(650))
                client.append(second, newsletter(651))
            await wait_for(lambda: len(reports) == 3, 10, "three deliveries")
    finally:
        with imap(dovecot) as client:
            client.delete_folder(second)
    # The folder watched by both accounts gives the email twice; the store keeps it once.
    assert sorted(r.status for r in reports) == [Status.DUPLICATE, Status.NEW, Status.NEW]
    assert sorted(stored_message_ids(store)) == sorted(
        message_id_of(newsletter(n)) for n in (650, 651)
    )
