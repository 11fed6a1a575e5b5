"""Papers digests without a table: each paper a card, a list entry or a run of lines.

A daily papers email is a sequence of papers, each *anchored* by links to the paper:
its Hugging Face page (``huggingface.co/papers/<id>``) and/or its arXiv page
(``arxiv.org/abs|pdf/<id>``). Both carry the same arXiv id, so the links of one paper
are told apart from the next paper's by that id. Around the anchors sit the title, an
authors line, a summary, and a row of short links and counts ("arXiv · PDF · 👍 42").

The reading, on the blocks of ``htmlblocks`` (HTML), ``markdown`` (Markdown, one block
per source line) or the lines of a plain-text body:

- a link to a paper whose text is words, not a label ("arXiv", "PDF", "Discuss on HF",
  "2510.01234") is the paper's title, and starts a new paper;
- a block linking a paper only through labels ("Read more on arXiv or HuggingFace",
  "HF: https://…") belongs to the paper of the same id; when it names a new id, the
  paper's title is found above it: the last numbered line ("2. Title", with a title
  that wraps onto the next line), else the nearer of the last bold line or heading and
  the line above an authors line, else the first line of the last paragraph, else the
  block just above;
- between one paper's title and its last anchor, and after it while its summary is
  still open, lines are the paper's: an authors line (first, "Authors: …" or a short
  run of capitalised names, Hugging Face user names among them), the summary
  (consecutive prose), link rows and counts (dropped from the text; their other links
  go to ``Item.links``); a "Submitted by @user" line is dropped with its profile link;
- after a paper, a heading or a short bold label starts a section; a sponsor label, a
  link of several words to another site (a sponsor's card, a "See all papers" button),
  the newsletter's own promotion or its footer end the paper.

A heading standing alone above the first paper titles the issue (like the heading over
a single table) and is not a section; ``<h1>`` never is one.

The caller decides whether to believe the result: ``Digest.is_digest`` says whether the
papers look like a papers digest (three or more, at least two thirds of them linked
twice, with a vote count, or with a Hugging Face page and authors; at most one other
story link for every two papers), which is what lets the parser claim an email from an
unknown sender. A paper linked once, with no votes, is how any roundup cites a paper.
``may_be_digest`` is the cheap test on the raw body that comes first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bot.models import Email, Item, Kind
from parsers.htmlblocks import html_blocks
from parsers.markdown import markdown_blocks
from parsers.text import (
    MAX_TEXT,
    SPONSOR_SECTION,
    is_boilerplate_link,
    is_dateline,
    is_footer,
    is_outro,
    is_promo,
    link_target,
    squash,
    strip_decoration,
)

# The paper's arXiv id in a link to its Hugging Face page or its arXiv abstract, PDF or
# HTML page (new-style "2510.01234" and old-style "cs/0601001" ids).
_PAPER_ID = re.compile(
    r"(?:(?:huggingface|hf)\.co/papers/|arxiv\.org/(?:abs|pdf|html)/)"
    r"(\d{4}\.\d{4,5}|[a-z-]{2,20}(?:\.[A-Z]{2})?/\d{7})",
    re.I,
)
_MD_LINK = re.compile(r"\[([^\]\n]{0,300})\]\(((?:[^\s()]|\([^\s()]{0,200}\)){1,2000})\)")
_BARE_URL = re.compile(r"https?://[^\s<>\"')\]|]{1,2000}")
# What a link to a paper says when it is a button, not the paper's title.
_LABEL = re.compile(
    r"(?:arxiv|pdf|html|abs|abstract|paper|paper page|page|hf|hf page|hugging ?face"
    r"|(?:discuss|discussion|comments?|read more|view|open|read)(?: (?:it|on|at|in)"
    r"(?: the)? (?:hf|hugging ?face|arxiv|the hub))?|code|github|project(?: page)?|website"
    r"|demo|model|dataset|link|source|full text|doi|alphaxiv|abstract page)"
    r"(?: ?[→›»>])?"
    r"|(?:arxiv:? ?)?\d{4}\.\d{4,5}(?:v\d+)?|https?://\S+|[\w.-]+\.\w{2,}/\S*",
    re.I,
)
# Words a link row or a counts row may hold besides its links: "Read more on … or …",
# "👍 42", "★ 320 upvotes · 41 comments", "Upvotes: 96".
_ROW_WORDS = frozenset(
    ("read", "more", "on", "or", "and", "at", "via", "in", "the", "links", "link", "discuss",
     "discussion", "arxiv", "pdf", "hf", "huggingface", "hugging", "face", "paper", "page",
     "code", "github", "project", "upvotes", "upvote", "votes", "vote", "likes", "like",
     "comments", "comment", "stars", "star", "points", "point", "citations", "citation", "k",
     "views", "downloads", "trending", "submitted")
)  # fmt: skip
_MAX_ROW_LINKS = 12
MAX_PAPERS = 2000
MAX_LINKS = 50
"""An item's links beyond these are not the paper's buttons but junk (or an attack)."""
_NUMBERED = re.compile(r"^\s*(?:#?\d{1,3}[.)]|\(\d{1,3}\)|\[\d{1,3}\])\s+")
# "— 37 upvotes", "(★ 1.2k stars)", or a vote glyph alone before the count ("⭐ 23").
_STATS_TAIL = re.compile(
    r"\s*(?:[—–|·•-]|\(|\[)?\s*(?:(?:[^\w\s]{1,3}\s*)?\d[\d,.]*k?\s*"
    r"(?:upvotes?|votes?|likes?|points?|stars?)\b|(?:👍|▲|⬆️?|★|⭐)\s*\d[\d,.]*k?)[)\]]?\s*$",
    re.I,
)
_READ_MORE = re.compile(r"\(?\s*Read more on\b.*$", re.I | re.S)
# A count closes a title in its last characters: the regex is tried there only (tried
# at every position of a long run of digits or spaces, it took quadratic time).
_STATS_WINDOW = 300


def _stats_tail(text: str) -> re.Match[str] | None:
    return _STATS_TAIL.search(text, max(len(text) - _STATS_WINDOW, 0))


# The label may follow an icon ("👥 Authors: …", "✍️ By …").
_AUTHORS_LABEL = re.compile(r"^(?:[^\w\s]{1,3}\s?)?(?:authors?|by|written by)\s*[:\-–—]?\s+", re.I)
_ET_AL = re.compile(r",?\s*et al\.?$")
_ET_AL_ENDS = ("et al", "et al.")
"""How a text ``_ET_AL`` matches ends (the text stripped: no line end after it for ``$``)."""
_NOT_NAMES = re.compile(r"[.!?;]\s|[:()]|\d{3}")
# Under an "Authors:" label a user name may hold digits ("Jay9999999").
_NOT_NAMES_LABELLED = re.compile(r"[.!?;]\s|[:()]")
_NAME_SPLIT = re.compile(r",|\band\b|&")
# "Submitted by akhaliq": who posted the paper, not its authors; the profile link is
# not one of the paper's.
_SUBMITTER = re.compile(r"^\W*(?:submitted|posted|shared|suggested|added) by\b", re.I)
_PARTICLES = frozenset(
    ("de", "da", "del", "der", "di", "du", "van", "von", "le", "la", "al", "el", "bin", "ibn",
     "dos", "das", "y")
)  # fmt: skip


@dataclass(slots=True)
class Piece:
    """A line of the digest: its words, its links (label, url), and its look."""

    text: str
    links: list[tuple[str, str]]
    level: int = 0
    bold: bool = False
    para_start: bool = False
    """Plain text: a blank line (or a rule) comes before it."""
    ids: list[str] = field(default_factory=list)
    title_link: tuple[str, str] | None = None
    title_id: str = ""
    """The paper the title link names."""
    row: bool = False
    """A link row or a counts row ("arXiv · PDF · 👍 42"), not words of the paper."""


@dataclass(slots=True)
class Paper:
    title: str
    ids: set[str]
    title_link: bool
    first: int
    last: int
    title_pieces: tuple[int, ...] = ()
    head: list[tuple[str, str]] = field(default_factory=list)
    """The links of the title's own piece (the title link and any beside it)."""
    counted: bool = False
    """The title line carries a vote count ("— 37 upvotes")."""
    body: list[Piece] = field(default_factory=list)
    summary: bool = False
    """Its body holds prose besides the authors line."""
    section: str | None = None

    def add(self, p: Piece) -> None:
        self.body.append(p)
        self.summary = self.summary or (not p.row and not _authors(p.text))


