"""Make values fit their columns before they reach the database.

PostgreSQL refuses a string longer than its ``VARCHAR(n)`` and any text with a
NUL character; SQLite accepts both. Mail is hostile input (a 5,000-character
Message-ID, a NUL in a Subject, a 400-character sender name), and a refused
insert would lose the email, so every row is clipped here, at the store's
boundary, the same way on both backends.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import String, Table

ELLIPSIS = "…"
MAX_ID_BYTES = 2000


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 and C1 control characters but tab and line breaks: NUL, which PostgreSQL refuses,
and ESC, which would let a subject like "\x1b]52;c;…" rewrite the clipboard of whoever
reads ``gleaner search`` or the console channel in a terminal."""


def without_controls(value: str) -> str:
    return CONTROL.sub("", value)


def clip_text(value: str, length: int | None) -> str:
    """``value`` without control characters and at most ``length`` characters long."""
    value = without_controls(value)
    if length is not None and len(value) > length:
        # The ellipsis shows a reader the value was cut; message ids stay exact prefixes
        # (see ``clip_column``), so lookups by the clipped value still match.
        return value[: length - 1] + ELLIPSIS
    return value


def column_length(table: Table, column: str) -> int | None:
    type_ = table.c[column].type
    return type_.length if isinstance(type_, String) else None


def clip_column(table: Table, column: str, value: str) -> str:
    """One value made to fit ``table.column``; identifiers are cut without an ellipsis."""
    length = column_length(table, column)
    if column == "message_id":
        value = without_controls(value)
        value = value if length is None else value[:length]
        # Message ids are indexed, and a PostgreSQL B-tree entry holds at most 2,704 bytes:
        # 998 CJK characters are 3,000. RFC 5322 ids are ASCII, so only hostile ones are cut.
        return value.encode("utf-8")[:MAX_ID_BYTES].decode("utf-8", "ignore")
    return clip_text(value, length)


def fit(table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with every string made to fit its column of ``table``."""
    return {
        name: clip_column(table, name, value) if isinstance(value, str) else value
        for name, value in values.items()
    }
