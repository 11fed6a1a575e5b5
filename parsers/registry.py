"""The ordered parser registry: pick the parser that recognises an email best, fall back.

Candidates are ordered by how they recognised the email (sender, List-Id, subject,
content signature; see ``Stage``), then by their place in the registry: built-ins in
``PARSERS`` order, plug-ins from the entry-point group ``gleaner.parsers`` inserted
before the generic fallback. A candidate that raises or returns no items has
under-delivered: it is recorded in ``ParseResult.tried`` and the next one runs.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from importlib.metadata import entry_points

from bot.models import Email, Newsletter, ParseResult
from parsers.base import Match, Parser, Stage
from parsers.generic import GenericParser
from parsers.hf_papers import HfPapersParser
from parsers.roundup import RoundupParser
from parsers.tldr import TldrParser

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "gleaner.parsers"

PARSERS: tuple[Parser, ...] = (TldrParser(), HfPapersParser(), RoundupParser(), GenericParser())
"""Built-in parsers, specific before generic. The last one always accepts."""

_plugins: tuple[Parser, ...] | None = None


def plugins() -> tuple[Parser, ...]:
    """Third-party parsers, loaded once. A plug-in that fails to load is logged and skipped."""
    global _plugins
    if _plugins is None:
        found: list[Parser] = []
        try:
            eps = list(entry_points(group=ENTRY_POINT_GROUP))
        except Exception:  # broken installed metadata must not stop mail either
            log.exception("could not read the %s entry points", ENTRY_POINT_GROUP)
            eps = []
        for ep in eps:
            try:
                obj = ep.load()
                parser = obj() if isinstance(obj, type) else obj
            except Exception:  # a broken plug-in must not stop mail
                log.exception("parser plug-in %s failed to load", ep.name)
                continue
            if isinstance(parser, Parser):
                found.append(parser)
            else:
                log.warning(
                    "parser plug-in %s is not a Parser (needs name, version, match, parse)", ep.name
                )
        _plugins = tuple(found)
    return _plugins


def ordered_parsers() -> tuple[Parser, ...]:
    """Every parser in order: built-in specifics, plug-ins, then the generic fallback."""
    return (*PARSERS[:-1], *plugins(), PARSERS[-1])


def parse(email: Email, only: str | None = None) -> ParseResult:
    """Split ``email`` into items with the best parser. Never raises.

    ``only`` forces one parser by name (e.g. ``"generic"`` when a known sender drifted).
    """
    parsers = ordered_parsers()
    if only is not None:
        chosen = [p for p in parsers if p.name == only]
        if not chosen:
            return _empty(email, f"no parser named {only!r}", ())
        return _run(email, [(chosen[0], Match(Stage.FALLBACK, f"forced with only={only!r}"))])
    candidates: list[tuple[Parser, Match]] = []
    for parser in parsers:
        try:
            match = parser.match(email)
        except Exception as exc:  # a parser's bug must not lose the email
            log.warning("parser %s failed to match: %r", parser.name, exc)
            continue
        if match is not None:
            candidates.append((parser, match))
    candidates.sort(key=lambda pm: pm[1].stage)
    return _run(email, candidates)


def _run(email: Email, candidates: list[tuple[Parser, Match]]) -> ParseResult:
    tried: list[str] = []
    last: ParseResult | None = None
    for parser, match in candidates:
        try:
            got = parser.parse(email)
        except Exception as exc:
            tried.append(f"{parser.name}: {match.reason}; raised {type(exc).__name__}: {exc}"[:300])
            continue
        if got.items:
            return replace(got, reason=f"{parser.name}: {match.reason}", tried=tuple(tried))
        tried.append(f"{parser.name}: {match.reason}; found no items")
        last = got
    if last is not None:
        return replace(last, reason="no parser found items", tried=tuple(tried))
    return _empty(email, "no parser found items", tuple(tried))


def _empty(email: Email, reason: str, tried: tuple[str, ...]) -> ParseResult:
    newsletter = Newsletter(
        family="unknown",
        name=email.sender_name or email.subject or "unknown",
        message_id=email.message_id,
        sender=email.sender,
        subject=email.subject,
        warnings=(reason,),
    )
    return ParseResult(newsletter=newsletter, items=(), reason=reason, tried=tried)
