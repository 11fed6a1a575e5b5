"""Shapes added in round 8 of the generic parser, each on a few lines: severity badges over
advisories, rows of short secondary links under a story, a post's subtitle under its
headline, a newsletter's own "🎧 LISTEN" promotion, company links opening funding briefs
under a section label, "Read on Substack" / "Leer en X" buttons and a few more closes."""

from __future__ import annotations

from datetime import date

from bot.models import Item
from bot.normalise.text import drop_trailing_cta
from parsers.blockitems import extract
from parsers.cardparts import SEVERITY_PILL, link_row
from parsers.htmlblocks import html_blocks
from parsers.metaline import listed_authors
from parsers.text import is_outro


def _items(markup: str, skip: tuple[str, ...] = ()) -> list[Item]:
    blocks = html_blocks(f"<html><body>{markup}</body></html>")
    return extract(blocks, skip_headings=skip).items


def _advisory(badge: str, cve: str) -> str:
    return (
        f"<p><span>{badge}</span></p>"
        f'<h3><a href="https://nvd.nist.gov/vuln/detail/{cve}">{cve}: path traversal in a web '
        "firewall</a></h3><p>A crafted request reaches an internal handler and runs commands "
        "as an administrator.</p>"
        f'<p><a href="https://vendor.example/psirt/{cve}">Vendor advisory</a> · '
        '<a href="https://www.cisa.gov/kev">CISA KEV</a></p>'
    )


def test_a_severity_badge_over_an_advisory_heading_is_a_tag_not_a_section() -> None:
    items = _items(
        "<h2>Actively exploited</h2>"
        + _advisory("CRITICAL 9.8 KEV", "CVE-2025-1")
        + _advisory("HIGH 7.5", "CVE-2025-2")
    )
    assert [(i.title[:12], i.section) for i in items] == [
        ("CVE-2025-1: ", "Actively exploited"),
        ("CVE-2025-2: ", "Actively exploited"),
    ]
    assert items[0].blurb.startswith("CRITICAL 9.8 KEV — A crafted request")
    assert SEVERITY_PILL.match("Moderate · CVSS 5.3")
    assert not SEVERITY_PILL.match("High-performance Rust")
    assert not SEVERITY_PILL.match("Low latency everywhere")


def test_a_row_of_short_links_under_a_headed_story_is_its_secondary_links() -> None:
    items = _items("<h2>Patch now</h2>" + _advisory("HIGH 8.6", "CVE-2025-3"))
    assert len(items) == 1
    assert [label for label, _ in items[0].links] == ["Vendor advisory", "CISA KEV"]
    assert "Vendor advisory" not in items[0].blurb
    # A count among the links is part of the row; a dated line or a sentence is not.
    row = html_blocks(
        '<p>👍 42 · <a href="https://vendor.example/a">Vendor advisory</a> · '
        '<a href="https://github.com/a/b/commit/72d2c87">Fix commit</a></p>'
    )[0]
    assert link_row(row) is not None
    dated = html_blocks(
        '<p>Released 30 Jun · <a href="https://github.com/a/b/compare">diff</a></p>'
    )
    assert link_row(dated[0]) is None
    prose = html_blocks('<p>We liked <a href="https://a.example/x">this one</a> a lot.</p>')
    assert link_row(prose[0]) is None
    # A button is no secondary link: "▶ Watch recording" still ends a talk's story.
    button = html_blocks('<p><a href="https://v.example/1">▶ Watch recording</a></p>')
    assert link_row(button[0]) is None


def test_a_subtitle_heading_under_the_headline_is_no_section() -> None:
    story = (
        '<h4><a href="https://lateral.example/p/microservices">The case against microservices'
        "</a></h4><p>Two of three teams merged their services back into one deploy.</p>"
    )
    head = (
        '<h1><a href="https://stack.example/p/roundup">Weekly roundup</a></h1>'
        "<h3>Seven posts from writers we read, and one we argued about</h3>"
    )
    items = _items(head + "<p>Hi friends. Here is what we read.</p>" + story, ("Weekly roundup",))
    assert [(i.title, i.section) for i in items] == [("The case against microservices", None)]
    # A short heading there still heads a section.
    short = _items("<h1>Weekly roundup</h1><h3>Essays</h3>" + story)
    assert [i.section for i in short] == ["Essays"]


