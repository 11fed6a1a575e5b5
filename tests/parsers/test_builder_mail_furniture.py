"""Furniture around the stories of builder-made news mails (checked against a club's
GetResponse news mail and a newspaper's Inxmail evening digest, both German): a
view-in-browser link asked as a question and then an imperative, an author's profile link
under the editor's letter, a bold salutation, a shop button under a story's heading, and
a text part writing each picture as its alt text and source."""

from __future__ import annotations

import pytest

from bot.models import Email
from parsers import parse
from parsers.blockitems import extract
from parsers.htmlblocks import html_blocks
from parsers.text import is_boilerplate_link

TRACK = "https://mail.example/click.html?x=9&lc="


@pytest.mark.parametrize(
    "words",
    [
        "Wird dieser Newsletter nicht richtig dargestellt? Hier im Browser ansehen!",
        "¿No ves bien este correo? Ver en tu navegador",
        "Problème d'affichage ? Voir la version en ligne",
        "Non visualizzi correttamente questa email? Clicca qui",
        "Having trouble viewing this email? Click here to read it",
    ],
)
def test_a_view_in_browser_question_is_furniture(words: str) -> None:
    assert is_boilerplate_link(words, TRACK + "view")


def test_a_headline_asking_a_question_stays_a_story() -> None:
    assert not is_boilerplate_link(
        "Why do glaciers sing? We asked three acoustic researchers", TRACK + "story"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://paper.example/autor/jana-beispiel-jb/?utm_source=newsletter&utm_medium=email",
        "https://journal.example/auteur/marc-exemple/",
        "https://diario.example/autores/lucia-ejemplo?ref=nl",
        "https://giornale.example/autore/paolo-esempio/",
        "https://blog.example/author/sam-sample/?utm_campaign=weekly",
    ],
)
def test_an_author_profile_link_is_a_byline(url: str) -> None:
    assert is_boilerplate_link("Jana Beispiel", url)


def test_a_story_under_an_author_folder_stays() -> None:
    assert not is_boilerplate_link(
        "Sam's guide to sourdough", "https://blog.example/author/sam/sourdough-guide"
    )


CLUB = (
    '<div><a href="' + TRACK + 'view">Siehst du diese Nachricht nicht korrekt? Im Browser'
    " ansehen!</a></div>"
    "<p><strong>Moin zusammen,</strong></p>"
    "<p>unsere Handballerinnen haben am Wochenende den Pokal geholt, und die ganze Halle"
    " hat mitgefeiert. Trainerin Ronja Muster lobte die Abwehr und den langen Atem.</p>"
    "<p><strong>Dauerkarten: Rückrunde gegen Nordhafen</strong></p>"
    "<p>Das erste Heimspiel der Rückrunde steigt am Sonntag um 16 Uhr in der Seehalle.</p>"
    "<p>Komm vorbei und feuere das Team an</p>"
    '<table><tr><td><a style="font-weight:bold" href="' + TRACK + 'shop">Jetzt kaufen</a>'
    "</td></tr></table>"
    '<p>Muster Sportverein e.V. <a href="' + TRACK + 'unsub">abmelden</a></p>'
)


def test_a_shop_button_under_a_heading_is_the_headings_link() -> None:
    items = extract(html_blocks(CLUB)).items
    assert [(i.title, i.url, i.section) for i in items] == [
        ("Dauerkarten: Rückrunde gegen Nordhafen", TRACK + "shop", None)
    ]


def test_a_text_part_picture_does_not_replace_the_html_items() -> None:
    text = (
        "Muster SV Newsletter [https://cdn.mail.example/photos/logo-1a2b.png]\n\n"
        "Moin zusammen,\n\nunsere Handballerinnen haben den Pokal geholt.\n\n"
        "Dauerkarten: Rückrunde gegen Nordhafen\n\n"
        "[https://cdn.mail.example/photos/halle-3c4d.png] [" + TRACK + "pic]\n"
        "Das erste Heimspiel der Rückrunde steigt am Sonntag.\n\n"
        "Jetzt kaufen [" + TRACK + "shop]\n"
    )
    email = Email(message_id="<club@example>", subject="Pokal!", html=CLUB, text=text)
    items = parse(email).items
    assert [(i.title, i.url) for i in items] == [
        ("Dauerkarten: Rückrunde gegen Nordhafen", TRACK + "shop")
    ]


def test_an_editors_profile_link_under_the_letter_is_no_item() -> None:
    markup = (
        "<p>Guten Abend,</p><p>der Stadtrat hat heute den neuen Radweg am Ufer beschlossen,"
        " nach zwei Jahren Streit um die Parkplätze.</p>"
        '<p><a href="https://paper.example/autor/jana-beispiel-jb/?utm_source=nl">Jana'
        " Beispiel</a></p>"
        "<h2>Nachrichten</h2>"
        '<p><b><a href="https://paper.example/d?1">Fähre fährt wieder nach Plan</a></b></p>'
        "<p>Nach drei Wochen Werftzeit ist die Fähre zurück im Dienst.</p>"
    )
    assert [i.title for i in extract(html_blocks(markup)).items] == ["Fähre fährt wieder nach Plan"]
