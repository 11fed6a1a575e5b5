"""A post sent alone as its text part (Substack's "View this post on the web at https://…"
atop an essay whose links sit inside its sentences): one item, the post itself, titled
by the subject, its blurb the opening paragraph. A text part that lists items of its
own (sponsor blocks, a link blog's entries) keeps them."""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from bot.models import Email, Item
from parsers.generic import GenericParser

FIXTURES = Path(__file__).parent.parent / "fixtures" / "parsers" / "generic"
R = "https://substack.com/redirect/"
POST = "https://quaynotes.substack.example/p/tally-sticks"
OPENING = (
    "Long before ledgers, a debt was a notched stick split in two, one half for each "
    "party, and the two halves had to match when the debt was settled."
)


def _parse(text: str, subject: str = "What tally sticks knew about audits") -> tuple[Item, ...]:
    email = Email(message_id="<t@example>", subject=subject, text=text)
    return GenericParser().parse(email).items


def test_a_text_part_essay_is_the_post_itself() -> None:
    text = (
        f"View this post on the web at {POST}\n\n"
        f"{OPENING}\n"
        "The method survived for centuries [ " + R + "q1 ] because cheating it was "
        "visible to anyone who held the other half, which is more than most audit logs "
        "can claim today, and that is the point of this essay: the record both parties "
        "hold is the record nobody can quietly change.\n"
        "Halves that must match\n"
        "A log that both sides keep is harder to rewrite than one kept by either side.\n\n"
        f"Unsubscribe {R}2/eyJlIjoiaHR0cHM6In0.Q?\n"
    )
    items = _parse(text)
    assert [(i.title, i.url, i.blurb) for i in items] == [
        ("What tally sticks knew about audits", POST, OPENING)
    ]


def test_the_opening_paragraph_loses_its_inline_links_and_joins_wrapped_lines() -> None:
    words = "The method survived for centuries [ " + R + "q1 ] because cheating it was"
    text = (
        f"View this post on the web at {POST}\n\n"
        f"{words}\nvisible to anyone who held the other half of the stick, which is\n"
        "more than most audit logs can claim today, and that is this essay's point:\n"
        "the record both parties hold is the record nobody can quietly change.\n\n"
        "A log that both sides keep is harder to rewrite than one kept by either side.\n"
    )
    (item,) = _parse(text)
    assert item.blurb.startswith(
        "The method survived for centuries because cheating it was visible"
    )
    assert "redirect" not in item.blurb


def test_no_post_without_its_address_or_without_prose() -> None:
    prose = f"{OPENING} " * 3
    assert _parse(f"{prose}\nAnother paragraph of the same letter, no address.\n") == ()
    # The address over a few short lines (a notice, not an essay): no post.
    short = f"View this post on the web at {POST}\n\nThe issue is late this week.\nSorry!\n"
    assert _parse(short) == ()


def test_a_text_part_with_items_of_its_own_keeps_them() -> None:
    email = load_file(FIXTURES / "substack_unwrapped_sponsored_essay.eml")
    titles = [i.title for i in GenericParser().parse(email).items]
    assert titles == [
        "Ship incident reviews your team will read",
        "The on-call guide for small teams",
    ]


def test_a_mail_exports_json_front_matter_titles_the_post() -> None:
    email = load_file(FIXTURES / "text_essay_json_front_matter.md")
    (item,) = GenericParser().parse(email).items
    assert item.title == "Lantern Weekly #212: What Kiln Logs Teach About Retries"
    assert item.url == "https://lanternpress.substack.example/p/lantern-weekly-212-kiln-logs"
    assert item.blurb.startswith("A potter who fires a wood kiln")
