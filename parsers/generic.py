"""The fallback for any newsletter: HTML first, then Markdown, then plain text."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import lxml.etree as etree  # type: ignore[import-untyped]  # lxml ships no stubs

from bot.models import Email, Item, ParseResult
from parsers.base import Match, Stage, result
from parsers.blockitems import LogoFinder, extract
from parsers.blockshapes import is_cta, opaque_tracker, same_site
from parsers.htmlblocks import (
    MAX_ELEMENTS,
    Block,
    Link,
    join_split_links,
    parse_html,
    walk_blocks,
)
from parsers.letter import letter_items
from parsers.markdown import markdown_html
from parsers.naming import SUBJECT_SEPARATORS, newsletter_name
from parsers.outline import org_links
from parsers.plaintext import IMAGE_URL, parse_plain
from parsers.text import (
    MAX_TEXT,
    at_least,
    drop_invisible,
    find_date,
    has_words,
    link_target,
    paragraphs,
    split_title,
    squash,
)

# Markdown's marks: a link, an ATX heading, a listed link, a picture as an HTML tag on its
# own line (static-site weeklies write "<img src=… />" between paragraphs).
_MD_SIGNS = re.compile(r"\]\((?:https?://|/)|^#{1,6} |^\s*[-*] \[|^[ \t]*<img\b", re.M)


class GenericParser:
    name = "generic"
    version = "1"

    def match(self, email: Email) -> Match | None:
        return Match(Stage.FALLBACK, "fallback: no specific parser recognised the email")

    def parse(self, email: Email) -> ParseResult:
        items: list[Item] = []
        sponsor: str | None = None
        text = without_image_lines((email.text or "")[:MAX_TEXT].replace("\r\n", "\n"))
        # The issue's subject and the newsletter's own name as a masthead heading are
        # neither items nor sections ("What's new in Tallybook" atop "… — July"). The
        # whole subject and the sender's name come first (``extract`` tells them apart).
        subject = _FORWARD_SUBJECT.sub("", email.subject)
        skip = (subject, email.sender_name, SUBJECT_SEPARATORS.split(subject, maxsplit=1)[0])
        lead_text = ""
        essay = False
        issued = email.date.date() if email.date else None
        root = None
        if email.html:
            root = parse_html(email.html)
            blocks = walk_blocks(root)
            if text and resolve_by_text(blocks, text):
                join_split_links(blocks)
            lead_text = " ".join(b.text for b in blocks[:40])
            found = extract(blocks, skip_headings=skip, logo_after=logo_finder(root), issued=issued)
            items, sponsor = found.items, found.sponsor_name
            items = _numbered_lead(items, blocks)
            if found.own_link is not None and found.is_essay():
                # A post (Substack essay): the item is the post itself, not the sources
                # its paragraphs link to.
                items, essay = [_post_item(found.own_link, blocks, root)], True
            elif found.own_link is not None and any(found.weak) and not _interleaved(found.weak):
                # A post with a links section at its end (Ghost): the essay's subheadings
                # over prose that only links inline are not items; the links section's are.
                # (Stories linking inline with entries between them are a digest's: kept.)
                items = [item for item, weak in zip(items, found.weak, strict=True) if not weak]
            letter = None if essay else letter_items(blocks, items, subject, found.own_link)
            if letter is not None:
                # A personal letter sent whole (Kit, Mailchimp): the links it recommends,
                # else the letter itself; never its sign-up box or the sender's own pages.
                items, essay = letter, True
            if (
                not essay
                and found.own_link is not None
                and items
                and _more_from(found.own_link, items)
            ):
                # An article sent as the issue (LinkedIn newsletters) over "More from this
                # newsletter": cards of other articles of the same site. The article is
                # the lead item, not only the issue's title.
                lead = _post_item(found.own_link, blocks, root)
                items = [replace(it, position=n) for n, it in enumerate([lead, *items])]
        if len(items) < 2 and root is not None and not essay:
            # The plain text sent as HTML in one <pre> (mailing-list tools, LWN-style
            # weeklies), its URLs made links: read as plain text.
            pre = pre_text(root)
            if pre:
                alt, alt_sponsor, _ = parse_plain(pre)
                if len(alt) > len(items):
                    items, sponsor = alt, alt_sponsor
        # The text/plain alternative is read when the HTML gave (almost) nothing: some
        # senders put a stub ("view this email online") or one banner link in the HTML.
        if len(items) < 2 and text and not essay:
            if at_least(_MD_SIGNS, text[:200_000], 2) and not _org_text(text[:200_000]):
                root = parse_html(markdown_html(text))
                md_blocks = walk_blocks(root)
                found = extract(
                    md_blocks,
                    skip_headings=skip,
                    logo_after=logo_finder(root),
                    issued=issued,
                )
                alt, alt_sponsor = found.items, found.sponsor_name
                own = found.own_link or online_link(text, subject)
                if (
                    own is not None
                    and all(found.weak)
                    and any(len(b.text) >= 200 for b in md_blocks)
                ):
                    # A post sent as its text (beehiiv's text part, a Substack post as
                    # Markdown): the post is the item, as in its HTML.
                    alt, essay = [_post_item(own, md_blocks)], True
                if not alt and len(items) == 0:
                    alt, alt_sponsor, _ = parse_plain(text)
                    alt = _without_masthead(alt, skip)  # (a letter of prose: no items)
            else:
                alt, alt_sponsor, _ = parse_plain(text)
                alt = _without_masthead(alt, skip)
                own = None if alt else online_link(text, subject)
                blurb = _opening_prose(text, own.href) if own is not None else ""
                if own is not None and blurb:
                    # A post sent alone as its text (a Substack essay whose links sit
                    # inside its sentences): the post is the item, as in its HTML.
                    alt, essay = [Item(title=own.text, url=own.href, blurb=blurb)], True
            if len(alt) > len(items) and (not items or _brings_new(alt, items)):
                items, sponsor = alt, alt_sponsor
        when = email.date.date() if email.date else find_date(email.subject, lead_text, text[:5000])
        return result(
            self, email, family="generic", name=forwarded_name(email, lead_text or text[:3000])
            or newsletter_name(email), items=items,
            issue_date=when, sponsor_name=sponsor,
        )  # fmt: skip


def _brings_new(alt: list[Item], items: list[Item]) -> bool:
    """The text alternative holds an item the HTML's lack, by link and by title: else its
    extra items are the HTML's own read twice (a figure's caption over the study's button,
    the caption's link an anchor with no words in the HTML)."""
    urls = {link_target(it.url or "") for it in items}
    titles = {squash(it.title).casefold() for it in items}
    return any(
        link_target(it.url or "") not in urls
        # "VfL Newsletter [https://…/logo.png]": a text part writes a picture as its alt
        # text and source; the HTML showed it as the picture it is, no story.
        and not (it.url and IMAGE_URL.search(it.url))
        and squash(it.title).casefold() not in titles
        and not is_cta(it.title)  # "Read the study": the HTML item's own button
        for it in alt
    )


