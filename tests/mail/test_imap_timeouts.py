"""IDLE is renewed on time and a silent server is never waited on forever."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator

import pytest

from bot.errors import MailError
from bot.mail.imap_client import MailboxConnection
from bot.store import Store
from tests.harness.dovecot import Dovecot
from tests.mail.conftest import (
    account,
    ingest_sink,
    is_idling,
    settings_for,
    status_of,
    wait_for,
    watching,
)


@pytest.fixture
def silent_server() -> Iterator[int]:
    """Greets and accepts the login like an IMAP server, then never answers again."""
    listener = socket.create_server(("127.0.0.1", 0))
    stopping = threading.Event()

    def session(conn: socket.socket) -> None:
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"* OK ready\r\n")
            for line in lines:
                tag, _, rest = line.decode().partition(" ")
                if rest.upper().startswith("CAPABILITY"):
                    conn.sendall(f"* CAPABILITY IMAP4rev1 IDLE\r\n{tag} OK done\r\n".encode())
                elif rest.upper().startswith("LOGIN"):
                    conn.sendall(f"{tag} OK logged in\r\n".encode())
                # anything else: silence, as from a server that hangs

    def serve() -> None:
        listener.settimeout(0.2)
        while not stopping.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=session, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stopping.set()
    thread.join()
    listener.close()


def test_a_server_that_stops_answering_times_out(dovecot: Dovecot, silent_server: int) -> None:
    config = account(dovecot, "INBOX", port=silent_server, read_timeout_seconds=0.5)
    conn = MailboxConnection.open(config)
    try:
        with pytest.raises(MailError, match=r"^cannot open folder 'INBOX' of test: .*timed out"):
            conn.select("INBOX")
    finally:
        conn.close()


async def test_idle_is_reissued_within_idle_seconds(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="imapclient")
    settings = settings_for(dovecot, folder, idle_seconds=1)
    async with watching(settings, sqlite_url, ingest_sink(store)):
        await wait_for(lambda: is_idling(store, folder), 10, "the watcher to idle")
        await wait_for(lambda: caplog.text.count(" IDLE'") >= 4, 10, "IDLE to be re-issued")
    status = status_of(store, folder)
    assert status is not None
    assert status.last_error is None  # renewing IDLE is routine, not a failure
