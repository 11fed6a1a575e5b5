"""A one-line quip alone under a section heading ("## And finally…" over "Never peek at
400°, <a>or else</a>… 💥"), then the next heading or the footer: one item, titled by its
sentence (its link is two words that name nothing), or by its link when the link names
something of several words. Too short to be a story titled by its heading, it was dropped.

Measured on iOS Dev Weekly #705 (Sendy, 2025-03-28): its "And finally..." item was missed,
F1 0.923 -> 1.000; #706 (its quip a link of its own) stays 1.000.
"""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from parsers import parse
from parsers.blockshapes import lone_quip
from parsers.htmlblocks import Block, Link

FIXTURE = Path(__file__).parents[1] / "fixtures/parsers/generic/section_lone_quip.eml"


def test_the_quip_is_the_last_sections_item() -> None:
    items = parse(load_file(FIXTURE)).items
    assert [(it.title, it.url, it.section, it.sponsor) for it in items] == [
        (
            "Log every firing from your phone",
            "https://firelog.example/?utm_source=kiln_weekly&utm_medium=email",
            "Sponsored Link",
            True,
        ),
        (
            "The cone chart gets its first revision in decades",
            "https://ceramicsdaily.example/2026/06/cone-chart-revised",
            "News",
            False,
        ),
        ("GlazeCalc 3", "https://glazecalc.example/", "Tools", False),
        (
            "Never peek at 400°, or else…",
            "https://shardstories.example/why-we-wait",
            "Last of all",
            False,
        ),
    ]


HEADING = Block("One more thing", level=2, bold=True)
FOOTER = Block(
    "You received this email because you subscribed. Unsubscribe at any time.",
    [Link("https://letter.example/unsubscribe/1", "Unsubscribe")],
)


def _quip(text: str, link: Link, after: Block | None = FOOTER) -> tuple[str, Link] | None:
    blocks = [HEADING, Block(text, [link])] + ([after] if after else [])
    return lone_quip(blocks, 1)


def test_lone_quip_titles() -> None:
    short = Link("https://tales.example/a", "or else")
    assert _quip("Never peek at 400°, or else… 💥", short) == (
        "Never peek at 400°, or else…",
        short,
    )
    named = Link("https://tales.example/b", "the slowest kiln ever built")
    got = _quip("Somebody finally measured the slowest kiln ever built.", named, None)
    assert got == ("the slowest kiln ever built", named)


def test_lone_quip_is_one_sentence_ending_its_section() -> None:
    link = Link("https://tales.example/c", "the board")
    # Two sentences: a pitch or a note ("… decided. Speak up now."), not a quip.
    assert _quip("Every week the board reviews proposals. Speak up now.", link) is None
    # Prose follows: the section goes on.
    prose = Block("And there is more to say about it in a paragraph of its own, with no link.")
    assert _quip("Every week, the board picks a winner.", link, prose) is None
    # A sub-heading follows: the sentence introduces it.
    sub = Block("Proposals", level=3, bold=True)
    assert _quip("Every week, the board picks a winner.", link, sub) is None
    # The block opens with its link: a title line, read elsewhere.
    lead = Link("https://tales.example/d", "Intel inside")
    assert lone_quip([HEADING, Block("Intel inside 🤖", [lead], lead=lead), FOOTER], 1) is None
