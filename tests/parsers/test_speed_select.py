"""The selection parsers' fast paths give the slow paths' answers.

``hf_papers._may_name_column`` is a necessary condition of a header cell naming the
title column (it may say yes wrongly, never no wrongly), and roundup's case-sensitive
scans of the lower-cased markup find what the case-insensitive patterns find in the
markup: the same spans, groups at the same offsets. tldr's tests of a literal word
before a regex (the banner, its own site and words, an issue's tagline) give the regex's
answer.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from pathlib import Path

import lxml.etree as etree  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.decode import load_file
from parsers import hf_cards, hf_papers, htmlblocks, roundup, tldr
from parsers.text import BANNER, at_least, banner_match
from tests.parsers.test_speed_extract import BANNER_PIECES

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


# ---- tldr: literal words before the regexes -----------------------------------------

_TLDR_PIECES = [
    *BANNER_PIECES,
    "Tuesday's edition is sponsored by",
    "TOGETHER WITH",
    " BY",
    "wıth",
    "wİth",
    "wIth",
    "ſponsored by",
    "together wıth",
    "In partnership wİth",
    "https://TLDR.Tech/",
    "TLDR",
    "tldr",
    "TlDr",
    "TLDR Jobs",
    "(TLDR Job",
    "is hiring",
    "HIRING",
    "https://",
    "http://www.",
    "tldr.tech",
    "TLDR.TECH",
    "tldr.tech/",
    "a.tldr.tech?x",
    "tldr-tech",
    "K",
    "Acme",
    ", ",
    "🚀",
    "©",
    "™",
    "é",
    " ",
    ":",
    ".",
    "\n",
]
_TLDR_TEXTS = st.lists(
    st.one_of(st.sampled_from(_TLDR_PIECES), st.text(max_size=4)), max_size=8
).map("".join)


_TLDR_TRICKY = [
    "Together wıth Acme",
    "in partnership wİth Acme",
    "https://TLDR.TECH/ai",
    "https://jobs.Tldr.tech",
    "We're HIRING at tldr",
    "(tldr jobs)",
    "Iceberg ships 🧊, dbt pricing 💲",
]


def _reference_tagline(text: str) -> bool:
    return ", " in text and sum(unicodedata.category(ch) == "So" for ch in text) >= 2


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.sampled_from(_TLDR_TRICKY), _TLDR_TEXTS))
def test_tldr_prechecks_give_the_regexes_answers(text: str) -> None:
    assert (banner_match(text) is not None) == (BANNER.match(text) is not None)
    assert tldr._own_site(text) == (tldr._OWN_SITE.match(text) is not None)
    own_words = "tldr" in text.lower() and tldr._OWN_WORDS.search(text) is not None
    assert own_words == (tldr._OWN_WORDS.search(text) is not None)
    assert tldr._is_tagline(text) == _reference_tagline(text)


def test_no_ascii_character_is_a_symbol_so() -> None:
    assert not [chr(c) for c in range(128) if unicodedata.category(chr(c)) == "So"]


@pytest.mark.parametrize("path", sorted(FIXTURES.joinpath("tldr").rglob("*")), ids=lambda p: p.name)
def test_tldr_prechecks_on_fixture_blocks(path: Path) -> None:
    email = load_file(path)
    if not email.html:
        return
    for block in htmlblocks.html_blocks(email.html):
        text = block.text
        assert (banner_match(text) is not None) == (BANNER.match(text) is not None)
        assert tldr._is_tagline(text) == _reference_tagline(text)
        for link in block.links:
            assert tldr._own_site(link.href) == (tldr._OWN_SITE.match(link.href) is not None)


# ---- hf_cards: "et al" removed only from a text ending in it -------------------------

_AUTHOR_PIECES = st.sampled_from(
    ["et al", "et al.", "Et Al", ",", " ", "\n", "\t", "Jane Doe", "A. Lima", ".", "al", "et"]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_AUTHOR_PIECES, max_size=8).map("".join))
def test_et_al_only_ends_a_text_ending_in_it(text: str) -> None:
    body = text.strip()
    if not body.endswith(hf_cards._ET_AL_ENDS):
        assert hf_cards._ET_AL.sub("", body) == body


def test_et_al_is_still_removed() -> None:
    assert hf_cards._authors("Ana Lima, Bo Chen, et al.") == ("Ana Lima", "Bo Chen")
    assert hf_cards._authors("Authors: Ana Lima et al") == ("Ana Lima",)


# ---- hf_papers: a cell's text written by libxml2 -------------------------------------


def _table_tree(markup: str) -> etree._Element | None:
    """The tree ``_html_tables`` reads: comments kept, a space before each <br>'s tail."""
    try:
        root = etree.fromstring(markup, hf_papers._TABLE_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    for br in [] if root is None else root.iter("br"):
        with contextlib.suppress(ValueError):
            br.tail = " " + (br.tail or "")
    return root


def _same_texts(root: etree._Element | None) -> None:
    for el in [] if root is None else root.iter():
        if isinstance(el.tag, str):
            assert hf_papers.text_of(el) == "".join(el.itertext())


@pytest.mark.parametrize(
    "path",
    sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".html", ".eml")),
    ids=lambda p: str(p.relative_to(FIXTURES)),
)
def test_text_of_is_itertext_on_fixtures(path: Path) -> None:
    html = load_file(path).html
    if html:
        _same_texts(_table_tree(re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)))


