"""A digest (beehiiv's "Read Online" link atop it) whose stories link inline in their
prose, with entries titled by their own links between them: the stories are items.

Measured on JetpackCompose.app's Dispatch #16 (beehiiv HTML): "The Great Google Play
Purge" and "Make your voice heard" over prose linking inline, a linked caption between
them. The rule for a Ghost post (its subheadings over inline links, then a links section
at its end) dropped them as an essay's subheadings.
"""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from parsers import parse

FIXTURE = Path(__file__).with_name("digest_inline_stories_read_online.html")


def test_inline_linked_stories_between_entries_are_items() -> None:
    urls = {it.url: it.title for it in parse(load_file(FIXTURE)).items}
    assert "https://news.example.org/registry-cleanup" in urls
    assert "https://forms.example.com/dock-survey" in urls
    assert "https://kelpkit.example.com/" in urls
    assert "https://harbornotes.example.net/p/issue-9" not in urls
