"""When outbox rows are due, and the APScheduler jobs that wake delivery up.

What is due is decided from the rows themselves, never from the scheduler's
memory: a row is due once the first firing of its route's cron after the row
was written has passed (``immediate`` rows at once), and not while the
route's quiet hours last. So a restart 30 minutes after a digest time posts
that digest once (it is still due, and posting marks it), never zero times
(nothing depends on a job having fired) and never twice.

The scheduler only decides *when to look*: an interval tick every few seconds
(immediate routes, quiet hours ending, catch-up) and one cron job per
schedule and time zone, so digests go out on the minute. Cron jobs coalesce
missed runs into one and keep a generous misfire grace time: a loop that was
blocked or a laptop that slept still fires once late rather than skipping.
Job ids are derived from the schedule, so re-adding them replaces, never
multiplies.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.delivery.digest import Pending

IMMEDIATE = "immediate"
MISFIRE_GRACE_SECONDS = 3600
"""A cron job that wakes up to an hour late still runs (once: coalesce)."""

_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_DOW_PART = re.compile(r"^(\*|[0-7a-z]{1,3})(?:-([0-7a-z]{1,3}))?(?:/(\d+))?$")


def _day_number(token: str) -> int:
    token = token.lower()
    if token.isdigit():
        return int(token) % 7
    return _DAYS.index(token[:3])


def crontab_weekdays(field: str) -> str:
    """A crontab day-of-week field (0 or 7 = Sunday) in APScheduler 3's terms (0 = Monday).

    APScheduler 3 numbers weekdays from Monday; translating to names keeps
    ``1-5`` meaning Monday to Friday as every crontab reader expects.
    """
    if field == "*":
        return field
    days: set[int] = set()
    for part in field.split(","):
        match = _DOW_PART.match(part.strip().lower())
        if match is None:
            raise ValueError(f"bad day-of-week {part!r}")
        start, end, step = match.groups()
        if start == "*":
            first, last = 0, 6
        else:
            first = _day_number(start)
            last = _day_number(end) if end else (6 if step else first)
            if end and last == 0 and first > 0:  # "1-7", "mon-sun": Sunday ends the range
                last = 7
        if last < first:
            raise ValueError(f"bad day-of-week range {part!r}")
        days.update(d % 7 for d in range(first, last + 1, int(step or 1)))
    return ",".join(_DAYS[d] for d in sorted(days, key=lambda d: (d + 6) % 7))


@lru_cache(maxsize=256)
def cron_trigger(schedule: str, timezone: str) -> CronTrigger:
    """The trigger of a five-field crontab expression, in the route's time zone."""
    fields = schedule.split()
    if len(fields) != 5:
        raise ValueError(f"cron needs five fields, got {schedule!r}")
    minute, hour, day, month, weekdays = fields
    return CronTrigger(
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=crontab_weekdays(weekdays),
        timezone=ZoneInfo(timezone),
    )


def aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything Gleaner stores is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def slot_of(schedule: str, timezone: str, created_at: datetime) -> datetime:
    """When a row written at ``created_at`` is due (UTC): its route's next firing."""
    created = aware(created_at)
    if schedule == IMMEDIATE:
        return created.replace(second=0, microsecond=0).astimezone(UTC)
    trigger = cron_trigger(schedule, timezone)
    fire = trigger.get_next_fire_time(None, created.astimezone(ZoneInfo(timezone)))
    if fire is None:  # a schedule that never fires again: never due
        return datetime.max.replace(tzinfo=UTC)
    return aware(fire).astimezone(UTC)


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def in_quiet_hours(now: datetime, timezone: str, quiet: tuple[str, str] | None) -> bool:
    """Whether ``now`` falls within quiet hours (which may wrap midnight) in the route's zone."""
    if quiet is None:
        return False
    start, end = _clock(quiet[0]), _clock(quiet[1])
    local = aware(now).astimezone(ZoneInfo(timezone)).time().replace(second=0, microsecond=0)
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def due_slot(row: Pending, now: datetime) -> datetime | None:
    """The row's slot if it is due at ``now``, else None (not yet, or quiet hours)."""
    slot = slot_of(row.schedule, row.timezone, row.created_at)
    if slot > aware(now) + timedelta(seconds=0):
        return None
    if in_quiet_hours(now, row.timezone, row.quiet):
        return None
    return slot


def cron_job_id(schedule: str, timezone: str) -> str:
    return f"gleaner:cron:{schedule}@{timezone}"


TICK_JOB_ID = "gleaner:tick"


def make_scheduler() -> AsyncIOScheduler:
    """The scheduler, with coalescing and misfire grace chosen for idempotent flushes."""
    return AsyncIOScheduler(
        timezone=UTC,
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS,
        },
    )


def add_tick(
    scheduler: AsyncIOScheduler,
    func: Callable[[], Awaitable[None]],
    seconds: float,
    start: datetime,
) -> None:
    scheduler.add_job(
        func,
        IntervalTrigger(seconds=seconds, timezone=UTC),
        id=TICK_JOB_ID,
        name="flush immediate routes and catch up",
        replace_existing=True,
        next_run_time=start,
        # A tick that runs late is worthless once the next one is near.
        misfire_grace_time=max(1, int(seconds)),
    )


def sync_cron_jobs(
    scheduler: AsyncIOScheduler,
    schedules: Iterable[tuple[str, str]],
    func: Callable[[], Awaitable[None]],
) -> list[str]:
    """Make sure one cron job exists per (schedule, time zone); returns the ids added."""
    added: list[str] = []
    for schedule, timezone in sorted(set(schedules)):
        if schedule == IMMEDIATE:
            continue
        job_id = cron_job_id(schedule, timezone)
        if scheduler.get_job(job_id) is not None:
            continue
        try:
            trigger = cron_trigger(schedule, timezone)
        except (
            ValueError,
            KeyError,
        ) as exc:  # a bad schedule in old rows: the tick still posts them
            added.append(f"{job_id} (invalid: {exc})")
            continue
        scheduler.add_job(
            func, trigger, id=job_id, name=f"digest {schedule} ({timezone})", replace_existing=True
        )
        added.append(job_id)
    return added
