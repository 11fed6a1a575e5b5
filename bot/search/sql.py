# ruff: noqa: S608  -- SQL here is assembled from fixed fragments only; every value is a bound parameter.
"""SQL for search, per dialect. User text only ever travels as bound parameters.

SQLite ranks with FTS5's bm25 over ``items_fts``; PostgreSQL with ts_rank_cd
over ``item_search``. Both blend relevance with recency the same way: an
item's relevance is scaled by a factor that falls from 1 (today) towards 0.5
(long ago), so a strong old match still beats a weak new one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.search.hits import START, STOP
from bot.search.query import Ago, Query, When
from bot.search.stopwords import is_stopword, trim_phrase

HALF_LIFE_DAYS = 30.0
"""Age at which the recency factor is halfway between 1 and 0.5."""
BM25_WEIGHTS = "10.0, 2.0, 1.5, 1.0"
"""Column weights of items_fts (title, blurb, section, newsletter): a title match counts most."""
WINDOW = 500
"""SQLite ranks at most the newest WINDOW matching items (see ``sqlite_ranked``)."""
SCAN_WINDOW = 1000
"""With filters, first rank what passes them among the newest SCAN_WINDOW matches ..."""
MIN_CANDIDATES = 20
"""... unless fewer than this pass: then the newest FILTERED_WINDOW matches that pass them."""
FILTERED_WINDOW = 200
SNIPPET_TOKENS = 32

Params = dict[str, Any]


@dataclass(slots=True)
class Where:
    """Filter conditions and their parameters, shared by both dialects."""

    clauses: list[str] = field(default_factory=list)
    params: Params = field(default_factory=dict)

    def sql(self) -> str:
        return " AND ".join(self.clauses) if self.clauses else "1 = 1"


def _like(value: str) -> str:
    escaped = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def resolve(when: When, now: datetime) -> date:
    if isinstance(when, Ago):
        try:
            return (now - when.delta()).date()
        except OverflowError:
            return date.min
    return when


def filters(query: Query, day: str, now: datetime, *, iso_dates: bool, fence: str = "") -> Where:
    """WHERE conditions for the query's filters; ``day`` is the dialect's issue-date expression.

    ``fence`` ends each EXISTS subquery: PostgreSQL's " OFFSET 0" keeps it a per-row
    test of the few matches, instead of a join over every appearance in the newsletter.
    """
    where = Where()
    if query.newsletters:
        ors = []
        for i, value in enumerate(query.newsletters):
            where.params[f"nl{i}"] = _like(value)
            where.params[f"nf{i}"] = value.casefold()
            ors.append(f"lower(n2.name) LIKE :nl{i} ESCAPE '\\' OR lower(n2.family) = :nf{i}")
        where.clauses.append(
            "EXISTS (SELECT 1 FROM appearances AS a2 JOIN newsletters AS n2 ON n2.id = a2.newsletter_id "
            f"WHERE a2.item_id = i.id AND ({' OR '.join(ors)}){fence})"
        )
    if query.sections:
        ors = []
        for i, value in enumerate(query.sections):
            where.params[f"sec{i}"] = _like(value)
            ors.append(
                f"lower(a3.section) LIKE :sec{i} ESCAPE '\\' OR lower(a3.other_sections) LIKE :sec{i} ESCAPE '\\'"
            )
        where.clauses.append(
            "EXISTS (SELECT 1 FROM appearances AS a3 "
            f"WHERE a3.item_id = i.id AND ({' OR '.join(ors)}){fence})"
        )
    if query.kinds:
        names = []
        for i, kind in enumerate(query.kinds):
            where.params[f"k{i}"] = kind.value
            names.append(f":k{i}")
        where.clauses.append(f"i.kind IN ({', '.join(names)})")
    if query.sponsor is not None:
        where.params["sponsor"] = query.sponsor
        where.clauses.append("i.sponsor = :sponsor")
    for key, when, op in (("since", query.since, ">="), ("before", query.before, "<")):
        if when is not None:
            bound = resolve(when, now)
            where.params[key] = bound.isoformat() if iso_dates else bound
            where.clauses.append(f"{day} {op} :{key}")
    return where


def topic_keywords(query: Query, topics: Mapping[str, Sequence[str]] | None) -> list[list[str]]:
    """Keyword lists of the query's topics; the caller checked every name exists."""
    lookup = {name.casefold(): list(words) for name, words in (topics or {}).items()}
    return [lookup[name.casefold()] for name in query.topics]


