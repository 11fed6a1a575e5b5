"""Rubric stories: a heading over prose in labelled paragraphs ("**What happened:** …",
"**Driving the story:** …", "**Where things stand:** …") and bullets whose links cite
sources mid-sentence ("…, the journal <a>reported</a>.") is one story, linked by its
first inline link; its bullets are no list of entries.

Measured on The Batch (HubSpot, 2025-12-26): five stories read as sections of their
citation links; both of its parts go through the same click tracker, so the text part
resolves none of the HTML's links.
"""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from parsers import parse
from parsers.blockshapes import _says_read_more, cited_bullet
from parsers.htmlblocks import Block, Link
from parsers.text import is_promo

FIXTURE = Path(__file__).parents[1] / "fixtures/parsers/generic/rubric_story_bullets.eml"
TRACKER = "https://go.kelpmail.example/c3x/Tr/QQ+7/aB9cD01/"


def test_one_item_per_rubric_story_linked_by_its_first_inline_link() -> None:
    items = parse(load_file(FIXTURE)).items
    assert [(it.title, it.url) for it in items] == [
        ("Gliders Map the Deep Shelf", TRACKER + "VqD1e7319dd3f42d3342C22111Abc8006081Wz9K"),
        ("Buoys Learn to Talk", TRACKER + "Vq5a3C439019c7837809Ec6700E0707f35f4Wz9K"),
        (
            "Harbor Drones Cut Inspection Costs",
            TRACKER + "Vq4441e958664f47a2ef904B1eF86751260FWz9K",
        ),
    ]
    assert not any(it.sponsor for it in items)


def test_cited_bullet() -> None:
    src = Link("https://news.example/a", "reported")
    cited = Block(
        "The fleet logged a record season at sea, the trade journal reported in June.",
        [src],
        in_list=True,
    )
    cited.text += " It was the longest run yet."
    assert cited_bullet(cited)
    entry = Link("https://news.example/b", "A field guide to ocean gliders")
    listed = Block("A field guide to ocean gliders - worth bookmarking", [entry], in_list=True)
    assert not cited_bullet(listed)  # the link opens the entry: an entry of its own
    assert not cited_bullet(Block(cited.text, [src]))  # no list entry


def test_rubric_labels_are_no_read_more_line() -> None:
    assert not _says_read_more("Where things stand:")
    assert not _says_read_more("Resources:")
    assert _says_read_more("Read more:")
    assert _says_read_more("Source:")
    # A profile link under a story is no button ("link" inside "LinkedIn").
    assert not _says_read_more("Amara on LinkedIn")
    assert _says_read_more("Read the full interview")


def test_sender_hiring_box_is_promo() -> None:
    assert is_promo("Join the crew! Check out job openings at Tidewatch Labs and Kelp Robotics.")
    assert not is_promo("Job openings at port authorities fell by a fifth this year.")
