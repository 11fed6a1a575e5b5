"""The ordered parser registry: pick the parser that recognises an email best, fall back.

Candidates are ordered by how they recognised the email (sender, List-Id, subject,
content signature; see ``Stage``), then by their place in the registry: built-ins in
``PARSERS`` order, plug-ins from the entry-point group ``gleaner.parsers`` inserted
before the generic fallback. A candidate that raises or returns no items has
under-delivered: it is recorded in ``ParseResult.tried`` and the next one runs.

The first parser that recognises the sender runs before the others are asked (none can
outrank it): when it delivers, the content signatures of the rest are never scanned.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from importlib.metadata import entry_points

from bot.models import Email, Newsletter, ParseResult
from parsers.base import Match, Parser, Stage, is_panic
from parsers.generic import GenericParser
from parsers.hf_papers import HfPapersParser
from parsers.htmlblocks import forget_tree
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
    try:
        return _parse(email, only)
    finally:
        forget_tree()  # the HTML's tree, shared by the parsers that read this email


def _parse(email: Email, only: str | None) -> ParseResult:
    parsers = ordered_parsers()
    runs = _Runs(email)
    if only is not None:
        chosen = [p for p in parsers if p.name == only]
        if not chosen:
            return _empty(email, f"no parser named {only!r}", ())
        forced = runs.attempt(chosen[0], Match(Stage.FALLBACK, f"forced with only={only!r}"))
        return forced or runs.give_up()
    candidates: list[tuple[Parser, Match]] = []
    sender_tried = False
    for parser in parsers:
        try:
            match = parser.match(email)
        except BaseException as exc:  # a parser's bug must not lose the email
            if not parser_failure(exc):
                raise
            log.warning("parser %s failed to match: %r", parser.name, exc)
            continue
        if match is None:
            continue
        if match.stage is Stage.SENDER and not sender_tried:
            # Nothing outranks the first parser that knows the sender: it runs before the
            # rest are asked, and when it delivers they need not read the email at all.
            sender_tried = True
            got = runs.attempt(parser, match)
            if got is not None:
                return got
            continue
        candidates.append((parser, match))
    candidates.sort(key=lambda pm: pm[1].stage)
    for parser, match in candidates:
        got = runs.attempt(parser, match)
        if got is not None:
            return got
    return runs.give_up()


@dataclass(slots=True)
class _Runs:
    """Candidates run on one email, in order, and the under-deliveries so far."""

    email: Email
    tried: list[str] = field(default_factory=list)
    last: ParseResult | None = None

    def attempt(self, parser: Parser, match: Match) -> ParseResult | None:
        """The parser's result when it found items; None (recorded) when it under-delivered."""
        try:
            got = parser.parse(self.email)
        except BaseException as exc:
            if not parser_failure(exc):
                raise
            self.tried.append(
                f"{parser.name}: {match.reason}; raised {type(exc).__name__}: {exc}"[:300]
            )
            return None
        if got.items:
            return replace(got, reason=f"{parser.name}: {match.reason}", tried=tuple(self.tried))
        self.tried.append(f"{parser.name}: {match.reason}; found no items")
        # The first to under-deliver matched most surely (candidates run in the order of
        # their stage): its empty result names the family ("no papers today" is still a
        # papers digest), not the generic fallback's after it.
        self.last = self.last or got
        return None

    def give_up(self) -> ParseResult:
        if self.last is not None:
            return replace(self.last, reason="no parser found items", tried=tuple(self.tried))
        return _empty(self.email, "no parser found items", tuple(self.tried))


def parser_failure(exc: BaseException) -> bool:
    """An error a parser's bug raises: any ``Exception``, and a panic inside a Rust
    extension (``is_panic``). Interrupts and exits are not failures."""
    return isinstance(exc, Exception) or is_panic(exc)


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
