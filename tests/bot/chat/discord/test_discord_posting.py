"""Posting digests through the real discord.py REST client to the local fake Discord."""

from __future__ import annotations

import json

import pytest

from bot.chat.base import Posted
from bot.chat.discord.channel import DiscordChannel
from bot.errors import ChatAuthError, ChatError, RateLimited
from bot.models import Destination, Digest, DigestEntry, Item, Platform
from tests.fakes.discord_api import FakeDiscord

DEST = Destination(name="news", platform=Platform.DISCORD, target="500")
MESSAGES = r"^/channels/\d+/messages$"


def digest(n: int, blurb: str = "A short blurb.", title: str = "TLDR AI · 13 Mar 2025") -> Digest:
    entries = tuple(
        DigestEntry(
            item=Item(
                title=f"Item {i}", url=f"https://example.com/{i}", blurb=blurb, section="News"
            ),
            item_id=i,
            outbox_id=i,
            newsletter="TLDR AI",
        )
        for i in range(n)
    )
    return Digest(destination="news", key="issue:1", title=title, entries=entries)


def all_posts(fake: FakeDiscord) -> list[dict[str, object]]:
    return [r.body for r in fake.sent("POST", MESSAGES)]


async def post_digest(
    channel: DiscordChannel, d: Digest, marker: str = "m1"
) -> tuple[Posted, Posted]:
    parent = await channel.post_parent(DEST, d, marker + ":parent")
    reply = await channel.post_entries(DEST, parent, d, d.entries, marker)
    return parent, reply


async def test_parent_opens_a_thread_and_every_item_goes_into_it(
    fake: FakeDiscord, channel: DiscordChannel
) -> None:
    d = digest(12)
    parent, reply = await post_digest(channel, d)

    assert parent.thread_id == parent.message_id  # a thread started from a message takes its id
    assert [m["id"] for m in fake.posted("500")] == [parent.message_id]
    (thread_call,) = fake.sent("POST", r"/messages/\d+/threads$")
    assert thread_call.path == f"/channels/500/messages/{parent.message_id}/threads"
    assert thread_call.body["name"] == "TLDR AI · 13 Mar 2025"
    in_thread = fake.posted(parent.message_id)
    titles = [e["title"] for m in in_thread for e in m["embeds"]]
    assert titles == [f"Item {i}" for i in range(12)]
    assert reply.thread_id == parent.thread_id
    assert reply.message_id == in_thread[-1]["id"]
    assert fake.posted("500")[0]["embeds"][0]["description"].startswith("12 items")


async def test_no_parent_posts_at_top_level(fake: FakeDiscord, channel: DiscordChannel) -> None:
    d = digest(2)
    reply = await channel.post_entries(DEST, None, d, d.entries, "flat")
    assert reply.thread_id is None
    assert len(fake.posted("500")) == 1
    assert not fake.sent("POST", "/threads$")


async def test_huge_blurb_and_200_items_stay_within_every_limit(
    fake: FakeDiscord, channel: DiscordChannel
) -> None:
    words = ("lorem ipsum dolor sit amet 🧪 " * 2000)[:45_000]
    d = digest(200, blurb="short")
    big = Item(title="T" * 400, url="https://example.com/big", blurb=words)
    d = Digest(
        destination="news", key="k", title="X" * 300, entries=(DigestEntry(item=big), *d.entries)
    )

    await post_digest(channel, d)

    assert fake.violations == []
    posts = all_posts(fake)
    assert len(posts) > 1 + 200 // 10
    for body in posts:
        embeds = body["embeds"]
        assert len(embeds) <= 10
        assert sum(len(e.get("title", "")) + len(e.get("description", "")) for e in embeds) <= 6000
    thread_name = fake.sent("POST", "/threads$")[0].body["name"]
    assert len(thread_name) <= 100
    # Nothing lost: the whole blurb arrives, in order, across the continuation embeds.
    thread = fake.posted(fake.sent("POST", "/threads$")[0].path.split("/")[4])
    text = "".join(
        e.get("description", "").split("\n")[0]
        for m in thread
        for e in m["embeds"]
        if e["title"].startswith("T")
    )
    assert text.replace(" ", "") == words.replace(" ", "")
    items = [e["title"] for m in thread for e in m["embeds"] if e["title"].startswith("Item ")]
    assert items == [f"Item {i}" for i in range(200)]


