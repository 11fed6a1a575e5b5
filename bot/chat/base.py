"""The seam between delivery (outbox, scheduler) and each chat platform.

A channel renders purely and posts with I/O. Exactly-once delivery rests on
*markers*: every message Gleaner posts carries a marker string naming the
outbox rows it holds (Slack: message metadata; Discord: nonce plus a marker
a history search can find). After a crash, ``find`` looks a marker up so a
message that did reach the platform is recorded instead of posted again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.models import Destination, Digest, DigestEntry, Platform


@dataclass(frozen=True, slots=True)
class Posted:
    """Where a message landed."""

    message_id: str
    """Slack ``ts`` or Discord message id."""
    thread_id: str | None = None
    """Slack parent ``ts`` or Discord thread channel id that replies go to."""


class Channel(Protocol):
    """One chat platform. Implementations live in ``bot/chat/<platform>/``."""

    platform: Platform

    async def post_parent(self, dest: Destination, digest: Digest, marker: str) -> Posted:
        """Post the digest's parent message and open its thread."""
        ...

    async def post_entries(
        self,
        dest: Destination,
        parent: Posted | None,
        digest: Digest,
        entries: Sequence[DigestEntry],
        marker: str,
    ) -> Posted:
        """Post one reply holding ``entries`` in the parent's thread (top level if None)."""
        ...

    async def find(self, dest: Destination, parent: Posted | None, marker: str) -> Posted | None:
        """Look for a message carrying ``marker`` (reconciliation after a crash)."""
        ...

    async def aclose(self) -> None: ...
