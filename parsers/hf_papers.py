"""Hugging Face daily papers digests: a table of papers, in Markdown or HTML.

Columns are found by their header (Title / Authors / Summary, in any order). A Markdown
row may wrap: a line that does not start with ``|`` continues the row above. The title
cell carries "(Read more on [arXiv](…) or [HuggingFace](…))": the arXiv link becomes the
item's URL, the others go to ``Item.links``. A link may also be written out as its
address ("https://arxiv.org/abs/…", "<https://…>") in any cell. Emphasis and code marks
inside a cell are markup, not words of the title.

A digest may split its papers over several tables ("Top papers", "Also today"): every
table with a title column is read, and then the heading above each table is its
papers' section, as is a row holding only a short label ("🔥 Trending") for the rows
below it. In HTML, only a table's own rows count: a layout table wrapping the
papers table (newsletter templates nest them) is not a table of papers.

A digest with no table of papers (each paper a card, a list entry or a run of plain-text
lines) is read by ``hf_cards``. Its papers are believed when the email comes from
Hugging Face (sender or List-Id), or when they look like a papers digest (several
papers, most linked twice or with votes, little else linked): a newsletter citing a
couple of papers among its stories is left to the other parsers.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from dataclasses import dataclass, field

import lxml.etree as etree  # type: ignore[import-untyped]  # lxml ships no stubs

from bot.models import Email, Item, Kind, ParseResult
from parsers import hf_cards
from parsers.base import Match, Stage, result
from parsers.htmlblocks import MAX_HTML, parse_html, read_html
from parsers.naming import newsletter_name
from parsers.text import MAX_TEXT, ODD_FOLDS, find_date, join_wrapped, squash, unwrap_hyphens

# Link targets may hold one level of parentheses (Wikipedia); disjoint alternatives keep
# the match linear even on hostile input such as "[a](" repeated.
_MD_LINK = re.compile(r"\[([^\]\n]{0,300})\]\(((?:[^\s()]|\([^\s()]{0,200}\)){1,2000})\)")
_READ_MORE = re.compile(r"\(?\s*Read more on\b.*$", re.I | re.S)
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_PAPER_LINK = re.compile(r"huggingface\.co/papers/|arxiv\.org/(abs|pdf)/", re.I)
# The column holding the paper's name: "Title", "Paper", "Paper title".
# Bounded by anything but a letter or digit: "__Paper__" (bold) names the column too.
_TITLE_HEAD = re.compile(r"(?<![^\W_])(title|papers?)(?![^\W_])", re.I)
_PAPERS_FOR = re.compile(r"\bPapers for \d{4}-\d\d-\d\d\b")
_HEADER = re.compile(r"^\s*\|?(.*(?<![^\W_])(?:title|papers?)(?![^\W_]).*)\|?\s*$", re.I)
MAX_ROWS = 2000


@dataclass(slots=True)
class Cell:
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)
    # The words with the addresses written out in them kept: a summary's prose
    # ("Code is available at https://…") reads as written; set only when it differs.
    said: str = ""
    # A title cell that also describes the paper (``_lead``): its name and the rest.
    lead: tuple[str, str] | None = None


class HfPapersParser:
    name = "hf_papers"
    version = "1"

    def __init__(self) -> None:
        self._last: tuple[Email, hf_cards.Digest] | None = None
        self._last_tables: tuple[Email, list[Table]] | None = None

    def _tables(self, email: Email) -> list[Table]:
        """``_tables``, once per email (``match`` and ``parse`` both read them)."""
        last = self._last_tables
        if last is not None and last[0] is email:
            return last[1]
        tables = _tables(email)
        self._last_tables = (email, tables)
        return tables

    def _cards(self, email: Email) -> hf_cards.Digest:
        """``hf_cards.read_email``, once per email: ``match`` reads the digest to claim
        it and ``parse`` then needs the same reading."""
        last = self._last
        if last is not None and last[0] is email:
            return last[1]
        digest = hf_cards.read_email(email)
        self._last = (email, digest)
        return digest

    def match(self, email: Email) -> Match | None:
        if _from_hugging_face(email):
            if email.sender.endswith(_HF_DOMAINS):
                return Match(Stage.SENDER, f"sender {email.sender} is a Hugging Face address")
            return Match(Stage.LIST_ID, f"List-Id {email.list_id} is Hugging Face's")
        html, text = (email.html or "")[:300_000], (email.text or "")[:300_000]
        linked = (_links_papers(html), _links_papers(text))
        # The bodies lower-cased once for both counts, when one names arXiv or Hugging Face.
        raws = (hf_cards.lowered(html), hf_cards.lowered(text)) if any(linked) else (b"", b"")
        table = any(linked) and _signature(email, raws)
        cards = 0
        # The tables first: ``parse`` reads them anyway (``_tables`` keeps them), and when
        # there are some, the bodies need no scan for a digest's marks.
        if (not table or not self._tables(email)) and _may_be_cards(html, text, linked, raws):
            # No table of papers: a digest of cards, list entries or plain-text lines?
            digest = self._cards(email)
            cards = len(digest.items) if digest.is_digest() else 0
        subject = re.search(r"\b(daily )?papers\b", email.subject, re.I) is not None
        if cards:
            if subject:
                return Match(Stage.SUBJECT, "subject names papers and the body is a papers digest")
            return Match(
                Stage.SIGNATURE, f"a papers digest: {cards} papers linked to arXiv/Hugging Face"
            )
        if subject and table:
            return Match(Stage.SUBJECT, "subject names papers and the body has a papers table")
        if table:
            return Match(
                Stage.SIGNATURE, "a table with a Title column linking arXiv/Hugging Face papers"
            )
        if (
            not any(linked)
            # The literal first: a regex opening with \b gets no fast literal search.
            and (text.find("Papers for ", 0, 5000) >= 0 or html.find("Papers for ", 0, 5000) >= 0)
            and _PAPERS_FOR.search(text[:5000] + html[:5000])
            and _has_title_header(email)
        ):
            # A day without papers ("No papers today"): the digest's heading over its
            # table's header row, and no row. Its parser says so with no items.
            return Match(Stage.SIGNATURE, "a 'Papers for <date>' digest with an empty table")
        return None

    def parse(self, email: Email) -> ParseResult:
        tables = self._tables(email)
        warnings: list[str] = []
        items: list[Item] = []
        for heading, rows in tables:
            # One table: the heading above it titles the issue ("Papers for 2025-04-14").
            # Several: each heading names its table's papers ("Top papers", "Also today").
            section = heading if len(tables) > 1 else None
            items.extend(_items(rows, warnings, section))
        if not items:
            # Cards, a list or plain-text lines: believed from Hugging Face, or when they
            # look like a papers digest.
            digest = self._cards(email)
            if _from_hugging_face(email) or digest.is_digest():
                items = digest.items
        source = (email.text or "")[:5000] + (email.html or "")[:5000]
        m = re.search(r"Papers for (\d{4}-\d\d-\d\d)", source)
        when = find_date(m.group(1)) if m else None
        when = when or (email.date.date() if email.date else find_date(email.subject, source))
        return result(
            self,
            email,
            family="hf_papers",
            name=_name(email, items, source),
            items=items,
            issue_date=when,
            warnings=tuple(warnings),
        )


_HF_DOMAINS = ("@huggingface.co", ".huggingface.co")
# Its names ("Daily Papers" is Hugging Face's) and its paper pages, plain or inside a
# tracker's address ("…&url=https%3A%2F%2Fhuggingface.co%2Fpapers%2F2601.08812").
_HF_NAMED = re.compile(r"hugging ?face|\bhf\b|\bdaily papers\b", re.I)
_HF_PAGE = re.compile(r"huggingface\.co(?:/|%2f)papers(?:/|%2f)", re.I)


def _name(email: Email, items: list[Item], lead: str) -> str:
    """Hugging Face's digest by its name: sent by Hugging Face, naming it, or linking its
    paper pages. Any other papers digest this parser reads (a "Papers of the Week" table)
    is named as the generic parser names a newsletter: by its sender, else its subject."""
    if (
        _from_hugging_face(email)
        or _HF_NAMED.search(email.subject[:300] + " " + lead[:2000])
        or any(item.url and _HF_PAGE.search(item.url) for item in items)
        or any(_HF_PAGE.search(href) for item in items for _, href in item.links)
    ):
        return "Hugging Face Daily Papers"
    return newsletter_name(email)


def _from_hugging_face(email: Email) -> bool:
    return email.sender.endswith(_HF_DOMAINS) or "huggingface" in email.list_id.lower()


def _tables(email: Email) -> list[Table]:
    """The tables of papers (with a title column) of the HTML, else of the Markdown."""
    tables: list[Table] = []
    if email.html:
        tables = _html_tables(email.html)
    if not tables and email.text:
        tables = _markdown_tables(email.text[:MAX_TEXT].replace("\r\n", "\n"))
    return tables


def _links_papers(body: str) -> bool:
    """The body names arXiv or Hugging Face at all (as written, case and all): the test
    every further look at the body waits for, most mail failing it."""
    return "arxiv.org" in body or "huggingface.co" in body


def _may_be_cards(html: str, text: str, linked: tuple[bool, bool], raws: tuple[bytes, ...]) -> bool:
    """Links to several papers with a digest's marks (``hf_cards.may_be_digest``): only
    then is the email parsed to look for tables and cards, so most mail never is.
    ``linked``: ``_links_papers`` of each body; ``raws``: each body ``hf_cards.lowered``."""
    # Each body on its own: the text alternative repeats every link of the HTML, which
    # would make any email look like one linking each paper twice.
    return any(
        ok and hf_cards.may_be_digest(body, raw)
        for body, ok, raw in zip((html, text), linked, raws, strict=True)
    )


def _signature(email: Email, raws: tuple[bytes, ...]) -> bool:
    """Two links to papers (in the bodies together) and a table headed Title or Paper.
    (The caller has checked that a body names arXiv or Hugging Face.)"""
    html, text = (email.html or "")[:300_000], (email.text or "")[:300_000]
    return _paper_links(html, raws[0]) + _paper_links(text, raws[1]) >= 2 and _has_title_header(
        email
    )


def _paper_links(body: str, raw: bytes, enough: int = 2) -> int:
    """``_PAPER_LINK``'s matches in the body, counted up to ``enough``, links behind a
    click tracker that spells out its target ("?upn=https%3A%2F%2Farxiv…") included. On
    the lower-cased body the three addresses are counted as plain substrings (they
    cannot overlap): a case-insensitive regex scan of 300 KB took most of a millisecond.
    ``raw``: the body as ``hf_cards.lowered`` gives it."""
    if any(c in body for c in ODD_FOLDS):  # the regex's own answer, folds and all
        body = body.replace("%2F", "/").replace("%2f", "/")
        return sum(1 for _ in itertools.islice(_PAPER_LINK.finditer(body), enough))
    # As lower-cased UTF-8: the same ASCII addresses, found as often (no other character
    # lower-cases into theirs but the ones above and "K", which they do not hold), and
    # str.lower() costs 2 ns a character on text that is not ASCII, bytes.lower() 0.2.
    return min(
        raw.count(b"huggingface.co/papers/")
        + raw.count(b"arxiv.org/abs/")
        + raw.count(b"arxiv.org/pdf/"),
        enough,
    )


# A Markdown table's separator row ("|---|:---|", ":--- | :---"), and an HTML table cell
# holding a few words ("<th>Title</th>", "<td><b>Paper</b></td>").
_MD_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*\|[ \t:|-]*\r?$", re.M)
_SHORT_CELL = re.compile(
    r"<t[hd]\b[^>]{0,300}>(?:\s|<[^>]{0,300}>){0,6}([^<]{1,40})(?:\s|<[^>]{0,300}>){0,6}</t[hd]>",
    re.I,
)


def _has_title_header(email: Email) -> bool:
    """A table headed by a column named for the papers ("Title", "Paper", "Paper title"):
    a Markdown header row (the line above a separator row) or a short HTML cell. The word
    "title" anywhere (a ``<title>`` tag, a docinfo table's "Date:" row beside it) is not
    a papers table: docutils' roundups have both."""
    text = (email.text or "")[:300_000]
    if "|" in text:
        for m in _MD_SEPARATOR.finditer(text):
            header = text[text.rfind("\n", 0, max(m.start() - 1, 0)) + 1 : m.start()]
            if "|" in header and _TITLE_HEAD.search(header):
                return True
    html = (email.html or "")[:300_000]
    if "<td" in html or "<th" in html or "<TD" in html or "<TH" in html:
        for m in _SHORT_CELL.finditer(html):
            # As read: "Pa&#8203;per" (a zero-width space, a soft hyphen) is "Paper".
            if _TITLE_HEAD.search(squash(m.group(1))):
                return True
    return False


# A table: the heading above it (None when there is none) and its rows, header first.
Table = tuple[str | None, list[list[Cell]]]
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$")
_SETEXT = re.compile(r"^(?:={3,}|-{3,})$")
_SEPARATOR_ROW = re.compile(r"\|?[\s:|-]+\|?")


def _markdown_tables(text: str) -> list[Table]:
    """Every table with a Title column, header first; wrapped rows joined.

    A row is complete once it holds as many cell separators as the header: a wrapped
    title cell ("...for\n  Autoregressive Image Generation (Read more ...)| authors |")
    continues on the next line, with or without leading pipes. A blank line ends a table.
    """
    tables: list[Table] = []
    rows: list[list[Cell]] = []
    header: list[str] | None = None
    heading: str | None = None
    previous = ""
    needed = 0
    logical: list[str] = []
    total = 0
    headed_only = False  # a blank line right after the header (and separator) rows
    for line in [*text.splitlines(), ""]:
        stripped = line.strip()
        if headed_only and stripped:
            headed_only = False
            if "|" not in stripped:
                header, previous = None, ""  # an empty table ("No papers today" below it)
        if header is None:
            if "|" in stripped and _HEADER.match(stripped):
                header = _split(stripped)
                needed = len(_CELL_SPLIT.findall(stripped))
                rows = [[Cell(h) for h in header]]
                continue
            md = _MD_HEADING.match(stripped)
            if md:
                heading = _unmark(md.group(1))
            elif _SETEXT.match(stripped) and previous and "|" not in previous:
                heading = _unmark(previous)  # "Top papers" underlined with --- or ===
            if stripped:
                previous = stripped
            continue
        if not logical and _SEPARATOR_ROW.fullmatch(stripped) and "-" in stripped:
            continue  # the separator row
        if not stripped:
            if logical:
                rows.append(_md_row(_joined(logical), len(header)))
                logical = []
            if len(rows) > 1:
                tables.append((heading, rows))
                total += len(rows)
                header, previous = None, ""
            else:
                headed_only = True
            continue
        if logical and stripped.startswith("|") and needed and stripped.count("|") >= needed:
            # A new full row starts while the previous one is still short: keep both.
            rows.append(_md_row(_joined(logical), len(header)))
            logical = []
        logical.append(stripped)
        if len(_CELL_SPLIT.findall(" ".join(logical))) >= needed:
            rows.append(_md_row(_joined(logical), len(header)))
            logical = []
        if total + len(rows) > MAX_ROWS:
            tables.append((heading, rows))
            break
    return tables


def _joined(lines: list[str]) -> str:
    """A wrapped row's lines joined with spaces, except after a word broken at its hyphen
    ("…from First-" / "person Video"): the two halves are one word, "First-person"."""
    out = lines[0]
    for line in lines[1:]:
        out = join_wrapped(out, line)
    return out


def _md_row(row: str, width: int) -> list[Cell]:
    """A row's cells; more cells than the header means a "|" the generator did not escape
    in the last column's prose (a summary's "p(x | c)"): those cells are its text again."""
    cells = _split(row)
    if len(cells) > width > 0:
        cells[width - 1 :] = [" | ".join(c for c in cells[width - 1 :] if c)]
    return [_md_cell(c) for c in cells]


def _split(row: str) -> list[str]:
    row = row.strip()
    row = row.removeprefix("|")
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(row)]


