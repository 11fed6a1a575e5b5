"""Shapes added in round 6 of the generic parser, each on a few lines: "Title:" /
"Authors:" plain-text listings (arXiv), search alerts' side links and buttons (Google
Scholar, Google Alerts), Reddit and DEV digests' cards, Italian, Portuguese, Dutch and
Japanese furniture, and titles written without spaces between words."""

from __future__ import annotations

from datetime import date

from bot.models import Item
from bot.normalise.text import drop_trailing_cta
from bot.normalise.urls import canonical_url
from parsers.blockitems import extract
from parsers.blockshapes import is_cta, is_discussion
from parsers.fielded import fielded_entries
from parsers.htmlblocks import Link, html_blocks
from parsers.metaline import meta_line
from parsers.plaintext import parse_plain
from parsers.text import (
    is_boilerplate_link,
    is_footer,
    is_outro,
    split_title,
    word_count,
)

RULE = "-" * 78


def _items(markup: str) -> list[Item]:
    return extract(html_blocks(f"<html><body>{markup}</body></html>")).items


def _entry(n: int, title: str) -> str:
    return "\n".join(
        [
            "\\\\",
            f"arXiv:2510.0150{n}",
            "Date: Thu, 2 Oct 2025 17:59:58 GMT   (812kb)",
            "",
            title,
            "Authors: Priya Raman, Tomás Ortega and Wei Zhang",
            "Categories: cs.CL cs.LG",
            "\\\\",
            f"  Paper {n} studies speculative decoding with shared caches and finds",
            "that verification memory halves.",
            f"\\\\ ( https://arxiv.org/abs/2510.0150{n} ,  812kb)",
            RULE,
        ]
    )


def test_an_arxiv_listing_gives_one_paper_per_entry_with_its_wrapped_title() -> None:
    # The mailing's own notes come first ("To unsubscribe, e-mail …"): no footer here.
    head = f"{RULE}\nTo unsubscribe, e-mail To: cs@arXiv.org, Subject: cancel\n{RULE}\n"
    text = head + _entry(1, "Title: Draft Trees that Share a KV\n  Cache") + "\n"
    text += _entry(2, "Title: A Benchmark for Spreadsheet Agents")
    items, _, _ = parse_plain(text)
    assert [(i.title, i.url) for i in items] == [
        ("Draft Trees that Share a KV Cache", "https://arxiv.org/abs/2510.01501"),
        ("A Benchmark for Spreadsheet Agents", "https://arxiv.org/abs/2510.01502"),
    ]
    assert items[0].authors == ("Priya Raman", "Tomás Ortega", "Wei Zhang")
    assert items[0].blurb.startswith("Paper 1 studies speculative decoding")


def test_title_fields_without_rules_or_authors_are_not_a_listing() -> None:
    # Entries need a title, authors and a link; a letter mentioning "Title:" is no listing.
    text = "Title: Notes\nhttps://a.example/1\n\nTitle: More notes\nhttps://a.example/2\n"
    assert fielded_entries(text) == []
    with_authors = text.replace("\nhttps", "\nAuthors: Ana Ruiz\nhttps")
    assert [i.title for i in fielded_entries(with_authors)] == ["Notes", "More notes"]


def test_a_search_results_pdf_side_link_and_save_button_are_no_items() -> None:
    assert is_cta("[PDF] arxiv.org")
    assert not is_cta("[D] Is anyone still using LSTMs in production?")
    assert is_boilerplate_link("Save", "https://scholar.example/citations?info=1")
    assert is_boilerplate_link("Cancel alert", "https://scholar.example/alerts?op=cancel")
    assert is_boilerplate_link("Edit this alert", "https://google.example/alerts/edit")
    assert not is_boilerplate_link("Save the date for RustConf", "https://rustconf.example/")


def test_a_share_button_linking_the_story_does_not_make_it_the_issues_page() -> None:
    # The "Twitter" share link carries the paper's URL: the title above it is still an item.
    wrap = "https://scholar.example/scholar_url?url=https://arxiv.org/abs/2510.01234&hl=en"
    share = "https://scholar.example/scholar_share?ss=tw&url=https://arxiv.org/abs/2510.01234"
    items = _items(
        f'<h3><a href="{wrap}">Sparse routing for long-context retrieval</a></h3>'
        "<div>A Ferreira, B Li - arXiv preprint arXiv:2510.01234, 2025</div>"
        f'<div><a href="{share}">Twitter</a></div>'
        '<h3><a href="https://arxiv.org/abs/2510.00871">When do retrieval heads emerge?</a></h3>'
        "<div>M Okafor - arXiv preprint arXiv:2510.00871, 2025</div>"
    )
    assert [i.title for i in items] == [
        "Sparse routing for long-context retrieval",
        "When do retrieval heads emerge?",
    ]


