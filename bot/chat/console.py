"""The console channel: a digest printed as a thread, for the demo and dry runs.

A parent line, then each item as an indented reply. Newsletter text is shown
as plain text (never as rich markup) with control characters removed, so a
newsletter cannot restyle or rewrite the terminal. In a dry run it stands in
for Slack and Discord alike and records nothing: delivery posts nothing and
marks nothing (``dry_run``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from bot.chat.base import Posted
from bot.chat.escape import safe_url
from bot.chat.settings import ConsoleSettings
from bot.models import Destination, Digest, DigestEntry, Platform

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BLURB_CHARS = 400


def plain(text: str) -> str:
    """Text without terminal control characters (escape sequences included)."""
    return _CONTROL.sub("", text)


class ConsoleChannel:
    """``Channel`` that prints. ``platform`` is the one it stands in for in a dry run."""

    def __init__(
        self,
        settings: ConsoleSettings | None = None,
        *,
        platform: Platform = Platform.CONSOLE,
        dry_run: bool = False,
        console: Console | None = None,
    ) -> None:
        color = settings.color if settings else None
        self.platform = platform
        self.dry_run = dry_run
        self.console = console or Console(
            force_terminal=color if color else None, no_color=color is False, highlight=False
        )
        self._ids = itertools.count(1)

    def _where(self, dest: Destination) -> str:
        where = dest.name + (f" ({dest.platform.value} {dest.target})" if dest.target else "")
        return f"[dry run] {where}" if self.dry_run else where

    async def post_parent(self, dest: Destination, digest: Digest, marker: str) -> Posted:
        line = Text()
        line.append("● ", style="bold cyan")
        line.append(plain(digest.title), style="bold")
        line.append(f"  → {plain(self._where(dest))}", style="dim")
        self.console.print(line)
        if digest.more:
            self.console.print(Text(f"  and {digest.more} more not shown", style="dim"))
        message_id = f"console-{next(self._ids)}"
        return Posted(message_id, message_id)

    async def post_entries(
        self,
        dest: Destination,
        parent: Posted | None,
        digest: Digest,
        entries: Sequence[DigestEntry],
        marker: str,
    ) -> Posted:
        indent = 2 if parent else 0
        for entry in entries:
            head, body = self._entry(entry, digest, standalone=parent is None, dest=dest)
            # Padding keeps wrapped lines indented under their reply.
            self.console.print(Padding(head, (0, 0, 0, indent), expand=False))
            for line in body:
                self.console.print(Padding(line, (0, 0, 0, indent + 2), expand=False))
        return Posted(f"console-{next(self._ids)}", parent.thread_id if parent else None)

    def _entry(
        self, entry: DigestEntry, digest: Digest, *, standalone: bool, dest: Destination
    ) -> tuple[Text, list[Text]]:
        item = entry.item
        head = Text()
        head.append("↳ " if not standalone else "● ", style="cyan")
        if item.sponsor:
            head.append("[Sponsored] ", style="yellow")
        head.append(plain(" ".join(item.title.split())), style="bold")
        url = safe_url(item.url)
        if url:
            head.append(f"  {url}", style="blue")
        if standalone:
            head.append(f"  → {plain(self._where(dest))}", style="dim")
        body: list[Text] = []
        newsletter = entry.newsletter if entry.newsletter not in digest.title else ""
        details = [s for s in (newsletter, " / ".join(item.sections)) if s]
        if entry.also_in:
            details.append("also in: " + ", ".join(entry.also_in))
        if details:
            body.append(Text(plain(" · ".join(details)), style="dim"))
        blurb = " ".join(item.blurb.split())
        if blurb:
            short = blurb if len(blurb) <= BLURB_CHARS else blurb[: BLURB_CHARS - 1] + "…"
            body.append(Text(plain(short)))
        return head, body

    async def find(self, dest: Destination, parent: Posted | None, marker: str) -> Posted | None:
        # Terminal output cannot be read back: nothing printed is ever found,
        # so a crash mid-print reprints at most the one line in flight.
        return None

    async def aclose(self) -> None:
        return None
