"""Search results and route listings as Discord embeds: pure, escaped like posts.

Every piece of text comes from newsletters or from the user, so it goes
through the same escaping as the digests: a title holding ``@everyone`` or
``<!channel>`` renders as text and pings nobody. Matched words are bold.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.chat.discord.render import (
    DESCRIPTION_LIMIT,
    FOOTER_LIMIT,
    TITLE_LIMIT,
    EmbedSpec,
    clip,
    safe_url,
)
from bot.chat.escape import discord_escape, neutralise_mentions
from bot.search.hits import Hit, Marked, SearchPage

PAGE_SIZE = 5
"""Hits per page: five embeds keep a page readable and far inside the 6,000-character budget."""
SNIPPET_LIMIT = 600
ROUTES_LIMIT = 40


def highlighted(marked: Marked) -> str:
    return "".join(
        f"**{discord_escape(s.text)}**" if s.match else discord_escape(s.text) for s in marked
    )


def hit_embed(hit: Hit) -> EmbedSpec:
    title = highlighted(hit.title_marked) if hit.title_marked else discord_escape(hit.title)
    if hit.sponsor:
        title = "[Sponsored] " + title
    facts = [
        hit.newsletter,
        hit.day.isoformat() if hit.day else "",
        hit.section or "",
        hit.kind or "",
    ]
    lines = [discord_escape(" · ".join(f for f in facts if f))]
    snippet = highlighted(hit.snippet)
    if snippet:
        lines.append(clip(snippet, SNIPPET_LIMIT))
    if hit.also_in:
        lines.append("also in: " + ", ".join(discord_escape(n) for n in hit.also_in))
    return EmbedSpec(
        title=clip(title or "(untitled)", TITLE_LIMIT),
        url=safe_url(hit.url),
        description=clip("\n".join(lines), DESCRIPTION_LIMIT),
    )


def page_embeds(page: SearchPage) -> list[EmbedSpec]:
    """One embed per hit; the last carries the position in the results and the query."""
    query = discord_escape(page.text)
    if not page.hits:
        if page.offset:
            return [EmbedSpec(title="No more results", description=f"for {query}")]
        return [EmbedSpec(title="Nothing found", description=f"for {query}")]
    embeds = [hit_embed(hit) for hit in page.hits]
    first, last = page.offset + 1, page.offset + len(page.hits)
    # Footers render as plain text: the query is shown as typed, mentions broken all the same.
    shown = neutralise_mentions(page.text)
    footer = clip(f"Results {first}–{last}{'+' if page.has_more else ''} for {shown}", FOOTER_LIMIT)
    end = embeds[-1]
    embeds[-1] = EmbedSpec(end.title, end.url, end.description, footer)
    return embeds


def help_embed(message: str) -> EmbedSpec:
    """A short, readable answer for a query that could not be parsed."""
    return EmbedSpec(
        title="Search syntax",
        description=clip(f"```\n{message.replace('`', 'ʼ')}\n```", DESCRIPTION_LIMIT),
    )


def routes_embed(channel_name: str, routes: Sequence[str]) -> EmbedSpec:
    """The routes that post to a channel, one line each, as the rules engine described them."""
    if not routes:
        text = "No route posts to this channel."
    else:
        shown = [f"• {discord_escape(r)}" for r in routes[:ROUTES_LIMIT]]
        if len(routes) > ROUTES_LIMIT:
            shown.append(f"and {len(routes) - ROUTES_LIMIT} more")
        text = "\n".join(shown)
    title = clip(
        f"Routes posting to {channel_name}" if channel_name else "Routes posting here", TITLE_LIMIT
    )
    return EmbedSpec(title=title, description=clip(text, DESCRIPTION_LIMIT))
