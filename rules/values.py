"""The checks and small conversions behind the rules models' fields.

Each check raises ``ValueError`` with the sentence the user will read (after
``FILE:LINE:COL:``); pydantic attaches the position. The wording is part of the
interface: tests assert it word for word.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import re2
from croniter import croniter
from pydantic import AfterValidator, BeforeValidator, Strict

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def as_list(value: Any) -> Any:
    """Let a single value stand for a list of one: ``to: papers``."""
    if isinstance(value, str | int | float | bool):
        return [value]
    return value


def as_text(value: Any) -> Any:
    """Channel ids written as bare numbers (Discord) are kept as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def keyword_shorthand(value: Any) -> Any:
    """``keyword: llm`` and ``keyword: [a, b]`` mean ``keyword: {any: [...]}``."""
    if isinstance(value, str):
        return {"any": [value]}
    if isinstance(value, list):
        return {"any": value}
    return value


def words(value: list[str]) -> list[str]:
    if not value:
        raise ValueError("must not be empty")
    for text in value:
        if not text.strip():
            raise ValueError("an empty string matches nothing")
    return value


def check_regex(pattern: str) -> str:
    """Compile with RE2 (linear time, no backtracking): user patterns never run in ``re``."""
    try:
        re2.compile(pattern, options=quiet_options())
    except re2.error as exc:
        reason = exc.args[0] if exc.args else ""
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise ValueError(f'invalid regex "{pattern}": {reason}') from None
    return pattern


def quiet_options() -> Any:
    """RE2 options that do not write parse errors to stderr (they are reported instead)."""
    options = re2.Options()
    options.log_errors = False
    return options


Names = Annotated[list[str], BeforeValidator(as_list, json_schema_input_type=str | list[str])]
Flag = Annotated[bool, Strict()]
"""Only true and false: YAML 1.2 reads yes/no/on/off as text, and so do we."""
Count = Annotated[int, Strict()]
Regex = Annotated[str, AfterValidator(check_regex)]
Patterns = Annotated[list[Regex], BeforeValidator(as_list, json_schema_input_type=str | list[str])]


def check_quiet_hours(value: str | None) -> str | None:
    if value is None or value == "off":
        return value
    start, sep, end = value.partition("-")
    if not sep or not _HHMM.match(start.strip()) or not _HHMM.match(end.strip()):
        raise ValueError(f'quiet_hours must look like "22:00-07:00" (or off), not "{value}"')
    return f"{start.strip()}-{end.strip()}"


CRON_NICKNAMES = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
}


def check_schedule(value: str | None) -> str | None:
    """``immediate``, five cron fields, or a nickname; returned in five-field form."""
    if value is None or value == "immediate":
        return value
    fields = CRON_NICKNAMES.get(value.strip(), value).split()
    if len(fields) != 5:
        raise ValueError(
            f'schedule must be "immediate" or a five-field cron expression, not "{value}"'
        )
    if not croniter.is_valid(" ".join(fields)):
        raise ValueError(f'invalid cron expression "{value}"')
    return " ".join(fields)


def check_timezone(value: str | None) -> str | None:
    if value is None:
        return value
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f'unknown time zone "{value}"') from None
    return value
