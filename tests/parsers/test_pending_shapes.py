"""Shapes of the round-11 fixtures that waited in parsers_pending, each on a few lines: an
issue's meta line with a link under its headline, Techmeme's cite lines and "More:" rows,
a sponsor's linked name as a label, a header row of nav links, image headings."""

from __future__ import annotations

from bot.models import Item
from parsers.blockitems import extract
from parsers.blockshapes import meta_row
from parsers.htmlblocks import html_blocks


def _items(markup: str) -> list[Item]:
    return extract(html_blocks(f"<html><body>{markup}</body></html>")).items


def _talk(n: int) -> str:
    return (
        f'<h3><a href="https://events.example/event/{n}">Talk number {n} on graph robustness'
        "</a></h3><p>Small edits to a graph can flip a classifier's output; certificates "
        "bound how many edges an attacker must change.</p>"
    )


def test_a_headline_over_a_meta_line_with_a_link_is_no_item() -> None:
    items = _items(
        "<h1>Seminars at Hollis</h1>"
        "<p>Weekly digest · October 20–31, 2025 · "
        '<a href="https://events.example/calendar">Full calendar</a></p>'
        "<p>All talks are open to the community; recordings are posted within a week.</p>"
        "<h2>This week</h2>" + _talk(1) + _talk(2)
    )
    assert [(i.url[-2:], i.section) for i in items] == [("/1", "This week"), ("/2", "This week")]
    # A sentence with a link is prose, not a meta line; nor is a two-part line.
    prose = html_blocks('<p>We read <a href="https://a.example/x">the report</a> · twice.</p>')
    assert not meta_row(prose[0])
    two = html_blocks('<p>October 2025 · <a href="https://a.example/c">Full calendar</a></p>')
    assert not meta_row(two[0])


def _story(n: int, more: str) -> str:
    return (
        f'<div>Reporter {n} / <a href="https://outlet{n}.example/">Outlet {n}</a>:</div>'
        f'<div><strong><a href="https://outlet{n}.example/story">Company {n} buys a startup '
        "for $2.1B, its largest deal to date</a></strong> — The deal adds optical links "
        "between racks …</div>"
        f"<div><span>More:</span> {more}</div>"
    )


def test_cite_lines_and_more_rows_belong_to_the_story_between_them() -> None:
    one = '<a href="https://osdigest.example/a">Open Source Digest</a>'
    two = '<a href="https://w.example/b">Wirebeat</a>, <a href="https://l.example/c">The Ledger</a>'
    items = _items("<p><b>Top News</b></p>" + _story(1, two) + _story(2, one))
    assert [i.url for i in items] == [
        "https://outlet1.example/story",
        "https://outlet2.example/story",
    ]
    assert [label for label, _ in items[0].links] == ["Wirebeat", "The Ledger"]
    assert items[1].links == (("Open Source Digest", "https://osdigest.example/a"),)
    assert items[1].authors == ("Reporter 2",)
    assert "Reporter 2" not in items[0].blurb
    # "More:" before a title of many words is a label over a story, not a links row.
    labelled = _items(
        '<p>More: <a href="https://a.example/p">Why retries make agents worse than you think'
        "</a>, an essay on failure.</p>"
    )
    assert [i.title for i in labelled] == ["Why retries make agents worse than you think"]


def test_a_linked_name_and_colon_before_a_link_labels_that_link() -> None:
    items = _items(
        "<p><b>Sponsor Posts</b></p>"
        '<div><strong><a href="https://corvid.example/">Corvid Security</a>:</strong> '
        '<a href="https://corvid.example/report">The 2025 State of API Breaches report</a>'
        " — 1,200 incidents analysed and what stopped them.</div>"
    )
    assert [(i.title, i.url, i.sponsor) for i in items] == [
        ("The 2025 State of API Breaches report", "https://corvid.example/report", True)
    ]


def test_a_header_row_of_short_links_a_cell_each_is_navigation() -> None:
    cells = "".join(
        f'<td><a href="https://click.example/l/{n}">{name}</a></td>'
        for n, name in enumerate(("SHOP COFFEE", "BREW GUIDES", "SUBSCRIPTIONS"))
    )
    story = (
        "<h2>How we choose a washed coffee</h2><p>Our buyer spent three weeks in the hills "
        "and explains why we cup forty lots to buy two.</p>"
        '<p><a href="https://click.example/l/9">Read the story</a></p>'
    )
    items = _items(f"<table><tr>{cells}</tr></table>" + story)
    assert [(i.title, i.url) for i in items] == [
        ("How we choose a washed coffee", "https://click.example/l/9")
    ]


def _image_section(n: int, alt: str, photo: str = "") -> str:
    return (
        f'<tr><td><img src="https://media.example/photo-{n}.jpg" alt="{photo}"></td></tr>'
        f'<tr><td><img src="https://media.example/heading-{n}.png" alt="{alt}"></td></tr>'
        "<tr><td><p>Why I plant cloves pointy end up in mid-October, how deep they go, and "
        "the straw mulch that carried last year's crop through.</p></td></tr>"
        f'<tr><td><a href="https://garden.example/blog/{n}">Read the post</a></td></tr>'
    )


def test_image_headings_over_prose_and_a_button_title_their_items() -> None:
    items = _items(
        "<table>"
        + _image_section(1, "Planting garlic before the first frost")
        + _image_section(2, "Five shrubs for winter berries", photo="A robin on a holly branch")
        + "</table>"
    )
    assert [(i.title, i.url) for i in items] == [
        ("Planting garlic before the first frost", "https://garden.example/blog/1"),
        ("Five shrubs for winter berries", "https://garden.example/blog/2"),
    ]
    assert all("robin" not in i.blurb for i in items)  # a photo's alt text is no words


def test_one_image_over_prose_and_a_button_keeps_its_alt_text_out() -> None:
    # One such image is a photo over its card, not a heading: its alt is no title.
    blocks = html_blocks(f"<html><body><table>{_image_section(1, 'Garlic bulbs')}</table>")
    assert [b.text for b in blocks][:1] == [
        "Why I plant cloves pointy end up in mid-October, "
        "how deep they go, and the straw mulch that "
        "carried last year's crop through."
    ]
