"""Leftover defects of the generic parser, each on the few lines of markup its shape needs:
counts above a title, a card's read time beside its button, button words in other
languages, and the rest (one test per rule, named for it)."""

from __future__ import annotations

import pytest

from bot.models import Item
from bot.normalise.text import drop_trailing_cta
from parsers.blockitems import extract
from parsers.blockshapes import is_cta
from parsers.htmlblocks import html_blocks

PROSE = "A paragraph of the story that runs on long enough to read as prose, as stories do."


def _items(markup: str) -> list[Item]:
    return extract(html_blocks(markup)).items


def _question(n: int, votes: str) -> str:
    return (
        f"<table><tr><td>{votes}<br>2 answers<br>1k views</td><td>"
        f'<a href="https://qa.example/q/{n}">Question number {n} about a stubborn bug</a>'
        f"<p>{PROSE}</p></td></tr></table>"
    )


def test_counts_above_each_title_are_not_the_previous_items_blurb() -> None:
    """Q&A digests put "17 votes / 2 answers / 874 views" left of (so before) each title:
    the counts that come after an item's summary are the next question's."""
    items = _items(
        "<h2>Top questions</h2>" + "".join(_question(n, f"{n}7 votes") for n in (1, 2, 3))
    )
    assert [i.title for i in items] == [
        f"Question number {n} about a stubborn bug" for n in (1, 2, 3)
    ]
    assert [i.blurb for i in items] == [PROSE] * 3


def test_counts_under_a_title_stay_its_blurb() -> None:
    """Reddit's "1.4k upvotes · 212 comments" under each post's title: the post's own line,
    since no counts stand above the first title."""
    items = _items(
        "".join(
            f'<p><a href="https://forum.example/p/{n}">Post number {n} on a long topic</a></p>'
            f"<p>{n}.4k upvotes · 21{n} comments</p>"
            for n in (1, 2, 3)
        )
    )
    assert [i.blurb for i in items] == [f"{n}.4k upvotes · 21{n} comments" for n in (1, 2, 3)]


def _card(n: int, meta: str) -> str:
    url = f"https://dev.example/post-{n}"
    return (
        f'<h2><a href="{url}">Post number {n} on logging</a></h2>'
        f"<p>{n}12 reactions 38 comments</p>"
        f'<p>{meta} <a href="{url}">Read more</a></p>'
    )


def test_a_read_time_beside_the_cards_own_button_is_its_read_minutes() -> None:
    """ "8 min read [Read more]" closing a card: the read time, and a button with no words
    of the summary."""
    items = _items(_card(1, "8 min read") + _card(2, "6 min read"))
    assert [(i.read_minutes, i.blurb) for i in items] == [
        (8, "112 reactions 38 comments"),
        (6, "212 reactions 38 comments"),
    ]


def test_prose_beside_the_cards_own_button_stays_its_blurb() -> None:
    """Only a meta line goes: a sentence beside the button is still the summary."""
    items = _items(_card(1, "Why minutes matter in logs."))
    assert items[0].read_minutes is None
    assert items[0].blurb.endswith("Why minutes matter in logs. Read more")


@pytest.mark.parametrize(
    "button", ["Começar agora", "Comece já", "Experimente grátis", "Scopri di più", "Inizia ora",
               "Probeer het gratis", "Meer informatie"]
)  # fmt: skip
def test_portuguese_italian_and_dutch_buttons(button: str) -> None:
    """A story's button in Portuguese, Italian or Dutch is a button, not a title, and
    closing a blurb it is no part of the summary."""
    assert is_cta(button)
    assert drop_trailing_cta(f"Teste grátis por 30 dias. {button}") == "Teste grátis por 30 dias."


def test_a_heading_story_ends_at_its_portuguese_button() -> None:
    """The ad's heading takes its link from "Começar agora"; the button's words are not
    its blurb."""
    items = _items(
        f"<h2>Governo publica regras para IA</h2><p>{PROSE}</p>"
        '<p><b><a href="https://news.example/ia">Leia mais</a></b></p>'
        f"<h2>Seu banco de dados gerenciado</h2><p>{PROSE}</p>"
        '<p><b><a href="https://ad.example/pg">Começar agora</a></b></p>'
    )
    assert [(i.title, i.url, i.blurb) for i in items] == [
        ("Governo publica regras para IA", "https://news.example/ia", PROSE),
        ("Seu banco de dados gerenciado", "https://ad.example/pg", PROSE),
    ]


def test_words_of_a_summary_are_not_buttons() -> None:
    """A phrase only counts as a button alone or after a sentence's end."""
    kept = "Os bancos devem começar agora a oferecer a função"
    assert drop_trailing_cta(kept) == kept
    assert not is_cta("Probeer het gratis: wat we leerden van een jaar vrije software")


def _pointer(n: int, tag: str) -> str:
    return (
        f'<p><b><a href="https://blog.example/{n}">Essay number {n} on engineering</a></b></p>'
        f"<p>tl;dr: “{PROSE}”</p><p>{tag}</p>"
    )