@dataclass(slots=True)
class Digest:
    items: list[Item]
    evidence: int
    """Papers linked twice, with a vote count, or with a Hugging Face page and authors."""
    others: int
    """Links of several words to other pages, outside every paper."""

    def is_digest(self) -> bool:
        """Several papers, most of them showing a papers digest's marks, and not much
        else linked: what a daily papers email looks like and a newsletter that cites a
        couple of papers among its stories does not."""
        n = len(self.items)
        return n >= 3 and self.evidence * 3 >= n * 2 and self.others * 2 <= n


def read_email(email: Email) -> Digest:
    """The papers of an email, from its HTML, else its Markdown or plain text."""
    best = Digest([], 0, 0)
    if email.html:
        best = read(html_pieces(email.html))
    if not best.items and email.text:
        best = read(text_pieces(email.text[:MAX_TEXT]))
    return best


def may_be_digest(text: str, raw: bytes | None = None) -> bool:
    """A cheap test on the raw body before any markup is parsed: links to three papers
    or more, and a digest's marks among them (a Hugging Face paper page, most papers
    linked twice in one place, or vote counts). A roundup linking each paper once is not
    read, nor one that lists a paper again under another section: a digest links a
    paper twice in two forms (abstract and PDF, arXiv and Hugging Face) side by side,
    within one card, while a roundup's second listing is a section away.
    Links behind a click tracker that spells out its target
    ("?upn=https%3A%2F%2Farxiv.org%2Fabs%2F…") count too."""
    raw = lowered(text) if raw is None else raw  # the caller may have it already
    if sum(raw.count(prefix) for prefix in _ID_PREFIXES_BYTES) < 3:
        return False  # fewer than three addresses a paper id can follow: not three papers
    # Lower-cased once, then case-sensitive scans: several times faster than re.I.
    low = _lowered_str(text, raw)
    last: dict[str, tuple[int, str]] = {}  # id -> where and in which form it was last linked
    paired: set[str] = set()
    for m in paper_ids(low):
        paper = m.group(1) or m.group(3)
        form = m.group(2) or "hf"  # its Hugging Face page, or arXiv's abs, pdf or html
        seen = last.get(paper)
        if seen is not None and seen[1] != form and m.start() - seen[0] <= _CARD_SPAN:
            paired.add(paper)
        last[paper] = (m.start(), form)
    if len(last) < 3:
        return False
    return (
        "huggingface.co/papers/" in low
        or len(paired) * 3 >= len(last) * 2
        or any(mark in low for mark in _VOTE_MARKS)
        or (("votes" in low or "likes" in low) and _VOTE_COUNT.search(low) is not None)
    )


