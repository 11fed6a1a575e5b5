"""Before/after for the parse step: the same inputs through another tree of Gleaner.

Runs the generated emails of ``bench/parse.py`` (styled, big, builder-styled fixtures)
and every .eml fixture of this tree through the tree given, timing the whole step
(decode, parse, normalise) beside lxml's own parse of the same HTML. Run it on an older
checkout and on this one, alternately, and compare the ratios:

    git archive <rev> | tar -x -C /tmp/old      # then build its block walk in place
    .venv/bin/python bench/parse_compare.py /tmp/old [seconds]
    .venv/bin/python bench/parse_compare.py .    [seconds]
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else HERE.parent
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
sys.path.insert(0, str(TREE))

import lxml.etree  # noqa: E402

from bot.decode import decode_email  # noqa: E402
from bot.normalise import normalise_result  # noqa: E402
from parsers import parse  # noqa: E402

# The generators are string work only; the parsing they check runs in TREE's code.
_spec = importlib.util.spec_from_file_location("bench_parse", HERE / "parse.py")
assert _spec is not None
assert _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)
FIXTURES = HERE.parent / "tests" / "fixtures" / "parsers"


def rate(fn: Callable[[], object]) -> float:
    return float(bench.rate(fn, SECONDS))


def main() -> None:
    import parsers

    print(f"tree {TREE} (parsers from {parsers.__file__})")
    cases = [("styled TLDR", bench.styled_html()), ("big TLDR", bench.big_html())]
    cases += [
        (f"builder {n.split('/')[1]}", bench.builder_styled(FIXTURES / n))
        for n in bench.BUILDER_STYLED
    ]
    for name, raw in cases:
        email = decode_email(raw)
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", email.html or "", count=1)
        ours = rate(lambda raw=raw: normalise_result(parse(decode_email(raw))))
        floor = rate(lambda html=html: lxml.etree.fromstring(html, lxml.etree.HTMLParser()))
        print(f"{name:52} {ours:8.0f}/s floor {floor:8.0f}/s ratio {floor / ours:5.2f}x")
    emls = sorted(FIXTURES.rglob("*.eml"))
    total = 0.0
    for path in emls:
        data = path.read_bytes()
        total += 1 / rate(lambda data=data: normalise_result(parse(decode_email(data))))
    print(f"all {len(emls)} .eml fixtures: {len(emls) / total:.0f} emails/s")


if __name__ == "__main__":
    main()
