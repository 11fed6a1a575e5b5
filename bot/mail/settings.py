"""Settings of the mail edge (IMAP accounts)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class MailSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
