"""Account settings are validated once, at load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bot.errors import ConfigError
from bot.mail.mailbox import Envelope
from bot.mail.poller import backoff_delay
from bot.mail.screening import screen, source_name
from bot.mail.settings import ImapAccount, MailSettings


def _account(**values: Any) -> ImapAccount:
    base: dict[str, Any] = {
        "name": "work",
        "host": "imap.example.org",
        "username": "me",
        "password": "pw",
    }
    base.update(values)
    return ImapAccount(**base)


def test_defaults_are_safe() -> None:
    account = _account()
    assert account.security == "tls"
    assert account.effective_port == 993
    assert account.folders == ["INBOX"]
    assert not account.post_actions.enabled
    assert account.idle_seconds <= 600
    assert "pw" not in repr(account)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"security": "none"}, "security: none is only allowed for a loopback host"),
        ({"password": None}, "set exactly one of password, password_file or oauth2"),
        (
            {"password_file": "/run/secrets/imap"},
            "set exactly one of password, password_file or oauth2",
        ),
        ({"idle_seconds": 900}, "less than or equal to 600"),
        ({"post_actions": {"add_flag": "\\Seen"}}, "Gleaner never sets \\\\Seen"),
        ({"name": "a b"}, "String should match pattern"),
    ],
)
def test_invalid_accounts_are_refused_with_a_reason(values: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _account(**values)


def test_a_password_file_gives_its_first_line(tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("from-file\nignored\n")
    assert _account(password=None, password_file=secret).secret_password() == "from-file"


def test_allowed_senders_match_addresses_and_domains() -> None:
    account = _account(allowed_senders=["news@tldr.example", "@Substack.example"])
    assert account.sender_allowed("NEWS@tldr.example")
    assert account.sender_allowed("someone@substack.example")
    assert not account.sender_allowed("someone@evil-substack.example")
    assert not account.sender_allowed("")
    assert _account().sender_allowed("anyone@anywhere.example")


def test_account_names_are_unique_and_looked_up_by_name() -> None:
    with pytest.raises(ValidationError, match="account names must be unique: work"):
        MailSettings(accounts=[_account(), _account()])
    with pytest.raises(ConfigError, match=r"no IMAP account named 'home' \(known: work\)"):
        MailSettings(accounts=[_account()]).account("home")


def test_backoff_grows_exponentially_with_jitter_up_to_the_ceiling() -> None:
    for failures, ceiling in [(1, 2.0), (2, 4.0), (3, 8.0), (10, 300.0)]:
        delays = [backoff_delay(failures, 2.0, 300.0) for _ in range(200)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(set(delays)) > 100  # jittered, so many bots do not reconnect in step


def test_sources_are_imap_urls_with_the_folder_percent_encoded() -> None:
    assert source_name("work", "INBOX", 7, 42) == "imap://work/INBOX;UIDVALIDITY=7;UID=42"
    assert source_name("gmail", "[Gmail]/All Mail", 5, 1) == (
        "imap://gmail/%5BGmail%5D/All%20Mail;UIDVALIDITY=5;UID=1"
    )


def test_screening_records_why_a_message_is_left_on_the_server() -> None:
    account = _account(max_message_bytes=1000, allowed_senders=["@news.example"])
    small = Envelope(1, 500, "a@news.example", "<1@x>", "ok")
    big = Envelope(2, 5000, "a@news.example", "<2@x>", "big")
    stranger = Envelope(3, 500, "b@other.example", "<3@x>", "who")
    wanted, rejected = screen(account, [small, big, stranger])
    assert wanted == [small]
    assert [(r.envelope.uid, r.reason) for r in rejected] == [
        (2, "too large: 5000 bytes, limit max_message_bytes=1000"),
        (3, "sender b@other.example is not in allowed_senders"),
    ]
