"""A local imitation of Discord's REST API and gateway, for the real discord.py client.

It answers the endpoints Gleaner uses (messages, threads, history, command
sync, interaction callbacks and webhook follow-ups) the way Discord documents
them, enforces the embed limits (a violating request gets Discord's 400
"Invalid Form Body" and is listed in ``violations``), deduplicates by nonce
when ``enforce_nonce`` is set, and records every request. ``fail`` queues
faults for matching requests: ``429`` (with Discord's headers and JSON body),
``500``, ``drop`` (connection closed before anything happens) and
``drop-after`` (the message is created, then the connection is closed) and
``ok`` (answered normally: lets a fault hit the second request, not the first).

The gateway half lives in ``discord_gateway`` and is served on the same port.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.fakes.discord_gateway import APP_ID, BOT_ID, GatewayMixin

EPHEMERAL = 1 << 6


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]


@dataclass
class Fault:
    method: str
    pattern: re.Pattern[str]
    outcome: str
    retry_after: float = 0.05


@dataclass
class FakeDiscord(GatewayMixin):
    heartbeat_ms: int = 45000
    requests: list[Recorded] = field(default_factory=list)
    messages: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    threads: dict[str, dict[str, Any]] = field(default_factory=dict)
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    identified: list[dict[str, Any]] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    heartbeats: int = 0
    resumed: int = 0
    sessions: int = 0
    remember_nonces: bool = True
    """Discord forgets nonces after a few minutes; False imitates a retry after that window."""
    post_latency: float = 0.0
    """Seconds between storing a posted message and answering (a crash can fall in between)."""
    on_store: Callable[[dict[str, Any]], None] | None = None
    """Called with every message posted to a channel, as it is stored."""
    rate_limit: tuple[int, float] | None = None
    """(messages, seconds) allowed per channel, announced in X-RateLimit-* headers like Discord."""
    rate_limited: int = 0
    """How many 429s the rate limit answered."""
    token: str | None = None
    """When set, REST calls with another bot token get Discord's 401."""
    missing: set[str] = field(default_factory=set)
    """Channel ids that do not exist (deleted): 404 Unknown Channel, code 10003."""
    forbidden: set[str] = field(default_factory=set)
    """Channel ids the bot may not read or post in: 403 Missing Access, code 50001."""
    no_threads: set[str] = field(default_factory=set)
    """Channel ids where the bot may post but not start threads: 403 Missing Permissions."""

    def __post_init__(self) -> None:
        self._ids = itertools.count(1300000000000000000)
        self._nonces: dict[str, dict[str, Any]] = {}
        self._windows: dict[str, tuple[float, int]] = {}
        self._sockets: list[web.WebSocketResponse] = []
        self._seq = itertools.count(1)
        self._changed = asyncio.Condition()
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self.server = TestServer(app, host="127.0.0.1")
        self.bot_user = {
            "id": str(BOT_ID),
            "username": "gleaner",
            "discriminator": "0",
            "avatar": None,
            "bot": True,
        }

    # ---- life cycle ------------------------------------------------------------------------

    async def __aenter__(self) -> FakeDiscord:
        await self.server.start_server()
        return self

    async def __aexit__(self, *exc: object) -> None:
        for ws in list(self._sockets):
            await ws.close()
        await self.server.close()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.server.port}/gateway"

    # ---- test controls ---------------------------------------------------------------------

    def fail(self, method: str, path: str, *outcomes: str, retry_after: float = 0.05) -> None:
        """Answer the next matching requests with ``outcomes`` in turn (regex on the path)."""
        for outcome in outcomes:
            self.faults.append(Fault(method, re.compile(path), outcome, retry_after))

    def posted(self, channel_id: str) -> list[dict[str, Any]]:
        return list(self.messages.get(channel_id, []))

    def sent(self, method: str, path: str) -> list[Recorded]:
        pattern = re.compile(path)
        return [r for r in self.requests if r.method == method and pattern.search(r.path)]

    def add_message(self, channel_id: str, **fields: Any) -> dict[str, Any]:
        """Put a message into a channel's history, as if posted earlier."""
        return self._store(
            channel_id, {"embeds": [], "content": "", **fields}, author=fields.get("author")
        )

    async def wait_for(
        self, method: str, path: str, count: int = 1, wait: float = 10.0
    ) -> list[Recorded]:
        async def enough() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.sent(method, path)) >= count)

        await asyncio.wait_for(enough(), wait)
        return self.sent(method, path)

    # ---- REST ------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        raw = await request.read()
        body = json.loads(raw) if raw and request.content_type == "application/json" else None
        self.requests.append(
            Recorded(request.method, path, dict(request.query), body, dict(request.headers))
        )
        async with self._changed:
            self._changed.notify_all()
        if self.token is not None and request.headers.get("Authorization") != "Bot " + self.token:
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        fault = self._take_fault(request.method, path)
        if fault is not None and fault.outcome == "ok":
            fault = None
        if fault is not None and fault.outcome != "drop-after":
            return self._faulted(request, fault)
        limited = self._bucket(request.method, path)
        if isinstance(limited, Fault):
            self.rate_limited += 1
            return self._faulted(request, limited)
        response = self._route(request.method, path, body, request.query)
        if limited is not None and response.status < 400:
            response.headers.update(limited)
        if self.post_latency and request.method == "POST" and path.endswith("/messages"):
            await asyncio.sleep(self.post_latency)
        if fault is not None:
            _drop(request)
        return response

    def _bucket(self, method: str, path: str) -> Fault | dict[str, str] | None:
        """A fixed window per channel: its headers, or a 429 fault once the window is used up."""
        parts = path.strip("/").split("/")
        if self.rate_limit is None or method != "POST" or len(parts) != 3 or parts[2] != "messages":
            return None
        limit, per = self.rate_limit
        now = asyncio.get_running_loop().time()
        end, used = self._windows.get(parts[1], (0.0, 0))
        if now >= end:
            end, used = now + per, 0
        if used >= limit:
            return Fault(method, re.compile(""), "429", retry_after=end - now)
        self._windows[parts[1]] = (end, used + 1)
        return {
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": str(limit - used - 1),
            "X-RateLimit-Reset-After": f"{end - now:.3f}",
            "X-RateLimit-Bucket": "channel-messages",
        }

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for index, fault in enumerate(self.faults):
            if fault.method == method and fault.pattern.search(path):
                return self.faults.pop(index)
        return None

    def _faulted(self, request: web.Request, fault: Fault) -> web.StreamResponse:
        if fault.outcome == "429":
            # Discord's 429: headers plus a JSON body; discord.py checks Via to tell it from Cloudflare.
            headers = {
                "Retry-After": str(max(1, round(fault.retry_after))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset-After": str(fault.retry_after),
                "X-RateLimit-Bucket": "channel-messages",
                "X-RateLimit-Scope": "user",
                "Via": "1.1 google",
            }
            body = {
                "message": "You are being rate limited.",
                "retry_after": fault.retry_after,
                "global": False,
            }
            return _json(body, status=429, headers=headers)
        if fault.outcome == "500":
            return _json({"message": "500: Internal Server Error", "code": 0}, status=500)
        _drop(request)
        return web.Response(status=500)

    def _route(self, method: str, path: str, body: Any, query: Any) -> web.Response:
        parts = path.strip("/").split("/")
        if len(parts) > 1 and parts[0] == "channels":
            if parts[1] in self.missing:
                return _json({"message": "Unknown Channel", "code": 10003}, status=404)
            if parts[1] in self.forbidden:
                return _json({"message": "Missing Access", "code": 50001}, status=403)
            if parts[1] in self.no_threads and parts[-1] == "threads":
                return _json({"message": "Missing Permissions", "code": 50013}, status=403)
        match (method, parts):
            case ("GET", ["users", "@me"]):
                return _json(self.bot_user)
            case ("GET", ["oauth2", "applications", "@me"]):
                return _json(self._app_info())
            case ("GET", ["channels", cid]):
                return _json(self._channel(cid))
            case ("POST", ["channels", cid, "messages"]):
                return self._post_message(cid, body)
            case ("GET", ["channels", cid, "messages"]):
                return _json(self._history(cid, query))
            case ("POST", ["channels", cid, "messages", mid, "threads"]):
                return self._start_thread(cid, mid, body)
            case ("PUT", ["applications", _, "commands"]):
                return _json(self._sync("global", None, body))
            case ("PUT", ["applications", _, "guilds", gid, "commands"]):
                return _json(self._sync(gid, gid, body))
            case ("POST", ["interactions", iid, _, "callback"]):
                return _json(self._callback(iid, body))
            case ("POST", ["webhooks", _, token]):
                return _json(self._store("webhook:" + token, body))
            case ("PATCH", ["webhooks", _, token, "messages", _]):
                return _json(self._store("webhook:" + token, body))
        return _json({"message": "404: Not Found", "code": 0}, status=404)

    def _post_message(self, cid: str, body: dict[str, Any]) -> web.Response:
        problems = _limit_problems(body)
        if problems:
            self.violations.extend(problems)
            return _json(
                {"message": "Invalid Form Body", "code": 50035, "errors": problems}, status=400
            )
        nonce = body.get("nonce")
        if self.remember_nonces and nonce and body.get("enforce_nonce") and nonce in self._nonces:
            return _json(self._nonces[nonce])
        message = self._store(cid, body)
        if self.on_store is not None:
            self.on_store(message)
        if nonce and body.get("enforce_nonce"):
            self._nonces[nonce] = message
        return _json(message)

    def _store(self, cid: str, body: dict[str, Any], author: Any = None) -> dict[str, Any]:
        # Interaction answers are kept under "interaction:<id>" / "webhook:<token>" but, like
        # Discord's, name a real channel.
        message = {
            "id": str(next(self._ids)),
            "channel_id": cid if cid.isdigit() else "500",
            "type": 0,
            "author": author or self.bot_user,
            "content": body.get("content") or "",
            "embeds": body.get("embeds", []),
            "components": body.get("components", []),
            "flags": body.get("flags", 0),
            "nonce": body.get("nonce"),
            "timestamp": "2026-01-01T00:00:00+00:00",
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "pinned": False,
        }
        self.messages.setdefault(cid, []).append(message)
        return message

    def _history(self, cid: str, query: Any) -> list[dict[str, Any]]:
        newest_first = list(reversed(self.messages.get(cid, [])))
        if "before" in query:
            newest_first = [m for m in newest_first if int(m["id"]) < int(query["before"])]
        return newest_first[: int(query.get("limit", 50))]

    def _start_thread(self, cid: str, mid: str, body: dict[str, Any]) -> web.Response:
        name = body.get("name", "")
        if not 1 <= len(name) <= 100:
            self.violations.append(f"thread name of {len(name)} characters")
            return _json({"message": "Invalid Form Body", "code": 50035}, status=400)
        message = next((m for m in self.messages.get(cid, []) if m["id"] == mid), None)
        if message is None:
            return _json({"message": "Unknown Message", "code": 10008}, status=404)
        if mid in self.threads:
            body = {"message": "A thread has already been created for this message", "code": 160004}
            return _json(body, status=400)
        # A thread started from a message takes the message's id.
        thread = {**self._channel(mid), "type": 11, "parent_id": cid, "name": name}
        self.threads[mid] = thread
        message["thread"] = thread
        return _json(thread, status=201)

    def _channel(self, cid: str) -> dict[str, Any]:
        return self.threads.get(cid) or {
            "id": cid,
            "type": 0,
            "guild_id": "1",
            "name": "news",
            "position": 0,
        }

    def _app_info(self) -> dict[str, Any]:
        return {
            "id": str(APP_ID),
            "name": "Gleaner",
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": self.bot_user,
            "verify_key": "00",
            "flags": 0,
        }

    def _sync(
        self, scope: str, gid: str | None, body: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        echoed = [
            {**c, "id": str(next(self._ids)), "application_id": str(APP_ID), "guild_id": gid}
            for c in body
        ]
        self.commands[scope] = echoed
        return echoed

    def _callback(self, iid: str, body: dict[str, Any]) -> dict[str, Any]:
        data = body.get("data") or {}
        message = self._store("interaction:" + iid, data) if data else None
        interaction = {
            "id": iid,
            "type": 2,
            "response_message_id": message["id"] if message else None,
            "response_message_loading": body.get("type") == 5,
            "response_message_ephemeral": bool(data.get("flags", 0) & EPHEMERAL),
        }
        resource = {"type": body.get("type"), **({"message": message} if message else {})}
        return {"interaction": interaction, "resource": resource}


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json", as Discord sends it: discord.py compares the header verbatim.
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


def _drop(request: web.Request) -> None:
    if request.transport is not None:
        request.transport.abort()


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _limit_problems(body: dict[str, Any]) -> list[str]:
    """Discord's documented message and embed limits, checked the way its API does."""
    problems = []
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        problems.append(f"{len(embeds)} embeds")
    if _units(body.get("content") or "") > 2000:
        problems.append("content over 2000")
    if len(str(body.get("nonce") or "")) > 25:
        problems.append("nonce over 25")
    total = 0
    for embed in embeds:
        title = _units(embed.get("title", ""))
        description = _units(embed.get("description", ""))
        footer = _units((embed.get("footer") or {}).get("text", ""))
        if title > 256:
            problems.append(f"title of {title}")
        if description > 4096:
            problems.append(f"description of {description}")
        if footer > 2048:
            problems.append(f"footer of {footer}")
        total += title + description + footer
    if total > 6000:
        problems.append(f"embeds total {total}")
    return problems
