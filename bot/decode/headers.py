"""The few headers Gleaner reads, decoded as ``policy.default`` decodes them."""

from __future__ import annotations

from datetime import datetime
from email import errors, policy
from email.header import decode_header, make_header
from email.utils import parsedate_to_datetime

from bot.decode import common_headers
from bot.decode.mime_split import Fields

MAX_HEADER = 2000
_UNSTRUCTURED = frozenset({"subject", "list-id"})


def header(headers: Fields, name: str, defects: list[str], *, fast: bool) -> str:
    """The header as ``policy.default`` decodes it (RFC 2047 words, folding), defects noted.

    The message is parsed with compat32 (structure only) and the few headers Gleaner
    reads go through ``policy.default``'s header registry here: parsing the whole
    message under ``policy.default`` re-parses Content-Type many times and costs ~6x.
    The fast route decodes the common shape of unstructured headers itself.
    """
    key = name.lower()
    raw = headers.get(key)
    if raw is None:
        return ""
    # The header registry is quadratic in encoded words: a hostile 700 KB Subject took
    # a minute. No header Gleaner reads is legitimately longer than this.
    raw = raw[:MAX_HEADER]
    if raw.isascii() and "=?" not in raw:
        return " ".join(raw.split())  # nothing to decode: what the registry would return
    if fast and key in _UNSTRUCTURED and (decoded := common_headers.unstructured(raw)) is not None:
        return decoded
    try:
        value = policy.default.header_fetch_parse(name, raw)
        defects.extend(
            f"header {name}: {type(d).__name__}: {d}"
            for d in getattr(value, "defects", ())
            # Raw UTF-8 in headers (RFC 6532) is normal in today's mail, not a defect worth a word.
            if not isinstance(d, errors.UndecodableBytesDefect)
        )
        return str(value)
    except Exception as exc:  # the header registry has edge-case crashes on hostile input
        defects.append(f"header {name} is malformed ({type(exc).__name__}); used raw")
        try:
            return str(make_header(decode_header(str(raw))))
        except Exception:
            return str(raw)


def header_date(value: str, defects: list[str], *, fast: bool) -> datetime | None:
    """The Date header as a datetime, None (noted) when unreadable."""
    if not value.strip():
        return None
    try:
        return (fast and common_headers.date(value)) or parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        defects.append(f"unreadable Date header {value[:60]!r}")
        return None
