"""The tables, as SQLAlchemy Core objects. Migrations create them; queries use these.

A test compares this metadata with what the Alembic migrations build, so the
two cannot drift apart.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

raw_emails = Table(
    "raw_emails",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("message_id", String(998), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("size", Integer, nullable=False),
    # zlib-compressed original bytes, kept so mail can be re-parsed when a parser improves.
    Column("data", LargeBinary, nullable=False),
    Column("status", String(16), nullable=False),
    Column("error", Text),
)

newsletters = Table(
    "newsletters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("raw_email_id", Integer, ForeignKey("raw_emails.id"), nullable=False, unique=True),
    Column("family", String(64), nullable=False),
    Column("name", String(300), nullable=False, index=True),
    Column("issue_date", Date),
    Column("message_id", String(998), nullable=False),
    Column("parser", String(64), nullable=False),
    Column("parser_version", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("sender", String(320), nullable=False, index=True),
    Column("subject", Text, nullable=False),
    Column("sponsor_name", String(300)),
    Column("warnings", Text, nullable=False),
    Column("item_count", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

items = Table(
    "items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("url", Text),
    Column("canonical_url", Text),
    Column("blurb", Text, nullable=False),
    Column("section", String(300)),
    Column("sponsor", Boolean, nullable=False),
    Column("kind", String(16)),
    Column("read_minutes", Integer),
    Column("authors", Text, nullable=False),
    Column("links", Text, nullable=False),
    Column("first_newsletter_id", Integer, ForeignKey("newsletters.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
)

appearances = Table(
    "appearances",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id"), nullable=False),
    Column("newsletter_id", Integer, ForeignKey("newsletters.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("section", String(300)),
    Column("other_sections", Text, nullable=False),
    Column("sponsor", Boolean, nullable=False),
    UniqueConstraint("item_id", "newsletter_id", name="uq_appearances_item_newsletter"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id"), nullable=False),
    Column("newsletter_id", Integer, ForeignKey("newsletters.id"), nullable=False),
    Column("route", Text, nullable=False),
    Column("destination", String(200), nullable=False),
    Column("schedule", String(200), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("thread", String(16), nullable=False),
    Column("max_items", Integer),
    Column("quiet_start", String(5)),
    Column("quiet_end", String(5)),
    Column("keep_sponsored", Boolean, nullable=False),
    Column("explanation", Text, nullable=False),
    # pending -> sending -> posted; or skipped / failed, with ``error``.
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("marker", String(200)),
    Column("message_id", String(200)),
    Column("thread_id", String(200)),
    Column("error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("claimed_at", DateTime(timezone=True)),
    Column("posted_at", DateTime(timezone=True)),
    UniqueConstraint("item_id", "destination", name="uq_outbox_item_destination"),
    Index("ix_outbox_status_destination", "status", "destination"),
)

threads = Table(
    "threads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("destination", String(200), nullable=False),
    Column("digest_key", String(400), nullable=False),
    Column("marker", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("message_id", String(200)),
    Column("thread_id", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("destination", "digest_key", name="uq_threads_destination_key"),
)

mail_checkpoints = Table(
    "mail_checkpoints",
    metadata,
    Column("account", String(200), primary_key=True),
    Column("folder", String(500), primary_key=True),
    # BIGINT since 0002_mail: IMAP UIDs are unsigned 32-bit numbers.
    Column("uidvalidity", BigInteger, nullable=False),
    Column("last_uid", BigInteger, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# What each watched mailbox is doing, so a separate ``gleaner status`` can tell.
mail_status = Table(
    "mail_status",
    metadata,
    Column("account", String(200), primary_key=True),
    Column("folder", String(500), primary_key=True),
    Column("state", String(32), nullable=False),
    Column("connected", Boolean, nullable=False),
    Column("idling", Boolean, nullable=False),
    Column("last_success", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("last_error_at", DateTime(timezone=True)),
    # JSON list of recent UIDVALIDITY change times (ISO 8601), for the storm stop.
    Column("uidvalidity_changes", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Messages the mail edge did not store (too big, sender not allowed), with the reason.
mail_skipped = Table(
    "mail_skipped",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account", String(200), nullable=False),
    Column("folder", String(500), nullable=False),
    Column("uidvalidity", BigInteger, nullable=False),
    Column("uid", BigInteger, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("message_id", String(998), nullable=False),
    Column("sender", String(320), nullable=False),
    Column("subject", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("account", "folder", "uidvalidity", "uid", name="uq_mail_skipped_uid"),
)
