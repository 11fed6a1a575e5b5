"""Turn a draft item (what ``blockitems.extract`` collected) into an ``Item``: title
annotations become read time and kind, inline sponsor tags become the sponsor flag."""

from __future__ import annotations

import re

from bot.models import Item
from parsers.text import split_title

_SPONSOR_TAIL = re.compile(
    r"(?:^|[.!?]\s+|\s\()(sponsor(?:ed)?|promoted|paid (?:post|content)|advertisement)\)?\s*$", re.I
)
_SPONSOR_HEAD = re.compile(r"^\(?(sponsor(?:ed)?|promoted|advertisement)\)?\s*[:|–—-]\s*", re.I)


def make_item(current: dict[str, object], blurb: str) -> Item:
    """The item a draft (title, url, section, sponsor flag) and its blurb make."""
    title = split_title(str(current["title"]))
    url = str(current["url"])
    kind = title.kind
    sponsor = bool(current["sponsor"]) or title.sponsor
    # Link digests tag paid entries inline: "… a description. Sponsor" / "Sponsored: …".
    tail = blurb[-40:].lower()
    tag = (
        ("sponsor" in tail or "promoted" in tail or "paid" in tail or "advertisement" in tail)
        and _SPONSOR_TAIL.search(blurb)
    ) or _SPONSOR_HEAD.match(blurb)
    if tag:
        sponsor = True
        blurb = (blurb[: tag.start()] + blurb[tag.end() :]).strip()
    section = current["section"]
    return Item(
        title=title.text,
        url=url,
        blurb=blurb,
        section=section if isinstance(section, str) else None,
        sponsor=sponsor,
        kind=kind,
        read_minutes=title.read_minutes,
    )


_LEADING_NOTE = re.compile(r"^\(([^()]{1,40})\)\s*[-–—:|]?\s*")


def with_annotation(title: str, rest: str) -> tuple[str, str]:
    """ "<a>Title</a> (12 min) — blurb": the read time or kind right after the link is the
    title's annotation (split_title turns it into read_minutes / kind), not blurb."""
    m = _LEADING_NOTE.match(rest)
    if m is None:
        return title, rest
    note = split_title(f"x ({m.group(1)})")
    if note.read_minutes is None and note.kind is None and not note.sponsor:
        return title, rest
    return f"{title} ({m.group(1)})", rest[m.end() :]
