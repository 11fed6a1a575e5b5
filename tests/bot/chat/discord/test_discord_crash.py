"""SIGKILL a process posting to Discord at random points, restart it: every item once, thread intact.

The fake forgets nonces here (as Discord does after a few minutes), so only
the footer markers found in the history keep a restart from posting twice.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord.http
import pytest
from discord.gateway import DiscordWebSocket

from bot.chat.discord import render
from bot.delivery import outbox
from bot.store import Store
from tests.bot.delivery.factory import decision, items, save
from tests.fakes.crash import run_and_kill
from tests.fakes.discord_api import FakeDiscord

ITEMS = 12


@pytest.fixture
async def forgetful() -> AsyncIterator[FakeDiscord]:
    base, gateway = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    async with FakeDiscord(remember_nonces=False, post_latency=0.01) as server:
        yield server
    discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


async def run_poster(db_url: str, fake: FakeDiscord, kill_at: int | None, delay: float) -> bool:
    """Run the poster; SIGKILL it ``delay`` s after the ``kill_at``-th stored message. Killed?"""
    return await run_and_kill(
        "tests.bot.chat.discord.poster_discord", [db_url, fake.api_url], fake, kill_at, delay
    )


def entry_markers(messages: list[dict[str, Any]]) -> list[str]:
    tokens = [render.parse_token(m["embeds"][-1]["footer"]["text"]) for m in messages]
    return [t.digest for t in tokens if t is not None]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_sigkill_mid_digest_then_restart_posts_every_item_once(
    forgetful: FakeDiscord, tmp_path: Path, seed: int
) -> None:
    db_url = f"sqlite:///{tmp_path / 'gleaner.db'}"
    rng = random.Random(seed)
    store = Store.open(db_url)
    save(store, items(ITEMS, section="Headlines"), decision())
    kills = 0
    for round_ in range(3):
        # Round one may die right after the parent (before its thread); later ones mid-items.
        kill_at = 1 if round_ == 0 and seed % 2 else rng.randint(1, 4)
        kills += await run_poster(
            db_url, forgetful, kill_at, rng.choice([0, 0, 0.005, 0.012, 0.02])
        )
    await run_poster(db_url, forgetful, None, 0)
    assert kills >= 2

    (parent,) = forgetful.posted("500")
    assert list(forgetful.threads) == [parent["id"]]
    in_thread = forgetful.posted(parent["id"])
    expected = {render.marker_hash(outbox.entries_marker([i])): 1 for i in range(1, ITEMS + 1)}
    assert Counter(entry_markers(in_thread)) == Counter(expected)
    titles = sorted(m["embeds"][0]["title"] for m in in_thread)
    assert titles == sorted(f"Item {i}" for i in range(ITEMS))
    assert outbox.counts(store) == {"posted": ITEMS}
    store.close()
