"""Parsing a str as UTF-8 bytes gives the tree parsing the str gives.

``htmlblocks.read_html`` hands lxml the UTF-8 bytes of a str that is not ASCII, with
the encoding stated, where ``etree.fromstring(markup, parser)`` (the reference) hands it
the str. Both parsers of the step are asked (the block walk's, comments dropped, and
hf_papers' tables', comments kept), on every fixture's HTML and on generated markup
holding what could tell them apart: emoji, Latin-1 and CJK text, a byte-order mark,
NUL and control characters, a lone surrogate, an XML declaration naming an encoding,
a ``<meta charset>``, comments and processing instructions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.etree as etree  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.decode import load_file
from parsers import hf_papers, htmlblocks, registry

FIXTURES = Path(__file__).parent.parent / "fixtures" / "parsers"
_FILES = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".html", ".eml"))
_PARSERS = [
    (htmlblocks._PARSER, htmlblocks._PARSER_UTF8),
    (hf_papers._TABLE_PARSER, hf_papers._TABLE_PARSER_UTF8),
]


def _outcome(read: Any, *args: Any) -> Any:
    """What ``read(*args)`` gives: every node's tag, text and tail in order (a text split
    in two nodes or merged shows), or the error it raised."""
    try:
        root = read(*args)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        return type(exc)
    if root is None:
        return None
    nodes = [(str(n.tag), n.text, n.tail, dict(n.attrib)) for n in root.iter()]
    return nodes, etree.tostring(root)


def _same(markup: str) -> None:
    for parser, utf8 in _PARSERS:
        reference = _outcome(etree.fromstring, markup, parser)
        assert _outcome(htmlblocks.read_html, markup, parser, utf8) == reference


def _html(path: Path) -> str:
    email = load_file(path)
    return email.html or ""


@pytest.mark.parametrize("path", _FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_same_tree_on_fixtures(path: Path) -> None:
    markup = htmlblocks._XML_DECL.sub("", _html(path)[: htmlblocks.MAX_HTML], count=1)
    if markup and not markup.isspace():
        _same(markup)
        root = htmlblocks.parse_html(markup)
        assert repr(htmlblocks.walk_blocks(root)) == repr(
            htmlblocks.walk_blocks(etree.fromstring(markup, htmlblocks._PARSER))
        )


def test_the_str_path_is_kept_where_bytes_would_differ() -> None:
    # lxml refuses a str declaring its encoding; the bytes would be read.
    declared = '<?xml version="1.0" encoding="latin-1"?><p>\u00e9</p>'
    _same(declared)
    assert _outcome(etree.fromstring, declared, htmlblocks._PARSER) is ValueError
    # A lone surrogate has no UTF-8: the str goes as it is.
    _same("<p>\ud800\u00e9 \U0001f600</p>")


_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<td>",
        "<table><tr><td>",
        "<b>",
        "</b>",
        "<br>",
        "<a href='https://x.io/\u00e9'>",
        "</a>",
        "<!-- [if mso]> x <![endif] -->",
        "<?php echo 1 ?>",
        '<meta charset="iso-8859-1">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        '<?xml version="1.0" encoding="utf-16"?>',
        "<script>var s = '\U0001f680';</script>",
        "\ufeff",
        "\x00",
        "\x01",
        "\x0b",
        "\x85",
        "\u2028",
        "\ufffe",
        "\ud83d",
        "&amp;",
        "&#128640;",
        "\u00e9t\u00e9",
        "\u4e2d\u6587",
        "\U0001f680 Launch",
        "ASCII words",
        " ",
        "\r\n",
    ]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_same_tree_on_generated_markup(markup: str) -> None:
    _same(markup)


# ---- one tree per email, shared by the parsers --------------------------------------


def _answer(parser: Any, email: Any) -> str:
    try:
        return repr(parser.parse(email))
    except Exception as exc:  # a parser's failure is an answer too
        return repr(exc)


@pytest.mark.parametrize("path", _FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_shared_tree_gives_every_parser_its_own_answer(path: Path) -> None:
    """Every parser run one after another on one email (the shared tree read again and
    again) answers as it does on a tree of its own, and leaves the tree as parsed."""
    email = load_file(path)
    if not email.html:
        return
    alone = []
    for parser in registry.PARSERS:
        htmlblocks._last_tree = None
        alone.append(_answer(parser, email))
    root = htmlblocks.parse_html(email.html)  # the tree they share
    shared = [_answer(parser, email) for parser in registry.PARSERS]
    assert shared == alone
    assert _outcome(lambda: root) == _outcome(htmlblocks.parse_fresh, email.html)


def test_parse_html_shares_only_the_same_str() -> None:
    markup = "<p>Hello <b>world</b></p>"
    root = htmlblocks.parse_html(markup)
    assert htmlblocks.parse_html(markup) is root
    assert htmlblocks.parse_html(markup, shared=False) is not root
    assert htmlblocks.parse_html("".join(["<p>Hello ", "<b>world</b></p>"])) is not root


def test_the_shared_tree_goes_with_its_email() -> None:
    email = load_file(FIXTURES / "hf_papers" / "hf_papers_2025-12-03_alternatives.eml")
    htmlblocks.parse_html(email.html or "")
    assert htmlblocks._last_tree is not None
    registry.parse(email)
    assert htmlblocks._last_tree is None
