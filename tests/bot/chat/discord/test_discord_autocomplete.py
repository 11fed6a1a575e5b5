"""``/search``'s ``from`` autocomplete: the real discord.py tree on the fake gateway."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.chat.discord.autocomplete import newsletter_choices, store_names
from bot.chat.discord.client import GleanerBot
from bot.chat.discord.commands import store_searcher
from bot.chat.discord.endpoints import point_at
from bot.chat.discord.settings import DiscordSettings
from bot.models import Email, Item, Newsletter, ParseResult
from bot.store import Store
from tests.fakes.discord_api import FakeDiscord

CALLBACK = r"^/interactions/\d+/[^/]+/callback$"
LONG = "The Extremely Long Newsletter " + "Name " * 40
NAMES = [
    "TLDR AI",
    "TLDR Web Dev",
    "Import AI",
    "The Batch",
    "@everyone <@&1> Weekly\x1b[31m",
    LONG,
]


def save(store: Store, name: str, n: int) -> None:
    mid = f"<{n}@x>"
    newsletter = Newsletter(
        family="generic", name=name, issue_date=date(2025, 4, n), message_id=mid
    )
    email = Email(message_id=mid, subject=name, sender="news@example.com")
    item = Item(title=f"Item {n}", url=f"https://example.com/{n}", position=0)
    store.save_issue(mid.encode(), "test", email, ParseResult(newsletter, (item,)), [[]])


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(f"sqlite:///{tmp_path / 'gleaner.db'}")
    for n, name in enumerate([*NAMES, "TLDR AI"], start=1):  # two TLDR AI issues: one name
        save(store, name, n)
    yield store
    store.close()


@pytest.fixture
async def bot(
    fake: FakeDiscord, settings: DiscordSettings, store: Store
) -> AsyncIterator[GleanerBot]:
    point_at(settings.api_url, settings.gateway_url)
    client = GleanerBot(
        settings,
        store_searcher(store),
        lambda _: [],
        names=store_names(store),
        guild_ready_timeout=0.01,
    )
    task = asyncio.create_task(client.start(settings.bot_token()))
    await asyncio.wait_for(client.wait_until_ready(), 10)
    yield client
    await client.close()
    await task


def typing_from(typed: str) -> dict[str, Any]:
    """An autocomplete interaction's data: the user is typing in ``from``."""
    return {
        "id": "77",
        "name": "search",
        "type": 1,
        "options": [
            {"name": "query", "type": 3, "value": "attention"},
            {"name": "from", "type": 3, "value": typed, "focused": True},
        ],
    }


async def choices(fake: FakeDiscord, typed: str, count: int) -> list[dict[str, str]]:
    await fake.dispatch("INTERACTION_CREATE", fake.interaction(typing_from(typed), kind=4))
    calls = await fake.wait_for("POST", CALLBACK, count=count)
    body = calls[count - 1].body
    assert body["type"] == 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    result: list[dict[str, str]] = body["data"]["choices"]
    return result


async def test_from_suggests_stored_newsletter_names(fake: FakeDiscord, bot: GleanerBot) -> None:
    synced = {c["name"]: c for c in fake.commands["global"]}
    (option,) = [o for o in synced["search"]["options"] if o["name"] == "from"]
    assert option["autocomplete"] is True

    found = await choices(fake, "tl", 1)
    assert [c["name"] for c in found] == ["TLDR AI", "TLDR Web Dev"]  # each name once

    found = await choices(fake, "ai", 2)
    assert [c["value"] for c in found] == ["Import AI", "TLDR AI"]  # a word starts with it

    found = await choices(fake, "atc", 3)
    assert [c["value"] for c in found] == ["The Batch"]  # contains it


async def test_suggestions_fit_discord_and_carry_no_markup(
    fake: FakeDiscord, bot: GleanerBot
) -> None:
    found = await choices(fake, "", 1)
    assert len(found) == len(NAMES)  # every distinct name, within Discord's 25
    for choice in found:
        assert 1 <= len(choice["name"]) <= 100
        assert 1 <= len(choice["value"]) <= 100
        assert "\x1b" not in choice["name"]
    long = next(c for c in found if c["name"].startswith("The Extremely"))
    assert long["name"].endswith("…")
    assert LONG.startswith(long["value"])  # from: matches part of a name
    (weekly,) = await choices(fake, "week", 2)
    assert weekly["name"] == "@everyone <@&1> Weekly[31m"


def test_at_most_25_choices_best_first() -> None:
    names = [f"Letter {i:02d}" for i in range(40)] + ["Zeta letters"]
    found = newsletter_choices(names, "LETTER")
    assert len(found) == 25
    assert found[0].value == "Letter 00"
    assert newsletter_choices(names, "zeta")[0].value == "Zeta letters"
    assert newsletter_choices(names, "nothing like it") == []


async def test_names_are_read_once_per_ttl(store: Store) -> None:
    now = [0.0]
    names = store_names(store, ttl=60, clock=lambda: now[0])
    assert "Import AI" in await names()
    save(store, "Brand New", 20)
    assert "Brand New" not in await names()  # cached: keystrokes do not each hit the store
    now[0] = 61.0
    assert "Brand New" in await names()
