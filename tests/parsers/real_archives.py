"""Score the parsers on real issues from public archives (kept out of this repository).

Two public GitHub archives hold real issues in a form whose items can be read off
mechanically, which makes them an independent check of the known-family parsers:

- TLDR's web archive as markdown (one file per issue, e.g. sivadotblog/tldr,
  ``tldr/<edition>/<date>.md``): every ``[### Title (N minute read)](url)`` line is an
  item, its section is the last ``### Heading`` above it, "(Sponsor)" marks ads; links to
  TLDR's own pages (jobs) are not items.
- Hugging Face daily-papers digests (e.g. gabrielchua/daily-ai-papers,
  ``archive/<year>/<month>/<day>.md``): every table row linking arXiv is an item.

Each TLDR issue is also rendered as TLDR sends it, from the same items: the text/plain
part (titles in capitals with ``[n]`` references, 70 columns, a "Links:" list) and the
HTML email (nested tables, ``<h1>`` sections, bold linked titles), once with the stories'
own links and once behind opaque short links as TLDR's 2026 emails have them.

    .venv/bin/python -m tests.parsers.real_archives DIR [-v]

DIR holds ``tldr/<edition>_<YYYY-MM-DD>.md`` and ``hf/<name>.md`` copies of archive files.
"""

from __future__ import annotations

import hashlib
import html
import re
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from markdown_it_pyrs import MarkdownIt

from bot.decode import decode_email, load_file
from bot.models import Email, ParseResult
from bot.normalise import normalise_result
from bot.normalise.urls import canonical_url
from parsers import parse
from tests.parsers import score as score_tally


@dataclass
class Want:
    title: str
    url: str
    section: str | None
    sponsor: bool


# --- what the archives say ---------------------------------------------------------------

_ITEM = re.compile(r"^\[### (.*)\]\((\S+)\)\s*$")
_HEAD = re.compile(r"^### (\S.*)$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+.!<>-])")
_TLDR_OWN = re.compile(r"https?://(?:(?:[\w-]+\.)*tldr\.tech|jobs\.ashbyhq\.com/tldr)")
# The annotations TLDR writes after a title (read time, repo, sponsor, kind of link).
_ANNOTATION = re.compile(r"\s*\(([^()]{1,40})\)\s*$")
_ANNOTATION_WORDS = re.compile(
    r"minute|hour|read|repo|gist|sponsor|hugging face|tweet|launch|website|webapp|video|podcast"
    r"|paper|pdf|thread|tool|course|newsletter|blog|news|report|survey|product|app|docs|extension",
    re.I,
)


def _unmark(text: str) -> str:
    return _ESCAPE.sub(r"\1", html.unescape(text))


def tldr_items(markdown: str) -> list[Want]:
    out: list[Want] = []
    section: str | None = None
    for line in markdown.splitlines():
        m = _ITEM.match(line)
        if m:
            raw = _unmark(m.group(1))
            if _TLDR_OWN.match(m.group(2)):
                continue
            title = raw
            for _ in range(3):
                a = _ANNOTATION.search(title)
                if not a or not _ANNOTATION_WORDS.search(a.group(1)):
                    break
                title = title[: a.start()]
            title = title.strip().lstrip("🚀 ")
            out.append(Want(title, html.unescape(m.group(2)), section, "(sponsor)" in raw.lower()))
            continue
        h = _HEAD.match(line)
        if h:
            section = h.group(1).strip()
    return out


_ARXIV = re.compile(r"\((https?://arxiv\.org/abs/[^)\s]+)\)")
_CELL_LINK = re.compile(r"^\[(.*)\]\((https?://[^)]+)\)$")


def paper_items(markdown: str) -> list[Want]:
    rows: list[str] = []
    row: str | None = None
    for line in markdown.splitlines():
        if line.startswith("|"):
            if row is not None:
                rows.append(row)
            row = line
        elif line.strip() and row is not None:
            row += " " + line.strip()  # a title cell wrapped onto the next line
        else:
            if row is not None:
                rows.append(row)
            row = None
    if row is not None:
        rows.append(row)
    out: list[Want] = []
    for row in rows:
        link = _ARXIV.search(row)
        if link is None:
            continue
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        title = next((c[: c.index("(Read more")] for c in cells if "(Read more" in c), None)
        if title is None:
            lead = _CELL_LINK.match(cells[0])
            title = lead.group(1) if lead else cells[0]
        out.append(Want(" ".join(title.split()), link.group(1), None, False))
    return out