# -- SQLite -------------------------------------------------------------------

SQLITE_DAY = "COALESCE(n.issue_date, date(i.created_at))"


def fts5_string(text: str) -> str:
    """One FTS5 string token: quoted, so its words are data and never query syntax."""
    return '"' + text.replace('"', '""') + '"'


def fts5_match(query: Query, topic_words: list[list[str]]) -> str:
    """The FTS5 MATCH string: quoted terms only, stop words left out where others remain."""
    words = [w for w in query.words if not is_stopword(w)]
    phrases = [trim_phrase(p) for p in query.phrases]
    if not (words or phrases or topic_words):
        words = list(query.words)  # only stop words: search for them after all
    parts = [fts5_string(t) for t in (*words, *phrases)]
    for keywords in topic_words:
        parts.append("(" + " OR ".join(fts5_string(w) for w in keywords) + ")")
    expression = " AND ".join(parts)
    if query.excluded:
        expression = f"({expression}) NOT ({' OR '.join(fts5_string(x) for x in query.excluded)})"
    return expression


def sqlite_ranked(where: Where, *, scan: bool = False) -> str:
    """Matches ranked by bm25 blended with recency, over a bounded set of candidates.

    FTS5 walks its doclists newest rowid first, so the work stops early: the
    candidates are the newest ``:window`` matches that pass the filters, or with
    ``scan`` the ones that pass among the newest ``:window`` matches at all
    (cheaper when filters reject most rows; the engine falls back to the first
    form when that leaves too few). A word found in half the archive thus costs
    no more than a rare one, and below the window (every rare word, most word
    combinations) the ranking is exact. Only the page's rows are read in full.
    """
    if scan:
        candidates = (
            f"SELECT i.id AS id, {SQLITE_DAY} AS day, m.rel FROM ("
            f"SELECT rowid AS id, bm25(items_fts, {BM25_WEIGHTS}) AS rel FROM items_fts "
            "WHERE items_fts MATCH :match ORDER BY rowid DESC LIMIT :window) AS m "
            "JOIN items AS i ON i.id = m.id JOIN newsletters AS n ON n.id = i.first_newsletter_id "
            f"WHERE {where.sql()}"
        )
    else:
        candidates = (
            f"SELECT i.id AS id, {SQLITE_DAY} AS day, bm25(items_fts, {BM25_WEIGHTS}) AS rel "
            "FROM items_fts JOIN items AS i ON i.id = items_fts.rowid "
            "JOIN newsletters AS n ON n.id = i.first_newsletter_id "
            f"WHERE items_fts MATCH :match AND {where.sql()} "
            "ORDER BY items_fts.rowid DESC LIMIT :window"
        )
    return (
        "SELECT i.id, i.title, i.url, i.canonical_url, i.blurb, i.section, i.kind, i.sponsor, "
        "n.name AS newsletter, r.day, r.score, r.candidates FROM ("
        "SELECT c.id, c.day, c.rel * (0.5 + 0.5 / (1.0 + max(julianday(:today) - julianday(c.day), 0) "
        f"/ :half_life)) AS score, count(*) OVER () AS candidates FROM ({candidates}) AS c "
        "ORDER BY score, c.id DESC LIMIT :limit OFFSET :offset) AS r "
        "JOIN items AS i ON i.id = r.id JOIN newsletters AS n ON n.id = i.first_newsletter_id "
        "ORDER BY r.score, r.id DESC"
    )


SQLITE_MARKS = (
    f"SELECT rowid, highlight(items_fts, 0, '{START}', '{STOP}'), "
    f"snippet(items_fts, 1, '{START}', '{STOP}', '…', {SNIPPET_TOKENS}) "
    "FROM items_fts WHERE items_fts MATCH :match AND rowid IN :ids"
)
"""The marked title and snippet of each hit on the page, in one query (bind ``ids`` as
an expanding parameter)."""


