"""Hostile mail against the store: values PostgreSQL would refuse are made to fit.

PostgreSQL enforces ``VARCHAR(n)`` and refuses NUL characters; SQLite does
neither. Both run here so an email that SQLite keeps is kept on PostgreSQL too.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from email.message import EmailMessage

import pytest
from sqlalchemy import select

from bot.errors import StoreError
from bot.ingest import Ingestor, Status
from bot.models import Decision, Email, Item, Newsletter, ParseResult
from bot.store import Store
from bot.store.checkpoints import Skipped, record_skipped, skipped_messages
from bot.store.schema import appearances, items, newsletters, raw_emails
from rules import default_rules

LONG_ID = "<" + "a" * 5000 + "@example.com>"


def _result(message_id: str, name: str, sender: str, section: str) -> tuple[Email, ParseResult]:
    email = Email(message_id=message_id, subject="Sub\x00ject", sender=sender)
    newsletter = Newsletter(
        family="test",
        name=name,
        issue_date=date(2026, 11, 18),
        message_id=message_id,
        parser="test",
        parser_version="1",
        sender=sender,
        subject="Sub\x00ject " + "s" * 100_000,
        sponsor_name="S" * 400,
    )
    item = Item(
        title="A title with a \x00 NUL",
        url="https://example.com/" + "p" * 5000,
        blurb="blurb\x00",
        section=section,
    )
    return email, ParseResult(newsletter, (item,), reason="test")


def test_over_long_and_nul_values_are_clipped_not_refused(db_url: str) -> None:
    store = Store.open(db_url)
    email, result = _result(LONG_ID, "N" * 400, "b" * 400 + "@example.com", "Q" * 500)
    decision = Decision(route="routes[0]", destination="console")
    outcome = store.save_issue(b"raw", "test", email, result, [[decision]])
    assert outcome.new_items == 1
    with store.engine.connect() as conn:
        letter = conn.execute(select(newsletters)).mappings().one()
        item = conn.execute(select(items)).mappings().one()
        section = conn.execute(select(appearances.c.section)).scalar_one()
        stored_id = conn.execute(select(raw_emails.c.message_id)).scalar_one()
    assert len(letter["name"]) == 300
    assert letter["name"].endswith("…")
    assert len(letter["sender"]) == 320
    assert len(letter["sponsor_name"]) == 300
    assert letter["subject"].startswith("Subject ")
    assert len(letter["subject"]) > 100_000 - 10
    assert item["title"] == "A title with a  NUL"
    assert item["blurb"] == "blurb"
    assert len(item["section"]) == 300
    assert len(section) == 300
    assert item["url"].endswith("p"), "text columns are not cut"
    # The Message-ID is cut to an exact prefix, and the same mail is still recognised by it.
    assert stored_id == LONG_ID[:998]
    assert store.known_raw(b"other bytes", LONG_ID) == outcome.raw_id
    store.close()


def test_failed_mail_with_hostile_id_and_reason_is_kept(db_url: str) -> None:
    store = Store.open(db_url)
    raw_id = store.save_failed(b"raw", "test", LONG_ID + "\x00", "Boom: \x00 bad")
    [(kept_id, raw, _)] = list(store.raw_messages(status="failed"))
    assert (kept_id, raw) == (raw_id, b"raw")
    store.mark_raw(raw_id, "failed", "again \x00")
    store.close()


def _hostile_mail() -> bytes:
    message = EmailMessage()
    message["From"] = '"' + "N" * 400 + '" <' + "b" * 400 + "@example.com>"
    message["Subject"] = "Weekly " + "T" * 400
    message["Message-ID"] = LONG_ID
    message.set_content(
        "Weekly links\n\n## " + "Q" * 500 + "\n\n"
        "[A queue you can reason about](https://queues.example.dev/posts/queue)\n\n"
        "Why idempotent handlers beat exactly-once brokers.\n\n"
        "[Retries considered harmful](https://blog.example.net/retries)\n\n"
        "Budgets, jitter and a real outage.\n"
    )
    return message.as_bytes()


def test_ingesting_hostile_mail_stores_it_once_on_both_backends(db_url: str) -> None:
    store = Store.open(db_url)
    ingestor = Ingestor(store, default_rules)
    raw = _hostile_mail()
    first = ingestor.ingest(raw, "test")
    assert first.status is Status.NEW, first.problems
    assert first.new_items == 2
    again = ingestor.ingest(raw.replace(b"\n", b"\r\n"), "test")
    assert again.status is Status.DUPLICATE, "the same Message-ID is the same mail"
    assert store.counts()["emails"] == 1
    store.close()


class _LongDestination:
    """Rules that route to a destination longer than the outbox column holds."""

    def __init__(self) -> None:
        self.destinations: dict[str, object] = {}

    def route(self, *_: object) -> tuple[Decision, ...]:
        return (Decision(route="routes[0]", destination="d" * 300),)


def test_rows_the_database_refuses_keep_the_email_as_failed(db_url: str) -> None:
    store = Store.open(db_url)
    rules = _LongDestination()
    ingestor = Ingestor(store, lambda: rules)  # type: ignore[arg-type, return-value]
    raw = _hostile_mail()
    report = ingestor.ingest(raw, "test")
    if store.dialect == "sqlite":
        assert report.status is Status.NEW  # SQLite does not enforce VARCHAR lengths
    else:
        assert report.status is Status.FAILED
        [reason] = report.problems
        assert reason.startswith("StringDataRightTruncation: value too long"), reason
        assert "INSERT" not in reason, "the reason is one line, not the SQL"
        assert [r for _, r, _ in store.raw_messages(status="failed")] == [raw]
    assert store.counts()["emails"] == 1
    store.close()


def test_an_unreachable_database_is_one_line_without_the_password() -> None:
    url = "postgresql+psycopg://gleaner:pg-secret@127.0.0.1:9/gleaner"  # port 9: discard, closed
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    message = str(caught.value)
    assert "\n" not in message
    assert "pg-secret" not in message
    assert message.startswith("cannot open database postgresql+psycopg://gleaner:***@127.0.0.1:9")
    assert "Connection refused" in message


def test_the_same_mail_without_message_id_in_crlf_and_lf_is_stored_once(db_url: str) -> None:
    store = Store.open(db_url)
    ingestor = Ingestor(store, default_rules)
    lf = (
        b"From: Weekly <weekly@example.org>\nSubject: Weekly links\n"
        b"Content-Type: text/plain; charset=utf-8\n\n"
        b"[A queue you can reason about](https://queues.example.dev/posts/queue)\n\n"
        b"Why idempotent handlers beat exactly-once brokers.\n"
    )
    assert ingestor.ingest(lf, "maildir").status is Status.NEW
    crlf = lf.replace(b"\n", b"\r\n")
    assert ingestor.ingest(crlf, "imap").status is Status.DUPLICATE
    assert store.counts()["emails"] == 1
    store.close()


def test_a_skipped_message_with_hostile_headers_is_recorded(db_url: str) -> None:
    store = Store.open(db_url)
    hostile = Skipped(
        account="work",
        folder="INBOX",
        uidvalidity=7,
        uid=4_000_000_000,
        size=60_000_000,
        message_id=LONG_ID,
        sender="b" * 400 + "@example.com",
        subject="Big \x00 issue",
        reason="larger than max_message_bytes",
    )
    record_skipped(store.engine, [hostile])
    [kept] = skipped_messages(store.engine)
    assert kept.message_id == LONG_ID[:998]
    assert kept.subject == "Big  issue"
    assert len(kept.sender) == 320
    store.close()


class _CrashingRules:
    def __init__(self) -> None:
        self.destinations: dict[str, object] = {}

    def route(self, *_: object) -> tuple[Decision, ...]:
        raise RuntimeError("rules engine exploded")


def test_reparse_apply_that_fails_again_says_so(sqlite_url: str) -> None:
    from bot.reparse import reparse

    store = Store.open(sqlite_url)
    crashing = _CrashingRules()
    broken = Ingestor(store, lambda: crashing)  # type: ignore[arg-type, return-value]
    assert broken.ingest(_hostile_mail(), "test").status is Status.FAILED
    [change] = list(reparse(broken, apply=True))
    assert not change.applied, "the rules still crash: nothing was stored"
    assert change.error == "RuntimeError: rules engine exploded"
    assert store.counts()["failed"] == 1
    [change] = list(reparse(Ingestor(store, default_rules), apply=True))
    assert change.applied
    assert store.counts()["failed"] == 0
    store.close()


def test_terminal_escape_sequences_are_not_stored(db_url: str) -> None:
    store = Store.open(db_url)
    email, result = _result("<esc@x>", "Weekly \x1b[31mRED\x1b[0m", "a@example.com", "Research")
    hostile = replace(
        result.items[0],
        title="Story \x1b]52;c;ZWNobyBwd25lZA==\x07 here",
        blurb="line one\nline\ttwo \x9b2J",
    )
    store.save_issue(b"esc", "test", email, replace(result, items=(hostile,)), [[]])
    [stored] = store.stored_items()
    assert stored.item.title == "Story ]52;c;ZWNobyBwd25lZA== here"
    assert stored.item.blurb == "line one\nline\ttwo 2J", "tabs and line breaks stay"
    assert stored.newsletter.name == "Weekly [31mRED[0m"
    store.close()
