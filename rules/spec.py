"""What the user wrote: typed models of the rules file, validated once at load.

These models mirror the YAML one to one (unknown keys are errors, every value is
checked for its type and form). Cross-references (channel and topic names) are
checked by :mod:`rules.diagnostics` on the raw tree so that they are reported
even when other parts of the file fail. The compiled matching tree is a
different set of types (:mod:`rules.matchers`): YAML is never interpreted while
matching.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import re2
from croniter import croniter
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.models import Kind, Platform, ThreadPolicy

TextField = Literal["title", "blurb", "section"]
"""The item fields that ``keyword`` and ``regex`` read."""

_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _as_list(value: Any) -> Any:
    """Let a single value stand for a list of one: ``to: papers``."""
    if isinstance(value, str | int | float | bool):
        return [value]
    return value


def _as_text(value: Any) -> Any:
    """Channel ids written as bare numbers (Discord) are kept as text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _keyword_shorthand(value: Any) -> Any:
    """``keyword: llm`` and ``keyword: [a, b]`` mean ``keyword: {any: [...]}``."""
    if isinstance(value, str):
        return {"any": [value]}
    if isinstance(value, list):
        return {"any": value}
    return value


def _words(value: list[str]) -> list[str]:
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


Names = Annotated[list[str], BeforeValidator(_as_list, json_schema_input_type=str | list[str])]
Flag = Annotated[bool, Strict()]
"""Only true and false: YAML 1.2 reads yes/no/on/off as text, and so do we."""
Count = Annotated[int, Strict()]
Regex = Annotated[str, AfterValidator(check_regex)]
Patterns = Annotated[list[Regex], BeforeValidator(_as_list, json_schema_input_type=str | list[str])]


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ChannelSpec(Spec):
    """A named place to post."""

    platform: Platform = Field(description="slack, discord or console.")
    target: Annotated[str, BeforeValidator(_as_text, json_schema_input_type=str | int)] = Field(
        default="",
        validate_default=True,
        description="Slack channel id (C0123…) or name (#ai-papers); Discord channel id. Empty for console.",
    )
    description: str = Field(default="", description="Free text for people reading the file.")

    @field_validator("target")
    @classmethod
    def _target_fits_platform(cls, value: str, info: ValidationInfo) -> str:
        platform = info.data.get("platform")
        if platform is None or platform is Platform.CONSOLE:
            return value
        if not value.strip():
            raise ValueError(f"a {platform.value} channel needs a target (its channel id)")
        if platform is Platform.DISCORD and not value.isdigit():
            raise ValueError(f'a discord target is a numeric channel id, not "{value}"')
        return value


class TopicSpec(Spec):
    """A named set of keywords, phrases and regexes, used by the ``topic`` matcher."""

    keywords: Annotated[
        list[str], BeforeValidator(_as_list, json_schema_input_type=str | list[str])
    ] = Field(default_factory=list, description="Words or phrases; case-insensitive, whole words.")
    regexes: Patterns = Field(default_factory=list, description="RE2 regular expressions.")
    description: str = Field(default="", description="Free text for people reading the file.")

    @field_validator("keywords")
    @classmethod
    def _keywords(cls, value: list[str]) -> list[str]:
        return _words(value) if value else value

    @model_validator(mode="after")
    def _not_empty(self) -> TopicSpec:
        if not self.keywords and not self.regexes:
            raise ValueError("a topic needs keywords or regexes")
        return self


