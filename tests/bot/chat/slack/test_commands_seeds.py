"""End to end: the sample newsletters ingested, then searched with /gleaner over Socket Mode."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.chat.slack.commands import CommandServer, build_app
from bot.ingest import Ingestor
from bot.store import Store
from rules import default_rules
from tests.bot.chat.slack.commands_setup import block_texts, command, deps, settings
from tests.fakes.slack_socket import FakeSlackSocket, eventually

SEEDS = Path(__file__).resolve().parents[4] / ".." / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="sample newsletters not present")


@pytest.fixture
async def slack(tmp_path: Path) -> AsyncIterator[FakeSlackSocket]:
    store = Store.open(f"sqlite:///{tmp_path / 'gleaner.db'}")
    rules = default_rules()
    ingestor = Ingestor(store, lambda: rules)
    for path in sorted(SEEDS.iterdir()):
        if path.suffix in (".txt", ".md", ".rst", ".eml"):
            ingestor.ingest(path.read_bytes(), str(path))
    fake = await FakeSlackSocket().start()
    config = settings(fake, search_page_size=3)
    server = CommandServer(build_app(config, deps(store)), config)
    await server.start()
    try:
        await eventually(lambda: fake.connections == 1)
        yield fake
    finally:
        await server.stop()
        await fake.stop()
        store.close()


async def test_gemma_items_come_first(slack: FakeSlackSocket) -> None:
    await slack.send("slash_commands", command(slack, "search gemma"))
    await eventually(lambda: len(slack.responses) == 1)
    hits = block_texts(slack.responses[0])[1:4]
    assert len(hits) == 3
    for text in hits:
        assert "gemma" in text.lower()
        assert "*Gemma*" in text or "*GEMMA*" in text or "*gemma*" in text
