"""Re-parse stored raw emails with the current parsers and say what changed.

Raw emails are kept compressed for exactly this: when a parser improves, old
mail can be read again. Mail that failed or gave no items before can be stored
for real with ``apply``; for mail parsed before, changes are only reported, so
re-parsing never re-posts what a channel has already seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bot.decode import decode_email
from bot.ingest import Ingestor, Status
from bot.models import Item


@dataclass(frozen=True, slots=True)
class Change:
    raw_id: int
    source: str
    before: int | None
    """Items stored before; None when the email had failed."""
    after: int
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    parser: str = ""
    applied: bool = False
    error: str = ""

    @property
    def changed(self) -> bool:
        return bool(
            self.added or self.removed or self.error or (self.before is None and self.after)
        )


def _label(item: Item) -> str:
    return item.canonical_url or item.url or item.title


def reparse(ingestor: Ingestor, *, apply: bool = False) -> Iterator[Change]:
    store = ingestor.store
    # One email in memory at a time: an archive of years of mail does not fit at once.
    for raw_id in store.raw_ids():
        raw, source = store.raw_message(raw_id)
        email = decode_email(raw)
        try:
            result = ingestor.parse(email)
        except Exception as exc:  # report a parser bug and go on with the rest
            yield Change(raw_id, source, None, 0, error=f"{type(exc).__name__}: {exc}")
            continue
        stored = store.issue_items(raw_id)
        now = {_label(item): item for item in result.items}
        if stored is None:
            applied, error = False, ""
            if apply and result.items:
                report = ingestor.save(raw, source, email, result, existing_raw_id=raw_id)
                applied = report.status is not Status.FAILED
                error = "" if applied else "; ".join(report.problems)
            yield Change(
                raw_id,
                source,
                None,
                len(now),
                tuple(now),
                (),
                result.newsletter.parser,
                applied,
                error,
            )
            continue
        before = {_label(item) for item in stored}
        yield Change(
            raw_id,
            source,
            len(before),
            len(now),
            tuple(label for label in now if label not in before),
            tuple(label for label in before if label not in now),
            result.newsletter.parser,
        )
