"""Search over the stored items: the query language, the engine and its results.

``search(store, "sparse attention kind:paper since:30d")`` is the one entry point
that the CLI and the Slack and Discord commands share.
"""

from bot.search.engine import search
from bot.search.hits import Hit, Marked, SearchPage, Span
from bot.search.query import HELP, Query, parse

__all__ = ["HELP", "Hit", "Marked", "Query", "SearchPage", "Span", "parse", "search"]
