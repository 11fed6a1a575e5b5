"""Shapes added in round 12 of the generic parser (editorial newsletters): a publisher's
newsletter click parameters, a columnist's paragraph of linked headlines, an ad label over
an image ad, bold kickers over single cards, "More on this:" under the lead story, and a
headline whose prose opens with its link."""

from __future__ import annotations

from bot.normalise.urls import canonical_url
from parsers.blockitems import extract
from parsers.htmlblocks import html_blocks


def _items(html: str) -> list[tuple[str, str | None, str | None, bool]]:
    found = extract(html_blocks(f"<html><body>{html}</body></html>")).items
    return [(i.title, i.url, i.section, i.sponsor) for i in found]


def test_a_named_newsletter_edition_makes_its_siblings_tracking() -> None:
    url = "https://www.paper.example/2025/10/21/us/deal.html?emc=edit_mbe_20251021&nl=morning&te=1&regi_id=8"
    assert canonical_url(url) == "https://paper.example/2025/10/21/us/deal.html"
    # Without the edition, a site's own "nl" / "te" parameters stay.
    assert canonical_url("https://shop.example/p?nl=1&te=2") == "https://shop.example/p?nl=1&te=2"


def test_a_paragraph_of_linked_headlines_gives_one_item_each() -> None:
    items = _items(
        "<p><strong>Things happen</strong></p>"
        '<p><a href="https://a.example/1">Lender agrees to buy a rival</a>. '
        '<a href="https://b.example/2">Treasury weighs a bond buyback</a>. '
        '<a href="https://c.example/3">Hedge funds return to the basis trade</a>. '
        "A sentence without a link closes it.</p>"
    )
    assert [(t, s) for t, _, s, _ in items] == [
        ("Lender agrees to buy a rival", "Things happen"),
        ("Treasury weighs a bond buyback", "Things happen"),
        ("Hedge funds return to the basis trade", "Things happen"),
    ]
    # Prose with a few links inside its sentences is no such paragraph.
    prose = _items(
        "<h2>Notes</h2><p>I liked <a href='https://a.example/1'>the long piece on bonds</a> and "
        "<a href='https://b.example/2'>the reply to it from a trader</a>, but "
        "<a href='https://c.example/3'>the third essay in the series</a> less.</p>"
    )
    assert len(prose) <= 1


def test_an_ad_label_over_an_image_ad_flags_nothing_under_the_next_section() -> None:
    items = _items(
        "<p>Advertisement</p>"
        '<a href="https://ads.example/c/1"><img src="https://ads.example/1.jpg" alt=""></a>'
        "<h2>Other big stories</h2>"
        '<ul><li><b>Courts:</b> A judge <a href="https://n.example/1">blocked a fee cap rule</a>.</li>'
        '<li><b>Health:</b> A trial found <a href="https://n.example/2">a shot that prevents infection</a>.</li></ul>'
    )
    assert [(s, sp) for _, _, s, sp in items] == [("Other big stories", False)] * 2


def test_bold_kickers_each_over_one_card_are_tags_not_sections() -> None:
    cards = "".join(
        f"<p><strong>{k}</strong></p><h2><a href='https://m.example/{n}'>{t}</a></h2><p>{t} and more.</p>"
        for n, (k, t) in enumerate(
            [
                ("CULTURE", "The last projectionist in town"),
                ("SCIENCE", "What octopuses dream about"),
                ("FOOD", "A case for the humble pound cake"),
            ]
        )
    )
    assert [s for _, _, s, _ in _items(cards)] == [None, None, None]


def test_more_on_this_under_the_lead_story_heads_no_section() -> None:
    items = _items(
        "<h2><a href='https://n.example/lead'>A budget deal ends the shutdown</a></h2>"
        "<p>Leaders reached an agreement late last night to fund the government.</p>"
        "<p><strong>More on this:</strong></p>"
        "<ul><li><a href='https://n.example/a'>What is in the spending bill</a></li>"
        "<li><a href='https://n.example/b'>Federal workers brace for paperwork</a></li></ul>"
    )
    assert [(t, s) for t, _, s, _ in items] == [
        ("A budget deal ends the shutdown", None),
        ("What is in the spending bill", None),
        ("Federal workers brace for paperwork", None),
    ]


def test_a_headline_whose_prose_opens_with_its_link_is_the_story() -> None:
    items = _items(
        "<p><strong>A benchmark for whether models can run a small business:</strong></p>"
        "<p><em>…Spoiler: too much inventory…</em></p>"
        "<p><a href='https://shop.example/'>Researchers at a university lab</a> have built a "
        "simulation in which a model manages a shop for a year, setting prices and ordering stock.</p>"
        "<p><strong>Measuring how often models notice they are being tested:</strong></p>"
        "<p><em>…Awareness grows…</em></p>"
        "<p>A new study finds larger models say more often that a scenario looks like a test.</p>"
        "<p><strong>Read more:</strong> <a href='https://arxiv.org/abs/2510.08812'>The paper</a>.</p>"
    )
    assert [(t, u) for t, u, _, _ in items] == [
        ("A benchmark for whether models can run a small business", "https://shop.example/"),
        (
            "Measuring how often models notice they are being tested",
            "https://arxiv.org/abs/2510.08812",
        ),
    ]