@pytest.mark.parametrize(
    "evil",
    [
        "@everyone",
        "@here",
        "<@123>",
        "<@&1>",
        "<!channel>",
        "<@!112233445566778899>",
        "@everyone <#1>",
    ],
)
async def test_no_mention_can_ping(fake: FakeDiscord, channel: DiscordChannel, evil: str) -> None:
    item = Item(title=f"Hi {evil}", url="https://example.com", blurb=f"blurb {evil}", section=evil)
    d = Digest(
        destination="news",
        key="k",
        title=f"Digest {evil}",
        entries=(DigestEntry(item=item, newsletter=evil),),
    )

    await post_digest(channel, d)

    posts = all_posts(fake)
    assert len(posts) == 2
    for body in posts:
        assert body["allowed_mentions"] == {"parse": []}
        raw = json.dumps(body, ensure_ascii=False)
        for live in ("@everyone", "@here", "<@", "<!"):
            assert live not in raw


async def test_links_only_http(fake: FakeDiscord, channel: DiscordChannel) -> None:
    item = Item(
        title="x",
        url="javascript:alert(1)",
        links=(("code", "ftp://x"), ("paper", "https://arxiv.org/abs/1")),
    )
    d = Digest(destination="news", key="k", title="t", entries=(DigestEntry(item=item),))
    await channel.post_entries(DEST, None, d, d.entries, "links")
    (embed,) = all_posts(fake)[0]["embeds"]
    assert "url" not in embed
    assert "[paper](https://arxiv.org/abs/1)" in embed["description"]
    assert "ftp://" not in embed["description"]


async def test_429_storm_loses_and_doubles_nothing(
    fake: FakeDiscord, channel: DiscordChannel
) -> None:
    # Seven 429s in a row outlast discord.py's own five tries; the channel's loop carries on.
    fake.fail("POST", MESSAGES, *["429"] * 7, retry_after=0.01)
    fake.fail("POST", r"/threads$", "429", "429", retry_after=0.01)
    d = digest(30)
    parent, _ = await post_digest(channel, d)

    assert len(fake.sent("POST", MESSAGES)) == 7 + 1 + 3
    titles = [e["title"] for m in fake.posted(parent.message_id) for e in m["embeds"]]
    assert titles == [f"Item {i}" for i in range(30)]
    assert len(fake.posted("500")) == 1


async def test_500_is_retried(fake: FakeDiscord, channel: DiscordChannel) -> None:
    fake.fail("POST", MESSAGES, "500")
    d = digest(1)
    await channel.post_entries(DEST, None, d, d.entries, "five-hundred")
    assert len(fake.posted("500")) == 1


async def test_dropped_connection_after_the_post_does_not_double(
    fake: FakeDiscord, channel: DiscordChannel
) -> None:
    fake.fail("POST", MESSAGES, "drop-after", "drop")
    d = digest(3)
    await channel.post_entries(DEST, None, d, d.entries, "drop")
    assert len(fake.sent("POST", MESSAGES)) == 3
    # All three requests carried the same nonce; the fake (like Discord) kept one message.
    assert len({r.body["nonce"] for r in fake.sent("POST", MESSAGES)}) == 1
    assert all(r.body["enforce_nonce"] is True for r in fake.sent("POST", MESSAGES))
    assert len(fake.posted("500")) == 1


async def test_thread_that_already_exists_is_treated_as_created(
    fake: FakeDiscord, channel: DiscordChannel
) -> None:
    d = digest(2)
    first = await channel.post_parent(DEST, d, "crash")
    # A crash lost the answers: a new process posts the parent again (same nonce) and
    # Discord says the thread exists already.
    fake.messages["500"][0].pop("thread")
    second = await channel.post_parent(DEST, d, "crash")
    assert second == first
    assert len(fake.posted("500")) == 1
    assert len(fake.threads) == 1
    assert len(fake.sent("POST", "/threads$")) == 2


async def test_find_locates_the_marker_in_history(
    fake: FakeDiscord, settings, channel: DiscordChannel
) -> None:
    d = digest(25)
    parent, reply = await post_digest(channel, d, "outbox:1-25")
    for i in range(150):  # push the posts beyond the first history page
        fake.add_message(
            parent.message_id, content=f"chatter {i}", author={"id": "9", "username": "u"}
        )

    fresh = await DiscordChannel.connect(settings)
    try:
        assert await fresh.find(DEST, None, "outbox:1-25:parent") == parent
        assert await fresh.find(DEST, parent, "outbox:1-25") == reply
        assert await fresh.find(DEST, parent, "outbox:other") is None
    finally:
        await fresh.aclose()
    assert len(fake.sent("GET", MESSAGES)) >= 4


