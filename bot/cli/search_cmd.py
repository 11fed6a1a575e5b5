"""``gleaner search QUERY``: the archive search the slash commands use, in the terminal."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from bot.cli import Context, pass_context
from bot.errors import QueryError
from bot.search import HELP, Hit, Marked, SearchPage, parse, search
from bot.search.hits import plain
from bot.settings import Settings
from bot.store import Store
from bot.store.clip import without_controls


def configured_topics(settings: Settings) -> dict[str, tuple[str, ...]]:
    """Topic name -> keywords from the rules file, for ``topic:`` in queries."""
    from bot.app import load_configured_rules
    from bot.rules_info import topics_of

    return topics_of(load_configured_rules(settings))


@click.command("search", context_settings={"ignore_unknown_options": True})
@click.argument("query", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@click.option(
    "-n",
    "--limit",
    default=10,
    show_default=True,
    type=click.IntRange(1, 50),
    help="Hits per page.",
)
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many hits (paging).")
@pass_context
def search_command(
    ctx: Context, query: tuple[str, ...], as_json: bool, limit: int, offset: int
) -> None:
    """Search the stored items, like /gleaner search in chat.

    Words must all match; "quoted phrases" match together; -word excludes.
    Filters: from:NEWSLETTER section:NAME topic:NAME kind:paper|repo|…
    since:7d before:2025-04-01 sponsor:no. Quote the query for your shell
    when it holds quotes: gleaner search '"sparse attention" kind:paper'.
    """
    text = " ".join(query)
    try:
        topics: Mapping[str, Sequence[str]] | None = (
            configured_topics(ctx.settings) if parse(text).topics else None
        )
        store = Store.open(ctx.settings.store.url)
        try:
            page = search(store, text, limit=limit, offset=offset, topics=topics)
        finally:
            store.close()
    except QueryError as exc:
        click.echo(str(exc), err=True)
        raise SystemExit(2) from None
    if as_json:
        click.echo(json.dumps(page_json(page), ensure_ascii=False, indent=2))
        return
    show(page, Console(highlight=False))


def page_json(page: SearchPage) -> dict[str, Any]:
    return {
        "query": page.query.format(),
        "offset": page.offset,
        "has_more": page.has_more,
        "hits": [
            {
                "item_id": hit.item_id,
                "title": hit.title,
                "url": hit.url,
                "newsletter": hit.newsletter,
                "date": hit.day.isoformat() if hit.day else None,
                "section": hit.section,
                "kind": hit.kind.value if hit.kind else None,
                "sponsor": hit.sponsor,
                "snippet": plain(hit.snippet),
                "matched": sorted(
                    {s.text.casefold() for s in (*hit.title_marked, *hit.snippet) if s.match}
                ),
                "also_in": list(hit.also_in),
                "score": round(hit.score, 6),
            }
            for hit in page.hits
        ],
    }


def _marked(marked: Marked, base: str = "") -> Text:
    # Text objects, never markup strings: a newsletter's "[bold]" stays literal.
    text = Text()
    for span in marked:
        # Stored text is clean since the store drops control characters; older rows may not be.
        style = f"{base} bold yellow".strip() if span.match else base
        text.append(without_controls(span.text), style=style)
    return text


def _hit(number: int, hit: Hit) -> Text:
    out = Text(f"{number:>2}. ")
    out.append_text(_marked(hit.title_marked, "bold"))
    meta = [hit.newsletter]
    if hit.day:
        meta.append(hit.day.isoformat())
    if hit.section:
        meta.append(hit.section)
    if hit.kind:
        meta.append(hit.kind.value)
    if hit.sponsor:
        meta.append("sponsored")
    out.append("\n    " + without_controls(" · ".join(meta)), style="dim")
    if hit.also_in:
        out.append(" · also in " + without_controls(", ".join(hit.also_in)), style="dim")
    if hit.snippet:
        out.append("\n    ")
        out.append_text(_marked(hit.snippet))
    if hit.url:
        out.append("\n    " + hit.url, style="blue")
    return out


def show(page: SearchPage, console: Console) -> None:
    if not page.hits:
        console.print(
            Text(f"No items match {page.query.format()}." if page.offset == 0 else "No more hits.")
        )
        return
    for number, hit in enumerate(page.hits, start=page.offset + 1):
        console.print(_hit(number, hit))
    if page.has_more:
        console.print(Text(f"More: --offset {page.next_offset}", style="dim"))


COMMANDS = (search_command,)
__all__ = ["COMMANDS", "HELP", "configured_topics", "page_json", "show"]