def test_a_short_thread_link_spelled_in_its_slug_is_the_post_not_its_comments() -> None:
    url = "https://www.reddit.com/r/rust/comments/1nu8x2k/bevy_017_released/"
    assert not is_discussion(Link(url, "Bevy 0.17 released"))
    assert is_discussion(Link(url, "r/rust"))
    assert is_discussion(Link("https://www.reddit.com/r/rust/comments/1nu8x2k/x/", "the thread"))


def test_a_subreddits_page_is_a_cards_byline_not_the_previous_posts_discussion() -> None:
    def card(n: int, sub: str, title: str) -> str:
        return (
            f'<div><b><a href="https://www.reddit.com/{sub}/">{sub}</a></b> · Posted by u/a{n}</div>'
            f'<div><a href="https://www.reddit.com/{sub}/comments/{n}x/{title.lower().replace(" ", "_")}/">'
            f"{title}</a></div><div>{n}00 upvotes · {n}0 comments</div>"
        )

    items = _items(
        card(1, "r/rust", "Bevy 0.17 released") + card(2, "r/selfhosted", "Immich on a Pi 5")
    )
    assert [i.title for i in items] == ["Bevy 0.17 released", "Immich on a Pi 5"]
    assert [i.blurb for i in items] == ["100 upvotes · 10 comments", "200 upvotes · 20 comments"]
    assert items[0].links == ()
    assert (
        canonical_url(
            "https://www.reddit.com/r/rust/comments/1nu8x2k/b/?$deep_link=true&$3p=e_as"
            "&_branch_match_id=138&correlation_id=8f1c&ref_campaign=email_digest&ref_source=email"
        )
        == "https://reddit.com/r/rust/comments/1nu8x2k/b"
    )


def test_a_name_linking_the_page_a_post_lives_under_is_its_author() -> None:
    def card(user: str, name: str, slug: str) -> str:
        return (
            f'<p><a href="https://dev.example/{user}">{name}</a></p><p>Oct 1</p>'
            f'<h2><a href="https://dev.example/{user}/{slug}">A post called {slug}</a></h2>'
            "<p>412 reactions · 38 comments</p>"
        )

    items = _items(card("ana", "Ana Ferreira", "logging-3k9d") + card("bo", "Bo Li", "htmx-1p4a"))
    assert [(i.title, i.authors) for i in items] == [
        ("A post called logging-3k9d", ("Ana Ferreira",)),
        ("A post called htmx-1p4a", ("Bo Li",)),
    ]
    # A bold name over the posts is a feed's or a category's, not an author.
    bold = _items(
        '<p><b><a href="https://news.example/security">Security</a></b></p>'
        '<h2><a href="https://news.example/security/router-flaw">A router flaw is patched</a></h2>'
        "<p>What the flaw allowed and who must update.</p>"
    )
    assert [(i.title, i.authors) for i in bold] == [("A router flaw is patched", ())]


def test_a_job_boards_post_a_job_link_is_furniture() -> None:
    assert is_boilerplate_link("Post a job on Console", "https://console.example/jobs/post")
    assert not is_boilerplate_link("Senior Backend Engineer at Tigris", "https://jobs.example/1")


def test_italian_portuguese_dutch_and_japanese_furniture() -> None:
    for words in ("Visualizza nel browser", "Cancella l'iscrizione", "Gestisci le preferenze",
                  "Ver no navegador", "Cancelar inscrição", "Bekijk in je browser",
                  "Uitschrijven", "Voorkeuren wijzigen", "ブラウザで表示", "配信停止"):  # fmt: skip
        assert is_boilerplate_link(words, "https://news.example/x"), words
    for footer in ("Hai ricevuto questa email perché sei iscritto alla newsletter.",
                   "Você está recebendo este e-mail porque se inscreveu.",
                   "Je ontvangt deze e-mail omdat je je hebt aangemeld.",
                   "このメールはテックウィークリーにご登録いただいた方にお送りしています。",
                   "This message was sent by Google Scholar because you're following A."):  # fmt: skip
        assert is_footer(footer), footer
    assert not is_footer("Ricevi aggiornamenti sul webinar di ottobre.")


