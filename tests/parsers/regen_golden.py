"""Rewrite the golden JSON of every parser fixture (review the diff before committing)."""

from __future__ import annotations

import json

from tests.parsers.test_golden import CASES, golden

if __name__ == "__main__":
    for path in CASES:
        target = path.with_name(path.name + ".expected.json")
        target.write_text(json.dumps(golden(path), indent=2, ensure_ascii=False) + "\n")
        print(target)
