"""Turn reading-order blocks into items: the shapes link newsletters are made of.

Shapes recognised (each seen in many real newsletters):

- a block that *is* a link (heading link, bold link, list entry) followed by text blocks:
  title + blurb;
- a block that starts with a bold or listed link followed by more text:
  "**[Title](url)** — blurb" in one paragraph;
- a heading without a link followed by a paragraph holding the link ("Read more"):
  the heading is the title;
- a heading (or short bold line) followed by items: a section;
- a bold kicker (date, place) before the title link; a run of briefs citing their
  source; an ad paragraph titled by the sponsor its banner names.

An item's discussion links ("comments", "Discuss on HN") go to ``Item.links``.

Furniture (navigation, social, referral, unsubscribe) is dropped, and everything after
the footer starts is ignored. Sponsor labels flag the next item; sponsor sections flag
all their items; "Together with X" banners name the issue's sponsor.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple
from urllib.parse import urlsplit

from bot.models import Item
from parsers.blockshapes import (
    address_under,
    bold_card_headings,
    bold_lead_item,
    brief,
    byline_heading,
    byline_over_title,
    card_link,
    cited_bullet,
    cites_in_prose,
    closing_source,
    colon_lead,
    content_links,
    dated_byline,
    drop_table_of_contents,
    drop_tag_rows,
    heading_item_link,
    hidden_target,
    in_briefs,
    in_colon_run,
    is_action,
    is_address,
    is_author_link,
    is_cta,
    is_discussion,
    is_feedback_link,
    is_heading,
    is_inline_link,
    is_listed,
    is_listing_button,
    is_name,
    is_nav,
    is_news_take,
    is_plus_line,
    is_share_button,
    is_site_root,
    is_sponsor_heading,
    is_title_block,
    kicker_link,
    label_link,
    labelled_link,
    lead_link,
    led_prose,
    link_takes,
    linked_sentences,
    list_intro,
    lone_quip,
    news_takes,
    next_content,
    numbered_brief,
    own_line,
    partly_linked_heading,
    pick_link,
    plus_brief,
    plus_entry,
    plus_follows,
    prose_under,
    quote_box,
    rest_after,
    row_button,
    same_project,
    same_site,
    shows_address,
    sponsor_label_in_run,
    story_date,
    unlink_shared_headings,
    without_link_text,
)
from parsers.cardparts import (
    SEVERITY_PILL,
    authors_line,
    is_ad_marking,
    is_citation,
    is_subtitle,
    link_row,
    media_promo,
)
from parsers.draft_item import make_item, with_annotation
from parsers.htmlblocks import Block, Link
from parsers.metaline import MAX_META, PLAYER_GLYPH, listed_authors, meta_line
from parsers.sourceline import lead_sentence, source_line
from parsers.text import (
    BANNER,
    MONTH_NUMBERS,
    ODD_FOLDS,
    PROMOTED_BY,
    SPONSOR_SECTION,
    SPONSOR_TAG,
    SUPPORT_THANKS,
    banner_match,
    byline,
    has_words,
    is_boilerplate_link,
    is_dateline,
    is_footer,
    is_outro,
    is_promo,
    link_target,
    numbered_entry,
    postal_line,
    squash,
    strip_decoration,
    titled_byline,
    word_count,
)
from parsers.wordscan import FURNITURE_WORDS

MAX_BLURB = 1200
# ``extract`` lets a block without links skip the rules that need a link; the tests turn
# this off to check that every rule run on every block gives the same items.
FAST_ROUTE = True
# A heading over links to the newsletter's own back issues ("往年回顾", "Past issues") or
# over its subscription pitch ("欢迎订阅"): its entries are the newsletter's own, no items.
_BACK_ISSUES = re.compile(
    r"^(?:往年回顾|往期回顾|往期推荐|往期精选|往期文章|往期内容|历史文章|往期|往年|過去の(?:号|記事)"
    r"|バックナンバー|지난\s?(?:호|뉴스레터)|past issues|previous issues|back issues"
    r"|欢迎订阅|订阅本刊)\W*$",
    re.I,
)
# A link that is one hashtag ("#techpigulka", "#nauka"): the tag's page on the platform
# the issue was posted to, never a story. "#6" (an episode's number) is no hashtag, nor
# is a title that opens with one ("#rust is getting async closures").
_HASHTAG_LINK = re.compile(r"#[^\W\d_][\w-]*$")
# A heading that is a hashtag of up to three words ("#Classifieds", "#Show HN"): it names
# a section, whatever its prose links. A story heading opening with a tag ("#TIL Postgres
# can index a JSON path") runs longer.
_HASHTAG_HEADING = re.compile(r"#[^\W\d_][\w-]*(?:\s+[\w-]+){0,2}$")
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
    own_link: Link | None = None
    """The issue's own title linking to its web version (a post's permalink)."""
    weak: list[bool] = field(default_factory=list)
    """Per item: titled by a heading whose link was only inline in its prose."""

    def is_essay(self) -> bool:
        """A post, not a digest: its own permalink, and no item but weak heading ones."""
        return self.own_link is not None and all(self.weak)


# The image-only link (a logo) right after the n-th occurrence of a line of text, if the
# logo comes before any other words. Blocks leave out image-only links that stand alone,
# so the caller, who has the markup, looks them up (see ``generic.logo_finder``).
LogoFinder = Callable[[str, int], Link | None]


def extract(
    blocks: list[Block],
    *,
    skip_headings: tuple[str, ...] = (),
    logo_after: LogoFinder | None = None,
    issued: date | None = None,
) -> Extracted:
    """Items, sections and the banner sponsor found in ``blocks``. ``issued``: the issue's
    date, which tells a post's date under its title from an event's. ``skip_headings``:
    the issue's own names, never items; the first two are whole names (the subject, the
    sender's or edition's name), the others parts of one (the subject's first part),
    which may still head a section."""
    out = Extracted()
    drop_table_of_contents(blocks)
    drop_tag_rows(blocks)
    bold_card_headings(blocks)
    unlink_shared_headings(blocks)
    interview = _interview(blocks)
    skip = {squash(h).casefold() for h in skip_headings if h}
    # The subject and the sender's name come first; a heading that is only the subject's
    # first part ("Top new questions this week" of "…: Why does …") may head a section.
    whole = {squash(h).casefold() for h in skip_headings[:2] if h}
    subject = squash(skip_headings[0]).casefold() if skip_headings else ""
    sender = squash(skip_headings[1]) if len(skip_headings) > 1 else ""
    # The name as a logo writes it, its words run together ("hackernewsletter").
    tight = {h.replace(" ", "") for h in whole if " " in h}
    ranks: dict[int, int] = {}  # per heading level: how many such headings head lists
    # The name alone, without the issue's number ("Hacker Digest" of "Hacker Digest #701"):
    # the masthead, like the whole subject.
    names = {m.group(1).rstrip(" -–—:|·") for h in list(skip) if (m := _NUMBERED.match(h))}
    skip.update(names)
    whole.update(names)
    # A subject typed with "'" over a body set with "’" (Outlook and Word curl the
    # apostrophes they write, "L’Hebdo interne" under "L'Hebdo interne n° 142"): both read.
    for known in (skip, whole):
        known.update([h.replace("'", "’") for h in known if "'" in h])
    section: str | None = None
    section_sponsored = False
    section_level = 0  # the section heading's level (0: bold text or none)
    labels: set[str] = set()  # sections named by plain text (not a heading tag, not bold)
    # Bold labels under a heading's section, each with the section they sit in: when
    # each heads one item they are tags, and their items stay in that section.
    outer: dict[str, str] = {}
    heading_section: str | None = None  # the last section a heading tag named
    sourced = -1  # the "→ reuters.com" line the paragraph before it took as its link
    runs: dict[int, bool] = {}  # per title of a run of cards or rows: is it cards?
    sponsor_next = False
    ad_name = ""  # the sponsor a mid-issue banner names, until its ad starts
    current: dict[str, object] | None = None
    blurb: list[str] = []
    item_links: list[tuple[str, str]] = []  # the current item's discussion links
    author_next = ""  # a post's author, linked over its title
    heads: list[_ItemShape] = []
    last_headed = False  # the last item finished was titled by a heading
    side_links: list[tuple[str, str]] = []  # "[PDF] arxiv.org" over the next title
    tails: list[str] = []  # per item: its blurb's last line when a tag word ("Leadership")
    held: list[str] | None = None  # after a number alone ("2、"): its entry's paragraphs so far
    flagged: list[int] = []  # sponsored items flagged by a label or banner above their title

    def finish() -> None:
        nonlocal current, last_headed
        if current is not None:
            last_headed = bool(current.get("headed"))
            text = squash(" ".join(blurb))[:MAX_BLURB]
            if current.get("kicker"):
                text = f"{current['kicker']} — {text}" if text else str(current["kicker"])
            if text[:1] == "(":
                text = _SOURCE_DOMAIN.sub("", text, count=1)  # "<a>Title</a> (example.com)"
            if "//" in text:
                text = _SITE_TAG.sub("", text)  # "<a>Title</a> //github": the site, no summary
            if text[:2] in ("tl", "TL", "Tl"):
                text = _TLDR.sub("", text, count=1)  # "tl;dr: “…”": the label, not the summary
            authors, minutes, text = byline(text)
            if text[-5:] in ("read)", "Read)") and (read := _TRAILING_READ.search(text)):
                # "One sentence. (5 min read)" closing the summary: its read time.
                minutes, text = minutes or int(read.group(1)), text[: read.start()]
            meta = current.get("meta")
            if isinstance(meta, tuple) and not authors:
                told = meta[1]
                if told and current.get("length") and _plays(current, blocks, at_block):
                    told = None  # "Oct 14 · 47 min" under an episode: how long it plays
                authors, minutes = meta[0] or authors, minutes or told
            item = make_item(
                current,
                text,
                position=len(out.items),
                authors=authors,
                minutes=minutes,
                links=tuple(item_links),
            )
            if item.title:  # a link whose only words were an annotation ("(5 minute read)")
                out.items.append(item)
                out.weak.append(bool(current.get("weak")))
                prose = current.get("prose")
                heads.append(
                    _ItemShape(
                        bool(current.get("headed")), prose if isinstance(prose, tuple) else None
                    )
                )
                tails.append(_tag_tail(blurb))
                if item.sponsor and current.get("flagged"):
                    flagged.append(len(out.items) - 1)
        current = None
        blurb.clear()
        item_links.clear()

    def start(
        title: str,
        link: Link,
        sponsor: bool,
        headed: bool = False,
        oneblock: bool = False,
        level: int = 0,
    ) -> None:
        nonlocal sponsor_next, current, ad_name, author_next, held
        finish()
        ad_name = ""
        current = {
            "title": title,
            "url": link.href,
            "section": section,
            "sponsor": sponsor or sponsor_next or section_sponsored,
            "headed": headed,
            # Title and blurb came in one paragraph: a paragraph after it is a sibling.
            "oneblock": oneblock,
            "level": level,
            "at": at_block,
        }
        if sponsor_next and not sponsor and not section_sponsored:
            current["flagged"] = True
        sponsor_next = False
        if held:
            blurb.extend(held)  # the numbered entry's paragraphs above its title line
        held = None
        item_links.extend(side_links)
        side_links.clear()
        if author_next:
            current["meta"] = ((author_next,), None)
            author_next = ""

    def add(text: str, block: Block) -> None:
        """Part of the current item's blurb; its discussion links ("comments") go to the
        item's secondary links instead."""
        if current is None:
            return
        for lk in block.links:
            if lk.href != current["url"] and is_discussion(lk):
                if all(lk.href != url for _, url in item_links):
                    item_links.append((_discussion_label(lk), lk.href))
                text = without_link_text(text, lk)
        last = block.links[-1] if block.links else None
        if (
            last is not None
            and last.href == current["url"]
            and len(text) > len(last.text)
            and text.endswith(last.text)
            and _SITE_NAME.fullmatch(last.text)
        ):
            # "… summary. <a>nodebb.org</a>" (the site line under the summary, joined to its
            # paragraph by a soft line break): the title's site, no summary.
            text = text[: -len(last.text)].rstrip()
        if text:
            blurb.append(text)

    # Every block's text in lower case, once: the furniture scan and the banner test read it.
    lowered = [b.text.lower() for b in blocks]
    # The blocks that hold a footer or call-to-action word: only they can be either.
    furniture = FURNITURE_WORDS.holding(lowered)
    banners = _Banners(logo_after)
    top_banner: Block | None = None  # a banner above every item, just before this block
    opened = False  # the previous block with words was a section heading
    closed = False  # the previous block with words was the letter's close ("Thanks,")
    polling = False  # under a poll's heading ("📊 Poll: …?"): its links are the answers
    kicker = ""  # a row's leading cell, just before its title link
    label_next = False  # that kicker is a card's label line (``_card_label``)
    badge = ""  # an advisory's severity badge, just before its heading
    counts_lead = False  # counts ("17 votes") stand above the titles, not under them
    at_block = 0  # the block being read: where an item starts
    skip_next = -1  # read with the block before it: a date badge's day, a footnote's note
    backlist = False  # under a heading over the newsletter's back issues, to the next heading
    for i, block in enumerate(blocks):
        text = block.text
        if text == "--" and not block.links and (out.items or current is not None):
            break  # RFC 3676's "-- " over the sender's signature (Gmail, Apple Mail)
        if not has_words(text):
            continue
        if block.level:
            held = None
            backlist = _BACK_ISSUES.match(strip_decoration(text)) is not None
            if backlist:
                finish()  # "## 往年回顾" over "<a>一周是一年的2%</a>（#293）": the archive
                section, section_sponsored, section_level = None, False, 0
                continue
        elif backlist:
            continue
        if i in interview:
            continue  # an interview's questions, answers and introduction: no stories
        if block.lead is not None and not block.level and _date_link(blocks, i, block.lead):
            continue  # "06 MAI" in an event card's date leaf, linking its title's page
        at_block = i
        # A block without links skips the rules below that need one of its links (a title
        # link, a lead, a source or a row of links): each asks ``content_links``, or
        # ``block.links``, first. ``FAST_ROUTE`` off (tests only) runs them all.
        linked = bool(block.links) or not FAST_ROUTE
        if current is not None and _sub_entry(blocks, i, current):
            event = _row_sub_title(blocks, block, current)
            if event is not None:
                # "2023-06-08 | Zurich, CH | <a>Rust Zurich</a>" over "<a>**Unsafe, Miri,
                # SIMD - June Meetup**</a>": the bold sub-entry is the event, the row's
                # group link one of its links.
                item_links.append((str(current["title"]), str(current["url"])))
                current["title"], current["url"] = squash(event.text), event.href
                continue
            # A sub-bullet under a listed story ("Related: <a>…</a>", "<a>The original
            # proposal</a>"): a link about that story, not a story of its own.
            for lk in content_links(block):
                if lk.href != current["url"] and all(lk.href != u for _, u in item_links):
                    item_links.append((squash(lk.text), lk.href))
            add("", block)  # its discussion links ("Discussion on HN") too
            continue
        named = (
            _pitch_name(block) if linked and current is not None and i > _until(current) else None
        )
        if named is not None and current is not None and named.href != current["url"]:
            # "… observability matters. <a>Flarewatch</a> gives you … <a>Learn More</a>" after
            # a story that has its link: a pitch of its own (an ad without a headline),
            # titled by the product it names, not more of the story.
            start(squash(named.text), named, False, oneblock=True)
            add(text, block)
            continue
        related = _plus_related(block) if current is not None and current.get("headed") else None
        if related is not None:
            # "+ Regulators are watching too. (<a>Reuters</a> $)" under a story titled by its
            # bold line: more reading on that story, not a story of its own.
            if all(related[1] != u for _, u in item_links):
                item_links.append(related)
            continue
        after_heading, opened = opened, False
        after_close, closed = closed, False
        if i in (sourced, skip_next):
            continue
        if _footnote_mark(blocks, i):
            # "1" linking back to its mark in the text ("#footnote-anchor-1"), then the
            # note: the writer's aside, its links citations, no item.
            finish()
            skip_next = i + 1
            continue
        kicker, kicker_before = "", kicker
        labelled_before = label_next
        label_next = False
        badge, badge_before = "", badge
        banner_before, top_banner = top_banner, None
        worded = i in furniture
        if worded and is_footer(text):
            link_only = is_title_block(block)
            if link_only is None or is_address(link_only):
                if blurb and postal_line(blurb[-1]):
                    blurb.pop()  # "Dataline Ltd, 12 Quay Street, Manchester" over the footer
                break  # ("Unsubscribe from this alert: <https://…>": the link's address)
        if current is not None and not block.links and _rating_intro(blocks, i):
            # "Click below and email me!" / "1 = Meh // 5 = Loved it" over "1 … 2 … 3 … 4 …
            # 5": the rating's words, none of the last item's summary.
            finish()
            continue
        if (
            current is not None
            and block.links
            and block.links[0].href == current["url"]
            and source_line(block) is not None
        ):
            continue  # "github.com" under a card's summary, linking its title's page
        if current is not None and current.get("card"):
            # A paper card's lines up to its link row: authors, venue, "[PDF] [Code]".
            row = [lk for lk in content_links(block) if lk.href != current["url"]]
            if len(row) < len(content_links(block)):
                current["card"] = False
                item_links.extend((lk.text, lk.href) for lk in row)
            else:
                add(text, block)
            continue
        if current is not None and len(text) <= MAX_META and not block.level:
            if text[:3] in ("By ", "by "):
                posted = titled_byline(text)
                if posted:
                    # "By Lena Marsh, Fellow in Climate Finance": a think tank's byline
                    # gives each author's post; the people are the authors.
                    current["meta"] = (posted, None)
                    continue
                authors, minutes, rest = byline(text)
                if authors and not rest:
                    # "By Dana Whitlock · 6 min read" after the dek: the byline on its own.
                    current["meta"] = (authors, minutes)
                    continue
            low = lowered[i]
            # A read time ends a card's blurb too ("· 9 min read" under the summary).
            meta = meta_line(text, issued) if not blurb or "min" in low else None
            if meta is not None and blurb and not meta.read_minutes:
                meta = None
            if meta is not None and (
                is_title_block(block) is None or _carried_title(block, str(current["url"]))
            ):
                # "LWN.net · 3h ago", "Julia Evans — Jun 4, 2025", "— Will Larson" under
                # the title: where and when the post is from, not its summary.
                old = current.get("meta")
                current["meta"] = (
                    (meta.author,)
                    if meta.author
                    else listed_authors(text) or (old[0] if isinstance(old, tuple) else ()),
                    meta.read_minutes,
                )
                if meta.bare:
                    current["length"] = True  # "47 min": a read time unless the item plays
                continue
            read = _read_button(block, str(current["url"]), issued) if "min" in low else None
            if read is not None:
                # "8 min read [Read more]": the card's read time beside its own button.
                old = current.get("meta")
                current["meta"] = (old[0] if isinstance(old, tuple) else (), read)
                continue
            people = () if block.links else authors_line(text, bool(blurb), blocks, i)
            if people:
                # "Mira Okafor, Tomás Reyes & Lena Hoffmann" under a paper's title (or one
                # name over its citation line): the authors, not the summary.
                old = current.get("meta")
                current["meta"] = (people, old[1] if isinstance(old, tuple) else None)
                continue
            if is_citation(text):
                # "Journal, Volume 12, Issue 3, e141": where the paper appeared, the issue's
                # own name and number, not the summary.
                continue
            more = _more_links(block) if linked else []
            if more:
                # "More: <a>Wirebeat</a>, <a>The Ledger</a>" under a story: other outlets'
                # takes on it, its secondary links.
                for lk in more:
                    if lk.href != current["url"] and all(lk.href != u for _, u in item_links):
                        item_links.append((squash(lk.text), lk.href))
                continue
            head = text[:14].lower()
            via = _VIA.match(text) if "via " in head or "h/t" in head or "hat tip" in head else None
            if via is not None and len(block.links) == 1:
                # "→ via <a>Marginalia</a>": where the editor found it, not a story of its own.
                lk = block.links[0]
                if lk.href != current["url"] and all(lk.href != u for _, u in item_links):
                    item_links.append((squash(text[via.start(1) :]).rstrip(")"), lk.href))
                continue
        if current is not None and not block.links and is_ad_marking(text):
            # "Реклама. ООО …, ИНН …, erid: …": the ad's legally required marking.
            current["sponsor"] = True
            continue
        if (
            current is not None
            and blurb
            and not block.links
            and text[:8].lower() == "promoted"
            and PROMOTED_BY.match(text)
        ):
            # "Promoted by Tallyrun" under an entry's summary: the sponsor's entry.
            current["sponsor"] = True
            continue
        if text[:1].isdigit() and not (block.links or block.level) and _counts_above(blocks, i):
            # "17 votes", "2 answers", "874 views" over each question's title: once the
            # first title has its counts above it, counts above a title are that title's
            # (none of its summary), not the previous item's blurb.
            counts_lead = counts_lead or current is None
            if counts_lead:
                continue
        banner = _banner(text, lowered[i]) if len(text) < 100 else None
        if banner:
            banners.note(block)
            name = banner.group(1).strip() or next((lk.text for lk in block.links if lk.text), "")
            if not name:
                name = banners.logo_name(block)
            if out.sponsor_name is None and name:
                out.sponsor_name = name
            # Mid-issue, the banner introduces the sponsor's block; at the top it is only a
            # credit, unless the sponsor's card follows it (checked on the next block).
            top = not out.items and current is None
            sponsor_next = sponsor_next or not top
            top_banner = block if top else None
            ad_name = "" if top else name
            continue
        if (
            current is not None
            and not content_links(block)
            and any(map(is_discussion, block.links))
        ):
            add(text, block)  # "Discuss on HN · lobste.rs" under the item
            continue
        cite = _cite_line(blocks, i) if linked else None
        if cite is not None:
            # "Mara Lindgren / <a>The Ledger</a>:" over the title: the story's author and
            # outlet, not a story (nor the end of the story before).
            finish()
            author_next = cite
            continue
        number = numbered_entry(text) if not block.links else None
        if number is not None and number.end() == len(text):
            # "2、" alone, then a quote's paragraphs and "-- <a>Its source</a>": a numbered
            # entry whose title comes last; its paragraphs wait for it.
            finish()
            held = []
            continue
        if held is not None and block.lead is not None and text[:1] in "-–—―":
            # "-- <a>Gints Zilbalodis</a>（…），拉脱维亚导演": the held quote's source titles it.
            start(squash(block.lead.text), block.lead, False, oneblock=True)
            add(rest_after(block, block.lead), block)
            continue
        if (linked and is_nav(block)) or _LIST_NUMBER.match(text):
            continue  # a navigation row; a numbered row's number in a cell of its own
        if linked and current is None and not out.items and _nav_cells(blocks, i):
            continue  # "SHOP COFFEE | BREW GUIDES | SUBSCRIPTIONS", a cell each, atop the issue
        if linked and out.items and _footer_nav(blocks, i):
            finish()  # "POST A JOB | SPONSORED POST | PATREON", a cell each, over the footer
            continue
        if (
            linked
            and current is not None
            and (current["level"] or current["headed"])
            and _detail(block, str(current["url"]))
        ):
            add(text, block)  # "- **New:** <a>Faster cold starts</a> (#4420)" under a release
            continue
        if (
            not block.level
            and len(text) < 40
            and (SPONSOR_TAG.match(text.strip(" :[]()")) or (not block.links and _tag_parts(text)))
            and not (is_sponsor_heading(text) and sponsor_label_in_run(blocks, i, section))
        ):
            sponsor_next = True
            continue
        if linked and _credit_line(block):
            # "Source: <a>Harbour Engineering Blog</a>" under a figure: a credit, no story.
            continue
        if (
            linked
            and current is not None
            and current.get("headed")
            and (line_link := labelled_link(block)) is not None
            and line_link.href == current["url"]
            and not blurb
        ):
            continue  # "Link: <a>Tailscale</a>" right under the heading: its link, no summary
        link = is_title_block(block) if linked else None
        if (
            link is not None
            and text[:1] == "["
            and _FILE_LINK.match(text)
            and _title_next(blocks, i)
        ):
            # "[PDF] arxiv.org" beside (so before) a search result's title: its file.
            side_links.append((squash(link.text), link.href))
            continue
        if link is not None and after_close and block.text == link.text and is_name(link):
            continue  # "Thanks for reading, <a>Dan Ni</a>": the signature, whatever its link
        if after_close and linked and _joined_names(block):
            continue  # "That's all we got!" / "<a>Shaan Puri</a> and <a>Ben Levy</a>": its writers
        if link is not None and polling and block.text == link.text and word_count(text) <= 8:
            continue  # "Yes, gladly" under "Poll: Would you work next to a humanoid?"
        if link is not None and is_listing_button(link.text):
            finish()  # "See all of yesterday's launches": the list is over
            continue
        button = link is not None and is_cta(link.text)  # asked by the next two rules
        if (
            link is not None
            and current is not None
            and (
                link.href == current["url"]
                or button
                or (current.get("headed") and block.bold_lead.rstrip().endswith(":"))
            )
        ):
            # "Download the full case study ->" repeats the item's own link, "GitHub repo"
            # or "Get the data: <a>…</a>" inside a headed story adds one: still its blurb.
            if current.get("button") and link.href == current["url"]:
                # The button a heading's story takes its link from ("▶ Watch recording",
                # "Learn how rules work"): the story ends there, the button's words are
                # no summary, and a short line after it opens the next story.
                finish()
                continue
            # A button alone ("Claim $50 in credits →", "Попробовать", "★ Save") adds no
            # words to it, and is no secondary link either ("GitHub repo" names one).
            alone = text == link.text and (
                is_action(text)
                or (text.endswith(("→", "»", "›")) and is_cta(text))
                # The heading's address written out under it ("<https://…>"): no words.
                or (link.href == current["url"] and bool(current.get("address")))
                # "# <a>Start shipping SSO today</a>" under an ad: its button set as a heading.
                or (link.href == current["url"] and bool(block.level))
                or (not blurb and shows_address(link))  # "github.com/a/b" under its heading
                # A list of one short entry under the heading's prose, the story's own
                # link ("- <a>Full Comparison</a>"): a button, its words no summary.
                or (
                    link.href == current["url"]
                    and block.in_list
                    and len(block.links) == 1
                    and word_count(text) <= 3
                )
            )
            if _link_tail(blocks, i, current):
                current["tail"] = i  # "**Read the blogpost:** <a>…</a>" under its link
            add("" if alone else text, block)
            continue
        if link is not None and (
            (button and not _headed_title(blocks, i, after_heading))
            # A hashtag holds "#" (or an entity that ``squash`` decodes to one).
            or (("#" in link.text or "&" in link.text) and _HASHTAG_LINK.match(squash(link.text)))
            or _masthead(block, link, out, current)
            or (current is None and not out.items and _named_domain(block, link, whole))
            or _ad_button(blocks, i, link, current, bool(blurb))
        ):
            continue
        if link is not None and _attribution(blocks, i, link):
            continue  # "> They are addicted to …" / "– <a>Amirography on fosstodon</a>"
        link_words = squash(link.text) if link is not None else ""
        if link is not None and (
            (link_words.casefold() in skip and not _subject_story(block, link, subject))
            or (not out.items and link_words.casefold().replace(" ", "") in tight)
            or _web_version(blocks, link, out, current)
            or _own_site(block, link, out, current, link_words)
        ):
            # The issue's own title linking to its web version: not an item (nor is the
            # newsletter's name linking its home page, above the items or below them).
            finish()
            if not is_site_root(link.href):
                out.own_link = out.own_link or link
            continue
        if (
            link is not None
            and block.level
            and not out.items
            and text == link.text
            and is_dateline(link_words)
        ):
            # "## [#275 — August 15, 2019](…/issues/275)" atop an archived issue: the
            # issue's number and date linking its own page, no story.
            finish()
            out.own_link = out.own_link or link
            continue
        if link is not None and is_author_link(blocks, i, link, issued):
            # The next post's author, not a story. One word may be a category's page
            # ("Security" over /security/router-flaw): no item either way, no author then.
            finish()
            author_next = link_words if " " in link_words or link_words[:1] == "@" else ""
            continue
        if (
            link is None
            and block.lead is not None
            and len(text) <= 90  # a name, maybe a team, and a date: never a paragraph
            and (writer := byline_over_title(blocks, i, issued))
        ):
            # "<a>Hannah Okafor</a> · Oct 14" over the next post's title: its author.
            finish()
            author_next = squash(writer.text)
            continue
        listing = link is not None and _listing_heading(blocks, i, block, link)
        if link is not None and (listing or _source_label(blocks, i, block, link)):
            # A feed's name (a short bold link to the feed) over its posts' heading links;
            # a heading linking a list of the project's pull requests or issues ("### <a>New
            # and Updated RFCs</a>" → /rfcs/pulls) over its entries.
            finish()
            section, section_sponsored, section_level = link_words, False, 0
            if section not in out.sections:
                out.sections.append(section)
            opened = True
            continue
        secondary = None if current is None or block.bold or not linked else link_row(block)
        if (
            secondary is not None
            and current is not None
            and (current["level"] or current["headed"] or _elsewhere(secondary, current))
        ):
            # "Vendor advisory · CISA KEV", "👍 42 · Vendor advisory · Fix commit" under a
            # story titled by a heading or a bold link: its secondary links, not a story.
            for lk in secondary:
                if all(lk.href != u for _, u in item_links):
                    item_links.append((squash(lk.text), lk.href))
            continue
        caption = _button_caption(blocks, i, link) if current is None and link is not None else None
        if caption is not None and link is not None:
            # A figure's caption ("The onboarding flow, step by step"), then its "Read the
            # teardown (6 mins)" button: one item, titled by the caption.
            start(caption, link, False)
            if current is not None:
                current["button"] = True
            continue
        if link is not None:
            # A link wrapping a heading and a subtitle ("<a><h2>T</h2><h3>S</h3></a>"):
            # the heading is the title, the rest of the link its blurb.
            own = strip_decoration(text)
            # A link around a whole card (label, title, summary, "Read more", byline):
            # each block inside is part of the link; the first of a few words is the title.
            wraps = len(link.text) > len(own) + 3 and own in link.text
            if wraps and not block.level and word_count(own) < 3:
                continue  # the card's label line ("Publication name"): its title follows
            if not block.level and _label_over_title(blocks, i, link):
                # "Root Cause" (the show, linked by its cover's alt text or a link of its
                # own) over "<a>The outage that started with a leap second</a>", both to
                # the episode's page: the card's label, which opens the title's blurb.
                kicker = squash(text)
                continue
            # "Sponsored: <a>Title</a>", "[Ad] <a>Title</a>": a tag before the link.
            before = text[: max(text.find(link.text), 0)].strip(" :-–—|[]()")
            tagged = bool(before and SPONSOR_TAG.match(before))
            rest = rest_after(block, link)
            # "<a>Title</a> promotion": the ad's tag in small print after its title.
            tail = bool(rest) and len(rest) < 30 and SPONSOR_TAG.match(rest.strip(" ()[]|·•"))
            sponsored = tagged or bool(tail) or banners.card(banner_before, link, blocks, i)
            # A heading (or a bold line) that is a link: list entries under it may be its details.
            level = block.level or int(block.bold)
            start(own if wraps else link.text, link, sponsored, level=level)
            if kicker_before and current is not None:
                current["kicker"] = kicker_before
                current["labelled"] = labelled_before
            rest = "" if tail else rest
            add(rest if len(rest) > 3 else "", block)
            continue
        sentences = linked_sentences(block) if linked else []
        if sentences:
            # "<a>Fed holds rates</a>. <a>Lender buys a rival</a>. …": one headline each.
            for lk in sentences:
                start(squash(lk.text), lk, False, oneblock=True)
            finish()
            continue
        if ad_name and linked and _headless_ad(block):
            # "This episode is brought to you by Ferrule." then the ad's prose, its link a
            # call to action ("Try it free at ferrule.example"): titled by the sponsor.
            start(ad_name, pick_link(block), True, oneblock=True)
            add(text, block)
            continue
        if (
            linked
            and (current.get("plus") if current is not None else section is not None)
            and plus_entry(block)
            and (plus_follows(blocks, i) or (i and plus_entry(blocks[i - 1])))
        ):
            # "## Small joys" over "+ Why <a>slow bread</a> tastes better." lines, each with
            # one link and no source in brackets: one entry each, titled by its sentence.
            start(
                strip_decoration(text[2:].lstrip()), content_links(block)[0], False, oneblock=True
            )
            if current is not None:
                current["plus"] = True
            if not plus_follows(blocks, i):
                finish()  # the run's last entry: the words after it are not its blurb
            continue
        headed = current is not None and bool(current.get("headed"))
        cited = brief(block) if linked and not headed else None
        if cited is not None and (
            (current is not None and current.get("brief")) or in_briefs(blocks, i)
        ):
            # One of a run of briefs, each a sentence citing its source: "Stripe bought a
            # wallet startup for $1.1 billion. (<a>Pulse</a>)".
            start(cited[0], cited[1], False, oneblock=True)
            if cited[2]:
                add(cited[2], block)  # "… - <a>Twitter</a>": the words after the title
            if current is not None:
                current["brief"] = True
            continue
        news = numbered_brief(block) if linked and not headed else None
        if news is not None:
            # "（2）戴森公司创始人，发布<a>世界最薄吸尘器</a>，机身仅高95毫米。": a numbered
            # news paragraph, titled by the sentence its link sits in.
            start(news[0], news[1], False, oneblock=True)
            add(news[2], block)
            continue
        lead = lead_link(block, opens_section=after_heading) if linked else None
        if lead is not None and (
            (squash(lead.text).casefold() in skip and not _subject_story(block, lead, subject))
            or _masthead(block, lead, out, current)
            # A hashtag holds "#" (or an entity that ``squash`` decodes to one).
            or (("#" in lead.text or "&" in lead.text) and _HASHTAG_LINK.match(squash(lead.text)))
        ):
            # "**<a>HN Daily</a>** Top stories for Tue, 8 Jul": the masthead; "<a>#techpigulka</a>
            # (25.01.2023)": the tag the post was filed under.
            continue
        if lead is not None and not (
            current is not None and current.get("headed") and not (lead.bold or block.in_list)
        ):
            title, rest = with_annotation(lead.text, rest_after(block, lead))
            start(title, lead, banners.card(banner_before, lead, blocks, i), oneblock=True)
            add(rest, block)
            continue
        labelled = None if block.level or headed or not linked else label_link(block)
        if labelled is not None:
            # "**Funding:** <a>Title</a> …", "**Sponsored:** <a>Title</a> — …"
            label, lead = labelled
            start(lead.text, lead, bool(SPONSOR_TAG.match(label)), oneblock=True)
            add(rest_after(block, lead), block)
            continue
        kicked = None if block.level or headed or not linked else kicker_link(block)
        if kicked is not None:
            # "**15 July** — <a>PyData Berlin: forecasting</a> at …": the kicker (a date, a
            # place) stays in the blurb.
            kicker, lead = kicked
            start(lead.text, lead, False, oneblock=True)
            rest = rest_after(block, lead)
            add(f"{kicker} — {rest}" if rest else kicker, block)
            continue
        if is_outro(text) and not (current is not None and current.get("card")):
            finish()  # "That's it. Hit reply and tell me …", "Thanks,": the letter's close
            closed = True
            continue
        if (worded and is_promo(text)) or (
            block.links
            and not content_links(block)
            and len(text) < 200
            and not (current is not None and not blurb and _prose_citing(block))
        ):
            finish()
            continue
        if (
            linked
            and block.in_list
            and block.bold_lead
            and cited_bullet(block)
            and _point_run(blocks, i)
        ):
            # "- **Pluggable storage:** … as <a>the docs</a> explain." among bold-label
            # bullets that mostly link nothing: a feature list's point, no entry.
            add(text, block)
            continue
        colon_entry = None if headed or block.level or not linked else in_colon_run(blocks, i)
        if colon_entry is not None:
            # "**Cursor ships a faster model:** The startup dropped <a>Composer</a>, …" in a
            # run of such paragraphs or bullets: the bold lead titles each.
            title, lead = colon_entry
            start(title, lead, False, oneblock=True)
            if current is not None:
                current["colon"] = True
            add(text[text.find(block.bold_lead) + len(block.bold_lead) :].strip(" -–—:|•·"), block)
            continue
        if current is not None and current.get("colon") and colon_lead(block) is not None:
            # "**Chips still scarce:** … nothing to link yet": the run's next entry, one
            # without a link, is no part of the entry before it.
            finish()
            continue
        # "**Why it matters:** …" inside a story under a heading is part of that story.
        in_story = (
            current is not None
            and bool(current.get("headed"))
            and not block.in_list
            and (
                block.bold_lead.rstrip().endswith(":")
                or bool(current.get("led"))
                or bool(current.get("closed"))
                or i <= _until(current)  # up to the line of the story's own link
            )
        )
        titled = None if in_story or not linked else bold_lead_item(block)
        if (
            in_story
            and current is not None
            and content_links(block)
            and _link_tail(blocks, i, current)
        ):
            current["tail"] = i  # "**Read the blogpost:** <a>…</a>" under the story's link
        if titled is not None and current is not None and _link_tail(blocks, i, current):
            # "**Get the model** from <a>Hugging Face</a>" right under the story's "Read
            # more" line: another link of that story, no story of its own.
            current["tail"] = i
            if all(titled[1].href != u for _, u in item_links):
                item_links.append((titled[0], titled[1].href))
            continue
        if (
            titled is not None
            and (headed or last_headed)
            and not (sponsor_next or ad_name)
            and _button(titled[1].text)
            and _last_words(blocks, i)
        ):
            # "**Sprints start Monday.** Sign up … <a>Sprint projects →</a>" after the
            # last talk: a notice with only a button, no story like those above it.
            finish()
            continue
        if titled is not None:
            title, link = titled
            start(title, link, False, oneblock=True)
            if current is not None:
                # A post's paragraph citing its source mid-sentence: weak, as a heading
                # whose link is only inside its prose.
                current["weak"] = cites_in_prose(block, link)
            add(text[text.find(block.bold_lead) + len(block.bold_lead) :].strip(" -–—:|•·"), block)
            continue
        # "- A thread on <a>prompting for tables</a> - worth bookmarking": a list entry
        # with one link is an item even when the link is not its first words; so is a
        # short paragraph with one link of several words after a one-paragraph item.
        sibling = (
            current is not None
            and bool(current.get("oneblock"))
            and not block.level
            and len(text) < 300
        )
        # "## Notes" then short paragraphs, each with one link mid-sentence: one item each.
        # (A paragraph right over a list of linked entries, or ending in a colon right over
        # a list, introduces the list instead.)
        takes = (
            after_heading
            and linked  # both count from this block, which takes if it has a content link
            and (link_takes(blocks, i) >= 2 or news_takes(blocks, i) >= 2)
            and not list_intro(blocks, i)
        )
        # … and the run goes on, paragraph by paragraph, under that heading.
        takes = takes or (
            linked
            and current is not None
            and bool(current.get("take") or current.get("oneblock"))
            and is_news_take(block)
        )
        quip = (
            lone_quip(blocks, i)
            if after_heading and linked and not takes and current is None
            else None
        )
        if quip is not None:
            # "## And finally…" over "You have 100ms to cancel, <a>or else</a>… 🏎": the
            # section's one quip, titled by its sentence (or its link of several words).
            start(quip[0], quip[1], False, oneblock=True)
            if quip[0] == quip[1].text:
                add(strip_decoration(text), block)
            continue
        listed = is_listed(block)
        single = content_links(block) if (listed or sibling or takes) and not headed else []
        if single and not listed and not takes and word_count(single[0].text) < 3:
            single = []
        if 1 < len(single) <= 3 and (
            (takes and not listed and is_news_take(block))
            or (listed and is_news_take(block, listed=True))
        ):
            # "Tigase published <a>BeagleIM 5.1</a> and <a>SiskinIM 7.1</a>": one item,
            # titled by the first link, the others its secondary links.
            start(single[0].text, single[0], False, oneblock=True)
            if current is not None:
                current["take"] = True
            item_links.extend((squash(lk.text), lk.href) for lk in single[1:])
            add(strip_decoration(text), block)
            continue
        pitch = button_entry(block, single[0]) if listed and len(single) == 1 else None
        if pitch is not None:
            # "1. With Acme, your team plans sprints in minutes. <a>Try for free</a>": a
            # listed pitch whose only link is its closing button, titled by its sentence.
            start(pitch[0], single[0], False, oneblock=True)
            add(pitch[1], block)
            continue
        if len(single) == 1 and len(single[0].text) >= 8 and not is_cta(single[0].text):
            start(single[0].text, single[0], False, oneblock=True)
            if takes and current is not None:
                current["take"] = True
            add(strip_decoration(text), block)
            continue
        if (
            headed
            and block.bold
            and not block.level
            and len(text.split()) <= 4
            and text.endswith(":")
        ):
            blurb.append(text)  # "**The details:**" introducing the story's bullet list
            continue
        # Whether the block reads as a heading, asked once for the rules below (nothing
        # between them changes the block).
        looks_heading = is_heading(block)
        if looks_heading and len(text) <= 20 and _POSTSCRIPT.match(text):
            # "PS" / "P.P.S." / "Nachtrag" alone over the letter's afterthought: no section,
            # and the item before (its sign-off) is over.
            finish()
            section, section_sponsored, section_level = None, False, 0
            continue
        if headed and not block.level and looks_heading and i < _until(current):
            blurb.append(text)  # "**Why this matters - scale:**" before the story's own link
            continue
        if (
            not block.links
            and len(text) < 60
            and _SPONSOR_HEADING.match(strip_decoration(text))
            and not looks_heading
        ):
            finish()
            sponsor_next = True  # "A message from Northwind" in small print over the ad
            continue
        if (
            current is not None
            and looks_heading
            and (_explainer_question(blocks, i) or _rubric_question(blocks, i))
        ):
            continue  # "**Why should I care?**" inside the story it explains: no section
        if looks_heading and _card_meta_label(blocks, i, block, current, blurb):
            add(text, block)  # "🏢 EvoMap" between a paper's authors and its summary
            continue
        if (
            current is not None
            and current.get("archived")
            and looks_heading
            and _subhead(blocks, i, int(str(current.get("hlevel", 0))))
        ):
            # "## Title" / "Archive: <a>…</a>" / "### Jane Doe announced" / prose: the
            # story's own subheads (a mailing-list weekly's posts), no stories of their own
            # (a deeper heading over a "Link: <a>…</a>" line of its own is one).
            blurb.append(text)
            continue
        by = (
            byline_heading(blocks, i)
            if current is not None and current.get("headed") and current.get("at") == i - 1
            else None
        )
        if by is not None and current is not None:
            current["meta"] = ((by,), None)  # "#### Par Lena Ortiz" under the story's heading
            continue
        partial = partly_linked_heading(block) if linked and not (backlist or polling) else None
        if partial is not None:
            # "### Acme's “<a>Relay Kit</a>”: a new take on sync": a story titled by the
            # whole heading, its link the part linked.
            start(squash(strip_decoration(text)), partial, False, headed=True)
            if current is not None:
                current["until"], current["hlevel"] = i, block.level
            continue
        if looks_heading:
            heading = squash(strip_decoration(text))
            if not block.level and _date_badge(blocks, i):
                # "DEC" over "3" in a calendar leaf beside an event's title: the event's
                # date, no section (the title's own meta line says it in words).
                skip_next = i + 1
                continue
            leaf, dated = _event_date(blocks, i) if not block.level else (0, "")
            if leaf:
                # "THU 11 DEC", "03.12.2025", "13" / "DIC · SÁB" in a cell beside an event's
                # title link: the event's date, which opens its blurb, no section.
                finish()
                kicker = dated
                skip_next = i + 1 if leaf == 2 else skip_next
                continue
            if current is not None and current.get("headed") and not blurb and story_date(block):
                continue  # "## Title" over "**March 2024**": the story's date, no heading
            if not block.links and dated_byline(heading):
                # "#### By Ana Ruiz • 03.14.25" atop the issue: its writer, no section
                finish()
                section, section_sponsored, section_level = None, False, 0
                continue
            said = quote_box(blocks, i)
            if said is not None:
                # "# “Nobody reads the manual.”" over "—Ana Ruiz tells <a>The Ledger</a>": a
                # quotation box, no story (its source is the attribution's link).
                finish()
                skip_next = said
                continue
            if not block.level and _figure_row(blocks, i):
                # "**Gold** | $4,021/oz | +0.35%": a data table's name cell (a markets
                # table under its heading), no section; the table ends the heading's.
                finish()
                section, section_sponsored, section_level = None, False, 0
                continue
            if media_promo(blocks, i, heading):
                finish()  # "🎧 LISTEN" over the pitch of the newsletter's own show
                continue
            found = (
                None
                # "#Classifieds": a hashtag names a section, whatever its prose links.
                if (heading.casefold() in skip and not _subject_lead(blocks, i, block, subject))
                or _HASHTAG_HEADING.match(heading)
                else heading_item_link(
                    blocks, i + 1, heading, worded=furniture if FAST_ROUTE else None
                )
            )
            # The post's subtitle, then a welcome linking a word inline ("… <a>here</a>").
            subtitle = (
                found is not None
                and not out.items
                and is_subtitle(blocks, i, block, skip)
                and not own_line(blocks, i + 1, found)
            )
            link = None if subtitle else found
            if link is not None:
                if block.level and block.level == section_level:
                    # A story heading of the section heading's own level ends the section
                    # (levels alone say little: small h3 labels over big h2 stories).
                    section, section_sponsored, section_level = None, False, 0
                ad = _SPONSOR_HEADING.match(heading)
                tag = _HEADING_TAG.match(heading) if heading[:1] in "[【(（" else None
                if tag is not None and _tag_sponsors(tag.group(1)):
                    # "## [广告] 云端开发环境三个月免费", "【PR】…": the tag marks the ad.
                    start(heading[tag.end() :], link, True, headed=True)
                else:
                    title = _ad_title(heading, link) if ad else heading
                    if not ad and _featured(blocks, i, link, ranks):
                        # "## Crate of the Week" / "This week's crate is <a>kanata</a>, a …":
                        # a section of the issue's rank presenting one pick, titled by its name.
                        section, section_sponsored, section_level = heading, False, block.level
                        title = squash(link.text)
                    # Under a top banner, its card ("… presented by Tallyrun" / "## Ship
                    # audit logs …" / "Tallyrun is an event log API …") is the sponsor's.
                    # Only the heading's own link counts: not a link in the prose under it.
                    sponsored = bool(ad) or (
                        link in block.links and banners.card(banner_before, link, blocks, i)
                    )
                    start(title, link, sponsored, headed=True)
                if badge_before and current is not None:
                    current["kicker"] = badge_before  # "CRITICAL 9.8" opens the blurb
                if current is not None:
                    # A long story's subheads, up to the block holding its link, are its own.
                    current["until"] = next(
                        (
                            j
                            for j in range(i + 1, min(i + 50, len(blocks)))
                            if link in blocks[j].links
                        ),
                        -1,
                    )
                    # "CFP" in a row's last cell ends the row like a talk's button.
                    current["button"] = is_cta(link.text) or row_button(blocks, i + 1) is link
                    current["weak"] = is_inline_link(blocks, i + 1, link)
                    if current["weak"]:
                        current["prose"] = prose_under(blocks, i + 1)
                    current["card"] = card_link(blocks, i + 1) is link
                    current["led"] = led_prose(blocks, i + 1)
                    current["address"] = address_under(blocks, i + 1, link)
                    # Its link is the closing "More - <a>Source</a>" line: what comes before
                    # it, bold leads included, is the story's.
                    current["closed"] = closing_source(blocks, i + 1) is link
                    # "Archive: <a>…</a>" right under the heading: deeper headings after
                    # it are the story's subheads.
                    if i + 1 < len(blocks):
                        current["archived"] = labelled_link(blocks[i + 1]) is link
                        current["hlevel"] = block.level
                continue
            if (
                current is not None
                and not block.level
                and heading[-1:] in ":："
                and heading.lower().startswith(_RELATED_LABELS)
            ):
                # "**More on this:**" under the lead story, over its related headlines:
                # stories of the lead's own section, the label heads none.
                finish()
                continue
            finish()
            polling = _POLL.match(heading) is not None or _rating_scale(blocks, i, heading)
            if (
                (
                    heading.casefold() in skip
                    and (heading.casefold() in whole or not _peer_section(blocks, i, block))
                )
                or (is_dateline(heading) and not _dated_log(blocks, i, block))
                or (not out.items and _dated_masthead(heading))
                or (not out.items and not section and _spelled_out(sender, heading))
                or _CONTENTS.match(heading)
            ):
                section, section_sponsored, section_level = None, False, 0
                continue
            if not out.items and is_subtitle(blocks, i, block, skip):
                continue  # the post's subtitle under its headline: no section either
            if block.level == 1 and not out.items and _dek_follows(blocks, i + 1):
                # The issue's headline over its dek or greeting ("Humanoids on the factory
                # floor" / "Plus: a $300M round"): not the section of the stories below.
                section, section_sponsored, section_level = None, False, 0
                continue
            if not block.level and _note_box(blocks, i):
                continue  # "**Editor's Note**" over its note, then a story's "# Heading"
            if _SPONSOR_HEADING.match(heading) and not SPONSOR_SECTION.match(heading):
                sponsor_next = True  # "A MESSAGE FROM ACME" over the ad's own headline
                continue
            if not block.level and _STATUS_PILL.match(heading) and _heading_next(blocks, i):
                continue  # a changelog's "NEW" / "IMPROVED" pill over a feature's heading
            if not block.level and SEVERITY_PILL.match(heading) and _heading_next(blocks, i):
                # "CRITICAL 9.8 KEV" over an advisory's heading: a tag opening its blurb.
                badge = kicker = heading
                continue
            if is_sponsor_heading(heading):
                # A real heading ("## Sponsored", "Our partners") heads a sponsored section;
                # a bold one-word label ("Sponsor") only marks the next item.
                if (
                    not (block.level or heading.endswith("s") or " " in heading)
                    and not sponsor_label_in_run(blocks, i, section)
                ) or (
                    not (block.level or block.bold or heading[-1:] in "sS")
                    and i + 1 < len(blocks)
                    and is_title_block(blocks[i + 1]) is not None
                ):
                    # … and so does a small-print label ("SPONSORED CONTENT") in a card,
                    # right over its title link.
                    sponsor_next = True
                    continue
                ahead = next_content(blocks, i + 1)
                if not block.level and ahead is not None and ahead.level > 0:
                    # "**FROM OUR PARTNERS**" in bold over the ad's own "# Headline": the
                    # label marks that ad, not the stories whose headings follow it.
                    sponsor_next = True
                    continue
                section_sponsored = True
            else:
                section_sponsored = False
            # "**Tools for GPTs:**" over its entries: the label's colon is no part of its name.
            section = _SECTION_NUMBER.sub("", heading).rstrip(":：").rstrip() or heading
            section_level = block.level
            if block.level and not ad_name:
                # "Advertisement" over an image ad, then "## Culture": the label was the
                # image's; a section heading tag starts on the issue's own stories.
                sponsor_next = False
            if not block.level and not block.bold:
                labels.add(section)
            elif block.level:
                heading_section = section
            elif heading_section is None:
                labels.add(section)  # "**CULTURE**" over one card, three cards in a row
            elif section != heading_section:
                labels.add(section)  # "**AI**" over one story, under "## This week"
                outer[section] = heading_section
            opened = True
            if section not in out.sections:
                out.sections.append(section)
            continue
        if _card_label(blocks, i, current):
            # "Northwind Science" over the next card's title: that card's publisher, which
            # opens its blurb, not the end of the card before.
            kicker, label_next = text, True
            continue
        if _row_kicker(blocks, i, runs):
            # "Tue 29 Jul, 19:00 | <a>Rust Bristol: embedded night</a> | Runway East": the
            # cell before a row's title link opens that item, not the previous one's blurb.
            finish()
            kicker = text
            continue
        if current is not None and current.get("oneblock") and _PULL_QUOTE.match(text):
            # "“Software is slow because we let it be.” — overheard": a pull quote after a
            # one-paragraph item stands on its own; it is not that item's blurb.
            finish()
            continue
        if not block.links and not block.level and len(text) >= 80 and not headed:
            nxt = next(
                (j for j in range(i + 1, min(i + 4, len(blocks))) if has_words(blocks[j].text)), -1
            )
            src = source_line(blocks[nxt]) if nxt > 0 else None
            if src is not None and current is not None and src.href == current["url"]:
                src = None  # the card's own site line under its summary (below)
            told = lead_sentence(text) if src is not None else None
            if src is not None and told is not None:
                # A story in one paragraph, its site's link alone on the line under it
                # ("→ reuters.com"): titled by its first sentence.
                start(told[0], src, False, oneblock=True)
                add(told[1], block)
                sourced = nxt
                continue
        if current is None and held is not None and not block.links:
            held.append(text)
            continue
        if current is not None and not blurb and _sign_off(blocks, i, int(str(current["at"]))):
            continue  # "- <a>Last post of the list</a>" / "See you next week." / footer
        if current is not None and sum(len(b) for b in blurb) < MAX_BLURB:
            tag = _SPONSOR_LINE.search(text) if len(text) < 60 else None
            if tag:
                # A byline ending in a tag ("TaskLens  SPONSOR") under the item's blurb.
                current["sponsor"] = True
                text = text[: tag.start()].strip()
            add(text, block)
    finish()
    _drop_tag_tails(out, tails)
    _kickers(out, labels, outer)
    _title_section(out, blocks)
    _between_sections(out, flagged)
    _drop_editorials(out, heads)
    return out


class _ItemShape(NamedTuple):
    headed: bool
    """Titled by a heading."""
    prose: tuple[int, int] | None
    """Weak heading items: (paragraphs, width) of the prose under the heading."""


# The editor's essay in a digest: paragraphs and width (a CJK character counts two) of
# the prose under its heading, and how many items titled by their own links it needs
# around it (per editorial one).
_EDITORIAL_PARAS = 6
_EDITORIAL_WIDTH = 1000
_EDITORIAL_PEERS = 5


def _drop_editorials(out: Extracted, shapes: list[_ItemShape]) -> None:
    """In a digest of items titled by their own links (no other item titled by a
    heading), a heading over a long run of the editor's prose that only cites links
    inline ("Comment", an essay opening the issue) is no item: its links are citations.
    A heading over a paragraph or two with a link (a news brief) stays one."""
    if len(shapes) != len(out.items):
        return  # items were added or dropped after they were finished: shapes unknown
    weak = sum(1 for s in shapes if s.prose is not None)
    peers = sum(1 for s in shapes if s.prose is None and not s.headed)
    if not weak or any(s.headed and s.prose is None for s in shapes):
        return
    if peers < _EDITORIAL_PEERS * weak:
        return
    keep = [
        s.prose is None or s.prose[0] < _EDITORIAL_PARAS or s.prose[1] < _EDITORIAL_WIDTH
        for s in shapes
    ]
    if all(keep):
        return
    out.items = [
        replace(it, position=n)
        for n, it in enumerate(it for it, k in zip(out.items, keep, strict=True) if k)
    ]
    out.weak = [w for w, k in zip(out.weak, keep, strict=True) if k]


_KICKER_RUN = 3
# A postscript's label on a line of its own, in several languages: "PS", "P.S.:", "PPS",
# "P.P.S.", "Post-scriptum", "Nachtrag".
_POSTSCRIPT = re.compile(r"^(?:(?:p\.? ?){1,3}s\.?|post-? ?scriptum|nachtrag)\W*$", re.I)
# A label over headlines related to the story above ("More on this:", "Related coverage:").
_RELATED_LABELS = (
    "more on ",
    "more about ",
    "related",
    "see also",
    "also on this",
    "more coverage",
)
# "tl;dr:", "TL;DR —" opening a blurb: the summary's label.
_TLDR = re.compile(r"^tl;?\s?dr\b\s*[:—–-]?\s*", re.I)


def _title_section(out: Extracted, blocks: list[Block]) -> None:
    """One section over every item, its heading a bold line (no heading tag) that is the
    email's first words, a dek under it ("Top posts from your communities" / "Catch up on
    what you missed this week" atop Reddit's digest): the issue's own title, not a
    section. Only furniture links ("View in browser") may come before it."""
    if len(out.sections) != 1 or len(out.items) < 2:
        return
    name = out.sections[0]
    if any(item.section != name for item in out.items):
        return
    for i, block in enumerate(blocks):
        if not has_words(block.text):
            continue
        if _SECTION_NUMBER.sub("", squash(strip_decoration(block.text))) == name:
            if block.level or not _dek_follows(blocks, i + 1):
                return  # a heading tag over the items names their section, dek or not
            break
        if not block.links or not all(is_boilerplate_link(lk.text, lk.href) for lk in block.links):
            return
    else:
        return
    out.sections.clear()
    out.items[:] = [replace(item, section=None) for item in out.items]


def _card_meta_label(
    blocks: list[Block], i: int, block: Block, current: object, blurb: list[str]
) -> bool:
    """A plain label ("🏢 EvoMap", an affiliation under a paper's authors) inside an item
    whose blurb has no prose yet, right over a paragraph of prose without links: a line of
    the card, not a section (a section's label stands over the next title)."""
    if current is None or block.level or block.bold or block.links:
        return False
    if any(len(line) >= 100 for line in blurb):
        return False  # the item has its summary: a label now starts something else
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        nxt is not None
        and not nxt.links
        and not nxt.level
        and not nxt.bold
        and len(nxt.text) >= 80
        and not is_heading(nxt)
    )


