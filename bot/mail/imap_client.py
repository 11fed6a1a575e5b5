"""The one module that talks to imapclient. Blocking: callers in the event loop
run these methods in worker threads.

imapclient's byte-keyed dictionaries are turned into the frozen types of
``bot.mail.mailbox`` right here, and its exceptions (and socket/TLS errors)
into ``MailError`` / ``MailAuthError``, so nothing past this edge sees the
library.
Messages are only ever read with ``BODY.PEEK[]``, which leaves ``\\Seen`` alone.
"""

from __future__ import annotations

import contextlib
import imaplib
import ssl
import time
from collections.abc import Iterator, Sequence
from datetime import date
from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from email.utils import parseaddr
from typing import Any

from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import IMAPClientError, LoginError

from bot.errors import MailAuthError, MailError
from bot.mail.mailbox import Envelope, FolderInfo
from bot.mail.oauth import TokenProvider
from bot.mail.settings import ImapAccount

HEADER_FIELDS = b"BODY.PEEK[HEADER.FIELDS (FROM MESSAGE-ID SUBJECT)]"
_WAKING = {b"EXISTS", b"RECENT", b"EXPUNGE", b"FETCH"}


@contextlib.contextmanager
def _converted(what: str) -> Iterator[None]:
    try:
        yield
    except LoginError as exc:
        if "[UNAVAILABLE]" in str(exc):  # RFC 5530: the server's fault; retry like any outage
            raise MailError(
                f"{what}: authentication is temporarily unavailable ({_text(exc)})"
            ) from exc
        raise MailAuthError(f"{what}: the server refused the credentials ({_text(exc)})") from exc
    except MailError:
        raise
    except (IMAPClientError, imaplib.IMAP4.error, OSError, ssl.SSLError, EOFError) as exc:
        raise MailError(f"{what}: {type(exc).__name__}: {_text(exc) or 'connection lost'}") from exc


def _text(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, LoginError | imaplib.IMAP4.error):
        text = text.removeprefix("b'").removeprefix('b"').rstrip("'\"")
    return text[:300]


