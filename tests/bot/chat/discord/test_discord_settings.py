"""The chat.discord settings section: tokens from the environment or a file, never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.chat.discord.settings import DEFAULT_API_URL, DiscordSettings
from bot.errors import ConfigError
from bot.settings import load_settings


def test_defaults_point_at_discord_and_are_off() -> None:
    s = DiscordSettings()
    assert s.enabled is False
    assert s.api_url == DEFAULT_API_URL
    assert s.gateway_url == "wss://gateway.discord.gg/"
    assert s.guild_ids == ()


def test_token_and_guilds_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GLEANER_CONFIG", raising=False)
    monkeypatch.setenv("GLEANER_CHAT__DISCORD__ENABLED", "true")
    monkeypatch.setenv("GLEANER_CHAT__DISCORD__TOKEN", "s3cret-token")
    monkeypatch.setenv("GLEANER_CHAT__DISCORD__GUILD_IDS", "[11, 12]")
    discord = load_settings().chat.discord
    assert discord.bot_token() == "s3cret-token"
    assert discord.guild_ids == (11, 12)
    assert "s3cret-token" not in repr(discord)
    assert "s3cret-token" not in discord.model_dump_json()


def test_token_file(tmp_path: Path) -> None:
    secret = tmp_path / "token"
    secret.write_text("from-a-file\n")
    assert DiscordSettings(enabled=True, token_file=secret).bot_token() == "from-a-file"


def test_unreadable_token_file_is_a_config_error(tmp_path: Path) -> None:
    s = DiscordSettings(enabled=True, token_file=tmp_path / "missing")
    with pytest.raises(ConfigError, match=r"chat\.discord\.token_file: cannot read"):
        s.bot_token()


def test_enabled_without_a_token_is_refused_at_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GLEANER_CHAT__DISCORD__TOKEN", raising=False)
    config = tmp_path / "gleaner.yaml"
    config.write_text("chat:\n  discord:\n    enabled: true\n    guild: 1\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert "chat.discord.guild: unknown setting" in str(caught.value)
    config.write_text("chat:\n  discord:\n    enabled: true\n")
    with pytest.raises(ConfigError, match="neither token nor token_file is set"):
        load_settings(config)
