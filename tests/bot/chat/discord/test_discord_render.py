"""The pure renderer: limits, markers, escaping; property-tested over arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.chat.discord import render
from bot.chat.discord.render import (
    DESCRIPTION_LIMIT,
    EMBEDS_PER_MESSAGE,
    MESSAGE_LIMIT,
    NONCE_LIMIT,
    THREAD_NAME_LIMIT,
    TITLE_LIMIT,
    units,
)
from bot.models import Digest, DigestEntry, Item

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=9000)


def entries(titles: list[str], blurbs: list[str]) -> tuple[DigestEntry, ...]:
    return tuple(
        DigestEntry(item=Item(title=t, url="https://example.com", blurb=b), newsletter="N")
        for t, b in zip(titles, blurbs, strict=False)
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(text, min_size=1, max_size=30), st.lists(text, min_size=1, max_size=30), text)
def test_every_message_is_within_discords_limits(
    titles: list[str], blurbs: list[str], title: str
) -> None:
    d = Digest(destination="d", key="k", title=title, entries=entries(titles, blurbs))
    messages = [render.parent_message(d, "m:p"), *render.entry_messages(d, d.entries, "m")]
    for message in messages:
        assert 1 <= len(message.embeds) <= EMBEDS_PER_MESSAGE
        assert message.size() <= MESSAGE_LIMIT
        assert len(message.nonce) <= NONCE_LIMIT
        for embed in message.embeds:
            assert units(embed.title) <= TITLE_LIMIT
            assert units(embed.description) <= DESCRIPTION_LIMIT
        assert render.parse_token(message.embeds[-1].footer) is not None
    assert 1 <= units(render.thread_name(d)) <= THREAD_NAME_LIMIT


def test_astral_characters_count_double() -> None:
    # Discord may count UTF-16 units: 200 emoji are 400 units, over the 256 of a title.
    d = Digest(destination="d", key="k", title="t", entries=entries(["🧪" * 200], [""]))
    (message,) = render.entry_messages(d, d.entries, "m")
    assert units(message.embeds[0].title) <= TITLE_LIMIT
    assert message.embeds[0].title.endswith("…")


def test_markers_are_distinct_per_part_and_parse_back() -> None:
    d = Digest(
        destination="d",
        key="k",
        title="t",
        entries=entries([f"i{n}" for n in range(25)], [""] * 25),
    )
    messages = render.entry_messages(d, d.entries, "gleaner:o:1,2,3")
    assert len(messages) == 3
    tokens = [render.parse_token(m.embeds[-1].footer) for m in messages]
    assert [(t.part, t.parts) for t in tokens if t] == [(1, 3), (2, 3), (3, 3)]
    assert len({m.nonce for m in messages}) == 3
    assert {t.digest for t in tokens if t} == {render.marker_hash("gleaner:o:1,2,3")}
    # Rendering again gives the same nonces: a retry after a crash is recognised.
    assert [m.nonce for m in render.entry_messages(d, d.entries, "gleaner:o:1,2,3")] == [
        m.nonce for m in messages
    ]


def test_parent_counts_items_and_more() -> None:
    d = Digest(
        destination="d", key="k", title="TLDR AI", entries=entries(["a", "b"], ["", ""]), more=3
    )
    (embed,) = render.parent_message(d, "p").embeds
    assert embed.description.startswith("5 items")
    assert "and 3 more" in embed.description


def test_sponsored_items_are_labelled_and_unsafe_links_dropped() -> None:
    item = Item(title="Buy", url="data:text/html,x", sponsor=True)
    d = Digest(destination="d", key="k", title="t", entries=(DigestEntry(item=item),))
    (message,) = render.entry_messages(d, d.entries, "m")
    assert message.embeds[0].title.startswith("[Sponsored]")
    assert message.embeds[0].url is None


def test_thread_name_is_one_line() -> None:
    d = Digest(destination="d", key="k", title="  TLDR\nAI\t· 13 Mar  ")
    assert render.thread_name(d) == "TLDR AI · 13 Mar"
    assert render.thread_name(Digest(destination="d", key="k", title=" ")) == "Gleaner digest"
