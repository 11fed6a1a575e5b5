"""Round-4 variations of the known families, one rule each: research roundups whose RST
was rendered by other tools than docutils' own writers (pandoc, Sphinx, GitHub) or sent
as its plain-text source, and Hugging Face papers tables whose links are written out as
addresses; plus the two content signatures that claimed roundups for hf_papers.

Each test feeds the smallest email that shows the variation, so a failure names the rule.
"""

from __future__ import annotations

from datetime import date

from bot.models import Email
from bot.normalise import normalise_result
from parsers import parse
from parsers.hf_cards import may_be_digest
from parsers.hf_papers import HfPapersParser
from parsers.roundup import RoundupParser, docutils_furniture_removed, parse_rst

# ---- roundups rendered by other tools -----------------------------------------------


def _entry(n: int, href: str, shape: str) -> str:
    link = f'<a href="{href}">Paper number {n} about things</a>'
    blurb = f"Finds result {n} on a benchmark."
    if shape == "dl":
        return f"<dl><dt>{link}</dt><dd><p>{blurb}</p></dd></dl>"
    return f"<p>{link}</p><blockquote><p>{blurb}</p></blockquote>"


def _rendered(entries: str, head: str = "") -> Email:
    html = f"<html><head>{head}</head><body><h1>Notes: May, 2026</h1><h2>LLMs</h2>{entries}</body></html>"
    return Email(message_id="<r@x>", subject="Notes: May, 2026", html=html)


def test_rst_rendered_without_docutils_classes_is_a_roundup() -> None:
    # pandoc and GitHub write "`Title <url>`_" over an indented blurb as a bare <dt>/<dd>
    # or a link-only paragraph and a block quote: no "reference external" class.
    for shape in ("dl", "blockquote"):
        entries = "".join(_entry(n, f"https://arxiv.org/abs/2605.0000{n}", shape) for n in range(3))
        email = _rendered(entries)
        match = RoundupParser().match(email)
        assert match is not None, shape
        result = parse(email)
        assert result.newsletter.parser == "roundup"
        assert [(i.title, i.section) for i in result.items] == [
            (f"Paper number {n} about things", "LLMs") for n in range(3)
        ]


def test_a_definition_list_of_blog_posts_is_not_a_roundup() -> None:
    # A guard on the rule above: the same markup linking posts and releases (a
    # glossary-style link digest) stays generic; most entries must link papers.
    hrefs = ["https://arxiv.org/abs/2605.00001", "https://blog.example/a", "https://blog.example/b"]
    hrefs += ["https://github.com/x/y/releases/tag/v1", "https://arxiv.org/abs/2605.00002"]
    entries = "".join(_entry(n, h, "dl") for n, h in enumerate(hrefs))
    assert RoundupParser().match(_rendered(entries)) is None


def test_heading_permalinks_are_not_part_of_the_heading() -> None:
    # Sphinx's "¶" after the heading's words, GitHub's empty anchor before them.
    markup = (
        '<h2>Featured<a class="headerlink" href="#featured" title="Link">¶</a></h2>'
        '<h2><a id="user-content-llms" class="anchor" href="#llms"><span></span></a>LLMs</h2>'
        '<h2><a class="toc-backref" href="#toc-entry-1">Vision</a></h2>'
    )
    assert docutils_furniture_removed(markup) == "<h2>Featured</h2><h2>LLMs</h2><h2>Vision</h2>"


def test_a_field_table_without_classes_is_the_docinfo() -> None:
    # GitHub strips docutils' classes: the docinfo is a table whose first cell is a
    # field's name; its editor link is not a paper.
    markup = (
        '<table><col><tbody valign="top"><tr><th>Date:</th><td>2026-10-06</td></tr>'
        '<tr><th>Editors:</th><td><a href="https://ex.example/~a">Ana</a></td></tr></tbody></table>'
        "<p>Intro.</p><table><tr><th>Model</th><td>7B</td></tr></table>"
    )
    assert docutils_furniture_removed(markup) == (
        "<p>Intro.</p><table><tr><th>Model</th><td>7B</td></tr></table>"
    )


