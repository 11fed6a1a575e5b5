"""Routing semantics: matchers, inheritance, first match wins, continue, drop, explanations."""

from __future__ import annotations

from bot.models import Kind, Newsletter, Platform, ThreadPolicy
from rules import default_rules
from tests.rules.helpers import PAPERS, TLDR, item, rules

AI_TEAM = """\
channels:
  papers: {platform: slack, target: C0PAPERS}
  launches: {platform: discord, target: 1234567890}
  everything: {platform: console}
topics:
  llm:
    keywords: [llm, large language model, GPT]
    regexes: ['GPT-\\d+']
defaults:
  timezone: Europe/Berlin
  to: everything
routes:
  - name: sponsors
    match: {sponsor: true}
    drop: true
  - name: research
    match:
      any:
        - kind: paper
        - section: "Research*"
    to: papers
    schedule: "0 9 * * mon"
    thread: digest
    max_items: 20
    routes:
      - name: llm-papers
        match: {topic: llm}
        to: [papers, launches]
        quiet_hours: "22:00-07:00"
  - name: launches
    match: {keyword: [launches, released], in: [title]}
    to: launches
    continue: true
  - name: c-plus-plus
    match: {keyword: "C++"}
    to: papers
"""


def test_destinations_and_options_come_from_the_matching_route_and_its_parents() -> None:
    compiled = rules(AI_TEAM)
    decisions = compiled.route(
        item("Paper about LLM", blurb="it uses gpt-4", kind=Kind.PAPER), TLDR
    )
    assert [(d.destination, d.route) for d in decisions] == [
        ("papers", "llm-papers"),
        ("launches", "llm-papers"),
    ]
    first = decisions[0]
    assert first.schedule == "0 9 * * mon"
    assert first.timezone == "Europe/Berlin"
    assert first.thread is ThreadPolicy.DIGEST
    assert first.max_items == 20
    assert first.quiet_hours == ("22:00", "07:00")
    assert first.keep_sponsored is True
    assert (
        first.explanation
        == 'route research > llm-papers matched: topic llm (keyword "llm" in title)'
    )


def test_parent_takes_the_item_when_no_child_matches() -> None:
    decisions = rules(AI_TEAM).route(item("Diffusion, again", kind=Kind.PAPER), TLDR)
    assert [(d.destination, d.route, d.explanation) for d in decisions] == [
        ("papers", "research", "route research matched: kind paper")
    ]
    assert decisions[0].quiet_hours is None


def test_section_wildcard_is_case_insensitive() -> None:
    decisions = rules(AI_TEAM).route(item("Anything", section="research & papers"), TLDR)
    assert decisions[0].explanation == 'route research matched: section "research*"'


def test_keywords_are_whole_words_case_insensitive_and_phrases_span_whitespace() -> None:
    compiled = rules(AI_TEAM)
    hit = compiled.route(item("A Large\n Language   Model for X", kind=Kind.PAPER), TLDR)
    assert {d.route for d in hit} == {"llm-papers"}
    # "LLMs" and "GPT4all" are other words; the regex needs GPT-<digits>.
    miss = compiled.route(item("LLMs and GPT4all", kind=Kind.PAPER), TLDR)
    assert [d.route for d in miss] == ["research"]
    assert [d.route for d in compiled.route(item("Why C++ is back"), TLDR)] == ["c-plus-plus"]
    assert [d.route for d in compiled.route(item("Why C is back"), TLDR)] == ["defaults"]


def test_first_match_wins_unless_continue() -> None:
    compiled = rules(AI_TEAM)
    both = compiled.route(item("Meta released a C++ compiler"), TLDR)
    assert [(d.route, d.destination) for d in both] == [
        ("launches", "launches"),
        ("c-plus-plus", "papers"),
    ]
    # Research matched first and does not continue: launches is never tried.
    only = compiled.route(item("Meta released a paper", kind=Kind.PAPER), TLDR)
    assert [d.route for d in only] == ["research"]


def test_in_limits_fields_and_is_inherited() -> None:
    compiled = rules(AI_TEAM)
    assert [d.route for d in compiled.route(item("News", blurb="OpenAI released o5"), TLDR)] == [
        "defaults"
    ]


