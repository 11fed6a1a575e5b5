from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.errors import ConfigError
from bot.secret_files import read_secret


def test_a_value_wins_over_a_file(tmp_path: Path) -> None:
    (tmp_path / "token").write_text("from-file\n")
    found = read_secret(SecretStr("given"), tmp_path / "token", "x.token_file")
    assert found is not None
    assert found.get_secret_value() == "given"


def test_the_first_line_of_the_file_without_its_newline(tmp_path: Path) -> None:
    (tmp_path / "token").write_text("xoxb-secret  \nsecond line is ignored\n")
    found = read_secret(None, tmp_path / "token", "x.token_file")
    assert found is not None
    assert found.get_secret_value() == "xoxb-secret"


def test_neither_is_none() -> None:
    assert read_secret(None, None, "x.token_file") is None


@pytest.mark.parametrize("content", [None, b"\xff\xfe\xfa not text"])
def test_an_unreadable_file_names_the_setting_and_never_the_secret(
    tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "token"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(
        ConfigError, match=r"^chat.slack.bot_token_file: cannot read .*token: "
    ) as caught:
        read_secret(None, path, "chat.slack.bot_token_file")
    assert "not text" not in str(caught.value)
