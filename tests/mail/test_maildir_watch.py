"""The Maildir watcher: every message stored once, none lost to a bad file or a busy store."""

from __future__ import annotations

import asyncio
import logging
from email.message import EmailMessage
from pathlib import Path

import pytest

from bot.errors import StoreError
from bot.ingest import Ingestor
from bot.mail.maildir_watch import MaildirWatcher
from bot.store import Store
from rules import default_rules

LETTER = """Weekly links

[A queue you can reason about](https://queues.example.dev/posts/queue-{n})

Why idempotent handlers beat exactly-once brokers.
"""


def _deliver(maildir: Path, number: int) -> Path:
    message = EmailMessage()
    message["From"] = "Weekly <weekly@example.org>"
    message["Subject"] = f"Weekly {number}"
    message["Message-ID"] = f"<watch-{number}@example.org>"
    message.set_content(LETTER.format(n=number))
    path = maildir / "new" / f"17000000{number:02d}.M1P1.host"
    path.write_bytes(bytes(message))
    return path


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    for sub in ("new", "cur", "tmp"):
        (tmp_path / "mail" / sub).mkdir(parents=True)
    return tmp_path / "mail"


def test_a_busy_store_loses_nothing_and_stores_each_mail_once(
    maildir: Path, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    store = Store.open(sqlite_url)
    ingestor = Ingestor(store, default_rules)
    busy = {"on": True}

    def sink(raw: bytes, source: str) -> object:
        if busy["on"]:
            raise StoreError("database unavailable; not stored: database is locked")
        return ingestor.ingest(raw, source)

    for number in range(3):
        _deliver(maildir, number)
    watcher = MaildirWatcher(maildir, sink)
    with caplog.at_level(logging.ERROR, logger="bot.mail.maildir_watch"):
        assert asyncio.run(watcher.scan()) == 0
    # A database that is down is one line per message, not a traceback every two seconds.
    assert [r.exc_info for r in caplog.records] == [None, None, None]
    assert caplog.messages[0].endswith("database is locked; will retry on the next scan")
    busy["on"] = False
    assert asyncio.run(watcher.scan()) == 3
    # The mail client marks them read: new/ -> cur/ with flags; nothing is stored again.
    for file in (maildir / "new").iterdir():
        file.rename(maildir / "cur" / f"{file.name}:2,S")
    assert asyncio.run(watcher.scan()) == 0
    assert asyncio.run(MaildirWatcher(maildir, ingestor.ingest).scan()) == 3  # a restart
    assert store.counts()["emails"] == 3
    store.close()


def test_an_unreadable_file_does_not_stop_the_others(
    maildir: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(sqlite_url)
    ingestor = Ingestor(store, default_rules)
    locked = _deliver(maildir, 1)
    _deliver(maildir, 2)
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        # Root reads any file, so a mode-000 file cannot show this; the error is the OS's.
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    watcher = MaildirWatcher(maildir, ingestor.ingest)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert asyncio.run(watcher.scan()) == 1
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    assert asyncio.run(watcher.scan()) == 1, "the file is tried again once it can be read"
    assert store.counts()["emails"] == 2
    store.close()


def test_a_file_too_big_to_be_mail_is_skipped_once(maildir: Path, sqlite_url: str) -> None:
    store = Store.open(sqlite_url)
    with (maildir / "new" / "1700000000.huge.host").open("wb") as sparse:
        sparse.truncate(200 * 1024 * 1024)
    _deliver(maildir, 1)
    watcher = MaildirWatcher(maildir, Ingestor(store, default_rules).ingest)
    assert asyncio.run(watcher.scan()) == 1
    assert asyncio.run(watcher.scan()) == 0
    assert store.counts()["emails"] == 1
    store.close()
