"""The one exception tree of Gleaner.

::

    GleanerError                      base of everything Gleaner raises on purpose
    ├── ConfigError                   settings file or environment invalid (exit 2)
    ├── RulesError                    rules file invalid; carries every FILE:LINE:COL error (exit 2)
    ├── DecodeError                   bytes could not be made into an Email at all
    ├── ParseError                    a parser under-delivered (raised inside the registry only)
    ├── StoreError                    database unreachable, migration failed
    ├── MailError                     the mail edge (IMAP, Maildir) failed
    │   ├── MailAuthError             login refused: never retried in a loop
    │   └── UidValidityStormError     a folder keeps changing UIDVALIDITY: polling stopped
    ├── ChatError                     a chat platform refused or failed a post
    │   ├── RateLimited               429 with the seconds to wait
    │   ├── ChatAuthError             token refused
    │   └── ChatRefused               the platform said no (no such channel, not invited, no
    │       │                         permission): certainly nothing posted
    │       └── ThreadGone            the digest's thread was deleted: a new one is opened
    └── QueryError                    a search query could not be parsed

Library exceptions are converted at the boundary with ``raise … from exc``;
only the mail and chat edges catch library exceptions.
"""

from __future__ import annotations


class GleanerError(Exception):
    """Base of every error Gleaner raises on purpose."""


class ConfigError(GleanerError):
    """The settings are invalid."""


class RulesError(GleanerError):
    """The rules file is invalid. ``errors`` lists ``FILE:LINE:COL: message`` lines."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class DecodeError(GleanerError):
    """The bytes could not be decoded into an email at all."""


class ParseError(GleanerError):
    """A parser found nothing it could use."""


class StoreError(GleanerError):
    """The store failed."""


class MailError(GleanerError):
    """The mail edge failed."""


class MailAuthError(MailError):
    """The mail server refused the credentials."""


class UidValidityStormError(MailError):
    """A folder's UIDVALIDITY keeps changing; it is no longer polled."""


class ChatError(GleanerError):
    """A chat platform refused or failed a request."""


class RateLimited(ChatError):
    """The platform answered 429."""

    def __init__(self, retry_after: float, message: str = "rate limited") -> None:
        self.retry_after = retry_after
        super().__init__(f"{message} (retry after {retry_after:.1f}s)")


class ChatAuthError(ChatError):
    """The platform refused the token."""


class ChatRefused(ChatError):
    """The platform refused the request itself (channel missing, bot not in it, no
    permission): nothing was posted, and trying again soon would be refused again."""


class ThreadGone(ChatRefused):
    """A reply was refused because its thread (or the thread's parent) no longer exists."""


class QueryError(GleanerError):
    """A search query could not be parsed."""
