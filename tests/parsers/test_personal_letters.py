"""Personal letters sent whole (checked against a German Kit letter and a German Mailchimp
letter pitching the author's course): a letter recommending nothing is one item, titled by
the subject; its free sign-up box ("Was this forwarded to you?" / "→ Kostenlos anmelden")
and the sender's own page after it are furniture; postscript labels ("PS", "P.P.S.") head
no section; the same offer linked twice through two tracker links is one item. Also a
phrase linked word by word under a heading (The Batch's year-in-review intro): citations,
no story link."""

from __future__ import annotations

import pytest

from bot.models import Email, Item
from parsers.blockitems import _POSTSCRIPT
from parsers.generic import GenericParser
from parsers.text import is_boilerplate_link, is_footer, is_promo

# A letter's prose: nineteen paragraphs, no links, no headings (invented).
PROSE = "".join(
    f"<p>{line}</p>"
    for line in [
        "Last spring I planted a row of beans against the north fence, where nothing grows.",
        "My neighbour laughed, and honestly, so did I, a little.",
        "The soil there is cold until June and the shade lingers well past noon.",
        "Still, every morning I watered them and wrote down what I saw in a small notebook.",
        "For weeks the notebook said the same thing: nothing, nothing, nothing at all.",
        "Then one wet Tuesday a pale hook of a stem pushed through the crust of the bed.",
        "What I learned is not about beans. It is about how long we wait before we give up.",
        "Most of us quit in the third week, right before the first shoot would have shown.",
        "So here is a small exercise for you: pick one thing you stopped doing too early.",
        "Write down the week you stopped, and what you expected to see by then.",
        "Then ask yourself honestly whether the soil was simply colder than you thought.",
        "Try it tonight, with a pen and three quiet minutes before you go to sleep.",
        "You may find that the thing you dropped was about to sprout, or that it never could.",
        "Both answers are useful, because both tell you how your own ground behaves.",
        "My beans, by the way, gave a handful of pods in September, late and a little bitter.",
        "I ate every one of them standing at the fence, and they were the best of the year.",
        "Next season I will plant them again in the same cold corner, and wait a week longer.",
        "Patience is not a virtue you have or lack; it is a habit you practise in small rows.",
        "And the more often you practise it, the earlier you notice the first pale hook.",
    ]
)

SIGN_OFF = "<p>Warm wishes from the garden,</p><p>Mira</p>"

SIGN_UP_BOX = (
    "<p>Was this email forwarded to you? 🌱</p>"
    "<p>If you would like these letters too, you can sign up here:</p>"
    '<p><b><a href="https://trk.example/c/aa11/signup">→ Sign up free</a></b></p>'
)

FOOTER = (
    "<p><b>Remember:</b> Slow roots hold the hill. And if it does not hold yet, the roots"
    " are still growing.</p>"
    '<p><a href="https://trk.example/c/bb22/resources">Every worksheet and template in one'
    " place</a>.</p>"
    "<p>Why am I getting this email? Because you signed up with your address.</p>"
    '<p>Unsubscribe: <a href="https://trk.example/unsub">here</a></p>'
)


def _items(html: str, subject: str = "Why we quit in the third week") -> tuple[Item, ...]:
    email = Email(
        message_id="<t@example>", subject=subject, html=f"<html><body>{html}</body></html>"
    )
    return GenericParser().parse(email).items


def test_a_letter_recommending_nothing_is_one_item_the_letter() -> None:
    got = _items(PROSE + SIGN_OFF + "<p>PS: Next time, the seven things that help.</p>"
                 + SIGN_UP_BOX + FOOTER)  # fmt: skip
    assert [(i.title, i.url, i.section) for i in got] == [
        ("Why we quit in the third week", None, None)
    ]
    assert got[0].blurb.startswith("Last spring I planted a row of beans")


def test_sign_up_buttons_in_other_languages_are_furniture_too() -> None:
    box = SIGN_UP_BOX.replace("→ Sign up free", "→ S'inscrire gratuitement")
    got = _items(PROSE + SIGN_OFF + box + FOOTER)
    assert [i.title for i in got] == ["Why we quit in the third week"]


