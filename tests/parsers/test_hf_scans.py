"""The papers digest parser's cheap looks at the raw body give the answers of the
regexes they replace (``_PAPER_LINK`` counted, ``_PAPER_ID_LOWER.finditer``) while
scanning only where an address occurs."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import hf_cards, hf_papers

_PIECES = [
    "huggingface.co/papers/", "HuggingFace.co/Papers/", "hf.co/papers/", "arxiv.org/abs/",
    "ARXIV.ORG/PDF/", "arxiv.org/html/", "arxiv.org/", "2501.01234", "2501.0123", "cs.lg/0701001",
    "https://", "%2F", "%2f", "huggıngface.co/papers/", "ſ", " ", "x", "/", ".", "v2",
]  # fmt: skip
bodies = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=16).map("".join)


@settings(max_examples=1500, deadline=None)
@given(bodies)
def test_paper_links_counts_as_the_regex(body: str) -> None:
    plain = body.replace("%2F", "/").replace("%2f", "/")
    expected = sum(1 for _ in itertools.islice(hf_papers._PAPER_LINK.finditer(plain), 2))
    assert hf_papers._paper_links(body, hf_cards.lowered(body)) == expected


@settings(max_examples=1500, deadline=None)
@given(bodies.map(str.lower))
def test_paper_ids_are_the_regex_matches(low: str) -> None:
    expected = [(m.span(), m.groups()) for m in hf_cards._PAPER_ID_LOWER.finditer(low)]
    assert [(m.span(), m.groups()) for m in hf_cards.paper_ids(low)] == expected


def test_a_table_digest_is_read_once_for_match_and_parse() -> None:
    from dataclasses import replace
    from pathlib import Path

    from bot.decode import load_file

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "parsers" / "hf_papers"
    email = load_file(fixtures / "hf_papers_2025-06-14_links_column.html")
    email = replace(email, sender="digest@papers.example", list_id="")
    parser = hf_papers.HfPapersParser()
    assert parser.match(email) is not None
    read = parser._last_tables
    assert read is not None
    assert read[0] is email
    assert parser._tables(email) is read[1]
    assert parser.parse(email).items


@settings(max_examples=1500, deadline=None)
@given(bodies)
def test_the_byte_count_never_hides_a_paper(body: str) -> None:
    """may_be_digest leaves early when the lower-cased UTF-8 holds fewer than three
    addresses a paper id can follow: never when the text itself holds three ids."""
    low = body.lower().replace("%2f", "/")
    ids = [m.group(1) or m.group(3) for m in hf_cards.paper_ids(low)]
    prefixes = sum(hf_cards.lowered(body).count(p) for p in hf_cards._ID_PREFIXES_BYTES)
    assert prefixes >= len(ids)
