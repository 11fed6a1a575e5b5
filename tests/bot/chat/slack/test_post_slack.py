"""The Slack channel against a local fake of the Web API, through the real AsyncWebClient."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.chat.settings import SlackSettings
from bot.chat.slack.channel import SlackChannel
from bot.errors import ChatAuthError, ChatError, RateLimited
from bot.models import Destination, Digest, DigestEntry, Item, Platform
from tests.fakes.slack_api import FakeSlack

DEST = Destination("news", Platform.SLACK, "C0GENERAL")


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack().start()
    yield server
    await server.stop()


def make_channel(fake: FakeSlack, **overrides: object) -> SlackChannel:
    values: dict[str, object] = {
        "bot_token": SecretStr(fake.token),
        "api_url": fake.base_url,
        "post_interval_seconds": 0.0,
    }
    values.update(overrides)
    return SlackChannel(SlackSettings.model_validate(values))


def digest(n: int = 3, blurb: str = "A blurb.") -> Digest:
    entries = tuple(
        DigestEntry(
            Item(f"Item {i}", f"https://example.com/{i}", blurb=blurb, position=i), outbox_id=i
        )
        for i in range(n)
    )
    return Digest("news", "issue:1", "TLDR AI · 13 Mar 2025 · 3 items", entries)


async def test_replies_carry_the_parent_ts_and_the_markers(fake: FakeSlack) -> None:
    channel = make_channel(fake)
    d = digest()
    parent = await channel.post_parent(DEST, d, "gleaner:t:1")
    replies = [
        await channel.post_entries(DEST, parent, d, [e], f"gleaner:o:{e.outbox_id}")
        for e in d.entries
    ]
    await channel.aclose()
    posts = fake.posts("C0GENERAL")
    assert [p["ts"] for p in posts] == [parent.message_id] + [r.message_id for r in replies]
    assert all(p["thread_ts"] == parent.message_id for p in posts[1:])
    assert "thread_ts" not in posts[0]
    assert [p["metadata"]["event_payload"]["marker"] for p in posts] == [
        "gleaner:t:1",
        "gleaner:o:0",
        "gleaner:o:1",
        "gleaner:o:2",
    ]
    for request in fake.requests:
        if request.method == "chat.postMessage":
            assert request.body["unfurl_links"] is False
            assert request.body["unfurl_media"] is False
            assert "link_names" not in request.body
            assert "parse" not in request.body


async def test_find_recovers_a_parent_and_a_reply_by_marker(fake: FakeSlack) -> None:
    channel = make_channel(fake)
    d = digest()
    parent = await channel.post_parent(DEST, d, "gleaner:t:7")
    reply = await channel.post_entries(DEST, parent, d, d.entries[:1], "gleaner:o:3")
    assert await channel.find(DEST, None, "gleaner:t:7") == parent
    assert await channel.find(DEST, parent, "gleaner:o:3") == reply
    assert await channel.find(DEST, parent, "gleaner:o:4") is None
    assert await channel.find(DEST, None, "gleaner:t:8") is None
    await channel.aclose()


async def test_a_429_storm_is_waited_out_and_posts_once(fake: FakeSlack) -> None:
    fake.fail("chat.postMessage", "429", times=5, retry_after=0.05)
    fake.integer_retry_after = False
    channel = make_channel(fake)
    posted = await channel.post_parent(DEST, digest(), "gleaner:t:1")
    await channel.aclose()
    assert len(fake.posts()) == 1
    assert fake.posts()[0]["ts"] == posted.message_id
    assert [r.status for r in fake.requests] == [429] * 5 + [200]


async def test_endless_429s_end_in_rate_limited(fake: FakeSlack) -> None:
    fake.integer_retry_after = False
    fake.fail("chat.postMessage", "429", times=10, retry_after=0.01)
    channel = make_channel(fake, max_rate_limit_waits=3)
    with pytest.raises(RateLimited):
        await channel.post_parent(DEST, digest(), "gleaner:t:1")
    await channel.aclose()
    assert fake.posts() == []


@pytest.mark.parametrize("kind", ["500", "drop", "drop_after"])
async def test_server_errors_and_dropped_connections_are_chat_errors_not_retries(
    fake: FakeSlack, kind: str
) -> None:
    fake.fail("chat.postMessage", kind)
    channel = make_channel(fake)
    with pytest.raises(ChatError):
        await channel.post_parent(DEST, digest(), "gleaner:t:1")
    # Never retried blindly: a dropped answer may hide a stored message.
    assert len([r for r in fake.requests if r.method == "chat.postMessage"]) == 1
    found = await channel.find(DEST, None, "gleaner:t:1")
    assert (found is not None) == (kind == "drop_after")
    await channel.aclose()


async def test_a_refused_token_is_an_auth_error(fake: FakeSlack) -> None:
    channel = make_channel(fake, bot_token=SecretStr("xoxb-wrong"))
    with pytest.raises(ChatAuthError):
        await channel.post_parent(DEST, digest(), "gleaner:t:1")
    await channel.aclose()


async def test_a_channel_name_is_resolved_to_its_id(fake: FakeSlack) -> None:
    channel = make_channel(fake)
    posted = await channel.post_parent(
        Destination("news", Platform.SLACK, "#general"), digest(), "m"
    )
    await channel.aclose()
    assert fake.posts("C0GENERAL")[0]["ts"] == posted.message_id


async def test_posts_are_paced_per_channel(fake: FakeSlack) -> None:
    fake.rate_per_channel = 20.0
    fake.integer_retry_after = False
    channel = make_channel(fake, post_interval_seconds=0.05)
    d = digest(6)
    parent = await channel.post_parent(DEST, d, "t")
    for e in d.entries:
        await channel.post_entries(DEST, parent, d, [e], f"o{e.outbox_id}")
    await channel.aclose()
    assert len(fake.posts()) == 7
    sent = [r for r in fake.requests if r.method == "chat.postMessage"]
    # After each accepted post the next waits its interval. (Jitter may bring
    # one arrival a little early; the fake then answers 429, waited out.)
    gaps = [b.at - a.at for a, b in itertools.pairwise(sent) if a.status == 200]
    assert len(gaps) >= 6
    assert min(gaps) > 0.03


async def test_bot_token_can_come_from_a_file(fake: FakeSlack, tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text(fake.token + "\n")
    settings = SlackSettings(bot_token_file=path, api_url=fake.base_url, post_interval_seconds=0)
    channel = SlackChannel(settings)
    await channel.post_parent(DEST, digest(), "m")
    await channel.aclose()
    assert len(fake.posts()) == 1
    assert fake.token not in repr(settings.token())
