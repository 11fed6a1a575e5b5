from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import get_cli
from bot.errors import ConfigError
from bot.settings import Settings, load_settings
from bot.settings_doc import iter_settings, render

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GLEANER_CONFIG", raising=False)
    for key in list(__import__("os").environ):
        if key.startswith("GLEANER_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


def test_embedded_defaults_need_no_file(tmp_path: Path) -> None:
    settings = load_settings()
    assert settings.store.url == f"sqlite:///{tmp_path / 'gleaner.db'}"
    assert settings.local.maildir == tmp_path / "mail"
    assert settings.rules_file is None


def test_unknown_keys_are_errors_that_name_the_key(tmp_path: Path) -> None:
    (tmp_path / "gleaner.yaml").write_text("stor:\n  url: x\nlocal:\n  maildirr: m\n")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value).splitlines() == [
        "gleaner.yaml: local.maildirr: unknown setting",
        "gleaner.yaml: stor: unknown setting",
    ]


def test_wrong_types_are_reported_with_their_key(tmp_path: Path) -> None:
    (tmp_path / "gleaner.yaml").write_text("local:\n  poll_seconds: soon\n")
    with pytest.raises(
        ConfigError, match=r"gleaner.yaml: local.poll_seconds: Input should be a valid number"
    ):
        load_settings()


def test_yaml_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    (tmp_path / "gleaner.yaml").write_text("- just\n- a list\n")
    with pytest.raises(ConfigError, match="the top level must be a mapping of settings"):
        load_settings()


def test_environment_wins_over_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "conf.yaml").write_text("local:\n  poll_seconds: 5\n")
    monkeypatch.setenv("GLEANER_LOCAL__POLL_SECONDS", "9")
    monkeypatch.setenv("GLEANER_CONFIG", str(tmp_path / "conf.yaml"))
    assert load_settings().local.poll_seconds == 9


def test_relative_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    conf = tmp_path / "etc" / "gleaner.yaml"
    conf.parent.mkdir()
    conf.write_text(
        "store:\n  url: sqlite:///data/g.db\nlocal:\n  maildir: inbox\nrules_file: rules.yaml\n"
    )
    settings = load_settings(conf)
    assert settings.store.url == f"sqlite:///{conf.parent / 'data' / 'g.db'}"
    assert settings.local.maildir == conf.parent / "inbox"
    assert settings.rules_file == conf.parent / "rules.yaml"


def test_a_missing_settings_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nowhere.yaml: settings file not found"):
        load_settings(tmp_path / "nowhere.yaml")


def test_config_check_exits_2_on_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("colour: blue\n")
    result = CliRunner().invoke(
        get_cli(), ["--config", str(tmp_path / "bad.yaml"), "config", "check"]
    )
    assert isinstance(result.exception, ConfigError)
    assert "colour: unknown setting" in str(result.exception)


def test_config_show_masks_secrets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLEANER_CHAT__SLACK__BOT_TOKEN", "xoxb-very-secret")
    result = CliRunner().invoke(get_cli(), ["config", "show"])
    assert result.exit_code == 0, result.output
    assert "xoxb-very-secret" not in result.output
    assert '"bot_token": "**********"' in result.output


def test_every_setting_has_a_description() -> None:
    missing = [key for key, field, _ in iter_settings(Settings) if not field.description]
    assert missing == []


def test_docs_list_every_setting() -> None:
    """docs/settings.md is `gleaner config docs`; regenerate it when a setting changes."""
    assert (ROOT / "docs" / "settings.md").read_text() == render()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"store: " + b"[" * 50_000 + b"]" * 50_000 + b"\n", "nested too deeply"),
        (b"\xff\xfe\x00\x00store: {}\n", "not UTF-8 text (byte 0)"),
    ],
)
def test_a_hostile_settings_file_is_a_config_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    (tmp_path / "gleaner.yaml").write_bytes(content)
    with pytest.raises(ConfigError, match=r"gleaner\.yaml: " + re.escape(message)):
        load_settings(tmp_path / "gleaner.yaml")


def test_an_environment_list_that_is_not_json_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GLEANER_MAIL__ACCOUNTS", "[{")
    result = CliRunner().invoke(get_cli(), ["config", "check"])
    assert isinstance(result.exception, ConfigError)
    assert 'field "mail"' in str(result.exception)
    assert "written as JSON" in str(result.exception)
