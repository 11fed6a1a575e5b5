"""``gleaner run`` with an IMAP account, as a user starts it, and ``gleaner status`` beside it."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

from bot.store import Store
from tests.harness.dovecot import Dovecot
from tests.mail.conftest import (
    imap,
    is_idling,
    message_id_of,
    newsletter,
    stored_message_ids,
    wait_for,
)

GLEANER = str(Path(sys.executable).parent / "gleaner")


def _config(tmp_path: Path, dovecot: Dovecot, folder: str, password: str | None = None) -> str:
    """A settings file with one account on the test Dovecot; returns the store URL."""
    url = f"sqlite:///{tmp_path / 'gleaner.db'}"
    (tmp_path / "gleaner.yaml").write_text(
        f"store:\n  url: {url}\nlocal:\n  maildir: null\n"
        "mail:\n  accounts:\n"
        f"    - name: team\n      host: 127.0.0.1\n      port: {dovecot.port}\n      security: none\n"
        f"      username: {dovecot.user}\n      password: {password or dovecot.password}\n"
        f"      folders: [{folder}]\n"
    )
    return url


async def test_gleaner_run_watches_the_mailbox_and_status_reports_it(
    dovecot: Dovecot, folder: str, tmp_path: Path
) -> None:
    url = _config(tmp_path, dovecot, folder)
    config = tmp_path / "gleaner.yaml"
    log = tmp_path / "run.log"
    with log.open("wb") as sink:
        bot = await asyncio.create_subprocess_exec(
            GLEANER, "--config", str(config), "run", stdout=sink, stderr=subprocess.STDOUT
        )
    store = Store.open(url)
    try:
        await wait_for(lambda: is_idling(store, folder), 20, "gleaner run to idle")
        raw = newsletter(1000)
        with imap(dovecot) as client:
            client.append(folder, raw)
        await wait_for(lambda: message_id_of(raw) in stored_message_ids(store), 10, "the email")
        status = await asyncio.to_thread(
            subprocess.run,
            [GLEANER, "--config", str(config), "status"],
            capture_output=True,
            text=True,
        )
        assert status.returncode == 0, status.stderr
        assert status.stdout.startswith(f"imap://team/{folder}: idling (connected, idling)\n")
        assert "store: emails 1, failed 0, newsletters 1, items 3" in status.stdout
    finally:
        bot.send_signal(signal.SIGINT)
        await asyncio.wait_for(bot.wait(), 20)
        store.close()
    output = log.read_text(errors="replace")
    assert bot.returncode == 0, output
    assert dovecot.password not in output


async def test_gleaner_run_once_catches_up_the_mailbox_and_exits(
    dovecot: Dovecot, folder: str, tmp_path: Path
) -> None:
    url = _config(tmp_path, dovecot, folder)
    config = tmp_path / "gleaner.yaml"
    mails = [newsletter(2000 + n) for n in range(3)]
    with imap(dovecot) as client:
        for raw in mails:
            client.append(folder, raw)
    run = [GLEANER, "--config", str(config), "run", "--once"]
    first = await asyncio.to_thread(subprocess.run, run, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("● ") == 3, "one digest per newsletter on the console"
    store = Store.open(url)
    try:
        assert sorted(stored_message_ids(store)) == sorted(message_id_of(raw) for raw in mails)
    finally:
        store.close()
    again = await asyncio.to_thread(subprocess.run, run, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert "● " not in again.stdout, "the checkpoint holds: nothing fetched or posted twice"


async def test_gleaner_run_once_with_a_refused_login_reports_and_exits(
    dovecot: Dovecot, folder: str, tmp_path: Path
) -> None:
    _config(tmp_path, dovecot, folder, password="wrong-password")
    config = tmp_path / "gleaner.yaml"
    done = await asyncio.to_thread(
        subprocess.run,
        [GLEANER, "--config", str(config), "run", "--once"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, "a mailbox that could not be read fails the pass"
    assert f"gleaner: could not read imap team/{folder}: authentication failed" in done.stderr
    assert "wrong-password" not in done.stderr + done.stdout
