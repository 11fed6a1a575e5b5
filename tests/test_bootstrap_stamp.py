"""scripts/bootstrap.sh reinstalls (and so recompiles) when a compiled module's source
changes: its stamp must cover every source in bot/native.py's COMPILED."""

from __future__ import annotations

import re
from pathlib import Path

from bot import native

ROOT = Path(__file__).resolve().parents[1]


def test_the_install_stamp_covers_every_compiled_source() -> None:
    script = (ROOT / "scripts" / "bootstrap.sh").read_text()
    stamp = re.search(r"^want=\$\(cat (.+?) \|", script, re.M)
    assert stamp is not None
    covered = {
        p.relative_to(ROOT) for pattern in stamp.group(1).split() for p in ROOT.glob(pattern)
    }
    for module in native.COMPILED:
        assert native.source_file(module, ROOT).relative_to(ROOT) in covered, module
