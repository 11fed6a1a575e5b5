"""Date leaves and date links read only figures ``int`` reads."""

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
