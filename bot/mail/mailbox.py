"""What the watcher needs from an IMAP connection, as a protocol.

``imap_client.MailboxConnection`` is the real one (imapclient underneath);
``tests/fakes/imap_mailbox.py`` is an in-memory double for the cases a real
server cannot be made to produce on demand (a message expunged between two
fetches, a server without IDLE). All methods block; callers use threads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.mail.oauth import TokenProvider
    from bot.mail.settings import ImapAccount


@dataclass(frozen=True, slots=True)
class FolderInfo:
    uidvalidity: int
    uidnext: int | None
    exists: int
    can_idle: bool


@dataclass(frozen=True, slots=True)
class Envelope:
    """What is known of a message before its body is fetched."""

    uid: int
    size: int
    sender: str
    message_id: str
    subject: str


class Mailbox(Protocol):
    """One logged-in connection with at most one selected folder. Errors are MailError."""

    def select(self, folder: str, *, readonly: bool = True) -> FolderInfo: ...
    def uids_above(self, last_uid: int) -> list[int]: ...
    def uids_since(self, since: date | None) -> list[int]: ...
    def envelopes(self, uids: Sequence[int]) -> list[Envelope]: ...
    def bodies(self, uids: Sequence[int]) -> dict[int, bytes]: ...
    def noop(self) -> None: ...
    def idle_start(self) -> None: ...
    def idle_wait(self, timeout: float) -> bool: ...
    def idle_stop(self) -> None: ...
    def current_uidvalidity(self, folder: str) -> int: ...
    def add_flag(self, uids: Sequence[int], flag: str) -> None: ...
    def move(self, uids: Sequence[int], folder: str) -> None: ...
    def close(self) -> None: ...


Connect = Callable[["ImapAccount", "TokenProvider | None"], Mailbox]
"""Opens a logged-in connection for an account (``MailboxConnection.open``)."""
