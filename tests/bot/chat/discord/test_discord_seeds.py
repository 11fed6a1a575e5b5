"""End to end: the sample newsletters ingested, then searched with /search through Discord's gateway."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.chat.discord.commands import store_searcher
from bot.decode import load_file
from bot.ingest import Ingestor
from bot.store import Store
from rules import default_rules
from tests.bot.chat.discord.test_discord_commands import CALLBACK, command, running  # noqa: F401
from tests.fakes.discord_api import EPHEMERAL, FakeDiscord

SEEDS = Path(__file__).resolve().parents[4] / ".." / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="sample newsletters not present")


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(f"sqlite:///{tmp_path / 'gleaner.db'}")
    rules = default_rules()
    ingestor = Ingestor(store, lambda: rules)
    for path in sorted(SEEDS.iterdir()):
        if path.suffix in (".txt", ".md", ".rst"):
            email = load_file(path)
            ingestor.save(path.read_bytes(), str(path), email, ingestor.parse(email))
    yield store
    store.close()


async def test_gemma_items_come_first(fake: FakeDiscord, running, archive: Store) -> None:  # noqa: F811
    await running(store_searcher(archive))
    await fake.dispatch("INTERACTION_CREATE", fake.interaction(command("search", query="gemma")))
    (call,) = await fake.wait_for("POST", CALLBACK)
    data = call.body["data"]
    assert data["flags"] & EPHEMERAL
    titles = [embed["title"] for embed in data["embeds"][:3]]
    assert len(titles) == 3
    for title in titles:
        assert "gemma" in title.lower() or "google" in title.lower(), titles
