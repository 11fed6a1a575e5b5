"""Shapes added in round 15 of the generic parser (editorial newsletters, second pass): a
photo credit under a headline's picture, a markets table of figures, an event's calendar
leaf, the edition's dated masthead line, a small-print "Sponsored content" label, a read time
closing a summary, Substack's footnotes, think-tank bylines with each author's post, a
non-profit's appeal button and a link written out as its address."""

from __future__ import annotations

from parsers.blockitems import extract
from parsers.htmlblocks import html_blocks
from parsers.text import is_boilerplate_link, titled_byline


def _items(html: str) -> list[tuple[str, str | None, str | None, bool]]:
    found = extract(html_blocks(f"<html><body>{html}</body></html>")).items
    return [(i.title, i.url, i.section, i.sponsor) for i in found]


def test_a_photo_credit_under_the_headline_is_no_short_line() -> None:
    story = (
        "<h1>Retailers brace for a quiet holiday</h1>"
        "<img src='https://img.example/mall.jpg' alt=''><p>Photo: Getty Images</p>"
        "<p>Stores head into the season with inventory and little confidence, a "
        "<a href='https://news.example/retail'>survey of executives</a> found this week.</p>"
    )
    assert [(t, u) for t, u, _, _ in _items(story)] == [
        ("Retailers brace for a quiet holiday", "https://news.example/retail")
    ]


def test_a_markets_table_heads_no_stories() -> None:
    rows = "".join(
        f"<tr><td><b>{n}</b></td><td>{v}</td><td>{p}</td></tr>"
        for n, v, p in [("Nasdaq", "22,904.17", "+1.14%"), ("Gold", "$4,021/oz", "-3 bps")]
    )
    items = _items(
        f"<h2>MARKETS</h2><table>{rows}</table>"
        "<h1>The chip rally takes a breather</h1>"
        "<p>Semiconductor stocks <a href='https://m.example/chips'>slipped for a third "
        "session</a> as investors weighed how long spending can grow.</p>"
    )
    assert [(t, s) for t, _, s, _ in items] == [("The chip rally takes a breather", None)]


def test_a_calendar_leaf_beside_an_event_is_no_section() -> None:
    events = "".join(
        f"<tr><td><table><tr><td><b>{m}</b></td></tr><tr><td><b>{d}</b></td></tr></table></td>"
        f"<td><a href='https://u.example/e/{d}'><b>{t}</b></a><br>{w}</td></tr>"
        for m, d, t, w in [
            ("DEC", "3", "Public lecture on freshwater", "4:00 pm · Keller Hall"),
            ("JAN", "15", "Science on Tap: Birdsong", "7:00 pm · Copper Kettle"),
        ]
    )
    items = _items(f"<h2>Upcoming events</h2><table>{events}</table>")
    assert [(t, s) for t, _, s, _ in items] == [
        ("Public lecture on freshwater", "Upcoming events"),
        ("Science on Tap: Birdsong", "Upcoming events"),
    ]


def test_dated_masthead_line_and_small_print_sponsor_label() -> None:
    card = (
        "<p><a href='https://n.example/{0}'>{1}</a></p><p>{1} and a sentence more. "
        "<span>(5 min read)</span></p>"
    )
    found = extract(
        html_blocks(
            "<html><body><p>BEST OF THE WEEK · NOVEMBER 22, 2025</p>"
            + card.format("a", "The town that turned off its streetlights")
            + "<p>SPONSORED CONTENT</p>"
            + card.format("ad", "How one family saved on their first home")
            + card.format("b", "The secret life of airport lost-and-found")
            + "</body></html>"
        )
    ).items
    assert [(i.section, i.sponsor, i.read_minutes) for i in found] == [
        (None, False, 5),
        (None, True, 5),
        (None, False, 5),
    ]
    assert found[0].blurb == "The town that turned off its streetlights and a sentence more."


def test_footnotes_are_no_items() -> None:
    items = _items(
        "<h2>Links</h2><ul>"
        "<li><p><strong><a href='https://a.example/1'>The slow death of the timetable</a></strong>"
        " — a lovely piece on printed schedules.</p></li></ul>"
        "<div class='footnote'><a href='https://me.substack.com/p/x#footnote-anchor-1'>1</a>"
        "<div><p>There is a scan of a 1962 timetable <a href='https://archive.example/t'>in the "
        "regional archive</a>, if you like that sort of thing.</p></div></div>"
    )
    assert [t for t, _, _, _ in items] == ["The slow death of the timetable"]


def test_a_byline_giving_each_authors_post_names_the_people() -> None:
    assert titled_byline(
        "By Dana Whitfield, Senior Fellow, and Omar Castellanos, Research Associate"
    ) == ("Dana Whitfield", "Omar Castellanos")
    assert titled_byline("By Lena Marsh, Fellow in Climate Finance") == ("Lena Marsh",)
    # Without a post it is an ordinary byline (``byline``), not this one.
    assert titled_byline("By Ana Ruiz and Tom Berg") == ()
    assert titled_byline("By the numbers: three charts on rents") == ()


def test_appeals_and_spelled_out_referral_links_are_furniture() -> None:
    assert is_boilerplate_link("Support our work", "https://secure.example/p/give")
    assert is_boilerplate_link("Donate now", "https://secure.example/p/give")
    assert not is_boilerplate_link("Support for the arts falls again", "https://n.example/arts")
    assert is_boilerplate_link(
        "https://www.tickertape.example/subscribe?ref=Wm9l", "https://click.example/c/8f3a"
    )


def test_a_tracker_whose_whole_query_is_the_target_is_unwrapped() -> None:
    from bot.normalise.urls import canonical_url
    from parsers.text import link_target

    ad = "https://ad.doubleclick.net/ddm/trackclk/N1234.5NEWS/B29.41;dc_trk_aid=55?https://www.bank.example/konto/"
    assert canonical_url(ad) == "https://bank.example/konto"
    assert link_target(ad) == "https://www.bank.example/konto/"
