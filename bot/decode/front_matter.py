"""A Markdown post's YAML front matter: its ``title`` names the issue, its ``date`` dates
it, the rest is no text.

Mail archivers write the same block over a message's text: its ``subject`` names the
issue when it has no ``title``, its date may be the mail's own ("Tue, 28 Apr 2026
12:03:20 +0000"), and the block may be one JSON object between the fences (``{"from":
…, "subject": …, "created_at": …}``, as Hugo also reads it).

Static-site posts and reader tools' exports open with a block between ``---`` lines
(``title: 'Links der Woche KW 24'``, ``date: …``, ``tags: […]``). Rendered as Markdown it
would read as a paragraph (its closing ``---`` even makes it a heading), so the file's
first line would name the issue ``---`` and the keys would be its first "story".
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import NamedTuple

from bot.decode.headers import header_date

# Front matter is short; a "---" opening a long document without a closing fence is a rule.
_MAX_LINES = 300
_KEY = re.compile(r"([A-Za-z_][\w-]{0,60})[ \t]*:(?:[ \t]+|$)(.*)")
# "2026-02-10", "2026-02-10 07:00:00 -0800" (Jekyll), "2026-04-06T02:00:00Z" (Hugo): the
# ISO 8601 date (and time and zone) a value opens with, for ``datetime.fromisoformat``.
_DATE = re.compile(
    r"\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:[ \t]*(?:Z|[+-]\d\d:?\d\d))?)?(?![\d:])"
)
_FRACTION = re.compile(r"\.\d+")

# Jekyll and Hugo write "date", Astro "pubDate", others "published" or "publishDate".
_DATE_KEYS = frozenset({"date", "pubdate", "pub_date", "published", "publishdate", "published_at"})
# A mail archiver's export: the message's subject, and when it was sent or stored.
_TITLE_KEYS = ("title", "subject")
_MAIL_DATE_KEYS = ("sent_at", "created_at", "received_at")


class FrontMatter(NamedTuple):
    title: str | None
    date: datetime | None
    body: str


def split_front_matter(text: str) -> FrontMatter:
    """Title, date and body of a document opening with front matter; (None, None, text)
    otherwise. A date without a zone is read as UTC."""
    if text.startswith(("#+", "# ")):
        return _org_keywords(text)
    if not text.startswith("---\n"):
        return FrontMatter(None, None, text)
    lines = text.split("\n", _MAX_LINES + 1)
    end = next(
        (i for i in range(1, min(len(lines), _MAX_LINES)) if lines[i].rstrip() in ("---", "...")),
        None,
    )
    if end is None or end == 1:
        return FrontMatter(None, None, text)
    block = lines[1:end]
    if block[0].strip() == "{":
        return _json_block(block, "\n".join(lines[end + 1 :]).lstrip("\n"), text)
    if not all(not line.strip() or _KEY.match(line) or line[:1] in " \t-#" for line in block):
        return FrontMatter(None, None, text)  # not YAML keys: a thematic break over prose
    titles: dict[str, str] = {}
    when = None
    for i, line in enumerate(block):
        m = _KEY.match(line)
        if m and when is None and m.group(1).lower() in _DATE_KEYS:
            when = _date(_scalar(m.group(2).strip()))
        if m and m.group(1).lower() in _TITLE_KEYS and m.group(1).lower() not in titles:
            parts = [m.group(2).strip()]
            # A long scalar folds over indented lines ("title: 'Import AI 435: …\n  per watt'").
            for more in block[i + 1 :]:
                if not more[:1].isspace() or not more.strip():
                    break
                parts.append(more.strip())
            titles[m.group(1).lower()] = _scalar(" ".join(parts))
    title = next((titles[k] for k in _TITLE_KEYS if titles.get(k)), None)
    body = "\n".join(lines[end + 1 :]).lstrip("\n")
    return FrontMatter(title, when, body)


# An Org file's header: "#+title: 2026-04-06 Loomcraft notes", "#+date: …", and comments
# ("# Created 2025-11-03 Mon 23:24") above or among them.
_ORG_KEYWORD = re.compile(r"#\+(\w{1,40}):[ \t]*(.*)")


def _org_keywords(text: str) -> FrontMatter:
    """Title, date and body of an Org file opening with its "#+key: value" lines."""
    lines = text.split("\n", _MAX_LINES + 1)
    title = None
    when = None
    end = 0
    keys = 0
    while end < min(len(lines), _MAX_LINES):
        line = lines[end]
        m = _ORG_KEYWORD.fullmatch(line.rstrip())
        if m is None and not line.startswith("# "):
            break
        end += 1
        if m is not None:
            keys += 1
            key, value = m.group(1).lower(), m.group(2).strip()
            if key == "title" and title is None:
                title = value or None
            elif key in _DATE_KEYS and when is None:
                when = _date(value)
    if keys == 0:
        return FrontMatter(None, None, text)
    return FrontMatter(title, when, "\n".join(lines[end:]).lstrip("\n"))


def _json_block(block: list[str], body: str, text: str) -> FrontMatter:
    """A front matter written as one JSON object; (None, None, text) when it is none."""
    try:
        fields = json.loads("\n".join(block))
    except ValueError:
        return FrontMatter(None, None, text)
    if not isinstance(fields, dict):
        return FrontMatter(None, None, text)
    low = {str(k).lower(): v for k, v in fields.items()}
    titles = (low.get(k) for k in _TITLE_KEYS)
    title = next((v.strip() for v in titles if isinstance(v, str) and v.strip()), None)
    dates = (low.get(k) for k in (*sorted(_DATE_KEYS), *_MAIL_DATE_KEYS))
    when = next((d for v in dates if isinstance(v, str) and (d := _date(v)) is not None), None)
    return FrontMatter(title, when, body)


def _date(value: str) -> datetime | None:
    m = _DATE.match(value.lstrip("'\""))
    if m is None:
        return _mail_date(value)
    try:
        # Fractions of a second dropped (fromisoformat wants 3 or 6 digits of them).
        when = datetime.fromisoformat(_FRACTION.sub("", m.group(), count=1))
    except ValueError:  # "2026-02-30", "+25:00": no such date or zone
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


# RFC 5322's date, as a mail archiver copies the Date header: "Tue, 28 Apr 2026 12:03:20 +0000".
_MAIL_DATE = re.compile(r"(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d")


def _mail_date(value: str) -> datetime | None:
    if not _MAIL_DATE.match(value):
        return None
    when = header_date(value, [], fast=True)  # the Date header's own reading
    if when is None:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _scalar(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'").strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\").strip()
    if value[:1] in "[{|>&*!":
        return ""  # a list, a block scalar or a tag: no title written out
    return value.split(" #", 1)[0].strip()
