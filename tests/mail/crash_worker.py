"""Run the watcher in its own process and SIGKILL it right after the Nth email is
stored, before its checkpoint moves: the worst moment to die.

    python -m tests.mail.crash_worker PORT FOLDER DB_URL N
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from bot.ingest import Ingestor
from bot.store import Store
from rules import default_rules
from tests.harness.dovecot import PASSWORD, USER
from tests.mail.conftest import settings_for


class _Server:
    host = "127.0.0.1"
    user = USER
    password = PASSWORD

    def __init__(self, port: int) -> None:
        self.port = port


def main() -> None:
    port, folder, url, kill_after = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    settings = settings_for(_Server(int(port)), folder)  # type: ignore[arg-type]
    store = Store.open(url)
    rules = default_rules()
    ingestor = Ingestor(store, lambda: rules)
    stored = 0

    def sink(raw: bytes, source: str) -> object:
        nonlocal stored
        report = ingestor.ingest(raw, source)
        stored += 1
        if stored == kill_after:
            os.kill(os.getpid(), signal.SIGKILL)
        return report

    asyncio.run(run(settings, url, sink))


async def run(settings: object, url: str, sink: object) -> None:
    from bot.mail.poller import run_mailboxes

    await run_mailboxes(settings, url, sink, asyncio.Event())  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
