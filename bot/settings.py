"""Settings: one YAML file plus ``GLEANER_…`` environment variables.

The file is ``gleaner.yaml`` in the working directory, or the path given by
``--config`` or ``GLEANER_CONFIG``. Environment variables override the file;
nested keys use a double underscore (``GLEANER_SLACK__BOT_TOKEN``). Unknown
keys are errors. Every setting is listed in ``docs/settings.md`` (a test keeps
that page complete).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from bot.chat.settings import ChatSettings
from bot.errors import ConfigError
from bot.mail.settings import MailSettings

DEFAULT_CONFIG_FILE = "gleaner.yaml"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StoreSettings(Section):
    url: str = Field(
        default="sqlite:///gleaner.db",
        description="SQLAlchemy database URL: a SQLite file (default) or postgresql+psycopg://…",
    )


class LocalMailSettings(Section):
    maildir: Path | None = Field(
        default=Path("mail"),
        description="A Maildir folder watched for new newsletters; null to disable.",
    )
    poll_seconds: float = Field(
        default=2.0,
        gt=0,
        description="How often the Maildir is re-scanned when file events are unavailable.",
    )


class Settings(BaseSettings):
    """All of Gleaner's settings. Defaults run with no account anywhere."""

    model_config = SettingsConfigDict(
        env_prefix="GLEANER_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    store: StoreSettings = Field(default_factory=StoreSettings, description="Where items are kept.")
    local: LocalMailSettings = Field(
        default_factory=LocalMailSettings, description="Local mail folder read by `gleaner run`."
    )
    rules_file: Path | None = Field(
        default=None,
        description="The routing rules YAML; null routes every item to the console.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO",
        description="Log level of `gleaner run` (`-v`/`-vv` on the command line win).",
    )
    mail: MailSettings = Field(default_factory=MailSettings, description="IMAP accounts.")
    chat: ChatSettings = Field(
        default_factory=ChatSettings, description="Slack, Discord and console output."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Init kwargs carry the YAML file; the environment wins over it.
        return (env_settings, init_settings, file_secret_settings)


def _read_yaml(path: Path) -> dict[str, Any]:
    yaml = YAML(typ="safe", pure=True)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"))
    except YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    except RecursionError:  # the YAML composer recurses once per nesting level
        raise ConfigError(f"{path}: nested too deeply to be a settings file") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of settings")
    return data


def _describe(exc: ValidationError, source: str) -> str:
    lines = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        if err["type"] == "extra_forbidden":
            lines.append(f"{source}: {where}: unknown setting")
        else:
            lines.append(f"{source}: {where}: {err['msg']}")
    return "\n".join(lines)


def config_path(explicit: str | Path | None = None) -> Path | None:
    """The settings file to read: explicit, then $GLEANER_CONFIG, then ./gleaner.yaml if present."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("GLEANER_CONFIG")
    if env:
        return Path(env)
    default = Path(DEFAULT_CONFIG_FILE)
    return default if default.is_file() else None


def load_settings(path: str | Path | None = None) -> Settings:
    """Load and validate settings once; raise ConfigError naming every problem."""
    file = config_path(path)
    data: dict[str, Any] = {}
    if file is not None:
        if not file.is_file():
            raise ConfigError(f"{file}: settings file not found")
        data = _read_yaml(file)
    base = file.parent if file is not None else Path.cwd()
    try:
        settings = Settings(**data)
    except ValidationError as exc:
        raise ConfigError(_describe(exc, str(file) if file else "environment")) from exc
    except SettingsError as exc:  # a GLEANER_… variable holding a list or mapping is not JSON
        raise ConfigError(f"environment: {exc} (lists and mappings are written as JSON)") from exc
    return _resolve_paths(settings, base)


def _resolve_paths(settings: Settings, base: Path) -> Settings:
    """Relative paths in the file are relative to the file, like most tools do."""
    updates: dict[str, Any] = {}
    if settings.rules_file is not None and not settings.rules_file.is_absolute():
        updates["rules_file"] = base / settings.rules_file
    if settings.local.maildir is not None and not settings.local.maildir.is_absolute():
        updates["local"] = settings.local.model_copy(
            update={"maildir": base / settings.local.maildir}
        )
    url = settings.store.url
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite:///:memory:":
        updates["store"] = settings.store.model_copy(
            update={"url": prefix + str(base / url[len(prefix) :])}
        )
    return settings.model_copy(update=updates) if updates else settings
