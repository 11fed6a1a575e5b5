"""The real discord.py client against the local fake Discord of ``tests/fakes/discord_api.py``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import discord.http
import pytest
from discord.gateway import DiscordWebSocket

from bot.chat.discord.channel import DiscordChannel
from bot.chat.discord.settings import DiscordSettings
from tests.fakes.discord_api import FakeDiscord


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    base, gateway = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    async with FakeDiscord(heartbeat_ms=200) as server:
        yield server
    # point_at is process-wide: leave discord.py as it was found.
    discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@pytest.fixture
def settings(fake: FakeDiscord) -> DiscordSettings:
    return DiscordSettings(
        enabled=True, token="test-token", api_url=fake.api_url, gateway_url=fake.gateway_url
    )


@pytest.fixture
async def channel(settings: DiscordSettings) -> AsyncIterator[DiscordChannel]:
    chan = await DiscordChannel.connect(settings, backoff=0.01)
    yield chan
    await chan.aclose()
