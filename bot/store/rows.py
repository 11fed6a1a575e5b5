"""Conversions between table rows and the frozen data types, in one place."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.models import Item, Kind, Newsletter


@dataclass(frozen=True, slots=True)
class StoredItem:
    """An item as stored, with the issue that first carried it and every newsletter since."""

    item_id: int
    item: Item
    newsletter: Newsletter
    newsletter_id: int
    created_at: datetime
    also_in: tuple[str, ...] = ()
    """Names of the other newsletters that carried the same item."""


def item_values(item: Item) -> dict[str, Any]:
    return {
        "title": item.title,
        "url": item.url,
        "canonical_url": item.canonical_url,
        "blurb": item.blurb,
        "section": item.section,
        "sponsor": item.sponsor,
        "kind": item.kind.value if item.kind else None,
        "read_minutes": item.read_minutes,
        "authors": json.dumps(list(item.authors)),
        "links": json.dumps([list(link) for link in item.links]),
    }


def item_from_row(row: Mapping[Any, Any], position: int = 0, other_sections: str = "[]") -> Item:
    return Item(
        title=row["title"],
        url=row["url"],
        canonical_url=row["canonical_url"],
        blurb=row["blurb"],
        section=row["section"],
        sponsor=bool(row["sponsor"]),
        position=position,
        kind=Kind(row["kind"]) if row["kind"] else None,
        read_minutes=row["read_minutes"],
        authors=tuple(json.loads(row["authors"])),
        other_sections=tuple(json.loads(other_sections)),
        links=tuple((str(a), str(b)) for a, b in json.loads(row["links"])),
    )


def newsletter_values(newsletter: Newsletter) -> dict[str, Any]:
    return {
        "family": newsletter.family,
        "name": newsletter.name,
        "issue_date": newsletter.issue_date,
        "message_id": newsletter.message_id,
        "parser": newsletter.parser,
        "parser_version": newsletter.parser_version,
        "sender": newsletter.sender,
        "subject": newsletter.subject,
        "sponsor_name": newsletter.sponsor_name,
        "warnings": json.dumps(list(newsletter.warnings)),
    }


def newsletter_from_row(row: Mapping[Any, Any]) -> Newsletter:
    return Newsletter(
        family=row["family"],
        name=row["name"],
        issue_date=row["issue_date"],
        message_id=row["message_id"],
        parser=row["parser"],
        parser_version=row["parser_version"],
        sender=row["sender"],
        subject=row["subject"],
        sponsor_name=row["sponsor_name"],
        warnings=tuple(json.loads(row["warnings"])),
    )
