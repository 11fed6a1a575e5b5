"""Hot reload of the rules file: valid edits go live within seconds, invalid ones never.

Like a Sieve server, the running bot keeps the last good rules when an edit
does not validate: the problems are logged (and handed to ``on_error``, which
the app uses to post a notice to the admin channel) and nothing else changes.

The watcher follows the file's folder rather than the file, because editors
and config-management tools replace files by renaming a new one over them,
which ends a watch on the old inode, and Kubernetes swaps a symlink beside it. Where file events are unavailable it
falls back to comparing the file's modification time and size.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.errors import RulesError
from rules import CompiledRules, load_rules

log = logging.getLogger(__name__)

OnError = Callable[[RulesError], Awaitable[None]]
POLL_SECONDS = 1.0
"""Polling interval when file events are unavailable."""
DEBOUNCE_MS = 200
"""Editors often write a file in several steps; wait for them to settle."""


def invalid_rules_notice(path: Path, exc: RulesError, limit: int = 10) -> str:
    """The chat notice for an invalid edit (plain text; the chat edge escapes it)."""
    shown = exc.errors[:limit]
    more = len(exc.errors) - len(shown)
    lines = [
        f"The rules file {path.name} has errors; the previous rules stay live until it is fixed:"
    ]
    lines += shown
    if more:
        lines.append(f"… and {more} more (run: gleaner rules check)")
    return "\n".join(lines)


class RulesHolder:
    """The live rules of one file; ``current`` is always a valid compiled set."""

    def __init__(self, path: Path, *, force_polling: bool = False) -> None:
        self.path = Path(path)
        self.force_polling = force_polling
        self.current: CompiledRules = load_rules(self.path)
        self.last_error: RulesError | None = None
        self._stamp = self._file_stamp()

    def _file_stamp(self) -> tuple[int, int, int] | None:
        """What tells a changed file apart, following symlinks (a swapped target counts)."""
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    async def reload(self, on_error: OnError | None = None) -> bool:
        """Load the file again; true when new rules went live."""
        self._stamp = self._file_stamp()
        try:
            fresh = await asyncio.to_thread(load_rules, self.path)
        except RulesError as exc:
            if self._file_stamp() != self._stamp:
                return False  # still being written: judge the next version instead
            if self.last_error is not None and self.last_error.errors == exc.errors:
                return False  # the same broken file again: report it once
            self.last_error = exc
            log.error(
                "rules file %s is invalid; the previous rules stay live:\n%s",
                self.path,
                "\n".join(exc.errors),
            )
            if on_error is not None:
                try:
                    await on_error(exc)
                except Exception:  # a failed notice must not stop the watcher
                    log.exception("could not report the invalid rules file")
            return False
        self.last_error = None
        if fresh.digest == self.current.digest:
            return False
        self.current = fresh
        for warning in fresh.warnings:
            log.warning("%s", warning)
        log.info(
            "rules reloaded from %s: %d routes, %d channels",
            self.path,
            fresh.route_count,
            len(fresh.destinations),
        )
        return True

    async def watch(self, stop: asyncio.Event, on_error: OnError | None = None) -> None:
        """Reload on every change of the file until ``stop`` is set."""
        if not self.force_polling:
            try:
                await self._watch_events(stop, on_error)
                return
            except (OSError, RuntimeError) as exc:
                log.warning("file events unavailable for %s (%s); polling instead", self.path, exc)
        await self._watch_polling(stop, on_error)

    async def _watch_events(self, stop: asyncio.Event, on_error: OnError | None) -> None:
        from watchfiles import awatch

        # Every change in the folder is a hint, and the file's stamp decides: a
        # Kubernetes ConfigMap update swaps a "..data" symlink and never touches
        # rules.yaml itself, while the SQLite file beside it changes all the time.
        # It also wakes every POLL_SECONDS without events, so an edit made while the
        # watch was being set up (after the rules were loaded) is not missed.
        folder = self.path.absolute().parent
        async for _changes in awatch(
            folder,
            stop_event=stop,
            debounce=DEBOUNCE_MS,
            recursive=False,
            rust_timeout=int(POLL_SECONDS * 1000),
            yield_on_timeout=True,
        ):
            stamp = self._file_stamp()
            if stamp is not None and stamp != self._stamp:
                await self.reload(on_error)

    async def _watch_polling(self, stop: asyncio.Event, on_error: OnError | None) -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), POLL_SECONDS)
            if stop.is_set():
                return
            stamp = self._file_stamp()
            if stamp is not None and stamp != self._stamp:
                await self.reload(on_error)
