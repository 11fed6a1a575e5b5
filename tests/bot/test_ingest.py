from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import get_cli
from bot.ingest import Ingestor, Status
from bot.mail.local import LocalSource
from bot.reparse import reparse
from bot.store import Store
from rules import CompiledRules, default_rules

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "mail"


def _ingestor(url: str, rules: CompiledRules | None = None) -> Ingestor:
    compiled = rules or default_rules()
    return Ingestor(Store.open(url), lambda: compiled)


def _newsletter(
    subject: str, body: str, charset: str = "utf-8", message_id: str | None = None
) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Weekly <weekly@example.org>"
    msg["Subject"] = subject
    msg["Message-ID"] = message_id or f"<{abs(hash(subject + body))}@example.org>"
    msg.set_content(body)
    raw = bytes(msg)
    if charset != "utf-8":
        raw = raw.replace(b'charset="utf-8"', f'charset="{charset}"'.encode())
    return raw


LETTER = """Weekly links

## Reading

[A queue you can reason about](https://queues.example.dev/posts/queue)

Why idempotent handlers beat exactly-once brokers.

[Retries considered harmful](https://blog.example.net/retries)

Budgets, jitter and a real outage.
"""


def test_the_demo_inbox_is_stored_and_routed(db_url: str) -> None:
    ingestor = _ingestor(db_url)
    reports = [ingestor.ingest(m.raw, m.source) for m in LocalSource([DEMO])]
    assert [r.status for r in reports] == [Status.NEW] * 4
    assert all(r.new_items > 0 for r in reports)
    counts = ingestor.store.counts()
    assert counts["newsletters"] == 4
    assert counts["outbox_pending"] == counts["items"], (
        "the default rules send every item to the console"
    )
    ingestor.store.close()


def test_ingesting_the_same_mail_twice_adds_nothing(db_url: str) -> None:
    ingestor = _ingestor(db_url)
    for message in LocalSource([DEMO]):
        ingestor.ingest(message.raw, message.source)
    before = ingestor.store.counts()
    again = [ingestor.ingest(m.raw, m.source).status for m in LocalSource([DEMO])]
    assert again == [Status.DUPLICATE] * 4
    assert ingestor.store.counts() == before
    ingestor.store.close()


def test_a_paper_carried_by_several_newsletters_is_one_item(sqlite_url: str) -> None:
    ingestor = _ingestor(sqlite_url)
    for message in LocalSource([DEMO]):
        ingestor.ingest(message.raw, message.source)
    shared = [
        s for s in ingestor.store.stored_items() if "2611.03377" in (s.item.canonical_url or "")
    ]
    assert len(shared) == 1
    assert set(shared[0].also_in) == {"Hugging Face Daily Papers", "The CoVar Zeitgeist"}
    ingestor.store.close()


def test_an_unknown_charset_is_stored_and_reported_not_fatal(sqlite_url: str) -> None:
    ingestor = _ingestor(sqlite_url)
    report = ingestor.ingest(_newsletter("Weekly 1", LETTER, charset="x-no-such-charset"), "test")
    assert report.status is Status.NEW
    assert any("x-no-such-charset" in problem for problem in report.problems)
    assert report.new_items == 2
    ingestor.store.close()


class _BrokenRules:
    """Rules whose evaluation crashes: the email must still be kept."""

    def __init__(self) -> None:
        self.destinations: dict[str, object] = {}

    def route(self, *_: object) -> tuple[()]:
        raise RuntimeError("rules engine exploded")


def test_a_crash_while_routing_keeps_the_email_with_the_reason(sqlite_url: str) -> None:
    store = Store.open(sqlite_url)
    broken = _BrokenRules()
    ingestor = Ingestor(store, lambda: broken)  # type: ignore[arg-type, return-value]
    raw = _newsletter("Weekly 2", LETTER)
    report = ingestor.ingest(raw, "test")
    assert report.status is Status.FAILED
    assert report.problems == ("RuntimeError: rules engine exploded",)
    assert [(r, s) for _, r, s in store.raw_messages(status="failed")] == [(raw, "test")]
    # Once the rules are fixed, reparse --apply stores it for real, in place.
    fixed = Ingestor(store, default_rules)
    [change] = list(reparse(fixed, apply=True))
    assert (change.before, change.after, change.applied) == (None, 2, True)
    assert store.counts()["failed"] == 0
    assert store.counts()["items"] == 2
    store.close()


def test_reparse_reports_nothing_when_parsers_are_unchanged(sqlite_url: str) -> None:
    ingestor = _ingestor(sqlite_url)
    for message in LocalSource([DEMO]):
        ingestor.ingest(message.raw, message.source)
    changes = list(reparse(ingestor))
    assert len(changes) == 4
    assert [c for c in changes if c.changed] == []
    ingestor.store.close()


def test_local_sources_read_eml_mbox_and_maildir(tmp_path: Path) -> None:
    eml = tmp_path / "one.eml"
    eml.write_bytes(_newsletter("Weekly 3", LETTER))
    box = mailbox.mbox(tmp_path / "box.mbox")
    for n in range(3):
        box.add(_newsletter(f"Weekly mbox {n}", LETTER))
    box.flush()
    box.close()
    source = LocalSource([eml, tmp_path / "box.mbox", DEMO])
    messages = list(source)
    assert len(source) == len(messages) == 1 + 3 + 4
    assert messages[0].source == f"eml:{eml}"
    assert messages[1].source == f"mbox:{tmp_path / 'box.mbox'}#0"
    assert b"Subject: Weekly mbox 0" in messages[1].raw
    assert not messages[1].raw.startswith(b"From "), (
        "the mbox separator line is not part of the message"
    )


def test_a_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    from bot.errors import MailError

    with pytest.raises(MailError, match="no-such-dir: no such file or folder"):
        LocalSource([tmp_path / "no-such-dir"])


def test_gleaner_ingest_prints_a_summary_and_is_idempotent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GLEANER_CONFIG", raising=False)
    box = mailbox.mbox(tmp_path / "box.mbox")
    for n in range(8):
        box.add(
            _newsletter(
                f"Weekly {n}",
                LETTER.replace("posts/queue", f"posts/queue-{n}"),
                message_id=f"<w{n}@example.org>",
            )
        )
    box.flush()
    box.close()
    runner = CliRunner()
    first = runner.invoke(get_cli(), ["ingest", str(tmp_path / "box.mbox")])
    assert first.exit_code == 0, first.output
    assert (
        "emails: 8 (8 new, 0 already stored, 0 failed); items: 9 new, 7 already known"
        in first.output
    )
    second = runner.invoke(get_cli(), ["ingest", str(tmp_path / "box.mbox")])
    assert (
        "emails: 8 (0 new, 8 already stored, 0 failed); items: 0 new, 0 already known"
        in second.output
    )