def test_a_tldr_label_and_a_run_of_tag_lines_are_not_the_summary() -> None:
    """Pointer-style digests: "tl;dr: “…”" then the link's tags ("Leadership",
    "Engineering · Productivity") under every link."""
    tags = ("Leadership", "Engineering · Productivity", "AI")
    items = _items("".join(_pointer(n, tag) for n, tag in enumerate(tags)))
    assert [i.blurb for i in items] == [f"“{PROSE}”"] * 3


def test_a_closing_word_under_one_item_only_stays() -> None:
    """One item ending in a capitalised word is no run of tags: the word stays."""
    items = _items(_pointer(1, "Leadership") + _pointer(2, "a closing note in lower case"))
    assert items[0].blurb == f"“{PROSE}” Leadership"


def _result(n: int) -> str:
    return (
        f'<div><a href="https://scholar.example/pdf/{n}">[PDF] arxiv.org</a></div>'
        f'<h3><a href="https://scholar.example/abs/{n}">Paper number {n} on retrieval</a></h3>'
        f"<p>A Author, B Author - arXiv preprint, 2025</p><p>{PROSE}</p>"
    )


def test_a_file_link_above_a_results_title_is_that_results_link() -> None:
    """Scholar floats "[PDF] arxiv.org" right of the title, so it comes first in the
    markup: it belongs to the title under it, not to the result before."""
    items = _items(_result(1) + _result(2))
    assert [i.links for i in items] == [
        (("[PDF] arxiv.org", f"https://scholar.example/pdf/{n}"),) for n in (1, 2)
    ]


def _posts() -> str:
    return "".join(
        f'<p><a href="https://forum.example/p/{n}">Post number {n} on a long topic</a></p>'
        f"<p>{n}2 upvotes · 3 comments</p>"
        for n in (1, 2, 3)
    )


def test_a_bold_title_line_atop_the_digest_is_not_every_items_section() -> None:
    """ "**Top posts from your communities**" then a dek, as the email's first words, over
    every post: the issue's title, not a section."""
    markup = "<p><b>Top posts from your communities</b></p><p>Catch up on this week</p>"
    out = extract(html_blocks(markup + _posts()))
    assert [i.section for i in out.items] == [None] * 3
    assert out.sections == []


def test_a_bold_heading_after_other_words_or_over_part_of_the_items_stays_a_section() -> None:
    """Prose before the heading, or a second section, makes it a section again."""
    head = "<p><b>Top posts from your communities</b></p><p>Catch up on this week</p>"
    greeting = "<p>Hello there, here is what happened in your communities this week.</p>"
    out = extract(html_blocks(greeting + head + _posts()))
    assert [i.section for i in out.items] == ["Top posts from your communities"] * 3
    more = "<p><b>Also trending</b></p>" + _posts().replace("/p/", "/q/")
    out = extract(html_blocks(head + _posts() + more))
    assert out.items[0].section == "Top posts from your communities"


def _talks() -> str:
    return "".join(
        f"<h3>Talk number {n} on packaging</h3><p>{PROSE}</p>"
        f'<p><a href="https://video.example/watch?v={n}">▶ Watch recording</a></p>'
        for n in (1, 2)
    )


FOOTER = "<p>You are receiving this email because you registered. Unsubscribe</p>"


def test_a_closing_notice_with_only_a_button_is_not_an_item() -> None:
    """ "**Sprints start Monday.** Sign up … <a>Sprint projects →</a>" after the last talk
    (titled by headings), then the footer: a notice, not a talk."""
    notice = (
        "<p><b>Sprints start Monday.</b> Sign up for a table at the desk or on the wiki. "
        '<a href="https://conf.example/sprints">Sprint projects →</a></p>'
    )
    items = _items(_talks() + notice + FOOTER)
    assert [i.title for i in items] == ["Talk number 1 on packaging", "Talk number 2 on packaging"]


def test_a_closing_bold_story_with_a_titled_link_stays_an_item() -> None:
    """Its link names a page of its own (no button): a story, notice-like or not."""
    story = (
        "<p><b>Sprints start Monday.</b> Sign up for a table at the desk or "
        '<a href="https://conf.example/sprints">read the list of sprint projects</a>.</p>'
    )
    items = _items(_talks() + story + FOOTER)
    assert [i.title for i in items][-1] == "Sprints start Monday"


def test_a_date_cell_before_each_title_is_still_its_rows_kicker() -> None:
    """ "15 July" reads like a count ("17 votes") but is a date: an events row's first cell,
    which stays with its own row's item."""
    rows = "".join(
        f'<tr><td>{day} July</td><td><a href="https://meet.example/{day}">Meetup number {day}'
        f" on data</a></td><td>Berlin</td></tr>"
        for day in (15, 22, 29)
    )
    items = _items(f"<h2>Events</h2><table>{rows}</table>")
    assert [i.blurb for i in items] == [f"{day} July — Berlin" for day in (15, 22, 29)]
