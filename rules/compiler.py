"""From the validated file (``rules.spec``) to the compiled tree (``rules.engine``).

Options are resolved here once: every compiled route carries its effective
destinations, schedule, time zone and so on, inherited from its parents and
``defaults:``. Keywords and regexes go into one shared :class:`TextIndex`.
"""

from __future__ import annotations

import hashlib

import re2

from bot.errors import RulesError
from bot.models import Destination, ThreadPolicy
from rules.diagnostics import all_problems
from rules.engine import CompiledRoute, CompiledRules, Group, Options
from rules.matchers import (
    AnyOf,
    Atom,
    KindOf,
    Names,
    Node,
    Not,
    Sponsor,
    Topic,
    combine,
)
from rules.source import SourceError, read_document
from rules.spec import MatchSpec, RouteOptions, RouteSpec, RulesFile, TopicSpec
from rules.textindex import TextIndex

DEFAULT_FIELDS = ("title", "blurb")
BASE = Options(
    destinations=(),
    schedule="immediate",
    timezone="UTC",
    quiet_hours=None,
    thread=ThreadPolicy.ISSUE,
    max_items=None,
    keep_sponsored=True,
)


def _inherit(parent: Options, spec: RouteOptions) -> Options:
    quiet = parent.quiet_hours
    if spec.quiet_hours == "off":
        quiet = None
    elif spec.quiet_hours is not None:
        start, _, end = spec.quiet_hours.partition("-")
        quiet = (start, end)
    return Options(
        destinations=tuple(dict.fromkeys(spec.to)) if spec.to is not None else parent.destinations,
        schedule=spec.schedule if spec.schedule is not None else parent.schedule,
        timezone=spec.timezone if spec.timezone is not None else parent.timezone,
        quiet_hours=quiet,
        thread=spec.thread if spec.thread is not None else parent.thread,
        max_items=spec.max_items if spec.max_items is not None else parent.max_items,
        keep_sponsored=spec.keep_sponsored
        if spec.keep_sponsored is not None
        else parent.keep_sponsored,
    )


class _Compiler:
    def __init__(self, model: RulesFile) -> None:
        self.model = model
        self.text = TextIndex()
        self.topics: dict[str, Topic] = {}
        self.groups: list[Group] = []

    def topic(self, name: str, fields: tuple[str, ...]) -> Topic:
        key = name + "\x1f" + ",".join(fields)
        if key not in self.topics:
            spec: TopicSpec = self.model.topics[name]
            atoms = [
                Atom(self.text.keyword(k, fields), f'keyword "{k}"', fields) for k in spec.keywords
            ]
            atoms += [
                Atom(self.text.regex(r, fields), f'regex "{r}"', fields) for r in spec.regexes
            ]
            self.topics[key] = Topic(name, tuple(atoms))
        return self.topics[key]

    def matcher(self, spec: MatchSpec, fields: tuple[str, ...]) -> Node:
        if spec.in_ is not None:
            fields = tuple(dict.fromkeys(spec.in_))
        nodes: list[Node] = []
        for what in ("newsletter", "sender", "section"):
            names = getattr(spec, what)
            if names is not None:
                nodes.append(Names(what, tuple(n.casefold().strip() for n in names)))
        if spec.sponsor is not None:
            nodes.append(Sponsor(spec.sponsor))
        if spec.kind is not None:
            nodes.append(KindOf(frozenset(spec.kind)))
        if spec.keyword is not None:
            kw = spec.keyword
            if kw.all is not None:
                nodes.extend(self._keyword(k, fields) for k in kw.all)
            if kw.any is not None:
                nodes.append(self._any([self._keyword(k, fields) for k in kw.any]))
        if spec.regex is not None:
            atoms: list[Node] = [
                Atom(self.text.regex(r, fields), f'regex "{r}"', fields) for r in spec.regex
            ]
            nodes.append(self._any(atoms))
        if spec.topic is not None:
            nodes.append(self._any([self.topic(t, fields) for t in spec.topic]))
        if spec.all is not None:
            nodes.append(combine([self.matcher(m, fields) for m in spec.all]))
        if spec.any is not None:
            nodes.append(self._any([self.matcher(m, fields) for m in spec.any]))
        if spec.not_ is not None:
            nodes.append(Not(self.matcher(spec.not_, fields)))
        return combine(nodes)

    def _keyword(self, phrase: str, fields: tuple[str, ...]) -> Atom:
        return Atom(self.text.keyword(phrase, fields), f'keyword "{phrase}"', fields)

    @staticmethod
    def _any(nodes: list[Node]) -> Node:
        return nodes[0] if len(nodes) == 1 else AnyOf(tuple(nodes))

    def group(self, specs: list[RouteSpec], parent: Options, path: str, trail: str) -> Group:
        routes = []
        for i, spec in enumerate(specs):
            here = f"{path}[{i}]"
            label = spec.name or here
            chain = f"{trail} > {label}" if trail else label
            options = _inherit(parent, spec)
            routes.append(
                CompiledRoute(
                    path=here,
                    name=spec.name,
                    trail=chain,
                    matcher=self.matcher(spec.match, DEFAULT_FIELDS) if spec.match else None,
                    options=options,
                    drop=spec.drop,
                    proceed=spec.continue_,
                    children=self.group(spec.routes, options, here + ".routes", chain),
                )
            )
        group = Group(len(self.groups), tuple(routes))
        self.groups.append(group)
        return group


def compile_model(
    model: RulesFile, *, source: str, text: str, warnings: tuple[str, ...] = ()
) -> CompiledRules:
    """Compile a validated model (the file's text is kept only for its digest)."""
    compiler = _Compiler(model)
    defaults = _inherit(BASE, model.defaults)
    root = compiler.group(model.routes, defaults, "routes", "")
    try:
        compiler.text.compile()
    except re2.error:
        # Each pattern compiled alone at validation; together they outgrew RE2's budget.
        raise RulesError(
            [
                f"{source}:1:1: the regexes together are too large to compile; use fewer or simpler ones"
            ]
        ) from None
    destinations = {
        name: Destination(name=name, platform=ch.platform, target=ch.target)
        for name, ch in model.channels.items()
    }
    return CompiledRules(
        source=source,
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        destinations=destinations,
        admin_channel=model.admin_channel,
        root=root,
        groups=tuple(compiler.groups),
        defaults=defaults,
        text=compiler.text,
        model=model,
        warnings=warnings,
    )


def compile_rules(text: str, filename: str) -> CompiledRules:
    """Validate and compile rules text; raise RulesError listing every problem."""
    try:
        root = read_document(text)
    except SourceError as exc:
        raise RulesError(
            [f"{filename}:{p.line}:{p.col}: {p.message}" for p in exc.problems]
        ) from None
    model, problems, warnings = all_problems(root)
    if problems or model is None:
        raise RulesError([f"{filename}:{p.line}:{p.col}: {p.message}" for p in problems])
    notes = tuple(f"{filename}:{p.line}:{p.col}: warning: {p.message}" for p in warnings)
    return compile_model(model, source=filename, text=text, warnings=notes)
