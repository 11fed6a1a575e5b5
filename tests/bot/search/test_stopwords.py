from __future__ import annotations

import pytest

from bot.search.query import parse
from bot.search.sql import fts5_match
from bot.search.stopwords import is_stopword, trim_phrase


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("the sparse attention", '"sparse" AND "attention"'),
        ('"the state of the art"', '"state of the art"'),
        ('"of the"', '"of the"'),
        ("the of", '"the" AND "of"'),
        ("The -the gemma", '"gemma") NOT ("the"'),
    ],
)
def test_stop_words_leave_the_match_when_others_remain(text: str, match: str) -> None:
    assert match in fts5_match(parse(text), [])


def test_helpers() -> None:
    assert is_stopword("The")
    assert is_stopword("of the")
    assert not is_stopword("gemma")
    assert not is_stopword("...")
    assert trim_phrase("the quick fox of") == "quick fox"
    assert trim_phrase("of the") == "of the"
