"""``/gleaner search|rules|help`` in Slack, through slack-bolt's async app.

Every command is acknowledged at once (Slack allows 3 seconds) and answered
afterwards through the command's ``response_url`` as an ephemeral message, so
a slow database never times a command out. Socket Mode is the default (no
public URL); HTTP mode serves bolt's endpoint, where bolt refuses requests
whose signature does not match or whose timestamp is older than 5 minutes.

This edge knows neither the store nor the rules: the composition root passes
a blocking ``search(text, offset, limit)`` and a ``routes_here(channel_id,
channel_name)`` that lists (route, description) pairs.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.chat.settings import SlackSettings
from bot.chat.slack import commands_render as render
from bot.errors import ConfigError, GleanerError, QueryError
from bot.search import SearchPage

log = logging.getLogger(__name__)

SearchFn = Callable[[str, int, int], SearchPage]
"""(query text, offset, limit) -> a page; blocking, raises QueryError for bad syntax."""
RoutesFn = Callable[[str, str], Sequence[tuple[str, str]]]
"""(channel id, channel name) -> (route, what it matches and when) for routes posting there."""

SEARCH_WORDS = ("search", "find", "s")


@dataclass(frozen=True)
class CommandDeps:
    search: SearchFn
    routes_here: RoutesFn


def build_app(settings: SlackSettings, deps: CommandDeps) -> AsyncApp:
    """The bolt app with the command and its buttons registered."""
    token = settings.token()
    if token is None:
        raise ConfigError("chat.slack.bot_token is needed for the slash commands")
    http = settings.mode == "http"
    secret = settings.secret()
    if http and secret is None:
        raise ConfigError("chat.slack.signing_secret is needed in HTTP mode")
    client = AsyncWebClient(
        token=token.get_secret_value(),
        base_url=settings.api_url,
        timeout=int(settings.timeout_seconds),
    )
    app = AsyncApp(
        client=client,
        # Socket Mode needs no signature: the socket itself is authenticated by the app token.
        signing_secret=secret.get_secret_value() if secret else "socket-mode",
        request_verification_enabled=http,
        logger=log,
    )
    Handlers(settings, deps).register(app)
    return app


class Handlers:
    def __init__(self, settings: SlackSettings, deps: CommandDeps) -> None:
        self.settings = settings
        self.deps = deps

    def register(self, app: AsyncApp) -> None:
        app.command(self.settings.command)(self.on_command)
        app.action(render.MORE_ACTION)(self.on_more)
        app.action(render.SHARE_ACTION)(self.on_share)

    async def on_command(
        self, ack: Callable[..., Any], command: dict[str, Any], respond: AsyncRespond
    ) -> None:
        await ack()
        typed = _unescape(str(command.get("text", ""))).strip()
        word, _, rest = typed.partition(" ")
        word = word.lower()
        if word in ("", "help"):
            text, blocks = render.help_blocks(self.settings.command)
        elif word == "rules":
            text, blocks = await self._rules(command)
        else:
            query = rest.strip() if word in SEARCH_WORDS else typed
            text, blocks = await self._search(query, 0)
        await respond(text=text, blocks=blocks, response_type="ephemeral")

    async def on_more(
        self, ack: Callable[..., Any], action: dict[str, Any], respond: AsyncRespond
    ) -> None:
        await ack()
        try:
            query, offset, _ = render.read_value(str(action.get("value", "")))
        except ValueError:
            return
        text, blocks = await self._search(query, offset)
        await respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=True)

    async def on_share(
        self,
        ack: Callable[..., Any],
        body: dict[str, Any],
        action: dict[str, Any],
        respond: AsyncRespond,
        client: AsyncWebClient,
    ) -> None:
        await ack()
        try:
            query, offset, item_id = render.read_value(str(action.get("value", "")))
            page = await self._page(query, offset)
        except (ValueError, GleanerError):
            await respond(text="That result is no longer available.", replace_original=False)
            return
        hit = next((h for h in page.hits if h.item_id == item_id), None)
        channel = (body.get("channel") or {}).get("id")
        if hit is None or not channel:
            await respond(text="That result is no longer available.", replace_original=False)
            return
        user = str((body.get("user") or {}).get("id", ""))
        text, blocks = render.shared_blocks(hit, user)
        try:
            await client.chat_postMessage(
                channel=channel, text=text, blocks=blocks, unfurl_links=False, unfurl_media=False
            )
        except SlackApiError as exc:
            error = exc.response.get("error", "error") if exc.response is not None else "error"
            log.warning("sharing a search result to %s failed: %s", channel, error)
            reason = (
                "I am not in this channel: invite me first."
                if error in ("not_in_channel", "channel_not_found")
                else f"Slack refused the post ({error})."
            )
            await respond(text=reason, replace_original=False)
            return
        await respond(text="Shared to the channel.", replace_original=False)

    async def _page(self, query: str, offset: int) -> SearchPage:
        limit = self.settings.search_page_size
        return await asyncio.to_thread(self.deps.search, query, offset, limit)

    async def _search(self, query: str, offset: int) -> tuple[str, list[render.Block]]:
        try:
            return render.search_blocks(await self._page(query, offset))
        except QueryError as exc:
            return render.error_blocks(str(exc))
        except GleanerError:
            log.exception("search failed")
            return render.error_blocks("Search is unavailable right now; try again in a minute.")

    async def _rules(self, command: dict[str, Any]) -> tuple[str, list[render.Block]]:
        channel_id = str(command.get("channel_id", ""))
        channel_name = str(command.get("channel_name", ""))
        routes = await asyncio.to_thread(self.deps.routes_here, channel_id, channel_name)
        return render.rules_blocks(channel_name and "#" + channel_name, routes)


def _unescape(text: str) -> str:
    """Slack sends command text with ``&``, ``<`` and ``>`` escaped; the query wants them back."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class CommandServer:
    """Runs the app in the configured mode: ``await start()``, later ``await stop()``."""

    def __init__(self, app: AsyncApp, settings: SlackSettings) -> None:
        self.app = app
        self.settings = settings
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0
        """HTTP mode: the port actually bound (useful with ``http_port: 0``)."""

    async def start(self) -> None:
        if self.settings.mode == "socket":
            app_token = self.settings.app_level_token()
            if app_token is None:
                raise ConfigError("chat.slack.app_token is needed in Socket Mode")
            self._socket = AsyncSocketModeHandler(self.app, app_token.get_secret_value())
            await self._socket.connect_async()  # type: ignore[no-untyped-call]
            return
        web_app = self.app.web_app(path=self.settings.http_path, port=self.settings.http_port)
        self._runner = web.AppRunner(web_app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.http_host, self.settings.http_port)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or ()
        if sockets:
            self.port = int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def serve_forever(self) -> None:
        """Start, wait until cancelled, stop: the composition root runs this as a task."""
        await self.start()
        try:
            await asyncio.Event().wait()
        finally:
            await self.stop()
