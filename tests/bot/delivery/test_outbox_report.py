"""``gleaner status`` shows the outbox per destination, so a stuck channel is visible."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import update

from bot.chat.base import Posted
from bot.cli import get_cli
from bot.delivery import outbox
from bot.delivery.report import age_text, outbox_report
from bot.store import Store
from bot.store.schema import outbox as outbox_table
from tests.bot.delivery.factory import decision, items, save


def backdate(store: Store, destination: str, age: timedelta) -> None:
    """Rows written ``age`` ago (the store stamps rows with the real clock)."""
    with store.engine.begin() as conn:
        conn.execute(
            update(outbox_table)
            .where(outbox_table.c.destination == destination)
            .values(created_at=datetime.now(UTC) - age)
        )


def ids(store: Store, destination: str) -> list[int]:
    return [r.outbox_id for r in outbox.load(store) if r.destination == destination]


def fill(store: Store) -> None:
    """news: healthy (posted, one skipped, two just arrived); stale: due 2 h ago, one
    attempt failed; weekly: a Monday digest that is simply waiting."""
    now = datetime.now(UTC)
    save(store, items(5, prefix="News"), decision("news"))
    news = ids(store, "news")
    outbox.claim(store, news[:2], "m", now)
    outbox.mark_posted(store, news[:2], Posted("1.0", "1.0"), now)
    outbox.skip(store, [(news[2], "sponsored")])
    save(store, items(3, prefix="Stale"), decision("stale"))
    backdate(store, "stale", timedelta(hours=2, minutes=5))
    stale = ids(store, "stale")
    outbox.claim(store, stale[:1], "m", now)
    outbox.release(store, stale[:1], "Slack answered 404: channel_not_found")
    save(store, items(2, prefix="Weekly"), decision("weekly", schedule="0 9 * * mon"))


def config(tmp_path: Path) -> tuple[Path, Store]:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    path = tmp_path / "gleaner.yaml"
    path.write_text(f"store:\n  url: {url}\n")
    return path, Store.open(url)


def test_status_text_names_the_stuck_destination_and_exits_1(tmp_path: Path) -> None:
    path, store = config(tmp_path)
    fill(store)
    store.close()
    result = CliRunner().invoke(get_cli(), ["--config", str(path), "status"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    start = lines.index("outbox:")
    assert lines[start + 1].startswith("  news: 2 pending (oldest ")
    assert lines[start + 1].endswith(", 0 sending, 2 posted, 1 skipped, 0 failed")
    assert lines[start + 2].startswith("  stale: 3 pending (oldest 2h 5m)")
    assert lines[start + 2].endswith("1 failed; STUCK: 3 overdue")
    assert lines[start + 3] == "    last error: Slack answered 404: channel_not_found"
    assert lines[start + 4].startswith("  weekly: 2 pending")
    assert "STUCK" not in lines[start + 4]  # waiting for Monday is not stuck


def test_status_json_has_the_outbox(tmp_path: Path) -> None:
    path, store = config(tmp_path)
    fill(store)
    store.close()
    result = CliRunner().invoke(get_cli(), ["--config", str(path), "status", "--json"])
    assert result.exit_code == 1, result.output
    by_name = {d["destination"]: d for d in json.loads(result.output)["outbox"]}
    assert list(by_name) == ["news", "stale", "weekly"]
    stale = by_name["stale"]
    assert {k: stale[k] for k in ("pending", "sending", "posted", "skipped", "failed")} == {
        "pending": 3,
        "sending": 0,
        "posted": 0,
        "skipped": 0,
        "failed": 1,
    }
    assert 2 * 3600 < stale["oldest_pending_seconds"] < 2 * 3600 + 600
    assert stale["stuck"] is True
    assert stale["last_error"] == "Slack answered 404: channel_not_found"
    assert by_name["news"]["posted"] == 2
    assert by_name["news"]["last_posted"] is not None
    assert by_name["news"]["stuck"] is False
    assert by_name["weekly"]["stuck"] is False


def test_an_empty_outbox_is_said_and_healthy(tmp_path: Path) -> None:
    path, store = config(tmp_path)
    store.close()
    result = CliRunner().invoke(get_cli(), ["--config", str(path), "status"])
    assert result.exit_code == 0, result.output
    assert "outbox: empty" in result.output.splitlines()


def test_a_row_in_flight_long_past_its_time_is_stuck(tmp_path: Path) -> None:
    _, store = config(tmp_path)
    save(store, items(1), decision("news"))
    outbox.claim(store, ids(store, "news"), "m", datetime.now(UTC))
    (report,) = outbox_report(store, datetime.now(UTC) + timedelta(hours=1))
    assert report.counts["sending"] == 1
    assert report.oldest_pending is None
    assert report.stuck
    store.close()


def test_ages_read_like_a_person_would_say_them() -> None:
    assert age_text(timedelta(seconds=42)) == "42s"
    assert age_text(timedelta(minutes=3, seconds=5)) == "3m 5s"
    assert age_text(timedelta(hours=2, minutes=5)) == "2h 5m"
    assert age_text(timedelta(days=3, hours=4)) == "3d 4h"
