"""IMAP ingestion speed against a real local Dovecot (the test suite's harness).

1. Arrival-to-stored latency: the watcher idles on a folder; 100 newsletters
   are APPENDed one at a time, and each is timed from just before its APPEND
   to the moment the pipeline (the real Ingestor on SQLite) has stored it.
2. Backfill: ``backfill()`` over a folder of 1,000 newsletters, in emails/s,
   once with the real pipeline and once with a sink that stores nothing (the
   IMAP side alone).

    .venv/bin/python bench/imap.py [--appends 100] [--backfill 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import threading
import time
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imapclient import IMAPClient  # noqa: E402

from bot.ingest import Ingestor  # noqa: E402
from bot.mail.backfill import backfill  # noqa: E402
from bot.mail.poller import run_mailboxes  # noqa: E402
from bot.mail.settings import ImapAccount, MailSettings  # noqa: E402
from bot.store import Store  # noqa: E402
from bot.store.checkpoints import read_statuses  # noqa: E402
from rules import default_rules  # noqa: E402
from tests.harness.dovecot import Dovecot, ensure_installed  # noqa: E402


def newsletter(number: int) -> bytes:
    message = EmailMessage()
    message["From"] = "Bench Weekly <bench@weekly.example>"
    message["To"] = "team@example.org"
    message["Subject"] = f"Bench Weekly #{number}"
    message["Message-ID"] = f"<bench-{number}@weekly.example>"
    items = "".join(
        f'<h3><a href="https://example.org/{number}/story-{i}">Story {i} of issue {number}</a></h3>'
        f"<p>Why story {i} matters this week, in a sentence or two.</p>"
        for i in range(8)
    )
    message.set_content("Plain text version\n")
    message.add_alternative(
        f"<html><body><h1>Bench {number}</h1>{items}</body></html>", subtype="html"
    )
    return message.as_bytes()


def settings(server: Dovecot, folder: str) -> MailSettings:
    account = ImapAccount(
        name="bench",
        host=server.host,
        port=server.port,
        security="none",
        username=server.user,
        password=server.password,  # type: ignore[arg-type]
        folders=[folder],
        first_run_days=None,
        batch_size=100,
    )
    return MailSettings(accounts=[account])


def client(server: Dovecot) -> IMAPClient:
    imap = IMAPClient(server.host, port=server.port, ssl=False, timeout=30)
    imap.login(server.user, server.password)
    return imap


async def latency(server: Dovecot, work: Path, appends: int) -> list[float]:
    folder = "Latency"
    with client(server) as imap:
        imap.create_folder(folder)
    url = f"sqlite:///{work / 'latency.db'}"
    store = Store.open(url)
    rules = default_rules()
    ingestor = Ingestor(store, lambda: rules)
    stored: dict[str, float] = {}
    arrived = threading.Condition()

    def sink(raw: bytes, source: str) -> object:
        report = ingestor.ingest(raw, source)
        with arrived:
            stored[report.message_id] = time.perf_counter()
            arrived.notify_all()
        return report

    def idling() -> bool:
        return any(s.idling for s in read_statuses(store.engine))

    stop = asyncio.Event()
    task = asyncio.create_task(run_mailboxes(settings(server, folder), url, sink, stop))
    while not await asyncio.to_thread(idling):  # noqa: ASYNC110 (the state is in the database)
        await asyncio.sleep(0.05)

    def append_all() -> list[float]:
        results = []
        with client(server) as imap:
            for number in range(appends):
                raw = newsletter(number)
                start = time.perf_counter()
                imap.append(folder, raw)
                key = f"<bench-{number}@weekly.example>"
                with arrived:
                    if not arrived.wait_for(lambda k=key: k in stored, timeout=30):  # type: ignore[misc]
                        raise RuntimeError(f"newsletter {number} was not stored within 30 s")
                results.append(stored[key] - start)
                time.sleep(0.05)  # let the watcher go back to IDLE, as between real arrivals
        return results

    try:
        return await asyncio.to_thread(append_all)
    finally:
        stop.set()
        await task
        store.close()


def server_notify_latency(server: Dovecot, appends: int) -> list[float]:
    """The floor set by the server: APPEND in one session until EXISTS reaches an idler."""
    folder = "Notify"
    results = []
    with client(server) as writer, client(server) as idler:
        writer.create_folder(folder)
        idler.select_folder(folder, readonly=True)
        for number in range(appends):
            idler.idle()
            start = time.perf_counter()
            writer.append(folder, newsletter(number))
            while not any(r[1] == b"EXISTS" for r in idler.idle_check(timeout=5) if len(r) > 1):
                pass
            results.append(time.perf_counter() - start)
            idler.idle_done()
    return results


def backfill_rate(server: Dovecot, work: Path, count: int) -> tuple[float, float]:
    folder = "Backfill"
    with client(server) as imap:
        imap.create_folder(folder)
        mails = [newsletter(10_000 + n) for n in range(count)]
        for start in range(0, count, 200):
            imap.multiappend(folder, mails[start : start + 200])
    config = settings(server, folder)

    start = time.perf_counter()
    stats = backfill(config, "bench", folder, None, lambda raw, source: None, None)
    fetch_only = stats.delivered / (time.perf_counter() - start)

    store = Store.open(f"sqlite:///{work / 'backfill.db'}")
    rules = default_rules()
    ingestor = Ingestor(store, lambda: rules)
    start = time.perf_counter()
    stats = backfill(config, "bench", folder, None, ingestor.ingest, None)
    full = stats.delivered / (time.perf_counter() - start)
    assert store.counts()["emails"] == count, "every backfilled email must be stored"
    store.close()
    return fetch_only, full


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--appends", type=int, default=100)
    parser.add_argument("--backfill", type=int, default=1000)
    args = parser.parse_args()
    ensure_installed()
    work = Path(tempfile.mkdtemp(prefix="gleaner-bench-imap-"))
    server = Dovecot(work / "dovecot")
    server.start()
    try:
        floor = sorted(server_notify_latency(server, 20))
        print(
            f"server floor: APPEND to IDLE EXISTS, plain imapclient, median {statistics.median(floor) * 1000:.0f} ms"
        )
        times = asyncio.run(latency(server, work, args.appends))
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
        print(f"arrival-to-stored over {len(times)} appends while idling:")
        print(
            f"  median {statistics.median(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
        )
        fetch_only, full = backfill_rate(server, work, args.backfill)
        print(f"backfill of {args.backfill} emails:")
        print(f"  IMAP fetch only: {fetch_only:,.0f} emails/s")
        print(f"  fetch + parse + store (SQLite): {full:,.0f} emails/s")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
