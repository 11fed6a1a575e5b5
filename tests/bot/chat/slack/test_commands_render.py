from __future__ import annotations

from datetime import date

from bot.chat.slack.commands_render import (
    MORE_ACTION,
    button_value,
    read_value,
    rules_blocks,
    search_blocks,
    shared_blocks,
)
from bot.search import Hit, SearchPage, Span, parse


def hit(title: tuple[Span, ...], url: str | None = "https://example.com/a", **kw: object) -> Hit:
    values: dict[str, object] = {
        "item_id": 7,
        "title": "".join(s.text for s in title),
        "url": url,
        "newsletter": "TLDR <!here>",
        "day": date(2025, 4, 18),
        "section": "Tools & <b>",
        "kind": None,
        "sponsor": False,
        "title_marked": title,
        "snippet": (Span("uses "), Span("gemma", True), Span(" * 2 <@U1>")),
        "also_in": ("HF @channel",),
    }
    values.update(kw)
    return Hit(**values)  # type: ignore[arg-type]


def page(*hits: Hit, has_more: bool = False) -> SearchPage:
    return SearchPage("gemma", parse("gemma"), hits, 0, 2, has_more)


def test_a_hit_is_escaped_and_its_matches_are_bold() -> None:
    _, blocks = search_blocks(page(hit((Span("Gemma", True), Span(" 3 & <!everyone>")))))
    text = blocks[1]["text"]["text"]
    assert text.startswith("<https://example.com/a|*Gemma* 3 &amp; &lt;!everyone&gt;>")
    assert (
        "_TLDR &lt;!here&gt; · 2025-04-18 · Tools &amp; &lt;b&gt; · also in HF @\u2060channel_"
        in text
    )
    assert text.endswith("uses *gemma* ∗ 2 &lt;@\u2060U1&gt;")


def test_a_title_posing_as_another_site_shows_the_real_host() -> None:
    _, blocks = search_blocks(page(hit((Span("paypal.com"),), url="https://evil.example/login")))
    assert blocks[1]["text"]["text"].startswith("<https://evil.example/login|evil.example>")


def test_unsafe_urls_are_not_linked() -> None:
    _, blocks = search_blocks(page(hit((Span("Click"),), url="javascript:alert(1)")))
    assert blocks[1]["text"]["text"].startswith("Click\n")


def test_more_carries_the_next_offset() -> None:
    _, blocks = search_blocks(page(hit((Span("A"),)), hit((Span("B"),)), has_more=True))
    more = blocks[-1]["elements"][0]
    assert more["action_id"] == MORE_ACTION
    assert read_value(more["value"]) == ("gemma", 2, None)
    assert read_value(button_value("x", 4, 9)) == ("x", 4, 9)


def test_shared_post_names_only_a_real_user_id() -> None:
    _, blocks = shared_blocks(hit((Span("A"),)), "U0ALICE")
    assert blocks[1]["elements"][0]["text"] == "Shared by <@U0ALICE> from a search"
    _, blocks = shared_blocks(hit((Span("A"),)), "!channel>")
    assert blocks[1]["elements"][0]["text"] == "Shared by someone from a search"


def test_route_text_is_escaped() -> None:
    text, blocks = rules_blocks("#general", [("r<1>", "keyword <!channel>")])
    assert text == "1 route(s) post to #general:"
    assert blocks[1]["text"]["text"] == "*r&lt;1&gt;*\nkeyword &lt;!channel&gt;"
