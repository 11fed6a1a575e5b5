"""Misses a blind round found (r9): a DEV-style byline over its title, an episode's length
read as a read time, a sponsor box between sections, builders' invisible padding, and an
HTML comment inside a Hugging Face digest's cell. Each has a fixture with golden JSON;
these tests pin the rule itself."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.decode import load_file
from bot.normalise import normalise_result
from parsers import parse
from parsers.metaline import meta_line

FIXTURES = Path(__file__).parents[1] / "fixtures/parsers/generic"


def _items(name: str) -> list[tuple[str, str | None, bool, int | None, tuple[str, ...]]]:
    result = normalise_result(parse(load_file(FIXTURES / name)))
    return [(i.title, i.section, i.sponsor, i.read_minutes, i.authors) for i in result.items]


def test_a_byline_over_the_title_is_the_posts_author() -> None:
    items = _items("devto_byline_above_title_first_card.eml")
    assert [i[0] for i in items][:2] == [
        "Why your Kubernetes liveness probes are lying to you",
        "Building a tiny interpreter in Rust, one opcode at a time",
    ]
    assert [i[4] for i in items] == [
        ("Hannah Okafor",),
        ("Lucas Pereira",),
        ("Sofia Lindqvist",),
        ("Jae Kim",),
    ]


def test_bare_minutes_are_marked_and_lengths_are_no_read_time() -> None:
    issued = date(2025, 10, 16)
    assert meta_line("Oct 14, 2025 · 47 min", issued) == (47, "", True)
    assert meta_line("Oct 14, 2025 · 8 min read", issued) == (8, "", False)
    assert meta_line("Lesezeit: 8 Min.", issued) == (8, "", False)
    for length in ("Oct 9, 2025 · 1 h 12 min", "1 Std. 12 Min.", "1:12:04", "🎧 47 min"):
        meta = meta_line(length, issued)
        assert meta is not None, length
        assert meta.read_minutes is None, length


def test_an_episodes_length_is_not_its_read_time() -> None:
    minutes = {i[0]: i[3] for i in _items("podcast_weekly_episode_lengths.eml")}
    assert minutes["Ep. 212: Shipping Postgres upgrades without downtime"] is None
    assert minutes["Bonus: The hallway track at Strange Loop"] is None
    assert minutes["Notes on recording a remote panel with six guests"] == 6


def test_a_sponsor_box_between_sections_is_in_neither() -> None:
    items = {i[0]: i for i in _items("mailerlite_partner_box_between_sections.eml")}
    assert items["Render PDFs from HTML at the edge"][1:3] == (None, True)
    # A sponsored card with more of the section's items after it stays in the section.
    assert items["Ship feature flags from your design system"][1:3] == ("Articles", True)


def test_builders_joiners_are_invisible_unless_they_spell() -> None:
    from bot.normalise.text import clean_text
    from parsers.text import squash

    for read in (squash, clean_text):
        assert read("Berlin\u200c.JS on Nov\u200c 27") == "Berlin.JS on Nov 27"
        assert read("\u034f\u200c\u00a0\u034f\u200c\u00a0Title") == "Title"
        assert read("Spon\u200csored") == "Sponsored"
        # Persian spells with the non-joiner: "می‌خواهم" keeps it.
        assert read("می\u200cخواهم") == "می\u200cخواهم"
    titles = [i[0] for i in _items("stripo_zwnj_autolink_breaks.eml")]
    assert titles[0] == "Meet the team at Berlin.JS on Nov 27"


def test_a_comment_inside_a_papers_cell_does_not_end_its_lead() -> None:
    path = FIXTURES.parent / "hf_papers/papers_of_week_2026-05-10_react_comments.html"
    result = normalise_result(parse(load_file(path)))
    assert [i.title for i in result.items] == [
        "Sparse Rerankers",
        "Lattice Decoding",
        "Small Judges",
        "Tool Traces",
    ]
    assert result.items[2].blurb.startswith("shows that a 1B model")