def _tag_tail(blurb: list[str]) -> str:
    """The blurb's last line when it is a tag or a few ("Leadership", "Engineering ·
    Productivity": one or two capitalised words each) after a closing sentence, or a
    source line naming people or a company ("Paul Dix (InfluxData)", "Sam Saffron et
    al."), else ""."""
    if (
        blurb
        and _SOURCE_LINE.fullmatch(blurb[-1].strip())
        and (len(blurb) == 1 or blurb[-2].rstrip().endswith(_CLOSERS))
    ):
        return blurb[-1].strip()
    if len(blurb) < 2 or len(blurb[-1]) > 40 or not blurb[-2].rstrip().endswith(_CLOSERS):
        return ""
    tags = [t.split() for t in _TAG_SPLIT.split(blurb[-1].strip())]
    ok = len(tags) <= 3 and all(
        0 < len(t) <= 2 and all(w[:1].isupper() and w.isalpha() for w in t) for t in tags
    )
    return blurb[-1].strip() if ok else ""


_TAG_SPLIT = re.compile(r"\s*[·|,•]\s*")
# Cooperpress's line under each item: "Liran Tal (Snyk)", "Sam Saffron et al.", "Chopin,
# Chopin, et al.": capitalised names, then a company in parentheses or "et al.".
_SOURCE_LINE = re.compile(
    r"[A-Z][\w.'’-]*(?:,? [A-Z][\w.'’-]*){0,3}(?: \([A-Z][^()]{0,30}\)|,? et al\.)"
)


