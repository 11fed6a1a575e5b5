"""Shapes added in round 10 of the generic parser, each on a few lines: a table row's
"CFP" link cell, a book's cover link over its title, "Bookshop | Amazon" rows, sub-bullets
under a listed story, Hacker News titles showing their site, a sponsor boxed by rules in
plain text, "1 big thing:" leads, and Polish and Turkish furniture."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.models import Email, Item
from bot.normalise.text import drop_trailing_cta
from parsers.blockitems import extract
from parsers.blockshapes import is_cta, is_listing_button
from parsers.covers import names_block
from parsers.generic import GenericParser
from parsers.htmlblocks import html_blocks
from parsers.plaintext import parse_plain
from parsers.text import SPONSOR_TAG, byline, is_boilerplate_link, is_footer, is_outro


def _items(markup: str) -> list[Item]:
    return extract(html_blocks(f"<html><body>{markup}</body></html>")).items


def _row(name: str, when: str, place: str, url: str) -> str:
    return (
        f"<tr><td><b>{name}</b><br><span>May 12–14, 2026</span></td><td>{when}</td>"
        f'<td>{place}</td><td><a href="{url}">CFP</a></td></tr>'
    )


def test_a_rows_one_word_link_cell_is_the_link_of_the_name_in_its_first_cell() -> None:
    items = _items(
        "<h2>Closing this month</h2><table>"
        "<tr><th>Conference</th><th>Deadline</th><th>Location</th><th></th></tr>"
        + _row("RustWeek Lisbon", "Nov 9", "Lisbon, PT", "https://cfp.example/rustweek")
        + _row("PyData Baltic", "Nov 14", "Riga, LV", "https://pydata.example/cfp")
        + "</table><p>Organising a conference? <a href='https://radar.example/new'>Submit "
        "your CFP</a> and we'll list it.</p>"
    )
    assert [(i.title, i.url, i.section) for i in items[:2]] == [
        ("RustWeek Lisbon", "https://cfp.example/rustweek", "Closing this month"),
        ("PyData Baltic", "https://pydata.example/cfp", "Closing this month"),
    ]
    # The link cell ends the row: neither "CFP" nor the call for listings is its blurb.
    assert items[1].blurb == "May 12–14, 2026 Nov 14 Riga, LV"
    # A feed's name in bold over its posts is no row's link cell.
    feed = _items(
        "<h1>Engineering</h1><p>7 new articles</p>"
        '<p><b><a href="https://lwn.example/">LWN.net</a></b></p>'
        '<h3><a href="https://lwn.example/a">The rest of the merge window</a></h3>'
        "<p>By the time rc1 came out, 11,800 changesets had been merged.</p>"
    )
    assert [i.title for i in feed] == ["The rest of the merge window"]


def _book(title: str, alt: str, slug: str) -> str:
    return (
        f'<div><a href="https://shelf.example/books/{slug}"><img src="c.jpg" alt="{alt}"></a>'
        f"<p><i>{title}</i></p><p>by Maren Solvik</p>"
        "<p>A keeper's account book becomes a record of everyone who passed the island.</p>"
        f'<p><a href="https://bookshop.example/a/{slug}">Bookshop</a> | '
        f'<a href="https://amazon.example/dp/{slug}">Amazon</a></p></div>'
    )


def test_a_cover_links_the_title_its_alt_names_and_the_shops_are_secondary_links() -> None:
    items = _items(
        "<h2>FICTION</h2>"
        + _book("The Lighthouse Ledger", "Cover of The Lighthouse Ledger", "ledger")
        + _book("Salt Roads: How a Mineral Drew Europe", "Cover of Salt Roads", "salt")
    )
    assert [(i.title, i.url) for i in items] == [
        ("The Lighthouse Ledger", "https://shelf.example/books/ledger"),
        ("Salt Roads: How a Mineral Drew Europe", "https://shelf.example/books/salt"),
    ]
    assert [label for label, _ in items[0].links] == ["Bookshop", "Amazon"]
    assert names_block("Cover of Salt Roads", "Salt Roads: How a Mineral Drew Europe")
    assert not names_block("Cover of Salt Roads", "Salt Roadster")
    assert not names_block("Shelf Notes", "Issue 112 · October 2025")
    assert not names_block("Home", "Home")  # too short to tell anything


def test_sub_bullets_under_a_listed_story_are_its_links_not_stories() -> None:
    items = _items(
        "<h2>Databases</h2><ul>"
        '<li><a href="https://eng.example/vacuum">Why our Postgres vacuum never finished</a> '
        "— a forgotten replication slot and eleven days of bloat.<ul>"
        '<li><a href="https://news.ycombinator.com/item?id=1">Discussion on HN</a></li>'
        '<li>Related: <a href="https://pg.example/tuning">The autovacuum tuning guide</a></li>'
        "</ul></li>"
        '<li><a href="https://bench.example/jsonb">SQLite JSONB functions, measured</a> — 3× '
        "faster to query.</li></ul>"
    )
    assert [i.title for i in items] == [
        "Why our Postgres vacuum never finished",
        "SQLite JSONB functions, measured",
    ]
    assert [label for label, _ in items[0].links] == [
        "Discussion on HN",
        "The autovacuum tuning guide",
    ]
    # Entries under a label entry without a link are stories: their parent is no story.
    listed = _items(
        '<ul><li><a href="https://a.example/x">A story about a queue</a> — what broke.</li>'
        "<li>Tools<ul>"
        '<li><a href="https://b.example/y">A tool for tracing queues</a> — small, in Go.</li>'
        "</ul></li></ul>"
    )
    assert [i.title for i in listed] == ["A story about a queue", "A tool for tracing queues"]


def test_plain_titles_lose_the_site_they_show_and_a_ruled_sponsor_box_is_an_ad() -> None:
    text = (
        "SHOW HN\n=======\n\n"
        "1. Show HN: Tinyrelay – an MQTT broker in Zig (github.com)\n"
        "   https://github.com/oskar-v/tinyrelay\n"
        "   612 points | 148 comments: https://news.ycombinator.com/item?id=1\n\n"
        "2. Show HN: Maps of old rail lines (trains.example.org)\n"
        "   https://other.example/rail\n\n"
        "------------------------------\n"
        "SPONSOR: Cronwatch (cronwatch.example)\n"
        "   Get an alert when a cron job does not run, not just when it fails.\n"
        "   Free for 20 monitors: https://cronwatch.example/?ref=hn\n"
        "------------------------------\n"
    )
    items, _, _ = parse_plain(text)
    assert [(i.title, i.sponsor) for i in items] == [
        ("Show HN: Tinyrelay – an MQTT broker in Zig", False),
        # The site shown is not the URL's: it stays part of the title.
        ("Show HN: Maps of old rail lines (trains.example.org)", False),
        ("Cronwatch", True),
    ]
    assert items[2].blurb.startswith("Get an alert")
    # A tag needs its colon or brackets: "Ad hoc …" is a title, not an ad.
    plain, _, _ = parse_plain("Ad hoc networks for disaster relief\nhttps://mesh.example/a\n")
    assert [(i.title, i.sponsor) for i in plain] == [("Ad hoc networks for disaster relief", False)]


def test_one_big_thing_over_numbered_stories_is_the_leads_number() -> None:
    def story(heading: str, slug: str) -> str:
        return (
            f"<h1>{heading}</h1><p>The Commerce Department widened its rules on Wednesday, "
            f"adding two more countries.</p><p><b>Why it matters:</b> It reaches rented chips."
            f'</p><p><a href="https://news.example/{slug}">Go deeper</a></p>'
        )

    html = story("1 big thing: Chip export rules tighten", "a") + story("2. GPUs get cheaper", "b")
    email = Email(
        sender="pro@news.example",
        sender_name="Pro Tech",
        subject="Pro Tech",
        date=datetime(2025, 9, 18, tzinfo=UTC),
        message_id="<m@news.example>",
        html=f"<html><body>{html}</body></html>",
    )
    items = GenericParser().parse(email).items
    assert [i.title for i in items] == ["Chip export rules tighten", "GPUs get cheaper"]
    # Without numbered stories after it, "1 big thing:" is the title's own words.
    alone = replace(email, html=f"<html><body>{story('1 big thing: X', 'a')}")
    assert GenericParser().parse(alone).items[0].title == "1 big thing: X"


def test_polish_and_turkish_furniture_ads_closes_and_buttons() -> None:
    assert is_boilerplate_link("Wypisz się z newslettera", "https://tp.example/w?u=1")
    assert is_boilerplate_link("Zobacz w przeglądarce", "https://tp.example/wydania/214")
    assert is_boilerplate_link("Tarayıcıda görüntüle", "https://bulten.example/214")
    assert is_boilerplate_link("Abonelikten çık", "https://bulten.example/x")
    assert SPONSOR_TAG.match("REKLAMA")
    assert SPONSOR_TAG.match("Sponsorlu")
    assert not SPONSOR_TAG.match("Reklamacje")
    assert is_footer("Otrzymujesz tę wiadomość, ponieważ zapisałeś się do newslettera.")
    assert is_footer("Bu e-postayı bültenimize abone olduğunuz için aldınız.")
    assert is_outro("To wszystko na dziś. Do zobaczenia za tydzień!")
    assert is_outro("Bu haftalık bu kadar, görüşmek üzere!")
    assert is_listing_button("Zobacz wszystkie oferty →")
    assert is_listing_button("Tümünü gör")
    assert is_cta("Czytaj dalej →")
    assert is_cta("Devamını oku")
    assert is_cta("Open the community")
    assert drop_trailing_cta("Sprawdziliśmy, co warto wiedzieć. Czytaj dalej →") == (
        "Sprawdziliśmy, co warto wiedzieć."
    )
    assert drop_trailing_cta("Yeni sürüm çıktı. Devamını oku") == "Yeni sürüm çıktı."


def test_a_label_right_before_a_title_link_under_a_bare_heading_is_its_own_story() -> None:
    items = _items(
        "<h2>5. Take note</h2>"
        "<p><b>On the move:</b> Priya Raman is leaving Tessellate to become a CTO.</p>"
        '<p><b>ICYMI:</b> <a href="https://news.example/license">A database company moved '
        "back to an open-source license</a>, a year after leaving it.</p>"
    )
    assert [(i.title, i.section) for i in items] == [
        ("A database company moved back to an open-source license", "Take note"),
    ]
    # A label before a link mid-sentence is still part of the story its heading titles.
    story = _items(
        "<h1>Chip rules tighten</h1><p>The department widened its rules on Wednesday.</p>"
        "<p><b>The big picture:</b> Rules are now written around "
        '<a href="https://bureau.example/tpp">total processing performance</a>, a metric.</p>'
    )
    assert [(i.title, i.url) for i in story] == [
        ("Chip rules tighten", "https://bureau.example/tpp"),
    ]


def test_a_byline_name_is_not_cut_before_an_on_inside_a_word() -> None:
    assert byline("by Ha Ji-won, translated by Esther Cole. Two sisters …")[0] == ()
    assert byline("By Jane Doe on how queues fail")[0] == ("Jane Doe",)
    assert is_outro("Happy reading, and see you next month,")
