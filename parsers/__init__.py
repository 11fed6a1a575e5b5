"""Newsletter parsers: one module per family, a generic fallback, and the ordered registry.

``parse(email)`` picks the parser that recognises the email best (see ``registry``) and
returns a ``ParseResult``; it never raises. ``PARSERS`` is the ordered tuple of
built-ins; third-party parsers plug in through the entry-point group ``gleaner.parsers``.
"""

from __future__ import annotations

from parsers.base import Match, Parser, Stage
from parsers.registry import ENTRY_POINT_GROUP, PARSERS, ordered_parsers, parse

__all__ = ["ENTRY_POINT_GROUP", "PARSERS", "Match", "Parser", "Stage", "ordered_parsers", "parse"]
