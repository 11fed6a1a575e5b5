"""The search query language: free words, "quoted phrases", -exclusions and filters.

Pure: text in, a frozen :class:`Query` out, or :class:`~bot.errors.QueryError`
carrying a short help text. ``Query.format()`` writes the canonical form back,
and parsing that form gives the same query (a property test holds us to it).
Nothing here touches the database; the engine turns a Query into bound
parameters, never into SQL text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from bot.errors import QueryError
from bot.models import Kind

MAX_LENGTH = 500
"""Longest query accepted, in characters: chat inputs are short, and the cap bounds the SQL work."""
MAX_TERMS = 24
"""Most words, phrases, exclusions and filter values in one query."""

FILTERS = ("from", "section", "topic", "kind", "since", "before", "sponsor")

HELP = (
    'Search syntax: words and "quoted phrases" (all must match), -word to exclude, and filters:\n'
    "  from:<newsletter>   section:<name>   topic:<name>   kind:"
    + "|".join(k.value for k in Kind)
    + "\n  since:7d (h, d, w, m, y, or YYYY-MM-DD)   before:2025-04-01   sponsor:no|yes\n"
    'Quote values with spaces: from:"TLDR AI". Example: "sparse attention" kind:paper since:30d'
)

Unit = Literal["h", "d", "w", "m", "y"]
_UNIT_DAYS: dict[str, float] = {"h": 1 / 24, "d": 1, "w": 7, "m": 30, "y": 365}
_AGO = re.compile(r"^(\d{1,4})([hdwmy])$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FILTER_KEY = re.compile(r"([A-Za-z]+):")
_SEARCHABLE = re.compile(r"[^\W_]")
"""A letter or digit: what the full-text tokenisers keep."""
_BARE_SAFE = re.compile(r'^[^\s"]+$')
_QUOTES = str.maketrans(dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'))
"""Typographic double quotes (chat clients turn " into them as you type) quote like "."""
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
"""Control characters (NUL above all) that no database should see; white space stays."""


@dataclass(frozen=True, slots=True)
class Ago:
    """A time relative to now, as written: ``7d`` is seven days ago."""

    count: int
    unit: Unit

    def delta(self) -> timedelta:
        return timedelta(days=self.count * _UNIT_DAYS[self.unit])

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


When = Ago | date


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed search query. Repeated filters of one kind are alternatives (OR)."""

    words: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    """Words or phrases that must not match."""
    newsletters: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    kinds: tuple[Kind, ...] = ()
    since: When | None = None
    before: When | None = None
    sponsor: bool | None = None
    """None: sponsored items and others; False: no sponsored items; True: only those."""

    @property
    def has_text(self) -> bool:
        """Whether full-text matching is needed (else filters alone, newest first)."""
        return bool(self.words or self.phrases or self.topics)

    @property
    def has_filters(self) -> bool:
        return bool(
            self.newsletters
            or self.sections
            or self.kinds
            or self.since is not None
            or self.before is not None
            or self.sponsor is not None
        )

    @property
    def is_empty(self) -> bool:
        return self == Query()

    def format(self) -> str:
        """The canonical text of this query; ``parse(q.format()) == q``."""
        parts: list[str] = list(self.words)
        parts += [_quote(p, force=True) for p in self.phrases]
        parts += ["-" + _quote(x) for x in self.excluded]
        parts += [f"from:{_quote(v)}" for v in self.newsletters]
        parts += [f"section:{_quote(v)}" for v in self.sections]
        parts += [f"topic:{_quote(v)}" for v in self.topics]
        parts += [f"kind:{k.value}" for k in self.kinds]
        if self.since is not None:
            parts.append(f"since:{_when_text(self.since)}")
        if self.before is not None:
            parts.append(f"before:{_when_text(self.before)}")
        if self.sponsor is not None:
            parts.append("sponsor:" + ("yes" if self.sponsor else "no"))
        return " ".join(parts)


def _quote(value: str, *, force: bool = False) -> str:
    key = _FILTER_KEY.match(value)
    if force or not _BARE_SAFE.match(value) or (key and not value.startswith("//", key.end())):
        return f'"{value}"'
    return value


def _when_text(when: When) -> str:
    return str(when) if isinstance(when, Ago) else when.isoformat()


def _fail(message: str) -> QueryError:
    return QueryError(f"{message}\n\n{HELP}")


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    quoted: bool = False
    negated: bool = False
    key: str | None = None
    """The filter name of ``key:value``; None for words and phrases."""


def _read_value(text: str, i: int) -> tuple[str, bool, int]:
    """Read a quoted string or a bare run (up to white space or a quote) from ``i``."""
    if i < len(text) and text[i] == '"':
        end = text.find('"', i + 1)
        if end < 0:
            raise _fail(f"unclosed quote at character {i + 1}")
        return text[i + 1 : end], True, end + 1
    j = i
    while j < len(text) and not text[j].isspace() and text[j] != '"':
        j += 1
    return text[i:j], False, j


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = text[i] == "-"
        if negated:
            i += 1
        key = _FILTER_KEY.match(text, i)
        if key and not text.startswith("//", key.end()):
            name = key.group(1).lower()
            if name not in FILTERS:
                raise _fail(
                    f"unknown filter {name}: (known: {', '.join(f + ':' for f in FILTERS)})"
                )
            if negated:
                raise _fail(f"filters cannot be negated (-{name}:)")
            value, quoted, i = _read_value(text, key.end())
            tokens.append(_Token(value, quoted, key=name))
            continue
        value, quoted, i = _read_value(text, i)
        tokens.append(_Token(value, quoted, negated))
    return tokens


def _clean(value: str) -> str:
    return " ".join(value.split())


def _when(key: str, value: str) -> When:
    value = value.lower()
    if m := _AGO.match(value):
        return Ago(int(m.group(1)), m.group(2))  # type: ignore[arg-type]
    if _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _fail(f"{key}:{value} is not a real date") from None
    raise _fail(f"{key}: wants a date like 2025-04-01 or an age like 7d, 2w, 3m (got {value!r})")


def _kinds(value: str, kinds: list[Kind]) -> None:
    for one in re.split(r"[|,]", value.lower()):
        try:
            kind = Kind(one)
        except ValueError:
            known = ", ".join(k.value for k in Kind)
            raise _fail(f"unknown kind {one!r} (known: {known})") from None
        if kind not in kinds:
            kinds.append(kind)


def parse(text: str) -> Query:
    """Parse a query, or raise QueryError with a short help text."""
    if len(text) > MAX_LENGTH:
        raise _fail(f"the query is too long ({len(text)} characters; at most {MAX_LENGTH})")
    text = _CONTROL.sub(" ", text).translate(_QUOTES)
    words: list[str] = []
    phrases: list[str] = []
    excluded: list[str] = []
    lists: dict[str, list[str]] = {"from": [], "section": [], "topic": []}
    kinds: list[Kind] = []
    when: dict[str, When] = {}
    sponsor: bool | None = None
    tokens = _tokens(text)
    if len(tokens) > MAX_TERMS:
        raise _fail(f"too many terms ({len(tokens)}; at most {MAX_TERMS})")
    for token in tokens:
        value = _clean(token.text)
        if token.key is not None:
            if not value:
                raise _fail(f"{token.key}: needs a value")
            if token.key in lists:
                if value.casefold() not in (v.casefold() for v in lists[token.key]):
                    lists[token.key].append(value)
            elif token.key == "kind":
                _kinds(value, kinds)
            elif token.key in ("since", "before"):
                when[token.key] = _when(token.key, value)
            else:
                sponsor = _yes_no(value)
        elif not _SEARCHABLE.search(value):
            continue  # punctuation alone matches nothing in a full-text index
        elif token.negated:
            if value not in excluded:
                excluded.append(value)
        elif token.quoted:
            if value not in phrases:
                phrases.append(value)
        elif value not in words:
            words.append(value)
    query = Query(
        words=tuple(words),
        phrases=tuple(phrases),
        excluded=tuple(excluded),
        newsletters=tuple(lists["from"]),
        sections=tuple(lists["section"]),
        topics=tuple(lists["topic"]),
        kinds=tuple(kinds),
        since=when.get("since"),
        before=when.get("before"),
        sponsor=sponsor,
    )
    if excluded and query.has_text is False and not query.has_filters:
        raise _fail("a query needs something to find, not only -exclusions")
    return query


def _yes_no(value: str) -> bool:
    lowered = value.lower()
    if lowered in ("yes", "y", "true", "only", "1"):
        return True
    if lowered in ("no", "n", "false", "0"):
        return False
    raise _fail(f"sponsor: wants yes or no (got {value!r})")
