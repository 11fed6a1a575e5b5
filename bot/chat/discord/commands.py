"""Discord application commands: ``/search`` and ``/gleaner-rules`` on a discord.py CommandTree.

The chat edge knows neither the store nor the rules: the composition root
hands in ``search`` (query text, limit, offset -> a page from the one search
engine) and ``routes`` (channel id -> lines naming the routes that post
there). Every answer is ephemeral, escaped like posts, and sent with
``allowed_mentions`` parsing nothing.

Discord wants an answer within 3 seconds; a search that has not finished
after ``defer_after`` seconds is deferred ("thinking…") and its results sent
as a follow-up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence

import discord
from discord import app_commands

from bot.chat.discord import results
from bot.chat.discord.autocomplete import NamesFn, newsletter_choices
from bot.chat.discord.render import EmbedSpec, as_embed
from bot.errors import GleanerError, QueryError
from bot.search import SearchPage, search
from bot.store import Store

log = logging.getLogger(__name__)

SearchFn = Callable[[str, int, int], Awaitable[SearchPage]]
"""(query text, limit, offset) -> one page of results."""
RoutesFn = Callable[[str], Sequence[str]]
"""Discord channel id -> one line per route that posts there."""

QUERY_MAX = 300
DEFER_AFTER = 1.5
VIEW_TIMEOUT = 15 * 60.0
NO_PINGS = discord.AllowedMentions.none()


Topics = Mapping[str, Sequence[str]]


def store_searcher(store: Store, topics: Topics | Callable[[], Topics] | None = None) -> SearchFn:
    """The one search engine over ``store``, off the event loop (the store is synchronous).

    ``topics`` may be a callable so that ``topic:`` follows the live rules after a reload.
    """

    async def run(text: str, limit: int, offset: int) -> SearchPage:
        named = topics() if callable(topics) else topics
        return await asyncio.to_thread(
            search, store, text, limit=limit, offset=offset, topics=named
        )

    return run


def query_text(query: str, newsletter: str | None = None, since: str | None = None) -> str:
    """The options of ``/search`` written in the query language the engine parses."""
    parts = [query.strip()]
    if newsletter and newsletter.strip():
        parts.append('from:"' + newsletter.replace('"', "").strip() + '"')
    if since and since.strip():
        parts.append("since:" + since.strip())
    return " ".join(p for p in parts if p)


class Answer:
    """One rendered reply: embeds plus, when there is more than one page, the buttons."""

    def __init__(self, embeds: list[EmbedSpec], view: discord.ui.View | None = None) -> None:
        self.embeds = [as_embed(e) for e in embeds]
        self.view = view


class SearchCommands:
    """Turns command invocations into pages of the search engine, and pages into replies."""

    def __init__(
        self,
        search: SearchFn,
        routes: RoutesFn,
        *,
        defer_after: float = DEFER_AFTER,
        names: NamesFn | None = None,
    ) -> None:
        self._search = search
        self._routes = routes
        self._defer_after = defer_after
        self._names = names

    async def newsletters(self, typed: str) -> list[app_commands.Choice[str]]:
        """Autocomplete for ``from``: newsletter names matching what was typed."""
        if self._names is None:
            return []
        try:
            names = await self._names()
        except Exception:  # suggestions are a nicety: a failure must not break the command
            log.exception("newsletter names could not be read for autocomplete")
            return []
        return newsletter_choices(names, typed)

    async def page(self, text: str, offset: int) -> Answer:
        try:
            page = await self._search(text, results.PAGE_SIZE, offset)
        except QueryError as exc:
            return Answer([results.help_embed(str(exc))])
        except GleanerError:
            log.exception("search failed for a Discord command")
            return Answer(
                [
                    EmbedSpec(
                        title="Search is unavailable", description="The archive could not be read."
                    )
                ]
            )
        view = ResultsView(self, text, page) if page.offset or page.has_more else None
        return Answer(results.page_embeds(page), view)

    async def answer(
        self, interaction: discord.Interaction, work: Awaitable[Answer], *, update: bool
    ) -> None:
        """Reply within Discord's 3 seconds: defer first when ``work`` is slow."""
        task = asyncio.ensure_future(work)
        done, _ = await asyncio.wait({task}, timeout=self._defer_after)
        if not done:
            if update:
                await interaction.response.defer()
            else:
                await interaction.response.defer(ephemeral=True, thinking=True)
        reply = await task
        view = reply.view if reply.view is not None else discord.utils.MISSING
        if update:
            if interaction.response.is_done():
                await interaction.edit_original_response(
                    embeds=reply.embeds, view=reply.view, allowed_mentions=NO_PINGS
                )
            else:
                await interaction.response.edit_message(
                    embeds=reply.embeds, view=reply.view, allowed_mentions=NO_PINGS
                )
        elif interaction.response.is_done():
            await interaction.followup.send(
                embeds=reply.embeds, view=view, ephemeral=True, allowed_mentions=NO_PINGS
            )
        else:
            await interaction.response.send_message(
                embeds=reply.embeds, view=view, ephemeral=True, allowed_mentions=NO_PINGS
            )

    async def rules(self, interaction: discord.Interaction) -> None:
        channel_id = str(interaction.channel_id or "")
        name = getattr(interaction.channel, "name", None) or ""
        embed = results.routes_embed(f"#{name}" if name else "", self._routes(channel_id))
        await interaction.response.send_message(
            embed=as_embed(embed), ephemeral=True, allowed_mentions=NO_PINGS
        )


