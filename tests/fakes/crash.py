"""Kill a posting process at a chosen moment: the crash half of the exactly-once tests."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parents[2]


class RecordingServer(Protocol):
    """A fake chat server that calls ``on_store`` once it has stored a message."""

    on_store: Callable[[dict[str, Any]], None] | None


async def run_and_kill(
    module: str, args: list[str], fake: RecordingServer, kill_at: int | None, delay: float
) -> bool:
    """Run ``python -m module args``; SIGKILL it ``delay`` s after the fake stored its
    ``kill_at``-th message (never when ``kill_at`` is None). Returns whether it was killed."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        *args,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stored = 0
    loop = asyncio.get_running_loop()

    def kill() -> None:
        if process.returncode is None:
            process.send_signal(signal.SIGKILL)

    def on_store(_: dict[str, Any]) -> None:
        nonlocal stored
        stored += 1
        if stored == kill_at:
            if delay:
                loop.call_later(delay, kill)
            else:
                kill()

    fake.on_store = on_store
    try:
        _, err = await process.communicate()
    finally:
        fake.on_store = None
    if process.returncode == -signal.SIGKILL:
        return True
    assert process.returncode == 0, err.decode()
    return False
