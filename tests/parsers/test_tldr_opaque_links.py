"""TLDR's 2026 emails send every link through an opaque short link
(links.tldrnewsletter.com/AbC123), so its own furniture is told by its words and sections:
the job board, its hiring, its ad sales and its other newsletters are not items."""

from __future__ import annotations

from bot.models import Email
from parsers import parse


def _story(code: str, title: str, blurb: str) -> str:
    return (
        '<table width="100%"><tbody><tr><td style="padding:15px 15px"><div><span>'
        f'<a href="https://links.tldrnewsletter.com/{code}"><span><strong>{title}</strong></span></a>'
        f'<br><br><span style="font-family:Helvetica">{blurb}</span></span></div></td></tr></tbody></table>'
    )


def test_furniture_behind_opaque_links_is_told_by_its_words() -> None:
    html = (
        "<html><body><div><span>TLDR 2026-05-14</span></div>"
        + _story(
            "Ab1",
            "Get your brand in front of 5+ million tech professionals (Sponsor)",
            "Our readers build the products you use.",
        )
        + "<h1><strong>Big Tech &amp; Startups</strong></h1>"
        + _story(
            "Cd2", "A chip fab slips to 2028 (4 minute read)", "The company blamed tool deliveries."
        )
        + _story(
            "Ef3", "Routers that get ten years of updates (3 minute read)", "Promised in writing."
        )
        + "<h1><strong>Quick Links</strong></h1>"
        + _story(
            "Gh4", "Craving more AI in your inbox? (Sponsor)", "Try TLDR AI, free every weekday."
        )
        + _story("Ij5", "TLDR is hiring a curator (TLDR Job, Fully Remote)", "Pick the stories.")
        + _story("Kl6", "An open model for tiny GPUs (2 minute read)", "Runs on 8 GB of memory.")
        + _story(
            "Kl7",
            "Mail apps now summarise every thread in your inbox (3 minute read)",
            "Opt-out only.",
        )
        + "<h1><strong>Jobs</strong></h1>"
        + _story("Mn7", "Acme - Platform Engineer (Fully Remote, $150,000+)", "Acme is hiring.")
        + "</body></html>"
    )
    email = Email(
        message_id="<t@x>", sender="dan@tldrnewsletter.com", subject="Chips slip", html=html
    )
    result = parse(email)
    assert result.newsletter.parser == "tldr"
    assert [i.title for i in result.items] == [
        "A chip fab slips to 2028",
        "Routers that get ten years of updates",
        "An open model for tiny GPUs",
        "Mail apps now summarise every thread in your inbox",  # a story, not an ad slot
    ]
