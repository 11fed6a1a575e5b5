"""Decode speed: emails per second on the stdlib route and the fast route, next to lxml.

For every .eml fixture (and .eml/.mbox samples in ../shared/seeds when present), plus
the big TLDR email bench/parse.py builds, ``decode_email`` is timed on the stdlib
reference route (``decode_email_stdlib``) and on the route it takes (the fast one unless
declined), and beside them lxml alone parsing the same email's HTML. "repair" is the
share of the fast route spent in ``repair_mojibake`` (bot/normalise), found by timing it
once more with that step skipped. All are timed in turns, several rounds, best round
kept, so a busy machine slows them alike.

    .venv/bin/python bench/decode.py [--seconds 1.0]
"""

from __future__ import annotations

import argparse
import importlib.util
import mailbox
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import lxml.etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.decode import body_text, decode_email, decode_email_fast, decode_email_stdlib  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT / ".." / "shared" / "seeds"
ROUNDS = 15


def big_tldr() -> bytes:
    spec = importlib.util.spec_from_file_location("bench_parse", ROOT / "bench" / "parse.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    big: bytes = module.big_html()
    return big


def per_call(fns: list[Callable[[], object]], seconds: float) -> list[float]:
    """Seconds per call of each function: timed in turns, best of ROUNDS rounds."""
    best = [float("inf")] * len(fns)
    for _ in range(ROUNDS):
        for i, fn in enumerate(fns):
            n, start = 0, time.perf_counter()
            while (elapsed := time.perf_counter() - start) < seconds / ROUNDS / len(fns):
                fn()
                n += 1
            best[i] = min(best[i], elapsed / n)
    return best


def without_repair(raw: bytes) -> object:
    """decode_email with the mojibake repair skipped: for timing only."""
    repair = body_text.repair_mojibake
    body_text.repair_mojibake = str  # type: ignore[assignment]
    try:
        return decode_email(raw)
    finally:
        body_text.repair_mojibake = repair


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=1.0, help="time per input")
    args = ap.parse_args()
    cases = [(p.name, p.read_bytes()) for p in sorted(FIXTURES.rglob("*.eml"))]
    if SEEDS.is_dir():
        cases += [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.eml"))]
        for path in sorted(SEEDS.glob("*.mbox")):
            box = mailbox.mbox(path, create=False)
            cases += [(f"{path.name}#{i}", box.get_bytes(k)) for i, k in enumerate(box.keys())]
    cases.append(("big TLDR HTML email (generated)", big_tldr()))
    print(
        f"{'input':38} {'KB':>5} {'route':>8} {'stdlib/s':>9} {'fast/s':>9} {'speedup':>7}"
        f" {'repair':>6} {'lxml/s':>8} {'stdlib:lxml':>11} {'fast:lxml':>9}"
    )
    totals = [0.0, 0.0]
    for name, raw in cases:
        assert decode_email(raw) == decode_email_stdlib(raw), name
        route = "fast" if decode_email_fast(raw) is not None else "declined"
        html = decode_email_stdlib(raw).html
        fns: list[Callable[[], object]] = [
            lambda raw=raw: decode_email_stdlib(raw),
            lambda raw=raw: decode_email(raw),
            lambda raw=raw: without_repair(raw),
        ]
        if html:
            # As in bench/parse.py: lxml refuses str input that declares an encoding.
            html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)
            fns.append(lambda html=html: lxml.etree.fromstring(html, lxml.etree.HTMLParser()))
        times = per_call(fns, args.seconds)
        old, new = times[0], times[1]
        totals[0] += old
        totals[1] += new
        repair = max(0.0, 1 - times[2] / new)
        lx = f"{1 / times[3]:8,.0f} {old / times[3]:10.1f}x {new / times[3]:8.1f}x" if html else ""
        print(
            f"{name[:38]:38} {len(raw) / 1024:5.1f} {route:>8} {1 / old:9,.0f} {1 / new:9,.0f}"
            f" {old / new:6.1f}x {repair:6.0%} {lx}"
        )
    n = len(cases)
    print(
        f"\nall {n} inputs, one of each: stdlib {n / totals[0]:,.0f} emails/s, "
        f"decode_email {n / totals[1]:,.0f} emails/s ({totals[0] / totals[1]:.1f}x)"
    )


if __name__ == "__main__":
    main()
