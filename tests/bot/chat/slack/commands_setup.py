"""What the slash-command tests share: the archive, the app's dependencies, payloads."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from bot.chat.settings import SlackSettings
from bot.chat.slack.commands import CommandDeps
from bot.search import SearchPage, search
from bot.store import Store
from tests.bot.search.corpus import NOW, fill
from tests.fakes.slack_socket import FakeSlackSocket

ROUTES = {
    "C0GENERAL": [
        ("papers", "kind: paper; immediate"),
        ("launches", 'keyword "launch"; cron 0 9 * * *'),
    ]
}


def archive(tmp_path: Path) -> Store:
    store = Store.open(f"sqlite:///{tmp_path / 'gleaner.db'}")
    fill(store)
    return store


def deps(store: Store) -> CommandDeps:
    def find(text: str, offset: int, limit: int) -> SearchPage:
        return search(store, text, offset=offset, limit=limit, now=NOW)

    def routes_here(channel_id: str, _name: str) -> Sequence[tuple[str, str]]:
        return ROUTES.get(channel_id, [])

    return CommandDeps(search=find, routes_here=routes_here)


def settings(fake: FakeSlackSocket, **overrides: Any) -> SlackSettings:
    values: dict[str, Any] = {
        "bot_token": SecretStr(fake.token),
        "app_token": SecretStr(fake.app_token),
        "api_url": fake.base_url,
        "search_page_size": 2,
    }
    values.update(overrides)
    return SlackSettings.model_validate(values)


def command(fake: FakeSlackSocket, text: str, channel: str = "C0GENERAL") -> dict[str, str]:
    return {
        "token": "verification-token",
        "team_id": "T0TEST",
        "team_domain": "test",
        "channel_id": channel,
        "channel_name": "general",
        "user_id": "U0ALICE",
        "user_name": "alice",
        "command": "/gleaner",
        "text": text,
        "api_app_id": "A0TEST",
        "response_url": fake.response_url,
        "trigger_id": "1.2.3",
    }


def button(
    fake: FakeSlackSocket, action_id: str, value: str, channel: str = "C0GENERAL"
) -> dict[str, Any]:
    return {
        "type": "block_actions",
        "user": {"id": "U0ALICE", "username": "alice", "team_id": "T0TEST"},
        "api_app_id": "A0TEST",
        "team": {"id": "T0TEST", "domain": "test"},
        "channel": {"id": channel, "name": "general"},
        "container": {"type": "message", "is_ephemeral": True},
        "response_url": fake.response_url,
        "trigger_id": "1.2.4",
        "actions": [
            {
                "action_id": action_id,
                "block_id": "b1",
                "value": value,
                "type": "button",
                "action_ts": "1",
            }
        ],
    }


def block_texts(response: dict[str, Any]) -> list[str]:
    out = []
    for block in response.get("blocks", []):
        if "text" in block:
            out.append(block["text"]["text"])
        out.extend(
            e.get("text", "") for e in block.get("elements", []) if isinstance(e.get("text"), str)
        )
    return out


def buttons(response: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for block in response.get("blocks", []):
        if block.get("accessory", {}).get("type") == "button":
            found.append(block["accessory"])
        found.extend(e for e in block.get("elements", []) if e.get("type") == "button")
    return found
