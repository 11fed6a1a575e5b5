"""Posting benchmark: a backlog of 500 items to one Slack channel against the rate limit.

The local fake Slack server (``tests/fakes/slack_api.py``, in its own thread
and event loop) enforces N messages per second per channel and answers 429
with ``Retry-After`` when a post comes too soon, as Slack does at about one
per second. The real ``Delivery`` posts the backlog (one parent, one reply per
item) through the real slack_sdk client paced at 1/N seconds. The figure is
the achieved rate as a share of the allowed rate; goal: at least 90%, and no
429 left unhandled (every item posted once).

At Slack's own limit (``--rate 1``) 500 items take over 8 minutes; the default
scales the limit to 10/s and the client's pace with it.

    .venv/bin/python bench/post.py [--items 500] [--rate 10] [--latency 0.002]
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import sys
import tempfile
import time
from pathlib import Path

from pydantic import SecretStr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.chat.settings import SlackSettings
from bot.chat.slack.channel import SlackChannel
from bot.delivery import outbox
from bot.delivery.service import Delivery
from bot.models import Destination, Platform
from bot.store import Store
from tests.bot.delivery.factory import decision, items, save
from tests.fakes.slack_api import FakeSlack


async def run(n: int, rate: float, latency: float, db: Path) -> None:
    fake = FakeSlack(channels={"C0NEWS": "news"}, rate_per_channel=rate, post_latency=latency)
    fake.integer_retry_after = rate <= 1
    thread = fake.start_in_thread()
    store = Store.open(f"sqlite:///{db}")
    save(store, items(n, section="Backlog"), decision())
    settings = SlackSettings(
        bot_token=SecretStr(fake.token), api_url=fake.base_url, post_interval_seconds=1.0 / rate
    )
    channel = SlackChannel(settings)
    dests = {"news": Destination("news", Platform.SLACK, "C0NEWS")}
    delivery = Delivery(store, {Platform.SLACK: channel}, lambda: dests)
    started = time.perf_counter()
    posted = await delivery.flush()
    elapsed = time.perf_counter() - started
    await channel.aclose()
    fake.stop_thread(thread)
    messages = len(fake.posts("C0NEWS"))
    counts = outbox.counts(store)
    store.close()
    # n messages at the limit need (n - 1) gaps of 1/rate seconds.
    floor = (messages - 1) / rate
    achieved = (messages - 1) / elapsed if elapsed else 0.0
    print(f"machine: {platform.node()} {platform.machine()} Python {platform.python_version()}")
    print(f"items: {n}  messages posted: {posted} (on the server: {messages})  outbox: {counts}")
    print(f"limit: {rate:g} msg/s per channel  server latency: {latency * 1000:.1f} ms")
    print(f"time: {elapsed:.2f} s  (floor at the limit: {floor:.2f} s)")
    print(f"achieved: {achieved:.3f} msg/s = {achieved / rate:.1%} of the allowed rate")
    print(
        f"429 answers: {fake.rate_limited}  unhandled: {0 if counts == {'posted': n} else 'SOME'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument(
        "--rate", type=float, default=10.0, help="messages per second per channel allowed"
    )
    parser.add_argument(
        "--latency", type=float, default=0.002, help="server time per post, seconds"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run(args.items, args.rate, args.latency, Path(tmp) / "bench.db"))


if __name__ == "__main__":
    main()
