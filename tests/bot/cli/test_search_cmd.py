from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import _register, cli
from bot.store import Store
from tests.bot.search.corpus import GEMMA, GEMMA_CPP, NSA, fill


@pytest.fixture
def config(tmp_path: Path) -> Path:
    db = tmp_path / "gleaner.db"
    store = Store.open(f"sqlite:///{db}")
    fill(store)
    store.close()
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "channels:\n  out: {platform: console}\n"
        "topics:\n  longctx: {keywords: [sparse attention, long context]}\n"
        "routes:\n  - to: out\n",
        encoding="utf-8",
    )
    path = tmp_path / "gleaner.yaml"
    path.write_text(f"store:\n  url: sqlite:///{db}\nrules_file: {rules}\n", encoding="utf-8")
    return path


def gleaner(config: Path, *args: str) -> tuple[int, str, str]:
    _register()
    result = CliRunner().invoke(cli, ["--config", str(config), *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_lists_the_hits_best_first(config: Path) -> None:
    code, out, _ = gleaner(config, "search", "gemma", "kind:article|repo", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "gemma kind:article kind:repo"
    assert {hit["title"] for hit in data["hits"]} == {GEMMA.title, GEMMA_CPP.title}
    first = next(hit for hit in data["hits"] if hit["title"] == GEMMA.title)
    assert first["also_in"] == ["TLDR AI"]
    assert "gemma" in first["matched"]


def test_readable_output_and_paging(config: Path) -> None:
    code, out, _ = gleaner(config, "search", "gemma", "--limit", "1")
    assert code == 0
    assert out.startswith(" 1. ")
    assert "More: --offset 1" in out


def test_exclusions_pass_through_the_shell_words(config: Path) -> None:
    code, out, _ = gleaner(config, "search", "attention", "-survey", "--json")
    assert code == 0
    assert [hit["title"] for hit in json.loads(out)["hits"]] == [NSA.title]


def test_topics_come_from_the_rules_file(config: Path) -> None:
    code, out, _ = gleaner(config, "search", "topic:longctx", "--json")
    assert code == 0
    assert NSA.title in [hit["title"] for hit in json.loads(out)["hits"]]


def test_bad_syntax_prints_help_and_exits_2(config: Path) -> None:
    code, out, err = gleaner(config, "search", "colour:red")
    assert code == 2
    assert out == ""
    assert err.startswith("unknown filter colour:")
    assert "Search syntax:" in err


def test_nothing_found_says_so(config: Path) -> None:
    code, out, _ = gleaner(config, "search", "zebra")
    assert code == 0
    assert out.strip() == "No items match zebra."


SEEDS = Path(__file__).resolve().parents[3] / ".." / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="sample newsletters not present")
def test_gleaner_search_gemma_after_ingesting_the_samples(tmp_path: Path) -> None:
    config = tmp_path / "gleaner.yaml"
    config.write_text(f"store:\n  url: sqlite:///{tmp_path / 'g.db'}\n", encoding="utf-8")
    samples = [str(p) for p in sorted(SEEDS.iterdir()) if p.suffix in (".txt", ".md", ".rst")]
    code, _, _ = gleaner(config, "ingest", "--quiet", *samples)
    assert code == 0
    code, out, _ = gleaner(config, "search", "gemma", "--json")
    assert code == 0
    hits = json.loads(out)["hits"]
    assert len(hits) >= 3
    for hit in hits[:3]:
        assert "gemma" in (hit["title"] + " " + (hit["url"] or "")).lower()
        assert "gemma" in hit["matched"]


def test_escape_sequences_in_older_rows_never_reach_the_terminal(config: Path) -> None:
    from sqlalchemy import update

    from bot.store.schema import items, newsletters

    store = Store.open(f"sqlite:///{config.parent / 'gleaner.db'}")
    with store.engine.begin() as conn:  # written before the store dropped control characters
        conn.execute(update(items).values(title=items.c.title + "\x1b]52;c;cHduZWQ=\x07"))
        conn.execute(update(newsletters).values(name=newsletters.c.name + "\x1b[2J"))
    store.close()
    code, out, _ = gleaner(config, "search", "gemma")
    assert code == 0
    assert "Gemma" in out
    assert "\x1b" not in out
    assert "\x07" not in out