# How far apart one card's two links to its paper may be (characters of raw markup: an
# email template's inline styles and trackers make a card a couple of kilobytes).
_CARD_SPAN = 2000
_PAPER_ID_LOWER = re.compile(
    r"(?:huggingface|hf)\.co/papers/(\d{4}\.\d{4,5}|[a-z-]{2,20}(?:\.[a-z]{2})?/\d{7})"
    r"|arxiv\.org/(abs|pdf|html)/(\d{4}\.\d{4,5}|[a-z-]{2,20}(?:\.[a-z]{2})?/\d{7})"
)
# Every _PAPER_ID_LOWER match starts with one of these.
_ID_PREFIXES = ("huggingface.co/papers/", "hf.co/papers/", "arxiv.org/")
_ID_PREFIXES_BYTES = tuple(prefix.encode() for prefix in _ID_PREFIXES)


def lowered(text: str) -> bytes:
    """The text as UTF-8 with ASCII letters lower-cased and "%2f" read as "/": where
    ASCII addresses are counted. Every ASCII run of ``text.lower()`` is there as it is
    (only "İ" and the Kelvin sign lower-case into ASCII letters, "i" with a combining dot
    and "k"), and bytes.lower() is ten times faster than str.lower() on text that is
    not ASCII."""
    return text.encode("utf-8", "surrogatepass").lower().replace(b"%2f", b"/")


# The only characters whose lower case is ASCII or more than one character: "İ" ("i"
# and a combining dot) and the Kelvin sign ("k").
_ODD_LOWER = ("\u0130", "\u212a")


