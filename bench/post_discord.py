"""Posting benchmark for Discord: a backlog of items to one channel against its rate limit.

The local fake Discord (``tests/fakes/discord_api.py``) enforces a fixed
window of N messages per T seconds per channel, announces it in Discord's
``X-RateLimit-*`` headers and answers 429 when a post comes too soon. The real
``Delivery`` posts the backlog (a parent, its thread, one message per item)
through the real discord.py REST client, which paces itself by those headers.
The figure is the achieved rate as a share of the allowed rate, and the number
of 429s (goal: at least 90%, and no 429 needed).

Discord's own limit is about 5 messages per 5 seconds per channel; at that pace
500 items take over 8 minutes, so the default window is 10 per 0.5 s.

    .venv/bin/python bench/post_discord.py [--items 500] [--limit 10] [--per 0.5]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.chat.discord.channel import DiscordChannel
from bot.chat.discord.settings import DiscordSettings
from bot.delivery import outbox
from bot.delivery.service import Delivery
from bot.models import Destination, Platform
from bot.store import Store
from tests.bot.delivery.factory import decision, items, save
from tests.fakes.discord_api import FakeDiscord


async def run(n: int, limit: int, per: float, db: Path) -> None:
    store = Store.open(f"sqlite:///{db}")
    save(store, items(n, section="Backlog"), decision())
    async with FakeDiscord(rate_limit=(limit, per)) as fake:
        settings = DiscordSettings(enabled=True, token="bench", api_url=fake.api_url)
        channel = await DiscordChannel.connect(settings)
        dests = {"news": Destination("news", Platform.DISCORD, "500")}
        delivery = Delivery(store, {Platform.DISCORD: channel}, lambda: dests)
        started = time.perf_counter()
        posted = await delivery.flush()
        elapsed = time.perf_counter() - started
        await channel.aclose()
        parents = fake.posted("500")
        messages = len(parents) + sum(len(fake.posted(p["id"])) for p in parents)
        limited = fake.rate_limited
    counts = outbox.counts(store)
    store.close()
    rate = limit / per
    # Fixed windows: m messages need ceil(m / limit) - 1 full windows before the last one opens.
    floor = (math.ceil(messages / limit) - 1) * per
    print(f"machine: {platform.node()} {platform.machine()} Python {platform.python_version()}")
    print(f"items: {n}  posted: {posted} (messages on the server: {messages})  outbox: {counts}")
    print(f"limit: {limit} messages per {per:g} s per channel = {rate:g}/s")
    print(f"time: {elapsed:.2f} s  (floor at the limit: {floor:.2f} s)")
    print(f"achieved: {messages / elapsed:.2f} msg/s = {floor / elapsed:.1%} of the allowed rate")
    print(f"429 answers: {limited}  every item posted once: {counts == {'posted': n}}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--limit", type=int, default=10, help="messages per window per channel")
    parser.add_argument("--per", type=float, default=0.5, help="window length, seconds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run(args.items, args.limit, args.per, Path(tmp) / "bench.db"))


if __name__ == "__main__":
    main()