# GitHub-style tables break a line inside a cell with an HTML <br>: a space between words.
_BR = re.compile(r"<br\s*/?>", re.I)


def _md_cell(raw: str) -> Cell:
    if "<" in raw:
        raw = _BR.sub(" ", raw)
    links: list[tuple[str, str]] = []
    words: list[str] = []
    at = 0
    for m in _MD_LINK.finditer(raw):
        words.append(_bare_links(raw[at : m.start()], links))
        links.append((_unmark(m.group(1)), m.group(2).strip("<>")))
        words.append(m.group(1))
        at = m.end()
    words.append(_bare_links(raw[at:], links))
    text = _unmark("".join(words))
    lead = _md_lead("".join(words))
    if all(label for label, _ in links):
        return Cell(text, links, lead=lead)  # no address written out
    said = _BARE_URL.sub(lambda m: m.group(1), _MD_LINK.sub(lambda m: m.group(1), raw))
    return Cell(text, links, _unmark(said), lead)


# A title cell that goes on to describe the paper (DAIR.AI's "ML Papers of the Week": a
# Paper column and a Links column, no summary): "1) **Title** - what it does", or, the
# bold lost, "1) Title  What it does" with two spaces between name and description.
_NUMBER = re.compile(r"[ \t]*\d{1,3}[.)][ \t]+")
# A dash, not a colon: "**Q-Sparse**: 1-bit Activations" is one title, its name in bold.
_BOLD_LEAD = re.compile(r"(\*\*|__)(?=\S)([^*_\n]{1,300}?)(?<=\S)\1[ \t]+[-–—][ \t]+(?=\S)")
_DASH = re.compile(r"[ \t]+[-–—][ \t]+(?=\S)")
_TWO_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


