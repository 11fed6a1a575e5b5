"""SIGKILL a posting process at random points mid-digest, restart it: every item once, thread intact."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.delivery import outbox
from bot.store import Store
from tests.bot.delivery.factory import decision, items, save
from tests.fakes.crash import run_and_kill
from tests.fakes.slack_api import FakeSlack

ITEMS = 20


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    # Each post is stored at once and answered 10 ms later, so a kill can land
    # after Slack has the message and before the poster knows it.
    server = await FakeSlack(channels={"C0NEWS": "news"}, post_latency=0.01).start()
    yield server
    await server.stop()


async def run_poster(db_url: str, fake: FakeSlack, kill_at: int | None, delay: float) -> bool:
    """Run the poster; SIGKILL it ``delay`` s after the ``kill_at``-th stored message. Killed?"""
    return await run_and_kill(
        "tests.bot.delivery.poster", [db_url, fake.base_url], fake, kill_at, delay
    )


async def kill_and_restart(fake: FakeSlack, db_url: str, seed: int) -> None:
    rng = random.Random(seed)
    store = Store.open(db_url)
    save(store, items(ITEMS, section="Headlines"), decision())
    kills = 0
    for round_ in range(3):
        # The first round may die right after the parent; later ones mid-replies.
        # A delay of 0 kills while the answer is pending; a few ms, between the
        # answer and the database write, or between two posts.
        kill_at = 1 if round_ == 0 and seed % 2 else rng.randint(1, 6)
        kills += await run_poster(db_url, fake, kill_at, rng.choice([0, 0, 0.005, 0.012, 0.02]))
    await run_poster(db_url, fake, None, 0)
    assert kills >= 2

    posts = fake.posts("C0NEWS")
    parents = [p for p in posts if "thread_ts" not in p]
    replies = [p for p in posts if "thread_ts" in p]
    assert len(parents) == 1
    assert {r["thread_ts"] for r in replies} == {parents[0]["ts"]}
    seen = Counter(r["metadata"]["event_payload"]["marker"] for r in replies)
    assert seen == Counter({f"gleaner:o:{i}": 1 for i in range(1, ITEMS + 1)})
    assert outbox.counts(store) == {"posted": ITEMS}
    store.close()


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3, 4])
async def test_sigkill_mid_digest_then_restart_posts_every_item_once(
    fake: FakeSlack, tmp_path: Path, seed: int
) -> None:
    await kill_and_restart(fake, f"sqlite:///{tmp_path / 'gleaner.db'}", seed)


@pytest.mark.slow
async def test_sigkill_mid_digest_on_postgresql(fake: FakeSlack, pg_url: str) -> None:
    await kill_and_restart(fake, pg_url, 5)
