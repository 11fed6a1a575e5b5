from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import get_cli


def test_config_show_masks_the_database_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "GLEANER_STORE__URL", "postgresql+psycopg://gleaner:pg-very-secret@db.example:5432/news"
    )
    result = CliRunner().invoke(get_cli(), ["config", "show"])
    assert result.exit_code == 0, result.output
    assert "pg-very-secret" not in result.output
    shown = json.loads(result.output)
    assert shown["store"]["url"] == "postgresql+psycopg://gleaner:***@db.example:5432/news"


def test_config_show_keeps_a_url_without_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLEANER_STORE__URL", "sqlite:////var/lib/gleaner/gleaner.db")
    result = CliRunner().invoke(get_cli(), ["config", "show"])
    assert json.loads(result.output)["store"]["url"] == "sqlite:////var/lib/gleaner/gleaner.db"
