"""Markdown newsletters go through the HTML path: render once, then read blocks.

One block reader for HTML and Markdown means the shapes (heading link + paragraph,
bold link + text, link lists) are recognised the same way in both. The renderer is
markdown-it-pyrs, the Rust port of markdown-it (same CommonMark rules and plugins):
markdown-it-py took ~3.5 ms on an 8 KB issue, ten times the rest of the parse.
"""

from __future__ import annotations

import re
from collections import deque

from markdown_it_pyrs import MarkdownIt

from parsers.base import is_panic
from parsers.htmlblocks import Block, html_blocks
from parsers.text import MAX_TEXT

# CommonMark's rules, plus tables; no linkify. A line opening with a tag starts a raw HTML
# block (markup, as GitHub renders it); a tag inside a sentence stays text.
_MD = MarkdownIt("zero").enable_many(
    [
        *("blockquote", "code", "fence", "heading", "hr", "html_block", "lheading", "list"),
        "paragraph",
        *("reference", "autolink", "backticks", "emphasis", "entity", "escape", "image"),
        *("link", "newline", "table"),
    ]
)
# The same rules without code spans: the last resort when the renderer panics.
_MD_NO_CODE = MarkdownIt("zero").enable_many(
    [
        *("blockquote", "code", "fence", "heading", "hr", "html_block", "lheading", "list"),
        "paragraph",
        *("reference", "autolink", "emphasis", "entity", "escape", "image"),
        *("link", "newline", "table"),
    ]
)
# Text in square brackets (no nested brackets; it may wrap over lines) and backtick runs.
_BRACKETED = re.compile(r"\[[^\[\]]*\]")
_TICKS = re.compile(r"`+")
# Archives wrap headings in links ("[### Title](url)"): markdown leaves the hashes in the
# link text. At the start of a line it is a linked heading ("### [Title](url)"); elsewhere
# the hashes are taken out.
_HASH_LINK = re.compile(r"\[#{1,6}[ \t]+")
_HEADING_LINK = re.compile(r"^\[(#{1,6})[ \t]+", re.M)
# Raw HTML stays text, but pandoc and archive generators wrap words in presentational
# tags ('<span style="color: gray"><https://…></span>'): the tags are no words.
_STYLE_TAG = re.compile(r"</?(?:span|font)(?:\s[^<>\n]*)?>", re.I)


# Emoji written as shortcodes (":large_orange_circle:", ":fire:"), as forums and chat-born
# posts keep them: decoration, as the emoji they stand for is. Only a code standing
# between spaces, emphasis marks or a line's ends: "10:30:00", "std::vector" and
# addresses stay.
_SHORTCODE = re.compile(r"(?<![^\s*_]):[a-z][a-z0-9_+-]{0,40}:(?![^\s*_])")

# beehiiv's text part closes a bold link and opens a bold space ("**[Leap AI raises
# $1.4M](url)**** **round led by …"): no emphasis CommonMark reads, the marks would stay.
_EMPTY_BOLD = re.compile(r"\*\*[ \t]+\*\*")
# "==**Release day**==": the highlight mark of Markdown's extensions (beehiiv's text part
# highlights its ads' headings so), a mark around the words, not part of them.
_HIGHLIGHT = re.compile(r"(?<![=\w])==(?=[^\s=])([^=\n]{1,300}?[^\s=])==(?![=\w])")


