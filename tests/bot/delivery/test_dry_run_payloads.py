"""``--dry-run --payloads``: the printed requests are the ones a real run then sends.

A dry run prints its JSON; then a real run posts the same outbox rows through
the real slack_sdk and discord.py clients to the local fakes, and every
recorded request body must equal the printed one, placeholders filled in.
"""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord.http
import pytest
from discord.gateway import DiscordWebSocket
from pydantic import SecretStr

from bot.chat.discord.channel import DiscordChannel
from bot.chat.discord.settings import DiscordSettings
from bot.chat.payloads import PayloadChannel
from bot.chat.settings import ChatSettings, SlackSettings
from bot.chat.slack.channel import SlackChannel
from bot.delivery import outbox
from bot.delivery.channels import build_channels
from bot.delivery.service import Delivery
from bot.models import Destination, Item, Platform
from bot.store import Store
from tests.bot.delivery.factory import decision, items, save
from tests.fakes.discord_api import FakeDiscord
from tests.fakes.slack_api import FakeSlack

DESTS = {
    "slack-news": Destination("slack-news", Platform.SLACK, "C0NEWS"),
    "discord-news": Destination("discord-news", Platform.DISCORD, "123"),
}


async def no_sleep(_: float) -> None:
    return None


def parse(text: str) -> list[dict[str, Any]]:
    """The JSON objects printed one after another."""
    decoder = json.JSONDecoder()
    records, at = [], 0
    while text[at:].strip():
        at += len(text[at:]) - len(text[at:].lstrip())
        record, at = decoder.raw_decode(text, at)
        records.append(record)
    return records


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(f"sqlite:///{tmp_path / 'g.db'}")
    hostile = Item(
        "@everyone <!channel> look", "https://example.com/x", blurb="<@U123> & <@&1> " + "w " * 40
    )
    save(store, [*items(2), hostile], [decision("slack-news"), decision("discord-news")])
    return store


@pytest.fixture
async def fakes() -> AsyncIterator[tuple[FakeSlack, FakeDiscord]]:
    base, gateway = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    slack = await FakeSlack(channels={"C0NEWS": "news"}).start()
    async with FakeDiscord() as fake_discord:
        yield slack, fake_discord
    await slack.stop()
    discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


async def dry_run(store: Store) -> tuple[list[dict[str, Any]], Delivery]:
    out = io.StringIO()
    channels = build_channels(ChatSettings(), dry_run=True, payloads=True)
    for platform in (Platform.SLACK, Platform.DISCORD):
        channel = channels[platform]
        assert isinstance(channel, PayloadChannel)
        channel.out = out
    delivery = Delivery(store, channels, lambda: DESTS)
    assert await delivery.flush() == 8  # a parent and three replies per destination
    return parse(out.getvalue()), delivery


async def test_payloads_are_printed_and_nothing_is_recorded(store: Store) -> None:
    printed, delivery = await dry_run(store)
    assert outbox.counts(store) == {"pending": 6}
    assert await delivery.flush() == 0  # the next tick does not print it all again
    slack = [r for r in printed if r["destination"] == "slack-news"]
    assert [r["call"] for r in slack] == ["chat.postMessage"] * 4
    assert "thread_ts" not in slack[0]["body"]
    assert {r["body"]["thread_ts"] for r in slack[1:]} == {"$PARENT_TS"}
    assert all("link_names" not in r["body"] for r in slack)
    calls = [r["call"] for r in printed if r["destination"] == "discord-news"]
    assert calls == [
        "POST /channels/123/messages",
        "POST /channels/123/messages/$PARENT_MESSAGE_ID/threads",
        *["POST /channels/$THREAD_ID/messages"] * 3,
    ]
    bodies = [r["body"] for r in printed if r["call"].endswith("/messages")]
    assert {json.dumps(b["allowed_mentions"]) for b in bodies} == {'{"parse": []}'}
    text = json.dumps(printed)
    assert "<!channel>" not in text
    assert "<@U123>" not in text


async def test_a_real_run_sends_exactly_what_the_dry_run_printed(
    store: Store, fakes: tuple[FakeSlack, FakeDiscord]
) -> None:
    fake_slack, fake_discord = fakes
    printed, _ = await dry_run(store)
    slack = SlackChannel(
        SlackSettings(
            bot_token=SecretStr(fake_slack.token),
            api_url=fake_slack.base_url,
            post_interval_seconds=0,
        ),
        sleep=no_sleep,
    )
    discord_channel = await DiscordChannel.connect(
        DiscordSettings(
            enabled=True,
            token="test-token",
            api_url=fake_discord.api_url,
            gateway_url=fake_discord.gateway_url,
        )
    )
    channels = {Platform.SLACK: slack, Platform.DISCORD: discord_channel}
    try:
        assert await Delivery(store, channels, lambda: DESTS, sleep=no_sleep).flush() == 8
    finally:
        await slack.aclose()
        await discord_channel.aclose()
    assert outbox.counts(store) == {"posted": 6}

    sent_slack = [r.body for r in fake_slack.requests if r.method == "chat.postMessage"]
    expected_slack = [r["body"] for r in printed if r["destination"] == "slack-news"]
    parent_ts = fake_slack.messages["C0NEWS"][0]["ts"]
    # The parent's marker names a thread row that only the real run creates.
    expected_slack[0]["metadata"]["event_payload"]["marker"] = "gleaner:t:1"
    assert sent_slack == fill(expected_slack, {"$PARENT_TS": parent_ts})

    sent_discord = [
        (f"{r.method} {r.path}", r.body)
        for r in fake_discord.requests
        if r.method == "POST" and r.path.startswith("/channels/")
    ]
    parent_id = fake_discord.messages["123"][0]["id"]
    expected = [
        (r["call"], r["body"])
        for r in fill(
            [r for r in printed if r["destination"] == "discord-news"],
            {"$PARENT_MESSAGE_ID": parent_id, "$THREAD_ID": parent_id},
        )
    ]
    assert [call for call, _ in sent_discord] == [call for call, _ in expected]
    # Entries: identical bodies. Parent: the same but for the marker-derived nonce and token.
    assert [body for _, body in sent_discord[2:]] == [body for _, body in expected[2:]]
    sent_parent, printed_parent = sent_discord[0][1], expected[0][1]
    for body in (sent_parent, printed_parent):
        body.pop("nonce")
        body["embeds"][-1].pop("footer")
    assert sent_parent == printed_parent
    assert sent_discord[1][1] == {**expected[1][1], "rate_limit_per_user": None}


def fill(records: list[Any], values: dict[str, str]) -> list[Any]:
    text = json.dumps(records)
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    loaded: list[Any] = json.loads(text)
    return loaded
