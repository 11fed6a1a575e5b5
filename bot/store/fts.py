"""Keep the full-text index in step with items: FTS5 on SQLite, tsvector on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Connection, text

MAX_FIELD_CHARS = 50_000
"""Indexed characters per field. PostgreSQL refuses a tsvector over 1 MB (an error that
no retry cures, so a plain-text issue with one giant blurb could never be stored), and
nobody searches for the 50,001st character of a blurb."""


def index_item(
    conn: Connection, item_id: int, title: str, blurb: str, sections: str, newsletters: str
) -> None:
    """(Re)index one item; ``newsletters`` names every newsletter that carried it."""
    params = {
        "id": item_id,
        "title": title[:MAX_FIELD_CHARS],
        "blurb": blurb[:MAX_FIELD_CHARS],
        "section": sections[:MAX_FIELD_CHARS],
        "newsletter": newsletters[:MAX_FIELD_CHARS],
    }
    if conn.dialect.name == "sqlite":
        conn.execute(text("DELETE FROM items_fts WHERE rowid = :id"), {"id": item_id})
        conn.execute(
            text(
                "INSERT INTO items_fts (rowid, title, blurb, section, newsletter) "
                "VALUES (:id, :title, :blurb, :section, :newsletter)"
            ),
            params,
        )
        return
    conn.execute(
        text(
            "INSERT INTO item_search (item_id, document) VALUES (:id, "
            "setweight(to_tsvector('english', :title), 'A') || "
            "setweight(to_tsvector('english', :section), 'B') || "
            "setweight(to_tsvector('english', :newsletter), 'B') || "
            "setweight(to_tsvector('english', :blurb), 'C')) "
            "ON CONFLICT (item_id) DO UPDATE SET document = EXCLUDED.document"
        ),
        params,
    )
