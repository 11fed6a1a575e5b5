"""A local stand-in for the Slack Web API, for tests and the posting benchmark.

It serves the methods Gleaner uses (``auth.test``, ``chat.postMessage``,
``conversations.history``, ``conversations.replies``, ``conversations.list``)
on 127.0.0.1, keeps the messages it accepted, records every request, and can
be told to answer 429 with ``Retry-After``, answer 500, drop the connection
before or after storing a message, and enforce a per-channel posting rate the
way Slack does (one message per second per channel by default when enabled).
"""

from __future__ import annotations

import asyncio
import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

Fault = tuple[str, float]
"""(kind, retry_after): kind is ``429``, ``500``, ``drop`` (nothing stored) or
``drop_after`` (message stored, then the connection dropped) or ``fatal_after``
(message stored, then HTTP 200 ``{"ok": false, "error": "fatal_error"}``, which Slack
documents as "the server could not complete your operation(s) without encountering
a catastrophic error": the post may or may not be there)."""


@dataclass
class Recorded:
    method: str
    body: dict[str, Any]
    raw: str
    status: int = 200
    at: float = field(default_factory=time.monotonic)
    """When the request arrived (monotonic clock)."""


@dataclass
class FakeSlack:
    """The fake server. ``await start()`` (or ``start_in_thread()``), then point ``base_url`` at it."""

    channels: dict[str, str] = field(default_factory=lambda: {"C0GENERAL": "general"})
    rate_per_channel: float | None = None
    """Accepted ``chat.postMessage`` calls per second per channel; None = unlimited."""
    integer_retry_after: bool = True
    """Like Slack, round ``Retry-After`` up to whole seconds; False gives fractions (scaled benches)."""
    token: str = "xoxb-test-token"
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    rate_limited: int = 0
    post_latency: float = 0.0
    faults: dict[str, deque[Fault]] = field(default_factory=dict)
    not_in: set[str] = field(default_factory=set)
    """Channel ids that exist but the bot is not a member of: posts and history get
    ``not_in_channel``, as Slack answers a bot nobody invited."""
    on_store: Callable[[dict[str, Any]], None] | None = None
    """Called with each message as it is stored, before it is answered (crash tests)."""
    _last_post: dict[str, float] = field(default_factory=dict)
    _counter: int = 0
    _runner: web.AppRunner | None = None
    port: int = 0

    # -- control --------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def fail(self, method: str, kind: str, times: int = 1, retry_after: float = 1.0) -> None:
        self.faults.setdefault(method, deque()).extend([(kind, retry_after)] * times)

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        """Accepted messages, oldest first (all channels when ``channel`` is None)."""
        if channel is not None:
            return list(self.messages.get(channel, []))
        return [m for msgs in self.messages.values() for m in msgs]

    def post_bodies(self) -> list[str]:
        return [r.raw for r in self.requests if r.method == "chat.postMessage"]

    # -- life cycle -------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_post("/api/{method}", self._handle)
        app.router.add_get("/api/{method}", self._handle)
        return app

    async def start(self, port: int = 0) -> FakeSlack:
        self._runner = web.AppRunner(self.app(), access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def start_in_thread(self) -> threading.Thread:
        """Serve from a thread with its own event loop (benchmarks; clients in another loop)."""
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()

        def serve() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self.start())
            ready.set()
            self._loop.run_forever()
            self._loop.run_until_complete(self.stop())
            self._loop.close()

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        ready.wait(10)
        return thread

    def stop_thread(self, thread: threading.Thread) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        thread.join(10)

    # -- the API ------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        raw = await request.text()
        body: dict[str, Any] = dict(request.query)
        if raw:
            if request.content_type == "application/json":
                body.update(json.loads(raw))
            else:
                body.update(parse_qsl(raw))
        record = Recorded(method, body, raw)
        self.requests.append(record)
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return self._answer(record, {"ok": False, "error": "invalid_auth"})
        queue = self.faults.get(method)
        fault = queue.popleft() if queue else None
        if fault is not None:
            kind, retry_after = fault
            if kind == "429":
                self.rate_limited += 1
                return self._answer(
                    record,
                    {"ok": False, "error": "ratelimited"},
                    429,
                    {"Retry-After": self._fmt(retry_after)},
                )
            if kind == "500":
                return self._answer(record, {"ok": False, "error": "internal_error"}, 500)
            if kind == "drop":
                return self._drop(request, record)
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return self._answer(record, {"ok": False, "error": "unknown_method"}, 404)
        if method == "chat.postMessage":
            limited = self._limit(body.get("channel", ""))
            if limited is not None:
                return self._answer(
                    record,
                    {"ok": False, "error": "ratelimited"},
                    429,
                    {"Retry-After": self._fmt(limited)},
                )
        answer = handler(body)
        if method == "chat.postMessage" and self.post_latency:
            # Stored first, answered later: the window in which a crash loses the answer.
            await asyncio.sleep(self.post_latency)
        if fault is not None and fault[0] == "drop_after":
            return self._drop(request, record)
        if fault is not None and fault[0] == "fatal_after":
            return self._answer(record, {"ok": False, "error": "fatal_error"})
        return self._answer(record, answer)

    def _fmt(self, seconds: float) -> str:
        return str(max(1, math.ceil(seconds))) if self.integer_retry_after else f"{seconds:.3f}"

    def _limit(self, channel: str) -> float | None:
        """Seconds still to wait if this post comes too soon after the last accepted one."""
        if not self.rate_per_channel:
            return None
        now = time.monotonic()
        gap = 1.0 / self.rate_per_channel
        last = self._last_post.get(channel)
        if last is not None and now - last < gap:
            self.rate_limited += 1
            return gap - (now - last)
        self._last_post[channel] = now
        return None

    @staticmethod
    def _answer(
        record: Recorded,
        data: dict[str, Any],
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> web.Response:
        record.status = status
        return web.json_response(data, status=status, headers=headers)

    @staticmethod
    def _drop(request: web.Request, record: Recorded) -> web.StreamResponse:
        record.status = -1
        transport = request.transport
        if transport is not None:
            transport.abort()
        return web.Response(status=204)

    def _ts(self) -> str:
        self._counter += 1
        return f"{int(time.time())}.{self._counter:06d}"

    def _auth_test(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team": "test"}

    def _chat_postMessage(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve(body.get("channel", ""))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        if channel in self.not_in:
            return {"ok": False, "error": "not_in_channel"}
        blocks = body.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if blocks is not None and len(blocks) > 50:
            return {"ok": False, "error": "invalid_blocks"}
        metadata = body.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        thread_ts = body.get("thread_ts")
        if thread_ts and not any(m["ts"] == thread_ts for m in self.messages.get(channel, [])):
            return {"ok": False, "error": "thread_not_found"}
        message = {
            "type": "message",
            "ts": self._ts(),
            "text": body.get("text", ""),
            "blocks": blocks or [],
            "user": "UBOT",
        }
        if thread_ts:
            message["thread_ts"] = thread_ts
        if metadata:
            message["metadata"] = metadata
        self.messages.setdefault(channel, []).append(message)
        if self.on_store is not None:
            self.on_store(message)
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def _page(self, found: list[dict[str, Any]], body: dict[str, Any]) -> dict[str, Any]:
        limit = int(body.get("limit", 100))
        start = int(body.get("cursor") or 0)
        page = found[start : start + limit]
        more = start + limit < len(found)
        include = str(body.get("include_all_metadata", "")).lower() in ("1", "true")
        messages = [m if include else {k: v for k, v in m.items() if k != "metadata"} for m in page]
        return {
            "ok": True,
            "messages": messages,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def _conversations_history(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve(body.get("channel", ""))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        if channel in self.not_in:
            return {"ok": False, "error": "not_in_channel"}
        # Newest first, top-level messages and thread parents only, like Slack.
        top = [m for m in self.messages.get(channel, []) if m.get("thread_ts", m["ts"]) == m["ts"]]
        return self._page(list(reversed(top)), body)

    def _conversations_replies(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = self._resolve(body.get("channel", ""))
        ts = body.get("ts")
        msgs = self.messages.get(channel or "", [])
        parent = [m for m in msgs if m["ts"] == ts]
        if not parent:
            return {"ok": False, "error": "thread_not_found"}
        replies = [m for m in msgs if m.get("thread_ts") == ts and m["ts"] != ts]
        return self._page(parent + replies, body)

    def _conversations_list(self, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "channels": [{"id": cid, "name": name} for cid, name in self.channels.items()],
            "response_metadata": {"next_cursor": ""},
        }

    def _resolve(self, channel: str) -> str | None:
        if channel in self.channels:
            return channel
        for cid, name in self.channels.items():
            if channel.lstrip("#") == name:
                return cid
        return None
