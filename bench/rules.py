"""Routing speed with 10, 100 and 1,000 rules: items per second, and the cost ratio.

Goal (issue 4): 1,000 rules cost no more than 3x what 10 rules cost per item.
Rules and items are generated from one seeded vocabulary, so keywords, phrases,
regexes, topics, sections and newsletters of the rules really occur in the items
(about as often as in real newsletters: most items hit a few rules' keywords).

    .venv/bin/python bench/rules.py [--items 100000] [--rules 10,100,1000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.models import Item, Kind, Newsletter
from rules import CompiledRules, compile_rules

SEED = 4
NEWSLETTERS = [
    Newsletter(family=f"family{i}", name=f"Letter {i}", sender=f"news@letter{i}.example.com")
    for i in range(20)
]
SECTIONS = [f"Section {i}" for i in range(30)]


def vocabulary(rng: random.Random, size: int = 5000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(3, 9))))
    return sorted(words)


def rules_text(count: int, words: list[str], rng: random.Random) -> str:
    lines = [
        "channels:",
        "  console: {platform: console}",
        "  papers: {platform: slack, target: C01}",
        "  launches: {platform: discord, target: '42'}",
        "topics:",
    ]
    topics = max(1, count // 10)
    for t in range(topics):
        kws = ", ".join(f'"{rng.choice(words)}"' for _ in range(5))
        lines.append(f"  topic{t}: {{keywords: [{kws}], regexes: ['{rng.choice(words)}-\\d+']}}")
    lines += [
        "defaults: {to: console}",
        "routes:",
        "  - {name: sponsors, match: {sponsor: true}, drop: true}",
    ]
    for i in range(count - 1):
        w = [rng.choice(words) for _ in range(4)]
        dest = rng.choice(["papers", "launches", "console"])
        shape = i % 10
        if shape < 4:
            match = f'{{keyword: [{w[0]}, {w[1]}, "{w[2]} {w[3]}"]}}'
        elif shape == 4:
            match = f"{{regex: '\\b{w[0]}-\\d+'}}"
        elif shape == 5:
            match = f"{{topic: topic{rng.randrange(topics)}}}"
        elif shape == 6:
            match = (
                f'{{newsletter: "Letter {rng.randrange(20)}", section: "{rng.choice(SECTIONS)}"}}'
            )
        elif shape == 7:
            match = f"{{all: [{{keyword: {w[0]}}}, {{not: {{keyword: {w[1]}}}}}]}}"
        elif shape == 8:
            match = f"{{kind: paper, keyword: {{all: [{w[0]}, {w[1]}]}}, in: [title]}}"
        else:
            match = f'{{any: [{{section: "{rng.choice(SECTIONS)}"}}, {{keyword: {w[0]}}}]}}'
        cont = ", continue: true" if i % 7 == 0 else ""
        lines.append(f"  - {{name: r{i}, match: {match}, to: {dest}{cont}}}")
    return "\n".join(lines) + "\n"


def items(count: int, words: list[str], rng: random.Random) -> list[tuple[Item, Newsletter]]:
    out = []
    kinds = [None, None, Kind.PAPER, Kind.ARTICLE, Kind.REPO]
    for i in range(count):
        title = " ".join(rng.choice(words) for _ in range(rng.randint(5, 12))).capitalize()
        blurb = " ".join(rng.choice(words) for _ in range(rng.randint(15, 40))) + "."
        if i % 5 == 0:
            blurb += f" {rng.choice(words)}-{rng.randint(1, 9)} is out."
        item = Item(
            title=title,
            url=None,
            blurb=blurb,
            section=rng.choice(SECTIONS),
            sponsor=i % 25 == 0,
            kind=rng.choice(kinds),
        )
        out.append((item, rng.choice(NEWSLETTERS)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rules", default="10,100,1000")
    parser.add_argument("--rounds", type=int, default=3, help="Best of this many timed passes.")
    args = parser.parse_args()
    rng = random.Random(SEED)
    words = vocabulary(rng)
    corpus = items(args.items, words, rng)
    print(f"{len(corpus)} items, best of {args.rounds} rounds; python {sys.version.split()[0]}")
    compiled: dict[int, CompiledRules] = {}
    for count in (int(c) for c in args.rules.split(",")):
        text = rules_text(count, words, random.Random(SEED + count))
        started = time.perf_counter()
        compiled[count] = compile_rules(text, f"<bench {count}>")
        print(
            f"{count:>5} rules: {compiled[count].route_count} routes, "
            f"{compiled[count].text.size} keywords/regexes, "
            f"compiled in {(time.perf_counter() - started) * 1000:.0f} ms"
        )
    # Rounds interleave the sizes so that load from other processes hits all alike.
    best: dict[int, float] = dict.fromkeys(compiled, float("inf"))
    decisions: dict[int, int] = {}
    for _ in range(args.rounds):
        for count, rules in compiled.items():
            total = 0
            started = time.perf_counter()
            for item, newsletter in corpus:
                total += len(rules.route(item, newsletter))
            best[count] = min(best[count], time.perf_counter() - started)
            decisions[count] = total
    base = min(best)
    for count, elapsed in best.items():
        per_item = elapsed / len(corpus)
        print(
            f"{count:>5} rules: {len(corpus) / elapsed:>9,.0f} items/s, {per_item * 1e6:6.1f} us/item, "
            f"{decisions[count]} decisions, cost {elapsed / best[base]:.2f}x of {base} rules"
        )


if __name__ == "__main__":
    main()
