"""Shapes added in round 11 of the generic parser (email builders): ActiveCampaign's click
tracker spelling its target in base64, an event's "Add to calendar" / "Zoom link" buttons,
and "Partner spotlight" / "Sponsor Posts" sponsor sections."""

from __future__ import annotations

import base64
from urllib.parse import quote

from bot.normalise.urls import canonical_url
from parsers.blockitems import extract
from parsers.blockshapes import is_cta
from parsers.htmlblocks import html_blocks
from parsers.text import SPONSOR_SECTION


def test_a_tracker_parameter_holding_the_target_in_base64_is_unwrapped() -> None:
    target = "https://www.example.org/articles/onboarding?utm_source=news"
    encoded = base64.b64encode(quote(target, safe="").encode()).decode()
    link = f"https://acct.lt.acemlnb.com/Prod/link-tracker?redirectUrl={encoded}&sig=7Fq2&i=1A2"
    assert canonical_url(link) == "https://example.org/articles/onboarding"
    plain = base64.urlsafe_b64encode(target.encode()).decode()
    assert canonical_url(f"https://t.example/c?p={plain}") == canonical_url(target)
    # A base64 value that is no link leaves the tracker as it is.
    other = base64.b64encode(b"subscriber 7731 in list 12 of account 9").decode()
    assert canonical_url(f"https://t.example/c?p={other}").startswith("https://t.example/c?")


def test_an_events_calendar_and_zoom_buttons_are_no_items() -> None:
    for text in ("Add to calendar", "Add to Google Calendar", "Zoom link", "Join on Zoom"):
        assert is_cta(text)
    assert not is_cta("Zoom links rot faster than you think")
    blocks = html_blocks(
        "<html><body><h2>This week</h2>"
        '<h3><a href="https://events.example/e/1">Certified robustness for graph networks</a></h3>'
        "<p><strong>Lena Hoffmann</strong>, ETH Zürich</p>"
        "<p>Small edits to a graph can flip a classifier; certificates bound them.</p>"
        '<p><a href="https://uni.zoom.us/j/91">Zoom link</a></p>'
        '<p><a href="https://events.example/e/1/ical">Add to calendar</a></p>'
        "</body></html>"
    )
    items = extract(blocks).items
    assert [(i.title, i.url) for i in items] == [
        ("Certified robustness for graph networks", "https://events.example/e/1")
    ]


def test_partner_spotlight_and_sponsor_posts_head_sponsored_sections() -> None:
    for heading in ("Partner spotlight", "Sponsor Posts", "SPONSOR SPOTLIGHT"):
        assert SPONSOR_SECTION.match(heading)
    assert not SPONSOR_SECTION.match("Partner news from the lab")
