"""Settings of the chat edge (Slack, Discord, console)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from bot.chat.discord.settings import DiscordSettings
from bot.secret_files import read_secret


class ConsoleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    color: bool | None = Field(
        default=None, description="Force colour on or off; null detects a terminal."
    )


class SlackSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    bot_token: SecretStr | None = Field(
        default=None, description="Bot token (`xoxb-…`); Slack is off without one."
    )
    bot_token_file: Path | None = Field(default=None, description="A file holding the bot token.")
    app_token: SecretStr | None = Field(
        default=None, description="App-level token (`xapp-…`) for Socket Mode."
    )
    app_token_file: Path | None = Field(default=None, description="A file holding the app token.")
    signing_secret: SecretStr | None = Field(
        default=None, description="Signing secret, checked on requests in HTTP mode."
    )
    signing_secret_file: Path | None = Field(
        default=None, description="A file holding the signing secret."
    )
    api_url: str = Field(
        default="https://slack.com/api/",
        description="Web API base URL (Enterprise or government Slack, a proxy, a test server).",
    )
    mode: Literal["socket", "http"] = Field(
        default="socket", description="How Slack reaches Gleaner: Socket Mode or HTTP requests."
    )
    post_interval_seconds: float = Field(
        default=1.0,
        ge=0,
        description="Least time between two posts to one channel (Slack allows ~1/s).",
    )
    unfurl: bool = Field(default=False, description="Let Slack unfurl links and media in posts.")
    max_rate_limit_waits: int = Field(
        default=20,
        ge=0,
        description="How many 429 answers in a row one post waits out before giving up.",
    )
    timeout_seconds: float = Field(
        default=30.0, gt=0, description="Timeout of one Web API request."
    )
    history_pages: int = Field(
        default=10,
        ge=1,
        description="Pages of 200 channel messages searched for a marker when reconciling after a crash.",
    )
    command: str = Field(
        default="/gleaner",
        pattern=r"^/[a-z0-9_-]{1,31}$",
        description="The slash command Gleaner answers (search, rules, help), as set up in the Slack app.",
    )
    http_host: str = Field(
        default="0.0.0.0",  # noqa: S104 -- HTTP mode exists to receive Slack's requests; containers need every interface
        description="HTTP mode: the address the request endpoint listens on.",
    )
    http_port: int = Field(
        default=3000, ge=0, le=65535, description="HTTP mode: the port of the request endpoint."
    )
    http_path: str = Field(
        default="/slack/events",
        description="HTTP mode: the path Slack posts slash commands and button clicks to.",
    )
    search_page_size: int = Field(
        default=5,
        ge=1,
        le=20,
        description="Search results shown per page of a `/gleaner search` answer.",
    )

    def token(self) -> SecretStr | None:
        return read_secret(self.bot_token, self.bot_token_file, "chat.slack.bot_token_file")

    def app_level_token(self) -> SecretStr | None:
        return read_secret(self.app_token, self.app_token_file, "chat.slack.app_token_file")

    def secret(self) -> SecretStr | None:
        return read_secret(
            self.signing_secret, self.signing_secret_file, "chat.slack.signing_secret_file"
        )


class ChatSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    console: ConsoleSettings = Field(
        default_factory=ConsoleSettings, description="The console channel."
    )
    slack: SlackSettings = Field(default_factory=SlackSettings, description="The Slack workspace.")
    discord: DiscordSettings = Field(
        default_factory=DiscordSettings, description="The Discord channel and slash commands."
    )
