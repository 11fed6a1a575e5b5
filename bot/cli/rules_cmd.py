"""``gleaner rules check|test|diff|schema``: see what rules do before they go live.

Like ``amtool check-config`` and ``amtool config routes test``: ``check``
validates offline, ``test`` replays stored items through the rules (a dry run:
nothing is posted or written), ``diff`` backtests a new file against the old
one over past items, ``schema`` prints the JSON Schema for editors.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.cli import Context, pass_context
from bot.errors import RulesError
from bot.models import Item, Kind, Newsletter
from bot.store import Store, StoredItem
from bot.store.clip import without_controls
from rules import CompiledRules, default_rules, load_rules
from rules.schema import schema_text

_DURATION = re.compile(r"^(\d+)\s*([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
FileArg = click.Path(path_type=Path, dir_okay=False)


def parse_since(text: str) -> timedelta | None:
    """``7d``, ``12h``, ``30m``, ``2w``; ``all`` for no limit."""
    if text.strip().lower() == "all":
        return None
    found = _DURATION.match(text.strip().lower())
    if not found:
        raise click.BadParameter(f'"{text}" is not a duration like 7d, 12h, 30m, 2w or all')
    try:
        return timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})
    except OverflowError:  # longer than datetime can count: every item
        return None


def _load(path: Path | None) -> CompiledRules:
    """The rules, or exit 2 with every problem on stderr."""
    try:
        return default_rules() if path is None else load_rules(path)
    except RulesError as exc:
        for line in exc.errors:
            click.echo(line, err=True)
        raise SystemExit(2) from None


def _file(ctx: Context, path: Path | None) -> Path | None:
    return path if path is not None else ctx.settings.rules_file


def _stored(ctx: Context, since: str, item_id: int | None) -> list[StoredItem]:
    window = parse_since(since) if item_id is None else None
    try:
        cutoff = datetime.now(UTC) - window if window is not None else None
    except OverflowError:  # reaches back before the year 1: every item
        cutoff = None
    store = Store.open(ctx.settings.store.url)
    try:
        return store.stored_items(since=cutoff, item_id=item_id)
    finally:
        store.close()


@click.group("rules")
def rules_group() -> None:
    """Check, test and compare routing rules files."""


@rules_group.command("check")
@click.argument("file", required=False, type=FileArg)
@pass_context
def check(ctx: Context, file: Path | None) -> None:
    """Validate FILE (default: the settings' rules_file); exit 2 listing every error."""
    path = _file(ctx, file)
    if path is None:
        click.echo("gleaner: no FILE given and no rules_file in the settings", err=True)
        raise SystemExit(2)
    compiled = _load(path)
    for warning in compiled.warnings:
        click.echo(warning, err=True)
    routes, channels = compiled.route_count, len(compiled.destinations)
    click.echo(f"OK: {_plural(routes, 'route')}, {_plural(channels, 'channel')}")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _row(stored: StoredItem, compiled: CompiledRules) -> dict[str, Any]:
    trace = compiled.explain(stored.item, stored.newsletter)
    return {
        "item_id": stored.item_id,
        "newsletter": stored.newsletter.name,
        "title": stored.item.title,
        "section": stored.item.section,
        "sponsor": stored.item.sponsor,
        "destinations": [d.destination for d in trace.decisions],
        "where": _show(
            frozenset((d.destination, d.schedule, d.thread.value) for d in trace.decisions),
            trace.dropped,
        ),
        "decisions": [
            {
                "destination": d.destination,
                "route": d.route,
                "schedule": d.schedule,
                "timezone": d.timezone,
                "thread": d.thread.value,
                "explanation": d.explanation,
            }
            for d in trace.decisions
        ],
        "dropped": trace.dropped,
        "why": [s.text() for s in trace.steps],
    }


def _cells(*values: str) -> list[Text]:
    """Plain text cells: titles like "[WIP] …" are not markup, escape sequences not output."""
    return [Text(without_controls(v)) for v in values]


def _made_up(
    title: str,
    blurb: str,
    section: str | None,
    newsletter: str,
    sender: str,
    kind: str | None,
    sponsor: bool,
) -> StoredItem:
    item = Item(
        title=title,
        url=None,
        blurb=blurb,
        section=section,
        sponsor=sponsor,
        kind=Kind(kind) if kind else None,
    )
    issue = Newsletter(family="", name=newsletter, sender=sender.strip().lower())
    return StoredItem(
        item_id=0, item=item, newsletter=issue, newsletter_id=0, created_at=datetime.now(UTC)
    )


def _console() -> Console:
    console = Console(highlight=False)
    # Not a terminal (a pipe, a file, a test): wide enough that the table stays readable.
    return console if console.is_terminal else Console(highlight=False, width=160)


@rules_group.command("test")
@click.argument("file", required=False, type=FileArg)
@click.option(
    "--since", default="7d", show_default=True, help="Items stored this recently (7d, 12h, all)."
)
@click.option(
    "--item",
    "item_id",
    type=click.IntRange(1, 2**63 - 1),
    help="Only this item id (ignores --since).",
)
@click.option("--title", help="Route a made-up item with this title instead of stored ones.")
@click.option("--blurb", default="", help="With --title: its blurb.")
@click.option("--section", help="With --title: its section.")
@click.option("--newsletter", default="", help="With --title: the newsletter's name.")
@click.option("--sender", default="", help="With --title: the newsletter's From address.")
@click.option("--kind", type=click.Choice([k.value for k in Kind]), help="With --title: its kind.")
@click.option("--sponsor", is_flag=True, help="With --title: a sponsored item.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_context
def test(
    ctx: Context,
    /,
    file: Path | None,
    since: str,
    item_id: int | None,
    as_json: bool,
    **made_up: Any,
) -> None:
    """Dry run over stored items: where each would go under FILE, and why.

    Nothing is posted and nothing is written. FILE defaults to the settings'
    rules_file (or the built-in defaults when none is set). With --title, one
    made-up item is routed and the store is not opened at all.
    """
    compiled = _load(_file(ctx, file))
    stored = [_made_up(**made_up)] if made_up["title"] else _stored(ctx, since, item_id)
    if item_id is not None and not stored:
        click.echo(f"gleaner: no stored item with id {item_id}", err=True)
        raise SystemExit(1)
    rows = [_row(s, compiled) for s in stored]
    if as_json:
        click.echo(json.dumps({"rules": compiled.source, "items": rows}, indent=2))
        return
    table = Table("id", "newsletter", "item", "destinations", "why", title=Text(compiled.source))
    for row in rows:
        why = "\n".join(row["why"])
        table.add_row(
            *_cells(str(row["item_id"]), row["newsletter"], row["title"], row["where"], why)
        )
    console = _console()
    console.print(table)
    routed = sum(1 for r in rows if r["destinations"])
    dropped = sum(1 for r in rows if r["dropped"] and not r["destinations"])
    console.print(
        f"{len(rows)} items: {routed} routed, {dropped} dropped, {len(rows) - routed - dropped} unrouted"
    )


def _where(compiled: CompiledRules, stored: StoredItem) -> frozenset[tuple[str, str, str]]:
    return frozenset(
        (d.destination, d.schedule, d.thread.value)
        for d in compiled.route(stored.item, stored.newsletter)
    )


def _show(where: frozenset[tuple[str, str, str]], dropped: bool = False) -> str:
    if not where:
        return "(dropped)" if dropped else "(nowhere)"
    parts = []
    for dest, schedule, thread in sorted(where):
        extra = "" if schedule == "immediate" else f" @ {schedule}"
        parts.append(f"{dest}{extra} [{thread}]")
    return ", ".join(parts)


@rules_group.command("diff")
@click.argument("old", type=FileArg)
@click.argument("new", type=FileArg)
@click.option(
    "--since", default="30d", show_default=True, help="Items stored this recently (30d, all)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--exit-code", is_flag=True, help="Exit 1 when some item would change (like git diff)."
)
@pass_context
def diff(ctx: Context, old: Path, new: Path, since: str, as_json: bool, exit_code: bool) -> None:
    """Backtest: which past items would go elsewhere if NEW replaced OLD.

    Nothing is posted and nothing is written.
    """
    before, after = _load(old), _load(new)
    stored = _stored(ctx, since, None)
    changes: list[dict[str, str]] = []
    gained: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    for s in stored:
        was, now = _where(before, s), _where(after, s)
        if was == now:
            continue
        trace = after.explain(s.item, s.newsletter)
        gained.update(d for d, _, _ in now - was)
        lost.update(d for d, _, _ in was - now)
        changes.append(
            {
                "item_id": str(s.item_id),
                "title": s.item.title,
                "newsletter": s.newsletter.name,
                "old": _show(was, before.explain(s.item, s.newsletter).dropped),
                "new": _show(now, trace.dropped),
                "why": trace.summary(),
            }
        )
    if as_json:
        summary = {"items": len(stored), "changed": len(changes), "gained": gained, "lost": lost}
        click.echo(json.dumps({"summary": summary, "changes": changes}, indent=2))
    else:
        console = _console()
        if changes:
            table = Table("id", "item", "old", "new", "why (new)", title=Text(f"{old} -> {new}"))
            for c in changes:
                table.add_row(*_cells(c["item_id"], c["title"], c["old"], c["new"], c["why"]))
            console.print(table)
        console.print(f"{len(stored)} items checked, {len(changes)} would change", markup=False)
        for dest in sorted(set(gained) | set(lost)):
            console.print(f"  {dest}: +{gained[dest]} -{lost[dest]}", markup=False)
    if changes and exit_code:
        raise SystemExit(1)


@rules_group.command("schema")
def schema() -> None:
    """Print the JSON Schema of rules files (for yaml-language-server and other editors)."""
    click.echo(schema_text(), nl=False)


COMMANDS = (rules_group,)
