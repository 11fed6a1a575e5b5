"""What the chat commands may know about the live rules, as plain data.

The chat edge never imports ``rules``; the composition root hands it these
functions, bound to whatever rules are live at the moment of the call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.models import Platform
from rules import CompiledRules


def topics_of(compiled: CompiledRules) -> dict[str, tuple[str, ...]]:
    """Topic name -> its keywords and phrases, for ``topic:`` in search queries."""
    if compiled.model is None:
        return {}
    return {name: tuple(spec.keywords) for name, spec in compiled.model.topics.items()}


def _names_for(
    compiled: CompiledRules, platform: Platform, channel_id: str, channel_name: str
) -> set[str]:
    wanted = {channel_id, channel_name, f"#{channel_name}"} - {"", "#"}
    return {
        name
        for name, dest in compiled.destinations.items()
        if dest.platform is platform and dest.target in wanted
    }


def routes_to(
    compiled: CompiledRules, platform: Platform, channel_id: str, channel_name: str = ""
) -> list[tuple[str, str]]:
    """(route, what it matches and when) for every route that posts to this chat channel."""
    names = _names_for(compiled, platform, channel_id, channel_name)
    found: list[tuple[str, str]] = []
    for group in compiled.groups:
        for route in group.routes:
            if route.drop or not names.intersection(route.options.destinations):
                continue
            what = route.matcher.describe() if route.matcher is not None else "every item"
            found.append(
                (route.trail, f"{what}; {route.options.schedule} ({route.options.timezone})")
            )
    return found


def slack_routes(
    rules: Callable[[], CompiledRules],
) -> Callable[[str, str], Sequence[tuple[str, str]]]:
    return lambda channel_id, channel_name: routes_to(
        rules(), Platform.SLACK, channel_id, channel_name
    )


def discord_routes(rules: Callable[[], CompiledRules]) -> Callable[[str], Sequence[str]]:
    def routes(channel_id: str) -> list[str]:
        return [
            f"{trail}: {what}" for trail, what in routes_to(rules(), Platform.DISCORD, channel_id)
        ]

    return routes