_CLOSERS = (".", "!", "?", "”", '"', "…", "»")


def _between_sections(out: Extracted, flagged: list[int]) -> None:
    """A sponsor's box ("SPONSORED" / "A message from X" over its card) after a section's
    items and right before the next section's heading stands between the sections: it
    belongs to neither. One with more of the section's items after it stays in it."""
    items = out.items
    for k in flagged:
        item = items[k]
        if (
            0 < k < len(items) - 1
            and item.section is not None
            and items[k - 1].section == item.section
            and not items[k - 1].sponsor
            and items[k + 1].section != item.section
        ):
            items[k] = replace(item, section=None)


def _drop_tag_tails(out: Extracted, tails: list[str]) -> None:
    """Three items or more in a row whose blurbs each end in a tag word after their
    summary ("… three real examples.” Leadership"): the digest tags every link, and the
    tag is no part of the summary."""
    run: list[int] = []
    for i in range(len(out.items) + 1):
        if i < len(out.items) and tails[i]:
            run.append(i)
            continue
        if len(run) >= _KICKER_RUN:
            for j in run:
                item = out.items[j]
                blurb = item.blurb.removesuffix(tails[j]).rstrip()
                if _SOURCE_LINE.fullmatch(tails[j]) and not item.authors:
                    # "Paul Dix (InfluxData)" under the summary: who wrote it.
                    out.items[j] = replace(item, blurb=blurb, authors=(tails[j],))
                else:
                    out.items[j] = replace(item, blurb=blurb)
        run = []


