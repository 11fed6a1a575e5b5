"""A real Dovecot for the whole session, a folder per test, and the real pipeline as sink."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from bot.ingest import Ingestor
from bot.mail.poller import run_mailboxes
from bot.mail.settings import ImapAccount, MailSettings
from bot.store import Store
from bot.store.checkpoints import MailboxStatus, read_statuses
from rules import default_rules
from tests.harness.dovecot import Dovecot, ensure_installed


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    ensure_installed()
    # Not under pytest's temporary root: pytest keeps that 0700, and Dovecot's
    # unprivileged processes must reach the mail folders.
    root = Path(tempfile.mkdtemp(prefix="gleaner-dovecot-"))
    server = Dovecot(root)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def imap(server: Dovecot) -> IMAPClient:
    client = IMAPClient(server.host, port=server.port, ssl=False, timeout=10)
    client.login(server.user, server.password)
    return client


@pytest.fixture
def folder(dovecot: Dovecot) -> Iterator[str]:
    """A fresh folder of its own for each test."""
    name = f"T{uuid.uuid4().hex[:10]}"
    with imap(dovecot) as client:
        client.create_folder(name)
    yield name
    with imap(dovecot) as client:
        if client.folder_exists(name):
            client.delete_folder(name)


def account(server: Dovecot, folder: str, **overrides: Any) -> ImapAccount:
    values: dict[str, Any] = {
        "name": "test",
        "host": server.host,
        "port": server.port,
        "security": "none",
        "username": server.user,
        "password": server.password,
        "folders": [folder],
        "first_run_days": None,
        "reconnect_min_seconds": 0.2,
        "reconnect_max_seconds": 1.0,
        "read_timeout_seconds": 10,
        "connect_timeout_seconds": 5,
    }
    values.update(overrides)
    return ImapAccount(**values)


def settings_for(server: Dovecot, folder: str, **overrides: Any) -> MailSettings:
    return MailSettings(accounts=[account(server, folder, **overrides)])


def newsletter(
    number: int,
    *,
    subject: str | None = None,
    charset: str | None = None,
    padding: int = 0,
    sender: str = "digest@weekly.example",
) -> bytes:
    """A small HTML newsletter with a few linked items, unique per ``number``."""
    message = EmailMessage()
    message["From"] = f"Weekly Digest <{sender}>"
    message["To"] = "team@example.org"
    message["Subject"] = subject or f"Weekly Digest #{number}"
    message["Date"] = format_datetime(datetime(2026, 11, 1, 8, 0, tzinfo=UTC))
    message["Message-ID"] = f"<issue-{number}@weekly.example>"
    items = "".join(
        f'<h3><a href="https://example.org/{number}/story-{i}">Story {i} of issue {number}</a></h3>'
        f"<p>Why story {i} matters this week, in a sentence or two of text.</p>"
        for i in range(3)
    )
    html = f"<html><body><h1>Weekly Digest {number}</h1>{items}<p>{'x' * padding}</p></body></html>"
    message.set_content("Plain text version\n", subtype="plain")
    message.add_alternative(html, subtype="html")
    raw = message.as_bytes()
    if charset is not None:
        # A charset no codec knows; the pipeline must still keep the message.
        raw = raw.replace(b'charset="utf-8"', f'charset="{charset}"'.encode())
    return raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    opened = Store.open(sqlite_url)
    yield opened
    opened.close()


def ingest_sink(store: Store) -> Callable[[bytes, str], object]:
    rules = default_rules()
    ingestor = Ingestor(store, lambda: rules)
    return ingestor.ingest


async def wait_for(condition: Callable[[], bool], limit: float, what: str) -> float:
    """Poll ``condition`` in a thread until true; return the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if await asyncio.to_thread(condition):
            return time.monotonic() - start
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out after {limit}s waiting for {what}")


def stored_message_ids(store: Store) -> list[str]:
    from sqlalchemy import select

    from bot.store.schema import raw_emails

    with store.engine.connect() as conn:
        return list(
            conn.execute(select(raw_emails.c.message_id).order_by(raw_emails.c.id)).scalars()
        )


def message_id_of(raw: bytes) -> str:
    from email.parser import BytesHeaderParser

    return str(BytesHeaderParser().parsebytes(raw)["Message-ID"]).strip()


ROOT = Path(__file__).resolve().parents[2]


@contextlib.asynccontextmanager
async def watching(
    settings: MailSettings, url: str, sink: Callable[[bytes, str], object]
) -> AsyncIterator[asyncio.Task[None]]:
    """Run the watcher in the background of the test; stop it cleanly afterwards."""
    stop = asyncio.Event()
    task = asyncio.create_task(run_mailboxes(settings, url, sink, stop))
    try:
        yield task
    finally:
        stop.set()
        await asyncio.wait_for(task, 20)


def status_of(store: Store, folder: str) -> MailboxStatus | None:
    for status in read_statuses(store.engine):
        if status.folder == folder:
            return status
    return None


def is_idling(store: Store, folder: str) -> bool:
    status = status_of(store, folder)
    return status is not None and status.idling
