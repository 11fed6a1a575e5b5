"""Round-5 variations of the known families, one rule each: a TLDR ad's arrow button with
a link of its own, a TLDR web archive converted by a reader tool (turndown / Jina Reader
write a link around a heading as "[" / "### Title" / "](url)"), papers-table titles wrapped
at a hyphen, and roundup titles holding a "<" of their own.

Each test feeds the smallest input that shows the variation, so a failure names the rule.
"""

from __future__ import annotations

from bot.models import Email
from parsers import parse
from parsers.hf_papers import HfPapersParser
from parsers.markdown import markdown_blocks
from parsers.roundup import parse_rst
from parsers.tldr_text import parse_tldr_text


def test_tldr_text_arrow_button_with_its_own_link_is_no_item() -> None:
    # "Book a demo → [6]" under the sponsor's block links a page of its own (not the ad's
    # title link): it is the ad's button, not the next story.
    text = (
        "TLDR Fintech 2025-12-02\n\n"
        " RECONCILE TEN MILLION ROWS (SPONSOR) [1]\n\n Ledgerline matches bank feeds.\n\n"
        "Book a 20-minute demo → [2]\n\n"
        "📈\n\nMARKETS & BUSINESS\n\n A NEOBANK TURNS A PROFIT (4 MINUTE READ) [3]\n\n Blurb.\n\n"
        "Links:\n------\n[1] https://ledger.example/a\n[2] https://ledger.example/demo\n"
        "[3] https://news.example/neobank\n"
    )
    items, _ = parse_tldr_text(text)
    assert [(i.title, i.sponsor, i.section) for i in items] == [
        ("RECONCILE TEN MILLION ROWS", True, None),
        ("A NEOBANK TURNS A PROFIT", False, "MARKETS & BUSINESS"),
    ]


def test_a_link_written_around_a_heading_in_three_blocks_is_one_link() -> None:
    md = "# Issue\n\n[\n\n### A story (4 minute read)\n\n](https://a.example/story)\n\nIts blurb.\n"
    blocks = markdown_blocks(md)
    linked = [b for b in blocks if b.links]
    assert [(b.text, b.links[0].href) for b in linked] == [
        ("A story (4 minute read)", "https://a.example/story")
    ]
    # A lone "[" that no "](url)" line closes stays text.
    assert [b.text for b in markdown_blocks("[\n\nNot a link\n\nProse.\n")][:1] == ["["]


def test_tldr_web_archive_from_a_reader_tool() -> None:
    def story(n: int) -> str:
        return f"[\n\n### Story {n} (3 minute read)\n\n](https://s.example/{n})\n\nBlurb {n}.\n\n"

    text = "TLDR Design 2025-12-11\n======================\n\n🎨\n\n### Trends\n\n"
    email = Email(message_id="<t@x>", subject="", text=text + "".join(story(n) for n in range(3)))
    result = parse(email)
    assert result.newsletter.parser == "tldr"
    assert [(i.title, i.section, i.read_minutes) for i in result.items] == [
        (f"Story {n}", "Trends", 3) for n in range(3)
    ]


def _papers(table: str, html: bool = False) -> list[str]:
    email = Email(message_id="<p@x>", subject="Daily Papers", **{"html" if html else "text": table})
    return [i.title for i in HfPapersParser().parse(email).items]


def test_papers_title_wrapped_at_its_hyphen_is_one_word() -> None:
    links = "(Read more on [arXiv](https://arxiv.org/abs/2511.16876) or [HuggingFace](https://huggingface.co/papers/2511.16876))"
    md = (
        "| Title | Authors | Summary |\n|---|---|---|\n"
        f"| EgoPlan: Planning from First-\n  person Video {links}| A. B | Plans. |\n"
        f"| A Survey -\n  Part Two {links.replace('16876', '16877')}| C. D | Surveys. |\n"
    )
    # A hyphen after a word joins its halves; a dash after a space is no broken word.
    assert _papers(md) == ["EgoPlan: Planning from First-person Video", "A Survey - Part Two"]
    html = (
        "<table><tr><th>Title</th><th>Authors</th><th>Summary</th></tr>"
        "<tr><td>EgoPlan: Planning from First-\n    person Video (Read more on "
        '<a href="https://arxiv.org/abs/2511.16876">arXiv</a>)</td><td>A. B</td><td>Plans.</td></tr>'
        "</table>"
    )
    assert _papers(html, html=True) == ["EgoPlan: Planning from First-person Video"]


def test_roundup_title_with_a_less_than_sign_of_its_own() -> None:
    rst = (
        "Notes: December, 2025\n=====================\n\nTheory\n------\n"
        "`When Is n < 100 Examples Enough? <https://arxiv.org/pdf/2511.29034>`_\n"
        "    Gives conditions for in-context learning.\n\n"
        "`Pruning < 1% of Heads <https://arxiv.org/pdf/2512.29904>`_\n"
        "    Memory halves.\n"
    )
    items, _ = parse_rst(rst, [])
    assert [(i.title, i.url) for i in items] == [
        ("When Is n < 100 Examples Enough?", "https://arxiv.org/pdf/2511.29034"),
        ("Pruning < 1% of Heads", "https://arxiv.org/pdf/2512.29904"),
    ]