def _md_lead(raw: str) -> tuple[str, str] | None:
    """``_lead`` of a Markdown cell's words (links already read as their labels)."""
    number = _NUMBER.match(raw)
    body = raw[number.end() :] if number else raw
    bold = _BOLD_LEAD.match(body)
    if bold:
        return _unmark(bold.group(2)), _unmark(body[bold.end() :])
    if body.startswith(("**", "__")):
        # Only the name in bold ("**Orchard**: Scaling Tree Search - a best-first …"):
        # the title runs to the dash.
        dash = _DASH.search(body, 2, 300)
        if dash:
            return _unmark(body[: dash.start()]), _unmark(body[dash.end() :])
        return None
    return _lead(body)


def _lead(body: str) -> tuple[str, str] | None:
    """A cell's name and description parted by two spaces on one line: the name a few
    words, the description longer. Emphasis or a line wrap is no such parting."""
    gap = _TWO_SPACES.search(body, 0, 200)
    if gap is None or "*" in body[: gap.start()] or "_" in body[: gap.start()]:
        return None
    name, rest = squash(body[: gap.start()]), squash(body[gap.end() :])
    if len(name.split()) > 15 or len(rest) <= len(name) or _READ_MORE.match(rest):
        return None  # "Title  (Read more on arXiv …)": the paper's links, not a description
    return _unmark(name), _unmark(rest)


