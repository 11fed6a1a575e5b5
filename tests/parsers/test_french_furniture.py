"""French newsletters' own furniture and buttons, and a title closing on a quote in
guillemets: cards read as in English letters (invented fixture, checked against two real
French weeklies)."""

from pathlib import Path

from bot.decode import load_file
from parsers import parse
from parsers.blockshapes import is_cta, is_listing_button
from parsers.text import is_boilerplate_link, is_footer, is_promo, split_title

FIXTURE = Path(__file__).parent.parent / "fixtures/parsers/generic/french_cards_furniture.eml"


def test_french_cards_without_furniture() -> None:
    result = parse(load_file(FIXTURE))
    assert [(i.title, i.url) for i in result.items] == [
        (
            "Robots de cuisine : la start-up Mijote promet des repas « sans aucune intervention »",
            "https://www.veille-numerique.example/robots-cuisine-autonomes/",
        ),
        (
            "Randonnée : 6 applications de cartes hors ligne comparées",
            "https://www.veille-numerique.example/cartes-hors-ligne-randonnee/",
        ),
        (
            "Le RSS fait son retour chez les lecteurs qui fuient les algorithmes",
            "https://www.veille-numerique.example/retour-du-rss/",
        ),
    ]


def test_french_words() -> None:
    for text in (
        "Consulter la version en ligne",
        "Ouvrir dans le navigateur",
        "Gérer mon abonnement",
        "S'abonner à La Veille Pro en un clic",
        "Abonnez-vous !",
        "Abonné",
        "LIRE DANS L'APP",
    ):
        assert is_boilerplate_link(text, "https://trk.example/c/x1"), text
    assert not is_boilerplate_link(
        "Abonnements : la presse en ligne résiste", "https://a.example/p"
    )
    assert is_footer("Vous recevez ce mail car vous êtes abonné.e à HyperLettre.")
    assert is_promo("Partagez cette newsletter et bénéficiez du programme de parrainage :")
    assert is_promo("Cette newsletter vous a été transférée ? Abonnez-vous")
    assert is_cta("Lire l’article.")
    assert is_cta("En savoir plus")
    assert is_listing_button("Voir tous les outils")
    assert not is_listing_button("Voir la mer depuis un train de nuit")


def test_closing_guillemet_is_a_quote() -> None:
    assert split_title("Meta AI avoue son projet de « domination mondiale »").text == (
        "Meta AI avoue son projet de « domination mondiale »"
    )
    assert split_title("Continuer la lecture »").text == "Continuer la lecture"
