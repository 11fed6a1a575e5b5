"""The example rules over real newsletters (the shared samples, parsed by the real parsers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.models import Email, Kind
from parsers.registry import parse
from rules import load_rules

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / ".." / "shared" / "seeds"
SAMPLES = sorted(p for p in SEEDS.glob("*") if p.name != "README.md") if SEEDS.is_dir() else []


@pytest.mark.skipif(not SAMPLES, reason="the shared samples are not beside the repository")
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_example_rules_route_every_sample_item_as_documented(sample: Path) -> None:
    compiled = load_rules(ROOT / "deploy" / "rules.example.yaml")
    email = Email(message_id=f"<{sample.name}@seeds>", subject=sample.stem, text=sample.read_text())
    result = parse(email)
    assert result.items
    for item in result.items:
        trace = compiled.explain(item, result.newsletter)
        where = {d.destination for d in trace.decisions}
        if item.sponsor:
            assert trace.dropped, item.title
            assert not where, item.title
            continue
        assert where, f"{item.title}: {trace.summary()}"
        research = item.kind is Kind.PAPER or any(
            s.casefold().startswith("research") for s in item.sections
        )
        if research:
            assert "papers" in where, f"{item.title}: {trace.summary()}"
        for decision in trace.decisions:
            assert decision.explanation.startswith("route "), decision
