"""Secrets given in the settings or in a file (Docker, Kubernetes and systemd credentials)."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from bot.errors import ConfigError


def read_secret(value: SecretStr | None, path: Path | None, key: str) -> SecretStr | None:
    """``value`` when set, else the first line of ``path``; None when neither is given.

    A file that cannot be read is a ConfigError naming the setting, never the secret.
    """
    if value is not None or path is None:
        return value
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise ConfigError(f"{key}: cannot read {path}: {reason}") from exc
    return SecretStr(lines[0].strip() if lines else "")