def _org_text(text: str) -> bool:
    """Org's text export or source ("- [Title] (<https://…>)", "- [[https://…][Title]]"
    entries), whose list entries opening with a bracket look like Markdown's task lists
    but hold no Markdown link."""
    return org_links(text) >= 3 and "](http" not in text


def _without_masthead(items: list[Item], names: tuple[str, ...]) -> list[Item]:
    """A text part's first "item" linking the newsletter's own name, however spaced
    ("** hackernewsletter (https://…)" from "Hacker Newsletter"), is its masthead; so is
    a second one linking the issue's subject right after it."""
    if not items:
        return items
    own = {"".join(name.split()).casefold() for name in names if name}
    # Ghost's text part links both atop: "commonMain.dev [url]", "Weekly #16 [url]".
    lead = 0
    while lead < min(len(items), 2) and "".join(items[lead].title.split()).casefold() in own:
        lead += 1
    return items[lead:]


# The text/plain alternative's links: "[words](https://…)" (beehiiv, Substack write
# Markdown links) and a button's words alone on a line before its URL in brackets
# ("Read more (https://…)").
_TEXT_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\((https?://[^\s()]+)\)")
_TEXT_BUTTON = re.compile(
    r"^[ \t]*([^\s\[\]()][^\n\[\]()]{0,58}?) \((https?://[^\s()]+)\)[ \t]*$", re.M
)


def _label(words: str) -> str:
    return " ".join(words.replace("*", " ").replace("_", " ").split()).casefold()


def resolve_by_text(blocks: list[Block], text: str) -> bool:
    """Links hidden behind an opaque click tracker ("link.mail.example/ss/c/<token>") take
    the address the text/plain alternative gives the same link: the k-th HTML link with
    some words is the k-th text link with those words (the two parts are one issue written
    twice). Only when both parts have as many links of those words, so a part that lists
    its links differently resolves nothing. True when a link was resolved.

    A site that every title goes through, its addresses nowhere in the text part, is a
    redirect however short its path (``_redirect_hosts``); its links may be written in the
    text as "Words ( https://… )", the words wrapped over lines (Cooperpress). A text
    address that is itself a tracker or goes through the same redirect is no target."""
    links = [lk for block in blocks for lk in block.links if not lk.image_only]
    redirects = _redirect_hosts(links, text)
    if not redirects and not any(opaque_tracker(lk.href) for lk in links):
        return False
    found = sorted(
        [(m.start(), m.group(1), m.group(2)) for m in _TEXT_LINK.finditer(text)]
        + [(m.start(), m.group(1), m.group(2)) for m in _TEXT_BUTTON.finditer(text)]
    )
    in_text: dict[str, list[str]] = {}
    for _, words, url in found:
        in_text.setdefault(_label(words), []).append(url)
    in_html: dict[str, list[Link]] = {}
    for lk in links:
        if lk.text.strip():
            in_html.setdefault(_label(lk.text), []).append(lk)
    flat = " ".join(text.split()) if redirects else ""
    folded = flat.casefold()
    changed = False
    for label, same in in_html.items():
        urls = in_text.get(label)
        if urls is None and flat and _host(same[0].href) in redirects:
            urls = _spelled(flat, same[0].text, folded)
        if urls is None or len(urls) != len(same):
            continue
        for lk, url in zip(same, urls, strict=True):
            # A text part tracked as well (its own token through the same redirect,
            # HubSpot's "/e3t/Ctc/…" in both parts) resolves nothing: the HTML's stays.
            if opaque_tracker(url) or _host(url) in redirects:
                continue
            if opaque_tracker(lk.href) or _host(lk.href) in redirects:
                lk.href, changed = url, True
    return changed


def _host(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].casefold()


def _redirect_hosts(links: list[Link], text: str) -> set[str]:
    """Sites that five or more worded links of the HTML go through, their addresses (all
    but a few: the issue's own page, the footer's) nowhere in a text part that writes out
    addresses of its own ("javascriptweekly.com/link/<n>/<reader>" behind each title, the text
    giving "Title ( https://… )"): the sender's redirect."""
    if "://" not in text:
        return set()
    by_host: dict[str, list[Link]] = {}
    for lk in links:
        if lk.href.startswith(("https://", "http://")):
            by_host.setdefault(_host(lk.href), []).append(lk)
    found = set()
    for host, same in by_host.items():
        # Fewer than five worded links cannot be five hidden ones: no scan of the text.
        if sum(1 for lk in same if lk.text.strip()) < 5:
            continue
        written = [lk.href in text for lk in same]
        hidden = sum(1 for lk, w in zip(same, written, strict=True) if not w and lk.text.strip())
        if hidden >= 5 and hidden > 2 * sum(written):
            found.add(host)
    return found


# "Words ( https://… )" / "Words (https://…)" in a text part, lines joined.
_SPELLED = r" ?\( ?(https?://[^\s()]+) ?\)"


def _spelled(flat: str, words: str, folded: str | None = None) -> list[str] | None:
    """The addresses the text part writes right after these words, in order. ``folded``:
    ``flat.casefold()``, computed once for all the links of an issue (folding the whole
    text once per link cost 20 ms on a 100 KB issue of a few hundred links)."""
    words = " ".join(words.split())
    if folded is None:
        folded = flat.casefold()
    key = words.casefold()
    if len(words) < 3 or key not in folded:
        return None
    pattern = re.compile(re.escape(words) + _SPELLED, re.I)
    if len(folded) != len(flat) or len(key) != len(words):
        # Folding changed lengths ("ß" -> "ss"): positions differ, scan the text.
        urls = [m.group(1) for m in pattern.finditer(flat)]
        return urls or None
    # A case-insensitive regex gets no literal search: try it only where the words are.
    urls = []
    at = folded.find(key)
    while at >= 0:
        m = pattern.match(flat, at)
        if m is not None:
            urls.append(m.group(1))
            at = folded.find(key, m.end())
        else:
            at = folded.find(key, at + 1)
    return urls or None


# beehiiv closes a post's text part with its web address: "You are reading a plain text
# version of this post. For the best experience, copy and paste this link in your
# browser to view the post online:" and the URL on the next line.
_ONLINE = "to view the post online:"
# Substack opens a post's text part with it, on a line of its own: "View this post on the
# web at https://…/p/<slug>".
_ON_THE_WEB = re.compile(r"^[ \t]*View this post on the web at (https?://\S+)[ \t]*$", re.M | re.I)


def online_link(text: str, subject: str) -> Link | None:
    """The post's own web page named by Substack's opening line or beehiiv's closing one,
    titled by the subject."""
    if not subject.strip():
        return None
    head = _ON_THE_WEB.search(text[:3000])
    if head is not None:
        return Link(head.group(1), squash(subject))
    at = text.rfind(_ONLINE, len(text) - 2000 if len(text) > 2000 else 0)
    if at < 0:
        return None
    url = text[at + len(_ONLINE) :].strip().split("\n", 1)[0].strip()
    if not url.startswith(("https://", "http://")) or " " in url:
        return None
    return Link(url, squash(subject))


# beehiiv writes each image of the post into its text part as lines of their own:
# "View image: (https://…)", "Follow image link: (https://…)" when the image links
# somewhere, "Caption: …". They are the images, no prose: as in HTML, no block at all.
_IMAGE_LINES = ("View image: (", "Follow image link: (", "Caption:")


def without_image_lines(text: str) -> str:
    """``text`` without beehiiv's image lines (cheap when there are none)."""
    if "View image: (" not in text:
        return text
    return "\n".join(
        line for line in text.split("\n") if not line.lstrip("-").startswith(_IMAGE_LINES)
    )


# "1 big thing: Chip export rules tighten", over stories headed "2. …", "3. …": the lead
# story's number, written out as a kicker, is no part of its title.
_LEAD_KICKER = re.compile(r"^1 [a-z]+(?: [a-z]+){0,2}: (?=\S)")


def _numbered_lead(items: list[Item], blocks: list[Block]) -> list[Item]:
    m = _LEAD_KICKER.match(items[0].title) if items and items[0].title[:2] == "1 " else None
    if m is None or not any(
        (b.level or b.bold) and b.text.startswith(("2. ", "2) ")) for b in blocks
    ):
        return items
    return [replace(items[0], title=items[0].title[m.end() :]), *items[1:]]


def pre_text(root: Any) -> str:
    """The text of the document's <pre> blocks, each link written as plain text writes it:
    "words <url>", or the URL alone when its words are the URL ("" when there is none)."""
    out: list[str] = []
    size = 0
    for pre in root.iter("pre"):
        walker = etree.iterwalk(pre, events=("start", "end"))
        for event, el in walker:
            if event == "end":
                piece = (el.tail or "") if el is not pre else "\n\n"
            elif el.tag == "a":
                words = squash("".join(el.itertext()))
                href = (el.get("href") or "").strip()
                piece = words if not href or words == href else f"{words} <{href}>"
                walker.skip_subtree()
            else:
                piece = el.text or ""
            out.append(piece)
            size += len(piece)
            if size > MAX_TEXT:
                break
        if size > MAX_TEXT:
            break
    return drop_invisible("".join(out)[:MAX_TEXT].translate(_UNSEEN))


# Plain text keeps its lines, so it is not squashed: only the invisible marks that
# ``text.squash`` drops go (soft hyphens, zero-width spaces, and a preheader's padding of
# non-joiners and grapheme joiners: ``text.drop_invisible``), and no-break spaces are spaces.
_UNSEEN = {**dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff")), 0xA0: " "}


def _more_from(own: Link, items: list[Item]) -> bool:
    """Every item is another page of the site the issue's own article lives on. Another
    page, not the same one behind a click tracker: links that differ only in their query
    ("click.example/ls/click?upn=…") share the tracker's site and tell nothing."""
    own_path = _path(own.href)
    return all(
        it.url is not None
        and same_site(own.href, it.url)
        and it.url != own.href
        and _path(it.url) != own_path
        for it in items
    )


def _path(url: str) -> str:
    try:
        return urlsplit(link_target(url)).path.rstrip("/")
    except ValueError:
        return url


# A link a text part writes after its words: "… a pattern [ https://… ]", "… (https://…)".
_INLINE_URL = re.compile(r"\s*[\[(] ?https?://[^\s\])]+ ?[\])]")


def _opening_prose(text: str, url: str) -> str:
    """The first paragraph of prose (80 characters or more) after the post's own address,
    when the post is prose (a paragraph of 200 characters or more); "" otherwise. A
    paragraph is a line (Substack writes one a line) or, wrapped, the lines up to a blank
    (``text.paragraphs``: a line of only non-breaking spaces is blank too)."""
    at = text.find(url)
    found: list[str] = []
    for chunk in paragraphs(text[at + len(url) if at >= 0 else 0 :]):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        wrapped = len(lines) > 1 and all(len(line) <= 100 for line in lines)
        found.extend([" ".join(lines)] if wrapped else lines)
    found = [" ".join(_INLINE_URL.sub("", p).split()) for p in found]
    if not any(len(p) >= 200 for p in found):
        return ""
    return next((p for p in found if len(p) >= 80), "")


# Substack's email of a post links its title (and its like and comment buttons) into the
# app, "substack.com/app-link/post?publication_id=…&post_id=…", an address naming no page.
# The post's web address "<pub>.substack.com/p/<slug>" is elsewhere in the same email: its
# header image, "Read in app" ("open.substack.com/pub/<pub>/p/<slug>"), share buttons, most
# of them behind Substack's redirect.
_APP_LINK = re.compile(r"^https?://(?:www\.)?substack\.com/app-link/post\?(?:[^#]*&)?post_id=\d")
# (bot.normalise.urls maps the same "Read in app" address for canonical URLs; parsers may
# not import bot.normalise, see the import contracts in pyproject.toml.)
_OPEN_POST = re.compile(r"^https?://open\.substack\.com/pub/([\w-]+)/p/([\w%-]+)/?(?:[?#]|$)")
_POST_PAGE = re.compile(r"^https?://([\w.-]+)/p/([\w%-]+)/?(?:[?#]|$)")


def _web_address(href: str, root: Any) -> str:
    """The post's own web address for a Substack app link to it: the "/p/<slug>" address
    the email links most often (the first of them on a tie); ``href`` itself otherwise."""
    if root is None or not _APP_LINK.match(link_target(href)):
        return href
    counts: dict[str, int] = {}
    address: dict[str, str] = {}
    for a in root.iter("a"):
        target = link_target((a.get("href") or "").strip())
        m = _OPEN_POST.match(target)
        if m is not None:
            slug, page = m.group(2), f"https://{m.group(1)}.substack.com/p/{m.group(2)}"
            address.setdefault(slug, page)
        elif (m := _POST_PAGE.match(target)) is not None:
            slug = m.group(2)
            if slug not in address or "//open.substack.com/" in address[slug]:
                address[slug] = f"https://{m.group(1)}/p/{slug}"  # as the site writes it
        else:
            continue
        counts[slug] = counts.get(slug, 0) + 1
    if not counts:
        return href
    return address[max(counts, key=lambda slug: counts[slug])]


def _post_item(link: Link, blocks: list[Block], root: Any = None) -> Item:
    """The post as one item: its title link, its first paragraph of prose as the blurb."""
    start = next((i for i, b in enumerate(blocks) if any(lk is link for lk in b.links)), -1)
    if start < 0:
        # The address a text part writes out atop the post ("View this post on the web at
        # https://…"): the blurb is the prose after it, not a header block above. Written
        # out at its end (beehiiv), the blurb is the first prose.
        start = next((i for i, b in enumerate(blocks) if link.href in b.text), -1)
    blurb = next((b.text for b in blocks[start + 1 :] if len(b.text) >= 80), "")
    blurb = blurb or next((b.text for b in blocks if len(b.text) >= 80), "")
    url = _web_address(link.href, root)
    return Item(title=split_title(link.text).text or link.text, url=url, blurb=blurb)


_FORWARD_SUBJECT = re.compile(r"^\s*(?:(?:fwd?|wg|tr|rv)\s*:\s*)+", re.I)
# Gmail's "---------- Forwarded message ---------", Apple Mail's "Begin forwarded
# message:", Outlook's "-----Original Message-----", then the original's "From: Name <…>".
_FORWARD_FROM = re.compile(
    r"(?:-{3,}\s*(?:forwarded|original) message\s*-{3,}|begin forwarded message:)"
    r"\s*from:\s*\**([^<>\n*]{1,80}?)\**\s*[<\[(]",
    re.I,
)


def forwarded_name(email: Email, lead: str) -> str:
    """A newsletter someone forwarded ("Fwd: …") is named by its original sender, taken
    from the forward's header block, not by the person who forwarded it."""
    if not _FORWARD_SUBJECT.match(email.subject):
        return ""
    m = _FORWARD_FROM.search(lead[:5000])
    return squash(m.group(1)).strip(" \"'") if m else ""


_NO_TEXT = frozenset(["script", "style", "head", "title", "noscript", "svg", "template"])


def logo_finder(root: Any) -> LogoFinder:
    """Looks up the logo under a sponsor banner ("In partnership with", then an image link
    alone in its own paragraph) in the parsed markup (``htmlblocks.parse_html``; None for
    none). Reading-order blocks leave such links out (they have no words)."""

    def find(label: str, nth: int) -> Link | None:
        return None if root is None else _logo_after(root, label, nth)

    return find


def _logo_after(root: object, label: str, nth: int) -> Link | None:
    """The image-only link right after the ``nth`` occurrence of ``label`` in the text,
    when no other words come between them."""
    want = "".join(label.split()).casefold()
    if not want:
        return None
    seen = ""  # the last words read, spaces removed: the label may span several elements
    armed = False
    walker = etree.iterwalk(root, events=("start", "end"))
    for count, (event, el) in enumerate(walker):
        if count > 2 * MAX_ELEMENTS:
            return None
        if event == "start":
            if not isinstance(el.tag, str) or el.tag in _NO_TEXT:
                walker.skip_subtree()
                continue
            if armed and el.tag == "a":
                words = "".join(el.itertext())
                if has_words(words) or el.find(".//img") is None:
                    return None
                img = el.find(".//img")
                return Link((el.get("href") or "").strip(), img.get("alt") or "", image_only=True)
            chunk = el.text
        else:
            chunk = el.tail
        if not chunk or not has_words(chunk):
            continue
        if armed:
            return None  # words before any logo: the banner names its sponsor in text
        seen = (seen + "".join(chunk.split()).casefold())[-4 * len(want) :]
        if seen.endswith(want):
            if nth == 0:
                armed = True
            nth -= 1
    return None


def _interleaved(weak: list[bool]) -> bool:
    """An item titled by its own link sits between two headings over prose that links
    inline: the headed stories are a digest's among its entries, not one essay's
    subheadings over a links section at its end."""
    first = weak.index(True)
    last = len(weak) - 1 - weak[::-1].index(True)
    return not all(weak[first : last + 1])