def test_the_date_field_of_a_sphinx_or_pandoc_page() -> None:
    sphinx = (
        '<dl class="field-list simple"><dt class="field-odd">Date<span class="colon">:</span>'
        '</dt><dd class="field-odd"><p>2026-09-07</p></dd></dl>'
    )
    pandoc = '<meta name="dcterms.date" content="2026-08-03" />'
    entries = "".join(_entry(n, f"https://arxiv.org/abs/2605.0000{n}", "dl") for n in range(3))
    # Without a date field, the title's month.
    assert parse(_rendered(entries)).newsletter.issue_date == date(2026, 5, 1)
    body_email = Email(
        message_id="<s@x>",
        subject="Notes: May, 2026",
        html=f"<html><body><h1>Notes: May, 2026</h1>{sphinx}<h2>LLMs</h2>{entries}</body></html>",
    )
    assert parse(body_email).newsletter.issue_date == date(2026, 9, 7)
    assert parse(_rendered(entries, head=pandoc)).newsletter.issue_date == date(2026, 8, 3)


def test_paper_repeated_in_a_rendered_roundup_is_one_item_with_every_section() -> None:
    # A guard: the abstract, the PDF and a version of one paper, listed under two sections.
    html = (
        "<html><body><h1>Notes: May, 2026</h1><h2>Featured</h2>"
        + _entry(1, "https://arxiv.org/pdf/2605.00001", "dl")
        + "<h2>LLMs</h2>"
        + _entry(1, "https://arxiv.org/abs/2605.00001v2", "blockquote")
        + _entry(2, "https://arxiv.org/abs/2605.00002", "blockquote")
        + _entry(3, "https://arxiv.org/abs/2605.00003", "blockquote")
        + "</body></html>"
    )
    result = normalise_result(parse(Email(message_id="<d@x>", subject="Notes", html=html)))
    assert [(i.title[:14], i.sections) for i in result.items] == [
        ("Paper number 1", ("Featured", "LLMs")),
        ("Paper number 2", ("LLMs",)),
        ("Paper number 3", ("LLMs",)),
    ]


def test_a_link_inside_a_rendered_blurb_is_not_an_item() -> None:
    cite = '<a href="https://arxiv.org/abs/2407.13623">Scaling Laws with Vocabulary</a>'
    entries = "".join(_entry(n, f"https://arxiv.org/abs/2605.0000{n}", "dl") for n in range(3))
    entries = entries.replace("on a benchmark.", f"as {cite} predicted.", 1)
    result = parse(_rendered(entries))
    assert [i.title for i in result.items] == [f"Paper number {n} about things" for n in range(3)]
    assert result.items[0].blurb == "Finds result 0 as Scaling Laws with Vocabulary predicted."


# ---- roundups as RST source ------------------------------------------------------


_SECTIONS = (
    "LLMs\n====\n\n`A paper <https://arxiv.org/abs/2612.00001>`_\n    Does a thing.\n\n"
    "`B paper <https://arxiv.org/abs/2612.00002>`_\n    Does another.\n"
)


def test_an_intro_paragraph_opening_with_a_link_is_not_an_entry() -> None:
    text = (
        "Notes: December, 2026\n=====================\n\n"
        "`Notes <https://notes.example/>`_ is a monthly digest of papers, read by\n"
        "volunteers.\n\n" + _SECTIONS
    )
    items, _ = parse_rst(text)
    assert [i.title for i in items] == ["A paper", "B paper"]


def test_an_intro_entry_set_off_by_a_dash_is_kept_without_sections() -> None:
    # A guard on the rule above: without any section, link-led paragraphs are the
    # entries themselves.
    text = (
        "Notes\n=====\n\n`A paper <https://arxiv.org/abs/2612.00001>`_ is about X.\n\n"
        "`B paper <https://arxiv.org/abs/2612.00002>`_ is about Y.\n"
    )
    items, _ = parse_rst(text)
    assert [i.title for i in items] == ["A paper", "B paper"]


