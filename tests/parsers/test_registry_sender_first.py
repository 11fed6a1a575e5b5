"""The first parser recognising the sender runs before the others are asked; the order
and the record of under-deliveries stay those of the full ranking."""

from __future__ import annotations

import pytest

import parsers.registry as registry_module
from bot.models import Email, Item, Newsletter, ParseResult
from parsers import Match, Stage, parse


class _Spy:
    """Matches at a fixed stage; finds one item or none; counts the calls it gets."""

    version = "1"

    def __init__(self, name: str, stage: Stage | None, delivers: bool) -> None:
        self.name, self.stage, self.delivers = name, stage, delivers
        self.matched = self.parsed = 0

    def match(self, email: Email) -> Match | None:
        self.matched += 1
        return None if self.stage is None else Match(self.stage, self.stage.name.lower())

    def parse(self, email: Email) -> ParseResult:
        self.parsed += 1
        items = (Item(title=self.name, url=f"https://e.x/{self.name}"),) if self.delivers else ()
        return ParseResult(newsletter=Newsletter(family=self.name, name=self.name), items=items)


def _install(monkeypatch: pytest.MonkeyPatch, *spies: _Spy) -> None:
    monkeypatch.setattr(registry_module, "PARSERS", spies)
    monkeypatch.setattr(registry_module, "_plugins", ())


def test_a_delivering_sender_parser_spares_the_rest_their_match(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    subject = _Spy("subject", Stage.SUBJECT, delivers=True)
    sender = _Spy("sender", Stage.SENDER, delivers=True)
    after = _Spy("after", Stage.SIGNATURE, delivers=True)
    _install(monkeypatch, subject, sender, after)
    result = parse(Email(message_id="<s@x>"))
    assert (result.reason, result.tried) == ("sender: sender", ())
    assert (subject.matched, subject.parsed, after.matched) == (1, 0, 0)


def test_an_under_delivering_sender_parser_falls_back_in_ranked_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spies = (
        _Spy("signature", Stage.SIGNATURE, delivers=True),
        _Spy("sender", Stage.SENDER, delivers=False),
        _Spy("list", Stage.LIST_ID, delivers=False),
        _Spy("sender2", Stage.SENDER, delivers=False),
        _Spy("subject", Stage.SUBJECT, delivers=True),
    )
    _install(monkeypatch, *spies)
    result = parse(Email(message_id="<u@x>"))
    assert result.reason == "subject: subject"
    assert result.tried == (
        "sender: sender; found no items",
        "sender2: sender; found no items",
        "list: list_id; found no items",
    )
    assert [s.parsed for s in spies] == [0, 1, 1, 1, 1]


def test_nothing_delivering_after_a_sender_match_keeps_the_last_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _install(monkeypatch, _Spy("sender", Stage.SENDER, False), _Spy("none", None, True))
    result = parse(Email(message_id="<n@x>"))
    assert (result.newsletter.family, result.reason) == ("sender", "no parser found items")
    assert result.tried == ("sender: sender; found no items",)
