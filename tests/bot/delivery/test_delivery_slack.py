"""Delivery end to end: a real Store, the real Slack client, the local fake Slack server."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import update

from bot.chat.settings import SlackSettings
from bot.chat.slack.channel import SlackChannel
from bot.delivery import outbox
from bot.delivery.schedule import slot_of
from bot.delivery.service import Delivery
from bot.models import Destination, Item, Platform, ThreadPolicy
from bot.store import Store
from bot.store.schema import outbox as outbox_table
from tests.bot.delivery.factory import decision, items, save
from tests.fakes.slack_api import FakeSlack

CHANNELS = {"C0NEWS": "news", "C0PAPERS": "papers"}
DESTS = {
    "news": Destination("news", Platform.SLACK, "C0NEWS"),
    "papers": Destination("papers", Platform.SLACK, "C0PAPERS"),
}


async def no_sleep(_: float) -> None:
    return None


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack(channels=dict(CHANNELS)).start()
    yield server
    await server.stop()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(f"sqlite:///{tmp_path / 'gleaner.db'}")


@pytest.fixture
async def delivery(fake: FakeSlack, store: Store) -> AsyncIterator[Delivery]:
    channel = SlackChannel(
        SlackSettings(
            bot_token=SecretStr(fake.token), api_url=fake.base_url, post_interval_seconds=0
        ),
        sleep=no_sleep,
    )
    yield Delivery(
        store, {Platform.SLACK: channel}, lambda: DESTS, sleep=no_sleep, retry_delays=(0, 0, 0)
    )
    await channel.aclose()


def markers(messages: list[dict[str, Any]]) -> list[str]:
    return [m["metadata"]["event_payload"]["marker"] for m in messages]


def titles(fake: FakeSlack, channel: str = "C0NEWS") -> list[str]:
    """The item titles visible in a channel's replies, in order."""
    found = []
    for message in fake.posts(channel):
        if "thread_ts" in message:
            found.append(message["blocks"][0]["text"]["text"])
    return found


