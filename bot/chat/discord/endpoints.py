"""Point discord.py at the configured REST API and gateway.

discord.py builds every REST URL, webhooks and interaction callbacks
included, from the class attribute ``discord.http.Route.BASE``, and opens the
gateway at ``DiscordWebSocket.DEFAULT_GATEWAY``; it has no per-client option
for either. Setting those two attributes is the supported seam (discord.py's
own ``_set_api_version`` rewrites ``Route.BASE`` the same way). They are
process-wide, so one process talks to one Discord: the configured one.
"""

from __future__ import annotations

import discord.http
import yarl
from discord.gateway import DiscordWebSocket


def point_at(api_url: str, gateway_url: str | None = None) -> None:
    """Send discord.py's REST calls to ``api_url`` (version included) and its gateway to ``gateway_url``."""
    discord.http.Route.BASE = api_url.rstrip("/")
    if gateway_url is not None:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
