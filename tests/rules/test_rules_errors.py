"""Error texts are part of the interface: asserted word for word, with positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import RulesError
from rules import load_rules
from tests.rules.helpers import errors

CHANNELS = """\
channels:
  papers: {platform: slack, target: C0123}
"""


def test_every_error_is_reported_at_once_with_line_and_column() -> None:
    found = errors(
        """\
        channels:
          papers: {platform: slak, target: C0123}
          launches:
            platform: discord
            target: abc
        topics:
          llm:
            keywords: [llm]
            regex: ['GPT-\\d+']
        defaults:
          timezone: Mars/Olympus
        routes:
          - name: research
            match:
              any:
                - kind: papers
                - topic: lmm
                - regex: '(?<=x)y'
            to: paper
            schedule: "0 25 * * *"
            thread: digests
            colour: red
          - name: research
            matc: {sponsor: yes}
            max_items: 0
            quiet_hours: 22-7
        """
    )
    assert found == [
        'rules.yaml:2:22: expected "slack", "discord" or "console", got "slak"',
        'rules.yaml:5:13: a discord target is a numeric channel id, not "abc"',
        'rules.yaml:9:5: unknown key "regex" (did you mean "regexes"?)',
        'rules.yaml:11:13: unknown time zone "Mars/Olympus"',
        'rules.yaml:16:17: expected "article", "paper", "repo", "video" or "model", got "papers"',
        'rules.yaml:17:18: undefined topic "lmm" (did you mean "llm"?)',
        'rules.yaml:18:18: invalid regex "(?<=x)y": invalid perl operator: (?<=',
        'rules.yaml:19:9: undefined channel "paper" (did you mean "papers"?)',
        'rules.yaml:20:15: invalid cron expression "0 25 * * *"',
        'rules.yaml:21:13: expected "issue", "digest" or "none", got "digests"',
        'rules.yaml:22:5: unknown key "colour"; expected one of: to, schedule, timezone, '
        "quiet_hours, thread, max_items, keep_sponsored, name, match, continue, drop, routes",
        'rules.yaml:23:5: route "research" has nowhere to post: give it to: (here, on a parent '
        "or in defaults:) or drop: true",
        'rules.yaml:23:11: duplicate route name "research" (first used at line 13)',
        'rules.yaml:24:5: unknown key "matc" (did you mean "match"?)',
        "rules.yaml:25:16: must be at least 1, got the number 0",
        'rules.yaml:26:18: quiet_hours must look like "22:00-07:00" (or off), not "22-7"',
    ]


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (
            "{to: papers, schedule: '0 9 * *'}",
            'schedule must be "immediate" or a five-field cron expression, not "0 9 * *"',
        ),
        ("{to: papers, max_items: ten}", 'expected a whole number, got "ten"'),
        ("{to: papers, keep_sponsored: no}", 'expected true or false, got "no"'),
        ("{to: papers, match: {in: [title]}}", "a matcher needs at least one condition"),
        ("{to: papers, match: {keyword: {}}}", "keyword needs any: or all:"),
        ("{to: papers, match: {keyword: []}}", "must not be empty"),
        (
            "{to: papers, match: {in: [body], keyword: x}}",
            'expected "title", "blurb" or "section", got "body"',
        ),
        ("{to: papers, match: {sponsor: maybe}}", 'expected true or false, got "maybe"'),
        ("{to: papers, match: {any: {sponsor: true}}}", "expected a list, got a mapping"),
        ("{to: papers, match: [sponsor]}", "expected a mapping, got a list"),
        ("{drop: true, continue: true}", "a drop route cannot continue"),
        (
            "{match: {sponsor: true}}",
            "route has nowhere to post: give it to: (here, on a parent or in defaults:) or drop: true",
        ),
        ("{to: papers, timezone: Europe/Berln}", 'unknown time zone "Europe/Berln"'),
        ("{to: papers, match: {regex: 'a(b'}}", 'invalid regex "a(b": missing ): a(b'),
        ("{to: papres}", 'undefined channel "papres" (did you mean "papers"?)'),
    ],
)
def test_single_mistakes(route: str, message: str) -> None:
    found = errors(CHANNELS + f"routes:\n  - {route}\n")
    assert len(found) == 1, found
    assert found[0].split(": ", 1)[1] == message
    assert found[0].startswith("rules.yaml:4:")


def test_yaml_1_2_keeps_no_a_string_so_it_is_an_error_for_a_boolean() -> None:
    assert errors(CHANNELS + "routes:\n  - {to: papers, continue: no}\n") == [
        'rules.yaml:4:28: expected true or false, got "no"'
    ]


def test_channel_needs_a_target_and_admin_channel_must_exist() -> None:
    assert errors(
        """\
        channels:
          ops: {platform: slack}
        admin_channel: opps
        defaults: {to: ops}
        """
    ) == [
        "rules.yaml:2:8: a slack channel needs a target (its channel id)",
        'rules.yaml:3:16: undefined channel "opps" (did you mean "ops"?)',
    ]


def test_missing_required_key() -> None:
    assert errors("channels:\n  c: {target: C1}\ndefaults: {to: c}\n") == [
        'rules.yaml:2:6: missing required key "platform"'
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "rules.yaml:1:1: the rules file is empty; it needs at least routes:"),
        (
            "# only a comment\n",
            "rules.yaml:1:1: the rules file is empty; it needs at least routes:",
        ),
        (
            "- a\n- b\n",
            "rules.yaml:1:1: the top level must be a mapping (channels:, topics:, routes:)",
        ),
        (
            "routes: [\n",
            "rules.yaml:2:1: not valid YAML: expected the node content, but found '<stream end>'",
        ),
        ("a: 1\na: 2\n", 'rules.yaml:2:1: duplicate key "a"'),
        (
            "routes: !!python/object:os.system {}\n",
            "rules.yaml:1:9: YAML tags are not allowed (tag:yaml.org,2002:python/object:os.system)",
        ),
        ("channels: !custom {}\n", "rules.yaml:1:11: YAML tags are not allowed (!custom)"),
        ("a: 1\n---\nb: 2\n", "rules.yaml:2:1: only one YAML document is allowed"),
    ],
)
def test_unreadable_documents(text: str, message: str) -> None:
    assert errors(text) == [message]


def test_alias_bomb_is_refused_before_it_expands() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    found = errors("\n".join(lines) + "\n")
    assert len(found) == 1
    assert found[0].endswith("aliases expand to more than 100000 values; refusing the file")


def test_small_aliases_are_fine() -> None:
    from tests.rules.helpers import rules

    compiled = rules(
        """\
        channels:
          papers: {platform: slack, target: C1}
        routes:
          - {name: a, match: {keyword: &words [llm, agent]}, to: papers}
          - {name: b, match: {not: {keyword: *words}}, to: papers}
        """
    )
    assert compiled.route_count == 2


def test_file_size_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * (1024 * 1024) + "\n")
    with pytest.raises(RulesError) as caught:
        load_rules(big)
    assert caught.value.errors == [
        f"{big}:1:1: file is too large (1048579 bytes; the limit is 1048576)"
    ]


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(RulesError) as caught:
        load_rules(tmp_path / "nope.yaml")
    assert caught.value.errors == [f"{tmp_path / 'nope.yaml'}:1:1: rules file not found"]
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"routes: \xff\n")
    with pytest.raises(RulesError) as caught:
        load_rules(binary)
    assert caught.value.errors == [f"{binary}:1:1: not UTF-8 text (byte 8)"]


def test_warnings_for_unused_names_and_unreachable_routes() -> None:
    from tests.rules.helpers import rules

    compiled = rules(
        """\
        channels:
          a: {platform: console}
          spare: {platform: console}
        topics:
          old: {keywords: [x]}
        routes:
          - {name: everything, to: a}
          - {name: later, match: {sponsor: true}, to: a}
          - name: parent
            to: a
            routes:
              - {drop: true}
              - {name: shadowed, to: a}
        """
    )
    assert compiled.warnings == (
        'rules.yaml:3:3: warning: channel "spare" is never used',
        'rules.yaml:5:3: warning: topic "old" is never used',
        'rules.yaml:8:5: warning: route "later" is never reached: "everything" before it takes every item',
        'rules.yaml:13:9: warning: route "shadowed" is never reached: the route at line 12 before it '
        "takes every item",
    )


def test_no_warnings_for_a_tidy_file() -> None:
    from tests.rules.helpers import rules

    compiled = rules(
        """\
        channels: {a: {platform: console}, ops: {platform: console}}
        admin_channel: ops
        topics: {t: {keywords: [x]}}
        routes:
          - {name: all, to: a, continue: true}
          - {name: t, match: {topic: t}, to: a}
        """
    )
    assert compiled.warnings == ()


def test_x_keys_hold_anchors_and_merged_keys_keep_positions() -> None:
    from bot.models import Item, Newsletter
    from tests.rules.helpers import rules

    compiled = rules(
        """\
        channels: {a: {platform: console}}
        x-digest: &digest {to: a, schedule: "0 9 * * mon", thread: digest}
        routes:
          - <<: *digest
            name: weekly
        """
    )
    decision = compiled.route(Item(title="t", url=None), Newsletter(family="f", name="n"))[0]
    assert (decision.route, decision.schedule, decision.thread.value) == (
        "weekly",
        "0 9 * * mon",
        "digest",
    )
    assert errors(
        """\
        channels: {a: {platform: console}}
        routes:
          - &r {to: a, name: x, schedul: "@daily"}
          - <<: *r
            name: y
        """
    ) == [
        'rules.yaml:3:25: unknown key "schedul" (did you mean "schedule"?)',
        'rules.yaml:4:5: unknown key "schedul" (did you mean "schedule"?)',
    ]