def test_a_listen_label_over_a_pitch_and_its_button_is_the_newsletters_promo() -> None:
    story = (
        "<p><b>Cloudflare's very bad Tuesday</b></p><p>A configuration file grew past its "
        'limit and took down a chunk of the internet. Cloudflare <a href="https://blog.'
        'cf.example/outage">published a post-mortem</a>.</p>'
    )
    promo = (
        "<p><b>🎧 LISTEN</b></p><p>On today's show: the cheapest way to cut your phone bill."
        '</p><p><a href="https://podcasts.example/daily/1119">Listen now →</a></p>'
    )
    items = _items("<h2>TECH</h2>" + story + promo + story.replace("Tuesday", "Wednesday"))
    assert [i.title for i in items] == [
        "Cloudflare's very bad Tuesday",
        "Cloudflare's very bad Wednesday",
    ]
    assert "phone bill" not in items[0].blurb


def test_a_bold_company_link_opening_a_brief_under_a_section_label_is_an_item() -> None:
    # The company's home page, in bold, opening the first paragraph: under a section label
    # it is the round's company, not the newsletter's masthead.
    items = _items(
        "<p><b>Developer tools</b></p>"
        '<p><b><a href="https://www.railyard.example/">Railyard</a></b> raised a $20M Series A '
        "led by Amplify Partners for its CI cache.</p>"
        '<p><b><a href="https://querylane.example/">Querylane</a></b> raised $6.5M in seed '
        "funding to turn slow SQL into index suggestions.</p>"
    )
    assert [(i.title, i.section) for i in items] == [
        ("Railyard", "Developer tools"),
        ("Querylane", "Developer tools"),
    ]
    # Above every section it is still the masthead.
    top = _items(
        '<p><b><a href="https://seedtracker.example/">Seed Tracker</a></b></p>'
        '<p><b><a href="https://railyard.example/r">Railyard</a></b> raised a $20M Series A '
        "led by Amplify Partners for its CI cache.</p>"
    )
    assert [i.title for i in top] == ["Railyard"]


def test_read_on_site_buttons_leave_the_blurb() -> None:
    assert drop_trailing_cta("The third team is thriving. Read on Substack") == (
        "The third team is thriving."
    )
    assert drop_trailing_cta("Incluye el correo. Leer en elDiario.es") == "Incluye el correo."
    assert drop_trailing_cta("Una hora sobre licencias. Leer en iVoox") == (
        "Una hora sobre licencias."
    )
    assert drop_trailing_cta("Best read on a big screen") == "Best read on a big screen"
    assert drop_trailing_cta("No hay que leer en voz alta") == "No hay que leer en voz alta"


def test_more_closes_end_the_last_item() -> None:
    assert is_outro("¡Hasta la semana que viene!")
    assert is_outro("Enjoy your Wednesday,")
    assert is_outro("Stay patched,")
    assert not is_outro("Stay tuned for the benchmark numbers")
    assert not is_outro("Enjoying the new scheduler? It cuts frame-time spikes by half.")


def test_authors_listed_with_commas_before_a_date_are_the_cards_authors() -> None:
    card = (
        '<p><a href="https://papers.example/paper/voicestudio"><b>VoiceStudio: Zero-Shot Speech '
        "Editing</b></a></p><p>Mei Lin, Oscar Ruiz, Hannah Becker and Ravi Patel · 29 Oct 2025</p>"
        "<p>A flow-matching model that replaces words inside a recording.</p>"
    )
    blocks = html_blocks(f"<html><body>{card}</body></html>")
    items = extract(blocks, issued=date(2025, 11, 11)).items
    assert [(i.title, i.authors) for i in items] == [
        (
            "VoiceStudio: Zero-Shot Speech Editing",
            ("Mei Lin", "Oscar Ruiz", "Hannah Becker", "Ravi Patel"),
        )
    ]
    assert items[0].blurb == "A flow-matching model that replaces words inside a recording."
    assert listed_authors("Rust, Go and Python · 3 Nov 2025") == ()  # one word each: no names
