"""Every problem in a rules file, worded for people, with its line and column.

Two sources of problems: pydantic's validation of the models in
:mod:`rules.spec` (types, forms, unknown keys), and the cross-reference checks
below, made on the raw tree so that an undefined channel is reported even
when another part of the file has a type error. The wording here is part of
Gleaner's interface: tests assert it word for word.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rules.source import Problem, position
from rules.spec import RulesFile


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'"{shown}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional down to the type that holds the next step."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _model_at(path: Sequence[str | int]) -> type[BaseModel] | None:
    """The model that validates the mapping at ``path`` (for "did you mean")."""
    current: Any = RulesFile
    for part in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next(
                (f for n, f in current.model_fields.items() if (f.alias or n) == part),
                None,
            )
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def keys_of(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _message(err: ErrorDetails) -> str:
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    loc = err["loc"]
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = keys_of(model) if model else []
        hint = did_you_mean(str(loc[-1]), allowed)
        if not hint and allowed:
            hint = "; expected one of: " + ", ".join(allowed)
        return f'unknown key "{loc[-1]}"{hint}'
    if kind == "missing":
        return f'missing required key "{loc[-1]}"'
    if kind in ("value_error", "assertion_error"):
        return str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind in ("string_type", "string_sub_type"):
        return f"expected text, got {_describe(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_describe(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {_describe(value)}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, got {_describe(value)}"
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", '"')
        return f"expected {expected}, got {_describe(value)}"
    if kind == "list_type":
        return f"expected a list, got {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping, got {_describe(value)}"
    return str(err["msg"])


def validation_problems(root: Any, exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = list(err["loc"])
        line, col = position(root, loc, key=err["type"] == "extra_forbidden")
        problems.append(Problem(line, col, _message(err)))
    return problems


# Cross-references, checked on the raw tree -----------------------------------


def _names(node: Any) -> list[tuple[Any, list[str | int]]]:
    """A ``str | list[str]`` value as (value, relative path) pairs."""
    if isinstance(node, str):
        return [(node, [])]
    if isinstance(node, CommentedSeq):
        return [(v, [i]) for i, v in enumerate(node) if isinstance(v, str)]
    return []


def _walk_matchers(node: Any, path: list[str | int]) -> Iterator[tuple[Any, list[str | int]]]:
    if not isinstance(node, CommentedMap):
        return
    yield node, path
    for key in ("all", "any"):
        children = node.get(key)
        if isinstance(children, CommentedSeq):
            for i, child in enumerate(children):
                yield from _walk_matchers(child, [*path, key, i])
    yield from _walk_matchers(node.get("not"), [*path, "not"])


class _References:
    def __init__(self, root: CommentedMap) -> None:
        self.root = root
        channels, topics = root.get("channels"), root.get("topics")
        self.channels = list(channels) if isinstance(channels, CommentedMap) else []
        self.topics = list(topics) if isinstance(topics, CommentedMap) else []
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.used: set[tuple[str, str]] = set()
        self.route_names: dict[str, tuple[int, int]] = {}

    def report(self, path: list[str | int], message: str, *, key: bool = False) -> None:
        line, col = position(self.root, path, key=key)
        self.problems.append(Problem(line, col, message))

    def channel_refs(self, value: Any, path: list[str | int]) -> bool:
        """Check a ``to:`` value; true when it names at least one channel."""
        named = False
        for name, rel in _names(value):
            named = True
            self.used.add(("channel", name))
            if name not in self.channels:
                hint = did_you_mean(name, self.channels)
                self.report([*path, *rel], f'undefined channel "{name}"{hint}')
        return named

    def matcher_refs(self, match: Any, path: list[str | int]) -> None:
        for node, sub in _walk_matchers(match, path):
            for name, rel in _names(node.get("topic")):
                self.used.add(("topic", name))
                if name not in self.topics:
                    hint = did_you_mean(name, self.topics)
                    self.report([*sub, "topic", *rel], f'undefined topic "{name}"{hint}')

    def routes(self, routes: Any, path: list[str | int], inherited: bool) -> None:
        if not isinstance(routes, CommentedSeq):
            return
        catch_all: str | None = None
        for i, route in enumerate(routes):
            here: list[str | int] = [*path, i]
            if not isinstance(route, CommentedMap):
                continue
            name = route.get("name")
            label = f'route "{name}"' if isinstance(name, str) else "route"
            if catch_all is not None:
                line, col = position(self.root, here)
                self.warnings.append(
                    Problem(
                        line,
                        col,
                        f"{label} is never reached: {catch_all} before it takes every item",
                    )
                )
                catch_all = None  # one warning per list is enough
            elif route.get("match") is None and route.get("continue") is not True:
                catch_all = (
                    f'"{name}"'
                    if isinstance(name, str)
                    else f"the route at line {position(self.root, here)[0]}"
                )
            if isinstance(name, str):
                where = position(self.root, [*here, "name"])
                if name in self.route_names:
                    first = self.route_names[name]
                    self.report(
                        [*here, "name"],
                        f'duplicate route name "{name}" (first used at line {first[0]})',
                    )
                else:
                    self.route_names[name] = where
            has_to = self.channel_refs(route.get("to"), [*here, "to"]) if "to" in route else False
            self.matcher_refs(route.get("match"), [*here, "match"])
            dest = inherited or has_to
            if route.get("drop") is not True and not dest:
                self.report(
                    here,
                    f"{label} has nowhere to post: give it to: (here, on a parent or in defaults:) or drop: true",
                )
            self.routes(route.get("routes"), [*here, "routes"], dest)

    def unused(self) -> None:
        for kind, names in (("channel", self.channels), ("topic", self.topics)):
            for name in names:
                if (kind, name) not in self.used:
                    line, col = position(self.root, [f"{kind}s", name], key=True)
                    self.warnings.append(Problem(line, col, f'{kind} "{name}" is never used'))


def check_references(root: CommentedMap) -> _References:
    refs = _References(root)
    defaults = root.get("defaults")
    inherited = False
    if isinstance(defaults, CommentedMap) and "to" in defaults:
        inherited = refs.channel_refs(defaults["to"], ["defaults", "to"])
    admin = root.get("admin_channel")
    if isinstance(admin, str) and admin not in refs.channels:
        refs.report(
            ["admin_channel"], f'undefined channel "{admin}"{did_you_mean(admin, refs.channels)}'
        )
    if isinstance(admin, str):
        refs.used.add(("channel", admin))
    refs.routes(root.get("routes"), ["routes"], inherited)
    refs.unused()
    return refs


def all_problems(root: CommentedMap) -> tuple[RulesFile | None, list[Problem], list[Problem]]:
    """Validate ``root``: the model (when it is valid), every problem, and warnings."""
    refs = check_references(root)
    problems = list(refs.problems)
    model: RulesFile | None = None
    try:
        top = {k: v for k, v in root.items() if not str(k).startswith(EXTENSION_PREFIX)}
        model = RulesFile.model_validate(_plain(top))
    except ValidationError as exc:
        problems.extend(validation_problems(root, exc))
    unique = sorted(set(problems), key=lambda p: (p.line, p.col, p.message))
    warnings = sorted(set(refs.warnings), key=lambda p: (p.line, p.col, p.message))
    return (model if not unique else None), unique, warnings


EXTENSION_PREFIX = "x-"
"""Top-level keys starting with this are ignored: a place for YAML anchors."""


def _plain(node: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists for pydantic."""
    if isinstance(node, dict):
        return {str(k) if not isinstance(k, str) else k: _plain(v) for k, v in node.items()}
    if isinstance(node, CommentedSeq):
        return [_plain(v) for v in node]
    return node
