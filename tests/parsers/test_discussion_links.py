"""Comment and discussion links ("comments", "(42 comments)", "Discuss on HN", lobste.rs)
belong to the item they follow: kept in ``Item.links``, never an item, never blurb."""

from __future__ import annotations

from bot.models import Item
from parsers.blockitems import extract
from parsers.htmlblocks import html_blocks
from parsers.plaintext import parse_plain

HN = "https://news.ycombinator.com/item?id=1"


def _items(markup: str) -> list[Item]:
    return extract(html_blocks(markup)).items


def test_comments_link_beside_the_title_goes_to_the_items_links() -> None:
    (item,) = _items(
        f'<ol><li><a href="https://a.example/post">Why we moved back to SQLite</a> '
        f'<a href="{HN}">comments</a></li></ol>'
    )
    assert (item.title, item.url, item.blurb) == (
        "Why we moved back to SQLite",
        "https://a.example/post",
        "",
    )
    assert item.links == (("comments", HN),)


def test_counted_comments_in_brackets_leave_the_blurb_clean() -> None:
    (item,) = _items(
        '<p><a href="https://a.example/post"><b>Tail latency is a product decision</b></a>'
        f' — why p99 belongs in the spec. (<a href="{HN}">142 comments</a>)</p>'
    )
    assert item.blurb == "why p99 belongs in the spec."
    assert item.links == (("142 comments", HN),)


def test_a_discussion_line_under_the_item_is_not_an_item() -> None:
    items = _items(
        '<p><a href="https://a.example/quic"><b>A visual guide to QUIC loss recovery</b></a></p>'
        "<p>Animated diagrams of every timer.</p>"
        f'<p><a href="{HN}">Discuss on HN</a> · <a href="https://lobste.rs/s/abc">lobste.rs</a></p>'
        '<p><a href="https://b.example/forth"><b>Writing a Forth in Rust</b></a></p>'
        "<p>Five hundred lines, with tests.</p>"
    )
    assert [(i.title, i.links) for i in items] == [
        (
            "A visual guide to QUIC loss recovery",
            (("Discuss on HN", HN), ("lobste.rs", "https://lobste.rs/s/abc")),
        ),
        ("Writing a Forth in Rust", ()),
    ]
    assert items[0].blurb == "Animated diagrams of every timer."


def test_a_thread_linked_by_its_title_is_the_item_itself() -> None:
    (item,) = _items(f'<ol><li><a href="{HN}">Ask HN: What is your most boring tool?</a></li></ol>')
    assert (item.url, item.links) == (HN, ())


def test_a_link_to_a_user_page_on_a_discussion_site_is_not_a_thread() -> None:
    (item,) = _items(
        '<p><a href="https://a.example/p"><b>Show HN: fastgrep, structural grep</b></a> by '
        '<a href="https://news.ycombinator.com/user?id=alice">alice</a></p>'
    )
    assert item.links == ()


def test_the_posts_own_comment_button_is_not_a_discussion_link() -> None:
    (item,) = _items(
        '<p><a href="https://a.example/p"><b>Bloom filters in Parquet</b></a> — when they help.</p>'
        '<p><a href="https://letter.example/p/issue-9/comments">Leave a comment</a></p>'
    )
    assert item.links == ()


def test_plain_text_discussion_lines_become_links() -> None:
    items, _, _ = parse_plain(
        "1. SQLite's new JSONB type, benchmarked\n"
        "   https://dbbench.example/sqlite-jsonb\n"
        "   (discussion: https://lobste.rs/s/abc123)\n\n"
        "2. A visual guide to QUIC\n"
        "   https://netviz.example/quic\n"
        "   Comments: https://forum.example/t/quic/77\n"
    )
    assert [(i.url, i.links, i.blurb) for i in items] == [
        (
            "https://dbbench.example/sqlite-jsonb",
            (("discussion", "https://lobste.rs/s/abc123"),),
            "",
        ),
        ("https://netviz.example/quic", (("Comments", "https://forum.example/t/quic/77"),), ""),
    ]