async def test_find_after_a_partial_post_lets_a_retry_finish_it(
    fake: FakeDiscord, settings, channel: DiscordChannel
) -> None:
    fake.remember_nonces = False  # beyond Discord's nonce window: only the history tells
    d = digest(25)  # 3 messages of up to 10 embeds
    parent = await channel.post_parent(DEST, d, "p")
    fake.fail(
        "POST", MESSAGES, "ok", *["drop"] * 6
    )  # the second part never lands: the process gives up
    with pytest.raises(Exception, match="connection to Discord failed"):
        await channel.post_entries(DEST, parent, d, d.entries, "partial")
    assert len(fake.posted(parent.message_id)) == 1

    fresh = await DiscordChannel.connect(settings)
    try:
        assert await fresh.find(DEST, parent, "partial") is None
        reply = await fresh.post_entries(DEST, parent, d, d.entries, "partial")
    finally:
        await fresh.aclose()
    titles = [e["title"] for m in fake.posted(parent.message_id) for e in m["embeds"]]
    assert titles == [f"Item {i}" for i in range(25)]
    assert reply.message_id == fake.posted(parent.message_id)[-1]["id"]


async def test_find_ignores_other_authors(
    fake: FakeDiscord, settings, channel: DiscordChannel
) -> None:
    d = digest(1)
    await channel.post_entries(DEST, None, d, d.entries, "mine")
    forged = fake.posted("500")[0]["embeds"]
    fake.add_message("500", embeds=forged, author={"id": "9", "username": "mallory"})
    fake.messages["500"].pop(0)
    assert await channel.find(DEST, None, "mine") is None


async def test_a_refused_token_is_an_auth_error(fake: FakeDiscord, settings) -> None:
    fake.token = "the-real-one"
    with pytest.raises(ChatAuthError, match="refused the bot token"):
        await DiscordChannel.connect(settings)
    assert "test-token" not in repr(settings)


async def test_unreachable_api_is_a_chat_error(settings) -> None:
    dead = settings.model_copy(update={"api_url": "http://127.0.0.1:9/api/v10"})
    with pytest.raises(ChatError, match="Discord login failed"):
        await DiscordChannel.connect(dead)


async def test_an_endless_429_storm_is_reported_as_rate_limited(
    fake: FakeDiscord, settings
) -> None:
    # RateLimited tells delivery that nothing was posted: it releases the rows, no lookup needed.
    fake.fail("POST", MESSAGES, *["429"] * 40, retry_after=0.001)
    short = await DiscordChannel.connect(settings, attempts=2, backoff=0.001)
    d = digest(1)
    try:
        with pytest.raises(RateLimited):
            await short.post_entries(DEST, None, d, d.entries, "storm")
    finally:
        await short.aclose()
    assert fake.posted("500") == []
    assert len(fake.sent("POST", MESSAGES)) == 10  # discord.py's five tries, twice


async def test_a_retry_in_the_same_process_posts_only_the_missing_parts(
    fake: FakeDiscord, channel: DiscordChannel
) -> None:
    fake.remember_nonces = False  # the channel itself must know what it already posted
    d = digest(25)  # 3 messages
    parent = await channel.post_parent(DEST, d, "p")
    fake.fail("POST", MESSAGES, "ok", *["drop"] * 6)
    with pytest.raises(ChatError):
        await channel.post_entries(DEST, parent, d, d.entries, "again")
    await channel.post_entries(DEST, parent, d, d.entries, "again")
    titles = [e["title"] for m in fake.posted(parent.message_id) for e in m["embeds"]]
    assert titles == [f"Item {i}" for i in range(25)]


async def test_rate_limit_headers_are_honoured_before_any_429(
    fake: FakeDiscord, channel: DiscordChannel
) -> None:
    fake.rate_limit = (3, 0.2)
    d = digest(10)
    for entry in d.entries:
        await channel.post_entries(DEST, None, d, [entry], f"rl:{entry.outbox_id}")
    assert len(fake.posted("500")) == 10
    assert fake.rate_limited == 0  # discord.py waited for the window instead of being refused
