"""Shapes from a check on real emails (round 17: a Cooper Press weekly through SendGrid, a
Kit letter of quotes, a Kit changelog's text part): links a Kit text part writes on lines of
their own inside parentheses, a title boxed between two rules with its link, a link inside a
sentence, list entries that are no labels, a multipart that lost its boundaries, and a
"Together with" logo behind a click tracker that hides its target."""

from __future__ import annotations

from bot.decode.message import decode_email
from parsers.blockitems import _Banners
from parsers.htmlblocks import Block, Link
from parsers.plaintext import parse_plain

KIT = "https://click.kit-mail.example/abc123/"


def test_a_boxed_title_with_its_link_on_lines_of_its_own_is_an_item() -> None:
    text = (
        "-----------------------------\n"
        f"Webhook Replay (\n{KIT}replay\n)\n"
        "-----------------------------\n\n"
        "You can now replay any delivery from the last 30 days,\none at a time or in bulk:\n\n"
        "* Replay a single delivery\n"
        "* Filter by endpoint\n\n"
        "-----------------------------\n"
        f"Per-Region Limits (\n{KIT}limits\n)\n"
        "-----------------------------\n\n"
        f"This replaces the global limit in Retries (\n{KIT}retries\n) and adds bursts.\n"
    )
    items, _, sections = parse_plain(text)
    assert [(i.title, i.url, i.section) for i in items] == [
        ("Webhook Replay", f"{KIT}replay", None),  # "Filter by endpoint" is no label
        ("Per-Region Limits", f"{KIT}limits", None),  # "Retries" is a link in a sentence
    ]
    assert sections == []


def test_a_link_inside_a_sentence_is_no_title() -> None:
    text = f"* Added a dry-run flag (\n{KIT}cli\n), printing what would be sent.\n"
    assert parse_plain(text)[0] == []


def test_a_boxed_label_loses_its_colon() -> None:
    text = (
        "-------------\nFixes:\n-------------\n\n"
        f"Webhook signatures (\n{KIT}sig\n)\n"
        "Signed again after retries.\n"
    )
    items, _, sections = parse_plain(text)
    assert sections == ["Fixes"]
    assert [(i.title, i.section) for i in items] == [("Webhook signatures", "Fixes")]


def test_a_multipart_without_its_boundaries_reads_as_text() -> None:
    raw = (
        b"From: Team <team@example.com>\nSubject: Changelog\n"
        b'Content-Type: multipart/alternative; boundary="b1b2b3"\n\n'
        b"Hi,\n\nWhat shipped this month.\n"
    )
    email = decode_email(raw)
    assert email.text is not None
    assert "What shipped this month." in email.text


def test_a_logo_behind_a_hidden_tracker_is_not_every_link_of_its_host() -> None:
    tracker = "https://u1.ct.sendgrid.net/ls/click?upn="
    logo = Link(f"{tracker}Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op0Qr1_St2Uv3Wx4Yz5", "Acme", image_only=True)
    banner = Block("Together with", [logo])
    banners = _Banners(None)
    story = Link(f"{tracker}Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1_St2Uv3Wx4Yz5", "A story")
    assert not banners.card(banner, story, [Block(story.text, [story])], 0)
    card = Link(logo.href, "Acme's card")
    assert banners.card(banner, card, [Block(card.text, [card])], 0)


def test_a_sponsor_card_is_read_past_a_divider_row() -> None:
    # "This week's issue is presented by Quillstack" / "<a>Stop writing release notes …</a>"
    # / "— — —" / "Quillstack turns merged pull requests …": the card's first line of text
    # names the sponsor, the divider row between them holds no words.
    banner = Block("This week's issue is presented by Quillstack", [])
    title = Link("https://quillstack.example/", "Stop writing release notes by hand")
    blocks = [
        Block(title.text, [title]),
        Block("— — —", []),
        Block("Quillstack turns merged pull requests into release notes.", []),
    ]
    assert _Banners(None).card(banner, title, blocks, 0)
