"""A third-party parser as a plug-in author would write one (used by test_registry)."""

from __future__ import annotations

from bot.models import Email, Item, Newsletter, ParseResult
from parsers import Match, Stage


class ChangelogParser:
    name = "demo_changelog"
    version = "0.1"

    def match(self, email: Email) -> Match | None:
        if email.sender.endswith("@changelog.example"):
            return Match(Stage.SENDER, "sender is changelog.example")
        return None

    def parse(self, email: Email) -> ParseResult:
        items = tuple(
            Item(title=line.split(" ", 1)[1], url=line.split(" ", 1)[0], position=i)
            for i, line in enumerate((email.text or "").splitlines())
            if line.startswith("https://") and " " in line
        )
        newsletter = Newsletter(family="changelog", name="Changelog", parser=self.name)
        return ParseResult(newsletter=newsletter, items=items)


class NotAParser:
    """Lacks match/parse: the registry must skip it with a warning."""

    name = "broken"
