"""An in-memory IMAP server behind the ``bot.mail.mailbox.Mailbox`` protocol.

For what a real Dovecot cannot be made to do on demand: a message expunged
between the header and body fetches, a server without IDLE, a connection that
drops in the middle of a wait. Everything else is tested against Dovecot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from email.parser import BytesHeaderParser
from email.utils import parseaddr

from bot.errors import MailError
from bot.mail.mailbox import Envelope, FolderInfo
from bot.mail.oauth import TokenProvider
from bot.mail.settings import ImapAccount


@dataclass
class FakeFolder:
    uidvalidity: int
    next_uid: int = 1
    messages: dict[int, tuple[bytes, date]] = field(default_factory=dict)


class FakeServer:
    def __init__(self, *, can_idle: bool = True, sends_uidnext: bool = True) -> None:
        self.can_idle = can_idle
        self.sends_uidnext = sends_uidnext
        self.folders: dict[str, FakeFolder] = {}
        self.changed = threading.Condition()
        self.version = 0
        self.logins = 0
        self.fail_next_wait = False
        self.before_bodies: Callable[[str, Sequence[int]], None] | None = None
        """Called just before a body fetch: a chance to expunge a message in between."""

    def create(self, name: str, uidvalidity: int = 1000) -> None:
        self.folders[name] = FakeFolder(uidvalidity)

    def deliver(self, folder: str, raw: bytes, when: date | None = None) -> int:
        with self.changed:
            box = self.folders[folder]
            uid = box.next_uid
            box.next_uid += 1
            box.messages[uid] = (raw, when or datetime.now().date())
            self.version += 1
            self.changed.notify_all()
        return uid

    def expunge(self, folder: str, uid: int) -> None:
        with self.changed:
            del self.folders[folder].messages[uid]
            self.version += 1
            self.changed.notify_all()

    def connect(self, account: ImapAccount, tokens: TokenProvider | None) -> FakeMailbox:
        self.logins += 1
        return FakeMailbox(self)


class FakeMailbox:
    def __init__(self, server: FakeServer) -> None:
        self.server = server
        self.folder: str | None = None
        self.seen_version = server.version

    def _box(self) -> FakeFolder:
        assert self.folder is not None, "no folder selected"
        return self.server.folders[self.folder]

    def select(self, folder: str, *, readonly: bool = True) -> FolderInfo:
        if folder not in self.server.folders:
            raise MailError(f"cannot open folder {folder!r}: no such folder")
        self.folder = folder
        box = self._box()
        uidnext = box.next_uid if self.server.sends_uidnext else None
        return FolderInfo(box.uidvalidity, uidnext, len(box.messages), self.server.can_idle)

    def uids_above(self, last_uid: int) -> list[int]:
        uids = sorted(self._box().messages)
        found = [u for u in uids if u > last_uid] or uids[-1:]  # the ``n:*`` quirk, as servers do
        return [u for u in found if u > last_uid]

    def uids_since(self, since: date | None) -> list[int]:
        return sorted(
            u for u, (_, d) in self._box().messages.items() if since is None or d >= since
        )

    def envelopes(self, uids: Sequence[int]) -> list[Envelope]:
        result = []
        for uid in uids:
            if uid in self._box().messages:
                raw = self._box().messages[uid][0]
                headers = BytesHeaderParser().parsebytes(raw)
                sender = parseaddr(str(headers.get("From", "")))[1].lower()
                message_id = str(headers.get("Message-ID", ""))
                subject = str(headers.get("Subject", ""))
                result.append(Envelope(uid, len(raw), sender, message_id, subject))
        return result

    def bodies(self, uids: Sequence[int]) -> dict[int, bytes]:
        if self.server.before_bodies is not None and self.folder is not None:
            self.server.before_bodies(self.folder, uids)
        box = self._box()
        return {u: box.messages[u][0] for u in uids if u in box.messages}

    def noop(self) -> None:
        pass

    def idle_start(self) -> None:
        if not self.server.can_idle:
            raise MailError("IDLE failed: not supported")

    def idle_wait(self, timeout: float) -> bool:
        with self.server.changed:
            if self.server.fail_next_wait:
                self.server.fail_next_wait = False
                raise MailError("connection lost while idling: EOF")
            self.server.changed.wait_for(lambda: self.server.version != self.seen_version, timeout)
            woke = self.server.version != self.seen_version
            self.seen_version = self.server.version
            return woke

    def idle_stop(self) -> None:
        pass

    def current_uidvalidity(self, folder: str) -> int:
        return self.server.folders[folder].uidvalidity

    def add_flag(self, uids: Sequence[int], flag: str) -> None:
        pass

    def move(self, uids: Sequence[int], folder: str) -> None:
        pass

    def close(self) -> None:
        self.folder = None
