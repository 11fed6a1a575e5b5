"""A posting process for the Discord crash test: flush the outbox to Discord, then exit.

Run as ``python -m tests.bot.chat.discord.poster_discord DB_URL API_URL``; the
test kills it with SIGKILL at random moments and runs it again.
"""

from __future__ import annotations

import asyncio
import sys

from bot.chat.discord.channel import DiscordChannel
from bot.chat.discord.settings import DiscordSettings
from bot.delivery.service import Delivery
from bot.models import Destination, Platform
from bot.store import Store

DESTS = {"news": Destination("news", Platform.DISCORD, "500")}


async def main(db_url: str, api_url: str) -> int:
    store = Store.open(db_url)
    settings = DiscordSettings(enabled=True, token="test-token", api_url=api_url)
    channel = await DiscordChannel.connect(settings, attempts=2, backoff=0.01)
    delivery = Delivery(store, {Platform.DISCORD: channel}, lambda: DESTS, retry_delays=(0.05, 0.1))
    try:
        posted = await delivery.flush()
    finally:
        await channel.aclose()
        store.close()
    print(posted, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2])))
