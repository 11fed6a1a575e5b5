"""Flatten an HTML email into an ordered list of text blocks with their links.

Newsletter HTML is nested layout tables; what matters is the reading order of
paragraph-sized blocks, whether a block is a heading or bold, and which links it holds.
The tree is walked once, without recursion (deep nesting cannot blow the stack;
libxml2 itself caps depth at 256), and the walk stops after a fixed budget of elements,
so huge documents cannot hang a parser. The walk runs compiled (``_blockwalk.pyx``, which
reads libxml2's node structs directly) when that extension is built, and otherwise in
Python below with lxml's ``iterwalk``; both give the same blocks.

lxml is used directly (its plain etree HTML parser) rather than through BeautifulSoup: building a bs4 tree costs
several times the lxml parse, and the parse step has a 3x-lxml budget (bench/parse.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import lxml.etree as etree  # type: ignore[import-untyped]  # lxml ships no stubs

from parsers.covers import cover_for
from parsers.text import BARE_NUMBER, numbered_entry, squash

_compiled_walk: Callable[..., list[Any]] | None
_compiled_sized: Callable[[Any, Callable[[str], bool]], list[Any]] | None
try:
    # The same walk compiled (setup.py builds it, see its docstring): several times faster.
    from parsers._blockwalk import walk as _compiled_walk
except ImportError:  # built wherever a C compiler is present
    _compiled_walk = None
try:
    # The large-type lookup of ``_bold_large_type`` compiled (a build older than it has
    # the walk only).
    from parsers._blockwalk import large_styled as _compiled_sized
except ImportError:
    _compiled_sized = None

MAX_HTML = 3_000_000
MAX_ELEMENTS = 60_000
# lxml refuses str input that declares an encoding (XHTML from docutils and older tools).
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_PARSER = etree.HTMLParser(recover=True, no_network=True, remove_comments=True, remove_pis=True)
_PARSER_UTF8 = etree.HTMLParser(
    recover=True, no_network=True, remove_comments=True, remove_pis=True, encoding="utf-8"
)

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
_LIST_TAGS = frozenset(["ul", "ol", "dl"])
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all|max-height\s*:\s*0(?![.\d])", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)


def _aria_level(el: etree._Element) -> int:
    """The level of a block marked ``role="heading"`` (a table or div drawn as a heading in
    email templates): its ``aria-level``, 2 when absent or out of range, as ARIA defines."""
    level = el.get("aria-level") or ""
    return int(level) if level.isdigit() and 1 <= int(level) <= 6 else 2


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
    list_depth: int = 0
    """How many lists the block sits in (2: a sub-bullet)."""
    image: bool = False
    """The alt text of an image alone in its block, no link around it (``_image_headings``)."""


# A run of text as (text, bold, heading level, index of its link or -1).
_Piece = tuple[str, bool, int, int]


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.pieces: list[_Piece] = []
        self.links: list[Link] = []
        self.link_texts: list[list[str]] = []
        self.link_plain: list[bool] = []
        """Per link: some of its words are not bold (tracked as text arrives: O(1) per piece)."""
        self.bold = 0
        self.heading: list[int] = []
        self.anchor: list[int] = []
        self.lists = 0
        self.covers: list[Link] = []
        """Image links alone before the next block: a cover, whose alt may name its title."""

    def add(self, text: str) -> None:
        if not self.pieces and text.isspace():
            return  # indentation between tags, before any words of the block
        level = min(self.heading) if self.heading else 0
        link = self.anchor[-1] if self.anchor else -1
        bold = self.bold > 0 or level > 0
        self.pieces.append((text, bold, level, link))
        if link >= 0:
            self.link_texts[link].append(text)
            if not bold and not text.isspace():
                self.link_plain[link] = True

    def open_link(self, href: str, image_alt: str) -> None:
        self.links.append(Link(href.strip(), image_alt, self.bold > 0 or bool(self.heading)))
        self.link_texts.append([])
        self.link_plain.append(False)
        self.anchor.append(len(self.links) - 1)

    def close_link(self) -> None:
        index = self.anchor.pop()
        link = self.links[index]
        words = squash("".join(self.link_texts[index]))
        if words:
            link.text = words
            link.bold = link.bold or not self.link_plain[index]
        else:
            link.image_only = True

    def image(self, alt: str) -> None:
        """An image alone where a block would start, no link around it: its alt text as a
        block of its own, kept only when it reads as a heading (``_image_headings``)."""
        text = squash(alt)
        if _wordy(text):
            block = Block(text, [], 0, False, self.lists > 0, None)
            block.list_depth = self.lists
            block.image = True
            self.blocks.append(block)

    def flush(self) -> None:
        if not self.pieces:
            if not self.anchor:
                covers = [lk for lk in self.links if lk.image_only and lk.href and lk.text]
                self.covers = covers or self.covers
                self.links.clear()
                self.link_texts.clear()
                self.link_plain.clear()
            return
        text = squash("".join(p[0] for p in self.pieces))
        if text:
            real = [p for p in self.pieces if not p[0].isspace()]
            levels = [p[2] for p in real]
            level = min(levels) if levels and all(levels) else 0
            bold = all(p[1] for p in real)
            links = [lk for lk in self.links if lk.href]
            lead = None
            first_real = next((p for p in real if _wordy(p[0])), None)
            if first_real is not None and first_real[3] >= 0:
                lead = self.links[first_real[3]]
            bold_lead = ""
            # Emoji and bullets before the bold words ("🚀 **Title** — …") do not count.
            opening = real[real.index(first_real) :] if first_real is not None else []
            if not bold and opening and opening[0][1] and opening[0][3] < 0:
                head = []
                for p in opening:
                    if not p[1] or p[3] >= 0:
                        break
                    head.append(p[0])
                bold_lead = squash("".join(head))
            if not any(not lk.image_only for lk in links):
                # The cover before the title, in a block of its own or in the title's.
                cover = cover_for(text, [*self.covers, *links]) if self.covers or links else None
                if cover is not None:  # "Cover of Salt Roads" over "Salt Roads: How …"
                    lead = Link(cover.href, text, bold)
                    links = [lead]
            self.covers = []
            block = Block(text, links, level, bold, self.lists > 0, lead)
            block.bold_lead = bold_lead
            block.list_depth = self.lists
            self.blocks.append(block)
        self.pieces.clear()
        for index in self.anchor:
            self.link_texts[index].append(" ")  # a link spanning blocks: words stay apart
        # Links still open (an <a> wrapping block children) keep their index valid.
        if not self.anchor:
            self.links.clear()
            self.link_texts.clear()
            self.link_plain.clear()


def _wordy(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def html_blocks(markup: str) -> list[Block]:
    """The reading-order blocks of an HTML document. Never raises on bad markup."""
    return walk_blocks(parse_html(markup))


# The last document parsed and its tree. The registry may run several parsers on one
# email, each parsing its HTML (hf_papers reads a papers digest's cards to decide whether
# it is one, and the generic parser then reads the same HTML): the same str object
# (the email's ``html``) gives the same tree, which its readers only read.
_last_tree: tuple[str, Any] | None = None


def parse_html(markup: str, shared: bool = True) -> Any:
    """lxml's tree of an HTML document (capped at MAX_HTML), or None for empty or
    unparseable markup. Parse once: ``walk_blocks`` and the sponsor-logo lookup
    (``generic.logo_finder``) both read the same tree, and so do the parsers after the
    first that read this ``markup`` (``_last_tree``). A caller that changes the tree
    asks for one of its own (``shared=False``)."""
    global _last_tree
    last = _last_tree
    if shared and last is not None and last[0] is markup:
        return last[1]
    root = parse_fresh(markup)
    if shared:
        _last_tree = (markup, root)
    return root


def forget_tree() -> None:
    """Let the shared tree go (``registry.parse`` does, once an email is read): it is
    freed with its email, not kept until the next one."""
    global _last_tree
    _last_tree = None


def parse_fresh(markup: str) -> Any:
    """``parse_html`` without the shared tree: the reference it must equal."""
    markup = _XML_DECL.sub("", markup[:MAX_HTML], count=1)
    if not markup or markup.isspace():
        return None
    try:
        # Plain etree elements: lxml.html's element-class lookup is a Python call per element.
        return read_html(markup, _PARSER, _PARSER_UTF8)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def read_html(markup: str, parser: Any, utf8: Any) -> Any:
    """``etree.fromstring(markup, parser)``, raising what it raises; ``utf8`` is the same
    parser made with ``encoding="utf-8"``.

    lxml hands a str that is not ASCII to libxml2 in the str's own storage (Latin-1,
    UTF-16 or UCS-4) for libxml2 to convert, and converting UCS-4 (an email holding one
    emoji) made the parse half as dear again. The same text as UTF-8 bytes, its encoding
    stated (so a ``<meta charset>`` is ignored, as it is for a str), is the same input
    to the parser: lxml itself hands an ASCII str over as UTF-8. Two kinds of str go as
    they are: one opening with "<?" (lxml refuses a str declaring its encoding, and would
    read the bytes), and one holding a lone surrogate (no UTF-8 for it)."""
    if not markup.isascii() and not markup.startswith("<?"):
        try:
            data = markup.encode("utf-8")
        except UnicodeEncodeError:
            pass
        else:
            return etree.fromstring(data, utf8)
    return etree.fromstring(markup, parser)


def walk_blocks(root: Any) -> list[Block]:
    """The reading-order blocks under ``root`` (none for None)."""
    if root is None:
        return []
    marked = _bold_large_type(root)
    if _compiled_walk is not None:
        blocks: list[Block] = _compiled_walk(root, Block, Link, _HIDDEN, _BOLD_STYLE, MAX_ELEMENTS)
    else:
        blocks = walk_python(root)
    # The tree may be read again (``parse_html`` shares it between parsers): as parsed.
    for el, style in marked:
        el.set("style", style)
    return _numbered_titles(
        _numbered_leads(_without_credits(join_split_links(_image_headings(blocks))))
    )


# "font-size:19px", "font-size: 14.0pt", "font-size:x-large": type set larger than body
# text (emails set theirs at 11-16px, 9-12pt).
_FONT_SIZE = re.compile(r"font-size\s*:\s*(?:(\d{1,3}(?:\.\d+)?)\s*(px|pt)|(x{0,2}-?large))", re.I)
_LARGE_PX = 17.0
_LARGE_TEXT = 80
# A line ending so is a sentence or a greeting, never a heading.
_SENTENCE_END = (".", ",", ";", "!", "…")
_SIZED = etree.XPath("//@style[contains(., 'font-size')]")


def _bold_large_type(root: Any) -> list[tuple[Any, str]]:
    """A short line alone in its block (or between line breaks), set in large type by an
    inline style and nothing else (no bold, no heading tag: a builder's rich-text span
    `<span style="font-size:18pt;color:#e67e23">Releases</span>`, Outlook's `<span
    style='font-size:14.0pt;color:#C00000'>Agenda</span>`, a cell `<td style="font-size:19px;
    color:#00897b">Termine</td>`) is as bold as a heading drawn in bold: it is marked bold
    in the tree, for both block walks.
    A linked line keeps its own reading (a card's title in large type), and so does a
    sentence ("Thanks for reading."), and so does a document with one such line only (a
    digest's title over its list): a builder's headings repeat their style.
    Returns the elements marked, each with its style as it was."""
    if _compiled_sized is not None:
        sized = _compiled_sized(root, _large)
    else:
        sized = large_styled_python(root)
    lines = [el for el in sized if _large_line(el)]
    if len(lines) < 2:
        return []
    marked = [(el, el.get("style") or "") for el in lines]
    for el, style in marked:
        el.set("style", style + ";font-weight:700")
    return marked


def large_styled_python(root: Any) -> list[Any]:
    """The elements of ``root``'s document whose inline style sets large type, in
    document order: the reference ``_blockwalk.large_styled`` must match (it reads the
    same attributes from libxml2's structs, without this XPath's Python object for every
    sized cell)."""
    found = []
    # The style attributes, not their elements: XPath tests an attribute's own text, where
    # ``contains(@style, …)`` converts every element's attribute set (half the time again).
    # Builders repeat a few styles on every cell: each is judged once.
    large: dict[str, bool] = {}
    for style in _SIZED(root):
        value = str(style)
        big = large.get(value)
        if big is None:
            big = large[value] = _large(value)
        if big:
            found.append(style.getparent())
    return found


def _large_line(el: Any) -> bool:
    """``el`` holds a whole line of its block, its words sized by ``el`` alone, and no
    link (see ``_bold_large_type``)."""
    text = _short_text(el)
    # ``next(el.iterdescendants(tag))`` is ``el.find(".//a")`` without ElementPath's path
    # machinery (half the time).
    if text is None or not _heading_words(text) or next(el.iterdescendants("a"), None) is not None:
        return False
    if next(el.iterdescendants("br"), None) is not None:
        return False  # "Cheers,<br>— Nadia": lines of a sign-off
    if any(_FONT_SIZE.search(d.get("style") or "") for d in el.iterdescendants()):
        return False  # its words are sized again inside: those elements decide
    if any(a.tag == "a" for a in el.iterancestors()):
        return False
    if el.tag in _BLOCK_TAGS:
        return True
    block = _block_of(el)
    return block is not None and _line_of(el, block) == text  # not words inside a sentence


# The most elements ``_line_of`` reads in a block (one cell holding a whole issue).
_LINE_BUDGET = 3000


def _line_of(el: Any, block: Any) -> str | None:
    """The words of the line of ``block`` that holds ``el`` (lines end at a ``<br>`` and at
    nested blocks), or None when ``el`` spans lines or the block is too big to read."""
    lines: list[list[str]] = [[]]
    at = -1
    closed = False  # el has ended: the line is over at the next break
    budget = _LINE_BUDGET
    for event, node in etree.iterwalk(block, events=("start", "end")):
        budget -= 1
        if budget < 0:
            return None
        tag = node.tag
        breaks = node is not block and (tag == "br" or tag in _BLOCK_TAGS)
        if event == "start":
            if breaks:
                if closed:
                    break
                lines.append([])
            if node is el:
                at = len(lines) - 1
            if isinstance(tag, str) and tag not in _SKIP_TAGS and node.text:
                lines[-1].append(node.text)
            continue
        if node is el:
            if at != len(lines) - 1:
                return None  # a break inside el
            closed = True
        elif breaks and tag != "br":
            if closed:
                break
            lines.append([])
        if node is not block and node.tail:
            lines[-1].append(node.tail)
    return squash("".join(lines[at])) if closed else None


def _large(style: str) -> bool:
    m = _FONT_SIZE.search(style)
    if m is None:
        return False
    if m.group(3):
        return True
    size = float(m.group(1))
    return size * 4 / 3 >= _LARGE_PX if m.group(2).lower() == "pt" else size >= _LARGE_PX


def _short_text(el: Any) -> str | None:
    """The element's words, squashed, or None past ``_LARGE_TEXT`` characters (read no
    further: a big cell holding a whole story)."""
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        size += len(piece)
        if size > 4 * _LARGE_TEXT:
            return None
        parts.append(piece)
    text = squash("".join(parts))
    return text if len(text) <= _LARGE_TEXT else None


def _heading_words(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and not text.endswith(_SENTENCE_END)


def _block_of(el: Any) -> Any:
    for parent in el.iterancestors():
        if parent.tag in _BLOCK_TAGS:
            return parent
    return None


def _numbered_leads(blocks: list[Block]) -> list[Block]:
    """ "1、<a>Title</a>（英文）", "（3）<a>Title</a> — …": the number is the entry's, the
    link right after it opens the block like a listed link (the number stays in the text:
    ``numbered_entry`` finds it again)."""
    for block in blocks:
        if block.lead is not None or block.level or not block.links:
            continue
        m = numbered_entry(block.text)
        if m is None:
            continue
        link = block.links[0]
        if link.text and not link.image_only and block.text.startswith(link.text, m.end()):
            block.lead = link
    return blocks


# "1 US regulators fine a chipmaker": a bold line opening with the entry's number and a
# space only (no "." or ")"), its link in the prose under it (``text.BARE_NUMBER``).
_TITLE_RUN = 3


def _numbered_titles(blocks: list[Block]) -> list[Block]:
    """Bold lines without a link numbered "1 Title", "2 Title", "3 Title" … in order (three
    or more), each over the prose citing its story (a daily briefing's list): the numbers
    count the entries and leave their titles. A bold line alone opening with a number
    ("10 tools we liked") keeps it."""
    run: list[tuple[Block, int]] = []
    for block in blocks:
        if not block.bold or block.level or block.links:
            continue
        m = BARE_NUMBER.match(block.text)
        if m is None:
            continue
        number = int(m.group(1))
        if number == len(run) + 1:
            run.append((block, m.end()))
        elif number == 1:  # a new list: the run before it is over
            _strip_numbers(run)
            run = [(block, m.end())]
    _strip_numbers(run)
    return blocks


def _strip_numbers(run: list[tuple[Block, int]]) -> None:
    if len(run) >= _TITLE_RUN:
        for block, end in run:
            block.text = block.text[end:]


# A photo's credit line under it ("Photo: Getty Images", "Illustration by Ana Ruiz"): part
# of the picture, like its alt text, so no block (it would make the headline over the
# picture a section heading with a short line under it).
_CREDITS = (
    "photo:",
    "photo by ",
    "photo credit",
    "photograph:",
    "photograph by ",
    "photos:",
    "image:",
    "image credit",
    "illustration:",
    "illustration by ",
    "credit:",
    "foto:",
    "fotos:",
    "bild:",
    "crédit photo",
    "photo :",
)


def _without_credits(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if not _credit(b)]


def _credit(block: Block) -> bool:
    text = block.text
    return (
        text[:1] in "PpIiCcFfBb"
        and len(text) <= 80
        and not block.links
        and not block.level
        and text.lower().startswith(_CREDITS)
    )


def join_split_links(blocks: list[Block]) -> list[Block]:
    """One link written as two anchors side by side ("<a>Alexa gets AI skills: </a><a>characters,
    music and 20-questions</a>": an editor splits a link where its formatting changes),
    both to one address, is one link of both their words."""
    for block in blocks:
        links = block.links
        if len(links) < 2:
            continue
        i = 0
        while i + 1 < len(links):
            one, two = links[i], links[i + 1]
            if one.href != two.href or one.image_only or two.image_only:
                i += 1
                continue
            joined = f"{one.text} {two.text}"
            if joined in block.text or (joined := one.text + two.text) in block.text:
                links[i] = Link(one.href, joined, one.bold and two.bold)
                del links[i + 1]
                lead = block.lead
                if lead is not None and lead.href == one.href and lead.text == one.text:
                    block.lead = links[i]
            else:
                i += 1
    return blocks


def _image_headings(blocks: list[Block]) -> list[Block]:
    """Images set as headings (a title drawn as a picture, its words in the alt text), each
    over its prose and a button, two or more: bold lines, so read as headings. Every other
    image's alt text (photos, captions, logos) is no block."""
    if not any(block.image for block in blocks):
        return blocks
    heads = [j for j, block in enumerate(blocks) if block.image and _image_heading(blocks, j)]
    for j in heads if len(heads) >= 2 else ():
        blocks[j].bold = True
        blocks[j].image = False
    return [block for block in blocks if not block.image]


def _image_heading(blocks: list[Block], j: int) -> bool:
    """A short alt text, no sentence ("Planting garlic before the first frost"), right over
    prose without links, then a button alone ("Read the post")."""
    text = blocks[j].text
    if not (2 <= len(text.split()) <= 12) or len(text) > 90 or text.endswith("."):
        return False
    prose = blocks[j + 1] if j + 1 < len(blocks) else None
    if prose is None or prose.image or prose.links or prose.level or len(prose.text) < 60:
        return False
    for block in blocks[j + 2 : j + 4]:
        if block.image or block.level:
            return False
        if block.links:
            return (
                len(block.links) == 1
                and squash(block.text) == squash(block.links[0].text)
                and len(block.text.split()) <= 5
            )
    return False


def _wraps_table(a: etree._Element) -> etree._Element | None:
    """The ``<table>`` an empty link was written around, if that is what ``a`` is.

    libxml2 cannot nest a table in a link: ``<a href=…><table>card</table></a>`` comes out
    as an empty ``<a>`` followed by the table (the ``</a>`` is dropped). An email builder
    writes that to make a whole card one link; read back this way, the card's words are
    the link's again. A link with words or an image of its own is left as it is."""
    if len(a) or (a.text and not a.text.isspace()) or (a.tail and not a.tail.isspace()):
        return None
    if not a.get("href"):
        return None
    table = a.getnext()
    if table is None or table.tag != "table":
        return None
    style = table.get("style")
    if table.get("hidden") is not None or (style and _HIDDEN.search(style)):
        return None  # a skipped subtree: its end never comes
    return table


def walk_python(root: etree._Element) -> list[Block]:
    """The block walk in Python: the reference ``parsers/_blockwalk.pyx`` must match."""
    b = _Builder()
    walker = etree.iterwalk(root, events=("start", "end"))
    budget = MAX_ELEMENTS
    skipped: set[int] = set()
    bolded: set[int] = set()
    # Tables whose end closes a link that libxml2 closed at their start (see _wraps_table).
    wrapped: list[etree._Element] = []
    # The hot loop of the parse step: one pass, local names, cheap checks first.
    block_tags, headings, lists, skip_tags = _BLOCK_TAGS, _HEADINGS, _LIST_TAGS, _SKIP_TAGS
    add, flush = b.add, b.flush
    # Most block tags open or close with nothing pending: skip the call then.
    pieces, links = b.pieces, b.links
    for event, el in walker:
        tag = el.tag
        if event == "start":
            budget -= 1
            if budget < 0:
                break
            style = el.get("style")
            if (
                not isinstance(tag, str)
                or tag in skip_tags
                or (
                    style
                    and ("none" in style or "hide" in style or "max-height" in style)
                    and _HIDDEN.search(style)
                )
                or el.get("hidden") is not None
            ):
                # Comments and skipped subtrees: only their tail is text we keep.
                walker.skip_subtree()
                skipped.add(id(el))
                continue
            if tag in block_tags:
                if pieces or links:
                    flush()
                if tag in lists:
                    b.lists += 1
                elif tag in headings:
                    b.heading.append(headings[tag])
                elif el.get("role") == "heading":
                    b.heading.append(_aria_level(el))
            if tag in _BOLD_TAGS or (style and "weight" in style and _BOLD_STYLE.search(style)):
                b.bold += 1
                bolded.add(id(el))
            if tag == "a":
                alt = ""
                for img in el.iter("img"):
                    alt = img.get("alt") or ""
                    break
                b.open_link(el.get("href") or "", alt)
            elif tag == "img" and not (pieces or links or b.anchor):
                b.image(el.get("alt") or "")
            elif tag == "br" and (pieces or links):
                flush()
            if el.text:
                add(el.text)
        else:
            if id(el) in skipped:
                skipped.discard(id(el))
                if el.tail:
                    add(el.tail)
                continue
            if tag == "a" and b.anchor:
                table = _wraps_table(el)
                if table is None:
                    b.close_link()
                else:
                    wrapped.append(table)
            elif wrapped and el is wrapped[-1]:
                wrapped.pop()
                if b.anchor:
                    b.close_link()
            if bolded and id(el) in bolded:
                bolded.discard(id(el))
                b.bold -= 1
            if tag in block_tags:
                if (
                    tag in headings or (tag not in lists and el.get("role") == "heading")
                ) and b.heading:
                    b.heading.pop()
                elif tag in lists:
                    b.lists -= 1
                if pieces or links:
                    flush()
            if el.tail:
                add(el.tail)
    b.flush()
    return b.blocks
