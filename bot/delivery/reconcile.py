"""Settling what a crash (or a failed call of unknown outcome) left ``sending``.

A ``sending`` row or thread either reached the platform or did not; its
marker, looked up with ``Channel.find``, tells which. Found: it is recorded
as posted and never posted again. Not found: it goes back to ``pending`` and
is posted by the next flush. A lookup that fails leaves it ``sending`` for
the next try, so nothing is posted while its fate is unknown.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Mapping
from datetime import datetime

from bot.chat.base import Channel, Posted
from bot.delivery import outbox
from bot.delivery.digest import Pending, digest_key, is_threaded
from bot.delivery.schedule import aware, slot_of
from bot.errors import ChatError
from bot.models import Destination, Platform
from bot.store import Store

log = logging.getLogger(__name__)


async def reconcile(
    store: Store,
    channels: Mapping[Platform, Channel],
    destinations: Mapping[str, Destination],
    *,
    cutoff: datetime | None,
    ours: Collection[str],
    now: Callable[[], datetime],
    paused: Collection[str] = (),
) -> set[str]:
    """Settle ``sending`` threads, then rows; returns the markers still unsettled.

    Destinations in ``paused`` are left for a later flush.

    Only those claimed before ``cutoff`` (None: all) or named in ``ours`` (left
    by this process, so certainly not in flight) are looked at: another
    worker's post in progress is left alone.
    """
    unsettled: set[str] = set()

    def eligible(marker: str | None, since: datetime | None) -> bool:
        if marker is None:
            return False
        return cutoff is None or marker in ours or since is None or aware(since) <= cutoff

    def channel_for(name: str) -> tuple[Destination, Channel] | None:
        if name in paused:  # refused a moment ago: looking up now would only be refused too
            return None
        dest = destinations.get(name)
        channel = channels.get(dest.platform) if dest else None
        if dest is None or channel is None or getattr(channel, "dry_run", False):
            return None
        return dest, channel

    for thread in await asyncio.to_thread(outbox.threads_in, store, "sending"):
        target = channel_for(thread.destination)
        if target is None or not eligible(thread.marker, thread.created_at):
            continue
        try:
            found = await target[1].find(target[0], None, thread.marker)
        except ChatError as exc:
            log.warning("cannot look up %s in %s yet: %s", thread.marker, thread.destination, exc)
            unsettled.add(thread.marker)
            continue
        status = "posted" if found else "pending"
        await asyncio.to_thread(
            outbox.set_thread, store, thread.id, status, found, only_if="sending"
        )
        log.info("reconciled %s: %s", thread.marker, status)

    for row in await asyncio.to_thread(outbox.load, store, "sending"):
        target = channel_for(row.destination)
        if target is None or not eligible(row.marker, row.claimed_at):
            continue
        try:
            found = await _find_row(store, *target, row)
        except ChatError as exc:
            log.warning("cannot look up %s in %s yet: %s", row.marker, row.destination, exc)
            unsettled.add(str(row.marker))
            continue
        if found is not None:
            await asyncio.to_thread(outbox.mark_posted, store, [row.outbox_id], found, now())
        else:
            await asyncio.to_thread(
                outbox.release, store, [row.outbox_id], "not found after a failed post"
            )
        log.info("reconciled %s: %s", row.marker, "posted" if found else "pending")
    return unsettled


async def _find_row(
    store: Store, dest: Destination, channel: Channel, row: Pending
) -> Posted | None:
    key = digest_key(row, slot_of(row.schedule, row.timezone, row.created_at))
    parent: Posted | None = None
    if is_threaded(key):
        thread = await asyncio.to_thread(outbox.get_thread, store, row.destination, key)
        parent = thread.posted if thread else None
        if parent is None:  # replies only go into a posted thread: this one never went out
            return None
    assert row.marker is not None
    return await channel.find(dest, parent, row.marker)
