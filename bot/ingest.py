"""The pipeline from raw bytes to stored items and outbox rows.

bytes -> decode -> parse -> normalise -> route -> store (one transaction).
Nothing here raises for bad mail: an email that cannot be parsed is kept with
the reason, so no newsletter is ever lost, and re-ingesting the same mail adds
nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError

import parsers
from bot.decode import decode_email
from bot.errors import StoreError
from bot.models import Email, ParseResult
from bot.normalise import normalise_result
from bot.store import Store, describe
from rules import CompiledRules

log = logging.getLogger(__name__)

DRIFT_FRACTION = 0.5
"""An issue with fewer than this share of its sender's recent median items is drift."""


class Status(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What happened to one email."""

    status: Status
    source: str
    message_id: str = ""
    newsletter: str = ""
    parser: str = ""
    new_items: int = 0
    known_items: int = 0
    outbox_rows: int = 0
    raw_id: int | None = None
    problems: tuple[str, ...] = ()
    """Decoding defects, parser warnings and drift notices, in words."""


class Ingestor:
    """Runs the pipeline against one store with the rules that are live now."""

    def __init__(self, store: Store, rules: Callable[[], CompiledRules]) -> None:
        self.store = store
        self._rules = rules

    def ingest(self, raw: bytes, source: str) -> IngestReport:
        """Ingest one email's bytes. Safe to call again with the same bytes.

        Raises StoreError when the database cannot be reached or stays locked:
        nothing was stored then, and the caller keeps the mail to try again.
        """
        try:
            return self._ingest(raw, source)
        except (OperationalError, InterfaceError) as exc:
            raise StoreError(f"database unavailable; {source} not stored: {describe(exc)}") from exc

    def _ingest(self, raw: bytes, source: str) -> IngestReport:
        if self.store.known_raw(raw) is not None:  # same bytes: no need to decode them again
            return IngestReport(Status.DUPLICATE, source)
        email = decode_email(raw)
        if self.store.known_raw(raw, email.message_id) is not None:
            return IngestReport(Status.DUPLICATE, source, email.message_id)
        try:
            result = self.parse(email)
        except Exception as exc:  # a parser bug must not lose the email
            return self._failed(raw, source, email, exc)
        return self.save(raw, source, email, result)

    def save(
        self,
        raw: bytes,
        source: str,
        email: Email,
        result: ParseResult,
        *,
        existing_raw_id: int | None = None,
    ) -> IngestReport:
        """Route the items with the live rules and store everything in one transaction."""
        try:
            compiled = self._rules()
            decisions = [compiled.route(item, result.newsletter) for item in result.items]
        except Exception as exc:  # a rules bug must not lose the email either
            return self._failed(raw, source, email, exc, existing_raw_id)
        try:
            outcome = self.store.save_issue(
                raw, source, email, result, decisions, existing_raw_id=existing_raw_id
            )
        except (OperationalError, InterfaceError) as exc:
            if not _refused(exc):
                # Locked, full or unreachable: nothing was stored; the caller keeps the mail
                # and retries.
                raise StoreError(
                    f"database unavailable; {source} not stored: {describe(exc)}"
                ) from exc
            return self._failed(raw, source, email, exc, existing_raw_id)
        except SQLAlchemyError as exc:
            # The database refused this issue's rows: keep the email as failed, with the reason.
            if existing_raw_id is None and self.store.known_raw(raw, email.message_id):
                return IngestReport(Status.DUPLICATE, source, email.message_id)
            return self._failed(raw, source, email, exc, existing_raw_id)
        return IngestReport(
            Status.NEW,
            source,
            email.message_id,
            newsletter=result.newsletter.name,
            parser=result.newsletter.parser,
            new_items=outcome.new_items,
            known_items=outcome.known_items,
            outbox_rows=outcome.outbox_rows,
            raw_id=outcome.raw_id,
            problems=email.defects + result.newsletter.warnings,
        )

    def _failed(
        self,
        raw: bytes,
        source: str,
        email: Email,
        exc: Exception,
        existing_raw_id: int | None = None,
    ) -> IngestReport:
        log.exception("could not process %s (%s)", source, email.message_id[:200])
        reason = _reason(exc)
        if existing_raw_id is None:
            raw_id = self.store.save_failed(raw, source, email.message_id, reason)
        else:
            raw_id = existing_raw_id
            self.store.mark_raw(raw_id, "failed", reason)
        return IngestReport(
            Status.FAILED, source, email.message_id, raw_id=raw_id, problems=(reason,)
        )

    def parse(self, email: Email) -> ParseResult:
        """Parse, normalise and check for drift (pure but for reading the sender's history)."""
        result = normalise_result(parsers.parse(email))
        return self._check_drift(email, result)

    def _check_drift(self, email: Email, result: ParseResult) -> ParseResult:
        """A known sender's issue that its usual parser could not read, or read with far
        fewer items than usual: warn, record it on the issue, and take the generic
        parser's result when that finds more."""
        newsletter = result.newsletter
        recent = self.store.recent_issues(newsletter.sender) if newsletter.sender else []
        if len(recent) < 2:
            return result
        usual = Counter(family for family, _ in recent).most_common(1)[0][0]
        counts = sorted(count for family, count in recent if family == usual)
        median = counts[len(counts) // 2]
        found = len(result.items)
        if usual == "generic" or (
            newsletter.family == usual and found >= max(1, median * DRIFT_FRACTION)
        ):
            return result
        notice = (
            f"drift: {newsletter.sender}'s recent issues gave about {median} items with the "
            f"{usual} parser; this one gave {found} with {newsletter.parser or 'no parser'}"
        )
        log.warning("%s (%s)", notice, email.message_id)
        chosen = result
        if newsletter.family != "generic":
            fallback = normalise_result(parsers.parse(email, only="generic"))
            chosen = fallback if len(fallback.items) > found else result
        warnings = (*chosen.newsletter.warnings, notice)
        return replace(chosen, newsletter=replace(chosen.newsletter, warnings=warnings))


def _refused(exc: SQLAlchemyError) -> bool:
    """An "operational" error that a retry cannot cure: PostgreSQL's program limits
    (SQLSTATE class 54: a value too big to index, too many columns...)."""
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return isinstance(sqlstate, str) and sqlstate.startswith("54")


def _reason(exc: Exception) -> str:
    """One line naming the problem; a database error without the SQL and its parameters."""
    orig = getattr(exc, "orig", None)
    if isinstance(exc, SQLAlchemyError) and orig is not None:
        return f"{type(orig).__name__}: {describe(exc)}"
    return f"{type(exc).__name__}: {exc}"
