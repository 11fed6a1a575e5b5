"""``gleaner ingest imap://…``: a one-off pass over a folder, against a real Dovecot."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import get_cli
from bot.errors import ConfigError, MailAuthError, MailError
from bot.ingest import IngestReport, Status
from bot.mail.backfill import backfill
from bot.store import Store
from tests.harness.dovecot import Dovecot
from tests.mail.conftest import (
    imap,
    ingest_sink,
    message_id_of,
    newsletter,
    settings_for,
    stored_message_ids,
)


@pytest.mark.slow
def test_a_thousand_message_backfill_stores_each_once(
    dovecot: Dovecot, folder: str, store: Store
) -> None:
    mails = [newsletter(1000 + i) for i in range(1000)]
    with imap(dovecot) as client:
        for start in range(0, len(mails), 100):
            client.multiappend(folder, mails[start : start + 100])
    progress: list[tuple[int, int]] = []
    sink = ingest_sink(store)
    settings = settings_for(dovecot, folder, batch_size=200)

    stats = backfill(
        settings, "test", folder, None, sink, lambda done, total: progress.append((done, total))
    )

    assert (stats.found, stats.delivered, stats.skipped, stats.vanished) == (1000, 1000, [], 0)
    assert stored_message_ids(store) == [message_id_of(raw) for raw in mails]
    assert progress[0] == (0, 1000)
    assert progress[-1] == (1000, 1000)
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)

    reports: list[object] = []
    again = backfill(settings, "test", folder, None, lambda r, s: reports.append(sink(r, s)), None)
    assert again.delivered == 1000
    assert all(isinstance(r, IngestReport) and r.status is Status.DUPLICATE for r in reports)
    assert len(stored_message_ids(store)) == 1000


def test_since_limits_the_backfill_to_mail_received_on_or_after_the_date(
    dovecot: Dovecot, folder: str, store: Store
) -> None:
    with imap(dovecot) as client:
        client.append(folder, newsletter(1), msg_time=_at(2026, 1, 5))
        client.append(folder, newsletter(2), msg_time=_at(2026, 3, 1))
        client.append(folder, newsletter(3, padding=50_000), msg_time=_at(2026, 3, 2))
    settings = settings_for(dovecot, folder, max_message_bytes=20_000)
    stats = backfill(settings, "test", folder, date(2026, 2, 1), ingest_sink(store), None)
    assert stats.found == 2
    assert stats.delivered == 1
    assert len(stats.skipped) == 1
    assert stats.skipped[0].startswith(f"UID 3 ({message_id_of(newsletter(3))}): too large: ")
    assert stored_message_ids(store) == [message_id_of(newsletter(2))]


def test_a_refused_login_and_an_unknown_account_or_folder_are_clear_errors(
    dovecot: Dovecot, folder: str, store: Store
) -> None:
    sink = ingest_sink(store)
    with pytest.raises(
        MailAuthError, match=r"^cannot log in to test \(127\.0\.0\.1:\d+\): the server refused"
    ):
        backfill(settings_for(dovecot, folder, password="nope"), "test", folder, None, sink, None)
    with pytest.raises(ConfigError, match=r"^no IMAP account named 'other' \(known: test\)$"):
        backfill(settings_for(dovecot, folder), "other", folder, None, sink, None)
    with pytest.raises(MailError, match=r"^cannot open folder 'Nope' of test: "):
        backfill(settings_for(dovecot, folder), "test", "Nope", None, sink, None)


def _at(year: int, month: int, day: int) -> object:
    from datetime import UTC, datetime

    return datetime(year, month, day, 12, 0, tzinfo=UTC)


def test_gleaner_ingest_imap_url_backfills_through_the_command_line(
    dovecot: Dovecot, folder: str, sqlite_url: str, tmp_path: Path
) -> None:
    with imap(dovecot) as client:
        for number in (40, 41):
            client.append(folder, newsletter(number))
    config = tmp_path / "gleaner.yaml"
    config.write_text(
        f"store:\n  url: {sqlite_url}\nrules_file: null\n"
        "mail:\n  accounts:\n"
        f"    - name: test\n      host: 127.0.0.1\n      port: {dovecot.port}\n      security: none\n"
        f"      username: {dovecot.user}\n      password: {dovecot.password}\n"
    )
    runner = CliRunner()
    args = ["--config", str(config), "ingest", f"imap://test/{folder}", "--since", "2020-01-01"]
    first = runner.invoke(get_cli(), args)
    assert first.exit_code == 0, first.output
    assert "emails: 2 (2 new, 0 already stored, 0 failed)" in first.output
    again = runner.invoke(get_cli(), args)
    assert "emails: 2 (0 new, 2 already stored, 0 failed)" in again.output
    store = Store.open(sqlite_url)
    try:
        assert stored_message_ids(store) == [message_id_of(newsletter(n)) for n in (40, 41)]
    finally:
        store.close()
