"""Emoji or bullets before a bold title ("🚀 **Title** — blurb with a link") do not
hide the title: the block's bold lead starts at its first word."""

from __future__ import annotations

from bot.models import Email
from parsers import parse
from parsers.htmlblocks import html_blocks

HTML = """<html><body><h2>Top stories</h2>
<p>🚀 <strong>Acme ships a tiny model</strong> — The new model runs on a phone and
<a href="https://acme.example/blog/tiny">beats last year's large one</a> on most tasks.</p>
<p>• <strong>Widgets raise a round</strong> — The startup raised money to build widgets,
<a href="https://news.example/widgets-round">reports the Example News</a>.</p>
<p><strong>Plain bold title</strong> — No emoji here and
<a href="https://news.example/plain">a link</a> in the text.</p>
</body></html>"""


def test_the_bold_lead_starts_at_the_first_word() -> None:
    leads = [b.bold_lead for b in html_blocks(HTML)]
    assert leads == ["", "Acme ships a tiny model", "Widgets raise a round", "Plain bold title"]


def test_emoji_prefixed_bold_titles_are_items_under_their_section() -> None:
    email = Email(
        message_id="<e@x>", subject="Weekly", sender="news@letter.example", list_id="",
        text=None, html=HTML,
    )  # fmt: skip
    items = parse(email).items
    assert [(i.title, i.url, i.section) for i in items] == [
        ("Acme ships a tiny model", "https://acme.example/blog/tiny", "Top stories"),
        ("Widgets raise a round", "https://news.example/widgets-round", "Top stories"),
        ("Plain bold title", "https://news.example/plain", "Top stories"),
    ]
