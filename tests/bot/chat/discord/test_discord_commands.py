"""Slash commands: the real discord.py client on the fake gateway, answers checked on the fake REST API."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.chat.discord.client import GleanerBot, run_gateway
from bot.chat.discord.commands import SearchFn, query_text, store_searcher
from bot.chat.discord.endpoints import point_at
from bot.chat.discord.settings import DiscordSettings
from bot.errors import ChatAuthError
from bot.models import Email, Item, Newsletter, ParseResult
from bot.search import SearchPage
from bot.store import Store
from tests.fakes.discord_api import APP_ID, EPHEMERAL, FakeDiscord

CALLBACK = r"^/interactions/\d+/[^/]+/callback$"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(f"sqlite:///{tmp_path / 'gleaner.db'}")
    items = tuple(
        Item(
            title=f"Sparse attention trick {i}" + (" @everyone look" if i == 0 else ""),
            url=f"https://example.com/a{i}",
            blurb="A paper on sparse attention <!channel> <@&1> for long context."
            if i == 1
            else "About attention.",
            section="Research",
            position=i,
        )
        for i in range(12)
    )
    newsletter = Newsletter(
        family="tldr", name="TLDR AI", issue_date=date(2025, 4, 18), message_id="<t@x>"
    )
    email = Email(message_id="<t@x>", subject="TLDR AI", sender="tldr@example.com")
    store.save_issue(b"<t@x>", "test", email, ParseResult(newsletter, items), [[] for _ in items])
    yield store
    store.close()


def searcher(store: Store, delay: float = 0.0) -> SearchFn:
    engine = store_searcher(store)
    if not delay:
        return engine

    async def slow(text: str, limit: int, offset: int) -> SearchPage:
        await asyncio.sleep(delay)
        return await engine(text, limit, offset)

    return slow


def routes_for(channel_id: str) -> Sequence[str]:
    return ["papers: kind:paper, keyword 'attention' <@&1>"] if channel_id == "500" else []


@pytest.fixture
async def running(
    fake: FakeDiscord, settings: DiscordSettings
) -> AsyncIterator[Callable[..., Any]]:
    started: list[tuple[GleanerBot, asyncio.Task[None]]] = []

    async def start(
        search: SearchFn, *, settings: DiscordSettings = settings, **options: Any
    ) -> GleanerBot:
        point_at(settings.api_url, settings.gateway_url)
        bot = GleanerBot(settings, search, routes_for, guild_ready_timeout=0.01, **options)
        task = asyncio.create_task(bot.start(settings.bot_token()))
        started.append((bot, task))
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        return bot

    yield start
    for bot, task in started:
        await bot.close()
        await task


def command(name: str, **options: str) -> dict[str, Any]:
    return {
        "id": "77",
        "name": name,
        "type": 1,
        "options": [{"name": k, "type": 3, "value": v} for k, v in options.items()],
    }


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["custom_id"]: c for row in message.get("components", []) for c in row["components"]}


async def test_commands_sync_to_each_configured_guild(
    fake: FakeDiscord, running, store: Store
) -> None:
    settings = DiscordSettings(
        enabled=True,
        token="t",
        api_url=fake.api_url,
        gateway_url=fake.gateway_url,
        guild_ids=(11, 12),
    )
    await running(searcher(store), settings=settings)
    assert set(fake.commands) == {"11", "12"}
    assert not fake.sent("PUT", r"^/applications/\d+/commands$")
    synced = {c["name"]: c for c in fake.commands["11"]}
    assert set(synced) == {"search", "gleaner-rules"}
    assert [o["name"] for o in synced["search"]["options"]] == ["query", "from", "since"]
    assert [o["required"] for o in synced["search"]["options"]] == [True, False, False]
    assert fake.identified
    assert fake.identified[0]["token"] == "t"


async def test_commands_sync_globally_without_guilds(
    fake: FakeDiscord, running, store: Store
) -> None:
    await running(searcher(store))
    (put,) = fake.sent("PUT", r"^/applications/\d+/commands$")
    assert put.path == f"/applications/{APP_ID}/commands"
    assert {c["name"] for c in put.body} == {"search", "gleaner-rules"}
    assert set(fake.commands) == {"global"}


async def test_search_answers_ephemerally_escaped_with_pagination(
    fake: FakeDiscord, running, store: Store
) -> None:
    await running(searcher(store))
    await fake.dispatch(
        "INTERACTION_CREATE", fake.interaction(command("search", query="sparse attention"))
    )
    (call,) = await fake.wait_for("POST", CALLBACK)

    assert call.body["type"] == 4  # answered at once: the search was fast
    data = call.body["data"]
    assert data["flags"] & EPHEMERAL
    assert data["allowed_mentions"] == {"parse": []}
    assert len(data["embeds"]) == 5
    raw = json.dumps(data["embeds"], ensure_ascii=False)
    for live in ("@everyone", "<!channel>", "<@&1>"):
        assert live not in raw
    assert "**" in raw  # matched words are highlighted
    assert data["embeds"][0]["url"].startswith("https://example.com/a")
    assert "Results 1–5+" in data["embeds"][-1]["footer"]["text"]
    found = buttons(data)
    assert found["gleaner:search:next"].get("disabled", False) is False
    assert found["gleaner:search:previous"]["disabled"] is True


async def test_next_button_turns_the_page(fake: FakeDiscord, running, store: Store) -> None:
    await running(searcher(store))
    await fake.dispatch(
        "INTERACTION_CREATE", fake.interaction(command("search", query="attention"))
    )
    (_first,) = await fake.wait_for("POST", CALLBACK)
    answer = fake.messages[next(k for k in fake.messages if k.startswith("interaction:"))][0]
    titles_1 = [e["title"] for e in answer["embeds"]]

    click = {"custom_id": "gleaner:search:next", "component_type": 2}
    await fake.dispatch("INTERACTION_CREATE", fake.interaction(click, kind=3, message=answer))
    calls = await fake.wait_for("POST", CALLBACK, count=2)

    update = calls[1].body
    assert update["type"] == 7  # the ephemeral message is edited in place
    titles_2 = [e["title"] for e in update["data"]["embeds"]]
    assert len(titles_2) == 5
    assert not set(titles_1) & set(titles_2)
    assert "Results 6–10+" in update["data"]["embeds"][-1]["footer"]["text"]
    assert buttons(update["data"])["gleaner:search:previous"].get("disabled", False) is False


async def test_slow_search_is_deferred_then_followed_up(
    fake: FakeDiscord, running, store: Store
) -> None:
    await running(searcher(store, delay=0.3), defer_after=0.05)
    options = {"query": "attention", "from": "TLDR AI", "since": "3650d"}
    await fake.dispatch("INTERACTION_CREATE", fake.interaction(command("search", **options)))
    (call,) = await fake.wait_for("POST", CALLBACK)
    assert call.body["type"] == 5  # deferred: "Gleaner is thinking…"
    assert call.body["data"]["flags"] & EPHEMERAL
    (followup,) = await fake.wait_for("POST", r"^/webhooks/\d+/itoken-\d+$")
    assert followup.body["flags"] & EPHEMERAL
    assert followup.body["allowed_mentions"] == {"parse": []}
    assert len(followup.body["embeds"]) == 5
    assert "gleaner:search:next" in buttons(followup.body)


async def test_bad_query_gets_short_help(fake: FakeDiscord, running, store: Store) -> None:
    await running(searcher(store))
    await fake.dispatch(
        "INTERACTION_CREATE", fake.interaction(command("search", query='"unclosed'))
    )
    (call,) = await fake.wait_for("POST", CALLBACK)
    (embed,) = call.body["data"]["embeds"]
    assert embed["title"] == "Search syntax"
    assert "unclosed quote" in embed["description"]
    assert "Traceback" not in embed["description"]
    assert call.body["data"]["flags"] & EPHEMERAL


async def test_gleaner_rules_lists_the_routes_of_this_channel(
    fake: FakeDiscord, running, store: Store
) -> None:
    await running(searcher(store))
    await fake.dispatch("INTERACTION_CREATE", fake.interaction(command("gleaner-rules")))
    (call,) = await fake.wait_for("POST", CALLBACK)
    (embed,) = call.body["data"]["embeds"]
    assert call.body["data"]["flags"] & EPHEMERAL
    assert embed["title"] == "Routes posting to #news"
    assert "papers" in embed["description"]
    assert "<@&1>" not in embed["description"]


async def test_gateway_heartbeats_are_acknowledged(
    fake: FakeDiscord, running, store: Store
) -> None:
    await running(searcher(store))
    for _ in range(100):
        if fake.heartbeats >= 2:
            break
        await asyncio.sleep(0.05)
    assert fake.heartbeats >= 2


def test_options_become_query_language() -> None:
    assert query_text(" sparse ", 'TLDR "AI"', "7d") == 'sparse from:"TLDR AI" since:7d'
    assert query_text("x", None, " ") == "x"


async def test_a_dropped_gateway_is_resumed_and_commands_still_answered(
    fake: FakeDiscord, running, store: Store
) -> None:
    await running(searcher(store))
    await fake.drop_gateway()
    for _ in range(200):
        if fake.resumed:
            break
        await asyncio.sleep(0.05)
    assert fake.resumed == 1
    await fake.dispatch("INTERACTION_CREATE", fake.interaction(command("gleaner-rules")))
    (call,) = await fake.wait_for("POST", CALLBACK)
    assert call.body["data"]["flags"] & EPHEMERAL


async def test_run_gateway_waits_out_an_unreachable_discord(
    fake: FakeDiscord, settings: DiscordSettings, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail("GET", r"^/users/@me$", "drop", "drop")
    task = asyncio.create_task(
        run_gateway(
            settings, searcher(store), routes_for, retry_delays=(0.01,), guild_ready_timeout=0.01
        )
    )
    try:
        await fake.wait_for("PUT", r"/commands$")
        await fake.wait_for_session()
        await fake.dispatch("INTERACTION_CREATE", fake.interaction(command("gleaner-rules")))
        await fake.wait_for("POST", CALLBACK)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    # aiohttp repeats a dropped GET once; the second drop fails the login, which is retried.
    assert len(fake.sent("GET", r"^/users/@me$")) == 3
    assert "Discord gateway failed" in caplog.text


async def test_run_gateway_stops_on_a_refused_token(
    fake: FakeDiscord, settings: DiscordSettings, store: Store
) -> None:
    fake.token = "another"
    with pytest.raises(ChatAuthError):
        await run_gateway(settings, searcher(store), routes_for, retry_delays=(0.01,))
