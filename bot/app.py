"""The composition root: builds the store, rules, pipeline, mail sources, delivery
and chat commands from the settings, and runs them in one asyncio loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.ingest import Ingestor
from bot.settings import Settings
from bot.store import Store
from rules import CompiledRules, default_rules, load_rules

log = logging.getLogger(__name__)


def load_configured_rules(settings: Settings) -> CompiledRules:
    """The rules file from the settings, or the built-in "everything to the console"."""
    if settings.rules_file is None:
        return default_rules()
    return load_rules(settings.rules_file)


@dataclass
class Pipeline:
    """Store, live rules and the ingest pipeline over them."""

    store: Store
    rules: Callable[[], CompiledRules]
    ingestor: Ingestor

    def close(self) -> None:
        self.store.close()


def open_pipeline(settings: Settings, rules: Callable[[], CompiledRules] | None = None) -> Pipeline:
    store = Store.open(settings.store.url)
    if rules is None:
        compiled = load_configured_rules(settings)

        def rules() -> CompiledRules:
            return compiled

    return Pipeline(store, rules, Ingestor(store, rules))


async def run(settings: Settings, *, once: bool = False, dry_run: bool = False) -> None:
    """Run the bot: read mail, store, route, post. ``once`` does one pass and returns."""
    from bot.delivery.channels import build_channels
    from bot.delivery.service import Delivery
    from bot.mail.maildir_watch import MaildirWatcher
    from bot.rules_reload import RulesHolder

    holder = RulesHolder(settings.rules_file) if settings.rules_file is not None else None
    pipeline = open_pipeline(settings, (lambda: holder.current) if holder else None)
    channels = build_channels(settings.chat, dry_run=dry_run)
    delivery = Delivery(pipeline.store, channels, lambda: pipeline.rules().destinations)
    maildir = (
        MaildirWatcher(
            settings.local.maildir,
            pipeline.ingestor.ingest,
            poll_seconds=settings.local.poll_seconds,
        )
        if settings.local.maildir is not None
        else None
    )
    try:
        if once:
            if maildir is not None:
                await maildir.scan()
            await delivery.flush()
            return
        stop = asyncio.Event()
        _stop_on_signals(stop)
        tasks: list[Awaitable[object]] = [delivery.run(stop)]
        if maildir is not None:
            tasks.append(maildir.watch(stop))
        if holder is not None:
            tasks.append(holder.watch(stop))
        if settings.mail.accounts:
            from bot.mail.poller import run_mailboxes

            tasks.append(
                run_mailboxes(settings.mail, settings.store.url, pipeline.ingestor.ingest, stop)
            )
        log.info("gleaner running; Ctrl-C stops")
        await asyncio.gather(*tasks)
    finally:
        for channel in channels.values():
            with contextlib.suppress(Exception):
                await channel.aclose()
        pipeline.close()


def _stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
