"""``Delivery``: posts what the outbox holds, when it is due, exactly once.

Each flush first reconciles what a crash left ``sending`` (``reconcile.py``),
then builds the digests that are due and posts them: the parent message
(recorded in ``threads``), then one reply per entry, each claimed just before
its call and marked posted only once the platform returned its id. A failed
call whose outcome is unknown (5xx, dropped connection) is never retried
blindly: the marker is looked up first. Flushes are serialised, so one is in
flight per process; across processes claims keep rows apart, and another
worker's ``sending`` rows are only reconciled once ``reclaim_after`` passed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.chat.base import Channel, Posted
from bot.delivery import outbox
from bot.delivery.digest import Pending, build_digests, is_threaded
from bot.delivery.reconcile import reconcile
from bot.delivery.schedule import add_tick, aware, due_slot, make_scheduler, sync_cron_jobs
from bot.errors import ChatAuthError, ChatError, RateLimited
from bot.models import Destination, Digest, DigestEntry, Platform
from bot.store import Store

log = logging.getLogger(__name__)

RETRY_DELAYS = (1.0, 4.0, 15.0)
"""Pauses before looking a marker up and trying again, within one flush."""
PAUSE_AFTER_FAILURE = timedelta(seconds=30)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Unsettled(ChatError):
    """A post failed and it is not known whether it landed; its row stays ``sending``."""


class Delivery:
    """The outbox's way out: scheduled, threaded, exactly once."""

    def __init__(
        self,
        store: Store,
        channels: Mapping[Platform, Channel],
        destinations: Callable[[], Mapping[str, Destination]],
        *,
        clock: Callable[[], datetime] = utcnow,
        tick_seconds: float = 5.0,
        reclaim_after: timedelta = timedelta(minutes=5),
        retry_delays: tuple[float, ...] = RETRY_DELAYS,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.store = store
        self.channels = channels
        self.destinations = destinations
        self.clock = clock
        self.tick_seconds = tick_seconds
        self.reclaim_after = reclaim_after
        self.retry_delays = retry_delays
        self._sleep = sleep
        self._lock = asyncio.Lock()
        self._started = False
        self._ours: set[str] = set()
        self._paused: dict[str, datetime] = {}
        self._scheduler: Any = None
        self._posted = 0
        self._warned: set[str] = set()
        self._rehearsed: set[tuple[str, int]] = set()
        self._rehearsed_parents: dict[tuple[str, str], Posted] = {}

    async def flush(self, now: datetime | None = None) -> int:
        """Post everything due at ``now``; returns how many messages were posted."""
        async with self._lock:
            now = aware(now or self.clock())
            destinations = self.destinations()
            # The first flush of a process reconciles everything: whoever left rows
            # ``sending`` is gone (one delivery loop per database, the leader).
            cutoff = now - self.reclaim_after if self._started else None
            self._started = True
            self._ours = await reconcile(
                self.store,
                self.channels,
                destinations,
                cutoff=cutoff,
                ours=self._ours,
                now=self.clock,
            )
            due: list[tuple[Pending, datetime]] = []
            for row in await asyncio.to_thread(outbox.load, self.store):
                try:
                    slot = due_slot(row, now)
                except (ValueError, KeyError) as exc:
                    log.error(
                        "outbox row %d has an unusable schedule %r: %s",
                        row.outbox_id,
                        row.schedule,
                        exc,
                    )
                    continue
                if slot is not None:
                    due.append((row, slot))
            plan = build_digests(due)
            live = {
                row.outbox_id for row, _ in due if not self._dry(destinations.get(row.destination))
            }
            skipped = [(i, why) for i, why in plan.skipped if i in live]
            if skipped:
                await asyncio.to_thread(outbox.skip, self.store, skipped)
            self._posted = 0
            for digest in plan.digests:
                paused = self._paused.get(digest.destination)
                if paused is not None and paused > now:
                    continue
                try:
                    await self._deliver(destinations.get(digest.destination), digest, now)
                except ChatAuthError:
                    raise
                except ChatError as exc:
                    wait = (
                        timedelta(seconds=exc.retry_after)
                        if isinstance(exc, RateLimited)
                        else PAUSE_AFTER_FAILURE
                    )
                    self._paused[digest.destination] = now + wait
                    log.warning("posting to %s paused for %s: %s", digest.destination, wait, exc)
            return self._posted

    async def run(self, stop: asyncio.Event) -> None:
        """Flush on schedule until ``stop`` is set.

        Scheduler jobs only wake this loop; the flush itself runs here, so a stop
        never cancels a post half-way: the flush in progress ends, then we return.
        """
        wake = asyncio.Event()
        self._scheduler = make_scheduler()
        add_tick(self._scheduler, _setter(wake), self.tick_seconds, utcnow())
        self._scheduler.start()
        try:
            while True:
                await _first_of(wake, stop)
                if stop.is_set():
                    return
                wake.clear()
                await self._tick(_setter(wake))
        finally:
            self._scheduler.shutdown(wait=False)

    async def _tick(self, fire: Callable[[], Awaitable[None]]) -> None:
        try:
            await self.flush()
            pending = await asyncio.to_thread(outbox.load, self.store)
            for job in sync_cron_jobs(
                self._scheduler, ((r.schedule, r.timezone) for r in pending), fire
            ):
                log.info("scheduled %s", job)
        except Exception:  # the loop must outlive one bad flush; the next tick retries
            log.exception("delivery flush failed")

    def _dry(self, dest: Destination | None) -> bool:
        channel = self.channels.get(dest.platform) if dest else None
        return bool(getattr(channel, "dry_run", False))

    async def _deliver(self, dest: Destination | None, digest: Digest, now: datetime) -> None:
        channel = self.channels.get(dest.platform) if dest else None
        if dest is None or channel is None:
            # Said once per destination, not every tick: the rows simply wait.
            if digest.destination not in self._warned:
                self._warned.add(digest.destination)
                why = (
                    "no channel of that name"
                    if dest is None
                    else f"{dest.platform.value} is not configured"
                )
                log.warning("posts to %r wait: %s", digest.destination, why)
            return
        if self._dry(dest):
            self._posted += await self._rehearse(channel, dest, digest)
            return
        parent: Posted | None = None
        if is_threaded(digest.key):
            thread = await asyncio.to_thread(
                outbox.ensure_thread, self.store, dest.name, digest.key, now
            )
            if thread.status == "sending":  # in flight elsewhere, or awaiting reconciliation
                return
            parent = thread.posted
            if parent is None:
                await asyncio.to_thread(
                    outbox.set_thread, self.store, thread.id, "sending", only_if="pending"
                )
                parent = await self._attempt(
                    thread.marker,
                    lambda: channel.post_parent(dest, digest, thread.marker),
                    lambda: channel.find(dest, None, thread.marker),
                    lambda error: outbox.set_thread(
                        self.store, thread.id, "pending", only_if="sending"
                    ),
                )
                await asyncio.to_thread(
                    outbox.set_thread, self.store, thread.id, "posted", parent, only_if="sending"
                )
                self._posted += 1
        for entry in digest.entries:
            await self._post_entry(channel, dest, parent, digest, entry, now)

    async def _post_entry(
        self,
        channel: Channel,
        dest: Destination,
        parent: Posted | None,
        digest: Digest,
        entry: DigestEntry,
        now: datetime,
    ) -> None:
        ids = [entry.outbox_id]
        marker = outbox.entries_marker(ids)
        if not await asyncio.to_thread(outbox.claim, self.store, ids, marker, now):
            return  # taken by another worker, or already settled
        posted = await self._attempt(
            marker,
            lambda: channel.post_entries(dest, parent, digest, [entry], marker),
            lambda: channel.find(dest, parent, marker),
            lambda error: outbox.release(self.store, ids, error),
        )
        await asyncio.to_thread(outbox.mark_posted, self.store, ids, posted, self.clock())
        self._posted += 1

    async def _attempt(
        self,
        marker: str,
        post: Callable[[], Awaitable[Posted]],
        find: Callable[[], Awaitable[Posted | None]],
        give_back: Callable[[str], object],
    ) -> Posted:
        """Post; after a failure of unknown outcome, look the marker up before trying again."""
        error = ""
        for delay in (*self.retry_delays, None):
            try:
                return await post()
            except (ChatAuthError, RateLimited) as exc:  # certain: nothing was posted
                await asyncio.to_thread(give_back, str(exc))
                raise
            except ChatError as exc:
                error = str(exc)
                log.warning("post %s failed (%s); looking for it before trying again", marker, exc)
            if delay is None:
                break
            await self._sleep(delay)
            try:
                found = await find()
            except ChatError as exc:
                error = f"{error}; lookup failed: {exc}"
                break
            if found is not None:
                return found
        self._ours.add(marker)
        raise Unsettled(f"{marker} left unsettled: {error}")

    async def _rehearse(self, channel: Channel, dest: Destination, digest: Digest) -> int:
        """Dry run: render exactly what would be posted, and record nothing.

        What this process already rendered is not rendered again on the next
        tick (nothing changed: the rows are still pending). A thread posted by
        an earlier real run is replied to, as the real run would, not reopened.
        """
        parent = None
        count = 0
        entries = [e for e in digest.entries if (dest.name, e.outbox_id) not in self._rehearsed]
        if not entries:
            return 0
        if is_threaded(digest.key):
            thread = await asyncio.to_thread(outbox.get_thread, self.store, dest.name, digest.key)
            parent = thread.posted if thread is not None else None
            parent = parent or self._rehearsed_parents.get((dest.name, digest.key))
            if parent is None:
                # A new thread row gets its marker when the real run creates it.
                marker = thread.marker if thread is not None else "gleaner:t:$THREAD_ROW_ID"
                parent = await channel.post_parent(dest, digest, marker)
                self._rehearsed_parents[(dest.name, digest.key)] = parent
                count += 1
        for entry in entries:
            await channel.post_entries(
                dest, parent, digest, [entry], outbox.entries_marker([entry.outbox_id])
            )
            self._rehearsed.add((dest.name, entry.outbox_id))
            count += 1
        return count


def _setter(event: asyncio.Event) -> Callable[[], Awaitable[None]]:
    async def wake() -> None:
        event.set()

    return wake


async def _first_of(*events: asyncio.Event) -> None:
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
