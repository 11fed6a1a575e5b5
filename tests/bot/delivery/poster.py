"""A posting process for the crash tests: flush the outbox to Slack, then exit.

Run as ``python -m tests.bot.delivery.poster DB_URL SLACK_BASE_URL``; the
test kills it with SIGKILL at random moments and runs it again.
"""

from __future__ import annotations

import asyncio
import sys

from pydantic import SecretStr

from bot.chat.settings import SlackSettings
from bot.chat.slack.channel import SlackChannel
from bot.delivery.service import Delivery
from bot.models import Destination, Platform
from bot.store import Store

DESTS = {"news": Destination("news", Platform.SLACK, "C0NEWS")}


async def main(db_url: str, base_url: str) -> int:
    store = Store.open(db_url)
    settings = SlackSettings(
        bot_token=SecretStr("xoxb-test-token"), api_url=base_url, post_interval_seconds=0
    )
    channel = SlackChannel(settings)
    delivery = Delivery(store, {Platform.SLACK: channel}, lambda: DESTS, retry_delays=(0.05, 0.1))
    try:
        posted = await delivery.flush()
    finally:
        await channel.aclose()
        store.close()
    print(posted, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2])))
