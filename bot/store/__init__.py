"""The store: SQLAlchemy Core over SQLite (default) or PostgreSQL, migrated by Alembic."""

from bot.store.db_errors import describe, safe_url
from bot.store.queries import newsletter_names
from bot.store.rows import StoredItem
from bot.store.store import SaveOutcome, Store, content_hash

__all__ = [
    "SaveOutcome",
    "Store",
    "StoredItem",
    "content_hash",
    "describe",
    "newsletter_names",
    "safe_url",
]
