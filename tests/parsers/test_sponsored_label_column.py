"""A column of bold section labels, one of them "Sponsored": the ads under that label
are its section's and sponsored, not entries of the section above it.

Measured on Kotlin Weekly (Mailchimp, a 30% label cell beside a 70% column of
title / blurb / source line): "Sponsored" sits among "Articles", "Android", "Videos"
as a label of the same shape; its ad was read as the last article, a second ad under
the same label as an unflagged entry.
"""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from parsers import parse
from parsers.blockshapes import sponsor_label_in_run
from parsers.htmlblocks import Block, Link

FIXTURE = Path(__file__).parents[1] / "fixtures/parsers/generic/sponsored_label_column.eml"


def test_sponsored_label_heads_its_own_section() -> None:
    items = parse(load_file(FIXTURE)).items
    assert [(it.title, it.section, it.sponsor) for it in items] == [
        ("Structured logging for small Rust services", "Guides", False),
        ("Testing time without sleeping", "Guides", False),
        ("Ship database migrations without downtime", "Sponsored", True),
        ("Workshop: profiling async code", "Sponsored", True),
        ("What we learned from a year of property tests", "Talks", False),
        ("Observability that bills by the host, not the byte", "Sponsored", True),
        ("tinyretry", "Libraries", False),
        ("fieldmask", "Libraries", False),
    ]
    assert items[2].url == "https://go.shoalbase.example/zero-downtime"
    assert items[5].url == "https://go.lumenward.example/pricing"


def _card(n: int) -> list[Block]:
    title = Link(f"https://news.example/{n}", f"Story number {n}", bold=True)
    return [Block(title.text, [title], bold=True), Block("What the story is about.")]


def test_capital_tag_among_title_case_labels_marks_one_card() -> None:
    label = Block("Community", bold=True)
    tag = Block("SPONSORED", bold=True)
    blocks = [label, *_card(1), tag, *_card(2), *_card(3), *_card(4), *_card(5)]
    assert not sponsor_label_in_run(blocks, 3, "Community")
    same_case = [
        label,
        *_card(1),
        Block("Sponsored", bold=True),
        *_card(2),
        Block("Tools", bold=True),
    ]
    assert sponsor_label_in_run(same_case, 3, "Community")
    # Stories go on under the ad, no label soon after it: the label marks the ad only.
    running = [
        label,
        *_card(1),
        Block("Sponsored", bold=True),
        *_card(2),
        *_card(3),
        *_card(4),
        *_card(5),
    ]
    assert not sponsor_label_in_run(running, 3, "Community")
