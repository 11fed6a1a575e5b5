from __future__ import annotations

import zlib
from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from bot.models import Decision, Email, Item, Kind, Newsletter, ParseResult
from bot.store import Store
from bot.store.schema import metadata, outbox, raw_emails


def _issue(
    name: str, message_id: str, items: list[Item], sender: str = "news@example.com"
) -> tuple[Email, ParseResult]:
    email = Email(message_id=message_id, subject=name, sender=sender)
    newsletter = Newsletter(
        family="test",
        name=name,
        issue_date=date(2026, 11, 18),
        message_id=message_id,
        parser="test",
        parser_version="1",
        sender=sender,
        subject=name,
    )
    return email, ParseResult(newsletter, tuple(items), reason="test")


PAPER = Item(
    title="Sparse Attention Without the Quality Loss",
    url="https://arxiv.org/pdf/2611.03377",
    canonical_url="https://arxiv.org/abs/2611.03377",
    blurb="Low-rank block selection for long context.",
    section="Research",
    kind=Kind.PAPER,
    authors=("Mara Ilves", "Jun Park"),
    links=(("Hugging Face", "https://huggingface.co/papers/2611.03377"),),
)
REPO = Item(
    title="tinyagents",
    url="https://github.com/example/tinyagents",
    canonical_url="https://github.com/example/tinyagents",
    section="Tools",
    kind=Kind.REPO,
    position=1,
)


def _declared(name: str | None, type_: str, _parents: object) -> bool:
    # The full-text index is dialect-specific SQL outside the Core metadata.
    return not (
        type_ == "table" and name is not None and name.startswith(("items_fts", "item_search"))
    )


TO_CONSOLE = Decision(route="routes[0]", destination="console")


def test_migrations_build_exactly_the_declared_schema(db_url: str) -> None:
    store = Store.open(db_url)
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _declared})
        diff = compare_metadata(context, metadata)
    assert diff == []
    Store.open(db_url).close()  # a second start finds nothing to migrate
    store.close()


def test_an_issue_is_stored_with_its_items_and_outbox_rows(db_url: str) -> None:
    store = Store.open(db_url)
    email, result = _issue("Daily Papers", "<a@x>", [PAPER, REPO])
    outcome = store.save_issue(b"raw-a", "test", email, result, [[TO_CONSOLE], [TO_CONSOLE]])
    assert (outcome.new_items, outcome.known_items, outcome.outbox_rows) == (2, 0, 2)
    stored = {s.item.title: s for s in store.stored_items()}
    assert stored["Sparse Attention Without the Quality Loss"].item == PAPER
    assert stored["tinyagents"].item.kind is Kind.REPO
    assert stored["tinyagents"].newsletter.name == "Daily Papers"
    assert store.counts() == {
        "emails": 1,
        "failed": 0,
        "newsletters": 1,
        "items": 2,
        "outbox_pending": 2,
    }
    store.close()


def test_the_same_item_in_two_newsletters_is_one_item_that_knows_both(db_url: str) -> None:
    store = Store.open(db_url)
    email, result = _issue("Daily Papers", "<a@x>", [PAPER])
    store.save_issue(b"raw-a", "test", email, result, [[TO_CONSOLE]])
    email2, result2 = _issue("The Zeitgeist", "<b@x>", [PAPER])
    outcome = store.save_issue(b"raw-b", "test", email2, result2, [[TO_CONSOLE]])
    assert (outcome.new_items, outcome.known_items) == (0, 1)
    assert outcome.outbox_rows == 0, (
        "an item already queued for a destination is never queued twice"
    )
    [stored] = store.stored_items()
    assert stored.newsletter.name == "Daily Papers"
    assert stored.also_in == ("The Zeitgeist",)
    store.close()


def test_known_raw_matches_bytes_or_message_id(db_url: str) -> None:
    store = Store.open(db_url)
    email, result = _issue("Daily Papers", "<a@x>", [REPO])
    store.save_issue(b"raw-a", "test", email, result, [[]])
    assert store.known_raw(b"raw-a") is not None
    assert store.known_raw(b"other bytes", "<a@x>") is not None
    assert store.known_raw(b"other bytes", "<c@x>") is None
    store.close()


def test_failed_mail_is_kept_with_its_original_bytes(db_url: str) -> None:
    store = Store.open(db_url)
    raw = b"From: x\r\n\r\n\xff\xfe broken"
    raw_id = store.save_failed(raw, "eml:/tmp/x.eml", "<x@y>", "ValueError: boom")
    assert list(store.raw_messages(status="failed")) == [(raw_id, raw, "eml:/tmp/x.eml")]
    with store.engine.connect() as conn:
        row = conn.execute(select(raw_emails).where(raw_emails.c.id == raw_id)).mappings().one()
    assert row["error"] == "ValueError: boom"
    assert zlib.decompress(row["data"]) == raw
    assert store.counts()["failed"] == 1
    store.close()


def test_every_stored_item_is_in_the_full_text_index(db_url: str) -> None:
    store = Store.open(db_url)
    email, result = _issue("Daily Papers", "<a@x>", [PAPER, REPO])
    store.save_issue(b"raw-a", "test", email, result, [[], []])
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            hits = (
                conn.execute(text("SELECT rowid FROM items_fts WHERE items_fts MATCH 'attention'"))
                .scalars()
                .all()
            )
        else:
            hits = (
                conn.execute(
                    text(
                        "SELECT item_id FROM item_search WHERE document @@ plainto_tsquery('english', 'attention')"
                    )
                )
                .scalars()
                .all()
            )
    paper = next(s for s in store.stored_items() if s.item.kind is Kind.PAPER)
    assert hits == [paper.item_id]
    store.close()


def test_a_failed_transaction_leaves_nothing_behind(db_url: str) -> None:
    store = Store.open(db_url)
    email, result = _issue("Daily Papers", "<a@x>", [PAPER, REPO])
    with pytest.raises(ValueError, match="zip"):
        store.save_issue(b"raw-a", "test", email, result, [[TO_CONSOLE]])  # one decision list short
    assert store.counts() == {
        "emails": 0,
        "failed": 0,
        "newsletters": 0,
        "items": 0,
        "outbox_pending": 0,
    }
    with store.engine.connect() as conn:
        assert conn.execute(select(outbox)).all() == []
    store.close()


def test_drift_history_counts_recent_issues_of_a_sender(db_url: str) -> None:
    store = Store.open(db_url)
    for n in range(3):
        email, result = _issue("Daily Papers", f"<{n}@x>", [REPO] * 0 + [PAPER] * (n + 1))
        store.save_issue(f"raw-{n}".encode(), "test", email, result, [[]] * (n + 1))
    assert store.recent_issues("news@example.com") == [("test", 3), ("test", 2), ("test", 1)]
    store.close()
