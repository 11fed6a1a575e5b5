"""Sponsor marks closing an item's blurb (DevOps'ish-style markdown letters)."""

from __future__ import annotations

from tests.parsers.test_lynx_links import letter_items

LETTER = """\
Welcome back. A short week, and a long list.

[**Ship logs without shipping agents**](https://logpipe.example/agentless?utm_source=letter)
Collect, search and alert on logs from every host over plain syslog. \
[Start a free trial of Logpipe](https://logpipe.example/agentless?utm_source=letter) *SPONSORED*

[**Chaos drills for the rest of us**](https://drills.example/book)
A workshop on running your first game day. Seats are limited. *SPONSORED*

## Process

[**What a year of postmortems taught us**](https://blog.example.org/postmortems)
Patterns from forty incidents, and the three fixes that mattered.

[**A runbook is a promise**](https://ops.example.net/runbooks)
Why the best runbooks are short, owned and tested.
"""


def _items() -> list[tuple[str, bool, str]]:
    return [(i.title, i.sponsor, i.blurb) for i in letter_items(LETTER)]


def test_a_capitalised_mark_after_a_closing_link_flags_the_ad() -> None:
    got = {title: (sponsor, blurb) for title, sponsor, blurb in _items()}
    assert got["Ship logs without shipping agents"][0] is True
    assert not got["Ship logs without shipping agents"][1].endswith("SPONSORED")
    assert got["Chaos drills for the rest of us"][0] is True
    assert got["What a year of postmortems taught us"][0] is False
    assert got["A runbook is a promise"][0] is False
