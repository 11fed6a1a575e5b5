"""The JSON Schema of the rules file, for editors (yaml-language-server) and checks.

Generated from the same pydantic models that validate the file, so the two
cannot drift apart; ``rules/rules.schema.json`` is a copy kept in the
repository (a test checks it is current) that example files point to.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rules.spec import RulesFile

SCHEMA_FILE = Path(__file__).with_name("rules.schema.json")


def json_schema() -> dict[str, Any]:
    schema = RulesFile.model_json_schema(by_alias=True, mode="validation")
    # Top-level x-… keys are ignored by the loader: a home for YAML anchors.
    schema["patternProperties"] = {"^x-": {}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Gleaner routing rules",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=False) + "\n"
