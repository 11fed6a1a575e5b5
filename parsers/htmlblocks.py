"""Flatten an HTML email into an ordered list of text blocks with their links.

Newsletter HTML is nested layout tables; what matters is the reading order of
paragraph-sized blocks, whether a block is a heading or bold, and which links it holds.
This walks the tree once with lxml's C-level ``iterwalk`` (no recursion, so deep nesting
cannot blow the stack; libxml2 itself caps depth at 256) and stops after a fixed budget
of elements, so huge documents cannot hang a parser.

lxml is used directly rather than through BeautifulSoup: building a bs4 tree costs
several times the lxml parse, and the parse step has a 3x-lxml budget (bench/parse.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.etree as etree  # type: ignore[import-untyped]  # lxml ships no stubs
import lxml.html  # type: ignore[import-untyped]

from parsers.text import squash

MAX_HTML = 3_000_000
MAX_ELEMENTS = 60_000

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "td",
        "th",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dt",
        "dd",
        "blockquote",
        "section",
        "article",
        "table",
        "tr",
        "ul",
        "ol",
        "dl",
        "header",
        "footer",
        "nav",
        "aside",
        "center",
        "pre",
        "hr",
        "body",
        "form",
        "figure",
        "figcaption",
        "main",
    ]
)
_SKIP_TAGS = frozenset(
    ["script", "style", "head", "noscript", "svg", "template", "title", "iframe", "object"]
)
_BOLD_TAGS = frozenset(["strong", "b"])
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all|max-height\s*:\s*0(?![.\d])", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
_FURNITURE = re.compile(r"\b(footer|header|nav|social|preheader|unsub)", re.I)


@dataclass(slots=True)
class Link:
    href: str
    text: str
    bold: bool = False
    image_only: bool = False


@dataclass(slots=True)
class Block:
    text: str
    links: list[Link] = field(default_factory=list)
    level: int = 0
    """Heading level 1-6, 0 for body text."""
    bold: bool = False
    """Every word of the block is bold (or a heading)."""
    in_list: bool = False
    lead: Link | None = None
    """A link the block starts with (after bullets and emoji), if any."""
    content: list[Link] | None = None
    """Cache of the links that can be items (filled by blockitems)."""
    bold_lead: str = ""
    """Bold text the block opens with when the rest is not bold ("**Title** — blurb")."""


@dataclass(slots=True)
class _Piece:
    text: str
    bold: bool
    level: int
    link: int


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[_Piece] = []
        self.links: list[Link] = []
        self.link_texts: list[list[str]] = []
        self.bold = 0
        self.heading: list[int] = []
        self.anchor: list[int] = []
        self.lists = 0

    def add(self, text: str | None) -> None:
        if not text:
            return
        level = min(self.heading) if self.heading else 0
        link = self.anchor[-1] if self.anchor else -1
        self.pieces.append(_Piece(text, self.bold > 0 or level > 0, level, link))
        if link >= 0:
            self.link_texts[link].append(text)

    def open_link(self, href: str, image_alt: str) -> None:
        self.links.append(Link(href.strip(), image_alt, self.bold > 0 or bool(self.heading)))
        self.link_texts.append([])
        self.anchor.append(len(self.links) - 1)

    def close_link(self) -> None:
        index = self.anchor.pop()
        link = self.links[index]
        words = squash("".join(self.link_texts[index]))
        if words:
            link.text = words
            link.bold = link.bold or all(
                p.bold for p in self.pieces if p.link == index and p.text.strip()
            )
        else:
            link.image_only = True

    def flush(self) -> None:
        if not self.pieces:
            if not self.anchor:
                self.links.clear()
                self.link_texts.clear()
            return
        text = squash("".join(p.text for p in self.pieces))
        if text:
            real = [p for p in self.pieces if p.text.strip()]
            levels = [p.level for p in real]
            level = min(levels) if levels and all(levels) else 0
            bold = all(p.bold for p in real)
            links = [lk for lk in self.links if lk.href]
            lead = None
            first_real = next((p for p in real if _wordy(p.text)), None)
            if first_real is not None and first_real.link >= 0:
                lead = self.links[first_real.link]
            bold_lead = ""
            if not bold and real and real[0].bold and real[0].link < 0:
                head = []
                for p in real:
                    if not p.bold or p.link >= 0:
                        break
                    head.append(p.text)
                bold_lead = squash("".join(head))
            block = Block(text, links, level, bold, self.lists > 0, lead)
            block.bold_lead = bold_lead
            self.blocks.append(block)
        self.pieces.clear()
        # Links still open (an <a> wrapping block children) keep their index valid.
        if not self.anchor:
            self.links.clear()
            self.link_texts.clear()


def _wordy(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def html_blocks(markup: str) -> list[Block]:
    """The reading-order blocks of an HTML document. Never raises on bad markup."""
    markup = markup[:MAX_HTML]
    if not markup.strip():
        return []
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return []
    b = _Builder()
    walker = etree.iterwalk(root, events=("start", "end"))
    budget = MAX_ELEMENTS
    skipped: set[int] = set()
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            budget -= 1
            if budget < 0:
                break
            if not tag or tag in _SKIP_TAGS or _hidden(el):
                # Comments and skipped subtrees: only their tail is text we keep.
                walker.skip_subtree()
                skipped.add(id(el))
                continue
            _start(b, el, tag)
        else:
            if id(el) in skipped:
                skipped.discard(id(el))
                b.add(el.tail)
                continue
            _end(b, el, tag)
    b.flush()
    return b.blocks


def _hidden(el: lxml.html.HtmlElement) -> bool:
    style = el.get("style")
    if style and _HIDDEN.search(style):
        return True
    return el.get("hidden") is not None or (
        el.get("aria-hidden") == "true" and not el.text_content()
    )


def _start(b: _Builder, el: lxml.html.HtmlElement, tag: str) -> None:
    if tag in _BLOCK_TAGS or tag == "br":
        b.flush()
    if tag in ("ul", "ol", "dl"):
        b.lists += 1
    if tag in _HEADINGS:
        b.heading.append(_HEADINGS[tag])
    if tag in _BOLD_TAGS or _BOLD_STYLE.search(el.get("style") or ""):
        b.bold += 1
        el.set("data-gl-bold", "1")
    if tag == "a":
        alt = ""
        for img in el.iter("img"):
            alt = img.get("alt") or ""
            break
        b.open_link(el.get("href") or "", alt)
    b.add(el.text)
    if tag == "img" and not b.anchor:
        b.add("")


def _end(b: _Builder, el: lxml.html.HtmlElement, tag: str) -> None:
    if tag == "a" and b.anchor:
        b.close_link()
    if el.get("data-gl-bold"):
        b.bold -= 1
    if tag in _HEADINGS and b.heading:
        b.heading.pop()
    if tag in ("ul", "ol", "dl"):
        b.lists -= 1
    if tag in _BLOCK_TAGS or tag == "br":
        b.flush()
    b.add(el.tail)


def furniture_class(el: lxml.html.HtmlElement) -> bool:
    return bool(_FURNITURE.search((el.get("class") or "") + " " + (el.get("id") or "")))
