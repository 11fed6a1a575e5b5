"""``gleaner parse FILE [--json]`` through the real command group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import get_cli

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "parsers"
SEEDS = ROOT / ".." / "shared" / "seeds"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(get_cli(), ["parse", *args])
    return result.exit_code, result.output


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_json_on_the_tldr_text_seed() -> None:
    code, out = run(str(SEEDS / "tldr_ai_2025-03-13.txt"), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["parser"] == "tldr"
    assert data["newsletter"]["name"] == "TLDR AI"
    assert data["newsletter"]["issue_date"] == "2025-03-13"
    items = data["items"]
    assert len(items) == 17
    assert sum(item["sponsor"] for item in items) == 2
    assert all(item["url"].startswith("http") for item in items)
    assert {item["section"] for item in items} == {
        None, "HEADLINES & LAUNCHES", "RESEARCH & INNOVATION", "ENGINEERING & RESOURCES",
        "MISCELLANEOUS", "QUICK LINKS",
    }  # fmt: skip
    for key in (
        "title",
        "url",
        "canonical_url",
        "section",
        "sponsor",
        "blurb",
        "kind",
        "read_minutes",
        "authors",
    ):
        assert key in items[0]


def test_text_output_lists_sections_and_flags() -> None:
    code, out = run(str(FIXTURES / "tldr" / "tldr_devops_2025-04-24.eml"))
    assert code == 0
    assert out.startswith("TLDR DevOps (2025-04-24) - 8 items\n")
    assert "parser: tldr: sender dan@tldrnewsletter.com is a TLDR address" in out
    assert "sponsor: Grafbase" in out
    assert "== News & Trends" in out
    assert "  1. Federated GraphQL without the pain  [sponsored]" in out
    assert "  4. pwru  [repo]" in out


def test_forcing_a_parser_and_naming_an_unknown_one() -> None:
    path = str(FIXTURES / "tldr" / "tldr_webdev_2025-05-06.txt")
    code, out = run(path, "--json", "--parser", "generic")
    assert code == 0
    assert json.loads(out)["reason"] == "generic: forced with only='generic'"
    code, out = run(path, "--parser", "nope")
    assert code == 2
    assert "no parser named 'nope'; known: tldr, hf_papers, roundup, generic" in out


def test_missing_file_and_help() -> None:
    code, out = run("/nonexistent/issue.eml")
    assert code == 2
    assert "does not exist" in out
    code, out = run("--help")
    assert code == 0
    assert "Parse one email or newsletter FILE and print its items." in out
    assert "--json" in out
    assert "--parser NAME" in out


def test_unknown_charset_is_reported_not_fatal() -> None:
    code, out = run(str(FIXTURES / "generic" / "policy_refs_unknown_charset.eml"))
    assert code == 0
    assert "warning: unknown charset 'x-mac-unknown' in text/plain; decoded as cp1252" in out


def test_a_device_or_a_giant_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(get_cli(), ["parse", "/dev/zero"])
    assert result.exit_code == 2
    assert "/dev/zero is not a regular file" in result.output
    with (tmp_path / "huge.eml").open("wb") as sparse:
        sparse.truncate(200 * 1024 * 1024)
    result = CliRunner().invoke(get_cli(), ["parse", str(tmp_path / "huge.eml")])
    assert result.exit_code == 2
    assert "larger than 104857600 bytes" in result.output.replace("\n", "")


def test_escape_sequences_in_a_subject_never_reach_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_bytes(
        b"From: w@example.org\nSubject: Weekly \x1b]52;c;cHduZWQ=\x07 \x1b[2J\n"
        b"Message-ID: <esc@x>\nContent-Type: text/plain; charset=utf-8\n\n"
        b"[A queue you can reason about](https://queues.example.dev/posts/queue)\n\n"
        b"Why idempotent handlers beat exactly-once brokers.\n"
    )
    code, output = run(str(tmp_path / "a.eml"))
    assert code == 0, output
    assert "Weekly" in output
    assert "\x1b" not in output
    assert "\x07" not in output
