"""The console script turns every failure into one line and an exit code."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest

from bot.cli import get_cli, main


@pytest.fixture
def boom() -> Iterator[None]:
    @click.command("boom")
    def command() -> None:
        """Fail the way a bug would, for this test only."""
        raise KeyError("no such thing")

    group = get_cli()
    group.add_command(command)
    yield
    del group.commands["boom"]


@pytest.mark.usefixtures("boom")
@pytest.mark.parametrize(
    ("argv", "ends"),
    [
        (["gleaner", "boom"], " (-vv shows the traceback)"),
        (["gleaner", "-vv", "boom"], "'no such thing'"),
    ],
)
def test_a_bug_is_one_line_with_a_hint(
    argv: list[str],
    ends: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr("sys.argv", argv)
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    last = err.strip().splitlines()[-1]
    assert last.startswith("gleaner: unexpected error: KeyError: 'no such thing'")
    assert last.endswith(ends)
    traced = [r for r in caplog.records if r.exc_info and r.exc_info[0] is KeyError]
    assert bool(traced) == ("-vv" in argv), "the traceback is logged only at -vv"
