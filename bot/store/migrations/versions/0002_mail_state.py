"""Mail edge state: mailbox status for ``gleaner status``, skipped messages, 64-bit UIDs.

UIDVALIDITY and UIDs are unsigned 32-bit numbers in IMAP; a signed 32-bit
column cannot hold the upper half, so the checkpoint columns become BIGINT.

Revision ID: 0002_mail
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_mail"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("mail_checkpoints") as batch:
        batch.alter_column("uidvalidity", type_=sa.BigInteger, existing_nullable=False)
        batch.alter_column("last_uid", type_=sa.BigInteger, existing_nullable=False)
    op.create_table(
        "mail_status",
        sa.Column("account", sa.String(200), primary_key=True),
        sa.Column("folder", sa.String(500), primary_key=True),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("connected", sa.Boolean, nullable=False),
        sa.Column("idling", sa.Boolean, nullable=False),
        sa.Column("last_success", TS),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", TS),
        sa.Column("uidvalidity_changes", sa.Text, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "mail_skipped",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("account", sa.String(200), nullable=False),
        sa.Column("folder", sa.String(500), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger, nullable=False),
        sa.Column("uid", sa.BigInteger, nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("message_id", sa.String(998), nullable=False),
        sa.Column("sender", sa.String(320), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("account", "folder", "uidvalidity", "uid", name="uq_mail_skipped_uid"),
    )


def downgrade() -> None:
    op.drop_table("mail_skipped")
    op.drop_table("mail_status")
    with op.batch_alter_table("mail_checkpoints") as batch:
        batch.alter_column("uidvalidity", type_=sa.Integer, existing_nullable=False)
        batch.alter_column("last_uid", type_=sa.Integer, existing_nullable=False)
