"""Settings of the Discord channel and commands (``chat.discord`` in gleaner.yaml)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from bot.errors import ConfigError
from bot.secret_files import read_secret

DEFAULT_API_URL = "https://discord.com/api/v10"
DEFAULT_GATEWAY_URL = "wss://gateway.discord.gg/"


class DiscordSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = Field(
        default=False, description="Post to Discord and answer its slash commands."
    )
    token: SecretStr | None = Field(
        default=None,
        description="Bot token; set it with GLEANER_CHAT__DISCORD__TOKEN rather than in the file.",
    )
    token_file: Path | None = Field(
        default=None,
        description="A file holding the bot token (a Docker or Kubernetes secret); used when token is unset.",
    )
    api_url: str = Field(
        default=DEFAULT_API_URL,
        description="Base URL of the REST API, version included (a proxy or a local test server).",
    )
    gateway_url: str = Field(
        default=DEFAULT_GATEWAY_URL,
        description="WebSocket URL of the gateway that delivers slash commands.",
    )
    application_id: int | None = Field(
        default=None,
        description="The application's id; null asks Discord for it at login.",
    )
    guild_ids: tuple[int, ...] = Field(
        default=(),
        description="Guilds to sync slash commands to at start (instant); empty syncs them globally.",
    )

    @model_validator(mode="after")
    def _token_when_enabled(self) -> DiscordSettings:
        if self.enabled and self.token is None and self.token_file is None:
            raise ValueError("chat.discord is enabled but neither token nor token_file is set")
        return self

    def bot_token(self) -> str:
        """The token, read from ``token`` or ``token_file``; never logged."""
        secret = read_secret(self.token, self.token_file, "chat.discord.token_file")
        if secret is None:
            raise ConfigError("chat.discord: no token or token_file set")
        return secret.get_secret_value().strip()
