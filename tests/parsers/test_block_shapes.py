"""Shapes the generic block reader must tell apart, each on a few lines of HTML."""

from __future__ import annotations

from parsers.blockitems import extract
from parsers.blockshapes import is_cta
from parsers.htmlblocks import html_blocks


def _items(markup: str) -> list[tuple[str, str, bool]]:
    return [(i.title, i.url or "", i.sponsor) for i in extract(html_blocks(markup)).items]


def test_jump_links_listed_together_are_a_table_of_contents() -> None:
    page = "https://n.example/issue-9"
    markup = (
        f'<ul><li><a href="{page}#a">Story A</a></li><li><a href="{page}#b">Story B</a></li></ul>'
        "<h2>Story A</h2><p>A long paragraph about story A that runs well past eighty chars, "
        'as prose does.</p><p><a href="https://a.example/story">Read more</a></p>'
    )
    assert _items(markup) == [("Story A", "https://a.example/story", False)]


def test_jump_links_one_per_story_are_the_stories_links() -> None:
    page = "https://n.example/issue-9"
    prose = "<p>" + "A paragraph of the story, long enough to be prose and not a list entry. " * 2
    markup = (
        f'<h2>Story A</h2>{prose}</p><p><a href="{page}#a">Read more</a></p>'
        f'<h2>Story B</h2>{prose}</p><p><a href="{page}#b">Read more</a></p>'
    )
    assert _items(markup) == [
        ("Story A", f"{page}#a", False),
        ("Story B", f"{page}#b", False),
    ]


def test_read_more_after_inline_links_is_the_story_link() -> None:
    markup = (
        "<h2>HBM is the new GPU</h2><p>Memory makers say supply is sold out through 2026.</p>"
        '<p>One maker shipped <a href="https://ir.example/q2">record revenue</a> this quarter.</p>'
        '<p><a href="https://story.example/hbm">Continue reading →</a></p>'
    )
    assert _items(markup) == [("HBM is the new GPU", "https://story.example/hbm", False)]


def test_bold_label_then_link_titles_by_the_link() -> None:
    markup = (
        '<ul><li><b>Funding:</b> <a href="https://f.example/r">Robot startup raises $80M</a>'
        " at a $1B valuation.</li>"
        '<li><b>Sponsored:</b> <a href="https://ad.example/">Monitor your warehouse</a>'
        " — freshness, volume and schema checks.</li></ul>"
    )
    assert _items(markup) == [
        ("Robot startup raises $80M", "https://f.example/r", False),
        ("Monitor your warehouse", "https://ad.example/", True),
    ]


def test_buttons_and_mastheads_are_not_items() -> None:
    markup = (
        '<h1><a href="https://digest.example/">The Digest</a></h1>'
        '<p><a href="https://x.example/post"><b>A real story title</b></a></p>'
        "<p>What the story says, in a sentence or two.</p>"
        '<p><a href="https://github.com/o/r">GitHub repo</a></p>'
        "<p>Acme Corp  SPONSOR</p>"
        '<p><a href="https://try.example/">Try it free</a></p>'
    )
    assert _items(markup) == [("A real story title", "https://x.example/post", True)]


def test_cta_wording() -> None:
    for text in ("Read more →", "Continue reading", "Book a demo", "GitHub repo", "comments"):
        assert is_cta(text), text
    for text in ("Toolname C →", "Start with why", "Download Ubuntu 26.04", "Learn Rust fast"):
        assert not is_cta(text), text


def test_a_title_opening_with_a_button_noun_is_a_title() -> None:
    for title in [
        "Code as Policies",
        "Video Prediction Policy",
        "Source-Free Domain Adaptation",
        "Paper Copilot for Reviews",
        "More Agents Is All You Need",
    ]:
        assert not is_cta(title), title
    for button in ["Code", "[Code]", "Paper (arXiv)", "GitHub repo", "Project page", "More →",
                   "Code & data", "PDF", "Demo video"]:  # fmt: skip
        assert is_cta(button), button


def test_papers_titled_by_a_button_noun_are_items() -> None:
    html = "".join(
        f'<p><b><a href="https://arxiv.org/abs/2501.0{n}123">{title}</a></b></p><p>{blurb}</p>'
        for n, (title, blurb) in enumerate(
            [
                ("Code as Policies", "Language models write robot policies as code."),
                ("Video Prediction Policy", "A generalist policy conditioned on predicted video."),
                ("Paper Copilot for Reviews", "An assistant that drafts structured reviews."),
            ]
        )
    )
    found = extract(html_blocks(f"<html><body><h2>Papers</h2>{html}</body></html>"))
    assert [item.title for item in found.items] == [
        "Code as Policies",
        "Video Prediction Policy",
        "Paper Copilot for Reviews",
    ]