def _lowered_str(text: str, raw: bytes) -> str:
    """``text.lower()`` with "%2f" read as "/", for the scans of ``may_be_digest``: on text
    without ``_ODD_LOWER``, ``raw`` (``lowered(text)``) decoded instead, a tenth
    of str.lower()'s cost on text that is not ASCII. The two differ only where a letter
    that is not ASCII keeps its case, the same length and every ASCII character in
    place, and no such letter differs from its lower case in what the scans ask of it
    (an ASCII letter, a digit, a space, a word character, a vote mark)."""
    if any(c in text for c in _ODD_LOWER):
        low = text.lower()
        return low.replace("%2f", "/") if "%2f" in low else low
    return raw.decode("utf-8", "surrogatepass")


def paper_ids(low: str) -> Iterator[re.Match[str]]:
    """``_PAPER_ID_LOWER.finditer(low)``, trying the pattern only where one of its
    prefixes occurs: the regex's own scan tries every position of 300 KB of markup."""
    starts: list[int] = []
    for prefix in _ID_PREFIXES:
        at = low.find(prefix)
        while at >= 0:
            starts.append(at)
            at = low.find(prefix, at + 1)
    end = 0
    for at in sorted(starts):
        if at < end:
            continue  # inside the last match, as finditer would skip it
        m = _PAPER_ID_LOWER.match(low, at)
        if m is not None:
            end = m.end()
            yield m


_VOTE_MARKS = ("upvote", "👍", "▲", "⬆", "★")
_VOTE_COUNT = re.compile(r"\d\s*(?:votes|likes)\b")


# ---- pieces -------------------------------------------------------------------------


def html_pieces(markup: str) -> list[Piece]:
    return [
        Piece(b.text, [(lk.text, lk.href) for lk in b.links if lk.href], b.level, b.bold)
        for b in html_blocks(markup)
    ]


