"""XOAUTH2 access tokens for Gmail, Microsoft 365 and any server that speaks it.

Gleaner does not run an OAuth2 flow itself: a token file kept fresh by another
tool, or a command that prints a fresh token (``oauth2l fetch``,
``az account get-access-token``, a script around a refresh token), supplies
the access token. It is cached until shortly before it expires, then fetched
again; a session whose token is about to expire reconnects with a new one.
Tokens never appear in logs or error messages.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.errors import MailAuthError
from bot.mail.settings import OAuth2Settings


@dataclass(frozen=True, slots=True)
class AccessToken:
    value: str
    expires_at: float
    """On the monotonic clock."""

    def __repr__(self) -> str:  # the value must never be printed by accident
        return f"AccessToken(expires_at={self.expires_at:.0f})"


def _parse(output: str, lifetime: float, now: float) -> AccessToken:
    """A bare token, or JSON with ``access_token`` (or ``accessToken``) and ``expires_in``."""
    text = output.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise MailAuthError("the OAuth2 token source printed invalid JSON") from exc
        value = data.get("access_token") or data.get("accessToken")
        if not isinstance(value, str) or not value:
            raise MailAuthError("the OAuth2 token source's JSON has no access_token")
        expires_in = data.get("expires_in")
        if isinstance(expires_in, int | float | str) and str(expires_in).isdigit():
            lifetime = float(expires_in)
        return AccessToken(value, now + lifetime)
    if not text or any(c.isspace() for c in text):
        raise MailAuthError("the OAuth2 token source gave no single-word access token")
    return AccessToken(text, now + lifetime)


class TokenProvider:
    """Hands out a valid access token, refreshing it ``refresh_margin_seconds`` before expiry."""

    def __init__(
        self, settings: OAuth2Settings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._token: AccessToken | None = None
        self._file_mtime: float | None = None
        self._lock = threading.Lock()  # one provider serves every folder of an account

    def _stale(self, token: AccessToken | None) -> bool:
        if token is None:
            return True
        if self._settings.token_file is not None:
            try:
                mtime = self._settings.token_file.stat().st_mtime
            except OSError:
                return True
            if mtime != self._file_mtime:
                return True
        return self._clock() >= token.expires_at - self._settings.refresh_margin_seconds

    def needs_refresh(self) -> bool:
        """True when the current session should reconnect to pick up a fresh token."""
        return self._stale(self._token)

    def seconds_until_refresh(self) -> float:
        """How long the current token stays usable (0 when there is none yet)."""
        token = self._token
        if token is None:
            return 0.0
        return max(0.0, token.expires_at - self._settings.refresh_margin_seconds - self._clock())

    def token(self) -> str:
        with self._lock:
            if self._stale(self._token):
                self._token = self._fetch()
            assert self._token is not None
            return self._token.value

    def _fetch(self) -> AccessToken:
        settings = self._settings
        now = self._clock()
        if settings.token_file is not None:
            try:
                self._file_mtime = settings.token_file.stat().st_mtime
                text = settings.token_file.read_text(encoding="utf-8")
            except OSError as exc:
                raise MailAuthError(
                    f"cannot read the OAuth2 token file {settings.token_file}: {exc.strerror}"
                ) from exc
            return _parse(text, settings.token_lifetime_seconds, now)
        command = settings.token_command
        assert command is not None
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=settings.command_timeout_seconds,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise MailAuthError(
                f"the OAuth2 token command {command[0]!r} could not run: {type(exc).__name__}"
            ) from exc
        if done.returncode != 0:
            # stderr may echo secrets, so only the exit status is reported.
            raise MailAuthError(
                f"the OAuth2 token command {command[0]!r} failed with exit status {done.returncode}"
            )
        return _parse(done.stdout, settings.token_lifetime_seconds, now)
