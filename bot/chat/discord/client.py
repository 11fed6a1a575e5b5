"""The gateway runtime that receives Discord's slash commands.

Posting needs only REST (``channel``); commands arrive over the gateway, so
``gleaner run`` starts this client beside the scheduler when Discord is
enabled. It asks for no privileged intent: interactions are delivered to
every bot regardless of intents.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import aiohttp
import discord

from bot.chat.discord.autocomplete import NamesFn
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
        names: NamesFn | None = None,
        **options: Any,
    ) -> None:
        # Gleaner never joins voice: spare the operator discord.py's warnings about voice libraries.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        intents = discord.Intents.none()
        intents.guilds = True  # keeps discord.py's guild cache coherent; not privileged
        if settings.application_id is not None:
            options["application_id"] = settings.application_id  # else learnt at login
        super().__init__(intents=intents, **options)
        extra = {} if defer_after is None else {"defer_after": defer_after}
        self.commands = SearchCommands(search, routes, names=names, **extra)
        self.tree = build_tree(self, self.commands)
        self._guild_ids = settings.guild_ids

    async def setup_hook(self) -> None:
        await sync_commands(self.tree, self._guild_ids)


RETRY_DELAYS = (5.0, 15.0, 60.0, 300.0)
"""Pauses before reconnecting after a failed login or a connection discord.py gave up on."""


async def run_gateway(
    settings: DiscordSettings,
    search: SearchFn,
    routes: RoutesFn,
    *,
    retry_delays: Sequence[float] = RETRY_DELAYS,
    **options: Any,
) -> None:
    """Connect, sync the commands and answer them until cancelled.

    Discord being unreachable (at start or later) is waited out, so posting
    and mail go on meanwhile; only a refused token stops the commands for good.
    """
    point_at(settings.api_url, settings.gateway_url)
    failures = 0
    while True:
        bot = GleanerBot(settings, search, routes, **options)
        try:
            async with bot:
                await bot.start(settings.bot_token())
            return
        except discord.LoginFailure as exc:
            raise ChatAuthError("Discord refused the bot token") from exc
        except (
            discord.HTTPException,
            discord.GatewayNotFound,
            discord.ConnectionClosed,
            aiohttp.ClientError,
            OSError,
            TimeoutError,
        ) as exc:
            delay = retry_delays[min(failures, len(retry_delays) - 1)]
            failures += 1
            log.warning("Discord gateway failed (%s); reconnecting in %.0f s", exc, delay)
            await asyncio.sleep(delay)
