"""Watch IMAP folders: IDLE push where the server has it, polling where not.

One task per account x folder keeps a connection open, reconnects with
jittered exponential backoff, waits long after a refused login, and on every
wake lets ``folder_sync.FolderSync`` store what is new. Its state goes to the
logs and to the database (``gleaner status``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Engine

from bot.errors import MailAuthError, MailError, StoreError, UidValidityStormError
from bot.mail.folder_lock import FolderLock, lock_engine
from bot.mail.folder_sync import FolderSync, Sink
from bot.mail.imap_client import MailboxConnection
from bot.mail.mailbox import Connect, FolderInfo, Mailbox
from bot.mail.oauth import TokenProvider
from bot.mail.settings import ImapAccount, MailSettings
from bot.mail.state import MailboxState
from bot.store import Store

log = logging.getLogger("bot.mail")

T = TypeVar("T")

IDLE_SLICE_SECONDS = 1.0
"""IDLE is waited on in slices this long so a stop request is noticed quickly."""
STANDBY_SECONDS = 15.0
"""How often an instance without a folder's lock checks whether it can take over."""


def backoff_delay(failures: int, low: float, high: float) -> float:
    """Exponential backoff with jitter: half fixed, half random, so many bots do not reconnect in step."""
    ceiling = min(high, low * 2 ** max(0, failures - 1))
    return random.uniform(ceiling / 2, ceiling)


