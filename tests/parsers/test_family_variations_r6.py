"""Round-6 variations of the known families, one rule each: a TLDR issue converted to text
by a mail client (links inline as "<https://…>"), links into TLDR's own site (a saved web
page's issue navigation, a "TLDR Jobs" promo), a papers table whose titles carry a "[code]"
link, a digest with an empty table, and roundups rendered by a Sphinx theme (role="main",
admonitions, the heading's "¶") or written with lists and literals in their blurbs.

Each test feeds the smallest input that shows the variation, so a failure names the rule.
"""

from __future__ import annotations

from bot.models import Email
from parsers import parse
from parsers.hf_papers import HfPapersParser
from parsers.roundup import RoundupParser, main_content, parse_rst
from parsers.tldr_text import parse_tldr_text


def test_tldr_text_with_links_inline_after_their_titles() -> None:
    # A forward or "copy as text" writes each link after its words, on the title's line
    # or the next; the same URL twice is one reference.
    text = (
        "TLDR Web Dev 2026-02-03\n\n"
        "Together With Shipfast <https://ship.example/>\n\n"
        "Deploy previews fast (Sponsor) <https://ship.example/p>\n\n"
        "Shipfast builds branches. Start a trial <https://ship.example/p>\n\n"
        "📱\n\nArticles & Tutorials\n\n"
        "React 20 removes class components (5 minute read)\n<https://react.example/20>\n\n"
        "Class components move to a compat package.\n"
    )
    items, sponsor = parse_tldr_text(text)
    assert sponsor == "Shipfast"
    assert [(i.title, i.url, i.section, i.sponsor) for i in items] == [
        ("Deploy previews fast", "https://ship.example/p", None, True),
        (
            "React 20 removes class components",
            "https://react.example/20",
            "Articles & Tutorials",
            False,
        ),
    ]
    assert items[0].blurb == "Shipfast builds branches. Start a trial"


def _tldr_html(extra: str) -> Email:
    story = (
        '<p><a href="https://news.example/{0}"><strong>Story {0} (3 minute read)</strong></a>'
        "<br>Blurb {0}.</p>"
    )
    html = (
        "<p>TLDR AI 2026-02-17</p><h1>🚀 Headlines</h1>"
        + "".join(story.format(n) for n in range(3))
        + extra
    )
    return Email(message_id="<t@x>", sender="dan@tldrnewsletter.com", html=html)


def test_tldr_links_into_its_own_site_are_no_items() -> None:
    # "TLDR Jobs", a saved page's "Previous issue" and related issues link tldr.tech
    # itself (behind TLDR's click tracker or not): the newsletter's furniture.
    extra = (
        '<h2>💼 TLDR Jobs</h2><p><a href="https://jobs.tldr.tech/?utm_source=tldrai">'
        "<strong>Browse open roles</strong></a></p>"
        '<h4>More from TLDR</h4><ul><li><a href="https://tldr.tech/ai/2026-02-16">'
        "Agents everywhere 🤖, a new open model 🧠, cheaper GPUs 📉</a></li></ul>"
        '<p><a href="https://tracking.tldrnewsletter.com/CL0/https:%2F%2Ftldr.tech%2Fai/1/x">'
        "<strong>Read the archive of past issues</strong></a></p>"
    )
    items = parse(_tldr_html(extra)).items
    assert [i.title for i in items] == ["Story 0", "Story 1", "Story 2"]


def test_tldr_names_issue_lines_and_taglines_are_no_items_behind_any_link() -> None:
    # Behind an opaque tracker the address says nothing: the titles still do.
    def link(n: int, words: str) -> str:
        return f'<p><a href="https://t.example/c/{n}"><strong>{words}</strong></a></p>'

    extra = (
        link(13, "TLDR readers get three months of Notely free (Sponsor)")
        + link(10, "← Previous: TLDR 2026-02-16")
        + link(11, "Agents everywhere 🤖, a new open model 🧠, cheaper GPUs 📉")
        + link(12, "TLDR")
        + '<h2>TLDR Jobs</h2><p><a href="https://t.example/c/9">Browse open roles</a></p>'
    )
    items = parse(_tldr_html(extra)).items
    assert [i.title for i in items][3:] == ["TLDR readers get three months of Notely free"]


def _papers(body: str, html: bool = False) -> list[str]:
    email = Email(message_id="<p@x>", subject="Daily Papers", **{"html" if html else "text": body})
    return [i.title for i in HfPapersParser().parse(email).items]