def _join_block_links(text: str) -> str:
    """Reader tools (turndown, Jina Reader) write a link around a heading as three blocks,
    "[" / "### Title" / "](url)", which CommonMark reads as no link: one line again."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() == "[":
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            k = j + 1
            while k < len(lines) and not lines[k].strip():
                k += 1
            if k < len(lines) and lines[k].lstrip().startswith("]("):
                out.append("[" + lines[j].strip() + lines[k].strip())
                i = k + 1
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _without_comments(text: str) -> str:
    """The text without HTML comments (raw HTML is not rendered, so "<!-- Each link should
    be of the form: * [Title](https://example.com/…) -->" would be read as text and links)."""
    out: list[str] = []
    at = 0
    while (start := text.find("<!--", at)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break
        out.append(text[at:start])
        at = end + 3
    out.append(text[at:])
    return "".join(out)


# Converters that write <br> as a hard break ("  \n") close a bold or italic span after
# it, at the start of the next line ("**Headline:  \n**_…dek…  \n_ Body"), where
# CommonMark reads the marks as text. Only such a document needs the repair below.
_BROKEN_CLOSER = re.compile(r"(?:  |\\)\n[ ]{0,3}[*_]")
_LEAD_MARKS = re.compile(r"[ ]{0,3}([*_]+)")
_MAX_OPEN = 4  # spans open at once; bounds the work of closing them to a few passes
_RULE = re.compile(r"[ ]{0,3}([*_-])(?:[ \t]*\1){2,}[ \t]*")


def _marks(run: str) -> list[str]:
    """A run of emphasis marks as its spans' delimiters: "**_" is "**" then "_"."""
    out: list[str] = []
    i = 0
    while i < len(run):
        size = 2 if run[i : i + 2] in ("**", "__") else 1
        out.append(run[i : i + size])
        i += size
    return out


def _mend_line_spans(text: str) -> str:
    """Close each span on every line it covers and open it again on the next.

    A span opens with the marks starting a line and not closed on it; it ends where a later
    line of the same run of hard breaks starts with its closing marks. Each line it spans
    then gets its own marks ("**Headline:**  \n_…dek…_  \n Body"). A span never closed
    is left as written. One pass, each line seen once.
    """
    lines = text.split("\n")
    prefix: list[str] = [""] * len(lines)
    suffix: list[str] = [""] * len(lines)
    drop = [0] * len(lines)  # leading characters (closing marks) taken off a line
    stack: list[tuple[str, int]] = []  # open marks and the line each opened on
    for i, line in enumerate(lines):
        if _RULE.fullmatch(line):
            stack.clear()  # "***": a rule, no marks; it ends any paragraph
            continue
        if stack and (m := _LEAD_MARKS.match(line)):
            run = m.group(1)
            taken = 0
            # Matched against what is open, not split first: "___" closes "_" then opens "__".
            while stack and run.startswith(stack[-1][0], taken):
                mark, start = stack.pop()
                for j in range(start, i):
                    if lines[j][drop[j] :].strip():
                        suffix[j] += mark
                        if j > start:
                            prefix[j] = mark + prefix[j]
                taken += len(mark)
            drop[i] = m.start(1) + taken if taken else 0
        rest = line[drop[i] :]
        if (
            not drop[i]
            and (m := _LEAD_MARKS.fullmatch(rest.rstrip(" \t")))
            and len(_marks(m.group(1))) == 1
            and line.endswith("  ")
        ):
            # "**  " alone, the headline on the next line: the span opens there.
            stack.append((m.group(1), i))
            drop[i] = len(line) - len(line.lstrip()) + len(m.group(1))
            continue
        if (m := _LEAD_MARKS.match(rest)) and rest[m.end() : m.end() + 1] not in ("", " ", "\t"):
            after = rest[m.end() :]
            for mark in _marks(m.group(1)):
                if mark not in after:
                    stack.append((mark, i))
            if len(stack) > _MAX_OPEN:
                stack.clear()  # no letter nests spans so deep: leave them as written
        if not (line.endswith(("  ", "\\")) or not line.strip()):
            stack.clear()  # the run of hard breaks ends: unclosed marks stay as written
    out = []
    for i, line in enumerate(lines):
        if not (prefix[i] or suffix[i] or drop[i]):
            out.append(line)
            continue
        body = line[drop[i] :]
        core = body.rstrip(" \t\\")
        tail = body[len(core) :]
        lead = core[: len(core) - len(core.lstrip())]
        out.append(lead + prefix[i] + core.lstrip() + suffix[i] + tail)
    return "\n".join(out)


# A bold headline line right over its italic dek, in one paragraph ("**Title:**\n*…dek…*").
_HEADLINE_OVER_DEK = re.compile(r"(?:\*\*|__)[ \t]*\n[ ]{0,3}[*_](?![*_\s])")


def _is_span(line: str, mark: str) -> bool:
    size = len(mark)
    return (
        len(line) > 2 * size
        and line.startswith(mark)
        and line.endswith(mark)
        and not line[size].isspace()
        and line[size] not in "*_"
        and not line[-size - 1].isspace()
        and line[-size - 1] not in "*_"
    )


def _break_before_deks(text: str) -> str:
    """End a wholly bold line with a hard break when the next line is wholly italic.

    Letters write each story's headline in bold over a one-line dek in italics, one
    paragraph; read as one block the headline would be only a bold lead of prose.
    """
    lines = text.split("\n")
    for i in range(len(lines) - 1):
        head, dek = lines[i].strip(), lines[i + 1].strip()
        if (_is_span(head, "**") or _is_span(head, "__")) and (
            _is_span(dek, "*") or _is_span(dek, "_")
        ):
            lines[i] = lines[i].rstrip() + "  "
    return "\n".join(lines)


# "Link: https://…" alone on its line: a label and a bare address, which CommonMark (no
# linkify here) leaves as text; written as an autolink it is the line's link.
_LABEL_URL = re.compile(
    r"^([ ]{0,3}[^\W\d_][\w-]{0,30}(?: [\w-]{1,30})?:[ \t]+)(https?://[^\s<>]+)[ \t]*$", re.M
)


# A static site's front matter atop the file ("---" / "title: …" / "pubDate: …" / "---"):
# the page's fields, not its text.
_FRONT_MATTER = re.compile(
    r"\A[ \t]*---[ \t]*\n(?:[\w-]{1,40}:.*\n|[ \t]+\S.*\n|- .*\n|[ \t]*\n){1,60}---[ \t]*\n"
)


def front_matter(text: str) -> tuple[str, str]:
    """(the front matter's block, the rest) of a Markdown file; ("", text) without one."""
    m = _FRONT_MATTER.match(text) if text[:3] == "---" else None
    return (m.group(0), text[m.end() :]) if m else ("", text)


# An <img> tag on a line of its own inside a paragraph ("blurb  " / "<img src=… />"):
# raw HTML stays text inside paragraphs, so the picture would read as its markup.
_IMG_LINE = re.compile(r"^[ \t]*<img\b[^<>\n]{0,2000}>[ \t]*(?:\n|$)", re.M | re.I)


# A line that is only HTML ("<hr>", "<br>", '<h1 class="site-genre">ヘッドライン</h1>').
_HTML_LINE = re.compile(r"[ \t]{0,3}<[A-Za-z/][^\n]*>[ \t]*")
_FENCE = re.compile(r"[ \t]{0,3}(?:```|~~~)")


def _close_html_lines(text: str) -> str:
    """A blank line after each line that is only HTML: CommonMark's raw HTML block runs to
    the next blank line, and would swallow the Markdown written right under an "<hr>"
    ("<hr>" / "**[Title](url)**" / …) as more HTML. Fenced code stays as it is."""
    lines = text.split("\n")
    out: list[str] = []
    fenced = False
    for n, line in enumerate(lines):
        out.append(line)
        if _FENCE.match(line):
            fenced = not fenced
        elif (
            not fenced
            and line[:4].lstrip(" \t")[:1] == "<"
            and _HTML_LINE.fullmatch(line)
            and n + 1 < len(lines)
            and lines[n + 1].strip()
        ):
            out.append("")
    return "\n".join(out)


def markdown_html(text: str) -> str:
    text = front_matter(text[:MAX_TEXT])[1]
    if "<!--" in text:
        text = _without_comments(text)
    if "<img" in text or "<IMG" in text:
        text = _IMG_LINE.sub("", text)
    if "<" in text:
        text = _close_html_lines(text)
    if ": http" in text:
        text = _LABEL_URL.sub(r"\1<\2>", text)
    if _BROKEN_CLOSER.search(text):
        text = _mend_line_spans(text)
    if _HEADLINE_OVER_DEK.search(text):
        text = _break_before_deks(text)
    if "\n](" in text:
        text = _join_block_links(text)
    if ": " in text or ":\n" in text:
        text = _SHORTCODE.sub("", text)
    if "** **" in text:
        text = _EMPTY_BOLD.sub(" ", text)
    if "==" in text:
        text = _HIGHLIGHT.sub(r"\1", text)
    if "<span" in text or "<font" in text or "<SPAN" in text or "<FONT" in text:
        text = _STYLE_TAG.sub("", text)
    if "[#" in text:
        text = _HASH_LINK.sub("[", _HEADING_LINK.sub(r"\1 [", text))
    if "`" in text and "[" in text:
        # markdown-it-pyrs 0.4 panics on a backtick left unclosed inside square brackets
        # (This Week in Rust: "[Default lifetimes in `static`/`const`s to `'static](…)").
        # CommonMark reads such a backtick as itself: escape it before rendering.
        text = _BRACKETED.sub(_escape_unclosed_ticks, text)
    try:
        return str(_MD.render(text))
    except BaseException as exc:
        if not is_panic(exc):
            raise
    return str(_MD_NO_CODE.render(text))  # any other panic: without code spans


def _escape_unclosed_ticks(match: re.Match[str]) -> str:
    """The bracketed text with each backtick run that closes no code span escaped.

    As CommonMark pairs them: a run opens a code span closed by the next run of the
    same length; a run with none after it is literal. One queue of later runs per
    length keeps this linear in the number of runs."""
    text = match.group()
    if "`" not in text:
        return text
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text)]
    if not runs:
        return text
    later: dict[int, deque[int]] = {}
    for index, (start, end) in enumerate(runs):
        later.setdefault(end - start, deque()).append(index)
    unclosed: list[int] = []
    i = 0
    while i < len(runs):
        queue = later[runs[i][1] - runs[i][0]]
        while queue and queue[0] <= i:
            queue.popleft()
        if queue:
            i = queue.popleft() + 1
        else:
            unclosed.append(i)
            i += 1
    out: list[str] = []
    last = 0
    for index in unclosed:
        start, end = runs[index]
        out.append(text[last:start] + "\\`" * (end - start))
        last = end
    return "".join(out) + text[last:]


def markdown_blocks(text: str) -> list[Block]:
    return html_blocks(markdown_html(text))
