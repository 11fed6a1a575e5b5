"""Two delivery loops on one SQLite database at once: every parent and item posted once.

Real slack_sdk against the local fake Slack; each worker has its own engine.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.chat.settings import SlackSettings
from bot.chat.slack.channel import SlackChannel
from bot.delivery import outbox
from bot.delivery.service import Delivery
from bot.models import Destination, Platform
from bot.store import Store
from tests.bot.delivery.factory import decision, items, save
from tests.fakes.slack_api import FakeSlack

DESTS = {"news": Destination("news", Platform.SLACK, "C0NEWS")}


async def no_sleep(_: float) -> None:
    return None


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack(channels={"C0NEWS": "news"}).start()
    yield server
    await server.stop()


async def test_two_workers_flushing_at_once_post_every_parent_and_item_once(
    fake: FakeSlack, tmp_path: Path
) -> None:
    """Two delivery loops on one database (say, a restart overlapping the old process)."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first, second = Store.open(url), Store.open(url)
    settings = SlackSettings(
        bot_token=SecretStr(fake.token), api_url=fake.base_url, post_interval_seconds=0
    )
    slacks = [SlackChannel(settings, sleep=no_sleep) for _ in range(2)]
    workers = [
        Delivery(store, {Platform.SLACK: slack}, lambda: DESTS, sleep=no_sleep)
        for store, slack in zip((first, second), slacks, strict=True)
    ]
    # Both past their first flush (which reconciles everything, as the only worker).
    assert await asyncio.gather(*(w.flush() for w in workers)) == [0, 0]
    for n in range(25):
        save(first, items(2, prefix=f"Issue {n}"), decision("news"), name=f"Letter {n}")
    await asyncio.gather(*(w.flush() for w in workers))
    await asyncio.gather(*(w.flush() for w in workers))
    for slack in slacks:
        await slack.aclose()
    markers = [m["metadata"]["event_payload"]["marker"] for m in fake.messages["C0NEWS"]]
    assert len(markers) == len(set(markers)) == 25 + 50
    assert outbox.counts(first) == {"posted": 50}
    first.close()
    second.close()
