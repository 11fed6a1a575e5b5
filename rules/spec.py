"""What the user wrote: typed models of the rules file, validated once at load.

These models mirror the YAML one to one (unknown keys are errors, every value is
checked for its type and form). Cross-references (channel and topic names) are
checked by :mod:`rules.diagnostics` on the raw tree so that they are reported
even when other parts of the file fail. The compiled matching tree is a
different set of types (:mod:`rules.matchers`): YAML is never interpreted while
matching.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.models import Kind, Platform, ThreadPolicy
from rules.values import (
    Count,
    Flag,
    Names,
    Patterns,
    as_list,
    as_text,
    check_quiet_hours,
    check_schedule,
    check_timezone,
    keyword_shorthand,
    words,
)

TextField = Literal["title", "blurb", "section"]
"""The item fields that ``keyword`` and ``regex`` read."""


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ChannelSpec(Spec):
    """A named place to post."""

    platform: Platform = Field(description="slack, discord or console.")
    target: Annotated[str, BeforeValidator(as_text, json_schema_input_type=str | int)] = Field(
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
        list[str], BeforeValidator(as_list, json_schema_input_type=str | list[str])
    ] = Field(default_factory=list, description="Words or phrases; case-insensitive, whole words.")
    regexes: Patterns = Field(default_factory=list, description="RE2 regular expressions.")
    description: str = Field(default="", description="Free text for people reading the file.")

    @field_validator("keywords")
    @classmethod
    def _keywords(cls, value: list[str]) -> list[str]:
        return words(value) if value else value

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
        return None if value is None else words(value)

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
        Annotated[list[Kind], BeforeValidator(as_list, json_schema_input_type=Kind | list[Kind])]
        | None
    ) = Field(default=None, description="article, paper, repo, video or model.")
    keyword: (
        Annotated[
            KeywordSpec,
            BeforeValidator(
                keyword_shorthand, json_schema_input_type=str | list[str] | KeywordSpec
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

    _schedule = field_validator("schedule")(check_schedule)
    _timezone = field_validator("timezone")(check_timezone)
    _quiet_hours = field_validator("quiet_hours")(check_quiet_hours)


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
