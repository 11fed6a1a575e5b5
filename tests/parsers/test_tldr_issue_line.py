"""The TLDR issue line ("TLDR AI 2025-03-13") is found where the plain regex search finds
it, though only the places holding "TLDR" are tried."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.tldr import _ISSUE, _find_issue

parts = st.sampled_from(
    ["TLDR", "TLDR ", " ", "\t", "AI", "Web Dev", "x", "2025-03-13", "2025-3-13", "a", "\n", "<b>"]
)


@settings(max_examples=500)
@given(st.lists(parts | st.text(max_size=5), max_size=30).map("".join))
def test_find_issue_is_the_regex_search(text: str) -> None:
    plain = _ISSUE.search(text)
    fast = _find_issue(text)
    assert (fast and (fast.span(), fast.groups())) == (plain and (plain.span(), plain.groups()))


def test_the_issue_line_inside_long_html() -> None:
    html = "<td>" * 5000 + "xTLDR 2025-01-01 <h1>TLDR Web Dev 2025-05-06</h1>"
    found = _find_issue(html)
    assert found is not None
    assert found.groups() == ("TLDR Web Dev", "2025-05-06")
