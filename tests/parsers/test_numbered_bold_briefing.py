"""A daily briefing's list: bold lines numbered "1 Title", "2 Title" … (a space after the
number, no "." or ")"), each over a sentence citing its source in brackets ("(<a>Source</a>
$)", the "$" marking a paywall), and "+ More reading. (<a>Source</a>)" lines under it. The
numbers leave the titles, the "+" lines are the story's secondary links. The
numbered_bold_briefing.html fixture's golden covers a whole list."""

from __future__ import annotations

from bot.models import Email, Item
from bot.normalise import normalise_result
from parsers import parse
from parsers.blockshapes import brief, in_briefs
from parsers.htmlblocks import Block, Link, html_blocks


def letter_items(html: str) -> list[Item]:
    email = Email(
        message_id="<briefing@test>",
        subject="The Ledger",
        sender="desk@ledger.example",
        sender_name="The Ledger",
        list_id="",
        date=None,
        text="",
        html=html,
    )
    return list(normalise_result(parse(email)).items)


def _entry(n: int, title: str, slug: str, plus: str = "") -> str:
    more = (
        f'<br>\n+ <em>{plus}</em> (<a href="https://more.example.net/{slug}">Wire</a>)'
        if plus
        else ""
    )
    return (
        f"<strong>{n} {title}</strong><br>\n"
        f'What happened, in one sentence of prose. (<a href="https://news.example.org/{slug}">'
        f"Daily Ledger</a> $){more}<br>\n&nbsp;<br>\n"
    )


def _letter(*entries: str) -> str:
    return "<html><body><h1>Must reads</h1><p>" + "".join(entries) + "</p></body></html>"


def test_numbered_bold_titles_lose_their_numbers_and_plus_lines_are_links() -> None:
    html = _letter(
        _entry(
            1,
            "Ferries on the Clyde get new batteries",
            "clyde",
            "Glasgow has ordered two more for the islands",
        ),
        _entry(2, "A library lends out seed packets", "seeds"),
        _entry(
            3,
            "10 bridges that were built backwards",
            "bridges",
            "An engineer explains why it happens so often",
        ),
    )
    items = letter_items(html)
    assert [(i.title, i.url) for i in items] == [
        ("Ferries on the Clyde get new batteries", "https://news.example.org/clyde"),
        ("A library lends out seed packets", "https://news.example.org/seeds"),
        ("10 bridges that were built backwards", "https://news.example.org/bridges"),
    ]
    assert items[0].links == (
        ("Glasgow has ordered two more for the islands", "https://more.example.net/clyde"),
    )
    assert items[2].links == (
        ("An engineer explains why it happens so often", "https://more.example.net/bridges"),
    )


def test_a_bold_line_opening_with_a_number_outside_a_run_keeps_it() -> None:
    blocks = html_blocks(
        "<p><strong>10 tools we liked this month</strong><br>A roundup of what the team used."
        " <a href='https://blog.example.org/tools'>Read it</a></p>"
    )
    assert blocks[0].text == "10 tools we liked this month"
    two = html_blocks(_letter(_entry(1, "One story", "a"), _entry(2, "Another story", "b")))
    assert [b.text for b in two if b.bold and not b.level] == ["1 One story", "2 Another story"]


def test_a_paywall_mark_after_the_source_still_cites_it() -> None:
    src = Link("https://news.example.org/x", "Daily Ledger")
    block = Block("Regulators opened an inquiry into the merger. (Daily Ledger $)", [src])
    assert brief(block) == ("Regulators opened an inquiry into the merger", src, "")


def test_a_plus_line_under_a_brief_ends_no_run_but_plus_briefs_make_one() -> None:
    a = Link("https://news.example.org/a", "Wire")
    b = Link("https://news.example.org/b", "Ledger")
    lead = Block("Harbour cranes are going electric across the north. (Wire)", [a])
    plus = Block("+ The grid upgrade will take another two years. (Ledger)", [b])
    assert not in_briefs([lead, plus], 0)
    plus_a = Block("+ Harbour cranes are going electric across the north. (Wire)", [a])
    assert in_briefs([plus_a, plus], 0)


def test_in_a_text_part_the_numbered_line_titles_the_cited_source() -> None:
    from parsers.plaintext import _numbered_cited

    para = (
        "2 A library lends out seed packets\n"
        "Borrowers bring back seeds from what they grew. (Town Crier (https://crier.example.org/seeds) $)\n"
        "+ Seed swaps are spreading. (Wire (https://wire.example.net/seed-swaps) )"
    )
    got = _numbered_cited(para)
    assert got is not None
    assert got[:2] == ("A library lends out seed packets", "https://crier.example.org/seeds")
    assert "https://" not in got[2]
    # A numbered line over prose that cites no source in brackets is no such entry.
    assert _numbered_cited("10 tools we liked\nA roundup of what the team used.") is None
