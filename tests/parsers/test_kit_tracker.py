"""Kit's click tracker, a letter's own home page under its goodbye, and a link listed twice.

Measured on AI Dev Weekly #20 and #21 (Kit): every link goes through
"click.kit-mail3.com/<id>/<id>/<target in base64>", so the parsers did not see that the
closing "aimadetools.com" line links the home page of the site every item comes from,
and it became an item; "See you next Thursday." became the last entry's blurb; a story's
lone "Full Comparison" entry was added to the story's summary; and a comparison listed
first as "vs Hermes Agent" under its story kept that fragment as its title although
"New This Week" lists it whole ("Kiro Crew vs Hermes Agent").
"""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from bot.normalise import normalise_result
from parsers import parse
from parsers.text import link_target

FIXTURE = Path(__file__).parents[1] / "fixtures/parsers/generic/kit_tracker_signoff_home.html"
HOME = "https://5e7a21bd.click.kit-mail3.com/q8rzk2mwd0xt3vlp9ye4nc7a/h8i9j0k1l2m3n4o5p6/"


def test_link_target_reads_a_base64_path_segment() -> None:
    assert link_target(HOME + "aHR0cHM6Ly93d3cuZmllbGRub3Rlcy5leGFtcGxl") == (
        "https://www.fieldnotes.example"
    )
    # A token that is no address stays the link itself.
    assert link_target(HOME + "c29tZXRoaW5nIGVsc2UgZW50aXJlbHk=") == (
        HOME + "c29tZXRoaW5nIGVsc2UgZW50aXJlbHk="
    )


def test_home_page_under_the_goodbye_is_no_item() -> None:
    result = normalise_result(parse(load_file(FIXTURE)))
    assert all(it.title != "fieldnotes.example" for it in result.items)
    assert all(it.canonical_url != "https://fieldnotes.example" for it in result.items)
    assert [it.title for it in result.items] == [
        "Lattice 2: A Solver Twice as Fast",
        "Moss Cache Upgrade Notes",
        "Moss Cache vs Birch Store",
        "Moss Cache Benchmark Numbers",
        "Tuning Lattice for Laptops",
        "Reading Solver Traces",
    ]


def test_goodbye_and_lone_entry_are_no_blurb() -> None:
    items = {it.title: it for it in normalise_result(parse(load_file(FIXTURE))).items}
    assert items["Reading Solver Traces"].blurb in (None, "")
    assert items["Lattice 2: A Solver Twice as Fast"].blurb == (
        "The constraint solver now runs incremental passes. Cold starts dropped from four "
        "seconds to under two on a mid-range laptop."
    )


def test_fragment_title_yields_to_the_whole_one() -> None:
    items = normalise_result(parse(load_file(FIXTURE))).items
    merged = [it for it in items if it.canonical_url.endswith("/moss-cache-vs-birch-store")]
    assert len(merged) == 1
    assert merged[0].title == "Moss Cache vs Birch Store"
    assert merged[0].section == "Moss Cache Goes Stable"
    assert merged[0].other_sections == ("Fresh on the Blog",)
