"""``gleaner status [--json]``: each mailbox's state and what the store holds.

The running bot writes each mailbox's state to the database as it changes, so
this command, a separate process, reads the same truth the logs tell. A
mailbox whose state has not been refreshed for much longer than its IDLE or
polling interval is reported as stale: the bot watching it is not running.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import click

from bot.cli import Context, pass_context
from bot.delivery.report import outbox_report
from bot.mail.settings import ImapAccount
from bot.store import Store
from bot.store.checkpoints import MailboxStatus, get_checkpoint, read_statuses, skipped_messages

PROBLEM_STATES = {"auth_failed", "halted", "reconnecting"}
"""States that make ``gleaner status`` exit with 1, for monitoring."""
HEARTBEAT_SLACK = timedelta(seconds=60)


@dataclass(frozen=True, slots=True)
class Row:
    account: str
    folder: str
    state: str
    connected: bool
    idling: bool
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    checkpoint: str
    skipped: int

    @property
    def problem(self) -> bool:
        return self.state in PROBLEM_STATES or self.state in {"stale", "never run"}


def _heartbeat(account: ImapAccount | None, state: str) -> timedelta:
    """How long a healthy watcher can go without writing its state: it writes after
    every sync, and syncs at least once per IDLE period or polling interval."""
    if account is None:
        return timedelta(minutes=15)
    interval = account.poll_seconds if state == "polling" else account.idle_seconds
    return timedelta(seconds=2 * interval) + HEARTBEAT_SLACK


def _state(status: MailboxStatus, account: ImapAccount | None, now: datetime) -> str:
    if status.state in {"stopped", "halted", "auth_failed"}:
        return status.state
    if now - status.updated_at > _heartbeat(account, status.state):
        return "stale"
    return status.state


def collect(store: Store, accounts: list[ImapAccount], now: datetime | None = None) -> list[Row]:
    """One row per configured account x folder, plus any the database still remembers."""
    now = now or datetime.now(UTC)
    by_name = {a.name: a for a in accounts}
    statuses = {(s.account, s.folder): s for s in read_statuses(store.engine)}
    keys = [(a.name, f) for a in accounts for f in a.folders]
    keys += [k for k in statuses if k not in keys]
    skipped: dict[tuple[str, str], int] = {}
    for s in skipped_messages(store.engine):
        skipped[(s.account, s.folder)] = skipped.get((s.account, s.folder), 0) + 1
    rows = []
    for account, folder in keys:
        checkpoint = get_checkpoint(store.engine, account, folder)
        mark = (
            f"UIDVALIDITY {checkpoint.uidvalidity}, UID {checkpoint.last_uid}"
            if checkpoint
            else "-"
        )
        status = statuses.get((account, folder))
        if status is None:
            rows.append(Row(account, folder, "never run", False, False, None, None, None, mark, 0))
            continue
        rows.append(
            Row(
                account,
                folder,
                _state(status, by_name.get(account), now),
                status.connected,
                status.idling,
                status.last_success,
                status.last_error,
                status.last_error_at,
                mark,
                skipped.get((account, folder), 0),
            )
        )
    return rows


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC") if value is not None else "never"


def _as_json(rows: list[Row], counts: dict[str, int]) -> dict[str, Any]:
    return {
        "mailboxes": [
            {
                "account": r.account,
                "folder": r.folder,
                "state": r.state,
                "connected": r.connected,
                "idling": r.idling,
                "last_success": r.last_success.isoformat() if r.last_success else None,
                "last_error": r.last_error,
                "last_error_at": r.last_error_at.isoformat() if r.last_error_at else None,
                "checkpoint": r.checkpoint,
                "skipped": r.skipped,
            }
            for r in rows
        ],
        "store": counts,
    }


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@pass_context
def status(ctx: Context, as_json: bool) -> None:
    """Show each IMAP mailbox's state (connected, idling, last success, last
    error) and how many emails, newsletters and items the store holds.

    Exits with 1 when a mailbox needs attention: refused login, stopped for a
    UIDVALIDITY storm, reconnecting, never run, or stale (no bot watching it).

    Then the outbox per destination: pending (and the oldest's age), sending,
    posted, skipped and failed posts; a destination with posts overdue by
    more than 10 minutes is marked STUCK and also makes the exit status 1.
    """
    settings = ctx.settings
    store = Store.open(settings.store.url)
    now = datetime.now(UTC)
    try:
        rows = collect(store, list(settings.mail.accounts))
        counts = store.counts()
        deliveries = outbox_report(store, now)
    finally:
        store.close()
    if as_json:
        data = _as_json(rows, counts)
        data["outbox"] = [d.as_json(now) for d in deliveries]
        click.echo(json.dumps(data, indent=2))
    else:
        if not rows:
            click.echo("mailboxes: none configured")
        for r in rows:
            flags = ", ".join(
                word for word, on in (("connected", r.connected), ("idling", r.idling)) if on
            )
            click.echo(
                f"imap://{r.account}/{r.folder}: {r.state}" + (f" ({flags})" if flags else "")
            )
            click.echo(f"  last success: {_when(r.last_success)}")
            if r.last_error:
                click.echo(f"  last error:   {_when(r.last_error_at)}: {r.last_error}")
            click.echo(f"  checkpoint:   {r.checkpoint}")
            if r.skipped:
                click.echo(f"  skipped:      {r.skipped} message(s) not stored, reasons recorded")
        click.echo("outbox:" + ("" if deliveries else " empty"))
        for d in deliveries:
            click.echo(f"  {d.line(now)}")
            if d.last_error and (d.stuck or d.failed_attempts):
                click.echo(f"    last error: {d.last_error}")
        click.echo(
            "store: "
            + ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in counts.items())
        )
    if any(r.problem for r in rows) or any(d.stuck for d in deliveries):
        raise SystemExit(1)


COMMANDS = (status,)
