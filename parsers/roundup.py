"""Research roundups written in reStructuredText (The CoVar Zeitgeist shape) and their HTML.

RST shape::

    LLMs
    ----
    `Scaling Laws for Native Multimodal Models <https://arxiv.org/pdf/2504.07951>`_
        Conducts extensive experiments ...

A careful line parser rather than docutils: docutils builds a full doctree, prints
system messages for every small markup slip a newsletter makes, and is many times
slower; the roundup shape needs only titles, links, indentation and underlines.
Links may also name targets defined elsewhere: "`Title`_" or "`Title <label_>`_" with
".. _label: url" (a backquoted or backslash-escaped name may hold a colon; the URL may
sit on the next line). Emphasis and literal marks typed inside a link's text are not
words of the title.
The HTML rendering (docutils', Sphinx's, pandoc's or GitHub's ``<dl><dt><a …>`` or
link-only paragraph over a ``<blockquote>``, or any heading/link layout) goes through the
shared block reader, after the renderers' furniture is set aside. A paper listed in several sections is emitted once
per section here; normalise merges them into one item keeping every section.
"""

from __future__ import annotations

import bisect
import dataclasses
import html
import itertools
import re
from collections.abc import Iterator

from bot.models import Email, Item, ParseResult
from parsers.base import Match, Stage, result
from parsers.blockitems import extract
from parsers.htmlblocks import html_blocks
from parsers.markdown import front_matter
from parsers.text import (
    MAX_TEXT,
    ODD_FOLDS,
    at_least,
    find_date,
    has_words,
    is_boilerplate_link,
    literal_hits,
    split_title,
    squash,
)


def _folds_plainly(markup: str) -> bool:
    """Whether, in ``markup.lower()``, a pattern of lower-case ASCII literals matches case
    and all at exactly the offsets where the same pattern with re.I matches ``markup``:
    unless it holds a character re.I folds otherwise (``ODD_FOLDS``: "ı" and "ſ" match
    "i" and "s", "İ" lower-cases to two characters). A case-insensitive scan of tags folds
    every character it tries, up to five times slower than a case-sensitive one."""
    return markup.isascii() or not any(c in markup for c in ODD_FOLDS)


def _folded(markup: str) -> str | None:
    """``markup.lower()`` for a case-sensitive scan (``_folds_plainly``) when that pays:
    on ASCII text (0.3 ns a character); None otherwise (str.lower() costs 2 ns a
    character on text that is not ASCII, more than the scans save)."""
    return markup.lower() if markup.isascii() else None


