"""Turn a draft item (what ``blockitems.extract`` collected) into an ``Item``: title
annotations become read time and kind, inline sponsor tags become the sponsor flag."""

from __future__ import annotations

import re

from bot.models import Item
from parsers.text import split_title

_SPONSOR_TAIL = re.compile(
    r"(?:^|[.!?]\s+|\s\()(sponsor(?:ed)?|promoted|paid (?:post|content)|advertisement)\)?\s*$"
    # In capitals it needs no full stop before it: "… [Try Acme free](url) *SPONSORED*".
    r"|\s((?-i:SPONSORED|SPONSOR|PROMOTED|ADVERTISEMENT))\s*$",
    re.I,
)
_SPONSOR_HEAD = re.compile(r"^\(?(sponsor(?:ed)?|promoted|advertisement)\)?\s*[:|–—-]\s*", re.I)
_HEAD_STARTS = "(sSpPaAſ"


def make_item(
    current: dict[str, object],
    blurb: str,
    *,
    position: int = 0,
    authors: tuple[str, ...] = (),
    minutes: int | None = None,
    links: tuple[tuple[str, str], ...] = (),
) -> Item:
    """The item a draft (title, url, section, sponsor flag) and its blurb make, at
    ``position``, with the byline's authors and read time (the title's own read time
    wins) and secondary links."""
    # Link digests tag paid entries inline: "… a description. Sponsor" / "Sponsored: …".
    tail = blurb[-40:].lower()
    tag = (
        ("sponsor" in tail or "promoted" in tail or "paid" in tail or "advertisement" in tail)
        and _SPONSOR_TAIL.search(blurb)
    ) or (
        # _SPONSOR_HEAD opens on "(", "s" (or "ſ", which re.I folds to it), "p" or "a".
        blurb[:1] in _HEAD_STARTS and _SPONSOR_HEAD.match(blurb)
    )
    if tag:
        blurb = (blurb[: tag.start()] + blurb[tag.end() :]).strip()
    return item_from_draft(
        current,
        blurb,
        sponsor=bool(current["sponsor"]) or bool(tag),
        links=links,
        position=position,
        authors=authors,
        minutes=minutes,
    )


def item_from_draft(
    current: dict[str, object],
    blurb: str,
    *,
    sponsor: bool = False,
    links: tuple[tuple[str, str], ...] = (),
    position: int = 0,
    authors: tuple[str, ...] = (),
    minutes: int | None = None,
) -> Item:
    """A draft's title with its annotations split off (read time, kind, "(Sponsor)"), its
    link and section, and the blurb as given. The item is built once, with every field
    (``dataclasses.replace`` afterwards costs more than building it)."""
    title = split_title(str(current["title"]))
    section = current["section"]
    return Item(
        title=title.text,
        url=str(current["url"]),
        blurb=blurb,
        section=section if isinstance(section, str) else None,
        sponsor=sponsor or title.sponsor,
        kind=title.kind,
        read_minutes=title.read_minutes if minutes is None else title.read_minutes or minutes,
        links=links,
        position=position,
        authors=authors,
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
