"""An item's other fields, once its title and link are right: a card's read time and its
publisher's label, a "Save" button, a paper's authors and citation lines, an ad's button
and legally required marking, a preprint's posted date, a plain-text "Full issue" link and
a sponsor's closing button after a bullet line."""

from __future__ import annotations

from datetime import date

from bot.models import Item
from bot.normalise.text import drop_button_line
from parsers.blockitems import extract
from parsers.cardparts import authors_line, is_ad_marking, is_citation
from parsers.htmlblocks import html_blocks
from parsers.plaintext import parse_plain
from parsers.tldr_text import parse_tldr_text


def _items(markup: str, issued: date | None = None) -> list[Item]:
    blocks = html_blocks(f"<html><body>{markup}</body></html>")
    return extract(blocks, issued=issued).items


def _card(label: str, n: int, read: str = "· 9 min read") -> str:
    return (
        f"<p>{label}</p>"
        f'<p><b><a href="https://pub{n}.example/story-{n}">Story number {n} about a thing</a></b></p>'
        f"<p>What story {n} is about, told in a sentence or two.</p>"
        f"<table><tr><td>{read}</td>"
        f'<td><a href="https://reader.example/save?u={n}">&#9733; Save</a></td></tr></table>'
    )


def test_a_card_read_time_under_its_summary_is_read_minutes_and_save_is_no_link() -> None:
    items = _items("<h2>Essential reads</h2>" + _card("Harbor Review", 1) + _card("Ledger", 2))
    assert [(i.read_minutes, i.links) for i in items] == [(9, ()), (9, ())]
    assert "min read" not in items[0].blurb
    assert "Save" not in items[0].blurb


def test_a_label_over_each_card_title_opens_its_own_card_not_the_card_before() -> None:
    items = _items(
        "<h2>Essential reads</h2>"
        + _card("Harbor Review", 1)
        + _card("Northwind Science", 2)
        + _card("The Ledger", 3, read="")
    )
    assert [i.blurb.split(" — ")[0] for i in items] == [
        "Harbor Review",
        "Northwind Science",
        "The Ledger",
    ]
    assert all("Northwind" not in i.blurb for i in items if i.url.endswith("story-1"))


def test_a_short_source_line_under_unlabelled_cards_stays_with_its_card() -> None:
    # Cards whose first title has no label over it: the short line after each summary
    # (the story's site) belongs to the card above, as before.
    markup = "<h2>Articles</h2>" + "".join(
        f'<p><b><a href="https://fieldnotes.example/l/{n}">A longer story title {n}</a></b></p>'
        f"<p>Summary of the story number {n}, in one sentence.</p><p>site{n}.example</p>"
        for n in range(3)
    )
    items = _items(markup)
    assert [i.blurb.rsplit(" ", 1)[-1] for i in items] == [
        "site0.example",
        "site1.example",
        "site2.example",
    ]


def _paper(n: int, authors: str, dek: str = "") -> str:
    return (
        f'<p><b><a href="https://journal.example/articles/{n}">A method for problem {n} that '
        "scales to large inputs</a></b></p>"
        + (f"<p>{dek}</p>" if dek else "")
        + f"<p>{authors}</p><p><i>Journal of Systems</i>, Volume 12, Issue 3, e{n}</p>"
    )


def test_a_paper_authors_line_fills_authors_and_the_citation_leaves_the_blurb() -> None:
    items = _items(
        "<h2>Articles</h2>"
        + _paper(1, "Mira Okafor, Tomás Reyes &amp; Lena Hoffmann")
        + _paper(2, "Aarav Menon and Sofia Lindqvist")
        + _paper(3, "Gabriela Duarte", dek="Why deciding late keeps every accelerator busy.")
    )
    assert [i.authors for i in items] == [
        ("Mira Okafor", "Tomás Reyes", "Lena Hoffmann"),
        ("Aarav Menon", "Sofia Lindqvist"),
        ("Gabriela Duarte",),
    ]
    assert [i.blurb for i in items] == ["", "", "Why deciding late keeps every accelerator busy."]
    assert is_citation("J. Syst. Res., vol. 7, no. 2, pp. 1-9")
    assert not is_citation("Volume 12 of the series ships with issue tracking")
    # One name alone, with no citation under it, is not taken for an author.
    blocks = html_blocks("<p>Open Source</p><p>More text follows here.</p>")
    assert authors_line("Open Source", True, blocks, 0) == ()
    assert authors_line("NASA and ESA", False, blocks, 0) == ()


