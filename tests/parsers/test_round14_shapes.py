"""Shapes added in round 14 (new renderings of the known families): a papers table with a
Category column, a roundup's closing link, footnotes and Sphinx roles, and tldr.tech's
section names bold by their Tailwind class alone."""

from __future__ import annotations

from bot.models import Email
from parsers import parse

_TABLE = (
    "## Papers for 2026-02-23\n\n"
    "| Category | Title | Authors | Summary |\n"
    "|---|---|---|---|\n"
    "| Computer Vision | Seeing Round Corners (Read more on [arXiv](https://arxiv.org/abs/2602.00001)"
    " or [HuggingFace](https://huggingface.co/papers/2602.00001))| Ana Lima | It sees. |\n"
    "| | Hearing Through Walls (Read more on [arXiv](https://arxiv.org/abs/2602.00002)"
    " or [HuggingFace](https://huggingface.co/papers/2602.00002))| Bo Chen | It hears. |\n"
)


def test_a_category_column_names_each_papers_section() -> None:
    email = Email(message_id="<p@x>", sender="digest@example.org", subject="Papers", text=_TABLE)
    result = parse(email)
    assert result.newsletter.parser == "hf_papers"
    assert [(it.title, it.section) for it in result.items] == [
        ("Seeing Round Corners", "Computer Vision"),
        ("Hearing Through Walls", None),  # an empty cell: no category
    ]


_RST = """Notes: May, 2026
================

Papers
------

`Paper One <https://arxiv.org/abs/2605.00001>`__
    Does one thing [#]_. See :ref:`other` and :ref:`the tools section <tools>`.

`Paper Two <https://arxiv.org/abs/2605.00002>`__
    Does two things.

`Paper Three <https://arxiv.org/abs/2605.00003>`__
    Does three things.

`Paper Four <https://arxiv.org/abs/2605.00004>`__
    Does four things.

`Our archive <https://notes.example/archive/>`__

.. [#] A note.
"""


def test_a_roundups_lone_closing_link_is_no_entry_and_roles_read_as_text() -> None:
    items = parse(Email(message_id="<n@x>", sender="notes@example.org", text=_RST)).items
    assert [it.title for it in items] == ["Paper One", "Paper Two", "Paper Three", "Paper Four"]
    assert items[0].blurb == "Does one thing. See other and the tools section."
    # A list of bare links keeps them all.
    bare = "Digest\n======\n\nLinks\n-----\n\n" + "".join(
        f"* `Link {n} <https://example.org/{n}>`__\n" for n in range(5)
    )
    assert len(parse(Email(message_id="<l@x>", sender="n@example.org", text=bare)).items) == 5
    items = parse(
        Email(
            message_id="<b@x>",
            sender="n@example.org",
            text=_RST.replace("    Does four things.\n", ""),
        )
    ).items
    assert [it.title for it in items][-2:] == ["Paper Four", "Our archive"]  # two bare: kept


def test_docutils_footnotes_rubric_and_unknown_roles_are_set_aside() -> None:
    entries = "".join(
        f'<dt><a class="reference external" href="https://arxiv.org/abs/2605.0000{n}">Paper {n}</a>'
        f"</dt><dd><p>Finds thing {n}"
        + (
            ' <a class="footnote-reference brackets" href="#footnote-1" id="fr-1" '
            'role="doc-noteref"><span class="fn-bracket">[</span>1<span class="fn-bracket">]'
            '</span></a>. See <a href="#system-message-1"><span class="problematic" '
            'id="problematic-1">:ref:`agents`</span></a>'
            if n == 1
            else ""
        )
        + ".</p></dd>"
        for n in range(1, 5)
    )
    html = (
        '<html><head><meta name="generator" content="Docutils 0.19: https://docutils.sourceforge.io/">'
        '</head><body><main><h1 class="title">Notes: May, 2026</h1>'
        f'<section id="papers"><h2>Papers</h2><dl class="simple">{entries}</dl>'
        '<p><a class="reference external" href="https://notes.example/archive/">Our archive</a></p>'
        '<p class="rubric">Notes</p><aside class="footnote-list brackets">'
        '<aside class="footnote brackets" id="footnote-1" role="note"><p>See the '
        '<a class="reference external" href="https://example.org/ckpt">checkpoints</a>.</p>'
        "</aside></aside></section></main></body></html>"
    )
    result = parse(Email(message_id="<r@x>", sender="notes@example.org", html=html))
    assert result.newsletter.parser == "roundup"
    assert [it.title for it in result.items] == ["Paper 1", "Paper 2", "Paper 3", "Paper 4"]
    assert result.items[0].blurb == "Finds thing 1. See agents."


def test_tldr_web_sections_bold_by_their_class_alone() -> None:
    story = (
        '<article class="mt-3"><a class="font-bold" href="https://news.example/{n}?utm_source=tldr">'
        "<h3>Story number {n} lands (3 minute read)</h3></a>"
        '<div class="newsletter-html">What happened in story {n}.</div></article>'
    )
    html = (
        "<html><body><main><h1>TLDR InfoSec 2026-06-09</h1>"
        '<section><div class="text-center font-bold"><span>🔓</span><br><span>Attacks</span></div>'
        + story.format(n=1)
        + story.format(n=2)
        + '</section><section><div class="text-center font-bold">Tools</div>'
        + story.format(n=3)
        + '</section><div><p class="font-bold">More from TLDR</p>'
        '<a href="/ai">TLDR AI</a></div></main></body></html>'
    )
    result = parse(Email(message_id="<t@x>", sender="dan@tldrnewsletter.com", html=html))
    assert [(it.title, it.section) for it in result.items] == [
        ("Story number 1 lands", "Attacks"),
        ("Story number 2 lands", "Attacks"),
        ("Story number 3 lands", "Tools"),
    ]
    assert result.items[-1].blurb == "What happened in story 3."
