"""``gleaner run [--once] [--dry-run] [--payloads]``: the bot."""

from __future__ import annotations

import asyncio
import logging

import click

from bot.app import run as run_app
from bot.cli import Context, pass_context


@click.command()
@click.option(
    "--once", is_flag=True, help="Do one pass (read mail, store, post what is due) and exit."
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Post nothing: render to the console exactly what would be posted to Slack and Discord.",
)
@click.option(
    "--payloads",
    is_flag=True,
    help="A dry run that prints, as JSON, the exact Slack chat.postMessage arguments and "
    "Discord message payloads that would be sent (implies --dry-run).",
)
@pass_context
def run(ctx: Context, once: bool, dry_run: bool, payloads: bool) -> None:
    """Run the bot: watch the mail folder and IMAP accounts, store every newsletter,
    route its items with the rules and post digests on their schedules.

    With the embedded defaults (no settings file) it reads the Maildir ./mail,
    keeps items in ./gleaner.db and prints digests to the console. Ctrl-C stops
    it cleanly.
    """
    settings = ctx.settings
    if ctx.verbose == 0:  # -v/-vv win over the settings file
        logging.getLogger().setLevel(settings.log_level.upper())
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        # APScheduler logs every run of every job at INFO: two lines every few seconds.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
    try:
        asyncio.run(run_app(settings, once=once, dry_run=dry_run or payloads, payloads=payloads))
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


COMMANDS = (run,)
