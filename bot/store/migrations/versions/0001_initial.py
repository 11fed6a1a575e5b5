"""Initial schema: raw mail, newsletters, items, appearances, search index, outbox, threads, mail checkpoints.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "raw_emails",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("message_id", sa.String(998), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_raw_emails_message_id", "raw_emails", ["message_id"])
    op.create_table(
        "newsletters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "raw_email_id", sa.Integer, sa.ForeignKey("raw_emails.id"), nullable=False, unique=True
        ),
        sa.Column("family", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("issue_date", sa.Date),
        sa.Column("message_id", sa.String(998), nullable=False),
        sa.Column("parser", sa.String(64), nullable=False),
        sa.Column("parser_version", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("sponsor_name", sa.String(300)),
        sa.Column("warnings", sa.Text, nullable=False),
        sa.Column("item_count", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_newsletters_name", "newsletters", ["name"])
    op.create_index("ix_newsletters_sender", "newsletters", ["sender"])
    op.create_table(
        "items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("canonical_url", sa.Text),
        sa.Column("blurb", sa.Text, nullable=False),
        sa.Column("section", sa.String(300)),
        sa.Column("sponsor", sa.Boolean, nullable=False),
        sa.Column("kind", sa.String(16)),
        sa.Column("read_minutes", sa.Integer),
        sa.Column("authors", sa.Text, nullable=False),
        sa.Column("links", sa.Text, nullable=False),
        sa.Column(
            "first_newsletter_id", sa.Integer, sa.ForeignKey("newsletters.id"), nullable=False
        ),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_items_created_at", "items", ["created_at"])
    op.create_table(
        "appearances",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id"), nullable=False),
        sa.Column("newsletter_id", sa.Integer, sa.ForeignKey("newsletters.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("section", sa.String(300)),
        sa.Column("other_sections", sa.Text, nullable=False),
        sa.Column("sponsor", sa.Boolean, nullable=False),
        sa.UniqueConstraint("item_id", "newsletter_id", name="uq_appearances_item_newsletter"),
    )
    op.create_index("ix_appearances_newsletter_id", "appearances", ["newsletter_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id"), nullable=False),
        sa.Column("newsletter_id", sa.Integer, sa.ForeignKey("newsletters.id"), nullable=False),
        sa.Column("route", sa.Text, nullable=False),
        sa.Column("destination", sa.String(200), nullable=False),
        sa.Column("schedule", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("thread", sa.String(16), nullable=False),
        sa.Column("max_items", sa.Integer),
        sa.Column("quiet_start", sa.String(5)),
        sa.Column("quiet_end", sa.String(5)),
        sa.Column("keep_sponsored", sa.Boolean, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("marker", sa.String(200)),
        sa.Column("message_id", sa.String(200)),
        sa.Column("thread_id", sa.String(200)),
        sa.Column("error", sa.Text),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("claimed_at", TS),
        sa.Column("posted_at", TS),
        sa.UniqueConstraint("item_id", "destination", name="uq_outbox_item_destination"),
    )
    op.create_index("ix_outbox_status_destination", "outbox", ["status", "destination"])
    op.create_table(
        "threads",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("destination", sa.String(200), nullable=False),
        sa.Column("digest_key", sa.String(400), nullable=False),
        sa.Column("marker", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("message_id", sa.String(200)),
        sa.Column("thread_id", sa.String(200)),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("destination", "digest_key", name="uq_threads_destination_key"),
    )
    op.create_table(
        "mail_checkpoints",
        sa.Column("account", sa.String(200), primary_key=True),
        sa.Column("folder", sa.String(500), primary_key=True),
        sa.Column("uidvalidity", sa.Integer, nullable=False),
        sa.Column("last_uid", sa.Integer, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    _create_search_index()


def _create_search_index() -> None:
    # Full-text search lives outside the Core metadata: FTS5 on SQLite, tsvector on PostgreSQL.
    if op.get_context().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE items_fts USING fts5("
            "title, blurb, section, newsletter, tokenize='porter unicode61 remove_diacritics 2')"
        )
    else:
        op.execute(
            "CREATE TABLE item_search (item_id INTEGER PRIMARY KEY REFERENCES items(id), "
            "document TSVECTOR NOT NULL)"
        )
        op.execute("CREATE INDEX ix_item_search_document ON item_search USING GIN (document)")


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TABLE items_fts")
    else:
        op.execute("DROP TABLE item_search")
    for table in (
        "mail_checkpoints",
        "threads",
        "outbox",
        "appearances",
        "items",
        "newsletters",
        "raw_emails",
    ):
        op.drop_table(table)
