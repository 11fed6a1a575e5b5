"""The composition root: builds the store, rules, pipeline, mail sources, delivery
and chat commands from the settings, and runs them in one asyncio loop."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import signal
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.chat.base import Channel
from bot.errors import ChatError, MailError, RulesError
from bot.ingest import Ingestor
from bot.models import Digest, Platform
from bot.rules_reload import RulesHolder, invalid_rules_notice
from bot.settings import Settings
from bot.store import Store
from rules import CompiledRules, default_rules, load_rules

if TYPE_CHECKING:
    from bot.search import SearchPage

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


async def run(
    settings: Settings, *, once: bool = False, dry_run: bool = False, payloads: bool = False
) -> None:
    """Run the bot: read mail, store, route, post. ``once`` does one pass and returns.

    ``payloads`` is a dry run that prints the exact Slack and Discord requests.
    """
    from bot.delivery.channels import build_channels
    from bot.delivery.service import Delivery
    from bot.mail.maildir_watch import MaildirWatcher

    holder = RulesHolder(settings.rules_file) if settings.rules_file is not None else None
    pipeline = open_pipeline(settings, (lambda: holder.current) if holder else None)
    channels = build_channels(settings.chat, dry_run=dry_run, payloads=payloads)
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
            failed: list[str] = []
            if maildir is not None:
                await maildir.scan()
            if settings.mail.accounts:
                from bot.mail.poller import run_mailboxes

                sink = pipeline.ingestor.ingest
                failed = await run_mailboxes(
                    settings.mail, settings.store.url, sink, asyncio.Event(), once=True
                )
            await delivery.flush()  # what did arrive is posted even when a mailbox failed
            if failed:
                raise MailError("could not read " + "; ".join(failed))
            if delivery.problems:  # each was logged; the exit status tells a cron job
                raise ChatError(
                    "could not post to "
                    + "; ".join(f"{name!r}: {why}" for name, why in delivery.problems.items())
                )
            return
        stop = asyncio.Event()
        _stop_on_signals(stop)
        tasks: list[Awaitable[object]] = [delivery.run(stop)]
        if maildir is not None:
            tasks.append(maildir.watch(stop))
        if holder is not None:
            notify = _admin_notice(holder, channels)
            tasks.append(holder.watch(stop, notify))
        if settings.mail.accounts:
            from bot.mail.poller import run_mailboxes

            tasks.append(
                run_mailboxes(settings.mail, settings.store.url, pipeline.ingestor.ingest, stop)
            )
        tasks.extend(_until(stop, service) for service in _command_services(settings, pipeline))
        log.info("gleaner running; Ctrl-C stops")
        await _supervise(tasks, stop)
    finally:
        for channel in channels.values():
            with contextlib.suppress(Exception):
                await channel.aclose()
        pipeline.close()


def _command_services(settings: Settings, pipeline: Pipeline) -> list[Awaitable[None]]:
    """Slash commands on Slack and Discord, when they are configured."""
    from bot.rules_info import discord_routes, slack_routes, topics_of

    services: list[Awaitable[None]] = []
    slack = settings.chat.slack
    if slack.token() is not None and (slack.mode == "http" or slack.app_level_token() is not None):
        from bot.chat.slack.commands import CommandDeps, CommandServer, build_app
        from bot.search import search

        def search_page(text: str, offset: int, limit: int) -> SearchPage:
            topics = topics_of(pipeline.rules())
            return search(pipeline.store, text, limit=limit, offset=offset, topics=topics)

        deps = CommandDeps(search=search_page, routes_here=slack_routes(pipeline.rules))
        services.append(CommandServer(build_app(slack, deps), slack).serve_forever())
    if settings.chat.discord.enabled:
        from bot.chat.discord.autocomplete import store_names
        from bot.chat.discord.client import run_gateway
        from bot.chat.discord.commands import store_searcher

        searcher = store_searcher(pipeline.store, lambda: topics_of(pipeline.rules()))
        services.append(
            run_gateway(
                settings.chat.discord,
                searcher,
                discord_routes(pipeline.rules),
                names=store_names(pipeline.store),
            )
        )
    return services


async def _supervise(parts: list[Awaitable[object]], stop: asyncio.Event) -> None:
    """Run the parts together; when one fails, stop the others cleanly, then raise its error."""
    tasks = [asyncio.ensure_future(part) for part in parts]
    done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    failed = next((t for t in done if not t.cancelled() and t.exception() is not None), None)
    if failed is not None:
        log.error("stopping: %s", failed.exception())
        stop.set()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, asyncio.CancelledError):
            raise result


async def _until(stop: asyncio.Event, service: Awaitable[None]) -> None:
    """Run a serve-forever coroutine until ``stop`` is set, then cancel it."""
    task = asyncio.ensure_future(service)
    stopper = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
        if not task.done():
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task  # re-raises a service's own failure


def _admin_notice(
    holder: RulesHolder, channels: Mapping[Platform, Channel]
) -> Callable[[RulesError], Awaitable[None]]:
    """Tell the rules' admin channel that an edit did not validate (the old rules stay live)."""

    async def notify(exc: RulesError) -> None:
        live = holder.current
        dest = live.destinations.get(live.admin_channel) if live.admin_channel else None
        channel = channels.get(dest.platform) if dest is not None else None
        if dest is None or channel is None:
            return
        digest = Digest(
            destination=dest.name,
            key=f"notice:rules:{hashlib.sha256(str(exc).encode()).hexdigest()[:16]}",
            title=invalid_rules_notice(holder.path, exc, limit=3).replace("\n", " "),
        )
        await channel.post_parent(dest, digest, f"gleaner:n:{digest.key}")

    return notify


def _stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