class FolderWatcher:
    """Keeps one folder of one account ingested until ``stop`` is set."""

    def __init__(
        self,
        account: ImapAccount,
        folder: str,
        engine: Engine,
        sink: Sink,
        stop: asyncio.Event,
        executor: ThreadPoolExecutor,
        tokens: TokenProvider | None,
        connect: Connect = MailboxConnection.open,
        lock: FolderLock | None = None,
        *,
        once: bool = False,
    ) -> None:
        self.account = account
        self._once = once
        self.failed: str | None = None
        """One pass: why the folder could not be brought up to date."""
        self.folder = folder
        self._stop = stop
        self._executor = executor
        self._tokens = tokens
        self._connect = connect
        self._lock = lock
        self._standing_by = False
        self._failures = 0
        self.state = MailboxState(engine, account.name, folder)
        self._folder = FolderSync(account, folder, engine, sink, stop, self._imap, self.state.label)

    async def _imap(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))

    async def _sleep(self, seconds: float) -> None:
        """Sleep, waking early when asked to stop."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), timeout=seconds)

    async def run(self) -> None:
        try:
            await self._run()
        finally:
            if self._lock is not None:
                await asyncio.to_thread(self._lock.release)

    async def _take_lock(self) -> bool:
        """Whether this instance may watch the folder now; stands by a while if not."""
        if self._lock is None or await asyncio.to_thread(self._lock.try_acquire):
            if self._standing_by:
                log.info("%s: the other instance is gone, taking over", self.state.label)
            self._standing_by = False
            return True
        if not self._standing_by:  # the status row belongs to the instance that watches
            log.info("%s: another instance watches this folder; standing by", self.state.label)
        self._standing_by = True
        await self._sleep(STANDBY_SECONDS)
        return False

    async def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if not await self._take_lock():
                    if self._once:
                        return  # another instance keeps this folder up to date
                    continue
                await self.state.set("connecting", connected=False)
                conn = await self._imap(self._connect, self.account, self._tokens)
                try:
                    await self._session(conn)
                finally:  # before any back-off wait: a dead session must not linger
                    await self._imap(conn.close)
            except UidValidityStormError as exc:
                self.failed = str(exc)
                await self.state.set("halted", connected=False, error=str(exc), level=logging.ERROR)
                return
            except MailAuthError as exc:
                # Retrying a refused login at once only gets the account locked; wait long.
                wait = self.account.auth_retry_seconds
                await self.state.set(
                    "auth_failed",
                    connected=False,
                    error=f"authentication failed, next try in {wait:.0f}s: {exc}",
                    level=logging.ERROR,
                )
                if self._once:
                    self.failed = f"authentication failed: {exc}"
                    return
                await self._sleep(wait)
            except (MailError, StoreError) as exc:
                await self._back_off(str(exc))
            except Exception as exc:  # a bug must not silently end the watch
                log.exception("%s: unexpected error", self.state.label)
                await self._back_off(f"{type(exc).__name__}: {exc}")
        await self.state.set("stopped", connected=False)

    async def _back_off(self, error: str) -> None:
        if self._once:  # one pass: report it and leave the folder to the next run
            self.failed = error
            await self.state.set("failed", connected=False, error=error, level=logging.ERROR)
            self._stop.set()
            return
        self._failures += 1
        delay = backoff_delay(
            self._failures, self.account.reconnect_min_seconds, self.account.reconnect_max_seconds
        )
        await self.state.set(
            "reconnecting",
            connected=False,
            error=f"{error} (retry in {delay:.1f}s)",
            level=logging.WARNING,
        )
        await self._sleep(delay)

    async def _session(self, conn: Mailbox) -> None:
        readonly = not self.account.post_actions.enabled
        info = await self._imap(conn.select, self.folder, readonly=readonly)
        use_idle = info.can_idle and self.account.use_idle
        mode = "idling" if use_idle else "polling"
        await self._sync(conn, info, mode)
        self._failures = 0
        if self._once:
            self._stop.set()
            return
        while not self._stop.is_set():
            if self._tokens is not None and self._tokens.needs_refresh():
                log.info(
                    "%s: access token near expiry, reconnecting with a fresh one", self.state.label
                )
                return
            if use_idle:
                await self._idle(conn)
            else:
                wait = self.account.poll_seconds
                if self._tokens is not None:
                    wait = min(wait, self._tokens.seconds_until_refresh())
                await self._sleep(wait)
                if self._stop.is_set():
                    return
                await self._imap(conn.noop)
            current = await self._imap(conn.current_uidvalidity, self.folder)
            if current != info.uidvalidity:
                log.info(
                    "%s: the folder was replaced while selected; selecting it again",
                    self.state.label,
                )
                return
            await self._sync(conn, info, mode)

    async def _idle(self, conn: Mailbox) -> None:
        await self._imap(conn.idle_start)
        await self.state.set("idling", connected=True, idling=True)
        period = self.account.idle_seconds
        if self._tokens is not None:  # wake in time to reconnect with a fresh token
            period = min(period, self._tokens.seconds_until_refresh())
        deadline = time.monotonic() + period
        while not self._stop.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break  # re-issue IDLE before the server drops us
            if await self._imap(conn.idle_wait, min(IDLE_SLICE_SECONDS, remaining)):
                break
        await self._imap(conn.idle_stop)

    async def _sync(self, conn: Mailbox, info: FolderInfo, mode: str) -> None:
        if self._lock is not None:
            await asyncio.to_thread(self._lock.check)
        if await self._folder.sync(conn, info):
            await self.state.set(mode, connected=True, success=True)


async def run_mailboxes(
    settings: MailSettings,
    store_engine_url: str,
    sink: Sink,
    stop: asyncio.Event,
    *,
    once: bool = False,
) -> list[str]:
    """Watch every configured account x folder until ``stop`` is set.

    ``once`` brings every folder up to date a single time and returns; the list
    says which folders could not be, and why.
    """
    if not settings.accounts:
        if not once:
            await stop.wait()
        return []
    store = await asyncio.to_thread(Store.open, store_engine_url)
    pairs = [(a, f) for a in settings.accounts for f in a.folders]
    # A thread per folder: IDLE waits block one each, and the shared default pool is small.
    executor = ThreadPoolExecutor(max_workers=len(pairs) + 1, thread_name_prefix="gleaner-imap")
    tokens = {a.name: TokenProvider(a.oauth2) for a in settings.accounts if a.oauth2 is not None}
    locks = lock_engine(store.engine)
    watchers = [
        FolderWatcher(
            a,
            f,
            store.engine,
            sink,
            asyncio.Event() if once else stop,  # one pass: each folder ends on its own
            executor,
            tokens.get(a.name),
            lock=FolderLock(locks, a.name, f),
            once=once,
        )
        for a, f in pairs
    ]
    tasks = [asyncio.create_task(w.run(), name=w.state.label) for w in watchers]
    try:
        await asyncio.gather(*tasks)
        if not once:
            await stop.wait()  # every folder halted: still the caller's stop decides
        return [f"{w.state.label}: {w.failed}" for w in watchers if w.failed]
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        executor.shutdown(wait=False, cancel_futures=True)
        if locks is not None:
            await asyncio.to_thread(locks.dispose)
        await asyncio.to_thread(store.close)