PITCH = (
    "<p><b>That, my friend, is the whole trick.</b></p>"
    + PROSE
    + "<p>I show you the method step by step here:</p>"
    '<p><b><a href="https://list.example/track/click?u=9f&amp;id=a1">The Patient Garden'
    " Course</a></b></p>"
    "<p>Grow slowly, grow well,</p><p>Your Mira</p>"
    "<p>PS</p><p>A reader once asked whether I ever give real tips. I do, after the course.</p>"
    "<p>P.P.S.</p><p>The offer ends on Friday at midnight.</p><p>Here is the link again:</p>"
    '<p><b><a href="https://list.example/track/click?u=9f&amp;id=b2">The Patient Garden'
    " Course</a></b></p>"
    "<p>Copyright © 2026 Patient Garden Ltd, all rights reserved.</p>"
)


def test_a_pitch_linked_twice_is_one_item_under_no_postscript_section() -> None:
    got = _items(PITCH, subject="The key nobody likes")
    assert [(i.title, i.url, i.section) for i in got] == [
        ("The Patient Garden Course", "https://list.example/track/click?u=9f&id=a1", None)
    ]


def test_a_phrase_linked_word_by_word_gives_its_heading_no_story() -> None:
    story = (
        "<h1>{t}</h1><p>{p} A long paragraph about what happened this year, written out in"
        ' full, <a href="https://news.example/{s}">as the agency reported</a> on Monday.</p>'
    )
    html = (
        "<h1>Best of the Year</h1><h1>A Quiet Revolution</h1><p>The year may be remembered as"
        " the one when tools learned to wait. "
        + "".join(
            f'<a href="https://letter.example/issue-{n}">{w}</a> '
            for n, w in enumerate(["Like", "in", "earlier", "years"])
        )
        + ", this issue looks back at the main threads of the last twelve months.</p>"
        + story.format(t="Seed Banks Go Digital", p="Vaults scanned their drawers.", s="seeds")
        + story.format(t="Orchards Share Presses", p="Cider makers pooled gear.", s="presses")
    )
    assert [i.title for i in _items(html, subject="Best of the Year")] == [
        "Seed Banks Go Digital",
        "Orchards Share Presses",
    ]


@pytest.mark.parametrize(
    "text",
    ["→ Kostenlos anmelden", "S'inscrire gratuitement", "Sign up free", "-->→ Gratis abonnieren",
     "Suscríbete gratis", "Iscriviti gratuitamente"],
)  # fmt: skip
def test_free_sign_up_buttons_are_furniture(text: str) -> None:
    assert is_boilerplate_link(text, "https://trk.example/c/1")


@pytest.mark.parametrize(
    "text", ["Jetzt anmelden", "Register for the workshop", "Kostenloser Kurs"]
)
def test_an_events_own_button_is_no_sign_up(text: str) -> None:
    assert not is_boilerplate_link(text, "https://events.example/spring")


@pytest.mark.parametrize(
    "text",
    ["Du hast diese E-Mail weitergeleitet bekommen? ✉️", "Was this forwarded to you?",
     "¿Te reenviaron este correo?", "Wurde dir diese E-Mail weitergeleitet?"],
)  # fmt: skip
def test_forwarded_sign_up_boxes_are_the_letters_own_ask(text: str) -> None:
    assert is_promo(text)


def test_a_forwarded_report_is_no_ask() -> None:
    assert not is_promo("Die Anfrage wurde an das Bauamt weitergeleitet, sagt die Stadt.")


@pytest.mark.parametrize(
    "text",
    ["Warum bekommst du diese E-Mail? Weil du dich angemeldet hast.",
     "Why am I getting this email?", "Pourquoi recevez-vous cet e-mail ?"],
)  # fmt: skip
def test_why_you_get_this_opens_the_footer(text: str) -> None:
    assert is_footer(text)


def test_why_questions_in_prose_open_no_footer() -> None:
    assert not is_footer("Why are you getting this much rain in July?")


@pytest.mark.parametrize(
    ("label", "postscript"),
    [("PS", True), ("P.S.", True), ("PPS:", True), ("P. P. S.", True), ("Post-scriptum", True),
     ("Nachtrag", True), ("PSA", False), ("PSD2", False), ("P.S. 2026", False)],
)  # fmt: skip
def test_postscript_labels(label: str, postscript: bool) -> None:
    assert bool(_POSTSCRIPT.match(label)) is postscript
