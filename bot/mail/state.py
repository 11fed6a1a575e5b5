"""What each watched mailbox is doing, told to the logs and kept in the database.

``gleaner status`` runs as a separate process, so the state lives in the
``mail_status`` table; every change is also one log line.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.errors import StoreError
from bot.store.checkpoints import write_status

log = logging.getLogger("bot.mail")


class MailboxState:
    """The state of one account/folder; writes only what changed."""

    def __init__(self, engine: Engine, account: str, folder: str) -> None:
        self._engine = engine
        self.account = account
        self.folder = folder
        self._last: tuple[str, bool, bool] | None = None

    @property
    def label(self) -> str:
        return f"imap {self.account}/{self.folder}"

    async def set(
        self,
        state: str,
        *,
        connected: bool,
        idling: bool = False,
        success: bool = False,
        error: str | None = None,
        level: int = logging.INFO,
    ) -> None:
        current = (state, connected, idling)
        if current == self._last and not success and error is None:
            return
        # Entering and leaving IDLE on every wake is routine: only a new state is logged.
        if self._last is None or current[:2] != self._last[:2] or error is not None:
            if error is not None:
                log.log(level, "%s: %s: %s", self.label, state, error)
            else:
                log.log(level, "%s: %s", self.label, state)
        self._last = current
        try:
            await asyncio.to_thread(
                write_status,
                self._engine,
                self.account,
                self.folder,
                state=state,
                connected=connected,
                idling=idling,
                last_success=datetime.now(UTC) if success else None,
                last_error=error,
            )
        except StoreError as exc:  # the status is advisory; the mailbox keeps going
            log.warning("%s: cannot record its state: %s", self.label, exc)
