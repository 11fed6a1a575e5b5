"""Compiled matchers: the tree a route tests against one item.

Each node answers three questions: does the item match (``test``, the fast
path), why (``why``, asked only of routes that matched, for explanations), and
which cheap facts must be present for it to match at all (``needs``: a set of
trigger keys, or None when the node can match without any). ``needs`` lets the
engine skip every route none of whose trigger keys an item has, so the cost
per item follows the number of routes that could match, not the number of
routes in the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase

from bot.models import Item, Kind, Newsletter

Key = tuple[str, object]
"""A trigger key: ("atom", 12), ("newsletter", "tldr ai"), ("sponsor", True)..."""


class View:
    """One item as matchers see it: folded names and the atoms found in its text."""

    __slots__ = ("domain", "hits", "item", "names", "newsletter", "sections", "sender")

    def __init__(self, item: Item, newsletter: Newsletter, hits: dict[str, set[int]]) -> None:
        self.item = item
        self.newsletter = newsletter
        self.hits = hits
        self.names = (newsletter.name.casefold(), newsletter.family.casefold())
        self.sender = newsletter.sender.casefold().strip()
        self.domain = self.sender.rpartition("@")[2]
        self.sections = tuple(s.casefold() for s in item.sections)

    def trigger_keys(self) -> set[Key]:
        keys: set[Key] = {("sponsor", self.item.sponsor), ("kind", self.item.kind)}
        for hits in self.hits.values():
            keys.update(("atom", a) for a in hits)
        keys.update(("newsletter", n) for n in self.names)
        keys.update(("section", s) for s in self.sections)
        if self.sender:
            keys.add(("sender", self.sender))
            parts = self.domain.split(".")
            keys.update(("domain", ".".join(parts[i:])) for i in range(len(parts)))
        return keys


class Node:
    __slots__ = ()

    def test(self, view: View) -> bool:
        raise NotImplementedError

    def why(self, view: View) -> str:
        return self.describe()

    def describe(self) -> str:
        raise NotImplementedError

    def needs(self) -> frozenset[Key] | None:
        return None


_BREADTH = {
    "atom": 1,
    "sender": 1,
    "domain": 2,
    "newsletter": 2,
    "section": 2,
    "kind": 20,
    "sponsor": 50,
}
"""Roughly how many items carry a key of each kind: a word is rare, a kind is common."""


def _cost(keys: frozenset[Key]) -> int:
    return sum(_BREADTH.get(kind, 10) for kind, _ in keys)


def _wild(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


@dataclass(frozen=True, slots=True)
class Atom(Node):
    """One keyword or regex, read on some fields."""

    atom: int
    label: str
    fields: tuple[str, ...]

    def test(self, view: View) -> bool:
        hits = view.hits
        return any(self.atom in hits.get(f, ()) for f in self.fields)

    def why(self, view: View) -> str:
        found = [f for f in self.fields if self.atom in view.hits.get(f, ())]
        return f"{self.label} in {', '.join(found)}"

    def describe(self) -> str:
        return f"{self.label} in {'/'.join(self.fields)}"

    def needs(self) -> frozenset[Key] | None:
        return frozenset({("atom", self.atom)})


@dataclass(frozen=True, slots=True)
class Topic(Node):
    name: str
    atoms: tuple[Atom, ...]

    def test(self, view: View) -> bool:
        return any(a.test(view) for a in self.atoms)

    def why(self, view: View) -> str:
        return f"topic {self.name} ({next(a.why(view) for a in self.atoms if a.test(view))})"

    def describe(self) -> str:
        return f"topic {self.name}"

    def needs(self) -> frozenset[Key] | None:
        return frozenset(k for a in self.atoms for k in a.needs() or ())


@dataclass(frozen=True, slots=True)
class Names(Node):
    """newsletter, sender or section: any of some names or wildcard patterns."""

    what: str
    patterns: tuple[str, ...]

    def _values(self, view: View) -> Sequence[str]:
        if self.what == "newsletter":
            return view.names
        if self.what == "section":
            return view.sections
        return (view.sender,) if view.sender else ()

    def _hit(self, pattern: str, value: str) -> bool:
        if self.what == "sender" and "@" not in pattern[1:]:
            domain = pattern.lstrip("@")
            host = value.rpartition("@")[2]
            return fnmatchcase(host, domain) or host.endswith("." + domain)
        return fnmatchcase(value, pattern)

    def test(self, view: View) -> bool:
        values = self._values(view)
        return any(self._hit(p, v) for p in self.patterns for v in values)

    def why(self, view: View) -> str:
        values = self._values(view)
        hit = next(p for p in self.patterns for v in values if self._hit(p, v))
        return f'{self.what} "{hit}"'

    def describe(self) -> str:
        return f"{self.what} " + " or ".join(f'"{p}"' for p in self.patterns)

    def needs(self) -> frozenset[Key] | None:
        if any(_wild(p) for p in self.patterns):
            return None
        if self.what != "sender":
            return frozenset((self.what, p) for p in self.patterns)
        keys: set[Key] = set()
        for p in self.patterns:
            if "@" in p[1:]:
                keys.add(("sender", p))
            else:
                keys.add(("domain", p.lstrip("@")))
        return frozenset(keys)


@dataclass(frozen=True, slots=True)
class Sponsor(Node):
    value: bool

    def test(self, view: View) -> bool:
        return view.item.sponsor is self.value

    def describe(self) -> str:
        return f"sponsor is {'true' if self.value else 'false'}"

    def needs(self) -> frozenset[Key] | None:
        return frozenset({("sponsor", self.value)})


@dataclass(frozen=True, slots=True)
class KindOf(Node):
    kinds: frozenset[Kind]

    def test(self, view: View) -> bool:
        return view.item.kind in self.kinds

    def why(self, view: View) -> str:
        return f"kind {view.item.kind}"

    def describe(self) -> str:
        return "kind " + " or ".join(sorted(self.kinds))

    def needs(self) -> frozenset[Key] | None:
        return frozenset(("kind", k) for k in self.kinds)


@dataclass(frozen=True, slots=True)
class All(Node):
    children: tuple[Node, ...]

    def test(self, view: View) -> bool:
        return all(c.test(view) for c in self.children)

    def why(self, view: View) -> str:
        return " and ".join(c.why(view) for c in self.children)

    def describe(self) -> str:
        return "(" + " and ".join(c.describe() for c in self.children) + ")"

    def needs(self) -> frozenset[Key] | None:
        # Any one child's needs will do; the most selective skips the most items.
        options = [n for n in (c.needs() for c in self.children) if n is not None]
        return min(options, key=_cost) if options else None


@dataclass(frozen=True, slots=True)
class AnyOf(Node):
    children: tuple[Node, ...]

    def test(self, view: View) -> bool:
        return any(c.test(view) for c in self.children)

    def why(self, view: View) -> str:
        return next(c.why(view) for c in self.children if c.test(view))

    def describe(self) -> str:
        return "(" + " or ".join(c.describe() for c in self.children) + ")"

    def needs(self) -> frozenset[Key] | None:
        keys: set[Key] = set()
        for child in self.children:
            need = child.needs()
            if need is None:
                return None
            keys |= need
        return frozenset(keys)


@dataclass(frozen=True, slots=True)
class Not(Node):
    child: Node

    def test(self, view: View) -> bool:
        return not self.child.test(view)

    def describe(self) -> str:
        return f"not {self.child.describe()}"


def combine(nodes: list[Node]) -> Node:
    return nodes[0] if len(nodes) == 1 else All(tuple(nodes))