def _case_blind(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (re.I, every literal lower-case ASCII) without re.I, for ``_folded`` text."""
    return re.compile(pattern.pattern, pattern.flags & ~re.I)


_ADORN = re.compile(r"^([=\-~^\"'`#*+.:_])\1{2,}\s*$")
_ADORN_LINE = re.compile(r"^([=\-~^\"'`#*+.:_])\1{2,}[ \t]*$", re.M)
_LINK_START = re.compile(r"^(\s*)(?:[*+-]\s+|#\.\s+|\d{1,3}[.)]\s+)?`")
# The target is the last "<…>" before the closing backtick: the title may hold a "<" of its
# own ("`When Is n < 100 Enough? <url>`_"), as docutils reads it.
_INLINE_LINK = re.compile(r"`([^`]{1,500}?)\s*<([^<>\s]{1,2000})>`__?")
_NAMED_REF = re.compile(r"`([^`<]{1,500})`__?")
_LITERAL = re.compile(r"``([^`]{1,300}?)``")
_ROLE = re.compile(r":[\w.+-]{1,30}:`([^`<]{1,300}?)(?:\s*<[^`<>]{1,300}>)?`")
_LIST_MARK = re.compile(r"[*+•-][ \t]+")
# ".. _name: url", ".. _`name: with a colon`: url", ".. _name\: escaped: url"; the URL may
# sit on the next, indented line(s), and a long one may be split over several.
_TARGET = re.compile(
    r"^\.\.[ \t]+_(?!_)(`[^`\n]{1,500}`|(?:\\.|[^:\\\n]){1,500}):"
    r"((?:[ \t]+\S+)?(?:[ \t]*\n[ \t]+\S+)*)[ \t]*$",
    re.M,
)
_UNESCAPE = re.compile(r"\\(.)")
# Anonymous hyperlinks: "`Title`__" takes the next ".. __: url" (or "__ url") target, in
# document order, as docutils pairs them; the URL may sit on the target's next line.
_ANON_TARGET = re.compile(r"^[ \t]*(?:\.\.[ \t]+__:[ \t]*(?:\n[ \t]+)?|__[ \t]+)(\S+)[ \t]*$", re.M)
_ANON_REF = re.compile(r"`[^`<]{1,500}`__|(?<![\w`])\w[\w.-]{0,100}(?<!_)__(?!\w)")
# "[1]_", "[#]_", "[#note]_", "[*]_", "[CIT2025]_": footnote and citation references,
# whose text sits elsewhere in the document; not words of the blurb.
_FOOTNOTE_REF = re.compile(r"[ \t]*\[(?:\d{1,4}|#[\w.-]{0,60}|\*|[A-Za-z][\w.-]{0,60})\]_(?!\w)")
_SIGNATURE = re.compile(r"^(?:[*+-][ \t]+)?`[^`<\n]{3,500}(?:<https?://[^>\s]+>)?`__?", re.M)
# An entry written as a bold title over its bare URL ("**Title**" / "https://arxiv…"), the
# blurb below; and a reference by one word without backquotes ("MuonClip_"), whose target
# is defined elsewhere.
_BOLD_ENTRY = re.compile(
    r"^([ \t]*)(?:\*\*([^*\n]{3,300})\*\*|__([^_\n]{3,300})__)[ \t]*\n"
    r"[ \t]*<?(https?://[^\s<>]{1,2000})>?[ \t]*$",
    re.M,
)
# ".. |name| replace:: text" (also "unicode::" characters and "image::", no words): a
# "|name|" in a blurb reads as its text, as docutils renders it.
_SUBSTITUTION = re.compile(
    r"^\.\.[ \t]+\|([^|\n]{1,100})\|[ \t]+(replace|unicode|image)::[ \t]*([^\n]{0,500})$",
    re.M,
)
_SUBSTITUTION_REF = re.compile(r"\|([^|\s][^|\n]{0,99})\|(?:__?)?")
_CODE_POINT = re.compile(r"(?:U\+|0x|\\x|\\u|&#x)([0-9A-Fa-f]{1,6})")
_WORD_REF = re.compile(r"^(\s*(?:[*+-]\s+|#\.\s+|\d{1,3}[.)]\s+)?)([^\W_][\w.+-]{0,100})_(?=\s|$)")
_HTML_SIGNATURE_LITERALS = ('class="reference external"', 'name="generator" content="docutils')
_HTML_SIGNATURE = re.compile("|".join(map(re.escape, _HTML_SIGNATURE_LITERALS)), re.I)
# The roundup shape as any RST renderer writes it (pandoc, GitHub, Sphinx, docutils): a
# term or paragraph that is one link and nothing else, then the indented blurb below it,
# a definition (``<dd>``) or a block quote: "`Title <url>`_" over an indented paragraph.
_RENDERED_ENTRY = re.compile(
    r"<(dt|p)\b[^>]{0,300}>\s*<a\b([^>]{0,2000})>[^<]{3,500}</a>\s*</\1>\s*<(?:dd|blockquote)\b",
    re.I,
)
# Where papers live: preprint servers, proceedings, DOIs, PDFs.
_PAPER_HREF = re.compile(
    r"arxiv\.org/|openreview\.net/|doi\.org/|aclanthology\.org/|biorxiv\.org/|"
    r"proceedings\.|papers\.nips\.cc|usenix\.org/conference/|nature\.com/articles/|"
    r"huggingface\.co/papers/|\.pdf\b",
    re.I,
)


def _rendered_paper_entries(html: str) -> bool:
    """Three entries or more in the rendered roundup shape, most of them linking papers:
    a glossary-style newsletter (``<dt>`` links to blog posts and releases) is not one."""
    entries = papers = 0
    for m in _RENDERED_ENTRY.finditer(html):
        entries += 1
        papers += _PAPER_HREF.search(m.group(2).replace("%2F", "/")) is not None
    return papers >= 3 and papers * 3 >= entries * 2


# The tags rendered entries use, found by the regex engine (its scan for "<" then the
# names is twice as fast as two ``in`` tests over 40 KB of markup, where "<" is everywhere).
_ENTRY_TAG = re.compile("<(?:dd|blockquote)", re.I)


def _rst_entries(text: str) -> bool:
    """Three RST entries or more: "`Title <url>`_" links, or bold titles over their bare
    URLs in a text that is not Markdown. Each pattern is scanned only when the text holds
    the literals it cannot match without (a backquote; a bold mark and "://"): a regex
    opening at a line start gets no literal search, and tries every line of 300 KB."""
    if "`" in text and at_least(_SIGNATURE, text, 3):
        return True
    return (
        ("**" in text or "__" in text)
        and "://" in text
        and at_least(_BOLD_ENTRY, text, 3)
        # not Markdown's: its links, or pictures as HTML tags ("<img src=…/>" lines)
        and "](http" not in text
        and "<img " not in text
    )


class RoundupParser:
    name = "roundup"
    version = "1"

    def match(self, email: Email) -> Match | None:
        if email.sender.endswith("@covar.com"):
            return Match(Stage.SENDER, f"sender {email.sender} publishes The CoVar Zeitgeist")
        if re.search(r"\bcovar zeitgeist\b", email.subject, re.I):
            return Match(Stage.SUBJECT, "subject names The CoVar Zeitgeist")
        text = (email.text or "")[:300_000].replace("\r\n", "\n")  # CRLF mail, same RST
        # A Markdown file's front matter ("---" / "date: …" / "---") draws no RST heading.
        if _rst_entries(text) and _ADORN_LINE.search(front_matter(text)[1]) is not None:
            return Match(
                Stage.SIGNATURE, "reStructuredText `Title <url>`_ links under underlined headings"
            )
        html = email.html or ""
        if ("reference external" in html or "Docutils" in html) and literal_hits(
            html[:300_000], _HTML_SIGNATURE_LITERALS, _HTML_SIGNATURE, 3
        ) >= 3:
            return Match(Stage.SIGNATURE, "docutils-rendered HTML with reference links")
        if _ENTRY_TAG.search(html) is not None and _rendered_paper_entries(html[:300_000]):
            return Match(
                Stage.SIGNATURE,
                "reStructuredText rendered to HTML: paper links each followed by its indented blurb",
            )
        return None

    def parse(self, email: Email) -> ParseResult:
        items: list[Item] = []
        warnings: list[str] = []
        title = ""
        dated = ""  # the document's own "Date" field, when it has one
        text = (email.text or "")[:MAX_TEXT].replace("\r\n", "\n")
        if text and (_SIGNATURE.search(text) or _BOLD_ENTRY.search(text)):
            items, title = parse_rst(text, warnings)
            dated = _rst_date_field(text)
        if not items and email.html:
            title = _html_title(email.html) or email.subject
            markup = email.html
            dated = _html_date_field(markup)
            head = markup[:300_000]
            rendered = bool(_HTML_SIGNATURE.search(head)) or _rendered_paper_entries(head)
            if rendered:
                # Every renderer of RST (docutils, Sphinx, pandoc, GitHub) writes the same
                # furniture around the listing: fields, a table of contents, heading
                # anchors, and each entry's block opens with its link.
                markup = docutils_furniture_removed(main_content(markup))
            markup = _without_closing(markup, rendered)
            # A theme's <title> is "Page - Project" (Sphinx): the page's own heading is
            # the part before the separator.
            skip = (title, email.subject, _SITE_SUFFIX.sub("", title))
            found = extract(html_blocks(markup), skip_headings=skip)
            items = [it for it in found.items if it.section or it.blurb]
            if rendered:
                items = _with_rendered_entries(items, markup, skip)
            items = _without_teasers(items)
        items = _without_closing_link(items)
        name = squash(title) or squash(email.subject) or "Research roundup"
        when = (
            (find_date(dated) if dated else None)
            or find_date(name)
            or (email.date.date() if email.date else None)
        )
        return result(
            self,
            email,
            family="roundup",
            name=_short_name(name),
            items=items,
            issue_date=when,
            warnings=tuple(warnings),
        )


def _short_name(title: str) -> str:
    # "The CoVar Zeitgeist: May, 2025" names the newsletter "The CoVar Zeitgeist".
    head, sep, tail = title.partition(":")
    return head.strip() if sep and find_date(tail) else title


# reStructuredText's bibliographic fields under the title (":Date: 2026-06-02"), and the
# same field in docutils' HTML: a <meta name="dcterms.date">, a "Date:" docinfo row.
_RST_DATE = re.compile(r"^:Date:[ \t]+(\S[^\n]{0,80})$", re.M | re.I)
_HTML_DATE = re.compile(
    r"<meta\s+name=[\"']dcterms\.date[\"']\s+content=[\"']([^\"'<>]{1,80})[\"']"
    r"|<t[hd][^>]{0,200}>\s*Date:\s*</t[hd]>\s*<td[^>]{0,200}>([^<]{1,80})<"
    r"|<dt\b[^>]{0,200}>\s*Date(?:<[^>]{0,40}>)?:?(?:<[^>]{0,40}>)?\s*</dt>\s*<dd[^>]{0,200}>(?:\s*<p>)?([^<]{1,80})<",
    re.I,
)


def _rst_date_field(text: str) -> str:
    """The docinfo "Date" field (a field list right under the title), as typed."""
    m = _RST_DATE.search(text[:5000])
    return m.group(1) if m else ""


def _html_date_field(markup: str) -> str:
    m = _HTML_DATE.search(markup[:100_000])
    return next((g for g in m.groups() if g), "") if m else ""


# What docutils adds around a document that is not its content: the bibliographic fields
# under the title (Date, Authors, Editors: often a link to an editor's page), and the
# ".. contents::" table of contents, whose links jump to the sections, admonitions
# (".. note::", the editor's aside: no paper's blurb) and the system messages a markup
# slip in the source leaves in the page ("System Message: WARNING/2 …", and their
# "Docutils System Messages" section at the end), and the footnotes and citations (their
# links are the notes' sources, not entries). Each is matched by
# its opening tag; it ends at its own closing tag.
_FURNITURE = re.compile(
    r"<(table|dl|nav|div|aside)\b[^>]{0,300}?\bclass=[\"'](?:[^\"'>]{0,200}?\s)?"
    r"(?:docinfo|field-list|contents|admonition|system-messages?|footnote|citation)\b"
    # The same fields with their classes stripped (GitHub's rendering): a table whose
    # first cell is a field's name, "<th>Date:</th>".
    r"|<(table)\b[^>]{0,300}>(?=(?:\s|<(?:col|colgroup|tbody|tr)\b[^>]{0,300}>){0,12}"
    r"<th\b[^>]{0,300}>[^<]{1,40}:\s*</th>)",
    re.I,
)
# ".. rubric:: Notes": docutils' informal heading, a paragraph of class "rubric". It
# reads as a bold line, so its words head what follows ("Notes" over the footnotes,
# "Honourable mentions" over entries) rather than end the entry above.
_RUBRIC = re.compile(r"(<(?:p|div)\b[^>]{0,300}?\bclass=[\"']rubric[\"'][^>]{0,300}>)", re.I)
_ANCHOR_OPEN = re.compile(r"<a\b([^>]{0,4000})>", re.I)
_JUMP = re.compile(r"""\bhref=["']#""", re.I)
_NOTE_REF = re.compile(r"""\bclass=["'][^"'>]{0,200}?\b(?:footnote|citation)-reference\b""", re.I)
_BLOCK_START = re.compile(
    r"<(?:p|dd|dt|li|td|th|h[1-6]|div|blockquote|section)\b[^>]{0,4000}>", re.I
)
_BLOCK_START_CS = _case_blind(_BLOCK_START)
_TAGS = re.compile(r"<[^>]{0,4000}>")


# A documentation theme (Sphinx's Furo, Alabaster, Read the Docs) marks the rendered page
# with role="main"; its sidebars, search form and "Back to top" / "Edit this page" links
# sit outside it.
_ROLE_MAIN = re.compile(
    r"<(article|main|div|section)\b[^>]{0,500}?\brole=[\"']main[\"'][^>]{0,500}>", re.I
)
_SAME_TAG = {
    tag: re.compile(rf"<(/?){tag}\b", re.I)
    for tag in ("article", "main", "div", "section", "table", "dl", "nav", "aside")
}


def main_content(markup: str) -> str:
    """The element marked role="main" (up to its own closing tag), or the whole markup
    when there is none."""
    m = _ROLE_MAIN.search(markup[:MAX_TEXT])
    if m is None:
        return markup
    end = _closing(markup, m.group(1).lower(), m.end())
    return markup[m.start() : end] if end >= 0 else markup[m.start() :]


def _closing(markup: str, tag: str, start: int) -> int:
    """Where the element opened just before ``start`` closes (nested elements of its kind
    counted: an admonition's paragraphs may be <div>s too), -1 if it never does. One pass
    over the element."""
    depth = 1
    for t in _SAME_TAG[tag].finditer(markup, start):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            return t.start()
    return -1


def docutils_furniture_removed(markup: str) -> str:
    """docutils HTML reduced to its content, so the block reader sees only the listing.

    Besides the bibliographic fields and the table of contents: a link that jumps inside
    the page (a section heading's "toc-backref") is only its text, and so is a link in
    the middle of prose (a blurb citing another paper, "Code at <a>repo</a>"): docutils
    opens every listed item's block with its link (``<dt><a>``, ``<li><a>``), so a link
    after words in its block is a citation, not an entry. One pass, linear in the input."""
    markup = _drop_furniture(markup[:MAX_TEXT])
    lower = markup.lower()
    # The same offsets as _BLOCK_START's on the markup (``_folds_plainly``), faster.
    plain = _folds_plainly(markup)
    scan = _BLOCK_START_CS.finditer(lower) if plain else _BLOCK_START.finditer(markup)
    starts = [m.end() for m in scan]
    out: list[str] = []
    at = 0  # copied up to here
    block, seen, scanned = -1, False, 0  # the current block, words in it so far, up to where
    close = -1
    for m in _ANCHOR_OPEN.finditer(markup):
        if m.start() < at:
            continue  # inside a link already unwrapped
        if close < m.end():
            close = lower.find("</a", m.end())
        if close < 0:
            break
        n = bisect.bisect_right(starts, m.start())
        if n != block:
            block, seen, scanned = n, False, starts[n - 1] if n else m.start()
        if not seen and n:
            seen = has_words(_TAGS.sub(" ", markup[max(scanned, at) : m.start()]))
        scanned = m.start()
        if seen or _JUMP.search(m.group(1)):
            end = lower.find(">", close)
            if end < 0:
                break
            out.append(markup[at : m.start()])
            inside = markup[m.end() : close]
            if "-reference" in m.group(1) and _NOTE_REF.search(m.group(1)):
                # A footnote's or citation's mark ("[1]"): the notes are set aside, and
                # the source's "arithmetic [#]_." reads "arithmetic." in the blurb.
                out[-1] = out[-1].rstrip()
            elif not _JUMP.search(m.group(1)) or has_words(html.unescape(_TAGS.sub(" ", inside))):
                out.append(inside)
            # else a heading's permalink ("¶", an icon): nothing of it is the heading's
            at = end + 1
    out.append(markup[at:])
    return "".join(out)


# An entry whose reference docutils could not resolve: its term is the "problematic" source
# text, linking only to the system message. It has no link of its own: no item, and its
# definition is no part of the entry above.
_BROKEN_ENTRY = re.compile(
    r"<dt\b[^>]{0,300}>\s*<a\b[^>]{0,500}>\s*<span\b[^>]{0,300}?\bclass=[\"']problematic[\"']"
    r"[^>]{0,300}>[^<]{0,500}</span>\s*</a>\s*</dt>\s*(?:<dd\b.{0,20000}?</dd>)?",
    re.I | re.S,
)


_PROBLEM_ROLE = re.compile(
    r"(<span\b[^>]{0,300}?\bclass=[\"']problematic[\"'][^>]{0,300}>):[\w.+-]{1,30}:`"
    r"([^`<&]{1,300}?)(?:\s*&lt;[^`<]{1,300}?&gt;)?`(</span>)",
    re.I,
)


def _drop_furniture(markup: str) -> str:
    if "problematic" in markup:
        markup = _BROKEN_ENTRY.sub("", markup)
        # A role plain docutils does not know (Sphinx's ":ref:`agents`") is left as its
        # source: it reads as its text, as in the RST.
        markup = _PROBLEM_ROLE.sub(r"\1\2\3", markup)
    if "rubric" in markup:
        markup = _RUBRIC.sub(r"\1<b>", markup)  # closed with its paragraph
    lower = markup.lower()
    out: list[str] = []
    at = 0
    for m in _furniture(markup, lower):
        if m.start() < at:
            continue
        end = _closing(markup, (m.group(1) or m.group(2)).lower(), m.end())
        end = lower.find(">", end) if end >= 0 else -1
        if end < 0:
            break
        out.append(markup[at : m.start()])
        at = end + 1
    out.append(markup[at:])
    return "".join(out)


_FURNITURE_CS = _case_blind(_FURNITURE)
# A class _FURNITURE names, or the header cell of a field table: one is in every match.
_FURNITURE_WORDS = (
    "docinfo",
    "field-list",
    "contents",
    "admonition",
    "system-message",
    "footnote",
    "citation",
    "<th",
)


def _furniture(markup: str, lower: str) -> Iterator[re.Match[str]]:
    """``_FURNITURE.finditer(markup)``: on ``lower`` (``markup.lower()``) case-sensitively
    where ``_folds_plainly`` allows, and not at all when no word every match holds is there."""
    if not _folds_plainly(markup):
        return _FURNITURE.finditer(markup)
    if not any(word in lower for word in _FURNITURE_WORDS):
        return iter(())
    return _FURNITURE_CS.finditer(lower)


_HR = re.compile(r"<hr\b", re.I)
_HEADING_OR_LINK = re.compile(r"<(?:h[1-6]|a)\b", re.I)


def _without_closing(markup: str, rendered: bool = False) -> str:
    """The document without its closing note: text after the last transition (``<hr>``)
    that starts no section and links nothing ("Frontier Notes is written by volunteers.")
    signs the issue off; it is not the blurb of the last paper. In RST rendered to HTML
    a blurb ends with its ``<dd>`` or ``<blockquote>``: words after the last one that
    start no section and link nothing (a sender's "Priya") are the sign-off too."""
    at = max((m.start() for m in _HR.finditer(markup[:MAX_TEXT])), default=-1)
    if at >= 0 and not _HEADING_OR_LINK.search(markup, at + 3):
        return markup[:at]
    if rendered:
        end = max((m.end() for m in _BLURB_END.finditer(markup[:MAX_TEXT])), default=-1)
        if end >= 0 and not _HEADING_OR_LINK.search(markup, end):
            return markup[:end]
    return markup


_BLURB_END = re.compile(r"</(?:dd|blockquote)>", re.I)


_SITE_SUFFIX = re.compile(r"\s+(?:-|—|–|\|)\s+[^-—–|]{1,100}$")
_H1 = re.compile(r"<h1\b([^>]{0,500})>(.*?)</h1>", re.I | re.S)
_TITLE_CLASS = re.compile(r"""\bclass=["'](?:[^"'>]{0,200}\s)?title\b""", re.I)
_LOGO_CLASS = re.compile(r"""\bclass=["'][^"'>]{0,200}\blogo\b""", re.I)


def _html_title(markup: str) -> str:
    """The document's title: the heading marked as the title (docutils' and pandoc's
    ``<h1 class="title">``), else the page's one ``<h1>`` (a site's logo aside), else
    the ``<title>``. Where every section is an ``<h1>`` (pandoc's output without its
    title block), no heading is the title: they are the sections."""
    head = markup[:200_000]
    h1s = [m for m in _H1.finditer(head) if not _LOGO_CLASS.search(m.group(1))]
    m = next((h for h in h1s if _TITLE_CLASS.search(h.group(1))), None)
    if m is None and len(h1s) == 1:
        m = h1s[0]
    text = m.group(2) if m else ""
    if not text:
        t = re.search(r"<title>(.*?)</title>", head, re.I | re.S)
        text = t.group(1) if t else ""
    # Sphinx writes the heading's permalink ("¶") inside the <h1>: no word of the title.
    return squash(html.unescape(re.sub(r"<[^>]+>", "", text))).rstrip("¶ ")


def parse_rst(text: str, warnings: list[str] | None = None) -> tuple[list[Item], str]:
    """Items (one per listing, duplicates kept) and the document title of an RST roundup."""
    warnings = warnings if warnings is not None else []
    targets = _targets(text) if ".. _" in text else {}
    anonymous = _ANON_TARGET.findall(text) if "__" in text else []
    anon_refs = [m.start() for m in _ANON_REF.finditer(text)] if anonymous else []
    substitutions = _substitutions(text) if ".. |" in text else {}
    lines = text.split("\n")
    offsets = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    if "**" in text or "__" in text:
        _bold_entries_as_links(text, lines, offsets)
    headings = _headings(lines)
    doc_title = ""
    styles = [style for _, _, style in headings.values()]
    first_text = next((n for n, line in enumerate(lines) if line.strip()), 0)
    # The document title: the first heading when its adornment is used once, or when it
    # opens the document (a roundup may reuse the title's style for its sections).
    if headings and (styles.count(styles[0]) == 1 or min(headings) <= first_text):
        doc_title = next(iter(headings.values()))[1]
    items: list[Item] = []
    intro_prose: list[Item] = []  # before any section: paragraphs opening with a link
    section: str | None = None
    i = 0
    while i < len(lines):
        if i in headings:
            end, heading, _ = headings[i]
            entry = _INLINE_LINK.fullmatch(heading)
            if entry is not None and "://" in entry.group(2):
                # A heading that is one link ("`Title <url>`_" over "~~~~"): an entry of
                # the section it sits in, its blurb the paragraphs below it.
                i = _heading_entry(lines, end, headings, entry, section, items)
                continue
            section = None if heading == doc_title else heading
            i = end
            continue
        start = _LINK_START.match(lines[i])
        if not start and targets:
            word = _WORD_REF.match(lines[i])
            if word and _target_name(word.group(2)) in targets:
                # "MuonClip_": the one-word form of "`MuonClip`_".
                lines[i] = f"{word.group(1)}`{word.group(2)}`_{lines[i][word.end() :]}"
                start = _LINK_START.match(lines[i])
        if not start:
            i += 1
            continue
        indent = len(start.group(1))
        bullet = start.group(0).strip() != "`"
        if (
            not bullet
            and i
            and _continues_prose(lines[i - 1], indent)
            and not (i + 1 < len(lines) and _indent(lines[i + 1]) > indent)
        ):
            # "The archive lives at\n`our site <url>`_.": a link that a line wrap put at
            # the start of a line, inside a paragraph, with no indented blurb of its
            # own below: a citation, not an entry.
            i += 1
            continue
        head = [lines[i]]
        j = i + 1
        while j < len(lines) and "`_" not in "".join(head) and lines[j].strip() and j - i < 6:
            head.append(lines[j])
            j += 1
        joined = " ".join(s.strip() for s in head)
        link = _INLINE_LINK.search(joined)
        url: str | None
        if link and link.start() <= len(start.group(0)):
            raw_title, url, after = link.group(1), link.group(2), joined[link.end() :]
            if url.endswith("_") and "://" not in url:
                # "`Title <label_>`_": an alias naming a target defined elsewhere.
                url = targets.get(_target_name(url[:-1]))
                if url is None:
                    warnings.append(f"`{squash(raw_title)[:60]}`_ names a missing target")
        else:
            named = _NAMED_REF.search(joined)
            if not named or named.start() > len(start.group(0)):
                i = j
                continue
            raw_title, after = named.group(1), joined[named.end() :]
            anonymous_ref = named.group(0).endswith("__")
            if anonymous_ref:
                # The n-th anonymous reference of the document takes the n-th target.
                n = bisect.bisect_left(anon_refs, offsets[i])
                url = anonymous[n] if n < len(anonymous) else None
            else:
                url = targets.get(_target_name(raw_title))
            if url is None:
                wanted = ".. __: url" if anonymous_ref else ".. _name: url"
                warnings.append(f"`{squash(raw_title)[:60]}`_ has no target ({wanted}); skipped")
        blurb = [after.strip(" -–—:")]
        listed = not blurb[0]  # a list opens a paragraph: after a blank line or an entry
        while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) > indent):
            if j in headings:
                break
            line = lines[j].strip()
            # A list inside the blurb ("* perplexity stays …"): its entries read as
            # sentences, without their bullets.
            mark = _LIST_MARK.match(line) if listed else None
            blurb.append(line[mark.end() :] if mark else line)
            listed = not line or mark is not None
            j += 1
        i = j
        body = _link_texts(squash(_FOOTNOTE_REF.sub("", " ".join(blurb))))
        if substitutions and "|" in body:
            body = squash(
                _SUBSTITUTION_REF.sub(lambda m: substitutions.get(m.group(1), m.group(0)), body)
            )
        if "``" in body:
            body = _LITERAL.sub(lambda m: m.group(1), body)  # ``uv.lock`` reads uv.lock
        if ":`" in body:
            # An interpreted-text role reads as its text: ":ref:`agents`" as "agents",
            # ":ref:`the agents section <agents>`" as "the agents section".
            body = _ROLE.sub(lambda m: m.group(1), body)
        if not url or (section is None and not body):
            continue
        title = split_title(_unmark(raw_title))
        item = Item(
            title=title.text,
            url=url,
            blurb=body,
            section=section,
            sponsor=title.sponsor,
            kind=title.kind,
            read_minutes=title.read_minutes,
        )
        items.append(item)
        if section is None and not bullet and _is_prose(after):
            intro_prose.append(item)
    if intro_prose and any(it.section is not None for it in items):
        # "`Paper Trail <url>`_ is a monthly digest of …" above the first section: the
        # issue's introduction naming its publisher. An entry's link stands alone on its
        # line (its blurb indented below) or is set off by a dash or colon.
        items = [it for it in items if not any(it is prose for prose in intro_prose)]
    return _without_teasers(items), doc_title


