"""Round-2 variations of the known families, one rule each: papers digests with group
rows, a "Submitted by" column and <br> inside cells; TLDR Links lists whose long URLs
wrap at a fixed column; roundups whose links name targets defined elsewhere, or carry
emphasis marks in their text.

Each test feeds the smallest email that shows the variation, so a failure names the rule.
"""

from __future__ import annotations

from bot.models import Email
from parsers import parse
from parsers.roundup import parse_rst
from parsers.tldr_text import parse_tldr_text

_HEADER = "| Paper | Submitted by | Summary |\n|---|---|---|\n"


def _papers(text: str = "", html: str = "") -> list[tuple[str, str, str | None, list[str]]]:
    email = Email(message_id="<v@x>", subject="Daily papers", text=text or None, html=html or None)
    result = parse(email)
    assert result.newsletter.parser == "hf_papers"
    return [(i.title, i.url, i.section, [u for _, u in i.links]) for i in result.items]


def test_papers_group_row_names_the_section_of_the_rows_below() -> None:
    text = (
        _HEADER + "| **🔥 Trending** | | |\n"
        "| [A Paper](https://huggingface.co/papers/2509.00001) | [@ann](https://huggingface.co/ann) | S. |\n"
        "| 🆕 New |  |  |\n"
        "| [B Paper](https://arxiv.org/abs/2509.00002) | [@bob](https://huggingface.co/bob) | S. |\n"
    )
    assert _papers(text) == [
        ("A Paper", "https://huggingface.co/papers/2509.00001", "🔥 Trending", []),
        ("B Paper", "https://arxiv.org/abs/2509.00002", "🆕 New", []),
    ]


def test_papers_submitter_profile_is_not_a_link_of_the_paper() -> None:
    # The profile sits in the column before the paper's only link: it must not become
    # the item's URL, nor one of its links.
    html = (
        "<table><tr><th>Title</th><th>Submitted by</th><th>Links</th></tr>"
        '<tr><td>Maps Paper</td><td><a href="https://huggingface.co/carto">carto</a></td>'
        '<td><a href="https://github.com/x/maps">Code</a> '
        '<a href="https://huggingface.co/papers/2508.12702">Page</a></td></tr>'
        '<tr><td>Other Paper</td><td><a href="https://huggingface.co/z">z</a></td>'
        '<td><a href="https://arxiv.org/abs/2508.1">arXiv</a></td></tr></table>'
    )
    assert _papers(html=html) == [
        (
            "Maps Paper",
            "https://huggingface.co/papers/2508.12702",
            None,
            ["https://github.com/x/maps"],
        ),
        ("Other Paper", "https://arxiv.org/abs/2508.1", None, []),
    ]


def test_papers_line_break_in_a_cell_separates_words() -> None:
    html = (
        "<table><tr><th>Title</th><th>Summary</th></tr>"
        '<tr><td><a href="https://arxiv.org/abs/2508.2">One Policy<br/>to Use</a></td><td>S.</td></tr>'
        '<tr><td><a href="https://arxiv.org/abs/2508.3">Second</a></td><td>S.</td></tr></table>'
    )
    assert [t for t, *_ in _papers(html=html)] == ["One Policy to Use", "Second"]


_STORY = " A STORY THAT LINKS FAR AWAY (4 MINUTE READ) [1]\n\n Blurb.\n\n"


def test_tldr_links_list_url_wrapped_at_a_fixed_column_is_joined() -> None:
    long_url = "https://example.org/posts/2025/10/" + "a-long-slug-" * 5 + "end?utm_source=tldr"
    wrapped = long_url[:72] + "\n" + long_url[72:]
    items, _ = parse_tldr_text(
        "TLDR AI 2025-10-07\n\nNEWS\n\n" + _STORY + f"Links:\n------\n [1] {wrapped}\n"
    )
    assert [i.url for i in items] == [long_url]


def test_tldr_links_list_short_entry_is_not_continued_by_the_next_line() -> None:
    # A short entry was not wrapped: the word after it is not part of its URL.
    items, _ = parse_tldr_text(
        "TLDR AI 2025-10-07\n\nNEWS\n\n"
        + _STORY
        + "Links:\n------\n[1] https://a.example/x\nThanks\n"
    )
    assert [i.url for i in items] == ["https://a.example/x"]


