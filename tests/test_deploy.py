"""Every example file we ship validates: settings, rules, the Kubernetes-embedded copies."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bot.settings import load_settings
from rules import compile_rules, load_rules

ROOT = Path(__file__).resolve().parents[1]


def _yaml_documents(path: Path) -> list[dict[str, object]]:
    return [doc for doc in YAML(typ="safe", pure=True).load_all(path.read_text()) if doc]


@pytest.mark.parametrize("path", ["deploy/gleaner.example.yaml", "examples/gleaner.yaml"])
def test_example_settings_validate(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in [k for k in __import__("os").environ if k.startswith("GLEANER_")]:
        monkeypatch.delenv(key)
    settings = load_settings(ROOT / path)
    assert settings.rules_file is not None


@pytest.mark.parametrize("path", ["deploy/rules.example.yaml", "examples/rules.yaml"])
def test_example_rules_validate(path: str) -> None:
    assert load_rules(ROOT / path).route_count >= 1


def test_kubernetes_config_map_holds_valid_settings_and_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in [k for k in __import__("os").environ if k.startswith("GLEANER_")]:
        monkeypatch.delenv(key)
    [config_map] = [
        d
        for d in _yaml_documents(ROOT / "deploy/kubernetes/gleaner.yaml")
        if d["kind"] == "ConfigMap"
    ]
    data = config_map["data"]
    assert isinstance(data, dict)
    (tmp_path / "gleaner.yaml").write_text(data["gleaner.yaml"])
    load_settings(tmp_path / "gleaner.yaml")
    assert compile_rules(data["rules.yaml"], "configmap:rules.yaml").route_count == 1