def test_italian_portuguese_dutch_and_japanese_ad_labels_flag_the_next_item() -> None:
    for label in ("Annuncio", "Sponsorizzato", "Publicidade", "Advertentie", "Gesponsord", "広告"):
        items = _items(
            f"<p>{label}</p>"
            '<p><b><a href="https://ad.example/x">A webinar on Kubernetes costs</a></b></p>'
            "<p>Join us on 16 October to cut cluster costs.</p>"
        )
        assert [i.sponsor for i in items] == [True], label


def test_a_lenticular_pr_tag_opening_a_title_flags_an_ad() -> None:
    assert split_title("【PR】開発チームの生産性を可視化する") == (
        "開発チームの生産性を可視化する",
        None,
        None,
        True,
    )
    assert split_title("【速報】新しいリリース").sponsor is False
    # "PR" in Latin brackets is a pull request as often as an ad: no tag.
    assert split_title("Fix the scheduler race (PR)").sponsor is False


def test_read_more_buttons_in_other_languages_leave_the_blurb() -> None:
    for button in ("Leia mais", "Lees meer »", "Leggi di più →", "続きを読む"):
        assert is_cta(button), button
    assert drop_trailing_cta("São Paulo e Recife. Leia mais") == "São Paulo e Recife."
    assert drop_trailing_cta("事例を紹介します。 続きを読む") == "事例を紹介します。"
    assert drop_trailing_cta("Un testo. Leggi di più") == "Un testo."
    assert drop_trailing_cta("Ik wil leia mais lezen") == "Ik wil leia mais lezen"


def test_a_heading_titled_story_whose_button_is_leia_mais_keeps_its_heading() -> None:
    items = _items(
        "<h2>Por que startups estão trocando a AWS por nuvens locais</h2>"
        "<p>Custos em dólar e a LGPD pesam na decisão; ouvimos CTOs de cinco empresas.</p>"
        '<p><a href="https://news.example/nuvens">Leia mais</a></p>'
        "<p>Publicidade</p>"
    )
    assert [(i.title, i.url) for i in items] == [
        ("Por que startups estão trocando a AWS por nuvens locais", "https://news.example/nuvens")
    ]


def test_closes_in_other_languages_end_the_last_item() -> None:
    for close in ("Per oggi è tutto. Buona settimana e alla prossima!", "É isso por hoje. Até a próxima!",
                  "Tot volgende week!", "今週も最後までお読みいただき、ありがとうございました。"):  # fmt: skip
        assert is_outro(close), close
    assert not is_outro("Buona lettura dei nostri articoli su Python e Rust di questa settimana.")


def test_cjk_titles_count_their_words_by_characters() -> None:
    assert word_count("Two plain words") == 3
    assert word_count("生成AIの業務活用が進む国内企業") >= 5
    assert word_count("메모 두 개") == 3  # Korean writes spaces: counted as usual
    # Paragraphs opening with a link, written without spaces: one item each, as in English.
    items = _items(
        "<h2>ピックアップ</h2>"
        '<p><a href="https://a.example/1">TypeScript5.9の新機能を総ざらいした記事</a>では、'
        "import deferなど実務で効く変更点を整理しています。</p>"
        '<p><a href="https://a.example/2">個人開発で月十万円を稼ぐまでにやったこと</a>は、'
        "リリースから一年間の集客と価格設定の試行錯誤の記録です。</p>"
    )
    assert [i.url for i in items] == ["https://a.example/1", "https://a.example/2"]
    # A label ending in a full-width colon before the title link.
    labelled = _items(
        '<p>本日の注目：<a href="https://a.example/c1">生成AIの業務活用が進む国内企業の最新事例</a>。'
        "製造業を中心に広がっています。</p>"
    )
    assert [i.title for i in labelled] == ["生成AIの業務活用が進む国内企業の最新事例"]


def test_a_date_and_by_line_under_an_rss_post_names_its_author() -> None:
    meta = meta_line("Oct 6, 2025 09:14 am · By Mira Castellanos", date(2025, 10, 7))
    assert meta is not None
    assert meta.author == "Mira Castellanos"
    # Only "By" and a capitalised name: a lower-case "by …" part names nobody.
    plain = meta_line("Oct 6, 2025 · by the way this is", date(2025, 10, 7))
    assert plain is None or plain.author == ""


