"""Settings of the chat edge (Slack, Discord, console)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ConsoleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    color: bool | None = Field(default=None, description="Force colour on or off; null detects a terminal.")


class ChatSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    console: ConsoleSettings = Field(default_factory=ConsoleSettings, description="The console channel.")
