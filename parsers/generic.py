"""The fallback for any newsletter: HTML first, then Markdown, then plain text."""

from __future__ import annotations

import re

from bot.models import Email, Item, ParseResult
from parsers.base import Match, Stage, result
from parsers.blockitems import extract
from parsers.htmlblocks import Block, Link, html_blocks
from parsers.markdown import markdown_blocks
from parsers.plaintext import parse_plain
from parsers.text import MAX_TEXT, at_least, find_date, split_title, squash

_MD_SIGNS = re.compile(r"\]\((?:https?://|/)|^#{1,6} |^\s*[-*] \[", re.M)


class GenericParser:
    name = "generic"
    version = "1"

    def match(self, email: Email) -> Match | None:
        return Match(Stage.FALLBACK, "fallback: no specific parser recognised the email")

    def parse(self, email: Email) -> ParseResult:
        items: list[Item] = []
        sponsor: str | None = None
        text = (email.text or "")[:MAX_TEXT].replace("\r\n", "\n")
        # The issue's subject and the newsletter's own name as a masthead heading are
        # neither items nor sections.
        skip = (email.subject, email.sender_name)
        lead_text = ""
        essay = False
        if email.html:
            blocks = html_blocks(email.html)
            lead_text = " ".join(b.text for b in blocks[:40])
            found = extract(blocks, skip_headings=skip)
            items, sponsor = found.items, found.sponsor_name
            if found.own_link is not None and found.is_essay():
                # A post (Substack essay): the item is the post itself, not the sources
                # its paragraphs link to.
                items, essay = [_post_item(found.own_link, blocks)], True
        # The text/plain alternative is read when the HTML gave (almost) nothing: some
        # senders put a stub ("view this email online") or one banner link in the HTML.
        if len(items) < 2 and text and not essay:
            if at_least(_MD_SIGNS, text[:200_000], 2):
                found = extract(markdown_blocks(text), skip_headings=skip)
                alt, alt_sponsor = found.items, found.sponsor_name
            else:
                alt, alt_sponsor, _ = parse_plain(text)
            if not alt and len(items) == 0:
                alt, alt_sponsor, _ = parse_plain(text)
            if len(alt) > len(items):
                items, sponsor = alt, alt_sponsor
        when = email.date.date() if email.date else find_date(email.subject, lead_text, text[:5000])
        return result(
            self, email, family="generic", name=newsletter_name(email), items=items,
            issue_date=when, sponsor_name=sponsor,
        )  # fmt: skip


def _post_item(link: Link, blocks: list[Block]) -> Item:
    """The post as one item: its title link, its first paragraph of prose as the blurb."""
    start = next((i for i, b in enumerate(blocks) if any(lk is link for lk in b.links)), 0)
    blurb = next((b.text for b in blocks[start + 1 :] if len(b.text) >= 80), "")
    return Item(title=split_title(link.text).text or link.text, url=link.href, blurb=blurb)


def newsletter_name(email: Email) -> str:
    """The sender's display name, else the List-Id's label, else the subject."""
    if email.sender_name:
        return squash(email.sender_name)
    if email.list_id:
        label = email.list_id.split("<")[0].strip().strip('"')
        return label or email.list_id.strip("<>").split(".")[0]
    return issue_free(squash(email.subject))[:80] or "unknown"


_ISSUE_PART = re.compile(r"#\s?\d+|\b(issue|edition|week|no\.?|vol\.?)\s*#?\d+", re.I)
_SEPARATORS = re.compile(r"\s+[—–|·-]\s+|:\s+|,\s+(?=(issue|edition|week|no\.?|#)\b)", re.I)


def issue_free(subject: str) -> str:
    """The newsletter's name from an issue's title: "Rust Notes — 2025-06-09" -> "Rust Notes".

    Issues of one newsletter must share a name (rules and search group by it), so the
    parts that name one issue (a date, "#212", "Issue 97", "Week 23") are dropped.
    """
    parts = [p for p in _SEPARATORS.split(subject) if p and p.strip()]
    kept = [p for p in parts if not (find_date(p) or _ISSUE_PART.search(p))]
    if not kept or kept[0] != parts[0]:
        head = _ISSUE_PART.sub("", parts[0]) if parts else ""
        return squash(head).strip(" -—–|:#,") or subject
    return squash(kept[0]).strip(" -—–|:#,")