class KeywordSpec(Spec):
    """Words or phrases, any or all of which must occur."""

    any: list[str] | None = Field(default=None, description="At least one of these must occur.")
    all: list[str] | None = Field(default=None, description="Every one of these must occur.")

    @field_validator("any", "all")
    @classmethod
    def _lists(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _words(value)

    @model_validator(mode="after")
    def _one(self) -> KeywordSpec:
        if self.any is None and self.all is None:
            raise ValueError("keyword needs any: or all:")
        return self


class MatchSpec(Spec):
    """One matcher. Several keys in one mapping must all hold."""

    newsletter: Names | None = Field(
        default=None,
        description="Newsletter name or family, case-insensitive; * and ? are wildcards.",
    )
    sender: Names | None = Field(
        default=None,
        description="Sender address (a@b.com), or a domain (b.com, @b.com) incl. subdomains.",
    )
    section: Names | None = Field(
        default=None,
        description="Section heading of the item, case-insensitive; * and ? are wildcards.",
    )
    sponsor: Flag | None = Field(
        default=None, description="true: sponsored items only; false: none."
    )
    kind: (
        Annotated[list[Kind], BeforeValidator(_as_list, json_schema_input_type=Kind | list[Kind])]
        | None
    ) = Field(default=None, description="article, paper, repo, video or model.")
    keyword: (
        Annotated[
            KeywordSpec,
            BeforeValidator(
                _keyword_shorthand, json_schema_input_type=str | list[str] | KeywordSpec
            ),
        ]
        | None
    ) = Field(default=None, description="Words or phrases (any by default; {all: [...]} for all).")
    regex: Patterns | None = Field(default=None, description="RE2 regexes; any one must match.")
    topic: Names | None = Field(default=None, description="Names from topics:; any one must match.")
    in_: list[TextField] | None = Field(
        default=None,
        alias="in",
        description="Fields keyword, regex and topic read here and below (default: title and blurb).",
    )
    all: list[MatchSpec] | None = Field(
        default=None, description="Every matcher in the list must hold."
    )
    any: list[MatchSpec] | None = Field(default=None, description="At least one matcher must hold.")
    not_: MatchSpec | None = Field(
        default=None, alias="not", description="The matcher must not hold."
    )

    @field_validator(
        "newsletter", "sender", "section", "topic", "regex", "kind", "all", "any", "in_"
    )
    @classmethod
    def _not_empty(cls, value: list[Any] | None) -> list[Any] | None:
        if value is not None and not value:
            raise ValueError("must not be empty")
        return value

    @model_validator(mode="after")
    def _has_condition(self) -> MatchSpec:
        conditions = self.model_fields_set - {"in_"}
        if not conditions:
            raise ValueError("a matcher needs at least one condition")
        return self


def _check_quiet_hours(value: str | None) -> str | None:
    if value is None or value == "off":
        return value
    start, sep, end = value.partition("-")
    if not sep or not _HHMM.match(start.strip()) or not _HHMM.match(end.strip()):
        raise ValueError(f'quiet_hours must look like "22:00-07:00" (or off), not "{value}"')
    return f"{start.strip()}-{end.strip()}"


class RouteOptions(Spec):
    """What a route does with what it matches; children inherit every option."""

    to: Names | None = Field(default=None, description="Channel name(s) from channels: to post to.")
    schedule: str | None = Field(
        default=None, description='"immediate" or a five-field cron expression for a digest.'
    )
    timezone: str | None = Field(
        default=None, description="IANA time zone of schedule and quiet_hours."
    )
    quiet_hours: str | None = Field(
        default=None,
        description='"22:00-07:00": hold immediate posts in this window; off to clear.',
    )
    thread: ThreadPolicy | None = Field(
        default=None, description="issue (a thread per newsletter issue), digest or none."
    )
    max_items: Count | None = Field(
        default=None, ge=1, description="At most this many items per post."
    )
    keep_sponsored: Flag | None = Field(
        default=None, description="false: sponsored items are not posted."
    )

    @field_validator("schedule")
    @classmethod
    def _schedule(cls, value: str | None) -> str | None:
        if value is None or value == "immediate":
            return value
        fields = value.split()
        if len(fields) != 5:
            raise ValueError(
                f'schedule must be "immediate" or a five-field cron expression, not "{value}"'
            )
        if not croniter.is_valid(" ".join(fields)):
            raise ValueError(f'invalid cron expression "{value}"')
        return " ".join(fields)

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f'unknown time zone "{value}"') from None
        return value

    @field_validator("quiet_hours")
    @classmethod
    def _quiet_hours(cls, value: str | None) -> str | None:
        return _check_quiet_hours(value)


class RouteSpec(RouteOptions):
    """A node of the routing tree."""

    name: str | None = Field(
        default=None, description="Shown in explanations and decisions; unique."
    )
    match: MatchSpec | None = Field(
        default=None, description="Which items this route takes; absent: all."
    )
    continue_: Flag = Field(
        default=False,
        alias="continue",
        description="Keep looking at later routes after this one matched.",
    )
    drop: Flag = Field(default=False, description="Discard what matches: nothing is posted.")
    routes: list[RouteSpec] = Field(
        default_factory=list,
        description="Child routes, tried in order before this route's own destinations.",
    )

    @model_validator(mode="after")
    def _drop_alone(self) -> RouteSpec:
        if self.drop and self.continue_:
            raise ValueError("a drop route cannot continue")
        if self.drop and self.routes:
            raise ValueError("a drop route cannot have child routes")
        return self


class RulesFile(Spec):
    """The whole rules file."""

    channels: dict[str, ChannelSpec] = Field(
        default_factory=dict, description="Named destinations routes post to."
    )
    topics: dict[str, TopicSpec] = Field(
        default_factory=dict,
        description="Named sets of keywords and regexes for the topic matcher.",
    )
    defaults: RouteOptions = Field(
        default_factory=RouteOptions,
        description="Options every route inherits; its to: also takes items no route matched.",
    )
    routes: list[RouteSpec] = Field(
        default_factory=list, description="The routing tree, tried in order."
    )
    admin_channel: str | None = Field(
        default=None,
        description="Channel name for notices about the rules themselves (invalid edits).",
    )