def test_a_link_wrapped_to_the_start_of_a_prose_line_is_a_citation() -> None:
    text = (
        "Notes\n=====\n\nLLMs\n----\n\nThis month we read two papers; the archive is at\n"
        "`notes.example/archive <https://notes.example/archive>`_.\n\n"
        "`A paper <https://arxiv.org/abs/2612.00001>`_\n    Does a thing.\n"
        "`B paper <https://arxiv.org/abs/2612.00002>`_\n    Follows the blurb directly.\n"
    )
    items, _ = parse_rst(text)
    assert [(i.title, i.section) for i in items] == [("A paper", "LLMs"), ("B paper", "LLMs")]


# ---- hf_papers tables ---------------------------------------------------------------


def test_bare_addresses_in_a_links_cell_are_the_papers_links() -> None:
    text = (
        "| Title | Links | Summary |\n|---|---|---|\n"
        "| Paper A | https://arxiv.org/abs/2511.04011 · https://huggingface.co/papers/2511.04011 | S. |\n"
        "| Paper B | <https://arxiv.org/pdf/2511.03705> | |\n"
    )
    result = HfPapersParser().parse(Email(message_id="<h@x>", subject="Daily Papers", text=text))
    assert [(i.title, i.url, i.links, i.blurb) for i in result.items] == [
        (
            "Paper A",
            "https://arxiv.org/abs/2511.04011",
            (("Hugging Face", "https://huggingface.co/papers/2511.04011"),),
            "S.",
        ),
        ("Paper B", "https://arxiv.org/pdf/2511.03705", (), ""),
    ]


def test_bare_addresses_in_an_html_cell_are_links_not_words() -> None:
    html = (
        "<table><tr><td><b>Paper</b></td><td><b>Links</b></td></tr>"
        "<tr><td>Paper A</td><td>https://arxiv.org/abs/2511.04011, "
        '<a href="https://huggingface.co/papers/2511.04011">HF</a></td></tr></table>'
    )
    result = HfPapersParser().parse(Email(message_id="<h@x>", subject="Papers", html=html))
    assert [(i.title, i.url, i.links) for i in result.items] == [
        (
            "Paper A",
            "https://arxiv.org/abs/2511.04011",
            (("Hugging Face", "https://huggingface.co/papers/2511.04011"),),
        )
    ]


def test_the_table_signature_needs_a_title_header_cell() -> None:
    # A docutils HTML4 roundup: "title" in <title>, a docinfo <table>, arXiv links.
    roundup = (
        "<html><head><title>Notes</title></head><body><table class='docinfo'><tr>"
        "<th>Date:</th><td>2026-06-02</td></tr></table>"
        '<p><a href="https://arxiv.org/abs/2606.00001">A</a> and '
        '<a href="https://arxiv.org/abs/2606.00002">B</a></p></body></html>'
    )
    assert HfPapersParser().match(Email(message_id="<a@x>", subject="Notes", html=roundup)) is None
    table = roundup.replace("<th>Date:</th>", "<td><b>Paper title</b></td>")
    assert HfPapersParser().match(Email(message_id="<a@x>", subject="Notes", html=table))
    markdown = (
        "| Paper | Summary |\n|:--|:--|\n| [A](https://arxiv.org/abs/2606.00001) | x |\n"
        "| [B](https://arxiv.org/abs/2606.00002) | y |\n"
    )
    assert HfPapersParser().match(Email(message_id="<a@x>", subject="Notes", text=markdown))
    # The words without a separator row under them are no table header.
    prose = markdown.replace("|:--|:--|\n", "")
    assert HfPapersParser().match(Email(message_id="<a@x>", subject="Notes", text=prose)) is None


