"""Which fetched-header messages Gleaner stores, and why it leaves the others.

Decided from size and sender before any body is downloaded, so an oversized
message costs one header fetch, and the reason is recorded instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from bot.mail.mailbox import Envelope
from bot.mail.settings import ImapAccount


@dataclass(frozen=True, slots=True)
class Rejection:
    envelope: Envelope
    reason: str


def screen(
    account: ImapAccount, envelopes: Sequence[Envelope]
) -> tuple[list[Envelope], list[Rejection]]:
    """Split envelopes into those to fetch and store, and those skipped with a reason."""
    wanted: list[Envelope] = []
    rejected: list[Rejection] = []
    for envelope in envelopes:
        if envelope.size > account.max_message_bytes:
            reason = f"too large: {envelope.size} bytes, limit max_message_bytes={account.max_message_bytes}"
            rejected.append(Rejection(envelope, reason))
        elif not account.sender_allowed(envelope.sender):
            rejected.append(
                Rejection(
                    envelope, f"sender {envelope.sender or '(none)'} is not in allowed_senders"
                )
            )
        else:
            wanted.append(envelope)
    return wanted, rejected


def source_name(account: str, folder: str, uidvalidity: int, uid: int) -> str:
    """Where a message came from, as an IMAP URL (RFC 5092: the folder percent-encoded)."""
    return f"imap://{account}/{quote(folder, safe='/')};UIDVALIDITY={uidvalidity};UID={uid}"
