"""Hot reload against a real file: valid edits go live, invalid ones are reported and ignored."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.errors import RulesError
from bot.models import Item, Newsletter
from bot.rules_reload import RulesHolder

NL = Newsletter(family="tldr", name="TLDR AI")
GOOD = """\
channels:
  a: {platform: console}
  b: {platform: console}
defaults: {to: a}
"""
EDITED = GOOD.replace("defaults: {to: a}", "defaults: {to: b}")
BROKEN = GOOD.replace("defaults: {to: a}", "defaults: {to: c}")
WAIT = 20.0
"""Upper bound for a change to be seen; it normally takes well under a second."""


async def _until(condition: Callable[[], object]) -> None:
    step = 0.05
    for _ in range(int(WAIT / step)):
        if condition():
            return
        await asyncio.sleep(step)
    raise AssertionError(f"not seen within {WAIT} s")


def _dest(holder: RulesHolder) -> str:
    return holder.current.route(Item(title="x", url=None), NL)[0].destination


def _replace(path: Path, text: str) -> None:
    """Write like an editor does: a new file renamed over the old one."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


@pytest.mark.parametrize("polling", [False, True], ids=["events", "polling"])
async def test_valid_edit_goes_live_and_invalid_edit_keeps_the_last_good_rules(
    tmp_path: Path, polling: bool, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD)
    holder = RulesHolder(path, force_polling=polling)
    assert _dest(holder) == "a"
    reported: list[RulesError] = []

    async def on_error(exc: RulesError) -> None:
        reported.append(exc)

    stop = asyncio.Event()
    task = asyncio.create_task(holder.watch(stop, on_error))
    try:
        await asyncio.sleep(0.3)  # let the watcher start
        _replace(path, EDITED)
        await _until(lambda: _dest(holder) == "b")

        _replace(path, BROKEN)
        await _until(lambda: reported)
        assert reported[0].errors == [f'{path}:4:16: undefined channel "c"']
        assert _dest(holder) == "b"
        assert holder.last_error is reported[0]

        path.write_text(GOOD)  # written in place this time
        await _until(lambda: _dest(holder) == "a")
        assert holder.last_error is None
        assert len(reported) == 1
        # The events variant really ran on file events, not on the polling fallback.
        assert "polling instead" not in caplog.text
    finally:
        stop.set()
        await asyncio.wait_for(task, WAIT)


def test_an_invalid_file_at_start_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(BROKEN)
    with pytest.raises(RulesError):
        RulesHolder(path)


async def test_a_failing_notice_does_not_stop_reloading(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(GOOD)
    holder = RulesHolder(path)

    async def broken_notice(exc: RulesError) -> None:
        raise RuntimeError("chat is down")

    path.write_text(BROKEN)
    assert await holder.reload(broken_notice) is False
    path.write_text(EDITED)
    assert await holder.reload(broken_notice) is True
    assert _dest(holder) == "b"


def test_notice_lists_the_errors_and_caps_them(tmp_path: Path) -> None:
    from bot.rules_reload import invalid_rules_notice

    exc = RulesError([f"rules.yaml:{i}:1: problem {i}" for i in range(1, 13)])
    text = invalid_rules_notice(tmp_path / "rules.yaml", exc)
    lines = text.splitlines()
    assert lines[0] == (
        "The rules file rules.yaml has errors; the previous rules stay live until it is fixed:"
    )
    assert lines[1:11] == exc.errors[:10]
    assert lines[11] == "… and 2 more (run: gleaner rules check)"


async def test_a_kubernetes_configmap_swap_is_seen(tmp_path: Path) -> None:
    """ConfigMap volumes: rules.yaml -> ..data/rules.yaml, and ..data is a symlink swapped on update."""
    mount = tmp_path / "config"
    mount.mkdir()
    first, second = mount / "..v1", mount / "..v2"
    first.mkdir()
    second.mkdir()
    (first / "rules.yaml").write_text(GOOD)
    (second / "rules.yaml").write_text(EDITED)
    (mount / "..data").symlink_to("..v1")
    (mount / "rules.yaml").symlink_to("..data/rules.yaml")
    holder = RulesHolder(mount / "rules.yaml")
    assert _dest(holder) == "a"
    stop = asyncio.Event()
    task = asyncio.create_task(holder.watch(stop))
    try:
        await asyncio.sleep(0.3)
        (mount / "..data_tmp").symlink_to("..v2")
        os.replace(mount / "..data_tmp", mount / "..data")
        await _until(lambda: _dest(holder) == "b")
    finally:
        stop.set()
        await asyncio.wait_for(task, WAIT)