MAGAZINE = "\n".join(
    [
        "━" * 20,
        "　今週の注目記事",
        "━" * 20,
        "",
        "【1】生成AIの社内導入、失敗しないための五つのポイント",
        "",
        "多くの企業が生成AIの試験導入を進めています。",
        "",
        "▼続きを読む",
        "https://news.example/a/1",
        "",
        "【2】Rustで書き直したら何が速くなったのか",
        "",
        "ログ集計ツールをRustに移行した経緯を紹介します。",
        "",
        "▼詳しくはこちら",
        "https://news.example/a/2",
        "",
        "■" + "━" * 20,
        "　ニュースピックアップ",
        "━" * 20,
        "",
        "・Rust 1.90がリリース、LLDが標準リンカーに",
        "　https://news.example/n/1",
        "",
        "・GitHub、Copilotのコードレビュー機能を全プランに開放",
        "　https://news.example/n/2",
    ]
)


def test_a_plain_text_mail_magazines_boxed_headings_titles_and_buttons() -> None:
    # "━━━" boxes a heading; a title line, its prose, then "▼続きを読む" and the URL make one
    # story; "・" bullets a title over its URL; "【1】" numbers a title.
    items, _, sections = parse_plain(MAGAZINE)
    assert [(i.title, i.url, i.section) for i in items] == [
        (
            "生成AIの社内導入、失敗しないための五つのポイント",
            "https://news.example/a/1",
            "今週の注目記事",
        ),
        ("Rustで書き直したら何が速くなったのか", "https://news.example/a/2", "今週の注目記事"),
        (
            "Rust 1.90がリリース、LLDが標準リンカーに",
            "https://news.example/n/1",
            "ニュースピックアップ",
        ),
        (
            "GitHub、Copilotのコードレビュー機能を全プランに開放",
            "https://news.example/n/2",
            "ニュースピックアップ",
        ),
    ]
    assert items[0].blurb == "多くの企業が生成AIの試験導入を進めています。"
    assert sections == ["今週の注目記事", "ニュースピックアップ"]


def test_a_read_more_line_after_a_heading_and_its_prose_is_the_headings_link() -> None:
    text = (
        "The cost of microservices\n=========================\n\n"
        "A 12-person startup counted what its 40 services cost them.\n\n"
        "Read more: https://blog.example/microservices\n"
    )
    items, _, _ = parse_plain(text)
    assert [(i.title, i.url) for i in items] == [
        ("The cost of microservices", "https://blog.example/microservices")
    ]
    assert items[0].blurb == "A 12-person startup counted what its 40 services cost them."
    # A lone button with nothing to title is no item.
    assert parse_plain("Read more: https://blog.example/x\n")[0] == []


def test_a_cjk_title_opening_with_a_product_name_is_no_button() -> None:
    assert not is_cta("GitHub、Copilotのコードレビュー機能を全プランに開放")
    assert is_cta("お申し込みはこちら")
    assert split_title("【3】新しいリリース").text == "新しいリリース"


def test_a_one_word_label_over_a_post_under_its_page_is_no_item_and_no_author() -> None:
    # "Security" may be a category's page as well as a user's: not a story, not an author.
    items = _items(
        '<p><a href="https://news.example/security">Security</a></p>'
        '<h3><a href="https://news.example/security/router-flaw">Router flaw lets attackers in</a>'
        "</h3><p>Patch now, says the vendor.</p>"
    )
    assert [(i.title, i.authors) for i in items] == [("Router flaw lets attackers in", ())]


def test_a_flag_as_irrelevant_link_carrying_the_results_url_keeps_the_result() -> None:
    def result(n: int) -> str:
        target = f"https://example.org/a{n}"
        return (
            f'<p><a href="https://www.google.com/url?rct=j&sa=t&url={target}&ct=ga">Postgres'
            f" news number {n} for the week</a><br>example.org<br>What happened in part {n}.<br>"
            f'<a href="https://www.google.com/alerts/feedback?ffu={target}">Flag as irrelevant</a></p>'
        )

    items = _items(result(1) + result(2))
    assert [i.title for i in items] == [
        "Postgres news number 1 for the week",
        "Postgres news number 2 for the week",
    ]