def _heading_entry(
    lines: list[str],
    start: int,
    headings: dict[int, tuple[int, str, str]],
    entry: re.Match[str],
    section: str | None,
    items: list[Item],
) -> int:
    """Read the entry a link heading titles: its blurb runs to the next heading or
    transition line ("------------" between blank lines); a paragraph that is only a link
    ("`See Also <url>`_") is one of its links. Returns the line after it."""
    j = start
    blurb: list[str] = []
    links: list[tuple[str, str]] = []
    while j < len(lines) and j not in headings:
        line = lines[j].strip()
        if _ADORN.match(line) and (j == 0 or not lines[j - 1].strip()):
            break  # a transition
        alone = _INLINE_LINK.fullmatch(line)
        if alone is not None and "://" in alone.group(2):
            links.append((squash(alone.group(1)), alone.group(2)))
        elif line:
            blurb.append(line)
        j += 1
    title = split_title(_unmark(entry.group(1)))
    items.append(
        Item(
            title=title.text,
            url=entry.group(2),
            blurb=_link_texts(squash(" ".join(blurb))),
            section=section,
            kind=title.kind,
            links=tuple(links),
        )
    )
    return j


def _substitutions(text: str) -> dict[str, str]:
    """Substitution definitions, name -> the words they stand for."""
    found: dict[str, str] = {}
    for name, kind, value in _SUBSTITUTION.findall(text):
        if kind == "replace":
            found[name] = value.strip()
        elif kind == "unicode":
            code = value.split("..")[0]  # ".. black star": the definition's comment
            found[name] = "".join(chr(int(c, 16)) for c in _CODE_POINT.findall(code))
        else:
            found[name] = ""  # an image: no words
    return found


