"""Block Kit for the slash command's answers: search pages, a shared hit, routes, help.

Pure. Newsletter text is escaped exactly like posts (``bot.chat.escape``): a
title holding ``<!channel>`` or ``@everyone`` pings nobody, and a title that
looks like another site's address cannot label a link. Matched words, marked
neutrally by the search engine, become mrkdwn bold here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.chat.escape import link_label, safe_url, slack_escape
from bot.search import HELP, Hit, Marked, SearchPage

Block = dict[str, Any]

MORE_ACTION = "gleaner_search_more"
SHARE_ACTION = "gleaner_search_share"
SECTION_CHARS = 3000
TITLE_CHARS = 300
SNIPPET_CHARS = 600
VALUE_CHARS = 2000
"""Slack's limit on a button's value: the query text travels in it."""


def _bold(marked: Marked, limit: int) -> str:
    """Escaped mrkdwn with matched words bold, cut to about ``limit`` visible characters."""
    out: list[str] = []
    left = limit
    for span in marked:
        if left <= 0:
            out.append("…")
            break
        piece = span.text[:left]
        left -= len(piece)
        escaped = slack_escape(piece.replace("*", "∗"))
        out.append(f"*{escaped}*" if span.match and piece.strip() else escaped)
    return "".join(out)


def _title(hit: Hit) -> str:
    label = _bold(hit.title_marked, TITLE_CHARS)
    target = safe_url(hit.url)
    if target is None:
        return label
    plain_title = "".join(span.text for span in hit.title_marked)
    if link_label(plain_title, target) != " ".join(plain_title.split()):
        label = slack_escape(link_label(plain_title, target))  # a title posing as another address
    return f"<{target.replace('&', '&amp;')}|{label}>"


def hit_meta(hit: Hit) -> str:
    parts = [slack_escape(hit.newsletter)]
    if hit.day is not None:
        parts.append(hit.day.isoformat())
    if hit.section:
        parts.append(slack_escape(hit.section))
    if hit.kind is not None:
        parts.append(hit.kind.value)
    if hit.sponsor:
        parts.append("sponsored")
    meta = " · ".join(parts)
    if hit.also_in:
        meta += " · also in " + ", ".join(slack_escape(name) for name in hit.also_in)
    return meta


def hit_text(hit: Hit) -> str:
    text = f"{_title(hit)}\n_{hit_meta(hit)}_"
    if hit.snippet:
        text += "\n" + _bold(hit.snippet, SNIPPET_CHARS)
    return text[:SECTION_CHARS]


def button_value(text: str, offset: int, item_id: int | None = None) -> str:
    data: dict[str, Any] = {"q": text, "o": offset}
    if item_id is not None:
        data["i"] = item_id
    value = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return value[:VALUE_CHARS]


def read_value(value: str) -> tuple[str, int, int | None]:
    """The (query, offset, item id) a button carries; ValueError when it is not ours."""
    data = json.loads(value)
    if not isinstance(data, dict) or not isinstance(data.get("q"), str):
        raise ValueError("not a search button")
    item = data.get("i")
    return data["q"], int(data.get("o", 0)), int(item) if item is not None else None


def search_blocks(page: SearchPage) -> tuple[str, list[Block]]:
    """(fallback text, blocks) of one page of results, with Share buttons and a More button."""
    query = slack_escape(page.query.format())
    if not page.hits:
        text = f"No items match {query}." if page.offset == 0 else "No more results."
        return text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
    first, last = page.offset + 1, page.offset + len(page.hits)
    text = f"Results {first}–{last} for {query}"
    blocks: list[Block] = [{"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}]
    for hit in page.hits:
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": hit_text(hit)},
                "accessory": {
                    "type": "button",
                    "action_id": SHARE_ACTION,
                    "text": {"type": "plain_text", "text": "Share to channel"},
                    "value": button_value(page.text, page.offset, hit.item_id),
                },
            }
        )
    if page.next_offset is not None:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": MORE_ACTION,
                        "text": {"type": "plain_text", "text": "More results"},
                        "value": button_value(page.text, page.next_offset),
                    }
                ],
            }
        )
    return text, blocks


def shared_blocks(hit: Hit, user_id: str) -> tuple[str, list[Block]]:
    """A hit posted to the channel for everyone, saying who shared it."""
    who = f"<@{user_id}>" if user_id.isalnum() else "someone"
    plain_title = "".join(span.text for span in hit.title_marked)
    text = slack_escape(plain_title)[:TITLE_CHARS]
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": hit_text(hit)}},
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": f"Shared by {who} from a search"}],
        },
    ]
    return text, blocks


def error_blocks(message: str) -> tuple[str, list[Block]]:
    """A QueryError's reason, then the syntax help as code."""
    reason, _, rest = message.partition("\n\n")
    text = slack_escape(reason)
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f":warning: {text}"}}
    ]
    if rest:
        blocks.append(_code(rest))
    return text, blocks


def _code(text: str) -> Block:
    body = slack_escape(text).replace("```", "'''")
    return {"type": "section", "text": {"type": "mrkdwn", "text": f"```{body}```"[:SECTION_CHARS]}}


def help_blocks(command: str) -> tuple[str, list[Block]]:
    usage = (
        f"*{command} search &lt;query&gt;* finds items in the archive (only you see the results).\n"
        f"*{command} rules* shows which routes post to this channel.\n"
        f"*{command} help* shows this."
    )
    return f"{command} search, rules, help", [
        {"type": "section", "text": {"type": "mrkdwn", "text": usage}},
        _code(HELP),
    ]


def rules_blocks(channel_name: str, routes: Sequence[tuple[str, str]]) -> tuple[str, list[Block]]:
    """Routes that post to this channel: (route, what it matches and when) pairs."""
    where = slack_escape(channel_name) if channel_name else "this channel"
    if not routes:
        text = f"No route posts to {where}."
        return text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
    text = f"{len(routes)} route(s) post to {where}:"
    blocks: list[Block] = [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
    for name, description in routes[:45]:
        line = f"*{slack_escape(name)}*\n{slack_escape(description)}"
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": line[:SECTION_CHARS]}})
    return text, blocks
