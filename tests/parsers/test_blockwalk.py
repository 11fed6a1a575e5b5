"""The compiled block walk (parsers/_blockwalk.pyx) gives exactly the blocks of the
pure-Python reference walk in parsers/htmlblocks.py: on every HTML fixture, every seed,
their markup variants, and generated HTML soup (hidden styles, bold styles, links around
blocks, images in links, skipped tags, entities, namespaced tags, odd nesting)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import lxml.etree as etree
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.decode import load_file
from parsers import htmlblocks
from parsers.htmlblocks import MAX_ELEMENTS, Block, Link, html_blocks, walk_python

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    p
    for p in [
        *(ROOT / "tests" / "fixtures").rglob("*"),
        *(ROOT.parent / "shared" / "seeds").glob("*"),
    ]
    if p.suffix in {".html", ".eml"} and load_file(p).html  # text-only mail has nothing to walk
)


def _compiled() -> Any:
    walk = htmlblocks._compiled_walk
    if walk is None:
        pytest.fail("parsers._blockwalk is not built: run `pip install -e .` (needs a C compiler)")
    return walk


def _both(markup: str, budget: int = MAX_ELEMENTS) -> tuple[list[Any], list[Any]]:
    root = etree.fromstring(markup, htmlblocks._PARSER)
    if root is None:
        return [], []
    saved = htmlblocks.MAX_ELEMENTS
    htmlblocks.MAX_ELEMENTS = budget
    try:
        python = walk_python(root)
    finally:
        htmlblocks.MAX_ELEMENTS = saved
    compiled = _compiled()(root, Block, Link, htmlblocks._HIDDEN, htmlblocks._BOLD_STYLE, budget)
    return [dataclasses.asdict(b) for b in python], [dataclasses.asdict(b) for b in compiled]


def test_fixtures_are_there() -> None:
    assert len(SOURCES) >= 30


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_compiled_walk_matches_python_on_fixtures(path: Path) -> None:
    html = htmlblocks._XML_DECL.sub("", load_file(path).html or "", count=1)
    python, compiled = _both(html)
    assert python, "the reference walk found no blocks: the fixture is not exercising it"
    assert compiled == python


def test_html_blocks_uses_the_compiled_walk() -> None:
    _compiled()
    blocks = html_blocks("<p><b>Bold</b> and <a href='https://e.x/a'>a link</a></p>")
    assert [(b.text, b.bold_lead, [lk.href for lk in b.links]) for b in blocks] == [
        ("Bold and a link", "Bold", ["https://e.x/a"])
    ]


def test_the_element_budget_stops_both_walks_at_the_same_place() -> None:
    markup = (
        "<div>"
        + "".join(f"<p>Para {i} <a href='https://e.x/{i}'>link {i}</a></p>" for i in range(50))
        + "</div>"
    )
    for budget in (0, 1, 5, 17, 60, 200):
        python, compiled = _both(markup, budget)
        assert compiled == python
    assert len(_both(markup, 17)[1]) < len(_both(markup, 200)[1])


_PARTS = [
    "<p>", "</p>", "<div>", "</div>", "<a href=' https://e.x/a '>", "<a href=\"/rel\">", "<a>",
    "</a>", "<h2>", "</h2>", "<h4 style='font-weight:400'>", "</h4>", "<strong>", "</strong>",
    "<b>", "</b>", "<br>", "<ul>", "<li>", "</li>", "</ul>", "<ol>", "</ol>", "<dl><dt>", "<dd>",
    "</dl>", "<table><tr><td>", "</td><td>", "</td></tr></table>", "<img alt='Logo'>", "<img>",
    "<span style='display:none'>", "<span style='DISPLAY: NONE'>", "<div hidden>",
    "<span style='font-weight:bold'>", "<span style='font-weight: 700'>", "<span style='x'>",
    "<td style='max-height:0'>", "<td style='max-height:0.5em'>", "<span style='mso-hide:all'>",
    "</span>", "<!-- c -->", "<script>x<y</script>", "<style>p{}</style>", "<title>T</title>",
    "<o:p>", "</o:p>", "<svg><a href='https://e.x/s'>s</a></svg>", "&amp;", "&lt;b&gt;",
    "&#x1F680;", "&nbsp;", "Title words", " ", "\n", "\t", "🩻 ", "• ", "— blurb", "x",
    "<hr>", "<pre>  code </pre>", "<center>", "<form>", "<noscript>n</noscript>", "<center>",
    "<a href='https://e.x/w'><table><tr><td>", "<a href='https://e.x/v'> <table>",
    "</td></tr></table></a>", "<table style='display:none'><tr><td>",
]  # fmt: skip

soup = st.lists(st.sampled_from(_PARTS) | st.text(max_size=8), max_size=80).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(soup)
def test_compiled_walk_matches_python_on_generated_html(markup: str) -> None:
    try:
        root = etree.fromstring(markup, htmlblocks._PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return
    if root is None:
        return
    python, compiled = _both(markup)
    assert compiled == python


# The large-type lookup of ``_bold_large_type``: the compiled ``large_styled`` finds the
# elements the reference XPath (``large_styled_python``) finds, in the same order.


def _sized_compiled() -> Any:
    sized = htmlblocks._compiled_sized
    if sized is None:
        pytest.fail("parsers._blockwalk is not built: run `pip install -e .` (needs a C compiler)")
    return sized


def _both_sized(root: Any) -> tuple[list[str], list[str]]:
    tree = root.getroottree()
    python = [tree.getpath(el) for el in htmlblocks.large_styled_python(root)]
    compiled = [tree.getpath(el) for el in _sized_compiled()(root, htmlblocks._large)]
    return python, compiled


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_compiled_large_styled_matches_python_on_fixtures(path: Path) -> None:
    html = htmlblocks._XML_DECL.sub("", load_file(path).html or "", count=1)
    root = etree.fromstring(html, htmlblocks._PARSER)
    python, compiled = _both_sized(root)
    assert compiled == python


def test_html_blocks_uses_the_compiled_large_styled() -> None:
    _sized_compiled()
    root = etree.fromstring(
        "<p style='font-size:20px'>One</p><div style='color:red; font-size: 18pt'>Two</div>"
        "<p style='font-size:12px'>three</p><p style='font-size:x-large'>Four</p>"
        "<p style='FONT-SIZE:20px'>Five</p>",  # not "font-size" as XPath's contains() reads it
        htmlblocks._PARSER,
    )
    python, compiled = _both_sized(root)
    assert compiled == python == ["/html/body/p[1]", "/html/body/div", "/html/body/p[3]"]


_STYLES = [
    "font-size:18px", "font-size: 12pt", "font-size:13pt", "font-size :16.9px", "font-size:17px",
    "FONT-SIZE:24px", "Font-Size: 20PX", "font-size:x-large", "font-size:xx-large",
    "font-size:large", "font-size:-large", "font-size:small", "font-size:1.5em", "font-size:",
    "font-size:18px;font-size:12px", "font-size:12px;font-size:30px", "color:#c00000",
    "font-weight:700;font-size:19px", "font-size:1234px", "font-size:&#49;8px",
    "font&#45;size:20px", "font-size:&quot;20px", "font-sizes:20px", "font-size:١٨px",
    "mso-font-size:20px", "font-ſize:20px;font-size:10px", "",
]  # fmt: skip
_TAGS = ["p", "span", "td", "div", "h3", "a", "o:p", "svg", "b", "font"]


def _sized_part(tag: str, style: str, second: str) -> str:
    styles = f" style='{style}'" + (f' STYLE="{second}"' if second else "")
    return f"<{tag}{styles}>"


_SIZED_PARTS = st.builds(
    _sized_part,
    st.sampled_from(_TAGS),
    st.sampled_from(_STYLES),
    st.sampled_from(["", *_STYLES[:6]]),
)
sized_soup = st.lists(
    _SIZED_PARTS | st.sampled_from(_PARTS) | st.text(max_size=6), max_size=60
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sized_soup)
def test_compiled_large_styled_matches_python_on_generated_html(markup: str) -> None:
    try:
        root = etree.fromstring(markup, htmlblocks._PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return
    if root is None:
        return
    python, compiled = _both_sized(root)
    assert compiled == python
    # A subtree's lookup reads the whole document, as the XPath does.
    for el in root.iter():
        assert _both_sized(el)[1] == python