# "More:", "Related coverage:" before a row of outlets' links under a story.
_MORE = re.compile(
    r"^\W{0,3}(?:more|more coverage|related|related coverage|see also|also covered by|coverage"
    r"|elsewhere|other takes)\s?[:：]\s*",
    re.I,
)
# "Mara Lindgren / ": the author before the outlet in a cite line.
_CITE_AUTHOR = re.compile(r"^(\w[\w.'’ -]{1,40}?)\s+/\s+\S")


def _more_links(block: Block) -> list[Link]:
    """ "More: <a>Circuit Weekly</a>, <a>Wirebeat</a>": a label, then only short links
    (outlets' names) between commas; [] for anything else."""
    # Every _MORE label ends in ":" or "：": a text without either cannot match.
    if block.level or not (":" in block.text or "：" in block.text):
        return []
    found = _MORE.match(block.text)
    if found is None:
        return []
    links = content_links(block)
    if not links:
        return []
    rest = block.text[found.end() :]
    for lk in links:
        if word_count(lk.text) > 4:
            return []
        rest = rest.replace(lk.text, "", 1)
    return links if not rest.replace(" and ", " ").strip(" ,;·|&") else []


_TRAILING_READ = re.compile(r"\s*\((\d{1,3}) ?-?min(?:ute)?s? read\)$", re.I)


