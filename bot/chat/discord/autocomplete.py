"""Suggestions for ``/search``'s ``from`` option: the newsletters in the archive.

Discord asks again on every keystroke and drops answers slower than 3
seconds, so the names are read from the store once per ``ttl`` seconds (one
``DISTINCT`` over an indexed column, off the event loop) and filtered in
memory. Names that begin with what was typed come first, then names with a
word that does, then any that contain it. A choice's label is plain text in
Discord's menu (never markdown, never a ping), so it is only cleaned of
control characters and cut to Discord's 100 characters; the value is the
name as stored (cut likewise: ``from:`` matches a part of a name too).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Sequence

from discord import app_commands
from sqlalchemy import select

from bot.store import Store
from bot.store.schema import newsletters

NamesFn = Callable[[], Awaitable[Sequence[str]]]
"""-> every newsletter name in the archive."""

MAX_CHOICES = 25
CHOICE_CHARS = 100
TYPED_CHARS = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


def store_names(
    store: Store, *, ttl: float = 60.0, clock: Callable[[], float] = time.monotonic
) -> NamesFn:
    """The newsletter names in ``store``, cached for ``ttl`` seconds."""
    cached: list[str] = []
    read_at: float | None = None
    lock = asyncio.Lock()

    def read() -> list[str]:
        with store.engine.connect() as conn:
            rows = conn.execute(select(newsletters.c.name).distinct()).scalars()
            return sorted({str(name) for name in rows if name}, key=str.casefold)

    async def names() -> Sequence[str]:
        nonlocal cached, read_at
        async with lock:  # a burst of keystrokes reads the store once
            if read_at is None or clock() - read_at >= ttl:
                cached = await asyncio.to_thread(read)
                read_at = clock()
            return cached

    return names


def _label(name: str) -> str:
    text = " ".join(_CONTROL.sub("", name).split())
    return text if len(text) <= CHOICE_CHARS else text[: CHOICE_CHARS - 1] + "…"


def newsletter_choices(names: Sequence[str], typed: str) -> list[app_commands.Choice[str]]:
    """At most 25 choices for what the user ``typed`` so far, best matches first."""
    wanted = " ".join(typed[:TYPED_CHARS].casefold().split())
    ranked: list[tuple[int, str]] = []
    for name in names:
        folded = " ".join(name.casefold().split())
        if not wanted or folded.startswith(wanted):
            rank = 0
        elif any(word.startswith(wanted) for word in folded.split()):
            rank = 1
        elif wanted in folded:
            rank = 2
        else:
            continue
        ranked.append((rank, name))
    ranked.sort(key=lambda pair: (pair[0], pair[1].casefold()))
    choices: list[app_commands.Choice[str]] = []
    for _, name in ranked:
        label = _label(name)
        value = name.strip()[:CHOICE_CHARS]
        if label and value:
            choices.append(app_commands.Choice(name=label, value=value))
        if len(choices) == MAX_CHOICES:
            break
    return choices