def text_pieces(text: str) -> list[Piece]:
    """Markdown (it has ``[text](url)`` links) one block per source line; plain text one
    piece per line, with its bare URLs as links."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MD_LINK.search(text):
        # Two spaces end every line with a hard break, so that an entry's title, authors,
        # summary and link row stay apart even in a tight list.
        hard = "\n".join(line.rstrip() + "  " if line.strip() else "" for line in text.split("\n"))
        pieces = []
        for b in markdown_blocks(hard):
            links = [(lk.text, lk.href) for lk in b.links if lk.href]
            pieces.append(Piece(b.text, links + _bare_links(b.text, links), b.level, b.bold))
        return pieces
    pieces = []
    gap = True
    for line in text.split("\n"):
        words = squash(line)
        if not words or not any(ch.isalnum() for ch in words):
            gap = True  # a blank line or a rule ("-----", "--")
            continue
        pieces.append(Piece(words, _bare_links(words, []), para_start=gap))
        gap = False
    return pieces


def _bare_links(text: str, known: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """URLs written out in the text, each labelled by the words just before it
    ("arXiv: https://…" is ("arXiv", url)); those already linked are left out."""
    if "http" not in text:
        return []
    seen = {url for _, url in known}
    found: list[tuple[str, str]] = []
    start = 0
    for m in _BARE_URL.finditer(text):
        url = m.group(0).rstrip(".,;:")
        # The words since the last separator or sentence: "… this summer! 📑 Paper:
        # https://…" labels the address "📑 Paper", not with the prose before it.
        before = re.split(r"[|·•,;]| - |[.!?]\s", text[start : m.start()])[-1]
        start = m.end()
        if url in seen:
            continue
        seen.add(url)
        found.append((before.strip(" :-–—()[]"), url))
    return found


# ---- papers -------------------------------------------------------------------------


def read(pieces: list[Piece]) -> Digest:
    for p in pieces:
        _mark(p)
    papers = _papers(pieces)
    if not papers:
        return Digest([], 0, 0)
    others = _assign(pieces, papers)
    items: list[Item] = []
    evidence = 0
    for paper in papers:
        item, marked = _item(paper)
        if item is not None:
            items.append(item)
            evidence += marked
    return Digest(items, evidence, others)


def _mark(p: Piece) -> None:
    """The paper ids the piece links, its title link (words linking a paper), and
    whether it is a row of links and counts."""
    if _SUBMITTER.match(p.text):
        p.links, p.row = [], True
        return
    p.row = _is_row(p)
    seen: set[str] = set()
    for label, url in p.links:
        m = _PAPER_ID.search(link_target(url))
        if m is None:
            continue
        pid = m.group(1).lower()
        if pid not in seen:
            seen.add(pid)
            p.ids.append(pid)
        if p.title_link is None and not _is_label(label):
            p.title_link, p.title_id = (label, url), pid


def _is_label(label: str) -> bool:
    words = strip_decoration(label).strip(" []()|:·•*_").strip()
    if not words or not any(ch.isalpha() for ch in words):
        return True
    return _LABEL.fullmatch(words) is not None


def _papers(pieces: list[Piece]) -> list[Paper]:
    """One paper per title link, and per label-only link row naming a new paper id."""
    papers: list[Paper] = []
    for i, p in enumerate(pieces):
        if not p.ids:
            continue
        cur = papers[-1] if papers else None
        if p.title_link is not None:
            if cur is not None and p.title_id in cur.ids and not cur.title_link:
                cur.last = i  # "Title" above, then "arXiv: <a>Title</a>" of the same paper
                cur.ids.update(p.ids)
                continue
            title = _clean_title(p.title_link[0])
            paper = Paper(title, set(p.ids), True, i, i, (i,), list(p.links))
            paper.counted = _stats_tail(p.text) is not None
            papers.append(paper)
        elif cur is not None and cur.ids.intersection(p.ids):
            cur.last = i
            cur.ids.update(p.ids)
        else:
            papers.append(Paper("", set(p.ids), False, i, i))
        if len(papers) > MAX_PAPERS:
            papers.pop()
            break
    return papers


def _clean_title(text: str) -> str:
    text = _NUMBERED.sub("", squash(text))
    text = _READ_MORE.sub("", text)
    tail = _stats_tail(text)
    text = text[: tail.start()] + text[tail.end() :] if tail else text
    return text.strip(" -–—:|·•*_")


def _assign(pieces: list[Piece], papers: list[Paper]) -> int:
    """Give every piece to its paper, its section or nothing; count the other links.

    The region above each paper's first anchor holds the end of the paper before it
    (its summary when written after the links, its counts), section labels, furniture,
    and for a paper without a title link its title, authors and summary."""
    others = 0
    section: str | None = None
    sections: list[str | None] = []
    headline = False
    prev_end = 0
    for k, paper in enumerate(papers):
        region = list(range(prev_end, paper.first))
        title_at = len(region)
        if not paper.title_link:
            title_at, span = _find_title(pieces, region)
            if span:
                paper.title = _clean_title(" ".join(pieces[j].text for j in span))
                paper.title_pieces = tuple(span)
            else:
                paper.title = _clean_title(_row_residue(pieces[paper.first]))
                paper.title_pieces = (paper.first,)
        tail = _Tail(papers[k - 1] if k else None)
        for j in region[:title_at]:
            label = tail.feed(pieces[j])
            if label:
                section = label
                headline = headline or k == 0
        others += tail.others
        own = [j for j in region[title_at:] if j not in paper.title_pieces]
        own += [j for j in range(paper.first, paper.last + 1) if j not in paper.title_pieces]
        for j in own:
            p = pieces[j]
            if _section_label(p) is None and not _ends_paper(p):
                paper.add(p)
        paper.section = section
        sections.append(section)
        prev_end = paper.last + 1
    tail = _Tail(papers[-1])
    for p in pieces[prev_end:]:
        tail.feed(p)
        if tail.stopped:
            break
    if headline and len({s for s in sections if s}) == 1:
        # One heading over the whole list titles the issue ("Daily Papers").
        for paper in papers:
            paper.section = None
    return others


class _Tail:
    """The pieces after a paper's last anchor: its summary while open, its counts, up to a
    section label, a sponsor, promotion, footer or a link to another page."""

    def __init__(self, paper: Paper | None) -> None:
        self.paper = paper
        self.stopped = paper is None
        self.open = paper is not None and _summary_open(paper)
        self.sponsored = False
        self.others = 0

    def feed(self, p: Piece) -> str | None:
        """Take the piece if it is the paper's; the section it names, if any."""
        label = _section_label(p)
        if label is not None:
            self.stopped = True
            self.sponsored = False
            return label
        if SPONSOR_SECTION.match(p.text):
            self.stopped = self.sponsored = True
            return None
        if not self.stopped and self.paper is not None and not _ends_paper(p):
            paper = self.paper
            if p.row:
                paper.add(p)
                self.open = self.open and not paper.summary
                return None
            if self.open and not (p.para_start and paper.summary):
                paper.add(p)
                return None
        self.stopped = True
        if not self.sponsored:
            self.others += _other_links(p)
        return None


