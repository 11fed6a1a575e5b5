"""Posting digests to Slack with slack_sdk's ``AsyncWebClient``.

Every message carries message metadata naming its marker (the outbox rows
or the thread it holds); ``find`` looks for it in the channel history or the
thread, which is how a post whose answer was lost is recognised after a
crash. For the same reason no request is retried blindly: a 429 means Slack
did not post, so it is waited out and retried here, while a 5xx or a dropped
connection is reported as ``ChatError`` and delivery looks the marker up
before posting again. Posts to one channel are paced to one per
``post_interval_seconds`` (plus 2% for network jitter), counted from when the
previous request left, so the network's latency does not slow the pace; a
429 that still comes pushes the next post back by its ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from functools import partial
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.chat.base import Posted
from bot.chat.settings import SlackSettings
from bot.chat.slack.render import SlackMessage, render_entries, render_parent
from bot.errors import (
    ChatAuthError,
    ChatError,
    ChatRefused,
    ConfigError,
    RateLimited,
    ThreadGone,
)
from bot.models import Destination, Digest, DigestEntry, Platform

log = logging.getLogger(__name__)

EVENT_TYPE = "gleaner_post"
AUTH_ERRORS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "token_expired",
        "account_inactive",
        "missing_scope",
    }
)
UNCERTAIN_ERRORS = frozenset(
    {"fatal_error", "internal_error", "service_unavailable", "request_timeout", "timeout"}
)
"""Error codes after which a post may have landed (Slack failed midway): looked up, not
taken as a refusal."""
REFUSAL_HINTS = {
    "not_in_channel": "invite the bot to the channel: /invite @<bot name>",
    "channel_not_found": "check the channel in the rules; a private channel needs the bot invited",
    "is_archived": "the channel is archived",
    "restricted_action": "the workspace does not let the bot post there",
    "missing_scope": "the app lacks an OAuth scope (see docs/slack.md)",
}
PACE_MARGIN = 0.02
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{2,}$")


class SlackChannel:
    """The Slack side of the ``Channel`` protocol."""

    platform = Platform.SLACK

    def __init__(
        self,
        settings: SlackSettings,
        *,
        client: AsyncWebClient | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        token = settings.token()
        self._owns_session = client is None
        if client is None:
            if token is None:
                raise ConfigError("chat.slack.bot_token (or bot_token_file) is not set")
            base_url = (
                settings.api_url if settings.api_url.endswith("/") else settings.api_url + "/"
            )
            # No retry handlers: slack_sdk's default retries dropped connections, which
            # could post a message twice. Delivery retries after looking the marker up.
            client = AsyncWebClient(
                token=token.get_secret_value(),
                base_url=base_url,
                timeout=int(settings.timeout_seconds),
                retry_handlers=[],
            )
        self.client = client
        self.settings = settings
        self._sleep = sleep
        self._ready_at: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._ids: dict[str, str] = {}

    # -- the Channel protocol -----------------------------------------------

    async def post_parent(self, dest: Destination, digest: Digest, marker: str) -> Posted:
        message = render_parent(digest)
        posted = await self._post(dest, message, None, marker)
        return Posted(posted.message_id, posted.message_id)

    async def post_entries(
        self,
        dest: Destination,
        parent: Posted | None,
        digest: Digest,
        entries: Sequence[DigestEntry],
        marker: str,
    ) -> Posted:
        thread_ts = (parent.thread_id or parent.message_id) if parent else None
        return await self._post(dest, render_entries(digest, entries), thread_ts, marker)

    async def find(self, dest: Destination, parent: Posted | None, marker: str) -> Posted | None:
        channel = await self._channel_id(dest)
        cursor: str | None = None
        for _ in range(self.settings.history_pages if parent is None else 1000):
            args: dict[str, Any] = {"channel": channel, "limit": 200, "include_all_metadata": True}
            if cursor:
                args["cursor"] = cursor
            if parent is None:
                page = await self._call(partial(self.client.conversations_history, **args))
            else:
                ts = parent.thread_id or parent.message_id
                page = await self._call(partial(self.client.conversations_replies, ts=ts, **args))
            for message in page.get("messages") or ():
                metadata = message.get("metadata") or {}
                payload = metadata.get("event_payload") or {}
                if metadata.get("event_type") == EVENT_TYPE and payload.get("marker") == marker:
                    found = str(message["ts"])
                    return Posted(found, str(message.get("thread_ts") or found))
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                break
        return None

    async def aclose(self) -> None:
        session = self.client.session
        if self._owns_session and session is not None and not session.closed:
            await session.close()

    # -- posting ------------------------------------------------------------

    async def _post(
        self, dest: Destination, message: SlackMessage, thread_ts: str | None, marker: str
    ) -> Posted:
        channel = await self._channel_id(dest)
        lock = self._locks.setdefault(channel, asyncio.Lock())
        async with lock:
            args = post_message_args(
                channel, message, thread_ts, marker, unfurl=self.settings.unfurl
            )
            response = await self._call(lambda: self.client.chat_postMessage(**args), pace=channel)
        ts = str(response["ts"])
        return Posted(ts, thread_ts or ts)

    async def _call(
        self, request: Callable[[], Awaitable[AsyncSlackResponse]], *, pace: str | None = None
    ) -> AsyncSlackResponse:
        """One Web API call: paced, 429s waited out, other failures as ``ChatError``."""
        if self._owns_session and (self.client.session is None or self.client.session.closed):
            # One session for all calls (kept-alive connections); made here, inside the loop.
            self.client.session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.settings.timeout_seconds)
            )
        waits = 0
        while True:
            if pace is not None:
                delay = self._ready_at.get(pace, 0.0) - time.monotonic()
                if delay > 0:
                    await self._sleep(delay)
            sent: float | None = time.monotonic()
            try:
                return await request()
            except SlackApiError as exc:
                status = exc.response.status_code
                error = exc.response.get("error") if isinstance(exc.response.data, dict) else None
                if status == 429 or error == "ratelimited":
                    retry_after = _retry_after(exc.response.headers)
                    waits += 1
                    if waits > self.settings.max_rate_limit_waits:
                        raise RateLimited(retry_after, "Slack kept answering 429") from exc
                    log.info("slack: rate limited, waiting %.1fs", retry_after)
                    if pace is None:
                        await self._sleep(retry_after)
                        continue
                    # The next try waits exactly what Slack asked, not a whole interval more.
                    self._ready_at[pace] = time.monotonic() + retry_after
                    sent = None
                    continue
                if error in AUTH_ERRORS:
                    hint = REFUSAL_HINTS.get(error, "check chat.slack.bot_token")
                    raise ChatAuthError(f"Slack refused the token: {error} ({hint})") from exc
                if error == "thread_not_found" and pace is not None:
                    raise ThreadGone("Slack: the digest's thread parent was deleted") from exc
                if error and status < 500 and error not in UNCERTAIN_ERRORS:
                    # Slack answered with a reason: certainly nothing was posted, and
                    # asking again at once gets the same answer.
                    why = REFUSAL_HINTS.get(error)
                    raise ChatRefused(
                        f"Slack refused the request: {error}" + (f" ({why})" if why else "")
                    ) from exc
                raise ChatError(f"Slack answered {status}: {error or 'no error code'}") from exc
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise ChatError(f"Slack request failed: {type(exc).__name__}: {exc}") from exc
            finally:
                if pace is not None and sent is not None:
                    # Counted from when this request left, plus a sliver for the
                    # jitter between leaving here and arriving at Slack.
                    gap = self.settings.post_interval_seconds * (1 + PACE_MARGIN)
                    self._ready_at[pace] = max(self._ready_at.get(pace, 0.0), sent + gap)

    async def _channel_id(self, dest: Destination) -> str:
        """The channel id for a destination's target: an id as is, a ``#name`` looked up once."""
        target = dest.target.strip()
        if _CHANNEL_ID.match(target):
            return target
        if target in self._ids:
            return self._ids[target]
        name = target.lstrip("#")
        cursor: str | None = None
        while True:
            args: dict[str, Any] = {"types": "public_channel,private_channel", "limit": 1000}
            if cursor:
                args["cursor"] = cursor
            page = await self._call(partial(self.client.conversations_list, **args))
            for channel in page.get("channels") or ():
                if channel.get("name") == name:
                    self._ids[target] = str(channel["id"])
                    return self._ids[target]
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                raise ChatRefused(
                    f"Slack channel {target!r} not found: {REFUSAL_HINTS['channel_not_found']}"
                )


def post_message_args(
    channel: str, message: SlackMessage, thread_ts: str | None, marker: str, *, unfurl: bool
) -> dict[str, Any]:
    """The keyword arguments of one ``chat.postMessage`` call (pure: dry runs print them).

    ``link_names`` is never set, so nothing in the text can ping anyone.
    """
    args: dict[str, Any] = {
        "channel": channel,
        "text": message.text,
        "blocks": list(message.blocks),
        "metadata": {"event_type": EVENT_TYPE, "event_payload": {"marker": marker}},
        "unfurl_links": unfurl,
        "unfurl_media": unfurl,
    }
    if thread_ts:
        args["thread_ts"] = thread_ts
    return args


def _retry_after(headers: Any) -> float:
    try:
        return max(0.0, float(headers.get("Retry-After", "1")))
    except (TypeError, ValueError):
        return 1.0
