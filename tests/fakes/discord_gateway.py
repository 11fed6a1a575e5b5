"""The gateway half of the fake Discord: enough of version 10 for discord.py's client.

HELLO, IDENTIFY -> READY, RESUME -> RESUMED, heartbeat ACKs; ``drop_gateway``
closes the connections (discord.py resumes) and ``dispatch`` pushes any event,
``interaction`` builds the INTERACTION_CREATE payloads Discord would send.
Mixed into :class:`tests.fakes.discord_api.FakeDiscord`, whose state it uses.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import WSMsgType, web

APP_ID = 1100000000000000001
BOT_ID = 1100000000000000002
USER_ID = 1100000000000000003


class GatewayMixin:
    # Provided by FakeDiscord.
    _ids: Any
    _seq: Any
    _sockets: list[web.WebSocketResponse]
    bot_user: dict[str, Any]
    identified: list[dict[str, Any]]
    heartbeats: int
    resumed: int
    sessions: int
    _changed: asyncio.Condition

    @property
    def gateway_url(self) -> str:
        raise NotImplementedError

    def _channel(self, cid: str) -> dict[str, Any]:
        raise NotImplementedError

    def interaction(
        self,
        data: dict[str, Any],
        *,
        kind: int = 2,
        channel_id: str = "500",
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE payload from a member in guild 1 (kind 2: command, 3: button)."""
        iid = str(next(self._ids))
        payload: dict[str, Any] = {
            "id": iid,
            "application_id": str(APP_ID),
            "type": kind,
            "token": "itoken-" + iid,
            "version": 1,
            "guild_id": "1",
            "channel_id": channel_id,
            "channel": {**self._channel(channel_id), "permissions": "0"},
            "member": {
                "user": {
                    "id": str(USER_ID),
                    "username": "reader",
                    "discriminator": "0",
                    "avatar": None,
                },
                "roles": [],
                "joined_at": "2025-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "flags": 0,
                "permissions": "0",
            },
            "app_permissions": "0",
            "locale": "en-US",
            "guild_locale": "en-US",
            "attachment_size_limit": 8388608,
            "entitlements": [],
            "authorizing_integration_owners": {"0": "1"},
            "context": 0,
            "data": data,
        }
        if message is not None:
            payload["message"] = message
        return payload

    async def wait_for_session(self, count: int = 1, wait: float = 10.0) -> None:
        """Until ``count`` clients got READY: only then do dispatched events reach a client."""
        async with asyncio.timeout(wait), self._changed:
            await self._changed.wait_for(lambda: self.sessions >= count)

    async def drop_gateway(self, code: int = 4000) -> None:
        """Close every gateway connection, as Discord does when it restarts a gateway node."""
        for ws in list(self._sockets):
            await ws.close(code=code)

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        for ws in self._sockets:
            await ws.send_json({"op": 0, "t": event, "s": next(self._seq), "d": data})

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": self.heartbeat_ms}})
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(msg.data)
                if payload["op"] == 1:
                    self.heartbeats += 1
                    await ws.send_json({"op": 11})
                elif payload["op"] == 6:
                    self.resumed += 1
                    await ws.send_json({"op": 0, "t": "RESUMED", "s": next(self._seq), "d": {}})
                elif payload["op"] == 2:
                    self.identified.append(payload["d"])
                    await ws.send_json(
                        {"op": 0, "t": "READY", "s": next(self._seq), "d": self._ready()}
                    )
                    self.sessions += 1
                    async with self._changed:
                        self._changed.notify_all()
        finally:
            self._sockets.remove(ws)
        return ws

    def _ready(self) -> dict[str, Any]:
        return {
            "v": 10,
            "user": self.bot_user,
            "guilds": [],
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APP_ID), "flags": 0},
            "shard": [0, 1],
        }
