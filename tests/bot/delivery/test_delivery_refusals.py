"""Slack saying no (bot not invited, channel gone, token revoked) and destinations that
vanish from the rules: a named error, that destination paused, nothing lost or doubled,
no storm of retries, and the loop goes on. Real slack_sdk against the local fake Slack."""

from __future__ import annotations

import io
import logging
from collections import deque
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr
from rich.console import Console

from bot.chat.base import Channel
from bot.chat.console import ConsoleChannel
from bot.chat.settings import SlackSettings
from bot.chat.slack.channel import SlackChannel
from bot.delivery import outbox
from bot.delivery.report import outbox_report
from bot.delivery.service import Delivery
from bot.models import Destination, Platform
from bot.store import Store
from tests.bot.delivery.factory import decision, items, save
from tests.fakes.slack_api import FakeSlack

DESTS = {
    "news": Destination("news", Platform.SLACK, "C0NEWS"),
    "papers": Destination("papers", Platform.SLACK, "C0PAPERS"),
    "gone": Destination("gone", Platform.SLACK, "C0GONE"),
    "term": Destination("term", Platform.CONSOLE),
}
T0 = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)


async def no_sleep(_: float) -> None:
    return None


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = await FakeSlack(channels={"C0NEWS": "news", "C0PAPERS": "papers"}).start()
    yield server
    await server.stop()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(f"sqlite:///{tmp_path / 'gleaner.db'}")


@pytest.fixture
async def slack(fake: FakeSlack) -> AsyncIterator[SlackChannel]:
    settings = SlackSettings(
        bot_token=SecretStr(fake.token), api_url=fake.base_url, post_interval_seconds=0
    )
    channel = SlackChannel(settings, sleep=no_sleep)
    yield channel
    await channel.aclose()


def delivery(store: Store, slack: SlackChannel, dests: dict[str, Destination] = DESTS) -> Delivery:
    console = ConsoleChannel(console=Console(file=io.StringIO(), width=200))
    channels: dict[Platform, Channel] = {Platform.SLACK: slack, Platform.CONSOLE: console}
    return Delivery(store, channels, lambda: dests, sleep=no_sleep, retry_delays=(0, 0, 0))


def calls(fake: FakeSlack, channel: str) -> list[str]:
    return [r.method for r in fake.requests if r.body.get("channel") == channel]


def titles(fake: FakeSlack, channel: str) -> list[str]:
    return [m["text"] for m in fake.messages.get(channel, []) if m.get("thread_ts")]


def statuses(store: Store, destination: str) -> dict[str, int]:
    rows = outbox.load(store) + outbox.load(store, "sending")
    found: dict[str, int] = {}
    for row in rows:
        if row.destination == destination:
            status = "sending" if row.marker else "pending"
            found[status] = found.get(status, 0) + 1
    return found


@pytest.mark.parametrize(
    ("setup", "code", "hint"),
    [
        ("not_in", "not_in_channel", "invite the bot"),
        ("gone", "channel_not_found", "check the channel"),
    ],
)
async def test_a_refused_channel_is_named_paused_and_posted_once_later(
    fake: FakeSlack,
    store: Store,
    slack: SlackChannel,
    caplog: pytest.LogCaptureFixture,
    setup: str,
    code: str,
    hint: str,
) -> None:
    target = "news" if setup == "not_in" else "gone"
    channel_id = DESTS[target].target
    if setup == "not_in":
        fake.not_in.add("C0NEWS")
    save(store, items(2), [decision(target), decision("papers")])
    loop = delivery(store, slack)
    caplog.set_level(logging.WARNING)

    assert await loop.flush(T0) == 3  # papers went out regardless
    assert calls(fake, channel_id) == ["chat.postMessage"]  # one try, no lookups, no retries
    assert statuses(store, target) == {"pending": 2}  # given back, not left in flight
    (said,) = [r.getMessage() for r in caplog.records if code in r.getMessage()]
    assert f"'{target}'" in said
    assert hint in said
    assert code in loop.problems[target]

    assert await loop.flush(T0 + timedelta(minutes=5)) == 0
    assert calls(fake, channel_id) == ["chat.postMessage"]  # paused: nothing sent

    if setup == "not_in":
        fake.not_in.clear()
    else:
        fake.channels["C0GONE"] = "gone"
    assert await loop.flush(T0 + timedelta(minutes=11)) == 3
    assert [t.count("Item 0") + t.count("Item 1") for t in titles(fake, channel_id)] == [1, 1]
    assert len(fake.messages[channel_id]) == 3  # one parent, two replies: nothing doubled
    assert target not in loop.problems