class ResultsView(discord.ui.View):
    """Previous / Next buttons under an ephemeral page of results."""

    def __init__(self, commands: SearchCommands, text: str, page: SearchPage) -> None:
        super().__init__(timeout=VIEW_TIMEOUT)
        self._commands = commands
        self._text = text
        self._page = page
        self.previous.disabled = page.offset == 0
        self.next.disabled = not page.has_more

    @discord.ui.button(
        label="Previous", style=discord.ButtonStyle.secondary, custom_id="gleaner:search:previous"
    )
    async def previous(
        self, interaction: discord.Interaction, _: discord.ui.Button[ResultsView]
    ) -> None:
        await self._turn(interaction, max(0, self._page.offset - results.PAGE_SIZE))

    @discord.ui.button(
        label="Next", style=discord.ButtonStyle.primary, custom_id="gleaner:search:next"
    )
    async def next(
        self, interaction: discord.Interaction, _: discord.ui.Button[ResultsView]
    ) -> None:
        await self._turn(interaction, self._page.offset + results.PAGE_SIZE)

    async def _turn(self, interaction: discord.Interaction, offset: int) -> None:
        self.stop()  # the message gets a new view for the new page
        await self._commands.answer(
            interaction, self._commands.page(self._text, offset), update=True
        )


def build_tree(
    client: discord.Client, commands: SearchCommands
) -> app_commands.CommandTree[discord.Client]:
    """The command tree with ``/search`` and ``/gleaner-rules`` registered globally."""
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(client)

    @tree.command(name="search", description="Search the newsletters Gleaner has read")
    @app_commands.describe(
        query='Words, "quoted phrases", filters such as kind:paper',
        newsletter="Only items from this newsletter",
        since="Only items newer than this: 7d, 2w, 3m or 2025-04-01",
    )
    @app_commands.rename(newsletter="from")
    async def search_command(
        interaction: discord.Interaction,
        query: app_commands.Range[str, 1, QUERY_MAX],
        newsletter: str | None = None,
        since: str | None = None,
    ) -> None:
        text = query_text(query, newsletter, since)
        await commands.answer(interaction, commands.page(text, 0), update=False)

    @search_command.autocomplete("newsletter")
    async def newsletter_names(
        _: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await commands.newsletters(current)

    @tree.command(name="gleaner-rules", description="Show which routes post to this channel")
    async def rules_command(interaction: discord.Interaction) -> None:
        await commands.rules(interaction)

    del search_command, rules_command, newsletter_names  # registered on the tree by the decorators
    return tree


async def sync_commands(
    tree: app_commands.CommandTree[discord.Client], guild_ids: Sequence[int]
) -> None:
    """Publish the commands: to each configured guild (instant), else globally (may take an hour)."""
    if not guild_ids:
        await tree.sync()
        log.info("Discord commands synced globally")
        return
    for guild_id in guild_ids:
        guild = discord.Object(id=guild_id)
        tree.copy_global_to(guild=guild)
        await tree.sync(guild=guild)
        log.info("Discord commands synced to guild %s", guild_id)
