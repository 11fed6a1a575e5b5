"""`gleaner run` as a user runs it: a real process watching a Maildir."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "mail" / "new"


def _gleaner(*args: str, cwd: Path) -> list[str]:
    return [sys.executable, "-c", "from bot.cli import main; main()", *args]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLEANER_")}
    env["COLUMNS"] = "200"
    return env


def _wait_for(
    proc: subprocess.Popen[str], lines: list[str], needle: str, timeout: float = 30
) -> None:
    deadline = time.monotonic() + timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if needle in line:
            return
    raise AssertionError(f"{needle!r} not printed; got:\n{''.join(lines)}")


def _maildir(root: Path) -> Path:
    maildir = root / "mail"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True)
    return maildir


def _start(root: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _gleaner("run", cwd=root),
        cwd=root,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _interrupt(proc: subprocess.Popen[str]) -> str:
    """Ctrl-C, as a user would; returns stderr once the process has ended."""
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    return err


def test_run_once_prints_one_digest_per_issue_on_the_embedded_defaults(tmp_path: Path) -> None:
    shutil.copytree(DEMO.parent, tmp_path / "mail")
    done = subprocess.run(
        _gleaner("run", "--once", cwd=tmp_path),
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    parents = [line for line in done.stdout.splitlines() if line.startswith("●")]
    assert [p.split(" · ")[0] for p in parents] == [
        "● TLDR AI",
        "● Hugging Face Daily Papers",
        "● The CoVar Zeitgeist",
        "● The Platform Letter",
    ]
    assert (tmp_path / "gleaner.db").exists()
    again = subprocess.run(
        _gleaner("run", "--once", cwd=tmp_path),
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert "●" not in again.stdout, (
        "a second pass posts nothing: every item was posted exactly once"
    )


def test_run_watches_the_folder_and_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    maildir = _maildir(tmp_path)
    proc = _start(tmp_path)
    lines: list[str] = []
    try:
        time.sleep(
            1.5
        )  # let it start watching; a message dropped earlier is found by the first scan anyway
        first = sorted(DEMO.iterdir())[0]
        shutil.copy(first, maildir / "tmp" / first.name)
        os.rename(maildir / "tmp" / first.name, maildir / "new" / first.name)  # how MTAs deliver
        _wait_for(proc, lines, "● TLDR AI")
        err = _interrupt(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err


RULES = """
channels:
  console:
    platform: console
admin_channel: console
routes:
  - name: everything
    to: console
"""


def test_an_invalid_rules_edit_is_announced_and_the_old_rules_stay_live(tmp_path: Path) -> None:
    maildir = _maildir(tmp_path)
    (tmp_path / "rules.yaml").write_text(RULES)
    (tmp_path / "gleaner.yaml").write_text("rules_file: rules.yaml\n")
    proc = _start(tmp_path)
    lines: list[str] = []
    try:
        time.sleep(1.5)
        (tmp_path / "rules.yaml").write_text(RULES.replace("to: console", "to: nowhere"))
        _wait_for(proc, lines, "has errors; the previous rules stay live until it is fixed:")
        assert "nowhere" in lines[-1]
        first = sorted(DEMO.iterdir())[0]
        shutil.copy(first, maildir / "new" / first.name)
        _wait_for(proc, lines, "● TLDR AI")  # the previous rules still route to the console
        err = _interrupt(proc)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err


def test_a_part_that_cannot_start_stops_the_bot_cleanly_with_one_clear_line(tmp_path: Path) -> None:
    import socket

    _maildir(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        (tmp_path / "gleaner.yaml").write_text(
            "chat:\n  slack:\n    mode: http\n    http_host: 127.0.0.1\n"
            f"    http_port: {port}\n    bot_token: xoxb-test-token\n    signing_secret: s3cret\n"
        )
        done = subprocess.run(
            _gleaner("run", cwd=tmp_path),
            cwd=tmp_path,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("gleaner: ")
    assert "address already in use" in last.lower()
    assert "xoxb-test-token" not in done.stderr
