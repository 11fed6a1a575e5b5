"""Plain-text listings whose entries are labelled fields (arXiv's daily mailing)::

    \\\\
    arXiv:2510.01234
    Date: Thu, 2 Oct 2025 17:59:58 GMT   (812kb)

    Title: Speculative Decoding with Draft Trees that Share a KV
      Cache
    Authors: Priya Raman, Wei Zhang
    Categories: cs.CL cs.LG
    \\\\
      Speculative decoding speeds up ...
    \\\\ ( https://arxiv.org/abs/2510.01234 ,  812kb)
    ------------------------------------------------------------------------------

Each entry has a "Title:" field (its wrapped lines indented), an "Authors:" field and a
link (a bare URL, or only an "arXiv:<id>" line); the other fields (Date, Categories,
Comments, License) are metadata and the lines that are no field are the abstract. The
same fields without the rules ("Title: … / Authors: … / Link: https://…", blank lines
between entries) read the same way. A mailing's own notes ("To unsubscribe, e-mail …",
"Archives at …") sit in chunks without a "Title:" field and are no entries.
"""

from __future__ import annotations

import re

from bot.models import Item, Kind
from parsers.text import squash

# A line of 10+ dashes, or the "%%--%%--" / "%%%---%%%" divider between a mailing's parts.
# Atomic and possessive: backtracking into the %%-- groups or the leading spaces took
# quadratic time on a long line of them.
_RULE = re.compile(r"^\s*+(?:-{10,}|(?>(?:%%+-+)+)%*-*)\s*$")
_FIELD = re.compile(r"^([A-Z][A-Za-z]+(?:[- ][A-Za-z]+)?):\s*(.*)$")
_URL = re.compile(r"https?://[^\s<>()\[\],]+[^\s<>()\[\].,;:!?'\"]")
_ARXIV_ID = re.compile(r"^arXiv:(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\b")
# The fields that only describe the entry: not its summary.
_META = frozenset(
    ["date", "categories", "comments", "license", "journal-ref", "doi", "report-no",
     "msc-class", "acm-class", "subjects", "submitted", "published", "updated"]
)  # fmt: skip
_LINK_FIELDS = frozenset(["link", "url", "pdf", "abs", "abstract link"])
MIN_ENTRIES = 2


def fielded_entries(text: str) -> list[Item]:
    """The entries of a listing of "Title:" / "Authors:" fields, or [] when the text is
    not one (fewer than two entries with a title, authors and a link)."""
    if text.count("Title:") < MIN_ENTRIES or text.count("Authors:") < MIN_ENTRIES:
        return []  # the usual plain-text newsletter: no regex runs
    items: list[Item] = []
    for chunk in _chunks(text):
        item = _entry(chunk)
        if item is not None:
            items.append(item)
    return items if len(items) >= MIN_ENTRIES else []


def _chunks(text: str) -> list[list[str]]:
    """The text's lines cut at rules, and again before every "Title:" line after the first
    of a chunk (entries that only blank lines separate)."""
    chunks: list[list[str]] = [[]]
    for line in text.splitlines():
        if _RULE.match(line):
            chunks.append([])
        elif line.startswith("Title:") and any(ln.startswith("Title:") for ln in chunks[-1]):
            chunks.append([line])
        else:
            chunks[-1].append(line)
    return [c for c in chunks if any(ln.startswith("Title:") for ln in c)]


def _entry(lines: list[str]) -> Item | None:
    title: list[str] = []
    authors = ""
    url = ""
    arxiv = ""
    summary: list[str] = []
    field = ""  # the field the current line continues
    for raw in lines:
        line = raw.strip()
        if not line or line == "\\\\":
            field = ""
            continue
        m = _ARXIV_ID.match(line)
        if m:
            arxiv = arxiv or m.group(1)
            continue
        if line.startswith("replaced with revised version"):
            continue  # a replacement's date line: metadata
        f = _FIELD.match(line) if not raw[:1].isspace() else None
        if f is not None:
            field = f.group(1).lower()
            value = f.group(2).strip()
            if field == "title":
                title = [value]
            elif field == "authors":
                authors = value
            elif field in _LINK_FIELDS and not url:
                u = _URL.search(value)
                url = u.group(0) if u else ""
            continue
        if line.startswith("\\\\"):
            u = _URL.search(line)  # "\\ ( https://arxiv.org/abs/2510.01234 ,  512kb)"
            url = url or (u.group(0) if u else "")
            field = ""
            continue
        if raw[:1].isspace() and field in ("title", "authors"):
            if field == "title":
                title.append(line)
            else:
                authors = f"{authors} {line}"
            continue
        if field in _META:
            continue  # a wrapped metadata line
        field = ""
        u = _URL.fullmatch(line)
        if u is not None:
            url = url or u.group(0)
            continue
        summary.append(line)
    if not url and arxiv:
        url = f"https://arxiv.org/abs/{arxiv}"
    name = squash(" ".join(title))
    if not name or not url or not authors:
        return None
    return Item(
        title=name,
        url=url,
        blurb=squash(" ".join(summary)),
        kind=Kind.PAPER if arxiv or "arxiv.org/" in url else None,
        authors=_names(authors),
    )


_AND = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def _names(authors: str) -> tuple[str, ...]:
    """ "Ana Ruiz, Bo Li and Chen Wang" -> ("Ana Ruiz", "Bo Li", "Chen Wang")."""
    # An affiliation in brackets ("Ana Ruiz (MIT)") is not a name.
    plain = re.sub(r"\([^()]*\)", "", squash(authors))
    return tuple(n.strip() for n in _AND.split(plain) if n.strip())