_CELL_PIECES = st.sampled_from(
    [
        "<table><tr><td>",
        "</td><td>",
        "<th>",
        "</table>",
        "<b>Title</b>",
        "<a href='https://arxiv.org/abs/1'>Paper</a>",
        "<!-- a comment -->",
        "<!--[if mso]><table><tr><td><![endif]-->",
        "<?php x ?>",
        "<script>var a = '<td>x</td>';</script>",
        "<style>td { color: red }</style>",
        "<br>",
        "<br/>tail",
        "&amp;",
        "&nbsp;",
        "&#128640;",
        "\u00e9",
        "\U0001f680",
        "\x0c",
        "\r\n",
        "  ",
        "words",
        "<![CDATA[ x ]]>",
        "<svg><title>t</title></svg>",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CELL_PIECES, min_size=1, max_size=12).map("".join))
def test_text_of_is_itertext_on_generated_cells(markup: str) -> None:
    _same_texts(_table_tree(markup))


# ---- hf_papers: the shared tree screens the tables -----------------------------------


def _same_elements(markup: str) -> None:
    """The shared tree (comments and processing instructions dropped) holds the elements
    of the tree ``_read_tables`` reads, in order, and each cell's words but for spaces."""
    shared = htmlblocks.parse_fresh(markup)
    if shared is None:
        return
    kept = htmlblocks.read_html(
        re.sub(r"^\s*<\?xml[^>]*\?>", "", markup[: htmlblocks.MAX_HTML], count=1),
        hf_papers._TABLE_PARSER,
        hf_papers._TABLE_PARSER_UTF8,
    )
    assert kept is not None
    ours = [el for el in shared.iter() if isinstance(el.tag, str)]
    theirs = [el for el in kept.iter() if isinstance(el.tag, str)]
    assert [el.tag for el in ours] == [el.tag for el in theirs]
    for a, b in zip(ours, theirs, strict=True):
        if a.tag in ("td", "th"):
            assert "".join(hf_papers.text_of(a).split()) == "".join(hf_papers.text_of(b).split())


def _screened_as_read(markup: str) -> None:
    tables = hf_papers._read_tables(markup)
    shared = htmlblocks.parse_fresh(markup)
    if tables and shared is not None:
        assert hf_papers._may_head_a_table(shared)
    assert hf_papers._html_tables(markup) == tables
    htmlblocks.forget_tree()


@pytest.mark.parametrize(
    "path",
    sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".html", ".eml")),
    ids=lambda p: str(p.relative_to(FIXTURES)),
)
def test_shared_tree_screens_tables_on_fixtures(path: Path) -> None:
    html = load_file(path).html
    if html:
        _same_elements(html)
        _screened_as_read(html)


_HEADER_PIECES = st.sampled_from(
    [
        "<table><tr><td>",
        "<table><tr><th>",
        "</td><td>",
        "</th><th>",
        "</td></tr><tr><td>",
        "</table>",
        "<tr>",
        "Title",
        "Paper",
        "Authors",
        "Ti<!-- x -->tle",
        "Sub<br>title",
        "Sub<br/>title",
        "Pa<?php x ?> <b>per</b>",
        "<?php x ?>",
        "<!x>",
        "</ x>",
        "<!---->",
        "<!--[if mso]><table><tr><td><![endif]-->",
        "<![CDATA[ Title ]]>",
        "&#84;itle",
        "&amp;#84;itle",
        "Pa\u200bper",
        "Pa&shy;per",
        "tıtle",
        "https://arxiv.org/abs/2501.00001",
        "https://a.b/title",
        "<a href='https://arxiv.org/abs/1'>Paper</a>",
        "<b>Title</b>",
        "<span> </span>",
        "x" * 30,
        " ",
        "\n  ",
        "-\n  ",
        "\x0c",
        "\x0b",
        "x\x0c",
        "\ufffe",
    ]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_HEADER_PIECES, min_size=1, max_size=14).map("".join))
def test_shared_tree_screens_tables_on_generated_markup(markup: str) -> None:
    _same_elements(markup)
    _screened_as_read(markup)


# ---- hf_cards: the lowered bytes decoded for str.lower() ------------------------------


