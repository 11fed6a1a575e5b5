"""Round-3 variations of the known families, one rule each: a TLDR "Together With" banner
whose logo sits in a cell of its own, a TLDR text heading sharing its line with the emoji,
and roundups with a bibliographic "Date" field, links inside blurbs, an opening summary
that links the papers listed below, and docutils' HTML furniture (the docinfo block, the
table of contents and its back-links on every section heading).

Each test feeds the smallest email that shows the variation, so a failure names the rule.
"""

from __future__ import annotations

import time
from datetime import date

from bot.models import Email
from parsers import parse
from parsers.roundup import docutils_furniture_removed, parse_rst
from parsers.tldr_text import parse_tldr_text


def _tldr_html(banner: str) -> Email:
    story = (
        '<tr><td><a href="https://{host}/post"><strong>{title}</strong></a><br><br>'
        "<span>{blurb}</span></td></tr>"
    )
    rows = [
        banner,
        "<tr><td><span>TLDR AI 2025-11-04</span></td></tr>",
        story.format(host="gpu.example", title="Rent GPUs by the minute (Sponsor)", blurb="Ad."),
        "<tr><td><h1><strong>Headlines &amp; Launches</strong></h1></td></tr>",
        story.format(host="news.example", title="A story (4 minute read)", blurb="Story."),
        story.format(host="more.example", title="Another story (2 minute read)", blurb="More."),
    ]
    html = "<html><body><table>" + "".join(rows) + "</table></body></html>"
    return Email(message_id="<t@x>", subject="TLDR AI 2025-11-04", html=html)


def test_tldr_banner_logo_in_its_own_cell_names_the_sponsor() -> None:
    banner = (
        "<tr><td><table><tr><td>Together With</td>"
        '<td><a href="https://gpu.example/"><img src="https://img.example/l.png" alt="GpuCo">'
        "</a></td></tr></table></td></tr>"
    )
    result = parse(_tldr_html(banner))
    assert result.newsletter.parser == "tldr"
    assert result.newsletter.sponsor_name == "GpuCo"
    assert [(i.title, i.sponsor, i.section) for i in result.items] == [
        ("Rent GPUs by the minute", True, None),
        ("A story", False, "Headlines & Launches"),
        ("Another story", False, "Headlines & Launches"),
    ]


def test_tldr_text_emoji_on_the_heading_line_is_not_part_of_the_section() -> None:
    text = (
        "TLDR 2025-11-18\n\n⚡ QUICK LINKS\n\n APPLE DELAYS ITS HUB (1 MINUTE READ) [1]\n\n"
        "🎁 Miscellaneous\n\n A LONG READ (9 MINUTE READ) [2]\n\n Blurb.\n\n"
        "Links:\n------\n[1] https://a.example/1\n[2] https://a.example/2\n"
    )
    items, _ = parse_tldr_text(text)
    assert [(i.title, i.section) for i in items] == [
        ("APPLE DELAYS ITS HUB", "QUICK LINKS"),
        ("A LONG READ", "Miscellaneous"),
    ]


def test_tldr_text_sponsor_tag_in_either_case_and_titles_keep_their_own_parentheses() -> None:
    # A guard, not a new rule: only the trailing annotations come off a title, and the
    # sponsor tag is read in either case, even when the wrap puts "READ)" on the next line.
    text = (
        "TLDR Data 2025-10-21\n\nDEEP DIVES\n\n"
        " HOW DUCKDB PLANS A JOIN (AND WHEN IT GETS IT WRONG) (10 MINUTE\nREAD) [1]\n\n"
        " Blurb one.\n\n"
        " MOVE DATA WITHOUT CONNECTORS (SPONSOR) [2]\n\n Ad one.\n\n"
        " Hire a data engineer (Sponsor) [3]\n\n Ad two.\n\n"
        "Links:\n------\n[1] https://a.example/1\n[2] https://b.example/2\n[3] https://c.example/3\n"
    )
    items, _ = parse_tldr_text(text)
    assert [(i.title, i.sponsor, i.read_minutes) for i in items] == [
        ("HOW DUCKDB PLANS A JOIN (AND WHEN IT GETS IT WRONG)", False, 10),
        ("MOVE DATA WITHOUT CONNECTORS", True, None),
        ("Hire a data engineer", True, None),
    ]


_RST = (
    "Paper Trail: June, 2026\n=======================\n\n"
    ":Date: 2026-06-02\n:Editors: `Ana Ruiz <https://anaruiz.example/>`_\n\n"
    "Featuring:\n\n"
    "* `A contamination study <https://arxiv.org/pdf/2606.00412>`_ across 40 models.\n"
    "* `A survey we do not list <https://arxiv.org/abs/2606.09999>`_ worth a look.\n\n"
    "Featured\n--------\n\n"
    "`Benchmarks Leak <https://arxiv.org/abs/2606.00412v2>`_\n"
    "    Builds on `Detecting Pretraining Data\n    <https://arxiv.org/abs/2310.16789>`_"
    " and `Min-K <https://arxiv.org/abs/2310.1>`__.\n"
)


def _roundup(text: str = "", html: str = "") -> tuple[date | None, list[tuple[str, str | None]]]:
    email = Email(message_id="<r@x>", subject="", text=text or None, html=html or None)
    result = parse(email)
    assert result.newsletter.parser == "roundup"
    return result.newsletter.issue_date, [(i.title, i.section) for i in result.items]