def _banner(text: str, low: str | None = None) -> re.Match[str] | None:
    """``BANNER.match(text) or SUPPORT_THANKS.match(text)``; SUPPORT_THANKS is asked only of
    a text holding " for " (or a character ``lower()`` leaves unlike re.I, ``ODD_FOLDS``).
    ``low``: ``text.lower()`` when the caller has it."""
    if low is None:
        low = text.lower()
    banner = banner_match(text, low)
    if banner is not None:
        return banner
    if "for" in low or (not text.isascii() and any(c in text for c in ODD_FOLDS)):
        return SUPPORT_THANKS.match(text)
    return None


def _footnote_mark(blocks: Sequence[Block], i: int) -> bool:
    """A footnote's number alone in its block, linking back into the page ("#…", or a
    tracker hiding where), over its note in prose (not a numbered row's title link)."""
    block = blocks[i]
    if len(block.links) != 1:
        return False
    text = block.text.strip("[]() ")
    if not (len(text) <= 3 and text.isdigit()):
        return False
    if "#" in block.links[0].href:
        return True
    note = blocks[i + 1] if i + 1 < len(blocks) else None
    return note is not None and note.lead is None and not note.level and len(note.text) >= 40


def _dated_masthead(heading: str) -> bool:
    """The edition's line under the masthead: "BEST OF THE WEEK · NOVEMBER 22, 2025"."""
    return " · " in heading and any(is_dateline(part) for part in heading.split(" · "))


def _date_badge(blocks: Sequence[Block], i: int) -> bool:
    """A month's name ("DEC", "Jan") in a cell right over the day's number ("3")."""
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    day = nxt.text.strip() if nxt is not None else ""
    return (
        nxt is not None
        and not nxt.links
        and len(day) <= 2
        and day.isdigit()
        and 1 <= int(day) <= 31
        and blocks[i].text.strip(" .").casefold() in MONTH_NUMBERS
    )


def _event_date(blocks: Sequence[Block], i: int) -> tuple[int, str]:
    """A calendar leaf at ``i``: how many blocks it spans from there (one or two; 0 for
    none) and its words. A date set alone ("THU 11 DEC", "Mar. 9 déc.", "03.12.2025"; the
    day's number in a line of its own over "DIC · SÁB", or under it) right over a line
    opening with its event's title link."""
    first = _leaf(blocks, i)
    if first is None:
        return 0, ""
    words, span, text = first, 1, squash(blocks[i].text)
    if not _dated(text, words):
        day = _leaf(blocks, i - 1) if i > 0 else None
        more = _leaf(blocks, i + 1) if i + 1 < len(blocks) else None
        if day is not None and _dated("", day + words):
            text = f"{squash(blocks[i - 1].text)} {text}"  # "13" over "DIC · SÁB"
        elif more is not None and _dated("", words + more):
            span, text = 2, f"{text} {squash(blocks[i + 1].text)}"
        else:
            return 0, ""
    elif i + 1 < len(blocks) and blocks[i + 1].lead is None:
        # "4 Aralık" over "Perşembe" (a <br> in the cell): the weekday under its date.
        more = _leaf(blocks, i + 1)
        if more and all(w in _WEEKDAYS for w in more):
            span, text = 2, f"{text} {squash(blocks[i + 1].text)}"
    title = blocks[i + span] if i + span < len(blocks) else None
    return (span, text) if title is not None and title.lead is not None else (0, "")


def _label_over_title(blocks: Sequence[Block], i: int, link: Link) -> bool:
    """A line of a few words that is all one link, right over a line opening with another
    link, of more words, to the same page (a card's label linked like its title)."""
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is None or nxt.lead is None or nxt.lead.image_only or nxt.lead.text == link.text:
        return False
    words = word_count(link.text)
    if words > 4 or squash(blocks[i].text) != squash(link.text):
        return False
    title = nxt.lead.text
    return (
        word_count(title) > words
        and not is_cta(title)
        and not is_action(title)
        and link_target(nxt.lead.href) == link_target(link.href)
    )


def _leaf(blocks: Sequence[Block], i: int) -> list[str] | None:
    block = blocks[i]
    if block.links or block.level or len(block.text) > _LEAF_CHARS:
        return None
    return _leaf_words(block.text)


def _leaf_words(text: str) -> list[str] | None:
    """The words of a date leaf (days, years, weekday and month names), None when it holds
    any other word."""
    words = _LEAF_WORD.findall(text.casefold())
    for word in words:
        if word.isdecimal():  # figures ``int`` reads ("²" is a digit, no number)
            if not (len(word) <= 2 or (len(word) == 4 and word[:2] in ("19", "20"))):
                return None
        elif word not in _WEEKDAYS and word not in _MONTH_WORDS:
            return None
    return words


def _dated(text: str, words: list[str]) -> bool:
    """A day of the month and its month, by name or in figures ("03.12.2025")."""
    day = any(w.isdecimal() and len(w) <= 2 and 1 <= int(w) <= 31 for w in words)
    return day and (any(w in _MONTH_WORDS for w in words) or _NUMERIC_LEAF.match(text) is not None)


# A date leaf's month: English names (``MONTH_NUMBERS``) and French ones ("06 MAI").
_LEAF_MONTHS = frozenset(MONTH_NUMBERS) | frozenset(
    ["janv", "janvier", "févr", "février", "mars", "avr", "avril", "mai", "juin", "juil",
     "juillet", "août", "sept", "septembre", "oct", "octobre", "nov", "novembre", "déc",
     "décembre"]
)  # fmt: skip


_LEAF_CHARS = 30
_LEAF_WORD = re.compile(r"[^\W_]+")
_NUMERIC_LEAF = re.compile(r"^\s*\d{1,2}[./]\d{1,2}[./](?:\d\d){1,2}\s*$")
# Weekday names and short forms as date leaves print them (English, French, Spanish,
# Portuguese, Italian, German), and the month names of those languages beside
# ``_LEAF_MONTHS``.
_WEEKDAYS = frozenset(
    ["mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday",
     "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lun", "mar", "mer",
     "jeu", "ven", "sam", "dim", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
     "dimanche", "mié", "mie", "jue", "vie", "sáb", "sab", "dom", "lunes", "martes",
     "miércoles", "jueves", "viernes", "sábado", "domingo", "seg", "ter", "qua", "qui", "sex",
     "segunda", "terça", "quarta", "quinta", "sexta", "gio", "mo", "di", "mi", "do", "fr",
     "sa", "so", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
     "sonntag",
     # Turkish, Swedish, Dutch, Polish.
     "pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar", "pzt", "çar",
     "per", "cmt", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
     "mån", "tis", "ons", "tors", "fre", "lör", "sön", "maandag", "dinsdag", "woensdag",
     "donderdag", "vrijdag", "zaterdag", "zondag", "ma", "wo", "vr", "za", "zo",
     "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela", "pon",
     "wt", "śr", "czw", "pt", "sob", "niedz"]
)  # fmt: skip
_MONTH_WORDS = _LEAF_MONTHS | frozenset(
    ["ene", "enero", "febrero", "marzo", "abr", "abril", "mayo", "junio", "julio", "ago",
     "agosto", "septiembre", "octubre", "noviembre", "dic", "diciembre", "fev", "fevereiro",
     "março", "maio", "junho", "julho", "set", "setembro", "out", "outubro", "novembro", "dez",
     "dezembro", "gen", "gennaio", "febbraio", "aprile", "mag", "maggio", "giu", "giugno",
     "lug", "luglio", "settembre", "ott", "ottobre", "dicembre", "januar", "februar", "mär",
     "märz", "juni", "juli", "okt", "oktober", "dezember",
     # Turkish, Swedish, Dutch, Polish (a day's month in the genitive: "4 grudnia").
     "ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül",
     "ekim", "kasım", "aralık", "oca", "şub", "nis", "haz", "tem", "ağu", "eyl", "eki", "kas",
     "ara", "januari", "februari", "maj", "augusti", "maart", "mei", "augustus", "stycznia",
     "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
     "października", "listopada", "grudnia", "sty", "lut", "kwi", "cze", "lip", "sie", "wrz",
     "paź", "lis", "gru"]
)  # fmt: skip


def _date_link(blocks: Sequence[Block], i: int, link: Link) -> bool:
    """A day and a month's name as a link ("06 MAI", "Dec 3") in an event card's date leaf,
    its title linking the same page just after: the event's date, not its title."""
    text = link.text
    if text.isascii() and "&" not in text:
        # ``squash`` only respaces such a text and casefold only lowers it: its words are
        # the text's own, read without squashing it (most date leaves, most leads).
        words = text.lower().replace(".", " ").split()
    else:
        words = squash(text).casefold().replace(".", " ").split()
    if (
        len(words) != 2
        or not any(w.isdecimal() and 1 <= int(w) <= 31 for w in words)  # "²" is no day
        or not any(w in _LEAF_MONTHS for w in words)
    ):
        return False
    # Each anchor may have its own click tracker around the same page ("/lnk/…/64/…").
    target = link_target(link.href)
    return any(
        lk.text != link.text and not lk.image_only and link_target(lk.href) == target
        for block in blocks[i + 1 : i + 4]
        for lk in block.links
    )


def _figure(text: str) -> bool:
    """A table cell of one figure: "6,712.48", "+0.82%", "-3 bps", "$4,021/oz"."""
    return (
        len(text) <= 16
        and text[:1] in "+-−–$€£¥0123456789"
        and any(ch.isdigit() for ch in text)
        and sum(ch.isalpha() for ch in text) <= 3
    )


def _figure_row(blocks: Sequence[Block], i: int) -> bool:
    """A short name cell right before a cell of one figure (a markets table's row)."""
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        nxt is not None
        and len(blocks[i].text) <= 30
        and not nxt.links
        and not nxt.level
        and _figure(nxt.text)
        and not _event_date(blocks, i + 1)[0]  # "Termine" over "03.12.2025" / <a>Webinar: …</a>
    )


def _nav_cell(block: Block) -> bool:
    """A block that is one short link and nothing else ("BREW GUIDES")."""
    return (
        not block.level
        and not block.in_list
        and len(block.links) == 1
        and len(block.text) <= 25
        and squash(block.text) == squash(block.links[0].text)
        and word_count(block.text) <= 3
    )


def _nav_cells(blocks: Sequence[Block], i: int) -> bool:
    """One of three or more short links in blocks of their own in a row, a header's
    navigation laid out a cell per link (the block walk gives each cell its own block)."""
    if not _nav_cell(blocks[i]):
        return False
    run = 1
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(blocks) and run < 3 and _nav_cell(blocks[j]):
            run += 1
            j += step
    return run >= 3


def _footer_nav(blocks: Sequence[Block], i: int) -> bool:
    """One of three or more short links in blocks of their own in a row (``_nav_cells``)
    with nothing after them but lines without links ("Acme Weekly | 12 Main St") up to
    the footer or the end: the footer's navigation laid out a cell per link."""
    if not _nav_cells(blocks, i):
        return False
    j = i + 1
    while j < len(blocks) and _nav_cell(blocks[j]):
        j += 1
    for block in blocks[j : j + 3]:
        if is_footer(block.text):
            return True
        if block.links:
            return False
    return j + 3 >= len(blocks)


def _cite_line(blocks: list[Block], i: int) -> str | None:
    """ "Mara Lindgren / <a>The Ledger</a>:" right over a title link (Techmeme's cite
    line): the author's name (or "" when the line names only the outlet); None when the
    block is no such line."""
    block = blocks[i]
    if block.level or len(block.links) != 1:
        return None
    text = block.text.rstrip()
    if (
        len(text) > 80
        or not text.endswith((":", "："))
        or not text[:-1].rstrip().endswith(block.links[0].text.strip())
        or word_count(block.links[0].text) > 5
    ):
        return None
    nxt = next_content(blocks, i + 1)
    if nxt is None or (lead_link(nxt) is None and is_title_block(nxt) is None):
        return None
    author = _CITE_AUTHOR.match(text)
    return squash(author.group(1)) if author else ""


# "Source: <a>…</a>", "Image credit: <a>…</a>": a line crediting a figure or a quote.
_CREDIT = re.compile(
    r"^(?:image |photo |chart )?(?:source|sources|credit|credits)\s?[:：]\s*", re.I
)


def _subhead(blocks: list[Block], i: int, story_level: int) -> bool:
    """A heading inside a story headed over its "Archive: <a>…</a>" line: deeper than the
    story's heading (when both levels are known), over prose or another heading, and with
    no "Link: <a>…</a>" line of its own (that would make it a story)."""
    level = blocks[i].level
    if level and story_level and level <= story_level:
        return False
    below: list[Block] = []  # its blocks, up to the next heading after them
    for block in blocks[i + 1 : i + 5]:
        if is_heading(block):
            if below:
                break
            continue  # "### Jane Doe announced" / "#### New version": stacked subheads
        below.append(block)
    return not any(labelled_link(block) is not None for block in below[:3]) and not (
        below and below[0].in_list
    )


def _credit_line(block: Block) -> bool:
    """A line that is only a credit label and one link of several words (a link named by
    its site, "Source: arxiv.org", stays the story's source line, ``sourceline``)."""
    if len(block.links) != 1 or block.level or len(block.text) > 120:
        return False
    # Every credit label ends in ":" or "：".
    m = _CREDIT.match(block.text) if ":" in block.text or "：" in block.text else None
    if m is None:
        return False
    words = block.links[0].text
    return squash(block.text[m.end() :]) == squash(words) and len(words.split()) >= 2