def _bold_entries_as_links(text: str, lines: list[str], offsets: list[int]) -> None:
    """Rewrite each "**Title**" (or Markdown's "__Title__") over its bare URL as the entry "`Title <url>`_" (the URL's
    line left blank), so it reads like any other; a blurb in the paragraph right below, not
    indented, is indented as the entry's."""
    for m in _BOLD_ENTRY.finditer(text):
        i = bisect.bisect_left(offsets, m.start())
        if i + 1 >= len(lines) or offsets[i] != m.start():
            continue
        indent = m.group(1)
        lines[i] = f"{indent}`{(m.group(2) or m.group(3)).strip()} <{m.group(4)}>`_"
        lines[i + 1] = ""
        j = i + 2
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j - i > 3 or j >= len(lines) or _indent(lines[j]) != len(indent):
            continue
        if _BULLET.match(lines[j]) or lines[j].lstrip().startswith(("`", "**", "__", "..")):
            continue
        if j + 1 < len(lines) and _ADORN.match(lines[j + 1]):
            continue  # a section heading
        while j < len(lines) and lines[j].strip() and not _ADORN.match(lines[j]):
            lines[j] = "    " + lines[j]
            j += 1


def _continues_prose(previous: str, indent: int) -> bool:
    """Whether the line before a link is prose of the same paragraph: not blank, not a
    heading's adornment, not an entry (a link or bullet) and not a deeper-indented blurb."""
    return (
        bool(previous.strip())
        and _indent(previous) == indent
        and not _ADORN.match(previous)
        and not _LINK_START.match(previous)
        and not _BULLET.match(previous)
    )


