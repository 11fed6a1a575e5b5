"""Inputs that made ``extract`` raise: date figures ``int`` does not read, and addresses
``urlsplit`` refuses."""

from __future__ import annotations

from parsers import blockitems
from parsers.htmlblocks import Block, Link


def test_superscript_figures_are_no_day() -> None:
    """'²' is a digit to ``str.isdigit`` but no number to ``int``: a date leaf or a date
    link holding one is no date, and reading it raises nothing (the generic parser raised,
    and the registry fell back to the next parser)."""
    lead = Link(href="https://example.com/e/1", text="Dec ²")
    title = Link(href="https://example.com/e/1", text="Rust meetup in Lisbon")
    blocks = [
        Block(text="Dec ²", links=[lead], lead=lead),
        Block(text="²", bold=True),
        Block(text="DIC · SÁB", bold=True),
        Block(text="Rust meetup in Lisbon", links=[title], lead=title),
        Block(text="Talks on async Rust and embedded work, then dinner nearby."),
    ]
    for leaves in (blocks, blocks[1:]):  # the date link, then the leaf alone
        out = blockitems.extract(leaves)  # raised ValueError on int("²")
        assert "Rust meetup in Lisbon" in [item.title for item in out.items]


def test_an_address_urlsplit_refuses_is_no_listing_or_post() -> None:
    """``urlsplit`` raises on "https://[bad…" (an unclosed IPv6 bracket): the dash-cited
    brief, the tag-row and the listing tests read such a link as none of theirs."""
    bad = Link(href="https://[bad/x", text="The Ledger")
    brief = Block(text="Fed holds rates steady as inflation cools — The Ledger", links=[bad])
    assert blockitems.extract([brief]).items is not None  # raised ValueError
    listing = Link(href="https://[bad/org/rfcs/pulls", text="New and Updated RFCs")
    entry = Link(href="https://example.com/rfcs/1", text="RFC 1: async closures")
    blocks = [
        Block(text="New and Updated RFCs", links=[listing], lead=listing, level=2),
        Block(text="RFC 1: async closures", links=[entry], lead=entry, in_list=True),
    ]
    assert blockitems._listing_heading(blocks, 0, blocks[0], listing) is False