def _rst(text: str) -> list[tuple[str, str | None]]:
    items, _ = parse_rst(text)
    return [(i.title, i.url) for i in items]


def test_roundup_named_targets_with_colons_next_line_urls_and_aliases() -> None:
    text = (
        "Roundup\n=======\n\nPapers\n------\n\n"
        "`Fusing: Kernels`_\n    Blurb one.\n\n"
        "`Judges Disagree: LLM Graders`_\n    Blurb two.\n\n"
        "`Autotuning Kernels <autotune_>`_\n    Blurb three.\n\n"
        "`Indirect One`_\n    Blurb four.\n\n"
        ".. _`Fusing: Kernels`: https://arxiv.org/abs/2601.1\n"
        ".. _Judges Disagree\\: LLM Graders:\n   https://arxiv.org/abs/\n   2601.2\n"
        ".. _autotune: https://arxiv.org/abs/2601.3\n"
        ".. _indirect one: autotune_\n"
    )
    assert _rst(text) == [
        ("Fusing: Kernels", "https://arxiv.org/abs/2601.1"),
        ("Judges Disagree: LLM Graders", "https://arxiv.org/abs/2601.2"),
        ("Autotuning Kernels", "https://arxiv.org/abs/2601.3"),
        ("Indirect One", "https://arxiv.org/abs/2601.3"),
    ]


def test_roundup_alias_to_a_missing_target_is_skipped_with_a_warning() -> None:
    warnings: list[str] = []
    items, _ = parse_rst("Papers\n------\n\n`Lost <nowhere_>`_\n    Blurb.\n", warnings)
    assert items == []
    assert any("missing target" in w for w in warnings)


def test_roundup_emphasis_marks_in_link_text_are_not_title_words() -> None:
    text = (
        "Papers\n------\n\n"
        "* `Is *MMLU* Saturated? <https://arxiv.org/abs/2601.4>`_ - blurb.\n"
        "* `**Bold** Claims <https://arxiv.org/abs/2601.5>`_ - blurb.\n"
        "* `Counting 2*3*4 Objects <https://arxiv.org/abs/2601.6>`_ - blurb.\n"
    )
    assert [t for t, _ in _rst(text)] == [
        "Is MMLU Saturated?",
        "Bold Claims",
        "Counting 2*3*4 Objects",
    ]


def _docutils(tail: str) -> list[tuple[str, str]]:
    html = (
        '<html><head><meta name="generator" content="Docutils 0.21" /></head><body>'
        '<h1 class="title">Notes</h1><section><h2>Papers</h2><dl>'
        '<dt><a class="reference external" href="https://arxiv.org/abs/1">One</a></dt>'
        "<dd><p>Blurb one.</p></dd>"
        '<dt><a class="reference external" href="https://arxiv.org/abs/2">Two</a></dt>'
        "<dd><p>Blurb two.</p></dd></dl></section>" + tail + "</body></html>"
    )
    result = parse(Email(message_id="<v@x>", subject="Notes", html=html))
    assert result.newsletter.parser == "roundup"
    return [(i.title, i.blurb) for i in result.items]


def test_roundup_closing_note_after_the_last_transition_is_not_a_blurb() -> None:
    closing = (
        '<hr class="docutils" /><div class="line-block"><div>Written by volunteers.</div></div>'
    )
    assert _docutils(closing)[-1] == ("Two", "Blurb two.")


def test_roundup_section_after_the_last_transition_is_kept() -> None:
    more = (
        '<hr class="docutils" /><section><h2>More</h2><dl>'
        '<dt><a class="reference external" href="https://arxiv.org/abs/3">Three</a></dt>'
        "<dd><p>Blurb three.</p></dd></dl></section>"
    )
    assert [t for t, _ in _docutils(more)] == ["One", "Two", "Three"]


def test_papers_markdown_br_in_a_cell_separates_words() -> None:
    text = (
        "| Title | Summary |\n|---|---|\n"
        "| [Metric Depth<br>in 0.2 s](https://arxiv.org/abs/2509.1) | One.<br/>Two. |\n"
        "| [Other](https://arxiv.org/abs/2509.2) | Three. |\n"
    )
    assert [t for t, *_ in _papers(text)] == ["Metric Depth in 0.2 s", "Other"]
