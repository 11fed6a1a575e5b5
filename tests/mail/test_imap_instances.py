"""Two Gleaner instances on one PostgreSQL database: one watches a folder, the other stands by."""

from __future__ import annotations

import asyncio

import pytest

from bot.ingest import IngestReport
from bot.mail import poller
from bot.mail.poller import run_mailboxes
from bot.store import Store
from tests.harness.dovecot import Dovecot
from tests.mail.conftest import (
    imap,
    ingest_sink,
    is_idling,
    newsletter,
    settings_for,
    stored_message_ids,
    wait_for,
)


async def test_only_one_instance_watches_a_folder_and_the_other_takes_over(
    dovecot: Dovecot, folder: str, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(poller, "STANDBY_SECONDS", 0.2)
    store = Store.open(pg_url)
    settings = settings_for(dovecot, folder)
    calls: dict[str, list[str]] = {"a": [], "b": []}

    def sink_for(name: str) -> object:
        ingest = ingest_sink(store)

        def sink(raw: bytes, source: str) -> object:
            report = ingest(raw, source)
            assert isinstance(report, IngestReport)
            calls[name].append(report.message_id)
            return report

        return sink

    stop_a, stop_b = asyncio.Event(), asyncio.Event()
    tasks: list[asyncio.Task[None]] = []
    first = asyncio.create_task(run_mailboxes(settings, pg_url, sink_for("a"), stop_a))  # type: ignore[arg-type]
    tasks.append(first)
    try:
        await wait_for(lambda: is_idling(store, folder), 10, "instance a to idle")
        second = asyncio.create_task(run_mailboxes(settings, pg_url, sink_for("b"), stop_b))  # type: ignore[arg-type]
        tasks.append(second)
        await asyncio.sleep(1)  # b tries the lock several times meanwhile
        with imap(dovecot) as client:
            client.append(folder, newsletter(800))
        await wait_for(lambda: len(stored_message_ids(store)) == 1, 10, "the first email")
        await asyncio.sleep(0.5)
        assert (len(calls["a"]), len(calls["b"])) == (1, 0)

        stop_a.set()
        await asyncio.wait_for(first, 10)
        with imap(dovecot) as client:
            client.append(folder, newsletter(801))
        await wait_for(lambda: len(stored_message_ids(store)) == 2, 10, "b to take over")
        assert (len(calls["a"]), len(calls["b"])) == (1, 1)
        stop_b.set()
        await asyncio.wait_for(second, 10)
    finally:
        stop_a.set()
        stop_b.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        store.close()
