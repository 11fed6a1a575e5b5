"""Gleaner's routing rules: the YAML model, its compiler and the pure routing engine.

``load_rules(path)`` or ``compile_rules(text, filename)`` validate a rules file
and compile it, raising ``bot.errors.RulesError`` with every problem as
``FILE:LINE:COL: message``. ``CompiledRules.route(item, newsletter)`` returns
the decisions for one item; ``CompiledRules.explain`` also says why, drops
included. See ``rules/README.md`` for the file format.
"""

from __future__ import annotations

from pathlib import Path

from bot.errors import RulesError
from rules.compiler import compile_rules
from rules.engine import CompiledRules, Step, Trace
from rules.source import MAX_BYTES

DEFAULT_SOURCE = "<default rules>"
DEFAULT_TEXT = """\
channels:
  console:
    platform: console
defaults:
  to: console
  thread: issue
"""


def load_rules(path: Path) -> CompiledRules:
    """Read, validate and compile a rules file; RulesError names every problem."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise RulesError(
                [f"{path}:1:1: file is too large ({size} bytes; the limit is {MAX_BYTES})"]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RulesError([f"{path}:1:1: rules file not found"]) from None
    except IsADirectoryError:
        raise RulesError([f"{path}:1:1: is a directory, not a rules file"]) from None
    except OSError as exc:
        raise RulesError([f"{path}:1:1: cannot read the rules file ({exc.strerror})"]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RulesError([f"{path}:1:1: not UTF-8 text (byte {exc.start})"]) from None
    return compile_rules(text, str(path))


def default_rules() -> CompiledRules:
    """No rules file configured: every item goes to the console, a thread per issue."""
    return compile_rules(DEFAULT_TEXT, DEFAULT_SOURCE)


__all__ = [
    "CompiledRules",
    "RulesError",
    "Step",
    "Trace",
    "compile_rules",
    "default_rules",
    "load_rules",
]