_BULLET = re.compile(r"^\s*(?:[*+-]|#\.|\d{1,3}[.)])\s")


def _is_prose(after: str) -> bool:
    """Words right after a link on its line, continuing its sentence ("is a monthly
    digest"), not a blurb set off by a dash or colon ("— adds memory")."""
    rest = after.strip()
    return bool(rest) and rest[0] not in "-–—:|(" and not rest.startswith("`")


def _link_texts(blurb: str) -> str:
    """A blurb as it reads: "the method of `Detecting Pretraining Data <https://…>`_" is
    "the method of Detecting Pretraining Data" (docutils shows the link's text only)."""
    if "`_" not in blurb:
        return blurb
    blurb = _INLINE_LINK.sub(lambda m: m.group(1), blurb)
    return _NAMED_REF.sub(lambda m: m.group(1), blurb)


_ARXIV_ID = re.compile(r"arxiv\.org/(?:abs|pdf|html)/(\d{4}\.\d{4,5})", re.I)


# An entry as RST renderers write it, whole: the term or paragraph that is one link, then
# its indented blurb (``<dd>`` or ``<blockquote>``, up to the first closing tag: a blurb
# holds paragraphs, never another definition list or quote). And the section headings.
_ENTRY = re.compile(
    r"<(dt|p)\b[^>]{0,300}>\s*<a\b([^>]{0,2000})>((?:(?!</a>).){1,1000})</a>\s*</\1>\s*"
    r"<(dd|blockquote)\b[^>]{0,300}>(.{0,20000}?)</\4>",
    re.I | re.S,
)
_HEADING = re.compile(r"<h([1-6])\b[^>]{0,500}>(.{0,2000}?)</h\1>", re.I | re.S)
_ENTRY_CS = _case_blind(_ENTRY)
_HEADING_CS = _case_blind(_HEADING)
_HREF = re.compile(r"""\bhref=(?:"([^"]{1,4000})"|'([^']{1,4000})')""", re.I)


