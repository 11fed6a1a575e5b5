"""Slack's Socket Mode on loopback: ``apps.connections.open``, the websocket, and response URLs.

Extends the Web API fake (``tests.fakes.slack_api.FakeSlack``), so one base URL
serves everything the bolt app calls: ``auth.test`` and ``chat.postMessage``
with the bot token, ``apps.connections.open`` with the app token (answering
with this server's own websocket URL), and ``/respond/N`` standing in for the
``response_url`` Slack puts in every command and button payload.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes.slack_api import FakeSlack


@dataclass
class FakeSlackSocket(FakeSlack):
    app_token: str = "xapp-test-token"
    acks: dict[str, tuple[float, dict[str, Any]]] = field(default_factory=dict)
    """Envelope id -> (monotonic time the client acknowledged it, what it sent)."""
    sent: dict[str, float] = field(default_factory=dict)
    """Envelope id -> monotonic time it was sent."""
    responses: list[dict[str, Any]] = field(default_factory=list)
    """JSON bodies posted to response URLs, in order."""
    connections: int = 0
    _ws: web.WebSocketResponse | None = None
    _ids: itertools.count[int] = field(default_factory=itertools.count)

    def app(self) -> web.Application:
        app = super().app()
        app.router.add_get("/link", self._socket)
        app.router.add_post("/respond/{key}", self._respond)
        return app

    @property
    def response_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/respond/{next(self._ids)}"

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["method"] != "apps.connections.open":
            return await super()._handle(request)
        if request.headers.get("Authorization") != f"Bearer {self.app_token}":
            return web.json_response({"ok": False, "error": "invalid_auth"})
        return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/link"})

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        self.connections += 1
        await ws.send_json(
            {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0TEST"}}
        )
        async for message in ws:
            if message.type is WSMsgType.TEXT:
                data = json.loads(message.data)
                if "envelope_id" in data:
                    self.acks[data["envelope_id"]] = (time.monotonic(), data)
        return ws

    async def _respond(self, request: web.Request) -> web.Response:
        self.responses.append(await request.json())
        return web.Response(text="ok")

    async def send(self, kind: str, payload: dict[str, Any]) -> str:
        """Push one envelope (``slash_commands``, ``interactive``) to the connected client."""
        assert self._ws is not None, "no client connected"
        envelope_id = f"env-{next(self._ids)}"
        self.sent[envelope_id] = time.monotonic()
        await self._ws.send_json(
            {
                "envelope_id": envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": kind == "slash_commands",
                "retry_attempt": 0,
                "retry_reason": "",
            }
        )
        return envelope_id


async def eventually(check: Callable[[], bool], within: float = 10.0) -> None:
    """Wait until ``check()`` holds (the client works in its own tasks)."""
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.01)
