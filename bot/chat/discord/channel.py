"""The Discord channel: a parent message, a public thread started from it, the items inside.

Posting goes through discord.py's REST layer (``discord.http.HTTPClient``),
which already waits out 429s with Discord's bucket headers; on top of that
every message is sent with ``allowed_mentions`` parsing nothing, and with a
nonce plus ``enforce_nonce`` so a retried request within Discord's window
returns the first message instead of posting a second. Beyond the window the
marker token in the footer is what ``find`` looks for in the history.

A digest whose entries need several messages (embed limits) is posted part by
part; parts already known to be posted (this run, or seen by ``find`` after a
crash) are skipped, so a retry completes the set without doubling any part.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Final

import aiohttp
import discord
from discord.http import HTTPClient, MultipartParameters, handle_message_parameters

from bot.chat.base import Posted
from bot.chat.discord import render
from bot.chat.discord.endpoints import point_at
from bot.chat.discord.render import MessageSpec
from bot.chat.discord.settings import DiscordSettings
from bot.errors import ChatAuthError, ChatError, ChatRefused, RateLimited, ThreadGone
from bot.models import Destination, Digest, DigestEntry, Platform

log = logging.getLogger(__name__)

_UNESCAPE = re.compile(r"\\(.)")

THREAD_ARCHIVE_MINUTES: Final = 10080
THREAD_ALREADY_CREATED = 160004
UNKNOWN_CHANNEL = 10003
REFUSAL_HINTS = {
    10003: "the channel does not exist: check its id in the rules",
    50001: "the bot cannot see the channel: add it to the channel or give it View Channel",
    50013: "give the bot Send Messages, Embed Links and Create Public Threads there",
}
HISTORY_PAGE = 100


class DiscordChannel:
    """``bot.chat.base.Channel`` for Discord."""

    platform = Platform.DISCORD

    def __init__(
        self,
        http: HTTPClient,
        bot_id: str,
        *,
        attempts: int = 6,
        history_pages: int = 10,
        backoff: float = 0.5,
    ) -> None:
        self._http = http
        self._bot_id = bot_id
        self._attempts = attempts
        self._history_pages = history_pages
        self._backoff = backoff
        self._parts: dict[str, dict[str, str]] = {}
        """Marker hash -> {token: message id} of the parts of an unfinished multi-part post."""

    @classmethod
    async def connect(cls, settings: DiscordSettings, **options: Any) -> DiscordChannel:
        """Log in to the REST API named by ``settings`` (no gateway needed for posting)."""
        point_at(settings.api_url, settings.gateway_url)
        http = HTTPClient(asyncio.get_running_loop())
        try:
            me = await http.static_login(settings.bot_token())
        except discord.LoginFailure as exc:
            await http.close()
            raise ChatAuthError("Discord refused the bot token") from exc
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            await http.close()
            raise ChatError(f"Discord login failed: {exc}") from exc
        return cls(http, str(me["id"]), **options)

    async def aclose(self) -> None:
        await self._http.close()

    async def post_parent(self, dest: Destination, digest: Digest, marker: str) -> Posted:
        spec = render.parent_message(digest, marker)
        message = await self._send(dest.target, spec)
        try:
            thread_id = await self._ensure_thread(dest.target, message, render.thread_name(digest))
        except ChatRefused as exc:
            # The parent is posted: this must not read as "nothing posted", or the
            # parent would be posted again. ``find`` finishes the thread later.
            raise ChatError(f"parent posted, thread refused: {exc}") from exc
        return Posted(message_id=str(message["id"]), thread_id=thread_id)

    async def post_entries(
        self,
        dest: Destination,
        parent: Posted | None,
        digest: Digest,
        entries: Sequence[DigestEntry],
        marker: str,
    ) -> Posted:
        channel_id = _where(dest, parent)
        key = render.marker_hash(marker)
        done = self._parts.setdefault(key, {})
        last = ""
        for spec in render.entry_messages(digest, entries, marker):
            if spec.token not in done:
                # Recorded part by part: if a later part fails, a retry skips this one.
                try:
                    done[spec.token] = str((await self._send(channel_id, spec))["id"])
                except ChatRefused as exc:
                    if not done and parent is not None and _unknown_channel(exc):
                        raise ThreadGone(f"Discord: the digest's thread is gone: {exc}") from exc
                    if not done:
                        raise
                    # Some parts are posted: not "nothing posted", so find() settles it.
                    raise ChatError(f"part of the post refused: {exc}") from exc
            last = done[spec.token]
        del self._parts[key]  # complete: delivery records it from here
        return Posted(message_id=last, thread_id=channel_id if parent is not None else None)

    async def find(self, dest: Destination, parent: Posted | None, marker: str) -> Posted | None:
        channel_id = _where(dest, parent)
        wanted = render.marker_hash(marker)
        before: str | None = None
        seen: dict[str, str] = {}
        for _ in range(self._history_pages):
            page: list[dict[str, Any]] = await self._call(
                functools.partial(self._http.logs_from, channel_id, HISTORY_PAGE, before=before)
            )
            for message in page:
                token = self._token_of(message)
                if token is None or token.digest != wanted:
                    continue
                if token.part == token.parts:
                    return await self._found(dest, parent, message, token, channel_id)
                seen[token.text] = str(message["id"])
            if len(page) < HISTORY_PAGE:
                break
            before = str(page[-1]["id"])
        if seen:
            # Some parts of a split post landed before a crash: a retry posts only the rest.
            self._parts.setdefault(wanted, {}).update(seen)
        return None

    async def _found(
        self,
        dest: Destination,
        parent: Posted | None,
        message: dict[str, Any],
        token: render.Token,
        channel_id: str,
    ) -> Posted:
        if token.kind == render.PARENT:
            # The crash may have come between the post and the thread: finish the job.
            name = _thread_name_of(message)
            thread_id = await self._ensure_thread(dest.target, message, name)
            return Posted(message_id=str(message["id"]), thread_id=thread_id)
        return Posted(
            message_id=str(message["id"]), thread_id=channel_id if parent is not None else None
        )

    def _token_of(self, message: dict[str, Any]) -> render.Token | None:
        if str(message.get("author", {}).get("id")) != self._bot_id:
            return None  # only our own messages count; nobody else can vouch for a post
        embeds = message.get("embeds") or []
        if not embeds:
            return None
        footer = (embeds[-1].get("footer") or {}).get("text", "")
        return render.parse_token(footer)

    async def _send(self, channel_id: str, spec: MessageSpec) -> dict[str, Any]:
        params = message_params(spec)
        message: dict[str, Any] = await self._call(
            lambda: self._http.send_message(channel_id, params=params)
        )
        return message

    async def _ensure_thread(self, channel_id: str, message: dict[str, Any], name: str) -> str:
        message_id = str(message["id"])
        if message.get("thread"):
            return str(message["thread"]["id"])
        try:
            thread = await self._call(
                lambda: self._http.start_thread_with_message(
                    channel_id, message_id, **thread_args(name)
                ),
                passthrough=THREAD_ALREADY_CREATED,
            )
        except _Passthrough:
            # Created before a crash or a lost answer: a thread started from a message has its id.
            log.info("thread for message %s already existed; using it", message_id)
            return message_id
        return str(thread["id"])

    async def _call(
        self, request: Callable[[], Awaitable[Any]], passthrough: int | None = None
    ) -> Any:
        """One REST call; rate limits and transient failures retried, the rest made ChatError.

        discord.py already retries 429 and 5xx a few times within one call;
        this outer loop outlasts a longer storm without giving up the post.
        """
        last: Exception | None = None
        for attempt in range(self._attempts):
            try:
                return await request()
            except discord.RateLimited as exc:
                last = RateLimited(exc.retry_after)
                await asyncio.sleep(exc.retry_after)
            except discord.HTTPException as exc:
                if passthrough is not None and exc.code == passthrough:
                    raise _Passthrough from exc
                if exc.status == 401:
                    raise ChatAuthError(
                        "Discord refused the bot token (check chat.discord.token)"
                    ) from exc
                if exc.status == 429:
                    # discord.py's own tries ran out; a 429 certainly posted nothing.
                    wait = _retry_after(exc, self._backoff * (attempt + 1))
                    last = RateLimited(wait)
                    await asyncio.sleep(wait)
                    continue
                if exc.status >= 500:
                    last = ChatError(f"Discord answered {exc.status}: {exc.text}")
                    await asyncio.sleep(self._backoff * (attempt + 1))
                    continue
                # Any other 4xx: Discord said no and posted nothing (missing channel,
                # no access); asking again at once gets the same answer.
                hint = REFUSAL_HINTS.get(exc.code)
                raise ChatRefused(
                    f"Discord refused the request ({exc.status}, code {exc.code}): {exc.text}"
                    + (f" ({hint})" if hint else "")
                ) from exc
            except (aiohttp.ClientError, OSError, TimeoutError) as exc:
                # A dropped connection: the nonce makes the retry safe if the post did land.
                last = ChatError(f"connection to Discord failed: {exc!r}")
                await asyncio.sleep(self._backoff * (attempt + 1))
        assert last is not None
        raise last


def message_params(spec: MessageSpec) -> MultipartParameters:
    """The request body of one message (pure: dry runs print its ``payload``).

    ``allowed_mentions`` parses nothing, so no text in it can ping anyone.
    """
    return handle_message_parameters(
        embeds=[render.as_embed(e) for e in spec.embeds],
        allowed_mentions=discord.AllowedMentions.none(),
        nonce=spec.nonce,
    )


def thread_args(name: str) -> dict[str, Any]:
    """The arguments of the call that starts a digest's public thread from its parent."""
    return {"name": name, "auto_archive_duration": THREAD_ARCHIVE_MINUTES}


class _Passthrough(Exception):
    """An expected Discord error code, handed back to the caller."""


def _unknown_channel(exc: ChatRefused) -> bool:
    cause = exc.__cause__
    return isinstance(cause, discord.HTTPException) and cause.code == UNKNOWN_CHANNEL


def _retry_after(exc: discord.HTTPException, default: float) -> float:
    # X-RateLimit-Reset-After is precise (Retry-After is rounded up to whole seconds).
    headers = exc.response.headers
    try:
        return max(
            default,
            float(headers.get("X-RateLimit-Reset-After") or headers.get("Retry-After") or default),
        )
    except (TypeError, ValueError):
        return default


def _where(dest: Destination, parent: Posted | None) -> str:
    if parent is None:
        return dest.target
    return parent.thread_id or parent.message_id


def _thread_name_of(message: dict[str, Any]) -> str:
    embeds = message.get("embeds") or [{}]
    # The title was escaped for markdown; thread names show text as is.
    title = _UNESCAPE.sub(r"\1", str(embeds[0].get("title") or "")).replace("\u200b", "")
    return render.thread_name(Digest(destination="", key="", title=title))
