"""A mail archiver's front matter over a message's text: its subject names the issue, its
date may be the mail's own, and the block may be one JSON object between the fences."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.decode.front_matter import split_front_matter


def test_a_json_block_names_and_dates_the_message() -> None:
    text = (
        '---\n{\n  "from": "press@example.org",\n  "subject": "Weekly #9: Kilns",\n'
        '  "created_at": "2026-05-20T09:15:42.118204+00:00",\n  "is_read": false\n}\n---\n\n'
        "Body line.\n"
    )
    assert split_front_matter(text) == (
        "Weekly #9: Kilns",
        datetime(2026, 5, 20, 9, 15, 42, tzinfo=UTC),
        "Body line.\n",
    )


def test_a_json_block_that_does_not_parse_stays_text() -> None:
    text = "---\n{\n  not json at all\n}\n---\nBody"
    assert split_front_matter(text) == (None, None, text)


def test_a_subject_key_names_the_issue_when_no_title_does() -> None:
    block = '---\nsubject: "Notes #3: Tides"\ndate: Tue, 28 Apr 2026 12:03:20 +0000\n---\nBody'
    assert split_front_matter(block) == (
        "Notes #3: Tides",
        datetime(2026, 4, 28, 12, 3, 20, tzinfo=UTC),
        "Body",
    )
    both = "---\nsubject: Mail subject\ntitle: Page title\n---\nBody"
    assert split_front_matter(both).title == "Page title"
