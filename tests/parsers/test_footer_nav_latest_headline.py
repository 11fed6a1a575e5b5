"""A footer's navigation laid out a cell per link, after the items; a headline opening
"View the latest …" is no listing button."""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from bot.normalise import normalise_result
from parsers import parse
from parsers.blockshapes import is_cta, is_listing_button

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parsers" / "generic"


def _items(name: str) -> list[tuple[str, str, str | None, bool]]:
    result = normalise_result(parse(load_file(FIXTURES / name)))
    return [(i.title, i.url, i.section, i.sponsor) for i in result.items]


def test_listing_buttons_stay_buttons() -> None:
    for text in (
        "View Latest Topics",
        "See the latest posts",
        "Browse older issues",
        "See all 214 open roles →",
        "See more of what you like and less of what you don't.",
    ):
        assert is_listing_button(text), text
        assert is_cta(text), text


def test_latest_headline_is_no_button() -> None:
    text = "View the latest Fernwood Seed Catalogue additions for the Spring Sowing Season"
    assert not is_listing_button(text)
    assert not is_cta(text)


def test_sponsor_headline_opening_view_the_latest_titles_its_card() -> None:
    items = _items("see_latest_headline_sponsor.html")
    assert [t for t, *_ in items] == [
        "Reading a Soil Test Without the Jargon",
        "Three Winters of No-Dig Beds, Measured",
        "View the latest Fernwood Seed Catalogue additions for the Spring Sowing Season",
        "Rootmap",
    ]
    # The "Sponsored" label in the column of section labels heads its own section.
    assert items[2][1:] == ("https://loamletter.example/r/s1", "Sponsored", True)
    assert items[3][2] == "Tools"


def test_footer_nav_cells_after_the_items_are_no_items() -> None:
    items = _items("footer_nav_cells_after_items.html")
    assert [(t, u, s) for t, u, s, _ in items] == [
        (
            "Gravel Loops Around the Vosges Foothills",
            "https://click.spokechain.example/t/a1",
            "Rides & Routes",
        ),
        (
            "Why Tubeless Setups Still Burp on Cold Mornings",
            "https://click.spokechain.example/t/a2",
            "Rides & Routes",
        ),
        (
            "A Winter Commute Kit That Fits in One Pannier",
            "https://click.spokechain.example/t/a3",
            "Rides & Routes",
        ),
        ("ChainCheck", "https://click.spokechain.example/t/g1", "Gear & Tools"),
        ("TorqueNote", "https://click.spokechain.example/t/g2", "Gear & Tools"),
    ]
