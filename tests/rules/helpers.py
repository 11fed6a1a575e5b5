"""Small builders shared by the rules tests."""

from __future__ import annotations

import textwrap

from bot.errors import RulesError
from bot.models import Item, Newsletter
from rules import CompiledRules, compile_rules

TLDR = Newsletter(family="tldr", name="TLDR AI", sender="dan@tldrnewsletter.com")
PAPERS = Newsletter(family="hf_papers", name="Daily Papers", sender="papers@mail.huggingface.co")


def rules(text: str) -> CompiledRules:
    return compile_rules(textwrap.dedent(text), "rules.yaml")


def errors(text: str) -> list[str]:
    try:
        compile_rules(textwrap.dedent(text), "rules.yaml")
    except RulesError as exc:
        return exc.errors
    raise AssertionError("the rules compiled without errors")


def item(title: str, blurb: str = "", **kwargs: object) -> Item:
    return Item(title=title, url=None, blurb=blurb, **kwargs)  # type: ignore[arg-type]