def test_roundup_date_field_gives_the_issue_date() -> None:
    when, _ = _roundup(_RST)
    assert when == date(2026, 6, 2)  # the title alone says only June 2026


def test_roundup_links_in_a_blurb_read_as_their_text() -> None:
    items, _ = parse_rst(_RST)
    listed = [i for i in items if i.section]
    assert [i.title for i in listed] == ["Benchmarks Leak"]
    assert listed[0].blurb == "Builds on Detecting Pretraining Data and Min-K."


def test_roundup_opening_summary_linking_a_listed_paper_is_not_an_item() -> None:
    # The summary's first link is the paper listed under Featured (pdf vs abs, v2): a
    # teaser. Its second links nothing listed below: kept, as before.
    items, _ = parse_rst(_RST)
    assert [(i.title, i.section) for i in items] == [
        ("A survey we do not list", None),
        ("Benchmarks Leak", "Featured"),
    ]


_DOCUTILS_HTML = """<html><head>
<meta name="generator" content="Docutils 0.23: https://docutils.sourceforge.io/" />
<meta name="dcterms.date" content="2026-06-02" />
<title>Paper Trail: June, 2026</title></head><body>
<main><h1 class="title">Paper Trail: June, 2026</h1>
<dl class="docinfo simple"><dt class="editors">Editors</dt>
<dd class="editors"><p><a class="reference external" href="https://anaruiz.example/">Ana Ruiz</a></p></dd></dl>
<nav class="contents local" id="toc"><ul class="simple">
<li><p><a class="reference internal" href="#featured" id="toc-entry-1">Featured</a></p></li>
<li><p><a class="reference internal" href="#safety" id="toc-entry-2">Safety</a></p></li></ul></nav>
<section id="featured"><h2><a class="toc-backref" href="#toc-entry-1">Featured</a></h2>
<dl class="simple">
<dt><a class="reference external" href="https://arxiv.org/abs/2606.00412">Benchmarks Leak</a></dt>
<dd><p>Builds on <a class="reference external" href="https://arxiv.org/abs/2310.16789">Detecting Pretraining Data</a>.</p></dd>
<dt><a class="reference external" href="https://arxiv.org/abs/2606.01177">State Tracking</a></dt>
<dd><p>A recurrent model.</p></dd>
</dl></section>
<section id="safety"><h2><a class="toc-backref" href="#toc-entry-2">Safety</a></h2>
<dl class="simple">
<dt><a class="reference external" href="https://arxiv.org/abs/2606.04128">Refusal Directions</a></dt>
<dd><p>Code at <a class="reference external" href="https://github.com/x/refusal-dirs">refusal-dirs</a>.</p></dd>
</dl></section></main></body></html>"""


def test_roundup_docutils_html_without_its_furniture() -> None:
    when, items = _roundup(html=_DOCUTILS_HTML)
    assert when == date(2026, 6, 2)
    assert items == [
        ("Benchmarks Leak", "Featured"),
        ("State Tracking", "Featured"),
        ("Refusal Directions", "Safety"),
    ]


def test_roundup_docutils_html4_docinfo_table_date() -> None:
    html = _DOCUTILS_HTML.replace('<meta name="dcterms.date" content="2026-06-02" />', "").replace(
        '<dl class="docinfo simple">',
        '<table class="docinfo"><tbody><tr>'
        '<th class="docinfo-name">Date:</th><td>2026-06-03</td></tr></tbody></table>'
        '<dl class="docinfo simple">',
    )
    when, items = _roundup(html=html)
    assert when == date(2026, 6, 3)
    assert len(items) == 3


def test_docutils_furniture_removal_is_linear_on_hostile_markup() -> None:
    hostile = [
        '<a href="https://x.example/">' * 20_000,
        "<p>" + '<a href="https://a.example/">x</a> word ' * 30_000,
        '<div class="contents">' * 60_000,
    ]
    for markup in hostile:
        started = time.perf_counter()
        docutils_furniture_removed(markup)
        assert time.perf_counter() - started < 1.0


def test_roundup_html_opening_summary_linking_a_listed_paper_is_not_an_item() -> None:
    # docutils' rendering of an opening "Featuring:" list whose entry links a paper the
    # Featured section lists under its own title: the teaser must not lend its words.
    html = (
        '<html><head><meta name="generator" content="Docutils 0.23" /></head><body><main>'
        '<h1 class="title">The Lab Digest: July, 2026</h1><p>Featuring:</p><ul class="simple">'
        '<li><p><a class="reference external" href="https://arxiv.org/pdf/2607.00101">'
        "A mixture-of-depths model</a> that skips 60% of layers.</p></li></ul>"
        '<section id="featured"><h2>Featured</h2><dl class="simple">'
        '<dt><a class="reference external" href="https://arxiv.org/abs/2607.00101v2">'
        "Mixture-of-Depths at Scale</a></dt><dd><p>Trains a 30B model.</p></dd>"
        '<dt><a class="reference external" href="https://arxiv.org/abs/2607.00303">'
        "Learning From Phone Videos</a></dt><dd><p>A policy.</p></dd></dl></section>"
        "</main></body></html>"
    )
    _, items = _roundup(html=html)
    assert items == [
        ("Mixture-of-Depths at Scale", "Featured"),
        ("Learning From Phone Videos", "Featured"),
    ]
