"""``gleaner ingest imap://ACCOUNT/FOLDER [--since DATE]``: ingest a folder once.

Independent of the watcher's checkpoint: the store recognises mail it already
has, so a backfill can be repeated or overlap the running bot safely.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bot.mail.imap_client import MailboxConnection
from bot.mail.oauth import TokenProvider
from bot.mail.screening import screen, source_name
from bot.mail.settings import MailSettings

log = logging.getLogger("bot.mail")


@dataclass
class BackfillStats:
    found: int = 0
    """Messages the search matched."""
    delivered: int = 0
    """Messages handed to the sink (which may have recognised some as already stored)."""
    skipped: list[str] = field(default_factory=list)
    """``UID n: reason`` for each message left out (too large, sender not allowed)."""
    vanished: int = 0
    """Messages deleted from the folder while the backfill ran."""


def backfill(
    settings: MailSettings,
    account: str,
    folder: str,
    since: date | None,
    sink: Callable[[bytes, str], object],
    progress: Callable[[int, int], None] | None,
) -> BackfillStats:
    """Hand every message of the folder (received on or after ``since``) to ``sink``, oldest first."""
    config = settings.account(account)
    tokens = TokenProvider(config.oauth2) if config.oauth2 is not None else None
    stats = BackfillStats()
    conn = MailboxConnection.open(config, tokens)
    try:
        info = conn.select(folder, readonly=True)
        uids = conn.uids_since(since)
        stats.found = len(uids)
        done = 0
        if progress is not None:
            progress(0, len(uids))
        for start in range(0, len(uids), config.batch_size):
            chunk = uids[start : start + config.batch_size]
            envelopes = conn.envelopes(chunk)
            wanted, rejected = screen(config, envelopes)
            for rejection in rejected:
                note = f"UID {rejection.envelope.uid} ({rejection.envelope.message_id}): {rejection.reason}"
                log.warning("imap %s/%s: skipped %s", account, folder, note)
                stats.skipped.append(note)
            bodies = conn.bodies([e.uid for e in wanted])
            for envelope in wanted:
                raw = bodies.get(envelope.uid)
                if raw is None:
                    stats.vanished += 1
                    continue
                sink(raw, source_name(account, folder, info.uidvalidity, envelope.uid))
                stats.delivered += 1
            stats.vanished += len(chunk) - len(envelopes)
            done += len(chunk)
            if progress is not None:
                progress(done, len(uids))
    finally:
        conn.close()
    return stats
