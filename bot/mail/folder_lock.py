"""One watcher per folder across instances: a PostgreSQL advisory lock per account/folder.

Several Gleaner instances on one PostgreSQL database would otherwise all fetch
every message (the store would keep each once, but the work and the status
rows would be doubled). The instance holding a folder's lock watches it; the
others stand by and take over when it goes away, since PostgreSQL drops a
session's advisory locks with its connection. SQLite has one instance by
nature, so there the lock is always granted.

Each lock holds its own connection, outside the store's pool, so watching
many folders cannot exhaust the pool.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import Connection, Engine, create_engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from bot.errors import StoreError
from bot.store import describe
from bot.store.store import connect_args

log = logging.getLogger("bot.mail")


def lock_key(account: str, folder: str) -> int:
    """A stable signed 64-bit key for ``pg_advisory_lock``."""
    digest = hashlib.sha256(f"gleaner-imap:{account}/{folder}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_engine(engine: Engine) -> Engine | None:
    """An engine without a pool for the locks' long-lived connections (None on SQLite)."""
    if engine.dialect.name != "postgresql":
        return None
    return create_engine(engine.url, poolclass=NullPool, connect_args=connect_args(engine.url))


class FolderLock:
    """Blocking; callers in the event loop use threads."""

    def __init__(self, engine: Engine | None, account: str, folder: str) -> None:
        self._engine = engine
        self._key = lock_key(account, folder)
        self._conn: Connection | None = None

    @property
    def held(self) -> bool:
        return self._engine is None or self._conn is not None

    def try_acquire(self) -> bool:
        if self.held:
            return True
        assert self._engine is not None
        try:
            conn = self._engine.connect()
            got = bool(conn.execute(select(func.pg_try_advisory_lock(self._key))).scalar())
            conn.commit()  # the lock is the session's; end the transaction that took it
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot take the folder lock: {describe(exc)}") from exc
        if got:
            self._conn = conn
        else:
            conn.close()
        return got

    def check(self) -> None:
        """Raise StoreError if the connection that holds the lock is gone (and the lock with it)."""
        if self._conn is None:
            return
        try:
            self._conn.execute(text("SELECT 1"))
            self._conn.commit()
        except SQLAlchemyError as exc:
            self._conn.invalidate()
            self._conn = None
            raise StoreError(
                f"lost the connection holding the folder lock: {describe(exc)}"
            ) from exc

    def release(self) -> None:
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        try:
            conn.execute(select(func.pg_advisory_unlock(self._key)))
            conn.commit()
        except SQLAlchemyError as exc:  # closing the connection releases it anyway
            log.debug("releasing a folder lock: %s", exc)
        finally:
            conn.close()
