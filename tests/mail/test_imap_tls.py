"""TLS and STARTTLS against a Dovecot with a throwaway certificate."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.errors import MailAuthError, MailError
from bot.mail.backfill import backfill
from bot.store import Store
from tests.harness.dovecot import Dovecot, ensure_installed
from tests.mail.conftest import (
    imap,
    ingest_sink,
    message_id_of,
    newsletter,
    settings_for,
    stored_message_ids,
)


@pytest.fixture(scope="module")
def tls_dovecot() -> Iterator[Dovecot]:
    ensure_installed()
    root = Path(tempfile.mkdtemp(prefix="gleaner-dovecot-tls-"))
    server = Dovecot(root, tls=True)
    server.start()
    try:
        with imap(server) as client:
            client.append("INBOX", newsletter(900))
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize(
    ("security", "port"), [("tls", "tls_port"), ("starttls", "port")], ids=["tls", "starttls"]
)
def test_mail_is_fetched_over_tls_and_starttls_with_the_servers_ca(
    tls_dovecot: Dovecot, store: Store, security: str, port: str
) -> None:
    settings = settings_for(
        tls_dovecot,
        "INBOX",
        security=security,
        port=getattr(tls_dovecot, port),
        tls_ca_file=tls_dovecot.ca_file,
    )
    tls_logins = tls_dovecot.log().count(", TLS, session=")
    stats = backfill(settings, "test", "INBOX", None, ingest_sink(store), None)
    assert stats.delivered == 1
    assert stored_message_ids(store) == [message_id_of(newsletter(900))]
    # Dovecot marks a login made over TLS (plain loopback logins say "secured" instead).
    assert tls_dovecot.log().count(", TLS, session=") == tls_logins + 1


def test_a_certificate_nobody_vouches_for_is_refused_before_any_login(
    tls_dovecot: Dovecot, store: Store
) -> None:
    settings = settings_for(tls_dovecot, "INBOX", security="tls", port=tls_dovecot.tls_port)
    with pytest.raises(
        MailError,
        match=r"^cannot connect to test \(127\.0\.0\.1:\d+\): .*certificate verify failed",
    ) as caught:
        backfill(settings, "test", "INBOX", None, ingest_sink(store), None)
    assert not isinstance(caught.value, MailAuthError)
