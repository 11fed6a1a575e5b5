"""The docs keep up with the code: every command, parser and link is documented and resolves."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

import parsers
from bot.cli import get_cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _commands(group: click.Group, prefix: str = "gleaner") -> list[str]:
    names = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            names.extend(_commands(command, full))
        else:
            names.append(full)
    return names


@pytest.mark.parametrize("command", _commands(get_cli()))
def test_every_command_is_in_the_readme(command: str) -> None:
    # `gleaner config check|show|docs` documents three commands in one row.
    *group, last = command.split()
    assert f"`{command}" in README or re.search(rf"`{' '.join(group)} [^`]*\b{last}\b", README)


@pytest.mark.parametrize("command", _commands(get_cli()))
def test_every_command_has_help(command: str) -> None:
    group: click.Command = get_cli()
    for part in command.split()[1:]:
        assert isinstance(group, click.Group)
        group = group.commands[part]
    assert len((group.help or "").split()) >= 5


@pytest.mark.parametrize("parser", [p.name for p in parsers.PARSERS])
def test_every_parser_is_in_the_parsers_readme(parser: str) -> None:
    assert f"`{parser}`" in (ROOT / "parsers" / "README.md").read_text()


DOCS = sorted(
    p.relative_to(ROOT)
    for pattern in ("*.md", "docs/*.md", "bench/*.md", "deploy/*.md", "parsers/*.md", "rules/*.md")
    for p in ROOT.glob(pattern)
)


@pytest.mark.parametrize("doc", DOCS)
def test_relative_links_resolve(doc: Path) -> None:
    text = (ROOT / doc).read_text()
    for target in re.findall(r"\]\((?!https?:|mailto:|#)([^)#\s]+)", text):
        assert (ROOT / doc).parent.joinpath(target).exists(), f"{doc}: broken link {target}"
