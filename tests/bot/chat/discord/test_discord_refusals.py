"""Discord saying no: a deleted channel (404), no access (403), no right to start threads.

A named error, that destination paused, the other going on, nothing lost or doubled,
no lookups or retries hammering a channel that refuses. Real discord.py, fake Discord.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.chat.discord.channel import DiscordChannel
from bot.chat.discord.settings import DiscordSettings
from bot.delivery import outbox
from bot.delivery.service import Delivery
from bot.models import Destination, Platform
from bot.store import Store
from tests.bot.delivery.factory import decision, items, save
from tests.fakes.discord_api import FakeDiscord

DESTS = {
    "news": Destination("news", Platform.DISCORD, "500"),
    "other": Destination("other", Platform.DISCORD, "600"),
}
T0 = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


async def no_sleep(_: float) -> None:
    return None


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(f"sqlite:///{tmp_path / 'gleaner.db'}")


@pytest.fixture
async def delivery(settings: DiscordSettings, store: Store) -> AsyncIterator[Delivery]:
    channel = await DiscordChannel.connect(settings, attempts=2, backoff=0)
    yield Delivery(
        store, {Platform.DISCORD: channel}, lambda: DESTS, sleep=no_sleep, retry_delays=(0, 0)
    )
    await channel.aclose()


def requests_to(fake: FakeDiscord, channel_id: str) -> list[str]:
    return [f"{r.method} {r.path}" for r in fake.requests if f"/channels/{channel_id}/" in r.path]


@pytest.mark.parametrize(
    ("kind", "words"),
    [("missing", "Unknown Channel"), ("forbidden", "Missing Access")],
)
async def test_a_missing_or_forbidden_channel_is_named_paused_and_posted_once_later(
    fake: FakeDiscord,
    store: Store,
    delivery: Delivery,
    caplog: pytest.LogCaptureFixture,
    kind: str,
    words: str,
) -> None:
    getattr(fake, kind).add("500")
    save(store, items(2), [decision("news"), decision("other")])
    caplog.set_level(logging.WARNING)

    assert await delivery.flush(T0) == 3  # "other" is posted regardless
    assert requests_to(fake, "500") == ["POST /channels/500/messages"]  # no lookups, no retries
    assert outbox.counts(store) == {"pending": 2, "posted": 2}
    said = [r.getMessage() for r in caplog.records if words in r.getMessage()]
    assert len(said) == 1
    assert "'news'" in said[0]
    assert "check its id" in said[0] or "add it to the channel" in said[0]
    assert words in delivery.problems["news"]

    assert await delivery.flush(T0 + timedelta(minutes=5)) == 0
    assert len(requests_to(fake, "500")) == 1  # paused: nothing sent

    getattr(fake, kind).clear()
    assert await delivery.flush(T0 + timedelta(minutes=11)) == 3
    (parent,) = fake.messages["500"]  # one parent, not one per try
    assert len(fake.messages[parent["id"]]) == 2  # and each item once, in its thread
    assert outbox.counts(store) == {"posted": 4}
    assert "news" not in delivery.problems


async def test_a_thread_refused_after_the_parent_posted_never_doubles_the_parent(
    fake: FakeDiscord, store: Store, delivery: Delivery, caplog: pytest.LogCaptureFixture
) -> None:
    fake.no_threads.add("500")
    fake.remember_nonces = False  # Discord's nonce window long gone: only the marker protects
    save(store, items(2), decision("news"))
    caplog.set_level(logging.WARNING)

    assert await delivery.flush(T0) == 0
    assert len(fake.messages["500"]) == 1  # the parent went out; its thread was refused
    assert "Missing Permissions" in caplog.text
    assert "Create Public Threads" in caplog.text
    for minutes in (11, 22):  # later tries find the parent instead of posting it again
        await delivery.flush(T0 + timedelta(minutes=minutes))
        assert len(fake.messages["500"]) == 1

    fake.no_threads.clear()
    await delivery.flush(T0 + timedelta(minutes=33))
    await delivery.flush(T0 + timedelta(minutes=34))
    (parent,) = fake.messages["500"]
    assert parent["thread"]["id"] == parent["id"]
    assert len(fake.messages[parent["id"]]) == 2  # both items, in the thread, once
    assert outbox.counts(store) == {"posted": 2}


async def test_a_deleted_thread_gets_a_new_parent_and_thread(
    fake: FakeDiscord, store: Store, delivery: Delivery
) -> None:
    posted: list[dict[str, object]] = []

    def delete_thread_after_first_reply(message: dict[str, object]) -> None:
        posted.append(message)
        if len(posted) == 2:  # parent and first reply are in: the thread is deleted
            thread_id = str(posted[0]["id"])
            fake.missing.add(thread_id)
            fake.threads.pop(thread_id, None)

    fake.on_store = delete_thread_after_first_reply
    save(store, items(3), decision("news"))
    assert await delivery.flush(T0) == 2
    assert outbox.counts(store) == {"posted": 1, "pending": 2}
    assert "news" not in delivery.problems
    assert await delivery.flush(T0 + timedelta(seconds=5)) == 3
    _old, new = fake.messages["500"]  # a second parent: the first lost its thread
    assert new["thread"]["id"] == new["id"]
    assert len(fake.messages[new["id"]]) == 2
    assert outbox.counts(store) == {"posted": 3}