def _find_title(pieces: list[Piece], region: list[int]) -> tuple[int, list[int]]:
    """Where, in the region above a label-only anchor, the paper's title is: the index
    into ``region`` and the pieces it spans (a numbered title may wrap onto a second
    line). ``len(region)`` when there is nothing above."""
    if not region:
        return 0, []
    numbered = [n for n, j in enumerate(region) if _NUMBERED.match(pieces[j].text)]
    if numbered:
        n = numbered[-1]
        span = [region[n]]
        rest = region[n + 1 :]
        # "2. MedVQA-Pro: A Clinician-Verified Benchmark for Radiology" / "Question
        # Answering" / "Authors: …": short lines up to the authors line continue it.
        cut = next((m for m, j in enumerate(rest) if _AUTHORS_LABEL.match(pieces[j].text)), None)
        if cut is None:
            cut = next((m for m, j in enumerate(rest) if _authors(pieces[j].text)), None)
        if cut is not None and cut <= 2 and all(len(pieces[j].text) <= 80 for j in rest[:cut]):
            span += rest[:cut]
        return n, span
    # The last bold line or heading, or the line above the authors line: whichever is
    # nearer the paper's links (a heading further up names the issue or a section).
    candidates = [
        n
        for n, j in enumerate(region)
        if (pieces[j].bold or pieces[j].level > 1)
        and not pieces[j].links
        and len(pieces[j].text.split()) >= 2
        and not is_dateline(pieces[j].text)
        and not SPONSOR_SECTION.match(pieces[j].text)
    ][-1:]
    candidates += [n - 1 for n, j in enumerate(region) if n and _authors(pieces[j].text)][-1:]
    if candidates:
        n = max(candidates)
        return n, [region[n]]
    starts = [n for n, j in enumerate(region) if pieces[j].para_start]
    if starts:
        n = starts[-1]
        return n, [region[n]]
    n = len(region) - 1
    if pieces[region[n]].row or _authors(pieces[region[n]].text):
        n = max(0, n - 1)
    return n, [region[n]]


def _section_label(p: Piece) -> str | None:
    """The section a heading or short bold label names; "" for a heading that is not one
    (the issue's <h1>, a dateline); None when the piece is no label at all."""
    if p.links or p.ids:
        return None
    if not (p.level or (p.bold and len(p.text) <= 60)):
        return None
    if SPONSOR_SECTION.match(p.text):
        return None  # a sponsor's label: ends the paper, names no section of papers
    if p.level == 1 or is_dateline(p.text) or len(p.text) > 60:
        return ""
    return squash(p.text)


def _ends_paper(p: Piece) -> bool:
    """Sponsor labels, promotion, footer, a link of several words to another page."""
    text = p.text
    if SPONSOR_SECTION.match(text) or is_footer(text) or is_promo(text) or is_outro(text):
        return True
    if p.ids or p.row or _authors(text) or _SUBMITTER.match(text):
        return False
    return any(
        len(label.split()) >= 2 and not is_boilerplate_link(label, url) for label, url in p.links
    )


def _other_links(p: Piece) -> int:
    """Links of several words to pages that are not papers, the site's own listings or
    furniture: what a newsletter of stories would be made of."""
    n = 0
    for label, url in p.links:
        target = link_target(url).lower()
        if _PAPER_ID.search(target) or "huggingface.co" in target or "arxiv.org" in target:
            continue
        if len(label.split()) >= 2 and not is_boilerplate_link(label, url):
            n += 1
    return n


def _row_residue(p: Piece) -> str:
    """The piece's words without its link texts, bare URLs and counts."""
    text = p.text
    for label, url in p.links[:_MAX_ROW_LINKS]:
        if label:
            text = text.replace(label, " ", 1)
        text = text.replace(url, " ", 1)
    return squash(text)


def _is_row(p: Piece) -> bool:
    """A link row or a counts row: labels, separators, numbers and count words only."""
    if len(p.links) > _MAX_ROW_LINKS or len(p.text) > 300:
        return False
    if any(not _is_label(label) for label, _ in p.links):
        return False
    words = re.findall(r"[^\W\d_]+", _row_residue(p).lower())
    return all(w in _ROW_WORDS for w in words)