def _with_rendered_entries(items: list[Item], markup: str, skip: tuple[str, ...]) -> list[Item]:
    """The block reader's items, and every rendered entry it passed over, in document
    order. A term that is one link over its definition is an entry whatever its words:
    a paper called "Code as Policies" or "Video Prediction Policy" reads like a button
    to a reader of arbitrary newsletters, not in this shape."""
    entries = _rendered_entries(markup, skip)
    if not entries:
        return items
    # Each item found takes the next entry with its link; entries left over are added
    # where they stand in the document.
    at = 0
    placed: list[tuple[int, int, Item]] = []
    used: dict[int, int] = {}  # entry -> the item that took it
    for n, item in enumerate(items):
        hit = next(
            (k for k, (_, e) in enumerate(entries) if k not in used and e.url == item.url), None
        )
        if hit is not None:
            used[hit] = n
            at = entries[hit][0]
        placed.append((at, n, item))
    if len(used) == len(entries):
        return items
    for k, n in used.items():
        # The entry before one the reader passed over took that entry's words into its
        # blurb: its own blurb ends with its definition.
        own = entries[k][1].blurb
        at, _, item = placed[n]
        if own and item.blurb != own and item.blurb.startswith(own):
            placed[n] = (at, n, dataclasses.replace(item, blurb=own))
    placed += [(off, -1, e) for k, (off, e) in enumerate(entries) if k not in used]
    placed.sort(key=lambda t: (t[0], t[1] < 0))
    return [item for _, _, item in placed]


