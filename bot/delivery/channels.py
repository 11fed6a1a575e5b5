"""Building the channels delivery posts through, from the chat settings."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from bot.chat.base import Channel, Posted
from bot.chat.console import ConsoleChannel
from bot.chat.settings import ChatSettings
from bot.models import Destination, Digest, DigestEntry, Platform


class LazyChannel:
    """A channel that connects on first use (Discord logs in inside the event loop)."""

    def __init__(self, platform: Platform, connect: Callable[[], Awaitable[Channel]]) -> None:
        self.platform = platform
        self._connect = connect
        self._channel: Channel | None = None
        self._lock = asyncio.Lock()

    async def _get(self) -> Channel:
        async with self._lock:
            if self._channel is None:
                self._channel = await self._connect()
            return self._channel

    async def post_parent(self, dest: Destination, digest: Digest, marker: str) -> Posted:
        return await (await self._get()).post_parent(dest, digest, marker)

    async def post_entries(
        self,
        dest: Destination,
        parent: Posted | None,
        digest: Digest,
        entries: Sequence[DigestEntry],
        marker: str,
    ) -> Posted:
        return await (await self._get()).post_entries(dest, parent, digest, entries, marker)

    async def find(self, dest: Destination, parent: Posted | None, marker: str) -> Posted | None:
        return await (await self._get()).find(dest, parent, marker)

    async def aclose(self) -> None:
        if self._channel is not None:
            await self._channel.aclose()


def build_channels(
    settings: ChatSettings, *, dry_run: bool, payloads: bool = False
) -> dict[Platform, Channel]:
    """The channel of every configured platform; in a dry run, the console for all of them.

    The console is always there (the default route posts to it). Slack needs a
    bot token, Discord ``enabled``. In a dry run every platform prints to the
    console what would be posted, and nothing is recorded as posted; with
    ``payloads`` Slack and Discord print the exact requests instead (JSON).
    """
    channels: dict[Platform, Channel] = {Platform.CONSOLE: ConsoleChannel(settings.console)}
    if dry_run or payloads:
        for platform in Platform:
            channels[platform] = ConsoleChannel(settings.console, platform=platform, dry_run=True)
        if payloads:
            from rich.console import Console

            from bot.chat.payloads import PayloadChannel

            # stdout carries only the JSON (pipe it to jq); console routes show on stderr.
            console = channels[Platform.CONSOLE]
            assert isinstance(console, ConsoleChannel)
            console.console = Console(stderr=True, highlight=False)

            channels[Platform.SLACK] = PayloadChannel(Platform.SLACK, unfurl=settings.slack.unfurl)
            channels[Platform.DISCORD] = PayloadChannel(Platform.DISCORD)
        return channels
    if settings.slack.token() is not None:
        from bot.chat.slack.channel import SlackChannel

        channels[Platform.SLACK] = SlackChannel(settings.slack)
    discord_settings = settings.discord
    if discord_settings.enabled:

        async def connect() -> Channel:
            from bot.chat.discord.channel import DiscordChannel

            return await DiscordChannel.connect(discord_settings)

        channels[Platform.DISCORD] = LazyChannel(Platform.DISCORD, connect)
    return channels
