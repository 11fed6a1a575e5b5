"""Shapes added in round 13 of the generic parser (developer digests sent through Curated,
Customer.io and Gmail): a card's site line linking its own title's page, a "You're
receiving X because you …" footer, and the "-- " separator over a Gmail signature."""

from __future__ import annotations

from parsers.blockitems import extract
from parsers.htmlblocks import html_blocks
from parsers.text import is_footer


def test_a_site_line_linking_the_cards_own_page_is_neither_blurb_nor_story() -> None:
    # Curated: title link, summary, the site's name linking the same page.
    blocks = html_blocks(
        "<html><body><h2>Articles</h2>"
        '<h3><a href="https://c.example/l/1">Pattern matching, four years later</a></h3>'
        "<p>A tour of where match statements earned their keep in a large codebase and "
        "where plain if/elif still reads better.</p>"
        '<p><a href="https://c.example/l/1">blog.quietcompiler.example</a></p>'
        '<h3><a href="https://c.example/l/2">quokka-orm</a></h3>'
        "<p>Async-first ORM with a typed query builder.</p>"
        '<p><a href="https://c.example/l/2">github.com</a></p>'
        "</body></html>"
    )
    items = extract(blocks).items
    assert [(i.title, i.blurb) for i in items] == [
        (
            "Pattern matching, four years later",
            "A tour of where match statements earned their keep in a large codebase and "
            "where plain if/elif still reads better.",
        ),
        ("quokka-orm", "Async-first ORM with a typed query builder."),
    ]


def test_a_one_paragraph_story_over_its_own_site_line_still_is_one() -> None:
    # No item open: the paragraph is the story, titled by its first sentence.
    blocks = html_blocks(
        "<html><body><p>The EU has opened an investigation into how three cloud providers "
        "price egress. Regulators will look at switching costs.</p>"
        '<p>→ <a href="https://news.example/egress">news.example</a></p>'
        "<p>A second story is told here in one paragraph of some length, about chips. "
        "It has a second sentence too.</p>"
        '<p>→ <a href="https://chips.example/a">chips.example</a></p></body></html>'
    )
    titles = [i.title for i in extract(blocks).items]
    assert (
        titles[0]
        == "The EU has opened an investigation into how three cloud providers price egress"
    )


def test_youre_receiving_something_because_you_starts_the_footer() -> None:
    assert is_footer("You're receiving product updates because you have a Ledgerly account.")
    assert is_footer("You are receiving this email because you signed up.")
    assert not is_footer("You're receiving payouts in three currencies now.")


def test_the_signature_separator_ends_a_gmail_letters_items() -> None:
    blocks = html_blocks(
        '<div dir="ltr"><div>Hi friends,</div><ol>'
        '<li><a href="https://a.example/homepages">The quiet death of the homepage</a> - good</li>'
        '<li><a href="https://b.example/btrees">A visual explanation of B-trees</a> - clicked</li>'
        "</ol><div>Mateo</div>"
        '<span class="gmail_signature_prefix">-- </span><br>'
        '<div class="gmail_signature"><div>Mateo Vandenberghe<div>'
        '<a href="https://mateo.example">mateo.example</a></div></div></div></div>'
    )
    assert [i.url for i in extract(blocks).items] == [
        "https://a.example/homepages",
        "https://b.example/btrees",
    ]
