"""A link written around a whole table (an email builder's clickable card).

libxml2 cannot nest a table in a link: ``<a href><table>…</table></a>`` parses as an empty
``<a>`` followed by the table. The block walk reads the table as the link's content again,
so the card's title, blurb and button carry the card's address."""

from __future__ import annotations

import pytest

from parsers.blockitems import extract
from parsers.htmlblocks import Block, html_blocks, parse_html, walk_python


def _card(n: int, opening: str = "") -> str:
    return (
        f'<tr><td><a href="https://news.example/story-{n}" style="text-decoration:none">{opening}'
        f'<table width="100%"><tr><td><img src="https://cdn.example/{n}.png" alt=""></td></tr>'
        f"<tr><td><h3>Story {n}: a cache that forgets on purpose</h3>"
        f"<p>What the team measured when story {n}'s cache dropped entries early.</p>"
        '<p style="color:#06c">Read more →</p></td></tr></table></a></td></tr>'
    )


def _page(rows: str) -> str:
    return f"<html><body><table><tr><td><h2>Top stories</h2></td></tr>{rows}</table></body></html>"


def _both(markup: str) -> list[Block]:
    python = walk_python(parse_html(markup))
    compiled = html_blocks(markup)
    assert compiled == python
    return compiled


def test_a_link_around_a_card_table_titles_the_card_with_its_address() -> None:
    blocks = _both(_page(_card(1) + _card(2)))
    assert [[lk.href for lk in b.links] for b in blocks] == [
        [],
        *[["https://news.example/story-1"]] * 3,
        *[["https://news.example/story-2"]] * 3,
    ]
    items = extract(blocks).items
    assert [(i.title, i.url, i.section) for i in items] == [
        (
            f"Story {n}: a cache that forgets on purpose",
            f"https://news.example/story-{n}",
            "Top stories",
        )
        for n in (1, 2)
    ]


@pytest.mark.parametrize("opening", [" ", "\n  "])
def test_whitespace_inside_the_link_still_wraps_the_table(opening: str) -> None:
    items = extract(_both(_page(_card(3, opening)))).items
    assert [i.url for i in items] == ["https://news.example/story-3"]


def test_a_link_with_words_or_an_image_of_its_own_stays_where_it_is() -> None:
    for opening in ("Logo", '<img src="https://cdn.example/logo.png" alt="Acme">'):
        blocks = _both(_page(_card(4, opening)))
        assert all(not b.links for b in blocks if b.text.startswith("Story 4"))


def test_a_hidden_table_after_an_empty_link_does_not_hold_the_link_open() -> None:
    markup = (
        '<div><a href="https://news.example/x"></a><table style="display:none"><tr><td>'
        "Preview text</td></tr></table><p>After the card, a paragraph of its own.</p></div>"
    )
    blocks = _both(markup)
    assert [(b.text, b.links) for b in blocks] == [("After the card, a paragraph of its own.", [])]


def test_text_between_the_link_and_the_table_leaves_the_link_alone() -> None:
    markup = '<div><a href="https://news.example/y"></a> see below <table><tr><td>Cell</td></tr></table></div>'
    blocks = _both(markup)
    assert (blocks[-1].text, blocks[-1].links) == ("Cell", [])
