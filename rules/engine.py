"""The routing engine: pure, compiled once, explained on demand.

Semantics follow Alertmanager's routing tree. Routes are tried in order; the
first that matches takes the item, unless it says ``continue: true``. A route
that matches hands the item to its children first; when none of them takes
it, the route posts it to its own destinations. ``drop: true`` discards. When
no top-level route matches, ``defaults: to:`` takes the item (if set).

Speed: for each item the text index finds every keyword and regex hit in one
pass, then only the routes whose trigger keys (see ``Node.needs``) the item
has are tested, plus the few that cannot be indexed (``not``, wildcards).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.models import Decision, Destination, Item, Newsletter, ThreadPolicy
from rules.matchers import Key, Node, View
from rules.textindex import TextIndex

if TYPE_CHECKING:
    from rules.spec import RulesFile


@dataclass(frozen=True, slots=True)
class Options:
    """A route's effective options, inheritance already applied."""

    destinations: tuple[str, ...]
    schedule: str
    timezone: str
    quiet_hours: tuple[str, str] | None
    thread: ThreadPolicy
    max_items: int | None
    keep_sponsored: bool


@dataclass(frozen=True, slots=True)
class CompiledRoute:
    path: str
    """Position in the file, e.g. ``routes[1].routes[0]``."""
    name: str | None
    trail: str
    """Labels from the top route down to this one, e.g. ``research > arxiv``."""
    matcher: Node | None
    """None: the route takes every item that reaches it."""
    options: Options
    drop: bool
    proceed: bool
    """``continue: true``."""
    children: Group

    @property
    def label(self) -> str:
        return self.name or self.path


@dataclass(slots=True)
class Group:
    """The children of one route (or the top level), with their trigger index."""

    gid: int
    routes: tuple[CompiledRoute, ...]
    always: tuple[int, ...] = ()
    """Positions of routes that must be tested for every item."""

    def __post_init__(self) -> None:
        self.always = tuple(
            i for i, r in enumerate(self.routes) if r.matcher is None or r.matcher.needs() is None
        )


@dataclass(frozen=True, slots=True)
class Step:
    """One line of an explanation: what a route did with the item, and why."""

    route: str
    """The route's name, else its path; ``defaults`` for the fallback."""
    action: str
    """``deliver``, ``drop``, ``skip-sponsored``, ``unrouted``."""
    reason: str
    destinations: tuple[str, ...] = ()

    def text(self) -> str:
        where = f" -> {', '.join(self.destinations)}" if self.destinations else ""
        return f"{self.action} by {self.route}{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Trace:
    """What the rules do with one item: the decisions and every step behind them."""

    decisions: tuple[Decision, ...]
    steps: tuple[Step, ...]

    @property
    def dropped(self) -> bool:
        return any(s.action == "drop" for s in self.steps)

    def summary(self) -> str:
        return "; ".join(s.text() for s in self.steps)


@dataclass(frozen=True)
class CompiledRules:
    source: str
    """The file the rules came from (or ``<default rules>``)."""
    digest: str
    """sha256 of the file's text: the same text gives the same digest."""
    destinations: Mapping[str, Destination]
    admin_channel: str | None
    root: Group
    groups: tuple[Group, ...]
    defaults: Options
    text: TextIndex = field(repr=False)
    model: RulesFile | None = field(default=None, repr=False, compare=False)
    warnings: tuple[str, ...] = ()
    """``FILE:LINE:COL: warning: …`` lines: legal but probably unintended (unused, unreachable)."""
    _index: dict[Key, list[tuple[int, int]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for group in self.groups:
            for pos, route in enumerate(group.routes):
                need = route.matcher.needs() if route.matcher is not None else None
                for key in need or ():
                    self._index.setdefault(key, []).append((group.gid, pos))

    @property
    def route_count(self) -> int:
        return sum(len(g.routes) for g in self.groups)

    def route(self, item: Item, newsletter: Newsletter) -> tuple[Decision, ...]:
        """The decisions for one item: pure, no I/O, same answer every time."""
        return self.explain(item, newsletter).decisions

    def explain(self, item: Item, newsletter: Newsletter) -> Trace:
        view = View(item, newsletter, self.text.scan(item))
        candidates: dict[int, set[int]] = {}
        index = self._index
        for key in view.trigger_keys():
            for gid, pos in index.get(key, ()):
                candidates.setdefault(gid, set()).add(pos)
        matched: list[tuple[CompiledRoute, str]] = []
        if not self._walk(self.root, view, candidates, matched):
            return self._fallback(item)
        return self._decide(item, view, matched)

    def _walk(
        self,
        group: Group,
        view: View,
        candidates: dict[int, set[int]],
        matched: list[tuple[CompiledRoute, str]],
    ) -> bool:
        hit = candidates.get(group.gid)
        order = sorted(hit.union(group.always)) if hit else group.always
        took = False
        for pos in order:
            route = group.routes[pos]
            if route.matcher is not None and not route.matcher.test(view):
                continue
            took = True
            if route.drop:
                matched.append((route, "drop"))
                return True
            if not route.children.routes or not self._walk(
                route.children, view, candidates, matched
            ):
                matched.append((route, "deliver"))
            if not route.proceed:
                return True
        return took

    def _decide(self, item: Item, view: View, matched: list[tuple[CompiledRoute, str]]) -> Trace:
        steps: list[Step] = []
        decisions: dict[str, Decision] = {}
        for route, action in matched:
            reason = route.matcher.why(view) if route.matcher is not None else "takes every item"
            if action == "drop":
                steps.append(Step(route.trail, "drop", reason))
                continue
            opts = route.options
            if item.sponsor and not opts.keep_sponsored:
                steps.append(
                    Step(route.trail, "skip-sponsored", reason + "; keep_sponsored is false")
                )
                continue
            explanation = f"route {route.trail} matched: {reason}"
            fresh = [d for d in opts.destinations if d not in decisions]
            steps.append(Step(route.trail, "deliver", reason, tuple(fresh)))
            for dest in fresh:
                decisions[dest] = self._decision(route.label, dest, opts, explanation)
        return Trace(tuple(decisions.values()), tuple(steps))

    def _fallback(self, item: Item) -> Trace:
        opts = self.defaults
        if not opts.destinations:
            return Trace(
                (), (Step("defaults", "unrouted", "no route matched and defaults has no to:"),)
            )
        if item.sponsor and not opts.keep_sponsored:
            return Trace(
                (),
                (Step("defaults", "skip-sponsored", "no route matched; keep_sponsored is false"),),
            )
        reason = (
            "no route matched"
            if self.root.routes
            else "every item goes to the default destinations"
        )
        explanation = f"defaults: {reason}"
        decisions = tuple(
            self._decision("defaults", d, opts, explanation) for d in opts.destinations
        )
        return Trace(decisions, (Step("defaults", "deliver", reason, opts.destinations),))

    @staticmethod
    def _decision(route: str, dest: str, opts: Options, explanation: str) -> Decision:
        return Decision(
            route=route,
            destination=dest,
            schedule=opts.schedule,
            timezone=opts.timezone,
            thread=opts.thread,
            max_items=opts.max_items,
            quiet_hours=opts.quiet_hours,
            keep_sponsored=opts.keep_sponsored,
            explanation=explanation,
        )
