"""XOAUTH2 tokens: from a file or a command, refreshed before expiry, never printed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bot.errors import MailAuthError
from bot.mail.oauth import TokenProvider
from bot.mail.settings import OAuth2Settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _counting_command(tmp_path: Path, output: str) -> list[str]:
    """A token command that prints ``output`` with the run count in place of {n}."""
    script = tmp_path / "token.py"
    counter = tmp_path / "runs"
    script.write_text(
        "import pathlib\n"
        f"p = pathlib.Path({str(counter)!r})\n"
        "n = int(p.read_text()) + 1 if p.exists() else 1\n"
        "p.write_text(str(n))\n"
        f"print({output!r}.replace('{{n}}', str(n)))\n"
    )
    return [sys.executable, str(script)]


def test_a_command_token_is_cached_until_shortly_before_it_expires(tmp_path: Path) -> None:
    command = _counting_command(tmp_path, '{"access_token": "tok-{n}", "expires_in": 3600}')
    clock = Clock()
    provider = TokenProvider(
        OAuth2Settings(token_command=command, refresh_margin_seconds=300), clock
    )
    assert provider.token() == "tok-1"
    clock.now += 3200
    assert not provider.needs_refresh()
    assert provider.token() == "tok-1"
    clock.now += 100  # 3300 s: inside the 300 s margin before expiry
    assert provider.needs_refresh()
    assert provider.token() == "tok-2"


def test_a_bare_token_lives_for_the_configured_lifetime(tmp_path: Path) -> None:
    command = _counting_command(tmp_path, "bare-{n}")
    clock = Clock()
    settings = OAuth2Settings(
        token_command=command, token_lifetime_seconds=600, refresh_margin_seconds=60
    )
    provider = TokenProvider(settings, clock)
    assert provider.token() == "bare-1"
    clock.now += 541
    assert provider.token() == "bare-2"


def test_a_token_file_is_read_again_when_it_changes(tmp_path: Path) -> None:
    import os

    path = tmp_path / "token"
    path.write_text("first\n")
    provider = TokenProvider(OAuth2Settings(token_file=path), Clock())
    assert provider.token() == "first"
    path.write_text("second\n")
    os.utime(path, (1, 1))  # a different mtime, whatever the file system's resolution
    assert provider.needs_refresh()
    assert provider.token() == "second"


def test_a_failing_command_is_an_auth_error_that_does_not_echo_its_output(tmp_path: Path) -> None:
    script = tmp_path / "fail.py"
    script.write_text("import sys\nprint('refresh_token=SECRET', file=sys.stderr)\nsys.exit(3)\n")
    provider = TokenProvider(OAuth2Settings(token_command=[sys.executable, str(script)]))
    with pytest.raises(MailAuthError) as caught:
        provider.token()
    assert (
        str(caught.value)
        == f"the OAuth2 token command {sys.executable!r} failed with exit status 3"
    )
    assert "SECRET" not in repr(caught.value)


def test_json_without_a_token_and_an_empty_file_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("\n")
    with pytest.raises(MailAuthError, match="no single-word access token"):
        TokenProvider(OAuth2Settings(token_file=empty)).token()
    command = _counting_command(tmp_path, '{"token_type": "Bearer"}')
    with pytest.raises(MailAuthError, match="JSON has no access_token"):
        TokenProvider(OAuth2Settings(token_command=command)).token()


def test_exactly_one_token_source_is_required(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="set exactly one of token_file or token_command"):
        OAuth2Settings()
    with pytest.raises(ValueError, match="set exactly one of token_file or token_command"):
        OAuth2Settings(token_file=tmp_path / "t", token_command=["x"])