def _rendered_entries(markup: str, skip: tuple[str, ...]) -> list[tuple[int, Item]]:
    skipped = {squash(s).casefold() for s in skip if s}
    head = markup[:MAX_TEXT]
    # Matched on the lower-cased markup where ``_folded`` allows (the same offsets), and
    # their words taken from the markup as written.
    lower = _folded(head)
    scanned = head if lower is None else lower
    headings = []
    for m in (_HEADING if lower is None else _HEADING_CS).finditer(scanned):
        words = squash(html.unescape(_TAGS.sub(" ", head[m.start(2) : m.end(2)])))
        if words and words.casefold() not in skipped:
            headings.append((m.start(), words))
    starts = [h[0] for h in headings]
    entries: list[tuple[int, Item]] = []
    for m in (_ENTRY if lower is None else _ENTRY_CS).finditer(scanned):
        href = _HREF.search(head[m.start(2) : m.end(2)])
        url = html.unescape(next(g for g in href.groups() if g)) if href else ""
        title_text = squash(html.unescape(_TAGS.sub(" ", head[m.start(3) : m.end(3)])))
        if "://" not in url or not title_text or is_boilerplate_link(title_text, url):
            continue
        n = bisect.bisect_right(starts, m.start())
        title = split_title(title_text)
        entries.append(
            (
                m.start(),
                Item(
                    title=title.text,
                    url=url,
                    blurb=squash(html.unescape(_TAGS.sub(" ", head[m.start(5) : m.end(5)]))),
                    section=headings[n - 1][1] if n else None,
                    sponsor=title.sponsor,
                    kind=title.kind,
                    read_minutes=title.read_minutes,
                ),
            )
        )
    return entries


