"""Properties: the shared text index and the route index never change an answer.

The engine skips routes whose trigger keys an item lacks and finds keywords
with one token trie. These tests compare it, over generated rules and items,
with the same rules evaluated the slow way (every route tested) and with an
independent regex formulation of "whole words, case-insensitive".
"""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.models import Item, Kind, Newsletter
from rules import CompiledRules
from rules.engine import Trace
from tests.rules.helpers import rules

WORDS = ["llm", "agent", "gpt", "paper", "ai", "c++", "rust", "open-source", "model", "é"]
SECTIONS = ["Research", "Launches", "Jobs"]
NEWSLETTERS = [Newsletter(family="tldr", name="TLDR AI"), Newsletter(family="hf", name="Papers")]

word = st.sampled_from(WORDS)
phrase = st.lists(word, min_size=1, max_size=2).map(" ".join)


def _yaml_list(values: list[str]) -> str:
    return "[" + ", ".join('"' + v + '"' for v in values) + "]"


leaf = st.one_of(
    st.lists(phrase, min_size=1, max_size=3).map(lambda ws: f"{{keyword: {_yaml_list(ws)}}}"),
    st.lists(phrase, min_size=1, max_size=2).map(
        lambda ws: f"{{keyword: {{all: {_yaml_list(ws)}}}}}"
    ),
    st.sampled_from(SECTIONS).map(lambda s: f'{{section: "{s}"}}'),
    st.sampled_from(["tldr", "papers", "TLDR*"]).map(lambda n: f'{{newsletter: "{n}"}}'),
    st.booleans().map(lambda b: f"{{sponsor: {'true' if b else 'false'}}}"),
    st.sampled_from(["paper", "repo"]).map(lambda k: f"{{kind: {k}}}"),
    st.just("{regex: '(?i)gpt-\\d'}"),
    st.just("{topic: t}"),
    word.map(lambda w: f'{{keyword: "{w}", in: [title]}}'),
)
matcher = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(lambda ms: "{all: [" + ", ".join(ms) + "]}"),
        st.lists(inner, min_size=1, max_size=3).map(lambda ms: "{any: [" + ", ".join(ms) + "]}"),
        inner.map(lambda m: "{not: " + m + "}"),
    ),
    max_leaves=6,
)
route = st.tuples(matcher, st.booleans(), st.booleans())
text = st.lists(
    st.sampled_from([*WORDS, "LLM", "GPT-4", "the", "Agents", "c", "-", "."]), max_size=8
).map(" ".join)
item = st.builds(
    lambda title, blurb, section, sponsor, kind: Item(
        title=title, url=None, blurb=blurb, section=section, sponsor=sponsor, kind=kind
    ),
    text,
    text,
    st.sampled_from([None, *SECTIONS]),
    st.booleans(),
    st.sampled_from([None, Kind.PAPER, Kind.REPO]),
)


def _file(routes: list[tuple[str, bool, bool]]) -> str:
    lines = [
        "channels: {a: {platform: console}, b: {platform: console}}",
        "topics: {t: {keywords: [agent, large model], regexes: ['\\bai\\b']}}",
        "defaults: {to: a}",
        "routes:",
    ]
    for i, (match, proceed, nested) in enumerate(routes):
        child = f", routes: [{{name: c{i}, match: {match}, to: b}}]" if nested else ""
        cont = ", continue: true" if proceed else ""
        lines.append(f"  - {{name: r{i}, match: {match}, to: b{cont}{child}}}")
    return "\n".join(lines) + "\n"


def _unindexed(compiled: CompiledRules) -> CompiledRules:
    for group in compiled.groups:
        group.always = tuple(range(len(group.routes)))
    return compiled


def _key(trace: Trace) -> tuple[object, ...]:
    return (trace.decisions, trace.steps)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(route, min_size=1, max_size=5),
    st.lists(st.tuples(item, st.sampled_from(NEWSLETTERS)), max_size=6),
)
def test_the_route_index_never_changes_a_decision(
    routes: list[tuple[str, bool, bool]], items: list[tuple[Item, Newsletter]]
) -> None:
    text_ = _file(routes)
    fast, slow = rules(text_), _unindexed(rules(text_))
    for it, newsletter in items:
        assert _key(fast.explain(it, newsletter)) == _key(slow.explain(it, newsletter))


def _reference(phrase_: str, text_: str) -> bool:
    """Whole words, any whitespace between words, case-insensitive, written as a regex."""
    tokens = re.findall(r"\w+|[^\w\s]", phrase_.casefold())
    parts = [re.escape(t) for t in tokens]
    gaps = []
    for prev, nxt in itertools.pairwise(tokens):
        # Tokens written together in the phrase may be written together in the text.
        gaps.append(r"\s*" if not (prev[-1].isalnum() and nxt[0].isalnum()) else r"\s+")
    body = parts[0] + "".join(g + p for g, p in zip(gaps, parts[1:], strict=False))
    return re.search(rf"(?<!\w){body}(?!\w)", text_.casefold()) is not None


@settings(max_examples=150, deadline=None)
@given(phrase, text)
def test_keywords_match_whole_words_case_insensitively(phrase_: str, title: str) -> None:
    compiled = rules(
        "channels: {a: {platform: console}}\n"
        f'routes:\n  - {{match: {{keyword: "{phrase_}", in: [title]}}, to: a}}\n'
    )
    routed = bool(compiled.route(Item(title=title, url=None), NEWSLETTERS[0]))
    assert routed == _reference(phrase_, title)


def test_cron_nicknames_become_five_fields() -> None:
    compiled = rules(
        """\
        channels: {a: {platform: console}}
        routes: [{to: a, schedule: "@weekly"}]
        """
    )
    assert compiled.route(Item(title="x", url=None), NEWSLETTERS[0])[0].schedule == "0 0 * * 0"
