"""Items rebuilt field by field keep every field.

``normalise._tidy``, ``normalise._merge`` and ``Item.at`` copy items by naming each
field (``dataclasses.replace`` cost a third of normalising an item). A field added to
``Item`` and not to those copies would be silently dropped: these tests fill every field and fail until the copies (and
the sample values below) name it.
"""

from __future__ import annotations

import re
from dataclasses import fields

from hypothesis import given, settings
from hypothesis import strategies as st

import bot.normalise as normalise
from bot.models import Email, Item, Kind, Newsletter, ParseResult
from bot.normalise import clean_text, normalise_result
from parsers import base

# Every field of Item, away from its default and already in normal form.
_SAMPLE: dict[str, object] = {
    "title": "A title",
    "url": "https://example.com/a",
    "canonical_url": "https://example.com/a",
    "blurb": "A blurb.",
    "section": "Section",
    "sponsor": True,
    "position": 3,
    "kind": Kind.REPO,
    "read_minutes": 7,
    "authors": ("Ada", "Grace"),
    "other_sections": ("Other",),
    "links": (("Code", "https://example.com/code"),),
}


def _item() -> Item:
    missing = {f.name for f in fields(Item)} - set(_SAMPLE)
    assert not missing, f"Item gained {missing}: copy it in normalise._tidy and Item.at"
    return Item(**_SAMPLE)  # type: ignore[arg-type]


def _values(item: Item) -> dict[str, object]:
    return {f.name: getattr(item, f.name) for f in fields(Item)}


def test_moving_an_item_keeps_every_other_field() -> None:
    item = _item()
    assert _values(item.at(9)) == {**_SAMPLE, "position": 9}


def test_tidying_an_item_keeps_every_field() -> None:
    assert _values(normalise._tidy(_item())) == _SAMPLE


def test_normalising_a_parse_result_keeps_every_field() -> None:
    item = _item()
    parser = base.result(  # position 3 becomes 0 on the way in, as for any parser's items
        _Parser(), Email(message_id="<m@x>"), family="x", name="X", items=[item]
    )
    assert _values(normalise_result(parser).items[0]) == {**_SAMPLE, "position": 0}


class _Parser:
    name = "fields"
    version = "1"

    def match(self, email: Email) -> base.Match | None:
        return None

    def parse(self, email: Email) -> ParseResult:
        return ParseResult(newsletter=Newsletter(family="x", name="X"), items=())


_ASCII_TEXT = st.text(st.characters(max_codepoint=127).filter(lambda c: c != "&"), max_size=80)


@settings(max_examples=500, deadline=None)
@given(_ASCII_TEXT)
def test_clean_text_joins_every_run_of_whitespace(text: str) -> None:
    assert clean_text(text) == re.sub(r"\s+", " ", text).strip()


def test_merging_keeps_every_field_of_the_first_listing() -> None:
    first = _item()
    again = Item(title="Again", url=first.url, canonical_url=first.canonical_url, section="Later")
    merged = normalise._merge(first, again)
    assert _values(merged) == {**_SAMPLE, "other_sections": ("Other", "Later")}
