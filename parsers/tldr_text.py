"""TLDR's text/plain alternative: capitalised titles ending in ``[n]``, links listed at the end.

Shape (every TLDR edition)::

     GEMMA 3 TECHNICAL REPORT (12 MINUTE READ) [8]

     Google has released ...

    🧠

    RESEARCH & INNOVATION

    Links:
    ------
    [8] https://storage.googleapis.com/...

A title may wrap, and its ``[n]`` may land alone on the next line (or, when the
wrapper breaks at a fixed column, in the middle of the number: ``[1`` / ``1]``).
A URL in the Links list may wrap the same way, onto a line of its own.
A "Together with X" banner between sections introduces X's block, which belongs to
no section. A copy converted by a mail client (a forward, "copy as text") writes each link
inline after its words instead, ``Title (5 minute read) <https://…>``, on the title's line
or the next: those are read as the same references.
"""

from __future__ import annotations

import re

from bot.models import Item
from parsers.draft_item import item_from_draft
from parsers.text import (
    BANNER,
    REF,
    has_words,
    is_boilerplate_link,
    is_footer,
    is_promo,
    paragraphs,
    split_refs,
    squash,
    strip_decoration,
    unwrap_hyphens,
    upper_ratio,
)

_TITLE = re.compile(r"^(?P<title>.+?)\s*\[(?P<ref>\d{1,4})\]\s*\.?$", re.S)
_ANNOTATED = re.compile(
    r"\((\d+ minutes? read|github repo|hugging face hub|sponsor|website)\)", re.I
)
_ISSUE_LINE = re.compile(r"^TLDR\b", re.I)
# A reference and the space before it: "the demo [13]." -> "the demo."
_SPACED_REF = re.compile(r"[ \t]*\[\d{1,4}\]")
# "[1\n1]", "[\n11]", "[11\n]": a reference broken by a fixed-column wrap.
_SPLIT_REF = re.compile(r"\[(\d{0,3})[ \t]*\n[ \t]*(\d{0,3})\]")
# A link written inline after its words, as mail clients convert HTML: "Title <https://…>".
_ANGLE_URL = re.compile(r"<(https?://[^\s<>]+)>")


# The "Links:" list, and one of its entries: "[12] https://…" (" [9] …" when right-aligned).
_LINKS_LIST = re.compile(r"^[ \t]*(?:Links|References):?[ \t]*\n[ \t]*-{3,}[ \t]*$", re.M | re.I)
_REF_ENTRY = re.compile(r"^[ \t]*\[\d{1,4}\]:?[ \t]+\S")
# Mailers wrap at 72-80 columns; an entry shorter than this was not wrapped.
_WRAP_COLUMN = 60


def _join_wrapped_urls(text: str) -> str:
    """A long URL in the Links list wrapped at a fixed column ("…/cutting-eval-co" /
    "sts?utm_source=…"): a line of one word that is neither an entry nor a new URL
    continues the long entry above it."""
    headers = list(_LINKS_LIST.finditer(text))
    if not headers:
        return text
    start = headers[-1].end()
    out: list[str] = []
    for line in text[start:].split("\n"):
        word = line.strip()
        if (
            out
            and word
            and not line[0].isspace()
            and " " not in word
            and "://" not in word
            and not _REF_ENTRY.match(line)
            and _REF_ENTRY.match(out[-1])
            and len(out[-1].rstrip()) >= _WRAP_COLUMN
        ):
            out[-1] = out[-1].rstrip() + word
        else:
            out.append(line)
    return text[:start] + "\n".join(out)


def _join_split_refs(text: str) -> str:
    return _SPLIT_REF.sub(
        lambda m: f"[{m.group(1)}{m.group(2)}]" if m.group(1) or m.group(2) else m.group(0), text
    )


