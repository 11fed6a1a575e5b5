"""Ghost's text part (cards run together, a bare sponsor label over each ad, the masthead
linked twice) and beehiiv's highlight marks, read as plain text / Markdown."""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from bot.normalise import normalise_result
from parsers import parse

FIXTURES = Path(__file__).parent.parent / "fixtures" / "parsers" / "generic"


def _items(name: str) -> list[tuple[str, str, bool, str | None]]:
    result = normalise_result(parse(load_file(FIXTURES / name)))
    return [(i.title, i.url, i.sponsor, i.section) for i in result.items]


def test_glued_titles_split_and_label_marks_one_ad() -> None:
    items = _items("ghost_text_part_glued_cards.eml")
    base = "https://orchardnotes.example/r/"
    assert items == [
        ("Why we stopped pruning in February", base + "1111?m=3f", False, None),
        ("Keep your ladders off the ground! 🪜", base + "3333?m=3f", True, "SPONSORED"),
        ("Reading Soil Moisture Sensors Without a Data Degree", base + "4444?m=3f", False, None),
        ("Mulch Depth and Root Rot", base + "5555?m=3f", False, None),
        ("A Planner for Drip Irrigation Zones", base + "6666?m=3f", False, None),
        (
            "Bloomcast - Frost alerts for your exact orchard, by text message.",
            base + "7777?m=3f",
            True,
            "SPONSORED",
        ),
        ("Graftline", base + "8888?m=3f", False, "Toolshed"),
        ("Crateworks", base + "9999?m=3f", False, "Toolshed"),
    ]


def test_masthead_name_and_subject_links_are_no_items() -> None:
    assert _items("ghost_text_part_no_issue.eml") == []


def test_highlight_marks_leave_titles() -> None:
    titles = [t for t, *_ in _items("beehiiv_text_part_highlight_marks.eml")]
    assert titles == [
        "Release trains without the spreadsheet",
        "A faster way to measure layout passes",
        "Gridline 2.0 is out",
    ]
