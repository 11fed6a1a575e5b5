"""Drift: a known sender's issue that its usual parser reads badly is flagged, not silently thin."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.decode import decode_email
from bot.ingest import Ingestor, Status
from bot.models import Newsletter
from bot.store import Store
from bot.store.rows import newsletter_from_row
from bot.store.schema import newsletters
from rules import default_rules

ROOT = Path(__file__).resolve().parents[2]
DEMO_TLDR = next((ROOT / "examples" / "mail" / "new").glob("*M1P1*"))
TEXT = decode_email(DEMO_TLDR.read_bytes()).text or ""


def _issue(n: int, body: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = '"TLDR AI" <dan@tldrnewsletter.com>'
    msg["Subject"] = f"TLDR AI 2026-11-{n:02d}"
    msg["Message-ID"] = f"<drift-{n}@tldrnewsletter.com>"
    msg.set_content(body)
    return bytes(msg)


def _links_up_to(last: int) -> str:
    head, links = TEXT.split("Links:")
    kept = [
        line
        for line in links.splitlines()
        if not (m := re.match(r"\[(\d+)\]", line)) or int(m.group(1)) <= last
    ]
    return head + "Links:" + "\n".join(kept)


@pytest.fixture
def ingestor(sqlite_url: str) -> Iterator[Ingestor]:
    rules = default_rules()
    ingestor = Ingestor(Store.open(sqlite_url), lambda: rules)
    for n in (1, 2, 3):  # three normal issues make the sender known
        report = ingestor.ingest(_issue(n, TEXT), f"test:{n}")
        assert report.parser == "tldr"
        assert not any("drift" in p for p in report.problems)
    yield ingestor
    ingestor.store.close()


def test_an_issue_its_usual_parser_cannot_read_is_flagged(ingestor: Ingestor) -> None:
    report = ingestor.ingest(_issue(4, TEXT.split("Links:")[0]), "test:4")
    assert report.status is Status.NEW, "kept, never lost"
    [notice] = [p for p in report.problems if p.startswith("drift:")]
    assert notice == (
        "drift: dan@tldrnewsletter.com's recent issues gave about 9 items with the tldr "
        "parser; this one gave 0 with tldr"
    )
    [stored] = [
        n for _, n in _newsletters(ingestor) if n.message_id == "<drift-4@tldrnewsletter.com>"
    ]
    assert notice in stored.warnings


def test_far_fewer_items_than_usual_is_flagged_and_the_better_result_kept(
    ingestor: Ingestor,
) -> None:
    report = ingestor.ingest(_issue(5, _links_up_to(5)), "test:5")
    [notice] = [p for p in report.problems if p.startswith("drift:")]
    assert notice.endswith("this one gave 2 with tldr")
    assert report.parser == "tldr", "the generic parser found fewer, so the tldr result stays"


def test_a_normal_issue_raises_no_drift(ingestor: Ingestor) -> None:
    report = ingestor.ingest(_issue(6, TEXT + "\n"), "test:6")
    assert report.parser == "tldr"
    assert not any(p.startswith("drift:") for p in report.problems)


def _newsletters(ingestor: Ingestor) -> list[tuple[int, Newsletter]]:
    with ingestor.store.engine.connect() as conn:
        rows = conn.execute(select(newsletters)).mappings().all()
    return [(row["id"], newsletter_from_row(row)) for row in rows]
