"""Bring the store up to date with one IMAP folder, exactly once per message.

Everything above the checkpoint is fetched in batches: headers first, to
leave oversized mail and unknown senders on the server with a recorded
reason, then bodies with ``BODY.PEEK[]``. Each email goes to the sink, which
stores it durably, and only then does the checkpoint move. A crash therefore
repeats at most one email, which the store recognises by content hash and
Message-ID, and never skips one. A first run takes ``first_run_days`` of mail;
a new UIDVALIDITY rescans the folder, unless it keeps changing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol, TypeVar

from sqlalchemy import Engine

from bot.errors import StoreError, UidValidityStormError
from bot.mail.mailbox import FolderInfo, Mailbox
from bot.mail.screening import screen, source_name
from bot.mail.settings import ImapAccount
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
STORM_WINDOW = timedelta(days=1)


class Runner(Protocol):
    """Runs a blocking ``Mailbox`` call in the IMAP worker threads."""

    def __call__(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Awaitable[T]: ...


class FolderSync:
    def __init__(
        self,
        account: ImapAccount,
        folder: str,
        engine: Engine,
        sink: Sink,
        stop: asyncio.Event,
        imap: Runner,
        label: str,
    ) -> None:
        self.account = account
        self.folder = folder
        self.label = label
        self._engine = engine
        self._sink = sink
        self._stop = stop
        self._imap = imap

    async def sync(self, conn: Mailbox, info: FolderInfo) -> bool:
        """Ingest everything above the checkpoint (or the first-run/rescan set).

        False when asked to stop part-way.
        """
        name, folder = self.account.name, self.folder
        checkpoint = await asyncio.to_thread(get_checkpoint, self._engine, name, folder)
        if checkpoint is None:
            days = self.account.first_run_days
            since = None if days is None else date.today() - timedelta(days=days)
            uids = await self._imap(conn.uids_since, since)
            # Everything below UIDNEXT existed at SELECT; mail older than the window is
            # deliberately left behind. (Without UIDNEXT, ask for every UID instead.)
            existing = (
                [info.uidnext - 1] if info.uidnext else await self._imap(conn.uids_since, None)
            )
            log.info("%s: first run, %d messages to ingest", self.label, len(uids))
            if not await self._ingest(conn, info, uids):
                return False  # stopped part-way: the window is taken up again next time
            floor = max([*existing, *uids], default=0)
            await asyncio.to_thread(
                set_checkpoint, self._engine, name, folder, info.uidvalidity, floor
            )
            return True
        if checkpoint.uidvalidity != info.uidvalidity:
            await self._uidvalidity_changed(checkpoint.uidvalidity, info.uidvalidity)
            uids = await self._imap(conn.uids_since, self._rescan_since(checkpoint.updated_at))
        else:
            uids = await self._imap(conn.uids_above, checkpoint.last_uid)
        return await self._ingest(conn, info, uids)

    def _rescan_since(self, last_seen: datetime) -> date | None:
        """How far back a rescan looks: the first-run window, widened to cover all mail
        since the folder was last seen (a day's margin: SEARCH SINCE works in whole
        days). Older mail was stored then or deliberately left; rescanning it would
        flood the channels with years of newsletters nobody asked for."""
        days = self.account.first_run_days
        if days is None:
            return None
        window = date.today() - timedelta(days=days)
        return min(window, last_seen.date() - timedelta(days=1))

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
            self.label,
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
                        self.label,
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
