"""Watch a Maildir and hand every new message to a sink.

File-system events (watchfiles) wake the scan; a slow periodic re-scan covers
file systems without events. The sink is synchronous and runs in a worker
thread; it is expected to store durably and to recognise mail it already has,
so a message seen twice (a restart, a rename from new/ to cur/) adds nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from watchfiles import awatch

from bot.errors import MailError, StoreError
from bot.events import first_of
from bot.mail.local import maildir_files, read_message

log = logging.getLogger(__name__)

Sink = Callable[[bytes, str], object]


class MaildirWatcher:
    def __init__(self, path: Path, sink: Sink, *, poll_seconds: float = 2.0) -> None:
        self.path = path
        self.sink = sink
        self.poll_seconds = poll_seconds
        self._seen: set[str] = set()

    def _unique(self, file: Path) -> str:
        # Maildir flags follow ':' and change as mail is read; the part before names the message.
        return file.name.split(":", 1)[0]

    async def scan(self) -> int:
        """Hand every message not handled yet in this process to the sink; return how many."""
        if not self.path.is_dir():
            return 0
        handled = 0
        try:
            files = await asyncio.to_thread(maildir_files, self.path)
        except OSError as exc:  # the folder replaced or unmounted under us: try again later
            log.error("cannot list %s: %s; will retry on the next scan", self.path, exc)
            return 0
        for file in files:
            unique = self._unique(file)
            if unique in self._seen:
                continue
            try:
                raw = await asyncio.to_thread(read_message, file)
            except MailError as exc:  # too big to be mail: say so once, leave the file be
                log.error("%s", exc)
                self._seen.add(unique)
                continue
            except FileNotFoundError:
                continue  # moved from new/ to cur/ while we looked; the next scan finds it
            except OSError as exc:
                # Delivered with permissions we cannot read, say: the others still go in.
                log.error("cannot read %s: %s; will retry on the next scan", file, exc)
                continue
            try:
                await asyncio.to_thread(self.sink, raw, f"maildir:{file}")
            except StoreError as exc:  # the database is down or locked: one line, no traceback
                log.error("%s; will retry on the next scan", exc)
                continue
            except Exception:
                log.exception("could not store %s; will retry on the next scan", file)
                continue
            self._seen.add(unique)
            handled += 1
        return handled

    async def watch(
        self, stop: asyncio.Event, on_new: Callable[[int], object] | None = None
    ) -> None:
        """Scan now, then on every change or every ``poll_seconds`` until ``stop`` is set."""
        for sub in ("new", "cur", "tmp"):
            (self.path / sub).mkdir(parents=True, exist_ok=True)
        wake = asyncio.Event()

        async def events() -> None:
            with contextlib.suppress(Exception):
                async for _ in awatch(self.path / "new", self.path / "cur", stop_event=stop):
                    wake.set()

        watcher = asyncio.create_task(events())
        try:
            while not stop.is_set():
                count = await self.scan()
                if count and on_new is not None:
                    on_new(count)
                wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(first_of(wake, stop), timeout=self.poll_seconds)
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
