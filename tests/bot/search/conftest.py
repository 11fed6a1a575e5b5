"""One archive per backend for the whole module: search tests only read it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from bot.store import Store
from tests.bot.search.corpus import fill

PG_ADMIN = os.environ.get("GLEANER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The test corpus stored on SQLite, then on a fresh PostgreSQL database (dropped after)."""
    if request.param == "sqlite":
        store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('search') / 'gleaner.db'}")
        fill(store)
        yield store
        store.close()
        return
    name = f"gleaner_search_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    store = Store.open(f"{base}/{name}")
    try:
        fill(store)
        yield store
    finally:
        store.close()
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def sqlite_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(f"sqlite:///{Path(tmp_path_factory.mktemp('search-sqlite')) / 'gleaner.db'}")
    fill(store)
    yield store
    store.close()
