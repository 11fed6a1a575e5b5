"""`gleaner run` as a user runs it: a real process watching a Maildir."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "mail" / "new"


def _gleaner(*args: str, cwd: Path) -> list[str]:
    return [sys.executable, "-c", "from bot.cli import main; main()", *args]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLEANER_")}
    env["COLUMNS"] = "200"
    return env


class _Bot:
    """A running ``gleaner run`` whose stdout and stderr are read by threads, so a chatty
    process never blocks on a full pipe and a silent one never blocks the test."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.lines: list[str] = []
        self.err: list[str] = []
        self._queues: dict[str, queue.Queue[str | None]] = {
            "out": queue.Queue(),
            "err": queue.Queue(),
        }
        assert proc.stdout is not None
        assert proc.stderr is not None
        self._threads = [
            threading.Thread(target=self._pump, args=(proc.stdout, "out", self.lines), daemon=True),
            threading.Thread(target=self._pump, args=(proc.stderr, "err", self.err), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _pump(self, stream: IO[str], name: str, sink: list[str]) -> None:
        with stream:
            for line in stream:
                sink.append(line)
                self._queues[name].put(line)
        self._queues[name].put(None)

    def wait_for(self, needle: str, timeout: float = 30, stream: str = "out") -> str:
        """The first line printed (on ``stream``) from now on that holds ``needle``."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._queues[stream].get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break  # the process closed the stream
            if needle in line:
                return line
        raise AssertionError(
            f"{needle!r} not printed; stdout:\n{''.join(self.lines)}\nstderr:\n{''.join(self.err)}"
        )

    def interrupt(self) -> str:
        """Ctrl-C, as a user would; returns stderr once the process has ended."""
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait(timeout=30)
        for thread in self._threads:
            thread.join(timeout=10)
        return "".join(self.err)

    def __enter__(self) -> _Bot:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        for thread in self._threads:
            thread.join(timeout=10)


def _maildir(root: Path) -> Path:
    maildir = root / "mail"
    for sub in ("new", "cur", "tmp"):
        (maildir / sub).mkdir(parents=True)
    return maildir


def _start(root: Path) -> _Bot:
    return _Bot(
        subprocess.Popen(
            _gleaner("run", cwd=root),
            cwd=root,
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )


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
    with _start(tmp_path) as bot:
        time.sleep(1.5)  # let it start watching; mail dropped earlier is found by the first scan
        first = sorted(DEMO.iterdir())[0]
        shutil.copy(first, maildir / "tmp" / first.name)
        os.rename(maildir / "tmp" / first.name, maildir / "new" / first.name)  # how MTAs deliver
        bot.wait_for("● TLDR AI")
        err = bot.interrupt()
    assert bot.proc.returncode == 0, err
    assert "Traceback" not in err
    assert "apscheduler" not in err, (
        "the scheduler's per-job INFO lines are not the user's business"
    )


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
    with _start(tmp_path) as bot:
        # Edited as soon as the bot is up, without waiting for the file watcher to be set up:
        # an edit made in that window must be seen too.
        bot.wait_for("gleaner running", stream="err")
        (tmp_path / "rules.yaml").write_text(RULES.replace("to: console", "to: nowhere"))
        notice = bot.wait_for("has errors; the previous rules stay live until it is fixed:")
        assert "nowhere" in notice
        first = sorted(DEMO.iterdir())[0]
        shutil.copy(first, maildir / "new" / first.name)
        bot.wait_for("● TLDR AI")  # the previous rules still route to the console
        err = bot.interrupt()
    assert bot.proc.returncode == 0, err


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
