"""Turn reading-order blocks into items: the shapes link newsletters are made of.

Shapes recognised (each seen in many real newsletters):

- a block that *is* a link (heading link, bold link, list entry) followed by text blocks:
  title + blurb;
- a block that starts with a bold or listed link followed by more text:
  "**[Title](url)** — blurb" in one paragraph;
- a heading without a link followed by a paragraph holding the link ("Read more"):
  the heading is the title;
- a heading (or short bold line) followed by items: a section.

Furniture (navigation, social, referral, unsubscribe) is dropped, and everything after
the footer starts is ignored. Sponsor labels flag the next item; sponsor sections flag
all their items; "Together with X" banners name the issue's sponsor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.models import Item
from parsers.htmlblocks import Block, Link
from parsers.text import (
    BANNER,
    SPONSOR_SECTION,
    SPONSOR_TAG,
    has_words,
    is_boilerplate_link,
    is_dateline,
    is_footer,
    is_promo,
    split_title,
    squash,
    strip_decoration,
)

_SEPARATOR = re.compile(r"^\s*(?:[-–—:|•·]|\.\s|\(|,)")
_READ_MORE = re.compile(
    r"read (more|the|full)|continue|full (story|article)|source|link|→|»|learn more|here", re.I
)
MAX_BLURB = 1200
# Headings of a table of contents, not of a section.
_CONTENTS = re.compile(
    r"^(in (this|today'?s) (issue|edition|email|newsletter)|today'?s (issue|topics|stories|menu)"
    r"|(table of )?contents|inside|what'?s inside|in brief today)\W*$",
    re.I,
)


@dataclass(slots=True)
class Extracted:
    items: list[Item] = field(default_factory=list)
    sponsor_name: str | None = None
    sections: list[str] = field(default_factory=list)


def _content_links(block: Block) -> list[Link]:
    """The block's links that can be items (absolute, with text, not furniture); computed once."""
    if block.content is None:
        block.content = [
            lk
            for lk in block.links
            if lk.href[:8].lower().startswith(("http://", "https://"))
            and not lk.image_only
            and not is_boilerplate_link(lk.text, lk.href)
        ]
    return block.content


def _is_title_block(block: Block) -> Link | None:
    """The link a block consists of, if the block is essentially one link."""
    links = _content_links(block)
    if not links:
        return None
    lead = block.lead if any(lk is block.lead for lk in links) else None
    best = lead or max(links, key=lambda lk: len(lk.text))
    body = strip_decoration(block.text)
    if len(best.text) >= 3 and len(best.text) >= 0.7 * len(body) and has_words(best.text):
        return best
    return None


def _lead_link(block: Block) -> Link | None:
    """A bold/listed link that opens a block followed by its description."""
    lead = block.lead
    if lead is None or len(lead.text) < 3 or not any(lk is lead for lk in _content_links(block)):
        return None
    rest = strip_decoration(block.text)[len(strip_decoration(lead.text)) :]
    if not rest.strip():
        return None
    if lead.bold or block.in_list or _SEPARATOR.match(rest):
        return lead
    # "<a>A title of several words</a> and what it is about": a link list without
    # markup. A short link opening prose ("<a>Apple</a> said ...") is not a title.
    if len(lead.text) >= 15 and len(lead.text.split()) >= 3 and len(rest.strip()) >= 20:
        return lead
    return None


def _bold_lead_item(block: Block) -> tuple[str, Link] | None:
    """ "**Title** — what it is. <a>Read more</a>": a bold unlinked title, its link later on."""
    lead = strip_decoration(block.bold_lead).rstrip(" -–—:|")
    if not (3 <= len(lead) <= 200) or not has_words(lead) or len(block.text) < len(lead) + 20:
        return None
    links = _content_links(block)
    if not links:
        return None
    return lead, _pick_link(block)


def _is_nav(block: Block) -> bool:
    """A row of short links ("Home | Archives | Read on the Web"): navigation."""
    links = [lk for lk in block.links if lk.text]
    if len(links) < 3 or any(len(lk.text) > 30 for lk in links):
        return False
    covered = sum(len(lk.text.replace(" ", "")) for lk in links)
    return covered >= 0.7 * len(block.text.replace(" ", "").replace("|", ""))


