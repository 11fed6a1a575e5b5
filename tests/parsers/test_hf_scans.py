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
    assert hf_papers._paper_links(body) == expected


@settings(max_examples=1500, deadline=None)
@given(bodies.map(str.lower))
def test_paper_ids_are_the_regex_matches(low: str) -> None:
    expected = [(m.span(), m.groups()) for m in hf_cards._PAPER_ID_LOWER.finditer(low)]
    assert [(m.span(), m.groups()) for m in hf_cards.paper_ids(low)] == expected
