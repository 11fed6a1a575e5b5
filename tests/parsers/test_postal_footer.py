"""The sender's postal address on a line of its own right over the footer ("Dataline
Analytics Ltd, 12 Quay Street, Manchester M3 3JE" / "You received this email because …")
is the footer's, not the end of the last item's summary."""

from __future__ import annotations

from parsers.blockitems import extract
from parsers.htmlblocks import html_blocks
from parsers.text import postal_line

ITEMS = (
    '<p><a href="https://a.example/1">Scheduled exports now run every 15 minutes</a></p>'
    "<p>Hourly was the floor until now; a quarter hour is the new one.</p>"
    '<p><a href="https://a.example/2">Webinar: modelling churn without a data team</a></p>'
    "<p>Forty-five minutes with our analytics lead. Live Q&amp;A at the end.</p>"
)


def test_postal_lines() -> None:
    assert postal_line("Dataline Analytics Ltd, 12 Quay Street, Manchester M3 3JE, United Kingdom")
    assert postal_line("Wendepunkt Medien GmbH · Gartenstraße 14 · 79098 Freiburg")
    assert postal_line("Copper Kettle Coffee Roasters, Unit 4, Mill Yard, Leeds LS9 8AB")
    # A summary's last line is no address: prices, a sentence.
    assert not postal_line("Tickets: €12, €8 for members, free for kids")
    assert not postal_line("Drinks from six, short talks at seven, and the bakery is catering.")


def test_address_over_the_footer_leaves_the_last_summary() -> None:
    markup = (
        ITEMS + "<p>Dataline Analytics Ltd, 12 Quay Street, Manchester M3 3JE, United Kingdom<br>"
        "You received this email because you signed up at dataline.example.<br>"
        '<a href="https://a.example/unsub">Unsubscribe</a></p>'
    )
    items = extract(html_blocks(markup)).items
    assert [i.title for i in items] == [
        "Scheduled exports now run every 15 minutes",
        "Webinar: modelling churn without a data team",
    ]
    assert items[-1].blurb == "Forty-five minutes with our analytics lead. Live Q&A at the end."