# A link written out as its address ("https://arxiv.org/abs/2511.04011", or "<https://…>",
# Markdown's autolink): a Links cell may list the paper's pages that way.
_BARE_URL = re.compile(r"<?(https?://[^\s<>|\[\]()]{1,2000})>?")


def _bare_links(text: str, links: list[tuple[str, str]]) -> str:
    """``text`` without the addresses written out in it; each one joins ``links``."""
    if "://" not in text:
        return text
    for m in _BARE_URL.finditer(text):
        links.append(("", m.group(1).rstrip(".,;:")))
    return _BARE_URL.sub(" ", text)


# Emphasis and code marks around words ("**OmniCoder**", "*Less* is more", "`torch.compile`"),
# never inside a word ("snake_case", "2*3*4"). Bounded spans keep every pattern linear.
_MARKS = (
    re.compile(r"(?<![\\`])`{1,2}([^`\n]{1,300}?)`{1,2}"),
    re.compile(r"(?<![\w\\*])\*\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*\*(?![\w*])"),
    re.compile(r"(?<![\w\\_])__(?=\S)([^_\n]{1,300}?)(?<=\S)__(?![\w_])"),
    re.compile(r"(?<![\w\\*])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*\\])\*(?![\w*])"),
    re.compile(r"(?<![\w\\_])_(?=[^\s_])([^_\n]{1,300}?)(?<=[^\s_\\])_(?![\w_])"),
)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+.!|-])")


