"""Round-7 variations of the known families, one rule each: a papers table whose paper
links sit beside the authors or close the summary, spacer rows between papers; RST
roundups with one-word references ("MuonClip_"), substitutions ("|ICLR|"), entries
written as a bold title over a bare URL; and docutils pages keeping the system
messages (and the broken entries) of a markup slip in the source.

Each test feeds the smallest input that shows the variation, so a failure names the rule.
"""

from __future__ import annotations

from bot.models import Email
from parsers import parse
from parsers.hf_papers import HfPapersParser
from parsers.roundup import RoundupParser, parse_rst


def _papers(text: str) -> list[tuple[str, str, tuple[str, ...], str]]:
    items = HfPapersParser().parse(Email(message_id="<h@x>", text=text)).items
    return [(i.title, i.url or "", i.authors, i.blurb) for i in items]


def test_paper_links_beside_the_authors_or_closing_the_summary() -> None:
    # An author's profile is no link of the paper, but arXiv / Hugging Face pages are,
    # wherever they sit; their labels are no author and no words of the summary.
    text = (
        "| Paper | Authors | Summary |\n|---|---|---|\n"
        "| Reward Hacking | Ana Lima · [arXiv](https://arxiv.org/abs/2602.00001) | Exploits. |\n"
        "| One-Step Policies | Bo Chen | Fast. [arXiv:2602.00002](https://arxiv.org/abs/2602.00002)"
        " · [HF](https://huggingface.co/papers/2602.00002) |\n"
    )
    assert _papers(text) == [
        ("Reward Hacking", "https://arxiv.org/abs/2602.00001", ("Ana Lima",), "Exploits."),
        ("One-Step Policies", "https://arxiv.org/abs/2602.00002", ("Bo Chen",), "Fast."),
    ]


def test_spacer_rows_between_papers_are_no_rows() -> None:
    row = (
        '<tr><td><a href="https://arxiv.org/abs/2602.0000{0}">Paper {0}</a></td>'
        "<td>A. Author</td><td>Summary {0}.</td></tr>"
    )
    spacer = '<tr><td colspan="3" height="14">&nbsp;</td></tr>'
    html = (
        "<table><tr><th>Title</th><th>Authors</th><th>Summary</th></tr>"
        + spacer.join(row.format(n) for n in range(1, 4))
        + spacer
        + "</table>"
    )
    result = HfPapersParser().parse(Email(message_id="<h@x>", html=html))
    assert [i.title for i in result.items] == ["Paper 1", "Paper 2", "Paper 3"]
    assert result.newsletter.warnings == ()


def test_rst_one_word_reference_and_substitutions() -> None:
    text = (
        ".. |ICLR| replace:: ICLR 2026\n.. |star| unicode:: U+2605 .. black star\n\n"
        "Digest\n======\n\nModels\n------\n\n"
        "MuonClip_ |star|\n    Clips attention logits. Accepted at |ICLR|.\n\n"
        "`Sparse Upcycling`_\n    Dense to experts.\n\n"
        ".. _muonclip: https://arxiv.org/abs/2603.02005\n"
        ".. _Sparse Upcycling: https://arxiv.org/abs/2603.01127\n"
    )
    items, _ = parse_rst(text)
    assert [(i.title, i.url, i.blurb) for i in items] == [
        (
            "MuonClip",
            "https://arxiv.org/abs/2603.02005",
            "★ Clips attention logits. Accepted at ICLR 2026.",
        ),
        ("Sparse Upcycling", "https://arxiv.org/abs/2603.01127", "Dense to experts."),
    ]


def test_rst_bold_title_over_its_bare_url_is_an_entry() -> None:
    entry = "**Paper {0} on flows**\n{1}https://arxiv.org/abs/2604.0000{0}{2}\n\n{3}Blurb {0}.\n\n"
    text = (
        "Paper Notes: April, 2026\n########################\n\n"
        "Past issues at https://notes.example/archive/.\n\nModels\n******\n\n"
        + entry.format(1, "", "", "    ")
        + entry.format(2, "<", ">", "    ")
        + entry.format(3, "", "", "")  # the blurb in a plain paragraph below
        + "----\n\nThat's all for April.\n"
    )
    result = parse(Email(message_id="<r@x>", text=text))
    assert result.newsletter.parser == "roundup"
    assert [(i.title, i.url, i.section, i.blurb) for i in result.items] == [
        (f"Paper {n} on flows", f"https://arxiv.org/abs/2604.0000{n}", "Models", f"Blurb {n}.")
        for n in (1, 2, 3)
    ]


def test_docutils_system_messages_and_broken_entries_are_set_aside() -> None:
    entry = (
        '<dt><a class="reference external" href="https://arxiv.org/abs/2605.0{0}">Paper {0}</a></dt>'
        "<dd>Blurb {0}.</dd>"
    )
    html = (
        '<div class="document"><h1 class="title">Roundup</h1>'
        '<div class="section" id="a"><h1>Robots</h1><dl class="docutils">'
        + entry.format(1)
        + '<dt><a href="#system-message-1"><span class="problematic" id="problematic-1">'
        "`Broken Paper`_</span></a></dt><dd>Orphan blurb.</dd>"
        + entry.format(2)
        + '</dl><div class="system-message"><p class="system-message-title">System Message: '
        "WARNING/2 (<tt>x.rst</tt>, line 9)</p>Block quote ends without a blank line.</div>"
        + entry.format(3).join(('<dl class="docutils">', "</dl>"))
        + '</div><div class="system-messages section"><h1>Docutils System Messages</h1>'
        '<div class="system-message" id="system-message-1"><p class="system-message-title">'
        'System Message: ERROR/3; <em><a href="#problematic-1">backlink</a></em></p>'
        "Unknown target name.</div></div></div>"
    )
    items = RoundupParser().parse(Email(message_id="<r@x>", html=html)).items
    assert [(i.title, i.section, i.blurb) for i in items] == [
        (f"Paper {n}", "Robots", f"Blurb {n}.") for n in (1, 2, 3)
    ]


def test_rst_file_subject_skips_explicit_markup(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Substitution definitions and their options open many RST sources: no subject.
    from bot.decode import load_file

    path = tmp_path / "digest.rst"
    path.write_text(
        ".. |new| image:: https://x.example/new.png\n   :alt: new\n\nThe Digest\n==========\n"
    )
    assert load_file(path).subject == "The Digest"