async def test_a_revoked_token_pauses_slack_not_the_loop(
    fake: FakeSlack, store: Store, slack: SlackChannel, caplog: pytest.LogCaptureFixture
) -> None:
    save(store, items(2), [decision("news"), decision("papers"), decision("term")])
    good = fake.token
    fake.token = "xoxb-revoked"
    loop = delivery(store, slack)
    caplog.set_level(logging.WARNING)

    assert await loop.flush(T0) == 3  # the console route still posts
    assert [r.method for r in fake.requests] == ["chat.postMessage"]  # one try for all Slack
    assert outbox.counts(store) == {"pending": 4, "posted": 2}
    said = [r.getMessage() for r in caplog.records if "invalid_auth" in r.getMessage()]
    assert len(said) == 1
    assert "Slack" in said[0]
    assert "bot_token" in said[0]
    assert good not in caplog.text
    assert "xoxb-revoked" not in caplog.text

    assert await loop.flush(T0 + timedelta(minutes=5)) == 0
    assert len(fake.requests) == 1  # no retry storm

    fake.token = good
    assert await loop.flush(T0 + timedelta(minutes=11)) == 6
    assert outbox.counts(store) == {"posted": 6}


async def test_rows_of_a_destination_removed_from_the_rules_wait_and_say_so(
    fake: FakeSlack, store: Store, slack: SlackChannel, caplog: pytest.LogCaptureFixture
) -> None:
    save(store, items(3), [decision("old-news"), decision("papers")])
    loop = delivery(store, slack)
    caplog.set_level(logging.INFO)
    assert await loop.flush(T0) == 4
    assert await loop.flush(T0 + timedelta(seconds=5)) == 0
    said = [r.getMessage() for r in caplog.records if "'old-news'" in r.getMessage()]
    assert len(said) == 1  # once, not every tick
    assert "3 posts" in said[0]
    assert "no longer" in said[0]
    assert statuses(store, "old-news") == {"pending": 3}
    assert "old-news" in loop.waiting
    assert "old-news" not in loop.problems
    (report,) = [r for r in outbox_report(store, T0) if r.destination == "old-news"]
    assert report.last_error == "waiting: the rules no longer name a channel of that name"

    back = {**DESTS, "old-news": Destination("old-news", Platform.SLACK, "C0NEWS")}
    assert await delivery(store, slack, back).flush(T0 + timedelta(seconds=10)) == 4
    assert outbox.counts(store) == {"posted": 6}


async def test_a_fatal_error_answer_is_not_taken_for_a_refusal(
    fake: FakeSlack, store: Store, slack: SlackChannel
) -> None:
    """Slack's ``fatal_error`` / ``internal_error`` with HTTP 200 may follow a stored post:
    it is looked up, never re-posted blindly."""
    fake.faults["chat.postMessage"] = deque([("ok", 0), ("fatal_after", 0)])
    save(store, items(2), decision("news"))
    loop = delivery(store, slack)
    await loop.flush(T0)
    await loop.flush(T0 + timedelta(minutes=11))
    markers = [m["metadata"]["event_payload"]["marker"] for m in fake.messages["C0NEWS"]]
    assert len(markers) == 3
    assert len(set(markers)) == 3
    assert outbox.counts(store) == {"posted": 2}


async def test_a_deleted_thread_parent_gets_a_new_thread_and_blocks_nothing(
    fake: FakeSlack, store: Store, slack: SlackChannel
) -> None:
    """Someone deletes the digest's parent mid-digest: the rest goes into a new thread,
    and the channel is not paused (a stale thread must not block it for good)."""
    stored: list[dict[str, object]] = []

    def delete_parent_after_first_reply(message: dict[str, object]) -> None:
        stored.append(message)
        if len(stored) == 2:  # parent and first reply are in: the parent is deleted
            parent_ts = stored[0]["ts"]
            fake.messages["C0NEWS"] = [
                m for m in fake.messages["C0NEWS"] if parent_ts not in (m["ts"], m.get("thread_ts"))
            ]

    fake.on_store = delete_parent_after_first_reply
    save(store, items(3), decision("news"))
    loop = delivery(store, slack)
    assert await loop.flush(T0) == 2
    assert outbox.counts(store) == {"posted": 1, "pending": 2}
    assert "news" not in loop.problems
    assert await loop.flush(T0 + timedelta(seconds=5)) == 3  # a new parent and the two left
    (parent,) = [m for m in fake.messages["C0NEWS"] if "thread_ts" not in m]
    replies = [m for m in fake.messages["C0NEWS"] if m.get("thread_ts") == parent["ts"]]
    assert [r["text"].count("Item 1") + r["text"].count("Item 2") for r in replies] == [1, 1]
    assert outbox.counts(store) == {"posted": 3}
    new_thread = outbox.threads_in(store, "posted")
    assert [t.message_id for t in new_thread] == [parent["ts"]]
    (gone,) = outbox.threads_in(store, "gone")  # kept, its key freed for the new thread
    assert gone.digest_key == f"{new_thread[0].digest_key}#gone:{gone.id}"
    assert gone.marker != new_thread[0].marker
