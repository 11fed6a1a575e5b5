"""``gleaner config check|show|docs``: the settings, validated, shown, documented."""

from __future__ import annotations

import json

import click

from bot.cli import Context, pass_context
from bot.settings import config_path
from bot.settings_doc import render
from bot.store import safe_url


@click.group()
def config() -> None:
    """Check, show and document the settings (gleaner.yaml + GLEANER_… variables)."""


@config.command("check")
@pass_context
def check(ctx: Context) -> None:
    """Validate the settings; exit 2 naming every problem."""
    ctx.settings  # noqa: B018 - loading validates and raises ConfigError (exit 2)
    where = config_path(ctx.config)
    click.echo(f"OK: {where if where else 'embedded defaults (no settings file)'}")


@config.command("show")
@pass_context
def show(ctx: Context) -> None:
    """Print the effective settings as JSON, secrets masked."""
    shown = ctx.settings.model_dump(mode="json")
    # The database URL is a plain string (SQLAlchemy needs it whole) but may carry a password.
    shown["store"]["url"] = safe_url(shown["store"]["url"])
    click.echo(json.dumps(shown, indent=2))


@config.command("docs")
def docs() -> None:
    """Print the Markdown reference of every setting (docs/settings.md)."""
    click.echo(render(), nl=False)


COMMANDS = (config,)
