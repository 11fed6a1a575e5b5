"""``gleaner ingest PATH...``: .eml files, mbox files, Maildir folders and IMAP folders."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from bot.app import open_pipeline
from bot.cli import Context, pass_context
from bot.ingest import IngestReport, Status
from bot.mail.local import LocalMessage, LocalSource
from bot.store.clip import without_controls

PROGRESS_THRESHOLD = 5
"""Show a progress bar when there are more messages than this."""

IngestFn = Callable[[bytes, str], IngestReport]


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="For imap:// sources: only mail on or after this date (YYYY-MM-DD).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary and failures.")
@pass_context
def ingest(ctx: Context, paths: tuple[str, ...], since: object, quiet: bool) -> None:
    """Store the newsletters in PATHS: .eml files, mbox files, Maildir folders,
    folders of .eml files, or imap://ACCOUNT/FOLDER for an account in the settings.

    Mail already stored (same bytes or same Message-ID) adds nothing. Mail that
    cannot be parsed is kept and reported, never lost; the exit code is 1 then.
    """
    console = Console(stderr=True, highlight=False)
    since_date = since.date() if since is not None else None  # type: ignore[attr-defined]
    local = [Path(p) for p in paths if not p.startswith("imap://")]
    remote = [p for p in paths if p.startswith("imap://")]
    source = LocalSource(local) if local else None
    pipeline = open_pipeline(ctx.settings)
    reports: list[IngestReport] = []
    try:
        if source is not None:
            reports.extend(_ingest_local(pipeline.ingestor.ingest, source, console, quiet))
        for url in remote:
            reports.extend(_ingest_imap(ctx, pipeline.ingestor.ingest, url, since_date, console))
    finally:
        pipeline.close()
    _summary(reports)
    if any(r.status is Status.FAILED for r in reports):
        raise SystemExit(1)


def _progress(label: str, console: Console) -> Progress:
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )


def _ingest_local(
    ingest_one: IngestFn, source: LocalSource, console: Console, quiet: bool
) -> Iterable[IngestReport]:
    total = len(source)
    if total <= PROGRESS_THRESHOLD:
        for message in source:
            report = _ingest_message(ingest_one, message)
            if not quiet or report.status is Status.FAILED:
                console.print(_describe(report))
            yield report
        return
    with _progress("ingesting", console) as progress:
        task = progress.add_task("ingest", total=total)
        for message in source:
            report = _ingest_message(ingest_one, message)
            if report.status is Status.FAILED:
                progress.console.print(_describe(report))
            progress.advance(task)
            yield report


def _ingest_imap(
    ctx: Context, ingest_one: IngestFn, url: str, since: date | None, console: Console
) -> list[IngestReport]:
    from bot.mail.backfill import backfill  # the IMAP edge loads only when asked for

    account, _, folder = url.removeprefix("imap://").partition("/")
    if not account or not folder:
        raise click.BadParameter(f"{url}: expected imap://ACCOUNT/FOLDER")
    reports: list[IngestReport] = []

    def sink(raw: bytes, source: str) -> IngestReport:
        report = ingest_one(raw, source)
        reports.append(report)
        return report

    with _progress(escape(url), console) as progress:
        task = progress.add_task("imap", total=None)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        backfill(ctx.settings.mail, account, folder, since, sink, on_progress)
    return reports


def _ingest_message(ingest_one: IngestFn, message: LocalMessage) -> IngestReport:
    if message.error is not None:
        return IngestReport(Status.FAILED, message.source, problems=(message.error,))
    return ingest_one(message.raw, message.source)


def _describe(report: IngestReport) -> str:
    # Paths, newsletter names and warnings come from the mail: escaped, they print as
    # written; raw, a "[/b]" in a subject would be read as markup and stop the run.
    source = _shown(report.source)
    if report.status is Status.FAILED:
        return f"[red]failed[/red] {source}: {_shown('; '.join(report.problems))}"
    if report.status is Status.DUPLICATE:
        return f"[dim]known[/dim]  {source}"
    text = (
        f"[green]new[/green]    {source}: {_shown(report.newsletter)} "
        f"({report.new_items} new items, {report.known_items} already known)"
    )
    if report.problems:
        text += f"\n       [yellow]warnings:[/yellow] {_shown('; '.join(report.problems))}"
    return text


def _shown(text: str) -> str:
    """Mail text made safe for a terminal: no markup, no escape sequences."""
    return escape(without_controls(text))


def _summary(reports: list[IngestReport]) -> None:
    status = Counter(r.status for r in reports)
    new_items = sum(r.new_items for r in reports)
    known = sum(r.known_items for r in reports)
    click.echo(
        f"emails: {len(reports)} ({status[Status.NEW]} new, "
        f"{status[Status.DUPLICATE]} already stored, {status[Status.FAILED]} failed); "
        f"items: {new_items} new, {known} already known"
    )


COMMANDS = (ingest,)