def _unmark(text: str) -> str:
    """A cell's words without Markdown emphasis, code marks or backslash escapes."""
    if "*" in text or "_" in text or "`" in text:
        for pattern in _MARKS:
            text = pattern.sub(lambda m: m.group(1), text)
    if "\\" in text:
        text = _ESCAPED.sub(lambda m: m.group(1), text)
    return squash(text)


# Comments kept: a cell's text as read from it (``td.text`` stops at a comment).
_TABLE_PARSER = etree.HTMLParser(recover=True, no_network=True)
_TABLE_PARSER_UTF8 = etree.HTMLParser(recover=True, no_network=True, encoding="utf-8")


def _html_tables(markup: str) -> list[Table]:
    shared = parse_html(markup)
    if shared is not None and not _may_head_a_table(shared):
        return []  # no table's first row can name a title column: no second parse
    return _read_tables(markup)


def _read_tables(markup: str) -> list[Table]:
    """The tables of papers in the HTML, read from a tree of their own (comments kept:
    a cell's ``td.text`` stops at one, as ``_html_lead`` reads it)."""
    try:
        root = read_html(
            re.sub(r"^\s*<\?xml[^>]*\?>", "", markup[:MAX_HTML], count=1),
            _TABLE_PARSER,
            _TABLE_PARSER_UTF8,
        )
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    for br in root.iter("br"):
        # "Teaching One Policy<br>to Use": two words. A tail holding a control character
        # (lxml reads it but will not write it back) stays as it is.
        with contextlib.suppress(ValueError):
            br.tail = " " + (br.tail or "")
    tables: list[Table] = []
    total = 0
    for table in root.iter("table"):
        rows: list[list[Cell]] = []
        header_th = False
        for tr in table.iter("tr"):
            if next(tr.iterancestors("table"), None) is not table:
                continue  # a row of a table nested inside this one: not its own row
            tds = [td for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
            if not rows:
                header_th = any(td.tag == "th" for td in tr)
                if tds and not any(_may_name_column(td) for td in tds):
                    break  # no header row, so no papers table: no cell of it needs reading
            cells = [_html_cell(td) for td in tds]
            if cells:
                rows.append(cells)
                if len(rows) == 1 and not _is_header(cells, header_th):
                    break  # no papers table (a layout table): its other rows need no reading
            if total + len(rows) > MAX_ROWS:
                break
        if rows and _is_header(rows[0], header_th):
            tables.append((_heading_before(table), rows))
            total += len(rows)
        if total > MAX_ROWS:
            break
    return tables


_TITLE_WORD = re.compile(r"title|paper", re.I)


def _may_head_a_table(shared: etree._Element) -> bool:
    """Whether some table's first row (its first own row with cells) may be a header
    row (``_is_header``) holding a cell that may name the title column, asked of the
    shared tree (``parse_html``: comments and processing instructions dropped), which the
    block readers of a papers digest parse anyway: a digest of cards (its many layout tables, none a papers table) is then
    parsed once, not again with its comments kept for ``_html_tables``. A necessary
    condition of ``_html_tables`` finding a table, as ``_may_name_column`` is of a cell.

    Both parsers build the same elements from the same character data (libxml2 passes
    over comments when it keeps or drops a blank run, and reads "<?…>" as a comment);
    their texts differ only where ``_read_tables`` writes a space before each <br>'s
    tail (or loses the tail, ``_UNWRITABLE``). So a cell is judged by its words with
    every space taken out: a title word found with the spaces in is found without them,
    and the text is no longer for it."""
    for table in shared.iter("table"):
        for tr in table.iter("tr"):
            if next(tr.iterancestors("table"), None) is not table:
                continue
            tds = [td for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
            if not tds:
                continue
            # ``_is_header``: a one-cell row ("Daily Papers") heads a table only as <th>.
            if (len(tds) >= 2 or tds[0].tag == "th") and any(_may_head(text_of(td)) for td in tds):
                return True
            break
    return False


# What lxml will not write into a tree (control characters, U+FFFE, U+FFFF, surrogates):
# ``_read_tables``'s space before a <br>'s tail holding one fails, and the tail is gone.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _may_head(raw: str) -> bool:
    """``_may_name_column`` of a cell whose text, spaces aside, is ``raw``'s: an entity
    (``squash`` decodes "&#84;itle" anew) may spell anything, and so may a cell where a
    <br>'s tail may be lost (``_UNWRITABLE``); otherwise a title word and fewer than 40
    characters, or a written-out address (cut later, shortening it)."""
    if "&" in raw or _UNWRITABLE.search(raw) is not None:
        return True
    words = squash(raw).replace(" ", "")
    return _TITLE_WORD.search(words) is not None and (len(words) < 40 or "://" in words)


def text_of(el: etree._Element) -> str:
    """``"".join(el.itertext())`` (the reference), written by libxml2 in one call: the
    text of the element's text nodes in document order, a comment's words left out and
    its tail kept, as itertext gives them. A layout table's first cell holds the whole
    email, read again at every level of nesting: itertext handed Python each piece, at
    eight times the cost."""
    text: str = etree.tostring(el, method="text", encoding="unicode", with_tail=False)
    return text


def _may_name_column(td: etree._Element) -> bool:
    """Whether the cell's ``Cell.text`` may be a header naming the title column (under
    40 characters, matching ``_TITLE_HEAD``), decided without reading its links and lead:
    a layout table's first cell may hold the whole email, read again at every level of
    nesting. A necessary condition: False only when ``_is_header`` would find no such cell.
    """
    text = squash(unwrap_hyphens(text_of(td)))
    if "://" not in text:
        return len(text) < 40 and _TITLE_HEAD.search(text) is not None  # Cell.text as is
    if "&" in text:
        return True  # the second squash after the addresses are cut decodes entities anew
    # Cutting the addresses written out turns parts of words holding "://" into spaces
    # and squashes: every other word stays whole, so a match lies inside one of the words
    # here, and those words alone (one space apart) make a lower bound of the length.
    if _TITLE_WORD.search(text) is None:
        return False
    return sum(len(word) + 1 for word in text.split() if "://" not in word) <= 40


def _html_cell(td: etree._Element) -> Cell:
    """A cell's words and links; an address written out as text (not inside an ``<a>``)
    is a link too, and not words of the cell."""
    links = [(squash("".join(a.itertext())), (a.get("href") or "").strip()) for a in td.iter("a")]
    raw = text_of(td)
    text = squash(unwrap_hyphens(raw))  # a title wrapped in the source at its hyphen
    lead = _html_lead(td, raw)
    if "://" in text:
        bare: list[tuple[str, str]] = []
        for piece in td.xpath(".//text()[not(ancestor::a)]"):
            _bare_links(str(piece), bare)
        if bare:
            links += bare
            for _, url in bare:
                text = text.replace(url, " ")
            text = squash(text)
    return Cell(text, links, lead=lead)


def _html_lead(td: etree._Element, raw: str) -> tuple[str, str] | None:
    """``_lead`` of an HTML cell: its opening bold words (after a number, if any) followed
    by a dash and the description, else a name and description parted by two spaces."""
    number = _NUMBER.match(td.text or "")
    if (td.text or "").strip() and not (number and number.end() == len(td.text or "")):
        return _lead(raw[number.end() :] if number else raw)
    first = next((child for child in td if isinstance(child.tag, str)), None)
    if first is not None and first.tag in ("strong", "b"):
        name = squash("".join(first.itertext()))
        tail = first.tail or ""
        after = list(first.itersiblings())
        while after and not isinstance(after[0].tag, str):
            # "<strong>Title</strong><!-- --> - <!-- -->what it does": a comment (React's
            # text separator) between the words; its tail goes on with them.
            tail += after.pop(0).tail or ""
        dash = _DASH.match(tail)
        if name and dash:
            rest = tail[dash.end() :] + "".join(
                ("".join(el.itertext()) if isinstance(el.tag, str) else "") + (el.tail or "")
                for el in after
            )
            return name, squash(rest)
        return None
    return _lead(raw[number.end() :] if number else raw)


def _is_header(cells: list[Cell], th: bool) -> bool:
    """A header row names a title column among others ("Title | Authors | Summary"); a
    one-cell row ("Daily Papers") is a layout table's banner unless marked up as <th>."""
    if not any(len(c.text) < 40 and _TITLE_HEAD.search(c.text) for c in cells):
        return False
    return len(cells) >= 2 or th


def _heading_before(table: etree._Element) -> str | None:
    """The nearest heading above the table ("Top papers"), if any."""
    found = table.xpath("preceding::*[self::h1 or self::h2 or self::h3 or self::h4][1]")
    if not found:
        return None
    return squash("".join(found[0].itertext())) or None


def _column(header: list[Cell], *names: str) -> int | None:
    for i, cell in enumerate(header):
        if any(name in cell.text.lower() for name in names):
            return i
    return None


def _items(rows: list[list[Cell]], warnings: list[str], section: str | None = None) -> list[Item]:
    if len(rows) < 2:
        return []
    header = rows[0]
    t = _column(header, "title", "paper")
    if t is None:
        return []
    a = _column(header, "author")
    # "Submitted by @user": the submitter's profile is not a link of the paper.
    by = _column(header, "submitted", "submitter", "posted by", "shared by")
    s = _column(header, "summary", "abstract", "tl;dr", "tldr", "description")
    # A Category / Topic column ("Computer Vision", "Multimodal") names each paper's section.
    c = _column(header, "category", "topic")
    items: list[Item] = []
    for row in _join_split_rows(rows[1:], t):
        filled = [c.text for c in row if c.text]
        if not filled and not any(c.links for c in row):
            continue  # a spacer row (an email's "&nbsp;" between papers): no paper
        if len(filled) == 1 and len(filled[0]) <= 80 and not any(c.links for c in row):
            # A group row ("🔥 Trending" across the table, or in one cell of an otherwise
            # empty row): the papers below it are that section's.
            section = filled[0]
            continue
        if t >= len(row):
            warnings.append(f"row {len(items) + 1} has {len(row)} cells, fewer than the header")
            continue
        cell = row[t]
        title = squash(_READ_MORE.sub("", cell.text)).strip(" -–:")
        described = ""
        if cell.lead is not None and (s is None or s >= len(row) or not row[s].text):
            # "1) **Title** - what it does": the name titles the paper, the rest is its
            # summary (only when no Summary column gives one).
            title, described = cell.lead
        if cell.links and cell.links[0][0] and title.startswith(cell.links[0][0]):
            # "**[Title](hf)** [[arXiv](…)]": the linked title, not the link labels after it.
            title = cell.links[0][0]
        elif cell.links:
            title = _without_link_labels(title, cell.links)
        if title[:1] == "[" and "](" in title:
            # "[Title](https://…)" split over two rendered rows: markdown no longer read
            # it as a link, the address alone became one.
            title = title[1 : title.rindex("](")].strip()
        # The links sit in the title cell, in a column of their own ("Links"), or both
        # (the title linking the Hugging Face page, the arXiv link beside it).
        beside = [c for j, c in enumerate(row) if c is not cell and j not in (a, by)]
        row_links = cell.links + [lk for other in beside for lk in other.links]
        # An author's profile is no link of the paper, but the paper's own pages may sit
        # beside the names ("Ana Lima · [arXiv](…) · [HF](…)").
        by_authors = _paper_links_of(row[a]) if a is not None and a < len(row) else []
        row_links += by_authors
        links: list[tuple[str, str]] = []
        for label, url in row_links:
            if url.startswith(("http://", "https://")) and all(url != u for _, u in links):
                links.append((label, url))
        if not title or not links:
            warnings.append(f"row {title[:60]!r} has no title or no link; skipped")
            continue
        # The paper itself: its arXiv page, else its Hugging Face paper page, else the
        # first link (a Links column may list code or a project page first).
        main = next(
            (lk for lk in links if "arxiv.org" in lk[1]),
            next((lk for lk in links if _PAPER_LINK.search(lk[1])), links[0]),
        )
        others = tuple((_label(label, url), url) for label, url in links if (label, url) != main)
        names = row[a].text if a is not None and a < len(row) else ""
        authors = _authors(_without_labels(names, by_authors) if by_authors else names)
        blurb = (row[s].said or row[s].text) if s is not None and s < len(row) else ""
        blurb = blurb or described
        if blurb and s is not None:
            blurb = _without_closing_labels(blurb, _paper_links_of(row[s]))
        items.append(
            Item(
                title=title,
                url=main[1],
                blurb=blurb,
                section=(row[c].text or section) if c is not None and c < len(row) else section,
                kind=Kind.PAPER,
                authors=authors,
                links=others,
            )
        )
    return items


def _opens_split_row(row: list[Cell], t: int) -> bool:
    """The first line of a markdown row whose title wrapped, as GitHub-flavoured markdown
    renders it: the title's first words (after a category, if any) and nothing else. A
    short label alone ("🔥 Trending") is a group row instead."""
    if t >= len(row) or not row[t].text or any(c.links for c in row):
        return False
    if any(c.text for c in row[t + 1 :]):
        return False
    return t > 0 or len(row[t].text) >= 45


def _join_split_rows(rows: list[list[Cell]], t: int) -> list[list[Cell]]:
    """A markdown row whose title cell wrapped is two rows once rendered: the title's
    first line, then a row starting with the rest of the title (its links, the authors and
    summary after it), shifted to the first column when a category column comes first.
    Each such pair is one row again."""
    if not any(_opens_split_row(row, t) for row in rows):
        return rows
    out: list[list[Cell]] = []
    pending: list[Cell] | None = None
    for row in rows:
        if pending is not None and row and row[0].text:
            title = Cell(join_wrapped(pending[t].text, row[0].text), row[0].links)
            row, pending = [*pending[:t], title, *row[1:]], None
        if _opens_split_row(row, t):
            if pending is not None:
                out.append(pending)
            pending = row
            continue
        if pending is not None:
            out.append(pending)
            pending = None
        out.append(row)
    if pending is not None:
        out.append(pending)
    return out


def _paper_links_of(cell: Cell) -> list[tuple[str, str]]:
    return [lk for lk in cell.links if _PAPER_LINK.search(lk[1])]


# What separates a link from the names beside it: "·", "|", "-", commas, brackets.
_LABEL_SEPARATORS = " ·•|,;:-–—()[]"


def _without_labels(text: str, links: list[tuple[str, str]]) -> str:
    """An authors cell without the words of the paper links written in it ("Ana Lima ·
    arXiv · HF" -> "Ana Lima")."""
    for label, _ in links:
        if label:
            before, _, after = text.partition(label)
            text = before.rstrip(_LABEL_SEPARATORS) + " " + after.lstrip(_LABEL_SEPARATORS)
    return text.strip(_LABEL_SEPARATORS)


def _without_closing_labels(text: str, links: list[tuple[str, str]]) -> str:
    """A summary without the paper links that close it ("… pick-and-place. arXiv ·
    HuggingFace"); a link inside its sentences stays one of its words."""
    for label, _ in reversed(links):
        stripped = text.rstrip(_LABEL_SEPARATORS + ".")
        if not label or not stripped.endswith(label):
            continue
        before = stripped[: -len(label)].rstrip()
        if before.endswith((".", "!", "?", "·", "•", "|", ")")):
            text = before.rstrip(_LABEL_SEPARATORS)
    return text


def _without_link_labels(title: str, links: list[tuple[str, str]]) -> str:
    """A title cell "Title [code]" or "Title (project page)": a short link after the
    title's words (the code, a project page) is one of the paper's links, and its label,
    bracketed or not, is no part of the title."""
    for label, _ in reversed(links):
        if not label or len(label.split()) > 3:
            continue
        for form in (f"[{label}]", f"({label})", label):
            cut = len(title) - len(form)
            if cut > 0 and title.endswith(form) and title[cut - 1] == " ":
                title = title[:cut].rstrip(" -–:|")
                break
    return title


def _label(label: str, url: str) -> str:
    if "huggingface.co" in url:
        return "Hugging Face"
    return label or url


def _authors(text: str) -> tuple[str, ...]:
    names = [squash(n) for n in re.split(r",|\band\b|;", text)]
    return tuple(n for n in names if n)
