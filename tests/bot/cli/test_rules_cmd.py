"""``gleaner rules check|test|diff|schema`` against a real SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import get_cli
from bot.models import Email, Item, Kind, Newsletter, ParseResult
from bot.store import Store
from rules.schema import json_schema

NEWSLETTER = Newsletter(
    family="tldr", name="TLDR AI", message_id="<issue-1@tldr>", sender="dan@tldrnewsletter.com"
)
ITEMS = (
    Item(
        title="Sparse attention at scale", url="https://arxiv.org/abs/2501.00001", kind=Kind.PAPER
    ),
    Item(
        title="Acme launches [beta] coding agent",
        url="https://acme.example/agent",
        section="Launches",
    ),
    Item(title="Try our GPU cloud", url="https://gpu.example/", sponsor=True),
)
OLD = """\
channels:
  papers: {platform: slack, target: C0PAPERS}
  news: {platform: console}
routes:
  - {name: sponsors, match: {sponsor: true}, drop: true}
  - {name: research, match: {kind: paper}, to: papers}
  - {name: launches, match: {keyword: launches}, to: news}
"""
NEW = OLD.replace("match: {keyword: launches}, to: news", "match: {keyword: launches}, to: papers")


@pytest.fixture
def config(tmp_path: Path) -> Path:
    db = tmp_path / "gleaner.db"
    store = Store.open(f"sqlite:///{db}")
    email = Email(message_id=NEWSLETTER.message_id, subject="TLDR AI")
    store.save_issue(b"raw", "test", email, ParseResult(NEWSLETTER, ITEMS), [[] for _ in ITEMS])
    store.close()
    (tmp_path / "rules.yaml").write_text(OLD)
    (tmp_path / "new.yaml").write_text(NEW)
    path = tmp_path / "gleaner.yaml"
    path.write_text(f"store:\n  url: sqlite:///{db}\nrules_file: rules.yaml\n")
    return path


def gleaner(config: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(get_cli(), ["--config", str(config), *args])
    return result.exit_code, result.stdout, result.stderr


def test_check_ok_and_errors(config: Path, tmp_path: Path) -> None:
    assert gleaner(config, "rules", "check") == (0, "OK: 3 routes, 2 channels\n", "")
    bad = tmp_path / "bad.yaml"
    bad.write_text("channels: {}\nroutes:\n  - {to: nowhere, sponsor: true}\n")
    code, out, err = gleaner(config, "rules", "check", str(bad))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f'{bad}:3:10: undefined channel "nowhere"',
        f'{bad}:3:19: unknown key "sponsor" (did you mean "keep_sponsored"?)',
    ]


def test_test_prints_where_each_stored_item_goes_and_why(config: Path) -> None:
    code, out, _ = gleaner(config, "rules", "test", "--json")
    assert code == 0
    rows = {row["title"]: row for row in json.loads(out)["items"]}
    assert rows["Sparse attention at scale"]["destinations"] == ["papers"]
    assert rows["Sparse attention at scale"]["why"] == ["deliver by research -> papers: kind paper"]
    assert rows["Acme launches [beta] coding agent"]["decisions"][0]["explanation"] == (
        'route launches matched: keyword "launches" in title'
    )
    assert rows["Try our GPU cloud"]["dropped"] is True
    assert rows["Try our GPU cloud"]["why"] == ["drop by sponsors: sponsor is true"]

    code, out, _ = gleaner(config, "rules", "test")
    assert code == 0
    assert "(dropped)" in out
    assert "Acme launches [beta] coding agent" in out
    assert out.rstrip().endswith("3 items: 2 routed, 1 dropped, 0 unrouted")


def test_test_one_item_and_a_missing_one(config: Path) -> None:
    code, out, _ = gleaner(config, "rules", "test", "--json")
    first = json.loads(out)["items"][-1]
    code, out, _ = gleaner(config, "rules", "test", "--item", str(first["item_id"]), "--json")
    assert code == 0
    assert [row["title"] for row in json.loads(out)["items"]] == [first["title"]]
    code, _, err = gleaner(config, "rules", "test", "--item", "999")
    assert (code, err) == (1, "gleaner: no stored item with id 999\n")


def test_since_window_and_bad_duration(config: Path) -> None:
    code, out, _ = gleaner(config, "rules", "test", "--since", "1m", "--json")
    assert len(json.loads(out)["items"]) == 3
    code, _, err = gleaner(config, "rules", "test", "--since", "soon")
    assert code == 2
    assert '"soon" is not a duration like 7d, 12h, 30m, 2w or all' in err


def test_diff_backtests_a_new_file(config: Path, tmp_path: Path) -> None:
    code, out, _ = gleaner(
        config, "rules", "diff", str(tmp_path / "rules.yaml"), str(tmp_path / "new.yaml"), "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["summary"] == {
        "items": 3,
        "changed": 1,
        "gained": {"papers": 1},
        "lost": {"news": 1},
    }
    change = data["changes"][0]
    assert (change["title"], change["old"], change["new"]) == (
        "Acme launches [beta] coding agent",
        "news [issue]",
        "papers [issue]",
    )
    code, out, _ = gleaner(
        config,
        "rules",
        "diff",
        str(tmp_path / "rules.yaml"),
        str(tmp_path / "new.yaml"),
        "--exit-code",
    )
    assert code == 1
    assert "3 items checked, 1 would change" in out
    assert "papers: +1 -0" in out
    same = gleaner(
        config,
        "rules",
        "diff",
        str(tmp_path / "rules.yaml"),
        str(tmp_path / "rules.yaml"),
        "--exit-code",
    )
    assert same[0] == 0


def test_schema_is_json_schema_of_the_models(config: Path) -> None:
    code, out, _ = gleaner(config, "rules", "schema")
    assert code == 0
    assert json.loads(out) == json_schema()
    assert json.loads(out)["$defs"]["RouteSpec"]["additionalProperties"] is False


def test_a_made_up_item_needs_no_store(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(OLD)
    settings = tmp_path / "gleaner.yaml"
    missing = tmp_path / "no" / "such" / "folder" / "gleaner.db"
    settings.write_text(f"store:\n  url: sqlite:///{missing}\nrules_file: rules.yaml\n")
    code, out, _ = gleaner(
        settings,
        "rules",
        "test",
        "--title",
        "Acme launches an agent",
        "--sender",
        "A@B.com",
        "--json",
    )
    assert code == 0
    (row,) = json.loads(out)["items"]
    assert row["why"] == ['deliver by launches -> news: keyword "launches" in title']
    code, out, _ = gleaner(
        settings, "rules", "test", "--title", "Ad", "--sponsor", "--kind", "paper"
    )
    assert code == 0
    assert "drop by sponsors: sponsor is true" in out
    assert not missing.parent.exists()


def test_durations_and_ids_beyond_any_calendar_or_integer(config: Path) -> None:
    for since in ("999999999d", "99999999999999999999999w"):
        code, out, err = gleaner(config, "rules", "test", "--since", since, "--json")
        assert code == 0, err
        assert len(json.loads(out)["items"]) == 3, "a window older than the calendar is all"
    code, _, err = gleaner(config, "rules", "test", "--item", str(10**20))
    assert code == 2
    assert "--item" in err


def test_escape_sequences_in_older_rows_never_reach_the_terminal(config: Path) -> None:
    from sqlalchemy import update

    from bot.store.schema import items

    store = Store.open(f"sqlite:///{config.parent / 'gleaner.db'}")
    with store.engine.begin() as conn:  # written before the store dropped control characters
        conn.execute(update(items).values(title=items.c.title + "\x1b]52;c;cHduZWQ=\x07"))
    store.close()
    code, out, _ = gleaner(config, "rules", "test", "--since", "all")
    assert code == 0
    assert "Sparse attention" in out
    assert "\x1b" not in out
