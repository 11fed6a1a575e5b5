"""Shapes seen in real AI / research alerts (Google Scholar alerts saved as bare HTML)."""

from __future__ import annotations

from pathlib import Path

from bot.decode.files import load_file

# A bare HTML alert with no <title> or <h1>: Outlook's conditional <xml> block and the
# head's CSS come before the first visible text, and neither is what a reader sees.
_BARE_ALERT = """<!doctype html><html><head><!--[if gte mso 9]><xml><o:OfficeDocumentSettings>\
<o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]-->\
<style>body{background-color:#fff}.alrt_title{text-decoration:none}</style></head>
<body><div style="max-width:600px">
<h3><a class="alrt_title" href="https://papers.example.org/tidal-kelp">
Tidal forcing of kelp canopy density in shallow bays</a></h3>
<div>R Okafor, M Lindqvist - Coastal Letters, 2026</div>
</div></body></html>
"""


def test_bare_html_subject_skips_conditional_comments_and_css(tmp_path: Path) -> None:
    path = tmp_path / "rd_bare_alert.html"
    path.write_text(_BARE_ALERT, encoding="utf-8")
    assert load_file(path).subject == "Tidal forcing of kelp canopy density in shallow bays"


def test_a_page_header_element_is_shown_text_and_unclosed_openers_cost_little(
    tmp_path: Path,
) -> None:
    path = tmp_path / "rd_header.html"
    path.write_text(
        "<html><head><style>p{}</style></head><body><header>Field Notes 12</header></body>",
        encoding="utf-8",
    )
    assert load_file(path).subject == "Field Notes 12"
    # Openers by the tens of thousands, each searched once (the lazy regex first used
    # here took ~80 s: quadratic): an unclosed comment hides the rest, and "<header>"
    # opens no head.
    hostile = tmp_path / "rd_hostile.html"
    hostile.write_text("<p>Lead story</p>" + "<!--x" * 30_000, encoding="utf-8")
    assert load_file(hostile).subject == "Lead story"
    hostile.write_text("<p>Shown</p>" + "<header>" * 30_000, encoding="utf-8")
    assert load_file(hostile).subject == "Shown"