# A site's name as a link's words ("nodebb.org", "github.io").
_SITE_NAME = re.compile(r"(?:www\.)?[\w-]{1,63}(?:\.[\w-]{1,63}){0,3}\.[a-z]{2,12}", re.I)
# "→ via <a>Source</a>", "(h/t <a>Ana</a>)": the editor's attribution line.
_VIA = re.compile(r"^[^\w(]{0,3}\(?(via|h/t|hat tip:?)\s+(?=\S)", re.I)
# "<a>Title</a> (example.com)": the link's site, shown beside it, is no summary.
_SOURCE_DOMAIN = re.compile(r"^\((?:[\w-]+\.)+[a-z]{2,}\)\s*", re.I)
# Hacker Newsletter's site tag, first or last in the line under a title: "//github".
_SITE_TAG = re.compile(r"^//[\w.-]+\s*|\s*//[\w.-]+$")


def _kickers(out: Extracted, labels: set[str], outer: dict[str, str]) -> None:
    """Plain labels that each head one item, three or more in a row ("THE VERGE" over one
    story, "WIRED" over the next): a source or tag line over each title, not sections.
    The label opens the item's blurb instead. An ad after such an item (its "Anzeige"
    label does not end the section) is under no label: it neither counts nor breaks the run."""
    count: dict[str | None, int] = {}
    for item in out.items:
        if not item.sponsor:
            count[item.section] = count.get(item.section, 0) + 1

    def kicker(item: Item) -> bool:
        return item.section in labels and count.get(item.section) == 1

    kicked: set[str] = set()

    run: list[int] = []
    for i in range(len(out.items) + 1):
        if i < len(out.items) and out.items[i].sponsor and out.items[i].section in labels:
            continue
        if i < len(out.items) and kicker(out.items[i]):
            run.append(i)
            continue
        if len(run) >= _KICKER_RUN:
            for j in run:
                item = out.items[j]
                label = str(item.section)
                blurb = f"{label} — {item.blurb}" if item.blurb else label
                out.items[j] = replace(item, section=outer.get(label), blurb=blurb)
                kicked.add(label)
                if label in out.sections:
                    out.sections.remove(label)
        run = []
    for i, item in enumerate(out.items):
        if item.sponsor and item.section in kicked:
            out.items[i] = replace(item, section=outer.get(str(item.section)))


_KICKER_CHARS = 40


# A changelog's pill over a feature's heading: a tag, not a section.
_STATUS_PILL = re.compile(
    r"^(?:new|improved|updated?|fixed|beta|alpha|preview|coming soon|early access|experimental"
    r"|deprecated|labs|launched|now available|generally available|ga)\W*$",
    re.I,
)


# A line of counts only: "17 votes", "2k views", "1.4k upvotes · 212 comments".
# A date ("15 July") is no count: it opens a row of an events table.
_COUNTS = re.compile(
    r"(?:\W{0,4}\d+(?:[.,]\d+)*[kKmM]?\+?\s?"
    r"(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\b)[^\W\d_]{2,12}\s*){1,4}",
    re.I,
)


def _counts_above(blocks: list[Block], i: int) -> bool:
    """A short line of counts, then (after more such lines) a title link."""
    for block in itertools.islice(blocks, i, i + 12):
        text = block.text.strip()
        if not has_words(text):
            continue
        if len(text) > 60 or block.links or block.bold or not _COUNTS.fullmatch(text):
            return is_title_block(block) is not None
    return False


# A search result's side link to its file, alone: "[PDF] arxiv.org", "[HTML] acm.org".
_FILE_LINK = re.compile(r"\[(?:pdf|html|doc|docx|ps|epub)\]\s*(?:[\w-]+\.)+[a-z]{2,}$", re.I)


def _title_next(blocks: list[Block], i: int) -> bool:
    """The next block with words is a title link."""
    nxt = next_content(blocks, i + 1)
    return nxt is not None and is_title_block(nxt) is not None


def _button(text: str) -> bool:
    """A button's words: a call to action, or a few words and an arrow ("Sprint projects →")."""
    return is_cta(text) or (text.rstrip().endswith(("→", "»", "›")) and word_count(text) <= 4)


def _sign_off(blocks: list[Block], i: int, at: int) -> bool:
    """A short line of the editor's own after a list of bare links, the last words before
    the footer ("See you next Thursday."): the letter's goodbye, not the last entry's blurb."""
    block, entry = blocks[i], blocks[at]
    return (
        entry.in_list
        and len(entry.links) == 1
        and squash(entry.text) == squash(entry.links[0].text)
        and not block.in_list
        and not block.links
        and not block.level
        and word_count(block.text) <= 8
        and _last_words(blocks, _past_home_links(blocks, i))
    )


def _past_home_links(blocks: list[Block], i: int) -> int:
    """The last of the blocks from ``i`` on that are only a link to a site's home page
    (the letter's own site under its goodbye), or ``i``."""
    while True:
        nxt = next_content(blocks, i + 1)
        if (
            nxt is None
            or len(nxt.links) != 1
            or squash(nxt.text) != squash(nxt.links[0].text)
            or not is_site_root(nxt.links[0].href)
        ):
            return i
        i = blocks.index(nxt, i + 1)


def _last_words(blocks: list[Block], i: int) -> bool:
    """No block with words after this one, or the footer next."""
    nxt = next_content(blocks, i + 1)
    return nxt is None or is_footer(nxt.text)


# An episode's or a video's page ("/episodes/212-…", "youtube.com/watch?v=…",
# "open.spotify.com/episode/…", "podcasts.apple.com/…"), and its title's number ("Ep. 212:",
# "Episode 12", "Folge 48", "Épisode 3", "Episodio 7", "Aflevering 9", "Odcinek 4").
_PLAYED_URL = re.compile(
    r"/(?:episodes?|podcasts?|folgen?|episodios?|épisodes?|videos?|watch)(?:[/?#]|$)"
    r"|//(?:www\.|m\.)?(?:youtube\.com|youtu\.be|vimeo\.com|open\.spotify\.com|podcasts\.apple\.com"
    r"|overcast\.fm|pca\.st|castbox\.fm)/",
    re.I,
)
_EPISODE_TITLE = re.compile(
    r"^(?:ep\.?|episode|épisode|episodio|episódio|folge|aflevering|odcinek|выпуск)\s*#?\d", re.I
)
# A player's button: "▶ Listen", "Play episode", "Watch", "Anhören", "Écouter", "Escuchar",
# "Ouvir", "Ascolta", "Luister", "Posłuchaj", "Слушать".
_PLAY_BUTTON = re.compile(
    r"^(?:"
    + PLAYER_GLYPH
    + r"|listen|play|watch|stream|(?:an)?hören|abspielen|ansehen|écouter|regarder"
    r"|escuchar|ouvir|assistir|ascolta|guarda|luister|bekijk|posłuchaj|obejrzyj|слушать|смотреть)",
    re.I,
)


def _plays(current: dict[str, object], blocks: list[Block], end: int) -> bool:
    """The item is an episode or a video (its page, its title's "Ep. 212", a "▶ Listen"
    button among its lines): a length of minutes under it is how long it plays."""
    if _PLAYED_URL.search(link_target(str(current["url"]))) or _EPISODE_TITLE.match(
        str(current["title"])
    ):
        return True
    at = current.get("at")
    start = at if isinstance(at, int) else end
    for block in blocks[start : end + 1]:
        for lk in block.links:
            words = strip_decoration(lk.text).strip() if len(lk.text) <= 40 else ""
            if (words and _PLAY_BUTTON.match(words)) or lk.text.startswith(("🎧", "▶", "►")):
                return True
    return False


def _carried_title(block: Block, url: str) -> bool:
    """The block holds only the title's link, carried over a line break the link wraps
    ("<a><b>Title</b><br></a><b>6 minutes, by Ana Ruiz</b>"), none of its words."""
    return bool(block.links) and all(
        lk.href == url and squash(lk.text) not in block.text for lk in block.links
    )


def _read_button(block: Block, url: str, issued: date | None) -> int | None:
    """The read time of a card's meta line holding the card's own button ("8 min read
    <a>Read more</a>"): the button repeats the title's link, the rest is a meta line."""
    if len(block.links) != 1 or block.links[0].href != url or not is_cta(block.links[0].text):
        return None
    rest = without_link_text(block.text, block.links[0])
    meta = meta_line(rest, issued) if rest else None
    return None if meta is None or meta.author else meta.read_minutes


def _peer_section(blocks: list[Block], i: int, block: Block) -> bool:
    """A heading repeating the subject ("Top new questions this week: …") that has a
    later heading of its own level without a link over a title link ("Greatest hits from
    previous weeks" over a question): the first of the issue's sections, not its masthead."""
    if block.level < 2:
        return False
    for j in range(i + 1, len(blocks)):
        b = blocks[j]
        if b.level == block.level and not b.links and has_words(b.text):
            # The next heading of its level, only: it heads items when a title link follows.
            for after in blocks[j + 1 : j + 5]:
                if after.level:
                    break
                if is_title_block(after) is not None:
                    return True
            return False
    return False


def _dated_log(blocks: list[Block], i: int, block: Block) -> bool:
    """A dated heading over headings of a lower rank, with more dated headings of its own
    rank ("## October 9, 2025" over "### Forms can branch"): a changelog's entry,
    which names the section of the features under it. One dated heading alone dates the
    issue."""
    if not block.level:
        return False
    below = next((b for b in blocks[i + 1 : i + 6] if b.level), None)
    if below is None or below.level <= block.level:
        return False
    return any(b is not block and b.level == block.level and is_dateline(b.text) for b in blocks)


def button_entry(block: Block, link: Link) -> tuple[str, str] | None:
    """A list entry closing with its only link, a button ("… adaptability. <a>Try for
    free</a>"): (the first sentence before the button, the rest of that text)."""
    if not is_cta(link.text):
        return None
    text = strip_decoration(block.text).rstrip(" .!")
    words = strip_decoration(link.text).rstrip(" .!")
    if not words or not text.endswith(words):
        return None
    return lead_sentence(text[: -len(words)].strip(" *-–—:|"))


def _heading_next(blocks: list[Block], i: int) -> bool:
    """The next block with words is a heading (with or without a link)."""
    nxt = next_content(blocks, i + 1)
    return nxt is not None and (nxt.level > 0 or is_heading(nxt))


# A forge's listing pages: "/issues?q=…", "/pulls", "/labels/final-comment-period",
# "/commits/master", unlike one release, issue or pull request.
_LISTING_PATH = re.compile(r"/(?:issues|pulls|labels/[^/]+|commits/[^/]+)/?$")
_LISTING_PATHS = ("/issues", "/pulls", "/labels/", "/commits/")  # what _LISTING_PATH holds


def _listing_heading(blocks: list[Block], i: int, block: Block, link: Link) -> bool:
    """A heading that is one link to a listing of pull requests or issues, with list
    entries (after at most two paragraphs) under it: a section of those entries, not an
    item whose details they are."""
    if not block.level:
        return False
    href = link.href
    # urlsplit's path and query are the address's own words unless it drops a tab or line
    # break from them, and it raises only on brackets or a host outside ASCII: a plain
    # address without a listing's path or a query is none, found without parsing it.
    plain = href.isascii() and not any(ch in href for ch in "\t\r\n[]")
    if plain and not ("q=" in href or any(path in href for path in _LISTING_PATHS)):
        return False
    if squash(link.text) != squash(strip_decoration(block.text)):
        return False
    try:
        parts = urlsplit(href)
    except ValueError:  # "https://[bad…": no listing
        return False
    if not (_LISTING_PATH.search(parts.path) or "q=" in parts.query):
        return False
    for nxt in blocks[i + 1 : i + 4]:
        if is_listed(nxt):
            return True
        if nxt.level:
            return False
    return False


def _source_label(blocks: list[Block], i: int, block: Block, link: Link) -> bool:
    """ "**<a>LWN.net</a>**" over "<h3><a>The 6.16 merge window</a></h3>": a feed's name,
    a short bold link of its own, right above a heading that is a link: the feed's posts
    follow, so it names their section (Feedly, Inoreader). Over a bold title link instead
    of a heading, the name must be shorter than that title, and text (the post's meta
    line or summary) must follow the title."""
    if block.level or not (block.bold or link.bold) or len(link.text) > 30:
        return False
    nxt = next_content(blocks, i + 1)
    title = None if nxt is None else is_title_block(nxt)
    if nxt is None or title is None:
        return False
    if nxt.level:
        return True
    after = next_content(blocks, blocks.index(nxt, i + 1) + 1)
    return (
        nxt.bold
        and len(title.text.split()) > len(link.text.split()) + 1
        and after is not None
        and not after.links
    )


def _row_sub_title(
    blocks: Sequence[Block], block: Block, current: dict[str, object]
) -> Link | None:
    """The one bold link a sub-entry is, under a list entry that is a row of cells ending
    in the current item's link ("date | place | <a>group</a>"); None otherwise."""
    at = current["at"]
    assert isinstance(at, int)
    row = strip_decoration(blocks[at].text)
    links = content_links(block)
    if (
        len(links) != 1
        or not (links[0].bold or block.bold)
        or squash(links[0].text) != squash(strip_decoration(block.text))
        or row.count(" | ") < 2
        or not row.endswith(str(current["title"]))
    ):
        return None
    return links[0]


_TAIL_CHARS = 160
_TAIL_WORDS = 6


def _headed_title(blocks: list[Block], i: int, after_heading: bool) -> bool:
    """Block ``i``, a link worded like a button ("Discover Dev Tools", "Explore Vite"),
    stands alone right under a section heading and over a paragraph of prose: the
    section's first title, for a button closes an item and never opens a section."""
    if not after_heading or i + 1 >= len(blocks):
        return False
    block, nxt = blocks[i], blocks[i + 1]
    return (
        len(block.links) == 1
        and squash(block.text) == squash(block.links[0].text)
        and not nxt.links
        and not nxt.bold
        and not nxt.level
        and word_count(nxt.text) >= 8
    )


def _link_tail(blocks: Sequence[Block], i: int, current: dict[str, object]) -> bool:
    """A short line with a bold lead of a few words right after the heading story's own
    link, or after another such line."""
    block = blocks[i]
    lead = block.bold_lead.strip()
    if (
        not current.get("headed")
        or not lead
        or word_count(lead) > _TAIL_WORDS
        or len(block.text) >= _TAIL_CHARS
    ):
        return False
    j = i - 1
    while j >= 0 and i - j <= 3 and not has_words(blocks[j].text):
        j -= 1
    tail = current.get("tail")
    return j >= 0 and (j == _until(current) or (isinstance(tail, int) and j == tail))


def _until(current: dict[str, object] | None) -> int:
    """The block holding the current heading story's link (-1: none known)."""
    until = current.get("until") if current is not None else None
    return until if isinstance(until, int) else -1


def _plus_related(block: Block) -> tuple[str, str] | None:
    """ "+ Regulators are watching too. (<a>Reuters</a> $)": a line opening with "+" that
    cites its source in brackets at the end, as (the sentence, its link)."""
    if block.level or not block.links or not is_plus_line(block.text):
        return None
    cited = plus_brief(block)
    return None if cited is None else (cited[0], cited[1].href)


