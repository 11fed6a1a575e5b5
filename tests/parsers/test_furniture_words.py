"""Furniture links are recognised by their short wording, in English, German, French and
Spanish; a story title that merely starts with such a word, or contains it inside
another word ("prefers"), is not furniture."""

from __future__ import annotations

import pytest

from parsers.text import SPONSOR_TAG, is_boilerplate_link, is_footer

URL = "https://news.example/story"


@pytest.mark.parametrize(
    "text",
    [
        "Unsubscribe", "View this email in your browser", "Manage your preferences",
        "Refer a friend", "Track your referrals here.", "Share", "Share this issue",
        "Share The Opening Bell with a colleague", "Forward to a friend", "Follow us on X",
        "Privacy policy", "Terms of service", "Im Browser ansehen", "Newsletter abbestellen",
        "Impressum", "Datenschutz", "Voir dans le navigateur", "Se désabonner",
        "Ver en el navegador", "Darse de baja",
        "Click here if you no longer wish to receive these emails and want to unsubscribe",
    ],
)  # fmt: skip
def test_furniture_link_texts(text: str) -> None:
    assert is_boilerplate_link(text, URL)


@pytest.mark.parametrize(
    "text",
    [
        "Designing motion that respects prefers-reduced-motion",
        "Privacy regulators fine a social network over data transfers",
        "Follow the money: where AI startups spend their funding",
        "Terms of service changes spark a backlash among developers",
        "Share buybacks hit a record in the second quarter",
        "Forward-looking statements: what the earnings calls did not say",
        "Meta lets users in Europe opt out of training on their posts and photos",
        "How a compiler refers to symbols it has not seen yet",
    ],
)
def test_story_titles_that_start_with_furniture_words_are_content(text: str) -> None:
    assert not is_boilerplate_link(text, URL)


@pytest.mark.parametrize(
    "label", ["Sponsored", "Anzeige", "Werbung", "Sponsorisé", "Publicité", "Patrocinado"]
)
def test_sponsor_labels_in_several_languages(label: str) -> None:
    assert SPONSOR_TAG.match(label)


@pytest.mark.parametrize(
    "text",
    [
        "Sie erhalten diesen Newsletter, weil Sie sich angemeldet haben.",
        "Vous recevez cet e-mail car vous êtes abonné.",
        "Recibes este correo porque te suscribiste.",
    ],
)
def test_footers_in_several_languages(text: str) -> None:
    assert is_footer(text)


@pytest.mark.parametrize(
    ("text", "url", "furniture"),
    [
        # An ad's headline over a sign-up page of the advertised service: the ad.
        (
            "Want to ship AI agents with built-in auth and security?",
            "https://idp.example/signup?x=1",
            False,
        ),
        # The newsletter's own sign-up, short or saying so: furniture.
        ("Sign Up", "https://news.example/signup", True),
        ("Get the daily briefing free in your inbox", "https://news.example/signup", True),
    ],
)
def test_a_signup_page_under_an_ad_headline_is_the_ad(text: str, url: str, furniture: bool) -> None:
    assert is_boilerplate_link(text, url) is furniture