def _is_heading(block: Block) -> bool:
    if len(block.text) > 120 or not has_words(block.text):
        return False
    if _content_links(block):
        return False
    if block.level or block.bold:
        return True
    letters = [ch for ch in block.text if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters) and len(block.text) < 60


def _rest_after(block: Block, link: Link) -> str:
    text = strip_decoration(block.text)
    anchor = strip_decoration(link.text)
    start = text.find(anchor)
    if start < 0:
        # The block is part of a longer link (a link wrapping several blocks): no rest.
        return "" if anchor.startswith(text) else text
    rest = text[start + len(anchor) :]
    return rest.strip().lstrip("-–—:|•·,").strip()


def extract(blocks: list[Block], *, skip_headings: tuple[str, ...] = ()) -> Extracted:
    """Items, sections and the banner sponsor found in ``blocks``."""
    out = Extracted()
    _drop_table_of_contents(blocks)
    skip = {squash(h).casefold() for h in skip_headings if h}
    section: str | None = None
    section_sponsored = False
    sponsor_next = False
    current: dict[str, object] | None = None
    blurb: list[str] = []

    def finish() -> None:
        nonlocal current
        if current is not None:
            text = squash(" ".join(blurb))[:MAX_BLURB]
            out.items.append(_make(current, text))
        current = None
        blurb.clear()

    def start(title: str, link: Link, sponsor: bool, headed: bool = False) -> None:
        nonlocal sponsor_next, current
        finish()
        current = {
            "title": title,
            "url": link.href,
            "section": section,
            "sponsor": sponsor or sponsor_next or section_sponsored,
            "headed": headed,
        }
        sponsor_next = False

    for i, block in enumerate(blocks):
        text = block.text
        if not has_words(text):
            continue
        if is_footer(text) and not _is_title_block(block):
            break
        banner = BANNER.match(text)
        if banner and len(text) < 100:
            name = banner.group(1).strip() or next((lk.text for lk in block.links if lk.text), "")
            if not name:
                name = next((lk.href for lk in block.links if lk.image_only), "")
            if out.sponsor_name is None and name:
                out.sponsor_name = name
            # Mid-issue, the banner introduces the sponsor's block; at the top it is only a credit.
            sponsor_next = sponsor_next or bool(out.items) or current is not None
            continue
        if _is_nav(block):
            continue
        if not block.level and len(text) < 40 and SPONSOR_TAG.match(text.strip(" :[]()")):
            sponsor_next = True
            continue
        link = _is_title_block(block)
        if link is not None and current is not None and link.href == current["url"]:
            # "Download the full case study ->" repeats the item's own link: still its blurb.
            blurb.append(text)
            continue
        if link is not None and squash(link.text).casefold() in skip:
            # The issue's own title linking to its web version: not an item.
            finish()
            continue
        if link is not None:
            # A link wrapping a heading and a subtitle ("<a><h2>T</h2><h3>S</h3></a>"):
            # the heading is the title, the rest of the link its blurb.
            own = strip_decoration(text)
            wraps = len(link.text) > len(own) and link.text.startswith(own) and block.level
            start(own if wraps else link.text, link, False)
            rest = _rest_after(block, link)
            if rest and len(rest) > 3:
                blurb.append(rest)
            continue
        lead = _lead_link(block)
        if lead is not None and not (
            current is not None and current.get("headed") and not (lead.bold or block.in_list)
        ):
            start(lead.text, lead, False)
            blurb.append(_rest_after(block, lead))
            continue
        if is_promo(text) or (block.links and not _content_links(block) and len(text) < 200):
            finish()
            continue
        # "**Why it matters:** …" inside a story under a heading is part of that story.
        in_story = (
            current is not None
            and bool(current.get("headed"))
            and not block.in_list
            and block.bold_lead.rstrip().endswith(":")
        )
        titled = None if in_story else _bold_lead_item(block)
        if titled is not None:
            title, link = titled
            start(title, link, False)
            blurb.append(
                text[text.find(block.bold_lead) + len(block.bold_lead) :].strip(" -–—:|•·")
            )
            continue
        if _is_heading(block):
            heading = squash(strip_decoration(text))
            link = None if heading.casefold() in skip else _heading_item_link(blocks, i + 1)
            if link is not None:
                start(heading, link, False, headed=True)
                continue
            finish()
            if heading.casefold() in skip or is_dateline(heading) or _CONTENTS.match(heading):
                section, section_sponsored = None, False
                continue
            if SPONSOR_SECTION.match(heading):
                # A real heading ("## Sponsored", "Our partners") heads a sponsored section;
                # a bold one-word label ("Sponsor") only marks the next item.
                if not (block.level or heading.endswith("s") or " " in heading):
                    sponsor_next = True
                    continue
                section_sponsored = True
            else:
                section_sponsored = False
            section = heading
            if heading not in out.sections:
                out.sections.append(heading)
            continue
        if current is not None and sum(len(b) for b in blurb) < MAX_BLURB:
            blurb.append(text)
    finish()
    return out