def _sub_entry(blocks: Sequence[Block], i: int, current: dict[str, object]) -> bool:
    """Block ``i`` is a short entry of a list nested in the list entry that opened the
    current item, with only its sub-entries between them."""
    at = current["at"]
    assert isinstance(at, int)
    depth = blocks[at].list_depth
    block = blocks[i]
    if not depth or block.list_depth <= depth or len(block.text) > 160 or i - at > 6:
        return False
    return all(b.list_depth > depth for b in blocks[at + 1 : i])


def _elsewhere(row: list[Link], current: dict[str, object]) -> bool:
    """A row of two short links or more, none to the site of the item above ("Bookshop |
    Amazon" under a book): where else to find that item, not items of their own."""
    return len(row) >= 2 and not any(same_site(lk.href, str(current["url"])) for lk in row)


def _row_kicker(blocks: Sequence[Block], i: int, runs: dict[int, bool]) -> bool:
    """A table row's first cell (a date, a time) before its title link and its last cell (a
    place), in rows of that shape one after another: the first cell opens its own row's
    item. A short line before a title that is not a run of such rows (a story's tag line,
    then the next story's title and byline) stays where it is."""
    if not _short_line(blocks[i]):
        return False
    # The next five blocks with words, read only as far as the answer needs them.
    wordy = (b for b in itertools.islice(blocks, i + 1, i + 16) if has_words(b.text))
    ahead = list(itertools.islice(wordy, 2))
    if not _row_shape([blocks[i], *ahead]):
        return False
    ahead += itertools.islice(wordy, 3)
    start = max(i - 16, 0)
    behind = [b for b in itertools.islice(blocks, start, i) if has_words(b.text)][-3:]
    return (_row_shape(ahead[2:5]) or _row_shape(behind)) and not _cards(blocks, i, runs)


def _cards(blocks: Sequence[Block], i: int, runs: dict[int, bool]) -> bool:
    """Cards of a title and two short lines ("Sep 29, 2025", "214 reactions") read like
    rows of cell, title, cell; but in rows a short line stands before the first title too,
    while the first card's title comes right under a heading or prose. The answer is kept
    per title (``runs``), so each card looks back to the card before it only."""
    before = [j for j in range(max(i - 16, 0), i) if has_words(blocks[j].text)]
    t, first = len(before) - 2, -1
    seen: list[int] = []
    known: bool | None = None
    while t >= 1:
        at = before[t]
        if at in runs:
            known = runs[at]
            break
        if is_title_block(blocks[at]) is None or not _short_line(blocks[before[t + 1]]):
            break
        first = t
        seen.append(at)
        if not _short_line(blocks[before[t - 1]]):
            break
        t -= 3
    if known is None:
        known = first > 0 and not _short_line(blocks[before[first - 1]])
    for at in seen:
        runs[at] = known
    return known


_CARD_LOOK = 8  # blocks with words a card may hold after its title (summary, meta, buttons)


def _card_label(blocks: Sequence[Block], i: int, current: dict[str, object] | None) -> bool:
    """A short line right over a card's title (a title link, then its summary): the card's
    publisher or tag ("Harbor Review" / title / summary / "9 min read"). Only in a run of
    such cards that starts with a label: the first card's label stands under a heading
    (no item open) and the next card has one too; each later one follows a labelled card.
    A short line under a summary in cards without labels above (a source's domain) stays."""
    if not _short_line(blocks[i]) or (current is not None and not current.get("labelled")):
        return False
    end = min(i + 3 * _CARD_LOOK, len(blocks))
    wordy = [j for j in range(i + 1, end) if has_words(blocks[j].text)]
    # The cheap test first: most short lines have no summary two blocks on.
    if len(wordy) < 2 or not _summary(blocks[wordy[1]]):
        return False
    if is_title_block(blocks[wordy[0]]) is None:
        return False
    if current is not None:
        return True
    # The next card: a short line, then a title link, among the blocks after this one's.
    after = wordy[2 : 2 + _CARD_LOOK]
    return any(
        _short_line(blocks[a]) and is_title_block(blocks[b]) is not None
        for a, b in itertools.pairwise(after)
    )


def _summary(block: Block) -> bool:
    """Prose: no links, and a sentence's end or more words than a label."""
    text = block.text.strip()
    return (
        not block.links
        and not block.level
        and (text.endswith((".", "!", "?")) or len(text) > _KICKER_CHARS)
    )


def _short_line(block: Block) -> bool:
    if block.links:
        return False
    text = block.text.strip()
    return (
        len(text) <= _KICKER_CHARS
        and not text.endswith((".", "!", "?", ":", ","))
        and not is_heading(block)
    )


def _row_shape(row: list[Block]) -> bool:
    """A short line, a title link, a short line."""
    return (
        len(row) == 3
        and _short_line(row[0])
        and is_title_block(row[1]) is not None
        and _short_line(row[2])
    )


def _dek_follows(blocks: Sequence[Block], start: int) -> bool:
    """The next block with words is prose without links (a dek, a greeting)."""
    for block in itertools.islice(blocks, start, start + 5):
        if has_words(block.text):
            return not block.level and not block.links and not is_heading(block)
    return False


def _headless_ad(block: Block) -> bool:
    """Prose with a link but no title of its own (no title link, lead link, label, bold lead)."""
    return (
        not block.level
        and len(block.text) >= 60
        and bool(content_links(block))
        and lead_link(block) is None
        and label_link(block) is None
        and bold_lead_item(block) is None
    )


_READ_BUTTON = re.compile(r"(read|watch|view|see|explore|open)\b", re.IGNORECASE)


def _button_caption(blocks: Sequence[Block], i: int, link: Link | None) -> str | None:
    """Block ``i`` is a button alone ("Read case study (8 mins)") right under a short line
    that links nothing and makes no sentence (an image's caption): that line."""
    block = blocks[i]
    if link is None or block.level:
        return None
    words = squash(strip_decoration(link.text))
    if not _READ_BUTTON.match(words) or word_count(words) > 6:
        return None  # most links: asked before the block's words are squashed
    if squash(block.text) != squash(link.text):
        return None
    j = i - 1
    while j >= 0 and not has_words(blocks[j].text):
        j -= 1
    if j < 0:
        return None
    above = blocks[j]
    line = squash(strip_decoration(above.text))
    if above.links or above.level or above.bold or above.in_list or is_heading(above):
        return None
    if not 15 <= len(line) <= 120 or line[-1:] in ".!?,:;…" or word_count(line) < 3:
        return None
    return line


def _point_run(blocks: Sequence[Block], i: int) -> bool:
    """The list entry ``i`` sits in a run of four or more bold-label bullets, more than half
    of which link nothing: a list of points (a feature list), not of linked entries."""

    def point(block: Block) -> bool:
        return block.in_list and bool(block.bold_lead.strip()) and not block.level

    lo = hi = i
    while lo > 0 and point(blocks[lo - 1]):
        lo -= 1
    while hi + 1 < len(blocks) and point(blocks[hi + 1]):
        hi += 1
    run = blocks[lo : hi + 1]
    return len(run) >= 4 and 2 * sum(1 for b in run if not content_links(b)) > len(run)


def _pitch_name(block: Block) -> Link | None:
    """A paragraph of prose naming a product by a short capitalised link and ending on
    its button ("… <a>Flarewatch</a> gives you … <a>Learn More</a>"): the name's link."""
    # The cheap tests first: most blocks are short or headings, and the content links
    # and list test (each a pass over the block's links) need not be asked then.
    if block.level or len(block.text) < 100:
        return None
    links = content_links(block)
    if is_listed(block) or len(links) != 2:
        return None
    name, button = links
    words = squash(name.text)
    if not (is_cta(button.text) and squash(block.text).endswith(squash(button.text))):
        return None
    if is_cta(words) or not 1 <= word_count(words) <= 3 or not words[:1].isupper():
        return None
    return name if not squash(block.text).startswith(words) else None


def _question_line(block: Block) -> bool:
    text = squash(strip_decoration(block.text))
    return text[-1:] in ("?", "？") and word_count(text) <= 6 and not block.links


def _explainer_question(blocks: Sequence[Block], i: int) -> bool:
    """A story explained under short bold questions ("**What is going on here?**", "**What
    does this mean?**", "**Why should I care?**"): three or more such lines near each
    other, the first over prose that links nothing. They are the story's, not sections."""
    if not _question_line(blocks[i]):
        return False
    lo = i
    for j in range(i - 1, max(-1, i - 12), -1):
        if is_heading(blocks[j]) and not _question_line(blocks[j]):
            break
        if _question_line(blocks[j]):
            lo = j
    questions = [j for j in range(lo, min(len(blocks), lo + 16)) if _question_line(blocks[j])]
    if len(questions) < 3:
        return False
    first = next((b for b in blocks[questions[0] + 1 : questions[1]] if has_words(b.text)), None)
    return first is not None and not content_links(first)


def _rubric_question(blocks: Sequence[Block], i: int) -> bool:
    """A short question heading inside a story ("**Why does this matter?**") over bullets
    that link nothing ("**Faster triage:** …"): the story's own rubric and its points, no
    section (the block after the bullets, an ad, is not its link)."""
    if not _question_line(blocks[i]):
        return False
    bullets = 0
    for block in blocks[i + 1 : i + 12]:
        if not has_words(block.text):
            continue
        if not is_listed(block):
            break
        if content_links(block):
            return False
        bullets += 1
    return bullets >= 2


def _joined_names(block: Block) -> bool:
    """Two or three short links joined only by "and", "&" or commas ("<a>Shaan "Chocolate
    Milk" Puri</a> and <a>Ben Levy</a>"): a sign-off's names."""
    if not 2 <= len(block.links) <= 3 or any(word_count(lk.text) > 5 for lk in block.links):
        return False
    rest = block.text
    for lk in block.links:
        rest = rest.replace(lk.text, " ", 1)
    return all(w in ("and", "&", "und", "et", "y", "e") for w in rest.replace(",", " ").split())


def _rating_scale(blocks: Sequence[Block], i: int, heading: str) -> bool:
    """A question over two lone links or more, each opening with its symbols ("**What'd
    you think of today's email?**" over "🥛🥛🥛🥛🥛 Great", "🥛🥛🥛 Meh", "🥛 Not good"):
    the answers of a rating, not stories."""
    if heading[-1:] not in ("?", "？"):
        return False
    answers = 0
    for block in blocks[i + 1 : i + 8]:
        if not has_words(block.text):
            continue
        text = squash(block.text)
        if len(block.links) != 1 or squash(block.links[0].text) != text or word_count(text) > 8:
            break
        if text[:1].isalnum():
            return False
        answers += 1
    return answers >= 2


# A poll's heading: "📊 Poll: Would you work next to a humanoid?", "Quick poll", "Umfrage".
_POLL = re.compile(
    r"^\W*(?:(?:quick|today[’']?s|this week[’']?s|reader|weekly) )?(?:poll|umfrage|sondage|encuesta)\b",
    re.I,
)


# An issue's name and number: "Hacker Digest #701", "Tech Notes issue 12", "Byte No. 5".
# "n° 142", "nº 31", "Nr. 12", "núm. 7": the number in French, Portuguese, German, Spanish.
_NUMBERED = re.compile(
    r"(.{3,60}?),? (?:#|issue |no\. ?|number |vol\. ?|n[°º] ?|nr\. ?|núm\. ?)\d{1,5}", re.I
)


# A change citing its pull request or issue: "Faster cold starts (#4420)".
_CHANGE_REF = re.compile(r"\(#\d+\)")


def _detail(block: Block, url: str) -> bool:
    """A list entry under an item titled by a heading or bold link, linking into the same project
    (a release's changes linking its pull requests) or citing a pull request ("(#4420)", read
    where a click tracker hides the address): part of that item, not one of its own."""
    if not block.in_list:
        return False
    links = content_links(block)
    return bool(links) and (
        all(same_project(lk.href, url) for lk in links)
        or _CHANGE_REF.search(block.text) is not None
    )


class _Banners:
    """What "Together with / In partnership with" banners show as a logo image."""

    def __init__(self, logo_after: LogoFinder | None) -> None:
        self.find = logo_after
        self.seen: dict[str, int] = {}
        self.nth: dict[int, int] = {}
        self.logos: dict[int, Link | None] = {}

    def note(self, block: Block) -> None:
        """Count the banner: the same line may open the issue and a sponsor block later."""
        self.nth[id(block)] = self.seen.get(block.text, 0)
        self.seen[block.text] = self.nth[id(block)] + 1

    def logo(self, block: Block) -> Link | None:
        """The banner's logo link: in its own block, or standing alone right after it."""
        key = id(block)
        if key not in self.logos:
            logo = next((lk for lk in block.links if lk.image_only), None)
            if logo is None and self.find is not None:
                logo = self.find(block.text, self.nth.get(key, 0))
            self.logos[key] = logo
        return self.logos[key]

    def logo_name(self, block: Block) -> str:
        """The sponsor's name when the banner shows only a logo: its alt text, else its site."""
        logo = self.logo(block)
        if logo is None:
            return ""
        return logo.text or logo.href

    def card(self, banner: Block | None, link: Link, blocks: list[Block], i: int) -> bool:
        """The block after a top banner is the sponsor's card: a title link to the site the
        banner's logo links ("In partnership with", [logo], "<a>Plan sprints …</a>").
        Under a credit the issue's own stories follow instead (a heading, prose, a link to
        another site), and only the card's own title link counts, not a link in prose.
        ``blocks[i]`` holds the card's title; its first line of text is the next block with
        words (a divider row, "— — —", may stand between them)."""
        if banner is None:
            return False
        logo = self.logo(banner)
        named = BANNER.match(banner.text)
        name = named.group(1).strip() if named is not None else ""
        # "… issue is presented by Tallyrun" over "<a>Ship audit logs …</a>" and "Tallyrun
        # is an event log API …": a card naming the sponsor at once is its ad.
        names_it = bool(name) and (
            _names(name, link.text)
            or (
                (after := next_content(blocks, i + 1)) is not None
                and _names(name, after.text[:200])
            )
        )
        if logo is None:
            # "IN PARTNERSHIP WITH" naming nobody, no logo: the card right under it is
            # what names the sponsor (Pointer's boxed partner block).
            return named is not None and (not name or names_it)
        if hidden_target(logo.href) or hidden_target(link.href):
            # Behind a click tracker that hides its target both show the tracker's host:
            # only the logo's very address is its site.
            return link_target(logo.href) == link_target(link.href) or names_it
        return same_site(logo.href, link.href) or names_it


def _note_box(blocks: list[Block], i: int) -> bool:
    """A bold label over a paragraph linking nothing, then a story's heading tag ("**Editor's
    Note**" / "We're trying a new platform …" / "# <a>Next story</a>"): the label titles
    that note, and names no section for the stories below it."""
    if i + 2 >= len(blocks):
        return False
    note, after = blocks[i + 1], blocks[i + 2]
    return (
        not (note.links or note.level or note.bold or note.in_list)
        and word_count(note.text) >= 8
        and after.level > 0
        and bool(after.links)
    )


