"""The one search engine behind ``gleaner search`` and the chat slash commands.

Synchronous, like the store: callers in the event loop use ``asyncio.to_thread``.
Topics (``topic:name``) resolve through the mapping the composition root passes
in from the rules, so search stays independent of the rules package.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.exc import SQLAlchemyError

from bot.errors import QueryError, StoreError
from bot.models import Kind
from bot.normalise.urls import clean_url
from bot.search import sql
from bot.search.hits import Hit, Marked, SearchPage, Span, spans
from bot.search.query import HELP, Query, parse
from bot.store import Store, describe

MAX_LIMIT = 50
MAX_OFFSET = 1_000_000
"""Paging stops here: far beyond any archive, well inside a 64-bit (and SQLite) integer."""
SNIPPET_WORDS = 32


def search(
    store: Store,
    text: str,
    *,
    limit: int = 10,
    offset: int = 0,
    topics: Mapping[str, Sequence[str]] | None = None,
    now: datetime | None = None,
) -> SearchPage:
    """Parse ``text`` and run it; QueryError (with help) for bad syntax or an unknown topic."""
    query = parse(text)
    if query.is_empty:
        raise QueryError(f"nothing to search for\n\n{HELP}")
    return run(store, query, text=text, limit=limit, offset=offset, topics=topics, now=now)


def run(
    store: Store,
    query: Query,
    *,
    text: str = "",
    limit: int = 10,
    offset: int = 0,
    topics: Mapping[str, Sequence[str]] | None = None,
    now: datetime | None = None,
) -> SearchPage:
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, min(offset, MAX_OFFSET))
    now = now or datetime.now(UTC)
    topic_words = _topics(query, topics)
    try:
        with store.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                hits = _sqlite(conn, query, topic_words, limit, offset, now)
            else:
                hits = _postgres(conn, query, topic_words, limit, offset, now)
            also = _also_in(conn, [hit.item_id for hit in hits[:limit]])
    except SQLAlchemyError as exc:
        raise StoreError(f"search failed: {describe(exc)}") from exc
    page = tuple(_with_also_in(hit, also.get(hit.item_id, [])) for hit in hits[:limit])
    return SearchPage(text or query.format(), query, page, offset, limit, len(hits) > limit)


def _topics(query: Query, topics: Mapping[str, Sequence[str]] | None) -> list[list[str]]:
    known = {name.casefold() for name in topics or {}}
    for name in query.topics:
        if name.casefold() not in known:
            listed = ", ".join(sorted(topics or {})) or "none are configured in the rules"
            raise QueryError(f"unknown topic {name!r} (known topics: {listed})\n\n{HELP}")
    found = sql.topic_keywords(query, topics)
    for name, words in zip(query.topics, found, strict=True):
        if not words:
            raise QueryError(f"topic {name!r} has no keywords to search for\n\n{HELP}")
    return found


def _base_params(limit: int, offset: int) -> dict[str, Any]:
    # One row more than the page: its presence is ``has_more``.
    return {"limit": limit + 1, "offset": offset, "half_life": sql.HALF_LIFE_DAYS}


def _sqlite(
    conn: Connection,
    query: Query,
    topic_words: list[list[str]],
    limit: int,
    offset: int,
    now: datetime,
) -> list[Hit]:
    where = sql.filters(query, sql.SQLITE_DAY, now, iso_dates=True)
    params = {**where.params, **_base_params(limit, offset)}
    if not query.has_text:
        rows = conn.execute(text(sql.newest(where, sql.SQLITE_DAY)), params).mappings().all()
        return [_hit(row, _plain_marks(row)) for row in rows]
    match = sql.fts5_match(query, topic_words)
    params.update(match=match, today=now.date().isoformat())
    rows = _ranked_rows(conn, where, params, lambda scan: sql.sqlite_ranked(where, scan=scan))
    page = rows[:limit]
    marks_sql = text(sql.SQLITE_MARKS).bindparams(bindparam("ids", expanding=True))
    marked = (
        {
            rowid: (spans(title), spans(snippet))
            for rowid, title, snippet in conn.execute(
                marks_sql, {"match": match, "ids": [row["id"] for row in page]}
            )
        }
        if page
        else {}
    )
    hits = [_hit(row, marked.get(row["id"]) or _plain_marks(row)) for row in page]
    return hits + [_hit(row, _plain_marks(row)) for row in rows[limit:]]


def _ranked_rows(
    conn: Connection, where: sql.Where, params: dict[str, Any], build: Callable[[bool], str]
) -> Any:
    """Ranked rows; with filters, the cheap scanning form first (see ``sql.sqlite_ranked``).

    The choice and the windows depend on the query alone, never on the page, so the
    pages of one query never overlap or skip.
    """
    if where.clauses:
        scan = text(build(True))
        scan_params = {**params, "window": sql.SCAN_WINDOW}
        rows = conn.execute(scan, scan_params).mappings().all()
        if not rows and params["offset"]:
            first = conn.execute(scan, {**scan_params, "offset": 0, "limit": 1}).mappings().all()
            candidates = first[0]["candidates"] if first else 0
        else:
            candidates = rows[0]["candidates"] if rows else 0
        if candidates >= sql.MIN_CANDIDATES:
            return rows
    window = {**params, "window": sql.FILTERED_WINDOW if where.clauses else sql.WINDOW}
    return conn.execute(text(build(False)), window).mappings().all()


def _postgres(
    conn: Connection,
    query: Query,
    topic_words: list[list[str]],
    limit: int,
    offset: int,
    now: datetime,
) -> list[Hit]:
    where = sql.filters(query, sql.PG_DAY, now, iso_dates=False, fence=" OFFSET 0")
    params = {**where.params, **_base_params(limit, offset)}
    if not query.has_text:
        rows = conn.execute(text(sql.newest(where, sql.PG_DAY)), params).mappings().all()
        return [_hit(row, _plain_marks(row)) for row in rows]
    tsq = sql.tsquery(query, topic_words, params)
    params.update(
        today=now.date(),
        title_options=sql.PG_TITLE_OPTIONS,
        snippet_options=sql.PG_SNIPPET_OPTIONS,
    )
    rows = _ranked_rows(conn, where, params, lambda scan: sql.pg_ranked(where, tsq, scan=scan))
    return [
        _hit(row, (spans(row["title_marked"]), _trimmed(row["blurb"], row["snippet_marked"])))
        for row in rows
    ]


def _trimmed(blurb: str, marked: str) -> Marked:
    """ts_headline drops the ends without saying so; add the ellipses snippet() gives on SQLite."""
    result = spans(marked)
    shown = "".join(s.text for s in result).strip()
    if not shown:
        return result
    start = blurb.find(shown[:20])
    out = list(result)
    if start > 0:
        out.insert(0, Span("…"))
    if start >= 0 and start + len(shown) < len(blurb.rstrip()):
        out.append(Span("…"))
    return tuple(out)


def _plain_marks(row: Any) -> tuple[Marked, Marked]:
    words = row["blurb"].split()
    snippet = " ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS else "")
    return (Span(row["title"]),), ((Span(snippet),) if snippet else ())


def _hit(row: Any, marks: tuple[Marked, Marked]) -> Hit:
    day = row["day"]
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return Hit(
        item_id=int(row["id"]),
        title=row["title"],
        url=clean_url(row["url"]) if row["url"] else row["canonical_url"],
        newsletter=row["newsletter"],
        day=day,
        section=row["section"],
        kind=Kind(row["kind"]) if row["kind"] else None,
        sponsor=bool(row["sponsor"]),
        title_marked=marks[0],
        snippet=marks[1],
        score=float(row["score"] or 0.0),
    )


def _also_in(conn: Connection, ids: list[int]) -> dict[int, list[str]]:
    if not ids:
        return {}
    found: dict[int, list[str]] = {}
    statement = text(sql.ALSO_IN).bindparams(bindparam("ids", expanding=True))
    for item_id, name in conn.execute(statement, {"ids": ids}):
        names = found.setdefault(item_id, [])
        if name not in names:
            names.append(name)
    return found


def _with_also_in(hit: Hit, names: list[str]) -> Hit:
    others = tuple(name for name in names if name != hit.newsletter)
    return replace(hit, also_in=others) if others else hit
