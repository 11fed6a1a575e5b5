"""The console channel: a digest printed as a thread, and dry runs that record nothing."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from bot.chat.console import ConsoleChannel
from bot.chat.settings import ChatSettings
from bot.delivery import outbox
from bot.delivery.channels import build_channels
from bot.delivery.service import Delivery
from bot.models import Destination, Digest, DigestEntry, Item, Platform
from bot.store import Store
from tests.bot.delivery.factory import decision, items, save


def console() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=200, color_system=None, highlight=False), buffer


async def test_a_digest_prints_as_a_parent_line_with_indented_replies() -> None:
    out, buffer = console()
    channel = ConsoleChannel(console=out)
    dest = Destination("console", Platform.CONSOLE)
    digest = Digest("console", "issue:1", "TLDR AI · 13 Mar 2025 · 2 items", more=1)
    entries = [
        DigestEntry(
            Item("First [bold]x[/bold]", "https://example.com/1", blurb="One.", section="Headlines")
        ),
        DigestEntry(
            Item("Ad \x1b[31mred", "javascript:alert(1)", sponsor=True), also_in=("Import AI",)
        ),
    ]
    parent = await channel.post_parent(dest, digest, "m")
    for e in entries:
        await channel.post_entries(dest, parent, digest, [e], "m")
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    assert lines[0].startswith("● TLDR AI · 13 Mar 2025 · 2 items")
    assert lines[1] == "  and 1 more not shown"
    assert lines[2] == "  ↳ First [bold]x[/bold]  https://example.com/1"
    assert lines[3] == "    Headlines"
    assert lines[4] == "    One."
    assert lines[5] == "  ↳ [Sponsored] Ad [31mred"
    assert lines[6] == "    also in: Import AI"
    assert "\x1b" not in buffer.getvalue()
    assert "javascript" not in buffer.getvalue()


async def test_dry_run_prints_every_platform_and_records_nothing(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'g.db'}")
    save(store, items(2), [decision("slack-news"), decision("discord-news")])
    channels = build_channels(ChatSettings(), dry_run=True)
    out, buffer = console()
    for channel in channels.values():
        assert isinstance(channel, ConsoleChannel)
        channel.console = out
    dests = {
        "slack-news": Destination("slack-news", Platform.SLACK, "C1"),
        "discord-news": Destination("discord-news", Platform.DISCORD, "123"),
    }
    delivery = Delivery(store, channels, lambda: dests)
    assert await delivery.flush() == 6
    assert outbox.counts(store) == {"pending": 4}  # nothing was recorded
    assert await delivery.flush() == 0  # and the next tick does not print it all again
    text = buffer.getvalue()
    assert "[dry run] slack-news (slack C1)" in text
    assert "[dry run] discord-news (discord 123)" in text
    store.close()


def test_without_tokens_only_the_console_is_built() -> None:
    channels = build_channels(ChatSettings(), dry_run=False)
    assert list(channels) == [Platform.CONSOLE]
