"""Shapes added in round 3 of the generic parser, each on a few lines of HTML: links in
mid-sentence under a label heading, paper cards with a link row, bullet-glyph paragraphs
(Outlook), and the letter's close kept out of the last item."""

from __future__ import annotations

from parsers.blockitems import extract
from parsers.htmlblocks import html_blocks


def _extract(markup: str) -> list[tuple[str, str, str | None, str]]:
    return [(i.title, i.url or "", i.section, i.blurb) for i in extract(html_blocks(markup)).items]


def test_short_heading_over_link_takes_is_a_section_of_items() -> None:
    markup = (
        "<h2>Notes</h2>"
        '<p>Someone explains <a href="https://a.example/dns">how DNS caching works</a>, '
        "with diagrams.</p>"
        '<p>I keep rereading <a href="https://b.example/simple">a list of hard simple things</a> '
        "before deadlines.</p>"
    )
    got = _extract(markup)
    assert [(t, u, s) for t, u, s, _ in got] == [
        ("how DNS caching works", "https://a.example/dns", "Notes"),
        ("a list of hard simple things", "https://b.example/simple", "Notes"),
    ]


def test_one_paragraph_with_an_inline_link_under_a_headline_stays_a_story() -> None:
    markup = (
        "<h2>Heat pumps outsold gas furnaces for the third year</h2>"
        '<p>Shipments rose 14% according to <a href="https://data.example/hp">new data</a>, '
        "and cold-climate models made up a quarter of the total.</p>"
    )
    got = _extract(markup)
    assert [(t, u) for t, u, _, _ in got] == [
        ("Heat pumps outsold gas furnaces for the third year", "https://data.example/hp")
    ]


def test_paper_card_takes_its_link_row_and_keeps_a_capitalised_venue_in_the_blurb() -> None:
    markup = (
        "<h2>New papers</h2>"
        "<div><b>Counting Without Boxes</b></div><div>J. Whitfield, A. Okafor</div>"
        "<div>ICCV 2025</div>"
        '<div>[<a href="https://arxiv.org/pdf/1">PDF</a>] [<a href="https://git.example/c">Code</a>]</div>'
        "<div><b>Stereo in the Dark</b></div><div>R. Delgado</div><div>IROS 2025</div>"
        '<div>[<a href="https://arxiv.org/abs/2">arXiv</a>] [<a href="https://git.example/s">Code</a>]</div>'
    )
    items = extract(html_blocks(markup)).items
    assert [(i.title, i.url, i.section) for i in items] == [
        ("Counting Without Boxes", "https://arxiv.org/pdf/1", "New papers"),
        ("Stereo in the Dark", "https://arxiv.org/abs/2", "New papers"),
    ]
    assert "ICCV 2025" in items[0].blurb
    assert items[0].links == (("Code", "https://git.example/c"),)


def test_bullet_glyph_paragraphs_are_list_entries() -> None:
    markup = (
        "<p><b>Reminders</b></p>"
        '<p>·&nbsp;&nbsp; The <a href="https://l.example/course">annual security course</a> is due.</p>'
        '<p>·&nbsp;&nbsp; Laptops restart for the <a href="https://l.example/os">OS upgrade</a> soon.</p>'
    )
    got = _extract(markup)
    assert [(t, s) for t, _, s, _ in got] == [
        ("annual security course", "Reminders"),
        ("OS upgrade", "Reminders"),
    ]


def test_the_letters_close_is_not_the_last_items_blurb() -> None:
    markup = (
        '<p><b><a href="https://a.example/one">The first story of the week</a></b></p>'
        "<p>What it is about, in a sentence or two of summary.</p>"
        "<p>That's all for this week. Hit reply and tell us what you are building.</p>"
        "<p>Thanks,</p><p>Priya</p>"
    )
    got = _extract(markup)
    assert [(t, b) for t, _, _, b in got] == [
        ("The first story of the week", "What it is about, in a sentence or two of summary.")
    ]
