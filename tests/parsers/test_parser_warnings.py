"""Parsers report what they had to skip as warnings instead of raising."""

from __future__ import annotations

from bot.models import Email
from parsers import parse


def test_rst_reference_without_target_is_a_warning() -> None:
    text = (
        "Title\n=====\n\nSection\n-------\n\n`Missing target`_\n    blurb\n\n"
        "`A paper <https://a.example/x>`_\n    blurb a\n\n`B paper <https://b.example/y>`_\n    blurb b\n"
    )
    result = parse(Email(message_id="<w1@x>", text=text))
    assert result.newsletter.parser == "roundup"
    assert [i.title for i in result.items] == ["A paper", "B paper"]
    assert result.newsletter.warnings == (
        "`Missing target`_ has no target (.. _name: url); skipped",
    )


def test_papers_row_without_link_is_a_warning() -> None:
    text = (
        "| Title | Authors |\n|---|---|\n| No link here | X |\n"
        "| Linked (Read more on [arXiv](https://arxiv.org/abs/2501.00001)) | Y |\n"
        "| Other (Read more on [arXiv](https://arxiv.org/abs/2501.00002)) | Z |\n"
    )
    result = parse(Email(message_id="<w2@x>", text=text))
    assert result.newsletter.parser == "hf_papers"
    assert len(result.items) == 2
    assert result.newsletter.warnings == ("row 'No link here' has no title or no link; skipped",)


def test_tldr_reference_missing_from_links_is_a_warning() -> None:
    text = (
        "TLDR AI 2025-01-02\n\n A FIRST TITLE (3 MINUTE READ) [1]\n\n Blurb one.\n\n"
        " A SECOND TITLE (4 MINUTE READ) [7]\n\n Blurb two.\n\nLinks:\n------\n[1] https://e.x/1\n"
    )
    result = parse(Email(message_id="<w3@x>", text=text))
    assert [i.title for i in result.items] == ["A FIRST TITLE"]
    assert result.newsletter.warnings == (
        "title 'A SECOND TITLE (4 MINUTE READ)' points to [7], missing from the Links list",
    )
