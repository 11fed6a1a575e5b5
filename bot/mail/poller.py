"""Watch IMAP folders: IDLE push where the server has it, polling where not.

One task per account x folder. On every wake the folder is searched for UIDs
above the checkpoint, headers are fetched to screen size and sender, bodies
are fetched with ``BODY.PEEK[]`` in batches, each email goes to the sink
(which stores it durably) and only then does the checkpoint move. A crash
therefore repeats at most one email, which the store recognises by content
hash and Message-ID, and never skips one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Engine

from bot.errors import MailAuthError, MailError, StoreError, UidValidityStormError
from bot.mail.imap_client import MailboxConnection
from bot.mail.mailbox import Connect, FolderInfo, Mailbox
from bot.mail.oauth import TokenProvider
from bot.mail.screening import screen, source_name
from bot.mail.settings import ImapAccount, MailSettings
from bot.mail.state import MailboxState
from bot.store import Store
from bot.store.checkpoints import (
    Skipped,
    get_checkpoint,
    record_skipped,
    record_uidvalidity_change,
    set_checkpoint,
)

log = logging.getLogger("bot.mail")

Sink = Callable[[bytes, str], object]
T = TypeVar("T")

IDLE_SLICE_SECONDS = 1.0
"""IDLE is waited on in slices this long so a stop request is noticed quickly."""
STORM_WINDOW = timedelta(days=1)


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
    ) -> None:
        self.account = account
        self.folder = folder
        self._engine = engine
        self._sink = sink
        self._stop = stop
        self._executor = executor
        self._tokens = tokens
        self._connect = connect
        self._failures = 0
        self.state = MailboxState(engine, account.name, folder)

    async def _imap(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))

    async def _sleep(self, seconds: float) -> None:
        """Sleep, waking early when asked to stop."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), timeout=seconds)

    async def run(self) -> None:
        while not self._stop.is_set():
            try:
                await self.state.set("connecting", connected=False)
                conn = await self._imap(self._connect, self.account, self._tokens)
                try:
                    await self._session(conn)
                finally:  # before any back-off wait: a dead session must not linger
                    await self._imap(conn.close)
            except UidValidityStormError as exc:
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
                await self._sleep(wait)
            except (MailError, StoreError) as exc:
                await self._back_off(str(exc))
            except Exception as exc:  # a bug must not silently end the watch
                log.exception("%s: unexpected error", self.state.label)
                await self._back_off(f"{type(exc).__name__}: {exc}")
        await self.state.set("stopped", connected=False)

    async def _back_off(self, error: str) -> None:
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
        """Ingest everything above the checkpoint (or the first-run/rescan set)."""
        name, folder = self.account.name, self.folder
        checkpoint = await asyncio.to_thread(get_checkpoint, self._engine, name, folder)
        if checkpoint is None:
            days = self.account.first_run_days
            since = None if days is None else date.today() - timedelta(days=days)
            everything = await self._imap(conn.uids_since, None)
            uids = everything if since is None else await self._imap(conn.uids_since, since)
            log.info("%s: first run, %d messages to ingest", self.state.label, len(uids))
            if not await self._ingest(conn, info, uids):
                return  # stopped part-way: the window is taken up again next time
            # Older mail outside the first-run window is deliberately left behind.
            floor = max([*everything, *uids], default=0)
            await asyncio.to_thread(
                set_checkpoint, self._engine, name, folder, info.uidvalidity, floor
            )
        elif checkpoint.uidvalidity != info.uidvalidity:
            await self._uidvalidity_changed(checkpoint.uidvalidity, info.uidvalidity)
            uids = await self._imap(conn.uids_since, None)
            await self._ingest(conn, info, uids)
        else:
            uids = await self._imap(conn.uids_above, checkpoint.last_uid)
            await self._ingest(conn, info, uids)
        await self.state.set(mode, connected=True, success=True)

    async def _uidvalidity_changed(self, old: int, new: int) -> None:
        name, folder = self.account.name, self.folder
        since = datetime.now(UTC) - STORM_WINDOW
        changes = await asyncio.to_thread(
            record_uidvalidity_change, self._engine, name, folder, since
        )
        if changes > self.account.max_uidvalidity_changes:
            raise UidValidityStormError(
                f"UIDVALIDITY of {name}/{folder} changed {changes} times within a day "
                f"(now {new}); the folder is no longer watched so its mail is not re-posted. "
                "Fix the server, then restart Gleaner after a day or reset the folder's checkpoint"
            )
        log.warning(
            "%s: UIDVALIDITY changed from %d to %d: rescanning; mail already stored is recognised",
            self.state.label,
            old,
            new,
        )
        # Recorded before the rescan so a crash during it resumes instead of counting another change.
        await asyncio.to_thread(set_checkpoint, self._engine, name, folder, new, 0)

    async def _ingest(self, conn: Mailbox, info: FolderInfo, uids: list[int]) -> bool:
        """Store the messages at ``uids`` in order; False if asked to stop before the end."""
        account, name, folder = self.account, self.account.name, self.folder
        for start in range(0, len(uids), account.batch_size):
            if self._stop.is_set():
                return False
            chunk = uids[start : start + account.batch_size]
            envelopes = await self._imap(conn.envelopes, chunk)
            wanted, rejected = screen(account, envelopes)
            skipped = {r.envelope.uid: r for r in rejected}
            bodies = await self._imap(conn.bodies, [e.uid for e in wanted])
            stored: list[int] = []
            for envelope in envelopes:
                uid = envelope.uid
                if uid in skipped:
                    reason = skipped[uid].reason
                    log.warning(
                        "%s: skipped UID %d (%s): %s",
                        self.state.label,
                        uid,
                        envelope.message_id,
                        reason,
                    )
                    record = Skipped(
                        name, folder, info.uidvalidity, uid, envelope.size,
                        envelope.message_id, envelope.sender, envelope.subject, reason,
                    )  # fmt: skip
                    await asyncio.to_thread(record_skipped, self._engine, [record])
                elif uid in bodies:
                    await self._deliver(
                        bodies[uid], source_name(name, folder, info.uidvalidity, uid)
                    )
                    stored.append(uid)
                # Only now, with the email durably stored (or its skip recorded), may the checkpoint move.
                await asyncio.to_thread(
                    set_checkpoint, self._engine, name, folder, info.uidvalidity, uid
                )
            await self._post_actions(conn, stored)
        return True

    async def _deliver(self, raw: bytes, source: str) -> None:
        try:
            await asyncio.to_thread(self._sink, raw, source)
        except Exception as exc:  # the checkpoint stays put, so the email is fetched again later
            raise StoreError(f"could not store {source}: {type(exc).__name__}: {exc}") from exc

    async def _post_actions(self, conn: Mailbox, uids: list[int]) -> None:
        actions = self.account.post_actions
        if not uids or not actions.enabled:
            return
        if actions.add_flag is not None:
            await self._imap(conn.add_flag, uids, actions.add_flag)
        if actions.move_to is not None:
            await self._imap(conn.move, uids, actions.move_to)


async def run_mailboxes(
    settings: MailSettings, store_engine_url: str, sink: Sink, stop: asyncio.Event
) -> None:
    """Watch every configured account x folder until ``stop`` is set."""
    if not settings.accounts:
        await stop.wait()
        return
    store = await asyncio.to_thread(Store.open, store_engine_url)
    pairs = [(a, f) for a in settings.accounts for f in a.folders]
    # A thread per folder: IDLE waits block one each, and the shared default pool is small.
    executor = ThreadPoolExecutor(max_workers=len(pairs) + 1, thread_name_prefix="gleaner-imap")
    tokens = {a.name: TokenProvider(a.oauth2) for a in settings.accounts if a.oauth2 is not None}
    watchers = [
        FolderWatcher(a, f, store.engine, sink, stop, executor, tokens.get(a.name))
        for a, f in pairs
    ]
    tasks = [asyncio.create_task(w.run(), name=w.state.label) for w in watchers]
    try:
        await asyncio.gather(*tasks)
        await stop.wait()  # every folder halted: still the caller's stop decides
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        executor.shutdown(wait=False, cancel_futures=True)
        await asyncio.to_thread(store.close)
