"""Search latency over 100,000 and 1,000,000 generated items, next to a raw FTS5 MATCH.

    .venv/bin/python bench/search.py                      # --items 100000,1000000
    .venv/bin/python bench/search.py --items 100000 --queries 300

Items are generated from one seeded, Zipf-distributed vocabulary (so some words
are everywhere and most are rare, as in real text) and inserted straight into
the tables and the FTS5 index with executemany; ``Store.save_issue`` would take
far longer and is not what is measured. The schema comes from the real Alembic
migrations. Each query runs through ``bot.search.search`` (parse, ranking with
recency, snippets, also-in: the whole answer a slash command shows) and, for the
floor, as a bare ``SELECT rowid … MATCH … ORDER BY rank LIMIT 10`` with the same
MATCH string. Every query runs once to warm the page cache, then is timed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.search import parse, search
from bot.search.sql import fts5_match
from bot.search.stopwords import STOPWORDS
from bot.store import Store

SEED = 7
VOCABULARY = 40_000
PER_ISSUE = 40
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
NEWSLETTERS = [
    ("tldr", "TLDR AI"),
    ("tldr", "TLDR Tech"),
    ("hf_papers", "Hugging Face Papers"),
    ("roundup", "The Zeitgeist"),
    ("generic", "Import AI"),
    ("generic", "The Batch"),
    ("generic", "Last Week in AI"),
    ("generic", "Ahead of AI"),
]
SECTIONS = [
    "Headlines & Launches",
    "Research",
    "Engineering",
    "Tools",
    "Papers",
    "Opinion",
    "Quick links",
]
KINDS = [None, None, "article", "paper", "repo", "video", "model"]
STOP_ORDER = sorted(STOPWORDS)
SYLLABLES = [
    a + b for a in "bcdfghjklmnprstvwz" for b in ("a", "e", "i", "o", "u", "ai", "ou", "ea")
]


def vocabulary(rng: random.Random) -> list[str]:
    """Stop words first (the most frequent words of English text), then made-up words."""
    words: set[str] = set()
    while len(words) < VOCABULARY - len(STOP_ORDER):
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return STOP_ORDER + sorted(words, key=lambda w: rng.random())


def token_pool(rng: random.Random, words: list[str], size: int) -> list[str]:
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(words))))
    return rng.choices(words, cum_weights=cumulative, k=size)


def generate(path: Path, items: int) -> None:
    """Create the schema with the migrations, then bulk-load ``items`` items."""
    Store.open(f"sqlite:///{path}").close()
    rng = random.Random(SEED)
    words = vocabulary(rng)
    pool = token_pool(rng, words, 2_000_000)
    conn = sqlite3.connect(path)
    conn.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-400000;"
    )
    issues = (items + PER_ISSUE - 1) // PER_ISSUE
    start_day = NOW.date() - timedelta(days=3 * 365)
    stamp = NOW.strftime("%Y-%m-%d %H:%M:%S.000000")
    conn.executemany(
        "INSERT INTO raw_emails (id, content_hash, message_id, source, received_at, size, data, status) "
        "VALUES (?, ?, ?, 'bench', ?, 0, x'', 'parsed')",
        ((i, f"{i:064x}", f"<{i}@bench>", stamp) for i in range(1, issues + 1)),
    )
    issue_rows = []
    for i in range(1, issues + 1):
        family, name = NEWSLETTERS[i % len(NEWSLETTERS)]
        day = start_day + timedelta(days=(i * 3 * 365) // issues)
        issue_rows.append((i, i, family, name, day.isoformat(), f"<{i}@bench>", stamp))
    conn.executemany(
        "INSERT INTO newsletters (id, raw_email_id, family, name, issue_date, message_id, parser, "
        "parser_version, reason, sender, subject, warnings, item_count, created_at) "
        f"VALUES (?, ?, ?, ?, ?, ?, 'bench', '1', 'bench', 'news@example.com', 'issue', '[]', {PER_ISSUE}, ?)",
        issue_rows,
    )
    names = {row[0]: row[3] for row in issue_rows}
    batch = 50_000
    for first in range(1, items + 1, batch):
        item_rows, fts_rows, seen_rows = [], [], []
        for item_id in range(first, min(first + batch, items + 1)):
            issue = (item_id - 1) // PER_ISSUE + 1
            at = rng.randrange(len(pool) - 60)
            title = " ".join(pool[at : at + rng.randint(5, 10)]).capitalize()
            at = rng.randrange(len(pool) - 60)
            blurb = " ".join(pool[at : at + rng.randint(20, 45)]) + "."
            section = SECTIONS[item_id % len(SECTIONS)]
            kind = KINDS[rng.randrange(len(KINDS))]
            url = f"https://example.com/{item_id}"
            item_rows.append(
                (
                    item_id,
                    f"{item_id:032x}",
                    title,
                    url,
                    url,
                    blurb,
                    section,
                    rng.random() < 0.02,
                    kind,
                    issue,
                    stamp,
                )
            )
            seen_rows.append((item_id, issue, item_id % PER_ISSUE, section))
            newsletter = names[issue]
            if rng.random() < 0.03 and issue > 1:  # carried again by an earlier issue: "also in"
                other = rng.randrange(1, issue)
                seen_rows.append((item_id, other, 0, section))
                newsletter += " " + names[other]
            fts_rows.append((item_id, title, blurb, section, newsletter))
        conn.executemany(
            "INSERT INTO items (id, key, title, url, canonical_url, blurb, section, sponsor, kind, "
            "authors, links, first_newsletter_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', ?, ?)",
            item_rows,
        )
        conn.executemany(
            "INSERT OR IGNORE INTO appearances (item_id, newsletter_id, position, section, other_sections, sponsor) "
            "VALUES (?, ?, ?, ?, '[]', 0)",
            seen_rows,
        )
        conn.executemany(
            "INSERT INTO items_fts (rowid, title, blurb, section, newsletter) VALUES (?, ?, ?, ?, ?)",
            fts_rows,
        )
        conn.commit()
    conn.close()


def queries(path: Path, count: int) -> list[tuple[str, str]]:
    """(category, query text) drawn from the stored titles, so every query finds something."""
    rng = random.Random(SEED + 1)
    conn = sqlite3.connect(path)
    top = conn.execute("SELECT max(id) FROM items").fetchone()[0]
    titles = [
        conn.execute("SELECT title FROM items WHERE id = ?", (rng.randint(1, top),))
        .fetchone()[0]
        .lower()
        .split()
        for _ in range(count * 2)
    ]
    conn.close()
    found: list[tuple[str, str]] = []

    def content(title: list[str]) -> str:
        return rng.choice([w for w in title if w not in STOPWORDS] or title)

    def two(title: list[str]) -> str:
        words = [w for w in title if w not in STOPWORDS]
        if len(words) >= 2:
            return " ".join(rng.sample(words, 2))
        return f"{content(title)} {rng.choice(sorted(STOPWORDS))}"  # e.g. "about gemma"

    def phrase(title: list[str]) -> str:
        # Adjacent words with at least one content word: what people quote.
        pairs = [p for p in itertools.pairwise(title) if not set(p) <= STOPWORDS] or [
            tuple(title[:2])
        ]
        return '"' + " ".join(rng.choice(pairs)) + '"'

    makers = [
        ("one word", content),
        ("two words", two),
        ("phrase", phrase),
        ("word + filters", lambda t: f"{content(t)} kind:paper since:1y"),
        ("word + from:", lambda t: f'{content(t)} from:"{rng.choice(NEWSLETTERS)[1]}"'),
    ]
    for index, title in zip(range(count), titles, strict=False):
        category, make = makers[index % len(makers)]
        found.append((category, make(title)))
    # Reported apart and left out of "all": nobody searches for "the" alone.
    found += [("stop words only", word) for word in ("the", "of", "and", "a", "to")]
    return found


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1))]


def timed(run: object, repeats: int = 3) -> float:
    """Median of ``repeats`` runs in ms: other work on the box spoils single runs."""
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()  # type: ignore[operator]
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def measure(path: Path, cases: list[tuple[str, str]]) -> dict[str, dict[str, list[float]]]:
    store = Store.open(f"sqlite:///{path}", apply_migrations=False)
    raw = sqlite3.connect(path)
    floor_sql = "SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rank LIMIT 10"
    for _, text in cases:  # warm the page cache
        search(store, text, limit=10, now=NOW)
    timings: dict[str, dict[str, list[float]]] = {}
    for category, text in cases:
        match = fts5_match(parse(text), [])
        engine = timed(lambda text=text: search(store, text, limit=10, now=NOW))
        floor = timed(lambda match=match: raw.execute(floor_sql, (match,)).fetchall())
        names = (category, "all") if category != "stop words only" else (category,)
        for name in names:
            entry = timings.setdefault(name, {"engine": [], "floor": []})
            entry["engine"].append(engine)
            entry["floor"].append(floor)
    raw.close()
    store.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", default="100000,1000000", help="comma-separated archive sizes")
    parser.add_argument("--queries", type=int, default=250)
    parser.add_argument(
        "--dir", type=Path, default=None, help="where the databases go (default: a temp dir)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    if args.dir is not None:
        run(args, args.dir)
        return
    with tempfile.TemporaryDirectory(prefix="gleaner-bench-") as folder:  # 1.1 GB at 1M items
        run(args, Path(folder))


def run(args: argparse.Namespace, folder: Path) -> None:
    results = {}
    for size in (int(s) for s in args.items.split(",")):
        path = folder / f"search-{size}.db"
        if not path.exists():
            began = time.perf_counter()
            generate(path, size)
            print(
                f"generated {size:,} items in {time.perf_counter() - began:.1f} s ({path.stat().st_size / 1e6:.0f} MB)"
            )
        cases = queries(path, args.queries)
        timings = measure(path, cases)
        results[size] = timings
        print(
            f"\n{size:,} items, {len(cases)} queries, ms (engine = bot.search.search; floor = bare FTS5 MATCH)"
        )
        print(f"{'queries':<16}{'engine p50':>11}{'p95':>8}{'p99':>8}{'floor p50':>11}{'p95':>8}")
        for category, entry in timings.items():
            engine, floor = entry["engine"], entry["floor"]
            print(
                f"{category:<16}{statistics.median(engine):>11.2f}{percentile(engine, 0.95):>8.2f}"
                f"{percentile(engine, 0.99):>8.2f}{statistics.median(floor):>11.2f}{percentile(floor, 0.95):>8.2f}"
            )
    if args.json:
        print(
            json.dumps(
                {
                    str(k): {c: {n: sorted(v) for n, v in e.items()} for c, e in t.items()}
                    for k, t in results.items()
                }
            )
        )


if __name__ == "__main__":
    main()
