"""``gleaner ingest`` against hostile input: markup in names, files that vanish, a locked store."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import get_cli
from bot.errors import MailError, StoreError
from bot.ingest import Ingestor
from bot.mail.local import LocalSource
from bot.store import Store
from rules import default_rules

LETTER = """Weekly links

[A queue you can reason about](https://queues.example.dev/posts/queue)

Why idempotent handlers beat exactly-once brokers.

[Retries considered harmful](https://blog.example.net/retries)

Budgets, jitter and a real outage.
"""


def _mail(subject: str, number: int) -> bytes:
    message = EmailMessage()
    message["From"] = "Weekly <weekly@example.org>"
    message["Subject"] = subject
    message["Message-ID"] = f"<hostile-{number}@example.org>"
    message.set_content(LETTER.replace("posts/queue", f"posts/queue-{number}"))
    return bytes(message)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GLEANER_CONFIG", raising=False)
    monkeypatch.setenv("GLEANER_STORE__URL", f"sqlite:///{tmp_path / 'gleaner.db'}")
    monkeypatch.setenv("COLUMNS", "1000")  # rich wraps at the terminal width; lines stay whole
    return tmp_path


def test_markup_in_paths_and_subjects_prints_as_written(in_tmp: Path) -> None:
    folder = in_tmp / "[" / "red]"  # the path reads ".../[/red]/a.eml"
    folder.mkdir(parents=True)
    (folder / "a.eml").write_bytes(_mail("[/bold] Weekly [link=x]", 1))
    result = CliRunner().invoke(get_cli(), ["ingest", str(in_tmp / "[")])
    assert result.exit_code == 0, result.output
    assert "[/red]/a.eml: Weekly (2 new items" in result.output


def test_a_file_gone_before_it_is_read_fails_alone(in_tmp: Path) -> None:
    for number in range(8):
        (in_tmp / f"{number}.eml").write_bytes(_mail(f"Weekly {number}", number))
    source = LocalSource([in_tmp])
    (in_tmp / "3.eml").unlink()  # moved away by a mail client between counting and reading
    messages = list(source)
    assert len(messages) == 8
    assert [m.error for m in messages if m.error] == ["cannot read: No such file or directory"]
    assert messages[3].source == f"eml:{in_tmp / '3.eml'}"


def test_a_read_only_store_is_a_store_error_and_stores_nothing(tmp_path: Path) -> None:
    path = tmp_path / "gleaner.db"
    Store.open(f"sqlite:///{path}").close()
    read_only = Store.open(f"sqlite:///file:{path}?mode=ro&uri=true", apply_migrations=False)
    ingestor = Ingestor(read_only, default_rules)
    with pytest.raises(StoreError, match=r"^database unavailable; test not stored: .*readonly"):
        ingestor.ingest(_mail("Weekly 1", 1), "test")
    read_only.close()
    writable = Store.open(f"sqlite:///{path}")
    assert writable.counts()["emails"] == 0
    assert Ingestor(writable, default_rules).ingest(_mail("Weekly 1", 1), "test").new_items == 2
    writable.close()


def test_a_file_too_big_to_be_mail_is_reported_not_read(in_tmp: Path) -> None:
    (in_tmp / "good.eml").write_bytes(_mail("Weekly 1", 1))
    with (in_tmp / "huge.eml").open("wb") as sparse:  # 200 MiB of nothing, no disk used
        sparse.truncate(200 * 1024 * 1024)
    result = CliRunner().invoke(get_cli(), ["ingest", str(in_tmp)])
    assert result.exit_code == 1, result.output
    output = result.output
    assert "huge.eml: 209715200 bytes, larger than 104857600 bytes; not read as mail" in output
    assert "emails: 2 (1 new, 0 already stored, 1 failed)" in output


def test_a_device_is_not_read_as_mail(in_tmp: Path) -> None:
    result = CliRunner().invoke(get_cli(), ["ingest", "/dev/zero"])
    assert isinstance(result.exception, MailError)
    assert str(result.exception) == "/dev/zero: not a file, folder, mbox or Maildir"


def test_escape_sequences_in_a_subject_never_reach_the_terminal(in_tmp: Path) -> None:
    (in_tmp / "a.eml").write_bytes(_mail("Weekly \x1b]52;c;cHduZWQ=\x07 \x1b[2J", 1))
    result = CliRunner().invoke(get_cli(), ["ingest", str(in_tmp / "a.eml")])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "\x07" not in result.output


def test_a_folder_name_with_brackets_is_not_read_as_markup(in_tmp: Path) -> None:
    (in_tmp / "gleaner.yaml").write_text(
        "mail:\n  accounts:\n    - {name: work, host: 127.0.0.1, port: 9, security: none,"
        " username: me, password: pw}\n"
    )
    result = CliRunner().invoke(get_cli(), ["ingest", "imap://work/[/Gmail]/All Mail"])
    assert isinstance(result.exception, MailError), result.exception
    assert "cannot connect to work (127.0.0.1:9)" in str(result.exception)
