"""The gateway runtime that receives Discord's slash commands.

Posting needs only REST (``channel``); commands arrive over the gateway, so
``gleaner run`` starts this client beside the scheduler when Discord is
enabled. It asks for no privileged intent: interactions are delivered to
every bot regardless of intents.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.chat.discord.commands import RoutesFn, SearchCommands, SearchFn, build_tree, sync_commands
from bot.chat.discord.endpoints import point_at
from bot.chat.discord.settings import DiscordSettings
from bot.errors import ChatAuthError

log = logging.getLogger(__name__)


class GleanerBot(discord.Client):
    """discord.py's client with Gleaner's command tree, synced when it logs in."""

    def __init__(
        self,
        settings: DiscordSettings,
        search: SearchFn,
        routes: RoutesFn,
        *,
        defer_after: float | None = None,
        **options: Any,
    ) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # keeps discord.py's guild cache coherent; not privileged
        if settings.application_id is not None:
            options["application_id"] = settings.application_id  # else learnt at login
        super().__init__(intents=intents, **options)
        extra = {} if defer_after is None else {"defer_after": defer_after}
        self.commands = SearchCommands(search, routes, **extra)
        self.tree = build_tree(self, self.commands)
        self._guild_ids = settings.guild_ids

    async def setup_hook(self) -> None:
        await sync_commands(self.tree, self._guild_ids)


async def run_gateway(
    settings: DiscordSettings, search: SearchFn, routes: RoutesFn, **options: Any
) -> None:
    """Connect, sync the commands and answer them until cancelled."""
    point_at(settings.api_url, settings.gateway_url)
    bot = GleanerBot(settings, search, routes, **options)
    async with bot:
        try:
            await bot.start(settings.bot_token())
        except discord.LoginFailure as exc:
            raise ChatAuthError("Discord refused the bot token") from exc