def _names(name: str, text: str) -> bool:
    """``text`` holds ``name`` as words of its own ("Tallyrun" in "Tallyrun is …")."""
    at = text.casefold().find(name.casefold())
    end = at + len(name)
    return (
        at >= 0
        and not (at and text[at - 1].isalnum())
        and not (end < len(text) and text[end].isalnum())
    )


# A paid block titled by its label ("A MESSAGE FROM ACME", "Sponsored by Acme").
_SPONSOR_HEADING = re.compile(
    r"^(a )?(special |quick )?(message|word) from\b|^(sponsored|presented|brought to you) by\b",
    re.I,
)
# A heading's bracketed tag ("[广告] …", "【本周赞助】…", "(Sponsored) …").
_HEADING_TAG = re.compile(r"[\[【(（]([^\]】)）\n]{1,16})[\]】)）][ \t]*(?=\S)")
# A sponsor word closing such a tag in CJK ("本周赞助", "今週のスポンサー").
_CJK_SPONSOR_END = re.compile(r"(?:广告|推广|赞助|廣告|贊助|광고|스폰서|협찬|広告|スポンサー)$")


def _tag_parts(text: str) -> bool:
    """A label of short parts, one of them a sponsor tag ("PARTNER SPOTLIGHT · SPONSORED",
    "Anzeige | Partnerinhalt"): the card under it is the sponsor's."""
    if "·" not in text and "|" not in text and "•" not in text:
        return False
    return any(SPONSOR_TAG.match(part.strip(" :[]()")) for part in _TAG_SPLIT.split(text))


_TAG_SPLIT = re.compile(r"\s[·|•]\s")


def _tag_sponsors(tag: str) -> bool:
    tag = tag.strip()
    return SPONSOR_TAG.match(tag) is not None or _CJK_SPONSOR_END.search(tag) is not None


# "A message from our sponsor, VictorOps:": the sponsor's name after the heading's words.
_MESSAGE_FROM = re.compile(
    r"^(?:a )?(?:special |quick )?(?:message|word) from (?:(?:our|this week's|today's) "
    r"(?:sponsors?|partners?),? )?(\S.{0,40}?)[:.]?$",
    re.I,
)


def _prose_citing(block: Block) -> bool:
    """A summary that names a person by their profile ("The point release brings …
    <a>Ines Ortega</a> wrote up the details."): a sentence of a dozen words and more
    besides its links (the caller asks right under a story's title, before its blurb), not
    a "Follow us on <a>X</a>" line."""
    rest = block.text
    for lk in block.links:
        rest = rest.replace(lk.text, " ", 1)
    return word_count(rest) >= 12 and block.text.rstrip()[-1:] in (".", "!", "?", "。")


def _discussion_label(link: Link) -> str:
    """A discussion link's label: its words, or for a thread's address written out
    ("https://news.ycombinator.com/item?id=…") the site's name."""
    if not is_address(link):
        return link.text.strip(" ()[]→»›")  # "comments→": the words, not the arrow
    host = link.href.split("//", 1)[-1].split("/", 1)[0]
    return host.removeprefix("www.")


def _ad_title(heading: str, link: Link) -> str:
    """A sponsor's heading over an ad whose only link is its address written out (no
    headline of its own): the ad is titled by the sponsor's name, as under a "brought to
    you by X" banner."""
    m = _MESSAGE_FROM.match(heading)
    if m is None or not link.text.strip().startswith(("http://", "https://", "www.")):
        return heading
    return m.group(1).strip()


# A paragraph that is wholly a quotation, with or without its attribution.
_PULL_QUOTE = re.compile(r"^[“\"«„][^“”\"«»„]{8,400}[”\"»“]\s*(?:[—–-]+\s*[^“”\"]{1,120})?$")
_LIST_NUMBER = re.compile(r"^\s*#?\d{1,3}[.)]?\s*$")
# "2. Chips", "#3 Quick hits": a numbered section is named without its number.
_SECTION_NUMBER = re.compile(r"^(?:\d{1,2}[.)]|#\d{1,3})\s+(?=\S)|^#(?=[^\W\d_])")
_SPONSOR_LINE = re.compile(r"(?:^|\s)(sponsor(?:ed)?|promoted|advertisement)\W*$", re.I)


def _web_version(
    blocks: list[Block], link: Link, out: Extracted, current: dict[str, object] | None
) -> bool:
    """Above every item, a title linking the page the issue's furniture links ("On
    maintenance" and "View in browser" both open the post): the issue's own title."""
    if out.items or current is not None:
        return False
    target = link_target(link.href)
    return any(
        lk is not link
        and link_target(lk.href) == target
        and is_boilerplate_link(lk.text, lk.href)
        # "Twitter" sharing a story, "Flag as irrelevant": they carry a story's own URL.
        and not is_share_button(lk.text)
        and not is_feedback_link(lk.text)
        for b in blocks
        for lk in b.links
    )


def _own_site(
    block: Block, link: Link, out: Extracted, current: dict[str, object] | None, words: str
) -> bool:
    """After the items, a line that is only the home page of the site they link, written
    as its address ("See you next week." / "<a>example.com</a>"): the letter's own site.
    ``words``: ``squash(link.text)``."""
    if block.in_list:
        return False
    label = words.casefold().rstrip("/").removeprefix("https://")
    label = label.removeprefix("http://").removeprefix("www.")
    target = link_target(link.href)
    # The label must be the host, and a host holds a space only when its address does
    # (urlsplit keeps the netloc's characters, lower-cased): a title of several words
    # is no address, asked before the URL is parsed (``is_site_root`` parses it too).
    if " " in label and " " not in target:
        return False
    if squash(block.text) != words or not is_site_root(link.href):
        return False
    try:
        host = (urlsplit(target).hostname or "").removeprefix("www.")
    except ValueError:
        return False
    if not host or label != host:
        return False
    urls = [it.url for it in out.items if it.url]
    if current is not None:
        urls.append(str(current["url"]))
    return any(same_site(url, link.href) for url in urls)


# A host name as a link's words: "pointer.io", "www.hackerdigest.com".
_HOST_WORDS = re.compile(r"(?:www\.)?([a-z0-9-]{2,40})\.[a-z]{2,12}(?:\.[a-z]{2})?/?")


def _named_domain(block: Block, link: Link, names: set[str]) -> bool:
    """A link alone above every item whose words are the newsletter's own domain ("pointer.io"
    of Pointer: its name before the top-level domain): the masthead, even behind a click
    tracker that hides the address."""
    text = squash(link.text).casefold()
    m = _HOST_WORDS.fullmatch(text)
    return (
        m is not None
        and squash(block.text).casefold() == text
        and any(m.group(1) == name.replace(" ", "") for name in names)
    )


# A rating's answer: a number alone ("1 … 2 … 3 … 4 … 5", "1 | 2 | 3").
_SCORE = re.compile(r"\d{1,2}")


def _rating_row(block: Block) -> bool:
    """A row of three links or more, each only a number, with nothing but separators
    between them: the answers of a rating scale ("1 … 2 … 3 … 4 … 5")."""
    if len(block.links) < 3 or not all(_SCORE.fullmatch(lk.text.strip()) for lk in block.links):
        return False
    rest = block.text
    for lk in block.links:
        rest = rest.replace(lk.text, " ", 1)
    return not any(ch.isalnum() for ch in rest)


def _rating_intro(blocks: list[Block], i: int) -> bool:
    """Link-less lines just above a rating's row of numbers ("Click below and email me!",
    "1 = Didn't enjoy it // 5 = Loved it"): the rating's words."""
    seen = 0
    for block in blocks[i : i + 6]:
        if not has_words(block.text):
            continue
        if _rating_row(block):
            return True
        seen += 1
        if block.links or block.level or seen > 3:
            return False
    return False


def _ad_button(
    blocks: list[Block], i: int, link: Link, current: dict[str, object] | None, summed: bool
) -> bool:
    """A bold link alone right under a sponsor's card (its title and summary read), with
    the next entry's title and summary after it ("Start For Free Today", "Simplify Sign-in
    With Acme"): the ad's button, no item, whatever its words and however its tracker hides
    that it links the ad's page."""
    if current is None or not current.get("sponsor") or not summed:
        return False
    block = blocks[i]
    if len(block.links) != 1 or squash(block.text) != squash(link.text) or block.level:
        return False
    if not (block.bold or link.bold) or word_count(link.text) > 8:
        return False
    following = [b for b in blocks[i + 1 : i + 16] if has_words(b.text)][:4]
    if not following or is_title_block(following[0]) is None:
        return False
    for block in following[1:]:  # the next entry's summary, under its byline if any
        if block.links or block.level:
            return False
        if word_count(block.text) >= 6:
            return True
    return False


def _masthead(block: Block, link: Link, out: Extracted, current: dict[str, object] | None) -> bool:
    """The newsletter's name as a heading linking its home page, above every item."""
    return (
        current is None
        and not out.items
        and not out.sections  # "**<a>Railyard</a>** raised …" under "Developer tools"
        and bool(block.level or block.bold or link.bold)
        and is_site_root(link.href)
    )


def _subject_story(block: Block, lead: Link, subject: str) -> bool:
    """A title link repeating the subject with its blurb after a dash in the same paragraph
    ("<a>Ruby 2.6.1 Released</a> — This release …", Cooperpress names the issue after its
    lead story): the lead story, not the issue's own title."""
    if squash(lead.text).casefold() != subject:
        return False
    at = block.text.find(lead.text)
    after = block.text[at + len(lead.text) :].lstrip() if at >= 0 else ""
    return after[:1] in ("—", "–", "-") and word_count(after) >= 7


# "Read the full story", "Read our full article": the button closing a story's prose.
_FULL_STORY = re.compile(r"^read (?:the|our) (?:full )?(?:story|article)\b", re.I)


def _subject_lead(blocks: list[Block], i: int, block: Block, subject: str) -> bool:
    """A heading repeating the subject over prose closed by a "Read the full story"
    link (The Download names each issue after its lead story): the lead story, not the
    issue's own title."""
    if squash(strip_decoration(block.text)).casefold() != subject:
        return False
    link = heading_item_link(blocks, i + 1, subject)
    return link is not None and _FULL_STORY.match(squash(link.text)) is not None


def _spelled_out(name: str, heading: str) -> bool:
    """The masthead writing out the sender's short name: "Database Weekly" of "DB Weekly",
    "JavaScript Weekly" of "JS Weekly". Word for word, each of the name's words is the
    heading's or its abbreviation (its letters in order, from the word's first), and one is."""
    ours, theirs = name.casefold().split(), heading.casefold().split()
    if len(ours) != len(theirs) or len(ours) < 2 or ours == theirs:
        return False
    for short, word in zip(ours, theirs, strict=True):
        if short == word:
            continue
        if len(short) >= len(word) or short[0] != word[0] or not short.isalpha():
            return False
        rest = iter(word[1:])
        if not all(ch in rest for ch in short[1:]):
            return False
    return True


def _attribution(blocks: list[Block], i: int, link: Link) -> bool:
    """A dash and a link alone after a paragraph that links nothing ("– <a>Amirography on
    fosstodon</a>" under a quote): the quote's source, no story. A run of such lines is a
    list written with dashes."""
    text = blocks[i].text
    if text[:1] not in ("–", "—") or text[1:].strip() != link.text.strip():
        return False
    before = next((b for b in reversed(blocks[max(0, i - 3) : i]) if has_words(b.text)), None)
    after = next((b for b in blocks[i + 1 : i + 4] if has_words(b.text)), None)
    return (
        before is not None
        and not before.links
        and not before.level
        and (after is None or after.text[:1] not in ("–", "—"))
    )


# The words after a pick's name presenting it: "<a>kanata</a>, a keyboard remapper …".
_APPOSITIVE = re.compile(r"\s*(?:,|\s[–—-])\s+(?:a|an)\s")


def _featured(blocks: list[Block], i: int, link: Link, ranks: dict[int, int]) -> bool:
    """A heading over a sentence presenting one pick with an apposition ("This week's crate
    is <a>kanata</a>, a keyboard remapper …"), of the rank whose other headings head lists
    or subsections (two or more; it heads none): the pick is the item, the heading its
    section."""
    level = blocks[i].level
    if not level or word_count(link.text) > 4:
        return False
    prose = next((b for b in blocks[i + 1 : i + 4] if link in b.links), None)
    if prose is None:
        return False
    at = prose.text.find(link.text)
    if at < 0 or not _APPOSITIVE.match(prose.text, at + len(link.text)):
        return False
    # "… crate is <a>kanata</a>", "… of the week: <a>accurate</a>": the sentence presents
    # it ("Voltaic <a>introduced Ember</a>, a …" tells news); the pick heads no list.
    if not prose.text[:at].rstrip().endswith((" is", ":")) or _heads_list(blocks, i):
        return False
    if level not in ranks:  # counted once per level: the walk stays linear
        ranks[level] = sum(
            1 for j, b in enumerate(blocks) if b.level == level and _heads_list(blocks, j)
        )
    return ranks[level] - _heads_list(blocks, i) >= 2


def _heads_list(blocks: list[Block], j: int) -> bool:
    """The heading's intro, then a list or subsections, before the next heading of its rank."""
    level = blocks[j].level
    for c in blocks[j + 1 : j + 6]:
        if c.level and c.level <= level:
            return False
        if c.level > level or c.in_list:
            return True
    return False


def _long_question(blocks: Sequence[Block], j: int) -> bool:
    """A bold question of a sentence's length over an answer in plain prose."""
    block = blocks[j]
    if not (block.bold or block.level) or block.links:
        return False
    text = squash(strip_decoration(block.text))
    if text[-1:] not in ("?", "？") or word_count(text) < 7:
        return False
    answer = next((b for b in blocks[j + 1 : j + 3] if has_words(b.text)), None)
    return (
        answer is not None and not (answer.bold or answer.level) and word_count(answer.text) >= 12
    )


def _interview(blocks: Sequence[Block]) -> set[int]:
    """The blocks of an interview ("💬 A Q&A with…" / name / role, an introduction, then
    three or more bold questions of a sentence each over its answer): links in its prose
    (the guest's projects, "here") are no stories. It runs from the first block after the
    header's bold lines (at most six blocks of introduction) to the next bold line or
    heading that asks nothing, or the end."""
    marked: set[int] = set()
    n = len(blocks)
    j = 0
    while j < n:
        if not _long_question(blocks, j):
            j += 1
            continue
        questions = [j]
        k = j + 1
        while k < n and k - questions[-1] <= 8:
            b = blocks[k]
            if _long_question(blocks, k):
                questions.append(k)
            elif (b.bold or b.level) and has_words(b.text):
                break
            k += 1
        if len(questions) >= 3:
            start = questions[0]
            for back in range(questions[0] - 1, max(-1, questions[0] - 7), -1):
                if (blocks[back].bold or blocks[back].level) and has_words(blocks[back].text):
                    break
                start = back
            end = k
            while end < n and not (
                ((blocks[end].bold or blocks[end].level) and has_words(blocks[end].text))
                or is_footer(blocks[end].text)
            ):
                end += 1
            marked.update(range(start, end))
            j = end
        else:
            j = questions[-1] + 1
    return marked
