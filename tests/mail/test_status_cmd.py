"""``gleaner status`` reads what a running watcher wrote, from another "process"."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from bot.cli import get_cli
from bot.cli.status_cmd import collect
from bot.store import Store
from bot.store.checkpoints import write_status
from tests.harness.dovecot import Dovecot
from tests.mail.conftest import (
    account,
    imap,
    ingest_sink,
    is_idling,
    newsletter,
    settings_for,
    wait_for,
    watching,
)


def _config(tmp_path: Path, dovecot: Dovecot, folders: list[str], url: str) -> Path:
    path = tmp_path / "gleaner.yaml"
    path.write_text(
        f"store:\n  url: {url}\n"
        "mail:\n  accounts:\n"
        f"    - name: test\n      host: 127.0.0.1\n      port: {dovecot.port}\n      security: none\n"
        f"      username: {dovecot.user}\n      password: {dovecot.password}\n"
        f"      folders: [{', '.join(folders)}]\n"
    )
    return path


def _status(config: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(get_cli(), ["--config", str(config), "status", *args])
    return result.exit_code, result.output


async def test_status_shows_an_idling_mailbox_then_a_stopped_one_and_store_counts(
    dovecot: Dovecot, folder: str, store: Store, sqlite_url: str, tmp_path: Path
) -> None:
    config = _config(tmp_path, dovecot, [folder], sqlite_url)
    with imap(dovecot) as client:
        client.append(folder, newsletter(1))
    async with watching(settings_for(dovecot, folder), sqlite_url, ingest_sink(store)):
        await wait_for(lambda: is_idling(store, folder), 10, "the watcher to idle")
        code, output = await asyncio.to_thread(_status, config)
        assert code == 0, output
        lines = output.splitlines()
        assert lines[0] == f"imap://test/{folder}: idling (connected, idling)"
        assert lines[1].startswith("  last success: 20")
        assert lines[2].startswith("  checkpoint:   UIDVALIDITY ")
        assert lines[2].endswith(", UID 1")
        assert lines[-1].startswith("store: emails 1, failed 0, newsletters 1, items ")
    code, output = _status(config, "--json")
    assert code == 0
    data = json.loads(output)
    assert data["mailboxes"][0]["state"] == "stopped"
    assert data["mailboxes"][0]["connected"] is False
    assert data["store"]["emails"] == 1


def test_status_exits_1_for_a_refused_login_or_a_folder_never_watched(
    dovecot: Dovecot, store: Store, sqlite_url: str, tmp_path: Path
) -> None:
    config = _config(tmp_path, dovecot, ["INBOX", "Other"], sqlite_url)
    write_status(
        store.engine, "test", "INBOX", state="auth_failed", connected=False, idling=False,
        last_error="authentication failed, next try in 3600s: …",
    )  # fmt: skip
    code, output = _status(config)
    assert code == 1
    assert "imap://test/INBOX: auth_failed\n" in output
    assert "  last error:   20" in output
    assert "imap://test/Other: never run\n" in output


def test_a_watcher_that_stopped_writing_is_reported_stale(dovecot: Dovecot, store: Store) -> None:
    write_status(store.engine, "test", "INBOX", state="idling", connected=True, idling=True)
    config = account(dovecot, "INBOX", idle_seconds=60)
    soon = collect(store, [config], datetime.now(UTC) + timedelta(seconds=30))
    later = collect(store, [config], datetime.now(UTC) + timedelta(seconds=181))
    assert [r.state for r in soon] == ["idling"]
    assert [r.state for r in later] == ["stale"]
