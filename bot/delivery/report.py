"""The outbox per destination, for ``gleaner status``: is any channel stuck?

A destination is *stuck* when it has rows that were due more than
``OVERDUE_AFTER`` ago and are still not posted: a cron digest that is simply
waiting for its time is not stuck, one whose time passed and that did not go
out is. ``failed`` counts rows not posted whose last attempt failed (the
reason is in ``last_error``), whatever their status now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from bot.delivery import outbox
from bot.delivery.schedule import aware, in_quiet_hours, slot_of
from bot.store import Store
from bot.store.schema import outbox as outbox_table

OVERDUE_AFTER = timedelta(minutes=10)
STATUSES = ("pending", "sending", "posted", "skipped", "failed")


@dataclass
class DestinationReport:
    destination: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    failed_attempts: int = 0
    """Rows not posted whose last attempt failed."""
    oldest_pending: datetime | None = None
    overdue: int = 0
    last_posted: datetime | None = None
    last_error: str | None = None

    @property
    def stuck(self) -> bool:
        return self.overdue > 0

    def as_json(self, now: datetime) -> dict[str, Any]:
        age = (now - self.oldest_pending).total_seconds() if self.oldest_pending else None
        return {
            "destination": self.destination,
            **self.counts,
            "failed": self.counts["failed"] + self.failed_attempts,
            "oldest_pending": self.oldest_pending.isoformat() if self.oldest_pending else None,
            "oldest_pending_seconds": round(age) if age is not None else None,
            "overdue": self.overdue,
            "stuck": self.stuck,
            "last_posted": self.last_posted.isoformat() if self.last_posted else None,
            "last_error": self.last_error,
        }

    def line(self, now: datetime) -> str:
        c = self.counts
        parts = [f"{c['pending']} pending"]
        if self.oldest_pending is not None:
            parts[0] += f" (oldest {age_text(now - self.oldest_pending)})"
        parts += [f"{c['sending']} sending", f"{c['posted']} posted", f"{c['skipped']} skipped"]
        parts.append(f"{c['failed'] + self.failed_attempts} failed")
        text = f"{self.destination}: " + ", ".join(parts)
        if self.stuck:
            text += f"; STUCK: {self.overdue} overdue"
        return text


def age_text(age: timedelta) -> str:
    seconds = max(0, int(age.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes}m"
    return f"{minutes}m {seconds}s" if minutes else f"{seconds}s"


def outbox_report(store: Store, now: datetime) -> list[DestinationReport]:
    """One report per destination that has outbox rows, by name."""
    now = aware(now)
    reports: dict[str, DestinationReport] = {}

    def of(name: str) -> DestinationReport:
        return reports.setdefault(name, DestinationReport(name))

    t = outbox_table
    with store.engine.connect() as conn:
        counted = select(t.c.destination, t.c.status, func.count(), func.max(t.c.posted_at))
        for dest, status, n, posted in conn.execute(counted.group_by(t.c.destination, t.c.status)):
            report = of(str(dest))
            report.counts[str(status)] = report.counts.get(str(status), 0) + int(n)
            if posted is not None:
                report.last_posted = aware(posted)
        errors = (
            select(t.c.destination, t.c.error)
            .where(t.c.status.in_(("pending", "sending", "failed")), t.c.error.is_not(None))
            .order_by(t.c.id)
        )
        for dest, error in conn.execute(errors):
            of(str(dest)).last_error = str(error)  # in id order: the newest wins
        attempts = (
            select(t.c.destination, func.count())
            .where(t.c.status.in_(("pending", "sending")), t.c.error.is_not(None))
            .group_by(t.c.destination)
        )
        for dest, n in conn.execute(attempts):
            of(str(dest)).failed_attempts = int(n)
    pending = outbox.load(store)
    for row in pending:
        report = of(row.destination)
        created = aware(row.created_at)
        if report.oldest_pending is None or created < report.oldest_pending:
            report.oldest_pending = created
    for row in pending + outbox.load(store, "sending"):
        try:
            slot = slot_of(row.schedule, row.timezone, row.created_at)
        except (ValueError, KeyError):
            of(row.destination).overdue += 1  # an unusable schedule never comes due: stuck
            continue
        if slot + OVERDUE_AFTER < now and not in_quiet_hours(now, row.timezone, row.quiet):
            of(row.destination).overdue += 1
    return [reports[name] for name in sorted(reports)]
