"""Variations real issues of the known families have, one rule each: TLDR references
broken by a fixed-column wrap, sponsor banners between sections, the tagline heading;
papers digests with emphasis in cells, several tables or a layout table around the
papers; roundups with anonymous links and footnote references.

Each test feeds the smallest email that shows the variation, so a failure names the rule.
"""

from __future__ import annotations

from bot.models import Email
from parsers import parse

TLDR_LINKS = (
    "Links:\n------\n[1] https://sponsor.example/\n[2] https://a.example/one\n"
    "[3] https://b.example/two\n[4] https://boardly.example/\n[5] https://boardly.example/deck\n"
    "[11] https://c.example/eleven\n"
)


def _tldr_text(body: str) -> list[tuple[str, str | None, str | None, bool]]:
    result = parse(Email(message_id="<v@x>", subject="TLDR IT 2025-07-15", text=body))
    assert result.newsletter.parser == "tldr"
    return [(i.title, i.url, i.section, i.sponsor) for i in result.items]


def test_tldr_text_reference_broken_inside_its_number() -> None:
    body = (
        "TLDR IT 2025-07-15\n\n💻\n\nSECURITY\n\n"
        " INTUNE ADDS PASSKEYS FOR SHARED DEVICES (3 MINUTE READ) [1\n1]\n\n Blurb.\n\n"
        " A SECOND STORY (2 MINUTE READ) [2]\n\n Blurb two.\n\n" + TLDR_LINKS
    )
    assert _tldr_text(body) == [
        ("INTUNE ADDS PASSKEYS FOR SHARED DEVICES", "https://c.example/eleven", "SECURITY", False),
        ("A SECOND STORY", "https://a.example/one", "SECURITY", False),
    ]


def test_tldr_text_unreadable_title_is_never_a_section() -> None:
    # "[1 1]" cannot be resolved; the title is lost, but it must not rename the section
    # of the stories after it.
    body = (
        "TLDR IT 2025-07-15\n\nSECURITY\n\n"
        " INTUNE ADDS PASSKEYS (3 MINUTE READ) [1 1]\n\n Blurb.\n\n"
        " A SECOND STORY (2 MINUTE READ) [2]\n\n Blurb two.\n\n" + TLDR_LINKS
    )
    assert _tldr_text(body) == [("A SECOND STORY", "https://a.example/one", "SECURITY", False)]


def test_tldr_text_banner_between_sections_starts_a_sponsor_block() -> None:
    body = (
        "TLDR Founders 2025-09-02\n\n\t\tTOGETHER WITH [Sponsor] [1]\n\n"
        "QUICK LINKS\n\n A QUICK LINK (3 MINUTE READ) [2]\n\n"
        "\t\tTOGETHER WITH [Boardly] [4]\n\n BOARD DECKS IN AN HOUR (SPONSOR) [5]\n\n"
        " Boardly builds the deck [5].\n\n" + TLDR_LINKS
    )
    assert _tldr_text(body) == [
        ("A QUICK LINK", "https://a.example/one", "QUICK LINKS", False),
        ("BOARD DECKS IN AN HOUR", "https://boardly.example/deck", None, True),
    ]
    result = parse(Email(message_id="<v@x>", subject="TLDR Founders 2025-09-02", text=body))
    assert result.newsletter.sponsor_name == "Sponsor"  # the first banner names the issue's
    assert result.items[-1].blurb == "Boardly builds the deck."  # no " ." left by the [5]


def _story(href: str, title: str) -> str:
    return f'<p><a href="{href}"><strong>{title}</strong></a><br><br>What it is about, in a sentence.</p>'


def test_tldr_html_banner_block_and_tagline_are_not_sections() -> None:
    html = (
        "<h1>TLDR Marketing 2025-08-05</h1>"
        "<h2>Ads in AI answers 📣, UGC hiring 🎥, UTM links lie 🔗</h2>"
        + _story("https://s.example/top", "Top sponsor story (Sponsor)")
        + "<h1>News &amp; Trends</h1>"
        + _story("https://n.example/1", "A news story (3 minute read)")
        + "<h1>Quick Links</h1>"
        + _story("https://q.example/1", "A quick link (2 minute read)")
        + '<p>TOGETHER WITH <a href="https://pollstack.example/"><img alt="Pollstack"></a></p>'
        + _story("https://pollstack.example/lift", "Brand lift surveys in 48 hours")
    )
    result = parse(Email(message_id="<v@x>", sender="dan@tldrnewsletter.com", html=html))
    got = [(i.title, i.section, i.sponsor) for i in result.items]
    assert got == [
        ("Top sponsor story", None, True),
        ("A news story", "News & Trends", False),
        ("A quick link", "Quick Links", False),
        ("Brand lift surveys in 48 hours", None, True),
    ]


def test_tldr_html_banner_at_the_top_keeps_the_first_section() -> None:
    html = (
        '<p>TOGETHER WITH <a href="https://s.example/"><img alt="Acme"></a></p>'
        "<p>TLDR 2025-07-01</p><h1>Big Tech</h1>"
        + _story("https://n.example/1", "A news story (3 minute read)")
    )
    result = parse(Email(message_id="<v@x>", sender="dan@tldrnewsletter.com", html=html))
    assert [(i.title, i.section) for i in result.items] == [("A news story", "Big Tech")]
    assert result.newsletter.sponsor_name == "Acme"


