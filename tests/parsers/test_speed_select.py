"""The selection parsers' fast paths give the slow paths' answers.

``hf_papers._may_name_column`` is a necessary condition of a header cell naming the
title column (it may say yes wrongly, never no wrongly), and roundup's case-sensitive
scans of the lower-cased markup find what the case-insensitive patterns find in the
markup: the same spans, groups at the same offsets.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.etree as etree  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import hf_papers, roundup

FIXTURES = Path(__file__).parent.parent / "fixtures" / "parsers"
_HTML = sorted(FIXTURES.rglob("*.html"))


def _names_column(td: etree._Element) -> bool:
    """The reference: ``_is_header``'s test of one cell, on the cell fully read."""
    text = hf_papers._html_cell(td).text
    return len(text) < 40 and hf_papers._TITLE_HEAD.search(text) is not None


def _cells(markup: str) -> list[etree._Element]:
    root = etree.fromstring(markup, etree.HTMLParser(recover=True, no_network=True))
    return [] if root is None else list(root.iter("td", "th"))


@pytest.mark.parametrize("path", _HTML, ids=lambda p: p.name)
def test_may_name_column_is_necessary_on_fixtures(path: Path) -> None:
    markup = re.sub(r"^\s*<\?xml[^>]*\?>", "", path.read_text(errors="replace"), count=1)
    for td in _cells(markup):
        assert hf_papers._may_name_column(td) or not _names_column(td)


_PIECES = st.sampled_from(
    [
        "Title",
        "Paper",
        "papers",
        "Pa&#8203;per",
        "Pa\u00adper",
        "T&amp;itle",
        "&#84;itle",
        "tıtle",
        "paperſ",
        "https://arxiv.org/abs/2501.00001",
        "Paperhttps://x.io/a",
        "<https://hf.co/papers/1>",
        "<a href='https://a.b'>arXiv</a>",
        "<b>Paper</b>",
        "<br>",
        " ",
        "\n",
        "-\n  ",
        "&nbsp;",
        "x" * 30,
        "words of a long cell",
        "::",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=8))
def test_may_name_column_is_necessary_on_generated_cells(pieces: list[str]) -> None:
    markup = "<table><tr><td>" + "".join(pieces) + "</td><th>Authors</th></tr></table>"
    for td in _cells(markup):
        assert hf_papers._may_name_column(td) or not _names_column(td)


def _spans(m: re.Match[str]) -> list[tuple[int, int]]:
    return [m.span(g) for g in range((m.re.groups or 0) + 1)]


_CASE_BLIND = [
    (roundup._BLOCK_START, roundup._BLOCK_START_CS),
    (roundup._ENTRY, roundup._ENTRY_CS),
    (roundup._HEADING, roundup._HEADING_CS),
    (roundup._FURNITURE, roundup._FURNITURE_CS),
]

_MARKUP = st.lists(
    st.sampled_from(
        [
            "<DT>",
            "<dt class='x'>",
            "</dt>",
            "</DT>",
            "<dd>",
            "</Dd>",
            "<P>",
            "</p>",
            "<A HREF='https://arxiv.org/abs/1'>",
            '<a href="#top">',
            "</a>",
            "</A>",
            "Title of a paper",
            "<BLOCKQUOTE>",
            "</blockquote>",
            "<H2 id='s'>",
            "</h2>",
            "<Div class='Contents topic'>",
            '<TABLE class="docutils field-list">',
            "<table><tr><TH>Date:</th>",
            "</table>",
            "ı",
            "İ",
            "ſ",
            "K",
            "é",
            " ",
            "\n",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_MARKUP)
def test_case_blind_scans_match_where_the_folding_scans_do(markup: str) -> None:
    if not roundup._folds_plainly(markup):
        return
    lower = markup.lower()
    for folding, blind in _CASE_BLIND:
        assert [_spans(m) for m in blind.finditer(lower)] == [
            _spans(m) for m in folding.finditer(markup)
        ]
    assert [_spans(m) for m in roundup._furniture(markup, lower)] == [
        _spans(m) for m in roundup._FURNITURE.finditer(markup)
    ]


@pytest.mark.parametrize("path", sorted(FIXTURES.joinpath("roundup").rglob("*.html")))
def test_rendered_roundup_pieces_on_fixtures(path: Path) -> None:
    markup = path.read_text(errors="replace")
    lower = markup.lower()
    assert [_spans(m) for m in roundup._furniture(markup, lower)] == [
        _spans(m) for m in roundup._FURNITURE.finditer(markup)
    ]
    for folding, blind in _CASE_BLIND:
        if roundup._folds_plainly(markup):
            assert [_spans(m) for m in blind.finditer(lower)] == [
                _spans(m) for m in folding.finditer(markup)
            ]
