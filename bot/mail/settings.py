"""Settings of the mail edge: IMAP accounts, what to watch and how patiently.

See ``docs/imap.md`` for Gmail and Microsoft 365 (OAuth2) set-ups.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from bot.errors import ConfigError
from bot.secret_files import read_secret

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OAuth2Settings(_Section):
    """An XOAUTH2 access token, read from a file or printed by a command."""

    token_file: Path | None = Field(
        default=None,
        description="A file holding the current access token (re-read whenever it changes).",
    )
    token_command: list[str] | None = Field(
        default=None,
        description=(
            "A command (argument list, no shell) that prints an access token, or JSON with "
            "`access_token` and `expires_in`; run again before the token expires."
        ),
    )
    token_lifetime_seconds: int = Field(
        default=3000,
        gt=60,
        description="How long a token is trusted when its issuer does not say (`expires_in`).",
    )
    refresh_margin_seconds: int = Field(
        default=300, ge=0, description="A token is refreshed this long before it expires."
    )
    command_timeout_seconds: float = Field(
        default=30.0, gt=0, description="How long `token_command` may run."
    )

    @model_validator(mode="after")
    def _one_source(self) -> OAuth2Settings:
        if (self.token_file is None) == (self.token_command is None):
            raise ValueError("set exactly one of token_file or token_command")
        if self.token_command is not None and not self.token_command:
            raise ValueError("token_command must name a program")
        return self


class PostActions(_Section):
    """What Gleaner does to a message on the server once it is stored. Off by default."""

    add_flag: str | None = Field(
        default=None,
        description="A keyword (e.g. `Gleaned`) or system flag added to stored messages; never `\\Seen`.",
    )
    move_to: str | None = Field(
        default=None, description="A folder stored messages are moved to (uses MOVE when offered)."
    )

    @model_validator(mode="after")
    def _never_seen(self) -> PostActions:
        if self.add_flag is not None and self.add_flag.lower() == "\\seen":
            raise ValueError(
                "Gleaner never sets \\Seen: the mailbox's read state belongs to people"
            )
        return self

    @property
    def enabled(self) -> bool:
        return self.add_flag is not None or self.move_to is not None


class ImapAccount(_Section):
    """One IMAP account and the folders Gleaner watches in it."""

    name: str = Field(
        pattern=r"^[A-Za-z0-9_.-]+$",
        description="A short name used in `imap://NAME/FOLDER`, logs and `gleaner status`.",
    )
    host: str = Field(description="The IMAP server's host name.")
    port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="The server port; default 993 for tls, 143 otherwise.",
    )
    security: Literal["tls", "starttls", "none"] = Field(
        default="tls",
        description="`tls` (implicit TLS), `starttls`, or `none` (only allowed on loopback, for tests).",
    )
    tls_ca_file: Path | None = Field(
        default=None,
        description="A PEM file of CA certificates to trust for this server (e.g. a company CA); the system's otherwise.",
    )
    username: str = Field(description="The login name (for OAuth2, the mailbox address).")
    password: SecretStr | None = Field(default=None, description="The password (or app password).")
    password_file: Path | None = Field(
        default=None, description="A file whose first line is the password (instead of `password`)."
    )
    oauth2: OAuth2Settings | None = Field(
        default=None, description="Log in with XOAUTH2 instead of a password."
    )
    folders: list[str] = Field(
        default_factory=lambda: ["INBOX"], min_length=1, description="Folders to watch."
    )
    allowed_senders: list[str] = Field(
        default_factory=list,
        description=(
            "If set, only mail whose From address matches one of these is stored: a full address "
            "or `@domain`; everything else is skipped with a recorded reason."
        ),
    )
    use_idle: bool = Field(
        default=True,
        description="Wait with IDLE when the server offers it; false forces polling (for servers with broken IDLE).",
    )
    poll_seconds: float = Field(
        default=300.0, ge=1, description="Polling interval when the server has no IDLE."
    )
    idle_seconds: float = Field(
        default=540.0,
        gt=0,
        le=600,
        description="IDLE is re-issued at least this often (servers drop idlers after ~10-30 min).",
    )
    batch_size: int = Field(default=50, ge=1, le=1000, description="Messages fetched per FETCH.")
    max_message_bytes: int = Field(
        default=25 * 1024 * 1024,
        gt=0,
        description="Messages larger than this are skipped, with the reason recorded.",
    )
    first_run_days: int | None = Field(
        default=14,
        ge=0,
        description=(
            "On the first run for a folder, mail received in this many past days is ingested; "
            "null ingests the whole folder."
        ),
    )
    post_actions: PostActions = Field(
        default_factory=PostActions, description="Flag or move stored messages (off by default)."
    )
    connect_timeout_seconds: float = Field(
        default=30.0, gt=0, description="Timeout for opening the connection."
    )
    read_timeout_seconds: float = Field(
        default=120.0, gt=0, description="Timeout for every server answer outside IDLE."
    )
    reconnect_min_seconds: float = Field(
        default=2.0,
        gt=0,
        description="First reconnect delay; doubles on each failure, with jitter.",
    )
    reconnect_max_seconds: float = Field(
        default=300.0, gt=0, description="Longest reconnect delay."
    )
    auth_retry_seconds: float = Field(
        default=3600.0,
        gt=0,
        description="After the server refuses the credentials, wait this long before trying again.",
    )
    max_uidvalidity_changes: int = Field(
        default=3,
        ge=1,
        description=(
            "A folder whose UIDVALIDITY changes more often than this in a day is stopped with an "
            "error instead of re-ingesting it again and again."
        ),
    )

    @model_validator(mode="after")
    def _check(self) -> ImapAccount:
        sources = [
            self.password is not None,
            self.password_file is not None,
            self.oauth2 is not None,
        ]
        if sum(sources) != 1:
            raise ValueError("set exactly one of password, password_file or oauth2")
        if self.security == "none" and self.host not in LOOPBACK:
            raise ValueError("security: none is only allowed for a loopback host")
        if self.reconnect_max_seconds < self.reconnect_min_seconds:
            raise ValueError("reconnect_max_seconds must not be below reconnect_min_seconds")
        return self

    @property
    def effective_port(self) -> int:
        if self.port is not None:
            return self.port
        return 993 if self.security == "tls" else 143

    def secret_password(self) -> str:
        """The password, read from the file when one is named."""
        secret = read_secret(
            self.password, self.password_file, f"account {self.name}: password_file"
        )
        if secret is None:
            raise ValueError(f"account {self.name} uses OAuth2, not a password")
        return secret.get_secret_value()

    def sender_allowed(self, address: str) -> bool:
        if not self.allowed_senders:
            return True
        address = address.strip().lower()
        domain = address.rpartition("@")[2]
        for allowed in self.allowed_senders:
            allowed = allowed.strip().lower()
            if allowed.startswith("@") and allowed[1:] == domain:
                return True
            if allowed == address:
                return True
        return False


class MailSettings(_Section):
    """IMAP accounts. None by default: Gleaner then reads only local mail."""

    accounts: list[ImapAccount] = Field(default_factory=list, description="IMAP accounts to watch.")

    @model_validator(mode="after")
    def _unique_names(self) -> MailSettings:
        names = [a.name for a in self.accounts]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"account names must be unique: {', '.join(duplicates)}")
        return self

    def account(self, name: str) -> ImapAccount:
        for account in self.accounts:
            if account.name == name:
                return account
        known = ", ".join(a.name for a in self.accounts) or "none configured"
        raise ConfigError(f"no IMAP account named {name!r} (known: {known})")
