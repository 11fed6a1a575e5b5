"""End to end over the sample newsletters: ingest them, then search the archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest import Ingestor
from bot.search import search
from bot.store import Store
from rules import default_rules

SEEDS = Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="sample newsletters not present")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'gleaner.db'}")
    rules = default_rules()
    ingestor = Ingestor(store, lambda: rules)
    for path in sorted(SEEDS.iterdir()):
        if path.suffix in (".txt", ".md", ".rst", ".eml"):
            ingestor.ingest(path.read_bytes(), str(path))
    return store


def _mentions(hit_title: str, url: str | None, word: str) -> bool:
    return word in hit_title.lower() or word in (url or "").lower()


def test_gemma_finds_the_gemma_items_first(seeded: Store) -> None:
    hits = search(seeded, "gemma").hits
    assert len(hits) >= 3
    for hit in hits[:3]:
        assert _mentions(hit.title, hit.url, "gemma"), hit.title
        assert any(s.match and s.text.lower() == "gemma" for s in (*hit.title_marked, *hit.snippet))


def test_filters_apply_to_the_seeds(seeded: Store) -> None:
    tldr = search(seeded, "gemma from:tldr").hits
    assert tldr
    assert all("TLDR" in hit.newsletter or any("TLDR" in n for n in hit.also_in) for hit in tldr)
    papers = search(seeded, "kind:paper", limit=50).hits
    assert papers
    assert all(hit.kind is not None and hit.kind.value == "paper" for hit in papers)


def test_an_item_in_two_newsletters_says_also_in(seeded: Store) -> None:
    # The roundup repeats papers from the Hugging Face digest: one stored item, two newsletters.
    shared = [hit for hit in search(seeded, "kind:paper", limit=50).hits if hit.also_in]
    assert shared