def _heading_item_link(blocks: list[Block], start: int) -> Link | None:
    """The link of a heading-titled item: prose after the heading carries it, or a
    "Read more" line closes the prose. None when the heading heads a section instead."""
    prose = 0
    for offset, block in enumerate(blocks[start : start + 5]):
        if not has_words(block.text):
            continue
        title = _is_title_block(block)
        if title is not None:
            if not prose:
                return None
            if _READ_MORE.search(title.text):
                return title
            # A short source line ("techcrunch.com") closing the prose is the heading's
            # link too, unless prose follows it: then it is the next item's title.
            after = _next_content(blocks, start + offset + 1)
            ends = after is None or _is_heading(after) or _is_title_block(after) is not None
            return title if len(title.text) <= 60 and ends else None
        if block.in_list or _lead_link(block) or _is_heading(block) or _bold_lead_item(block):
            return None
        if _content_links(block):
            return _pick_link(block) if len(block.text) >= 40 or prose else None
        if len(block.text) < 40 and not prose:
            return None
        prose += 1
    return None


def _drop_table_of_contents(blocks: list[Block]) -> None:
    """Links into the issue's own page ("…/p/issue-212#story-2"), several of them, are a
    table of contents: the stories follow below, so the jump links are not items."""
    anchors: dict[str, set[str]] = {}
    for block in blocks:
        for lk in block.links:
            base, sep, fragment = lk.href.partition("#")
            if sep and fragment:
                anchors.setdefault(base, set()).add(fragment)
    toc = {base for base, fragments in anchors.items() if len(fragments) >= 2}
    if not toc:
        return
    for block in blocks:
        for lk in block.links:
            base, sep, _ = lk.href.partition("#")
            if sep and base in toc:
                lk.href = ""  # not a web link any more: never an item
        block.content = None


def _next_content(blocks: list[Block], start: int) -> Block | None:
    return next((b for b in blocks[start : start + 4] if has_words(b.text)), None)


def _pick_link(block: Block) -> Link:
    links = _content_links(block)
    for link in links:
        if _READ_MORE.search(link.text):
            return link
    return links[0]


_SPONSOR_TAIL = re.compile(
    r"(?:^|[.!?]\s+|\s\()(sponsor(?:ed)?|promoted|paid (?:post|content)|advertisement)\)?\s*$", re.I
)
_SPONSOR_HEAD = re.compile(r"^\(?(sponsor(?:ed)?|promoted|advertisement)\)?\s*[:|–—-]\s*", re.I)


def _make(current: dict[str, object], blurb: str) -> Item:
    title = split_title(str(current["title"]))
    url = str(current["url"])
    kind = title.kind
    sponsor = bool(current["sponsor"]) or title.sponsor
    # Link digests tag paid entries inline: "… a description. Sponsor" / "Sponsored: …".
    tail = blurb[-40:].lower()
    tag = (
        ("sponsor" in tail or "promoted" in tail or "paid" in tail or "advertisement" in tail)
        and _SPONSOR_TAIL.search(blurb)
    ) or _SPONSOR_HEAD.match(blurb)
    if tag:
        sponsor = True
        blurb = (blurb[: tag.start()] + blurb[tag.end() :]).strip()
    section = current["section"]
    return Item(
        title=title.text,
        url=url,
        blurb=blurb,
        section=section if isinstance(section, str) else None,
        sponsor=sponsor,
        kind=kind,
        read_minutes=title.read_minutes,
    )