def test_drop_yields_nothing_but_explain_says_why() -> None:
    compiled = rules(AI_TEAM)
    ad = item("Try our GPU cloud", sponsor=True, kind=Kind.PAPER)
    assert compiled.route(ad, TLDR) == ()
    trace = compiled.explain(ad, TLDR)
    assert trace.dropped
    assert trace.summary() == "drop by sponsors: sponsor is true"


def test_unmatched_items_go_to_defaults_or_nowhere() -> None:
    compiled = rules(AI_TEAM)
    decisions = compiled.route(item("Something else"), TLDR)
    assert [(d.route, d.destination, d.explanation) for d in decisions] == [
        ("defaults", "everything", "defaults: no route matched")
    ]
    bare = rules(
        """\
        channels: {c: {platform: console}}
        routes: [{match: {kind: repo}, to: c}]
        """
    )
    trace = bare.explain(item("x"), TLDR)
    assert trace.decisions == ()
    assert trace.summary() == "unrouted by defaults: no route matched and defaults has no to:"


def test_keep_sponsored_false_skips_sponsored_items() -> None:
    compiled = rules(
        """\
        channels: {c: {platform: console}}
        defaults: {to: c, keep_sponsored: false}
        routes:
          - {name: all, to: c}
        """
    )
    trace = compiled.explain(item("Ad", sponsor=True), TLDR)
    assert trace.decisions == ()
    assert trace.summary() == "skip-sponsored by all: takes every item; keep_sponsored is false"
    assert [d.keep_sponsored for d in compiled.route(item("Real"), TLDR)] == [False]


def test_boolean_combinators_nest_to_any_depth() -> None:
    compiled = rules(
        """\
        channels: {c: {platform: console}}
        routes:
          - name: deep
            to: c
            match:
              all:
                - newsletter: tldr
                - any:
                    - keyword: {all: [agent, benchmark]}
                    - not: {any: [{keyword: agent}, {regex: '(?i)^ask '}]}
        """
    )
    yes = compiled.explain(item("An agent benchmark"), TLDR)
    assert yes.decisions[0].explanation == (
        'route deep matched: newsletter "tldr" and keyword "agent" in title and '
        'keyword "benchmark" in title'
    )
    no_agent = compiled.explain(item("A new benchmark"), TLDR)
    assert no_agent.decisions[0].explanation == (
        'route deep matched: newsletter "tldr" and not (keyword "agent" in title/blurb or '
        'regex "(?i)^ask " in title/blurb)'
    )
    assert compiled.route(item("An agent"), TLDR) == ()
    assert compiled.route(item("ASK HN: agents?"), TLDR) == ()
    assert compiled.route(item("A new benchmark"), PAPERS) == ()


def test_sender_matches_address_domain_and_subdomains() -> None:
    compiled = rules(
        """\
        channels: {c: {platform: console}}
        routes:
          - {name: hf, match: {sender: huggingface.co}, to: c}
          - {name: dan, match: {sender: Dan@TLDRnewsletter.com}, to: c}
        """
    )
    assert [d.route for d in compiled.route(item("x"), PAPERS)] == ["hf"]
    assert [d.route for d in compiled.route(item("x"), TLDR)] == ["dan"]
    other = Newsletter(family="g", name="G", sender="a@nothuggingface.co")
    assert compiled.route(item("x"), other) == ()


def test_same_destination_from_two_routes_is_posted_once() -> None:
    compiled = rules(
        """\
        channels: {c: {platform: console}}
        routes:
          - {name: one, to: c, continue: true}
          - {name: two, to: c}
        """
    )
    assert [d.route for d in compiled.route(item("x"), TLDR)] == ["one"]


def test_default_rules_send_everything_to_the_console_per_issue() -> None:
    compiled = default_rules()
    assert compiled.destinations["console"].platform is Platform.CONSOLE
    decisions = compiled.route(item("x", sponsor=True), TLDR)
    assert [(d.destination, d.schedule, d.thread) for d in decisions] == [
        ("console", "immediate", ThreadPolicy.ISSUE)
    ]


def test_route_is_pure_and_digest_is_stable() -> None:
    a, b = rules(AI_TEAM), rules(AI_TEAM)
    assert a.digest == b.digest
    assert a.digest != rules(AI_TEAM + "# edited\n").digest
    it = item("Paper about LLM", kind=Kind.PAPER)
    assert a.route(it, TLDR) == a.route(it, TLDR) == b.route(it, TLDR)
    assert a.source == "rules.yaml"
    assert a.destinations["launches"].target == "1234567890"
