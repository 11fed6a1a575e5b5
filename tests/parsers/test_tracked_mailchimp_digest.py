"""A digest sent through Mailchimp's click tracker (every link its own opaque address):
the masthead is a link whose words are the newsletter's domain, the sponsor's card is
followed by a bold button, articles carry "— A, B" bylines, and a rating row of numbers
closes the issue."""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from bot.models import ParseResult
from bot.normalise import normalise_result
from parsers import parse
from parsers.metaline import listed_authors, meta_line

FIXTURE = (
    Path(__file__).parent.parent / "fixtures/parsers/generic/tracked_masthead_ad_button_rating.eml"
)
T = "https://gearbox.us5.list-manage.com/track/click?u=4f1c0a&id={}&e=9b2d7e"


def _result() -> ParseResult:
    return normalise_result(parse(load_file(FIXTURE)))


def test_items_titles_links_sections_and_sponsors() -> None:
    got = [(i.title, i.url, i.section, i.sponsor) for i in _result().items]
    assert got == [
        ("Stop Writing Billing Code By Hand", T.format("a001"), None, True),
        ("Lessons From Ten Years Of On-Call", T.format("s101"), None, False),
        ("Feature Flags Are Debt", T.format("s102"), None, False),
        ("Metering Usage At Scale", T.format("s103"), None, True),
        ("Reading Flame Graphs Slowly", T.format("s104"), None, False),
        ("Quarry", T.format("n201"), "Notable Links", False),
        ("Tessel", T.format("n202"), "Notable Links", False),
        ("Wrenfold", T.format("n203"), "Notable Links", False),
    ]


def test_dash_byline_of_two_authors() -> None:
    items = _result().items
    assert items[1].authors == ("Priya Nandakumar", "Jonas Albrecht")
    assert items[1].blurb is not None
    assert not items[1].blurb.startswith("—")
    assert meta_line("— Priya Nandakumar, Jonas Albrecht") is not None
    assert listed_authors("— Priya Nandakumar, Jonas Albrecht") == (
        "Priya Nandakumar",
        "Jonas Albrecht",
    )
    # A sentence after a dash is no byline.
    assert meta_line("— and then, Later On, it broke") is None


def test_rating_words_are_no_summary() -> None:
    last = _result().items[-1]
    assert last.blurb == "Static site generator with incremental builds."
