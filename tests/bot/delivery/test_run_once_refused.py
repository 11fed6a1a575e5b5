"""``gleaner run --once`` against a Slack channel the bot was not invited to: exit 1
naming the channel and the reason, nothing lost; invited, the next run posts it all once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.delivery import outbox
from bot.store import Store
from tests.fakes.slack_api import FakeSlack

DEMO = Path(__file__).resolve().parents[3] / "examples" / "mail"
TOKEN = "xoxb-test-token"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    server = FakeSlack(channels={"C0NEWS": "news"}, token=TOKEN)
    thread = server.start_in_thread()
    yield server
    server.stop_thread(thread)


def setup(root: Path, fake: FakeSlack) -> Path:
    shutil.copytree(DEMO, root / "mail")
    (root / "token").write_text(TOKEN + "\n")
    (root / "rules.yaml").write_text(
        "channels:\n  news:\n    platform: slack\n    target: C0NEWS\n"
        "routes:\n  - name: all\n    to: news\n    schedule: immediate\n    thread: issue\n"
        "    max_items: 2\n"
    )
    config = root / "gleaner.yaml"
    config.write_text(
        f"store:\n  url: sqlite:///{root / 'g.db'}\nlocal:\n  maildir: {root / 'mail'}\n"
        f"rules_file: {root / 'rules.yaml'}\n"
        f"chat:\n  slack:\n    bot_token_file: {root / 'token'}\n    api_url: {fake.base_url}\n"
        "    post_interval_seconds: 0\n"
    )
    return config


def run_once(config: Path) -> subprocess.CompletedProcess[str]:
    """The real entry point in its own process, as a cron job runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLEANER_")}
    return subprocess.run(
        [
            *(sys.executable, "-c", "from bot.cli import main; main()"),
            *("--config", str(config), "run", "--once"),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_run_once_names_a_refused_channel_and_exits_1(tmp_path: Path, fake: FakeSlack) -> None:
    config = setup(tmp_path, fake)
    fake.not_in.add("C0NEWS")
    done = run_once(config)
    assert done.returncode == 1, done.stderr
    assert "gleaner: could not post to 'news': Slack refused the request: not_in_channel" in (
        done.stderr
    )
    assert "invite the bot" in done.stderr
    assert TOKEN not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    assert [r.method for r in fake.requests] == ["chat.postMessage"]

    fake.not_in.clear()
    done = run_once(config)
    assert done.returncode == 0, done.stderr
    store = Store.open(f"sqlite:///{tmp_path / 'g.db'}")
    counts = outbox.counts(store)
    store.close()
    assert set(counts) <= {"posted", "skipped"}
    parents = [m for m in fake.messages["C0NEWS"] if "thread_ts" not in m]
    replies = [m for m in fake.messages["C0NEWS"] if "thread_ts" in m]
    assert len(parents) == 4  # one per demo newsletter issue
    assert len(replies) == counts["posted"]  # each posted row is one reply
    markers = [m["metadata"]["event_payload"]["marker"] for m in fake.messages["C0NEWS"]]
    assert len(markers) == len(set(markers))  # nothing posted twice
