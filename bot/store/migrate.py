"""Apply Alembic migrations programmatically (on every start; a no-op when current)."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).parent / "migrations"

log = logging.getLogger(__name__)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    # Alembic's own INFO lines ("Context impl …") say nothing a user needs.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head and revision == "head":
            return
        log.info("migrating the database from %s to %s", current or "an empty database", head)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
