"""Reading the rules file safely: size cap, no tags, bounded aliases, positions kept.

The text is parsed twice. First as a stream of events, to refuse what a
routing file never needs and an attacker (or a paste accident) could use:
explicit tags, which ask the loader to build objects, and aliases that expand
into a huge tree (the "billion laughs"). Then with ruamel.yaml's round-trip
loader (YAML 1.2, so ``no`` and ``on`` stay strings), which keeps the line and
column of every key and value for error messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    NodeEvent,
    ScalarEvent,
)

MAX_BYTES = 1024 * 1024
"""Rules files are hand-written; anything bigger is a mistake or an attack."""
MAX_NODES = 100_000
"""Upper bound on the values a file may expand to once aliases are followed."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists. A real rules file stays under 20; the
YAML composer and the validators recurse, so a deeper file would end in a
RecursionError instead of an error message."""

Pos = tuple[int, int]
"""1-based (line, column)."""


@dataclass(frozen=True, slots=True)
class Problem:
    line: int
    col: int
    message: str


class SourceError(Exception):
    """The text cannot be read as a rules document at all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.version = (1, 2)
    yaml.allow_duplicate_keys = False
    return yaml


def _mark(exc: MarkedYAMLError) -> Pos:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


def _yaml_problem(exc: YAMLError) -> Problem:
    if isinstance(exc, MarkedYAMLError):
        line, col = _mark(exc)
        what = exc.problem or exc.context or "syntax error"
        if "duplicate key" in what:
            return Problem(line, col, f"duplicate key {_dup_key(str(exc))}")
        return Problem(line, col, f"not valid YAML: {what}")
    return Problem(1, 1, f"not valid YAML: {exc}")


def _dup_key(text: str) -> str:
    # ruamel says: found duplicate key "x" with value "…"; keep just the key.
    start = text.find('duplicate key "')
    if start < 0:
        return ""
    rest = text[start + len('duplicate key "') :]
    return '"' + rest[: rest.find('"')] + '"'


def _screen(text: str) -> list[Problem]:
    """Walk the event stream: refuse tags, count nodes with aliases expanded."""
    problems: list[Problem] = []
    anchors: dict[str, int] = {}
    # Each open collection: [node count so far, anchor name]
    stack: list[list[Any]] = []
    documents = 0
    total = 0

    def add(size: int) -> None:
        nonlocal total
        if stack:
            stack[-1][0] += size
        else:
            total += size

    for event in _yaml().parse(text):
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents == 2:
                line, col = event.start_mark.line + 1, event.start_mark.column + 1
                problems.append(Problem(line, col, "only one YAML document is allowed"))
        if isinstance(event, NodeEvent) and not isinstance(event, AliasEvent):
            tag = getattr(event, "tag", None)
            if tag is not None and not (isinstance(event, ScalarEvent) and tag == "!"):
                line, col = event.start_mark.line + 1, event.start_mark.column + 1
                problems.append(Problem(line, col, f"YAML tags are not allowed ({tag})"))
        if isinstance(event, AliasEvent):
            add(anchors.get(str(event.anchor), 1))
        elif isinstance(event, ScalarEvent):
            add(1)
            if event.anchor:
                anchors[str(event.anchor)] = 1
        elif isinstance(event, CollectionStartEvent):
            stack.append([1, event.anchor])
            if len(stack) > MAX_DEPTH:
                line, col = event.start_mark.line + 1, event.start_mark.column + 1
                message = f"nested more than {MAX_DEPTH} levels deep; refusing the file"
                problems.append(Problem(line, col, message))
                break
        elif isinstance(event, CollectionEndEvent):
            size, anchor = stack.pop()
            if anchor:
                anchors[str(anchor)] = size
            add(size)
        if total > MAX_NODES or (stack and stack[-1][0] > MAX_NODES):
            line, col = event.start_mark.line + 1, event.start_mark.column + 1
            problems.append(
                Problem(
                    line, col, f"aliases expand to more than {MAX_NODES} values; refusing the file"
                )
            )
            break
    return problems


def read_document(text: str) -> Any:
    """Parse ``text`` into ruamel's commented tree, or raise SourceError."""
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise SourceError(
            [Problem(1, 1, f"file is too large ({size} bytes; the limit is {MAX_BYTES})")]
        )
    try:
        problems = _screen(text)
        if problems:
            raise SourceError(problems)
        data = _yaml().load(text)
    except YAMLError as exc:
        raise SourceError([_yaml_problem(exc)]) from None
    if data is None:
        raise SourceError([Problem(1, 1, "the rules file is empty; it needs at least routes:")])
    if not isinstance(data, CommentedMap):
        raise SourceError(
            [Problem(1, 1, "the top level must be a mapping (channels:, topics:, routes:)")]
        )
    return data


def position(root: Any, path: Sequence[str | int], *, key: bool = False) -> Pos:
    """Where ``path`` points in the tree: the value, or with ``key`` the key itself.

    A path that leaves the tree (a missing key, a scalar that the models read
    as a list of one) resolves to the deepest node that exists.
    """
    node = root
    pos: Pos = (node.lc.line + 1, node.lc.col + 1) if hasattr(node, "lc") else (1, 1)
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(node, CommentedMap) and part in node:
            try:
                line, col = node.lc.key(part) if (key and last) else node.lc.value(part)
                pos = (line + 1, col + 1)
            except KeyError:
                pass  # a key merged in with <<: has no position here; keep the mapping's
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.lc.item(part)
            pos = (line + 1, col + 1)
            node = node[part]
        else:
            break
    return pos