# --- the same TLDR issue as TLDR's emails ----------------------------------------------


def _issue_lines(markdown: str) -> list[str]:
    """The issue's body: after the tagline heading, before the footer's heading."""
    lines = markdown.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if not starts:
        return []
    end = starts[1] if len(starts) > 1 else len(lines)
    return lines[starts[0] + 1 : end]


def tldr_text(markdown: str, masthead: str) -> str:
    refs: list[str] = []

    def ref(url: str) -> int:
        url = html.unescape(url)
        if url not in refs:
            refs.append(url)
        return refs.index(url) + 1

    def inline(text: str) -> str:
        return re.sub(
            r"\[([^\]]*)\]\((\S+?)\)", lambda m: f"{m.group(1)} [{ref(m.group(2))}]", text
        )

    out = [masthead, ""]
    for line in _issue_lines(markdown):
        m = _ITEM.match(line)
        h = _HEAD.match(line)
        if m:
            title = f" {_unmark(m.group(1)).upper()} [{ref(m.group(2))}] "
            out += [*textwrap.wrap(title, 70, drop_whitespace=False), ""]
        elif h:
            out += [h.group(1).upper(), ""]
        elif line.strip() and line.strip() != "###":
            out += [*textwrap.wrap(" " + inline(_unmark(line)) + " ", 70), ""]
    out += ["", "Links:", "------", *(f"[{i}] {u}" for i, u in enumerate(refs, 1))]
    return "\n".join(out) + "\n"


_MD = MarkdownIt("commonmark")
_GFM = MarkdownIt("gfm")


def _inline_html(line: str) -> str:
    rendered = str(_MD.render(line)).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>"):
        rendered = rendered[3:-4]
    return rendered


def short_link(url: str) -> str:
    digest = hashlib.sha256(html.unescape(url).encode()).hexdigest()[:6]
    return f"https://links.tldrnewsletter.com/{digest}"


def tldr_html(markdown: str, masthead: str, link: Callable[[str], str]) -> str:
    parts = [
        "<html><body>",
        '<div style="display:none;max-height:0px;overflow:hidden">The day in tech &#847;</div>',
        '<table align="center" width="100%"><tbody><tr><td><table width="600"><tbody><tr><td>',
        '<div style="text-align:center"><a href="https://tldr.tech/signup"><span>Sign Up</span></a>'
        ' <span>|</span> <a href="https://advertise.tldr.tech/"><span>Advertise</span></a>'
        ' <span>|</span> <a href="https://a.tldrnewsletter.com/web-version?ep=1"><span>View Online'
        "</span></a></div>",
        f'<div style="text-align:center"><span>{masthead}</span></div>',
    ]
    story: list[str] | None = None

    def close() -> None:
        nonlocal story
        if story is not None:
            parts.append(
                '<table width="100%"><tbody><tr><td style="padding:15px 15px"><div><span>'
                + "".join(story)
                + "</span></div></td></tr></tbody></table>"
            )
        story = None

    for line in _issue_lines(markdown):
        m = _ITEM.match(line)
        h = _HEAD.match(line)
        if m:
            close()
            href = html.escape(link(html.unescape(m.group(2))))
            title = html.escape(_unmark(m.group(1)))
            story = [f'<a href="{href}"><span><strong>{title}</strong></span></a><br><br>']
        elif h:
            close()
            parts.append(f"<h1><strong>{html.escape(h.group(1))}</strong></h1>")
        elif line.strip() and line.strip() != "###":
            rendered = _inline_html(html.unescape(line))
            if story is None:
                parts.append(f"<div><span>{rendered}</span></div>")
            else:
                story.append(f'<span style="font-family:Helvetica">{rendered}</span><br><br>')
    close()
    parts += [
        "<div><span>Love TLDR? Tell your friends and get rewards!</span></div>",
        '<div><a href="https://tldr.tech/unsubscribe?ep=1">Unsubscribe</a></div>',
        "</td></tr></tbody></table></td></tr></tbody></table></body></html>",
    ]
    return "\n".join(parts)


