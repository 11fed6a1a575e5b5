"""Shapes added in round 9 of the generic parser, each on a few lines: a body sent as one
<pre> of plain text, preprint alerts (title, authors line, doi line), Russian and Hebrew
furniture, "Supported by" sections, app-store and full-issue links, and an ad's product
subscription behind a "/subscribe" address."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.models import Email
from bot.normalise.text import drop_trailing_cta
from parsers.blockitems import extract
from parsers.blockshapes import is_cta, is_nav
from parsers.generic import GenericParser, pre_text
from parsers.htmlblocks import html_blocks, parse_html
from parsers.plaintext import parse_plain
from parsers.text import SPONSOR_TAG, is_boilerplate_link, is_footer, is_outro


def _email(html: str = "", text: str = "") -> Email:
    return Email(
        sender="news@list.example",
        sender_name="List",
        subject="Weekly",
        date=datetime(2025, 3, 20, tzinfo=UTC),
        message_id="<m@list.example>",
        html=html,
        text=text,
    )


def test_a_body_sent_as_one_pre_is_read_as_plain_text() -> None:
    html = (
        "<html><body><pre>NEWS\n----\n\n"
        '  * <a href="https://lwn.example/Articles/1/">Scheduler gets a deadline class</a>\n'
        "    A BPF scheduler borrows ideas from EEVDF.\n\n"
        '  * <a href="https://lwn.example/Articles/2/">Debian freeze dates announced</a>\n'
        "    Transition freeze in April.\n\n"
        "That's all for this week. Full articles are at\n"
        '<a href="https://lwn.example/Weekly/">https://lwn.example/Weekly/</a>\n'
        "</pre></body></html>"
    )
    items = GenericParser().parse(_email(html=html)).items
    assert [(i.title, i.url, i.section) for i in items] == [
        ("Scheduler gets a deadline class", "https://lwn.example/Articles/1/", "NEWS"),
        ("Debian freeze dates announced", "https://lwn.example/Articles/2/", "NEWS"),
    ]
    # A link is written as plain text writes it; its URL alone when its words are the URL.
    root = parse_html('<pre>a <a href="https://x.example/1"><b>T</b></a> b</pre>')
    assert pre_text(root).strip() == "a T <https://x.example/1> b"
    assert pre_text(parse_html("<p>no pre here</p>")) == ""


def test_a_preprint_entry_is_titled_above_its_authors_line() -> None:
    text = (
        "GENOMICS\n\n"
        "Long-read assemblies of wild tomato reveal structural\nvariants\n"
        "María Gutiérrez, Jonas Berg, Wei Liu\n"
        "doi: https://doi.org/10.1101/2025.03.11.642301\n"
        "Posted March 13, 2025\n\n"
        "Methylation maps from one nanopore run\n"
        "Ruth Abebe, Dmitri Sokolov\n"
        "https://www.biorxiv.org/content/10.1101/2025.03.12.642518v1\n"
    )
    items, _, _ = parse_plain(text)
    assert [(i.title, i.section, i.authors) for i in items] == [
        (
            "Long-read assemblies of wild tomato reveal structural variants",
            "GENOMICS",
            ("María Gutiérrez", "Jonas Berg", "Wei Liu"),
        ),
        ("Methylation maps from one nanopore run", "GENOMICS", ("Ruth Abebe", "Dmitri Sokolov")),
    ]
    assert items[0].url == "https://doi.org/10.1101/2025.03.11.642301"
    assert items[0].blurb == ""  # its posted date alone is no summary (test_item_details.py)


def test_a_plain_close_with_a_link_and_a_footer_paragraph_end_the_items() -> None:
    text = (
        "Tools\n-----\n\nir-diff\n<https://github.com/t/ir-diff>\nStructural IR diffs.\n\n"
        "That's all for this week. Full issue at\n<https://bulletin.example/41>\n\n"
        "You are receiving this because you signed up. Manage: https://b.example/m\n"
        "Unsubscribe: https://b.example/u\n"
    )
    items, _, _ = parse_plain(text)
    assert [(i.title, i.blurb) for i in items] == [("ir-diff", "Structural IR diffs.")]


def test_supported_by_heads_a_sponsored_section() -> None:
    items, _, _ = parse_plain(
        "SUPPORTED BY\n------------\n\n"
        "Bootlab: embedded Linux training <https://bootlab.example/t>\nFive days in Lyon.\n"
    )
    assert [(i.section, i.sponsor) for i in items] == [("SUPPORTED BY", True)]


def test_russian_and_hebrew_labels_buttons_footers_and_closes() -> None:
    for label in ("Реклама", "Партнёрский материал", "Партнерский материал", "תוכן ממומן"):
        assert SPONSOR_TAG.match(label)
    for button in ("Читать далее", "Подробнее", "להמשך קריאה ←", "קראו עוד"):
        assert is_cta(button)
    assert drop_trailing_cta("Новый драйвер принят. Читать далее") == "Новый драйвер принят."
    assert drop_trailing_cta("השבב נבדק אצל שני ספקים. להמשך קריאה ←") == "השבב נבדק אצל שני ספקים."
    assert is_footer("Вы получили это письмо, потому что подписались. Отписаться")
    assert is_footer("קיבלת את המייל הזה כי נרשמת. להסרה מרשימת התפוצה")
    assert is_boilerplate_link("Открыть в браузере", "https://e.example/web/1")
    assert is_boilerplate_link("לצפייה בדפדפן", "https://e.example/web/1")
    assert is_outro("На этом всё. До встречи через неделю!")
    assert is_outro("זהו להשבוע, נתראה ביום ראשון הבא!")
    assert is_outro("See you at the customs house!")
    # An ad label over its card flags the card, not the section.
    items = extract(
        html_blocks(
            "<h2>Разработка</h2>"
            '<p><a href="https://a.example/1"><b>Сигналы против хуков в трёх фреймворках</b></a></p>'
            "<p>Сравниваем подходы на одном приложении.</p><p>Реклама</p>"
            '<p><a href="https://gpu.example/trial"><b>Облачные GPU: 7 дней бесплатно</b></a></p>'
            "<p>Серверы с A100 в двух дата-центрах.</p>"
        )
    ).items
    assert [(i.section, i.sponsor) for i in items] == [("Разработка", False), ("Разработка", True)]


def test_app_store_and_full_issue_links_are_furniture() -> None:
    assert is_boilerplate_link("Get the iOS app", "https://apps.apple.example/app/stash")
    assert is_boilerplate_link("Get our Android app", "https://play.example/store/x")
    assert is_boilerplate_link("Browse the full issue online", "https://j.example/vol/12/3")
    assert not is_boilerplate_link("The full issue of trust", "https://j.example/essay")


def test_a_subscribe_address_under_an_ads_headline_is_the_ads_link() -> None:
    url = "https://coffee.example/subscribe?utm_source=x"
    assert not is_boilerplate_link("Fresh Beans, Roasted the Day They Ship", url)
    # The newsletter's own sign-up stays furniture, whatever its words.
    assert is_boilerplate_link("Subscribe", url)
    assert is_boilerplate_link("Join 40,000 engineers who read it every week", url)
    assert is_boilerplate_link("Get the best stories in your inbox", url)


def test_two_buttons_in_a_row_are_no_story() -> None:
    block = html_blocks(
        '<p><a href="https://t.example/c/1">Full text</a> | '
        '<a href="https://t.example/c/2">PDF</a></p>'
    )[0]
    assert is_nav(block)
    title = html_blocks(
        '<p><a href="https://t.example/c/1">Why skewed traffic matters</a> | '
        '<a href="https://t.example/c/2">PDF</a></p>'
    )[0]
    assert not is_nav(title)


def test_a_signature_separator_with_trailing_spaces_ends_the_text() -> None:
    items, _, _ = parse_plain(
        "ir-diff\n<https://github.com/t/ir-diff>\nStructural IR diffs.\n\n"
        "--   \nThe Bulletin goes out every other Tuesday.\n"
        "Archive: <https://bulletin.example/archive>\n"
    )
    assert [i.title for i in items] == ["ir-diff"]
