"""The ``gleaner`` command line. One module per command (group), registered below."""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

import click

from bot import __version__
from bot.errors import ConfigError, GleanerError
from bot.settings import Settings, load_settings


class Context:
    """What every command gets: the settings, loaded once on first use."""

    def __init__(self, config: Path | None, verbose: int = 0) -> None:
        self.config = config
        self.verbose = verbose
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.config)
        return self._settings


pass_context = click.make_pass_decorator(Context)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="GLEANER_CONFIG",
    help="Settings file (default: ./gleaner.yaml when present). Env: GLEANER_CONFIG.",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.version_option(__version__, prog_name="gleaner")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, verbose: int) -> None:
    """Gleaner turns newsletters into curated, threaded posts in Slack and Discord.

    Reads mail (Maildir, mbox, .eml, IMAP), splits each issue into items,
    routes them with YAML rules and posts digests to chat or the console.
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level)  # also when a host (or pytest) set up logging first
    ctx.obj = Context(config, verbose)


COMMAND_MODULES = (
    "bot.cli.run_cmd",
    "bot.cli.ingest_cmd",
    "bot.cli.reparse_cmd",
    "bot.cli.search_cmd",
    "bot.cli.parse_cmd",
    "bot.cli.config_cmd",
    "bot.cli.rules_cmd",
    "bot.cli.status_cmd",
)
"""Modules whose ``COMMANDS`` make up the command line, in help order."""


def _register() -> None:
    if cli.commands:
        return
    for name in COMMAND_MODULES:
        for command in importlib.import_module(name).COMMANDS:
            cli.add_command(command)


def get_cli() -> click.Group:
    """The full command group (tests drive it with click's CliRunner)."""
    _register()
    return cli


def main() -> None:
    """Console-script entry point: clear errors, exit 2 for bad config."""
    _register()
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ConfigError as exc:
        click.echo(f"gleaner: configuration error:\n{exc}", err=True)
        sys.exit(2)
    except GleanerError as exc:
        click.echo(f"gleaner: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:  # a port in use, a file we may not read: the system's words suffice
        click.echo(f"gleaner: {exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug: one line for the user, the traceback with -vv
        logging.getLogger("bot").debug("unexpected error", exc_info=True)
        hint = (
            "" if logging.getLogger().isEnabledFor(logging.DEBUG) else " (-vv shows the traceback)"
        )
        click.echo(f"gleaner: unexpected error: {type(exc).__name__}: {exc}{hint}", err=True)
        sys.exit(1)
