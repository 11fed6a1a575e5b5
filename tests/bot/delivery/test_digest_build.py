"""Digest building is pure: grouping, order, caps, sponsors, titles."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from bot.delivery.digest import Pending, build_digests, digest_key
from bot.models import Item, ThreadPolicy

SLOT = datetime(2025, 3, 13, 9, 0, tzinfo=UTC)


def row(i: int, **fields: object) -> Pending:
    base = Pending(
        outbox_id=i,
        item_id=i,
        item=Item(f"Item {i}", f"https://example.com/{i}", position=i),
        newsletter="TLDR AI",
        newsletter_id=1,
        issue_date=date(2025, 3, 13),
        route="ai",
        destination="news",
        schedule="immediate",
        timezone="UTC",
        thread=ThreadPolicy.ISSUE,
        max_items=None,
        quiet=None,
        keep_sponsored=True,
        created_at=SLOT,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def test_entries_follow_section_order_then_position() -> None:
    rows = [
        row(1, item=Item("c", None, section="Tools", position=5)),
        row(2, item=Item("a", None, section="Headlines", position=0)),
        row(3, item=Item("d", None, section="Tools", position=4)),
        row(4, item=Item("b", None, section="Headlines", position=1)),
    ]
    (digest,) = build_digests([(r, SLOT) for r in reversed(rows)]).digests
    assert [e.item.title for e in digest.entries] == ["a", "b", "d", "c"]
    assert digest.title == "TLDR AI · 13 Mar 2025 · 4 items"
    assert digest.key == "issue:1"


def test_max_items_keeps_the_first_and_counts_the_rest() -> None:
    plan = build_digests([(row(i, max_items=2), SLOT) for i in range(5)])
    (digest,) = plan.digests
    assert [e.outbox_id for e in digest.entries] == [0, 1]
    assert digest.more == 3
    assert plan.skipped == tuple((i, "beyond max_items (2)") for i in (2, 3, 4))


def test_sponsors_are_dropped_only_where_the_route_says() -> None:
    ad = Item("ad", None, sponsor=True, position=0)
    plan = build_digests(
        [
            (row(1, item=ad), SLOT),
            (row(2, item=ad, destination="quiet", keep_sponsored=False), SLOT),
            (row(3, destination="quiet"), SLOT),
        ]
    )
    news, quiet = plan.digests
    assert news.entries[0].item.sponsor
    assert [e.outbox_id for e in quiet.entries] == [3]
    assert plan.skipped == ((2, "sponsored item; the route drops sponsored items"),)


def test_digest_policy_groups_issues_of_one_route_and_slot() -> None:
    rows = [
        row(1, thread=ThreadPolicy.DIGEST, newsletter_id=1),
        row(
            2,
            thread=ThreadPolicy.DIGEST,
            newsletter_id=2,
            newsletter="HF Papers",
            also_in=("TLDR AI",),
        ),
        row(3, thread=ThreadPolicy.DIGEST, route="other"),
    ]
    plan = build_digests([(r, SLOT) for r in rows])
    assert [d.key for d in plan.digests] == [
        "digest:ai:2025-03-13T09:00Z",
        "digest:other:2025-03-13T09:00Z",
    ]
    assert plan.digests[0].title == "ai · 13 Mar 2025 · 2 items"
    assert plan.digests[0].entries[1].also_in == ("TLDR AI",)


def test_no_thread_makes_one_digest_per_item() -> None:
    plan = build_digests([(row(i, thread=ThreadPolicy.NONE), SLOT) for i in range(3)])
    assert [d.key for d in plan.digests] == ["none:0", "none:1", "none:2"]
    assert digest_key(row(7, thread=ThreadPolicy.NONE), SLOT) == "none:7"


def test_one_item_is_singular() -> None:
    (digest,) = build_digests([(row(1), SLOT)]).digests
    assert digest.title.endswith("· 1 item")
