"""Search latency on PostgreSQL, over the same generated archive as bench/search.py.

    .venv/bin/python bench/search_pg.py                  # --items 100000
    .venv/bin/python bench/search_pg.py --items 100000,1000000 --pg postgresql://postgres@127.0.0.1:5432/postgres

The archive is generated into SQLite by bench/search.py's generator, copied into
a fresh PostgreSQL database (COPY, then the tsvector index built in one INSERT
… SELECT with the weights of ``bot/store/fts.py``), and dropped afterwards.
"engine" is ``bot.search.search``; "floor" is a bare ``SELECT item_id FROM
item_search WHERE document @@ q ORDER BY ts_rank_cd(document, q) DESC LIMIT 10``
with the query's tsquery.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search import NOW, generate, percentile, queries, timed

from bot.search import parse, search
from bot.search.sql import tsquery
from bot.store import Store

TABLES = {
    "raw_emails": "id, content_hash, message_id, source, received_at, size, data, status",
    "newsletters": "id, raw_email_id, family, name, issue_date, message_id, parser, parser_version, "
    "reason, sender, subject, warnings, item_count, created_at",
    "items": "id, key, title, url, canonical_url, blurb, section, sponsor, kind, authors, links, "
    "first_newsletter_id, created_at",
    "appearances": "item_id, newsletter_id, position, section, other_sections, sponsor",
}
INDEX = (
    "INSERT INTO item_search (item_id, document) "
    "SELECT i.id, setweight(to_tsvector('english', i.title), 'A') || "
    "setweight(to_tsvector('english', coalesce(i.section, '')), 'B') || "
    "setweight(to_tsvector('english', string_agg(n.name, ' ')), 'B') || "
    "setweight(to_tsvector('english', i.blurb), 'C') "
    "FROM items i JOIN appearances a ON a.item_id = i.id JOIN newsletters n ON n.id = a.newsletter_id "
    "GROUP BY i.id"
)


def copy_into(source: Path, url: str) -> None:
    Store.open(url.replace("postgresql://", "postgresql+psycopg://", 1)).close()
    lite = sqlite3.connect(source)
    with psycopg.connect(url) as pg:
        for table, columns in TABLES.items():
            with pg.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in lite.execute(f"SELECT {columns} FROM {table}"):
                    if table == "items":
                        row = (*row[:7], bool(row[7]), *row[8:])
                    elif table == "appearances":
                        row = (*row[:5], bool(row[5]))
                    copy.write_row(row)
        pg.execute(INDEX)
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute("VACUUM ANALYZE")  # the steady state autovacuum keeps: GIN pending list merged
    lite.close()


def measure(url: str, cases: list[tuple[str, str]]) -> dict[str, dict[str, list[float]]]:
    store = Store.open(url.replace("postgresql://", "postgresql+psycopg://", 1))
    timings: dict[str, dict[str, list[float]]] = {}
    with psycopg.connect(url) as raw:
        for _, text in cases:
            search(store, text, limit=10, now=NOW)
        for category, text in cases:
            params: dict[str, object] = {}
            floor_sql = (
                "SELECT item_id FROM item_search, (SELECT "
                + _pyformat(tsquery(parse(text), [], params))
                + " AS q) AS q WHERE document @@ q.q ORDER BY ts_rank_cd(document, q.q) DESC LIMIT 10"
            )
            engine = timed(lambda text=text: search(store, text, limit=10, now=NOW))
            floor = timed(lambda sql=floor_sql, p=params: raw.execute(sql, p).fetchall())
            names = (category, "all") if category != "stop words only" else (category,)
            for name in names:
                entry = timings.setdefault(name, {"engine": [], "floor": []})
                entry["engine"].append(engine)
                entry["floor"].append(floor)
    store.close()
    return timings


def _pyformat(expression: str) -> str:
    """``:tq0`` bind markers (SQLAlchemy) as ``%(tq0)s`` (psycopg)."""
    return re.sub(r":(tq\d+)", r"%(\1)s", expression)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", default="100000", help="comma-separated archive sizes")
    parser.add_argument("--queries", type=int, default=250)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    admin = args.pg
    with tempfile.TemporaryDirectory(prefix="gleaner-bench-") as folder:
        for size in (int(s) for s in args.items.split(",")):
            path = Path(folder) / f"search-{size}.db"
            generate(path, size)
            name = f"gleaner_bench_{uuid.uuid4().hex[:10]}"
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            url = admin.rsplit("/", 1)[0] + "/" + name
            try:
                began = time.perf_counter()
                copy_into(path, url)
                print(
                    f"loaded {size:,} items into PostgreSQL in {time.perf_counter() - began:.1f} s"
                )
                cases = queries(path, args.queries)
                report(size, len(cases), measure(url, cases))
            finally:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(size: int, count: int, timings: dict[str, dict[str, list[float]]]) -> None:
    print(f"\n{size:,} items on PostgreSQL, {count} queries, ms (floor = bare @@ + ts_rank_cd)")
    print(f"{'queries':<16}{'engine p50':>11}{'p95':>8}{'p99':>8}{'floor p50':>11}{'p95':>8}")
    for category, entry in timings.items():
        engine, floor = entry["engine"], entry["floor"]
        print(
            f"{category:<16}{statistics.median(engine):>11.2f}{percentile(engine, 0.95):>8.2f}"
            f"{percentile(engine, 0.99):>8.2f}{statistics.median(floor):>11.2f}{percentile(floor, 0.95):>8.2f}"
        )


if __name__ == "__main__":
    main()