async def test_a_digest_is_a_parent_with_every_item_in_its_thread(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    save(
        store,
        items(3, section="Headlines") + items(2, prefix="Tool", section="Tools", start=3),
        decision(),
    )
    assert await delivery.flush() == 6
    assert await delivery.flush() == 0
    parent, *replies = fake.posts("C0NEWS")
    assert parent["text"] == "TLDR AI · 13 Mar 2025 · 5 items"
    assert "thread_ts" not in parent
    assert [r["thread_ts"] for r in replies] == [parent["ts"]] * 5
    assert markers([parent])[0].startswith("gleaner:t:")
    assert sorted(markers(replies)) == [f"gleaner:o:{i}" for i in range(1, 6)]
    assert [t.split("|")[1].rstrip(">*") for t in titles(fake)] == [
        "Item 0",
        "Item 1",
        "Item 2",
        "Tool 3",
        "Tool 4",
    ]
    assert outbox.counts(store) == {"posted": 5}


async def test_two_hundred_items_in_one_digest(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    save(store, items(200), decision())
    assert await delivery.flush() == 201
    parent, *replies = fake.posts("C0NEWS")
    assert len(replies) == 200
    assert {r["thread_ts"] for r in replies} == {parent["ts"]}
    assert all(len(r["blocks"]) <= 50 for r in fake.posts())


async def test_a_45000_character_blurb_is_split_within_limits(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    words = " ".join(f"w{i:05d}" for i in range(6500))[:45000]
    save(store, [Item("Long", "https://example.com/long", blurb=words)], decision())
    assert await delivery.flush() == 2
    reply = fake.posts("C0NEWS")[1]
    sections = [b["text"]["text"] for b in reply["blocks"] if b["type"] == "section"]
    assert len(reply["blocks"]) <= 50
    assert all(len(s) <= 3000 for s in sections)
    assert " ".join(sections[1:]).split() == words.split()


INJECTIONS = ("@everyone", "@here", "<!channel>", "<!here>", "<@U123>", "<@&1>", "<#C0NEWS>")


async def test_newsletter_text_pings_nobody(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    evil = " ".join(INJECTIONS)
    save(
        store,
        [
            Item(
                f"Hi {evil}",
                "https://example.com/x",
                blurb=f"Look {evil}",
                section=evil,
                authors=(evil,),
            )
        ],
        decision(),
        name=f"News {evil}",
    )
    assert await delivery.flush() == 2
    for body in fake.post_bodies():
        decoded = json.dumps(json.loads(body), ensure_ascii=False)
        for token in ("<!channel>", "<!here>", "<!everyone>", "<@U123>", "<@&1>", "<#C0NEWS>"):
            assert token not in decoded
        for word in ("@everyone", "@here", "@channel"):
            assert word not in decoded
        assert "link_names" not in json.loads(body)


async def test_a_429_storm_delays_but_loses_and_doubles_nothing(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    fake.integer_retry_after = False
    save(store, items(5), decision())
    fake.fail("chat.postMessage", "429", times=12, retry_after=0.01)
    assert await delivery.flush() == 6
    assert len(fake.posts("C0NEWS")) == 6
    assert outbox.counts(store) == {"posted": 5}


@pytest.mark.parametrize("kind", ["500", "drop", "drop_after"])
async def test_failed_posts_are_looked_up_then_retried_exactly_once(
    fake: FakeSlack, store: Store, delivery: Delivery, kind: str
) -> None:
    save(store, items(4), decision())
    fake.fail("chat.postMessage", kind, times=3)
    await delivery.flush()
    await delivery.flush()
    posts = fake.posts("C0NEWS")
    assert sorted(markers(posts[1:])) == [f"gleaner:o:{i}" for i in range(1, 5)]
    assert len(posts) == 5
    assert {p["thread_ts"] for p in posts[1:]} == {posts[0]["ts"]}
    assert outbox.counts(store) == {"posted": 4}


async def test_an_unreachable_slack_leaves_rows_sending_until_reconciled(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    save(store, items(2), decision())
    fake.fail("chat.postMessage", "drop_after", times=1)
    fake.fail("chat.postMessage", "500", times=10)
    fake.fail("conversations.replies", "500", times=10)
    assert await delivery.flush() == 1  # the parent
    assert outbox.counts(store) == {"sending": 1, "pending": 1}
    fake.faults.clear()
    delivery._paused.clear()
    await delivery.flush()
    assert outbox.counts(store) == {"posted": 2}
    assert len(fake.posts("C0NEWS")) == 3


async def test_a_late_restart_across_a_digest_time_posts_it_once(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    save(store, items(3), decision(schedule="0 9 * * *", timezone="Europe/Paris"))
    slot = slot_of("0 9 * * *", "Europe/Paris", datetime.now(UTC))
    assert slot.astimezone().utcoffset() is not None
    assert await delivery.flush(slot - timedelta(minutes=1)) == 0
    assert await delivery.flush(slot + timedelta(minutes=30)) == 4
    assert await delivery.flush(slot + timedelta(minutes=31)) == 0
    assert await delivery.flush(slot + timedelta(days=1, minutes=1)) == 0
    assert len(fake.posts("C0NEWS")) == 4


async def test_two_digests_at_the_same_minute(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    cron = "30 8 * * 1-5"
    save(store, items(2), [decision("news", route="ai", schedule=cron, thread=ThreadPolicy.DIGEST)])
    save(
        store,
        items(3, prefix="Paper"),
        [decision("papers", route="papers", schedule=cron, thread=ThreadPolicy.DIGEST)],
        name="HF Papers",
    )
    save(
        store,
        items(1, prefix="More"),
        [decision("news", route="ai", schedule=cron, thread=ThreadPolicy.DIGEST)],
    )
    slot = slot_of(cron, "UTC", datetime.now(UTC))
    assert slot.weekday() < 5
    assert await delivery.flush(slot) == 4 + 4
    news, papers = fake.posts("C0NEWS"), fake.posts("C0PAPERS")
    assert news[0]["text"].startswith("ai · ")
    assert news[0]["text"].endswith("3 items")
    assert papers[0]["text"].startswith("papers · ")
    assert papers[0]["text"].endswith("3 items")
    assert len(news) == 4
    assert len(papers) == 4
    assert await delivery.flush(slot + timedelta(seconds=30)) == 0


async def test_quiet_hours_hold_posts_until_they_end(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    start = (now - timedelta(hours=1)).strftime("%H:%M")
    end = (now + timedelta(hours=1)).strftime("%H:%M")
    save(store, items(2), decision(quiet_hours=(start, end)))
    assert await delivery.flush(now + timedelta(minutes=1)) == 0
    assert fake.posts() == []
    assert await delivery.flush(now + timedelta(hours=1, minutes=1)) == 3


async def test_max_items_shows_and_n_more(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    save(store, items(7), decision(max_items=3))
    assert await delivery.flush() == 4
    parent = fake.posts("C0NEWS")[0]
    assert parent["text"] == "TLDR AI · 13 Mar 2025 · 7 items"
    assert parent["blocks"][1]["elements"][0]["text"] == "and 4 more not shown"
    assert outbox.counts(store) == {"posted": 3, "skipped": 4}


async def test_also_in_names_the_other_newsletters(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    shared = items(1, prefix="Shared")
    save(store, shared, [], name="Import AI")
    save(store, shared, decision(), name="TLDR AI")
    assert await delivery.flush() == 2
    context = fake.posts("C0NEWS")[1]["blocks"][-1]["elements"]
    assert "also in: Import AI" in [e["text"] for e in context]


async def test_sponsored_items_are_labelled_or_dropped(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    ad = Item("Buy this", "https://sponsor.example/", sponsor=True, position=0)
    real = Item("Real news", "https://example.com/real", position=1)
    save(store, [ad, real], decision("news"))
    save(store, [ad, real], decision("papers", keep_sponsored=False), name="Other")
    await delivery.flush()
    news = [m["blocks"][0]["text"]["text"] for m in fake.posts("C0NEWS")[1:]]
    papers = [m["blocks"][0]["text"]["text"] for m in fake.posts("C0PAPERS")[1:]]
    assert news[0].startswith("*[Sponsored]* ")
    assert len(news) == 2
    assert len(papers) == 1
    assert "Real news" in papers[0]


async def test_thread_none_posts_each_item_top_level(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    save(store, items(3), decision(thread=ThreadPolicy.NONE))
    assert await delivery.flush() == 3
    assert all("thread_ts" not in m for m in fake.posts("C0NEWS"))


async def test_the_scheduler_flushes_immediate_routes_within_seconds(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    delivery.tick_seconds = 0.2
    stop = asyncio.Event()
    task = asyncio.create_task(delivery.run(stop))
    save(store, items(2), decision())
    save(store, items(1, prefix="Later"), decision(schedule="0 9 * * *", timezone="Asia/Tokyo"))
    for _ in range(50):
        await asyncio.sleep(0.1)
        if len(fake.posts("C0NEWS")) == 3 and delivery._scheduler.get_job(
            "gleaner:cron:0 9 * * *@Asia/Tokyo"
        ):
            break
    ids = sorted(job.id for job in delivery._scheduler.get_jobs())
    stop.set()
    await task
    assert len(fake.posts("C0NEWS")) == 3
    assert outbox.counts(store) == {"posted": 2, "pending": 1}
    assert ids == ["gleaner:cron:0 9 * * *@Asia/Tokyo", "gleaner:tick"]


async def test_rows_for_an_unknown_channel_wait_until_it_is_configured(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    save(store, items(2), decision("later"))
    assert await delivery.flush() == 0
    assert outbox.counts(store) == {"pending": 2}
    delivery.destinations = lambda: {
        **DESTS,
        "later": Destination("later", Platform.SLACK, "C0PAPERS"),
    }
    assert await delivery.flush() == 3
    assert len(fake.posts("C0PAPERS")) == 3


async def test_a_refused_token_pauses_the_platform_and_keeps_every_row(
    fake: FakeSlack, store: Store
) -> None:
    channel = SlackChannel(
        SlackSettings(bot_token=SecretStr("xoxb-revoked"), api_url=fake.base_url)
    )
    delivery = Delivery(store, {Platform.SLACK: channel}, lambda: DESTS, sleep=no_sleep)
    save(store, items(2), decision())
    assert await delivery.flush() == 0  # said and paused; the loop goes on
    await channel.aclose()
    assert outbox.counts(store) == {"pending": 2}
    assert fake.posts() == []
    assert "invalid_auth" in delivery.problems["news"]


async def test_a_restart_long_after_a_digest_time_posts_it_once_from_the_scheduler(
    fake: FakeSlack, store: Store, delivery: Delivery
) -> None:
    save(store, items(3), decision(schedule="0 9 * * *", timezone="Europe/Paris"))
    with store.engine.begin() as conn:  # written the day before: today's 09:00 has passed
        conn.execute(
            update(outbox_table).values(created_at=datetime.now(UTC) - timedelta(days=1, hours=1))
        )
    delivery.tick_seconds = 0.2
    stop = asyncio.Event()
    task = asyncio.create_task(delivery.run(stop))
    for _ in range(50):
        await asyncio.sleep(0.1)
        if len(fake.posts("C0NEWS")) == 4:
            break
    await asyncio.sleep(0.6)  # a few more ticks: nothing more
    stop.set()
    await task
    assert len(fake.posts("C0NEWS")) == 4
    assert outbox.counts(store) == {"posted": 3}