def test_papers_title_with_a_trailing_code_link() -> None:
    more = "(Read more on [arXiv](https://arxiv.org/abs/2601.0993{0}))"
    md = (
        "| Title | Authors | Summary |\n|---|---|---|\n"
        f"| Token Budgets [code](https://github.com/a/b) {more.format(1)}| A | S. |\n"
        f"| Depth From Any Camera [Project page](https://c.example/d) {more.format(2)}| B | S. |\n"
        f"| Learning to Code {more.format(3)}| C | S. |\n"
    )
    # "Learning to Code" links no "Code": its last word stays.
    assert _papers(md) == ["Token Budgets", "Depth From Any Camera", "Learning to Code"]
    html = (
        "<table><tr><th>Title</th><th>Authors</th><th>Summary</th></tr>"
        '<tr><td><strong>Lattice-KV</strong> [<a href="https://github.com/l/kv">code</a>] '
        '(Read more on <a href="https://arxiv.org/abs/2601.08812">arXiv</a>)</td>'
        "<td>A</td><td>S.</td></tr></table>"
    )
    items = HfPapersParser().parse(Email(message_id="<h@x>", html=html)).items
    assert [(i.title, i.url) for i in items] == [("Lattice-KV", "https://arxiv.org/abs/2601.08812")]
    assert ("code", "https://github.com/l/kv") in items[0].links


def test_a_digest_with_an_empty_table_is_a_papers_digest_without_items() -> None:
    text = (
        "## Papers for 2026-01-17\n\n| Title | Authors | Summary |\n|---|---|---|\n\n"
        "No papers today.\n"
    )
    result = parse(Email(message_id="<e@x>", text=text))
    assert (result.newsletter.parser, result.items) == ("hf_papers", ())
    assert result.newsletter.warnings == ()  # the prose below is no row of the table
    assert result.newsletter.issue_date is not None
    assert result.newsletter.issue_date.isoformat() == "2026-01-17"


def test_sphinx_theme_page_is_read_inside_role_main_only() -> None:
    page = (
        '<aside><ul><li><a class="reference external" href="https://lab.example/">Lab home</a>'
        "</li></ul><p>Source on GitHub</p></aside>"
        '<article role="main"><section><div>x</div><h2>A</h2></section></article>'
        '<footer><a href="https://sphinx.example/">Sphinx</a></footer>'
    )
    assert main_content(page) == '<article role="main"><section><div>x</div><h2>A</h2></section>'
    assert main_content("<p>no main</p>") == "<p>no main</p>"


def test_sphinx_rendering_with_admonitions_and_a_permalinked_title() -> None:
    def entry(n: int) -> str:
        return (
            f'<dt><a class="reference external" href="https://arxiv.org/abs/2601.0000{n}">'
            f"Paper {n}</a></dt><dd><p>Blurb {n}.</p></dd>"
        )

    html = (
        '<div class="sidebar"><a class="reference external" href="https://lab.example/">'
        'Lab home</a></div><article role="main"><section id="t"><h1>Lab Notes: May, 2026'
        '<a class="headerlink" href="#t">¶</a></h1>'
        '<p><a class="reference external" href="https://lab.example/">Lab</a></p>'
        '<div class="admonition note"><p class="admonition-title">Note</p><p>We meet on '
        'Thursdays; see <a class="reference external" href="https://lab.example/rg">'
        "the schedule</a>.</p></div>"
        '<section id="a"><h2>Agents<a class="headerlink" href="#a">¶</a></h2>'
        f"<dl>{entry(1)}{entry(2)}</dl></section></section></article>"
    )
    result = RoundupParser().parse(Email(message_id="<r@x>", html=html))
    assert [(i.title, i.section) for i in result.items] == [
        ("Paper 1", "Agents"),
        ("Paper 2", "Agents"),
    ]
    assert result.newsletter.name == "Lab Notes"


def test_rst_blurb_lists_and_literals_read_as_prose() -> None:
    text = (
        "Digest\n======\n\nLLMs\n----\n"
        "`Paper <https://arxiv.org/abs/2601.00001>`_\n"
        "    At two bits per value:\n\n"
        "    * perplexity holds;\n"
        "    - a ``KVCache`` class\n"
        "      wraps it.\n\n"
        "`Other <https://arxiv.org/abs/2601.00002>`_ - a dash\n"
        "    - not a list: this line goes on the sentence above.\n"
    )
    items, _ = parse_rst(text)
    assert [i.blurb for i in items] == [
        "At two bits per value: perplexity holds; a KVCache class wraps it.",
        "a dash - not a list: this line goes on the sentence above.",
    ]