# -- PostgreSQL ---------------------------------------------------------------

PG_DAY = "COALESCE(n.issue_date, CAST(i.created_at AT TIME ZONE 'UTC' AS date))"
PG_TITLE_OPTIONS = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
PG_SNIPPET_OPTIONS = f"StartSel={START}, StopSel={STOP}, MaxWords={SNIPPET_TOKENS}, MinWords=12"


def tsquery(query: Query, topic_words: list[list[str]], params: Params) -> str:
    """A tsquery expression built from bound parameters only."""

    def one(value: str) -> str:
        name = f"tq{len(params)}"
        params[name] = value
        return f"phraseto_tsquery('english', :{name})"

    parts = [one(t) for t in (*query.words, *query.phrases)]
    for words in topic_words:
        parts.append("(" + " || ".join(one(w) for w in words) + ")")
    parts += [f"!!{one(x)}" for x in query.excluded]
    return " && ".join(parts)


def pg_ranked(where: Where, tsq: str, *, scan: bool = False) -> str:
    """The same candidate windows as ``sqlite_ranked``, ranked by ts_rank_cd and recency.

    The tsquery is written out where it is used so that the planner sees its value:
    for a common word it walks the primary key backwards and stops at the window,
    for a rare one it takes the GIN index.
    """
    if scan or not where.clauses:
        candidates = (
            f"SELECT i.id, {PG_DAY} AS day, ts_rank_cd(w.document, {tsq}, 32) AS rel FROM ("
            f"SELECT item_id, document FROM item_search WHERE document @@ ({tsq}) "
            "ORDER BY item_id DESC LIMIT :window) AS w "
            "JOIN items AS i ON i.id = w.item_id "
            "JOIN newsletters AS n ON n.id = i.first_newsletter_id "
            f"WHERE {where.sql()}"
        )
    else:
        candidates = (
            f"SELECT i.id, {PG_DAY} AS day, ts_rank_cd(s.document, {tsq}, 32) AS rel "
            "FROM item_search AS s JOIN items AS i ON i.id = s.item_id "
            "JOIN newsletters AS n ON n.id = i.first_newsletter_id "
            f"WHERE s.document @@ ({tsq}) AND {where.sql()} "
            "ORDER BY s.item_id DESC LIMIT :window"
        )
    return (
        "SELECT i.id, i.title, i.url, i.canonical_url, i.blurb, i.section, i.kind, i.sponsor, "
        "n.name AS newsletter, r.day, r.score, r.candidates, "
        f"ts_headline('english', i.title, {tsq}, :title_options) AS title_marked, "
        f"ts_headline('english', i.blurb, {tsq}, :snippet_options) AS snippet_marked FROM ("
        "SELECT c.id, c.day, c.rel * (0.5 + 0.5 / (1.0 + "
        "GREATEST(CAST(:today AS date) - c.day, 0) / :half_life)) AS score, "
        f"count(*) OVER () AS candidates FROM ({candidates}) AS c "
        "ORDER BY score DESC, c.id DESC LIMIT :limit OFFSET :offset) AS r "
        "JOIN items AS i ON i.id = r.id JOIN newsletters AS n ON n.id = i.first_newsletter_id "
        "ORDER BY r.score DESC, r.id DESC"
    )


# -- both ---------------------------------------------------------------------


def newest(where: Where, day: str) -> str:
    """Filters without words: newest first."""
    return (
        "SELECT i.id, i.title, i.url, i.canonical_url, i.blurb, i.section, i.kind, i.sponsor, "
        f"n.name AS newsletter, {day} AS day, 0.0 AS score "
        "FROM items AS i JOIN newsletters AS n ON n.id = i.first_newsletter_id "
        f"WHERE {where.sql()} ORDER BY day DESC, i.id DESC LIMIT :limit OFFSET :offset"
    )


ALSO_IN = (
    "SELECT a.item_id, n.name FROM appearances AS a JOIN newsletters AS n ON n.id = a.newsletter_id "
    "WHERE a.item_id IN :ids ORDER BY a.id"
)