def _header_text(value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(make_header(decode_header(value)))
    except (LookupError, ValueError, UnicodeError):
        return value


def _envelope(uid: int, data: dict[bytes, Any]) -> Envelope:
    header = b""
    for key, value in data.items():
        if key.startswith(b"BODY[HEADER") and isinstance(value, bytes):
            header = value
    parsed = BytesHeaderParser().parsebytes(header)
    return Envelope(
        uid=uid,
        size=int(data.get(b"RFC822.SIZE", 0)),
        sender=parseaddr(str(parsed.get("From", "")))[1].lower(),
        message_id=str(parsed.get("Message-ID", "")).strip(),
        subject=_header_text(parsed.get("Subject")),
    )


class MailboxConnection:
    """One logged-in IMAP connection with at most one selected folder (a ``Mailbox``)."""

    def __init__(self, client: IMAPClient, account: ImapAccount) -> None:
        self._client = client
        self._account = account
        self._idling = False
        self._broken = False
        self._empty_wakes = 0

    @contextlib.contextmanager
    def _guard(self, what: str) -> Iterator[None]:
        try:
            with _converted(what):
                yield
        except MailError:
            self._broken = True
            raise

    @classmethod
    def open(cls, account: ImapAccount, tokens: TokenProvider | None = None) -> MailboxConnection:
        where = f"{account.name} ({account.host}:{account.effective_port})"
        timeout = SocketTimeout(
            connect=account.connect_timeout_seconds, read=account.read_timeout_seconds
        )
        with _converted(f"cannot connect to {where}"):
            context = ssl.create_default_context(
                cafile=str(account.tls_ca_file) if account.tls_ca_file else None
            )
            client = IMAPClient(
                account.host,
                port=account.effective_port,
                ssl=account.security == "tls",
                ssl_context=context if account.security == "tls" else None,
                timeout=timeout,
            )
        try:
            with _converted(f"cannot log in to {where}"):
                if account.security == "starttls":
                    client.starttls(context)
                if account.oauth2 is not None:
                    assert tokens is not None
                    client.oauth2_login(account.username, tokens.token())
                else:
                    client.login(account.username, account.secret_password())
        except MailError:
            with contextlib.suppress(Exception):
                client.shutdown()
            raise
        return cls(client, account)

    def select(self, folder: str, *, readonly: bool = True) -> FolderInfo:
        with self._guard(f"cannot open folder {folder!r} of {self._account.name}"):
            info = self._client.select_folder(folder, readonly=readonly)
            return FolderInfo(
                uidvalidity=int(info[b"UIDVALIDITY"]),
                uidnext=int(info[b"UIDNEXT"]) if b"UIDNEXT" in info else None,
                exists=int(info.get(b"EXISTS", 0)),
                can_idle=self._client.has_capability("IDLE"),
            )

    def uids_above(self, last_uid: int) -> list[int]:
        """UIDs greater than ``last_uid``. ``n:*`` always matches the highest UID, even
        when it is below ``n``, so the answer is filtered."""
        with self._guard("UID SEARCH failed"):
            found = self._client.search(["UID", f"{last_uid + 1}:*"])
        return sorted(int(u) for u in found if int(u) > last_uid)

    def uids_since(self, since: date | None) -> list[int]:
        with self._guard("UID SEARCH failed"):
            found = self._client.search(["SINCE", since] if since is not None else ["ALL"])
        return sorted(int(u) for u in found)

    def envelopes(self, uids: Sequence[int]) -> list[Envelope]:
        """Size, sender, Message-ID and subject; messages expunged meanwhile are absent."""
        if not uids:
            return []
        with self._guard("FETCH of message headers failed"):
            data = self._client.fetch(list(uids), [b"RFC822.SIZE", HEADER_FIELDS])
        return [_envelope(int(uid), fields) for uid, fields in sorted(data.items())]

    def bodies(self, uids: Sequence[int]) -> dict[int, bytes]:
        """Whole messages, read with BODY.PEEK[] so the server sets no flag."""
        if not uids:
            return {}
        with self._guard("FETCH of message bodies failed"):
            data = self._client.fetch(list(uids), [b"BODY.PEEK[]"])
        return {
            int(uid): fields[b"BODY[]"]
            for uid, fields in data.items()
            if isinstance(fields.get(b"BODY[]"), bytes)
        }

    def noop(self) -> None:
        with self._guard("NOOP failed"):
            self._client.noop()

    def idle_start(self) -> None:
        with self._guard("IDLE failed"):
            self._client.idle()
        self._idling = True

    def idle_wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds in IDLE; True when the folder changed."""
        started = time.monotonic()
        with self._guard("connection lost while idling"):
            responses = self._client.idle_check(timeout=timeout)
        if not responses and time.monotonic() - started < min(timeout / 2, 0.25):
            # imapclient swallows EOF here and returns nothing at once, again and again:
            # several empty early returns in a row mean the server has gone.
            self._empty_wakes += 1
            if self._empty_wakes >= 3:
                self._broken = True
                raise MailError("the server closed the connection while idling")
        else:
            self._empty_wakes = 0
        return self._changed(responses)

    def _changed(self, responses: Sequence[Any]) -> bool:
        for response in responses:
            if isinstance(response, tuple) and response and response[0] == b"BYE":
                self._broken = True
                text = b" ".join(p for p in response[1:] if isinstance(p, bytes)).decode(
                    errors="replace"
                )
                raise MailError(f"the server ended the session: {text}")
        # An untagged NO (Dovecot says "Internal error" when the folder is replaced under
        # it) also wakes us: the caller then checks whether the folder is still the same.
        return any(
            isinstance(r, tuple) and len(r) >= 2 and (r[1] in _WAKING or r[0] in {b"NO", b"BAD"})
            for r in responses
        )

    def current_uidvalidity(self, folder: str) -> int:
        """UIDVALIDITY as the server sees it now; differs from the selection's if the folder
        was recreated. (RFC 3501 discourages STATUS on the selected folder as possibly slow,
        not wrong; one per wake is cheap next to ingesting from a folder that is gone.)"""
        with self._guard(f"STATUS of {folder!r} failed"):
            status = self._client.folder_status(folder, [b"UIDVALIDITY"])
        return int(status[b"UIDVALIDITY"])

    def idle_stop(self) -> None:
        if not self._idling:
            return
        self._idling = False
        with self._guard("ending IDLE failed"):
            _, responses = self._client.idle_done()
        self._changed(responses)

    def add_flag(self, uids: Sequence[int], flag: str) -> None:
        with self._guard(f"cannot add flag {flag!r}"):
            self._client.add_flags(list(uids), [flag.encode()])

    def move(self, uids: Sequence[int], folder: str) -> None:
        with self._guard(f"cannot move messages to {folder!r}"):
            if self._client.has_capability("MOVE"):
                self._client.move(list(uids), folder)
            else:
                self._client.copy(list(uids), folder)
                self._client.delete_messages(list(uids))
                self._client.uid_expunge(list(uids))

    def close(self) -> None:
        """Log out politely, or just drop the socket when the server is gone."""
        if self._broken:
            # After an error the session state is unknown: a LOGOUT could wait on a dead peer.
            with contextlib.suppress(Exception):
                self._client.shutdown()
            return
        with contextlib.suppress(Exception):
            self._client.socket().settimeout(5.0)  # a hung server must not hold up shutdown
        try:
            if self._idling:
                self._idling = False
                self._client.idle_done()
            self._client.logout()
        except (
            TimeoutError,
            IMAPClientError,
            imaplib.IMAP4.error,
            OSError,
            ssl.SSLError,
            EOFError,
        ):
            with contextlib.suppress(Exception):
                self._client.shutdown()
