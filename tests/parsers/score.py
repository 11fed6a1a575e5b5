"""Item precision, recall and F1 of the parsers over every golden fixture, per family.

An item counts as found when its title and link match an expected item (titles compared
case- and whitespace-insensitively, links by canonical URL); section and sponsor flag are
scored on the matched items. The expected items are the reviewed golden JSON beside each
fixture, so a fixture added before its parser handles it shows what is still missing.

    .venv/bin/python -m tests.parsers.score            # table per family
    .venv/bin/python -m tests.parsers.score -v         # and every miss, per fixture

These are fixtures we wrote, not unseen mail: read the figures as regression checks.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.decode import load_file
from bot.normalise import normalise_result
from parsers import parse
from tests.parsers.test_golden import CASES

Key = tuple[str, str]


@dataclass
class Tally:
    fixtures: int = 0
    expected: int = 0
    found: int = 0
    matched: int = 0
    section_ok: int = 0
    sponsor_ok: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _key(item: dict[str, object]) -> Key:
    title = " ".join(str(item["title"]).casefold().split())
    return title, str(item.get("canonical_url") or item.get("url") or "")


def score_fixture(path: Path, misses: list[str] | None = None) -> Tally:
    want_json = json.loads(path.with_name(path.name + ".expected.json").read_text())
    want = {_key(i): i for i in want_json["items"]}
    result = normalise_result(parse(load_file(path)))
    got: dict[Key, dict[str, object]] = {}
    for found in result.items:
        got[_key({"title": found.title, "canonical_url": found.canonical_url})] = {
            "section": found.section,
            "sponsor": found.sponsor,
        }
    tally = Tally(fixtures=1, expected=len(want), found=len(got))
    for key, item in got.items():
        if key not in want:
            if misses is not None:
                misses.append(f"  extra   {key}")
            continue
        tally.matched += 1
        tally.section_ok += item["section"] == want[key]["section"]
        tally.sponsor_ok += item["sponsor"] == want[key]["sponsor"]
    if misses is not None:
        misses.extend(f"  missing {key}" for key in want if key not in got)
    return tally


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    families: dict[str, Tally] = {}
    for path in CASES:
        misses: list[str] = []
        tally = score_fixture(path, misses)
        families.setdefault(path.parent.name, Tally()).add(tally)
        if verbose and misses:
            print(f"{path.parent.name}/{path.name}: F1 {tally.f1:.3f}")
            print("\n".join(misses))
    total = Tally()
    print(
        "| family | fixtures | expected items | found | precision | recall | F1 | section ok | sponsor ok |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, t in sorted(families.items()):
        total.add(t)
        _row(name, t)
    _row("all", total)


def _row(name: str, t: Tally) -> None:
    m = t.matched or 1
    print(
        f"| {name} | {t.fixtures} | {t.expected} | {t.found} | {t.precision:.3f} | "
        f"{t.recall:.3f} | {t.f1:.3f} | {t.section_ok / m:.3f} | {t.sponsor_ok / m:.3f} |"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
