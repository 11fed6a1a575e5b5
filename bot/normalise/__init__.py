"""Normalise a parse result: canonical URLs, clean text, one item per link.

Pure: a ``ParseResult`` in, a ``ParseResult`` out. Runs after every parser, so parsers
only have to find items; making them tidy and comparable happens once, here.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from urllib.parse import urlsplit

from bot.models import Item, Kind, ParseResult
from bot.normalise.text import clean_text, drop_button_line, drop_trailing_cta, repair_mojibake
from bot.normalise.urls import canonical_url, is_paid_link, kind_from_url

__all__ = ["canonical_url", "clean_text", "normalise_result", "repair_mojibake"]


def normalise_result(result: ParseResult) -> ParseResult:
    """Fill canonical URLs, clean texts, merge same-link items, renumber positions 0..n-1."""
    merged: dict[str, Item] = {}  # in first-listed order: a merge keeps the key's place
    for tidy in _keep_story_anchors([_tidy(item) for item in result.items]):
        key = tidy.canonical_url or "title:" + tidy.title.casefold()
        first = merged.get(key)
        merged[key] = tidy if first is None else _merge(first, tidy)
    items = tuple(
        item if item.position == i else _at(item, i) for i, item in enumerate(merged.values())
    )
    newsletter = replace(
        result.newsletter,
        name=clean_text(result.newsletter.name),
        subject=clean_text(result.newsletter.subject),
        sponsor_name=clean_text(result.newsletter.sponsor_name)
        if result.newsletter.sponsor_name
        else None,
    )
    return replace(result, newsletter=newsletter, items=items)


# Items are built field by field below, not with dataclasses.replace: replace costs ~5 us
# an item, a third of normalising one (tests/bot/test_normalise_fields.py keeps the
# field lists complete).


def _item(
    *,
    title: str,
    url: str | None,
    canonical_url: str | None,
    blurb: str,
    section: str | None,
    sponsor: bool,
    position: int,
    kind: Kind | None,
    read_minutes: int | None,
    authors: tuple[str, ...],
    other_sections: tuple[str, ...],
    links: tuple[tuple[str, str], ...],
) -> Item:
    """``Item(...)`` with every field named, built as the dataclass's own ``__init__``
    builds it: a new instance, each field set with ``object.__setattr__`` (the class is
    frozen). That ``__init__`` runs as Python, ~23k instructions an item; this, compiled,
    ~3.5k (tests/bot/test_speed_items.py checks the items are equal, field for field)."""
    item = object.__new__(Item)
    object.__setattr__(item, "title", title)
    object.__setattr__(item, "url", url)
    object.__setattr__(item, "canonical_url", canonical_url)
    object.__setattr__(item, "blurb", blurb)
    object.__setattr__(item, "section", section)
    object.__setattr__(item, "sponsor", sponsor)
    object.__setattr__(item, "position", position)
    object.__setattr__(item, "kind", kind)
    object.__setattr__(item, "read_minutes", read_minutes)
    object.__setattr__(item, "authors", authors)
    object.__setattr__(item, "other_sections", other_sections)
    object.__setattr__(item, "links", links)
    return item


def _at(item: Item, position: int) -> Item:
    """``item.at(position)`` built by ``_item``."""
    return _item(
        title=item.title,
        url=item.url,
        canonical_url=item.canonical_url,
        blurb=item.blurb,
        section=item.section,
        sponsor=item.sponsor,
        position=position,
        kind=item.kind,
        read_minutes=item.read_minutes,
        authors=item.authors,
        other_sections=item.other_sections,
        links=item.links,
    )


def _tidy(item: Item) -> Item:
    url = item.url.strip() if item.url else None
    canonical = canonical_url(url) if url else None
    return _item(
        title=clean_text(item.title),
        url=url or None,
        canonical_url=canonical,
        blurb=_tidy_blurb(item.blurb),
        section=clean_text(item.section) if item.section else None,
        # A link tagged as paid placement (utm_medium=paid) is an ad, whatever the layout.
        sponsor=item.sponsor or is_paid_link(url),
        position=item.position,
        # "(5 minute read)" says article unless the link itself says paper, repo, video...
        kind=item.kind or kind_from_url(canonical) or (Kind.ARTICLE if item.read_minutes else None),
        read_minutes=item.read_minutes,
        authors=tuple(a for a in map(clean_text, item.authors) if a) if item.authors else (),
        other_sections=tuple(clean_text(s) for s in item.other_sections if s)
        if item.other_sections
        else (),
        links=tuple((clean_text(label), href.strip()) for label, href in item.links)
        if item.links
        else (),
    )


@functools.lru_cache(maxsize=8192)  # pure; an issue lists some stories twice, blurb and all
def _tidy_blurb(blurb: str) -> str:
    """The blurb cleaned, its closing button (a line or a "Read more →") dropped."""
    return drop_trailing_cta(clean_text(drop_button_line(blurb)))


def _keep_story_anchors(items: list[Item]) -> list[Item]:
    """Stories linked as anchors of one page ("…/issue-301#story-a", "…#story-b") keep the
    anchor in their canonical URL: canonical URLs drop fragments, which would merge them."""
    fragments: dict[str, set[str]] = {}
    for item in items:
        if item.canonical_url and item.url and "#" in item.url:
            fragments.setdefault(item.canonical_url, set()).add(_fragment(item.url))
    anchored = {c for c, found in fragments.items() if len(found - {""}) >= 2}
    if not anchored:
        return items
    return [
        replace(item, canonical_url=f"{item.canonical_url}#{_fragment(item.url)}")
        if item.canonical_url in anchored and item.url and _fragment(item.url)
        else item
        for item in items
    ]


def _fragment(url: str) -> str:
    try:
        return urlsplit(url).fragment
    except ValueError:
        return ""


def _merge(first: Item, again: Item) -> Item:
    """The first listing wins; later ones add their sections, blurb, links and flags. A
    title the first listing left a fragment, lower case, its subject the heading above it
    ("vs Hermes Agent" under a story about Kiro Crew), yields to a later one holding it
    whole ("Kiro Crew vs Hermes Agent")."""
    title = first.title
    if first.title[:1].islower() and f" {first.title} " in f" {again.title} ":
        title = again.title
    sections = [s for s in (*first.sections, *again.sections) if s]
    unique = list(dict.fromkeys(sections))
    links = tuple(dict.fromkeys((*first.links, *again.links)))
    return _item(
        title=title,
        url=first.url,
        canonical_url=first.canonical_url,
        blurb=first.blurb or again.blurb,
        section=unique[0] if unique else None,
        sponsor=first.sponsor or again.sponsor,
        position=first.position,
        kind=first.kind or again.kind,
        read_minutes=first.read_minutes or again.read_minutes,
        authors=first.authors or again.authors,
        other_sections=tuple(unique[1:]),
        links=links,
    )
