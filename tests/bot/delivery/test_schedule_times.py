"""Due times: cron in the route's time zone, crontab weekdays, quiet hours, scheduler jobs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.delivery.schedule import (
    MISFIRE_GRACE_SECONDS,
    cron_job_id,
    crontab_weekdays,
    in_quiet_hours,
    make_scheduler,
    slot_of,
    sync_cron_jobs,
)


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("*", "*"),
        ("1-5", "mon,tue,wed,thu,fri"),
        ("0", "sun"),
        ("7", "sun"),
        ("6,0", "sat,sun"),
        ("mon-fri", "mon,tue,wed,thu,fri"),
        ("1-7", "mon,tue,wed,thu,fri,sat,sun"),
        ("*/2", "tue,thu,sat,sun"),
    ],
)
def test_crontab_weekdays_mean_what_crontab_means(field: str, expected: str) -> None:
    assert crontab_weekdays(field) == expected


def test_a_cron_digest_fires_in_the_routes_time_zone() -> None:
    # 08:00 in Paris is 07:00 UTC in winter and 06:00 UTC in summer.
    winter = slot_of("0 8 * * *", "Europe/Paris", datetime(2025, 1, 10, 6, 59, tzinfo=UTC))
    summer = slot_of("0 8 * * *", "Europe/Paris", datetime(2025, 7, 10, 6, 1, tzinfo=UTC))
    assert winter == datetime(2025, 1, 10, 7, 0, tzinfo=UTC)
    assert summer == datetime(2025, 7, 11, 6, 0, tzinfo=UTC)


def test_weekday_digests_skip_the_weekend() -> None:
    friday_evening = datetime(2025, 3, 14, 18, 0, tzinfo=UTC)
    assert slot_of("30 8 * * 1-5", "UTC", friday_evening) == datetime(
        2025, 3, 17, 8, 30, tzinfo=UTC
    )


def test_sqlite_naive_times_are_utc() -> None:
    assert slot_of("immediate", "UTC", datetime(2025, 3, 13, 9, 0, 42)) == datetime(
        2025, 3, 13, 9, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("hour", "minute", "quiet"),
    [(23, 0, True), (2, 0, True), (6, 59, True), (7, 0, False), (12, 0, False), (21, 59, False)],
)
def test_quiet_hours_wrap_midnight(hour: int, minute: int, quiet: bool) -> None:
    # 22:00-07:00 in New York (UTC-5 in March before DST: 2025-03-03).
    local_utc = datetime(2025, 3, 3, (hour + 5) % 24, minute, tzinfo=UTC)
    assert in_quiet_hours(local_utc, "America/New_York", ("22:00", "07:00")) is quiet


async def test_cron_jobs_have_stable_ids_and_are_never_doubled() -> None:
    scheduler = make_scheduler()

    async def fire() -> None:
        return None

    pairs = [("0 9 * * *", "Europe/Paris"), ("0 9 * * *", "Europe/Paris"), ("immediate", "UTC")]
    assert sync_cron_jobs(scheduler, pairs, fire) == [cron_job_id("0 9 * * *", "Europe/Paris")]
    assert sync_cron_jobs(scheduler, pairs, fire) == []
    (job,) = scheduler.get_jobs()
    assert job.id == "gleaner:cron:0 9 * * *@Europe/Paris"
    assert str(job.trigger.timezone) == "Europe/Paris"
    assert scheduler._job_defaults["coalesce"] is True
    assert scheduler._job_defaults["misfire_grace_time"] == MISFIRE_GRACE_SECONDS
    assert scheduler._job_defaults["max_instances"] == 1
