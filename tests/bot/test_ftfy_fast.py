"""bot.normalise.ftfy_fast answers as ftfy does, and the facts it rests on hold for the
installed ftfy (a new ftfy version that breaks one fails here, not in production)."""

from __future__ import annotations

import itertools
import re
import re._constants as sre
import re._parser as sre_parse
from pathlib import Path

import ftfy
import pytest
from ftfy.badness import BADNESS_RE
from ftfy.badness import badness as ftfy_badness
from ftfy.badness import is_bad as ftfy_is_bad
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.normalise import ftfy_fast

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parsers"


def _non_ascii_only(op: object, av: object) -> bool:
    """A pattern item that can only match a non-ASCII character."""
    if op is sre.LITERAL:
        return isinstance(av, int) and av >= 0x80
    if op is sre.IN and isinstance(av, list):
        return all(
            (o is sre.LITERAL and a >= 0x80) or (o is sre.RANGE and a[0] >= 0x80) for o, a in av
        )
    return False


def test_every_badness_pattern_holds_a_non_ascii_character_within_the_longest_reach() -> None:
    parsed = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert parsed.getwidth()[1] <= ftfy_fast.BAD_LONGEST
    [(op, (_, branches))] = parsed.data  # one alternation at the top
    assert op is sre.BRANCH
    for branch in branches:
        assert any(_non_ascii_only(o, a) for o, a in branch.data), branch
    assert not re.search(r"\(\?[=!<]|\\b|\$", BADNESS_RE.pattern)  # no lookaround, \b, $


def test_is_bad_seeds_come_from_every_branch() -> None:
    """is_bad searches around a branch's named pair or a lone named character: the tables
    hold something of every branch (a branch of neither kind would go unsearched)."""
    parsed = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    [(_, (_, branches))] = parsed.data
    assert ftfy_fast.FIRST
    assert ftfy_fast.SECOND
    assert ftfy_fast.LONE
    for branch in branches:
        named = [ftfy_fast._non_ascii_chars(o, a) for o, a in branch.data]
        assert any(named), branch
        has_pair = any(a and b for a, b in itertools.pairwise(named))
        if not has_pair:
            assert all(c <= ftfy_fast.LONE for c in named if c), branch
    # Prose in the scripts BADNESS_RE watches gives no seed: "читать", "Straße", "ελληνικά".
    for word in ("читать", "Straße", "ελληνικά", "café", "São"):
        assert not any(
            ftfy_fast.FIRST.get(a, 0) & ftfy_fast.SECOND.get(b, 0)
            for a, b in itertools.pairwise(word)
        ), word


def test_fix_text_runs_the_fixers_ftfy_fast_knows() -> None:
    # A fixer added to ftfy may rewrite lines ftfy_fast leaves alone: review it first.
    assert ftfy.TextFixerConfig._fields == (
        "unescape_html", "remove_terminal_escapes", "fix_encoding", "restore_byte_a0",
        "replace_lossy_sequences", "decode_inconsistent_utf8", "fix_c1_controls",
        "fix_latin_ligatures", "fix_character_width", "uncurl_quotes", "fix_line_breaks",
        "fix_surrogates", "remove_control_chars", "normalization", "max_decode_length", "explain",
    )  # fmt: skip


_PIECES = [
    "a", " ", "\n", "\r\n", "\r", "\t", "<p>", "&amp;", "&eacute;", "&", "&x=1", "é", "Ã©",
    "â€™", "√©", "‚Äô", "üöÄ", "Â ", "Â", "Ã ", "—", "–", "’", "…", "\x85", "\x92", "\x1b[31m",
    "\x00", "\x0c", "\u2028", "ﬁ", "Ｌ", "\ud83d", "ГўВЂВ", "Ø", "Ù", "×²", "e\u0301", "œ", "°",
    "Œx", "€", "ВЂ", "🩻", "x" * 9, "cœur", "œ.", "«\xa0", "Ã\xa0", "Â»", "ā€", "βΆ",
]  # fmt: skip
texts = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join) | st.text(max_size=100)


@pytest.mark.parametrize(
    "text",
    [
        "<p>\n&amp;\n",  # entities stay once a line held "<", in later runs too
        "&amp; first\nplain\n<b>&amp;</b>\nplain\n&eacute;\n",
        "ok\r\nnext\rlast",  # line breaks fixed; lines are "\n"-ended only
        "caf\u00c3\u00a9 \u00e2\u20ac\u201d\nplain line\n\u2014 fine \u2019\n",
        "e\u0301\n",  # not NFC
        "\x1b[1mbold\x1b[0m\nplain",
    ],
)
def test_answers_are_ftfys_on_known_cases(text: str) -> None:
    assert ftfy_fast.fix_text(text) == ftfy.fix_text(text, uncurl_quotes=False)
    assert ftfy_fast.badness(text) == ftfy_badness(text)


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts)
def test_answers_are_ftfys(text: str) -> None:
    assert ftfy_fast.is_bad(text) == ftfy_is_bad(text)
    assert ftfy_fast.badness(text) == ftfy_badness(text)
    assert ftfy_fast.fix_text(text) == ftfy.fix_text(text, uncurl_quotes=False)


@pytest.mark.parametrize(
    "path", sorted(p for p in FIXTURES.rglob("*") if p.suffix in {".eml", ".html", ".md", ".txt"})
)
def test_answers_are_ftfys_on_fixtures_and_their_misreadings(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    for codec in ("macroman", "cp1252"):
        misread = text.encode("utf-8", "replace").decode(codec, "replace")
        for sample in (text, misread):
            assert ftfy_fast.badness(sample) == ftfy_badness(sample)
            assert ftfy_fast.is_bad(sample) == ftfy_is_bad(sample)
            assert ftfy_fast.fix_text(sample) == ftfy.fix_text(sample, uncurl_quotes=False)
