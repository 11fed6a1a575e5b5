"""Instructions, not seconds: the parse step next to lxml's parse, counted by callgrind.

Wall-clock ratios move with whatever else the machine runs (on a shared 2-core machine
by 20% and more). Valgrind's callgrind counts the instructions each run executes, the
same figure twice for the same build and input however loaded the machine is, so a
before/after of the step is exact. Instructions are not time (lxml's C runs more of them
per cycle than the interpreter's dispatch does); read the ratio as the step's cost in the
same unit as its floor, and use ``bench/parse.py`` for time.

The script runs itself under ``valgrind --tool=callgrind`` with instrumentation off;
a tiny C helper (compiled here with the machine's C compiler against
``<valgrind/callgrind.h>``) switches counting on around each measured call only, so the
import and warm-up cost nothing. Inputs: the generated emails of ``bench/parse.py``
(styled, big, builder-styled fixtures) and any .eml files given. Each email runs once
untimed first (regexes compiled, lazy imports done), then once counted with the memo
caches cleared, as ``bench/parse.py`` does.

    .venv/bin/python bench/parse_instr.py [--tree DIR] [EMAIL.eml ...]

``--tree`` counts another checkout's code (its compiled build if fresh) on the same
inputs, for a before/after. Needs valgrind and its headers (Debian: ``valgrind``).
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
_HELPER_C = """
#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION;
                      CALLGRIND_TOGGLE_COLLECT; }
void cg_stop(const char *name) { CALLGRIND_TOGGLE_COLLECT; CALLGRIND_DUMP_STATS_AT(name);
                                 CALLGRIND_STOP_INSTRUMENTATION; }
"""
_TRIGGER = re.compile(r"^desc: Trigger: Client Request: (step|lxml)\|(.*)$", re.M)
_TOTAL = re.compile(r"^(?:summary|totals): (\d+)", re.M)


def _child(tree: Path, helper: str, emails: list[Path]) -> None:
    """Under valgrind: count each input's step and its lxml parse, one dump each."""
    sys.path.insert(0, str(tree))
    import lxml.etree

    from bot.decode import decode_email
    from bot.normalise import normalise_result
    from parsers import parse

    spec = importlib.util.spec_from_file_location("bench_parse", HERE / "parse.py")
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    cg = ctypes.CDLL(helper)
    cg.cg_stop.argtypes = [ctypes.c_char_p]
    cases = [("styled TLDR", bench.styled_html()), ("big TLDR", bench.big_html())]
    cases += [
        (f"builder {n.split('/')[1]}", bench.builder_styled(bench.FIXTURES / n))
        for n in bench.BUILDER_STYLED
    ]
    cases += [(p.name, p.read_bytes()) for p in emails]
    clears = bench.memo_caches()

    def step(raw: bytes) -> object:
        for clear in clears:
            clear()
        return normalise_result(parse(decode_email(raw)))

    for name, raw in cases:
        step(raw)  # warm: regexes compiled, lazy imports done
        email = decode_email(raw)
        html = (email.html or email.text or "").encode()
        lxml.etree.fromstring(html, lxml.etree.HTMLParser())
        cg.cg_start()
        step(raw)
        cg.cg_stop(f"step|{name}".encode())
        cg.cg_start()
        lxml.etree.fromstring(html, lxml.etree.HTMLParser())
        cg.cg_stop(f"lxml|{name}".encode())


def _counts(folder: Path) -> dict[str, dict[str, int]]:
    """{input: {"step": n, "lxml": n}} from callgrind's dumps."""
    found: dict[str, dict[str, int]] = {}
    for dump in folder.glob("cg.out*"):
        text = dump.read_text(errors="replace")
        trigger, total = _TRIGGER.search(text), _TOTAL.search(text)
        if trigger and total:
            found.setdefault(trigger.group(2), {})[trigger.group(1)] = int(total.group(1))
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tree", type=Path, default=HERE.parent, help="checkout to count")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("emails", nargs="*", type=Path, help="more .eml files to count")
    args = ap.parse_args()
    tree = args.tree.resolve()
    if args.child:
        _child(tree, args.child, args.emails)
        return
    if not shutil.which("valgrind") or not Path("/usr/include/valgrind/callgrind.h").exists():
        sys.exit("bench/parse_instr.py needs valgrind and its headers (apt install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        helper = folder / "cg.so"
        (folder / "cg.c").write_text(_HELPER_C)
        subprocess.run(
            ["cc", "-O2", "-shared", "-fPIC", "-o", str(helper), str(folder / "cg.c")], check=True
        )
        print(f"tree {tree}; counting under callgrind (about a minute) ...", flush=True)
        run = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",
                "--collect-atstart=no",
                f"--callgrind-out-file={folder / 'cg.out'}",
                sys.executable,
                __file__,
                "--tree",
                str(tree),
                "--child",
                str(helper),
                *map(str, args.emails),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        if run.returncode:
            sys.exit(f"the counted run failed:\n{run.stderr[-3000:]}")
        counts = _counts(folder)
    print(f"{'input':60} {'step Mi':>9} {'lxml Mi':>9} {'ratio':>6}")
    for name, got in sorted(counts.items()):
        step, floor = got.get("step", 0), got.get("lxml", 0)
        print(f"{name:60} {step / 1e6:9.2f} {floor / 1e6:9.2f} {step / max(floor, 1):5.2f}x")
    step = sum(got.get("step", 0) for got in counts.values())
    floor = sum(got.get("lxml", 0) for got in counts.values())
    print(
        f"{'all ' + str(len(counts)) + ', sum':60} {step / 1e6:9.1f} {floor / 1e6:9.1f} "
        f"{step / max(floor, 1):5.2f}x"
    )


if __name__ == "__main__":
    main()
