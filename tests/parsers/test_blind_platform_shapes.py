"""Shapes added in a blind round of the generic parser (sender platforms no fixture had
before: Inxmail, Mautic, Listmonk, an Outlook intranet digest, GetResponse,
Squarespace): section lines set only in large type, an event's date leaf beside its title,
a card's label linked like its title, ticket and sign-up buttons, sponsor labels and
referral asks in more languages, and a masthead whose apostrophe the body curls."""

from __future__ import annotations

from bot.normalise.text import drop_trailing_cta
from parsers.blockitems import extract
from parsers.blockshapes import is_cta
from parsers.htmlblocks import html_blocks
from parsers.text import SPONSOR_TAG, is_promo


def _items(html: str, *skip: str) -> list[tuple[str, str | None, str | None, bool, str]]:
    found = extract(html_blocks(f"<html><body>{html}</body></html>"), skip_headings=skip).items
    return [(i.title, i.url, i.section, i.sponsor, i.blurb) for i in found]


def _bold(html: str) -> list[tuple[str, bool]]:
    return [(b.text, b.bold) for b in html_blocks(f"<html><body>{html}</body></html>")]


_SIZED = "<p><span style='font-size: 18pt; color: #e67e23;'>{}</span></p>"


def test_lines_in_large_type_are_bold() -> None:
    html = _SIZED.format("Releases") + "<p>Text.</p>" + _SIZED.format("Worth reading")
    assert _bold(html) == [("Releases", True), ("Text.", False), ("Worth reading", True)]


def test_one_large_line_a_sentence_or_words_inside_a_line_stay_plain() -> None:
    # One line alone: a digest's title over its list, not a builder's heading style.
    assert _bold(_SIZED.format("New videos from your subscriptions")) == [
        ("New videos from your subscriptions", False)
    ]
    html = (
        _SIZED.format("Thanks for reading.")
        + _SIZED.format("Cheers,<br>— Nadia")
        + "<p>Only <span style='font-size:20px'>today</span> at half price</p>"
        + "<p><a href='https://x.example/a'><span style='font-size:20px'>A title</span></a></p>"
    )
    assert [bold for _, bold in _bold(html)] == [False, False, False, False, False]


def test_a_large_line_between_line_breaks_is_bold() -> None:
    html = (
        "<td><span style='font-size:14.0pt;color:#C00000'>Agenda</span><br><br>"
        "Some text<br><br><span style='font-size:19px'>Informatique</span><br>more</td>"
    )
    assert _bold(html) == [
        ("Agenda", True),
        ("Some text", False),
        ("Informatique", True),
        ("more", False),
    ]


def test_sections_in_large_type_head_their_items() -> None:
    item = "<p><a href='https://h.example/{0}'>Story {0} about things</a><br>What it says.</p>"
    html = (
        _SIZED.format("Releases")
        + item.format(1)
        + item.format(2)
        + _SIZED.format("Worth reading")
        + item.format(3)
    )
    assert [(t, s) for t, _, s, _, _ in _items(html)] == [
        ("Story 1 about things", "Releases"),
        ("Story 2 about things", "Releases"),
        ("Story 3 about things", "Worth reading"),
    ]


def test_a_date_leaf_beside_an_event_opens_its_blurb() -> None:
    rows = "".join(
        f"<tr><td><b>{d}</b></td><td><a href='https://e.example/{n}'><b>{t}</b></a>"
        f"<br>{w}</td></tr>"
        for n, (d, t, w) in enumerate(
            [
                ("THU 11 DEC", "Postmortems on stage", "The Lantern, Bristol"),
                ("03.12.2025", "Kommunale Wärmeplanung", "Online, 10:00 Uhr"),
                ("Mar. 9 déc.", "La cybersécurité au quotidien", "Auditorium"),
            ]
        )
    )
    items = _items(f"<h2>Live shows</h2><table>{rows}</table>")
    assert [(t, s, b) for t, _, s, _, b in items] == [
        ("Postmortems on stage", "Live shows", "THU 11 DEC — The Lantern, Bristol"),
        ("Kommunale Wärmeplanung", "Live shows", "03.12.2025 — Online, 10:00 Uhr"),
        ("La cybersécurité au quotidien", "Live shows", "Mar. 9 déc. — Auditorium"),
    ]


def test_a_day_over_its_month_and_weekday_is_one_leaf() -> None:
    html = (
        "<h2>Agenda de diciembre</h2>"
        "<div><span style='font-weight:700'>13</span><br>DIC · SÁB</div>"
        "<div><a href='https://e.example/1'><b>Concierto inaugural</b></a><br>19:00</div>"
    )
    assert [(t, s, b) for t, _, s, _, b in _items(html)] == [
        ("Concierto inaugural", "Agenda de diciembre", "13 DIC · SÁB — 19:00")
    ]


def test_a_card_label_linked_like_its_title_opens_its_blurb() -> None:
    card = (
        "<a href='https://t.example/{0}'><img src='https://i.example/{0}.jpg' "
        "alt='{1} cover art'></a><p>{1}</p>"
        "<p><a href='https://t.example/{0}'>{2}</a></p><p>{3}</p>"
    )
    html = "<h2>New this week</h2>" + card.format(
        1, "Root Cause", "The outage that started with a leap second", "Six hours on a call."
    )
    assert [(t, u, b) for t, u, _, _, b in _items(html)] == [
        (
            "The outage that started with a leap second",
            "https://t.example/1",
            "Root Cause — Six hours on a call.",
        )
    ]


def test_ticket_and_sign_up_buttons_are_no_titles() -> None:
    for words in ("Tickets", "Get tickets", "Inscreva-se", "Entradas", "Ler mais", "Ler o post"):
        assert is_cta(words), words
    assert not is_cta("Tickets for the final go on sale")


def test_sponsor_labels_and_referral_asks_in_more_languages() -> None:
    assert SPONSOR_TAG.match("Parceiro")
    assert SPONSOR_TAG.match("Conteúdo patrocinado")
    assert is_promo("Gefällt Ihnen der Praxisbrief? Newsletter weiterempfehlen")
    assert is_promo("¿Conoces a alguien a quien le pueda interesar? Reenvía este boletín")
    assert not is_promo("Die Stadtwerke empfehlen Kunden einen Wechsel")


def test_closing_buttons_in_german_and_portuguese_leave_the_blurb() -> None:
    assert drop_trailing_cta("Eine Übersicht nach Netzgebieten. mehr »") == (
        "Eine Übersicht nach Netzgebieten."
    )
    assert drop_trailing_cta("Como montar a proteção em meia hora. Ler o post") == (
        "Como montar a proteção em meia hora."
    )
    assert drop_trailing_cta("Zehn Prozent mehr") == "Zehn Prozent mehr"


def test_a_masthead_set_with_a_curled_apostrophe_is_no_section() -> None:
    html = (
        "<p><b>L’Hebdo interne</b></p>"
        "<p><b>Nantes : le nouveau site ouvre</b></p>"
        "<p>Après dix-huit mois de travaux, les collaborateurs se retrouvent sur l’île.</p>"
        "<p>Tout est sur la page du projet. <a href='https://i.example/nantes'>Lire la "
        "suite</a></p>"
    )
    subject = "L'Hebdo interne n° 142 – Nantes ouvre ses portes"
    items = _items(html, subject, "Communication interne", "L'Hebdo interne n° 142")
    assert [(t, s) for t, _, s, _, _ in items] == [("Nantes : le nouveau site ouvre", None)]