def _without_closing_link(items: list[Item]) -> list[Item]:
    """Every entry is a link and what the editor says of it. A link standing alone after
    the last entry ("`Margin Notes archive <url>`__", the publisher's home page) when all
    the entries above it have their blurb is the letter's own link, not an entry."""
    if len(items) < 4 or items[-1].blurb or not all(it.blurb for it in items[:-1]):
        return items
    return items[:-1]


def _paper_key(url: str) -> str:
    """Two links to the same paper: one arXiv id (abs, pdf or a version), else the same
    host and path (scheme, "www." and a closing slash aside)."""
    m = _ARXIV_ID.search(url)
    if m:
        return m.group(1)
    rest = url.split("://", 1)[-1].split("#", 1)[0].split("?", 1)[0]
    return rest.removeprefix("www.").rstrip("/").lower()


def _without_teasers(items: list[Item]) -> list[Item]:
    """The issue's opening summary ("Featuring: * `A sparse attention module <url>`_ that
    …") links papers the sections list again under their own titles: those mentions are
    a teaser, not items (kept, they would lend the paper the teaser's words as title)."""
    listed = {_paper_key(it.url or "") for it in items if it.section is not None}
    return [it for it in items if it.section is not None or _paper_key(it.url or "") not in listed]


def _target_name(name: str) -> str:
    """A reference name as docutils compares them: escapes and case and spacing ignored."""
    return squash(_UNESCAPE.sub(r"\1", name.strip("`"))).lower()


def _targets(text: str) -> dict[str, str]:
    """Named hyperlink targets; an indirect one (".. _b: a_") takes its target's URL."""
    found: dict[str, str] = {}
    for name, url in _TARGET.findall(text):
        found.setdefault(_target_name(name), "".join(url.split()))
    for name, url in found.items():
        if url.endswith("_") and "://" not in url:
            found[name] = found.get(_target_name(url[:-1]), url)
    return {name: url for name, url in found.items() if url and not url.endswith("_")}


# Inline markup a writer puts in a link's text ("Is *MMLU* Saturated?", "``vLLM`` at
# scale"): docutils prints it as typed, but the marks are not words of the title.
_INLINE_MARKS = (
    re.compile(r"``([^`\n]{1,300}?)``"),
    re.compile(r"(?<![\w*\\])\*\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*\*(?![\w*])"),
    re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]{1,300}?)(?<=[^\s*\\])\*(?![\w*])"),
)


def _unmark(title: str) -> str:
    if "*" in title or "``" in title:
        for pattern in _INLINE_MARKS:
            title = pattern.sub(lambda m: m.group(1), title)
    return title


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _headings(lines: list[str]) -> dict[int, tuple[int, str, str]]:
    """Start line -> (line after the heading, title, adornment style) for every RST title."""
    found: dict[int, tuple[int, str, str]] = {}
    i = 0
    while i < len(lines) - 1:
        line, below = lines[i], lines[i + 1]
        over = _ADORN.match(line)
        if over and i + 2 < len(lines) and _ADORN.match(lines[i + 2]) and lines[i + 1].strip():
            found[i] = (i + 3, squash(lines[i + 1]), "over" + over.group(1))
            i += 3
            continue
        under = _ADORN.match(below)
        if (
            line.strip()
            and not line[0].isspace()
            and not _ADORN.match(line)
            and under
            and len(below.strip()) >= min(len(line.strip()), 4)
        ):
            found[i] = (i + 2, squash(line), under.group(1))
            i += 2
            continue
        i += 1
    return found
