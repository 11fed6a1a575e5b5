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
from bot.errors import ChatAuthError, ChatError, ChatRefused, RateLimited, ThreadGone
from bot.events import first_of
from bot.models import Destination, Digest, DigestEntry, Platform
from bot.store import Store

log = logging.getLogger(__name__)

RETRY_DELAYS = (1.0, 4.0, 15.0)
"""Pauses before looking a marker up and trying again, within one flush."""
PAUSE_AFTER_FAILURE = timedelta(seconds=30)
PAUSE_AFTER_REFUSAL = timedelta(minutes=10)
"""After a refusal (not invited, no such channel, token revoked): one try per pause."""


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
        self._paused_platforms: dict[Platform, datetime] = {}
        self.problems: dict[str, str] = {}
        """Destination -> why its posts failed at the last try (cleared on success)."""
        self.waiting: dict[str, str] = {}
        """Destination missing from the rules (or its platform unconfigured) -> what waits."""
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
                paused=self._paused_names(destinations, now),
            )
            due: list[tuple[Pending, datetime]] = []
            for row in await asyncio.to_thread(outbox.load, self.store):
                try:
                    slot = due_slot(row, now)
                except (ValueError, KeyError) as exc:
                    if f"schedule:{row.outbox_id}" in self._warned:
                        continue  # said once, not every tick
                    self._warned.add(f"schedule:{row.outbox_id}")
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
            waiting: dict[str, list[int]] = {}
            for row, _ in due:
                waiting.setdefault(row.destination, []).append(row.outbox_id)
            for digest in plan.digests:
                dest = destinations.get(digest.destination)
                if dest is None or self.channels.get(dest.platform) is None:
                    await self._wait(digest.destination, dest, waiting[digest.destination])
                    continue
                self.waiting.pop(digest.destination, None)
                if digest.destination in self._paused_names(destinations, now):
                    continue
                try:
                    await self._deliver(dest, digest, now)
                except ChatError as exc:
                    self._pause(dest, exc, now)
                else:
                    self.problems.pop(digest.destination, None)
            return self._posted

    def _paused_names(self, destinations: Mapping[str, Destination], now: datetime) -> set[str]:
        """Destinations not to touch now: paused themselves, or their platform is."""
        names = {name for name, until in self._paused.items() if until > now}
        platforms = {p for p, until in self._paused_platforms.items() if until > now}
        names.update(name for name, d in destinations.items() if d.platform in platforms)
        return names

    def _pause(self, dest: Destination, exc: ChatError, now: datetime) -> None:
        """Stop posting where it fails, for as long as the kind of failure asks."""
        self.problems[dest.name] = str(exc)
        if isinstance(exc, ChatAuthError):
            # The token is the platform's: every destination on it waits, and one
            # request per pause finds out whether it was fixed.
            self._paused_platforms[dest.platform] = now + PAUSE_AFTER_REFUSAL
            log.error(
                "posting to %s paused for %s: %s",
                dest.platform.value.capitalize(),
                PAUSE_AFTER_REFUSAL,
                exc,
            )
            return
        level = logging.WARNING
        if isinstance(exc, RateLimited):
            wait = timedelta(seconds=exc.retry_after)
        elif isinstance(exc, ChatRefused) or isinstance(exc.__cause__, ChatRefused):
            wait, level = PAUSE_AFTER_REFUSAL, logging.ERROR
        else:
            wait = PAUSE_AFTER_FAILURE
        self._paused[dest.name] = now + wait
        log.log(level, "posting to %r paused for %s: %s", dest.name, wait, exc)

    async def _wait(self, name: str, dest: Destination | None, ids: list[int]) -> None:
        """Rows whose destination is gone from the rules (or whose platform is not
        configured) stay pending; said once per destination, not every tick, and
        noted on the rows so ``gleaner status`` can say why they wait."""
        why = (
            "the rules no longer name a channel of that name"
            if dest is None
            else f"{dest.platform.value} is not configured"
        )
        count = len(ids)
        self.waiting[name] = f"{count} posts wait: {why}"
        if name not in self._warned:
            self._warned.add(name)
            await asyncio.to_thread(outbox.note_error, self.store, ids, f"waiting: {why}")
            log.warning(
                "posts to %r wait: %s (%d posts pending; they go out once it is back)",
                name,
                why,
                count,
            )

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
                await first_of(wake, stop)
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

    async def _deliver(self, dest: Destination, digest: Digest, now: datetime) -> None:
        channel = self.channels[dest.platform]
        if self._dry(dest):
            self._posted += await self._rehearse(channel, dest, digest)
            return
        parent: Posted | None = None
        thread: outbox.ThreadRow | None = None
        if is_threaded(digest.key):
            thread = await asyncio.to_thread(
                outbox.ensure_thread, self.store, dest.name, digest.key, now
            )
            if thread.status == "sending":  # in flight elsewhere, or awaiting reconciliation
                return
            parent = thread.posted
            if parent is None:
                if not await asyncio.to_thread(
                    outbox.set_thread, self.store, thread.id, "sending", only_if="pending"
                ):
                    return  # another worker took the parent between our read and now
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
            try:
                await self._post_entry(channel, dest, parent, digest, entry, now)
            except ThreadGone as exc:
                if thread is None:
                    raise
                # Someone deleted the thread: its replies went with it. The rest of
                # the digest goes into a new thread on the next flush, not nowhere.
                await asyncio.to_thread(outbox.forget_thread, self.store, thread.id)
                log.warning("%s in %r; opening a new thread for the rest", exc, dest.name)
                return

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
        cause: Exception | None = None
        for delay in (*self.retry_delays, None):
            try:
                return await post()
            except (ChatAuthError, ChatRefused, RateLimited) as exc:  # certain: nothing posted
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
                cause = exc
                break
            if found is not None:
                return found
        self._ours.add(marker)
        raise Unsettled(f"{marker} left unsettled: {error}") from cause

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
