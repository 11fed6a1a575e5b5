"""Delivery (outbox, reconciliation) posting to the fake Discord through the real channel."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.chat.discord.channel import DiscordChannel
from bot.chat.discord.settings import DiscordSettings
from bot.delivery import outbox
from bot.delivery.service import Delivery
from bot.models import Destination, Platform, ThreadPolicy
from bot.store import Store
from tests.bot.delivery.factory import decision, items, save
from tests.fakes.discord_api import FakeDiscord

DESTS = {"news": Destination("news", Platform.DISCORD, "500")}
MESSAGES = r"^/channels/\d+/messages$"


async def no_sleep(_: float) -> None:
    return None


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(f"sqlite:///{tmp_path / 'gleaner.db'}")


@pytest.fixture
async def make_delivery(settings: DiscordSettings, store: Store) -> AsyncIterator[object]:
    opened: list[DiscordChannel] = []

    async def make() -> Delivery:
        channel = await DiscordChannel.connect(settings, attempts=2, backoff=0)
        opened.append(channel)
        return Delivery(
            store, {Platform.DISCORD: channel}, lambda: DESTS, sleep=no_sleep, retry_delays=(0, 0)
        )

    yield make
    for channel in opened:
        await channel.aclose()


def item_titles(fake: FakeDiscord, channel_id: str) -> list[str]:
    return [e["title"] for m in fake.posted(channel_id) for e in m["embeds"]]


async def test_a_digest_is_a_parent_with_every_item_in_its_thread(
    fake: FakeDiscord, store: Store, make_delivery
) -> None:
    delivery = await make_delivery()
    save(store, items(6, section="Headlines"), decision())
    assert await delivery.flush() == 7
    assert await delivery.flush() == 0
    (parent,) = fake.posted("500")
    assert parent["thread"]["id"] == parent["id"]
    assert item_titles(fake, parent["id"]) == [f"Item {i}" for i in range(6)]
    assert outbox.counts(store) == {"posted": 6}
    assert fake.violations == []


async def test_failed_posts_are_looked_up_not_doubled(
    fake: FakeDiscord, store: Store, make_delivery
) -> None:
    delivery = await make_delivery()
    save(store, items(4), decision())
    # The first item's post lands but its answer is lost twice: the channel gives up,
    # delivery looks the marker up and finds it.
    fake.fail("POST", MESSAGES, "ok", "drop-after", "drop")
    await delivery.flush()
    await delivery.flush()
    (parent,) = fake.posted("500")
    assert item_titles(fake, parent["id"]) == [f"Item {i}" for i in range(4)]
    assert outbox.counts(store) == {"posted": 4}
    assert fake.sent("GET", MESSAGES)  # the lookup happened


async def test_a_restart_reconciles_posts_the_dead_process_made(
    fake: FakeDiscord, store: Store, make_delivery
) -> None:
    first = await make_delivery()
    save(store, items(3), decision())
    # Item 0 reaches Discord, but neither the post's answer nor any lookup gets back.
    fake.fail("POST", MESSAGES, "ok", "drop-after", "drop", *["drop"] * 4)
    fake.fail("GET", MESSAGES, *["drop"] * 4)
    await first.flush()
    assert outbox.counts(store).get("sending") == 1
    fake.faults.clear()

    second = await make_delivery()
    second.reclaim_after = first.reclaim_after * 0  # the first process is dead: reclaim at once
    await second.flush()
    (parent,) = fake.posted("500")
    assert item_titles(fake, parent["id"]) == [f"Item {i}" for i in range(3)]
    assert outbox.counts(store) == {"posted": 3}


async def test_thread_none_posts_each_item_top_level(
    fake: FakeDiscord, store: Store, make_delivery
) -> None:
    delivery = await make_delivery()
    save(store, items(3), decision(thread=ThreadPolicy.NONE))
    await delivery.flush()
    assert item_titles(fake, "500") == ["Item 0", "Item 1", "Item 2"]
    assert not fake.sent("POST", "/threads$")
