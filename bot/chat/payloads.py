"""Dry runs that print the platform requests instead of the console's layout.

``gleaner run --dry-run --payloads`` puts a ``PayloadChannel`` in place of Slack
and Discord: it builds each request with the same pure functions the real
channels post with (``slack.render`` + ``post_message_args``; ``discord.render``
+ ``message_params`` / ``thread_args``) and writes it as JSON, one object per
request, in the order the real channel would send them. Nothing is sent and
nothing recorded. Values only known once a message exists are placeholders:
``$PARENT_TS`` (Slack), ``$PARENT_MESSAGE_ID`` and ``$THREAD_ID`` (Discord).
A Slack ``#name`` target is shown as written; the real channel looks its id
up with ``conversations.list`` before the first post.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from bot.chat.base import Posted
from bot.models import Destination, Digest, DigestEntry, Platform

SLACK_PARENT = "$PARENT_TS"
DISCORD_PARENT = "$PARENT_MESSAGE_ID"
DISCORD_THREAD = "$THREAD_ID"


class PayloadChannel:
    """``Channel`` that writes the exact Slack or Discord requests it would make."""

    dry_run = True

    def __init__(
        self, platform: Platform, *, unfurl: bool = False, out: TextIO | None = None
    ) -> None:
        if platform not in (Platform.SLACK, Platform.DISCORD):
            raise ValueError(f"no payloads for {platform.value}")
        self.platform: Platform = platform
        self.unfurl = unfurl
        self.out = out

    def _write(self, dest: Destination, call: str, body: dict[str, Any]) -> None:
        record = {
            "destination": dest.name,
            "platform": self.platform.value,
            "call": call,
            "body": body,
        }
        out = self.out or sys.stdout  # looked up late: click's test runner swaps stdout
        out.write(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
        out.flush()

    async def post_parent(self, dest: Destination, digest: Digest, marker: str) -> Posted:
        if self.platform is Platform.SLACK:
            from bot.chat.slack.channel import post_message_args
            from bot.chat.slack.render import render_parent

            args = post_message_args(
                dest.target, render_parent(digest), None, marker, unfurl=self.unfurl
            )
            self._write(dest, "chat.postMessage", args)
            return Posted(SLACK_PARENT, SLACK_PARENT)
        from bot.chat.discord import render
        from bot.chat.discord.channel import message_params, thread_args

        params = message_params(render.parent_message(digest, marker))
        self._write(dest, f"POST /channels/{dest.target}/messages", params.payload or {})
        self._write(
            dest,
            f"POST /channels/{dest.target}/messages/{DISCORD_PARENT}/threads",
            thread_args(render.thread_name(digest)),
        )
        return Posted(DISCORD_PARENT, DISCORD_THREAD)

    async def post_entries(
        self,
        dest: Destination,
        parent: Posted | None,
        digest: Digest,
        entries: Sequence[DigestEntry],
        marker: str,
    ) -> Posted:
        if self.platform is Platform.SLACK:
            from bot.chat.slack.channel import post_message_args
            from bot.chat.slack.render import render_entries

            thread_ts = (parent.thread_id or parent.message_id) if parent else None
            message = render_entries(digest, entries)
            args = post_message_args(dest.target, message, thread_ts, marker, unfurl=self.unfurl)
            self._write(dest, "chat.postMessage", args)
            return Posted("$TS", thread_ts)
        from bot.chat.discord import render
        from bot.chat.discord.channel import message_params

        where = (parent.thread_id or parent.message_id) if parent else dest.target
        for spec in render.entry_messages(digest, entries, marker):
            params = message_params(spec)
            self._write(dest, f"POST /channels/{where}/messages", params.payload or {})
        return Posted("$MESSAGE_ID", where if parent else None)

    async def find(self, dest: Destination, parent: Posted | None, marker: str) -> Posted | None:
        return None  # nothing was posted, so nothing can be found

    async def aclose(self) -> None:
        return None
