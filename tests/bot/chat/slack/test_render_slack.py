"""Block Kit rendering: limits, escaping, links that cannot spoof their target."""

from __future__ import annotations

import json

import pytest

from bot.chat.escape import link_label, safe_url, slack_escape, slack_link
from bot.chat.slack.render import (
    MAX_BLOCKS,
    SECTION_CHARS,
    render_entries,
    render_parent,
    split_text,
)
from bot.models import Digest, DigestEntry, Item


def entry(**fields: object) -> DigestEntry:
    values: dict[str, object] = {"title": "Title", "url": "https://example.com/a"}
    values.update(fields)
    return DigestEntry(Item(**values))  # type: ignore[arg-type]


DIGEST = Digest("news", "issue:1", "TLDR AI · 13 Mar 2025 · 1 item")


def sections(blocks: tuple[dict[str, object], ...]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]  # type: ignore[index]


def test_a_45000_character_blurb_fits_in_sections_of_3000() -> None:
    blurb = ("Lorem ipsum & <dolor> sit amet. " * 1500)[:45000]
    message = render_entries(DIGEST, [entry(blurb=blurb)])
    assert len(message.blocks) <= MAX_BLOCKS
    body = sections(message.blocks)[1:]
    assert all(len(s) <= SECTION_CHARS for s in body)
    assert " ".join(body).split() == slack_escape(blurb).split()
    assert len(message.text) <= 3000


def test_a_blurb_beyond_fifty_blocks_is_cut_not_rejected() -> None:
    message = render_entries(DIGEST, [entry(blurb="x " * 100_000)])
    assert len(message.blocks) == MAX_BLOCKS
    assert sections(message.blocks)[-1].endswith("…")
    assert all(len(s) <= SECTION_CHARS for s in sections(message.blocks))


def test_split_never_cuts_an_entity_or_a_link() -> None:
    text = slack_escape("a&b" * 2000)
    pieces = split_text(text, 100)
    assert "".join(pieces) == text
    assert all(p.count("&") == p.count(";") for p in pieces)
    assert all(len(p) <= 100 for p in pieces)


@pytest.mark.parametrize(
    "evil", ["<!channel>", "<!here>", "<@U123>", "<@&1>", "<#C1>", "@everyone", "@here"]
)
def test_mentions_in_any_field_are_inert(evil: str) -> None:
    digest = Digest("news", "k", f"News {evil}")
    e = DigestEntry(
        Item(
            f"t {evil}",
            "https://example.com",
            blurb=f"b {evil}",
            section=evil,
            authors=(evil,),
            links=((evil, "https://x.example"),),
        ),
        newsletter=evil,
        also_in=(evil,),
    )
    rendered = json.dumps(
        [
            render_parent(digest).blocks,
            render_entries(digest, [e]).blocks,
            render_entries(digest, [e]).text,
        ]
    )
    rendered = json.loads(rendered)
    flat = json.dumps(rendered, ensure_ascii=False)
    assert evil not in flat
    assert "<!" not in flat
    assert "<@" not in flat


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        ("javascript:alert(1)", None),
        ("data:text/html,hi", None),
        ("ftp://example.com/", None),
        ("https://example.com/a|b>c d", "https://example.com/a%7Cb%3Ec%20d"),
        ("//example.com/", None),
        ("", None),
    ],
)
def test_only_http_links_survive_and_cannot_break_out(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_a_label_that_names_another_host_shows_the_real_one() -> None:
    assert link_label("https://bank.example/login", "https://evil.example/x") == "evil.example"
    assert link_label("bank.example", "https://evil.example/x") == "evil.example"
    assert link_label("www.evil.example", "https://evil.example/x") == "www.evil.example"
    assert link_label("GPT-4.5 is out", "https://openai.example/x") == "GPT-4.5 is out"
    assert slack_link("https://evil.example/?a=1&b=2", "https://bank.example") == (
        "<https://evil.example/?a=1&amp;b=2|evil.example>"
    )
    assert slack_link("javascript:alert(1)", "<b>click</b>") == "&lt;b&gt;click&lt;/b&gt;"


def test_parent_shows_the_title_and_the_rest_count() -> None:
    message = render_parent(Digest("news", "k", "TLDR AI · 13 Mar 2025 · 12 items", more=4))
    assert message.text == "TLDR AI · 13 Mar 2025 · 12 items"
    assert message.blocks[1]["elements"][0]["text"] == "and 4 more not shown"


def test_sponsored_items_are_labelled_and_also_in_shown() -> None:
    e = DigestEntry(
        Item("Ad", "https://ad.example/", sponsor=True), also_in=("Import AI", "The Batch")
    )
    message = render_entries(DIGEST, [e])
    assert sections(message.blocks)[0].startswith("*[Sponsored]*")
    context = [el["text"] for el in message.blocks[-1]["elements"]]
    assert "also in: Import AI, The Batch" in context
    assert "ad.example" in context


def test_every_mrkdwn_object_is_verbatim() -> None:
    e = DigestEntry(
        Item("T", "https://x.example", blurb="see https://x.example @here"), also_in=("A",)
    )
    blocks = render_entries(DIGEST, [e]).blocks
    blocks += render_parent(Digest("news", "k", "t", more=2)).blocks
    texts = [b["text"] for b in blocks if b["type"] == "section"]
    texts += [el for b in blocks if b["type"] == "context" for el in b["elements"]]
    assert texts
    assert all(t["type"] == "mrkdwn" and t["verbatim"] is True for t in texts)
