"""``gleaner reparse [--apply]``: read every stored email again with today's parsers."""

from __future__ import annotations

import click

from bot.app import open_pipeline
from bot.cli import Context, pass_context
from bot.reparse import reparse as run_reparse


@click.command()
@click.option(
    "--apply",
    is_flag=True,
    help="Store the items of emails that failed or gave nothing before (they are routed like new mail).",
)
@click.option("--all", "show_all", is_flag=True, help="List unchanged emails too.")
@pass_context
def reparse(ctx: Context, apply: bool, show_all: bool) -> None:
    """Re-parse every stored raw email with the current parsers and report what changed.

    Emails parsed before are only compared (added and removed items are listed),
    so nothing already posted is posted again.
    """
    pipeline = open_pipeline(ctx.settings)
    total = changed = applied = 0
    try:
        for change in run_reparse(pipeline.ingestor, apply=apply):
            total += 1
            changed += change.changed
            applied += change.applied
            if not (change.changed or show_all):
                continue
            before = "failed" if change.before is None else str(change.before)
            line = f"{change.source}: {before} -> {change.after} items ({change.parser})"
            if change.error:
                line += f" error: {change.error}"
            if change.applied:
                line += " [stored]"
            click.echo(line)
            for label in change.added:
                click.echo(f"  + {label}")
            for label in change.removed:
                click.echo(f"  - {label}")
    finally:
        pipeline.close()
    click.echo(f"emails: {total}, changed: {changed}, stored now: {applied}")


COMMANDS = (reparse,)
