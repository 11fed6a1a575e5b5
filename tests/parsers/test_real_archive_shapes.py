"""Shapes met in real newsletters (a beehiiv daily digest, a conference's beehiiv issue,
a Substack deep dive), each rule covered by an ``ra_*`` golden fixture; these pin the
guards a golden does not show."""

from __future__ import annotations

from parsers.generic import resolve_by_text
from parsers.htmlblocks import parse_html, walk_blocks

_TRACKED = "https://link.mail.example/ss/c/u001.Zx81mQpLrT2vWcN0aB9e{n}/4kq/h{n}/h001.kT7bQ2"


def _blocks(*labels: str):
    html = "".join(
        f'<p><a href="{_TRACKED.format(n=n)}">{label}</a> and what it is about.</p>'
        for n, label in enumerate(labels)
    )
    return walk_blocks(parse_html(html))


def test_the_kth_link_of_some_words_takes_the_kth_address_of_the_text_part() -> None:
    blocks = _blocks("Read more", "Dockside", "Read more")
    text = (
        "Read more (https://one.example/a)\n\n[Dockside](https://dockside.example/)\n\n"
        "Read more (https://two.example/b)\n"
    )
    assert resolve_by_text(blocks, text)
    assert [b.links[0].href for b in blocks] == [
        "https://one.example/a",
        "https://dockside.example/",
        "https://two.example/b",
    ]


def test_a_text_part_listing_the_words_a_different_number_of_times_resolves_nothing() -> None:
    blocks = _blocks("Read more", "Read more")
    assert not resolve_by_text(blocks, "Read more (https://one.example/a)\n")
    assert all("link.mail.example" in b.links[0].href for b in blocks)


def test_links_that_spell_out_their_target_are_left_alone() -> None:
    html = '<p><a href="https://pgnotes.example/post">Dockside</a> and what it is about.</p>'
    blocks = walk_blocks(parse_html(html))
    assert not resolve_by_text(blocks, "[Dockside](https://dockside.example/)\n")
    assert blocks[0].links[0].href == "https://pgnotes.example/post"


def test_two_anchors_to_one_address_join_only_when_side_by_side() -> None:
    html = (
        '<p><a href="https://a.example/x">SQLite strict tables: </a>'
        '<a href="https://a.example/x">types that mean something</a>. Why.</p>'
        '<p><a href="https://b.example/y">Partial indexes</a> beat a full one, see '
        '<a href="https://b.example/y">the benchmark</a>.</p>'
    )
    one, two = walk_blocks(parse_html(html))
    assert [lk.text for lk in one.links] == ["SQLite strict tables: types that mean something"]
    assert [lk.text for lk in two.links] == ["Partial indexes", "the benchmark"]