def _reference_may_be_digest(text: str) -> bool:
    """``may_be_digest`` scanning ``text.lower()`` itself, as it did."""
    if sum(hf_cards.lowered(text).count(p) for p in hf_cards._ID_PREFIXES_BYTES) < 3:
        return False
    low = text.lower().replace("%2f", "/")
    last: dict[str, tuple[int, str]] = {}
    paired: set[str] = set()
    for m in hf_cards._PAPER_ID_LOWER.finditer(low):
        paper = m.group(1) or m.group(3)
        form = m.group(2) or "hf"
        seen = last.get(paper)
        if seen is not None and seen[1] != form and m.start() - seen[0] <= hf_cards._CARD_SPAN:
            paired.add(paper)
        last[paper] = (m.start(), form)
    if len(last) < 3:
        return False
    return (
        "huggingface.co/papers/" in low
        or len(paired) * 3 >= len(last) * 2
        or any(mark in low for mark in hf_cards._VOTE_MARKS)
        or hf_cards._VOTE_COUNT.search(low) is not None
    )


def test_only_two_characters_lower_case_unlike_their_bytes() -> None:
    """Every character but ``_ODD_LOWER`` lower-cases to one character, ASCII only from
    ASCII, and to one the scans read alike (word, space, digit, vote mark)."""
    word, space, digit = re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")
    odd = []
    for code in range(128, 0x110000):
        ch = chr(code)
        low = ch.lower()
        if (
            len(low) != 1
            or low.isascii()
            or bool(word.match(ch)) != bool(word.match(low))
            or bool(space.match(ch)) != bool(space.match(low))
            or bool(digit.match(ch)) != bool(digit.match(low))
            or (ch in hf_cards._VOTE_MARKS) != (low in hf_cards._VOTE_MARKS)
        ):
            odd.append(ch)
    assert tuple(odd) == hf_cards._ODD_LOWER


_DIGEST_PIECES = st.sampled_from(
    [
        "https://arxiv.org/abs/2501.00001",
        "https://ARXIV.org/PDF/2501.00001",
        "https://huggingface.co/papers/2501.00001",
        "https%3A%2F%2Fhuggingface.co%2Fpapers%2F2501.00002",
        "hf.co/papers/2501.00003",
        "arxiv.org/abs/cs.LG/2501003",
        "arxiv.org/abs/CS.lg/2501003",
        "arxiv.org/html/2501.0000\u0663",
        "arxiv.org/abs/2501.00004",
        "arxiv.org/pdf/2501.00004",
        "12 votes",
        "3 LIKES",
        "\u0663 votes",
        "👍",
        "▲",
        "İ",
        "\u212a",
        "É",
        "ẞ",
        "Σ",
        "\ud800",
        " ",
        "x" * 500,
        "x" * 1800,
    ]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_DIGEST_PIECES, max_size=12).map("".join))
def test_may_be_digest_scans_as_on_lower_case(text: str) -> None:
    assert hf_cards.may_be_digest(text) == _reference_may_be_digest(text)
    raw = hf_cards.lowered(text)
    if not any(c in text for c in hf_cards._ODD_LOWER):
        low, ref = hf_cards._lowered_str(text, raw), text.lower().replace("%2f", "/")
        assert len(low) == len(ref)
        assert [(m.span(), m.groups()) for m in hf_cards.paper_ids(low)] == [
            (m.span(), m.groups()) for m in hf_cards.paper_ids(ref)
        ]


@pytest.mark.parametrize(
    "path",
    sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".html", ".eml", ".md", ".txt")),
    ids=lambda p: str(p.relative_to(FIXTURES)),
)
def test_may_be_digest_on_fixtures(path: Path) -> None:
    email = load_file(path)
    for body in (email.html or "", email.text or ""):
        assert hf_cards.may_be_digest(body[:300_000]) == _reference_may_be_digest(body[:300_000])


# ---- roundup: literals before the RST entry scans ------------------------------------


def _reference_rst_entries(text: str) -> bool:
    return at_least(roundup._SIGNATURE, text, 3) or (
        at_least(roundup._BOLD_ENTRY, text, 3) and "](http" not in text and "<img " not in text
    )


_RST_PIECES = st.sampled_from(
    [
        "`Scaling Laws <https://arxiv.org/abs/2501.00001>`_",
        "`Named reference`_",
        "`Anonymous <http://a.b/c>`__",
        "* `Bulleted entry`_",
        "- ",
        "`",
        "``literal``",
        "**Bold Title**",
        "__Bold Title__",
        "**",
        "__",
        "https://arxiv.org/abs/2501.00002",
        "<https://arxiv.org/abs/2501.00003>",
        "http://",
        "](http://x)",
        "<img ",
        "Title",
        " ",
        "\t",
        "\n",
        "\n\n",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_RST_PIECES, max_size=16).map("".join))
def test_rst_entries_prechecks_give_the_scans_answer(text: str) -> None:
    assert roundup._rst_entries(text) == _reference_rst_entries(text)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".eml", ".md", ".txt", ".rst")),
    ids=lambda p: str(p.relative_to(FIXTURES)),
)
def test_rst_entries_on_fixtures(path: Path) -> None:
    text = (load_file(path).text or "")[:300_000].replace("\r\n", "\n")
    assert roundup._rst_entries(text) == _reference_rst_entries(text)
