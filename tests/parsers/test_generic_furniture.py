"""Furniture the generic parser must not turn into items: short link rows, mastheads,
the newsletter's name as a heading, buttons, bylines."""

from __future__ import annotations

from bot.models import Email, ParseResult
from parsers.blockitems import extract
from parsers.generic import GenericParser
from parsers.htmlblocks import html_blocks

PROSE = "A paragraph of the story that runs on long enough to read as prose, as stories do. "


def _titles(markup: str) -> list[tuple[str, str | None]]:
    return [(i.title, i.url) for i in extract(html_blocks(markup)).items]


def _parse(body: str, subject: str = "") -> ParseResult:
    email = Email(message_id="<t@x>", subject=subject, html=f"<html><body>{body}</body></html>")
    return GenericParser().parse(email)


LIST = (
    '<h4><a href="https://a.example/1">Container queries, one year in</a></h4><p>What went well.</p>'
    '<h4><a href="https://a.example/2">Accessible dialogs without a library</a></h4><p>A checklist.</p>'
)


def test_two_links_with_one_furniture_link_are_a_navigation_row() -> None:
    got = _titles(
        LIST + '<p><a href="https://n.example/issues">Past issues</a> · '
        '<a href="https://twitter.com/n">Twitter</a></p>'
    )
    assert [t for t, _ in got] == [
        "Container queries, one year in",
        "Accessible dialogs without a library",
    ]


def test_a_title_and_its_comments_link_are_not_a_navigation_row() -> None:
    got = _titles(
        '<ol><li><a href="https://a.example/ssa">SSA form</a> '
        '<a href="https://news.ycombinator.com/item?id=4">comments</a></li></ol>'
    )
    assert got == [("SSA form", "https://a.example/ssa")]


def test_a_bold_masthead_link_to_the_home_page_opening_a_line_is_not_an_item() -> None:
    got = _parse(
        '<p><b><a href="https://daily.example/">HN Daily</a></b> Top stories for Tue, 8 Jul'
        ' · <a href="https://daily.example/2025-07-08">web</a></p>' + LIST
    )
    assert [i.title for i in got.items] == [
        "Container queries, one year in",
        "Accessible dialogs without a library",
    ]


def test_the_newsletters_name_as_a_heading_is_not_a_section() -> None:
    got = _parse(
        "<h1>What's new in Tallybook</h1><p>Hi there.</p>" + LIST, "What's new in Tallybook — July"
    )
    assert {i.section for i in got.items} == {None}


def test_a_button_closing_a_headed_story_is_its_link() -> None:
    got = _titles(
        f"<h2>Closing your first quarter</h2><p>{PROSE}</p>"
        '<p><a href="https://t.example/webinar">Save my seat</a></p>'
        f"<p>Questions? Just reply. {PROSE}</p>"
    )
    assert got == [("Closing your first quarter", "https://t.example/webinar")]


def test_an_author_link_with_a_query_is_a_byline_not_an_item() -> None:
    got = _titles(
        '<div><a href="https://m.example/@kwame?source=digest">Kwame Osei</a></div>'
        '<a href="https://m.example/@kwame/kafka-to-postgres-8b2?source=digest">'
        "<div><b>I replaced our Kafka cluster with a Postgres table</b></div>"
        "<div>Six months later, nobody has noticed</div></a>"
        '<div><a href="https://m.example/@priya?source=digest">Priya Kannan</a></div>'
        '<a href="https://m.example/@priya/on-call-5e5?source=digest">'
        "<div><b>Notes from a year of on-call</b></div><div>The loud pages never mattered</div></a>"
    )
    assert [t for t, _ in got] == [
        "I replaced our Kafka cluster with a Postgres table",
        "Notes from a year of on-call",
    ]


def test_the_name_is_cut_before_a_double_dash_issue_part() -> None:
    got = _parse(LIST, "KERNEL & SYSTEMS WEEKLY -- Issue 233 -- 11 July 2025")
    assert got.newsletter.name == "KERNEL & SYSTEMS WEEKLY"


def test_a_title_linking_the_issues_web_version_is_the_issues_own_title() -> None:
    post = "https://reads.example/on-maintenance/"
    got = _titles(
        f'<p><a href="{post}">On maintenance</a></p>'
        f'<p>By Hana · 13 Jul 2025 · <a href="{post}">View in browser</a></p>' + LIST
    )
    assert [t for t, _ in got] == [
        "Container queries, one year in",
        "Accessible dialogs without a library",
    ]


def test_a_see_all_button_after_the_list_is_neither_an_item_nor_blurb() -> None:
    items = extract(
        html_blocks(
            LIST
            + '<p><a href="https://l.example/leaderboard">See all of yesterday\'s launches</a></p>'
            "<p>Sent by Launch Daily, 1 Main St.</p>"
        )
    ).items
    assert [(i.title, i.blurb) for i in items] == [
        ("Container queries, one year in", "What went well."),
        ("Accessible dialogs without a library", "A checklist."),
    ]
