"""A lead card whose heading is set only by its type size (a Klaviyo text block:
``<p><span style="font-size:30px">…</span></p>``): image, heading, prose, button."""

from __future__ import annotations

from parsers.blockitems import extract
from parsers.htmlblocks import html_blocks

PROSE = (
    "Four Saturday mornings at the roastery, six people per class, from espresso basics "
    "to filter brewing."
)


def test_plain_line_over_prose_and_a_button_heads_the_card() -> None:
    markup = (
        '<p><a href="https://shop.example/brew-school"><img src="hero.jpg" alt=""></a></p>'
        '<p><span style="font-size:30px">Brew School returns this April</span></p>'
        f"<p>{PROSE}</p>"
        '<p><a href="https://shop.example/brew-school">Reserve a seat</a></p>'
    )
    items = extract(html_blocks(markup)).items
    assert [(i.title, i.url) for i in items] == [
        ("Brew School returns this April", "https://shop.example/brew-school")
    ]
    assert items[0].blurb == PROSE


def test_a_speaker_line_under_a_heading_stays_plain() -> None:
    markup = (
        "<h3>Typing your pandas code without losing your mind</h3>"
        "<p>Amara Okafor</p>"
        f"<p>{PROSE}</p>"
        '<p><a href="https://video.example/w/1">Watch recording</a></p>'
    )
    items = extract(html_blocks(markup)).items
    assert [i.title for i in items] == ["Typing your pandas code without losing your mind"]
