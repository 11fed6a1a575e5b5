"""Letters written as one post or as a few headed stories (measured on three French
letters as sent: a Substack essay, a Kessel digest, a media blog's weekly):

- Substack's email of a post links its title into the app ("substack.com/app-link/post?
  …post_id=…"), an address naming no page; the post's item carries the post's web address
  "<pub>.substack.com/p/<slug>" that the same email links (its header image, "Read in
  app", Restack), most of them behind Substack's "redirect/2/<base64 JSON>" links.
- In such a post, paragraphs opening with a bold lead and a dash ("**Last mile –** … a
  study <a>showed delays halved</a> in …") cite their sources mid-sentence: the essay's
  prose, no items (its "further reading" links stay items).
- A byline set as a small heading under a story's heading ("#### Par Lena Ortiz") does
  not stop the search for the story's link: the story is titled by its heading, the byline
  names its author.
- A question heading ("Connaissez-vous …?") over a paragraph opening with a bold link is
  a story with that link; "link" inside "LinkedIn" is no read-more button.

Cafétech (Substack, 2025-04-01) F1 0.667 -> 1.000; Kessel HyperTextes 0.857 -> 0.857
(titles 4/6 -> 6/6).
"""

from __future__ import annotations

from pathlib import Path

from bot.decode import load_file
from bot.models import Email
from bot.normalise.urls import canonical_url
from parsers import parse

FIXTURE = Path(__file__).parents[1] / "fixtures/parsers/generic/substack_app_link_essay.eml"


def _items(html: str, subject: str = "Lettre du jeudi") -> list[tuple[str, str | None, str | None]]:
    email = Email(
        message_id="<t@example>", subject=subject, sender="news@letter.example", html=html
    )
    return [(it.title, it.url, it.section) for it in parse(email).items]


def test_the_substack_post_carries_its_web_address_and_its_dash_leads_are_prose() -> None:
    items = parse(load_file(FIXTURE)).items
    assert [(it.title, it.url, it.section) for it in items] == [
        (
            "Les vélos cargo gagnent la bataille des livraisons",
            "https://velocite.substack.com/p/les-velos-cargo-gagnent",
            None,
        ),
        (
            "Les microhubs urbains sortent des parkings",
            "https://substack.com/redirect/11111111-aaaa-4bbb-8ccc-000000000003?j=tok",
            "Pour aller plus loin",
        ),
        (
            "Comment les consignes à colis ont conquis les gares",
            "https://substack.com/redirect/11111111-aaaa-4bbb-8ccc-000000000004?j=tok",
            "Pour aller plus loin",
        ),
    ]


def test_substacks_read_in_app_address_is_the_posts_page() -> None:
    assert (
        canonical_url("https://open.substack.com/pub/velocite/p/les-velos?utm_source=email")
        == "https://velocite.substack.com/p/les-velos"
    )


_PROSE = (
    "Une enquête de trois mois montre comment les vidéos trompeuses gagnent les fils des "
    "plus jeunes, souvent en moins d’une heure d’usage, et pourquoi la modération peine."
)


def test_a_byline_heading_under_the_story_heading_leaves_the_heading_the_title() -> None:
    html = f"""<html><body>
<h2>Pourquoi les fils vidéo égarent leurs lecteurs</h2>
<h4>Par Lena Ortiz</h4>
<p>{_PROSE}</p>
<p>La chercheuse <a href="https://study.example/report">Mira Solal</a> détaille la méthode.</p>
<p><strong><a href="https://media.example/fils-video">Lire l’article.</a></strong></p>
<h2>Les ateliers de réparation font salle comble</h2>
<p>{_PROSE} <a href="https://repair.example/ateliers">Le reportage</a> suit trois bénévoles.</p>
</body></html>"""
    email = Email(message_id="<t@example>", subject="Lettre", sender="n@l.example", html=html)
    items = parse(email).items
    first = items[0]
    assert (first.title, first.url, first.authors) == (
        "Pourquoi les fils vidéo égarent leurs lecteurs",
        "https://media.example/fils-video",
        ("Lena Ortiz",),
    )


def test_a_question_heading_over_a_paragraph_opening_with_its_bold_link() -> None:
    html = f"""<html><body>
<h2>Les ateliers de réparation font salle comble</h2>
<p>{_PROSE} <a href="https://repair.example/ateliers">Le reportage</a> suit trois bénévoles.</p>
<h2>Connaissez-vous Ciel Ouvert ?</h2>
<p><strong><a href="https://cielouvert.example/">Ciel Ouvert</a></strong>, c’est la lettre
d’une astronome amateur, suivie par des milliers de lecteurs et
<a href="https://social.example/in/astro">Top Voice Science sur LinkedIn</a>.</p>
<p>Chaque mois, elle raconte une découverte du ciel, des comètes aux exoplanètes, avec des
cartes simples et des conseils pour observer depuis un balcon en ville.</p>
</body></html>"""
    assert _items(html)[1][:2] == ("Connaissez-vous Ciel Ouvert ?", "https://cielouvert.example/")