def test_cheap_card_test_counts_only_a_paper_linked_twice_side_by_side() -> None:
    ids = ["2511.00001", "2511.00002", "2511.00003"]
    cards = "".join(
        f'<p><a href="https://arxiv.org/abs/{i}">T</a> <a href="https://arxiv.org/pdf/{i}">PDF</a></p>'
        for i in ids
    )
    assert may_be_digest(cards)
    # A roundup listing each paper again in a later section, a long way down.
    listing = "".join(f'<p><a href="https://arxiv.org/abs/{i}">T</a></p>' for i in ids)
    filler = "<p>" + "Blurb words. " * 200 + "</p>"
    roundup = listing + filler + listing.replace("/abs/", "/pdf/")
    assert not may_be_digest(roundup)
    # The same link twice (a text part repeating the HTML's) is one form, not a pair.
    assert not may_be_digest(listing + listing)


def test_an_entry_right_under_a_prose_line_keeps_its_indented_blurb() -> None:
    # The limit of the rule above: without the blank line, a link over an indented blurb
    # is still an entry (the blurb is what a citation in prose never has).
    text = (
        "Notes\n=====\n\nLLMs\n----\n\nTwo papers this month:\n"
        "`A paper <https://arxiv.org/abs/2612.00001>`_\n    Does a thing.\n"
    )
    items, _ = parse_rst(text)
    assert [(i.title, i.blurb) for i in items] == [("A paper", "Does a thing.")]


def test_rendered_furniture_is_left_alone_in_html_of_another_shape() -> None:
    # A roundup known by its sender but sent as a newsletter template (cards, no RST
    # shape): a link after words in its block may be the entry itself ("Read: <a>…</a>").
    html = (
        "<html><body><h1>The CoVar Zeitgeist: May, 2025</h1><h2>LLMs</h2>"
        + "".join(
            f'<p>Paper of the week: <a href="https://arxiv.org/abs/2505.0000{n}">Paper {n} on '
            f"scaling</a></p><p>Finds scaling result {n}.</p>"
            for n in range(3)
        )
        + "</body></html>"
    )
    email = Email(message_id="<c@x>", subject="The CoVar Zeitgeist: May, 2025", html=html)
    result = parse(email)
    assert result.newsletter.parser == "roundup"
    assert [i.title for i in result.items] == [f"Paper {n} on scaling" for n in range(3)]


def test_sections_as_h1_without_a_title_heading() -> None:
    # pandoc without its title block writes every section as <h1>: none of them is the
    # document's title (which would drop the first section's name); the subject is.
    entries = "".join(_entry(n, f"https://arxiv.org/abs/2608.0000{n}", "dl") for n in range(3))
    html = f"<div><h1>Featured</h1>{_entry(9, 'https://arxiv.org/abs/2608.00009', 'dl')}"
    html += f"<h1>Vision</h1>{entries}</div>"
    email = Email(message_id="<p@x>", subject="Lab Digest: August, 2026", html=html)
    result = parse(email)
    assert result.newsletter.name == "Lab Digest"
    assert result.newsletter.issue_date == date(2026, 8, 1)
    assert [i.section for i in result.items] == ["Featured", "Vision", "Vision", "Vision"]


def test_a_sign_off_after_the_last_rendered_blurb_is_not_part_of_it() -> None:
    entries = "".join(_entry(n, f"https://arxiv.org/abs/2605.0000{n}", "dl") for n in range(3))
    result = parse(_rendered(entries + "<div><br></div><div>Priya</div>"))
    assert result.items[-1].blurb == "Finds result 2 on a benchmark."


def test_a_rendered_entry_is_an_item_whatever_its_words() -> None:
    # "Code as Policies", "Video Prediction Policy": short titles opening with a word a
    # button would use. A term that is one link over its definition is an entry, and
    # the entry before it does not take its words as blurb.
    titles = ["Scaling Laws for Sparse Mixtures", "Code as Policies", "Video Prediction Policy"]
    entries = "".join(
        f'<dl><dt><a href="https://arxiv.org/abs/2605.0000{n}">{t}</a></dt>'
        f"<dd><p>Finds result {n} on a benchmark.</p></dd></dl>"
        for n, t in enumerate(titles)
    )
    result = parse(_rendered(entries))
    assert [(i.title, i.section, i.blurb) for i in result.items] == [
        (t, "LLMs", f"Finds result {n} on a benchmark.") for n, t in enumerate(titles)
    ]