def _email(
    subject: str, body: str, subtype: str, sender: str = "TLDR <dan@tldrnewsletter.com>"
) -> Email:
    msg = EmailMessage()
    msg["From"] = sender
    msg["Subject"] = subject
    msg.set_content(body, subtype=subtype)
    return decode_email(bytes(msg))


# --- scoring -------------------------------------------------------------------------------


def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


@dataclass
class Tally(score_tally.Tally):
    """score.py's counts (expected, found, matched, section and sponsor flags right),
    and how many matched titles are exactly the archive's."""

    titles: int = 0

    def line(self, name: str) -> str:
        m = self.matched
        return (
            f"{name:22} expected {self.expected:4} found {self.found:4} matched {m:4}"
            f"  P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}  titles {self.titles}/{m}"
            f" sections {self.section_ok}/{m} sponsors {self.sponsor_ok}/{m}"
        )


def score(name: str, wants: list[Want], result: ParseResult, tally: Tally, verbose: bool) -> None:
    want: dict[str, Want] = {}
    for w in wants:
        want.setdefault(canonical_url(w.url), w)
    got = {}
    for item in normalise_result(result).items:
        got.setdefault(item.canonical_url, item)
    matched = [u for u in got if u in want]
    tally.expected += len(want)
    tally.found += len(got)
    tally.matched += len(matched)
    problems = [f"  missing {want[u].title!r}" for u in want if u not in got]
    problems += [f"  extra   {got[u].title!r} {u}" for u in got if u not in want]
    for u in matched:
        g, w = got[u], want[u]
        tally.titles += _fold(g.title) == _fold(w.title)
        tally.section_ok += w.section is None or _fold(g.section) == _fold(w.section)
        tally.sponsor_ok += g.sponsor == w.sponsor
        if _fold(g.title) != _fold(w.title):
            problems.append(f"  title   {g.title!r} != {w.title!r}")
    if verbose and problems:
        print(name, *problems, sep="\n")


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    root = Path(next(a for a in argv if not a.startswith("-")))
    names = ("tldr web", "tldr text", "tldr html", "tldr html short", "papers", "papers html")
    tallies = {k: Tally() for k in names}
    for path in sorted((root / "tldr").glob("*.md")):
        markdown = path.read_text()
        wants = tldr_items(markdown)
        edition, day = path.stem.split("_")
        masthead = f"TLDR {'' if edition == 'tech' else edition.title()} {day}".replace("  ", " ")
        subject = markdown.splitlines()[0]
        score(path.name, wants, parse(load_file(path)), tallies["tldr web"], verbose)
        text = _email(subject, tldr_text(markdown, masthead), "plain")
        score(path.name + " (text)", wants, parse(text), tallies["tldr text"], verbose)
        page = _email(subject, tldr_html(markdown, masthead, lambda u: u), "html")
        score(path.name + " (html)", wants, parse(page), tallies["tldr html"], verbose)
        short = [Want(w.title, short_link(w.url), w.section, w.sponsor) for w in wants]
        page = _email(subject, tldr_html(markdown, masthead, short_link), "html")
        score(path.name + " (short)", short, parse(page), tallies["tldr html short"], verbose)
    for path in sorted((root / "hf").glob("*.md")):
        wants = paper_items(path.read_text())
        score(path.name, wants, parse(load_file(path)), tallies["papers"], verbose)
        # The digest as a GitHub-flavoured rendering mailed as HTML (a table per day).
        digest = str(_GFM.render(path.read_text()))
        page = _email(path.stem, digest, "html", sender="Daily papers <digest@papers.example>")
        score(path.name + " (html)", wants, parse(page), tallies["papers html"], verbose)
    for name, tally in tallies.items():
        print(tally.line(name))


if __name__ == "__main__":
    main(sys.argv[1:])
