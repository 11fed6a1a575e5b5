from __future__ import annotations

from bot.models import Platform
from bot.rules_info import discord_routes, routes_to, slack_routes, topics_of
from rules import compile_rules

RULES = """
channels:
  papers: {platform: slack, target: C0PAPERS}
  launches: {platform: discord, target: "42"}
  weekly: {platform: slack, target: "#weekly"}
topics:
  llm:
    keywords: [llm, large language model]
routes:
  - name: sponsors
    match: {sponsor: true}
    drop: true
  - name: research
    match: {kind: paper}
    to: papers
  - name: launches
    match: {topic: llm}
    to: launches
  - name: rest
    to: weekly
    schedule: "0 9 * * mon"
    timezone: Europe/Berlin
"""


def test_routes_to_a_slack_channel_by_id_or_name() -> None:
    compiled = compile_rules(RULES, "rules.yaml")
    assert [trail for trail, _ in routes_to(compiled, Platform.SLACK, "C0PAPERS")] == ["research"]
    [(trail, what)] = routes_to(compiled, Platform.SLACK, "C0OTHER", "weekly")
    assert trail == "rest"
    assert what.endswith("0 9 * * mon (Europe/Berlin)")
    assert routes_to(compiled, Platform.SLACK, "C0NOTHING", "random") == []


def test_the_same_id_on_another_platform_is_another_channel() -> None:
    compiled = compile_rules(RULES, "rules.yaml")
    assert routes_to(compiled, Platform.SLACK, "42") == []
    assert [t for t, _ in routes_to(compiled, Platform.DISCORD, "42")] == ["launches"]


def test_bound_functions_follow_the_live_rules() -> None:
    live = [compile_rules(RULES, "rules.yaml")]
    slack = slack_routes(lambda: live[0])
    discord = discord_routes(lambda: live[0])
    assert [t for t, _ in slack("C0PAPERS", "")] == ["research"]
    assert discord("42")[0].startswith("launches: ")
    live[0] = compile_rules(RULES.replace("to: papers", "to: weekly"), "rules.yaml")
    assert slack("C0PAPERS", "") == []


def test_topics_are_handed_to_search_as_keywords() -> None:
    assert topics_of(compile_rules(RULES, "rules.yaml")) == {"llm": ("llm", "large language model")}
