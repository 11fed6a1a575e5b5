"""/gleaner in HTTP mode: bolt's endpoint on loopback, with signed, stale and tampered requests."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
import pytest
from pydantic import SecretStr

from bot.chat.slack.commands import CommandServer, build_app
from bot.chat.slack.commands_render import SHARE_ACTION
from bot.errors import ConfigError
from tests.bot.chat.slack.commands_setup import (
    archive,
    block_texts,
    button,
    buttons,
    command,
    deps,
    settings,
)
from tests.fakes.slack_socket import FakeSlackSocket, eventually

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def sign(body: str, timestamp: int, secret: str = SECRET) -> dict[str, str]:
    base = f"v0:{timestamp}:{body}".encode()
    signature = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": signature,
        "Content-Type": "application/x-www-form-urlencoded",
    }


class Endpoint:
    def __init__(self, fake: FakeSlackSocket, url: str) -> None:
        self.fake = fake
        self.url = url

    async def post(self, body: str, headers: dict[str, str]) -> int:
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.url, data=body, headers=headers) as r,
        ):
            return r.status


@pytest.fixture
async def endpoint(tmp_path: Path) -> AsyncIterator[Endpoint]:
    fake = await FakeSlackSocket().start()
    store = archive(tmp_path)
    config = settings(
        fake, mode="http", signing_secret=SecretStr(SECRET), http_host="127.0.0.1", http_port=0
    )
    server = CommandServer(build_app(config, deps(store)), config)
    await server.start()
    try:
        yield Endpoint(fake, f"http://127.0.0.1:{server.port}{config.http_path}")
    finally:
        await server.stop()
        await fake.stop()
        store.close()


async def test_a_signed_command_is_answered(endpoint: Endpoint) -> None:
    body = urlencode(command(endpoint.fake, "search gemma"))
    assert await endpoint.post(body, sign(body, int(time.time()))) == 200
    await eventually(lambda: len(endpoint.fake.responses) == 1)
    assert block_texts(endpoint.fake.responses[0])[0] == "Results 1–2 for gemma"


async def test_a_signed_button_click_is_handled(endpoint: Endpoint) -> None:
    body = urlencode(command(endpoint.fake, "gemma kind:repo"))
    await endpoint.post(body, sign(body, int(time.time())))
    await eventually(lambda: len(endpoint.fake.responses) == 1)
    share = buttons(endpoint.fake.responses[0])[0]
    click = urlencode({"payload": json.dumps(button(endpoint.fake, SHARE_ACTION, share["value"]))})
    assert await endpoint.post(click, sign(click, int(time.time()))) == 200
    await eventually(lambda: len(endpoint.fake.posts("C0GENERAL")) == 1)


async def test_a_request_older_than_five_minutes_is_refused(endpoint: Endpoint) -> None:
    body = urlencode(command(endpoint.fake, "search gemma"))
    stale = int(time.time()) - 5 * 60 - 5
    assert await endpoint.post(body, sign(body, stale)) == 401
    assert endpoint.fake.responses == []


async def test_a_tampered_body_is_refused(endpoint: Endpoint) -> None:
    body = urlencode(command(endpoint.fake, "search gemma"))
    headers = sign(body, int(time.time()))
    tampered = body.replace("U0ALICE", "U0MALLORY")
    assert await endpoint.post(tampered, headers) == 401
    assert await endpoint.post(body, sign(body, int(time.time()), secret="not-the-secret")) == 401
    assert await endpoint.post(body, {"Content-Type": "application/x-www-form-urlencoded"}) == 401
    assert endpoint.fake.responses == []


def test_http_mode_needs_the_signing_secret(tmp_path: Path) -> None:
    fake = FakeSlackSocket()
    store = archive(tmp_path)
    try:
        with pytest.raises(ConfigError, match="signing_secret is needed in HTTP mode"):
            build_app(settings(fake, mode="http"), deps(store))
    finally:
        store.close()