def _paper(title: str, n: int) -> str:
    return (
        f"| {title} (Read more on [arXiv](https://arxiv.org/abs/2507.0000{n}) or "
        f"[HuggingFace](https://huggingface.co/papers/2507.0000{n})) | Ann Lee | Summary {n}. |\n"
    )


def test_papers_cells_lose_markdown_marks_but_not_their_words() -> None:
    text = "| Title | Authors | Summary |\n|---|---|---|\n" + "".join(
        _paper(t, n)
        for n, t in enumerate(
            [
                "*Less* Is More",
                "**OmniCoder**: One Model",
                "`torch.compile` for Samplers",
                "Why snake_case_names Survive",
                "A\\* Search with 2*3*4 Heads",
                "__Bold__ and _Italic_ Words",
            ]
        )
    )
    result = parse(Email(message_id="<v@x>", text=text))
    assert [i.title for i in result.items] == [
        "Less Is More",
        "OmniCoder: One Model",
        "torch.compile for Samplers",
        "Why snake_case_names Survive",
        "A* Search with 2*3*4 Heads",
        "Bold and Italic Words",
    ]


def test_papers_in_several_tables_take_the_heading_above_each_as_section() -> None:
    header = "| Title | Authors | Summary |\n|---|---|---|\n"
    text = (
        "# Daily Papers 2025-07-11\n\n### Top papers\n\n" + header + _paper("First", 1) + "\n"
        "Also today\n----------\n\n" + header + _paper("Second", 2) + _paper("Third", 3) + "\n"
        "### Trending models\n\n| Model | Downloads |\n|---|---|\n"
        "| [org/m](https://huggingface.co/org/m) | 3 |\n"
    )
    result = parse(Email(message_id="<v@x>", text=text))
    assert [(i.title, i.section) for i in result.items] == [
        ("First", "Top papers"),
        ("Second", "Also today"),
        ("Third", "Also today"),
    ]


def test_papers_single_table_has_no_section() -> None:
    text = "## Papers for 2025-07-11\n\n| Title | Authors | Summary |\n|---|---|---|\n" + _paper(
        "Only", 1
    )
    result = parse(Email(message_id="<v@x>", text=text))
    assert [(i.title, i.section) for i in result.items] == [("Only", None)]


def test_papers_table_inside_a_layout_table() -> None:
    row = (
        "<tr><td>{t} (Read more on <a href='https://arxiv.org/abs/2507.0{n}'>arXiv</a> or "
        "<a href='https://huggingface.co/papers/2507.0{n}'>HuggingFace</a>)</td>"
        "<td>Ann Lee</td><td>Summary.</td></tr>"
    )
    html = (
        "<table><tr><td>Daily Papers</td></tr><tr><td>"
        "<table><thead><tr><th>Title</th><th>Authors</th><th>Summary</th></tr></thead><tbody>"
        + row.format(t="First paper", n=1001)
        + row.format(t="Second paper", n=1002)
        + "</tbody></table></td></tr>"
        "<tr><td><a href='https://digest.example/unsubscribe'>Unsubscribe</a></td></tr></table>"
    )
    result = parse(Email(message_id="<v@x>", html=html))
    assert result.newsletter.parser == "hf_papers"
    assert [(i.title, i.url) for i in result.items] == [
        ("First paper", "https://arxiv.org/abs/2507.01001"),
        ("Second paper", "https://arxiv.org/abs/2507.01002"),
    ]
    assert result.newsletter.warnings == ()


ROUNDUP_HEAD = "Reading List: December, 2025\n============================\n\nServing\n-------\n\n"


def test_roundup_anonymous_links_take_their_targets_in_order() -> None:
    text = ROUNDUP_HEAD + (
        "See the `previous issue`__ first.\n\n__ https://list.example/prev\n\n"
        "`Speculative Decoding for Batches`__\n    Blurb one.\n\n"
        "`A Named Paper`_\n    Blurb two.\n\n"
        "`Survey of Superoptimisation`__\n    Blurb three.\n\n"
        ".. __: https://arxiv.org/abs/2512.02103\n"
        ".. _a named paper: https://arxiv.org/abs/2512.02104\n"
        ".. __:\n   https://arxiv.org/abs/2512.02105\n\n"
        "`Without A Target`__\n    Blurb four.\n"
    )
    result = parse(Email(message_id="<v@x>", text=text))
    assert result.newsletter.parser == "roundup"
    assert [(i.title, i.url) for i in result.items] == [
        ("Speculative Decoding for Batches", "https://arxiv.org/abs/2512.02103"),
        ("A Named Paper", "https://arxiv.org/abs/2512.02104"),
        ("Survey of Superoptimisation", "https://arxiv.org/abs/2512.02105"),
    ]
    assert result.newsletter.warnings == (
        "`Without A Target`_ has no target (.. __: url); skipped",
    )


def test_roundup_footnote_references_are_not_blurb_words() -> None:
    text = ROUNDUP_HEAD + (
        "`Disaggregated Prefill <https://arxiv.org/abs/2512.02101>`_ [1]_\n"
        "    Splits prefill and decode [#]_ onto separate pools [CIT2025]_.\n\n"
        "`Another <https://arxiv.org/abs/2512.02102>`_\n    Blurb.\n\n"
        "`Third <https://arxiv.org/abs/2512.02106>`_\n    Blurb.\n\n"
        ".. [1] Accepted at NSDI.\n.. [#] A footnote.\n.. [CIT2025] A citation.\n"
    )
    result = parse(Email(message_id="<v@x>", text=text))
    assert result.items[0].blurb == "Splits prefill and decode onto separate pools."