def _summary_open(paper: Paper) -> bool:
    """Lines after the paper's last anchor may still be its summary: when it has none,
    or when the last thing it got was summary prose."""
    if not paper.summary:
        return True
    tail = paper.body[-1]
    return not tail.row and not tail.ids


def _authors(text: str) -> tuple[str, ...]:
    """The names of an authors line ("Authors: A, B", "A, B and C", "Jane Doe"), else ()."""
    m = _AUTHORS_LABEL.match(text)
    body = (text[m.end() :] if m else text).strip()
    if body.endswith(_ET_AL_ENDS):
        # Only then can the regex match (it ends the body); tried at every position of a
        # summary's kilobyte of prose, it was most of the cost of reading a digest.
        body = _ET_AL.sub("", body)
    if not body or len(body) > 400 or (_NOT_NAMES_LABELLED if m else _NOT_NAMES).search(body):
        return ()
    names = [squash(n) for n in _NAME_SPLIT.split(body) if squash(n)]
    if not names:
        return ()
    if m:
        return tuple(names)
    # Without a label: capitalised names ("Ilse de Vries"), or Hugging Face user names
    # among them ("Zhijie Lin, zhenheny"), but not a sentence.
    named = 0
    for name in names:
        words = name.split()
        if len(words) > 5:
            return ()
        if all(w[:1].isupper() or w.lower() in _PARTICLES for w in words):
            named += not any(ch.isdigit() for ch in name)
        elif len(words) > 1:
            return ()
    if named * 2 < len(names) or (len(names) == 1 and len(names[0].split()) < 2):
        return ()
    return tuple(names)


def _item(paper: Paper) -> tuple[Item | None, bool]:
    """The paper as an item, and whether it shows a papers digest's marks."""
    links: list[tuple[str, str]] = []
    authors: tuple[str, ...] = ()
    summary: list[str] = []
    counted = paper.counted
    for p in paper.body:
        if p.ids or p.row:
            counted = counted or (p.row and _has_count(p))
            if not p.row and not p.title_link:
                summary.append(p.text)  # prose citing the paper inline
            _add_links(links, p)
            continue
        if not authors and not summary:
            authors = _authors(p.text)
            if authors:
                continue
        summary.append(p.text)
        _add_links(links, p)
    links = _dedupe(paper.head + links)[:MAX_LINKS]
    paper_links = [lk for lk in links if _PAPER_ID.search(link_target(lk[1]))]
    if not paper.title or not paper_links:
        return None, False
    main = next(
        (lk for lk in paper_links if "arxiv.org/abs/" in link_target(lk[1]).lower()),
        next((lk for lk in paper_links if "arxiv.org" in link_target(lk[1])), paper_links[0]),
    )
    others = tuple(
        (_label(label, url), url)
        for label, url in links
        if (label, url) != main and not is_boilerplate_link(label, url)
    )
    # A paper linked once, with no votes, is how any roundup cites a paper; a digest
    # links it twice (its Hugging Face page and arXiv, or abstract and PDF), counts its
    # votes, or gives its Hugging Face page with its authors.
    hf = any("huggingface.co/papers/" in link_target(u).lower() for _, u in links)
    marked = counted or len(paper_links) >= 2 or (hf and bool(authors))
    item = Item(
        title=paper.title,
        url=main[1],
        blurb=squash(" ".join(summary)),
        section=paper.section,
        kind=Kind.PAPER,
        authors=authors,
        links=others,
    )
    return item, marked


def _has_count(p: Piece) -> bool:
    return re.search(r"\d", _row_residue(p)) is not None


def _add_links(links: list[tuple[str, str]], p: Piece) -> None:
    for label, url in p.links:
        if url.startswith(("http://", "https://")):
            links.append((label, url))


def _dedupe(links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    out = []
    for label, url in links:
        if url not in seen:
            seen.add(url)
            out.append((label, url))
    return out


def _label(label: str, url: str) -> str:
    target = link_target(url).lower()
    if "huggingface.co" in target or "hf.co/" in target:
        return "Hugging Face"
    label = label.strip(" []():")
    if label:
        return label
    if "arxiv.org/pdf/" in target:
        return "PDF"
    if "arxiv.org" in target:
        return "arXiv"
    return url