def test_an_ad_button_and_its_legal_marking_are_not_its_blurb() -> None:
    ad = "https://email.example/c/104?r=https%3A%2F%2Fcloud.example%2Ftrial"
    items = _items(
        "<h2>Разработка</h2><p>Реклама</p>"
        f'<p><b><a href="{ad}">Облачные GPU для обучения моделей: 7 дней бесплатно</a></b></p>'
        "<p>Серверы с A100 в Москве. Оплата посекундно.</p>"
        f'<table><tr><td><a href="{ad}">Попробовать</a></td></tr></table>'
        "<p>Реклама. ООО «Облачные Системы», ИНН 7701234567. erid: 2VtzqxKLmN3</p>"
    )
    assert [(i.blurb, i.sponsor) for i in items] == [
        ("Серверы с A100 в Москве. Оплата посекундно.", True)
    ]
    assert is_ad_marking("Реклама. ИП Иванов И. И., ИНН 771234567890")
    assert not is_ad_marking("Реклама в Telegram подорожала на треть за год")


def test_a_posted_date_alone_is_no_blurb_in_a_preprint_alert() -> None:
    items, _, _ = parse_plain(
        "BIOINFORMATICS\n\n"
        "A transformer model predicts splice sites\nHana Takeda, Oren Weiss\n"
        "doi: https://doi.org/10.1101/2025.03.11.642210\nPosted March 13, 2025\n\n"
        "Fast estimation of strain abundance\nLucas Ferreira, Aylin Demir\n"
        "https://www.biorxiv.org/content/10.1101/2025.03.12.642455v1\nPublished: 2025-03-12\n"
    )
    assert [(i.blurb, i.authors) for i in items] == [
        ("", ("Hana Takeda", "Oren Weiss")),
        ("", ("Lucas Ferreira", "Aylin Demir")),
    ]


def test_a_full_issue_line_in_plain_text_is_furniture() -> None:
    items, _, _ = parse_plain(
        "Weekly Bits #12\n\nA story about Rust\nhttps://a.example/rust\nWhat it says.\n\n"
        "A story about Go\nhttps://b.example/go\nWhat that says.\n\n"
        "Full issue: https://weeklybits.example/issues/12\n\n"
        "Read the full issue: https://weeklybits.example/issues/12\n\n"
        "Web version: https://weeklybits.example/issues/12\n"
    )
    assert [i.title for i in items] == ["A story about Rust", "A story about Go"]


def test_an_arrow_button_on_its_own_line_after_a_bullet_leaves_the_blurb() -> None:
    items, _ = parse_tldr_text(
        "TLDR Fintech 2025-12-02\n\n"
        "RECONCILE TEN MILLION TRANSACTIONS (SPONSOR) [1]\n\n"
        "Ledgerline matches bank feeds and your ledger.\n\n"
        "✅ Audit trail your auditors will like\n\n"
        "Book a 20-minute demo → [1]\n\n"
        "Links:\n------\n[1] https://ledgerline.example/r\n"
    )
    assert drop_button_line(items[0].blurb).split("\n") == [
        "Ledgerline matches bank feeds and your ledger.",
        "✅ Audit trail your auditors will like",
    ]
    # Real lines ending in an arrow stay: a sentence, a long line, a lower-case one.
    for kept in (
        "Summary.\nWe moved from Python to Go, and it paid off →",
        "Summary.\nHow the new scheduler handles a thousand queued jobs →",
        "Summary.\nsee the thread →",
        "Book a demo →",
    ):
        assert drop_button_line(kept) == kept
    assert drop_button_line("Summary.\nStart free »") == "Summary."
