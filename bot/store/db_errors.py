"""Database errors and URLs in words fit for a terminal line or a log: one line, no password."""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError


def safe_url(url: str) -> str:
    """The database URL with its password masked, for messages, logs and ``config show``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: show nothing of it
        return "<database url>"


def describe(exc: BaseException) -> str:
    """A database error in one line: the driver's first line, without SQL, parameters or links.

    SQLAlchemy's text spans several lines and repeats the statement with its
    values; a user needs "connection refused" or "value too long".
    """
    orig = getattr(exc, "orig", None)
    if isinstance(exc, SQLAlchemyError) and orig is not None:
        exc = orig
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    return first.removeprefix("connection failed: ")