def parse_tldr_text(text: str, warnings: list[str] | None = None) -> tuple[list[Item], str | None]:
    """Items and the banner sponsor of a TLDR text/plain body; problems go to ``warnings``."""
    if "[" in text:
        text = _join_wrapped_urls(_join_split_refs(text))
    body, refs = split_refs(text)
    if not refs and "<http" in body:
        body, refs = _inline_refs(body)
    warnings = warnings if warnings is not None else []
    items: list[Item] = []
    sponsor_name: str | None = None
    section: str | None = None
    current: dict[str, object] | None = None
    blurb: list[str] = []
    after_divider = False

    def finish() -> None:
        nonlocal current
        if current is not None:
            # One line per paragraph: normalise reads a button's line ("Book a demo →").
            text = "\n".join(filter(None, map(squash, blurb)))
            item = item_from_draft(current, text.replace(" ,", ",").replace(" .", "."))
            if item.title:  # not a link whose only words were an annotation
                items.append(item)
        current = None
        blurb.clear()

    for para in paragraphs(body):
        flat = squash(unwrap_hyphens(para))  # "DATA-" / "STEALING": one word
        if not has_words(flat):
            after_divider = True
            continue
        divider, after_divider = after_divider, False
        banner = BANNER.match(REF.sub("", flat).replace("[", "").replace("]", ""))
        if banner:
            if sponsor_name is None and banner.group(1).strip():
                sponsor_name = banner.group(1).strip()
            if items or current is not None:
                finish()
                section = None  # mid-issue: the sponsor's own block, in no section
            continue
        m = _TITLE.match(flat)
        if m and _looks_like_title(m.group("title"), sentence=flat.endswith(".")):
            url = refs.get(m.group("ref"))
            if url is not None and current is not None and url == current["url"]:
                # "Boardly builds the deck [5].", "Read the full case study [4]": a line
                # repeating the story's own link is part of its blurb.
                blurb.append(_SPACED_REF.sub("", flat))
                continue
            if url is None and refs:
                warnings.append(
                    f"title {squash(m.group('title'))[:60]!r} points to [{m.group('ref')}], missing from the Links list"
                )
            if url and not is_boilerplate_link(m.group("title"), url):
                finish()
                current = {"title": m.group("title"), "url": url, "section": section}
                continue
        if is_footer(flat):
            break
        if is_promo(flat) or _only_furniture(flat, refs):
            finish()
            continue
        if _looks_like_section(flat, divider):
            finish()
            # "⚡ QUICK LINKS": the emoji may share the heading's line.
            section = None if _ISSUE_LINE.match(flat) else strip_decoration(flat)
            continue
        if current is not None:
            blurb.append(_SPACED_REF.sub("", flat))
    finish()
    return items, sponsor_name


def _inline_refs(body: str) -> tuple[str, dict[str, str]]:
    """``<https://…>`` links numbered as references ("Title [3]"), the same URL the same
    number, so the reading below is the one of the "Links:" list."""
    numbers: dict[str, str] = {}

    def number(m: re.Match[str]) -> str:
        return f"[{numbers.setdefault(m.group(1), str(len(numbers) + 1))}]"

    body = _ANGLE_URL.sub(number, body)
    return body, {n: url for url, n in numbers.items()}


def _only_furniture(text: str, refs: dict[str, str]) -> bool:
    urls = [refs[n] for n in REF.findall(text) if n in refs]
    return bool(urls) and all(is_boilerplate_link("", url) for url in urls)


# "Book a 20-minute demo → [6]": a line ending in an arrow is the ad's button, not a title.
_BUTTON_ARROWS = ("→", "›", "»", "➜", "➔")


def _looks_like_title(title: str, sentence: bool = False) -> bool:
    """``sentence``: the line ends with a full stop after its ``[n]`` ("… the docs [7].")."""
    if REF.search(title) or len(title) > 300 or title.rstrip().endswith(_BUTTON_ARROWS):
        return False
    if upper_ratio(title) >= 0.8 or _ANNOTATED.search(title):
        return True
    if sentence:
        return False
    # A mixed-case title line ("Apple's foldable timeline [5]"): short, several words,
    # not a sentence (those are blurbs that happen to end with a link).
    flat = " ".join(title.split())
    return (
        len(flat) <= 150 and len(flat.split()) >= 2 and ". " not in flat and not flat.endswith(".")
    )


def _looks_like_section(text: str, divider: bool) -> bool:
    text = strip_decoration(text)  # "🎁 Miscellaneous": the emoji may open the line
    if REF.search(text) or len(text) > 80 or text.endswith((".", "!", "?", ",")):
        return False
    if _ANNOTATED.search(text):
        return False  # a title whose [n] could not be read, never a section
    if upper_ratio(text) >= 0.9 or divider:
        return True
    # "Quick Links", "Science & Futuristic Technology": a short line of capitalised words.
    words = text.split()
    return 0 < len(words) <= 6 and all(
        w[0].isupper() or w in {"&", "and", "of", "the", "for", "in", "+"} for w in words
    )
